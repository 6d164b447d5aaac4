"""Frozen value objects passed between the pure scorers, the playbook and the relationship rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = [
    "ABUSE_KINDS",
    "AbuseIncident",
    "AbuseScore",
    "History",
    "Score",
    "Sentiment",
]

#: The abuse kinds of the output contract, in their canonical order.
ABUSE_KINDS: tuple[str, ...] = ("insult", "threat", "harassment", "slur", "profanity_at_person")


@dataclass(frozen=True, slots=True)
class Sentiment:
    """VADER's polarity scores for one message."""

    compound: float  # [-1, 1]
    neg: float
    neu: float
    pos: float


@dataclass(frozen=True, slots=True)
class Score:
    """One score in [0, 1] with the cues that produced it.

    A cue is a short string ``"<kind>:<detail>"``, e.g. ``"word:furious"``,
    ``"caps_words:3"``, ``"strategy:gratitude"``, ``"phrase:third time"``.
    """

    value: float
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AbuseScore:
    """Abuse aimed at a person: probability-like score, decision, kinds and cues."""

    value: float
    detected: bool
    kinds: tuple[str, ...] = ()  # subset of ABUSE_KINDS, in ABUSE_KINDS order
    cues: tuple[str, ...] = ()
    #: The learned threat head's highest probability and its sentence (1-based) when it read
    #: the message and stayed under its threshold: a near miss, not a detection.
    near_threat: tuple[float, int] | None = None


@dataclass(frozen=True, slots=True)
class AbuseIncident:
    """One abusive message in a customer's history."""

    event_id: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class History:
    """What the engine knows of one customer; the engine returns an updated copy."""

    incidents: tuple[AbuseIncident, ...] = ()
    # (occurred_at, anger value, technique id) of recent scored messages, oldest first.
    recent: tuple[tuple[datetime, float, str], ...] = field(default=())
