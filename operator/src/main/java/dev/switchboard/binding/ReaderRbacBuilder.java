package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Role that lets a binding's subjects get exactly its Secret, and the RoleBinding to them.
 * Pure.
 */
public final class ReaderRbacBuilder {
  private ReaderRbacBuilder() {}

  public static Role role(WorkspaceBinding binding) {
    return new RoleBuilder()
        .withMetadata(
            OwnedMetadata.forBinding(binding, BindingNames.readerRoleName(binding), Map.of()))
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("secrets")
                .withResourceNames(BindingNames.secretName(binding))
                .withVerbs("get")
                .build())
        .build();
  }

  /**
   * Empty when the binding names no subjects: a RoleBinding without subjects grants nothing and is
   * not made.
   */
  public static Optional<RoleBinding> roleBinding(WorkspaceBinding binding) {
    List<Subject> subjects = binding.getSpec().getSubjects();
    if (subjects == null || subjects.isEmpty()) {
      return Optional.empty();
    }
    String namespace = binding.getMetadata().getNamespace();
    List<Subject> normalised = subjects.stream().map(s -> normalise(s, namespace)).toList();
    return Optional.of(
        new RoleBindingBuilder()
            .withMetadata(
                OwnedMetadata.forBinding(binding, BindingNames.readerRoleName(binding), Map.of()))
            .withNewRoleRef(
                "rbac.authorization.k8s.io", "Role", BindingNames.readerRoleName(binding))
            .withSubjects(normalised)
            .build());
  }

  /**
   * Fills what the API server requires and users usually omit: apiGroup for User/Group, namespace
   * for SAs.
   */
  private static Subject normalise(Subject s, String namespace) {
    Subject out = new Subject();
    out.setKind(s.getKind());
    out.setName(s.getName());
    if ("ServiceAccount".equals(s.getKind())) {
      out.setApiGroup("");
      out.setNamespace(
          s.getNamespace() == null || s.getNamespace().isEmpty() ? namespace : s.getNamespace());
    } else {
      out.setApiGroup("rbac.authorization.k8s.io");
    }
    return out;
  }
}
