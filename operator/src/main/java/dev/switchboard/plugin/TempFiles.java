package dev.switchboard.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Short-lived files for drivers that read TLS trust material only from disk. Readable by the owner
 * only.
 */
final class TempFiles {
  private TempFiles() {}

  static Path write(String prefix, String suffix, byte[] content) throws IOException {
    Path file =
        Files.createTempFile(
            prefix,
            suffix,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(file, content);
    return file;
  }

  static Path writeTrustStore(KeyStore store, char[] password)
      throws IOException, GeneralSecurityException {
    Path file = write("switchboard-trust", ".p12", new byte[0]);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }

  static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temp file left behind holds only a CA certificate, which is public.
      }
    }
  }
}
