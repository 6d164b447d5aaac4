"""The relationship rule: continue, monitor, consider_ending over an event-time window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from worker.core import relationship
from worker.core.relationship import RelationshipConfig
from worker.core.types import History

T0 = datetime(2026, 1, 1, tzinfo=UTC)
CFG = RelationshipConfig()


def step(history: History, n: int, *, abusive: bool, day: float, anger: float = 0.8):
    """Assess then record one message; returns (status, new history)."""
    when = T0 + timedelta(days=day)
    status = relationship.assess(
        history, event_id=f"e{n}", occurred_at=when, abusive=abusive, anger=anger, config=CFG
    )
    new = relationship.record(
        history,
        event_id=f"e{n}",
        occurred_at=when,
        abusive=abusive,
        anger=anger,
        technique="keep-calm",
        config=CFG,
    )
    return status, new


def test_sequence_continue_monitor_consider_ending() -> None:
    """Calm, abusive, calm, abusive, abusive gives continue, monitor, monitor, monitor, end."""
    h = History()
    actions = []
    for n, abusive in enumerate([False, True, False, True, True]):
        status, h = step(h, n, abusive=abusive, day=n)
        actions.append(status.action)
    assert ["continue", "monitor", "monitor", "monitor", "consider_ending"] == actions


def test_window_expires_incidents() -> None:
    """Abuse older than the window no longer counts."""
    h = History()
    _, h = step(h, 1, abusive=True, day=0)
    _, h = step(h, 2, abusive=True, day=1)
    status, _ = step(h, 3, abusive=True, day=200)
    assert ("monitor", 1) == (status.action, status.abusive_in_window)


def test_out_of_order_event_within_window_counts() -> None:
    """A late-arriving abusive event inside the window still counts."""
    h = History()
    _, h = step(h, 1, abusive=True, day=10)
    _, h = step(h, 2, abusive=True, day=5)  # arrives late
    status, _ = step(h, 3, abusive=True, day=11)
    assert ("consider_ending", 3) == (status.action, status.abusive_in_window)


def test_repeated_event_id_is_not_counted_twice() -> None:
    """Recording the same event twice keeps one incident."""
    h = History()
    _, h = step(h, 1, abusive=True, day=0)
    _, h = step(h, 1, abusive=True, day=0)
    assert 1 == len(h.incidents)


def test_no_improvement_judged_against_recent_anger() -> None:
    """Anger that stays as high as before means no improvement; a clear drop means some."""
    h = History()
    _, h = step(h, 1, abusive=True, day=0, anger=0.8)
    high = relationship.assess(
        h, event_id="x", occurred_at=T0 + timedelta(days=1), abusive=True, anger=0.8, config=CFG
    )
    low = relationship.assess(
        h, event_id="y", occurred_at=T0 + timedelta(days=1), abusive=True, anger=0.3, config=CFG
    )
    assert (True, False) == (high.no_improvement, low.no_improvement)


def test_history_is_bounded() -> None:
    """Recent messages are capped at max_recent."""
    h = History()
    for n in range(30):
        _, h = step(h, n, abusive=n == 0, day=n * 0.1)
    assert CFG.max_recent == len(h.recent)


def test_customers_without_abuse_have_no_history() -> None:
    """Calm customers leave no state; history starts with the first abusive message."""
    h = History()
    for n in range(5):
        _, h = step(h, n, abusive=False, day=n)
    empty = h
    _, h = step(h, 9, abusive=True, day=6)
    assert (History(), 1, 1) == (empty, len(h.incidents), len(h.recent))


def test_history_empties_when_incidents_expire() -> None:
    """Once the last incident leaves the window the history is empty again."""
    h = History()
    _, h = step(h, 1, abusive=True, day=0)
    _, h = step(h, 2, abusive=False, day=200)
    assert History() == h
