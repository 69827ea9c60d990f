package io.sharedobjects.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.sharedobjects.SharedObjects;
import io.sharedobjects.SharedObjectsClosedException;
import io.sharedobjects.hazelcast.HazelcastSharedObjects;
import io.sharedobjects.hazelcast.HazelcastSharedObjectsBuilder;
import io.sharedobjects.inmemory.InMemorySharedObjects;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module with the in-memory backend, and what needs no Hazelcast member: bindings, scopes, equality. */
class SharedObjectsModuleTest {

  @AfterEach
  void noMemberStarted() {
    assertThat(Hazelcast.getAllHazelcastInstances()).isEmpty();
  }

  @Test
  @DisplayName("a service gets SharedObjects through its @Inject constructor")
  void constructorInjection() {
    Injector injector = Guice.createInjector(SharedObjectsModule.inMemory());
    VisitCounter counter = injector.getInstance(VisitCounter.class);

    assertThat(counter.visit("home")).isEqualTo(1);
    assertThat(counter.visit("home")).isEqualTo(2);
    assertThat(counter.sharedObjects()).isInstanceOf(InMemorySharedObjects.class);
  }

  @Test
  @DisplayName("every injection point of one injector gets the same instance; another injector its own")
  void singletonPerInjector() {
    SharedObjectsModule module = SharedObjectsModule.inMemory();
    Injector first = Guice.createInjector(module);
    Injector second = Guice.createInjector(module);

    assertThat(first.getInstance(VisitCounter.class).sharedObjects())
        .isSameAs(first.getInstance(SharedObjects.class))
        .isSameAs(first.getInstance(SharedObjectsLifecycle.class).sharedObjects());
    assertThat(second.getInstance(SharedObjects.class)).isNotSameAs(first.getInstance(SharedObjects.class));
    assertThat(second.getInstance(SharedObjectsLifecycle.class)).isNotSameAs(first.getInstance(SharedObjectsLifecycle.class));
  }

  @Test
  @DisplayName("Modules.override(production).with(inMemory()) swaps the backend without starting Hazelcast")
  void overrideProductionModule() {
    Injector injector = Guice.createInjector(Stage.PRODUCTION,
        Modules.override(SharedObjectsModule.embedded()).with(SharedObjectsModule.inMemory()));

    assertThat(injector.getInstance(SharedObjects.class)).isInstanceOf(InMemorySharedObjects.class);
    assertThat(injector.getInstance(VisitCounter.class).visit("home")).isEqualTo(1);
    // The @AfterEach checks that the embedded member was never started, even in PRODUCTION (eager) stage.
  }

  @Test
  @DisplayName("installing an equal module twice is harmless; two different backends conflict")
  void installTwice() {
    Injector injector = Guice.createInjector(SharedObjectsModule.inMemory(), SharedObjectsModule.inMemory());
    assertThat(injector.getInstance(SharedObjects.class)).isInstanceOf(InMemorySharedObjects.class);

    assertThatThrownBy(() -> Guice.createInjector(SharedObjectsModule.inMemory(), SharedObjectsModule.embedded()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("was bound multiple times");
  }

  @Test
  @DisplayName("modules are equal when made from equal arguments, and from the same instance or factory")
  void equality() {
    HazelcastInstance oneInstance = fakeHazelcastInstance();
    Supplier<HazelcastSharedObjects> oneFactory = HazelcastSharedObjects::embedded;

    assertThat(SharedObjectsModule.inMemory()).isEqualTo(SharedObjectsModule.inMemory())
        .hasSameHashCodeAs(SharedObjectsModule.inMemory());
    assertThat(SharedObjectsModule.embedded()).isEqualTo(SharedObjectsModule.embedded())
        .hasSameHashCodeAs(SharedObjectsModule.embedded())
        .isNotEqualTo(SharedObjectsModule.inMemory());
    assertThat(SharedObjectsModule.client("127.0.0.1:5701")).isEqualTo(SharedObjectsModule.client("127.0.0.1:5701"))
        .isNotEqualTo(SharedObjectsModule.client("127.0.0.1:5702"))
        .isNotEqualTo(SharedObjectsModule.embedded());
    assertThat(SharedObjectsModule.using(oneInstance)).isEqualTo(SharedObjectsModule.using(oneInstance))
        .isNotEqualTo(SharedObjectsModule.using(fakeHazelcastInstance()));
    assertThat(SharedObjectsModule.hazelcast(oneFactory)).isEqualTo(SharedObjectsModule.hazelcast(oneFactory))
        .isNotEqualTo(SharedObjectsModule.hazelcast(HazelcastSharedObjects::embedded));
    assertThat(SharedObjectsModule.fromProperties(Map.of("shared-objects.cluster-name", "a")))
        .isEqualTo(SharedObjectsModule.fromProperties(Map.of("shared-objects.cluster-name", "a")))
        .isNotEqualTo(SharedObjectsModule.fromProperties(Map.of("shared-objects.cluster-name", "b")));
    assertThat(SharedObjectsModule.fromProperties(Map.of("shared-objects.backend", "in-memory")))
        .isEqualTo(SharedObjectsModule.inMemory());
  }

  @Test
  @DisplayName("Stage.DEVELOPMENT creates the instance on first injection; closing before that starts nothing")
  void lazyInDevelopment() {
    AtomicInteger started = new AtomicInteger();
    Injector injector = Guice.createInjector(SharedObjectsModule.hazelcast(() -> {
      started.incrementAndGet();
      throw new AssertionError("must not start");
    }));
    SharedObjectsLifecycle lifecycle = injector.getInstance(SharedObjectsLifecycle.class);

    assertThat(lifecycle.isRunning()).isFalse();
    lifecycle.close();

    assertThat(started).hasValue(0);
    assertThatThrownBy(lifecycle::sharedObjects).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  @DisplayName("Stage.PRODUCTION creates the instance when the injector is created")
  void eagerInProduction() {
    Injector development = Guice.createInjector(SharedObjectsModule.inMemory());
    Injector production = Guice.createInjector(Stage.PRODUCTION, SharedObjectsModule.inMemory());

    assertThat(development.getInstance(SharedObjectsLifecycle.class).isRunning()).isFalse();
    assertThat(production.getInstance(SharedObjectsLifecycle.class).isRunning()).isTrue();
  }

  @Test
  @DisplayName("closing the lifecycle closes the instance it created; closing again does nothing")
  void lifecycleCloses() {
    Injector injector = Guice.createInjector(SharedObjectsModule.inMemory());
    SharedObjects shared = injector.getInstance(SharedObjects.class);
    SharedObjectsLifecycle lifecycle = injector.getInstance(SharedObjectsLifecycle.class);
    assertThat(lifecycle.isRunning()).isTrue();

    lifecycle.close();
    lifecycle.close();

    assertThat(lifecycle.isRunning()).isFalse();
    assertThatThrownBy(() -> shared.dict("visits")).isInstanceOf(SharedObjectsClosedException.class);
    assertThat(injector.getInstance(SharedObjects.class)).isSameAs(shared);
  }

  @Test
  @DisplayName("toString names the backend")
  void describesItself() {
    assertThat(SharedObjectsModule.inMemory()).hasToString("SharedObjectsModule[in-memory]");
    assertThat(SharedObjectsModule.client("127.0.0.1:5701"))
        .hasToString("SharedObjectsModule[hazelcast client, addresses [127.0.0.1:5701]]");
    assertThat(Guice.createInjector(SharedObjectsModule.inMemory()).getInstance(SharedObjectsLifecycle.class))
        .hasToString("SharedObjectsLifecycle{in-memory, not started}");
  }

  @Test
  @DisplayName("client() without addresses fails at once")
  void clientNeedsAddresses() {
    assertThatThrownBy(SharedObjectsModule::client)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one member address");
  }

  @Test
  @DisplayName("customize(...) is ignored when the settings choose in-memory")
  void customizeInMemory() {
    SharedObjectsModule module = SharedObjectsModule.fromProperties(Map.of("shared-objects.backend", "in-memory"))
        .customize(builder -> {
          throw new AssertionError("must not run for in-memory");
        });

    assertThat(module).isEqualTo(SharedObjectsModule.inMemory());
    assertThat(Guice.createInjector(Stage.PRODUCTION, module).getInstance(SharedObjects.class)).isInstanceOf(InMemorySharedObjects.class);
  }

  @Test
  @DisplayName("customize(...) on hazelcast(factory) fails at once: the factory sets the builder's options itself")
  void customizeFactoryModule() {
    SharedObjectsModule module = SharedObjectsModule.hazelcast(HazelcastSharedObjects::embedded);

    assertThatThrownBy(() -> module.customize(builder -> builder.port(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SharedObjectsModule.hazelcast(factory)");
  }

  @Test
  @DisplayName("customized modules are equal with the same customizer, and say how many they have")
  void customizeEquality() {
    Consumer<HazelcastSharedObjectsBuilder> customizer = builder -> builder.port(0);
    SharedObjectsModule module = SharedObjectsModule.embedded().customize(customizer);

    assertThat(module).isEqualTo(SharedObjectsModule.embedded().customize(customizer))
        .hasSameHashCodeAs(SharedObjectsModule.embedded().customize(customizer))
        .isNotEqualTo(SharedObjectsModule.embedded())
        .isNotEqualTo(SharedObjectsModule.embedded().customize(builder -> builder.port(0)));
    assertThat(module.customize(customizer)).hasToString("SharedObjectsModule[hazelcast embedded, 2 customizers]");
  }

  /** A HazelcastInstance that only knows its identity: equality needs no member. */
  private static HazelcastInstance fakeHazelcastInstance() {
    return (HazelcastInstance) Proxy.newProxyInstance(HazelcastInstance.class.getClassLoader(),
        new Class<?>[] {HazelcastInstance.class}, (proxy, method, args) -> switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          case "toString", "getName" -> "fake";
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
