package io.sharedobjects.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Records what the container tests measured (waits while a member is down, entries lost), to the test's
 * output and to {@code target/container-measurements.txt}, which {@code .ci/run} prints.
 */
final class Measurements {

  private static final Path FILE = Path.of("target", "container-measurements.txt");

  private Measurements() {
  }

  static synchronized void record(String test, String what) {
    String line = test + ": " + what;
    System.out.println("MEASURED " + line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record a measurement in " + FILE, e);
    }
  }

  static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
