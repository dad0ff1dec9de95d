package dev.switchboard.testing;

import dev.switchboard.apiserver.Processes;
import java.time.Duration;
import java.util.UUID;

/**
 * The RabbitMQ on 127.0.0.1:5672, with a user and virtual hosts of the tests' own, added with
 * rabbitmqctl and removed again when closed.
 */
public final class LocalRabbitmq implements AutoCloseable {
  public static final int PORT = 5672;
  private static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  public final String user = "sb-test-" + suffix;

  /** A virtual host the user may use. */
  public final String vhost = "sb-test-" + suffix;

  /** A virtual host the user has no permissions on. */
  public final String forbiddenVhost = "sb-test-closed-" + suffix;

  public LocalRabbitmq(String password) {
    ctl("add_user", user, password);
    ctl("add_vhost", vhost);
    ctl("add_vhost", forbiddenVhost);
    ctl("set_permissions", "-p", vhost, user, ".*", ".*", ".*");
  }

  private static void ctl(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "rabbitmqctl";
    System.arraycopy(args, 0, command, 1, args.length);
    Processes.run(CTL_TIMEOUT, command);
  }

  @Override
  public void close() {
    ctl("delete_user", user);
    ctl("delete_vhost", vhost);
    ctl("delete_vhost", forbiddenVhost);
  }
}
