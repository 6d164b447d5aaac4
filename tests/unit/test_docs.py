"""The README stays true to the code: settings table, CLI commands, make targets."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_settings_table_matches_the_settings_model() -> None:
    """The README's settings table is exactly what scripts/settings_table.py generates."""
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "settings_table.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert generated in README


def test_every_cli_command_in_the_readme_exists() -> None:
    """Each `triage-worker <command>` the README names is a real subcommand."""
    from worker.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    commands = set(sub.choices)  # type: ignore[attr-defined]
    named = set(re.findall(r"triage-worker ([a-z]+)", README))
    assert set() == named - commands - {"worker"}


def test_every_make_target_in_the_readme_exists() -> None:
    """Each `make <target>` the README names is defined in the Makefile."""
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    named = set(re.findall(r"\bmake ([a-z][a-z-]+)", README))
    assert set() == named - targets
