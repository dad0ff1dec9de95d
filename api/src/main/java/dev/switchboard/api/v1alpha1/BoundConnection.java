package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BoundConnection {
  @JsonPropertyDescription("The Connection's type.")
  private String type;

  @JsonPropertyDescription("Whether the Connection was Ready.")
  private Boolean ready;

  public BoundConnection() {}

  public BoundConnection(String type, Boolean ready) {
    this.type = type;
    this.ready = ready;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Boolean getReady() {
    return ready;
  }

  public void setReady(Boolean ready) {
    this.ready = ready;
  }
}
