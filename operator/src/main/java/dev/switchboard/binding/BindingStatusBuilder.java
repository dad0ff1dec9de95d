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

  public WorkspaceBindingStatus build(WorkspaceBinding binding, BindingOutcome outcome) {
    var previous = binding.getStatus();
    Long generation = binding.getMetadata().getGeneration();
    var conditions =
        new ConditionSet(previous == null ? null : previous.getConditions(), generation, clock);
    if (outcome.ready()) {
      String message = "Secret " + outcome.secretName() + " holds the connection's data";
      conditions.put(BOUND, ConditionSet.TRUE, BOUND, message);
      conditions.put(READY, ConditionSet.TRUE, READY, message);
    } else if (outcome.secretPresent()) {
      conditions.put(
          BOUND,
          ConditionSet.TRUE,
          BOUND,
          "Secret " + outcome.secretName() + " keeps the last good data");
      conditions.put(READY, ConditionSet.FALSE, outcome.reason(), outcome.message());
    } else {
      conditions.put(BOUND, ConditionSet.FALSE, outcome.reason(), outcome.message());
      conditions.put(READY, ConditionSet.FALSE, outcome.reason(), outcome.message());
    }
    var status = new WorkspaceBindingStatus();
    status.setObservedGeneration(generation);
    status.setConditions(conditions.toList());
    if (outcome.secretPresent()) {
      status.setBinding(new LocalObjectReference(outcome.secretName()));
      status.setSecretName(outcome.secretName());
      status.setDataHash(outcome.dataHash());
    }
    status.setConnection(outcome.connection());
    return status;
  }
}
