package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.plugin.ProbeTarget;
import java.util.List;

/**
 * Creates and drops the users of one type of data source, one per binding, with the Connection's
 * credentials (the provisioner account). One implementation per type, registered in {@link
 * ProvisionerRegistry}. Every statement quotes what it names; nothing from a spec is spliced into a
 * statement unescaped.
 */
public interface Provisioner {

  /** The {@code spec.type} this provisioner serves. */
  String type();

  /**
   * Where the provisioner account logs in, given the Connection's target; the Connection's own test
   * logs in there too, so that it checks the account as the provisioner uses it. By default the
   * Connection's target as it is.
   */
  default ProbeTarget accountTarget(ProbeTarget connection) {
    return connection;
  }

  /** Problems with {@code spec.provisioning} that this type knows about (role names, ACL rules). */
  List<String> validate(ConnectionProvisioning provisioning);

  /**
   * Makes the user exist exactly as wanted: able to log in with this password, member of the roles
   * (or holding the ACL rules) and nothing else this provisioner manages. Creates it when missing,
   * repairs it when altered.
   *
   * @param source where and as whom (the provisioner account) to work
   */
  void ensureUser(
      ProbeTarget source, String user, String password, ConnectionProvisioning provisioning)
      throws Exception;

  /**
   * Stops the user logging in, ends its open sessions and drops it; nothing to do when it does not
   * exist.
   */
  void dropUser(ProbeTarget source, String user) throws Exception;
}
