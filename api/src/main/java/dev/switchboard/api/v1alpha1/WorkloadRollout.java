package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A workload the operator rolled because the bound Secret it reads changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadRollout {
  @JsonPropertyDescription("Deployment, StatefulSet or DaemonSet.")
  private String kind;

  @JsonPropertyDescription("Name of the workload, in the binding's namespace.")
  private String name;

  @JsonPropertyDescription(
      "The data hash it was rolled for (its Pod template's switchboard.dev/restarted-for).")
  private String dataHash;

  @JsonPropertyDescription("When it was rolled (RFC 3339).")
  private String time;

  public WorkloadRollout() {}

  public WorkloadRollout(String kind, String name, String dataHash, String time) {
    this.kind = kind;
    this.name = name;
    this.dataHash = dataHash;
    this.time = time;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDataHash() {
    return dataHash;
  }

  public void setDataHash(String dataHash) {
    this.dataHash = dataHash;
  }

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }
}
