package io.sharedobjects.spring;

import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Imports {@link SharedObjectsAutoConfiguration} for {@link EnableSharedObjects}, deferred as auto-configuration
 * is, so that its {@code @ConditionalOnMissingBean} sees the application's own beans.
 */
final class SharedObjectsImportSelector implements DeferredImportSelector {

  @Override
  public String[] selectImports(AnnotationMetadata metadata) {
    return new String[] {SharedObjectsAutoConfiguration.class.getName()};
  }
}
