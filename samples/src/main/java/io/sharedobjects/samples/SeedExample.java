package io.sharedobjects.samples;

import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.SharedProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** Python's multiprocessing.Manager example (samples/README.md): f runs in a second JVM, as Python's Process. */
public final class SeedExample {
  static void f(SharedDict<Object, Object> d, SharedList<Integer> l) {
    d.put(1, "1");
    d.put("2", 2);
    d.put(0.25, null);
    l.reverse();
  }

  public static void main(String[] args) throws InterruptedException {
    try (HazelcastSharedObjects manager = HazelcastSharedObjects.embedded()) {
      SharedDict<Object, Object> d = manager.dict();
      SharedList<Integer> l = manager.list();
      l.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      run(manager, d, l, System.out);
      d.destroy(); // unlike a Manager's objects, shared objects outlive the program unless destroyed
      l.destroy();
    }
  }

  /** Runs f in a new JVM, waits for it, and prints d and l as Python does; SeedExampleTest runs it too. */
  static void run(HazelcastSharedObjects manager, SharedDict<Object, Object> d, SharedList<Integer> l,
      PrintStream out) throws InterruptedException {
    try (SharedProcess p = SharedProcess.start(manager, SeedExample::f, d, l)) {
      p.awaitSuccess(Duration.ofMinutes(1));
    }
    out.println(PythonRepr.dict(d.snapshot(), List.of(1, "2", 0.25))); // a map keeps no order: print f's
    out.println(l);
  }
}
