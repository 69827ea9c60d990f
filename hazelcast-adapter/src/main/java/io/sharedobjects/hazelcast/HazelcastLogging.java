package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

/**
 * Where the members and clients this library starts log, and how much: quiet by default, Hazelcast's detail
 * one system property away ({@value #PROPERTY}), through SLF4J when it is on the class path.
 *
 * <p>At the first start of a member or client, unless the JVM already has a Hazelcast logging configuration
 * ({@value #LOGGING_CLASS} or {@value #LOGGING_TYPE} as a system property, or {@value #LOGGING_TYPE} in the
 * configuration being started), this sets the system property {@value #LOGGING_CLASS} to {@link
 * SharedObjectsLoggerFactory}. It has to be a system property: Hazelcast chooses its logger factory once per
 * JVM, from system properties, for the loggers of its static code. It also reports the starts, and a
 * client's loss and return of its cluster (Hazelcast's own messages about those are dropped when quiet).
 * Thread-safe.
 */
final class HazelcastLogging {

  /** How much of Hazelcast's own logging to show: one of {@link Detail}, in lower case. */
  static final String PROPERTY = "shared-objects.hazelcast-logging";

  /** Hazelcast's system property naming a logger factory class; it wins over everything else. */
  static final String LOGGING_CLASS = "hazelcast.logging.class";

  /** Hazelcast's system and configuration property naming a logging backend (jdk, slf4j, log4j2, none). */
  static final String LOGGING_TYPE = "hazelcast.logging.type";

  /** The JVM options that give Hazelcast the access to JDK internals it asks for (as its own scripts pass). */
  static final String MODULE_OPTIONS = "--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED"
      + " --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
      + " --add-opens java.management/sun.management=ALL-UNNAMED"
      + " --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED";

  /** The logger users look at for this library's own messages. */
  private static final String USER_LOGGER = HazelcastSharedObjects.class.getName();

  /** How much of Hazelcast's own logging passes; see {@link SharedObjectsLoggerFactory}. */
  enum Detail {
    QUIET(Level.WARNING), OFF(Level.OFF), SEVERE(Level.SEVERE), WARNING(Level.WARNING), INFO(Level.INFO),
    FINE(Level.FINE), FINEST(Level.FINEST), ALL(Level.ALL);

    private final Level threshold;

    Detail(Level threshold) {
      this.threshold = threshold;
    }

    Level threshold() {
      return threshold;
    }

    /**
     * The detail a value of {@value #PROPERTY} names, case-insensitive; SLF4J's level names are accepted too.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static Detail parse(String value) {
      String name = value.trim().toUpperCase(Locale.ROOT);
      switch (name) {
        case "ERROR":
          return SEVERE;
        case "WARN":
          return WARNING;
        case "DEBUG":
          return FINE;
        case "TRACE":
          return FINEST;
        default:
          for (Detail detail : values()) {
            if (detail.name().equals(name)) {
              return detail;
            }
          }
          throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a logging detail: use quiet"
              + " (the default), off, severe, warning, info, fine, finest or all (see docs/configuration.md#logging)");
      }
    }
  }

  private HazelcastLogging() {}

  /**
   * Installs {@link SharedObjectsLoggerFactory} unless the JVM, or the configuration about to start (its
   * {@value #LOGGING_TYPE}, may be null), configures Hazelcast's logging already.
   *
   * @throws IllegalArgumentException if {@value #PROPERTY} has a value that names no {@link Detail}
   */
  static synchronized void install(String configuredType) {
    String detail = System.getProperty(PROPERTY);
    if (detail != null) {
      Detail.parse(detail);
    }
    if (isSet(System.getProperty(LOGGING_CLASS)) || isSet(System.getProperty(LOGGING_TYPE)) || isSet(configuredType)) {
      return;
    }
    System.setProperty(LOGGING_CLASS, SharedObjectsLoggerFactory.class.getName());
  }

  /**
   * The detail asked for by {@value #PROPERTY}; without it, {@link Detail#ALL} when the messages go to
   * {@code java.util.logging} and the JVM was given a configuration for it (a file or a class: its levels
   * then decide), else {@link Detail#QUIET}. An invalid value counts as the default here ({@link #install}
   * has rejected it already).
   */
  static Detail detail(boolean toJdkLogging) {
    String value = System.getProperty(PROPERTY);
    if (value != null) {
      try {
        return Detail.parse(value);
      } catch (IllegalArgumentException e) {
        // Reported by install(); a logger factory must not fail.
      }
    }
    boolean jdkConfigured = isSet(System.getProperty("java.util.logging.config.file"))
        || isSet(System.getProperty("java.util.logging.config.class"));
    return toJdkLogging && jdkConfigured ? Detail.ALL : Detail.QUIET;
  }

  /**
   * Whether SLF4J can write somewhere: its API and a provider (SLF4J 2) or binding (SLF4J 1) are visible to
   * {@code loader}. Without a provider SLF4J drops everything, warnings included, so the JDK's logging is
   * used instead.
   */
  static boolean slf4jPresent(ClassLoader loader) {
    if (loader == null || loader.getResource("org/slf4j/LoggerFactory.class") == null) {
      return false;
    }
    if (loader.getResource("org/slf4j/spi/SLF4JServiceProvider.class") != null) {
      return loader.getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") != null;
    }
    return loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null;
  }

  /** Logs, once, what an embedded member's start gave. */
  static void memberStarted(HazelcastInstance member, Settings settings) {
    com.hazelcast.cluster.Address address = member.getCluster().getLocalMember().getAddress();
    Logger.getLogger(USER_LOGGER).info("shared-objects started an embedded member at " + address.getHost() + ":"
        + address.getPort() + " in cluster '" + settings.clusterName() + "' (" + members(member) + "), "
        + locks(settings));
  }

  /** Logs, once, what a client's start gave. */
  static void clientConnected(HazelcastInstance client, Settings settings, List<String> addresses) {
    Logger.getLogger(USER_LOGGER).info("shared-objects connected a client to cluster '" + settings.clusterName()
        + "' through " + addresses + " (" + members(client) + "), " + locks(settings));
  }

  /**
   * A listener for a client's lifecycle that logs, once each time, that the client lost its cluster (a
   * warning) and that it is back; the start's own connection and the disconnection at shutdown are not
   * reported.
   */
  static LifecycleListener connectionReports(Settings settings) {
    return new ConnectionReports(settings.clusterName(), settings.connectTimeout().toMillis());
  }

  private static String members(HazelcastInstance instance) {
    int count = instance.getCluster().getMembers().size();
    return count + (count == 1 ? " member" : " members");
  }

  private static String locks(Settings settings) {
    return settings.lockBackend() == LockBackend.AUTO
        ? "lock backend AUTO (chosen at the first lock)"
        : "lock backend " + settings.lockBackend();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** See {@link #connectionReports}. */
  private static final class ConnectionReports implements LifecycleListener {
    private final String clusterName;
    private final long connectTimeoutMillis;
    private boolean connected;
    private boolean lost;
    private boolean shuttingDown;

    ConnectionReports(String clusterName, long connectTimeoutMillis) {
      this.clusterName = clusterName;
      this.connectTimeoutMillis = connectTimeoutMillis;
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
      ILogger log = null;
      String message = null;
      Level level = Level.INFO;
      synchronized (this) {
        LifecycleState state = event.getState();
        if (state == LifecycleState.SHUTTING_DOWN || state == LifecycleState.SHUTDOWN) {
          shuttingDown = true;
        } else if (state == LifecycleState.CLIENT_DISCONNECTED && connected && !shuttingDown) {
          connected = false;
          lost = true;
          level = Level.WARNING;
          message = "shared-objects client lost its connection to cluster '" + clusterName + "'; it reconnects in"
              + " the background, and calls meanwhile wait up to " + connectTimeoutMillis + " ms each, then fail"
              + " with ClusterUnavailableException";
        } else if (state == LifecycleState.CLIENT_CONNECTED) {
          connected = true;
          if (lost) {
            lost = false;
            message = "shared-objects client is connected to cluster '" + clusterName + "' again";
          }
        }
      }
      if (message != null) {
        log = Logger.getLogger(USER_LOGGER);
        log.log(level, message);
      }
    }
  }
}
