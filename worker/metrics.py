"""Prometheus metrics of the triage worker, bound to an injected ``CollectorRegistry``.

Every label value is bounded and known up front, and every label set that can appear is
created at zero in the constructor, so dashboards and alerts never see "no data" for a
technique or a dead-letter reason that simply has not happened yet. The one open label is
``triage_consumer_lag{partition}``: partitions come and go with rebalances, so the service
sets them as they are assigned and calls :meth:`Metrics.remove_partition` on revocation.

Unknown label values raise ``ValueError``: a typo must fail loudly, not mint a new series.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from worker.core.types import ABUSE_KINDS
from worker.models import NEEDS_HUMAN_LANGUAGE, REVIEW_POSSIBLE_THREAT, TriageOut

__all__ = [
    "ABUSE_KINDS",
    "ANGER_LEVELS",
    "BATCH_SECONDS_BUCKETS",
    "BATCH_SIZE_BUCKETS",
    "COMMIT_SECONDS_BUCKETS",
    "MESSAGE_SECONDS_BUCKETS",
    "METRICS",
    "OUTCOMES",
    "POLITENESS_LEVELS",
    "RELATIONSHIP_ACTIONS",
    "REVIEW_REASONS",
    "SCORES",
    "SCORE_BUCKETS",
    "MetricSpec",
    "Metrics",
    "TriageSample",
]

#: ``triage_messages_total{outcome}``: skipped = agent/system messages, valid but not scored.
OUTCOMES: tuple[str, ...] = ("triaged", "skipped", "dead_lettered")
RELATIONSHIP_ACTIONS: tuple[str, ...] = ("continue", "monitor", "consider_ending")
SCORES: tuple[str, ...] = ("anger", "politeness", "abuse")
#: ``triage_reviews_total{reason}``: why a person must judge a message first (``review``).
REVIEW_REASONS: tuple[str, ...] = ("language", "possible_threat")
#: The tag (after the configured prefix) that carries each review reason.
_REVIEW_TAGS: tuple[tuple[str, str], ...] = (
    (NEEDS_HUMAN_LANGUAGE, "language"),
    (REVIEW_POSSIBLE_THREAT, "possible_threat"),
)
ANGER_LEVELS: tuple[str, ...] = ("none", "low", "medium", "high")
POLITENESS_LEVELS: tuple[str, ...] = ("rude", "neutral", "polite")

SCORE_BUCKETS: tuple[float, ...] = tuple(round(0.1 * i, 1) for i in range(1, 11))
MESSAGE_SECONDS_BUCKETS: tuple[float, ...] = (
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
)  # fmt: skip
BATCH_SECONDS_BUCKETS: tuple[float, ...] = (
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
)  # fmt: skip
COMMIT_SECONDS_BUCKETS: tuple[float, ...] = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
)  # fmt: skip
BATCH_SIZE_BUCKETS: tuple[float, ...] = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


@dataclass(frozen=True, slots=True)
class TriageSample:
    """What the metrics record of one triaged message (built by :meth:`of`)."""

    #: None (and the levels too) for a language the scorers do not cover: a human judges it.
    technique: str | None
    escalated: bool
    relationship: str
    abuse_kinds: tuple[str, ...]
    anger: float
    politeness: float
    abuse: float
    anger_level: str | None
    politeness_level: str | None
    #: Why a person must judge the message first (one of REVIEW_REASONS), or None.
    review: str | None = None

    @classmethod
    def of(cls, out: TriageOut) -> TriageSample | None:
        """The sample of a scored output; None for one that was not scored (skipped)."""
        if not (out.scored and out.scores and out.relationship):
            return None
        return cls(
            technique=out.technique.id if out.technique else None,
            escalated=out.escalation.required,
            review=_review_reason(out.tags),
            relationship=out.relationship.action,
            abuse_kinds=tuple(out.abuse.kinds) if out.abuse else (),
            anger=out.scores.anger,
            politeness=out.scores.politeness,
            abuse=out.scores.abuse,
            anger_level=out.levels.anger if out.levels else None,
            politeness_level=out.levels.politeness if out.levels else None,
        )


def _review_reason(tags: Sequence[str]) -> str | None:
    for suffix, reason in _REVIEW_TAGS:
        if any(tag.endswith(suffix) for tag in tags):
            return reason
    return None


def _check(kind: str, value: str, allowed: Collection[str]) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {kind} {value!r}; expected one of {sorted(allowed)}")
    return value


def _check_score(name: str, value: float) -> float:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise ValueError(f"{name} score {value!r} is outside [0, 1]")
    return value


def _check_count(name: str, value: int) -> int:
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


def _unique(kind: str, values: Sequence[str]) -> tuple[str, ...]:
    if isinstance(values, str):  # a bare string is a Sequence[str] of characters
        raise TypeError(f"{kind} must be a sequence of strings, not a string")
    out = tuple(dict.fromkeys(values))
    if not out or any(not v for v in out):
        raise ValueError(f"{kind} must be a non-empty sequence of non-empty strings")
    return out


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """One exposed metric: name (a counter's without ``_total``), help text, labels, buckets."""

    kind: Literal["counter", "gauge", "histogram"]
    name: str
    documentation: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] = ()


#: Every metric the worker exposes, in registration (and exposition) order.
METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("counter", "triage_records_consumed", "Kafka records polled from the input topic."),
    MetricSpec(
        "counter",
        "triage_messages",
        "Records finished, by outcome (skipped: agent/system message, valid, not scored).",
        ("outcome",),
    ),
    MetricSpec(
        "counter",
        "triage_dead_letter",
        "Records sent to the dead-letter topic, by reason.",
        ("reason",),
    ),
    MetricSpec(
        "counter",
        "triage_dead_letter_write_failures",
        "Dead letters the topic refused (too large, invalid); after a few in a row for "
        "the same record the worker exits non-zero.",
    ),
    MetricSpec("counter", "triage_escalations", "Tickets escalated to a manager for abuse."),
    MetricSpec(
        "counter",
        "triage_reviews",
        "Messages a person must judge first, by reason: language (one the scorers do not "
        "cover) or possible_threat (the threat model's near miss; no manager is called).",
        ("reason",),
    ),
    MetricSpec(
        "counter",
        "triage_techniques",
        "Primary de-escalation technique recommended, by technique id.",
        ("technique",),
    ),
    MetricSpec(
        "counter",
        "triage_relationship_actions",
        "Relationship status recommended for the customer.",
        ("action",),
    ),
    MetricSpec(
        "counter",
        "triage_abuse_kinds",
        "Triaged messages containing abuse of each kind aimed at a person.",
        ("kind",),
    ),
    MetricSpec(
        "histogram",
        "triage_score",
        "Distribution of the message scores in [0, 1].",
        ("score",),
        SCORE_BUCKETS,
    ),
    MetricSpec(
        "counter",
        "triage_levels",
        "Triaged messages by discrete level (anger: none..high; politeness: rude..polite).",
        ("score", "level"),
    ),
    MetricSpec(
        "histogram",
        "triage_message_processing_seconds",
        "Time to triage one record (decode, score, recommend).",
        buckets=MESSAGE_SECONDS_BUCKETS,
    ),
    MetricSpec(
        "histogram",
        "triage_batch_processing_seconds",
        "Time to process one polled batch, from poll return to commit.",
        buckets=BATCH_SECONDS_BUCKETS,
    ),
    MetricSpec(
        "histogram",
        "triage_transaction_commit_seconds",
        "Time to commit one Kafka transaction (offsets and outputs).",
        buckets=COMMIT_SECONDS_BUCKETS,
    ),
    MetricSpec(
        "histogram", "triage_batch_size", "Records per polled batch.", buckets=BATCH_SIZE_BUCKETS
    ),
    MetricSpec(
        "gauge",
        "triage_consumer_lag",
        "Records behind the partition's high watermark, per assigned input partition.",
        ("partition",),
    ),
    MetricSpec(
        "gauge", "triage_assigned_partitions", "Input partitions assigned to this consumer."
    ),
    MetricSpec(
        "gauge",
        "triage_last_commit_timestamp_seconds",
        "Unix time of the last successful transaction commit (0: none yet).",
    ),
    MetricSpec("gauge", "triage_ready", "1 when the worker is ready to process records, else 0."),
    MetricSpec("counter", "triage_rebalances", "Consumer group rebalances seen by this consumer."),
    MetricSpec(
        "counter",
        "triage_mis_keyed",
        "Records whose Kafka key differs from the event's customer_id.",
    ),
    MetricSpec(
        "gauge",
        "triage_build_info",
        "Always 1; labels carry the worker version and the hash of its configuration.",
        ("version", "config_hash"),
    ),
)


class Metrics:
    """The worker's metrics, all registered on ``registry``; the service calls the methods.

    The metrics are declared once, in :data:`METRICS`; the methods find them by name.
    """

    def __init__(
        self,
        registry: CollectorRegistry,
        *,
        technique_ids: Sequence[str],
        dead_letter_reasons: Sequence[str],
    ) -> None:
        self.technique_ids = _unique("technique_ids", technique_ids)
        self.dead_letter_reasons = _unique("dead_letter_reasons", dead_letter_reasons)
        self._counters: dict[str, Counter] = {}
        self._gauges: dict[str, Gauge] = {}
        self._histograms: dict[str, Histogram] = {}
        for spec in METRICS:
            self._register(spec, registry)
        self._create_label_sets()

    def _register(self, spec: MetricSpec, registry: CollectorRegistry) -> None:
        name, doc, labels = spec.name, spec.documentation, spec.labels
        if spec.kind == "counter":
            self._counters[name] = Counter(name, doc, labels, registry=registry)
        elif spec.kind == "gauge":
            self._gauges[name] = Gauge(name, doc, labels, registry=registry)
        else:
            self._histograms[name] = Histogram(
                name, doc, labels, buckets=spec.buckets, registry=registry
            )

    def _create_label_sets(self) -> None:
        """Every bounded label set exists at zero from the start."""
        c = self._counters
        for outcome in OUTCOMES:
            c["triage_messages"].labels(outcome=outcome)
        for reason in self.dead_letter_reasons:
            c["triage_dead_letter"].labels(reason=reason)
        for technique in self.technique_ids:
            c["triage_techniques"].labels(technique=technique)
        for action in RELATIONSHIP_ACTIONS:
            c["triage_relationship_actions"].labels(action=action)
        for reason in REVIEW_REASONS:
            c["triage_reviews"].labels(reason=reason)
        for kind in ABUSE_KINDS:
            c["triage_abuse_kinds"].labels(kind=kind)
        for score in SCORES:
            self._histograms["triage_score"].labels(score=score)
        for level in ANGER_LEVELS:
            c["triage_levels"].labels(score="anger", level=level)
        for level in POLITENESS_LEVELS:
            c["triage_levels"].labels(score="politeness", level=level)

    # -- records and outcomes -------------------------------------------------------------

    def record_consumed(self, n: int) -> None:
        """Count ``n`` records polled from the input topic."""
        self._counters["triage_records_consumed"].inc(_check_count("n", n))

    def record_outcome(self, outcome: str) -> None:
        """Count one record finished with ``outcome`` (triaged, skipped or dead_lettered)."""
        self._counters["triage_messages"].labels(outcome=_check("outcome", outcome, OUTCOMES)).inc()

    def record_dead_letter(self, reason: str) -> None:
        """Count one dead-lettered record by ``reason``; also counts outcome dead_lettered."""
        self._counters["triage_dead_letter"].labels(
            reason=_check("dead-letter reason", reason, self.dead_letter_reasons)
        ).inc()
        self._counters["triage_messages"].labels(outcome="dead_lettered").inc()

    def record_triage(self, sample: TriageSample) -> None:
        """Record one triaged message; also counts outcome triaged.

        ``technique`` and the levels are None for a message in a language the scorers do not
        cover (a human judges it): it counts as triaged, with no technique or level series.
        Everything is validated before anything is counted, so a bad value changes nothing.
        """
        technique, relationship = sample.technique, sample.relationship
        anger_level, politeness_level = sample.anger_level, sample.politeness_level
        if technique is not None:
            _check("technique", technique, self.technique_ids)
        _check("relationship action", relationship, RELATIONSHIP_ACTIONS)
        if sample.review is not None:
            _check("review reason", sample.review, REVIEW_REASONS)
        kinds = set(sample.abuse_kinds)
        for kind in kinds:
            _check("abuse kind", kind, ABUSE_KINDS)
        scores = {
            "anger": _check_score("anger", sample.anger),
            "politeness": _check_score("politeness", sample.politeness),
            "abuse": _check_score("abuse", sample.abuse),
        }
        if anger_level is not None:
            _check("anger level", anger_level, ANGER_LEVELS)
        if politeness_level is not None:
            _check("politeness level", politeness_level, POLITENESS_LEVELS)

        c = self._counters
        c["triage_messages"].labels(outcome="triaged").inc()
        if technique is not None:
            c["triage_techniques"].labels(technique=technique).inc()
        if sample.escalated:
            c["triage_escalations"].inc()
        if sample.review is not None:
            c["triage_reviews"].labels(reason=sample.review).inc()
        c["triage_relationship_actions"].labels(action=relationship).inc()
        for kind in kinds:
            c["triage_abuse_kinds"].labels(kind=kind).inc()
        for name, value in scores.items():
            self._histograms["triage_score"].labels(score=name).observe(value)
        if anger_level is not None:
            c["triage_levels"].labels(score="anger", level=anger_level).inc()
        if politeness_level is not None:
            c["triage_levels"].labels(score="politeness", level=politeness_level).inc()

    def record_dead_letter_failure(self) -> None:
        """Count one dead letter that could not be written."""
        self._counters["triage_dead_letter_write_failures"].inc()

    def record_mis_keyed(self) -> None:
        """Count one record whose Kafka key differs from its customer_id."""
        self._counters["triage_mis_keyed"].inc()

    # -- timings ----------------------------------------------------------------------------

    def observe_message_seconds(self, s: float) -> None:
        """Observe the time taken to triage one record."""
        self._histograms["triage_message_processing_seconds"].observe(s)

    def observe_batch(self, size: int, seconds: float) -> None:
        """Observe one polled batch: its record count and its processing time."""
        self._histograms["triage_batch_size"].observe(_check_count("size", size))
        self._histograms["triage_batch_processing_seconds"].observe(seconds)

    def observe_commit(self, seconds: float, at: float) -> None:
        """Observe one transaction commit's duration and remember its Unix time ``at``."""
        self._histograms["triage_transaction_commit_seconds"].observe(seconds)
        self._gauges["triage_last_commit_timestamp_seconds"].set(at)

    # -- consumer state ---------------------------------------------------------------------

    def set_lag(self, partition: int, lag: int) -> None:
        """Set the consumer lag of one assigned input partition."""
        self._gauges["triage_consumer_lag"].labels(
            partition=str(_check_count("partition", partition))
        ).set(_check_count("lag", lag))

    def remove_partition(self, partition: int) -> None:
        """Drop the lag series of a revoked partition (no-op when it is not there)."""
        self._gauges["triage_consumer_lag"].remove(str(_check_count("partition", partition)))

    def record_rebalance(self) -> None:
        """Count one consumer-group rebalance."""
        self._counters["triage_rebalances"].inc()

    def set_assigned(self, n: int) -> None:
        """Set how many input partitions are assigned to this consumer."""
        self._gauges["triage_assigned_partitions"].set(_check_count("n", n))

    def set_ready(self, ready: bool) -> None:
        """Set ``triage_ready`` to 1 or 0."""
        self._gauges["triage_ready"].set(1 if ready else 0)

    def set_build_info(self, version: str, config_hash: str) -> None:
        """Expose ``triage_build_info{version, config_hash} 1``, replacing any earlier one."""
        self._gauges["triage_build_info"].clear()
        self._gauges["triage_build_info"].labels(version=version, config_hash=config_hash).set(1)
