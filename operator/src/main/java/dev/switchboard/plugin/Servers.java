package dev.switchboard.plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code parameters.servers} of the types that speak to several brokers (kafka, rabbitmq, nats):
 * comma-separated {@code host:port}; without it, the Connection's host and port.
 */
public final class Servers {
  public static final String PARAMETER = "servers";

  private Servers() {}

  public record Server(String host, int port) {
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public static List<Server> of(Endpoint endpoint) {
    String list = endpoint.parameters().get(PARAMETER);
    if (list == null || list.isBlank()) {
      return List.of(new Server(endpoint.host(), endpoint.port()));
    }
    List<Server> out = new ArrayList<>();
    for (String entry : list.split(",")) {
      String s = entry.trim();
      if (s.isEmpty()) {
        continue;
      }
      int colon = s.lastIndexOf(':');
      boolean hasPort =
          colon > 0 && s.indexOf(']') < colon && s.substring(colon + 1).matches("[0-9]{1,5}");
      String host = hasPort ? s.substring(0, colon) : s;
      out.add(
          new Server(
              host.replaceAll("^\\[|\\]$", ""),
              hasPort ? Integer.parseInt(s.substring(colon + 1)) : endpoint.port()));
    }
    return out;
  }

  /**
   * Problems with {@code parameters.servers}: each entry a host with an optional port from 1 to
   * 65535.
   */
  public static List<String> problems(Endpoint endpoint) {
    String list = endpoint.parameters().get(PARAMETER);
    if (list == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (Server server : of(endpoint)) {
      if (server.host().isBlank() || server.port() < 1 || server.port() > 65535) {
        problems.add("parameters.servers has an entry that is not host:port: " + server);
      }
    }
    if (of(endpoint).isEmpty()) {
      problems.add("parameters.servers names no server");
    }
    return problems;
  }

  /** {@code host:port,host:port}, as the bound Secrets' address lists are written. */
  public static String joined(Endpoint endpoint) {
    return String.join(",", of(endpoint).stream().map(Server::toString).toList());
  }
}
