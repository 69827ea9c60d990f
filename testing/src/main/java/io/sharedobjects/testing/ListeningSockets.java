package io.sharedobjects.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local addresses on which this machine listens for TCP connections on a port, as the kernel reports
 * them: how a test checks that a server is really closed to other machines (listening on 127.0.0.1, not on
 * 0.0.0.0 or ::), whatever its configuration claims.
 *
 * <p>Reads Linux's {@code /proc/net/tcp} and {@code /proc/net/tcp6}; elsewhere {@link #isSupported()} is
 * false and tests should be skipped. No network traffic. Stateless and thread-safe.
 */
public final class ListeningSockets {

  private static final Path TCP = Path.of("/proc/net/tcp");
  private static final Path TCP6 = Path.of("/proc/net/tcp6");

  /** The kernel's code for the LISTEN state in the {@code st} column. */
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Whether this machine reports its sockets where this class reads them (Linux). */
  public static boolean isSupported() {
    return Files.isReadable(TCP);
  }

  /**
   * The addresses listening on TCP {@code port}, IPv4 and IPv6; an IPv4-mapped IPv6 address is returned as
   * the IPv4 address, and a wildcard as {@code 0.0.0.0} or {@code ::}. Empty if nothing listens there.
   *
   * @throws UnsupportedOperationException if {@link #isSupported()} is false
   */
  public static List<InetAddress> on(int port) {
    if (!isSupported()) {
      throw new UnsupportedOperationException("No " + TCP + " on this machine");
    }
    List<InetAddress> addresses = new ArrayList<>();
    String wantedPort = String.format(":%04X", port);
    for (Path table : List.of(TCP, TCP6)) {
      if (!Files.isReadable(table)) {
        continue; // IPv6 turned off
      }
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + table, e);
      }
      for (String line : lines.subList(1, lines.size())) {
        // "sl local_address rem_address st ...": local_address is ADDRESS:PORT in hex.
        String[] columns = line.trim().split("\\s+");
        if (columns.length > 3 && LISTEN.equals(columns[3]) && columns[1].endsWith(wantedPort)) {
          addresses.add(address(columns[1].substring(0, columns[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  /** Decodes the kernel's hex address: 32-bit words, each in this machine's (little-endian) byte order. */
  private static InetAddress address(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = (word * 4 + (3 - i)) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Unexpected address " + hex, e);
    }
  }
}
