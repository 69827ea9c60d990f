package io.sharedobjects.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of a {@link io.sharedobjects.SharedObjects} bean from {@link SharedObjectsProperties}
 * ({@code shared-objects.*}).
 *
 * <ul>
 *   <li>Backs off when the application defines its own {@code SharedObjects} bean, or sets
 *       {@code shared-objects.enabled=false}.
 *   <li>{@code backend=hazelcast} (the default): wraps the single {@code HazelcastInstance} bean if there is one
 *       (the application's, or the one Spring Boot's Hazelcast auto-configuration made; this runs after it) and
 *       never shuts it down; otherwise starts an embedded member or a client, closed with the context.
 *   <li>{@code backend=in-memory}: an {@code InMemorySharedObjects}; needs no Hazelcast on the classpath.
 * </ul>
 *
 * <p>For Spring without Boot, use {@link EnableSharedObjects}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration")
@ConditionalOnBooleanProperty(name = "shared-objects.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SharedObjectsProperties.class)
@Import({HazelcastSharedObjectsConfiguration.class, InMemorySharedObjectsConfiguration.class, MissingHazelcastConfiguration.class})
public final class SharedObjectsAutoConfiguration {}
