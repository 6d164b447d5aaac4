"""Helpers and fixtures for the Helm chart, Dockerfile and docker-compose tests.

The tools (helm, kubernetes-validate, checkov, hadolint) come from
tests/tooling/install-helm-tools.sh, which puts them in $TOOLS_DIR/bin (default .cache/tools/bin).
A missing tool fails the test; it is never skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from worker.settings import WorkerSettings

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "helm" / "triage-worker"
CONFIG_DIR = REPO / "config"
TOOLS_DIR = Path(os.environ.get("TOOLS_DIR") or REPO / ".cache" / "tools")
INSTALL_HINT = "run tests/tooling/install-helm-tools.sh"
SCENARIOS = sorted(
    p.name.removesuffix("-values.yaml") for p in (CHART / "ci").glob("*-values.yaml")
)
RELEASE = "triage"
NAMESPACE = "support"


def tool(name: str) -> str:
    """Path of a test tool, failing the test (never skipping it) when it is not installed."""
    candidate = TOOLS_DIR / "bin" / name
    if candidate.exists() and os.access(candidate, os.X_OK):
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found in {TOOLS_DIR / 'bin'} or on PATH: {INSTALL_HINT}")
    return found


def tools_python() -> str:
    """The tools venv's Python (has jsonschema and PyYAML for the CRD checks)."""
    candidate = TOOLS_DIR / "venv" / "bin" / "python"
    if not candidate.exists():
        pytest.fail(f"tools venv not found at {candidate.parent.parent}: {INSTALL_HINT}")
    return str(candidate)


def run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a tool and capture its output (never raises on a non-zero exit)."""
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=300, **kwargs)


def helm_template(values: Path | None = None, *extra: str) -> subprocess.CompletedProcess[str]:
    args = [tool("helm"), "template", RELEASE, str(CHART), "--namespace", NAMESPACE]
    if values is not None:
        args += ["-f", str(values)]
    return run([*args, *extra])


def values_file(scenario: str) -> Path:
    return CHART / "ci" / f"{scenario}-values.yaml"


def settings_env_names() -> set[str]:
    """Every TRIAGE_* variable WorkerSettings reads, derived from its model fields."""
    prefix = WorkerSettings.model_config.get("env_prefix", "")
    delimiter = WorkerSettings.model_config.get("env_nested_delimiter") or "__"
    names = {f"{prefix}SECRETS_DIR"}  # read by worker.settings itself (secrets_dir)

    def model_of(annotation: Any) -> type[BaseModel] | None:
        candidates = [annotation, *typing.get_args(annotation)]
        for candidate in candidates:
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                return candidate
        return None

    def walk(model: type[BaseModel], path: list[str]) -> None:
        for field_name, field in model.model_fields.items():
            here = [*path, field_name]
            names.add((prefix + delimiter.join(here)).upper())
            nested = model_of(field.annotation)
            if nested is not None:
                walk(nested, here)

    walk(WorkerSettings, [])
    return names


def env_of(deployment: dict[str, Any]) -> list[dict[str, Any]]:
    return list(deployment["spec"]["template"]["spec"]["containers"][0].get("env", []))


class Rendered:
    """One scenario's rendered manifests."""

    def __init__(self, scenario: str, text: str, path: Path) -> None:
        self.scenario = scenario
        self.text = text
        self.path = path
        self.docs: list[dict[str, Any]] = [d for d in yaml.safe_load_all(text) if d]

    def kinds(self) -> list[str]:
        return [d["kind"] for d in self.docs]

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [d for d in self.docs if d["kind"] == kind]

    def one(self, kind: str, suffix: str = "") -> dict[str, Any]:
        found = [d for d in self.of_kind(kind) if d["metadata"]["name"].endswith(suffix)]
        assert len(found) == 1, f"{self.scenario}: expected one {kind}*{suffix}, got {len(found)}"
        return found[0]

    @property
    def deployment(self) -> dict[str, Any]:
        return self.one("Deployment")

    @property
    def values(self) -> dict[str, Any]:
        return yaml.safe_load(values_file(self.scenario).read_text()) or {}


@pytest.fixture(scope="session", name="rendered_dir")
def _rendered_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rendered")


@pytest.fixture(scope="session", name="renders")
def _renders(rendered_dir: Path) -> Iterator[dict[str, Rendered | str]]:
    """helm template for every ci scenario: Rendered, or the error text when rendering failed."""
    out: dict[str, Rendered | str] = {}
    for scenario in SCENARIOS:
        result = helm_template(values_file(scenario))
        if result.returncode != 0:
            out[scenario] = f"helm template failed:\n{result.stdout}\n{result.stderr}"
            continue
        path = rendered_dir / f"{scenario}.yaml"
        path.write_text(result.stdout)
        out[scenario] = Rendered(scenario, result.stdout, path)
    yield out


@pytest.fixture(name="render_of")
def _render_of(renders: dict[str, Rendered | str]) -> Any:
    def get(scenario: str) -> Rendered:
        rendered = renders[scenario]
        if isinstance(rendered, str):
            pytest.fail(f"{scenario}: {rendered}")
        return rendered

    return get


@pytest.fixture(params=SCENARIOS, name="rendered")
def _rendered(request: pytest.FixtureRequest, render_of: Any) -> Rendered:
    result: Rendered = render_of(request.param)
    return result
