package dev.switchboard.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import java.util.function.BiConsumer;

/**
 * Writes a primary's whole status with an update of the status subresource, guarded by its
 * resourceVersion, and puts the answer into the SDK's cache so that the next reconcile sees it. A
 * JSON Patch computed from a cached copy names list positions and fields that another writer may
 * have changed meanwhile, and the API server refuses it (422); a merge patch would keep fields the
 * new status no longer has. An update with a stale resourceVersion is refused with 409 instead, and
 * the SDK retries it once its cache holds the newer object.
 */
public final class StatusWriter {
  private StatusWriter() {}

  public static <P extends HasMetadata, S> void write(
      P primary, S status, Context<P> context, BiConsumer<P, S> setStatus) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(
        primary,
        context,
        fresh -> {
          setStatus.accept(fresh, status);
          return fresh;
        });
  }
}
