package io.sharedobjects.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cut itself, on plain sockets: it works on loopback, both ways, only between its sides, and leaves nothing behind. */
@ExtendWith(IptablesRestored.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IptablesPartitionTest {

  private static final String A = "127.0.0.11";
  private static final String B = "127.0.0.12";
  private static final String C = "127.0.0.13";

  @Test
  @DisplayName("a cut drops connections between its sides both ways on loopback, not to a third address; heal lets them through")
  void cutAndHeal() throws IOException {
    try (ServerSocket onA = listen(A); ServerSocket onB = listen(B); ServerSocket onC = listen(C);
        IptablesPartition partition = IptablesPartition.create()) {
      assertThat(connects(A, onB)).as("A to B before the cut").isTrue();

      partition.cut(List.of(A), List.of(B));
      assertThat(connects(A, onB)).as("A to B during the cut").isFalse();
      assertThat(connects(B, onA)).as("B to A during the cut").isFalse();
      assertThat(connects(A, onC)).as("A to C, not cut").isTrue();
      assertThat(connects(C, onB)).as("C to B, not cut").isTrue();

      partition.heal();
      assertThat(connects(A, onB)).as("A to B after the heal").isTrue();
      assertThat(connects(B, onA)).as("B to A after the heal").isTrue();
    }
  }

  @Test
  @DisplayName("close() without a heal removes the rules, the jumps and the chain, once; the closed cut cannot be used")
  void closeWithoutHeal() throws IOException {
    String before = IptablesPartition.rules();
    IptablesPartition partition = IptablesPartition.create();
    partition.cut(List.of(A), List.of(B, C));
    assertThat(IptablesPartition.rules()).contains(partition.chain()).isNotEqualTo(before);

    partition.close();
    partition.close();
    assertThat(IptablesPartition.rules()).isEqualTo(before);
    assertThatThrownBy(partition::heal).isInstanceOf(IllegalStateException.class).hasMessageContaining("already removed");
    try (ServerSocket onB = listen(B)) {
      assertThat(connects(A, onB)).isTrue();
    }
  }

  @Test
  @DisplayName("a chain left by a JVM that is gone is removed with its jumps; the chain of a live JVM is not")
  void leftovers() throws Exception {
    String before = IptablesPartition.rules();
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String leftover = IptablesPartition.CHAIN_PREFIX + gone.pid() + "-1";
    IptablesPartition.iptables("-N", leftover);
    IptablesPartition.iptables("-I", "INPUT", "1", "-j", leftover);
    IptablesPartition.iptables("-I", "OUTPUT", "1", "-j", leftover);
    IptablesPartition.iptables("-A", leftover, "-s", A, "-d", B, "-j", "DROP");
    try (IptablesPartition live = IptablesPartition.create()) {
      IptablesPartition.removeLeftovers();
      String rules = IptablesPartition.rules();
      assertThat(rules).doesNotContain(leftover).contains(live.chain());
    }
    assertThat(IptablesPartition.rules()).isEqualTo(before);
  }

  private static ServerSocket listen(String host) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(host, 0), 50);
    return socket;
  }

  /** Whether a connection from {@code from} to the server opens within half a second; a refusal fails the test. */
  private static boolean connects(String from, ServerSocket to) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(to.getLocalSocketAddress(), 500);
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }
}
