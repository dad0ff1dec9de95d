package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionStatus {
  @JsonPropertyDescription(
      "The metadata.generation this status describes; older than metadata.generation means the change is not yet acted on.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (whether workspaces can use it), CredentialsResolved and Tested, each with a reason and a message.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The most recent connection test.")
  private LastTest lastTest;

  @JsonPropertyDescription("The WorkspaceBindings that use this Connection.")
  private BindingsSummary bindings;

  @JsonPropertyDescription(
      "namespace/name of bindings that asked for this Connection and are not permitted, at most 50.")
  private List<String> deniedBindings;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public LastTest getLastTest() {
    return lastTest;
  }

  public void setLastTest(LastTest lastTest) {
    this.lastTest = lastTest;
  }

  public BindingsSummary getBindings() {
    return bindings;
  }

  public void setBindings(BindingsSummary bindings) {
    this.bindings = bindings;
  }

  public List<String> getDeniedBindings() {
    return deniedBindings;
  }

  public void setDeniedBindings(List<String> deniedBindings) {
    this.deniedBindings = deniedBindings;
  }
}
