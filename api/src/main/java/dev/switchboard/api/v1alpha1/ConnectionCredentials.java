package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionCredentials extends Malformable {
  @Required
  @JsonPropertyDescription("The Secret, in the Connection's namespace, that holds the credentials.")
  private SecretRef secretRef;

  @JsonPropertyDescription("Key of the user name in the Secret. Default: username.")
  private String usernameKey;

  @JsonPropertyDescription("Key of the password in the Secret. Default: password.")
  private String passwordKey;

  public SecretRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(SecretRef secretRef) {
    this.secretRef = secretRef;
  }

  public String getUsernameKey() {
    return usernameKey;
  }

  public void setUsernameKey(String usernameKey) {
    this.usernameKey = usernameKey;
  }

  public String getPasswordKey() {
    return passwordKey;
  }

  public void setPasswordKey(String passwordKey) {
    this.passwordKey = passwordKey;
  }

  @Override
  protected Map<String, Malformable> parts() {
    return present("secretRef", secretRef);
  }
}
