package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the protobuf bodies kubectl sends for built-in kinds ({@code create namespace|secret},
 * {@code auth can-i}, ...) as the JSON the rest of the server works on. The wire format is
 * kube-apiserver's: the magic {@code k8s\0}, then a runtime.Unknown holding the type and the
 * object's own bytes. The object is read through the descriptors of the Kubernetes protobuf model,
 * and the types that JSON writes differently (times, int-or-string, quantities, raw JSON) are
 * written as JSON writes them.
 */
final class ProtobufBodies {
  static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";

  /** Message types by their full name: "k8s.io.api.core.v1.Secret". */
  private static final Map<String, Descriptor> TYPES = index();

  private ProtobufBodies() {}

  static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.startsWith(MEDIA_TYPE);
  }

  /** The object the body carries, as JSON. */
  static JsonNode read(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, 4), MAGIC)) {
      throw ApiError.badRequest("the body of the request could not be decoded: no protobuf magic");
    }
    try {
      Runtime.Unknown envelope =
          Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
      String apiVersion = envelope.getTypeMeta().getApiVersion();
      String kind = envelope.getTypeMeta().getKind();
      Descriptor type =
          descriptorOf(apiVersion, kind)
              .orElseThrow(
                  () ->
                      ApiError.badRequest(
                          "the body of the request could not be decoded: no protobuf type for "
                              + apiVersion
                              + " "
                              + kind));
      ObjectNode object = NODES.objectNode();
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      object.setAll(message(DynamicMessage.parseFrom(type, envelope.getRaw())));
      return object;
    } catch (InvalidProtocolBufferException e) {
      throw ApiError.badRequest("the body of the request could not be decoded: " + e.getMessage());
    }
  }

  /** "apps/v1" Deployment → k8s.io.api.apps.v1.Deployment; the core group's package is "core". */
  private static Optional<Descriptor> descriptorOf(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    // rbac.authorization.k8s.io → rbac, networking.k8s.io → networking
    String pkg = group.contains(".") ? group.substring(0, group.indexOf('.')) : group;
    return Optional.ofNullable(TYPES.get("k8s.io.api." + pkg + "." + version + "." + kind));
  }

  private static ObjectNode message(Message message) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      FieldDescriptor f = field.getKey();
      JsonNode value;
      if (f.isMapField()) {
        ObjectNode map = NODES.objectNode();
        for (Object entry : (List<?>) field.getValue()) {
          Message e = (Message) entry;
          var keyField = e.getDescriptorForType().findFieldByName("key");
          var valueField = e.getDescriptorForType().findFieldByName("value");
          map.set(String.valueOf(e.getField(keyField)), value(valueField, e.getField(valueField)));
        }
        value = map;
      } else if (f.isRepeated()) {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (List<?>) field.getValue()) {
          array.add(value(f, item));
        }
        value = array;
      } else {
        value = value(f, field.getValue());
      }
      // gogo-protobuf writes every non-pointer string, empty or not; JSON omits the empty ones.
      if (value != null && !(value.isTextual() && value.asText().isEmpty())) {
        out.set(f.getName(), value);
      }
    }
    return out;
  }

  private static JsonNode value(FieldDescriptor f, Object value) {
    return switch (f.getJavaType()) {
      case STRING -> NODES.textNode((String) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case BYTE_STRING ->
          NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case ENUM -> NODES.textNode(value.toString());
      case MESSAGE -> special((Message) value);
    };
  }

  /** The types whose JSON form is not their protobuf form; null where JSON has nothing. */
  private static JsonNode special(Message m) {
    String name = m.getDescriptorForType().getFullName();
    switch (name) {
      case META + "Time", META + "MicroTime" -> {
        long seconds = longField(m, "seconds");
        int nanos = (int) longField(m, "nanos");
        if (seconds == 0 && nanos == 0) {
          return null;
        }
        Instant at = Instant.ofEpochSecond(seconds, nanos);
        return NODES.textNode(
            (name.endsWith("MicroTime") ? at.truncatedTo(ChronoUnit.MICROS) : at).toString());
      }
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
        return longField(m, "type") == 0
            ? NODES.numberNode((int) longField(m, "intVal"))
            : NODES.textNode(stringField(m, "strVal"));
      }
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
        return NODES.textNode(stringField(m, "string"));
      }
      case META + "Duration" -> {
        return NODES.textNode(stringField(m, "duration"));
      }
      case "k8s.io.apimachinery.pkg.runtime.RawExtension", META + "FieldsV1" -> {
        var raw = m.getDescriptorForType().getFields().get(0);
        ByteString bytes = (ByteString) m.getField(raw);
        return bytes.isEmpty() ? null : Store.read(bytes.toStringUtf8());
      }
      default -> {
        return message(m);
      }
    }
  }

  private static long longField(Message m, String field) {
    Object v = m.getField(m.getDescriptorForType().findFieldByName(field));
    return v instanceof Number n ? n.longValue() : 0;
  }

  private static String stringField(Message m, String field) {
    return String.valueOf(m.getField(m.getDescriptorForType().findFieldByName(field)));
  }

  private static Map<String, Descriptor> index() {
    Map<String, Descriptor> out = new HashMap<>();
    for (FileDescriptor file :
        List.of(
            V1.getDescriptor(),
            V1Apps.getDescriptor(),
            V1Authentication.getDescriptor(),
            V1Authorization.getDescriptor(),
            V1Batch.getDescriptor(),
            V1Networking.getDescriptor(),
            V1Policy.getDescriptor(),
            V1Rbac.getDescriptor())) {
      for (Descriptor type : file.getMessageTypes()) {
        out.put(type.getFullName(), type);
      }
    }
    return out;
  }
}
