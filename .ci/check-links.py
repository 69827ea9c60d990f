#!/usr/bin/env python3
"""Checks that every relative link and #anchor in the project's Markdown pages resolves.

Pages: README.md, CONTRIBUTING.md, docs/*.md and the modules' README.md files (or the files given as
arguments). A link resolves when its file or folder exists, relative to the page; an anchor resolves when
the target page has a heading whose GitHub slug is the anchor (lowercase, punctuation removed, spaces turned
into '-', "-1", "-2"... for repeated headings) or an explicit <a id="..."> / <a name="...">. Links with a
scheme (https:, mailto:) are not checked; neither is anything inside code spans or fenced code blocks.

Prints "ci: links: N checked, M broken" and, for each broken link, the page, line, target and why; exits 1
when any is broken. Standard library only.
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
# [text](target) and ![alt](target); the target may be wrapped in <...> and followed by a "title".
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
# [label]: target (a reference definition).
REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
HTML_ANCHOR = re.compile(r"<a\s+[^>]*(?:id|name)\s*=\s*[\"']([^\"']+)[\"']", re.I)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def default_pages():
    pages = ["README.md", "CONTRIBUTING.md"]
    pages += sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "docs", "*.md")))
    pages += sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "*", "README.md")))
    return [p for p in pages if os.path.isfile(os.path.join(ROOT, p))]


def prose_lines(text):
    """(line number, line) for every line outside fenced code blocks."""
    in_fence = None
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if fence:
            if in_fence is None:
                in_fence = fence.group(1)
            elif fence.group(1) == in_fence:
                in_fence = None
            continue
        if in_fence is None:
            yield number, line


def heading_text(raw):
    """The text GitHub renders for a heading: links reduced to their text, markup and tags removed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", raw)
    text = re.sub(r"<[^>]+>", "", text)
    text = CODE_SPAN.sub(lambda m: m.group(2), text)
    text = re.sub(r"(\*+|(?<!\w)_+|_+(?!\w))", "", text)
    return text


def slug(text):
    """GitHub's anchor for a heading: lowercase, only letters, digits, '-', '_' and spaces kept, spaces to '-'."""
    lowered = heading_text(text).strip().lower()
    kept = "".join(c for c in lowered if c.isalnum() or c in "-_ ")
    return kept.replace(" ", "-")


_anchor_cache = {}


def anchors_of(path):
    if path not in _anchor_cache:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        anchors, seen = set(), {}
        for _, line in prose_lines(text):
            heading = HEADING.match(line)
            if heading:
                base = slug(heading.group(2))
                count = seen.get(base, 0)
                seen[base] = count + 1
                anchors.add(base if count == 0 else f"{base}-{count}")
            for explicit in HTML_ANCHOR.findall(line):
                anchors.add(explicit)
        _anchor_cache[path] = anchors
    return _anchor_cache[path]


def links_of(text):
    """(line number, target) for every link outside code."""
    for number, line in prose_lines(text):
        line = CODE_SPAN.sub("", line)
        for match in INLINE_LINK.finditer(line):
            yield number, match.group(1).strip("<>")
        definition = REFERENCE_DEF.match(line)
        if definition:
            yield number, definition.group(1).strip("<>")


def check(page):
    """(checked, [problems]) for one page."""
    path = os.path.join(ROOT, page)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    checked, problems = 0, []
    for number, target in links_of(text):
        if SCHEME.match(target) or target.startswith("//"):
            continue
        checked += 1
        file_part, _, anchor = target.partition("#")
        file_part = file_part.split("?", 1)[0]
        if file_part:
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), file_part))
            if not os.path.exists(resolved):
                problems.append(f"{page}:{number}: {target}: no such file or folder")
                continue
        else:
            resolved = path
        if anchor:
            if os.path.isdir(resolved) or not resolved.endswith(".md"):
                problems.append(f"{page}:{number}: {target}: an anchor into something other than a Markdown page")
            elif anchor not in anchors_of(resolved):
                problems.append(f"{page}:{number}: {target}: no heading with the anchor #{anchor}")
    return checked, problems


def main(argv):
    pages = argv[1:] or default_pages()
    checked, problems = 0, []
    for page in pages:
        page_checked, page_problems = check(page)
        checked += page_checked
        problems += page_problems
    print(f"ci: links: {checked} checked, {len(problems)} broken")
    for problem in problems:
        print(f"ci: broken link: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
