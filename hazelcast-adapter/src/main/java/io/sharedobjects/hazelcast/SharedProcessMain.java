package io.sharedobjects.hazelcast;

import io.sharedobjects.SharedObjects;
import java.io.BufferedInputStream;
import java.io.ObjectInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The child JVM of a {@link SharedProcess}: reads its {@link ChildPayload} from stdin, connects to the
 * parent's cluster as a client, turns the arguments back into live objects of its own, runs the target,
 * closes the client and exits with {@link SharedProcess#EXIT_OK}; with {@link SharedProcess#EXIT_TARGET_FAILED}
 * and the stack trace on stderr if the target threw, {@link SharedProcess#EXIT_START_FAILED} if it could not
 * get that far, and {@link SharedProcess#EXIT_PARENT_GONE} as soon as the parent process is gone, killing the
 * processes it started, so a killed parent leaves nothing behind.
 *
 * <p>Hazelcast's own logging is turned down to warnings (JDK logging), so the child's output is what the
 * target prints.
 */
final class SharedProcessMain {

  /** Held, so the levels set stay set (JDK logging holds its loggers weakly). */
  private static final List<Logger> QUIET_LOGGERS =
      List.of(Logger.getLogger("com.hazelcast"), Logger.getLogger("io.sharedobjects"));

  private SharedProcessMain() {
  }

  public static void main(String[] args) {
    QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
    ChildPayload payload;
    HazelcastSharedObjects shared;
    List<Object> arguments = new ArrayList<>();
    try {
      try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(System.in))) {
        payload = (ChildPayload) in.readObject();
      }
      watchParent(payload.parentPid());
      shared = SharedObjectsSpec.parse(payload.settings()).start();
      for (Object form : payload.arguments()) {
        arguments.add(argument(form, shared));
      }
    } catch (Exception | LinkageError e) {
      System.err.println("shared-objects: the child process could not start its target:");
      e.printStackTrace();
      System.exit(SharedProcess.EXIT_START_FAILED);
      return;
    }
    int exit = SharedProcess.EXIT_OK;
    try {
      run(payload.target(), arguments);
    } catch (Throwable e) {
      e.printStackTrace();
      exit = SharedProcess.EXIT_TARGET_FAILED;
    } finally {
      try {
        shared.close();
      } catch (RuntimeException e) {
        // The target's work is done or failed already; a client that cannot shut down cleanly changes neither.
        System.err.println("shared-objects: closing the child's client failed: " + e);
      }
    }
    // Exits even if the target left threads running, as a Python child does once its target returns.
    System.exit(exit);
  }

  private static Object argument(Object form, SharedObjects shared) {
    if (form == ChildPayload.Marker.SHARED_OBJECTS) {
      return shared;
    }
    return form instanceof ObjectReference reference ? reference.open((kind, name) -> kind.open(shared, name)) : form;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void run(Object target, List<Object> a) throws Exception {
    if (target instanceof SharedProcess.Target1 t) {
      t.run(a.get(0));
    } else if (target instanceof SharedProcess.Target2 t) {
      t.run(a.get(0), a.get(1));
    } else {
      ((SharedProcess.Target3) target).run(a.get(0), a.get(1), a.get(2));
    }
  }

  /**
   * Halts this JVM, and kills the processes it started, when the parent exits, however it exits: nothing
   * would ever wait for this child again.
   */
  private static void watchParent(long parentPid) {
    Runnable halt = () -> {
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
      Runtime.getRuntime().halt(SharedProcess.EXIT_PARENT_GONE);
    };
    ProcessHandle.of(parentPid).ifPresentOrElse(parent -> parent.onExit().thenRun(halt), halt);
  }
}
