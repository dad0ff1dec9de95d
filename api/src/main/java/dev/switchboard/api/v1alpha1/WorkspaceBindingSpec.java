package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkspaceBindingSpec extends Malformable {
  @Required
  @JsonPropertyDescription("The Connection to bind.")
  private ConnectionReference connectionRef;

  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @Size(max = 253)
  @JsonPropertyDescription(
      "Name of the Secret to create in this namespace. Default: the binding's name.")
  private String secretName;

  @JsonPropertyDescription("Who may read the bound Secret (rbac.authorization.k8s.io/v1 subjects).")
  private List<Subject> subjects;

  public ConnectionReference getConnectionRef() {
    return connectionRef;
  }

  public void setConnectionRef(ConnectionReference connectionRef) {
    this.connectionRef = connectionRef;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public List<Subject> getSubjects() {
    return subjects;
  }

  public void setSubjects(List<Subject> subjects) {
    this.subjects = subjects;
  }

  @Override
  protected Map<String, Malformable> parts() {
    return present("connectionRef", connectionRef);
  }
}
