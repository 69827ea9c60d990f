package io.sharedobjects.containers;

import io.sharedobjects.testing.HazelcastMemberContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.output.WaitingConsumer;

/**
 * A cluster of member containers on 127.0.0.1 for one test class: the members know each other's ports
 * before they start, and {@link #start(String, int)} returns once every member sees all of them.
 * {@link #close()} stops every container. Not thread-safe.
 */
final class Members implements AutoCloseable {

  private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

  private final List<HazelcastMemberContainer> containers;

  private Members(List<HazelcastMemberContainer> containers) {
    this.containers = containers;
  }

  /** One member container, not started, with the member image and options every test here uses. */
  static HazelcastMemberContainer container(String clusterName, int port, String... otherMembers) {
    String name = "member:" + port;
    return new HazelcastMemberContainer(MemberImage.name(), port)
        .withClusterName(clusterName)
        .withMembers(otherMembers)
        .withJavaOptions("-Xms64m", "-Xmx384m")
        // The member's log goes to this test's output (target/surefire-reports/*-output.txt).
        .withLogConsumer(frame -> echo(name, frame));
  }

  /** Starts {@code size} members of one cluster and waits (bounded) until each sees all the others. */
  static Members start(String clusterName, int size) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      addresses.add("127.0.0.1:" + HazelcastMemberContainer.freePort());
    }
    List<HazelcastMemberContainer> containers = new ArrayList<>();
    Members members = new Members(containers);
    try {
      for (String address : addresses) {
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        HazelcastMemberContainer container = container(clusterName, port, addresses.toArray(String[]::new));
        containers.add(container);
        container.start();
      }
      for (HazelcastMemberContainer container : containers) {
        awaitLog(container, "Members {size:" + size + ",", FORMATION_TIMEOUT);
      }
      return members;
    } catch (RuntimeException e) {
      members.close();
      throw e;
    }
  }

  List<HazelcastMemberContainer> all() {
    return containers;
  }

  String[] addresses() {
    return containers.stream().map(HazelcastMemberContainer::address).toArray(String[]::new);
  }

  /** The member listening on this port. */
  HazelcastMemberContainer onPort(int port) {
    return containers.stream().filter(c -> c.port() == port).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No member of this cluster listens on port " + port));
  }

  /** Waits until the member has logged a line containing {@code text}, counting lines logged before the call. */
  static void awaitLog(HazelcastMemberContainer container, String text, Duration timeout) {
    WaitingConsumer consumer = new WaitingConsumer();
    container.followOutput(consumer);
    try {
      consumer.waitUntil(frame -> frame.getUtf8String().contains(text), (int) timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(container + " did not log '" + text + "' within " + timeout
          + "; its log:\n" + container.getLogs(), e);
    }
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (HazelcastMemberContainer container : containers) {
      try {
        container.stop();
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

  private static void echo(String name, OutputFrame frame) {
    String text = frame.getUtf8StringWithoutLineEnding();
    if (!text.isEmpty()) {
      System.out.println("[" + name + "] " + text);
    }
  }
}
