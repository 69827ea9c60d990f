package io.sharedobjects.hazelcast.cp;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Three Hazelcast 5.4 members on 127.0.0.1 with the CP Subsystem enabled (it needs at least three), each
 * with the library's safe defaults: TCP-IP join only, multicast, auto-detection and phone-home off; and
 * failing, rather than reporting done, a write whose backup did not confirm it, as members whose clients
 * use {@code confirmedWrites(true)} must.
 */
final class CpCluster implements AutoCloseable {

  static final int MEMBERS = 3;

  private final List<HazelcastInstance> members = new ArrayList<>();

  CpCluster() {
    String clusterName = "cp-tck-" + UUID.randomUUID();
    try {
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config(clusterName, addresses));
        members.add(member);
        addresses.add("127.0.0.1:" + member.getCluster().getLocalMember().getAddress().getPort());
      }
      // The CP Subsystem is usable once its Raft groups have formed on all three members.
      for (HazelcastInstance member : members) {
        if (!member.getCPSubsystem().getCPSubsystemManagementService()
            .awaitUntilDiscoveryCompleted(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("CP Subsystem discovery did not complete within 60 s");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  HazelcastInstance member(int index) {
    return members.get(index);
  }

  /** {@code "127.0.0.1:port"} of a member, for clients. */
  String address(int index) {
    return "127.0.0.1:" + members.get(index).getCluster().getLocalMember().getAddress().getPort();
  }

  /** A member on a port the system picks, joining the members already started. */
  private static Config config(String clusterName, List<String> existing) {
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
    config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
    config.getCPSubsystemConfig().setCPMemberCount(MEMBERS);
    config.getNetworkConfig().setPort(0).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(existing.isEmpty() ? List.of("127.0.0.1") : existing));
    return config;
  }

  @Override
  public void close() {
    for (HazelcastInstance member : members) {
      member.getLifecycleService().terminate();
    }
    members.clear();
  }
}
