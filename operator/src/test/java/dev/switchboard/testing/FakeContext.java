package dev.switchboard.testing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import java.util.Optional;

/**
 * The SDK's Context for a reconcile() called directly by a test, without a running operator: the
 * client is the test's, and the primary's own cache accepts what the reconcile writes.
 */
public final class FakeContext {
  private FakeContext() {}

  @SuppressWarnings("unchecked")
  public static <P extends HasMetadata> Context<P> of(P primary, KubernetesClient client) {
    Context<P> context = mock(Context.class);
    EventSourceRetriever<P> retriever = mock(EventSourceRetriever.class);
    ControllerEventSource<P> primaries = mock(ControllerEventSource.class);
    when(context.getClient()).thenReturn(client);
    when(context.getPrimaryResource()).thenReturn(primary);
    when(context.getRetryInfo()).thenReturn(Optional.empty());
    when(context.eventSourceRetriever()).thenReturn(retriever);
    when(retriever.getControllerEventSource()).thenReturn(primaries);
    return context;
  }
}
