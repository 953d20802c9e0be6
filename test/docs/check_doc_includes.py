#!/usr/bin/env python3
"""Checks that code blocks the docs copy from the source tree are exact.

A fenced block right after a line

    <!-- file: test/Runtime/Inputs/c_api_example.c -->

must be byte-identical to that file (a path from the repository root), so
that the example a reader copies is the one the tests build and run
(test/Runtime/c-api-example.mlir).

usage: check_doc_includes.py [--root DIR] [FILE.md ...]

DIR defaults to the repository holding this script, the files to
DIR/docs/*.md. Prints one line per included block; exits 1 when a block
differs from its file, a file is missing, or no block is found at all.
"""

import argparse
import difflib
import glob
import os
import re
import sys

MARKER = re.compile(r"<!-- file: (\S+) -->\n")
FENCE = re.compile(r"```(\w*)\n")
CLOSE = re.compile(r"\n```[ \t]*(\n|$)")


def check_file(path, root):
    """Returns (blocks checked, failures) for one Markdown file."""
    text = open(path, encoding="utf-8", newline="").read()
    checked, failures = 0, 0
    for marker in MARKER.finditer(text):
        line = text.count("\n", 0, marker.start()) + 1
        where = f"{path}:{line}"
        target = marker.group(1)
        fence = FENCE.match(text, marker.end())
        if not fence:
            print(f"{where}: no ``` block right after the marker for {target}")
            failures += 1
            continue
        close = CLOSE.search(text, fence.end() - 1)
        if not close:
            print(f"{where}: the block for {target} is not closed")
            failures += 1
            continue
        block = text[fence.end():close.start() + 1]
        checked += 1
        source = os.path.join(root, target)
        try:
            expected = open(source, encoding="utf-8", newline="").read()
        except OSError as err:
            print(f"{where}: cannot read {target}: {err.strerror}")
            failures += 1
            continue
        if block == expected:
            print(f"{where}: {target}: identical")
            continue
        failures += 1
        print(f"{where}: the ```{fence.group(1)} block differs from {target}:")
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), block.splitlines(keepends=True),
            fromfile=target, tofile=f"{path} (line {line})")
        sys.stdout.writelines(list(diff)[:40])
    return checked, failures


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(here)))
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(args.root, "docs", "*.md")))
    checked, failures = 0, 0
    for path in files:
        c, f = check_file(path, args.root)
        checked += c
        failures += f
    if checked == 0 and failures == 0:
        print("check_doc_includes: no included block found")
        return 1
    print(f"check_doc_includes: {checked} blocks checked, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
