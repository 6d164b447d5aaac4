"""Every shell command in README.md and docs/ is run here, or is checked another way for a
stated reason.

- `$ command` examples (with their output) run through bash; the output must be what the
  page shows (regenerate: `.venv/bin/python scripts/doc_examples.py --write`).
- other `triage-worker` commands and scripts run and must exit 0;
- `make` lines run as `make -n` (every target exists, its recipe expands);
- `helm` lines render through `helm template` in tests/deploy/chart/test_docs_commands.py;
- the rest cannot run on this machine (no Kubernetes cluster, no Docker daemon, no Kafka
  command-line tools): each kind is listed below with the test that checks it instead.
A command of a kind not listed fails, so a new one cannot slip in unchecked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import doc_examples  # noqa: E402

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
REGENERATE = ".venv/bin/python scripts/doc_examples.py --write"
#: kinds of command that cannot run here, and what checks them instead
NOT_RUN = {
    "helm ": "tests/deploy/chart/test_docs_commands.py renders it with helm template",
    "kubectl ": "needs a Kubernetes cluster",
    "docker compose ": "no Docker daemon; tests/deploy/compose/test_compose.py checks the file",
    "kafka-topics.sh ": "no Kafka CLI here; tests/contract/test_production.py checks it",
    "kafka-acls.sh ": "no Kafka CLI here; tests/contract/test_production.py checks it",
    ".venv/bin/python -m pytest ": "the test suite itself (make test runs it)",
}


def _commands() -> list[tuple[str, str]]:
    """(page, command) for each command line of a ```console block, `$ ` examples excluded."""
    out = []
    for page in PAGES:
        for block in re.findall(r"```console\n(.*?)```", page.read_text(), re.DOTALL):
            if block.startswith("$ "):
                continue
            for line in block.replace("\\\n", " ").splitlines():
                if line.strip():
                    out.append((page.relative_to(ROOT).as_posix(), line.strip()))
    return out


COMMANDS = _commands()
EXAMPLES = [e for page in PAGES for e in doc_examples.examples(page)]


@pytest.fixture(scope="module", name="jq")
def fixture_jq() -> None:
    if shutil.which("jq") is None:
        subprocess.run(["bash", str(ROOT / "scripts" / "install-image-tools.sh")], check=True)


def test_the_pages_have_commands_and_examples() -> None:
    """The parser finds the README's make commands and the usage page's examples."""
    assert any(p == "README.md" and c.startswith("make run") for p, c in COMMANDS)
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=[f"{e.page.name}:{e.command[:40]}" for e in EXAMPLES]
)
def test_example_output_is_real(example: doc_examples.Example, jq: None) -> None:
    """The output shown under `$ command` is what the command prints now."""
    real = doc_examples.run(example)
    assert doc_examples.normalise(example.shown) == doc_examples.normalise(real), (
        f"{example.page.name}: output of `{example.command}` changed: run `{REGENERATE}`"
    )


@pytest.mark.parametrize(("page", "command"), COMMANDS, ids=[c[:50] for _, c in COMMANDS])
def test_command_runs_or_is_checked_elsewhere(page: str, command: str) -> None:
    """Runnable commands run (make as a dry run); the others are of a listed kind."""
    if any(command.startswith(kind) for kind in NOT_RUN):
        return
    if command.startswith("make "):
        words = command.split("#", 1)[0].split()
        run = ["make", "-n", *words[1:]]
    elif command.startswith((".venv/bin/triage-worker ", "scripts/")):
        run = ["bash", "-c", command]
    else:
        pytest.fail(f"{page}: `{command}` is of no known kind: run it here or list it in NOT_RUN")
    result = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert 0 == result.returncode, f"{page}: `{command}`\n{result.stderr[-2000:]}"
