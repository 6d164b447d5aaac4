"""Every helm command in README.md, docs/ and the chart README runs, as written, through helm.

bash itself splits each command into words (quotes and backslashes exactly as a user's shell
would treat them); then `helm install` / `helm upgrade [--install]` become `helm template` with
the same flags (an upgrade with --reuse-values gets the flags of the page's install command
first, the values it would reuse), and `helm lint` / `helm template` run unchanged.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.helmtools import REPO, run, tool

PAGES = [
    REPO / "README.md",
    *sorted((REPO / "docs").glob("*.md")),
    REPO / "helm/triage-worker/README.md",
]


def _console_lines(text: str) -> list[str]:
    """Logical command lines of the ```console blocks (continuations joined, comments kept)."""
    lines: list[str] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.DOTALL):
        lines += [ln.strip() for ln in block.replace("\\\n", " ").splitlines() if ln.strip()]
    return lines


def _argv(line: str) -> list[str]:
    """The words bash makes of a command line (quote removal included), comments dropped."""
    words = line.split(" ", 1)[1] if " " in line else ""
    result = subprocess.run(
        ["bash", "-c", f"printf '%s\\0' {words}"], capture_output=True, text=True, check=True
    )
    return result.stdout.split("\0")[:-1]


def _helm_commands() -> list[tuple[str, list[str]]]:
    out = []
    for page in PAGES:
        for line in _console_lines(page.read_text()):
            if line.startswith("helm "):
                out.append((page.relative_to(REPO).as_posix(), ["helm", *_argv(line)]))
    return out


COMMANDS = _helm_commands()


def _install_flags(page: str) -> list[str]:
    """The flags after `helm install RELEASE CHART` on that page (what --reuse-values reuses)."""
    installs = [argv for name, argv in COMMANDS if name == page and argv[1] == "install"]
    if not installs:
        installs = [argv for name, argv in COMMANDS if name == "README.md" and argv[1] == "install"]
    return installs[0][4:]


def _as_template(page: str, argv: list[str]) -> list[str]:
    verb, rest = argv[1], argv[2:]
    if verb == "install":
        return [tool("helm"), "template", *rest]
    if verb == "upgrade":
        reuse = "--reuse-values" in rest
        rest = [a for a in rest if a not in ("--install", "--reuse-values")]
        base = _install_flags(page) if reuse else []
        return [tool("helm"), "template", rest[0], rest[1], *base, *rest[2:]]
    return [tool("helm"), *argv[1:]]


def test_the_docs_have_helm_commands() -> None:
    """The README's install and the deployment page's upgrades are found (the parser works)."""
    assert any(p == "README.md" and a[1] == "install" for p, a in COMMANDS)
    assert sum(1 for p, a in COMMANDS if p == "docs/deployment.md" and a[1] == "upgrade") >= 3


@pytest.mark.parametrize(
    ("page", "argv"),
    COMMANDS,
    ids=[f"{p}:{' '.join(a[:3])}:{i}" for i, (p, a) in enumerate(COMMANDS)],
)
def test_helm_command_renders_as_written(page: str, argv: list[str]) -> None:
    """helm template with the command's own flags succeeds."""
    result = run(_as_template(page, argv), cwd=REPO)
    assert 0 == result.returncode, f"{page}: {' '.join(argv)}\n{result.stderr}"


def test_readme_install_passes_both_brokers() -> None:
    """The README's helm install gives the worker both brokers, not a --set parse error."""
    argv = next(a for p, a in COMMANDS if p == "README.md" and a[1] == "install")
    result = run(_as_template("README.md", argv), cwd=REPO)
    assert 0 == result.returncode, result.stderr
    deployment = next(
        d for d in yaml.safe_load_all(result.stdout) if d and d["kind"] == "Deployment"
    )
    env = {
        e["name"]: e.get("value")
        for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    assert "kafka-0.kafka:9092,kafka-1.kafka:9092" == env["TRIAGE_KAFKA__BOOTSTRAP_SERVERS"]


def test_unescaped_commas_are_what_helm_rejects() -> None:
    """The escaping matters: the same value with a bare comma fails in helm itself."""
    result = run(
        [
            tool("helm"),
            "template",
            "triage",
            str(Path(REPO / "helm/triage-worker")),
            "--set",
            "kafka.bootstrapServers=kafka-0.kafka:9092,kafka-1.kafka:9092",
        ]
    )
    assert 0 != result.returncode
    assert "failed parsing --set data" in result.stderr
