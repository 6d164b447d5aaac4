"""Politeness of one message: politeness strategies plus a small fitted layer over words.

Strategies follow Danescu-Niculescu-Mizil et al. (2013), "A computational approach to
politeness": gratitude, apologising, please, greetings, deference, hedges, indirect
("could you", "would you mind") versus direct requests, first/second person starts, direct
questions, factuality, plus support-desk signals of rudeness (direct commands, "you need to"
demands, rhetorical questions, profanity, shouting). The phrase lists are data
(``config/politeness.yaml``); weights are fitted (``config/politeness.weights.json``,
``scripts/train_politeness.py``) or, for strategies the training corpus lacks, set by hand.

The score is ``sigmoid(bias + strategies + words)``; 0.5 is about neutral. Pure: one pass
over the sentences' words with dict lookups; two precompiled, linear regular expressions.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.text import Doc
from worker.core.types import Score, Sentiment

__all__ = [
    "SURFACE_FEATURES",
    "PolitenessConfig",
    "PolitenessLevels",
    "PolitenessScorer",
    "Strategy",
    "features",
]

#: Features computed from the message surface and VADER, besides the configured strategies.
SURFACE_FEATURES: tuple[str, ...] = (
    "vader_pos",
    "vader_neg",
    "caps_words",  # shouted words, capped, scaled to [0, 1]
    "exclaim_runs",  # "!!" runs, capped, scaled to [0, 1]
    "question",  # 1 when the message has a "?"
)

# Sentences end at . ! ? or a line break; each piece is then tokenised like ``Doc.words``.
_SENTENCE_END = re.compile(r"[.!?\n;:]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class PolitenessLevels(BaseModel):
    """value < ``rude`` => rude; value >= ``polite`` => polite; otherwise neutral."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rude: float = Field(gt=0.0, lt=1.0)
    polite: float = Field(gt=0.0, lt=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> PolitenessLevels:
        if not self.rude < self.polite:
            raise ValueError("levels must satisfy rude < polite")
        return self


class Strategy(BaseModel):
    """One politeness strategy: phrases that signal it, anywhere or only at a sentence start."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrases: list[str] = Field(min_length=1)
    at_start: bool = False


class LinearWeights(BaseModel):
    """A fitted linear layer: bias, weights of named features and of single words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bias: float
    features: dict[str, float] = Field(default_factory=dict)
    words: dict[str, float] = Field(default_factory=dict)
    #: Words are scaled by ``1 / sqrt(max(distinct words, word_norm_floor))``.
    word_norm_floor: int = Field(default=4, ge=1)
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class PolitenessConfig(BaseModel):
    """``config/politeness.yaml`` plus ``config/politeness.weights.json`` under ``weights``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    levels: PolitenessLevels
    strategies: dict[str, Strategy]
    caps_words_cap: int = Field(ge=1)
    exclaim_runs_cap: int = Field(ge=1)
    #: Weights of features that are not fitted (set by hand), added to the fitted ones.
    hand_weights: dict[str, float] = Field(default_factory=dict)
    #: Cues are reported for at most this many strategies.
    max_cues: int = Field(default=10, ge=1)
    weights: LinearWeights

    @model_validator(mode="after")
    def _known_features(self) -> PolitenessConfig:
        known = set(self.strategies) | set(SURFACE_FEATURES)
        clash = set(self.strategies) & set(SURFACE_FEATURES)
        if clash:
            raise ValueError(f"strategy names clash with surface features: {sorted(clash)}")
        unknown = (set(self.hand_weights) | set(self.weights.features)) - known
        if unknown:
            raise ValueError(f"unknown politeness features: {sorted(unknown)}")
        both = set(self.hand_weights) & set(self.weights.features)
        if both:
            raise ValueError(f"features both hand-set and fitted: {sorted(both)}")
        return self

    def feature_names(self) -> tuple[str, ...]:
        """All feature names in a fixed order: strategies (config order), then surface."""
        return (*self.strategies, *SURFACE_FEATURES)


_Index = dict[str, tuple[tuple[tuple[str, ...], str, bool], ...]]


def _index(strategies: dict[str, Strategy]) -> _Index:
    """Phrases by first word: (word tuple, strategy, at_start), longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    for name, strat in strategies.items():
        for phrase in strat.phrases:
            toks = tuple(_WORD.findall(phrase.lower()))
            if toks:
                index.setdefault(toks[0], []).append((toks, name, strat.at_start))
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in index.items()}


def _strategies(doc: Doc, index: _Index) -> tuple[dict[str, str], set[str]]:
    """Strategies found (name -> first matched phrase) and the distinct words of the message."""
    found: dict[str, str] = {}
    distinct: set[str] = set()
    for sentence in _SENTENCE_END.split(doc.lower):
        words = _WORD.findall(sentence)
        distinct.update(words)
        for i, w in enumerate(words):
            entries = index.get(w)
            if entries is None:
                continue
            for toks, name, at_start in entries:
                if name in found or (at_start and i != 0):
                    continue
                if len(toks) == 1 or tuple(words[i : i + len(toks)]) == toks:
                    found[name] = " ".join(toks)
    return found, distinct


def _surface(doc: Doc, sentiment: Sentiment, cfg: PolitenessConfig) -> dict[str, float]:
    return {
        "vader_pos": sentiment.pos,
        "vader_neg": sentiment.neg,
        "caps_words": min(doc.caps_words, cfg.caps_words_cap) / cfg.caps_words_cap,
        "exclaim_runs": min(doc.exclaim_runs, cfg.exclaim_runs_cap) / cfg.exclaim_runs_cap,
        "question": 1.0 if doc.questions else 0.0,
    }


def features(
    doc: Doc, sentiment: Sentiment, config: PolitenessConfig
) -> tuple[dict[str, float], frozenset[str]]:
    """Feature values (all of ``config.feature_names()``) and distinct words, for training."""
    found, distinct = _strategies(doc, _index(config.strategies))
    values = {name: (1.0 if name in found else 0.0) for name in config.strategies}
    values.update(_surface(doc, sentiment, config))
    return values, frozenset(distinct)


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class PolitenessScorer:
    """Scores politeness in [0, 1] (0.5 about neutral), with the strategies that were used."""

    def __init__(self, config: PolitenessConfig) -> None:
        self._cfg = config
        self._index = _index(config.strategies)
        self._weights = {**config.weights.features, **config.hand_weights}
        self._words = dict(config.weights.words)
        self._floor = config.weights.word_norm_floor

    def score(self, doc: Doc, sentiment: Sentiment) -> Score:
        """Score one analysed message given its VADER sentiment."""
        found, distinct = _strategies(doc, self._index)
        weights = self._weights
        z = self._cfg.weights.bias
        for name in found:
            z += weights.get(name, 0.0)
        for name, value in _surface(doc, sentiment, self._cfg).items():
            z += weights.get(name, 0.0) * value
        if distinct:
            table = self._words
            z += sum(table.get(w, 0.0) for w in distinct) / math.sqrt(
                max(len(distinct), self._floor)
            )
        cues = [f"strategy:{name}" for name in found][: self._cfg.max_cues]
        if doc.caps_words:
            cues.append(f"caps_words:{doc.caps_words}")
        if doc.exclaim_runs:
            cues.append(f"exclaim_runs:{doc.exclaim_runs}")
        return Score(value=round(_sigmoid(z), 4), cues=tuple(cues))

    def level(self, value: float) -> str:
        """Map a politeness value to ``rude`` / ``neutral`` / ``polite``."""
        if value >= self._cfg.levels.polite:
            return "polite"
        if value < self._cfg.levels.rude:
            return "rude"
        return "neutral"
