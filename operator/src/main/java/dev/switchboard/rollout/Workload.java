package dev.switchboard.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment, StatefulSet or DaemonSet, seen through what restarting it on rotation needs: its
 * Pod template.
 */
public record Workload(HasMetadata object, PodTemplateSpec template) {
  /** Set on the Pod template to the bound data's hash: a new value rolls the workload. */
  public static final String RESTARTED_FOR_ANNOTATION = "switchboard.dev/restarted-for";

  /** The opt-in, and the label selector the workloads are watched through. */
  public static final String OPT_IN_LABEL = "switchboard.dev/restart-on-rotation";

  public static final String OPT_IN_SELECTOR = OPT_IN_LABEL + "=true";

  /** The kinds that are rolled, in the order they are looked at. */
  public static final List<Class<? extends HasMetadata>> KINDS =
      List.of(Deployment.class, StatefulSet.class, DaemonSet.class);

  public static Workload of(HasMetadata object) {
    PodTemplateSpec template;
    if (object instanceof Deployment d) {
      template = d.getSpec() == null ? null : d.getSpec().getTemplate();
    } else if (object instanceof StatefulSet s) {
      template = s.getSpec() == null ? null : s.getSpec().getTemplate();
    } else if (object instanceof DaemonSet d) {
      template = d.getSpec() == null ? null : d.getSpec().getTemplate();
    } else {
      throw new IllegalArgumentException("not a workload: " + object.getKind());
    }
    return new Workload(object, template);
  }

  /** The hash the workload was last rolled for, if ever. */
  public Optional<String> restartedFor() {
    Map<String, String> annotations =
        template == null || template.getMetadata() == null
            ? null
            : template.getMetadata().getAnnotations();
    return Optional.ofNullable(
        annotations == null ? null : annotations.get(RESTARTED_FOR_ANNOTATION));
  }

  public String kind() {
    return object.getKind() != null ? object.getKind() : object.getClass().getSimpleName();
  }

  public String name() {
    return object.getMetadata().getName();
  }
}
