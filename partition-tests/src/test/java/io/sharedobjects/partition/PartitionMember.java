package io.sharedobjects.partition;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.sharedobjects.SharedLock;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A child JVM of the partition tests: one embedded member on its own loopback address, serving one-line
 * commands read from stdin, one at a time, in the order sent.
 *
 * <p>Arguments: cluster name, bind address (such as {@code 127.0.0.11}), port, and every member's
 * {@code host:port}, comma-separated. Once the member has started it writes {@code @@ READY <host:port>}.
 *
 * <p>Every command line is {@code <id> <command> <word>...}; words hold no spaces, commas or {@code =}. The
 * reply is one line, {@code @@ <id> OK [payload]} or {@code @@ <id> ERR <exception class> <message>}, so
 * the test can tell replies from Hazelcast's log lines, which share the same output. Times are
 * {@link System#nanoTime()} values, which the test checks are comparable with its own ({@code clock}).
 * Commands and their payloads:
 * <ul>
 *   <li>{@code clock}: this JVM's {@code nanoTime}.
 *   <li>{@code members}: this member's view of the cluster, {@code host:port,...} sorted.
 *   <li>{@code lifecycle}: this member's lifecycle events since start, {@code STATE@nanoTime,...}
 *       (MERGING and MERGED tell that this member merged into another cluster).
 *   <li>{@code owner KEY}: the member owning the partition of {@code KEY} (also a list's name), {@code
 *       host:port}, or nothing if the partition has no owner now.
 *   <li>{@code owned HOST:PORT PREFIX COUNT}: how many of the keys {@code PREFIX-0 ... PREFIX-<COUNT-1>}
 *       have their partition on that member.
 *   <li>{@code lock NAME}: takes the shared lock (waiting as long as needed) on the command thread:
 *       {@code <fence> <acquired>}, the time read once the lock and its fence are had.
 *   <li>{@code unlock NAME}: releases it: {@code <released>}, the time read just before the release.
 *   <li>{@code hold NAME MILLIS}: {@code lock}, sleep, {@code unlock}: {@code <fence> <acquired> <released>};
 *       if the release fails, {@code <fence> <acquired> <released> UNLOCK-FAILED <exception class>}.
 *   <li>{@code put DICT KEY VALUE}: the previous value, or nothing. {@code get DICT KEY}: the value, or
 *       nothing. {@code size DICT}: the number of entries. {@code entries DICT}: {@code key=value,...}.
 *   <li>{@code append LIST VALUE}: nothing. {@code list LIST}: the elements in order, comma-separated.
 *   <li>{@code write LIST DICT PREFIX}: starts a {@link WriteLoop} in the background; {@code progress}:
 *       its acknowledged appends and puts so far, {@code <appends> <puts>}; {@code stop}: stops it and
 *       returns its summary ({@link WriteLoop#stop()}).
 * </ul>
 * When stdin closes (the test is gone) the JVM halts at once, as a killed member would.
 */
public final class PartitionMember {

  static final String PROTOCOL = "@@ ";

  private final HazelcastSharedObjects shared;
  private final List<String> lifecycle = new CopyOnWriteArrayList<>();
  private WriteLoop writes;

  private PartitionMember(HazelcastSharedObjects shared) {
    this.shared = shared;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException("arguments: cluster name, bind address, port, host:port,host:port,...");
    }
    HazelcastSharedObjects shared = HazelcastSharedObjects.builder()
        .clusterName(args[0])
        .bindAddress(args[1])
        .port(Integer.parseInt(args[2]))
        .members(args[3].split(","))
        .embedded();
    PartitionMember member = new PartitionMember(shared);
    shared.hazelcastInstance().getLifecycleService().addLifecycleListener(
        event -> member.lifecycle.add(event.getState() + "@" + System.nanoTime()));
    Member local = shared.hazelcastInstance().getCluster().getLocalMember();
    say("READY " + address(local));
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = stdin.readLine()) != null) {
      String[] words = line.trim().split(" +");
      say(words[0] + " " + member.answer(Arrays.copyOfRange(words, 1, words.length)));
    }
    // No graceful shutdown: the test that would wait for it is gone, and it could take seconds.
    Runtime.getRuntime().halt(0);
  }

  private String answer(String[] command) {
    try {
      String payload = execute(command);
      return payload.isEmpty() ? "OK" : "OK " + payload;
    } catch (Exception | AssertionError e) {
      String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
      return "ERR " + e.getClass().getName() + " " + message;
    }
  }

  private String execute(String[] command) throws Exception {
    HazelcastInstance hazelcast = shared.hazelcastInstance();
    switch (command[0]) {
      case "clock":
        return Long.toString(System.nanoTime());
      case "members": {
        Set<String> members = new TreeSet<>();
        hazelcast.getCluster().getMembers().forEach(m -> members.add(address(m)));
        return String.join(",", members);
      }
      case "lifecycle":
        return String.join(",", lifecycle);
      case "owner": {
        Member owner = hazelcast.getPartitionService().getPartition(command[1]).getOwner();
        return owner == null ? "" : address(owner);
      }
      case "owned": {
        int count = 0;
        for (int n = 0; n < Integer.parseInt(command[3]); n++) {
          Partition partition = hazelcast.getPartitionService().getPartition(command[2] + "-" + n);
          count += partition.getOwner() != null && address(partition.getOwner()).equals(command[1]) ? 1 : 0;
        }
        return Integer.toString(count);
      }
      case "lock": {
        SharedLock lock = shared.lock(command[1]);
        lock.lock();
        long fence = lock.fence();
        return fence + " " + System.nanoTime();
      }
      case "unlock": {
        long released = System.nanoTime();
        shared.lock(command[1]).unlock();
        return Long.toString(released);
      }
      case "hold":
        return hold(command[1], Long.parseLong(command[2]));
      case "put":
        return orEmpty(shared.<String, String>dict(command[1]).put(command[2], command[3]));
      case "get":
        return orEmpty(shared.<String, String>dict(command[1]).get(command[2]));
      case "size":
        return Integer.toString(shared.dict(command[1]).size());
      case "entries": {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, String> entry : shared.<String, String>dict(command[1]).entrySet()) {
          entries.add(entry.getKey() + "=" + entry.getValue());
        }
        return String.join(",", entries);
      }
      case "append":
        shared.<String>list(command[1]).add(command[2]);
        return "";
      case "list":
        return String.join(",", shared.<String>list(command[1]));
      case "write":
        if (writes != null) {
          throw new IllegalStateException("a write loop is already running");
        }
        writes = WriteLoop.start(shared.list(command[1]), shared.dict(command[2]), command[3]);
        return "";
      case "progress":
        return writes.acknowledgedAppends() + " " + writes.acknowledgedPuts();
      case "stop":
        return writes.stop();
      default:
        throw new IllegalArgumentException("unknown command " + command[0]);
    }
  }

  private String hold(String name, long millis) throws InterruptedException {
    SharedLock lock = shared.lock(name);
    lock.lock();
    long fence = lock.fence();
    long acquired = System.nanoTime();
    Thread.sleep(millis);
    long released = System.nanoTime();
    try {
      lock.unlock();
      return fence + " " + acquired + " " + released;
    } catch (RuntimeException e) {
      return fence + " " + acquired + " " + released + " UNLOCK-FAILED " + e.getClass().getName();
    }
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static String address(Member member) {
    return member.getAddress().getHost() + ":" + member.getAddress().getPort();
  }

  /** Writes a protocol line. */
  static synchronized void say(String line) {
    System.out.println(PROTOCOL + line);
    System.out.flush();
  }
}
