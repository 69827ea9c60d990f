package io.sharedobjects.reliability;

import io.sharedobjects.testing.StockHazelcastMember;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A cluster of stock Hazelcast member JVMs on 127.0.0.1, each knowing the others' addresses, started in
 * parallel. {@link StockHazelcastMember} gives them the failure timings of the members {@code embedded()}
 * starts, so what is measured here is what those users get. {@link #close()} kills what is left.
 */
final class StockCluster implements AutoCloseable {

  private final List<StockHazelcastMember> members;

  private StockCluster(List<StockHazelcastMember> members) {
    this.members = members;
  }

  /** Starts {@code size} members of cluster {@code clusterName} and returns once each has started. */
  static StockCluster start(String clusterName, int size) {
    return start(clusterName, size, member -> {});
  }

  /** As {@link #start(String, int)}, with {@code options} applied to each member's builder. */
  static StockCluster start(String clusterName, int size, Consumer<StockHazelcastMember.Builder> options) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ports.add(StockHazelcastMember.freePort());
    }
    String[] addresses = ports.stream().map(port -> "127.0.0.1:" + port).toArray(String[]::new);
    // Members are collected as they start, so that if one fails the others are killed, not leaked.
    List<StockHazelcastMember> started = Collections.synchronizedList(new ArrayList<>());
    List<Callable<StockHazelcastMember>> starts = new ArrayList<>();
    for (int port : ports) {
      starts.add(() -> {
        StockHazelcastMember.Builder builder =
            StockHazelcastMember.builder().clusterName(clusterName).port(port).members(addresses);
        options.accept(builder);
        StockHazelcastMember member = builder.start();
        started.add(member);
        return member;
      });
    }
    try {
      return new StockCluster(Children.inParallel(starts, Duration.ofSeconds(120)));
    } catch (RuntimeException e) {
      synchronized (started) {
        Children.closeAll(started);
      }
      throw e;
    }
  }

  List<StockHazelcastMember> members() {
    return members;
  }

  StockHazelcastMember member(int index) {
    return members.get(index);
  }

  /** Every member's address, for clients. */
  String[] addresses() {
    return members.stream().map(StockHazelcastMember::address).toArray(String[]::new);
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (StockHazelcastMember member : members) {
      try {
        member.kill(); // the test is over: no need for a graceful migration
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
