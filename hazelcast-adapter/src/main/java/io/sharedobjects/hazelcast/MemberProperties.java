package io.sharedobjects.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The Hazelcast member properties this library sets on every member it starts, so that a dead or silent
 * owner's locks come back within seconds rather than minutes; set them on members you start yourself
 * ({@code config.setProperty(name, value)} for each of {@link #ALL}, or the {@code properties} section of a
 * member's YAML) to get the same bounds. The test support's stock members and member containers use the
 * same values. Why each is set:
 * <ul>
 *   <li>{@value #CLIENT_CLEANUP_TIMEOUT}: how long a disconnected client's locks outlive its connection;
 *       short, so another process gets them soon. An embedded member takes it from {@link
 *       HazelcastSharedObjectsBuilder#ownerCleanupTimeout}, whose default is the value here.
 *   <li>{@value #CLIENT_CLEANUP_PERIOD}: how often a member looks for such clients; far more often than
 *       Hazelcast's default, so the release comes soon after the timeout, not up to a period later.
 *   <li>{@value #CLIENT_MAX_NO_HEARTBEAT}: how long a client may stay silent without closing its connection
 *       (frozen, machine down, network cut) before the member drops it and its locks go as above;
 *       Hazelcast's default is minutes.
 *   <li>{@value #MAX_NO_HEARTBEAT}: how long a member may stay silent before the others declare it dead and
 *       its partitions, locks included, move to the survivors.
 *   <li>{@value #HEARTBEAT_INTERVAL}: how often members send heartbeats: several within the bound above, so
 *       one lost heartbeat does not make a live member look dead.
 * </ul>
 * The values are in {@code member.properties} beside this class; docs/guarantees.md states the bounds
 * they give.
 */
public final class MemberProperties {

  /** How long a disconnected client's locks outlive its connection, in milliseconds. */
  public static final String CLIENT_CLEANUP_TIMEOUT = "hazelcast.client.cleanup.timeout.millis";

  /** How often a member releases what disconnected clients held, in milliseconds. */
  public static final String CLIENT_CLEANUP_PERIOD = "hazelcast.client.cleanup.period.millis";

  /** How long a client may stay silent before a member drops it, in seconds. */
  public static final String CLIENT_MAX_NO_HEARTBEAT = "hazelcast.client.max.no.heartbeat.seconds";

  /** How long a member may stay silent before the others declare it dead, in seconds. */
  public static final String MAX_NO_HEARTBEAT = "hazelcast.max.no.heartbeat.seconds";

  /** How often members send heartbeats, in seconds. */
  public static final String HEARTBEAT_INTERVAL = "hazelcast.heartbeat.interval.seconds";

  /** Every property this library sets on members, by name (in name order), with its value; unmodifiable. */
  public static final Map<String, String> ALL = load();

  private MemberProperties() {}

  private static Map<String, String> load() {
    Properties properties = new Properties();
    try (InputStream in = MemberProperties.class.getResourceAsStream("member.properties")) {
      if (in == null) {
        throw new IllegalStateException("member.properties is missing beside " + MemberProperties.class.getName());
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read member.properties beside " + MemberProperties.class.getName(), e);
    }
    Map<String, String> all = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> all.put(name, properties.getProperty(name)));
    return Collections.unmodifiableMap(all);
  }
}
