package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretRef extends Malformable {
  @Required
  @JsonPropertyDescription("Name of a Secret in the Connection's namespace.")
  private String name;

  public SecretRef() {}

  /** Not a JSON creator: {@code secretRef: "name"} is malformed, not a shorthand. */
  @JsonCreator(mode = JsonCreator.Mode.DISABLED)
  public SecretRef(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
