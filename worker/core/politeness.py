"""Politeness of one message: politeness strategies plus a small fitted layer over words.

Strategies follow Danescu-Niculescu-Mizil et al. (2013), "A computational approach to
politeness": gratitude, apologising, please, greetings, deference, hedges, indirect
("could you", "would you mind") versus direct requests, first/second person starts, direct
questions, factuality, plus support-desk signals of rudeness (direct commands, "you need to"
demands, rhetorical questions, profanity, shouting). The phrase lists are data
(``config/politeness.yaml``); weights are fitted (``config/politeness.weights.json``,
``scripts/train_politeness.py``) or, for strategies the training corpus lacks, set by hand.

The score is ``sigmoid(strategies + words)`` with no intercept, so a message with no strategy
and no known word scores exactly 0.5 (neutral). Pure: one pass over ``doc.words`` with dict
lookups, plus one precompiled, linear regular expression for sentence-initial words.
"""

from __future__ import annotations

import operator
import re

from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.embed import Projections
from worker.core.linear import LinearWeights, WordLogit, sigmoid
from worker.core.sentiment import SarcasmRule
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

# A sentence-initial word: at the start, or after . ! ? ; : or a line break, skipping spaces,
# quotes and brackets. Linear: the skipped characters never include a sentence end, so every
# character is scanned at most twice.
_SENTENCE_START = re.compile(r"(?:^|[.!?\n;:])[ \t\"'(*\-]*([a-z0-9]+(?:'[a-z]+)?)")
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
    #: Sarcasm ("oh great", praise right before a failure) lowers politeness by ``logit``.
    sarcasm: SarcasmRule | None = None
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


_Index = dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]


def _index(strategies: dict[str, Strategy], at_start: bool) -> _Index:
    """Phrases (word tuples) by first word, longest first, for strategies with ``at_start``."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for name, strat in strategies.items():
        if strat.at_start != at_start:
            continue
        for phrase in strat.phrases:
            toks = tuple(_WORD.findall(phrase.lower()))
            if toks:
                index.setdefault(toks[0], []).append((toks, name, " ".join(toks)))
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in index.items()}


def _split(index: _Index) -> tuple[dict[str, tuple[tuple[str, str], ...]], _BigramIndex]:
    """Single-word phrases by word; longer phrases by their first two words."""
    uni: dict[str, list[tuple[str, str]]] = {}
    bi: dict[tuple[str, str], list[tuple[tuple[str, ...], str, str]]] = {}
    for first, entries in index.items():
        for toks, name, phrase in entries:
            if len(toks) == 1:
                uni.setdefault(first, []).append((name, phrase))
            else:
                bi.setdefault((toks[0], toks[1]), []).append((toks, name, phrase))
    return {k: tuple(v) for k, v in uni.items()}, {k: tuple(v) for k, v in bi.items()}


_BigramIndex = dict[tuple[str, str], tuple[tuple[tuple[str, ...], str, str], ...]]


def _strategies(
    doc: Doc,
    uni: dict[str, tuple[tuple[str, str], ...]],
    bi: _BigramIndex,
    firsts: frozenset[str],
    at_start: _Index,
) -> dict[str, str]:
    """Strategies found in the message: name -> the first phrase that matched."""
    found: dict[str, str] = {}
    words = doc.words
    last = len(words) - 1
    for i in [i for i, w in enumerate(words) if w in firsts]:
        w = words[i]
        for name, phrase in uni.get(w, ()):
            if name not in found:
                found[name] = phrase
        if i < last:
            for toks, name, phrase in bi.get((w, words[i + 1]), ()):
                if name not in found and words[i : i + len(toks)] == toks:
                    found[name] = phrase
    lower = doc.lower
    for match in _SENTENCE_START.finditer(lower):
        entries = at_start.get(match.group(1))
        if entries is None:
            continue
        for toks, name, phrase in entries:
            if name not in found and (len(toks) == 1 or lower.startswith(phrase, match.start(1))):
                found[name] = phrase
    return found


class _Tables:
    """Lookup tables derived once from the config."""

    def __init__(self, strategies: dict[str, Strategy]) -> None:
        anywhere = _index(strategies, False)
        self.uni, self.bi = _split(anywhere)
        self.firsts = frozenset(anywhere)
        self.at_start = _index(strategies, True)

    def find(self, doc: Doc) -> dict[str, str]:
        return _strategies(doc, self.uni, self.bi, self.firsts, self.at_start)


def _surface(doc: Doc, sentiment: Sentiment, cfg: PolitenessConfig) -> tuple[float, ...]:
    """Surface feature values in SURFACE_FEATURES order."""
    return (
        sentiment.pos,
        sentiment.neg,
        min(doc.caps_words, cfg.caps_words_cap) / cfg.caps_words_cap,
        min(doc.exclaim_runs, cfg.exclaim_runs_cap) / cfg.exclaim_runs_cap,
        1.0 if doc.questions else 0.0,
    )


def features(
    doc: Doc, sentiment: Sentiment, config: PolitenessConfig
) -> tuple[dict[str, float], frozenset[str]]:
    """Feature values (all of ``config.feature_names()``) and distinct words, for training."""
    found = _Tables(config.strategies).find(doc)
    values = {name: (1.0 if name in found else 0.0) for name in config.strategies}
    values.update(zip(SURFACE_FEATURES, _surface(doc, sentiment, config), strict=True))
    return values, frozenset(doc.words)


class PolitenessScorer:
    """Scores politeness in [0, 1] (0.5 about neutral), with the strategies that were used."""

    def __init__(self, config: PolitenessConfig, projections: Projections | None = None) -> None:
        self._cfg = config
        self._tables = _Tables(config.strategies)
        self._cue = {name: f"strategy:{name}" for name in config.strategies}
        weights = {**config.weights.features, **config.hand_weights}
        self._strategy_weights = {name: weights.get(name, 0.0) for name in config.strategies}
        self._surface_weights = tuple(weights.get(name, 0.0) for name in SURFACE_FEATURES)
        self._word_logit = WordLogit(config.weights, projections)
        self._sarcasm_logit = config.sarcasm.logit if config.sarcasm else 0.0

    def score(self, doc: Doc, sentiment: Sentiment, sarcasm: str | None = None) -> Score:
        """Score one analysed message given its VADER sentiment and its sarcasm cue, if any
        (``Sarcasm.find``: the engine searches once for every scorer)."""
        found = self._tables.find(doc)
        z = self._cfg.weights.bias + sum(map(self._strategy_weights.__getitem__, found))
        z += sum(map(operator.mul, self._surface_weights, _surface(doc, sentiment, self._cfg)))
        z = self._word_logit.add(z, doc.words, doc.pairs)
        cues = list(map(self._cue.__getitem__, found))[: self._cfg.max_cues]
        if sarcasm and self._cfg.sarcasm:
            z += self._sarcasm_logit
            cues.append(f"sarcasm:{sarcasm}")
        if doc.caps_words:
            cues.append(f"caps_words:{doc.caps_words}")
        if doc.exclaim_runs:
            cues.append(f"exclaim_runs:{doc.exclaim_runs}")
        return Score(value=round(sigmoid(z), 4), cues=tuple(cues))

    def level(self, value: float) -> str:
        """Map a politeness value to ``rude`` / ``neutral`` / ``polite``."""
        if value >= self._cfg.levels.polite:
            return "polite"
        if value < self._cfg.levels.rude:
            return "rude"
        return "neutral"
