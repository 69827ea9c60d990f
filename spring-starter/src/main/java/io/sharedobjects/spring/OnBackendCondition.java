package io.sharedobjects.spring;

import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link ConditionalOnBackend}: reads {@code shared-objects.backend} with relaxed binding (so
 * {@code in-memory}, {@code IN_MEMORY} and the variables {@code SHAREDOBJECTS_BACKEND} and
 * {@code SHARED_OBJECTS_BACKEND} all work) and fails on an unknown value, listing the allowed ones in the
 * wording of the adapter's settings parser.
 */
final class OnBackendCondition extends SpringBootCondition {

  static final String PROPERTY = "shared-objects.backend";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    SharedObjectsBackend wanted =
        (SharedObjectsBackend) metadata.getAnnotationAttributes(ConditionalOnBackend.class.getName()).get("value");
    SharedObjectsBackend configured = Binder.get(context.getEnvironment()).bind(PROPERTY, String.class)
        .map(OnBackendCondition::parse)
        .orElse(SharedObjectsBackend.HAZELCAST);
    String message = PROPERTY + " is " + text(configured);
    return configured == wanted ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
  }

  /**
   * As Spring's lenient enum binding: case and punctuation do not matter.
   *
   * @throws IllegalArgumentException for a value that names no backend
   */
  static SharedObjectsBackend parse(String value) {
    String wanted = normalize(value);
    return Arrays.stream(SharedObjectsBackend.values())
        .filter(backend -> normalize(backend.name()).equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("shared-objects: invalid value '" + value + "' for property "
            + PROPERTY + "; allowed values: " + String.join(", ",
                Arrays.stream(SharedObjectsBackend.values()).map(OnBackendCondition::text).toList()) + "."));
  }

  static String text(SharedObjectsBackend backend) {
    return backend.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String normalize(String value) {
    return value.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
  }
}
