package dev.switchboard.playground;

import dev.switchboard.plugin.HostAliases;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The playground runs no Pods, so the servers on this machine stand in for them: the in-cluster
 * name of a Service it holds ({@code orders-db.platform.svc}, with or without {@code
 * .cluster.local}) reaches this machine, where the operator connects on the Service's port. Other
 * names resolve as usual. Bound Secrets keep the Service's name, as on a cluster.
 */
final class ServiceAliases implements HostAliases {
  static final String THIS_MACHINE = "127.0.0.1";
  private static final Pattern SERVICE_NAME =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?\\.?");

  private final KubernetesClient client;

  ServiceAliases(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String reach(String host) {
    Matcher m = SERVICE_NAME.matcher(host);
    if (!m.matches()) {
      return host;
    }
    boolean held = client.services().inNamespace(m.group(3)).withName(m.group(1)).get() != null;
    return held ? THIS_MACHINE : host;
  }
}
