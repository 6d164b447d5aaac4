"""Relationship status per customer: continue, monitor or consider_ending.

Pure: the caller passes the customer's :class:`History` in and stores the copy that comes
back. Windows use event time (``occurred_at``), never the wall clock, so replays and
out-of-order events give the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from worker.core.types import AbuseIncident, History

__all__ = ["RelationshipConfig", "Status", "assess", "prune", "record"]


class RelationshipConfig(BaseModel):
    """``relationship`` in ``config/triage.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window_days: float = Field(90, gt=0, le=3650, description="Look-back window in event time.")
    monitor_after: int = Field(
        1, ge=1, description="Abusive messages in the window (this one included) for monitor."
    )
    consider_ending_after: int = Field(
        3,
        ge=1,
        description="Abusive messages in the window, this one abusive, for consider_ending.",
    )
    max_recent: int = Field(
        10, ge=1, le=100, description="Recent scored messages kept to judge improvement."
    )
    improvement_margin: float = Field(
        0.1, ge=0, le=1, description="Anger must fall this much below its recent mean to count."
    )
    max_incidents: int = Field(
        50, ge=1, le=1000, description="Most abusive incidents kept per customer."
    )

    @property
    def window(self) -> timedelta:
        return timedelta(days=self.window_days)


@dataclass(frozen=True, slots=True)
class Status:
    action: str  # continue | monitor | consider_ending
    abusive_in_window: int
    no_improvement: bool  # anger has not fallen although techniques were tried


def assess(
    history: History,
    *,
    event_id: str,
    occurred_at: datetime,
    abusive: bool,
    anger: float,
    config: RelationshipConfig,
) -> Status:
    """Decide the relationship action for this message given the earlier history."""
    if not history.incidents and not history.recent:  # most customers: nothing remembered
        earlier, tried = 0, []
    else:
        start = occurred_at - config.window
        earlier = sum(
            1
            for inc in history.incidents
            if start < inc.occurred_at <= occurred_at and inc.event_id != event_id
        )
        tried = [a for t, a, _ in history.recent if start < t <= occurred_at]
    count = earlier + int(abusive)
    if abusive and count >= config.consider_ending_after:
        action = "consider_ending"
    elif count >= config.monitor_after:
        action = "monitor"
    else:
        action = "continue"
    no_improvement = bool(tried) and anger >= sum(tried) / len(tried) - config.improvement_margin
    return Status(action=action, abusive_in_window=count, no_improvement=no_improvement)


def record(
    history: History,
    *,
    event_id: str,
    occurred_at: datetime,
    abusive: bool,
    anger: float,
    technique: str,
    config: RelationshipConfig,
) -> History:
    """Return the history with this message added (idempotent for a repeated event id).

    Only customers with an abusive message in the window are remembered: the relationship
    rule needs nothing for the others, so their history stays empty (no state, no changelog
    traffic). Recent anger is kept from the first abusive message on, which is what "no
    improvement after the techniques were tried" is judged against.
    """
    incidents = history.incidents
    if abusive and all(inc.event_id != event_id for inc in incidents):
        incidents = tuple(
            sorted((*incidents, AbuseIncident(event_id, occurred_at)), key=lambda i: i.occurred_at)
        )[-config.max_incidents :]
    if not incidents:
        return history if not history.recent else History()
    recent = tuple(sorted((*history.recent, (occurred_at, anger, technique)), key=lambda r: r[0]))[
        -config.max_recent :
    ]
    return prune(History(incidents=incidents, recent=recent), config=config)


def prune(history: History, *, config: RelationshipConfig) -> History:
    """Drop what fell out of the window, measured from the newest event time seen."""
    times = [i.occurred_at for i in history.incidents] + [r[0] for r in history.recent]
    if not times:
        return history
    start = max(times) - config.window
    incidents = tuple(i for i in history.incidents if i.occurred_at > start)
    if not incidents:
        return History()
    return History(incidents=incidents, recent=tuple(r for r in history.recent if r[0] > start))
