package dev.switchboard.testing;

import dev.switchboard.plugin.PostgresqlPlugin;
import dev.switchboard.plugin.ProbeTarget;

/**
 * The postgresql type with the shared test database ({@link Fixtures#postgres}, 127.0.0.1:5432)
 * answered in this JVM, as the real one answers the fixtures (it trusts local connections): every
 * test of it succeeds. Any other address is reached for real, so an unreachable port is still
 * unreachable. It lets the apiserver tier run with nothing but Java and Maven; the realserver tier
 * tests the real plugin against real servers.
 */
public final class StandInPostgresql extends PostgresqlPlugin {
  static final String SHARED_ADDRESS = "127.0.0.1:5432";

  @Override
  public String probe(ProbeTarget target) throws Exception {
    if (SHARED_ADDRESS.equals(target.address())) {
      return "PostgreSQL (stand-in)";
    }
    return super.probe(target);
  }
}
