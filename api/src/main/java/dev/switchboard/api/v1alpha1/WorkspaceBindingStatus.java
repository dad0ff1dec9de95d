package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceBindingStatus {
  @JsonPropertyDescription(
      "The metadata.generation this status describes; older than metadata.generation means the change is not yet acted on.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (the bound Secret is written and current) and Bound, each with a reason and a message.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "The bound Secret, as the Service Binding provisioned-service duck type expects.")
  private LocalObjectReference binding;

  @JsonPropertyDescription("Name of the bound Secret in this namespace.")
  private String secretName;

  @JsonPropertyDescription("What the binding last saw of its Connection.")
  private BoundConnection connection;

  @JsonPropertyDescription(
      "Keyed hash of the bound data; it changes when the data (e.g. a rotated password) changes.")
  private String dataHash;

  @JsonPropertyDescription(
      "The workloads rolled last because the bound Secret's data changed (at most 10, newest"
          + " first); only workloads labelled switchboard.dev/restart-on-rotation=true are rolled.")
  private List<WorkloadRollout> rollouts;

  @JsonPropertyDescription(
      "The binding's own user at the data source, when its Connection provisions one per"
          + " binding (spec.provisioning.mode PerBinding); absent otherwise and once the user is dropped.")
  private String provisionedUser;

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

  public LocalObjectReference getBinding() {
    return binding;
  }

  public void setBinding(LocalObjectReference binding) {
    this.binding = binding;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public BoundConnection getConnection() {
    return connection;
  }

  public void setConnection(BoundConnection connection) {
    this.connection = connection;
  }

  public String getDataHash() {
    return dataHash;
  }

  public void setDataHash(String dataHash) {
    this.dataHash = dataHash;
  }

  public List<WorkloadRollout> getRollouts() {
    return rollouts;
  }

  public void setRollouts(List<WorkloadRollout> rollouts) {
    this.rollouts = rollouts;
  }

  public String getProvisionedUser() {
    return provisionedUser;
  }

  public void setProvisionedUser(String provisionedUser) {
    this.provisionedUser = provisionedUser;
  }
}
