"""The rules of docs/architecture.md, checked on the source: sizes, and who may import what.

A failure here names the file and the import (or the function) that breaks a rule; the fix is
usually to move the code to the layer the rule names, not to widen the rule.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "worker"

MAX_CLASS_LINES = 300
MAX_FUNCTION_LINES = 60

#: Third-party packages the pure core may use (no I/O, no clients, no metrics).
CORE_THIRD_PARTY = {"numpy", "py3langid", "pydantic", "vaderSentiment"}
#: Standard-library modules that do I/O or concurrency: never in the core.
CORE_FORBIDDEN_STDLIB = {"os", "socket", "subprocess", "threading", "urllib", "http", "signal"}
#: What the core may import from the rest of the package: the event contract, the error
#: types and the version.
CORE_MAY_IMPORT = {"worker", "worker.models", "worker.errors"}


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module

    @property
    def imports(self) -> set[str]:
        """Absolute module names imported anywhere in the file (including inside functions)."""
        found: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        return found

    def in_package(self, package: str) -> bool:
        return self.name == package or self.name.startswith(package + ".")


def _modules() -> list[Module]:
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules.append(Module(name, path, ast.parse(path.read_text(), filename=str(path))))
    return modules


MODULES = _modules()


def _top(name: str) -> str:
    return name.split(".")[0]


def _importers(top_level: str) -> set[str]:
    return {m.name for m in MODULES if any(_top(i) == top_level for i in m.imports)}


def test_the_package_is_found() -> None:
    """A guard for the checks below: they must have something to look at."""
    names = {m.name for m in MODULES}
    assert {"worker.service", "worker.core.triage", "worker.kafka.transaction"} <= names


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.name)
def test_sizes(module: Module) -> None:
    """No class over 300 lines, no function over 60: split by responsibility."""
    too_big = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
            if lines > limit:
                too_big.append(f"{node.name}: {lines} lines (limit {limit})")
    assert not too_big, f"{module.path}: {too_big}"


CORE = [m for m in MODULES if m.in_package("worker.core")]


@pytest.mark.parametrize("module", CORE, ids=lambda m: m.name)
def test_core_is_pure(module: Module) -> None:
    """worker/core imports only itself, the contract (models), errors and a few libraries."""
    wrong = []
    for name in module.imports:
        top = _top(name)
        if top == "worker":
            if not (name.startswith("worker.core") or name in CORE_MAY_IMPORT):
                wrong.append(name)
        elif top in sys.stdlib_module_names:
            if top in CORE_FORBIDDEN_STDLIB:
                wrong.append(name)
        elif top != "__future__" and top not in CORE_THIRD_PARTY:
            wrong.append(name)
    assert not wrong, f"{module.path} imports {sorted(wrong)}"


def test_kafka_python_only_in_the_kafka_shell() -> None:
    outside = {m for m in _importers("kafka") if not m.startswith("worker.kafka")}
    assert not outside


def test_prometheus_client_only_in_metrics_http_and_cli() -> None:
    assert _importers("prometheus_client") <= {"worker.metrics", "worker.http", "worker.cli"}


def test_the_cli_is_the_top() -> None:
    """Only ``python -m worker`` imports the CLI: nothing below it chooses exit codes."""
    importers = {m.name for m in MODULES if "worker.cli" in m.imports}
    assert importers == {"worker.__main__"}


@pytest.mark.parametrize(
    "module",
    ["worker.pipeline", "worker.decode", "worker.models", "worker.history", "worker.batch"],
)
def test_the_data_path_does_no_io(module: str) -> None:
    """Bytes in, records out: the pipeline and batch building never touch a client."""
    (found,) = [m for m in MODULES if m.name == module]
    wrong = {
        i
        for i in found.imports
        if _top(i) in {"kafka", "prometheus_client", "socket", "threading"}
        or i in {"worker.kafka._client", "worker.kafka.clients", "worker.service"}
    }
    assert not wrong, f"{module} imports {sorted(wrong)}"


def test_nothing_imports_tests_or_scripts() -> None:
    wrong = {m.name for m in MODULES if any(_top(i) in {"tests", "scripts"} for i in m.imports)}
    assert not wrong
