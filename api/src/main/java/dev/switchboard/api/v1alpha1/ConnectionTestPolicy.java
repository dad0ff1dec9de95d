package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionTestPolicy extends Malformable {
  static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

  @JsonPropertyDescription("Test the connection periodically. Default: true.")
  private Boolean enabled;

  @Pattern(DURATION)
  @JsonPropertyDescription("Time between tests, e.g. 30s, 5m, 1h. Default: 5m.")
  private String interval;

  @Pattern(DURATION)
  @JsonPropertyDescription("Time one test may take, e.g. 10s. Default: 10s.")
  private String timeout;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }
}
