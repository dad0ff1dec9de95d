package dev.switchboard.testing;

import dev.switchboard.api.v1alpha1.Connection;
import dev.switchboard.api.v1alpha1.ConnectionAccess;
import dev.switchboard.api.v1alpha1.ConnectionCredentials;
import dev.switchboard.api.v1alpha1.ConnectionReference;
import dev.switchboard.api.v1alpha1.ConnectionSpec;
import dev.switchboard.api.v1alpha1.SecretRef;
import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.api.v1alpha1.WorkspaceBindingSpec;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Objects as a user would write them. */
public final class Fixtures {
  private Fixtures() {}

  public static Namespace namespace(String name, String... labels) {
    Map<String, String> l = new TreeMap<>();
    l.put("kubernetes.io/metadata.name", name);
    for (int i = 0; i + 1 < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(l)
        .endMetadata()
        .build();
  }

  public static Secret credentials(String namespace, String name, String... keyValues) {
    Map<String, String> data = new TreeMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      data.put(keyValues[i], b64(keyValues[i + 1]));
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withType("Opaque")
        .withData(data)
        .build();
  }

  public static Connection postgres(
      String namespace, String name, String secretName, String... allowed) {
    ConnectionSpec spec = new ConnectionSpec();
    spec.setType("postgresql");
    // The machine's real PostgreSQL, so that connection tests succeed (trust auth: any password of
    // user postgres).
    spec.setHost("127.0.0.1");
    spec.setDatabase("test");
    ConnectionCredentials creds = new ConnectionCredentials();
    creds.setSecretRef(new SecretRef(secretName));
    spec.setCredentials(creds);
    if (allowed.length > 0) {
      ConnectionAccess access = new ConnectionAccess();
      access.setNamespaces(Arrays.asList(allowed));
      spec.setAccess(access);
    }
    return connection(namespace, name, spec);
  }

  /** A bare spec: type, where, and the database (null where the type has none). */
  public static ConnectionSpec spec(String type, String host, Integer port, String database) {
    ConnectionSpec s = new ConnectionSpec();
    s.setType(type);
    s.setHost(host);
    s.setPort(port);
    s.setDatabase(database);
    return s;
  }

  public static Connection connection(String namespace, String name, ConnectionSpec spec) {
    Connection c = new Connection();
    c.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    c.setSpec(spec);
    return c;
  }

  public static WorkspaceBinding binding(
      String namespace,
      String name,
      String connectionNamespace,
      String connectionName,
      Subject... subjects) {
    WorkspaceBindingSpec spec = new WorkspaceBindingSpec();
    spec.setConnectionRef(new ConnectionReference(connectionName, connectionNamespace));
    if (subjects.length > 0) {
      spec.setSubjects(List.of(subjects));
    }
    WorkspaceBinding b = new WorkspaceBinding();
    b.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    b.setSpec(spec);
    return b;
  }

  public static Subject serviceAccount(String name) {
    return new SubjectBuilder().withKind("ServiceAccount").withName(name).build();
  }

  public static Subject group(String name) {
    return new SubjectBuilder()
        .withKind("Group")
        .withName(name)
        .withApiGroup("rbac.authorization.k8s.io")
        .build();
  }

  public static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  public static Map<String, String> decoded(Secret secret) {
    Map<String, String> out = new TreeMap<>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }
}
