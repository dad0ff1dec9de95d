package dev.switchboard.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about Switchboard's objects, as Kubernetes' own components record them: one
 * Event per object and reason, under a name derived from both, whose {@code count} and {@code
 * lastTimestamp} grow when the same thing happens again. Callers record transitions only, never one
 * Event per reconcile. A failure to record is logged and swallowed: an Event is never worth failing
 * a reconcile for.
 */
public class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  private static final int MAX_REMEMBERED = 10_000;

  private final KubernetesClient client;
  private final Clock clock;

  /** How often this process recorded each Event (by name), least recently used forgotten first. */
  private final Map<String, Integer> counts =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
              return size() > MAX_REMEMBERED;
            }
          });

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Records a change of an object's state. The same reason again (the object went back and forth)
   * bumps the count of that reason's Event.
   */
  public void recordTransition(HasMetadata about, String type, String reason, String message) {
    record(about, type, reason, message);
  }

  /**
   * The object's name and a hash of its UID and the reason: the same for every occurrence,
   * different per object and reason; the name cut so that the whole stays a valid name (253
   * characters).
   */
  static String eventName(HasMetadata about, String reason) {
    String identity =
        (about.getMetadata().getUid() != null
                ? about.getMetadata().getUid()
                : about.getKind()
                    + "/"
                    + about.getMetadata().getNamespace()
                    + "/"
                    + about.getMetadata().getName())
            + "/"
            + reason;
    String suffix = "." + ShortNames.sha256Hex(identity).substring(0, 16);
    String objectName = about.getMetadata().getName();
    String prefix =
        objectName.length() + suffix.length() <= 253
            ? objectName
            : objectName.substring(0, 253 - suffix.length()).replaceAll("[^a-z0-9]+$", "");
    return prefix + suffix;
  }

  public void record(HasMetadata about, String type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    String name = eventName(about, reason);
    try {
      Integer count = counts.get(name);
      if (count == null) {
        count = createOrFind(about, name, type, reason, message);
      } else {
        count = bump(namespace, name, count + 1, type, message, about, reason);
      }
      counts.put(name, count);
    } catch (KubernetesClientException e) {
      if (WriteRejection.namespaceTerminating(e) || e.getCode() == 404) {
        // The namespace is going or gone, and the object with it: nobody will read the Event.
        log.debug(
            "Event {} on {}/{} not recorded: its namespace is being deleted",
            reason,
            namespace,
            about.getMetadata().getName());
        return;
      }
      log.warn(
          "Could not record event {} on {}/{}: {}",
          reason,
          namespace,
          about.getMetadata().getName(),
          e.getCode());
    }
  }

  /**
   * Creates the Event; one of that name from before (another process, an earlier run) is counted
   * on.
   */
  private int createOrFind(
      HasMetadata about, String name, String type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    try {
      create(about, name, type, reason, message);
      return 1;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
      int seen = existing == null || existing.getCount() == null ? 1 : existing.getCount();
      return bump(namespace, name, seen + 1, type, message, about, reason);
    }
  }

  /**
   * A merge patch of the count, the time and the latest words; an Event expired meanwhile is made
   * again.
   */
  private int bump(
      String namespace,
      String name,
      int count,
      String type,
      String message,
      HasMetadata about,
      String reason) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("count", count);
    patch.put("lastTimestamp", Instant.now(clock).toString());
    patch.put("type", type);
    patch.put("message", message);
    try {
      client
          .v1()
          .events()
          .inNamespace(namespace)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              client.getKubernetesSerialization().asJson(patch));
      return count;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      create(about, name, type, reason, message);
      return 1;
    }
  }

  private Event event(HasMetadata about, String name, String type, String reason, String message) {
    String now = Instant.now(clock).toString();
    String namespace = about.getMetadata().getNamespace();
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(about.getApiVersion())
                .withKind(about.getKind())
                .withNamespace(namespace)
                .withName(about.getMetadata().getName())
                .withUid(about.getMetadata().getUid())
                .withResourceVersion(about.getMetadata().getResourceVersion())
                .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1)
        .withNewSource()
        .withComponent("switchboard")
        .endSource()
        .withReportingComponent("switchboard.dev/operator")
        .build();
  }

  private void create(HasMetadata about, String name, String type, String reason, String message) {
    client
        .v1()
        .events()
        .inNamespace(about.getMetadata().getNamespace())
        .resource(event(about, name, type, reason, message))
        .create();
  }
}
