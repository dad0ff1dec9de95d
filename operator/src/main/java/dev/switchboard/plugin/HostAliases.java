package dev.switchboard.plugin;

/**
 * Where the operator itself connects for a host a Connection names, when that differs from where
 * workloads connect: an operator run outside the cluster (the playground) cannot resolve the
 * in-cluster names of Services. Bound Secrets always carry the Connection's own host.
 */
@FunctionalInterface
public interface HostAliases {
  /** On a cluster every name resolves as it does for the workloads. */
  HostAliases NONE = host -> host;

  /** The host or address to connect to for this host. */
  String reach(String host);
}
