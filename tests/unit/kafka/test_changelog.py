"""kafka.changelog without a broker: applying changelog records, the co-partition check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from worker.core.history_codec import encode_history
from worker.core.types import AbuseIncident, History
from worker.errors import FatalKafkaError
from worker.kafka import changelog
from worker.settings import WorkerSettings

T0 = datetime(2026, 11, 1, tzinfo=UTC)
ONE = History(incidents=(AbuseIncident("e1", T0),))
TWO = History(incidents=(AbuseIncident("e1", T0), AbuseIncident("e2", T0)))


@dataclass
class Record:
    key: bytes | None
    value: bytes | None
    topic: str = "triage.customer-history"
    partition: int = 0
    offset: int = 0
    timestamp: int = 0
    headers: object = ()


def test_records_apply_in_order_the_latest_value_winning() -> None:
    state: dict[str, History] = {}
    records = [Record(b"a", encode_history(ONE)), Record(b"b", encode_history(ONE))]
    records.append(Record(b"a", encode_history(TWO)))
    assert 0 == changelog._apply(state, records)
    assert {"a": TWO, "b": ONE} == state


def test_a_tombstone_deletes_even_a_customer_never_seen() -> None:
    state = {"a": ONE}
    assert 0 == changelog._apply(state, [Record(b"a", None), Record(b"zz", None)])
    assert {} == state


def test_unreadable_values_are_counted_and_skipped_keyless_records_ignored() -> None:
    """One bad value does not stop the restore; the customer keeps what it had."""
    state = {"a": ONE}
    records = [Record(b"a", b"not a history"), Record(None, encode_history(TWO))]
    assert 1 == changelog._apply(state, records)
    assert {"a": ONE} == state


class FakeConsumer:
    def __init__(self, partitions: dict[str, set[int]]) -> None:
        self._partitions = partitions

    def partitions_for_topic(self, topic: str) -> set[int] | None:
        return self._partitions.get(topic)


def test_co_partitioned_topics_give_the_partition_count() -> None:
    settings = WorkerSettings()
    consumer = FakeConsumer(
        {settings.topics.input: {0, 1, 2}, settings.topics.changelog: {0, 1, 2}}
    )
    assert 3 == changelog.check_copartitioned(settings, consumer)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changelog_partitions", "message"),
    [
        (None, "does not exist: create it compacted with 3 partitions"),
        ({0, 1}, "has 3 partitions but changelog 'triage.customer-history' has 2"),
    ],
)
def test_a_missing_or_differently_partitioned_changelog_is_fatal(
    changelog_partitions: set[int] | None, message: str
) -> None:
    """History would be read from the wrong partition: stop rather than guess."""
    settings = WorkerSettings()
    partitions = {settings.topics.input: {0, 1, 2}}
    if changelog_partitions is not None:
        partitions[settings.topics.changelog] = changelog_partitions
    with pytest.raises(FatalKafkaError, match=message):
        changelog.check_copartitioned(settings, FakeConsumer(partitions))  # type: ignore[arg-type]


def test_restoring_no_partitions_needs_no_broker() -> None:
    assert {} == changelog.restore(WorkerSettings(), [])
