package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConnectionReference extends Malformable {
  @Required
  @JsonPropertyDescription("Name of the Connection.")
  private String name;

  @JsonPropertyDescription("Namespace of the Connection. Default: the binding's namespace.")
  private String namespace;

  public ConnectionReference() {}

  public ConnectionReference(String name, String namespace) {
    this.name = name;
    this.namespace = namespace;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }
}
