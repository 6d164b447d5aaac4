"""CustomerHistories and Overlay: per-partition history, batch writes, eviction by event time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from worker.core.types import AbuseIncident, History
from worker.history import CustomerHistories, Overlay, last_event_time

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def incident_at(days: float) -> History:
    """A history with one abuse incident ``days`` after T0."""
    return History(incidents=(AbuseIncident("e", T0 + timedelta(days=days)),))


@pytest.fixture(name="clock")
def _clock() -> SimpleNamespace:
    """The monotonic clock of the sweeps, moved by hand through ``clock.now``."""
    return SimpleNamespace(now=1_000.0)


@pytest.fixture(name="histories")
def _histories(clock: SimpleNamespace) -> CustomerHistories:
    return CustomerHistories(timedelta(days=30), sweep_interval_s=60.0, clock=lambda: clock.now)


def test_last_event_time_is_the_newest_incident_or_recent_message() -> None:
    history = History(
        incidents=(AbuseIncident("a", T0),),
        recent=((T0 + timedelta(days=2), 0.5, "acknowledge"), (T0 + timedelta(days=1), 0, "x")),
    )
    assert T0 + timedelta(days=2) == last_event_time(history)
    assert last_event_time(History()) is None


def test_overlay_writes_stay_apart_until_applied() -> None:
    """An aborted batch leaves no trace: the base changes only on apply()."""
    base = {"a": incident_at(0)}
    overlay = Overlay(base)
    overlay["b"] = incident_at(1)
    overlay.forget("a")
    assert ({"b"}, {"a"}) == (set(overlay), set(base))
    assert "a" not in overlay and overlay["b"] == incident_at(1)
    overlay.apply()
    assert {"b": incident_at(1)} == base


def test_an_empty_history_is_stored_as_a_deletion() -> None:
    """Nothing to keep becomes a tombstone in writes (and a changelog tombstone later)."""
    overlay = Overlay({"a": incident_at(0)})
    overlay["a"] = History()
    assert {"a": None} == overlay.writes
    assert 0 == len(overlay)
    with pytest.raises(KeyError):
        overlay["a"]


def test_overlay_len_and_iteration_merge_base_and_writes() -> None:
    overlay = Overlay({"a": incident_at(0), "b": incident_at(0)})
    overlay["c"] = incident_at(1)
    overlay["a"] = incident_at(2)
    assert (3, ["a", "b", "c"]) == (len(overlay), sorted(overlay))
    assert incident_at(2) == overlay.get("a")


def test_an_overlay_reads_and_writes_its_partitions_state(histories: CustomerHistories) -> None:
    histories.load(3, {"a": incident_at(0)})
    overlay = histories.overlay(3)
    overlay["b"] = incident_at(1)
    overlay.apply()
    assert {"a", "b"} == set(histories.partitions[3])
    assert {"a": incident_at(0), "b": incident_at(1)} == dict(histories.overlay(3))
    assert 2 == histories.customers()


def test_an_unknown_partition_starts_empty(histories: CustomerHistories) -> None:
    assert 0 == len(histories.overlay(7))
    assert {7: {}} == histories.partitions


def test_drop_forgets_revoked_partitions(histories: CustomerHistories) -> None:
    histories.load(0, {"a": incident_at(0)})
    histories.load(1, {"b": incident_at(0)})
    histories.drop([0, 5])
    assert ([1], 1) == (list(histories.partitions), histories.customers())


@pytest.mark.parametrize(
    ("loaded", "observed", "expected"),
    [
        # Stream time is the newest event seen: 30 days or more before it is out.
        ({"old": 0, "new": 10}, [35], ["old"]),
        ({"new": 10}, [39], []),
        ({"edge": 0}, [30], ["edge"]),
        # A late event does not pull stream time back, so does not save an old customer.
        ({"old": 0}, [31, 1], ["old"]),
        # After a restore, stream time starts at the restored history's newest event.
        ({"old": 0, "new": 31}, [], ["old"]),
    ],
)
def test_expired_customers_are_those_outside_the_window_of_stream_time(
    histories: CustomerHistories,
    clock: SimpleNamespace,
    loaded: dict[str, float],
    observed: list[float],
    expected: list[str],
) -> None:
    histories.load(0, {key: incident_at(days) for key, days in loaded.items()})
    for days in observed:
        histories.observe(0, T0 + timedelta(days=days))
    clock.now += 60
    assert expected == histories.expired(0, histories.overlay(0))


def test_expired_sweeps_at_most_once_per_interval(
    histories: CustomerHistories, clock: SimpleNamespace
) -> None:
    histories.load(0, {"old": incident_at(0)})
    histories.observe(0, T0 + timedelta(days=40))
    assert [] == histories.expired(0, histories.overlay(0))  # load just swept
    clock.now += 60
    assert ["old"] == histories.expired(0, histories.overlay(0))
    clock.now += 59
    assert [] == histories.expired(0, histories.overlay(0))


def test_nothing_expires_without_any_event_time(
    histories: CustomerHistories, clock: SimpleNamespace
) -> None:
    histories.overlay(0)["a"] = incident_at(0)
    clock.now += 3_600
    assert [] == histories.expired(0, histories.overlay(0))


def test_expired_sees_the_batchs_writes(
    histories: CustomerHistories, clock: SimpleNamespace
) -> None:
    """A customer written in this batch is judged by its new history, not the stored one."""
    histories.load(0, {"a": incident_at(0)})
    histories.observe(0, T0 + timedelta(days=35))
    overlay = histories.overlay(0)
    overlay["a"] = incident_at(34)
    clock.now += 60
    assert [] == histories.expired(0, overlay)
