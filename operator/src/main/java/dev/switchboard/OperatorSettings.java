package dev.switchboard;

import dev.switchboard.plugin.HostAliases;
import dev.switchboard.plugin.PluginRegistry;
import dev.switchboard.provision.Provisioner;
import dev.switchboard.provision.ProvisionerRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Operator-wide settings, with the defaults a Connection gets when it does not say.
 *
 * @param namespaces namespaces to watch; empty means all
 * @param leaderElection lease to hold before reconciling; empty runs without leader election
 * @param restartDebounce how long changes of a bound Secret are gathered before opted-in workloads
 *     are rolled; empty turns restart on rotation off (no workload is watched)
 * @param hostAliases where the operator connects for the hosts Connections name (tests and
 *     provisioning); the playground's resolves the in-cluster names of its Services
 * @param plugins the connection types the operator knows; the built-in ones, unless a test stands
 *     in for a data source
 * @param provisioners the types that give each binding a user of its own, likewise
 */
public record OperatorSettings(
    int testConcurrency,
    Duration defaultTestInterval,
    Duration defaultTestTimeout,
    Duration slowTestAfter,
    Set<String> namespaces,
    Optional<LeaderElection> leaderElection,
    Optional<Duration> restartDebounce,
    HostAliases hostAliases,
    PluginRegistry plugins,
    ProvisionerRegistry provisioners) {

  public static final Duration DEFAULT_RESTART_DEBOUNCE = Duration.ofSeconds(1);

  /** Every host reached as the Connection names it. */
  public OperatorSettings(
      int testConcurrency,
      Duration defaultTestInterval,
      Duration defaultTestTimeout,
      Duration slowTestAfter,
      Set<String> namespaces,
      Optional<LeaderElection> leaderElection,
      Optional<Duration> restartDebounce) {
    this(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        leaderElection,
        restartDebounce,
        HostAliases.NONE,
        PluginRegistry.builtIn(),
        ProvisionerRegistry.builtIn(PluginRegistry.builtIn()));
  }

  /** Restart on rotation on, with the default debounce. */
  public OperatorSettings(
      int testConcurrency,
      Duration defaultTestInterval,
      Duration defaultTestTimeout,
      Duration slowTestAfter,
      Set<String> namespaces,
      Optional<LeaderElection> leaderElection) {
    this(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        leaderElection,
        Optional.of(DEFAULT_RESTART_DEBOUNCE));
  }

  /**
   * @param identity this replica's name in the Lease, usually the Pod name
   */
  public record LeaderElection(
      String leaseName, String leaseNamespace, String identity, Duration leaseDuration) {}

  public static OperatorSettings defaults() {
    return new OperatorSettings(
        10,
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Set.of(),
        Optional.empty());
  }

  public OperatorSettings withLeaderElection(LeaderElection election) {
    return new OperatorSettings(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        Optional.of(election),
        restartDebounce,
        hostAliases,
        plugins,
        provisioners);
  }

  public OperatorSettings withRestartDebounce(Optional<Duration> debounce) {
    return new OperatorSettings(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        leaderElection,
        debounce,
        hostAliases,
        plugins,
        provisioners);
  }

  public OperatorSettings withHostAliases(HostAliases aliases) {
    return new OperatorSettings(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        leaderElection,
        restartDebounce,
        aliases,
        plugins,
        provisioners);
  }

  /** The same settings with these plugins, and the built-in provisioners working through them. */
  public OperatorSettings withPlugins(PluginRegistry registry) {
    return new OperatorSettings(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        leaderElection,
        restartDebounce,
        hostAliases,
        registry,
        ProvisionerRegistry.builtIn(registry));
  }

  /** The same settings with this provisioner in place of the one of its type. */
  public OperatorSettings withProvisioner(Provisioner replacement) {
    return new OperatorSettings(
        testConcurrency,
        defaultTestInterval,
        defaultTestTimeout,
        slowTestAfter,
        namespaces,
        leaderElection,
        restartDebounce,
        hostAliases,
        plugins,
        provisioners.with(replacement));
  }
}
