package io.sharedobjects.hazelcast;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.client.HazelcastClientNotActiveException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.ClusterUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every Hazelcast call of the objects of one {@link ObjectContext}: refuses calls after close, waits
 * (bounded) for a disconnected client to reconnect, and turns Hazelcast's exceptions into this library's
 * typed ones.
 */
final class Calls {

  private final OpenState open;
  private final ConnectionState connection;
  private final boolean client;
  private final String clusterName;
  private final long connectTimeoutNanos;
  /** The majority rule every call of these calls must pass first; {@link Quorum#NONE} for none. */
  private final Quorum quorum;
  /** What these calls act on, for errors: {@code "lock 'jobs'"}. */
  private final String what;
  /** Told of each call, for metrics; null when none is set or these calls are not an object's. */
  private final SharedObjectsObserver observer;
  /** The object kind reported to {@link #observer}: {@code "lock"}. */
  private final String kind;
  /** Whether items are sealed with an authKey: a result Hazelcast cannot deserialize was then not ours. */
  private final boolean sealed;

  Calls(OpenState open, ConnectionState connection, boolean client, Settings settings) {
    this(open, connection, client, settings.clusterName(), settings.connectTimeout().toNanos(), Quorum.NONE,
        "this call", settings.observer(), null, settings.sealing() != null);
  }

  private Calls(OpenState open, ConnectionState connection, boolean client, String clusterName,
      long connectTimeoutNanos, Quorum quorum, String what, SharedObjectsObserver observer, String kind,
      boolean sealed) {
    this.open = open;
    this.connection = connection;
    this.client = client;
    this.clusterName = clusterName;
    this.connectTimeoutNanos = connectTimeoutNanos;
    this.quorum = quorum;
    this.what = what;
    this.observer = observer;
    this.kind = kind;
    this.sealed = sealed;
  }

  /**
   * These calls for one object whose every call needs {@code quorum}'s majority first (a synchronizer, or
   * any object when data needs a majority too); {@code what} names the object in errors.
   */
  Calls requiringMajority(Quorum quorum, String what) {
    return new Calls(open, connection, client, clusterName, connectTimeoutNanos, quorum, what, observer, kind,
        sealed);
  }

  /** These calls for one object, named {@code what} in errors: {@code "dict 'orders'"}. */
  Calls about(String what) {
    return new Calls(open, connection, client, clusterName, connectTimeoutNanos, quorum, what, observer, kind,
        sealed);
  }

  /** These calls reported to the observer as calls of an object of {@code kind}; these same calls without one. */
  Calls observedAs(String kind) {
    return observer == null ? this
        : new Calls(open, connection, client, clusterName, connectTimeoutNanos, quorum, what, observer, kind,
            sealed);
  }

  /**
   * Fails as a call would when this process's side has no majority: for an operation that may end without
   * a call (every permit of a semaphore held or being tried by this process's own threads), so that it
   * fails on a minority as every call does, rather than report "not granted".
   *
   * @throws io.sharedobjects.NoQuorumException when a declared majority is missing
   */
  void requireMajority() {
    quorum.check(what);
  }

  /** A Hazelcast call that may wait and so may be interrupted. */
  interface Interruptible<T> {
    T get() throws InterruptedException;
  }

  /**
   * Runs a call. Its keys and values were serialized before (see {@link StoredForm#toStored}),
   * so a serialization failure here is about reading a result back.
   */
  <T> T call(Supplier<T> call) {
    try {
      return invoke(call, null);
    } catch (InterruptedException e) {
      throw new AssertionError("a Supplier cannot throw InterruptedException", e);
    }
  }

  /**
   * As {@link #call}, for calls that wait: an interrupt during the call is thrown as {@link
   * InterruptedException}, not as the {@code HazelcastException} Hazelcast wraps it in.
   */
  <T> T callInterruptibly(Interruptible<T> call) throws InterruptedException {
    return invoke(null, call);
  }

  /** {@link #attempt}, timed and reported to the observer if there is one (no clock read otherwise). */
  private <T> T invoke(Supplier<T> plain, Interruptible<T> interruptible) throws InterruptedException {
    if (kind == null) {
      return attempt(plain, interruptible);
    }
    long start = System.nanoTime();
    T result;
    try {
      result = attempt(plain, interruptible);
    } catch (InterruptedException | RuntimeException e) {
      observer.called(kind, System.nanoTime() - start, e);
      throw e;
    }
    observer.called(kind, System.nanoTime() - start, null);
    return result;
  }

  /** Runs {@code plain} or {@code interruptible}, whichever is given: no adapter object per call. */
  private <T> T attempt(Supplier<T> plain, Interruptible<T> interruptible) throws InterruptedException {
    open.ensureOpen();
    quorum.check(what);
    // Taken at the start, so a call that first waits out an invocation and then finds the client offline
    // still ends within one connect timeout, not two. Only a client can be offline: a member's calls skip
    // the clock read, which is a noticeable part of a near-cached read.
    long deadline = client ? System.nanoTime() + connectTimeoutNanos : 0;
    while (true) {
      try {
        return plain != null ? plain.get() : interruptible.get();
      } catch (HazelcastClientOfflineException offline) {
        // Only a client throws this, so the deadline was taken. Thrown before anything is sent, so retrying
        // cannot apply the call twice.
        if (!connection.awaitConnected(deadline)) {
          throw unavailable("is not connected to the cluster", offline);
        }
      } catch (RuntimeException e) {
        if (interruptible != null && e.getCause() instanceof InterruptedException interrupted) {
          // Hazelcast wraps the interrupt of a waiting call (client or member) in a HazelcastException; a call
          // that may wait throws it as it is, with the flag cleared, as any blocking call does.
          Thread.interrupted();
          throw interrupted;
        }
        throw typed(e);
      }
    }
  }

  /**
   * Starts an asynchronous call and returns a stage that completes with {@code result} applied to the
   * call's answer, or with the typed exception {@link #call} would throw. A closed instance is refused at
   * once (thrown); a client that is offline when the call is made fails the stage at once rather than wait
   * for a reconnect, since the caller asked not to wait. The stage completes on whatever thread completes
   * Hazelcast's, and {@code result} runs there.
   */
  <R, T> CompletionStage<T> callAsync(Supplier<? extends CompletionStage<R>> call, Function<? super R, ? extends T> result) {
    if (kind == null) {
      return startAsync(call, result);
    }
    long start = System.nanoTime();
    CompletionStage<T> stage;
    try {
      stage = startAsync(call, result);
    } catch (RuntimeException e) {
      observer.called(kind, System.nanoTime() - start, e);
      throw e;
    }
    stage.whenComplete((answer, failure) -> observer.called(kind, System.nanoTime() - start, failure));
    return stage;
  }

  /** {@link #callAsync}, unobserved. */
  private <R, T> CompletionStage<T> startAsync(Supplier<? extends CompletionStage<R>> call,
      Function<? super R, ? extends T> result) {
    open.ensureOpen();
    quorum.check(what);
    CompletableFuture<T> done = new CompletableFuture<>();
    CompletionStage<R> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      done.completeExceptionally(typedAsync(e));
      return done;
    }
    started.whenComplete((answer, failure) -> {
      if (failure != null) {
        done.completeExceptionally(typedAsync(failure));
        return;
      }
      try {
        done.complete(result.apply(answer));
      } catch (RuntimeException e) {
        done.completeExceptionally(typedAsync(e));
      }
    });
    return done;
  }

  /**
   * The typed exception for a failure of an asynchronous call: as {@link #typed}, once unwrapped from
   * Hazelcast's future, and an offline client fails at once instead of waiting for a reconnect.
   */
  private Throwable typedAsync(Throwable failure) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof HazelcastClientOfflineException offline) {
      return new ClusterUnavailableException("shared-objects is not connected to the cluster (cluster '"
          + clusterName + "'); an asynchronous call does not wait for a reconnect. Check that a member is"
          + " running and reachable; this SharedObjects keeps working once it is.", offline);
    }
    return e instanceof RuntimeException runtime ? typed(runtime) : e;
  }

  /** This library's typed exception for a Hazelcast failure of a call; any other exception as it is. */
  private RuntimeException typed(RuntimeException e) {
    if (e instanceof HazelcastSerializationException serialization) {
      // With an authKey this library's items are byte arrays, which Hazelcast always reads: what it could not
      // read was written by a process without the key (a class the authKey filter refuses, say).
      return sealed ? new AuthKeyMismatchException(what, serialization) : StoredForm.unreadable(serialization);
    }
    if (e instanceof SplitBrainProtectionException refused) {
      // A member's own majority rule (set on members this library starts with a cluster size) refused it.
      return quorum.declared()
          ? quorum.refused(what, refused)
          : new ClusterUnavailableException("shared-objects: the cluster refused " + what + ": a member's"
              + " split-brain protection sees too few members (" + refused.getMessage() + "). Retry when the"
              + " partition heals.", refused);
    }
    if (e instanceof OperationTimeoutException || e instanceof IndeterminateOperationStateException
        || HazelcastInternals.isLostTarget(e)) {
      return unavailable("did not get an answer from the cluster; the call may or may not have been applied", e);
    }
    if (e instanceof HazelcastInstanceNotActiveException notActive) {
      if (open.isClosed()) {
        return OpenState.closedException();
      }
      return unavailable("has a Hazelcast instance that is no longer running", notActive);
    }
    if (e instanceof HazelcastClientNotActiveException notActive) {
      // A call in flight while this SharedObjects closes its client: closed, as every later call is.
      if (open.isClosed()) {
        return OpenState.closedException();
      }
      return unavailable("has a Hazelcast client that is no longer running", notActive);
    }
    return e;
  }

  void run(Runnable call) {
    call(() -> {
      call.run();
      return null;
    });
  }

  /**
   * Runs a call that an interrupt must not lose, with this thread's interrupt flag cleared, and sets the
   * flag again after it. Hazelcast sends a call made by a thread whose flag is set and then drops its
   * answer (checked on 5.7.0, client and member), so an unlock by an interrupted thread would fail and leave
   * the lock held; {@code Lock.unlock()} and {@code lock()} do not respond to interrupts. An interrupt that
   * comes during the round trip still makes Hazelcast drop the answer, and the call fails.
   */
  <T> T callUninterrupted(Supplier<T> call) {
    boolean interrupted = Thread.interrupted();
    try {
      return call(call);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@link #callUninterrupted} for a call without a result. */
  void runUninterrupted(Runnable call) {
    callUninterrupted(() -> {
      call.run();
      return null;
    });
  }

  private ClusterUnavailableException unavailable(String what, RuntimeException cause) {
    return new ClusterUnavailableException(
        "shared-objects "
            + what
            + " within "
            + TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos)
            + " ms (cluster '"
            + clusterName
            + "'). Check that a member is running and reachable; this SharedObjects keeps working once it is.",
        cause);
  }
}
