package io.sharedobjects.hazelcast;

import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

/**
 * Why the cluster refused to let a member of this JVM join. Hazelcast says it only in its log (its
 * {@value #LOGGER} logger: "Reason of failure for node join: Joining node's version 5.7.0 is not compatible
 * with cluster version 5.5 ..."), and the start then fails with a bare {@code IllegalStateException: Node
 * failed to start!}; {@link SharedObjectsLoggerFactory} passes that logger's messages through here, so that
 * {@link EmbeddedStart} can fail with the reason instead. Quiet logging drops the refusal's lines: the typed
 * exception carries the reason.
 */
final class JoinRefusals {

  /** Hazelcast's logger of join checks. */
  static final String LOGGER = "com.hazelcast.security";
  /** What Hazelcast's message says before the reason. */
  static final String REASON = "Reason of failure for node join: ";
  private static final String REFUSED = "Before join check failed";

  private static final AtomicReference<String> LAST = new AtomicReference<>();

  private JoinRefusals() {
  }

  /** Forgets an earlier refusal: called before a member starts. */
  static void clear() {
    LAST.set(null);
  }

  /** The reason of the last refusal since {@link #clear()}, or null if there was none. */
  static String last() {
    return LAST.get();
  }

  /** {@code target}, recording the refusals it is given; when {@code quiet}, without writing them. */
  static ILogger recording(ILogger target, boolean quiet) {
    return new AbstractLogger() {
      @Override
      public void log(Level level, String message) {
        log(level, message, null);
      }

      @Override
      public void log(Level level, String message, Throwable thrown) {
        if (!(seen(message) && quiet)) {
          target.log(level, message, thrown);
        }
      }

      @Override
      public void log(LogEvent event) {
        if (!(seen(event.getLogRecord().getMessage()) && quiet)) {
          target.log(event);
        }
      }

      @Override
      public Level getLevel() {
        return target.getLevel();
      }

      @Override
      public boolean isLoggable(Level level) {
        // Refusals are SEVERE, which every level passes; asked for less, the target decides.
        return level.intValue() >= Level.SEVERE.intValue() || target.isLoggable(level);
      }
    };
  }

  /** Records a refusal's reason; true if {@code message} is part of a refusal. */
  private static boolean seen(String message) {
    if (message == null) {
      return false;
    }
    int at = message.indexOf(REASON);
    if (at >= 0) {
      LAST.set(message.substring(at + REASON.length()).trim());
      return true;
    }
    return message.contains(REFUSED);
  }
}
