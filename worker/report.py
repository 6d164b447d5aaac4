"""What a committed batch reports: its metrics and the one "batch committed" log line."""

from __future__ import annotations

import logging
import time

from worker.batch import BatchResult
from worker.metrics import Metrics

__all__ = ["report_batch"]

#: The service's logger: "batch committed" has always been a worker.service line.
logger = logging.getLogger("worker.service")


def report_batch(m: Metrics, result: BatchResult, n: int, seconds: float, commit_s: float) -> None:
    """Record a committed batch of ``n`` records, ``seconds`` from poll to commit."""
    m.record_consumed(n)
    for sample in result.triaged:
        m.record_triage(sample)
    for _ in range(result.skipped):
        m.record_outcome("skipped")
    for reason in result.dead_letters:
        m.record_dead_letter(reason)
    for _ in range(result.mis_keyed):
        m.record_mis_keyed()
    for s in result.message_seconds:
        m.observe_message_seconds(s)
    m.observe_batch(n, seconds)
    m.observe_commit(commit_s, time.time())
    fields = {
        "records": n,
        "triaged": len(result.triaged),
        "skipped": result.skipped,
        "dead_lettered": len(result.dead_letters),
        "escalations": result.escalations,
        "mis_keyed": result.mis_keyed,
        "forgotten": result.forgotten,
        "evicted": result.evicted,
        "duration_ms": round(seconds * 1000, 1),
        "commit_ms": round(commit_s * 1000, 1),
    }
    logger.info("batch committed", extra={"fields": fields})
