package io.sharedobjects.containers;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs Hazelcast members in Docker containers: it runs where a Docker engine and the
 * member image are available, is skipped with a message saying how to enable it elsewhere, and fails
 * instead of skipping where Docker is required (see {@link DockerCheck}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerCheck.class)
@Tag("containers")
@interface ContainerTest {
}
