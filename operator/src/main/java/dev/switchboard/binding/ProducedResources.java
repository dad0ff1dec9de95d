package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.kube.StatusComparison;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The objects of one kind that bindings produce (Secret, Role or RoleBinding): finds them, and
 * creates, updates or deletes them, but only ever those the binding owns. Reads come from a
 * label-scoped cache; the API server is asked only before a create, because a clashing object that
 * Switchboard does not manage is not in the cache.
 */
public class ProducedResources<T extends HasMetadata> {
  private final Class<T> kind;
  private final ProducedCache<T> cache;
  private final KubernetesClient client;
  private final BiPredicate<T, T> upToDate;
  private final BiPredicate<T, T> mustReplace;

  /**
   * @param upToDate whether an existing owned object already has the desired content
   * @param mustReplace whether the change touches an immutable field, so the object must be deleted
   *     and recreated
   */
  public ProducedResources(
      Class<T> kind,
      ProducedCache<T> cache,
      KubernetesClient client,
      BiPredicate<T, T> upToDate,
      BiPredicate<T, T> mustReplace) {
    this.kind = kind;
    this.cache = cache;
    this.client = client;
    this.upToDate = upToDate;
    this.mustReplace = mustReplace;
  }

  /**
   * Bound Secrets: up to date when the data is (the cache keeps a digest of it, see {@link
   * BoundSecretData}); a new type means a new Secret (immutable).
   */
  public static ProducedResources<Secret> secrets(
      ProducedCache<Secret> cache, KubernetesClient client) {
    return new ProducedResources<>(
        Secret.class,
        cache,
        client,
        BoundSecretData::sameData,
        (a, d) -> !Objects.equals(a.getType(), d.getType()));
  }

  /** Reader Roles: up to date when the rules are. */
  public static ProducedResources<Role> roles(ProducedCache<Role> cache, KubernetesClient client) {
    return new ProducedResources<>(
        Role.class,
        cache,
        client,
        (a, d) -> StatusComparison.same(a.getRules(), d.getRules()),
        (a, d) -> false);
  }

  /** Reader RoleBindings: up to date when the subjects are; a new roleRef means a new object. */
  public static ProducedResources<RoleBinding> roleBindings(
      ProducedCache<RoleBinding> cache, KubernetesClient client) {
    return new ProducedResources<>(
        RoleBinding.class,
        cache,
        client,
        (a, d) -> StatusComparison.same(a.getSubjects(), d.getSubjects()),
        (a, d) -> !StatusComparison.same(a.getRoleRef(), d.getRoleRef()));
  }

  /**
   * The object of that name in the binding's namespace, from the cache, else (when not cached) from
   * the server.
   */
  public Optional<T> find(String namespace, String name) {
    Optional<T> cached = cache.get(new ResourceID(name, namespace));
    if (cached.isPresent()) {
      return cached;
    }
    return Optional.ofNullable(client.resources(kind).inNamespace(namespace).withName(name).get());
  }

  /**
   * The object now named like the desired one, looked up once per reconcile.
   *
   * @param optimistic skip the API server when the cache has nothing: on a binding's first bind an
   *     object of that name rarely exists, and {@link #apply} still finds one that does when its
   *     create meets a 409
   */
  public Optional<T> existing(T desired, boolean optimistic) {
    String namespace = desired.getMetadata().getNamespace();
    String name = desired.getMetadata().getName();
    if (optimistic) {
      return cache.get(new ResourceID(name, namespace));
    }
    return find(namespace, name);
  }

  /** A create met an object of the same name that this binding does not own. */
  public static final class ClashException extends RuntimeException {
    private final String what;

    ClashException(String what) {
      super(what + " already exists", null, false, false);
      this.what = what;
    }

    public String what() {
      return what;
    }
  }

  /** Whether the existing object is not this binding's. */
  public static boolean clashes(
      WorkspaceBinding binding, Optional<? extends HasMetadata> existing) {
    return existing.filter(e -> !OwnedMetadata.isOwnedBy(e, binding)).isPresent();
  }

  /**
   * Creates or updates the desired object, given what {@link #existing} found; writes nothing when
   * the owned object is already as desired.
   */
  public boolean apply(WorkspaceBinding binding, T desired, Optional<T> existing) {
    if (existing.isEmpty()) {
      try {
        remember(client.resource(cache.beforeWrite(desired, null)).create(), null);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        existing = find(desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        if (existing.isEmpty()) {
          throw e;
        }
        if (!OwnedMetadata.isOwnedBy(existing.get(), binding)) {
          throw new ClashException(kind.getSimpleName() + " " + desired.getMetadata().getName());
        }
      }
    }
    T actual = existing.get();
    if (!OwnedMetadata.isOwnedBy(actual, binding)) {
      throw new IllegalStateException(
          kind.getSimpleName()
              + " "
              + desired.getMetadata().getName()
              + " is not owned by the binding");
    }
    if (mustReplace.test(actual, desired)) {
      client.resource(actual).withGracePeriod(0).delete();
      remember(client.resource(cache.beforeWrite(desired, null)).create(), actual);
      return true;
    }
    if (upToDate.test(actual, desired) && metadataUpToDate(actual, desired)) {
      return false;
    }
    // Start from the live metadata (resourceVersion for optimistic locking, others' finalizers and
    // labels) and put ours on top.
    var metadata =
        new ObjectMetaBuilder(actual.getMetadata())
            .withLabels(merged(actual.getMetadata().getLabels(), desired.getMetadata().getLabels()))
            .withAnnotations(
                merged(
                    actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()))
            .withOwnerReferences(desired.getMetadata().getOwnerReferences())
            .build();
    desired.setMetadata(metadata);
    remember(client.resource(cache.beforeWrite(desired, actual)).update(), actual);
    return true;
  }

  /**
   * Puts what this reconcile wrote into the cache at once and lets the cache recognise the watch
   * event it causes: the next reconcile sees the write, and the write does not wake the binding
   * again.
   */
  private void remember(T written, T previous) {
    if (previous == null) {
      cache.created(written);
    } else {
      cache.updated(written, previous);
    }
  }

  /** Deletes an object this reconcile created itself. */
  public void delete(T created) {
    client.resource(created).delete();
  }

  /** Objects this binding owns in its namespace, optionally all but one name. */
  public List<T> owned(WorkspaceBinding binding, String exceptName) {
    // The SDK's index from the controller-reference mapper: scanning the namespace's objects
    // instead made every reconcile cost O(objects).
    return cache.ownedBy(binding).stream()
        .filter(
            r ->
                OwnedMetadata.isOwnedBy(r, binding)
                    && !r.getMetadata().getName().equals(exceptName))
        .toList();
  }

  /**
   * Deletes what this binding owns (all, or all but {@code exceptName}); returns the names deleted.
   */
  public List<String> deleteOwned(WorkspaceBinding binding, String exceptName) {
    List<String> deleted = new ArrayList<>();
    for (T r : owned(binding, exceptName)) {
      client.resource(r).delete();
      deleted.add(r.getMetadata().getName());
    }
    return deleted;
  }

  private static boolean metadataUpToDate(HasMetadata actual, HasMetadata desired) {
    return containsAll(actual.getMetadata().getLabels(), desired.getMetadata().getLabels())
        && containsAll(
            actual.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations())
        && actual.getMetadata().getOwnerReferences() != null
        && actual
            .getMetadata()
            .getOwnerReferences()
            .containsAll(desired.getMetadata().getOwnerReferences());
  }

  private static boolean containsAll(Map<String, String> actual, Map<String, String> wanted) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    return actual != null
        && wanted.entrySet().stream()
            .allMatch(e -> Objects.equals(actual.get(e.getKey()), e.getValue()));
  }

  /** Keeps labels and annotations that others (e.g. a GitOps tool) put on the object. */
  private static Map<String, String> merged(
      Map<String, String> actual, Map<String, String> desired) {
    Map<String, String> out = new TreeMap<>();
    if (actual != null) {
      out.putAll(actual);
    }
    if (desired != null) {
      out.putAll(desired);
    }
    return out;
  }
}
