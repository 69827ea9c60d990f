package io.sharedobjects.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjectsException;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.Logger;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * Starts embedded members: checks the bind address, warns when the configuration opens the member beyond
 * this machine, and starts it without Hazelcast's join wait when it is certain to be alone.
 *
 * <p>Hazelcast's TCP-IP join asks each address of the member list for the cluster's master and waits a fixed
 * second for an answer before a member that found no one makes itself master: a second of every start when
 * no other member runs, as in most single-process uses. A member with the default member list (its own
 * address, ports from the configured one up) can look instead: if no process has bound any of those ports,
 * no member is there to join, and an empty member list makes it master at once. Two processes starting at
 * the same moment could both look before either binds, and form two clusters; a file lock in the temporary
 * directory, held from the look until the member has bound its port and started, puts them one after the
 * other, so the second sees the first's port and joins it as before. Whenever the look cannot be trusted
 * (no lock within the bound, a port already bound), the member joins the way Hazelcast always does.
 */
final class EmbeddedStart {

  /** How long to wait for another process's member start before starting without the lock. */
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  /** Orders this JVM's own starts: a JVM may not hold two locks on one file. */
  private static final Object JVM_LOCK = new Object();

  private EmbeddedStart() {
  }

  /**
   * Starts a member with these settings. A bind address other than a loopback one needs an authKey or the
   * explicit opt-out; it, or a customizer that opens the member further, is logged as a warning.
   *
   * @throws IllegalArgumentException if the bind address is not an address of this machine, or is not a
   *     loopback address and there is neither an authKey nor the opt-out
   */
  static StartedInstance start(Settings settings) {
    Config config = HazelcastConfigs.member(settings);
    HazelcastLogging.install(config.getProperty(HazelcastLogging.LOGGING_TYPE));
    if (!HazelcastConfigs.isLoopback(settings.bindAddress())) {
      settings.requireAuthKeyFor("a member bound to " + settings.bindAddress());
    }
    List<String> openings = HazelcastConfigs.openings(config);
    if (!openings.isEmpty()) {
      String exposure = settings.sealing() != null
          ? "Items are sealed with the authKey, but open-source Hazelcast has no authentication or TLS: anyone"
              + " who reaches the member can still delete data, hold locks, and see sizes and timing."
          : "Open-source Hazelcast has no authentication or TLS: anyone who reaches the member can read and"
              + " change all data, and can make it deserialize what they send.";
      userLog().warning("shared-objects member on " + settings.bindAddress() + " is open beyond this machine: "
          + String.join("; ", openings) + ". " + exposure
          + " Keep it on a private network behind a firewall (see docs/security.md).");
    }
    checkLocalAddress(settings.bindAddress());
    AsyncExecutor.install();
    HazelcastInstance member = startOrExplain(settings, config);
    HazelcastLogging.memberStarted(member, settings);
    return new StartedInstance(member, true, settings, new ConnectionState(true), null);
  }

  /**
   * This class's logger. Taken when needed, not at class loading, so that it comes from the logging {@link
   * HazelcastLogging#install} chose.
   */
  private static ILogger log() {
    return Logger.getLogger(EmbeddedStart.class);
  }

  /** The facade's logger, where users look for the warning about an open member. */
  private static ILogger userLog() {
    return Logger.getLogger(HazelcastSharedObjects.class);
  }

  /**
   * Fails clearly for a bind address that no interface of this machine has; Hazelcast would report it as
   * "port already in use". Any loopback address is local: the whole of 127.0.0.0/8 is.
   */
  private static void checkLocalAddress(String bindAddress) {
    InetAddress address;
    try {
      address = InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bindAddress '" + bindAddress + "' is not a known host name or IP address", e);
    }
    try {
      if (address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null) {
        return;
      }
    } catch (SocketException e) {
      return; // cannot tell; Hazelcast will report it if it cannot bind
    }
    throw new IllegalArgumentException("bindAddress " + bindAddress + " is not an address of this machine, so"
        + " a member cannot listen on it. Use 127.0.0.1 (the default) to stay on this machine, or one of this"
        + " machine's addresses on a private network.");
  }

  /**
   * As {@link #startMember}; a member the cluster refused at join fails with Hazelcast's reason, which
   * Hazelcast gives only in its log ({@link JoinRefusals}), instead of a bare "Node failed to start!".
   */
  private static HazelcastInstance startOrExplain(Settings settings, Config config) {
    JoinRefusals.clear();
    try {
      return startMember(settings, config);
    } catch (IllegalStateException failed) {
      // Hazelcast gives the reason only in its log, which may not be this library's: ask the members too.
      String reason = JoinRefusals.last();
      // Asked only when the log gave no reason or a version one: the probe is a client start.
      String other = reason == null || reason.contains("version")
          ? HazelcastVersion.otherMinorAt(settings, config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
          : null;
      if (other == null && reason == null) {
        throw failed;
      }
      RuntimeException explained = other != null
          ? HazelcastVersion.joinRefused(config.getClusterName(), other)
          : new SharedObjectsException("This member could not join cluster '" + config.getClusterName()
              + "': the cluster refused it (" + reason + "). Give it the same settings as the cluster's members.");
      explained.initCause(failed);
      throw explained;
    }
  }

  /**
   * Starts a member with {@code config}, built by {@link HazelcastConfigs#member} from {@code settings} (and
   * customized): with an empty member list when it joins by the default list and is certain to be alone.
   */
  private static HazelcastInstance startMember(Settings settings, Config config) {
    if (!HazelcastConfigs.joinsByDefaultList(config, settings)) {
      return Hazelcast.newHazelcastInstance(config);
    }
    if (settings.port() == 0) {
      // A member on a port the system picks finds others only through an explicit member list.
      return Hazelcast.newHazelcastInstance(alone(config));
    }
    synchronized (JVM_LOCK) {
      try (StartLock lock = StartLock.acquire(settings.bindAddress())) {
        boolean alone = lock != null && noPortBound(settings.bindAddress(), settings.port());
        return Hazelcast.newHazelcastInstance(alone ? alone(config) : config);
      }
    }
  }

  /** The configuration with no one to ask at join: the member makes itself master at once. */
  private static Config alone(Config config) {
    config.getNetworkConfig().getJoin().getTcpIpConfig().setMembers(List.of());
    return config;
  }

  /** Whether no process has bound any port a member with these settings could use. */
  static boolean noPortBound(String host, int firstPort) {
    for (int port = firstPort; port < firstPort + HazelcastConfigs.PORT_COUNT && port <= 65_535; port++) {
      try (ServerSocket probe = new ServerSocket()) {
        // A socket in TIME_WAIT is no member; only a bound socket counts.
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(host, port), 1);
      } catch (IOException | RuntimeException taken) {
        return false;
      }
    }
    return true;
  }

  /** A lock, shared by all processes of this machine, on starting a member at one address. */
  private static final class StartLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private StartLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    /** The lock, or null if it cannot be had within {@link #LOCK_WAIT} (the caller then does not trust its look). */
    static StartLock acquire(String bindAddress) {
      Path file = Path.of(System.getProperty("java.io.tmpdir"),
          "shared-objects-member-start-" + bindAddress.replaceAll("[^A-Za-z0-9.]", "_") + ".lock");
      FileChannel channel = null;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
          FileLock lock = channel.tryLock();
          if (lock != null) {
            return new StartLock(channel, lock);
          }
          if (System.nanoTime() > deadline) {
            log().info("Another process has been starting a member for " + LOCK_WAIT.toSeconds()
                + " s; joining the usual way (" + file + ")");
            channel.close();
            return null;
          }
          Thread.sleep(10);
        }
      } catch (IOException | RuntimeException e) {
        log().fine("No start lock (" + file + "): " + e + "; joining the usual way");
        closeQuietly(channel);
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeQuietly(channel);
        return null;
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException e) {
        // Closing the channel releases it as well.
      }
      closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          // Nothing left to release.
        }
      }
    }
  }
}
