package dev.switchboard.provision;

import dev.switchboard.api.v1alpha1.ConnectionProvisioning;
import dev.switchboard.kube.UserText;
import dev.switchboard.plugin.ProbeTarget;
import dev.switchboard.plugin.RedisPlugin;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/**
 * Redis ACL users: {@code ACL SETUSER <user> reset on >password <rules…>} (reset makes it
 * idempotent and repairs any change made out of band), and on revocation {@code off}, {@code CLIENT
 * KILL USER}, {@code ACL DELUSER}. Each rule and the password travel as arguments of their own,
 * never spliced into one string.
 */
public class RedisProvisioner extends PluginProvisioner<RedisPlugin> {
  /** Rules that set or clear passwords, or switch the user on or off: Switchboard decides those. */
  private static final Set<String> RESERVED = Set.of("nopass", "resetpass", "reset", "on", "off");

  public RedisProvisioner(RedisPlugin plugin) {
    super(plugin);
  }

  @Override
  public List<String> validate(ConnectionProvisioning provisioning) {
    List<String> problems = new ArrayList<>();
    if (provisioning.getRoles() != null && !provisioning.getRoles().isEmpty()) {
      problems.add(
          "spec.provisioning.roles does not apply to type redis; use spec.provisioning.aclRules");
    }
    List<String> rules = rules(provisioning);
    if (rules.isEmpty()) {
      problems.add("type redis needs spec.provisioning.aclRules, e.g. \"~orders:* +@read\"");
    }
    for (String rule : rules) {
      if (RESERVED.contains(rule.toLowerCase(Locale.ROOT))
          || rule.startsWith(">")
          || rule.startsWith("<")
          || rule.startsWith("#")
          || rule.startsWith("!")) {
        problems.add(
            "spec.provisioning.aclRules may not set passwords or switch the user on or off ('"
                + UserText.abbreviate(rule)
                + "')");
      }
    }
    return problems;
  }

  @Override
  public void ensureUser(
      ProbeTarget source, String user, String password, ConnectionProvisioning provisioning)
      throws GeneralSecurityException {
    List<String> args = new ArrayList<>(List.of("reset", "on", ">" + password));
    args.addAll(rules(provisioning));
    try (Jedis jedis = plugin.connect(source)) {
      jedis.aclSetUser(user, args.toArray(String[]::new));
    }
  }

  @Override
  public void dropUser(ProbeTarget source, String user) throws GeneralSecurityException {
    try (Jedis jedis = plugin.connect(source)) {
      if (jedis.aclGetUser(user) == null) {
        return;
      }
      jedis.aclSetUser(user, "off");
      jedis.clientKill(ClientKillParams.clientKillParams().user(user));
      jedis.aclDelUser(user);
    }
  }

  static List<String> rules(ConnectionProvisioning provisioning) {
    String text = provisioning.getAclRules();
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.trim().split("\\s+")).toList();
  }
}
