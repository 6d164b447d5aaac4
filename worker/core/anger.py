"""Anger / frustration intensity of one message: a calibrated logistic part plus intensity.

``value = (1 - mix) * sigmoid(gain * z + offset) + mix * (1 - exp(-scale * strength))``:

- ``z = bias + hand features + fitted features + words + character n-grams of the words``:
  *fitted* feature weights, word and n-gram weights and the bias come from
  ``config/anger.weights.json`` (``scripts/train_anger.py``, fitted on
  GoEmotions with a graded target and on calm Stanford Politeness requests, no class
  balancing); *hand* feature weights for the support-desk cues the training corpus barely
  contains (repeated contact, waiting time, shouting, curt replies) come from
  ``config/anger.yaml``;
- ``gain`` / ``offset`` map the median calm and the median angry GoEmotions dev comment to fixed
  anchors (0.05 and the "medium" cut 0.75), so a neutral request stays well below "low";
- ``strength`` is a hand-weighted sum (``intensity`` in ``config/anger.yaml``) of the graded
  anger lexicon (words and phrases, scaled by intensifiers / downtoners, cancelled by a nearby
  negator), shouting and the support-desk cues; ``mix`` is chosen on GoEmotions dev.

Everything here is pure: one pass over ``doc.words``, dict lookups, no regular expressions.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.embed import Projections
from worker.core.linear import LinearWeights, WordLogit, sigmoid
from worker.core.sentiment import SarcasmRule
from worker.core.text import Doc
from worker.core.types import Score, Sentiment

__all__ = [
    "FEATURES",
    "AngerConfig",
    "AngerIntensity",
    "AngerLevels",
    "AngerScorer",
    "features",
]

#: Every hand feature the scorer computes, in a fixed order (the training script uses it too).
FEATURES: tuple[str, ...] = (
    "vader_neg",  # VADER's neg proportion
    "vader_negative",  # max(0, -compound)
    "vader_positive",  # max(0, compound)
    "lexicon",  # sum of anger-lexicon intensities (after modifiers and negation), capped
    "lexicon_max",  # the strongest single anger word or phrase (after modifiers), capped
    "caps_words",  # shouted words, capped, scaled to [0, 1]
    "caps_ratio",  # share of capital letters
    "exclaim_runs",  # "!!" runs, capped, scaled to [0, 1]
    "exclamations",  # "!" characters, capped, scaled to [0, 1]
    "questions",  # "?" characters, capped, scaled to [0, 1]
    "question_runs",  # "??" pairs, capped, scaled to [0, 1]
    "repeated_contact",  # "third time", "still waiting", "no reply", capped
    "service_failure",  # "not working", "charged twice", "never arrived", capped
    "waiting",  # "for two weeks", "10 days"
    "curt",  # a very short message without any softener
)


class AngerLevels(BaseModel):
    """Cut points mapping the anger value to none / low / medium / high."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float = Field(gt=0.0, lt=1.0)
    medium: float = Field(gt=0.0, lt=1.0)
    high: float = Field(gt=0.0, lt=1.0)

    @model_validator(mode="after")
    def _ascending(self) -> AngerLevels:
        if not self.low < self.medium < self.high:
            raise ValueError("levels must satisfy low < medium < high")
        return self


class AngerIntensity(BaseModel):
    """The hand-set intensity term: ``1 - exp(-scale * sum(weight * feature))``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scale: float = Field(gt=0.0)
    weights: dict[str, float]


class AngerConfig(BaseModel):
    """``config/anger.yaml`` plus the fitted ``config/anger.weights.json`` under ``weights``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Sarcasm ("oh great", praise right before a failure) adds ``logit`` and ``intensity``.
    sarcasm: SarcasmRule | None = None

    levels: AngerLevels
    #: Hand-written anger words -> intensity in (0, 1].
    lexicon: dict[str, float]
    #: Phrases that say the customer has been here before ("third time", "no reply").
    repeated_contact: list[str]
    #: Phrases that say the company failed the customer ("charged twice", "not working").
    service_failure: list[str]
    #: Anger phrases ("fed up", "sick and tired", "waste of time") -> intensity in (0, 1].
    #: A phrase replaces the lexicon entries of its own words.
    lexicon_phrases: dict[str, float] = Field(default_factory=dict)
    #: Words that scale the next anger word or phrase: intensifiers ("so", "fucking",
    #: "absolutely") above 1, downtoners ("a bit", "slightly") below 1.
    modifiers: dict[str, float] = Field(default_factory=dict)
    #: Negators; an anger word with one of these within ``negation_window`` words before it
    #: counts ``negated_factor`` of its intensity ("not angry").
    negators: list[str] = Field(default_factory=list)
    negation_window: int = Field(default=2, ge=1)
    negated_factor: float = Field(default=0.0, ge=0.0, le=1.0)
    #: Cap of the ``lexicon_max`` feature.
    lexicon_max_cap: float = Field(default=1.5, gt=0.0)
    #: Anger emoji -> intensity in (0, 1]; added to the lexicon sum.
    emoji: dict[str, float] = Field(default_factory=dict)
    #: Time units and the words that quantify them ("two weeks", "several days").
    waiting_units: list[str]
    waiting_quantities: list[str]
    #: A message of at most this many words, with no softener, is "curt".
    curt_max_words: int = Field(ge=1)
    softeners: list[str]
    #: Caps for count features (counts above the cap count as the cap).
    lexicon_cap: float = Field(gt=0.0)
    caps_words_cap: int = Field(ge=1)
    exclaim_runs_cap: int = Field(ge=1)
    exclamations_cap: int = Field(ge=1)
    questions_cap: int = Field(ge=1)
    question_runs_cap: int = Field(ge=1)
    repeated_contact_cap: int = Field(ge=1)
    service_failure_cap: int = Field(ge=1)
    #: Weights of the hand features that are not fitted (support-desk cues).
    hand_weights: dict[str, float]
    #: The intensity term mixed into the value (anger words, shouting, support-desk cues).
    intensity: AngerIntensity
    #: Cues are reported for at most this many matched words/phrases of each kind.
    max_cues: int = Field(default=8, ge=1)
    weights: LinearWeights

    @model_validator(mode="after")
    def _known_features(self) -> AngerConfig:
        known = set(FEATURES)
        unknown = (
            set(self.hand_weights) | set(self.weights.features) | set(self.intensity.weights)
        ) - known
        if unknown:
            raise ValueError(f"unknown anger features: {sorted(unknown)}")
        both = set(self.hand_weights) & set(self.weights.features)
        if both:
            raise ValueError(f"features both hand-set and fitted: {sorted(both)}")
        entries = {**self.lexicon, **self.lexicon_phrases, **self.emoji}
        bad = [w for w, v in entries.items() if not 0.0 < v <= 1.0]
        if bad:
            raise ValueError(f"lexicon intensities must be in (0, 1]: {sorted(bad)[:5]}")
        return self


def _phrase_index(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Index phrases (as word tuples) by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        toks = tuple(phrase.lower().split())
        if toks:
            index.setdefault(toks[0], []).append(toks)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _match_at(
    words: tuple[str, ...], i: int, index: Mapping[str, tuple[tuple[str, ...], ...]]
) -> tuple[str, ...] | None:
    """The longest indexed phrase starting at ``words[i]``, if any."""
    for phrase in index.get(words[i], ()):
        if words[i : i + len(phrase)] == phrase:
            return phrase
    return None


class _Compiled:
    """Lookup tables derived once from the config."""

    def __init__(self, cfg: AngerConfig) -> None:
        self.lexicon = dict(cfg.lexicon)
        self.phrases = _phrase_index(list(cfg.lexicon_phrases))
        self.phrase_value = {tuple(k.lower().split()): v for k, v in cfg.lexicon_phrases.items()}
        self.modifiers = dict(cfg.modifiers)
        self.negators = frozenset(cfg.negators)
        self.repeated = _phrase_index(cfg.repeated_contact)
        self.failure = _phrase_index(cfg.service_failure)
        self.emoji = tuple(cfg.emoji.items())
        self.units = frozenset(cfg.waiting_units)
        self.quantities = frozenset(cfg.waiting_quantities)
        self.softeners = frozenset(cfg.softeners)
        # Every word that needs a closer look; all other words are skipped in C.
        self.interesting = frozenset(
            (*self.lexicon, *self.phrases, *self.repeated, *self.failure, *self.units)
        )


@dataclass(slots=True)
class _Hits:
    """What one pass over the words found (see :func:`_scan`)."""

    lexicon_sum: float = 0.0
    lexicon_max: float = 0.0
    lex_hits: dict[str, None] = field(default_factory=dict)  # ordered set
    phrase_hits: list[str] = field(default_factory=list)
    failure_hits: list[str] = field(default_factory=list)
    waiting_hit: str = ""


def _scan(doc: Doc, cfg: AngerConfig, tables: _Compiled) -> _Hits:
    """One pass over the words that need a closer look: anger words and phrases (scaled by
    a modifier, cancelled by a negator), repeated contact, service failure, waiting time; then
    the anger emoji (:func:`_emoji`)."""
    words = doc.words
    hits = _Hits()
    lexicon_sum = 0.0
    lex_hits = hits.lex_hits
    phrase_hits = hits.phrase_hits
    failure_hits = hits.failure_hits
    waiting_hit = ""
    lexicon_max = 0.0
    skip_until = skip_failure = skip_lex = 0  # a phrase's words are not matched again
    interesting = tables.interesting
    modifiers, negators, window = tables.modifiers, tables.negators, cfg.negation_window
    for i in [i for i, w in enumerate(words) if w in interesting]:
        w = words[i]
        v: float | None = None
        hit = w
        if i >= skip_lex and w in tables.phrases:
            phrase = _match_at(words, i, tables.phrases)
            if phrase is not None:
                v = tables.phrase_value[phrase]
                hit = " ".join(phrase)
                skip_lex = i + len(phrase)
        if v is None and i >= skip_lex:
            v = tables.lexicon.get(w)
        if v is not None:
            if i:
                prev = words[i - 1]
                v *= modifiers.get(prev, 1.0)
                if prev in negators or (
                    window > 1 and not negators.isdisjoint(words[max(0, i - window) : i - 1])
                ):
                    v *= cfg.negated_factor
            lexicon_sum += v
            if v > lexicon_max:
                lexicon_max = v
            if v:
                lex_hits[hit] = None
        if i >= skip_until and w in tables.repeated:
            phrase = _match_at(words, i, tables.repeated)
            if phrase is not None:
                phrase_hits.append(" ".join(phrase))
                skip_until = i + len(phrase)
        if i >= skip_failure and w in tables.failure:
            phrase = _match_at(words, i, tables.failure)
            if phrase is not None:
                failure_hits.append(" ".join(phrase))
                skip_failure = i + len(phrase)
        if not waiting_hit and w in tables.units and i > 0:
            prev = words[i - 1]
            if prev.isdigit() or prev in tables.quantities:
                waiting_hit = f"{prev} {w}"
    hits.lexicon_sum = lexicon_sum
    hits.lexicon_max = lexicon_max
    hits.waiting_hit = waiting_hit
    if tables.emoji and not doc.text.isascii():
        _emoji(doc.text, tables, hits)
    return hits


def _emoji(text: str, tables: _Compiled, hits: _Hits) -> None:
    """Add the anger emoji of ``text`` to the lexicon sum, maximum and hits."""
    for char, v in tables.emoji:
        count = text.count(char)
        if count:
            hits.lexicon_sum += v * count
            hits.lexicon_max = max(hits.lexicon_max, v)
            hits.lex_hits[char] = None


def _features(
    doc: Doc, sentiment: Sentiment, cfg: AngerConfig, tables: _Compiled
) -> tuple[tuple[float, ...], list[str]]:
    """The hand feature values in FEATURES order, and the cues."""
    hits = _scan(doc, cfg, tables)
    words = doc.words
    n = len(words)
    curt = 0 < n <= cfg.curt_max_words and tables.softeners.isdisjoint(words)
    compound = sentiment.compound
    question_runs = doc.text.count("??") if doc.questions > 1 else 0
    values = (  # in FEATURES order
        sentiment.neg,
        -compound if compound < 0 else 0.0,
        compound if compound > 0 else 0.0,
        min(hits.lexicon_sum, cfg.lexicon_cap),
        min(hits.lexicon_max, cfg.lexicon_max_cap),
        min(doc.caps_words, cfg.caps_words_cap) / cfg.caps_words_cap,
        doc.caps_ratio,
        min(doc.exclaim_runs, cfg.exclaim_runs_cap) / cfg.exclaim_runs_cap,
        min(doc.exclamations, cfg.exclamations_cap) / cfg.exclamations_cap,
        min(doc.questions, cfg.questions_cap) / cfg.questions_cap,
        min(question_runs, cfg.question_runs_cap) / cfg.question_runs_cap,
        float(min(len(hits.phrase_hits), cfg.repeated_contact_cap)),
        float(min(len(hits.failure_hits), cfg.service_failure_cap)),
        1.0 if hits.waiting_hit else 0.0,
        1.0 if curt else 0.0,
    )
    cues = _cues(hits, doc, cfg.max_cues)
    if question_runs:
        cues.append(f"question_runs:{question_runs}")
    if curt:
        cues.append(f"curt:{n}")
    return values, cues


def _cues(hits: _Hits, doc: Doc, max_cues: int) -> list[str]:
    """The evidence of the words and of the surface (shouting, "!!" runs)."""
    cues: list[str] = []
    if hits.lex_hits:
        cues += [f"word:{w}" for w in list(hits.lex_hits)[:max_cues]]
    if hits.phrase_hits:
        cues += [f"phrase:{p}" for p in dict.fromkeys(hits.phrase_hits)][:max_cues]
    if hits.failure_hits:
        cues += [f"failure:{p}" for p in dict.fromkeys(hits.failure_hits)][:max_cues]
    if hits.waiting_hit:
        cues.append(f"waiting:{hits.waiting_hit}")
    if doc.caps_words:
        cues.append(f"caps_words:{doc.caps_words}")
    if doc.exclaim_runs:
        cues.append(f"exclaim_runs:{doc.exclaim_runs}")
    return cues


def features(doc: Doc, sentiment: Sentiment, config: AngerConfig) -> dict[str, float]:
    """The hand feature values of one message (shared with the training script)."""
    values = _features(doc, sentiment, config, _Compiled(config))[0]
    return dict(zip(FEATURES, values, strict=True))


class AngerScorer:
    """Scores anger / frustration intensity in [0, 1], with the cues that raised it."""

    def __init__(self, config: AngerConfig, projections: Projections | None = None) -> None:
        self._cfg = config
        self._tables = _Compiled(config)
        weights = {**config.weights.features, **config.hand_weights}
        self._feature_weights = tuple(weights.get(name, 0.0) for name in FEATURES)
        self._word_logit = WordLogit(config.weights, projections)
        self._gain = config.weights.gain
        self._offset = config.weights.offset
        self._mix = config.weights.intensity_mix
        self._scale = config.intensity.scale
        iw = config.intensity.weights
        self._intensity_weights = tuple(iw.get(name, 0.0) for name in FEATURES)

    def score(self, doc: Doc, sentiment: Sentiment, sarcasm: str | None = None) -> Score:
        """Score one analysed message given its VADER sentiment and its sarcasm cue, if any
        (``Sarcasm.find``: the engine searches once for every scorer)."""
        values, cues = _features(doc, sentiment, self._cfg, self._tables)
        z = self._cfg.weights.bias + sum(map(operator.mul, self._feature_weights, values))
        z = self._word_logit.add(z, doc.words, doc.pairs)
        if sentiment.compound <= -0.5:
            cues.append("sentiment:negative")
        strength = sum(map(operator.mul, self._intensity_weights, values))
        if sarcasm and self._cfg.sarcasm:
            z += self._cfg.sarcasm.logit
            strength += self._cfg.sarcasm.intensity
            cues.append(f"sarcasm:{sarcasm}")
        prob = sigmoid(self._gain * z + self._offset)
        intensity = 1.0 - math.exp(-self._scale * strength) if strength > 0 else 0.0
        value = (1.0 - self._mix) * prob + self._mix * intensity
        return Score(value=round(min(max(value, 0.0), 1.0), 4), cues=tuple(cues))

    def level(self, value: float) -> str:
        """Map an anger value to ``none`` / ``low`` / ``medium`` / ``high``."""
        lv = self._cfg.levels
        if value >= lv.high:
            return "high"
        if value >= lv.medium:
            return "medium"
        if value >= lv.low:
            return "low"
        return "none"
