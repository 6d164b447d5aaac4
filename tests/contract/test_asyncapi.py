"""docs/asyncapi.yaml: generated from the code, valid for the official AsyncAPI parser, and
true of what the worker really writes.

The parser and ajv come from tests/contract/asyncapi/package-lock.json (`npm ci`, run here when
node_modules is missing; never skipped).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from worker.models import TAG_SUFFIXES, TriageOut, tag_vocabulary
from worker.offline import OfflineScorer

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "asyncapi.yaml"
CHECK_DIR = ROOT / "tests" / "contract" / "asyncapi"
REGENERATE = ".venv/bin/python scripts/asyncapi.py --write"


@pytest.fixture(scope="module", name="node_check")
def fixture_node_check() -> Path:
    """tests/contract/asyncapi with its node_modules (npm ci from the committed lock if missing)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("node and npm are needed (Debian: apt-get install nodejs npm)")
    if not (CHECK_DIR / "node_modules" / "@asyncapi" / "parser").exists():
        installed = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=CHECK_DIR,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        assert 0 == installed.returncode, installed.stderr
    return CHECK_DIR


def _validate(doc: Path, message: str | None = None, values: list[Any] | None = None) -> Any:
    args = ["node", "validate.mjs", str(doc)] + ([message] if message else [])
    return subprocess.run(
        args,
        cwd=CHECK_DIR,
        input=json.dumps(values) if values is not None else "",
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_committed_document_is_the_generated_one() -> None:
    """A field, header or tag changed in the code without regenerating the document fails."""
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "asyncapi.py")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    assert generated == DOC.read_text(), f"docs/asyncapi.yaml is stale: run `{REGENERATE}`"


def test_official_parser_accepts_the_document(node_check: Path) -> None:
    """@asyncapi/parser finds no error; the message examples match their schemas."""
    result = _validate(DOC)
    assert 0 == result.returncode, result.stdout + result.stderr
    assert "4 channels" in result.stderr
    assert "0 problem(s)" in result.stderr


def test_the_check_rejects_a_broken_document(node_check: Path, tmp_path: Path) -> None:
    """The check can fail: a wrong header in an example and a broken $ref are reported."""
    text = DOC.read_text()
    wrong_header = tmp_path / "header.yaml"
    wrong_header.write_text(text.replace("ce_specversion: '1.0'", "ce_specversion: '0.3'", 1))
    assert wrong_header.read_text() != text
    assert 1 == _validate(wrong_header).returncode
    broken_ref = tmp_path / "ref.yaml"
    broken_ref.write_text(text.replace("#/components/schemas/TriageOut", "#/nowhere", 1))
    assert 1 == _validate(broken_ref).returncode


def _real_outputs() -> list[dict[str, Any]]:
    scorer = OfflineScorer.from_config_dir(ROOT / "config")
    lines = (ROOT / "examples" / "tickets.jsonl").read_bytes().splitlines()
    return [json.loads(out) for out in scorer.score_lines(lines) if isinstance(out, bytes)]


def test_real_outputs_match_the_document(node_check: Path) -> None:
    """Every sample ticket's output validates against the document's TriagedTicketEvent."""
    outputs = _real_outputs()
    assert 20 == len(outputs)
    result = _validate(DOC, "triagedTicketEvent", outputs)
    assert 0 == result.returncode, result.stdout[-3000:] + result.stderr


def test_an_unknown_tag_is_rejected_by_the_document_and_the_model(node_check: Path) -> None:
    """A tag outside the vocabulary fails both the document's enum and TriageOut itself."""
    [first, *_] = _real_outputs()
    bad = {**first, "tags": [*first["tags"], "triage_sarcasm"]}
    assert 1 == _validate(DOC, "triagedTicketEvent", [bad]).returncode
    with pytest.raises(ValidationError, match="TAG_SUFFIXES"):
        TriageOut.model_validate(bad)


def test_the_tag_vocabulary_covers_every_kind_of_tag() -> None:
    """Levels, abuse kinds, the 15 techniques and relationship actions are all in it."""
    from worker.core.techniques import TECHNIQUE_IDS

    vocabulary = set(tag_vocabulary())
    assert len(TAG_SUFFIXES) == len(vocabulary)
    assert {f"triage_technique_{t.replace('-', '_')}" for t in TECHNIQUE_IDS} <= vocabulary
    assert {"triage_escalate_manager", "triage_abuse_threat", "triage_anger_high"} <= vocabulary
    assert "triage_relationship_continue" not in vocabulary  # never written
