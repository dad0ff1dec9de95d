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

/** A shared data source of one type, owned by the team whose namespace holds it. */
@Group(Connection.GROUP)
@Version(Connection.VERSION)
// Spelled out: otherwise every instance works them out from the class name with regular
// expressions, which was a tenth of the operator's CPU while converging 10,000 bindings.
@Singular("connection")
@Plural("connections")
@ShortNames("conn")
@Categories("switchboard")
@AdditionalPrinterColumn(name = "Type", jsonPath = ".spec.type")
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Bindings",
    jsonPath = ".status.bindings.count",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Last Tested",
    jsonPath = ".status.lastTest.time",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Connection extends CustomResource<ConnectionSpec, ConnectionStatus>
    implements Namespaced, MalformableResource {
  public static final String GROUP = "switchboard.dev";
  public static final String VERSION = "v1alpha1";

  @Override
  public Malformable malformableSpec() {
    return getSpec();
  }
}
