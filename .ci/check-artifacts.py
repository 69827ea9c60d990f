#!/usr/bin/env python3
"""Checks what this build publishes, after a build has made the jars (`./mvnw verify` or `package`).

Published: every module of the root pom.xml that makes a jar and does not set maven.deploy.skip, plus the BOM
(bom/pom.xml) and the parent pom. Fails (exit 1, one line per problem) when:
  - LICENSE is missing at the root or is not the Apache License 2.0;
  - the root pom lacks metadata Maven Central requires (name, description, url, licence, developers, scm);
  - the BOM's version, groupId or metadata differ from the parent's, or its dependencyManagement misses a
    published artifact or lists one that is not published, or names another Hazelcast than the build uses;
  - a published module sets a skip of the release profile, or an unpublished one does not skip it all;
  - a published jar is missing, lacks an Automatic-Module-Name in its manifest, names a module outside
    io.sharedobjects, shares a module name with another jar, or the published jars do not form valid
    modules together on a module path (`java --validate-modules`: bad names, split packages);
  - with --release: a published module lacks its sources jar or its javadoc jar (`./mvnw -Prelease -Dgpg.skip
    verify -DskipTests` makes them).
Prints one summary line when everything holds.
"""
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
# The release profile's skips: an unpublished module sets each to true, a published one none of them.
RELEASE_SKIPS = ("maven.deploy.skip", "maven.source.skip", "maven.javadoc.skip", "gpg.skip", "skipPublishing")
# What Maven Central requires of every pom (the BOM repeats the parent's, which the modules inherit).
METADATA = ("name", "description", "url", "licenses", "developers", "scm")
# The parent's metadata that the BOM repeats word for word.
SHARED_METADATA = ("url", "licenses", "developers", "scm", "issueManagement")

problems = []


def problem(text):
    problems.append(text)


def pom(path):
    return ET.parse(path).getroot()


def text(element, path):
    found = element.find(path, NS)
    return found.text.strip() if found is not None and found.text else None


def canonical(element):
    """The element's text content, whitespace-normalised, to compare two poms' copies of one section."""
    if element is None:
        return None
    return " ".join(" ".join(element.itertext()).split())


def properties(project):
    props = project.find("m:properties", NS)
    return {} if props is None else {
        child.tag.split("}")[1]: (child.text or "").strip() for child in props
    }


def tool(name):
    """A JDK tool: beside the java on PATH, else JAVA_HOME's."""
    java = shutil.which("java")
    candidates = []
    if java:
        candidates.append(os.path.join(os.path.dirname(os.path.realpath(java)), name))
    if os.environ.get("JAVA_HOME"):
        candidates.append(os.path.join(os.environ["JAVA_HOME"], "bin", name))
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return candidate
    sys.exit(f"ci: artifacts: no `{name}` found beside java or in JAVA_HOME")


def manifest_attribute(jar, name):
    with zipfile.ZipFile(jar) as archive:
        try:
            manifest = archive.read("META-INF/MANIFEST.MF").decode("utf-8")
        except KeyError:
            return None
    # Manifest lines wrap at 72 bytes: a continuation line starts with one space.
    manifest = manifest.replace("\r\n", "\n").replace("\n ", "")
    for line in manifest.split("\n"):
        key, _, value = line.partition(":")
        if key.strip() == name:
            return value.strip()
    return None


def main():
    release = "--release" in sys.argv[1:]
    root = pom(os.path.join(ROOT, "pom.xml"))
    group = text(root, "m:groupId")
    version = text(root, "m:version")

    license_path = os.path.join(ROOT, "LICENSE")
    if not os.path.isfile(license_path):
        problem("LICENSE: missing at the root of the repository")
    else:
        with open(license_path, encoding="utf-8") as f:
            head = f.read(400)
        if "Apache License" not in head or "Version 2.0" not in head:
            problem("LICENSE: not the Apache License, Version 2.0")

    for field in METADATA:
        if root.find(f"m:{field}", NS) is None:
            problem(f"pom.xml: no <{field}> (Maven Central requires it of every published pom)")

    published, unpublished, bom = {}, [], None
    for module in root.findall("m:modules/m:module", NS):
        directory = os.path.join(ROOT, module.text.strip())
        project = pom(os.path.join(directory, "pom.xml"))
        artifact = text(project, "m:artifactId")
        packaging = text(project, "m:packaging") or "jar"
        props = properties(project)
        if project.find("m:parent", NS) is None and packaging == "pom":
            bom = (directory, project)
            continue
        if packaging == "pom":
            continue
        if props.get("maven.deploy.skip") == "true":
            unpublished.append(artifact)
            missing = [skip for skip in RELEASE_SKIPS if props.get(skip) != "true"]
            if missing:
                problem(f"{module.text}/pom.xml: not published but does not set {', '.join(missing)} to true "
                        "(the release profile would build, sign or upload it)")
        else:
            published[artifact] = directory
            set_skips = [skip for skip in RELEASE_SKIPS if props.get(skip) == "true"]
            if set_skips:
                problem(f"{module.text}/pom.xml: published but sets {', '.join(set_skips)}")

    if bom is None:
        problem("pom.xml: no BOM module (a pom-packaged module without a parent, bom/pom.xml)")
    else:
        directory, project = bom
        where = os.path.relpath(os.path.join(directory, "pom.xml"), ROOT)
        if text(project, "m:groupId") != group or text(project, "m:version") != version:
            problem(f"{where}: {text(project, 'm:groupId')}:{text(project, 'm:version')}, "
                    f"the parent is {group}:{version}")
        for field in METADATA:
            if project.find(f"m:{field}", NS) is None:
                problem(f"{where}: no <{field}>")
        for field in SHARED_METADATA:
            if canonical(project.find(f"m:{field}", NS)) != canonical(root.find(f"m:{field}", NS)):
                problem(f"{where}: <{field}> differs from the parent pom's")
        listed = {}
        hazelcast = properties(root).get("hazelcast.version")
        for dependency in project.findall("m:dependencyManagement/m:dependencies/m:dependency", NS):
            if text(dependency, "m:groupId") == "com.hazelcast":
                # The Hazelcast the build uses, which the BOM hands to its users.
                if text(dependency, "m:artifactId") != "hazelcast" or text(dependency, "m:version") != hazelcast:
                    problem(f"{where}: com.hazelcast:{text(dependency, 'm:artifactId')}:{text(dependency, 'm:version')}, "
                            f"the build uses com.hazelcast:hazelcast:{hazelcast}")
                continue
            listed[text(dependency, "m:artifactId")] = (text(dependency, "m:groupId"), text(dependency, "m:version"))
        for artifact in sorted(set(published) - set(listed)):
            problem(f"{where}: misses the published artifact {artifact}")
        for artifact in sorted(set(listed) - set(published)):
            problem(f"{where}: lists {artifact}, which this build does not publish")
        for artifact, (dependency_group, dependency_version) in sorted(listed.items()):
            if dependency_group != group or dependency_version != "${project.version}":
                problem(f"{where}: {artifact} should be {group} at ${{project.version}}, "
                        f"is {dependency_group} at {dependency_version}")

    jar_tool = tool("jar")
    names, jars = {}, []
    for artifact, directory in sorted(published.items()):
        jar = os.path.join(directory, "target", f"{artifact}-{version}.jar")
        where = os.path.relpath(jar, ROOT)
        if not os.path.isfile(jar):
            problem(f"{where}: missing (build the jars first: ./mvnw package -DskipTests)")
            continue
        jars.append(jar)
        name = manifest_attribute(jar, "Automatic-Module-Name")
        if not name:
            problem(f"{where}: no Automatic-Module-Name in its manifest")
            continue
        if not re.fullmatch(r"io\.sharedobjects(\.[a-z][a-z0-9]*)*", name):
            problem(f"{where}: Automatic-Module-Name {name} is not a module name under io.sharedobjects")
        if name in names:
            problem(f"{where}: Automatic-Module-Name {name} is also {names[name]}'s")
        names[name] = artifact
        described = subprocess.run([jar_tool, "--describe-module", "--file", jar],
                                   capture_output=True, text=True)
        if described.returncode != 0 or not re.search(rf"^{re.escape(name)}@\S* automatic$", described.stdout, re.M):
            problem(f"{where}: `jar --describe-module` does not derive the automatic module {name}: "
                    f"{(described.stdout + described.stderr).strip()}")
        if release:
            for classifier, expected in (("sources", ".java"), ("javadoc", "index.html")):
                attached = os.path.join(directory, "target", f"{artifact}-{version}-{classifier}.jar")
                if not os.path.isfile(attached):
                    problem(f"{os.path.relpath(attached, ROOT)}: missing (./mvnw -Prelease -Dgpg.skip verify "
                            "-DskipTests makes it)")
                    continue
                with zipfile.ZipFile(attached) as archive:
                    if not any(entry.endswith(expected) for entry in archive.namelist()):
                        problem(f"{os.path.relpath(attached, ROOT)}: holds no {expected}")

    if jars and len(jars) == len(published):
        validated = subprocess.run([tool("java"), "--module-path", os.pathsep.join(jars), "--validate-modules"],
                                   capture_output=True, text=True)
        if validated.returncode != 0:
            problem("the published jars on one module path: "
                    f"{(validated.stdout + validated.stderr).strip()}")

    if problems:
        for line in problems:
            print(f"ci: artifacts: {line}", file=sys.stderr)
        print(f"ci: artifacts: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    what = "main, sources and javadoc jars" if release else "jars"
    print(f"ci: artifacts: {len(published)} published modules ({', '.join(sorted(names))}) and the BOM: "
          f"{what} present, module names valid and distinct, the BOM lists them all; "
          f"{len(unpublished)} modules not published")
    return 0


if __name__ == "__main__":
    sys.exit(main())
