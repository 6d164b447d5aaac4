"""docs/helpdesk.md: every field and tag documented; the request bodies follow the mapping and
only use values the schema allows."""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from worker.core.techniques import TECHNIQUE_IDS
from worker.models import Levels, TriageOut, tag_vocabulary

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "helpdesk.md").read_text()
ANGER_LEVELS = typing.get_args(Levels.model_fields["anger"].annotation)


def _section(title: str) -> str:
    return PAGE.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _bodies() -> dict[str, Any]:
    found = re.findall(r"<!-- body: ([a-z-]+) -->\n```json\n(.*?)```", PAGE, re.DOTALL)
    return {name: json.loads(text) for name, text in found}


def _example() -> TriageOut:
    """The TriagedTicketEvent example of docs/asyncapi.yaml, through the output model."""
    doc = yaml.safe_load((ROOT / "docs" / "asyncapi.yaml").read_text())
    [example] = doc["components"]["messages"]["Triaged"]["examples"]
    return TriageOut.model_validate(example["payload"])


def _field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths = set()
    for name, field in model.model_fields.items():
        paths.add(prefix + name)
        for candidate in [field.annotation, *typing.get_args(field.annotation)]:
            for inner in [candidate, *typing.get_args(candidate)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    paths |= _field_paths(inner, f"{prefix}{name}.")
    return paths


def test_every_output_field_is_explained() -> None:
    """Each field of TriageOut (nested ones by their dotted path or own name) is in the table."""
    table = _section("Fields")
    named = set(re.findall(r"`([a-z_.]+)`", table))
    missing = [
        path
        for path in sorted(_field_paths(TriageOut))
        if path not in named
        and path.rsplit(".", 1)[-1] not in named
        and not any(n.startswith(f"{path}.") for n in named)
    ]
    assert [] == missing


def test_the_tag_table_is_the_vocabulary() -> None:
    """The tag table lists exactly the tags the code can write, in its order."""
    table = _section("Tags")
    listed = re.findall(r"^\| `(triage_[a-z_]+)` \|", table, re.MULTILINE)
    assert list(tag_vocabulary()) == listed


def test_the_request_bodies_are_the_mapping_of_the_example() -> None:
    """Each help desk's body is what the documented mapping makes of the schema's example."""
    out = _example()
    assert out.escalation.required and out.levels and out.technique
    technique_tag = f"triage_technique_{out.technique.id.replace('-', '_')}"
    bodies = _bodies()
    assert {"zendesk", "freshdesk", "zammad-tag", "zammad"} == set(bodies)

    zendesk = bodies["zendesk"]["ticket"]
    assert out.tags == zendesk["additional_tags"]
    assert [f"triage_anger_{out.levels.anger}", technique_tag, out.technique.opener] == [
        f["value"] for f in zendesk["custom_fields"]
    ]
    assert all(isinstance(f["id"], int) for f in zendesk["custom_fields"])
    assert ("urgent", True) == (zendesk["priority"], isinstance(zendesk["group_id"], int))

    freshdesk = bodies["freshdesk"]
    assert out.tags == freshdesk["tags"]
    assert {
        "cf_triage_anger": out.levels.anger,
        "cf_triage_technique": out.technique.id,
        "cf_triage_opener": out.technique.opener,
    } == freshdesk["custom_fields"]
    assert (4, True) == (freshdesk["priority"], isinstance(freshdesk["group_id"], int))

    tag = bodies["zammad-tag"]
    assert ("Ticket", True) == (tag["object"], isinstance(tag["o_id"], int))
    assert tag["item"] in out.tags
    assert {
        "triage_anger": out.levels.anger,
        "triage_technique": out.technique.id,
        "triage_opener": out.technique.opener,
        "priority_id": 3,
        "group": "Managers",
    } == bodies["zammad"]


def test_the_request_bodies_only_use_values_the_schema_allows() -> None:
    """Every tag in a body is in the vocabulary; drop-down values are levels or technique ids
    (or, in Zendesk, the matching tags)."""
    vocabulary = set(tag_vocabulary())
    bodies = _bodies()
    zendesk = bodies["zendesk"]["ticket"]
    assert set(zendesk["additional_tags"]) <= vocabulary
    assert {f["value"] for f in zendesk["custom_fields"][:2]} <= vocabulary
    assert set(bodies["freshdesk"]["tags"]) <= vocabulary
    assert bodies["zammad-tag"]["item"] in vocabulary
    for fields in (
        {k.removeprefix("cf_"): v for k, v in bodies["freshdesk"]["custom_fields"].items()},
        bodies["zammad"],
    ):
        assert fields["triage_anger"] in ANGER_LEVELS
        assert fields["triage_technique"] in TECHNIQUE_IDS
