package io.sharedobjects.containers;

import com.hazelcast.instance.BuildInfoProvider;
import io.sharedobjects.testing.HazelcastMemberContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The member image these tests use. Users' default is the official image ({@link HazelcastMemberContainer});
 * this project's tests default to the image {@code .ci/build-member-image.sh} builds, because the machines
 * they run on reach no registry. The usual setting overrides it, for example
 * {@code -Dshared-objects.hazelcast.image=hazelcast/hazelcast:5.7.0}.
 */
final class MemberImage {

  /** The name {@code .ci/build-member-image.sh} gives the image it builds. */
  static final String LOCAL_NAME = "shared-objects/hazelcast-member:" + BuildInfoProvider.getBuildInfo().getVersion();

  private MemberImage() {
  }

  static DockerImageName name() {
    if (isSet(System.getProperty(HazelcastMemberContainer.IMAGE_PROPERTY)) || isSet(System.getenv(HazelcastMemberContainer.IMAGE_ENV))) {
      return HazelcastMemberContainer.configuredImage();
    }
    return DockerImageName.parse(LOCAL_NAME).asCompatibleSubstituteFor("hazelcast/hazelcast");
  }

  /** Whether the image is one that only exists where it was built, so it cannot be pulled. */
  static boolean isLocalOnly(DockerImageName image) {
    return image.getRepository().startsWith("shared-objects/");
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
