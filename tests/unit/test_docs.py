"""README.md and docs/ stay true to the code: settings table, CLI commands, make targets, links."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = {"README.md": README} | {f"docs/{p.name}": p.read_text() for p in DOCS}
ALL_TEXT = "\n".join(PAGES.values())
README_LIMIT = 10_000


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.DOTALL)


def test_readme_is_a_landing_page() -> None:
    """README.md stays under 10,000 characters; the rest lives in docs/."""
    assert len(README) < README_LIMIT


def test_every_docs_page_is_linked_from_the_readme() -> None:
    """Each docs/*.md page (and the chart README) is reachable from the README."""
    linked = set(re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README))
    pages = {f"docs/{p.name}" for p in DOCS} | {"helm/triage-worker/README.md"}
    assert set() == pages - linked


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(text: str) -> set[str]:
    out = set()
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and (m := re.match(r"#{1,6} (.*)", line)):
            out.add(_anchor(m.group(1)))
    return out


def test_relative_links_resolve() -> None:
    """Every relative link in README.md and docs/ names a file that exists (and its heading)."""
    broken = []
    for name, text in PAGES.items():
        base = (ROOT / name).parent
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (base / path).resolve() if path else ROOT / name
            if not file.exists():
                broken.append(f"{name}: {target}")
            elif anchor and file.suffix == ".md" and anchor not in _anchors(file.read_text()):
                broken.append(f"{name}: {target} (no such heading)")
    assert [] == broken


def test_settings_table_matches_the_settings_model() -> None:
    """docs/configuration.md's settings table is exactly what scripts/settings_table.py prints."""
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "settings_table.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert generated in PAGES["docs/configuration.md"], (
        "regenerate the table: .venv/bin/python scripts/settings_table.py"
    )


def test_every_cli_command_in_the_docs_exists() -> None:
    """Each `triage-worker <command>` README.md or docs/ names is a real subcommand."""
    from worker.cli import _parser

    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    commands = set(sub.choices)  # type: ignore[attr-defined]
    named = set(re.findall(r"triage-worker ([a-z]+)\b(?![./-])", ALL_TEXT))
    assert set() == named - commands - {"worker"}


def test_every_make_target_in_the_docs_exists() -> None:
    """Each `make <target>` README.md or docs/ names is defined in the Makefile."""
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))
    named = set(re.findall(r"(?:`|^\s*)make ([a-z][a-z-]+)", ALL_TEXT, re.MULTILINE))
    assert set() == named - targets


def _subset_mismatches(sample: Any, real: Any, path: str = "") -> list[str]:
    if isinstance(sample, dict) and isinstance(real, dict):
        out = []
        for key, value in sample.items():
            if key not in real:
                out.append(f"{path}.{key}: not in the real output")
            else:
                out += _subset_mismatches(value, real[key], f"{path}.{key}")
        return out
    if isinstance(sample, float) and isinstance(real, float):  # scores: shown to 2 decimals
        return [] if round(real, 2) == sample else [f"{path}: README {sample}, real {real}"]
    return [] if sample == real else [f"{path}: README {sample!r}, real {real!r}"]


def test_readme_sample_is_real_output() -> None:
    """The README's input/output sample is what `triage-worker score` prints for that input
    (every field shown has the value shown; fields left out of the sample may exist)."""
    event_in, *_ = (json.loads(b) for b in _blocks(README, "json") if '"message"' in b)
    event_out = next(json.loads(b) for b in _blocks(README, "json") if '"scores"' in b)
    result = subprocess.run(
        [sys.executable, "-m", "worker", "score", "-"],
        input=json.dumps(event_in) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    real = json.loads(result.stdout)
    assert [] == _subset_mismatches(event_out, real)


def test_every_alert_links_its_runbook_section() -> None:
    """Each alert rule's runbook_url points at its own section of docs/operations.md."""
    import yaml

    rules = yaml.safe_load((ROOT / "helm/triage-worker/files/alerts.rules.yaml").read_text())
    anchors = _anchors(PAGES["docs/operations.md"])
    alerts = [r for g in rules["groups"] for r in g["rules"] if "alert" in r]
    assert alerts
    wrong = []
    for alert in alerts:
        url = alert["annotations"].get("runbook_url", "")
        page, _, anchor = url.partition("#")
        if not page.endswith("/docs/operations.md") or anchor != alert["alert"].lower():
            wrong.append(f"{alert['alert']}: {url!r}")
        elif anchor not in anchors:
            wrong.append(f"{alert['alert']}: no section #{anchor} in docs/operations.md")
    assert [] == wrong
