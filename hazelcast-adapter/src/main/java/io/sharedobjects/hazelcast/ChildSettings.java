package io.sharedobjects.hazelcast;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link SharedProcess}'s child connects: as a client of the cluster of the parent's {@link
 * HazelcastSharedObjects}, at the addresses of its members now, with the parent's options that matter to a
 * client, written as the {@link SharedObjectsSpec} text the child parses (so the one parser reads them).
 * Customizers ({@code configureClient}) are code, not settings, and do not reach the child.
 */
final class ChildSettings {

  private ChildSettings() {
  }

  /** The spec settings of a client of {@code parent}'s cluster. */
  static Map<String, String> of(HazelcastSharedObjects parent) {
    Settings settings = parent.settings();
    Map<String, String> spec = new LinkedHashMap<>();
    spec.put("mode", "client");
    spec.put("addresses", String.join(",", memberAddresses(parent)));
    spec.put("cluster-name", parent.clusterName());
    spec.put("connect-timeout", settings.connectTimeout().toString());
    spec.put("lock-backend", settings.lockBackend().name().toLowerCase(Locale.ROOT));
    if (settings.lockLease() != null) {
      spec.put("lock-lease", settings.lockLease().toString());
    }
    spec.put("max-value-size", Long.toString(settings.maxValueSize()));
    if (!settings.nearCachedDicts().isEmpty()) {
      spec.put("near-cache", String.join(",", settings.nearCachedDicts()));
    }
    if (settings.clusterSize() > 0) {
      spec.put("cluster-size", Integer.toString(settings.clusterSize()));
    }
    spec.put("majority-for-data", Boolean.toString(settings.majorityForData()));
    spec.put("confirmed-writes", Boolean.toString(settings.confirmedWrites()));
    if (settings.sealing() != null) {
      // The child inherits the key, as a Python manager's children inherit its authkey: through its stdin.
      spec.put("auth-key", settings.sealing().asSetting());
      Sealing other = settings.sealing().other();
      if (other != null) {
        spec.put(settings.sealing().otherIsNewer() ? "next-auth-key" : "previous-auth-key", other.asSetting());
      }
    }
    return spec;
  }

  /** Every member's address as {@code host:port}, so the child connects while any of them is up. */
  private static List<String> memberAddresses(HazelcastSharedObjects parent) {
    List<String> addresses = new ArrayList<>();
    for (Member member : parent.hazelcastInstance().getCluster().getMembers()) {
      Address address = member.getAddress();
      String host = address.getHost();
      addresses.add((host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }
    return addresses;
  }
}
