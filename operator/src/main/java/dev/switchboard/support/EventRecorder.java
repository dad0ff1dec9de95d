package dev.switchboard.support;

import java.time.Clock;
import java.time.Instant;
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

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(HasMetadata about, String type, String reason, String message) {
    String now = Instant.now(clock).toString();
    String namespace = about.getMetadata().getNamespace();
    var event = new EventBuilder()
        .withNewMetadata()
          .withNamespace(namespace)
          .withName(about.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())
              + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000)))
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
