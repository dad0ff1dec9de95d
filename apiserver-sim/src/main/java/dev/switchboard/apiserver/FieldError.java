package dev.switchboard.apiserver;

/** One field.Error of apimachinery's validation, printed as the API server prints it. */
public record FieldError(Type type, String field, Object value, String detail) {
  /** field.ErrorType: its cause reason and the words the API server prints. */
  public enum Type {
    INVALID("FieldValueInvalid", "Invalid value"),
    REQUIRED("FieldValueRequired", "Required value"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    final String reason;
    final String words;

    Type(String reason, String words) {
      this.reason = reason;
      this.words = words;
    }
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError tooLong(String field, int max) {
    return new FieldError(Type.TOO_LONG, field, null, "may not be more than " + max + " bytes");
  }

  @Override
  public String toString() {
    return field + ": " + body();
  }

  /**
   * field.Error.ErrorBody(): the error without its field, as a Status cause's message carries it
   * (kubectl prints "field: message" from each cause, so a field inside the message shows twice).
   */
  public String body() {
    StringBuilder s = new StringBuilder(type.words);
    if (type == Type.INVALID
        || type == Type.TYPE_INVALID
        || type == Type.NOT_SUPPORTED
        || type == Type.DUPLICATE) {
      s.append(": ")
          .append(value instanceof String str ? "\"" + str + "\"" : String.valueOf(value));
    }
    if (detail != null && !detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }
}
