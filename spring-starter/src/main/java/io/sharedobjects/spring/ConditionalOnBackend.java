package io.sharedobjects.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Matches when {@code shared-objects.backend} (default {@code hazelcast}) is {@link #value()}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnBackendCondition.class)
@interface ConditionalOnBackend {
  SharedObjectsBackend value();
}
