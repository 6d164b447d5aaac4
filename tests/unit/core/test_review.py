"""Possible threats for a human: the threat head's near misses get ``review`` and a tag.

A message the learned threat head scores at or above ``escalation.review_threat_from``
(config/triage.yaml) and under the probability at which it escalates is flagged for a person
to read first; no manager is called. The sentences below were written for these tests.
"""

from __future__ import annotations

import pytest

from tests.conftest import CONFIG_DIR
from tests.unit.core.test_engine import ENGINE, NOW, event, triage
from worker.core.prepare import prepare
from worker.core.rules import EngineConfig, EscalationConfig
from worker.core.text import analyse
from worker.core.threats import ThreatFramesConfig
from worker.core.triage import Engine
from worker.core.types import History
from worker.rules import load_rules

TAG = "triage_review_possible_threat"
REVIEW_FROM = ENGINE.config.triage.escalation.review_threat_from
FRAMES = ENGINE._abuse._frames  # the head's own reading, to compare with


def head_p(text: str) -> float:
    """The threat head's best probability for ``text`` when nothing fired (else -1)."""
    assert FRAMES is not None
    doc = analyse(prepare(text).text)
    heard = FRAMES.read(doc.text, doc.words)
    return heard.near.p if heard.near is not None else -1.0


#: Menacing without a word the frames know: today the head scores each under its escalation
#: threshold and over the review threshold (a refit may move one over its threshold: stop 23's
#: escalated "Nice little depot you've got there. Plenty of dry wood round the back."; stop 43's
#: lower threshold, 0.875, escalates "Your shop, my friends, Saturday night. Think about it."
#: and "Lovely van your engineer drives. Shame it's parked on such a dark street.").
#: Stop 63's head scores "Your manager drives a blue Audi, doesn't he." under the review
#: threshold (0.55): replaced by another of the kind.
NEAR_MISSES = [
    "It's a long walk from your depot to the bus stop in the dark.",
    "Your driver always takes the back lane, quiet spot that.",
]

#: Near misses at stop 49 that the threshold of stop 50 (0.85) escalates: waiting for an agent
#: at the end of her shift is stalking (issue 11: "waiting for them" always escalates).
ESCALATED_SINCE_STOP_50 = ["Your advisor finishes at six, doesn't she. I'll be around."]

#: Everyday help-desk messages: no review.
ORDINARY = [
    "Thanks for fixing the login so quickly!",
    "My order is late again, this is ridiculous.",
    "I'll be by the office on Monday to pick up my documents.",
    "I know where your branch is, I'll bring the form in tomorrow morning.",
    "If this isn't refunded by Friday I'm going to my bank for a chargeback.",
    "Kill the old subscription please, I moved to the annual plan.",
    "See you at the demo on Thursday, looking forward to it.",
]


def test_the_shipped_review_threshold_is_under_the_escalation_threshold() -> None:
    assert FRAMES is not None and FRAMES.threshold is not None
    assert REVIEW_FROM is not None
    assert 0 < REVIEW_FROM < FRAMES.threshold


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_is_flagged_for_a_human_and_not_escalated(text: str) -> None:
    assert REVIEW_FROM is not None
    p = head_p(text)
    assert p >= REVIEW_FROM, f"head p {p:.3f} under the review threshold"
    out = triage(text)
    assert not out.escalation.required
    assert out.review is not None and out.review.startswith("possible threat")
    assert f"p={p:.2f}" in out.review
    assert TAG in out.tags
    assert out.technique is not None and out.levels is not None  # nothing else changes


@pytest.mark.parametrize("text", ORDINARY)
def test_an_ordinary_message_is_not_flagged(text: str) -> None:
    out = triage(text)
    assert out.review is None
    assert TAG not in out.tags
    assert not out.escalation.required


def test_an_escalated_threat_is_not_also_flagged() -> None:
    out = triage("I know where you live and I'll be waiting outside tonight.")
    assert out.escalation.required
    assert out.review is None
    assert TAG not in out.tags


def test_the_review_never_quotes_the_text() -> None:
    text = NEAR_MISSES[0]
    out = triage(text)
    assert out.review is not None
    for word in ("walk", "depot", "dark"):
        assert word not in out.review


def test_a_quoted_threat_from_someone_else_is_not_flagged() -> None:
    # The head reads the customer's own words: quoted spans are blanked first.
    out = triage('Your courier told my neighbour "your shop, my friends, Saturday night".')
    assert TAG not in out.tags


def _with_review(config: EngineConfig, review: float | None) -> EngineConfig:
    escalation = EscalationConfig(review_threat_from=review)
    triage_config = config.triage.model_copy(update={"escalation": escalation})
    return config.model_copy(update={"triage": triage_config})


def test_null_turns_the_flag_off() -> None:
    engine = Engine(_with_review(load_rules(CONFIG_DIR), None))
    out, _ = engine.triage(event(NEAR_MISSES[0]), History(), NOW)
    assert out.review is None
    assert TAG not in out.tags


def test_a_review_threshold_at_or_over_the_escalation_threshold_is_refused() -> None:
    assert FRAMES is not None and FRAMES.threshold is not None
    with pytest.raises(ValueError, match="review_threat_from"):
        Engine(_with_review(load_rules(CONFIG_DIR), FRAMES.threshold))


def test_the_config_range_is_checked() -> None:
    with pytest.raises(ValueError):
        EscalationConfig(review_threat_from=1.0)
    with pytest.raises(ValueError):
        EscalationConfig(review_threat_from=0.0)


def _with_model_threshold(config: EngineConfig, threshold: float) -> EngineConfig:
    frames = config.abuse.threat_frames
    assert frames is not None
    abuse = config.abuse.model_copy(
        update={"threat_frames": frames.model_copy(update={"model_threshold": threshold})}
    )
    return config.model_copy(update={"abuse": abuse})


#: Written for this test: the shipped head scores it between 0.8 and the shipped threshold
#: (stop 35's "It would be a pity if your receptionist had an accident on the stairs one of
#: these days." went over it with stop 36's head, and stop 43's "I hope your manager looks both
#: ways when he crosses the road." with the threshold lowered to 0.875: both escalate).
#: Stop 63: the head refitted scores stop 50's text ("It's a long walk from your depot to the
#: bus stop in the dark.") at 0.68, under 0.8, so another in the band stands here.
BETWEEN = "Your manager drives a blue Audi, doesn't he. Lovely car."


def test_a_lower_model_threshold_escalates_what_was_a_near_miss() -> None:
    assert FRAMES is not None and FRAMES.threshold is not None
    assert 0.8 <= head_p(BETWEEN) < FRAMES.threshold
    shipped = triage(BETWEEN)
    assert not shipped.escalation.required and shipped.review is not None
    engine = Engine(_with_model_threshold(load_rules(CONFIG_DIR), 0.8))
    out, _ = engine.triage(event(BETWEEN), History(), NOW)
    assert out.escalation.required and out.abuse.kinds == ["threat"]
    assert out.review is None and TAG not in out.tags
    # Ordinary messages stay as they were.
    calm, _ = engine.triage(event("Thanks, the replacement arrived today."), History(), NOW)
    assert not calm.escalation.required


def test_a_model_threshold_at_or_under_the_review_threshold_is_refused() -> None:
    assert REVIEW_FROM is not None
    with pytest.raises(ValueError, match="review_threat_from"):
        Engine(_with_model_threshold(load_rules(CONFIG_DIR), REVIEW_FROM))


@pytest.mark.parametrize("text", ESCALATED_SINCE_STOP_50)
def test_a_near_miss_of_stop_49_now_escalates(text: str) -> None:
    assert FRAMES is not None and FRAMES.threshold is not None
    out = triage(text)
    assert out.escalation.required and out.abuse.kinds == ["threat"]
    assert out.review is None
    (cue,) = (c for c in out.evidence.abuse if c.startswith("threat_frame:model:p="))
    p = float(cue.split("=")[1].split(":")[0])
    assert FRAMES.threshold <= p < 0.875


def test_the_heads_reading_of_a_gap_left_by_reported_words_is_no_threat() -> None:
    """Stop 50: the order someone gave ("told my husband to shut up and go") is blanked as
    reported speech; the threat head then read what was left ("Your driver told my husband
    to ... inside.") at p 0.87. Blanking only takes abuse away: under a threshold of 0.8
    the message is still not escalated, and an own insult after it still is."""
    engine = Engine(_with_model_threshold(load_rules(CONFIG_DIR), 0.8))
    reported, _ = engine.triage(
        event("Your driver told my husband to shut up and go inside."), History(), NOW
    )
    assert not reported.escalation.required
    assert "reported_speech" in reported.evidence.abuse
    own, _ = engine.triage(
        event("Your driver told my husband to shut up and go inside, you idiot."), History(), NOW
    )
    assert own.escalation.required and "insult" in own.abuse.kinds


def test_model_threshold_is_checked() -> None:
    frames = load_rules(CONFIG_DIR).abuse.threat_frames
    # shipped since stop 63 (0.85 at stops 50-62, 0.875 at stops 43-49): under the one
    # fitted with the head (docs/quality.md)
    assert frames is not None and frames.model_threshold == 0.83
    assert FRAMES is not None and FRAMES.model is not None
    assert frames.model_threshold < FRAMES.model.threshold
    raw = frames.model_dump()
    for bad in (0.0, 1.0, 1.5):
        with pytest.raises(ValueError):
            ThreatFramesConfig.model_validate({**raw, "model_threshold": bad})
    with pytest.raises(ValueError, match="model is null"):
        ThreatFramesConfig.model_validate({**raw, "model_threshold": 0.8, "model": None})


def test_a_frame_its_own_words_cancelled_needs_the_fitted_threshold() -> None:
    """A safety warning whose words cancel a premises frame ("a fire at your depot ... these
    chargers") is not escalated by the head between the shipped threshold and the fitted
    one; the same words with no cancelled frame, read by the head as high, would be."""
    # Stop 63: "... at your store if you keep selling these chargers." scores 0.82 with the
    # refitted head, under the shipped threshold, and "keep selling" is now an excuse for the
    # head (a product's danger to its buyers); stacking chargers keeps the test's point.
    text = "There will be a fire at your depot if you keep stacking these chargers by the door."
    assert FRAMES is not None and FRAMES.model is not None and FRAMES.threshold is not None
    doc = analyse(prepare(text).text)
    labels, _, near = FRAMES.read(doc.text, doc.words)
    assert labels == () and near is not None
    assert FRAMES.threshold <= near.p < FRAMES.model.threshold
    assert not triage(text).escalation.required
