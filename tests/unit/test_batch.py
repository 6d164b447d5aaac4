"""build_batch without a broker: what each input record turns into, and what metrics see."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from worker.batch import build_batch
from worker.configfiles import load_engine_config
from worker.core.triage import Engine
from worker.pipeline import Pipeline
from worker.settings import TopicSettings
from worker.state import CustomerState

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = (ROOT / "examples" / "tickets.jsonl").read_bytes().splitlines()


@dataclass
class Record:
    value: bytes | None
    offset: int
    key: bytes | None = b"c-100"
    topic: str = "support.tickets"
    partition: int = 0
    timestamp: int = 0
    headers: Any = field(default_factory=list)


def _batch(values: list[bytes | None]) -> Any:
    pipeline = Pipeline(Engine(load_engine_config(ROOT / "config")))
    records = [Record(v, i) for i, v in enumerate(values)]
    state = CustomerState(timedelta(days=30))
    return build_batch(records, pipeline, state, TopicSettings())


def test_every_triaged_customer_message_reaches_the_metrics_sample() -> None:
    """Each scored customer message yields one Triage for the metrics (a regression: the
    oversize change once dropped them, so triage counters stayed at zero)."""
    result = _batch(EXAMPLES[:3])
    assert len(result.triaged) == 3
    assert result.skipped == 0
    assert all(t.technique and t.anger_level and t.politeness_level for t in result.triaged)
    outputs = [r for r in result.records if r.topic == TopicSettings().output]
    assert len(outputs) == 3


def test_a_bad_record_is_a_dead_letter_and_not_a_triage() -> None:
    result = _batch([EXAMPLES[0], b"not json", None])
    assert len(result.triaged) == 1
    assert len(result.dead_letters) == 2
    letters = [r for r in result.records if r.topic == TopicSettings().dead_letter]
    assert letters[0].value == b"not json"
    assert letters[1].value is None
