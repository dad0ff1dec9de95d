package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.api.v1alpha1.WorkspaceBindingStatus;
import dev.switchboard.kube.ConditionSet;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import java.time.Clock;

/** Turns a {@link BindingOutcome} into the binding's status. Pure apart from the clock. */
public final class BindingStatusBuilder {
  public static final String BOUND = "Bound";
  public static final String READY = "Ready";

  private final Clock clock;

  public BindingStatusBuilder(Clock clock) {
    this.clock = clock;
  }

  /**
   * The status a reported outcome ({@link BindingOutcome.Bound} or {@link BindingOutcome.Failed})
   * gives.
   */
  public WorkspaceBindingStatus build(WorkspaceBinding binding, BindingOutcome outcome) {
    var previous = binding.getStatus();
    Long generation = binding.getMetadata().getGeneration();
    var conditions =
        new ConditionSet(previous == null ? null : previous.getConditions(), generation, clock);
    var status = new WorkspaceBindingStatus();
    status.setObservedGeneration(generation);
    if (outcome instanceof BindingOutcome.Bound bound) {
      String message = "Secret " + bound.secretName() + " holds the connection's data";
      conditions.put(BOUND, ConditionSet.TRUE, BOUND, message);
      conditions.put(READY, ConditionSet.TRUE, READY, message);
      secret(status, bound.secretName(), bound.dataHash());
      status.setConnection(bound.connection());
      status.setProvisionedUser(bound.provisionedUser());
    } else if (outcome instanceof BindingOutcome.Failed failed) {
      if (failed.secretPresent()) {
        conditions.put(
            BOUND,
            ConditionSet.TRUE,
            BOUND,
            "Secret " + failed.secretName() + " keeps the last good data");
        secret(status, failed.secretName(), failed.dataHash());
      } else {
        conditions.put(BOUND, ConditionSet.FALSE, failed.reason(), failed.message());
      }
      conditions.put(READY, ConditionSet.FALSE, failed.reason(), failed.message());
      status.setConnection(failed.connection());
      status.setProvisionedUser(failed.provisionedUser());
    } else {
      throw new IllegalArgumentException("nothing is reported while waiting: " + outcome.reason());
    }
    status.setConditions(conditions.toList());
    return status;
  }

  private static void secret(WorkspaceBindingStatus status, String name, String dataHash) {
    status.setBinding(new LocalObjectReference(name));
    status.setSecretName(name);
    status.setDataHash(dataHash);
  }
}
