package dev.switchboard.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Reads each short text value of a resource as the one shared copy of that text. The operator
 * caches every binding, bound Secret, Role and RoleBinding it manages; their namespaces, names,
 * label values, kinds and owner references repeat across tens of thousands of cached objects, and
 * unshared, each repetition is a String of its own (at 10,000 bindings, most of the operator's
 * heap).
 *
 * <p>Values under {@code data} and {@code stringData} (a Secret's content, credentials among them)
 * are never shared: they would otherwise sit in the JVM's string table, where any other reader of
 * the same text finds them.
 */
public final class SharedStrings {
  // Longer values (certificates, hostile 100 kB fields) rarely repeat; not worth a table entry.
  static final int MAX_SHARED_LENGTH = 256;

  private SharedStrings() {}

  public static Module module() {
    return new SimpleModule("switchboard-shared-strings")
        .addDeserializer(String.class, new Deserializer());
  }

  static String share(String text) {
    // String.intern: the JVM's table holds its entries weakly, so text nobody uses any more is
    // collected.
    return text == null || text.length() > MAX_SHARED_LENGTH ? text : text.intern();
  }

  private static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = super.deserialize(p, ctxt);
      return insideData(p.getParsingContext()) ? text : share(text);
    }
  }

  /** Whether a value is read under a {@code data} or {@code stringData} field, at any depth. */
  static boolean insideData(JsonStreamContext context) {
    for (JsonStreamContext c = context == null ? null : context.getParent();
        c != null;
        c = c.getParent()) {
      String name = c.getCurrentName();
      if ("data".equals(name) || "stringData".equals(name)) {
        return true;
      }
    }
    return false;
  }
}
