package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks a Pod template must pass to be admitted under Kubernetes' Pod Security Standard
 * "restricted" (as the PodSecurity admission plugin words its findings) and under OpenShift's
 * restricted-v2 SCC, which assigns each namespace its own UID range and so refuses a fixed user,
 * group or fsGroup outside it.
 */
public final class PodSecurity {
  private static final Set<String> RESTRICTED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  private PodSecurity() {}

  /** Findings under the restricted standard; empty when the Pod would be admitted. */
  public static List<String> restricted(JsonNode podSpec) {
    List<String> findings = new ArrayList<>();
    JsonNode pod = podSpec.path("securityContext");
    for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (podSpec.path(host).asBoolean(false)) {
        findings.add("host namespaces (" + host + "=true)");
      }
    }
    for (JsonNode volume : podSpec.path("volumes")) {
      volume
          .fieldNames()
          .forEachRemaining(
              field -> {
                if (!field.equals("name") && !RESTRICTED_VOLUMES.contains(field)) {
                  findings.add(
                      "restricted volume types (volume \""
                          + volume.path("name").asText()
                          + "\" uses "
                          + field
                          + ")");
                }
              });
    }
    for (JsonNode c : containers(podSpec)) {
      String name = c.path("name").asText();
      JsonNode sc = c.path("securityContext");
      if (sc.path("privileged").asBoolean(false)) {
        findings.add(
            "privileged (container \"" + name + "\" must not set securityContext.privileged=true)");
      }
      if (!sc.path("allowPrivilegeEscalation").isBoolean()
          || sc.path("allowPrivilegeEscalation").asBoolean()) {
        findings.add(
            "allowPrivilegeEscalation != false (container \""
                + name
                + "\" must set securityContext.allowPrivilegeEscalation=false)");
      }
      boolean dropsAll = false;
      for (JsonNode d : sc.at("/capabilities/drop")) {
        dropsAll |= d.asText().equals("ALL");
      }
      if (!dropsAll) {
        findings.add(
            "unrestricted capabilities (container \""
                + name
                + "\" must set securityContext.capabilities.drop=[\"ALL\"])");
      }
      for (JsonNode a : sc.at("/capabilities/add")) {
        if (!a.asText().equals("NET_BIND_SERVICE")) {
          findings.add(
              "unrestricted capabilities (container \""
                  + name
                  + "\" must not include \""
                  + a.asText()
                  + "\" in securityContext.capabilities.add)");
        }
      }
      boolean nonRoot =
          sc.has("runAsNonRoot")
              ? sc.path("runAsNonRoot").asBoolean()
              : pod.path("runAsNonRoot").asBoolean(false);
      if (!nonRoot) {
        findings.add(
            "runAsNonRoot != true (container \""
                + name
                + "\" must set securityContext.runAsNonRoot=true)");
      }
      if (sc.path("runAsUser").asLong(-1) == 0 || pod.path("runAsUser").asLong(-1) == 0) {
        findings.add("runAsUser=0 (container \"" + name + "\" must not set runAsUser=0)");
      }
      String seccomp =
          sc.at("/seccompProfile/type").asText(pod.at("/seccompProfile/type").asText(""));
      if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
        findings.add(
            "seccompProfile (container \""
                + name
                + "\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
      }
    }
    return findings;
  }

  /** Findings under OpenShift's restricted-v2 SCC, beyond the restricted standard. */
  public static List<String> openShiftRestrictedV2(JsonNode podSpec) {
    List<String> findings = new ArrayList<>(restricted(podSpec));
    JsonNode pod = podSpec.path("securityContext");
    for (String field : List.of("runAsUser", "runAsGroup", "fsGroup", "supplementalGroups")) {
      if (pod.has(field)) {
        findings.add(
            "spec.securityContext."
                + field
                + ": Invalid value: "
                + pod.get(field)
                + ": must be in the ranges the namespace is assigned");
      }
    }
    for (JsonNode c : containers(podSpec)) {
      for (String field : List.of("runAsUser", "runAsGroup")) {
        if (c.path("securityContext").has(field)) {
          findings.add(
              "spec.containers["
                  + c.path("name").asText()
                  + "].securityContext."
                  + field
                  + ": Invalid value: "
                  + c.path("securityContext").get(field)
                  + ": must be in the ranges the namespace is assigned");
        }
      }
    }
    return findings;
  }

  private static List<JsonNode> containers(JsonNode podSpec) {
    List<JsonNode> out = new ArrayList<>();
    podSpec.path("initContainers").forEach(out::add);
    podSpec.path("containers").forEach(out::add);
    return out;
  }
}
