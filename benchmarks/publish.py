#!/usr/bin/env python3
"""Copies a full run's results into the docs: summary.md's text between the benchmark markers of
docs/performance.md, and chart.png to docs/performance.png.

docs/performance.md is the only page that holds the figures (the README links to it), so there is one page
to write. run.sh calls this after a full run (not with BENCH_QUICK or BENCH_INCLUDE), so the published
figures always come from one whole run of the script. Standard library only.
"""
import argparse
import os
import re
import shutil

BEGIN = "<!-- benchmark results: begin (written by benchmarks/publish.py from benchmarks/results/summary.md) -->"
END = "<!-- benchmark results: end -->"


def published_text(summary):
    """summary.md without its first heading; its own headings demoted below the page's section."""
    lines = summary.strip().splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    out = []
    for line in lines:
        if line.startswith("## "):
            line = "#### " + line[3:]
        out.append(line)
    return "\n".join(out).strip()


def replace_between_markers(path, text):
    with open(path) as f:
        content = f.read()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(content):
        raise SystemExit(f"{path}: no benchmark markers; add the two lines\n{BEGIN}\n{END}\nwhere the results go")
    content = pattern.sub(lambda _: BEGIN + "\n\n" + text + "\n\n" + END, content)
    with open(path, "w") as f:
        f.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default="benchmarks/results")
    parser.add_argument("--root", default=".")
    args = parser.parse_args()
    with open(os.path.join(args.results, "summary.md")) as f:
        text = published_text(f.read())
    replace_between_markers(os.path.join(args.root, "docs", "performance.md"), text)
    shutil.copyfile(os.path.join(args.results, "chart.png"), os.path.join(args.root, "docs", "performance.png"))
    print("published to docs/performance.md, docs/performance.png")


if __name__ == "__main__":
    main()
