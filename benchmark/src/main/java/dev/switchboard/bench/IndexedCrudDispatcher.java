package dev.switchboard.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Fabric8 CRUD dispatcher with an index in front of its store. The stock dispatcher answers
 * every request by matching the request against every stored object, so at benchmark sizes (60,000
 * objects) the fake API server, not the operator, is what a run measures. A real API server looks
 * objects up by key; so does this one: requests that name a resource type are matched only against
 * objects of that type (and, for a named object, only against that object). Everything else
 * (matching, locking, watches, finalizers, status) is the stock dispatcher's code.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private final IndexedStore store = new IndexedStore();

  IndexedCrudDispatcher() {
    try {
      // The stock store is a final field the dispatcher reads directly; the index has to be that
      // field.
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(this, store);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this Fabric8 mock server's CrudDispatcher has no 'map' store", e);
    }
  }

  @Override
  public MockResponse handleGet(String path) {
    return store.scoped(getKey(path), () -> super.handleGet(path));
  }

  @Override
  public MockResponse handleDelete(String path) {
    return store.scoped(getKey(path), () -> super.handleDelete(path));
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    return store.scoped(query, () -> super.findResource(query));
  }

  /**
   * The dispatcher's store: all objects in insertion order, plus the same objects by type and by
   * identity. While a request is being answered, iterating the store iterates only the candidates
   * for that request's query: every object that can match it (a query's type, namespace and name
   * must equal the object's), usually one.
   */
  static final class IndexedStore extends AbstractMap<AttributeSet, String> {
    private final Map<AttributeSet, String> all = new LinkedHashMap<>();
    private final Map<List<Object>, Map<AttributeSet, String>> buckets = new HashMap<>();
    private final ThreadLocal<AttributeSet> query = new ThreadLocal<>();

    <T> T scoped(AttributeSet scope, Supplier<T> work) {
      AttributeSet outer = query.get();
      query.set(scope);
      try {
        return work.get();
      } finally {
        query.set(outer);
      }
    }

    @Override
    public Set<Entry<AttributeSet, String>> entrySet() {
      AttributeSet scope = query.get();
      return scope == null ? all.entrySet() : candidates(scope).entrySet();
    }

    @Override
    public String put(AttributeSet key, String value) {
      String previous = all.put(key, value);
      for (List<Object> bucket : bucketsOf(key)) {
        buckets.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).put(key, value);
      }
      return previous;
    }

    @Override
    public String remove(Object key) {
      String previous = all.remove(key);
      if (previous != null) {
        for (List<Object> bucket : bucketsOf((AttributeSet) key)) {
          Map<AttributeSet, String> members = buckets.get(bucket);
          members.remove(key);
          if (members.isEmpty()) {
            buckets.remove(bucket);
          }
        }
      }
      return previous;
    }

    @Override
    public String get(Object key) {
      return all.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return all.containsKey(key);
    }

    @Override
    public int size() {
      return all.size();
    }

    @Override
    public void clear() {
      all.clear();
      buckets.clear();
    }

    private Map<AttributeSet, String> candidates(AttributeSet scope) {
      Attribute type = exact(scope, KubernetesAttributesExtractor.PLURAL);
      if (type == null) {
        return all;
      }
      Attribute namespace = exact(scope, KubernetesAttributesExtractor.NAMESPACE);
      Attribute name = exact(scope, KubernetesAttributesExtractor.NAME);
      List<Object> bucket =
          namespace != null && name != null ? identity(type, namespace, name) : List.of(type);
      return buckets.getOrDefault(bucket, Map.of());
    }

    private static List<List<Object>> bucketsOf(AttributeSet key) {
      Attribute type = key.getAttribute(KubernetesAttributesExtractor.PLURAL);
      if (type == null) {
        return List.of();
      }
      Attribute namespace = key.getAttribute(KubernetesAttributesExtractor.NAMESPACE);
      Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
      return name == null
          ? List.of(List.of(type))
          : List.of(List.of(type), identity(type, namespace, name));
    }

    private static List<Object> identity(Attribute type, Attribute namespace, Attribute name) {
      return Arrays.asList(type, namespace, name);
    }

    /**
     * An attribute the query requires to be present with exactly this value, which a stored key
     * must then hold.
     */
    private static Attribute exact(AttributeSet scope, String key) {
      Attribute a = scope.getAttribute(key);
      return a != null && a.getType() == AttributeType.WITH && a.getValues().size() == 1 ? a : null;
    }
  }
}
