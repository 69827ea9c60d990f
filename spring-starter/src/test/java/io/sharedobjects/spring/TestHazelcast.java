package io.sharedobjects.spring;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;

/** Hazelcast helpers for tests: closed-by-default member configuration and counting members per cluster. */
final class TestHazelcast {

  private TestHazelcast() {}

  /** A cluster name of its own for each call, so no test joins another's member. */
  static String uniqueClusterName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  }

  /**
   * A member configuration as safe as the adapter's: 127.0.0.1 only, a system-picked port, TCP-IP join on
   * 127.0.0.1, multicast and auto-detection off, phone-home off.
   */
  static Config memberConfig(String clusterName) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    config.getJetConfig().setEnabled(false);
    config.getNetworkConfig().setPort(0).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    return config;
  }

  /** How many members of this cluster run in this JVM. */
  static long membersOf(String clusterName) {
    return Hazelcast.getAllHazelcastInstances().stream()
        .filter(instance -> instance.getConfig().getClusterName().equals(clusterName))
        .count();
  }
}
