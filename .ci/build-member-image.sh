#!/usr/bin/env bash
# Builds a small Docker image that runs a stock Hazelcast member, without any registry: a jlinked Java
# runtime, the shared libraries it links against, /bin/sh, and the plain Hazelcast jar from Maven Central,
# imported with `docker import` (no `docker build`, so no base image to pull).
#
# The image starts a member the way the official hazelcast/hazelcast image does, so one test class works
# with both: the configuration file comes from -Dhazelcast.config in JAVA_OPTS (or HAZELCAST_CONFIG), and
# Hazelcast itself reads the HZ_* environment overrides.
#
#   .ci/build-member-image.sh            # builds shared-objects/hazelcast-member:<hazelcast version> unless it exists
#   .ci/build-member-image.sh --force    # rebuilds it
#
# Settings: SHARED_OBJECTS_HAZELCAST_IMAGE (image name), JAVA_HOME (a JDK with jlink and jmods), DOCKER_HOST.
# Needs: docker (client and a running engine), a JDK 17+ with jmods, ldd, tar.
set -euo pipefail
cd "$(dirname "$0")/.."

force=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --force or --help)" >&2; exit 2 ;;
  esac
done

hazelcast_version=$(sed -n 's:.*<hazelcast.version>\(.*\)</hazelcast.version>.*:\1:p' pom.xml | head -1)
image=${SHARED_OBJECTS_HAZELCAST_IMAGE:-shared-objects/hazelcast-member:${hazelcast_version}}

if ! $force && docker image inspect "$image" >/dev/null 2>&1; then
  echo "build-member-image: $image already exists (use --force to rebuild)"
  exit 0
fi

start=$(date +%s)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
jlink="$java_home/bin/jlink"
if [[ ! -x "$jlink" || ! -d "$java_home/jmods" ]]; then
  echo "build-member-image: $java_home has no jlink or no jmods; set JAVA_HOME to a full JDK" \
       "(on Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hazelcast-member-image.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/opt/hazelcast/config" "$rootfs/tmp" "$rootfs/etc"
chmod 1777 "$rootfs/tmp"   # the JVM writes hsperfdata and Hazelcast its temporary files here

# The Hazelcast jar, through Maven so it is verified and cached like every other dependency.
./mvnw -q -B -N dependency:copy -Dartifact="com.hazelcast:hazelcast:${hazelcast_version}" \
  -DoutputDirectory="$work/jar" -Dmdep.stripVersion=true
cp "$work/jar/hazelcast.jar" "$rootfs/opt/hazelcast/hazelcast.jar"

# Only the modules a member uses, plus jdk.net (a few KB) so Hazelcast can set its TCP keep-alive options
# instead of warning that it cannot. No class-data-sharing archive: it adds 12 MB and, measured, does not
# shorten a member's start (Hazelcast's classes come from its jar, not from the runtime).
"$jlink" --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported,jdk.management,jdk.net \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$rootfs/opt/java"

# Shared libraries: what ldd lists for the launcher and every library of the runtime, plus the loader.
# jlink's output links to nothing outside it except the C library family, so this list is short.
libs=$( { ldd "$rootfs/opt/java/bin/java"; find "$rootfs/opt/java/lib" -name '*.so' -exec ldd {} \; ; ldd /bin/dash; } 2>/dev/null \
  | grep -o '/[^ ]*' | grep -v "^$rootfs" | sort -u)
for lib in $libs; do
  cp --parents -L "$lib" "$rootfs/"
done

# A shell, only so the entrypoint can expand JAVA_OPTS as the official image's start script does.
mkdir -p "$rootfs/bin"
cp -L /bin/dash "$rootfs/bin/sh"

# Safe defaults for a member started with no configuration: loopback only, TCP-IP join, nothing that
# probes the network. Tests and users pass their own file with -Dhazelcast.config in JAVA_OPTS.
cat > "$rootfs/opt/hazelcast/config/hazelcast-docker.yaml" <<'YAML'
hazelcast:
  cluster-name: shared-objects
  properties:
    hazelcast.phone.home.enabled: "false"
    hazelcast.local.localAddress: 127.0.0.1
  network:
    port:
      port: 5701
    interfaces:
      enabled: true
      interfaces:
        - 127.0.0.1
    join:
      auto-detection:
        enabled: false
      multicast:
        enabled: false
      tcp-ip:
        enabled: true
        member-list:
          - 127.0.0.1
YAML

java_opts_default="-Djava.net.preferIPv4Stack=true -Dhazelcast.logging.type=jdk -XX:MaxRAMPercentage=80.0 \
--add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
--add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
# JAVA_OPTS comes last, so a -Dhazelcast.config there wins over HAZELCAST_CONFIG, as in the official image.
entrypoint='exec /opt/java/bin/java $JAVA_OPTS_DEFAULT ${HAZELCAST_CONFIG:+-Dhazelcast.config=$HAZELCAST_CONFIG} $JAVA_OPTS -cp /opt/hazelcast/hazelcast.jar${CLASSPATH:+:$CLASSPATH} com.hazelcast.core.server.HazelcastMemberStarter'

tar -C "$rootfs" -c . | docker import \
  --change "ENV HZ_HOME=/opt/hazelcast" \
  --change "ENV HAZELCAST_CONFIG=/opt/hazelcast/config/hazelcast-docker.yaml" \
  --change "ENV JAVA_OPTS_DEFAULT=\"$java_opts_default\"" \
  --change "ENV JAVA_OPTS=" \
  --change "ENV CLASSPATH=" \
  --change "WORKDIR /opt/hazelcast" \
  --change "EXPOSE 5701" \
  --change "ENTRYPOINT [\"/bin/sh\", \"-c\", \"$entrypoint\"]" \
  --message "Hazelcast ${hazelcast_version} member (jlinked runtime), built by .ci/build-member-image.sh" \
  - "$image" >/dev/null

size=$(docker image inspect --format '{{.Size}}' "$image")
echo "build-member-image: built $image ($((size / 1024 / 1024)) MB) in $(( $(date +%s) - start )) s"
