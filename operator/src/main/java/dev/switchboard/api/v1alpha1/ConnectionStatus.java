package dev.switchboard.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionStatus {
  private Long observedGeneration;
  private List<Condition> conditions = new ArrayList<>();
  private LastTest lastTest;
  private BindingsSummary bindings;
  @JsonPropertyDescription("namespace/name of bindings that asked for this Connection and are not permitted, at most 50.")
  private List<String> deniedBindings;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public LastTest getLastTest() { return lastTest; }
  public void setLastTest(LastTest lastTest) { this.lastTest = lastTest; }
  public BindingsSummary getBindings() { return bindings; }
  public void setBindings(BindingsSummary bindings) { this.bindings = bindings; }
  public List<String> getDeniedBindings() { return deniedBindings; }
  public void setDeniedBindings(List<String> deniedBindings) { this.deniedBindings = deniedBindings; }
}
