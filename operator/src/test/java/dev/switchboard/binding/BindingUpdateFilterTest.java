package dev.switchboard.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.api.v1alpha1.WorkspaceBindingStatus;
import dev.switchboard.provision.BindingUsers;
import dev.switchboard.testing.Fixtures;
import dev.switchboard.testing.UnitTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A binding's own status write does not wake it; what a user or admin asks of it does. */
@UnitTest
class BindingUpdateFilterTest {
  private final BindingUpdateFilter filter = new BindingUpdateFilter();

  @Test
  void statusAndUnrelatedMetadataDoNotWakeTheBinding() {
    var before = binding();
    var after = binding();
    after.setStatus(new WorkspaceBindingStatus());
    after.getMetadata().setResourceVersion("2");
    after.getMetadata().setAnnotations(Map.of("note", "x"));
    assertThat(filter.accept(after, before)).isFalse();
  }

  @Test
  void specDeletionFinalizersAndTheTwoRequestsDo() {
    var before = binding();
    var newSpec = binding();
    newSpec.getMetadata().setGeneration(2L);
    var deleting = binding();
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
    var finalized = binding();
    finalized.getMetadata().setFinalizers(List.of(BindingUsers.FINALIZER));
    var rotate = binding();
    rotate.getMetadata().setAnnotations(Map.of(BindingUsers.ROTATE_REQUESTED_ANNOTATION, "1"));
    var skip = binding();
    skip.getMetadata().setAnnotations(Map.of(BindingUsers.SKIP_CLEANUP_ANNOTATION, "true"));
    for (WorkspaceBinding after : List.of(newSpec, deleting, finalized, rotate, skip)) {
      assertThat(filter.accept(after, before)).isTrue();
    }
  }

  private static WorkspaceBinding binding() {
    var b = Fixtures.binding("team-a", "orders", "platform", "orders-db");
    b.getMetadata().setGeneration(1L);
    return b;
  }
}
