package dev.switchboard.apiserver;

/** Which API server the strict server copies: the admission plugins differ. */
public enum Profile {
  /** kube-apiserver with its default admission plugins. */
  KUBERNETES(false),
  /** OpenShift's API server, which also enables OwnerReferencesPermissionEnforcement. */
  OPENSHIFT(true);

  final boolean ownerReferencesPermissionEnforcement;

  Profile(boolean ownerReferencesPermissionEnforcement) {
    this.ownerReferencesPermissionEnforcement = ownerReferencesPermissionEnforcement;
  }
}
