package io.sharedobjects.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.logging.AbstractLogger;
import com.hazelcast.logging.ILogger;
import com.hazelcast.logging.LogEvent;
import com.hazelcast.logging.LoggerFactory;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleListener;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@link SharedObjectsLoggerFactory} passes on to the backend, for each detail. */
class SharedObjectsLoggerFactoryTest {

  private final List<String> written = new CopyOnWriteArrayList<>();

  /** A backend that records "LEVEL logger: message". */
  private final LoggerFactory backend = name -> new AbstractLogger() {
    @Override
    public void log(Level level, String message) {
      log(level, message, null);
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
      written.add(level + " " + name + ": " + message);
    }

    @Override
    public void log(LogEvent event) {
      log(event.getLogRecord().getLevel(), event.getLogRecord().getMessage(), event.getLogRecord().getThrown());
    }

    @Override
    public Level getLevel() {
      return Level.ALL;
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }
  };

  private ILogger logger(HazelcastLogging.Detail detail, String name) {
    return new SharedObjectsLoggerFactory(backend, detail).getLogger(name);
  }

  @Test
  @DisplayName("quiet: Hazelcast's messages below WARNING are dropped, its warnings pass, other loggers pass unchanged")
  void quietKeepsWarnings() {
    ILogger node = logger(HazelcastLogging.Detail.QUIET, "com.hazelcast.instance.impl.Node");
    node.info("Shutting down node engine...");
    node.fine("detail");
    node.warning("a warning");
    node.severe("an error");
    logger(HazelcastLogging.Detail.QUIET, "io.sharedobjects.hazelcast.HazelcastSharedObjects").info("started");
    assertThat(node.isInfoEnabled()).isFalse();
    assertThat(node.isWarningEnabled()).isTrue();
    assertThat(written).containsExactly("WARNING com.hazelcast.instance.impl.Node: a warning",
        "SEVERE com.hazelcast.instance.impl.Node: an error",
        "INFO io.sharedobjects.hazelcast.HazelcastSharedObjects: started");
  }

  @Test
  @DisplayName("quiet: the client's connection retries, client clean-up warnings and failures of an instance shutting down are dropped")
  void quietDropsConnectionNoise() {
    ILogger connections = logger(HazelcastLogging.Detail.QUIET,
        "com.hazelcast.client.impl.connection.ClientConnectionManager");
    connections.warning("Unable to get live cluster connection, retry in 92 ms, attempt: 1, cluster connect timeout: INFINITE");
    connections.warning("Could not connect to any cluster, shutting down the client",
        new IllegalStateException("Client is being shutdown."));
    logger(HazelcastLogging.Detail.QUIET, SharedObjectsLoggerFactory.CLIENT_ENGINE)
        .warning("No connection left to client cluster wide");
    logger(HazelcastLogging.Detail.QUIET, "com.hazelcast.spi.impl.operationservice.impl.Invocation")
        .warning("failed", new RuntimeException(new HazelcastInstanceNotActiveException()));
    assertThat(written).isEmpty();
    connections.severe("really bad");
    assertThat(written).containsExactly("SEVERE com.hazelcast.client.impl.connection.ClientConnectionManager: really bad");
  }

  @Test
  @DisplayName("quiet: the module-access warning is written once per JVM, on one line naming the JVM flags")
  void moduleWarningShortened() {
    ILogger factory = logger(HazelcastLogging.Detail.QUIET, "com.hazelcast.instance.impl.HazelcastInstanceFactory");
    for (int i = 0; i < 2; i++) {
      factory.warning(SharedObjectsLoggerFactory.MODULE_WARNING + " (Java 9 and newer) but without proper access."
          + " Arguments to be used:\n --add-modules java.se");
    }
    // Once per JVM: another test of this JVM may have written it already.
    assertThat(written).hasSizeLessThanOrEqualTo(1).allSatisfy(line -> assertThat(line)
        .isEqualTo("WARNING com.hazelcast.instance.impl.HazelcastInstanceFactory: "
            + SharedObjectsLoggerFactory.MODULE_WARNING_SHORT)
        .doesNotContain("\n").contains(HazelcastLogging.MODULE_OPTIONS));
  }

  @Test
  @DisplayName("a level passes Hazelcast's messages from that level up, unchanged; all passes everything; off nothing")
  void levels() {
    String message = SharedObjectsLoggerFactory.MODULE_WARNING + "...\n flags";
    logger(HazelcastLogging.Detail.INFO, "com.hazelcast.client.impl.connection.ClientConnectionManager").info("trying");
    logger(HazelcastLogging.Detail.INFO, "com.hazelcast.x").fine("hidden");
    logger(HazelcastLogging.Detail.WARNING, "com.hazelcast.instance.impl.HazelcastInstanceFactory").warning(message);
    logger(HazelcastLogging.Detail.ALL, "com.hazelcast.x").finest("everything");
    logger(HazelcastLogging.Detail.OFF, "com.hazelcast.x").severe("nothing");
    assertThat(written).containsExactly("INFO com.hazelcast.client.impl.connection.ClientConnectionManager: trying",
        "WARNING com.hazelcast.instance.impl.HazelcastInstanceFactory: " + message,
        "FINEST com.hazelcast.x: everything");
  }

  @Test
  @DisplayName("a level set at run time through Hazelcast's logging service replaces the filter until it is reset")
  void levelSetAtRunTime() {
    SharedObjectsLoggerFactory factory = new SharedObjectsLoggerFactory(backend, HazelcastLogging.Detail.QUIET);
    ILogger connections = factory.getLogger("com.hazelcast.client.impl.connection.ClientConnectionManager");
    factory.setLevel(Level.FINE);
    connections.fine("trying");
    connections.warning("retrying");
    factory.resetLevel();
    connections.info("hidden again");
    connections.warning("hidden again");
    assertThat(written).containsExactly("FINE com.hazelcast.client.impl.connection.ClientConnectionManager: trying",
        "WARNING com.hazelcast.client.impl.connection.ClientConnectionManager: retrying");
  }

  @Test
  @DisplayName("the setting accepts the level names of java.util.logging and SLF4J in any case, and names them when it is wrong")
  void parsing() {
    assertThat(HazelcastLogging.Detail.parse("Info")).isEqualTo(HazelcastLogging.Detail.INFO);
    assertThat(HazelcastLogging.Detail.parse("debug")).isEqualTo(HazelcastLogging.Detail.FINE);
    assertThat(HazelcastLogging.Detail.parse("warn")).isEqualTo(HazelcastLogging.Detail.WARNING);
    assertThat(HazelcastLogging.Detail.parse(" quiet ")).isEqualTo(HazelcastLogging.Detail.QUIET);
    assertThatThrownBy(() -> HazelcastLogging.Detail.parse("loud"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shared-objects.hazelcast-logging=loud")
        .hasMessageContaining("quiet (the default), off, severe, warning, info, fine, finest or all");
  }

  @Test
  @DisplayName("without a provider SLF4J would drop everything, so it counts as present only with one")
  void slf4jNeedsAProvider() throws Exception {
    Path jars = Path.of(System.getProperty("basedir", "."), "target", "slf4j");
    URL api;
    URL simple;
    try (Stream<Path> files = Files.list(jars)) {
      List<Path> found = files.sorted().toList();
      api = found.stream().filter(f -> f.getFileName().toString().startsWith("slf4j-api")).findFirst().orElseThrow().toUri().toURL();
      simple = found.stream().filter(f -> f.getFileName().toString().startsWith("slf4j-simple")).findFirst().orElseThrow().toUri().toURL();
    }
    try (URLClassLoader apiOnly = new URLClassLoader(new URL[] {api}, null);
        URLClassLoader withProvider = new URLClassLoader(new URL[] {api, simple}, null)) {
      assertThat(HazelcastLogging.slf4jPresent(new ClassLoader(null) {})).isFalse();
      assertThat(HazelcastLogging.slf4jPresent(apiOnly)).isFalse();
      assertThat(HazelcastLogging.slf4jPresent(withProvider)).isTrue();
    }
  }

  @Test
  @DisplayName("a running client that loses its cluster logs one warning, and one line when it is back; the start and the close log nothing")
  void connectionLossReported() {
    Settings settings = HazelcastSharedObjects.builder().clusterName("reports").settings();
    LifecycleListener reports = HazelcastLogging.connectionReports(settings);
    java.util.logging.Logger user = java.util.logging.Logger.getLogger(HazelcastSharedObjects.class.getName());
    List<String> records = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record.getLevel() + " " + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    user.addHandler(handler);
    try {
      for (LifecycleState state : List.of(LifecycleState.STARTING, LifecycleState.STARTED,
          LifecycleState.CLIENT_CONNECTED, LifecycleState.CLIENT_DISCONNECTED, LifecycleState.CLIENT_DISCONNECTED,
          LifecycleState.CLIENT_CONNECTED, LifecycleState.SHUTTING_DOWN, LifecycleState.CLIENT_DISCONNECTED,
          LifecycleState.SHUTDOWN)) {
        reports.stateChanged(new LifecycleEvent(state));
      }
    } finally {
      user.removeHandler(handler);
    }
    assertThat(records).hasSize(2);
    assertThat(records.get(0)).startsWith("WARNING shared-objects client lost its connection to cluster 'reports'")
        .contains("ClusterUnavailableException");
    assertThat(records.get(1)).isEqualTo("INFO shared-objects client is connected to cluster 'reports' again");
  }
}
