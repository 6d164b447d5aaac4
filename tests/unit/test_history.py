"""CustomerHistories and Overlay: per-partition history, batch writes, eviction by event time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from worker.core.types import AbuseIncident, History
from worker.history import CustomerHistories, Overlay, last_event_time

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def incident_at(days: float) -> History:
    """A history with one abuse incident ``days`` after T0."""
    return History(incidents=(AbuseIncident("e", T0 + timedelta(days=days)),))


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="clock")
def _clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(name="histories")
def _histories(clock: FakeClock) -> CustomerHistories:
    return CustomerHistories(timedelta(days=30), sweep_interval_s=60.0, clock=clock)


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


def test_expired_evicts_customers_outside_the_window_of_stream_time(
    histories: CustomerHistories, clock: FakeClock
) -> None:
    """Stream time is the newest event seen; a customer whose last event is 30 days or more
    before it is evicted, one inside the window is kept."""
    histories.load(0, {"old": incident_at(0), "new": incident_at(10)})
    histories.observe(0, T0 + timedelta(days=35))
    clock.now += 60
    assert ["old"] == histories.expired(0, histories.overlay(0))


def test_expired_sweeps_at_most_once_per_interval(
    histories: CustomerHistories, clock: FakeClock
) -> None:
    histories.load(0, {"old": incident_at(0)})
    histories.observe(0, T0 + timedelta(days=40))
    assert [] == histories.expired(0, histories.overlay(0))  # load just swept
    clock.now += 60
    assert ["old"] == histories.expired(0, histories.overlay(0))
    clock.now += 59
    assert [] == histories.expired(0, histories.overlay(0))


def test_stream_time_never_goes_back(histories: CustomerHistories, clock: FakeClock) -> None:
    """A late event does not pull stream time back and so does not save an old customer."""
    histories.load(0, {"old": incident_at(0)})
    histories.observe(0, T0 + timedelta(days=31))
    histories.observe(0, T0 + timedelta(days=1))
    clock.now += 60
    assert ["old"] == histories.expired(0, histories.overlay(0))


def test_stream_time_starts_at_the_newest_restored_event(
    histories: CustomerHistories, clock: FakeClock
) -> None:
    """After a restore, eviction is judged against the restored history's newest event."""
    histories.load(0, {"old": incident_at(0), "new": incident_at(31)})
    clock.now += 60
    assert ["old"] == histories.expired(0, histories.overlay(0))


def test_nothing_expires_without_any_event_time(
    histories: CustomerHistories, clock: FakeClock
) -> None:
    histories.overlay(0)["a"] = incident_at(0)
    clock.now += 3_600
    assert [] == histories.expired(0, histories.overlay(0))


def test_expired_sees_the_batchs_writes(histories: CustomerHistories, clock: FakeClock) -> None:
    """A customer written in this batch is judged by its new history, not the stored one."""
    histories.load(0, {"a": incident_at(0)})
    histories.observe(0, T0 + timedelta(days=35))
    overlay = histories.overlay(0)
    overlay["a"] = incident_at(34)
    clock.now += 60
    assert [] == histories.expired(0, overlay)
