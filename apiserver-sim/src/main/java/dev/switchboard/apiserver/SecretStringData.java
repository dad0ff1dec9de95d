package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Secret strategy's write-only stringData: folded into data (base64), overriding it, and never
 * stored.
 */
final class SecretStringData {
  private SecretStringData() {}

  static void fold(ObjectNode secret) {
    JsonNode stringData = secret.remove("stringData");
    if (stringData == null || !stringData.isObject()) {
      return;
    }
    ObjectNode data =
        secret.has("data") && secret.get("data").isObject()
            ? (ObjectNode) secret.get("data")
            : secret.putObject("data");
    stringData
        .fields()
        .forEachRemaining(
            e ->
                data.put(
                    e.getKey(),
                    Base64.getEncoder()
                        .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
  }
}
