package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.kube.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The role names a SQL provisioner accepts: plain identifiers, so that quoting them can never be
 * needed twice.
 */
final class SqlNames {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private SqlNames() {}

  static List<String> roleProblems(ConnectionProvisioning provisioning) {
    List<String> problems = new ArrayList<>();
    if (provisioning.getAclRules() != null) {
      problems.add(
          "spec.provisioning.aclRules applies to type redis only; use spec.provisioning.roles");
    }
    List<String> roles = provisioning.getRoles() == null ? List.of() : provisioning.getRoles();
    for (String role : roles) {
      if (role == null || !IDENTIFIER.matcher(role).matches()) {
        problems.add(
            "spec.provisioning.roles: '"
                + UserText.abbreviate(role)
                + "' is not a valid role name (letters, digits"
                + " and underscores, not starting with a digit, at most 63)");
      }
    }
    return problems;
  }

  static List<String> roles(ConnectionProvisioning provisioning) {
    return provisioning.getRoles() == null
        ? List.of()
        : provisioning.getRoles().stream().distinct().toList();
  }
}
