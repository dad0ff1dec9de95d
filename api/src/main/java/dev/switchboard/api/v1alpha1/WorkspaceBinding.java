package dev.switchboard.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Binds one Connection into the workspace namespace that holds this object. */
@Group(Connection.GROUP)
@Version(Connection.VERSION)
// Spelled out: otherwise every instance works them out from the class name with regular
// expressions, which was a tenth of the operator's CPU while converging 10,000 bindings.
@Singular("workspacebinding")
@Plural("workspacebindings")
@ShortNames("wb")
@Categories("switchboard")
@AdditionalPrinterColumn(name = "Connection", jsonPath = ".spec.connectionRef.name")
// Empty when the Connection is in the binding's own namespace.
@AdditionalPrinterColumn(name = "Connection Namespace", jsonPath = ".spec.connectionRef.namespace")
@AdditionalPrinterColumn(name = "Secret", jsonPath = ".status.secretName")
// Only with -o wide: most bindings share their Connection's credentials and have no user of their
// own.
@AdditionalPrinterColumn(name = "User", jsonPath = ".status.provisionedUser", priority = 1)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class WorkspaceBinding extends CustomResource<WorkspaceBindingSpec, WorkspaceBindingStatus>
    implements Namespaced, MalformableResource {
  @Override
  public Malformable malformableSpec() {
    return getSpec();
  }
}
