package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.kube.DurationParser;
import dev.switchboard.kube.UserText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@code spec.provisioning}: a mode the operator knows, a type that has users, usable roles
 * or rules.
 */
public final class ProvisioningSpecValidator {
  /** The CRD's floor: a shorter interval rotates faster than workloads can follow. */
  static final Duration MIN_ROTATION_INTERVAL = Duration.ofMinutes(1);

  private ProvisioningSpecValidator() {}

  public static List<String> problems(ConnectionSpec spec, ProvisionerRegistry provisioners) {
    ConnectionProvisioning p = spec.getProvisioning();
    if (p == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    String mode = p.getMode() == null ? ConnectionProvisioning.SHARED : p.getMode();
    if (!mode.equals(ConnectionProvisioning.SHARED)
        && !mode.equals(ConnectionProvisioning.PER_BINDING)) {
      problems.add("spec.provisioning.mode must be Shared or PerBinding");
    }
    if (p.getPasswordRotation() != null && p.getPasswordRotation().getInterval() != null) {
      var interval = DurationParser.parse(p.getPasswordRotation().getInterval());
      if (interval.isEmpty()) {
        problems.add("spec.provisioning.passwordRotation.interval is not a duration such as 720h");
      } else if (interval.get().compareTo(MIN_ROTATION_INTERVAL) < 0) {
        // The CRD refuses these; an object stored under an older CRD may still hold one.
        problems.add("spec.provisioning.passwordRotation.interval must be at least 1m");
      }
    }
    if (mode.equals(ConnectionProvisioning.PER_BINDING)) {
      var provisioner = provisioners.find(spec.getType());
      if (provisioner.isEmpty()) {
        problems.add(
            "spec.provisioning.mode PerBinding is supported for types "
                + String.join(", ", provisioners.types())
                + ", not for type "
                + UserText.abbreviate(spec.getType()));
      } else {
        problems.addAll(provisioner.get().validate(p));
      }
      if (spec.getCredentials() == null) {
        problems.add(
            "spec.provisioning.mode PerBinding needs spec.credentials: the account that creates users");
      }
    }
    return problems;
  }
}
