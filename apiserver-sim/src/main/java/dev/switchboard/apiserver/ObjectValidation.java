package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The API server's validation of every object (apimachinery's ValidateObjectMeta) and of the kinds
 * the operator writes (core/validation for Secrets, rbac/validation for RoleBindings), including
 * their immutable fields.
 */
final class ObjectValidation {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  /** apimachinery TotalAnnotationSizeLimitB. */
  static final int ANNOTATIONS_LIMIT = 256 * 1024;

  /** core/v1 MaxSecretSize. */
  static final int SECRET_LIMIT = 1024 * 1024;

  private ObjectValidation() {}

  /** Field errors of a new object (old is null) or of an update. */
  static List<FieldError> validate(ResourceType type, JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode meta = object.path("metadata");
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    } else {
      errors.addAll(validateName(type.names(), name));
    }
    errors.addAll(labels(meta.path("labels")));
    errors.addAll(annotations(meta.path("annotations")));
    errors.addAll(ownerReferences(meta.path("ownerReferences")));
    errors.addAll(finalizers(meta.path("finalizers")));
    if (old != null) {
      errors.addAll(immutableMetadata(object, old));
    }
    switch (type.kind()) {
      case "Secret" -> errors.addAll(secret(object, old));
      case "RoleBinding", "ClusterRoleBinding" -> errors.addAll(roleBinding(object, old));
      default -> {}
    }
    return errors;
  }

  /** NameIsDNSSubdomain, NameIsDNSLabel, or RBAC's ValidatePathSegmentName. */
  static List<FieldError> validateName(ResourceType.NameRule rule, String name) {
    List<String> problems =
        switch (rule) {
          case DNS_LABEL -> dnsLabel(name);
          case DNS_SUBDOMAIN -> dnsSubdomain(name);
          case PATH_SEGMENT ->
              name.equals(".") || name.equals("..")
                  ? List.of("may not be '" + name + "'")
                  : name.contains("/") || name.contains("%")
                      ? List.of("may not contain '" + (name.contains("/") ? "/" : "%") + "'")
                      : List.of();
        };
    return problems.stream().map(p -> FieldError.invalid("metadata.name", name, p)).toList();
  }

  static List<String> dnsLabel(String value) {
    List<String> out = new ArrayList<>();
    if (value.length() > 63) {
      out.add("must be no more than 63 characters");
    }
    if (!DNS_LABEL.matcher(value).matches()) {
      out.add(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
              + "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
              + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }
    return out;
  }

  static List<String> dnsSubdomain(String value) {
    List<String> out = new ArrayList<>();
    if (value.length() > 253) {
      out.add("must be no more than 253 characters");
    }
    if (!DNS_SUBDOMAIN.matcher(value).matches()) {
      out.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
              + "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
              + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
    return out;
  }

  /** IsQualifiedName: an optional DNS-subdomain prefix and a name of at most 63 characters. */
  static List<String> qualifiedName(String key) {
    List<String> out = new ArrayList<>();
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        out.add("prefix part must be non-empty");
      } else {
        dnsSubdomain(prefix).forEach(p -> out.add("prefix part " + p));
      }
    }
    if (name.isEmpty()) {
      out.add("name part must be non-empty");
    } else if (name.length() > 63) {
      out.add("name part must be no more than 63 characters");
    } else if (!QUALIFIED_NAME.matcher(name).matches()) {
      out.add(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
              + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
              + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }
    return out;
  }

  static List<FieldError> labels(JsonNode labels) {
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      var e = it.next();
      qualifiedName(e.getKey())
          .forEach(p -> errors.add(FieldError.invalid("metadata.labels", e.getKey(), p)));
      String value = e.getValue().asText();
      if (value.length() > 63) {
        errors.add(
            FieldError.invalid("metadata.labels", value, "must be no more than 63 characters"));
      }
      if (!LABEL_VALUE.matcher(value).matches()) {
        errors.add(
            FieldError.invalid(
                "metadata.labels",
                value,
                "a valid label must be an empty string or consist of "
                    + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                    + "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                    + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
      }
    }
    return errors;
  }

  static List<FieldError> annotations(JsonNode annotations) {
    List<FieldError> errors = new ArrayList<>();
    long total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      var e = it.next();
      qualifiedName(e.getKey().toLowerCase(Locale.ROOT))
          .forEach(p -> errors.add(FieldError.invalid("metadata.annotations", e.getKey(), p)));
      total += e.getKey().length() + e.getValue().asText().length();
    }
    if (total > ANNOTATIONS_LIMIT) {
      errors.add(FieldError.tooLong("metadata.annotations", ANNOTATIONS_LIMIT));
    }
    return errors;
  }

  static List<FieldError> ownerReferences(JsonNode refs) {
    List<FieldError> errors = new ArrayList<>();
    int controllers = 0;
    int i = 0;
    for (JsonNode ref : refs) {
      String field = "metadata.ownerReferences[" + i++ + "]";
      for (String required : List.of("apiVersion", "kind", "name", "uid")) {
        if (ref.path(required).asText("").isEmpty()) {
          errors.add(
              FieldError.invalid(field + "." + required, "", required + " must not be empty"));
        }
      }
      if (ref.path("controller").asBoolean(false)) {
        controllers++;
      }
    }
    if (controllers > 1) {
      errors.add(
          FieldError.invalid(
              "metadata.ownerReferences",
              refs.toString(),
              "Only one reference can have Controller set to true"));
    }
    return errors;
  }

  static List<FieldError> finalizers(JsonNode finalizers) {
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode f : finalizers) {
      qualifiedName(f.asText())
          .forEach(p -> errors.add(FieldError.invalid("metadata.finalizers", f.asText(), p)));
    }
    return errors;
  }

  /** ValidateObjectMetaUpdate: what a write may not change. */
  static List<FieldError> immutableMetadata(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    for (String field : List.of("name", "namespace", "uid", "creationTimestamp")) {
      JsonNode now = object.at("/metadata/" + field);
      JsonNode before = old.at("/metadata/" + field);
      if (!now.isMissingNode() && !now.isNull() && !Objects.equals(now, before)) {
        errors.add(FieldError.invalid("metadata." + field, now.asText(), "field is immutable"));
      }
    }
    // Once deleting, an object may lose finalizers but gain none.
    if (old.at("/metadata/deletionTimestamp").isTextual()) {
      List<String> before = new ArrayList<>();
      old.at("/metadata/finalizers").forEach(f -> before.add(f.asText()));
      for (JsonNode f : object.at("/metadata/finalizers")) {
        if (!before.contains(f.asText())) {
          errors.add(
              FieldError.forbidden(
                  "metadata.finalizers",
                  "no new finalizers can be added if the object is being deleted, found new finalizers [\""
                      + f.asText()
                      + "\"]"));
        }
      }
    }
    return errors;
  }

  /** core/validation ValidateSecret and ValidateSecretUpdate. */
  static List<FieldError> secret(JsonNode secret, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = secret.path("data").fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().length() > 253 || !CONFIG_KEY.matcher(e.getKey()).matches()) {
        errors.add(
            FieldError.invalid(
                "data[" + e.getKey() + "]",
                e.getKey(),
                "a valid config key must consist of "
                    + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used "
                    + "for validation is '[-._a-zA-Z0-9]+')"));
      }
      try {
        size += Base64.getDecoder().decode(e.getValue().asText()).length;
      } catch (IllegalArgumentException notBase64) {
        errors.add(
            FieldError.invalid(
                "data[" + e.getKey() + "]", "<value omitted>", "illegal base64 data"));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = secret.path("stringData").fields();
        it.hasNext(); ) {
      size += it.next().getValue().asText().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > SECRET_LIMIT) {
      errors.add(FieldError.tooLong("data", SECRET_LIMIT));
    }
    if (old != null) {
      String type = secret.path("type").asText("Opaque");
      String oldType = old.path("type").asText("Opaque");
      if (!type.equals(oldType)) {
        errors.add(FieldError.invalid("type", type, "field is immutable"));
      }
      if (old.path("immutable").asBoolean(false)) {
        if (!Objects.equals(secret.path("data"), old.path("data"))) {
          errors.add(FieldError.forbidden("data", "field is immutable when `immutable` is set"));
        }
        if (!secret.path("immutable").asBoolean(false)) {
          errors.add(
              FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
        }
      }
    }
    return errors;
  }

  /** rbac/validation: roleRef is required and cannot change. */
  static List<FieldError> roleBinding(JsonNode binding, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode ref = binding.path("roleRef");
    String kind = ref.path("kind").asText("");
    if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
      errors.add(
          new FieldError(
              FieldError.Type.NOT_SUPPORTED,
              "roleRef.kind",
              kind,
              "supported values: \"Role\", \"ClusterRole\""));
    }
    if (ref.path("name").asText("").isEmpty()) {
      errors.add(FieldError.required("roleRef.name", ""));
    }
    int i = 0;
    for (JsonNode subject : binding.path("subjects")) {
      String field = "subjects[" + i++ + "]";
      String subjectKind = subject.path("kind").asText("");
      switch (subjectKind) {
        case "ServiceAccount" -> {
          if (subject.path("namespace").asText("").isEmpty()
              && "ClusterRoleBinding".equals(binding.path("kind").asText())) {
            errors.add(FieldError.required(field + ".namespace", ""));
          }
        }
        case "User", "Group" -> {
          if (!"rbac.authorization.k8s.io".equals(subject.path("apiGroup").asText())) {
            errors.add(
                new FieldError(
                    FieldError.Type.NOT_SUPPORTED,
                    field + ".apiGroup",
                    subject.path("apiGroup").asText(""),
                    "supported values: \"rbac.authorization.k8s.io\""));
          }
        }
        default ->
            errors.add(
                new FieldError(
                    FieldError.Type.NOT_SUPPORTED,
                    field + ".kind",
                    subjectKind,
                    "supported values: \"ServiceAccount\", \"User\", \"Group\""));
      }
      if (subject.path("name").asText("").isEmpty()) {
        errors.add(FieldError.required(field + ".name", ""));
      }
    }
    if (old != null && !Objects.equals(ref, old.path("roleRef"))) {
      errors.add(FieldError.invalid("roleRef", ref.toString(), "cannot change roleRef"));
    }
    return errors;
  }
}
