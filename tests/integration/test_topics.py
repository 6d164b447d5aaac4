"""``topics create`` against the real broker: it returns once the topics it names are served
(a leader on every partition), and says which are not."""

from __future__ import annotations

import uuid

from kafka.admin import KafkaAdminClient

from worker.kafka.topics import create_topics, wait_for_leaders
from worker.settings import WorkerSettings


def _settings(bootstrap: str) -> WorkerSettings:
    tag = uuid.uuid4().hex[:12]
    names = ("input", "output", "escalations", "dead_letter", "changelog")
    return WorkerSettings(
        kafka={"bootstrap_servers": bootstrap},
        topics={name: f"{name}-{tag}" for name in names},
    )


def test_created_topics_are_served_when_it_returns(bootstrap: str) -> None:
    """Each of the five topics has its partitions, each with a leader, as soon as it returns;
    a second run leaves them alone."""
    settings = _settings(bootstrap)

    first = create_topics(settings, partitions=3)
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="test-topics")
    try:
        described = admin.describe_topics(list(first))
    finally:
        admin.close()
    second = create_topics(settings, partitions=3)

    assert ["created (3 partitions)"] * 5 == list(first.values())
    assert [[True] * 3] * 5 == [[p["leader_id"] >= 0 for p in t["partitions"]] for t in described]
    assert ["exists"] * 5 == list(second.values())


def test_wait_names_the_topics_not_served(bootstrap: str, topic_factory) -> None:
    """A missing topic, or one with fewer partitions than expected, is returned after the
    timeout; an existing topic of any partition count (None) is served."""
    served = topic_factory(partitions=2)
    missing = f"missing-{uuid.uuid4().hex}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="test-topics")
    try:
        waiting = wait_for_leaders(admin, {served: None, missing: 1}, timeout_s=0.5)
        short = wait_for_leaders(admin, {served: 3}, timeout_s=0.5)
        exact = wait_for_leaders(admin, {served: 2}, timeout_s=0.5)
    finally:
        admin.close()

    assert ([missing], [served], []) == (waiting, short, exact)
