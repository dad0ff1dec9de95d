package dev.switchboard.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about Switchboard's objects. Callers record transitions only, never one Event per reconcile.
 * A failure to record is logged and swallowed: an Event is never worth failing a reconcile for.
 */
public class EventRecorder {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private static final int MAX_REMEMBERED = 10_000;

  private final KubernetesClient client;
  private final Clock clock;
  /**
   * The last reason recorded per object. Two reconciles can both see the old status in the cache before the first
   * status write arrives; this keeps them from reporting one transition twice.
   */
  private final Map<String, String> lastReason = new ConcurrentHashMap<>();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Records the event unless the last one recorded for this object had the same reason. */
  public void recordTransition(HasMetadata about, String type, String reason, String message) {
    String key = about.getMetadata().getUid() != null ? about.getMetadata().getUid()
        : about.getKind() + "/" + about.getMetadata().getNamespace() + "/" + about.getMetadata().getName();
    if (reason.equals(lastReason.put(key, reason))) {
      return;
    }
    if (lastReason.size() > MAX_REMEMBERED) {
      lastReason.clear();
    }
    record(about, type, reason, message);
  }

  /** The object's name and a unique suffix, the name cut so that the whole stays a valid name (253 characters). */
  static String eventName(String objectName) {
    String suffix = "." + Long.toHexString(System.nanoTime())
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000));
    String prefix = objectName.length() + suffix.length() <= 253 ? objectName
        : objectName.substring(0, 253 - suffix.length()).replaceAll("[^a-z0-9]+$", "");
    return prefix + suffix;
  }

  public void record(HasMetadata about, String type, String reason, String message) {
    String now = Instant.now(clock).toString();
    String namespace = about.getMetadata().getNamespace();
    var event = new EventBuilder()
        .withNewMetadata()
          .withNamespace(namespace)
          .withName(eventName(about.getMetadata().getName()))
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
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
        .withNewSource().withComponent("switchboard").endSource()
        .withReportingComponent("switchboard.dev/operator")
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      log.warn("Could not record event {} on {}/{}: {}", reason, namespace, about.getMetadata().getName(),
          e.getCode());
    }
  }
}
