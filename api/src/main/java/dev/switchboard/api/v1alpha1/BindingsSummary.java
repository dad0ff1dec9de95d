package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BindingsSummary {
  @JsonPropertyDescription("How many WorkspaceBindings use this Connection.")
  private int count;

  @JsonPropertyDescription("namespace/name of those bindings, at most 50.")
  private List<String> items = new ArrayList<>();

  public BindingsSummary() {}

  public BindingsSummary(int count, List<String> items) {
    this.count = count;
    this.items = items;
  }

  public int getCount() {
    return count;
  }

  public void setCount(int count) {
    this.count = count;
  }

  public List<String> getItems() {
    return items;
  }

  public void setItems(List<String> items) {
    this.items = items;
  }
}
