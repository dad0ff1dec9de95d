package dev.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs Argo CD resource customization scripts the way Argo CD does: {@code obj} is the resource as
 * a Lua table (JSON arrays become 1-based tables), in a sandbox without io or Java access, bounded
 * in time.
 */
public final class ArgoLua {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ArgoLua() {}

  public static Path script(String relative) {
    return Crds.projectRoot().resolve("argocd/resource_customizations/switchboard.dev/" + relative);
  }

  public static JsonNode run(Path script, JsonNode obj) {
    var executor = Executors.newSingleThreadExecutor();
    try {
      return executor.submit(() -> runNow(script, obj)).get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("script ran longer than 5 s: " + script);
    } catch (ExecutionException e) {
      throw new AssertionError("script failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static JsonNode runNow(Path script, JsonNode obj) throws IOException {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    LoadState.install(globals);
    LuaC.install(globals);
    // Argo CD's actions may require("os") for os.date; only that function is offered.
    LuaTable os = new LuaTable();
    os.set(
        "date",
        new OneArgFunction() {
          @Override
          public LuaValue call(LuaValue format) {
            return LuaValue.valueOf("2026-01-01T00:00:00Z");
          }
        });
    globals.get("package").get("loaded").set("os", os);
    globals.set("obj", toLua(obj));
    LuaValue result =
        globals.load(Files.readString(script), script.getFileName().toString()).call();
    return toJson(result);
  }

  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable t = new LuaTable();
      node.fields().forEachRemaining(e -> t.set(e.getKey(), toLua(e.getValue())));
      return t;
    }
    if (node.isArray()) {
      LuaTable t = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        t.set(i + 1, toLua(node.get(i)));
      }
      return t;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    return LuaValue.valueOf(node.asText());
  }

  static JsonNode toJson(LuaValue value) {
    var f = JsonNodeFactory.instance;
    if (value.isnil()) {
      return f.nullNode();
    }
    if (value.istable()) {
      LuaTable t = value.checktable();
      if (t.length() > 0) {
        ArrayNode a = f.arrayNode();
        for (int i = 1; i <= t.length(); i++) {
          a.add(toJson(t.get(i)));
        }
        return a;
      }
      ObjectNode o = f.objectNode();
      for (LuaValue k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
        o.set(k.tojstring(), toJson(t.get(k)));
      }
      return o;
    }
    if (value.isboolean()) {
      return f.booleanNode(value.toboolean());
    }
    if (value.isinttype()) {
      return f.numberNode(value.tolong());
    }
    if (value.isnumber()) {
      return f.numberNode(value.todouble());
    }
    return f.textNode(value.tojstring());
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
