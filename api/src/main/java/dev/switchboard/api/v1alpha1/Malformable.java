package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A part of a spec that remembers which of its fields arrived with the wrong JSON type (and were
 * read as absent), so that validation can report them instead of silently using defaults. The
 * nested parts that can be malformed too are named here, once, by each class ({@link #parts()}):
 * reporting the marks and copying them both walk that.
 */
public abstract class Malformable {
  @JsonIgnore private final transient List<String> malformed = new ArrayList<>();

  /** Called while reading: the field's value had the wrong type. */
  public void markMalformed(String field) {
    malformed.add(field);
  }

  /** Fields of this part (not of its nested parts) whose value had the wrong type. */
  public List<String> malformedFields() {
    return List.copyOf(malformed);
  }

  /** The nested parts that can be malformed, by field name; absent ones left out. */
  protected Map<String, Malformable> parts() {
    return Map.of();
  }

  /**
   * Every malformed field of this part and its nested parts, as a path below {@code path} (e.g.
   * {@code spec.credentials.secretRef.name}).
   */
  public List<String> malformedPaths(String path) {
    List<String> out = new ArrayList<>();
    malformed.forEach(f -> out.add(path + "." + f));
    parts().forEach((name, part) -> out.addAll(part.malformedPaths(path + "." + name)));
    return out;
  }

  /** Copies the marks of this part and its nested parts onto a copy of it. */
  public void copyMarksTo(Malformable copy) {
    if (copy == null) {
      return;
    }
    malformed.forEach(copy::markMalformed);
    Map<String, Malformable> copied = copy.parts();
    parts().forEach((name, part) -> part.copyMarksTo(copied.get(name)));
  }

  /** The parts given, absent ones left out, in the order given. */
  protected static Map<String, Malformable> present(Object... nameThenPart) {
    Map<String, Malformable> parts = new LinkedHashMap<>();
    for (int i = 0; i < nameThenPart.length; i += 2) {
      if (nameThenPart[i + 1] instanceof Malformable part) {
        parts.put((String) nameThenPart[i], part);
      }
    }
    return parts;
  }
}
