package dev.switchboard.kube;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the conditions of a new status from the previous ones. Keeps the order in which types are
 * put and keeps {@code lastTransitionTime} while a condition's status stays the same, so that an
 * unchanged object produces an identical status and therefore no write.
 */
public final class ConditionSet {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private final Map<String, Condition> previous = new LinkedHashMap<>();
  private final Map<String, Condition> next = new LinkedHashMap<>();
  private final Long generation;
  private final Clock clock;

  public ConditionSet(List<Condition> previousConditions, Long generation, Clock clock) {
    if (previousConditions != null) {
      previousConditions.forEach(c -> previous.put(c.getType(), c));
    }
    this.generation = generation;
    this.clock = clock;
  }

  public ConditionSet put(String type, String status, String reason, String message) {
    Condition old = previous.get(type);
    String transition =
        old != null
                && Objects.equals(old.getStatus(), status)
                && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    Condition c = new Condition();
    c.setType(type);
    c.setStatus(status);
    c.setReason(reason);
    c.setMessage(message == null ? "" : message);
    c.setObservedGeneration(generation);
    c.setLastTransitionTime(transition);
    next.put(type, c);
    return this;
  }

  public List<Condition> toList() {
    return new ArrayList<>(next.values());
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition c = find(conditions, type);
    return c != null && TRUE.equals(c.getStatus());
  }

  public static String reason(List<Condition> conditions, String type) {
    Condition c = find(conditions, type);
    return c == null ? null : c.getReason();
  }
}
