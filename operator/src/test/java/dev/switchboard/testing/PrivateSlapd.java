package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * An OpenLDAP slapd of the tests' own on free ports (plain and ldaps, certificate from a test CA),
 * with the suffix dc=switchboard,dc=test and one user under it.
 */
public final class PrivateSlapd implements AutoCloseable {
  public static final String SUFFIX = "dc=switchboard,dc=test";
  public static final String USER_DN = "cn=app,ou=people," + SUFFIX;

  private final Path dir;
  private final int port;
  private final int tlsPort;
  private final Process process;
  private final TestCertificates.ServerCertificate certificate;

  public PrivateSlapd(String password) {
    this.port = Processes.freePort();
    this.tlsPort = Processes.freePort();
    this.certificate = TestCertificates.server(TestCertificates.authority("slapd test CA"));
    try {
      dir = Files.createTempDirectory("switchboard-slapd");
      certificate.writeTo(dir);
      Files.createDirectories(dir.resolve("db"));
      Path conf = dir.resolve("slapd.conf");
      Files.writeString(
          conf,
          String.join(
              "\n",
              "include /etc/ldap/schema/core.schema",
              "include /etc/ldap/schema/cosine.schema",
              "include /etc/ldap/schema/inetorgperson.schema",
              "modulepath /usr/lib/ldap",
              "moduleload back_mdb",
              "pidfile " + dir.resolve("slapd.pid"),
              "TLSCertificateFile " + dir.resolve("cert.pem"),
              "TLSCertificateKeyFile " + dir.resolve("key.pem"),
              "database mdb",
              "maxsize 10485760",
              "suffix \"" + SUFFIX + "\"",
              "rootdn \"cn=admin," + SUFFIX + "\"",
              "rootpw \"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
              "directory " + dir.resolve("db"),
              "access to * by users read by anonymous auth",
              ""));
      Path ldif = dir.resolve("entries.ldif");
      Files.writeString(
          ldif,
          String.join(
              "\n",
              "dn: " + SUFFIX,
              "objectClass: dcObject",
              "objectClass: organization",
              "dc: switchboard",
              "o: Switchboard",
              "",
              "dn: ou=people," + SUFFIX,
              "objectClass: organizationalUnit",
              "ou: people",
              "",
              "dn: " + USER_DN,
              "objectClass: inetOrgPerson",
              "cn: app",
              "sn: App",
              // Base64 (::), so that any password, spaces included, is stored as it is.
              "userPassword:: "
                  + Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)),
              ""));
      Processes.run(
          Duration.ofSeconds(30), "slapadd", "-f", conf.toString(), "-l", ldif.toString());
      process =
          new ProcessBuilder(
                  "slapd",
                  "-f",
                  conf.toString(),
                  "-h",
                  "ldap://127.0.0.1:" + port + "/ ldaps://127.0.0.1:" + tlsPort + "/",
                  "-d",
                  "0")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("log").toFile())
              .start();
      Processes.awaitPort(port, Duration.ofSeconds(15));
      Processes.awaitPort(tlsPort, Duration.ofSeconds(15));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public int tlsPort() {
    return tlsPort;
  }

  public String caPem() {
    return certificate.issuer().pem();
  }

  @Override
  public void close() {
    Processes.stop(process, dir);
  }
}
