package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers like kube-apiserver: authenticates by bearer token, authorizes with RBAC, runs admission
 * (namespace lifecycle, owner-reference permissions, RBAC escalation, object and CRD validation),
 * applies patches itself, enforces optimistic concurrency and the status subresource, and only then
 * lets the CRUD store keep the object. Writes are serialized, so each check sees the object it then
 * replaces.
 */
final class StrictDispatcher extends Dispatcher {
  private final Store store;
  private final ResourceCatalog catalog;
  private final Map<String, Caller> tokens;
  private final Profile profile;
  private final RbacAuthorizer authorizer;
  private final RbacEscalationCheck escalation;
  private final OwnerReferencesPermissionEnforcement ownerReferences;
  private final PermissionLog permissions;
  final Refusals refusals = new Refusals();
  final List<WebhookDenial> denials = new CopyOnWriteArrayList<>();
  private final Discovery discovery;
  private final AdmissionPolicies policies;
  private final Controllers controllers;
  private final ReentrantLock writes = new ReentrantLock();

  /**
   * Every kind an object was ever created of: what garbage collection and namespace deletion look
   * through.
   */
  final Set<ResourceType> createdKinds = ConcurrentHashMap.newKeySet();

  StrictDispatcher(
      Store store,
      ResourceCatalog catalog,
      Map<String, Caller> tokens,
      Profile profile,
      PermissionLog permissions) {
    this.store = store;
    this.catalog = catalog;
    this.tokens = tokens;
    this.profile = profile;
    this.permissions = permissions;
    this.authorizer = new RbacAuthorizer(store);
    this.escalation = new RbacEscalationCheck(authorizer);
    this.ownerReferences =
        new OwnerReferencesPermissionEnforcement(authorizer, catalog, permissions);
    this.discovery = new Discovery(catalog);
    this.policies = new AdmissionPolicies(store, authorizer);
    this.controllers = new Controllers(this);
  }

  RbacAuthorizer authorizer() {
    return authorizer;
  }

  Store store() {
    return store;
  }

  ReentrantLock writeLock() {
    return writes;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) {
    MockResponse response = answer(recorded);
    // Every answer says it is JSON: a client that sent protobuf (kubectl) otherwise reads the
    // answer as protobuf. A watch's stream is left as the store made it.
    if (ProtobufBodies.isProtobuf(recorded.getHeader("Content-Type"))
        && response.header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private MockResponse answer(RecordedRequest recorded) {
    Caller caller;
    try {
      caller = authenticate(recorded);
    } catch (ApiError e) {
      return e.response();
    }
    try {
      caller = Impersonation.effective(caller, recorded, authorizer);
    } catch (ApiError e) {
      refusals.record(caller, e, recorded);
      return e.response();
    }
    try {
      return handle(caller, recorded);
    } catch (ApiError e) {
      refusals.record(caller, e, recorded);
      return e.response();
    } catch (RuntimeException bug) {
      // Answered at once, as the API server answers an internal error, never left hanging.
      ApiError internal = ApiError.internal(bug.toString());
      refusals.record(caller, internal, recorded);
      return internal.response();
    }
  }

  private MockResponse handle(Caller caller, RecordedRequest recorded) {
    ApiRequest request = ApiRequest.parse(recorded.getMethod(), recorded.getPath());
    if (!authorizer.allows(caller, request)) {
      if (!request.resourceRequest()) {
        throw ApiError.forbidden(
            "",
            "",
            null,
            "User \""
                + caller.name()
                + "\" cannot "
                + request.verb()
                + " path \""
                + request.path()
                + "\"");
      }
      throw ApiError.forbidden(
          request.resource(),
          request.group(),
          request.name(),
          ApiError.notAllowed(caller, request));
    }
    if (!request.resourceRequest()) {
      return discovery.answer(request, recorded);
    }
    ResourceType type =
        catalog
            .find(request.group(), request.resource())
            .filter(t -> t.version().equals(request.version()))
            .orElseThrow(ApiError::notFoundPath);
    permissions.granted(caller, request.verb(), request.group(), request.rbacResource());
    if (request.subresource() != null
        && !(request.subresource().equals("status") && type.statusSubresource())) {
      throw ApiError.notFoundPath();
    }
    if (request.resource().equals("selfsubjectrulesreviews")) {
      return Reviews.rules(authorizer, caller, read(recorded));
    }
    if (request.resource().equals("selfsubjectaccessreviews")) {
      return Reviews.access(authorizer, caller, read(recorded));
    }
    String dryRun = dryRunOf(request, recorded);
    if (dryRun != null && request.isWrite()) {
      if (!dryRun.equals("All")) {
        throw ApiError.badRequest("Unsupported dry run value \"" + dryRun + "\"");
      }
      // Validation and admission run; nothing is stored (kube-apiserver's dryRun=All).
      return store.dryRun(() -> handleResource(caller, request, type, recorded));
    }
    return handleResource(caller, request, type, recorded);
  }

  /**
   * A get or list: as stored, or as a Table where kubectl asks for one and the API server has
   * columns (custom resources, Events), filtered by a field selector where one is given.
   */
  private MockResponse readObjects(
      ApiRequest request, ResourceType type, RecordedRequest recorded) {
    boolean table = Tables.wanted(recorded.getHeader("Accept"));
    boolean events = type.group().isEmpty() && type.kind().equals("Event");
    String fieldSelector = request.query().get("fieldSelector");
    boolean filtered = request.name() == null && fieldSelector != null;
    if (!(table && (type.isCustom() || events)) && !filtered) {
      MockResponse stored = store.dispatch(recorded);
      return request.name() == null && stored.code() == 200 ? typedList(stored, type) : stored;
    }
    Predicate<ObjectNode> fields = FieldSelectors.parse(fieldSelector);
    List<ObjectNode> objects =
        request.name() == null
            ? store.list(request.collectionPath()).stream().filter(fields).toList()
            : List.of(
                store
                    .get(request.objectPath())
                    .orElseThrow(
                        () -> ApiError.notFound(type.resource(), type.group(), request.name())));
    if (table && type.isCustom()) {
      return Tables.answer(catalog.crdOf(type).orElseThrow(), objects);
    }
    if (table && events) {
      return Tables.events(objects);
    }
    ObjectNode list = store.listDocument(request.collectionPath());
    list.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
    list.putArray("items").addAll(objects);
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(Store.write(list));
  }

  /**
   * A list as kube-apiserver types it ({@code SecretList}, not the store's {@code List}): typed
   * clients such as kubectl describe's read of Events decode nothing from a plain List.
   */
  private static MockResponse typedList(MockResponse stored, ResourceType type) {
    JsonNode body = Store.read(Store.body(stored));
    if (!(body instanceof ObjectNode list) || !body.has("items")) {
      return stored;
    }
    list.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
    return stored.setBody(Store.write(list));
  }

  /** ?dryRun=, or for a deletion the dryRun of its DeleteOptions (where kubectl puts it). */
  private static String dryRunOf(ApiRequest request, RecordedRequest recorded) {
    String query = request.query().get("dryRun");
    if (query != null || !request.verb().startsWith("delete") || recorded.getBody().size() == 0) {
      return query;
    }
    JsonNode options = read(recorded).path("dryRun");
    return options.isArray() && !options.isEmpty() ? options.get(0).asText() : null;
  }

  private MockResponse handleResource(
      Caller caller, ApiRequest request, ResourceType type, RecordedRequest recorded) {
    return switch (request.verb()) {
      case "get", "list" -> readObjects(request, type, recorded);
      case "watch" ->
          HttpWatches.isPlainHttp(recorded)
              ? store.httpWatches().answer(request)
              : store.dispatch(recorded);
      case "create" -> locked(() -> create(caller, request, type, body(recorded)));
      case "update" -> locked(() -> update(caller, request, type, body(recorded)));
      case "patch" -> locked(() -> patch(caller, request, type, recorded));
      case "delete" ->
          locked(
              () ->
                  delete(
                      request,
                      type,
                      recorded.getBody().size() == 0 ? null : read(recorded).toString()));
      case "deletecollection" -> locked(() -> deleteCollection(request, type));
      default -> throw ApiError.methodNotAllowed(request.method());
    };
  }

  private Caller authenticate(RecordedRequest recorded) {
    String header = recorded.getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      throw ApiError.unauthorized();
    }
    Caller caller = tokens.get(header.substring("Bearer ".length()).trim());
    if (caller == null) {
      throw ApiError.unauthorized();
    }
    return caller;
  }

  private MockResponse locked(Supplier<MockResponse> write) {
    writes.lock();
    try {
      return write.get();
    } finally {
      writes.unlock();
      controllers.kick();
    }
  }

  /**
   * The request's object, whether its client sent JSON or (kubectl, for built-in kinds) protobuf.
   */
  private static JsonNode read(RecordedRequest recorded) {
    if (ProtobufBodies.isProtobuf(recorded.getHeader("Content-Type"))) {
      return ProtobufBodies.read(recorded.getBody().getBytes());
    }
    return Store.read(recorded.getUtf8Body());
  }

  private static ObjectNode body(RecordedRequest recorded) {
    JsonNode body = read(recorded);
    if (!(body instanceof ObjectNode object)) {
      throw ApiError.badRequest("the object provided is unrecognized (must be of type object)");
    }
    return object;
  }

  private MockResponse create(
      Caller caller, ApiRequest request, ResourceType type, ObjectNode object) {
    ObjectNode meta = metadata(object);
    if (request.namespace() != null && type.namespaced()) {
      String bodyNamespace = meta.path("namespace").asText("");
      if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(request.namespace())) {
        throw ApiError.badRequest(
            "the namespace of the provided object does not match the namespace sent on the "
                + "request");
      }
      meta.put("namespace", request.namespace());
    }
    if (meta.path("name").asText("").isEmpty() && meta.has("generateName")) {
      meta.put(
          "name",
          meta.get("generateName").asText() + Long.toString(System.nanoTime() & 0xffffff, 36));
    }
    String name = meta.path("name").asText("");
    if (type.namespaced()) {
      NamespaceLifecycle.admitCreate(store, request.namespace(), type, name);
    }
    for (String serverManaged :
        List.of(
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "deletionTimestamp",
            "generation",
            "managedFields")) {
      meta.remove(serverManaged);
    }
    if (type.statusSubresource() && type.isCustom()) {
      object.remove("status");
    }
    object.put("apiVersion", type.apiVersion());
    object.put("kind", type.kind());
    validate(caller, request, type, object, null);
    if (type.isCustom() || type.kind().equals("Deployment")) {
      meta.put("generation", 1);
    }
    meta.put("creationTimestamp", now());
    if (store.get(type.collectionPath(request.namespace()) + "/" + name).isPresent()) {
      throw ApiError.alreadyExists(type.resource(), type.group(), name);
    }
    MockResponse response = store.create(type.collectionPath(request.namespace()), object);
    if (response.code() < 300) {
      createdKinds.add(type);
      if (type.kind().equals("CustomResourceDefinition") && !store.isDryRun()) {
        catalog.addCrd(object);
      }
      afterWrite(type, object);
      response.setResponseCode(201);
    }
    return response;
  }

  private MockResponse update(
      Caller caller, ApiRequest request, ResourceType type, ObjectNode body) {
    ObjectNode current =
        store
            .get(request.objectPath())
            .orElseThrow(() -> ApiError.notFound(type.resource(), type.group(), request.name()));
    String sentVersion = body.at("/metadata/resourceVersion").asText("");
    if (!sentVersion.isEmpty()
        && !sentVersion.equals(current.at("/metadata/resourceVersion").asText())) {
      throw ApiError.conflict(type.resource(), type.group(), request.name());
    }
    return replace(caller, request, type, current, body);
  }

  private MockResponse patch(
      Caller caller, ApiRequest request, ResourceType type, RecordedRequest recorded) {
    ObjectNode current =
        store
            .get(request.objectPath())
            .orElseThrow(() -> ApiError.notFound(type.resource(), type.group(), request.name()));
    ObjectNode patched =
        Patches.apply(recorded.getHeader("Content-Type"), recorded.getUtf8Body(), current, type);
    // A patch that sets resourceVersion is a precondition, checked like an update's.
    if (!Objects.equals(
        patched.at("/metadata/resourceVersion"), current.at("/metadata/resourceVersion"))) {
      throw ApiError.conflict(type.resource(), type.group(), request.name());
    }
    return replace(caller, request, type, current, patched);
  }

  /**
   * The common path of update and patch: status subresource rules, validation, generation, storage.
   */
  private MockResponse replace(
      Caller caller,
      ApiRequest request,
      ResourceType type,
      ObjectNode current,
      ObjectNode proposed) {
    ObjectNode result;
    boolean statusWrite = "status".equals(request.subresource());
    if (statusWrite) {
      // The status subresource changes status only; anything else the request sent is ignored.
      result = current.deepCopy();
      if (proposed.has("status")) {
        result.set("status", proposed.get("status"));
      } else {
        result.remove("status");
      }
    } else {
      result = proposed.deepCopy();
      if (type.statusSubresource()) {
        // Writes to the object ignore status when a status subresource exists.
        if (current.has("status")) {
          result.set("status", current.get("status"));
        } else {
          result.remove("status");
        }
      }
    }
    ObjectNode meta = metadata(result);
    JsonNode currentMeta = current.get("metadata");
    for (String serverManaged :
        List.of(
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "generation",
            "resourceVersion",
            "namespace",
            "name")) {
      if (currentMeta.has(serverManaged)) {
        meta.set(serverManaged, currentMeta.get(serverManaged));
      } else {
        meta.remove(serverManaged);
      }
    }
    result.put("apiVersion", type.apiVersion());
    result.put("kind", type.kind());
    validate(caller, request, type, result, current);
    if (!statusWrite
        && current.has("metadata")
        && currentMeta.has("generation")
        && specChanged(current, result)) {
      meta.put("generation", currentMeta.get("generation").asLong() + 1);
    }
    if (result.equals(current)) {
      // A write that changes nothing is not stored: no new resourceVersion, no watch event.
      return new MockResponse().setResponseCode(200).setBody(Store.write(current));
    }
    if (meta.has("deletionTimestamp") && meta.path("finalizers").isEmpty()) {
      // The last finalizer is gone: the deletion that waited for it completes.
      store.remove(request.objectPath(), result);
      afterWrite(type, result);
      return new MockResponse().setResponseCode(200).setBody(Store.write(result));
    }
    MockResponse response =
        store.replace(
            statusWrite ? request.objectPath() + "/status" : request.objectPath(), result);
    afterWrite(type, result);
    return response.code() == 202 ? response.setResponseCode(200) : response;
  }

  private void validate(
      Caller caller, ApiRequest request, ResourceType type, ObjectNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    if (type.isCustom() && !caller.name().equals(StrictApiServer.LOOSE_SCHEMA_WRITER)) {
      List<String> pruned = new ArrayList<>();
      catalog
          .crdOf(type)
          .ifPresent(
              crd -> errors.addAll(CrdValidation.pruneAndValidate(crd, object, old, pruned)));
      // fieldValidation=Strict (what kubectl sends) refuses unknown fields instead of dropping them
      // quietly.
      if ("Strict".equals(request.query().get("fieldValidation")) && !pruned.isEmpty()) {
        throw ApiError.badRequest(
            type.kind()
                + " in version \""
                + type.version()
                + "\" cannot be handled as a "
                + type.kind()
                + ": strict decoding error: "
                + String.join(
                    ", ", pruned.stream().map(f -> "unknown field \"" + f + "\"").toList()));
      }
    }
    if (type.kind().equals("Secret")) {
      SecretStringData.fold(object);
    }
    errors.addAll(ObjectValidation.validate(type, object, old));
    if (!errors.isEmpty()) {
      throw ApiError.invalid(
          type.kind(), type.group(), object.at("/metadata/name").asText(), errors);
    }
    if (!caller.name().equals(StrictApiServer.LOOSE_SCHEMA_WRITER)) {
      policies.admit(caller, request, type, object, old);
    }
    for (WebhookDenial denial : denials) {
      denial.admit(type, object);
    }
    if (profile.ownerReferencesPermissionEnforcement) {
      ownerReferences.admit(caller, type, object, old);
    }
    escalation.admit(caller, type, object);
  }

  private MockResponse delete(ApiRequest request, ResourceType type, String body) {
    ObjectNode current =
        store
            .get(request.objectPath())
            .orElseThrow(() -> ApiError.notFound(type.resource(), type.group(), request.name()));
    JsonNode options =
        body == null || body.isBlank() ? Store.JSON.createObjectNode() : Store.read(body);
    JsonNode preconditions = options.path("preconditions");
    if (preconditions.has("uid") && !preconditions.get("uid").equals(current.at("/metadata/uid"))
        || preconditions.has("resourceVersion")
            && !preconditions
                .get("resourceVersion")
                .asText()
                .equals(current.at("/metadata/resourceVersion").asText())) {
      throw ApiError.conflict(type.resource(), type.group(), request.name());
    }
    return deleteObject(request.objectPath(), type, current);
  }

  /**
   * Deletes now, or marks deleting while finalizers remain (a Namespace always waits for its
   * content).
   */
  MockResponse deleteObject(String path, ResourceType type, ObjectNode current) {
    boolean namespace = type.kind().equals("Namespace");
    if (namespace || !current.at("/metadata/finalizers").isEmpty()) {
      if (!current.at("/metadata/deletionTimestamp").isTextual()) {
        ObjectNode marked = current.deepCopy();
        metadata(marked).put("deletionTimestamp", now());
        metadata(marked).put("deletionGracePeriodSeconds", 0);
        if (namespace) {
          marked.putObject("status").put("phase", "Terminating");
          // A real Namespace waits on spec.finalizers; the store understands only
          // metadata.finalizers.
          metadata(marked).putArray("finalizers").add(NamespaceLifecycle.FINALIZER);
        }
        MockResponse response = store.replace(path, marked);
        afterWrite(type, marked);
        return response.code() == 202 ? response.setResponseCode(200) : response;
      }
      return new MockResponse().setResponseCode(200).setBody(Store.write(current));
    }
    store.delete(path);
    afterWrite(type, current);
    if (type.kind().equals("CustomResourceDefinition") && !store.isDryRun()) {
      catalog.removeCrd(current);
    }
    return new MockResponse().setResponseCode(200).setBody(Store.write(current));
  }

  private MockResponse deleteCollection(ApiRequest request, ResourceType type) {
    for (ObjectNode item : store.list(request.collectionPath())) {
      String path =
          type.collectionPath(item.at("/metadata/namespace").asText(null))
              + "/"
              + item.at("/metadata/name").asText();
      deleteObject(path, type, item);
    }
    return new MockResponse()
        .setResponseCode(200)
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\"," + "\"status\":\"Success\"}");
  }

  private void afterWrite(ResourceType type, JsonNode object) {
    if (type.group().equals("rbac.authorization.k8s.io")) {
      authorizer.refresh(
          type,
          object.at("/metadata/namespace").asText(null),
          object.at("/metadata/name").asText());
    }
  }

  /** Everything but metadata and status: what a generation counts changes of. */
  private static boolean specChanged(ObjectNode before, ObjectNode after) {
    ObjectNode a = before.deepCopy();
    ObjectNode b = after.deepCopy();
    for (ObjectNode o : List.of(a, b)) {
      o.remove("metadata");
      o.remove("status");
    }
    return !a.equals(b);
  }

  static ObjectNode metadata(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    if (meta instanceof ObjectNode m) {
      return m;
    }
    return object.putObject("metadata");
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  Controllers controllers() {
    return controllers;
  }

  void stopControllers() {
    controllers.stop();
  }

  @Override
  public void shutdown() {
    controllers.stop();
    store.shutdown();
  }
}
