package io.sharedobjects.partition;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.PartitionReplica;
import com.hazelcast.partition.Partition;
import io.sharedobjects.SharedBarrier;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the partition tests: one embedded member on its own loopback address, serving one-line
 * commands read from stdin, one at a time, in the order sent.
 *
 * <p>Arguments: cluster name, bind address (such as {@code 127.0.0.11}), port, every member's
 * {@code host:port}, comma-separated, and then the builder's partition settings as {@link MemberOptions}
 * ({@code clusterSize=3 ...}; left out, the builder's defaults). Once the member has started it writes
 * {@code @@ READY <host:port>}.
 *
 * <p>Every command line is {@code <id> <command> <word>...}; words hold no spaces, commas or {@code =}. The
 * reply is one line, {@code @@ <id> OK [payload]} or {@code @@ <id> ERR <exception class> <message>}, so
 * the test can tell replies from Hazelcast's log lines, which share the same output. Commands run one at a
 * time on the main thread, in the order sent, unless prefixed with {@code on THREAD}: {@code <id> on
 * THREAD <command> <word>...} runs the command on the thread of that name (created at its first use, one
 * command at a time, in the order sent), and the main thread goes on with the next command; the reply comes
 * when the command is done. A lock belongs to the thread that took it, so a hold kept across commands takes
 * a thread of its own. Times are
 * {@link System#nanoTime()} values, which the test checks are comparable with its own ({@code clock}).
 * Commands and their payloads:
 * <ul>
 *   <li>{@code clock}: this JVM's {@code nanoTime}.
 *   <li>{@code members}: this member's view of the cluster, {@code host:port,...} sorted.
 *   <li>{@code lifecycle}: this member's lifecycle events since start, {@code STATE@nanoTime,...}
 *       (MERGING and MERGED tell that this member merged into another cluster).
 *   <li>{@code safe}: whether the cluster is safe ({@code PartitionService.isClusterSafe}): no migration
 *       pending or running, every backup in sync, so no partition changes owner unless a member goes.
 *   <li>{@code owner KEY}: the member owning the partition of {@code KEY} (also a list's name), {@code
 *       host:port}, or nothing if the partition has no owner now.
 *   <li>{@code replicas KEY COUNT}: the members holding the first {@code COUNT} replicas of the partition of
 *       {@code KEY}, the owner first and then its backups, {@code host:port,...} ({@code -} for none).
 *   <li>{@code owned HOST:PORT PREFIX COUNT}: how many of the keys {@code PREFIX-0 ... PREFIX-<COUNT-1>}
 *       have their partition on that member.
 *   <li>{@code lock NAME}: takes the shared lock (waiting as long as needed) on the command thread:
 *       {@code <fence> <acquired>}, the time read once the lock and its fence are had.
 *   <li>{@code unlock NAME}: releases it: {@code <released>}, the time read just before the release.
 *   <li>{@code trylock NAME MILLIS}: {@code tryLock} waiting at most that long: {@code <fence> <acquired>}
 *       if granted, nothing if not.
 *   <li>{@code held NAME}: {@code <isHeldByCurrentThread> <holdCount>} of the calling thread.
 *   <li>{@code release NAME}: {@code unlock}, whatever comes of it: {@code <released> <ended> <error>},
 *       the times read just before and after, and {@code -} or the error as {@link LockAttempt#describe}.
 *   <li>{@code contend NAME WAIT HOLD PAUSE}: starts a {@link LockLoop} on the lock (milliseconds: the
 *       {@code tryLock} wait, how long a granted lock is kept, the pause after each attempt); {@code granted
 *       NAME}: how many of its attempts were granted so far; {@code contended NAME}: stops it and returns its
 *       attempts ({@link LockAttempt#encode()}, comma-separated).
 *   <li>{@code permits NAME PERMITS WAIT HOLD PAUSE}: starts a {@link PermitLoop} on the semaphore of that name
 *       and number of permits (milliseconds as for {@code contend}); {@code permitted NAME}: stops it and
 *       returns its attempts ({@link LockAttempt#encode()}, fence 0, comma-separated).
 *   <li>{@code hold NAME MILLIS}: {@code lock}, sleep, {@code unlock}: {@code <fence> <acquired> <released>};
 *       if the release fails, {@code <fence> <acquired> <released> UNLOCK-FAILED <exception class>}.
 *   <li>{@code put DICT KEY VALUE}: the previous value, or nothing. {@code get DICT KEY}: the value, or
 *       nothing. {@code size DICT}: the number of entries. {@code entries DICT}: {@code key=value,...}.
 *   <li>{@code append LIST VALUE}: nothing. {@code list LIST}: the elements in order, comma-separated.
 *   <li>{@code barrier NAME PARTIES MILLIS}: awaits the shared barrier at most that long: {@code <index>
 *       <passed>}, the arrival index and the time read once passed. {@code barrier-state NAME PARTIES}:
 *       {@code <numberWaiting> <isBroken>}.
 *   <li>{@code write LIST DICT PREFIX}: starts a {@link WriteLoop} in the background; {@code progress}:
 *       its acknowledged appends and puts so far, {@code <appends> <puts>}; {@code stop}: stops it and
 *       returns its summary ({@link WriteLoop#stop()}).
 * </ul>
 * When stdin closes (the test is gone) the JVM halts at once, as a killed member would.
 */
public final class PartitionMember {

  static final String PROTOCOL = "@@ ";

  private final HazelcastSharedObjects shared;
  private final String host;
  private final List<String> lifecycle = new CopyOnWriteArrayList<>();
  private final ConcurrentMap<String, ExecutorService> threads = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LockLoop> lockLoops = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, PermitLoop> permitLoops = new ConcurrentHashMap<>();
  private volatile WriteLoop writes;

  private PartitionMember(HazelcastSharedObjects shared, String host) {
    this.shared = shared;
    this.host = host;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      throw new IllegalArgumentException("arguments: cluster name, bind address, port, host:port,host:port,..."
          + " and member options " + MemberOptions.NONE);
    }
    MemberOptions options = MemberOptions.parse(Arrays.asList(args).subList(4, args.length));
    HazelcastSharedObjects shared = options.applyTo(HazelcastSharedObjects.builder())
        .clusterName(args[0])
        .bindAddress(args[1])
        .port(Integer.parseInt(args[2]))
        .members(args[3].split(","))
        .embedded();
    PartitionMember member = new PartitionMember(shared, args[1]);
    shared.hazelcastInstance().getLifecycleService().addLifecycleListener(
        event -> member.lifecycle.add(event.getState() + "@" + System.nanoTime()));
    Member local = shared.hazelcastInstance().getCluster().getLocalMember();
    say("READY " + address(local));
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = stdin.readLine()) != null) {
      String[] words = line.trim().split(" +");
      String id = words[0];
      if (words.length > 3 && words[1].equals("on")) {
        String[] command = Arrays.copyOfRange(words, 3, words.length);
        member.thread(words[2]).execute(() -> say(id + " " + member.answer(command)));
      } else {
        say(id + " " + member.answer(Arrays.copyOfRange(words, 1, words.length)));
      }
    }
    // No graceful shutdown: the test that would wait for it is gone, and it could take seconds.
    Runtime.getRuntime().halt(0);
  }

  /** The command thread of that name, started at its first use. */
  private ExecutorService thread(String name) {
    return threads.computeIfAbsent(name, n -> Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "command-" + n);
      thread.setDaemon(true);
      return thread;
    }));
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
      case "safe":
        // No migration pending or running, and every backup in sync: partition owners stay put.
        return Boolean.toString(hazelcast.getPartitionService().isClusterSafe());
      case "owner": {
        Member owner = hazelcast.getPartitionService().getPartition(command[1]).getOwner();
        return owner == null ? "" : address(owner);
      }
      case "replicas": {
        // Hazelcast's public API names a partition's owner only; where its backups are takes the internals.
        int partitionId = hazelcast.getPartitionService().getPartition(command[1]).getPartitionId();
        InternalPartition partition = ((HazelcastInstanceProxy) hazelcast).getOriginal().node.getPartitionService()
            .getPartition(partitionId);
        List<String> replicas = new ArrayList<>();
        for (int index = 0; index < Integer.parseInt(command[2]); index++) {
          PartitionReplica replica = partition.getReplica(index);
          replicas.add(replica == null ? "-" : replica.address().getHost() + ":" + replica.address().getPort());
        }
        return String.join(",", replicas);
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
      case "trylock": {
        SharedLock lock = shared.lock(command[1]);
        if (!lock.tryLock(Long.parseLong(command[2]), TimeUnit.MILLISECONDS)) {
          return "";
        }
        long fence = lock.fence();
        return fence + " " + System.nanoTime();
      }
      case "held": {
        SharedLock lock = shared.lock(command[1]);
        return lock.isHeldByCurrentThread() + " " + lock.holdCount();
      }
      case "release": {
        long released = System.nanoTime();
        String error = "-";
        try {
          shared.lock(command[1]).unlock();
        } catch (RuntimeException e) {
          error = LockAttempt.describe(e);
        }
        return released + " " + System.nanoTime() + " " + error;
      }
      case "contend": {
        LockLoop loop = LockLoop.start(host, shared.lock(command[1]), Long.parseLong(command[2]),
            Long.parseLong(command[3]), Long.parseLong(command[4]));
        if (lockLoops.putIfAbsent(command[1], loop) != null) {
          loop.stop();
          throw new IllegalStateException("a lock loop on " + command[1] + " is already running");
        }
        return "";
      }
      case "granted":
        return Integer.toString(lockLoops.get(command[1]).granted());
      case "contended":
        return lockLoops.remove(command[1]).stop();
      case "permits": {
        PermitLoop loop = PermitLoop.start(host, shared.semaphore(command[1], Integer.parseInt(command[2])),
            Long.parseLong(command[3]), Long.parseLong(command[4]), Long.parseLong(command[5]));
        if (permitLoops.putIfAbsent(command[1], loop) != null) {
          loop.stop();
          throw new IllegalStateException("a permit loop on " + command[1] + " is already running");
        }
        return "";
      }
      case "permitted":
        return permitLoops.remove(command[1]).stop();
      case "barrier": {
        int index = shared.barrier(command[1], Integer.parseInt(command[2]))
            .await(Long.parseLong(command[3]), TimeUnit.MILLISECONDS);
        return index + " " + System.nanoTime();
      }
      case "barrier-state": {
        SharedBarrier barrier = shared.barrier(command[1], Integer.parseInt(command[2]));
        return barrier.numberWaiting() + " " + barrier.isBroken();
      }
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
