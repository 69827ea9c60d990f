package io.sharedobjects.samples;

import io.sharedobjects.hazelcast.SharedProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Runs a sample in a new JVM that starts fast: with an application class-data sharing (AppCDS) archive of
 * the classes it loads, for the sample and for the child JVMs it starts.
 *
 * <pre>SampleLauncher &lt;archive directory&gt; [JVM options...] &lt;main class&gt; [arguments...]</pre>
 *
 * <p>Why: a JVM that starts a Hazelcast member or client spends most of its first second reading, parsing
 * and verifying a few thousand classes. A class-data sharing archive holds them parsed and verified, mapped
 * into memory at start; for the seed example this takes the member's start from about 0.8 s to 0.35 s and the
 * child's connect from 0.6 s to 0.3 s. Java 17 writes such an archive when a training run exits
 * ({@code -XX:ArchiveClassesAtExit}), but only of classes from jar files, and refuses to write one at all
 * while a class directory is on the class path, as it is when Maven runs a sample after compiling. So this
 * launcher:
 *
 * <ol>
 *   <li>puts each class directory of its own class path into a jar in the archive directory (rewritten only
 *       when a class changed);
 *   <li>runs the sample once to train, when the archives are missing, older than a jar, or made by another
 *       JVM or with other options; the training's output goes to {@code <main class>-training.log};
 *   <li>runs the sample with the archives ({@code -XX:SharedArchiveFile}), handing the child's archive to it
 *       in {@link SharedProcess#JVM_OPTIONS_PROPERTY}, with {@link #CHILD_JVM_FLAGS}, and exits with its exit
 *       code.
 * </ol>
 *
 * <p>Training runs the program one more time, so only programs that affect nothing outside themselves are
 * trained: those in {@link #TRAINED} (the seed example creates, uses and destroys its own objects). Others,
 * such as a job-board worker that would take jobs from a shared board, run without archives. It writes the
 * command of step 3 to {@code <main class>.command}, one argument per line: the benchmarks time the sample
 * with it. If training fails, the sample runs without archives, only slower.
 */
public final class SampleLauncher {

  /** The programs it trains archives for: running them once more to train changes nothing shared. */
  static final Set<String> TRAINED = Set.of(SeedExample.class.getName());

  /**
   * Options for the short-lived child JVMs a sample starts with {@link SharedProcess}: C1 only (C2 compiles
   * for long runs; here it would compete with start-up for the CPU), a small heap with the serial collector
   * (no concurrent GC threads to start), class-data sharing when an archive is there, and JVM warnings on
   * stderr so stdout holds only the program's output.
   */
  static final List<String> CHILD_JVM_FLAGS = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr");

  /** JVM options whose value is the next argument. */
  private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--add-modules", "--add-exports", "--add-opens",
      "--add-reads", "--patch-module", "--limit-modules", "--module-path", "-p", "--upgrade-module-path");

  private SampleLauncher() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    int next = 0;
    if (args.length < 2) {
      System.err.println("Usage: SampleLauncher <archive directory> [JVM options...] <main class> [arguments...]");
      System.exit(2);
    }
    Path archives = Path.of(args[next++]).toAbsolutePath();
    List<String> jvmOptions = new ArrayList<>();
    while (next < args.length && args[next].startsWith("-")) {
      String option = args[next++];
      jvmOptions.add(option);
      if (OPTIONS_WITH_VALUE.contains(option) && next < args.length) {
        jvmOptions.add(args[next++]);
      }
    }
    String mainClass = args[next++];
    List<String> programArgs = List.of(args).subList(next, args.length);
    if (!TRAINED.contains(mainClass)) {
      List<String> plain = command(jvmOptions, System.getProperty("java.class.path"), mainClass, programArgs, null, null);
      System.exit(new ProcessBuilder(plain).inheritIO().start().waitFor());
    }

    Files.createDirectories(archives);
    String classpath = jarredClasspath(System.getProperty("java.class.path"), archives.resolve("jars"));
    String name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    Path archive = archives.resolve(name + ".jsa");
    Path childArchive = archives.resolve(name + "-child.jsa");
    Path stampFile = archives.resolve(name + ".stamp");
    String stamp = String.join("\n", System.getProperty("java.home"), System.getProperty("java.vm.version"),
        classpath, String.join(" ", jvmOptions), String.join(" ", programArgs));

    boolean archived = isFresh(archive, stampFile, stamp, classpath);
    if (!archived) {
      Files.deleteIfExists(archive);
      Files.deleteIfExists(childArchive);
      Path log = archives.resolve(name + "-training.log");
      List<String> training = command(jvmOptions, classpath, mainClass, programArgs,
          "-XX:ArchiveClassesAtExit=" + archive, "-XX:ArchiveClassesAtExit=" + childArchive);
      int exit = new ProcessBuilder(training).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
      archived = exit == 0 && Files.exists(archive);
      if (archived) {
        Files.writeString(stampFile, stamp);
      } else {
        System.err.println("Class-data sharing training of " + mainClass + " failed (exit code " + exit
            + ", see " + log + "); running without an archive.");
      }
    }
    List<String> run = archived
        ? command(jvmOptions, classpath, mainClass, programArgs, "-XX:SharedArchiveFile=" + archive,
            Files.exists(childArchive) ? "-XX:SharedArchiveFile=" + childArchive : null)
        : command(jvmOptions, classpath, mainClass, programArgs, null, null);
    Files.write(archives.resolve(name + ".command"), run);
    System.exit(new ProcessBuilder(run).inheritIO().start().waitFor());
  }

  private static List<String> command(List<String> jvmOptions, String classpath, String mainClass,
      List<String> programArgs, String archiveOption, String childArchiveOption) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (archiveOption != null) {
      command.add(archiveOption);
    }
    List<String> childOptions = new ArrayList<>(CHILD_JVM_FLAGS);
    if (childArchiveOption != null) {
      childOptions.add(childArchiveOption);
    }
    command.add("-D" + SharedProcess.JVM_OPTIONS_PROPERTY + "=" + String.join(" ", childOptions));
    command.addAll(List.of("-cp", classpath, mainClass));
    command.addAll(programArgs);
    return command;
  }

  /** Whether the archive was made with this stamp and after every jar of the class path was written. */
  private static boolean isFresh(Path archive, Path stampFile, String stamp, String classpath) throws IOException {
    if (!Files.exists(archive) || !Files.exists(stampFile) || !Files.readString(stampFile).equals(stamp)) {
      return false;
    }
    FileTime made = Files.getLastModifiedTime(archive);
    for (String entry : classpath.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(made) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The class path with each directory replaced by a jar of it in {@code jars}. */
  static String jarredClasspath(String classpath, Path jars) throws IOException {
    Files.createDirectories(jars);
    List<String> entries = new ArrayList<>();
    int index = 0;
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path path = Path.of(entry).toAbsolutePath();
      if (Files.isDirectory(path)) {
        // The index keeps jars of directories with the same name (every module's target/classes) apart.
        String module = path.getNameCount() >= 3 ? path.getName(path.getNameCount() - 3).toString() : "classes";
        Path jar = jars.resolve(index++ + "-" + module + ".jar");
        if (isStale(jar, path)) {
          writeJar(path, jar);
        }
        entries.add(jar.toString());
      } else {
        entries.add(path.toString());
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static boolean isStale(Path jar, Path directory) throws IOException {
    if (!Files.exists(jar)) {
      return true;
    }
    FileTime written = Files.getLastModifiedTime(jar);
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(file -> {
        try {
          return Files.getLastModifiedTime(file).compareTo(written) > 0;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static void writeJar(Path directory, Path jar) throws IOException {
    Path partial = jar.resolveSibling(jar.getFileName() + ".partial");
    try (OutputStream out = Files.newOutputStream(partial);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        jarOut.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, jarOut);
        jarOut.closeEntry();
      }
    }
    Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
