package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionTls extends Malformable {
  @JsonPropertyDescription("Use TLS to reach the data source.")
  private Boolean enabled;

  @JsonPropertyDescription("CA certificate that signs the data source's certificate.")
  private SecretKeyRef caSecretRef;

  @JsonPropertyDescription("Accept any server certificate. For tests only.")
  private Boolean insecureSkipVerify;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public SecretKeyRef getCaSecretRef() {
    return caSecretRef;
  }

  public void setCaSecretRef(SecretKeyRef caSecretRef) {
    this.caSecretRef = caSecretRef;
  }

  public Boolean getInsecureSkipVerify() {
    return insecureSkipVerify;
  }

  public void setInsecureSkipVerify(Boolean insecureSkipVerify) {
    this.insecureSkipVerify = insecureSkipVerify;
  }

  @Override
  protected Map<String, Malformable> parts() {
    return present("caSecretRef", caSecretRef);
  }
}
