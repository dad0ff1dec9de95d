package dev.switchboard.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the cluster the operator is to run against, and checks before starting that it can be
 * reached and serves Switchboard's API: each failure is a {@link StartupProblem} that says what to
 * do.
 */
public final class ClusterPreflight {
  static final String GROUP_VERSION = "/apis/switchboard.dev/v1alpha1";

  private ClusterPreflight() {}

  /**
   * The client configuration: the kubeconfig named on the command line, else KUBECONFIG or
   * ~/.kube/config, else the in-cluster ServiceAccount. Never a silent fallback to localhost.
   */
  public static Config config(Optional<Path> kubeconfig, Optional<String> context)
      throws StartupProblem {
    List<Path> files;
    if (kubeconfig.isPresent()) {
      Path file = kubeconfig.get();
      if (!Files.isReadable(file)) {
        throw new StartupProblem(
            "The kubeconfig " + file + " cannot be read: pass an existing file with --kubeconfig");
      }
      System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
      files = List.of(file);
    } else {
      files = defaultKubeconfigs();
      if (files.isEmpty() && !inCluster()) {
        throw new StartupProblem(
            "No cluster to run against: there is no kubeconfig (KUBECONFIG or ~/.kube/config) and "
                + "this is not a Pod; pass --kubeconfig, or set KUBECONFIG (to try Switchboard without a cluster, run "
                + "java -jar playground/target/switchboard-playground.jar)");
      }
    }
    if (!files.isEmpty()) {
      KubeconfigCheck.check(files, context);
    } else if (context.isPresent()) {
      throw new StartupProblem(
          "--context "
              + context.get()
              + " names a kubeconfig context, and there is no kubeconfig (KUBECONFIG or"
              + " ~/.kube/config): pass --kubeconfig");
    }
    try {
      return Config.autoConfigure(context.orElse(null));
    } catch (KubernetesClientException e) {
      throw new StartupProblem("The kubeconfig could not be used: " + e.getMessage());
    }
  }

  /**
   * The API server answers, and serves the CRDs; reads only what every authenticated user may read.
   */
  public static void check(KubernetesClient client) throws StartupProblem {
    String server = client.getMasterUrl().toString().replaceAll("/$", "");
    try {
      client.raw("/version");
    } catch (KubernetesClientException e) {
      throw new StartupProblem(
          "Cannot reach the Kubernetes API server at " + server + ": " + reason(e));
    }
    String group;
    try {
      group = client.raw(GROUP_VERSION);
    } catch (KubernetesClientException e) {
      throw new StartupProblem(
          "Cannot read Switchboard's API group from " + server + ": " + reason(e));
    }
    if (group == null) {
      throw new StartupProblem(
          "Switchboard's CRDs are not installed in the cluster at "
              + server
              + ": kubectl apply -f crds/ (or install the Helm chart)");
    }
  }

  /**
   * Words for why a request failed, from the exception chain; never an exception's class name
   * alone.
   */
  private static String reason(KubernetesClientException e) {
    List<String> chain = new ArrayList<>();
    for (Throwable t = e;
        t != null && !chain.contains(t.getClass().getSimpleName());
        t = t.getCause()) {
      chain.add(t.getClass().getSimpleName());
    }
    if (e.getCode() == 401) {
      return "the credentials of the kubeconfig were refused (401)";
    }
    if (e.getCode() == 403) {
      return "access was refused (403)";
    }
    String what = String.join(" ", chain);
    if (what.contains("UnknownHost") || what.contains("UnresolvedAddress")) {
      return "the host name does not resolve";
    }
    if (what.contains("ConnectException") || what.contains("ClosedChannel")) {
      return "the connection was refused";
    }
    if (what.contains("Timeout")) {
      return "no answer in time";
    }
    if (what.contains("SSL")) {
      return "the TLS handshake failed";
    }
    return e.getCode() > 0 ? "HTTP " + e.getCode() : "the request failed";
  }

  /** The readable files of KUBECONFIG, which the client merges, else ~/.kube/config if readable. */
  private static List<Path> defaultKubeconfigs() {
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isBlank()) {
      return Arrays.stream(env.split(File.pathSeparator))
          .filter(f -> !f.isBlank())
          .map(Path::of)
          .filter(Files::isReadable)
          .toList();
    }
    Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
    return Files.isReadable(home) ? List.of(home) : List.of();
  }

  private static boolean inCluster() {
    return System.getenv("KUBERNETES_SERVICE_HOST") != null
        && Files.isReadable(Path.of(Config.KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH));
  }
}
