/**
 * Spring Integration's {@code LockRegistry} over shared locks: {@link
 * io.sharedobjects.spring.integration.SharedObjectsLockRegistry}, auto-configured in Spring Boot applications
 * by {@link io.sharedobjects.spring.integration.SharedObjectsLockRegistryAutoConfiguration}.
 */
package io.sharedobjects.spring.integration;
