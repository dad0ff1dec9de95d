package dev.switchboard.apiserver;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL as admission policies see it: the variables object, oldObject, request and authorizer, and
 * Kubernetes' authorizer library
 * (authorizer.group(g).resource(r).namespace(n).name(x).check(verb).allowed()), answered by RBAC.
 */
public final class KubernetesCel {
  private static final CelType AUTHORIZER =
      OpaqueType.create("kubernetes.authorization.Authorizer");
  private static final CelType GROUP_CHECK =
      OpaqueType.create("kubernetes.authorization.GroupCheck");
  private static final CelType RESOURCE_CHECK =
      OpaqueType.create("kubernetes.authorization.ResourceCheck");
  private static final CelType DECISION = OpaqueType.create("kubernetes.authorization.Decision");

  /** The authorizer bound to the requesting user; {@code rbac} answers its checks. */
  public record Authorizer(Caller caller, Checker rbac) {}

  /** Who answers an authorizer check: RBAC in the strict server, anything in a unit test. */
  public interface Checker {
    boolean allows(
        Caller caller, String verb, String group, String resource, String namespace, String name);
  }

  record GroupCheck(Authorizer authorizer, String group) {}

  record ResourceCheck(
      Authorizer authorizer,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {
    ResourceCheck with(String field, String value) {
      return switch (field) {
        case "subresource" ->
            new ResourceCheck(authorizer, group, resource, value, namespace, name);
        case "namespace" ->
            new ResourceCheck(authorizer, group, resource, subresource, value, name);
        default -> new ResourceCheck(authorizer, group, resource, subresource, namespace, value);
      };
    }
  }

  record Decision(boolean allowed, String reason) {}

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("object", SimpleType.DYN)
          .addVar("oldObject", SimpleType.DYN)
          .addVar("request", SimpleType.DYN)
          .addVar("params", SimpleType.DYN)
          .addVar("authorizer", AUTHORIZER)
          .addFunctionDeclarations(
              CelFunctionDecl.newFunctionDeclaration(
                  "group",
                  CelOverloadDecl.newMemberOverload(
                      "authorizer_group", GROUP_CHECK, AUTHORIZER, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "resource",
                  CelOverloadDecl.newMemberOverload(
                      "group_resource", RESOURCE_CHECK, GROUP_CHECK, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "subresource",
                  CelOverloadDecl.newMemberOverload(
                      "resource_subresource", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "namespace",
                  CelOverloadDecl.newMemberOverload(
                      "resource_namespace", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "name",
                  CelOverloadDecl.newMemberOverload(
                      "resource_name", RESOURCE_CHECK, RESOURCE_CHECK, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "check",
                  CelOverloadDecl.newMemberOverload(
                      "resource_check", DECISION, RESOURCE_CHECK, SimpleType.STRING)),
              CelFunctionDecl.newFunctionDeclaration(
                  "allowed",
                  CelOverloadDecl.newMemberOverload("decision_allowed", SimpleType.BOOL, DECISION)),
              CelFunctionDecl.newFunctionDeclaration(
                  "reason",
                  CelOverloadDecl.newMemberOverload(
                      "decision_reason", SimpleType.STRING, DECISION)))
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .addFunctionBindings(
              CelFunctionBinding.from(
                  "authorizer_group", Authorizer.class, String.class, GroupCheck::new),
              CelFunctionBinding.from(
                  "group_resource",
                  GroupCheck.class,
                  String.class,
                  (g, r) -> new ResourceCheck(g.authorizer(), g.group(), r, "", "", "")),
              CelFunctionBinding.from(
                  "resource_subresource",
                  ResourceCheck.class,
                  String.class,
                  (c, v) -> c.with("subresource", v)),
              CelFunctionBinding.from(
                  "resource_namespace",
                  ResourceCheck.class,
                  String.class,
                  (c, v) -> c.with("namespace", v)),
              CelFunctionBinding.from(
                  "resource_name", ResourceCheck.class, String.class, (c, v) -> c.with("name", v)),
              CelFunctionBinding.from(
                  "resource_check", ResourceCheck.class, String.class, KubernetesCel::check),
              CelFunctionBinding.from("decision_allowed", Decision.class, Decision::allowed),
              CelFunctionBinding.from("decision_reason", Decision.class, Decision::reason))
          .build();

  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private KubernetesCel() {}

  private static Decision check(ResourceCheck c, String verb) {
    String resource = c.resource() + (c.subresource().isEmpty() ? "" : "/" + c.subresource());
    boolean allowed =
        c.authorizer()
            .rbac()
            .allows(
                c.authorizer().caller(),
                verb,
                c.group(),
                resource,
                c.namespace().isEmpty() ? null : c.namespace(),
                c.name().isEmpty() ? null : c.name());
    return new Decision(allowed, allowed ? "" : "RBAC: not allowed");
  }

  /**
   * Evaluates an admission expression; an expression that does not compile or fails to evaluate
   * throws.
   */
  public static Object evaluate(String expression, Map<String, Object> variables) {
    CelRuntime.Program program =
        PROGRAMS.computeIfAbsent(
            expression,
            e -> {
              try {
                return RUNTIME.createProgram(COMPILER.compile(e).getAst());
              } catch (CelValidationException | CelEvaluationException invalid) {
                throw new IllegalArgumentException(
                    "expression does not compile: " + invalid.getMessage(), invalid);
              }
            });
    try {
      return program.eval(variables);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("expression failed: " + e.getMessage(), e);
    }
  }
}
