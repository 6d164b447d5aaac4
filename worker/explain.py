"""Readable explanation of one message's triage, for ``triage-worker explain``."""

from __future__ import annotations

from textwrap import fill

from worker.core.relationship import Status
from worker.core.triage import Analysis, Engine

__all__ = ["render"]


def _cues(cues: tuple[str, ...]) -> str:
    return ", ".join(cues) if cues else "-"


def render(a: Analysis, status: Status, engine: Engine) -> str:
    """Scores, evidence, signals, the technique and why, one section a line."""
    rec = a.recommendation
    abuse = (
        f"detected ({', '.join(a.abuse.kinds) or 'abusive language'})"
        if a.abuse.detected
        else "not detected"
    )
    esc = engine.escalation(a.abuse, status)
    escalate = f"required, to {esc.to}: {esc.reason}" if esc.required else "not required"
    signals = ", ".join(f"{k}={v:.2f}" for k, v in sorted(a.signals.values.items())) or "-"
    lines = [
        f"triage {engine.version}: {a.doc.chars} characters, {len(a.doc.words)} words",
        f"sentiment   {a.sentiment.compound:+.3f}  (VADER compound)",
        f"anger       {a.anger.value:.3f}  {a.anger_level:<8} cues: {_cues(a.anger.cues)}",
        f"politeness  {a.politeness.value:.3f}  {a.politeness_level:<8} "
        f"cues: {_cues(a.politeness.cues)}",
        f"abuse       {a.abuse.value:.3f}  {abuse}  cues: {_cues(a.abuse.cues)}",
        f"escalation  {escalate}",
        f"review      {engine.review(a, esc.required) or '-'}",
        f"relationship {status.action} (this message alone; history is per customer)",
        f"technique   {rec.technique}"
        + (f"  (alternatives: {', '.join(rec.alternatives)})" if rec.alternatives else ""),
        f"  why:      {'; '.join(rec.why)}",
        fill(f"  opener:   {rec.opener}", width=100, subsequent_indent=" " * 12),
        f"signals     {signals}",
    ]
    return "\n".join(lines)
