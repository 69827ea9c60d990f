package io.sharedobjects.spring;

import io.sharedobjects.spring.SharedObjectsProperties.Backend;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link ConditionalOnBackend}: reads {@code shared-objects.backend} with relaxed binding (so
 * {@code in-memory}, {@code IN_MEMORY} and the variable {@code SHAREDOBJECTS_BACKEND} all work) and fails
 * on an unknown value, listing the allowed ones.
 */
final class OnBackendCondition extends SpringBootCondition {

  static final String PROPERTY = "shared-objects.backend";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Backend wanted = (Backend) metadata.getAnnotationAttributes(ConditionalOnBackend.class.getName()).get("value");
    Backend configured = Binder.get(context.getEnvironment()).bind(PROPERTY, String.class)
        .map(OnBackendCondition::parse)
        .orElse(Backend.HAZELCAST);
    String message = PROPERTY + " is " + text(configured);
    return configured == wanted ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
  }

  /** As Spring's lenient enum binding: case and punctuation do not matter. */
  static Backend parse(String value) {
    String wanted = normalize(value);
    return Arrays.stream(Backend.values())
        .filter(backend -> normalize(backend.name()).equals(wanted))
        .findFirst()
        .orElseThrow(() -> new InvalidConfigurationPropertyValueException(PROPERTY, value,
            "Allowed values: hazelcast, in-memory."));
  }

  static String text(Backend backend) {
    return backend.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String normalize(String value) {
    return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }
}
