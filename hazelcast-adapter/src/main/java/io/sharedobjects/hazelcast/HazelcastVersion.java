package io.sharedobjects.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.BuildInfoProvider;
import com.hazelcast.version.MemberVersion;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Hazelcast versions this library runs on, checked at every start ({@code embedded}, {@code client},
 * {@code wrap}) before any other Hazelcast class is touched, so a wrong version fails with the fix instead
 * of a linkage error or, worse, a member that cannot join its cluster.
 *
 * <p>The range is what CI runs the whole compatibility kit on, embedded members and clients of a stock
 * member alike: 5.7.0 (every module), 5.4.0, 5.5.0 and 5.6.0 ({@code hazelcast-version-tests}), plus the
 * kit's synchronizers on a 5.4.0 CP cluster ({@code hazelcast-cp-tests}). Patch releases within a minor are
 * taken to behave alike; a later minor (5.8) is refused until it is tested. 5.4 to 5.6 need one repair after
 * a refused value ({@link HazelcastInternals.Serializer#forgetFailedRegistrations}).
 */
final class HazelcastVersion {

  /** The oldest minor supported: 5.4, the last open-source one with the CP Subsystem. */
  static final int[] OLDEST = {5, 4};
  /** The newest minor supported. */
  static final int[] NEWEST = {5, 7};
  /** The version this library is built and tested with, and the one its dependencies and BOM name. */
  static final String BUILT_WITH = "5.7.0";
  /** The range, as messages and docs say it. */
  static final String RANGE = "5.4.x to 5.7.x";

  private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

  private HazelcastVersion() {
  }

  /** The Hazelcast version on the class path, as Hazelcast reports it ({@code "5.7.0"}). */
  static String onClassPath() {
    return BuildInfoProvider.getBuildInfo().getVersion();
  }

  /** Fails if the Hazelcast on the class path is outside the supported range. */
  static void check() {
    check(onClassPath());
  }

  /**
   * Fails if {@code version} is outside the supported range.
   *
   * @throws HazelcastVersionException naming the version, the range and the fix
   */
  static void check(String version) {
    Matcher m = MAJOR_MINOR.matcher(version == null ? "" : version);
    boolean supported = m.find() && within(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    if (!supported) {
      throw new HazelcastVersionException("Hazelcast " + version + " is on the class path, but shared-objects"
          + " runs on Hazelcast " + RANGE + " only (built with " + BUILT_WITH + "). " + fix(), version);
    }
  }

  /** The failure of a member that could not join its cluster, whose members run {@code theirs}. */
  static HazelcastVersionException joinRefused(String cluster, String theirs) {
    String ours = onClassPath();
    return new HazelcastVersionException("This member runs Hazelcast " + ours + " and cannot join cluster '"
        + cluster + "': its members run Hazelcast " + theirs + ", and open-source Hazelcast joins only members"
        + " of the same minor version. Run every process of the cluster on the same Hazelcast (a Spring Boot"
        + " application gets the version Boot manages unless told otherwise). " + fix(), ours);
  }

  /**
   * The version of a member at {@code addresses} whose minor differs from this class path's, asked through
   * a client (which joins any minor); null if all run this minor, or none answers within 3 s. Used only
   * after a member failed to start, to tell whether a version is why.
   */
  static String otherMinorAt(Settings settings, List<String> addresses) {
    if (addresses.isEmpty()) {
      return null;
    }
    ClientConfig config = HazelcastConfigs.client(settings, addresses);
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3000);
    MemberVersion ours = MemberVersion.of(onClassPath());
    // A member that failed at join leaves the starting thread interrupted (its shutdown interrupts the
    // join); the client's connection would fail at once, so the flag waits until the question is answered.
    boolean interrupted = Thread.interrupted();
    try {
      HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
      try {
        // This library's clients start without waiting for the connection.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (client.getCluster().getMembers().isEmpty() && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        for (Member member : client.getCluster().getMembers()) {
          MemberVersion theirs = member.getVersion();
          if (theirs.getMajor() != ours.getMajor() || theirs.getMinor() != ours.getMinor()) {
            return theirs.toString();
          }
        }
      } finally {
        client.shutdown();
      }
    } catch (RuntimeException unreachable) {
      // Not a version question that can be answered: the caller reports the start's own failure.
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return null;
  }

  /** The one-line fixes, for Maven and Gradle. */
  static String fix() {
    return "Maven: set <hazelcast.version>" + BUILT_WITH + "</hazelcast.version> in <properties> (Spring Boot's"
        + " parent manages Hazelcast through it) or import io.sharedobjects:shared-objects-bom. Gradle:"
        + " ext['hazelcast.version'] = '" + BUILT_WITH + "' with Spring's dependency-management plugin, or"
        + " implementation platform('io.sharedobjects:shared-objects-bom:<version>'). See docs/configuration.md#hazelcast-versions.";
  }

  private static boolean within(int major, int minor) {
    return compare(major, minor, OLDEST) >= 0 && compare(major, minor, NEWEST) <= 0;
  }

  private static int compare(int major, int minor, int[] bound) {
    return major != bound[0] ? Integer.compare(major, bound[0]) : Integer.compare(minor, bound[1]);
  }
}
