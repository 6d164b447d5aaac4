"""The offline mode: score JSON Lines with the same pipeline the service uses."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from worker.configfiles import load_engine_config
from worker.core.triage import Engine
from worker.core.types import History
from worker.pipeline import Pipeline, Rejected, utcnow

__all__ = ["LineError", "OfflineScorer"]


class LineError(dict[str, Any]):
    """A bad input line, as the JSON object written to stderr."""


class OfflineScorer:
    """Score events in input order, keeping customer history in memory for the run."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.history: dict[str, History] = {}

    @classmethod
    def from_config_dir(
        cls, config_dir: Path, clock: Callable[[], datetime] = utcnow
    ) -> OfflineScorer:
        return cls(Pipeline(Engine(load_engine_config(config_dir)), clock))

    def score_lines(self, lines: Iterable[bytes]) -> Iterator[bytes | LineError]:
        """Yield one output JSON line (bytes, no newline) or one LineError per input line."""
        for number, line in enumerate(lines, start=1):
            result = self.pipeline.process(line.rstrip(b"\r\n"), self.history)
            if isinstance(result, Rejected):
                yield LineError(line=number, reason=result.error.reason, detail=result.error.detail)
            else:
                yield result.payload

    def score_event(self, event: dict[str, Any]) -> dict[str, Any]:
        """Score one event given as a dict; raises ValueError for an invalid event."""
        result = self.pipeline.process(json.dumps(event).encode(), self.history)
        if isinstance(result, Rejected):
            raise result.error
        out: dict[str, Any] = json.loads(result.payload)
        return out
