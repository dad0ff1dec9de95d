package dev.switchboard.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Test tier {@code realserver}. Needs real data sources (PostgreSQL, MariaDB, Redis, RabbitMQ,
 * NATS, Mosquitto, OpenLDAP) or starts processes; run by scripts/test (profile all-tiers). See
 * docs/testing.md.
 */
@Target(ElementType.TYPE)
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Tag("realserver")
public @interface RealServerTest {}
