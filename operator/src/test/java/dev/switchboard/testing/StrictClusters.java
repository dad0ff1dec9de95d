package dev.switchboard.testing;

import dev.switchboard.apiserver.Installation;
import dev.switchboard.apiserver.Profile;
import dev.switchboard.apiserver.StrictApiServer;
import dev.switchboard.chart.Chart;
import dev.switchboard.runtime.OperatorClients;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Strict API servers with Switchboard installed: the committed CRDs, the chart rendered by real
 * Helm and the operator's own clients (its serialization and request pacing).
 */
public final class StrictClusters {
  public static final String RELEASE_NAMESPACE = Chart.NAMESPACE;

  private StrictClusters() {}

  public static Installation switchboard(Map<String, Object> chartValues) {
    return new Installation(
        CrdSchemas.crds(),
        HelmCharts.render(chartValues),
        RELEASE_NAMESPACE,
        OperatorClients::build);
  }

  public static StrictApiServer strict(Profile profile) {
    return new StrictApiServer(profile, switchboard(Map.of()));
  }

  /**
   * @param store the object store behind the rules (the benchmark passes an indexed one)
   */
  public static StrictApiServer strict(
      Profile profile, Map<String, Object> chartValues, Supplier<Dispatcher> store) {
    return strict(profile, chartValues, store, UnaryOperator.identity());
  }

  /**
   * @param front what stands between the clients and the server's rules (a fault injector, say)
   */
  public static StrictApiServer strict(
      Profile profile,
      Map<String, Object> chartValues,
      Supplier<Dispatcher> store,
      UnaryOperator<Dispatcher> front) {
    return new StrictApiServer(profile, switchboard(chartValues), store, front);
  }

  public static StrictApiServer strict(Profile profile, Map<String, Object> chartValues) {
    return strict(profile, chartValues, KubernetesCrudDispatcher::new);
  }
}
