package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * A part of a spec that remembers which of its fields arrived with the wrong JSON type (and were
 * read as absent), so that validation can report them instead of silently using defaults.
 */
public abstract class Malformable {
  @JsonIgnore private final transient List<String> malformed = new ArrayList<>();

  /** Called while reading: the field's value had the wrong type. */
  public void markMalformed(String field) {
    malformed.add(field);
  }

  /** Fields whose value had the wrong type; empty for a well-formed object. */
  public List<String> malformedFields() {
    return List.copyOf(malformed);
  }
}
