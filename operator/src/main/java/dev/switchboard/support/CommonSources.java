package dev.switchboard.support;

import dev.switchboard.informers.PublishingInformerEventSource;
import dev.switchboard.informers.SharedKind;
import dev.switchboard.informers.SlimItemStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.function.Function;

/**
 * The informer sources both controllers need, set up in one place: Namespaces (their labels decide
 * selector-based access) and the credential Secrets labelled for the cache. Each is held by one
 * controller and published for the other, which reads it through a {@link SharedKind}.
 */
public final class CommonSources {
  public static final String NAMESPACES = "namespaces";
  public static final String CREDENTIAL_SECRETS = "credential-secrets";

  private CommonSources() {}

  /** The Namespace informer, held by this controller and published for the other. */
  public static <P extends HasMetadata> InformerEventSource<Namespace, P> namespaces(
      SharedKind<Namespace> shared,
      EventSourceContext<P> context,
      SecondaryToPrimaryMapper<Namespace> mapper) {
    return new PublishingInformerEventSource<>(
        shared,
        InformerEventSourceConfiguration.from(Namespace.class, context.getPrimaryResourceClass())
            .withName(NAMESPACES)
            .withSecondaryToPrimaryMapper(mapper)
            .withItemStore(SlimItemStore.forSource(context))
            .build(),
        context);
  }

  /**
   * The credential-Secret informer, held by this controller and published for the other: only
   * Secrets labelled {@value Labels#CREDENTIALS}, so the operator never caches every Secret.
   */
  public static <P extends HasMetadata> InformerEventSource<Secret, P> credentialSecrets(
      SharedKind<Secret> shared,
      EventSourceContext<P> context,
      SecondaryToPrimaryMapper<Secret> mapper) {
    return new PublishingInformerEventSource<>(
        shared,
        InformerEventSourceConfiguration.from(Secret.class, context.getPrimaryResourceClass())
            .withName(CREDENTIAL_SECRETS)
            .withLabelSelector(Labels.CREDENTIALS_SELECTOR)
            .withSecondaryToPrimaryMapper(mapper)
            .withItemStore(SlimItemStore.forSource(context))
            .build(),
        context);
  }

  /** A cache set up by this class or the controller, found through the Context by its name. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata, P extends HasMetadata> IndexedResourceCache<R> find(
      EventSourceRetriever<P> retriever, Class<R> kind, String name) {
    return (IndexedResourceCache<R>) retriever.getEventSourceFor(kind, name);
  }

  /** An informer source of this controller, found through the Context by its name. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> informer(
      EventSourceRetriever<P> retriever, Class<R> kind, String name) {
    return (InformerEventSource<R, P>) retriever.getEventSourceFor(kind, name);
  }

  /** A namespace's labels from the Namespaces cache; none for a namespace it does not hold. */
  public static Function<String, Map<String, String>> labelsOf(
      IndexedResourceCache<Namespace> namespaces) {
    return name ->
        namespaces
            .get(new ResourceID(name))
            .map(ns -> ns.getMetadata().getLabels())
            .orElse(Map.of());
  }
}
