package io.sharedobjects.hazelcast;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.logging.LoggerFactory;
import com.hazelcast.logging.LoggerFactorySupport;
import com.hazelcast.logging.Slf4jFactory;
import com.hazelcast.logging.StandardLoggerFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The Hazelcast logger factory this library installs (as {@code hazelcast.logging.class}) when the JVM has no
 * Hazelcast logging configuration of its own: it writes through SLF4J when an SLF4J provider is on the class
 * path, else through {@code java.util.logging}, and passes on Hazelcast's own messages ({@code com.hazelcast}
 * loggers) as the system property {@code shared-objects.hazelcast-logging} says; every other logger's messages pass unchanged. With the
 * default, {@code quiet}:
 * <ul>
 *   <li>Hazelcast's messages below WARNING are dropped (its logo, start-up notes, membership tables,
 *       connection and shutdown steps);
 *   <li>the client connection manager's warnings are dropped too: while a client is not connected it repeats
 *       them every retry (with "cluster connect timeout: INFINITE", which is not the bound this library
 *       applies), and at a failed start it adds a stack trace; the library reports that state itself, with a
 *       {@code ClusterUnavailableException} and one line when a running client loses and regains its cluster;
 *   <li>the member's warnings about cleaning up after clients are dropped: a member shutting down just after
 *       its clients closed writes them, with a stack trace, about clients that left in the ordinary way;
 *   <li>messages whose exception is a {@link HazelcastInstanceNotActiveException} are dropped: they are
 *       the failures of work still running while an instance shuts down;
 *   <li>the warning that Hazelcast lacks access to JDK internals is written once per JVM, on one line.
 * </ul>
 * A level ({@code severe}, {@code warning}, {@code info}, {@code fine}, {@code finest}) passes Hazelcast's
 * messages from that level up, unchanged; {@code all} passes all of them and leaves the levels to the
 * logging backend; {@code off} drops them all. A level set at run time through Hazelcast's logging service
 * (as Management Center does) replaces this filtering until it is reset.
 *
 * <p>Users may name this class themselves ({@code -Dhazelcast.logging.class=}this class) for Hazelcast
 * instances they start. Thread-safe; Hazelcast creates it with its public no-argument constructor.
 */
public final class SharedObjectsLoggerFactory extends LoggerFactorySupport {

  /** Hazelcast's loggers: the ones this factory filters. */
  static final String HAZELCAST_LOGGERS = "com.hazelcast";

  /** The logger of the client's connection attempts; see the class comment. */
  static final String CLIENT_CONNECTIONS = "com.hazelcast.client.impl.connection";

  /** The member's logger of client bookkeeping; see the class comment. */
  static final String CLIENT_ENGINE = "com.hazelcast.client.impl.ClientEngine";

  /** How Hazelcast's warning about module access begins. */
  static final String MODULE_WARNING = "Hazelcast is starting in a Java modular environment";

  /** The one-line form of that warning. */
  static final String MODULE_WARNING_SHORT = "Hazelcast runs without access to the JDK internals it uses for"
      + " speed; to grant it, start the JVM with " + HazelcastLogging.MODULE_OPTIONS
      + " (docs/configuration.md#jvm-flags-for-hazelcast)";

  /** Whether the module warning was written in this JVM: Hazelcast writes it at every member start. */
  private static final AtomicBoolean MODULE_WARNING_WRITTEN = new AtomicBoolean();

  private final LoggerFactory backend;
  private final HazelcastLogging.Detail detail;

  /** A level set at run time through Hazelcast's logging service (Management Center); it replaces the filter. */
  private volatile Level setAtRunTime;

  /** The factory Hazelcast creates: the backend found on the class path, the detail the JVM asks for. */
  public SharedObjectsLoggerFactory() {
    this(HazelcastLogging.slf4jPresent(SharedObjectsLoggerFactory.class.getClassLoader()));
  }

  private SharedObjectsLoggerFactory(boolean slf4j) {
    this(slf4j ? new Slf4jFactory() : new StandardLoggerFactory(), HazelcastLogging.detail(!slf4j));
  }

  SharedObjectsLoggerFactory(LoggerFactory backend, HazelcastLogging.Detail detail) {
    this.backend = backend;
    this.detail = detail;
  }

  /** The backend messages go to: Hazelcast's SLF4J or JDK factory. */
  LoggerFactory backend() {
    return backend;
  }

  /** The backend's logger for {@code name}; for Hazelcast's loggers, filtered as the class comment says. */
  @Override
  protected ILogger createLogger(String name) {
    ILogger logger = filtered(name);
    return name.equals(JoinRefusals.LOGGER)
        ? JoinRefusals.recording(logger, detail == HazelcastLogging.Detail.QUIET)
        : logger;
  }

  private ILogger filtered(String name) {
    ILogger target = backend.getLogger(name);
    if (!name.startsWith(HAZELCAST_LOGGERS) || detail == HazelcastLogging.Detail.ALL) {
      return target;
    }
    Level threshold = detail.threshold();
    if (detail == HazelcastLogging.Detail.QUIET && (name.startsWith(CLIENT_CONNECTIONS) || name.equals(CLIENT_ENGINE))) {
      threshold = Level.SEVERE;
    }
    return new Filtered(this, target, threshold, detail == HazelcastLogging.Detail.QUIET);
  }

  /**
   * Hazelcast's run-time level change (its logging service's {@code setLevel}, used by Management Center):
   * applied to the backend, and Hazelcast's messages are then filtered by that level alone.
   */
  @Override
  public void setLevel(Level level) {
    setAtRunTime = level;
    if (backend instanceof LoggerFactorySupport support) {
      support.setLevel(level);
    }
  }

  /** Undoes {@link #setLevel}: the backend's levels and this factory's filtering apply again. */
  @Override
  public void resetLevel() {
    setAtRunTime = null;
    if (backend instanceof LoggerFactorySupport support) {
      support.resetLevel();
    }
  }

  /** A Hazelcast logger that drops messages below a threshold and, when quiet, the noise described above. */
  private static final class Filtered extends AbstractLogger {
    private final SharedObjectsLoggerFactory factory;
    private final ILogger target;
    private final Level threshold;
    private final boolean quiet;

    Filtered(SharedObjectsLoggerFactory factory, ILogger target, Level threshold, boolean quiet) {
      this.factory = factory;
      this.target = target;
      this.threshold = threshold;
      this.quiet = quiet;
    }

    @Override
    public void log(Level level, String message) {
      log(level, message, null);
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
      if (passes(level) && !(quiet() && atShutdown(thrown))) {
        String shown = shown(message);
        if (shown != null) {
          target.log(level, shown, thrown);
        }
      }
    }

    @Override
    public void log(LogEvent event) {
      LogRecord record = event.getLogRecord();
      if (passes(record.getLevel()) && !(quiet() && atShutdown(record.getThrown()))) {
        String shown = shown(record.getMessage());
        if (shown != null) {
          record.setMessage(shown);
          target.log(event);
        }
      }
    }

    @Override
    public Level getLevel() {
      Level own = target.getLevel();
      Level threshold = threshold();
      return own == null || own.intValue() < threshold.intValue() ? threshold : own;
    }

    @Override
    public boolean isLoggable(Level level) {
      return passes(level) && target.isLoggable(level);
    }

    private boolean passes(Level level) {
      Level threshold = threshold();
      return threshold != Level.OFF && level.intValue() >= threshold.intValue();
    }

    private Level threshold() {
      Level setAtRunTime = factory.setAtRunTime;
      return setAtRunTime != null ? setAtRunTime : threshold;
    }

    private boolean quiet() {
      return quiet && factory.setAtRunTime == null;
    }

    /** Whether {@code thrown} is, or was caused by, the failure of an instance that is shutting down. */
    private static boolean atShutdown(Throwable thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof HazelcastInstanceNotActiveException) {
          return true;
        }
      }
      return false;
    }

    /** The message to write, or null to write none. */
    private String shown(String message) {
      if (!quiet() || message == null || !message.contains(MODULE_WARNING)) {
        return message;
      }
      return MODULE_WARNING_WRITTEN.compareAndSet(false, true) ? MODULE_WARNING_SHORT : null;
    }
  }
}
