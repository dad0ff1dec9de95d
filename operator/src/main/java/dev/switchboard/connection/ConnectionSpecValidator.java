package dev.switchboard.connection;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.kube.DurationParser;
import dev.switchboard.kube.LabelSelectorMatcher;
import dev.switchboard.kube.UserText;
import dev.switchboard.plugin.ConnectionPlugin;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.provision.Provisioner;
import dev.switchboard.provision.ProvisionerRegistry;
import dev.switchboard.provision.ProvisioningSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a Connection's spec as the CRD schema would, and more: the API server may not have
 * validated it (older CRD, a test server), and some rules need the plugin.
 */
public class ConnectionSpecValidator {
  private final PluginRegistry plugins;
  private final ProvisionerRegistry provisioners;

  public ConnectionSpecValidator(PluginRegistry plugins) {
    this(plugins, ProvisionerRegistry.builtIn(plugins));
  }

  public ConnectionSpecValidator(PluginRegistry plugins, ProvisionerRegistry provisioners) {
    this.plugins = plugins;
    this.provisioners = provisioners;
  }

  /**
   * The provisioner of a PerBinding Connection's type; empty for Shared Connections and other
   * types.
   */
  public Optional<Provisioner> provisionerFor(ConnectionSpec spec) {
    return ConnectionProvisioning.perBinding(spec)
        ? provisioners.find(spec.getType())
        : Optional.empty();
  }

  /** Human-readable problems; empty when the spec is usable. */
  public List<String> problems(ConnectionSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      return List.of("spec is missing");
    }
    malformed(spec, "spec").forEach(problems::add);
    var plugin = plugins.find(spec.getType());
    if (plugin.isEmpty()) {
      problems.add(
          "unknown type '"
              + UserText.abbreviate(spec.getType())
              + "' (known: "
              + String.join(", ", plugins.types())
              + ")");
    }
    if (spec.getPort() != null && (spec.getPort() < 1 || spec.getPort() > 65535)) {
      problems.add("spec.port must be between 1 and 65535");
    }
    if (plugin.isPresent() && !plugin.get().addressedByUrl() && isBlank(spec.getHost())) {
      problems.add("type " + spec.getType() + " needs spec.host");
    }
    if (spec.getCredentials() != null
        && (spec.getCredentials().getSecretRef() == null
            || isBlank(spec.getCredentials().getSecretRef().getName()))) {
      problems.add("spec.credentials.secretRef.name is required");
    }
    plugin
        .filter(p -> !p.requiredCredentials().isEmpty() && spec.getCredentials() == null)
        .ifPresent(p -> problems.add("type " + p.type() + " needs spec.credentials"));
    if (spec.getTest() != null) {
      if (spec.getTest().getInterval() != null
          && DurationParser.parse(spec.getTest().getInterval()).isEmpty()) {
        problems.add("spec.test.interval is not a duration such as 5m");
      }
      if (spec.getTest().getTimeout() != null
          && DurationParser.parse(spec.getTest().getTimeout()).isEmpty()) {
        problems.add("spec.test.timeout is not a duration such as 10s");
      }
    }
    if (spec.getAccess() != null) {
      LabelSelectorMatcher.problems(spec.getAccess().getNamespaceSelector())
          .forEach(p -> problems.add("spec.access.namespaceSelector: " + p));
    }
    if (spec.getParameters() != null
        && spec.getParameters().entrySet().stream()
            .anyMatch(e -> e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null)) {
      problems.add("spec.parameters must map names to strings");
    }
    plugin.map(p -> p.validate(spec)).ifPresent(problems::addAll);
    problems.addAll(ProvisioningSpecValidator.problems(spec, provisioners));
    return problems.stream().distinct().toList();
  }

  /**
   * The provisioner of a type, whatever the Connection's mode: a user made earlier is dropped by
   * it.
   */
  public Optional<Provisioner> provisionerForType(String type) {
    return provisioners.find(type);
  }

  public ConnectionPlugin pluginFor(ConnectionSpec spec) {
    return plugins.find(spec.getType()).orElseThrow();
  }

  /** Fields that had the wrong JSON type, in the spec and the objects inside it. */
  static List<String> malformed(ConnectionSpec spec, String path) {
    return spec.malformedPaths(path).stream().map(f -> f + " has the wrong type").toList();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
