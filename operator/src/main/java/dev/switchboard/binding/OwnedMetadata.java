package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.support.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.Optional;

/** Metadata of the objects a binding produces, and the test of whether an object is one of them. */
public final class OwnedMetadata {
  private OwnedMetadata() {}

  public static ObjectMeta forBinding(
      WorkspaceBinding binding, String name, Map<String, String> annotations) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(binding.getMetadata().getNamespace())
        .withLabels(
            Map.of(
                Labels.MANAGED_BY,
                Labels.MANAGED_BY_VALUE,
                Labels.BINDING,
                Labels.asLabelValue(binding.getMetadata().getName())))
        .withAnnotations(annotations)
        .withOwnerReferences(ownerReference(binding))
        .build();
  }

  public static OwnerReference ownerReference(WorkspaceBinding binding) {
    return new OwnerReferenceBuilder()
        .withApiVersion(binding.getApiVersion())
        .withKind(binding.getKind())
        .withName(binding.getMetadata().getName())
        .withUid(binding.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /**
   * The binding whose controller reference the object carries, if any: how a produced object finds
   * its binding.
   */
  public static Optional<String> controllingBinding(HasMetadata resource) {
    var refs = resource.getMetadata().getOwnerReferences();
    return refs == null
        ? Optional.empty()
        : refs.stream()
            .filter(
                r ->
                    Boolean.TRUE.equals(r.getController())
                        && "WorkspaceBinding".equals(r.getKind()))
            .map(OwnerReference::getName)
            .findFirst();
  }

  /** Owned means: this binding is its controller, by UID. A label alone proves nothing. */
  public static boolean isOwnedBy(HasMetadata resource, WorkspaceBinding binding) {
    var refs = resource.getMetadata().getOwnerReferences();
    return refs != null
        && refs.stream()
            .anyMatch(
                r ->
                    Boolean.TRUE.equals(r.getController())
                        && r.getUid() != null
                        && r.getUid().equals(binding.getMetadata().getUid()));
  }
}
