"""Print the settings reference (Markdown table) from worker.settings.WorkerSettings.

The settings table in docs/configuration.md is this output; tests/unit/test_docs.py checks
they agree.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pydantic import BaseModel

from worker.settings import WorkerSettings


def rows(model: type[BaseModel], prefix: str = "TRIAGE_") -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for name, field in model.model_fields.items():
        env = f"{prefix}{name.upper()}"
        ann: Any = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out += rows(ann, env + "__")
            continue
        if field.default_factory is not None:
            default = "(pod name / host name)"
        else:
            default = "" if field.default is None else str(field.default)
            if "Secret" in str(ann):
                default = "(secret)" if default else ""
        out.append((env, f"`{default}`" if default else "", field.description or ""))
    return out


def main() -> None:
    print("| environment variable | default | meaning |")
    print("|---|---|---|")
    for env, default, doc in rows(WorkerSettings):
        print(f"| `{env}` | {default} | {doc} |")


if __name__ == "__main__":
    main()
