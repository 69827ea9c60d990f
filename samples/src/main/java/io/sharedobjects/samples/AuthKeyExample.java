package io.sharedobjects.samples;

import io.sharedobjects.AuthKeyMismatchException;
import io.sharedobjects.SharedDict;
import io.sharedobjects.SharedList;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

/**
 * The seed example with Python's default {@code authkey}: a random key for this process tree. The child
 * started with {@code SharedProcess} inherits it and writes; then a process without it connects and cannot
 * read what was written (samples/README.md).
 */
public final class AuthKeyExample {

  private AuthKeyExample() {}

  public static void main(String[] args) throws InterruptedException {
    byte[] authKey = new byte[32];
    new SecureRandom().nextBytes(authKey); // as Python's manager: os.urandom(32), inherited by its children
    String cluster = "auth-key-example-" + UUID.randomUUID();
    try (HazelcastSharedObjects manager = HazelcastSharedObjects.builder().clusterName(cluster).port(0)
        .authKey(authKey).embedded()) {
      run(manager, System.out);
    }
  }

  /** Runs the seed with the key, then reads as a process without it; AuthKeyExampleTest runs it too. */
  static void run(HazelcastSharedObjects manager, PrintStream out) throws InterruptedException {
    SharedDict<Object, Object> d = manager.dict();
    SharedList<Integer> l = manager.list();
    l.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    SeedExample.run(manager, d, l, out);
    try (HazelcastSharedObjects stranger = HazelcastSharedObjects.builder().clusterName(manager.clusterName())
        .client(manager.address())) {
      stranger.<Object, Object>dict(d.name()).snapshot();
      out.println("a process without the key read the dict");
    } catch (AuthKeyMismatchException refused) {
      out.println("a process without the key: " + refused.getClass().getSimpleName() + " (" + refused.object() + ")");
    } finally {
      d.destroy();
      l.destroy();
    }
  }
}
