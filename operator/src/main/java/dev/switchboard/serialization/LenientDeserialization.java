package dev.switchboard.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import dev.switchboard.api.v1alpha1.Malformable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;

/**
 * Reads resources whose fields have the wrong JSON type without failing. One Connection with {@code
 * port: "abc"} (an API server that did not validate, an old CRD) would otherwise fail the informer
 * that lists all of them and stop the operator. A wrong value becomes null, or for numbers {@link
 * #INVALID_NUMBER}, so that the object still arrives and its validation reports the problem as an
 * InvalidSpec condition.
 *
 * <p>Why not Fabric8's {@code UnmatchedFieldTypeModule}, which keeps such values in an any-setter
 * map: it acts only outside templates once told to, and needs an
 * {@code @JsonAnySetter}/{@code @JsonAnyGetter} map on every spec class, which the CRD generator
 * (7.5.2) publishes as a bogus {@code getAdditionalProperties} field of each object's schema. The
 * handler here leaves the classes and the CRDs as they are.
 */
public final class LenientDeserialization extends DeserializationProblemHandler {
  /** Stands in for a number that was not one; outside every valid range (ports included). */
  public static final int INVALID_NUMBER = Integer.MIN_VALUE;

  private LenientDeserialization() {}

  /** The client serialization the operator uses. */
  public static KubernetesSerialization serialization() {
    ObjectMapper mapper =
        new ObjectMapper()
            .addHandler(new LenientDeserialization())
            .registerModule(SharedStrings.module());
    return new KubernetesSerialization(mapper, true);
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext ctxt, Class<?> targetType, String valueToConvert, String failureMsg) {
    remember(ctxt.getParser());
    return substitute(targetType);
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext ctxt, Class<?> targetType, Number valueToConvert, String failureMsg) {
    remember(ctxt.getParser());
    return substitute(targetType);
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext ctxt,
      JavaType targetType,
      JsonToken t,
      JsonParser p,
      String failureMsg)
      throws IOException {
    remember(p);
    p.skipChildren();
    return substitute(targetType.getRawClass());
  }

  /**
   * Tells the nearest object being read that is one of Switchboard's which of its fields was
   * malformed. Inside a wrongly typed value (an object where text belongs) the parser is one level
   * deeper, hence the walk up.
   */
  private static void remember(JsonParser p) {
    for (JsonStreamContext ctx = p.getParsingContext(); ctx != null; ctx = ctx.getParent()) {
      if (ctx.getCurrentValue() instanceof Malformable m) {
        m.markMalformed(ctx.getCurrentName() == null ? "?" : ctx.getCurrentName());
        return;
      }
    }
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext ctxt,
      Class<?> instClass,
      ValueInstantiator valueInsta,
      JsonParser p,
      String msg)
      throws IOException {
    remember(p);
    p.skipChildren();
    return null;
  }

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext ctxt,
      JsonParser p,
      JsonDeserializer<?> deserializer,
      Object beanOrClass,
      String propertyName)
      throws IOException {
    p.skipChildren();
    return true;
  }

  private static Object substitute(Class<?> type) {
    if (type == Integer.class || type == int.class) {
      return INVALID_NUMBER;
    }
    if (type == Long.class || type == long.class) {
      return (long) INVALID_NUMBER;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }
}
