package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The schema of {@code spec.type}. The Java field itself is a String so that an unknown type
 * reaching the operator (the API server may not validate, or a newer CRD may add types) becomes an
 * InvalidSpec condition instead of a deserialisation failure that would hide the object from the
 * operator.
 */
public enum ConnectionType {
  @JsonProperty("postgresql")
  POSTGRESQL,
  @JsonProperty("mysql")
  MYSQL,
  @JsonProperty("mariadb")
  MARIADB,
  @JsonProperty("redis")
  REDIS,
  @JsonProperty("http")
  HTTP,
  @JsonProperty("tcp")
  TCP,
  @JsonProperty("rabbitmq")
  RABBITMQ,
  @JsonProperty("nats")
  NATS,
  @JsonProperty("mqtt")
  MQTT,
  @JsonProperty("ldap")
  LDAP,
  @JsonProperty("s3")
  S3,
  @JsonProperty("kafka")
  KAFKA
}
