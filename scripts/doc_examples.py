"""Run the `$ command` examples in docs/*.md and README.md; print or rewrite their output.

In a ```console block, a line starting with `$ ` is a command run with bash from the repo
root; the lines after it, up to the next `$ ` line or the end of the block, are its output.
tests/contract/test_doc_commands.py compares them with a real run (the triage version, which
carries a hash of config/, is compared as `VERSION`).

    .venv/bin/python scripts/doc_examples.py           # list the examples that differ
    .venv/bin/python scripts/doc_examples.py --write   # rewrite them with the real output
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
VERSION = re.compile(r"\b\d+\.\d+\.\d+\+[0-9a-f]{12}\b")


@dataclass(frozen=True)
class Example:
    page: Path
    command: str
    shown: list[str]
    start: int  # index of the first output line in the page's lines
    end: int  # index after the last output line


def examples(page: Path) -> list[Example]:
    lines = page.read_text().split("\n")
    found: list[Example] = []
    in_console = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            in_console = line == "```console" and not in_console
            i += 1
            continue
        if in_console and line.startswith("$ "):
            j = i + 1
            while j < len(lines) and not lines[j].startswith(("$ ", "```")):
                j += 1
            found.append(Example(page, line[2:], lines[i + 1 : j], i + 1, j))
            i = j
            continue
        i += 1
    return found


def run(example: Example) -> list[str]:
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", example.command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{example.command!r} exited {result.returncode}: {result.stderr}")
    return result.stdout.rstrip("\n").split("\n")


def normalise(lines: list[str]) -> list[str]:
    return [VERSION.sub("VERSION", line.rstrip()) for line in lines]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the outputs shown")
    args = parser.parse_args()
    differ = 0
    for page in PAGES:
        edits = []
        for example in examples(page):
            real = run(example)
            if normalise(real) != normalise(example.shown):
                differ += 1
                print(f"{page.relative_to(ROOT)}: $ {example.command}", file=sys.stderr)
                edits.append((example, real))
        if args.write and edits:
            lines = page.read_text().split("\n")
            for example, real in sorted(edits, key=lambda e: -e[0].start):
                lines[example.start : example.end] = real
            page.write_text("\n".join(lines))
    print(f"{differ} example(s) differ" + (" (rewritten)" if args.write else ""), file=sys.stderr)
    return 1 if differ and not args.write else 0


if __name__ == "__main__":
    raise SystemExit(main())
