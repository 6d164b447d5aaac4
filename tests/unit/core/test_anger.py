"""Unit tests for the anger / frustration scorer on example support messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from worker.core.anger import AngerConfig, AngerScorer
from worker.core.sentiment import Sarcasm, SarcasmCues, Vader
from worker.core.text import analyse
from worker.core.types import Score

CALM = "Hello, how do I change the email address on my account?"
FURIOUS = "THIS IS RIDICULOUS!!! I WANT MY MONEY BACK NOW!!! WORST SERVICE EVER!!!"
REPEATED = "This is the third time I'm writing about this and still no reply."
WAITING = "I have been waiting for two weeks for my refund."
CURT = "Fix it."


def _raw(config_dir: Path) -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load((config_dir / "anger.yaml").read_text("utf-8"))
    raw["weights"] = json.loads((config_dir / "anger.weights.json").read_text("utf-8"))
    return raw


@pytest.fixture(name="raw", scope="module")
def _raw_fixture(config_dir: Path) -> dict[str, Any]:
    return _raw(config_dir)


@pytest.fixture(name="scorer", scope="module")
def _scorer(raw: dict[str, Any]) -> AngerScorer:
    return AngerScorer(AngerConfig.model_validate(raw))


@pytest.fixture(name="vader", scope="module")
def _vader() -> Vader:
    return Vader()


@pytest.fixture(name="sarcasm", scope="module")
def _sarcasm(config_dir: Path) -> Sarcasm:
    raw = yaml.safe_load((config_dir / "sarcasm.yaml").read_text("utf-8"))
    return Sarcasm(SarcasmCues.model_validate(raw))


@pytest.fixture(name="score")
def _score(scorer: AngerScorer, vader: Vader, sarcasm: Sarcasm) -> Any:
    """Score a text as the engine does (its sarcasm cue found once, then passed in)."""

    def score(text: str) -> Score:
        doc = analyse(text)
        return scorer.score(doc, vader.sentiment(text), sarcasm.find(doc))

    return score


def test_calm_question_is_not_angry(score: Any, scorer: AngerScorer) -> None:
    """A calm how-to question gets the level "none"."""
    assert "none" == scorer.level(score(CALM).value)


def test_shouting_is_high(score: Any, scorer: AngerScorer) -> None:
    """Caps, "!!!" and "ridiculous" together give the level "high"."""
    assert "high" == scorer.level(score(FURIOUS).value)


def test_shouting_cues(score: Any) -> None:
    """Shouting reports the anger word, the caps count and the "!!" runs as cues."""
    cues = score(FURIOUS).cues
    assert {"word:ridiculous", "caps_words:9", "exclaim_runs:3"} <= set(cues)


def test_repeated_contact_raises_anger(score: Any) -> None:
    """Writing for the third time with no reply is angrier than the calm question."""
    assert score(REPEATED).value > score(CALM).value + 0.3


def test_repeated_contact_cues(score: Any) -> None:
    """The repeated-contact phrases are reported as phrase cues."""
    assert {"phrase:third time", "phrase:still no"} <= set(score(REPEATED).cues)


def test_shouted_question_is_at_least_medium(score: Any, scorer: AngerScorer) -> None:
    """A shouted question with "?????" reaches at least the level "medium"."""
    result = score("WHY IS NOBODY ANSWERING?????")
    assert scorer.level(result.value) in {"medium", "high"}
    assert "question_runs:2" in result.cues


def test_waiting_time_cue(score: Any) -> None:
    """A stated wait ("two weeks") is reported and lifts the level above "none"."""
    result = score(WAITING)
    assert "waiting:two weeks" in result.cues
    assert result.value > score(CALM).value


def test_curt_reply_cue(score: Any) -> None:
    """A two-word command without a softener is flagged as curt."""
    assert "curt:2" in score(CURT).cues


def test_polite_short_reply_is_not_curt(score: Any) -> None:
    """A short reply with "thanks" is not curt."""
    assert not any(c.startswith("curt:") for c in score("Thanks, works now.").cues)


def test_furious_words_beat_mild_annoyance(score: Any) -> None:
    """The word "furious" scores above "a bit annoyed"."""
    mild = score("I'm a bit annoyed that the page is slow.").value
    strong = score("I am absolutely furious, this is a disgrace.").value
    assert strong > mild


def test_shouting_raises_anger(score: Any) -> None:
    """Adding "!!! THIS IS RIDICULOUS" to a message raises its anger."""
    base = "My invoice shows the wrong amount."
    assert score(base + "!!! THIS IS RIDICULOUS").value > score(base).value


def test_service_failure_raises_anger(score: Any) -> None:
    """Saying "charged twice" is angrier than the same message without it."""
    assert score("I was charged twice this month.").value > score("I was charged this month.").value


def test_neutral_request_is_well_below_low(score: Any, scorer: AngerScorer) -> None:
    """A plain request (curt, no softener) stays well below the "low" cut point."""
    assert score("Send me the invoice.").value < 0.3


def test_negation_lowers_anger_word(score: Any) -> None:
    """ "not angry" does not count the anger word."""
    assert (
        score("I am not angry about the delay.").value < score("I am angry about the delay.").value
    )


def test_intensifier_raises_and_downtoner_lowers(score: Any) -> None:
    """ "so furious" > "furious" > "slightly annoyed" ordering follows the modifiers."""
    plain = score("I am annoyed with the app.").value
    assert score("I am so annoyed with the app.").value > plain
    assert score("I am slightly annoyed with the app.").value < plain


def test_anger_phrase_is_a_cue(score: Any) -> None:
    """A lexicon phrase ("fed up") is matched as one cue and raises anger."""
    result = score("I am fed up with this app.")
    assert "word:fed up" in result.cues
    assert result.value > score("I am using this app.").value


def test_lexicon_phrase_intensity_is_validated(raw: dict[str, Any]) -> None:
    """A phrase intensity outside (0, 1] is a configuration error."""
    with pytest.raises(ValidationError, match="intensities"):
        AngerConfig.model_validate({**raw, "lexicon_phrases": {"fed up": 1.5}})


def test_unknown_intensity_feature_is_rejected(raw: dict[str, Any]) -> None:
    """An intensity weight for a feature the scorer does not compute is an error."""
    bad = {"scale": 1.0, "weights": {"shouting_loudly": 1.0}}
    with pytest.raises(ValidationError, match="unknown anger features"):
        AngerConfig.model_validate({**raw, "intensity": bad})


def test_levels_are_ordered(scorer: AngerScorer) -> None:
    """The level grows with the value at the configured cut points."""
    actual = [scorer.level(v) for v in (0.0, 0.5, 0.75, 0.9, 1.0)]
    assert ["none", "low", "medium", "high", "high"] == actual


def test_empty_message(score: Any) -> None:
    """An empty message scores in [0, 1] without cues."""
    result = score("")
    assert 0.0 <= result.value <= 1.0
    assert () == result.cues


def test_unordered_levels_are_rejected(raw: dict[str, Any]) -> None:
    """Cut points out of order are a configuration error."""
    with pytest.raises(ValidationError, match="low < medium < high"):
        AngerConfig.model_validate({**raw, "levels": {"low": 0.8, "medium": 0.5, "high": 0.9}})


def test_unknown_config_key_is_rejected(raw: dict[str, Any]) -> None:
    """An unknown key in the config is an error, not silently ignored."""
    with pytest.raises(ValidationError):
        AngerConfig.model_validate({**raw, "levles": {}})


def test_unknown_feature_weight_is_rejected(raw: dict[str, Any]) -> None:
    """A hand weight for a feature the scorer does not compute is an error."""
    with pytest.raises(ValidationError, match="unknown anger features"):
        AngerConfig.model_validate({**raw, "hand_weights": {"shouting_loudly": 1.0}})


def test_long_single_char_runs_are_fast(score: Any) -> None:
    """100k-character runs of one character score in [0, 1] (linear-time scoring)."""
    for ch in "a!? .\n*A":
        assert 0.0 <= score(ch * 100_000).value <= 1.0


@given(text=st.text(max_size=300))
def test_value_in_unit_interval(scorer: AngerScorer, vader: Vader, text: str) -> None:
    """Any text scores in [0, 1] and scores the same twice."""
    first = scorer.score(analyse(text), vader.sentiment(text))
    assert 0.0 <= first.value <= 1.0
    assert first == scorer.score(analyse(text), vader.sentiment(text))


@pytest.mark.parametrize(
    "text",
    [
        "Oh great, another update that breaks everything.",
        "Thanks a lot for the quick fix that broke three other things.",
        "Just perfect. The printer is down again.",
    ],
)
def test_sarcasm_raises_anger(
    raw: dict[str, Any], score: Any, vader: Vader, sarcasm: Sarcasm, text: str
) -> None:
    """Sarcasm adds anger: the same text scores higher with the rule, and is a cue."""
    plain = AngerScorer(AngerConfig.model_validate({**raw, "sarcasm": None}))
    doc = analyse(text)
    without = plain.score(doc, vader.sentiment(text), sarcasm.find(doc)).value
    result = score(text)
    assert result.value > without + 0.1
    assert any(c.startswith("sarcasm:") for c in result.cues)


def test_sincere_thanks_adds_no_anger(score: Any) -> None:
    """Thanks for a fix is not sarcasm and stays calm."""
    result = score("Thanks a lot, that fixed it!")
    assert not any(c.startswith("sarcasm:") for c in result.cues)
    assert result.value < 0.5
