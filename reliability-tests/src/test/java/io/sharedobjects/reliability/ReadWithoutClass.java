package io.sharedobjects.reliability;

import io.sharedobjects.SharedDict;
import io.sharedobjects.UnreadableValueException;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;

/**
 * A child process of {@link BadInputTest}, started with a classpath that lacks the test classes (this class
 * alone is copied next to the library's jars): it reads a value whose class it does not have and reports
 * what it sees. Uses nothing of the test classes but itself, so it runs on that classpath.
 *
 * <p>Arguments: cluster name, member address, dict name, key of the unreadable value, key of a string.
 */
public final class ReadWithoutClass {

  private ReadWithoutClass() {}

  public static void main(String[] args) {
    try (HazelcastSharedObjects shared = HazelcastSharedObjects.builder().clusterName(args[0]).client(args[1])) {
      SharedDict<String, Object> dict = shared.dict(args[2]);
      try {
        Object value = dict.get(args[3]);
        System.out.println("@@ READ " + value);
      } catch (UnreadableValueException e) {
        System.out.println("@@ UNREADABLE " + e.getMessage().replace('\n', ' '));
      }
      // The rest of the dict stays usable.
      System.out.println("@@ OTHER " + dict.get(args[4]) + " " + dict.size());
    }
  }
}
