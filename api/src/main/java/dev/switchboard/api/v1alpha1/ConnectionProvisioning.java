package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * How workspaces get credentials: the Connection's own (Shared) or a database user of their own
 * (PerBinding).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionProvisioning extends Malformable {
  public static final String SHARED = "Shared";
  public static final String PER_BINDING = "PerBinding";

  @Pattern("^(Shared|PerBinding)$")
  @JsonPropertyDescription(
      "Shared: every binding gets the Connection's credentials (the default). PerBinding: each"
          + " binding gets a user of its own at the data source, created with the Connection's credentials (a"
          + " provisioner account) and dropped when access ends; supported for postgresql, mysql, mariadb and redis.")
  private String mode;

  @JsonPropertyDescription(
      "postgresql, mysql, mariadb: existing database roles granted to each binding's user, and"
          + " nothing else. Each must be a plain identifier (letters, digits, underscore).")
  private List<String> roles;

  @JsonPropertyDescription(
      "redis: the ACL rules of each binding's user, e.g. \"~orders:* +@read\". Password rules"
          + " (>, <, #, !, nopass, resetpass) are not allowed: Switchboard sets the password.")
  private String aclRules;

  @JsonPropertyDescription("Optional: give each binding's user a new password on an interval.")
  private PasswordRotation passwordRotation;

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }

  public String getAclRules() {
    return aclRules;
  }

  public void setAclRules(String aclRules) {
    this.aclRules = aclRules;
  }

  public PasswordRotation getPasswordRotation() {
    return passwordRotation;
  }

  public void setPasswordRotation(PasswordRotation passwordRotation) {
    this.passwordRotation = passwordRotation;
  }

  /** Whether a Connection gives each binding a user of its own. */
  public static boolean perBinding(ConnectionSpec spec) {
    return spec != null
        && spec.getProvisioning() != null
        && PER_BINDING.equals(spec.getProvisioning().getMode());
  }

  // A shorter interval changes passwords (and rolls the workloads that read them) faster than
  // anything can follow. The pattern is checked first: duration() is only called on a duration.
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "!has(self.interval) || !self.interval.matches('"
              + ConnectionTestPolicy.DURATION
              + "') || duration(self.interval) >= duration('1m')",
      message = "interval must be at least 1m",
      fieldPath = ".interval")
  public static class PasswordRotation extends Malformable {
    @Pattern(ConnectionTestPolicy.DURATION)
    @Size(max = 32)
    @JsonPropertyDescription("Time between new passwords, at least 1m, e.g. 720h.")
    private String interval;

    public String getInterval() {
      return interval;
    }

    public void setInterval(String interval) {
      this.interval = interval;
    }
  }

  @Override
  protected Map<String, Malformable> parts() {
    return present("passwordRotation", passwordRotation);
  }
}
