package dev.switchboard.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An informer's store that keeps of each object only what the operator reads. On a cluster, the API
 * server's managed fields (who set which field) and kubectl's last-applied copy of the whole object
 * are often the larger part of an object; the operator reads neither and writes objects only with
 * patches and with updates built from what it desires, so neither is ever sent back without them.
 * Each object is trimmed as it arrives, before any handler sees it.
 */
public final class SlimItemStore<T extends HasMetadata> extends BasicItemStore<T> {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final UnaryOperator<T> trim;

  private SlimItemStore(UnaryOperator<T> trim) {
    super(Cache::metaNamespaceKeyFunc);
    this.trim = trim;
  }

  /**
   * A store of objects without managed fields and last-applied copy for the informer of a
   * controller that watches the given namespaces; none (the informer's own) when it watches
   * several. The SDK then runs one informer per namespace and hands each the same store, and an
   * informer that lists again would drop the other namespaces' objects from it.
   */
  public static <T extends HasMetadata> SlimItemStore<T> forNamespaces(Set<String> watched) {
    return forNamespaces(watched, UnaryOperator.identity());
  }

  /** As {@link #forNamespaces(Set)}, each object then trimmed by {@code trim}. */
  public static <T extends HasMetadata> SlimItemStore<T> forNamespaces(
      Set<String> watched, UnaryOperator<T> trim) {
    return watched.size() > 1 ? null : new SlimItemStore<>(o -> trim.apply(withoutBookkeeping(o)));
  }

  /** A store for an informer of the controller the context belongs to. */
  public static <T extends HasMetadata> SlimItemStore<T> forSource(
      EventSourceContext<?> context, UnaryOperator<T> trim) {
    return forNamespaces(
        context.getControllerConfiguration().getInformerConfig().getNamespaces(), trim);
  }

  public static <T extends HasMetadata> SlimItemStore<T> forSource(EventSourceContext<?> context) {
    return forSource(context, UnaryOperator.identity());
  }

  @Override
  public T put(String key, T object) {
    T kept;
    try {
      kept = trim.apply(object);
    } catch (RuntimeException malformed) {
      // Trimming only saves memory: an object it cannot handle is kept whole, never lost.
      kept = object;
    }
    return super.put(key, kept);
  }

  static <T extends HasMetadata> T withoutBookkeeping(T object) {
    EmptyExtras.share(object);
    var metadata = object.getMetadata();
    metadata.setManagedFields(null);
    if (metadata.getAnnotations() != null && metadata.getAnnotations().containsKey(LAST_APPLIED)) {
      var annotations = new LinkedHashMap<>(metadata.getAnnotations());
      annotations.remove(LAST_APPLIED);
      metadata.setAnnotations(annotations);
    }
    return object;
  }
}
