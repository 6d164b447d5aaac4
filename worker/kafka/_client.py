"""Import kafka-python once, quietly: 3.0.x uses importlib.resources APIs that Python 3.11
deprecates, which would be noise in logs (and an error under ``-W error``)."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "(open|read)_text is deprecated", DeprecationWarning)
    import kafka.errors as Errors  # noqa: N812
    from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
    from kafka.admin import NewTopic
    from kafka.consumer.subscription_state import ConsumerRebalanceListener
    from kafka.coordinator.assignors.cooperative_sticky import CooperativeStickyAssignor
    from kafka.coordinator.assignors.range import RangePartitionAssignor
    from kafka.coordinator.assignors.roundrobin import RoundRobinPartitionAssignor
    from kafka.producer.transaction_manager import FindCoordinatorHandler
    from kafka.protocol.metadata import CoordinatorType
    from kafka.record.default_records import DefaultRecordBatchBuilder
    from kafka.structs import OffsetAndMetadata

__all__ = [
    "ConsumerRebalanceListener",
    "CooperativeStickyAssignor",
    "CoordinatorType",
    "DefaultRecordBatchBuilder",
    "Errors",
    "FindCoordinatorHandler",
    "KafkaAdminClient",
    "KafkaConsumer",
    "KafkaProducer",
    "NewTopic",
    "OffsetAndMetadata",
    "RangePartitionAssignor",
    "RoundRobinPartitionAssignor",
    "TopicPartition",
]
