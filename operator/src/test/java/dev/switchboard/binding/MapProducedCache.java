package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A produced-object cache that a test fills and reads: what the operator's informer would hold. */
final class MapProducedCache<T extends HasMetadata> implements ProducedCache<T> {
  private final Map<ResourceID, T> objects = new ConcurrentHashMap<>();

  @Override
  public Optional<T> get(ResourceID id) {
    return Optional.ofNullable(objects.get(id));
  }

  @Override
  public Set<T> ownedBy(WorkspaceBinding binding) {
    return objects.values().stream()
        .filter(o -> OwnedMetadata.isOwnedBy(o, binding))
        .collect(Collectors.toSet());
  }

  @Override
  public T beforeWrite(T desired, T previous) {
    return desired;
  }

  @Override
  public void created(T written) {
    objects.put(ResourceID.fromResource(written), written);
  }

  @Override
  public void updated(T written, T previous) {
    objects.put(ResourceID.fromResource(written), written);
  }
}
