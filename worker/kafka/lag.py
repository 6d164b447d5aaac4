"""Consumer lag, read off the loop thread.

A daemon thread wakes every :data:`LAG_INTERVAL_S`, asks the brokers for the end offsets
(the last stable offset: the clients read committed) and the group's committed offsets of
the assigned partitions through its own client, and sets ``triage_consumer_lag{partition}``.
A slow broker (one that just restarted can take ``request_timeout_ms`` to answer) only
delays the next reading: the loop never waits for it, and each read gives up after
:data:`READ_TIMEOUT_MS` (a warning; the next reading tries again). Before it was moved
here, the read ran in the loop, bounded to 2 s per call.
"""

from __future__ import annotations

import logging
import threading

from worker.kafka.partitions import Partitions
from worker.kafka.protocols import Clients, LagReader
from worker.metrics import Metrics

__all__ = ["LAG_INTERVAL_S", "LagThread"]

#: The loop's logger, as before these parts moved out of worker/service.py (log queries
#: filter on it).
logger = logging.getLogger("worker.service")

LAG_INTERVAL_S = 5.0
#: Bound on each read: without one, kafka-python retries a lookup of an unreachable
#: coordinator until it answers, and the gauge would go stale with nothing logged.
READ_TIMEOUT_MS = 2_000


class LagThread:
    """Start with :meth:`start`; :meth:`stop` ends the thread and closes its client."""

    def __init__(
        self,
        clients: Clients,
        partitions: Partitions,
        metrics: Metrics,
        *,
        interval_s: float = LAG_INTERVAL_S,
    ) -> None:
        self._clients = clients
        self._partitions = partitions
        self._metrics = metrics
        self._interval_s = interval_s
        #: How many readings completed (tests wait on it rather than sleeping).
        self.readings = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="triage-lag", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout_s: float = 1.0) -> None:
        """Ask the thread to end; it closes its client itself once a pending read returns."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout_s)

    def _run(self) -> None:
        reader: LagReader | None = None
        try:
            while not self._stop.wait(self._interval_s):
                try:
                    if reader is None:
                        reader = self._clients.lag_reader()
                    self.read_once(reader)
                    self.readings += 1
                except Exception as exc:  # noqa: BLE001 - lag is best effort
                    logger.warning(
                        "could not read consumer lag", extra={"fields": {"error": str(exc)}}
                    )
        finally:
            if reader is not None:
                try:
                    reader.close()
                except Exception as exc:  # noqa: BLE001
                    logger.debug("lag client close failed", extra={"fields": {"error": str(exc)}})

    def read_once(self, reader: LagReader) -> None:
        """Read the lag of every assigned partition and set its series."""
        assigned = self._partitions.snapshot()
        if not assigned:
            return
        timeout = READ_TIMEOUT_MS
        ends = reader.end_offsets(assigned, timeout_ms=timeout)
        committed = {tp: reader.committed(tp, timeout_ms=timeout) for tp in assigned}
        missing = [tp for tp, offset in committed.items() if offset is None]
        beginnings = reader.beginning_offsets(missing, timeout_ms=timeout) if missing else {}
        with self._partitions.lock:
            for tp in assigned:
                position = committed[tp]
                if position is None:
                    position = beginnings.get(tp)
                if position is not None and tp in ends and self._partitions.owns(tp):
                    self._metrics.set_lag(tp.partition, max(0, ends[tp] - position))
