package io.sharedobjects.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import io.sharedobjects.ClusterUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starts clients: the client starts without blocking and reconnects in the background (see {@link
 * HazelcastConfigs#client}); the start waits for its first connection, at most the connect timeout. A client
 * whose writes must be confirmed also waits, within the same bound, until every member can send it backup
 * confirmations (see {@link #awaitBackupConfirmations}).
 */
final class ClientStart {

  private static final ILogger LOG = Logger.getLogger(HazelcastSharedObjects.class);

  /**
   * How often the wait for every member re-checks without being woken: a safety net only, since a connection
   * opened or lost and a member list change each wake it.
   */
  private static final long RECHECK_MILLIS = 100;

  private ClientStart() {}

  /**
   * A client of the members at {@code addresses}, connected.
   *
   * @throws ClusterUnavailableException if no member of the cluster answers within the connect timeout
   */
  static StartedInstance connect(Settings settings, List<String> addresses) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("client(...) needs at least one member address, such as \"127.0.0.1:5701\"");
    }
    for (String address : addresses) {
      if (!HazelcastConfigs.isLoopback(host(address))) {
        settings.requireAuthKeyFor("a client of members at " + address);
      }
    }
    ConnectionState connection = new ConnectionState(false);
    ClientConfig config = HazelcastConfigs.client(settings, addresses);
    HazelcastLogging.install(config.getProperty(HazelcastLogging.LOGGING_TYPE));
    AsyncExecutor.install();
    config.addListenerConfig(new ListenerConfig(connection));
    config.addListenerConfig(new ListenerConfig(HazelcastLogging.connectionReports(settings)));
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    if (!connection.awaitConnected(deadline)) {
      client.shutdown();
      throw new ClusterUnavailableException(
          "Could not connect to Hazelcast cluster '" + settings.clusterName() + "' at " + addresses
              + " within " + settings.connectTimeout().toMillis() + " ms. Check that a member runs there and"
              + " that its cluster name is '" + settings.clusterName() + "'.",
          null);
    }
    if (settings.writesMustBeConfirmed() && config.isBackupAckToClientEnabled()
        && config.getNetworkConfig().isSmartRouting()) {
      awaitBackupConfirmations(client, deadline);
    }
    HazelcastLogging.clientConnected(client, settings, addresses);
    return new StartedInstance(client, true, settings, connection, null);
  }

  /**
   * Waits, until the deadline ({@link System#nanoTime()}), until every member in the client's member list can
   * send it backup confirmations: the client collects them itself, and a member it has no connection to yet
   * (a smart client connects to the others in the background after the first) drops them, so a write backed
   * up there would fail after the 5 s backup timeout although it was backed up (hazelcast/hazelcast#17887).
   * If the deadline passes first, the client starts anyway, with a warning: its writes backed up on the
   * members it cannot reach fail, none is reported done unconfirmed.
   */
  private static void awaitBackupConfirmations(HazelcastInstance client, long deadline) {
    Changes changes = new Changes();
    HazelcastInternals.onConnectionChange(client, changes::happened);
    UUID membership = client.getCluster().addMembershipListener(changes);
    boolean interrupted = false;
    Set<UUID> missing = Set.of();
    try {
      while (true) {
        long seen = changes.count();
        Set<UUID> members = client.getCluster().getMembers().stream().map(Member::getUuid).collect(Collectors.toSet());
        members.removeAll(HazelcastInternals.membersConfirmingBackups(client));
        missing = members;
        if (missing.isEmpty() && !client.getCluster().getMembers().isEmpty()) {
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          changes.awaitAfter(seen, Math.min(RECHECK_MILLIS, Math.max(1, left / 1_000_000)));
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
      LOG.warning("This client cannot yet receive backup confirmations from members " + missing + ": writes"
          + " backed up there fail (ClusterUnavailableException after 5 s) until it has connected to them.");
    } finally {
      client.getCluster().removeMembershipListener(membership);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Counts connection and member list changes, and lets a thread wait for the next one. */
  private static final class Changes implements MembershipListener {
    private long count;

    synchronized void happened() {
      count++;
      notifyAll();
    }

    synchronized long count() {
      return count;
    }

    /** Waits at most {@code millis} for a change after the {@code seen}-th. */
    synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
      if (count == seen) {
        wait(millis);
      }
    }

    @Override
    public void memberAdded(MembershipEvent event) {
      happened();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      happened();
    }
  }

  /** The host of a member address: {@code "10.0.0.5"} of {@code "10.0.0.5:5701"}, {@code "::1"} of {@code "[::1]:5701"}. */
  static String host(String address) {
    String trimmed = address.trim();
    if (trimmed.startsWith("[")) {
      int end = trimmed.indexOf(']');
      return end > 0 ? trimmed.substring(1, end) : trimmed;
    }
    int colon = trimmed.indexOf(':');
    return colon >= 0 && trimmed.indexOf(':', colon + 1) < 0 ? trimmed.substring(0, colon) : trimmed;
  }
}
