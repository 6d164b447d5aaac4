"""Unit tests for the politeness scorer on example support messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from worker.core.politeness import PolitenessConfig, PolitenessScorer
from worker.core.sentiment import Sarcasm, SarcasmCues, Vader
from worker.core.text import analyse
from worker.core.triage import Engine
from worker.core.types import Score
from worker.rules import load_rules

QUESTION = "How do I change the email address on my account?"


@pytest.fixture(name="raw", scope="module")
def _raw(config_dir: Path) -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load((config_dir / "politeness.yaml").read_text("utf-8"))
    raw["weights"] = json.loads((config_dir / "politeness.weights.json").read_text("utf-8"))
    return raw


@pytest.fixture(name="scorer", scope="module")
def _scorer(raw: dict[str, Any]) -> PolitenessScorer:
    return PolitenessScorer(PolitenessConfig.model_validate(raw))


@pytest.fixture(name="vader", scope="module")
def _vader() -> Vader:
    return Vader()


@pytest.fixture(name="sarcasm", scope="module")
def _sarcasm(config_dir: Path) -> Sarcasm:
    raw = yaml.safe_load((config_dir / "sarcasm.yaml").read_text("utf-8"))
    return Sarcasm(SarcasmCues.model_validate(raw))


@pytest.fixture(name="score")
def _score(scorer: PolitenessScorer, vader: Vader, sarcasm: Sarcasm) -> Any:
    """Score a text as the engine does (its sarcasm cue found once, then passed in)."""

    def score(text: str) -> Score:
        doc = analyse(text)
        return scorer.score(doc, vader.sentiment(text), sarcasm.find(doc))

    return score


def _level(scorer: PolitenessScorer, score: Any, text: str) -> str:
    return scorer.level(score(text).value)


def test_plain_question_is_neutral(score: Any, scorer: PolitenessScorer) -> None:
    """A plain how-to question with no politeness strategy is neutral."""
    assert "neutral" == _level(scorer, score, QUESTION)


def test_greeting_hedge_and_thanks_is_polite(score: Any, scorer: PolitenessScorer) -> None:
    """A greeting, "could you" and "thanks" make a request polite."""
    text = "Hi, could you tell me how to change the email address on my account? Thanks!"
    assert "polite" == _level(scorer, score, text)


def test_polite_strategy_cues(score: Any) -> None:
    """The strategies used are reported as cues."""
    text = "Hello, would you mind checking my order when you get a chance? Many thanks."
    expected = {"strategy:greeting", "strategy:would_you_mind", "strategy:gratitude"}
    assert expected <= set(score(text).cues)


def test_apology_and_hedge_are_polite(score: Any, scorer: PolitenessScorer) -> None:
    """Apologising and hedging ("could you possibly") read as polite."""
    text = "Sorry to bother you, but could you possibly resend the invoice?"
    assert "polite" == _level(scorer, score, text)


def test_direct_command_is_curt_and_a_demand_is_rude(score: Any, scorer: PolitenessScorer) -> None:
    """A bare imperative is below neutral and flagged as a direct command; an insulting
    demand is rude."""
    curt = score("Send me the invoice.")
    demand = score("Send me the invoice NOW, you useless people!!!")
    assert curt.value < 0.5
    assert "strategy:direct_command" in curt.cues
    assert "rude" == scorer.level(demand.value)


def test_indirect_request_beats_command(score: Any) -> None:
    """An indirect "could you" request is more polite than a bare command."""
    assert score("Could you send me the invoice?").value > score("Send me the invoice.").value


def test_would_you_mind_beats_can_you(score: Any) -> None:
    """A "would you mind" request is more polite than a plain "can you"."""
    soft = score("Would you mind resending the invoice?").value
    plain = score("Can you resend the invoice?").value
    assert soft > plain


def test_you_demand_is_rude(score: Any, scorer: PolitenessScorer) -> None:
    """A demand opening with "you" ("You need to refund me immediately.") is rude."""
    result = score("You need to refund me immediately.")
    assert "rude" == scorer.level(result.value)
    assert {"strategy:you_demand", "strategy:second_person_start"} <= set(result.cues)


def test_rhetorical_question_is_rude(score: Any, scorer: PolitenessScorer) -> None:
    """A rhetorical "why is it so hard" question aimed at "you people" is rude."""
    text = "Why is it so hard to get a simple answer from you people?"
    assert "rude" == _level(scorer, score, text)


def test_please_thank_you_raises_politeness(score: Any) -> None:
    """Adding "please, thank you" raises politeness."""
    assert score("Please, thank you. " + QUESTION).value > score(QUESTION).value


def test_shouting_lowers_politeness(score: Any) -> None:
    """Adding "!!! THIS IS RIDICULOUS" lowers politeness."""
    base = "My invoice shows the wrong amount."
    assert score(base + "!!! THIS IS RIDICULOUS").value < score(base).value


def test_levels(scorer: PolitenessScorer) -> None:
    """Values map to rude / neutral / polite at the configured thresholds."""
    assert ["rude", "neutral", "neutral", "polite"] == [
        scorer.level(v) for v in (0.1, 0.4, 0.5, 0.6)
    ]


def test_empty_message_is_neutral(score: Any, scorer: PolitenessScorer) -> None:
    """An empty message scores exactly the neutral 0.5 without cues."""
    assert Score(0.5, ()) == score("")
    assert "neutral" == scorer.level(0.5)


def test_unordered_levels_are_rejected(raw: dict[str, Any]) -> None:
    """A rude threshold above the polite one is a configuration error."""
    with pytest.raises(ValidationError, match="rude < polite"):
        PolitenessConfig.model_validate({**raw, "levels": {"rude": 0.7, "polite": 0.6}})


def test_unknown_strategy_weight_is_rejected(raw: dict[str, Any]) -> None:
    """A weight for an unknown strategy is a configuration error."""
    with pytest.raises(ValidationError, match="unknown politeness features"):
        PolitenessConfig.model_validate({**raw, "hand_weights": {"flattery": 1.0}})


def test_long_single_char_runs_are_fast(score: Any) -> None:
    """100k-character runs of one character score in [0, 1] (linear-time scoring)."""
    for ch in "a!? .\n*A":
        assert 0.0 <= score(ch * 100_000).value <= 1.0


@given(text=st.text(max_size=300))
def test_value_in_unit_interval(scorer: PolitenessScorer, vader: Vader, text: str) -> None:
    """Any text scores in [0, 1] and scores the same twice."""
    first = scorer.score(analyse(text), vader.sentiment(text))
    assert 0.0 <= first.value <= 1.0
    assert first == scorer.score(analyse(text), vader.sentiment(text))


SARCASTIC = (
    "Oh great, another update that breaks everything.",
    "Thanks a lot for the quick fix that broke three other things.",
    "Just perfect. The printer is down again.",
    "Wonderful, the app crashed in the middle of my payment.",
    "Surprise surprise, the engineer is a no-show.",
    "Thanks so much for charging me twice for one cushion.",
    "Brilliant, nobody has called me back in a week.",
    "Heaven forbid anyone reads my emails before replying.",
    "Thanks a lot for nothing.",
    "Cheers for nothing, I'll sort it myself.",
)


@pytest.mark.parametrize("text", SARCASTIC)
def test_sarcasm_is_not_polite(scorer: PolitenessScorer, score: Any, text: str) -> None:
    """Sarcastic praise ("oh great", praise right before a failure) is never polite."""
    result = score(text)
    assert "polite" != scorer.level(result.value)
    assert any(c.startswith("sarcasm:") for c in result.cues)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks a lot, that fixed it!",
        "Great app, but the export is broken.",
        "Love the new design, thank you!",
        "Thanks so much, you sorted it twice as fast as I expected!",
        "Great news, nobody else needs to sign the form.",
        "Thanks a lot for the help, nothing else needed.",
    ],
)
def test_sincere_praise_is_not_sarcasm(score: Any, text: str) -> None:
    """Thanks without a failure, or praise with a contrast word before it, is not sarcasm."""
    assert not any(c.startswith("sarcasm:") for c in score(text).cues)


def test_sarcasm_lowers_politeness(
    raw: dict[str, Any], score: Any, vader: Vader, sarcasm: Sarcasm
) -> None:
    """The same sarcastic text scores lower with the sarcasm rule than without it."""
    plain = PolitenessScorer(PolitenessConfig.model_validate({**raw, "sarcasm": None}))
    text = "Thanks a lot for the quick fix that broke three other things."
    doc = analyse(text)
    without = plain.score(doc, vader.sentiment(text), sarcasm.find(doc)).value
    assert score(text).value < without - 0.3


def test_sarcasm_cues_live_in_one_file(raw: dict[str, Any], config_dir: Path) -> None:
    """The sarcasm cues are listed once (sarcasm.yaml); the scorers' files hold only how much
    a cue moves their score."""
    anger = yaml.safe_load((config_dir / "anger.yaml").read_text("utf-8"))
    assert {"logit", "intensity"} == set(anger["sarcasm"])
    assert {"logit"} == set(raw["sarcasm"])


def test_engine_reports_one_sarcasm_cue_to_both_scorers(config_dir: Path) -> None:
    """The engine finds the sarcasm cue once and both scores carry the same one."""
    engine = Engine(load_rules(config_dir))
    text = "Oh great, another update that breaks everything."
    analysis, _ = engine.analyse(text, now=datetime(2026, 1, 1, tzinfo=UTC))
    anger = [c for c in analysis.anger.cues if c.startswith("sarcasm:")]
    politeness = [c for c in analysis.politeness.cues if c.startswith("sarcasm:")]
    assert ["sarcasm:oh great"] == anger == politeness
