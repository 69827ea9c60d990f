package io.sharedobjects.partition;

import io.sharedobjects.partition.FenceHistory.Hold;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attempt of a {@link LockLoop} to take a lock, as the member JVM saw it: when the call started and
 * ended ({@link System#nanoTime()}), and whether it was granted (with its fence, the interval of the hold
 * and how its release went), not granted ({@code tryLock} returned false), or failed with an error. Written
 * by the member as text ({@link #encode()}) and read back by the test ({@link #decode}).
 *
 * @param member the member's address, such as {@code 127.0.0.11}
 * @param error for {@link Outcome#FAILED}, the exception's simple class name, followed by {@code /} and its
 *     cause's if it has one; else empty
 * @param unlockEnded for {@link Outcome#GRANTED}, when the unlock call returned or threw
 * @param unlockError for {@link Outcome#GRANTED}, empty if the unlock succeeded, else as {@code error}
 */
record LockAttempt(String member, String lock, long started, long ended, Outcome outcome, String error, long fence,
    long acquired, long released, long unlockEnded, String unlockError) {

  /** What an attempt came to. */
  enum Outcome {
    GRANTED, NOT_GRANTED, FAILED
  }

  LockAttempt {
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(unlockError, "unlockError");
  }

  static LockAttempt granted(String member, String lock, long started, long ended, long fence, long acquired,
      long released, long unlockEnded, String unlockError) {
    return new LockAttempt(member, lock, started, ended, Outcome.GRANTED, "", fence, acquired, released,
        unlockEnded, unlockError);
  }

  static LockAttempt notGranted(String member, String lock, long started, long ended) {
    return new LockAttempt(member, lock, started, ended, Outcome.NOT_GRANTED, "", 0, 0, 0, 0, "");
  }

  static LockAttempt failed(String member, String lock, long started, long ended, Throwable error) {
    return new LockAttempt(member, lock, started, ended, Outcome.FAILED, describe(error), 0, 0, 0, 0, "");
  }

  /** {@code SimpleName}, or {@code SimpleName/CauseSimpleName} when there is a cause. */
  static String describe(Throwable error) {
    Throwable cause = error.getCause();
    return error.getClass().getSimpleName() + (cause == null ? "" : "/" + cause.getClass().getSimpleName());
  }

  /** How long the call took, in milliseconds: for a granted one, until the lock and its fence were had. */
  double millis() {
    return ((outcome == Outcome.GRANTED ? acquired : ended) - started) / 1e6;
  }

  /** How long the release of a granted attempt took, in milliseconds. */
  double unlockMillis() {
    return (unlockEnded - released) / 1e6;
  }

  /** The hold of a granted attempt, for a {@link FenceHistory}. */
  Hold hold() {
    if (outcome != Outcome.GRANTED) {
      throw new IllegalStateException("attempt " + this + " was not granted");
    }
    return new Hold(member, lock, fence, acquired, released);
  }

  /** The error's exception class, without its cause: {@code NoQuorumException}. */
  String errorClass() {
    int slash = error.indexOf('/');
    return slash < 0 ? error : error.substring(0, slash);
  }

  /** One attempt as text without spaces or commas; member and lock are known to the reader. */
  String encode() {
    String times = started + ";" + ended;
    return switch (outcome) {
      case GRANTED -> times + ";GRANTED;" + fence + ";" + acquired + ";" + released + ";" + unlockEnded + ";"
          + (unlockError.isEmpty() ? "-" : unlockError);
      case NOT_GRANTED -> times + ";NOT_GRANTED";
      case FAILED -> times + ";FAILED;" + error;
    };
  }

  /** The attempts of {@code member} on {@code lock} from the comma-separated {@link #encode()} forms. */
  static List<LockAttempt> decode(String member, String lock, String encoded) {
    List<LockAttempt> attempts = new ArrayList<>();
    if (encoded.isEmpty()) {
      return attempts;
    }
    for (String one : encoded.split(",")) {
      String[] f = one.split(";");
      long started = Long.parseLong(f[0]);
      long ended = Long.parseLong(f[1]);
      attempts.add(switch (Outcome.valueOf(f[2])) {
        case GRANTED -> granted(member, lock, started, ended, Long.parseLong(f[3]), Long.parseLong(f[4]),
            Long.parseLong(f[5]), Long.parseLong(f[6]), f[7].equals("-") ? "" : f[7]);
        case NOT_GRANTED -> notGranted(member, lock, started, ended);
        case FAILED -> new LockAttempt(member, lock, started, ended, Outcome.FAILED, f[3], 0, 0, 0, 0, "");
      });
    }
    return attempts;
  }
}
