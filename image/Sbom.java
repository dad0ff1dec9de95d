import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image's CycloneDX SBOM: the operator's libraries (the CycloneDX Maven plugin's BOM) and the
 * Debian packages its base is made of (image/build-base.sh's packages.txt), with the image as the
 * BOM's subject. Run with Jackson on the class path:
 *
 * <pre>java -cp JACKSON Sbom.java LIBRARIES_BOM PACKAGES_TXT IMAGE_NAME:VERSION OUT</pre>
 */
public class Sbom {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode bom = (ObjectNode) json.readTree(Path.of(args[0]).toFile());
    String image = args[2].substring(0, args[2].lastIndexOf(':'));
    String version = args[2].substring(args[2].lastIndexOf(':') + 1);

    ObjectNode metadata = bom.withObject("/metadata");
    ArrayNode components = bom.withArray("/components");
    // The operator's jar, the libraries' subject until now, becomes one of the image's components.
    if (metadata.has("component")) {
      components.insert(0, metadata.get("component"));
    }
    ObjectNode subject = json.createObjectNode();
    subject.put("type", "container");
    subject.put("bom-ref", image + ":" + version);
    subject.put("name", image);
    subject.put("version", version);
    metadata.set("component", subject);

    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] field = line.trim().split("\\s+");
      if (field.length < 3) {
        continue;
      }
      String purl = debPurl(field[0], field[1], field[2]);
      ObjectNode deb = json.createObjectNode();
      deb.put("type", "library");
      deb.put("bom-ref", purl);
      deb.put("name", field[0]);
      deb.put("version", field[1]);
      deb.put("purl", purl);
      components.add(deb);
    }
    json.writeValue(Path.of(args[3]).toFile(), bom);
  }

  /** A Debian package's URL as the purl spec writes it: an epoch is a qualifier, + is escaped. */
  static String debPurl(String name, String version, String arch) {
    int colon = version.indexOf(':');
    String epoch = colon < 0 ? null : version.substring(0, colon);
    String upstream = version.substring(colon + 1).replace("+", "%2B");
    return "pkg:deb/debian/"
        + name
        + "@"
        + upstream
        + "?arch="
        + arch
        + (epoch == null ? "" : "&epoch=" + epoch);
  }
}
