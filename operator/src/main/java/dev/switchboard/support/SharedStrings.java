package dev.switchboard.support;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * Reads each short text value of a resource as the one shared copy of that text. The operator caches every binding,
 * bound Secret, Role and RoleBinding it manages; their namespaces, names, label values, kinds and owner references
 * repeat across tens of thousands of cached objects, and unshared, each repetition is a String of its own (at
 * 10,000 bindings, most of the operator's heap).
 */
public final class SharedStrings {
  // Longer values (certificates, hostile 100 kB fields) rarely repeat; not worth a table entry.
  static final int MAX_SHARED_LENGTH = 256;

  private SharedStrings() {}

  public static Module module() {
    return new SimpleModule("switchboard-shared-strings").addDeserializer(String.class, new Deserializer());
  }

  static String share(String text) {
    // String.intern: the JVM's table holds its entries weakly, so text nobody uses any more is collected.
    return text == null || text.length() > MAX_SHARED_LENGTH ? text : text.intern();
  }

  private static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return share(super.deserialize(p, ctxt));
    }
  }
}
