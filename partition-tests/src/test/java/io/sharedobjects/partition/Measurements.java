package io.sharedobjects.partition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Records the numbers these tests measure, one line each with the machine's load, in {@code
 * target/partition-measurements.txt} (appended, so several runs can be compared) and on stdout.
 * Thread-safe.
 */
final class Measurements {

  private static final Path FILE = Path.of("target", "partition-measurements.txt");

  private Measurements() {}

  /** Records a duration in milliseconds. */
  static void record(String what, Duration duration) {
    record(what, duration.toMillis() + " ms");
  }

  /** Records a value with its unit. */
  static synchronized void record(String what, String value) {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String line = Instant.now() + "\t" + what + "\t" + value + "\tload " + String.format("%.2f", load);
    System.out.println("MEASURED " + line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record a measurement in " + FILE, e);
    }
  }
}
