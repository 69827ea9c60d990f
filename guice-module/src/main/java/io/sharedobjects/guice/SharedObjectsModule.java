package io.sharedobjects.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.guice.SharedObjectsSettings.BackendKind;
import io.sharedobjects.guice.SharedObjectsSettings.Mode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Binds {@link SharedObjects} (and its {@link SharedObjectsLifecycle}) as singletons, from the backend a
 * factory method chooses:
 *
 * <pre>{@code
 * Guice.createInjector(SharedObjectsModule.embedded(), new AppModule());              // this JVM is a member
 * Guice.createInjector(SharedObjectsModule.client("10.0.0.5:5701"), new AppModule()); // a client
 * Guice.createInjector(SharedObjectsModule.fromEnvironment(), new AppModule());       // the operator decides
 * Guice.createInjector(SharedObjectsModule.inMemory(), new AppModule());              // unit tests
 * }</pre>
 *
 * <p>In tests, replace a production module's binding with {@code Modules.override(production).with(
 * SharedObjectsModule.inMemory())}.
 *
 * <p><b>When it starts:</b> the instance is a Guice singleton: created on first injection in
 * {@code Stage.DEVELOPMENT} (the default), at {@code createInjector} in {@code Stage.PRODUCTION}. Each injector
 * gets its own instance, even from one module object.
 *
 * <p><b>Lifecycle:</b> call {@code injector.getInstance(SharedObjectsLifecycle.class).close()} when the
 * application stops; it closes the member or client this module started. {@link #using} never shuts the
 * application's own {@code HazelcastInstance} down.
 *
 * <p><b>Classpath:</b> the Hazelcast adapter ({@code io.sharedobjects:shared-objects-hazelcast}) is an
 * optional dependency: {@link #inMemory()} works without it and without Hazelcast, as does
 * {@link #fromEnvironment()} when it chooses the in-memory backend. (That is why no method here names a
 * Hazelcast type in its erased signature: Guice reflects on every method of a module.)
 *
 * <p><b>Equality:</b> modules made from equal arguments are equal, so installing the same module twice is
 * harmless; {@link #hazelcast(Supplier)} and {@link #using} compare their argument by identity.
 *
 * <p><b>Thread safety:</b> immutable; one module may configure any number of injectors.
 */
public final class SharedObjectsModule extends AbstractModule {

  private final Backend backend;

  private SharedObjectsModule(Backend backend) {
    this.backend = backend;
  }

  /** A new {@link io.sharedobjects.inmemory.InMemorySharedObjects} per injector; needs no Hazelcast. */
  public static SharedObjectsModule inMemory() {
    return new SharedObjectsModule(new InMemoryBackend());
  }

  /**
   * An embedded Hazelcast member with the adapter's defaults: cluster {@code "shared-objects"}, 127.0.0.1,
   * port 5701 and up. For other options use {@link #hazelcast(Supplier)}.
   */
  public static SharedObjectsModule embedded() {
    HazelcastBackends.checkOnClasspath("SharedObjectsModule.embedded()");
    return new SharedObjectsModule(HazelcastBackends.configured(SharedObjectsSettings.hazelcast(Mode.EMBEDDED, List.of())));
  }

  /**
   * A Hazelcast client of the default cluster at these addresses ({@code "host"} or {@code "host:port"}).
   * For other options use {@link #hazelcast(Supplier)}.
   */
  public static SharedObjectsModule client(String... addresses) {
    if (addresses == null || addresses.length == 0) {
      throw new IllegalArgumentException("SharedObjectsModule.client(...) needs at least one member address, such as \"127.0.0.1:5701\"");
    }
    HazelcastBackends.checkOnClasspath("SharedObjectsModule.client(...)");
    return new SharedObjectsModule(HazelcastBackends.configured(SharedObjectsSettings.hazelcast(Mode.CLIENT, List.of(addresses))));
  }

  /**
   * Wraps the application's own Hazelcast member or client with {@code HazelcastSharedObjects.wrap}; closing
   * the lifecycle leaves it running, the application shuts it down.
   *
   * <p>(The type parameter erases to {@code Object}, as in {@code Collections.max}, so that this class's
   * signatures name no Hazelcast type; callers can pass only a {@code HazelcastInstance}.)
   */
  public static <H extends Object & com.hazelcast.core.HazelcastInstance> SharedObjectsModule using(H hazelcast) {
    return new SharedObjectsModule(HazelcastBackends.wrapping(hazelcast));
  }

  /**
   * Whatever {@code factory} starts, once per injector, closed by the lifecycle: the way to use every option of
   * {@code HazelcastSharedObjects.builder()}.
   *
   * <pre>{@code
   * SharedObjectsModule.hazelcast(() -> HazelcastSharedObjects.builder().clusterName("orders").port(5801).embedded())
   * }</pre>
   */
  public static SharedObjectsModule hazelcast(Supplier<io.sharedobjects.hazelcast.HazelcastSharedObjects> factory) {
    return new SharedObjectsModule(HazelcastBackends.supplied(factory));
  }

  /**
   * The backend an operator chooses, from system properties ({@code -Dshared-objects.backend=in-memory}) or,
   * where none is set, environment variables ({@code SHARED_OBJECTS_BACKEND=in-memory}):
   *
   * <table>
   *   <caption>Settings</caption>
   *   <tr><th>property</th><th>environment variable</th><th>values</th><th>default</th></tr>
   *   <tr><td>{@code shared-objects.backend}</td><td>{@code SHARED_OBJECTS_BACKEND}</td><td>{@code hazelcast}, {@code in-memory}</td><td>{@code hazelcast}</td></tr>
   *   <tr><td>{@code shared-objects.mode}</td><td>{@code SHARED_OBJECTS_MODE}</td><td>{@code embedded}, {@code client}</td><td>{@code embedded}</td></tr>
   *   <tr><td>{@code shared-objects.cluster-name}</td><td>{@code SHARED_OBJECTS_CLUSTER_NAME}</td><td>a name</td><td>{@code shared-objects}</td></tr>
   *   <tr><td>{@code shared-objects.addresses}</td><td>{@code SHARED_OBJECTS_ADDRESSES}</td><td>comma-separated {@code host:port}: members to connect to (client) or to join (embedded)</td><td>none</td></tr>
   *   <tr><td>{@code shared-objects.port}</td><td>{@code SHARED_OBJECTS_PORT}</td><td>0 to 65535, embedded only</td><td>5701</td></tr>
   *   <tr><td>{@code shared-objects.connect-timeout}</td><td>{@code SHARED_OBJECTS_CONNECT_TIMEOUT}</td><td>{@code 500ms}, {@code 10s}, {@code 2m}, ISO-8601 {@code PT10S}</td><td>{@code 10s}</td></tr>
   *   <tr><td>{@code shared-objects.lock-backend}</td><td>{@code SHARED_OBJECTS_LOCK_BACKEND}</td><td>{@code auto}, {@code map}, {@code cp}</td><td>{@code auto}</td></tr>
   * </table>
   *
   * <p>Values are read and checked now; the instance starts at injection.
   *
   * @throws IllegalArgumentException for a bad value, naming the setting and the allowed values
   * @throws IllegalStateException if the Hazelcast backend is chosen but not on the classpath
   */
  public static SharedObjectsModule fromEnvironment() {
    return from(SharedObjectsSettings.environment(systemProperties(), System.getenv()));
  }

  /**
   * As {@link #fromEnvironment()}, from a map with the property names ({@code shared-objects.backend}, ...),
   * such as an application's own configuration file; keys without the prefix are ignored.
   */
  public static SharedObjectsModule fromProperties(Map<String, String> properties) {
    return from(SharedObjectsSettings.map(Map.copyOf(properties)));
  }

  private static SharedObjectsModule from(SharedObjectsSettings.Source source) {
    SharedObjectsSettings settings = SharedObjectsSettings.parse(source);
    if (settings.backend() == BackendKind.IN_MEMORY) {
      return inMemory();
    }
    HazelcastBackends.checkOnClasspath("shared-objects.backend=hazelcast");
    return new SharedObjectsModule(HazelcastBackends.configured(settings));
  }

  private static Map<String, String> systemProperties() {
    Map<String, String> properties = new HashMap<>();
    System.getProperties().forEach((key, value) -> {
      if (key instanceof String name && value instanceof String text) {
        properties.put(name, text);
      }
    });
    return properties;
  }

  @Override
  protected void configure() {
    bind(SharedObjectsLifecycle.class).toProvider(new LifecycleProvider(backend)).in(Singleton.class);
    bind(SharedObjects.class).toProvider(SharedObjectsProvider.class).in(Singleton.class);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SharedObjectsModule module && backend.equals(module.backend);
  }

  @Override
  public int hashCode() {
    return Objects.hash(SharedObjectsModule.class, backend);
  }

  @Override
  public String toString() {
    return "SharedObjectsModule[" + backend.describe() + "]";
  }
}
