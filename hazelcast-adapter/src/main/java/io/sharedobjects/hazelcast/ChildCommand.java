package io.sharedobjects.hazelcast;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a {@link SharedProcess}'s child: this JVM's {@code java}, the options Hazelcast asks
 * for, the options of {@link SharedProcess#JVM_OPTIONS_PROPERTY} and of the builder, this program's class
 * path, and {@link SharedProcessMain}. A class path too long for a Windows command line goes through an
 * argument file, which the caller deletes once the child has exited.
 *
 * <p>Immutable.
 */
record ChildCommand(List<String> arguments, Path argumentFile) {

  /**
   * The access Hazelcast asks for on Java 9 and later; without it, the child's client logs a warning at
   * start. Not Hazelcast's suggested {@code --add-modules java.se}: on the class path those modules are
   * root modules already, and the option costs start-up time.
   */
  static final List<String> HAZELCAST_MODULE_OPTIONS = List.of(
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /** Longer class paths go through an argument file: Windows limits a command line to 32,767 characters. */
  private static final int MAX_INLINE_CLASSPATH = 8_000;

  /**
   * The command for a child with {@code jvmOptions} (from the property and the builder) after the defaults,
   * and the class path of this program as {@code loader} (the target's) sees it.
   */
  static ChildCommand of(List<String> jvmOptions, ClassLoader loader) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin",
        System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java").toString());
    command.addAll(HAZELCAST_MODULE_OPTIONS);
    String loggingType = System.getProperty("hazelcast.logging.type");
    if (loggingType != null) {
      command.add("-Dhazelcast.logging.type=" + loggingType);
    }
    command.addAll(jvmOptions);
    String classpath = classpath(loader);
    Path argumentFile = null;
    if (classpath.length() > MAX_INLINE_CLASSPATH) {
      argumentFile = Files.createTempFile("shared-process-classpath", ".args");
      // In an argument file, a backslash escapes the next character inside quotes.
      Files.writeString(argumentFile, "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
      command.add("@" + argumentFile);
    } else {
      command.add("-cp");
      command.add(classpath);
    }
    command.add(SharedProcessMain.class.getName());
    return new ChildCommand(List.copyOf(command), argumentFile);
  }

  /** The options of {@link SharedProcess#JVM_OPTIONS_PROPERTY}, split at white space. */
  static List<String> propertyOptions() {
    String options = System.getProperty(SharedProcess.JVM_OPTIONS_PROPERTY, "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /**
   * This program's class path for the child. {@code java -cp}, IDEs, {@code exec:exec} and Surefire put it
   * in {@code java.class.path}; tools that run a program inside their own JVM with a class loader of their
   * own (such as {@code exec:java}) do not, so the jars of {@code loader} and its parents are added.
   */
  static String classpath(ClassLoader loader) {
    Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    for (ClassLoader current = loader; current != null; current = current.getParent()) {
      if (current instanceof URLClassLoader urlLoader) {
        for (URL url : urlLoader.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // Not a file: nothing a child JVM could load from.
          }
        }
      }
    }
    entries.remove("");
    return String.join(File.pathSeparator, entries);
  }
}
