package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastTest {
  private String time;
  private String result;
  private String reason;
  private Long latencyMillis;
  private String message;
  private String request;

  public String getTime() { return time; }
  public void setTime(String time) { this.time = time; }
  public String getResult() { return result; }
  public void setResult(String result) { this.result = result; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public Long getLatencyMillis() { return latencyMillis; }
  public void setLatencyMillis(Long latencyMillis) { this.latencyMillis = latencyMillis; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public String getRequest() { return request; }
  public void setRequest(String request) { this.request = request; }
}
