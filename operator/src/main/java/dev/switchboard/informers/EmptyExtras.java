package dev.switchboard.informers;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every object of the Kubernetes model carries a map of fields the model does not know, allocated
 * even when empty: a dozen per binding in the caches (metadata, owner references, rules, subjects,
 * conditions). A cached object's empty maps are replaced by one shared empty map; what reads or
 * copies them sees no difference, and nothing writes into a cached object. Built-in kinds are
 * handled here; a custom resource's store passes its own parts ({@code support/SlimResources}).
 */
public final class EmptyExtras {
  private static final Map<String, Object> NONE = Map.of();

  private EmptyExtras() {}

  public static <T extends HasMetadata> T share(T object) {
    ObjectMeta meta = object.getMetadata();
    share(meta::getAdditionalProperties, meta::setAdditionalProperties);
    if (meta.getOwnerReferences() != null) {
      meta.getOwnerReferences()
          .forEach(r -> share(r::getAdditionalProperties, r::setAdditionalProperties));
    }
    if (object instanceof Secret s) {
      share(s::getAdditionalProperties, s::setAdditionalProperties);
    } else if (object instanceof Role r) {
      share(r::getAdditionalProperties, r::setAdditionalProperties);
      each(r.getRules(), EmptyExtras::share);
    } else if (object instanceof RoleBinding rb) {
      share(rb::getAdditionalProperties, rb::setAdditionalProperties);
      if (rb.getRoleRef() != null) {
        share(rb.getRoleRef()::getAdditionalProperties, rb.getRoleRef()::setAdditionalProperties);
      }
      each(rb.getSubjects(), EmptyExtras::share);
    }
    return object;
  }

  /** The same for the conditions of a custom resource's status (its store's trim calls it). */
  public static void shareConditions(List<Condition> conditions) {
    each(conditions, EmptyExtras::share);
  }

  /** The same for RBAC subjects a custom resource holds. */
  public static void shareSubjects(List<Subject> subjects) {
    each(subjects, EmptyExtras::share);
  }

  private static void share(PolicyRule rule) {
    share(rule::getAdditionalProperties, rule::setAdditionalProperties);
  }

  private static void share(Subject subject) {
    share(subject::getAdditionalProperties, subject::setAdditionalProperties);
  }

  private static void share(Condition condition) {
    share(condition::getAdditionalProperties, condition::setAdditionalProperties);
  }

  private static <E> void each(List<E> items, Consumer<E> action) {
    if (items != null) {
      // A hostile or malformed object may hold nulls where the model expects objects.
      items.stream().filter(java.util.Objects::nonNull).forEach(action);
    }
  }

  private static void share(Supplier<Map<String, Object>> get, Consumer<Map<String, Object>> set) {
    Map<String, Object> extras = get.get();
    if (extras != null && extras.isEmpty()) {
      set.accept(NONE);
    }
  }
}
