"""Unit tests for worker.metrics: names, zero-initialised label sets, bounded labels."""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client import CollectorRegistry, generate_latest

from worker.metrics import (
    ABUSE_KINDS,
    ANGER_LEVELS,
    OUTCOMES,
    POLITENESS_LEVELS,
    RELATIONSHIP_ACTIONS,
    REVIEW_REASONS,
    SCORES,
    Metrics,
    TriageSample,
)

TECHNIQUES = ("reflective-listening", "keep-calm", "dont-take-it-personally")
REASONS = (
    "invalid_utf8",
    "invalid_json",
    "schema_violation",
    "body_too_large",
    "unknown_schema_version",
    "engine_error",
)


@pytest.fixture(name="registry")
def _registry() -> CollectorRegistry:
    return CollectorRegistry()


@pytest.fixture(name="metrics")
def _metrics(registry: CollectorRegistry) -> Metrics:
    return Metrics(registry, technique_ids=TECHNIQUES, dead_letter_reasons=REASONS)


def triage_sample(**overrides: Any) -> TriageSample:
    kwargs: dict[str, Any] = {
        "technique": "keep-calm",
        "escalated": False,
        "relationship": "continue",
        "abuse_kinds": (),
        "anger": 0.55,
        "politeness": 0.3,
        "abuse": 0.05,
        "anger_level": "medium",
        "politeness_level": "rude",
    }
    kwargs.update(overrides)
    return TriageSample(**kwargs)


def value(registry: CollectorRegistry, name: str, **labels: str) -> float | None:
    return registry.get_sample_value(name, labels)


def test_every_bounded_label_set_exists_at_zero(registry: CollectorRegistry) -> None:
    """A new Metrics exposes every bounded label set at zero before anything happens."""
    Metrics(registry, technique_ids=TECHNIQUES, dead_letter_reasons=REASONS)
    expected: list[tuple[str, dict[str, str]]] = [("triage_records_consumed_total", {})]
    expected += [("triage_messages_total", {"outcome": o}) for o in OUTCOMES]
    expected += [("triage_dead_letter_total", {"reason": r}) for r in REASONS]
    expected += [("triage_techniques_total", {"technique": t}) for t in TECHNIQUES]
    expected += [("triage_relationship_actions_total", {"action": a}) for a in RELATIONSHIP_ACTIONS]
    expected += [("triage_abuse_kinds_total", {"kind": k}) for k in ABUSE_KINDS]
    expected += [("triage_reviews_total", {"reason": r}) for r in REVIEW_REASONS]
    expected += [("triage_score_count", {"score": s}) for s in SCORES]
    expected += [("triage_levels_total", {"score": "anger", "level": v}) for v in ANGER_LEVELS]
    expected += [
        ("triage_levels_total", {"score": "politeness", "level": v}) for v in POLITENESS_LEVELS
    ]
    expected += [
        ("triage_escalations_total", {}),
        ("triage_rebalances_total", {}),
        ("triage_mis_keyed_total", {}),
        ("triage_message_processing_seconds_count", {}),
        ("triage_batch_processing_seconds_count", {}),
        ("triage_transaction_commit_seconds_count", {}),
        ("triage_batch_size_count", {}),
        ("triage_assigned_partitions", {}),
        ("triage_last_commit_timestamp_seconds", {}),
        ("triage_ready", {}),
    ]
    actual = {
        (name, tuple(labels.items())): registry.get_sample_value(name, labels)
        for name, labels in expected
    }
    assert {key: 0.0 for key in actual} == actual


def test_levels_are_not_crossed_between_scores(registry: CollectorRegistry) -> None:
    """triage_levels_total only pairs anger with anger levels and politeness with its own."""
    Metrics(registry, technique_ids=TECHNIQUES, dead_letter_reasons=REASONS)
    assert None is value(registry, "triage_levels_total", score="anger", level="rude")
    assert None is value(registry, "triage_levels_total", score="politeness", level="high")


def test_record_consumed_adds_n(metrics: Metrics, registry: CollectorRegistry) -> None:
    """record_consumed adds the batch's record count."""
    metrics.record_consumed(3)
    metrics.record_consumed(0)
    metrics.record_consumed(4)
    assert 7.0 == value(registry, "triage_records_consumed_total")


def test_record_consumed_rejects_negative(metrics: Metrics) -> None:
    """A negative record count is a bug and raises ValueError."""
    with pytest.raises(ValueError, match="n must be >= 0"):
        metrics.record_consumed(-1)


def test_record_outcome_counts_by_outcome(metrics: Metrics, registry: CollectorRegistry) -> None:
    """record_outcome counts one message under its outcome label only."""
    metrics.record_outcome("skipped")
    metrics.record_outcome("skipped")
    actual = {o: value(registry, "triage_messages_total", outcome=o) for o in OUTCOMES}
    assert {"triaged": 0.0, "skipped": 2.0, "dead_lettered": 0.0} == actual


def test_record_outcome_rejects_unknown(metrics: Metrics, registry: CollectorRegistry) -> None:
    """An unknown outcome raises ValueError and creates no series."""
    with pytest.raises(ValueError, match="unknown outcome 'ignored'"):
        metrics.record_outcome("ignored")
    assert None is value(registry, "triage_messages_total", outcome="ignored")


def test_record_dead_letter_counts_reason_and_outcome(
    metrics: Metrics, registry: CollectorRegistry
) -> None:
    """record_dead_letter counts the reason and the dead_lettered outcome."""
    metrics.record_dead_letter("invalid_json")
    actual = (
        value(registry, "triage_dead_letter_total", reason="invalid_json"),
        value(registry, "triage_dead_letter_total", reason="engine_error"),
        value(registry, "triage_messages_total", outcome="dead_lettered"),
    )
    assert (1.0, 0.0, 1.0) == actual


def test_record_dead_letter_rejects_unknown_reason(
    metrics: Metrics, registry: CollectorRegistry
) -> None:
    """A reason not given to the constructor raises ValueError and counts nothing."""
    with pytest.raises(ValueError, match="unknown dead-letter reason 'cosmic_ray'"):
        metrics.record_dead_letter("cosmic_ray")
    assert 0.0 == value(registry, "triage_messages_total", outcome="dead_lettered")


def test_record_triage_counts_everything(metrics: Metrics, registry: CollectorRegistry) -> None:
    """record_triage counts outcome, technique, escalation, relationship, kinds, scores, levels."""
    metrics.record_triage(
        triage_sample(
            technique="dont-take-it-personally",
            escalated=True,
            relationship="monitor",
            abuse_kinds=["insult", "threat", "insult"],
            anger=0.85,
            politeness=0.05,
            abuse=0.95,
            anger_level="high",
            politeness_level="rude",
        )
    )
    actual = {
        "triaged": value(registry, "triage_messages_total", outcome="triaged"),
        "technique": value(
            registry, "triage_techniques_total", technique="dont-take-it-personally"
        ),
        "other technique": value(registry, "triage_techniques_total", technique="keep-calm"),
        "escalations": value(registry, "triage_escalations_total"),
        "monitor": value(registry, "triage_relationship_actions_total", action="monitor"),
        "insult": value(registry, "triage_abuse_kinds_total", kind="insult"),
        "threat": value(registry, "triage_abuse_kinds_total", kind="threat"),
        "slur": value(registry, "triage_abuse_kinds_total", kind="slur"),
        "anger<=0.8": value(registry, "triage_score_bucket", score="anger", le="0.8"),
        "anger<=0.9": value(registry, "triage_score_bucket", score="anger", le="0.9"),
        "anger sum": value(registry, "triage_score_sum", score="anger"),
        "abuse count": value(registry, "triage_score_count", score="abuse"),
        "politeness<=0.1": value(registry, "triage_score_bucket", score="politeness", le="0.1"),
        "anger high": value(registry, "triage_levels_total", score="anger", level="high"),
        "rude": value(registry, "triage_levels_total", score="politeness", level="rude"),
    }
    expected = {
        "triaged": 1.0,
        "technique": 1.0,
        "other technique": 0.0,
        "escalations": 1.0,
        "monitor": 1.0,
        "insult": 1.0,
        "threat": 1.0,
        "slur": 0.0,
        "anger<=0.8": 0.0,
        "anger<=0.9": 1.0,
        "anger sum": 0.85,
        "abuse count": 1.0,
        "politeness<=0.1": 1.0,
        "anger high": 1.0,
        "rude": 1.0,
    }
    assert expected == actual


def test_record_triage_without_escalation(metrics: Metrics, registry: CollectorRegistry) -> None:
    """A triaged message that is not escalated leaves the escalation counter alone."""
    metrics.record_triage(triage_sample())
    assert 0.0 == value(registry, "triage_escalations_total")


@pytest.mark.parametrize("reason", ["language", "possible_threat"])
def test_record_triage_counts_a_review_by_reason(
    metrics: Metrics, registry: CollectorRegistry, reason: str
) -> None:
    metrics.record_triage(triage_sample(review=reason))
    metrics.record_triage(triage_sample())
    for r in REVIEW_REASONS:
        assert (1.0 if r == reason else 0.0) == value(registry, "triage_reviews_total", reason=r)
    assert 2.0 == value(registry, "triage_messages_total", outcome="triaged")


def test_an_unknown_review_reason_changes_nothing(
    metrics: Metrics, registry: CollectorRegistry
) -> None:
    with pytest.raises(ValueError, match="review reason"):
        metrics.record_triage(triage_sample(review="gut_feeling"))
    assert 0.0 == value(registry, "triage_messages_total", outcome="triaged")


def test_the_sample_of_an_output_reads_the_review_from_its_tags() -> None:
    """The engine's outputs: a possible threat, a language not covered, neither."""
    from tests.unit.core.test_engine import triage

    cases = {
        "It's a long walk from your depot to the bus stop in the dark.": "possible_threat",
        "Das ist das dritte Mal, dass die Lieferung zu spät kommt, bitte erstatten Sie": "language",
        "Thanks for fixing the login so quickly!": None,
    }
    for text, reason in cases.items():
        sample = TriageSample.of(triage(text))
        assert sample is not None
        assert reason == sample.review, text


def test_record_triage_of_a_language_not_covered(
    metrics: Metrics, registry: CollectorRegistry
) -> None:
    """No technique and no levels (a human judges it): triaged and escalation still count,
    and no technique or level series moves."""
    metrics.record_triage(
        triage_sample(technique=None, anger_level=None, politeness_level=None, escalated=True)
    )
    assert 1.0 == value(registry, "triage_messages_total", outcome="triaged")
    assert 1.0 == value(registry, "triage_escalations_total")
    counted = [
        float(line.rsplit(" ", 1)[1])
        for line in generate_latest(registry).decode().splitlines()
        if line.startswith(("triage_techniques_total{", "triage_levels_total{"))
    ]
    assert counted
    assert sum(counted) == 0.0


def test_score_buckets_span_tenths(metrics: Metrics, registry: CollectorRegistry) -> None:
    """The score histogram has buckets 0.1 to 1.0 in steps of 0.1, plus +Inf."""
    metrics.record_triage(triage_sample(anger=1.0))
    text = generate_latest(registry).decode()
    actual = [
        line.split('le="')[1].split('"')[0]
        for line in text.splitlines()
        if line.startswith("triage_score_bucket{") and 'score="anger"' in line
    ]
    expected = ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0", "+Inf"]
    assert expected == actual


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"technique": "hug-it-out"}, "unknown technique 'hug-it-out'"),
        ({"relationship": "ban"}, "unknown relationship action 'ban'"),
        ({"abuse_kinds": ["insult", "sarcasm"]}, "unknown abuse kind 'sarcasm'"),
        ({"anger_level": "extreme"}, "unknown anger level 'extreme'"),
        ({"politeness_level": "high"}, "unknown politeness level 'high'"),
        ({"anger": 1.5}, "anger score 1.5 is outside"),
        ({"politeness": -0.1}, "politeness score -0.1 is outside"),
        ({"abuse": float("nan")}, "abuse score nan is outside"),
    ],
)
def test_record_triage_rejects_bad_values_atomically(
    metrics: Metrics, registry: CollectorRegistry, override: dict[str, Any], message: str
) -> None:
    """A bad label value or score raises ValueError before any counter moves."""
    before = generate_latest(registry)
    with pytest.raises(ValueError, match=message):
        metrics.record_triage(triage_sample(**override))
    assert before == generate_latest(registry)


def test_message_seconds_histogram(metrics: Metrics, registry: CollectorRegistry) -> None:
    """observe_message_seconds fills the per-message latency histogram."""
    metrics.observe_message_seconds(0.003)
    actual = (
        value(registry, "triage_message_processing_seconds_bucket", le="0.0025"),
        value(registry, "triage_message_processing_seconds_bucket", le="0.005"),
        value(registry, "triage_message_processing_seconds_count"),
    )
    assert (0.0, 1.0, 1.0) == actual


def test_observe_batch(metrics: Metrics, registry: CollectorRegistry) -> None:
    """observe_batch records both the batch size and its processing time."""
    metrics.observe_batch(42, 0.2)
    actual = (
        value(registry, "triage_batch_size_bucket", le="20.0"),
        value(registry, "triage_batch_size_bucket", le="50.0"),
        value(registry, "triage_batch_size_sum"),
        value(registry, "triage_batch_processing_seconds_bucket", le="0.25"),
        value(registry, "triage_batch_processing_seconds_sum"),
    )
    assert (0.0, 1.0, 42.0, 1.0, 0.2) == actual


def test_observe_commit_sets_last_commit_time(
    metrics: Metrics, registry: CollectorRegistry
) -> None:
    """observe_commit records the commit latency and the Unix time of the commit."""
    metrics.observe_commit(0.012, at=1_700_000_000.5)
    actual = (
        value(registry, "triage_transaction_commit_seconds_count"),
        value(registry, "triage_transaction_commit_seconds_sum"),
        value(registry, "triage_last_commit_timestamp_seconds"),
    )
    assert (1.0, 0.012, 1_700_000_000.5) == actual


def test_lag_per_partition_and_removal(metrics: Metrics, registry: CollectorRegistry) -> None:
    """set_lag keeps one series per partition and remove_partition drops it."""
    metrics.set_lag(0, 10)
    metrics.set_lag(3, 7)
    metrics.set_lag(0, 4)
    metrics.remove_partition(3)
    metrics.remove_partition(9)  # never assigned: no error
    actual = (
        value(registry, "triage_consumer_lag", partition="0"),
        value(registry, "triage_consumer_lag", partition="3"),
    )
    assert (4.0, None) == actual


def test_lag_rejects_negative(metrics: Metrics) -> None:
    """Negative partitions or lags are bugs and raise ValueError."""
    with pytest.raises(ValueError, match="lag must be >= 0"):
        metrics.set_lag(0, -1)
    with pytest.raises(ValueError, match="partition must be >= 0"):
        metrics.set_lag(-1, 0)


def test_consumer_state_gauges_and_counters(metrics: Metrics, registry: CollectorRegistry) -> None:
    """Assigned partitions, readiness, rebalances and mis-keyed records are exposed."""
    metrics.set_assigned(3)
    metrics.set_ready(True)
    metrics.record_rebalance()
    metrics.record_rebalance()
    metrics.record_mis_keyed()
    actual = (
        value(registry, "triage_assigned_partitions"),
        value(registry, "triage_ready"),
        value(registry, "triage_rebalances_total"),
        value(registry, "triage_mis_keyed_total"),
    )
    assert (3.0, 1.0, 2.0, 1.0) == actual
    metrics.set_ready(False)
    assert 0.0 == value(registry, "triage_ready")


def test_build_info_replaces_previous(metrics: Metrics, registry: CollectorRegistry) -> None:
    """set_build_info exposes exactly one build_info series with value 1."""
    metrics.set_build_info("0.1.0", "aaaa")
    metrics.set_build_info("0.2.0", "bbbb")
    actual = (
        value(registry, "triage_build_info", version="0.1.0", config_hash="aaaa"),
        value(registry, "triage_build_info", version="0.2.0", config_hash="bbbb"),
    )
    assert (None, 1.0) == actual


def test_registries_are_independent() -> None:
    """Two Metrics on two registries do not share state (nothing touches the global one)."""
    first, second = CollectorRegistry(), CollectorRegistry()
    Metrics(first, technique_ids=TECHNIQUES, dead_letter_reasons=REASONS).record_consumed(5)
    Metrics(second, technique_ids=TECHNIQUES, dead_letter_reasons=REASONS)
    actual = (
        first.get_sample_value("triage_records_consumed_total"),
        second.get_sample_value("triage_records_consumed_total"),
    )
    assert (5.0, 0.0) == actual


@pytest.mark.parametrize(
    ("techniques", "reasons", "error"),
    [
        ((), REASONS, ValueError),
        (TECHNIQUES, (), ValueError),
        (TECHNIQUES, ("ok", ""), ValueError),
        ("keep-calm", REASONS, TypeError),
    ],
)
def test_constructor_rejects_empty_or_bare_string(
    registry: CollectorRegistry, techniques: Any, reasons: Any, error: type[Exception]
) -> None:
    """Label vocabularies must be non-empty sequences of non-empty strings."""
    with pytest.raises(error):
        Metrics(registry, technique_ids=techniques, dead_letter_reasons=reasons)


def test_all_names_follow_conventions(metrics: Metrics, registry: CollectorRegistry) -> None:
    """Every family is triage_*, and counters are exposed with the _total suffix."""
    families = list(registry.collect())
    bad_prefix = [f.name for f in families if not f.name.startswith("triage_")]
    counters_without_total = [
        s.name
        for f in families
        if f.type == "counter"
        for s in f.samples
        if not (s.name.endswith("_total") or s.name.endswith("_created"))
    ]
    assert ([], []) == (bad_prefix, counters_without_total)


def test_dead_letter_write_failures_start_at_zero_and_count(
    metrics: Metrics, registry: CollectorRegistry
) -> None:
    assert 0.0 == value(registry, "triage_dead_letter_write_failures_total")
    metrics.record_dead_letter_failure()
    metrics.record_dead_letter_failure()
    assert 2.0 == value(registry, "triage_dead_letter_write_failures_total")


def test_the_operations_guide_lists_every_metric_with_its_type() -> None:
    """docs/operations.md's metric table names exactly the METRICS (a counter with its
    ``_total``), each with its type, so an operator's reference cannot drift from the code."""
    import re
    from pathlib import Path

    from worker.metrics import METRICS

    page = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text()
    table = page.split("| name | type | labels | meaning |", 1)[1].split("\n\n", 1)[0]
    documented = dict(re.findall(r"(?m)^\| `(triage_[a-z_]+)` \| ([a-z]+)", table))
    expected = {s.name + ("_total" if s.kind == "counter" else ""): s.kind for s in METRICS}
    assert expected == documented
