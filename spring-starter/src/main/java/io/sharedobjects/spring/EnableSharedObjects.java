package io.sharedobjects.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Configures a {@link io.sharedobjects.SharedObjects} bean in a Spring application without Spring Boot's
 * auto-configuration, exactly as {@link SharedObjectsAutoConfiguration} does, from the {@code shared-objects.*}
 * properties of the environment:
 *
 * <pre>{@code
 * @Configuration
 * @EnableSharedObjects
 * @PropertySource("classpath:app.properties")
 * class AppConfig { ... }
 * }</pre>
 *
 * <p>The configuration is imported after the application's own configuration classes (a deferred import),
 * so a {@code SharedObjects} bean the application defines wins, as with Boot. The bean is closed with the
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SharedObjectsImportSelector.class)
public @interface EnableSharedObjects {}
