package dev.switchboard.binding;

import dev.switchboard.apiserver.Profile;

/**
 * The binding tests on OpenShift's API server rules, where OwnerReferencesPermissionEnforcement
 * checks every produced object's owner reference against the operator's rights on its binding's
 * finalizers.
 */
class WorkspaceBindingOpenShiftMockServerTest extends WorkspaceBindingMockServerTest {
  @Override
  protected Profile profile() {
    return Profile.OPENSHIFT;
  }
}
