package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The two kube-controller-manager loops whose effects the operator depends on: the garbage
 * collector (background deletion of dependents whose owners are all gone, by UID) and the namespace
 * controller (a deleted namespace's content is deleted, then the namespace). They run a moment
 * after each write, off the request threads.
 */
final class Controllers {
  private final StrictDispatcher server;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "strict-apiserver-controllers");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean pending = new AtomicBoolean();

  /**
   * Resources whose deletion from a deleted namespace fails for now (a conversion webhook or an
   * aggregated API that is down): the namespace controller deletes everything else, keeps the
   * namespace Terminating and tries again, as kube-controller-manager does.
   */
  final Set<String> failingDeletion = java.util.concurrent.ConcurrentHashMap.newKeySet();

  Controllers(StrictDispatcher server) {
    this.server = server;
  }

  void kick() {
    if (pending.compareAndSet(false, true) && !loop.isShutdown()) {
      try {
        loop.schedule(this::pass, 20, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        pending.set(false);
      }
    }
  }

  void stop() {
    loop.shutdownNow();
  }

  private void pass() {
    pending.set(false);
    boolean changed;
    server.writeLock().lock();
    try {
      changed = deleteNamespaces() | collectGarbage();
    } catch (RuntimeException e) {
      changed = false;
    } finally {
      server.writeLock().unlock();
    }
    if (changed) {
      kick();
    }
  }

  private boolean deleteNamespaces() {
    boolean changed = false;
    Store store = server.store();
    for (ObjectNode ns : store.list("/api/v1/namespaces")) {
      if (!ns.at("/metadata/deletionTimestamp").isTextual()) {
        continue;
      }
      String name = ns.at("/metadata/name").asText();
      boolean empty = true;
      for (ResourceType type : server.createdKinds) {
        if (!type.namespaced()) {
          continue;
        }
        for (ObjectNode item : store.list(type.collectionPath(name))) {
          empty = false;
          if (failingDeletion.contains(type.resource())) {
            continue;
          }
          if (!item.at("/metadata/deletionTimestamp").isTextual()) {
            server.deleteObject(
                type.collectionPath(name) + "/" + item.at("/metadata/name").asText(), type, item);
            changed = true;
          }
        }
      }
      if (empty) {
        store.remove("/api/v1/namespaces/" + name, ns);
        changed = true;
      }
    }
    return changed;
  }

  private boolean collectGarbage() {
    Store store = server.store();
    Set<String> uids = new HashSet<>();
    List<Object[]> dependents = new ArrayList<>();
    List<ResourceType> kinds = new ArrayList<>(server.createdKinds);
    for (ResourceType type : kinds) {
      for (ObjectNode item : store.list(type.collectionPath(null))) {
        uids.add(item.at("/metadata/uid").asText());
        if (!item.at("/metadata/ownerReferences").isEmpty()) {
          dependents.add(new Object[] {type, item});
        }
      }
    }
    boolean changed = false;
    for (Object[] d : dependents) {
      ResourceType type = (ResourceType) d[0];
      ObjectNode item = (ObjectNode) d[1];
      boolean orphaned = true;
      for (JsonNode ref : item.at("/metadata/ownerReferences")) {
        orphaned &= !uids.contains(ref.path("uid").asText());
      }
      if (orphaned && !item.at("/metadata/deletionTimestamp").isTextual()) {
        server.deleteObject(
            type.collectionPath(item.at("/metadata/namespace").asText(null))
                + "/"
                + item.at("/metadata/name").asText(),
            type,
            item);
        changed = true;
      }
    }
    return changed;
  }
}
