package dev.switchboard.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.function.Function;

/**
 * The event sources both controllers hold, set up the same way in one place: Namespaces (their
 * labels decide selector-based access) and the credential Secrets labelled for the cache.
 */
public final class CommonSources {
  public static final String NAMESPACES = "namespaces";
  public static final String CREDENTIAL_SECRETS = "credential-secrets";

  private CommonSources() {}

  public static <P extends HasMetadata> InformerEventSource<Namespace, P> namespaces(
      Class<P> primary, EventSourceContext<P> context, SecondaryToPrimaryMapper<Namespace> mapper) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Namespace.class, primary)
            .withName(NAMESPACES)
            .withSecondaryToPrimaryMapper(mapper)
            .build(),
        context);
  }

  /** Only Secrets labelled {@value Labels#CREDENTIALS}: the operator never caches every Secret. */
  public static <P extends HasMetadata> InformerEventSource<Secret, P> credentialSecrets(
      Class<P> primary, EventSourceContext<P> context, SecondaryToPrimaryMapper<Secret> mapper) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, primary)
            .withName(CREDENTIAL_SECRETS)
            .withLabelSelector(Labels.CREDENTIALS_SELECTOR)
            .withSecondaryToPrimaryMapper(mapper)
            .build(),
        context);
  }

  /**
   * The other controller's primary kind (bindings for Connections, Connections for bindings), with
   * the changes that matter to this controller only.
   */
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> peers(
      Class<R> kind,
      Class<P> primary,
      String name,
      EventSourceContext<P> context,
      SecondaryToPrimaryMapper<R> mapper,
      OnUpdateFilter<R> changeMatters) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(kind, primary)
            .withName(name)
            .withSecondaryToPrimaryMapper(mapper)
            .withOnUpdateFilter(changeMatters)
            .build(),
        context);
  }

  /** A source set up by this class, found through the reconcile's Context by its name. */
  @SuppressWarnings("unchecked")
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> find(
      EventSourceRetriever<P> retriever, Class<R> kind, String name) {
    return (InformerEventSource<R, P>) retriever.getEventSourceFor(kind, name);
  }

  /** A namespace's labels from the Namespaces source; none for a namespace it does not hold. */
  public static <P extends HasMetadata> Function<String, Map<String, String>> labelsOf(
      InformerEventSource<Namespace, P> namespaces) {
    return name ->
        namespaces
            .get(new ResourceID(name))
            .map(ns -> ns.getMetadata().getLabels())
            .orElse(Map.of());
  }
}
