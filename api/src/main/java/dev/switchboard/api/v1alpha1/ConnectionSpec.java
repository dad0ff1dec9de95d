package dev.switchboard.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(self.type in ['http', 's3']) || has(self.url)",
    message = "types http and s3 need spec.url")
@ValidationRule(
    value = "self.type in ['http', 's3'] || has(self.host)",
    message = "this type needs spec.host")
@ValidationRule(
    value = "self.type != 'tcp' || has(self.port)",
    message = "type tcp needs spec.port (it has no usual port)")
@ValidationRule(
    value = "!(self.type in " + ConnectionSpec.TYPES_WITH_LOGIN + ") || has(self.credentials)",
    message =
        "types postgresql, mysql, mariadb, rabbitmq and s3 need spec.credentials (a Secret with"
            + " username and password)")
@ValidationRule(
    value =
        "!has(self.provisioning) || !has(self.provisioning.mode)"
            + " || self.provisioning.mode != 'PerBinding' || has(self.credentials)",
    message =
        "provisioning mode PerBinding needs spec.credentials: the account that creates the"
            + " bindings' users")
public class ConnectionSpec extends Malformable {
  /** The types whose plugin cannot log in without a user name and password (a CEL list). */
  static final String TYPES_WITH_LOGIN = "['postgresql', 'mysql', 'mariadb', 'rabbitmq', 's3']";

  @Required
  @SchemaFrom(type = ConnectionType.class)
  @JsonPropertyDescription("The kind of data source; selects the plugin that binds and tests it.")
  private String type;

  @JsonPropertyDescription("Free text for people.")
  private String description;

  @JsonPropertyDescription("Host name or address of the data source (all types but http and s3).")
  private String host;

  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port of the data source. Default: the type's usual port.")
  private Integer port;

  @JsonPropertyDescription("Database name, for types that have one.")
  private String database;

  @JsonPropertyDescription("URL of the data source: what http probes, the endpoint of s3.")
  private String url;

  @JsonPropertyDescription(
      "Non-secret settings of the type, copied into bound Secrets (e.g. sslmode).")
  private Map<String, String> parameters;

  @JsonPropertyDescription("Where the credentials are.")
  private ConnectionCredentials credentials;

  @JsonPropertyDescription("TLS settings.")
  private ConnectionTls tls;

  @JsonPropertyDescription("Connection test policy.")
  private ConnectionTestPolicy test;

  @JsonPropertyDescription(
      "Which workspace namespaces may bind this Connection. Default: only its own namespace.")
  private ConnectionAccess access;

  @JsonPropertyDescription(
      "How workspaces get credentials: shared (the default) or a database user per binding.")
  private ConnectionProvisioning provisioning;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public Map<String, String> getParameters() {
    return parameters;
  }

  public void setParameters(Map<String, String> parameters) {
    this.parameters = parameters;
  }

  public ConnectionCredentials getCredentials() {
    return credentials;
  }

  public void setCredentials(ConnectionCredentials credentials) {
    this.credentials = credentials;
  }

  public ConnectionTls getTls() {
    return tls;
  }

  public void setTls(ConnectionTls tls) {
    this.tls = tls;
  }

  public ConnectionTestPolicy getTest() {
    return test;
  }

  public void setTest(ConnectionTestPolicy test) {
    this.test = test;
  }

  public ConnectionAccess getAccess() {
    return access;
  }

  public void setAccess(ConnectionAccess access) {
    this.access = access;
  }

  public ConnectionProvisioning getProvisioning() {
    return provisioning;
  }

  public void setProvisioning(ConnectionProvisioning provisioning) {
    this.provisioning = provisioning;
  }

  @Override
  protected Map<String, Malformable> parts() {
    return present(
        "credentials", credentials,
        "tls", tls,
        "test", test,
        "access", access,
        "provisioning", provisioning);
  }
}
