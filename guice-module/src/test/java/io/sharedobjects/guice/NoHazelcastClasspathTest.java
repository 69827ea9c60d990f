package io.sharedobjects.guice;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The adapter is an optional dependency: {@link SharedObjectsModule#inMemory()} must work where neither it nor
 * Hazelcast is on the classpath. Runs {@link InMemoryOnlyApplication} in a class loader that refuses both, and
 * records every attempt to load one of their classes.
 */
class NoHazelcastClasspathTest {

  @Test
  @DisplayName("inMemory() injects, uses and closes SharedObjects without loading any Hazelcast class")
  void inMemoryNeedsNoHazelcast() throws Exception {
    try (HazelcastFreeClassLoader loader = new HazelcastFreeClassLoader()) {
      Object result = loader.loadClass(InMemoryOnlyApplication.class.getName()).getMethod("run").invoke(null);

      assertThat(result).isEqualTo("1,2,1");
      assertThat(loader.refused).isEmpty();
    }
    assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
  }

  @Test
  @DisplayName("asking for Hazelcast where it is missing fails with a message that names the dependency")
  void hazelcastMissing() throws Exception {
    try (HazelcastFreeClassLoader loader = new HazelcastFreeClassLoader()) {
      Object message = loader.loadClass(InMemoryOnlyApplication.class.getName()).getMethod("askForHazelcast").invoke(null);

      assertThat(message).asString()
          .contains("shared-objects.backend=hazelcast")
          .contains("io.sharedobjects:shared-objects-hazelcast");
      // The check asked for the adapter's class and was refused: the filter really is in the way.
      assertThat(loader.refused).contains("io.sharedobjects.hazelcast.HazelcastSharedObjects");
    }
  }

  /** Loads this test's classpath by itself (not from the application loader), minus Hazelcast and the adapter. */
  private static final class HazelcastFreeClassLoader extends URLClassLoader {
    private static final List<String> REFUSED_PACKAGES = List.of("com.hazelcast.", "io.sharedobjects.hazelcast.");

    final List<String> refused = new CopyOnWriteArrayList<>();

    HazelcastFreeClassLoader() {
      super(classpath(), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (REFUSED_PACKAGES.stream().anyMatch(name::startsWith)) {
        refused.add(name);
        throw new ClassNotFoundException(name + " (refused: this class loader has no Hazelcast)");
      }
      return super.loadClass(name, resolve);
    }

    private static URL[] classpath() {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(entry -> !entry.isEmpty())
          .map(entry -> {
            try {
              return Path.of(entry).toUri().toURL();
            } catch (MalformedURLException e) {
              throw new IllegalStateException(e);
            }
          })
          .toArray(URL[]::new);
    }
  }
}
