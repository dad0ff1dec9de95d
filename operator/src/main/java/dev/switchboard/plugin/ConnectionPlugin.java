package dev.switchboard.plugin;

import dev.switchboard.api.v1alpha1.ConnectionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of data source. Adding a type means adding one implementation of this interface (and
 * registering it in {@link PluginRegistry}); nothing else in the operator knows about types.
 */
public interface ConnectionPlugin {

  /** The value of {@code spec.type} this plugin handles. */
  String type();

  /**
   * The Service Binding type written into the bound Secret's {@code type} key, which is what Spring
   * Cloud Bindings and Quarkus match on. Usually the plugin's own type.
   */
  default String bindingType() {
    return type();
  }

  /**
   * The port used when {@code spec.port} is not set; 0 when the type has none (it then needs a port
   * or a URL).
   */
  int defaultPort();

  /**
   * The port used when {@code spec.port} is not set, with or without TLS (some protocols have one
   * for each).
   */
  default int defaultPort(boolean tls) {
    return defaultPort();
  }

  /**
   * Whether the data source is named by {@code spec.url} (http, s3) rather than {@code spec.host}.
   */
  default boolean addressedByUrl() {
    return false;
  }

  /**
   * Logical credential keys ({@code username}, {@code password}) that must be present in the
   * credential Secret.
   */
  Set<String> requiredCredentials();

  /** Problems with the spec that only this type knows about; empty when the spec is usable. */
  default List<String> validate(ConnectionSpec spec) {
    return List.of();
  }

  /**
   * The data of the bound Secret in the Service Binding format (keys in docs/reference.md). A pure
   * function: the same input gives the same map, so that unchanged Connections write nothing.
   */
  Map<String, String> bindingData(Endpoint endpoint, Credentials credentials);

  /**
   * Connects to the data source and runs this type's check. Returns what the server says about
   * itself, e.g. "PostgreSQL 15.19"; throws on any failure. Must honour {@link
   * ProbeTarget#timeout()} in every blocking call.
   */
  String probe(ProbeTarget target) throws Exception;

  /**
   * Names a failure only this type can recognise (wrong password, unknown database …); empty lets
   * the generic network classification (DNS, refused, timeout, TLS) decide.
   */
  default Optional<Failure> classify(Throwable error, ProbeTarget target) {
    return Optional.empty();
  }
}
