package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastTest {
  @JsonPropertyDescription("When the test ended (RFC 3339).")
  private String time;

  @JsonPropertyDescription("Succeeded or Failed.")
  private String result;

  @JsonPropertyDescription(
      "Why it failed (e.g. AuthenticationFailed, ConnectionRefused, Timeout), or Succeeded.")
  private String reason;

  @JsonPropertyDescription("How long the test took, in milliseconds.")
  private Long latencyMillis;

  @JsonPropertyDescription("What the test found, for people; never holds a credential.")
  private String message;

  @JsonPropertyDescription(
      "The switchboard.dev/test-requested annotation value this test answered, if it was requested.")
  private String request;

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getResult() {
    return result;
  }

  public void setResult(String result) {
    this.result = result;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public Long getLatencyMillis() {
    return latencyMillis;
  }

  public void setLatencyMillis(Long latencyMillis) {
    this.latencyMillis = latencyMillis;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getRequest() {
    return request;
  }

  public void setRequest(String request) {
    this.request = request;
  }
}
