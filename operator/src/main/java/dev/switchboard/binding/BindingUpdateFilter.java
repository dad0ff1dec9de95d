package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.provision.BindingUsers;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes of a binding wake it: its spec (a new generation), its deletion and finalizers, and
 * the two annotations that ask something of it. Its own status writes do not: they would double
 * every reconcile.
 */
public class BindingUpdateFilter implements OnUpdateFilter<WorkspaceBinding> {
  @Override
  public boolean accept(WorkspaceBinding now, WorkspaceBinding before) {
    var n = now.getMetadata();
    var b = before.getMetadata();
    return !Objects.equals(n.getGeneration(), b.getGeneration())
        || !Objects.equals(n.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !Objects.equals(n.getFinalizers(), b.getFinalizers())
        || !Objects.equals(
            annotation(n.getAnnotations(), BindingUsers.ROTATE_REQUESTED_ANNOTATION),
            annotation(b.getAnnotations(), BindingUsers.ROTATE_REQUESTED_ANNOTATION))
        || !Objects.equals(
            annotation(n.getAnnotations(), BindingUsers.SKIP_CLEANUP_ANNOTATION),
            annotation(b.getAnnotations(), BindingUsers.SKIP_CLEANUP_ANNOTATION));
  }

  private static String annotation(Map<String, String> annotations, String key) {
    return annotations == null ? null : annotations.get(key);
  }
}
