package dev.switchboard.binding;

import dev.switchboard.api.v1alpha1.WorkspaceBinding;
import dev.switchboard.kube.UserText;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a binding's spec; the API server may not have validated it. */
public final class BindingSpecValidator {
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
  private static final Set<String> SUBJECT_KINDS = Set.of("ServiceAccount", "User", "Group");

  private BindingSpecValidator() {}

  public static List<String> problems(WorkspaceBinding binding) {
    var spec = binding.getSpec();
    if (spec == null) {
      return List.of("spec is missing");
    }
    List<String> problems = new ArrayList<>();
    spec.malformedPaths("spec").forEach(f -> problems.add(f + " has the wrong type"));
    if (spec.getConnectionRef() == null
        || spec.getConnectionRef().getName() == null
        || spec.getConnectionRef().getName().isBlank()) {
      problems.add("spec.connectionRef.name is required");
    }
    String secretName = BindingNames.secretName(binding);
    if (secretName.length() > 253 || !DNS_SUBDOMAIN.matcher(secretName).matches()) {
      problems.add(
          "secret name '"
              + UserText.abbreviate(secretName)
              + "' is not a valid Kubernetes object name");
    }
    if (spec.getSubjects() != null) {
      for (Subject s : spec.getSubjects()) {
        if (s == null || s.getName() == null || s.getName().isBlank()) {
          problems.add("every subject needs a name");
        } else if (!SUBJECT_KINDS.contains(s.getKind())) {
          problems.add(
              "subject kind '"
                  + UserText.abbreviate(s.getKind())
                  + "' is not ServiceAccount, User or Group");
        } else if ("ServiceAccount".equals(s.getKind())
            && s.getNamespace() != null
            && !s.getNamespace().isEmpty()
            && !s.getNamespace().equals(binding.getMetadata().getNamespace())) {
          // A binding may only grant within its own workspace; another namespace's account would
          // carry the credentials out of it.
          problems.add(
              "ServiceAccount subject "
                  + s.getName()
                  + " must be in namespace "
                  + binding.getMetadata().getNamespace());
        }
      }
    }
    return problems.stream().distinct().toList();
  }
}
