package io.sharedobjects.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.sharedobjects.SharedObjects;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
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

  private final SharedObjectsFactory factory;

  private SharedObjectsModule(SharedObjectsFactory factory) {
    this.factory = factory;
  }

  /** A new {@link io.sharedobjects.inmemory.InMemorySharedObjects} per injector; needs no Hazelcast. */
  public static SharedObjectsModule inMemory() {
    return new SharedObjectsModule(new InMemoryFactory());
  }

  /**
   * An embedded Hazelcast member with the adapter's defaults: cluster {@code "shared-objects"}, 127.0.0.1,
   * port 5701 and up. For other options use {@link #customize} or {@link #hazelcast(Supplier)}.
   */
  public static SharedObjectsModule embedded() {
    HazelcastFactories.checkOnClasspath("SharedObjectsModule.embedded()");
    return new SharedObjectsModule(HazelcastFactories.embedded());
  }

  /**
   * A Hazelcast client of the default cluster at these addresses ({@code "host"} or {@code "host:port"}).
   * For other options use {@link #customize} or {@link #hazelcast(Supplier)}.
   */
  public static SharedObjectsModule client(String... addresses) {
    if (addresses == null || addresses.length == 0) {
      throw new IllegalArgumentException("SharedObjectsModule.client(...) needs at least one member address, such as \"127.0.0.1:5701\"");
    }
    HazelcastFactories.checkOnClasspath("SharedObjectsModule.client(...)");
    return new SharedObjectsModule(HazelcastFactories.client(List.of(addresses)));
  }

  /**
   * Wraps the application's own Hazelcast member or client with {@code HazelcastSharedObjects.wrap}; closing
   * the lifecycle leaves it running, the application shuts it down.
   *
   * <p>(The type parameter erases to {@code Object}, as in {@code Collections.max}, so that this class's
   * signatures name no Hazelcast type; callers can pass only a {@code HazelcastInstance}.)
   */
  public static <H extends Object & com.hazelcast.core.HazelcastInstance> SharedObjectsModule using(H hazelcast) {
    return new SharedObjectsModule(HazelcastFactories.wrapping(hazelcast));
  }

  /**
   * Whatever {@code factory} starts, once per injector, closed by the lifecycle: the way to build the instance
   * yourself from {@code HazelcastSharedObjects.builder()}.
   *
   * <pre>{@code
   * SharedObjectsModule.hazelcast(() -> HazelcastSharedObjects.builder().clusterName("orders").port(5801).embedded())
   * }</pre>
   */
  public static SharedObjectsModule hazelcast(Supplier<io.sharedobjects.hazelcast.HazelcastSharedObjects> factory) {
    return new SharedObjectsModule(HazelcastFactories.supplied(factory));
  }

  /**
   * The backend an operator chooses, from system properties ({@code -Dshared-objects.mode=client}) or,
   * where none is set, environment variables ({@code SHARED_OBJECTS_MODE=client}): {@code backend}
   * ({@code hazelcast}, the default, or {@code in-memory}) and, for Hazelcast, every option of the adapter's
   * builder (mode, cluster name, addresses, port, timeouts, lock backend, near cache, ...). The keys, formats
   * and defaults are listed in the project's {@code docs/properties.md}; the adapter's
   * {@code SharedObjectsSpec} parses them. For what settings cannot express, add {@link #customize}.
   *
   * <p>Values are read and checked now; the instance starts at injection.
   *
   * @throws IllegalArgumentException for a bad value, naming the setting, where it came from, the value and
   *     what is allowed
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

  static SharedObjectsModule from(SharedObjectsSettings.Source source) {
    if (SharedObjectsSettings.backend(source) == SharedObjectsBackend.IN_MEMORY) {
      return inMemory();
    }
    HazelcastFactories.checkOnClasspath("shared-objects.backend=hazelcast");
    return new SharedObjectsModule(HazelcastFactories.configured(source));
  }

  /**
   * This module with {@code customizer} applied to the adapter's {@code HazelcastSharedObjectsBuilder} after
   * the settings and before the instance starts: for what settings cannot express, such as
   * {@code builder.configureMember(config -> ...)} or {@code configureClient}. Customizers run in the order
   * added. Ignored when the module is in-memory (as when the environment chooses {@code backend=in-memory});
   * with {@link #using} only the options that apply to a wrapped instance take effect.
   *
   * <pre>{@code
   * SharedObjectsModule.fromEnvironment()
   *     .customize(builder -> builder.configureMember(config -> config.getMapConfig("orders").setBackupCount(2)))
   * }</pre>
   *
   * <p>A customizer is compared by identity, as the factory of {@link #hazelcast(Supplier)} is.
   *
   * @throws IllegalStateException for a module made by {@link #hazelcast(Supplier)}: its factory sets the
   *     builder's options itself
   */
  public SharedObjectsModule customize(
      Consumer<? super io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    return new SharedObjectsModule(factory.customized(customizer));
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
    bind(SharedObjectsLifecycle.class).toProvider(new LifecycleProvider(factory)).in(Singleton.class);
    bind(SharedObjects.class).toProvider(SharedObjectsProvider.class).in(Singleton.class);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SharedObjectsModule module && factory.equals(module.factory);
  }

  @Override
  public int hashCode() {
    return Objects.hash(SharedObjectsModule.class, factory);
  }

  @Override
  public String toString() {
    return "SharedObjectsModule[" + factory.describe() + "]";
  }
}
