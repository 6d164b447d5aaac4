"""The offline mode: score JSON Lines with the same pipeline the service uses."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from worker.core.triage import Engine
from worker.core.types import History
from worker.pipeline import Pipeline, Rejected, utcnow
from worker.rules import load_rules

__all__ = ["LineError", "OfflineScorer", "Tally"]


class LineError(dict[str, Any]):
    """A bad input line, as the JSON object written to stderr."""


@dataclass(slots=True)
class Tally:
    """What a ``score`` run did so far: the progress line and the final summary."""

    records: int = 0
    triaged: int = 0
    skipped: int = 0
    escalations: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def progress(self, seconds: float) -> str:
        """The line a terminal shows while scoring (rewritten in place)."""
        rate = self.records / seconds if seconds > 0 else 0.0
        return (
            f"scoring: {self.records:,} records, {sum(self.errors.values()):,} errors, "
            f"{self.escalations:,} escalations, {rate:,.0f} records/s"
        )

    def summary(self, seconds: float) -> str:
        """The one line written at the end of every run."""
        errors = sum(self.errors.values())
        by_reason = ", ".join(f"{reason} {n}" for reason, n in sorted(self.errors.items()))
        return (
            f"score: {self.records} records, {self.triaged} triaged, {self.skipped} skipped, "
            f"{errors} errors" + (f" ({by_reason})" if by_reason else "") + ", "
            f"{self.escalations} escalations in {seconds:.1f} s"
        )


class OfflineScorer:
    """Score events in input order, keeping customer history in memory for the run."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.history: dict[str, History] = {}
        self.tally = Tally()

    @classmethod
    def from_config_dir(
        cls, config_dir: Path, clock: Callable[[], datetime] = utcnow
    ) -> OfflineScorer:
        return cls(Pipeline(Engine(load_rules(config_dir)), clock))

    def score_lines(self, lines: Iterable[bytes]) -> Iterator[bytes | LineError]:
        """Yield one output JSON line (bytes, no newline) or one LineError per input line."""
        tally = self.tally
        for number, line in enumerate(lines, start=1):
            result = self.pipeline.process(line.rstrip(b"\r\n"), self.history)
            tally.records += 1
            if isinstance(result, Rejected):
                tally.errors[result.error.reason] += 1
                yield LineError(line=number, reason=result.error.reason, detail=result.error.detail)
            else:
                if result.out.scored:
                    tally.triaged += 1
                else:
                    tally.skipped += 1
                if result.out.escalation.required:
                    tally.escalations += 1
                yield result.payload

    def score_event(self, event: dict[str, Any]) -> dict[str, Any]:
        """Score one event given as a dict; raises ValueError for an invalid event."""
        result = self.pipeline.process(json.dumps(event).encode(), self.history)
        if isinstance(result, Rejected):
            raise result.error
        out: dict[str, Any] = json.loads(result.payload)
        return out
