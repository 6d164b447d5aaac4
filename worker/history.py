"""Customer history held per input partition, as Kafka Streams and Faust hold keyed state.

The durable copy is the compacted changelog topic (see :mod:`worker.kafka.changelog`): each
history update is a record keyed by customer id in the changelog partition with the same
number as the input partition, written in the batch's transaction. This module is the
in-memory side: one dict per assigned partition, batch overlays that are applied only after
a commit, and eviction of customers with no event within the window (event time).

Only customers with an abusive message inside the window have state (see
:func:`worker.core.relationship.record`). Memory (``scripts/bench.py --only state``): such a
customer costs about 1 KB with one incident and three recent messages, 2.4 KB with one and
ten, and 10.6 KB at the default maxima (``relationship.max_incidents`` 50,
``relationship.max_recent`` 10).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timedelta

from worker.core.types import History

__all__ = ["CustomerHistories", "Overlay", "last_event_time"]


def last_event_time(history: History) -> datetime | None:
    times = [i.occurred_at for i in history.incidents] + [r[0] for r in history.recent]
    return max(times) if times else None


class Overlay(Mapping[str, History]):
    """One partition's history with a batch's writes kept apart until :meth:`apply`.

    ``store[key] = history`` writes; ``forget(key)`` deletes. The pipeline reads and
    writes through it like a dict.
    """

    def __init__(self, base: dict[str, History]) -> None:
        self.base = base
        self.writes: dict[str, History | None] = {}  # None: deleted

    def __getitem__(self, key: str) -> History:
        if key in self.writes:
            value = self.writes[key]
            if value is None:
                raise KeyError(key)
            return value
        return self.base[key]

    def __setitem__(self, key: str, value: History) -> None:
        # An empty history is nothing to keep: store it as a deletion (a tombstone).
        self.writes[key] = value if (value.incidents or value.recent) else None

    def forget(self, key: str) -> None:
        self.writes[key] = None

    def __iter__(self) -> Iterator[str]:
        yield from (k for k, v in self.writes.items() if v is not None)
        yield from (k for k in self.base if k not in self.writes)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def apply(self) -> None:
        for key, value in self.writes.items():
            if value is None:
                self.base.pop(key, None)
            else:
                self.base[key] = value


class CustomerHistories:
    """Histories of the customers of the assigned partitions."""

    def __init__(
        self,
        window: timedelta,
        *,
        sweep_interval_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.window = window
        self.sweep_interval_s = sweep_interval_s
        self._clock = clock
        self.partitions: dict[int, dict[str, History]] = {}
        self._stream_time: dict[int, datetime] = {}
        self._last_sweep: dict[int, float] = {}

    def overlay(self, partition: int) -> Overlay:
        return Overlay(self.partitions.setdefault(partition, {}))

    def load(self, partition: int, histories: dict[str, History]) -> None:
        """Install a partition's restored state."""
        self.partitions[partition] = histories
        times = [t for h in histories.values() if (t := last_event_time(h)) is not None]
        if times:
            self._stream_time[partition] = max(times)
        self._last_sweep[partition] = self._clock()

    def drop(self, partitions: Iterable[int]) -> None:
        """Forget revoked partitions (their new owner restores them from the changelog)."""
        for p in partitions:
            self.partitions.pop(p, None)
            self._stream_time.pop(p, None)
            self._last_sweep.pop(p, None)

    def observe(self, partition: int, occurred_at: datetime) -> None:
        """Advance the partition's stream time (the newest event time seen)."""
        current = self._stream_time.get(partition)
        if current is None or occurred_at > current:
            self._stream_time[partition] = occurred_at

    def expired(self, partition: int, overlay: Overlay) -> list[str]:
        """Customers with no event in the window, at most once per sweep interval."""
        now = self._clock()
        if now - self._last_sweep.get(partition, 0.0) < self.sweep_interval_s:
            return []
        self._last_sweep[partition] = now
        stream_time = self._stream_time.get(partition)
        if stream_time is None:
            return []
        horizon = stream_time - self.window
        return [
            key for key in overlay if (t := last_event_time(overlay[key])) is None or t <= horizon
        ]

    def customers(self) -> int:
        return sum(len(p) for p in self.partitions.values())
