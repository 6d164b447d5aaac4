"""The playbook: message signals -> one recommended technique, alternatives and why.

Everything tunable (cue phrases, weights, thresholds, openers) is data in
``config/playbook.yaml``, validated by :class:`PlaybookConfig`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.embed import Projections
from worker.core.phrases import PhraseMatcher
from worker.core.situations import Situation, SituationClassifier, SituationWeights
from worker.core.text import Doc
from worker.core.types import AbuseScore

__all__ = [
    "BASE_SIGNALS",
    "TECHNIQUE_IDS",
    "PlaybookConfig",
    "Recommendation",
    "Recommender",
    "Signals",
]

#: The 15 technique ids of the output contract.
TECHNIQUE_IDS: tuple[str, ...] = (
    "reflective-listening",
    "root-cause-questions",
    "beginners-mind",
    "let-go-of-fear",
    "chunk-the-problem",
    "anger-is-natural",
    "keep-calm",
    "strategic-hold",
    "thank-them",
    "explain-next-steps",
    "admit-fault",
    "empathize",
    "let-them-vent",
    "dont-take-it-personally",
    "consider-ending-relationship",
)

#: Signals computed from scores and surface features; cue names from the config add more.
BASE_SIGNALS: frozenset[str] = frozenset(
    {
        "anger",
        "anger_high",
        "polite",
        "rude",
        "abuse",
        "insult_at_agent",
        "threat",
        "shouting",
        "long_rant",
        "many_issues",
        "repeated_abuse_no_improvement",
    }
)
_PERSONAL_KINDS = frozenset({"insult", "harassment", "slur", "profanity_at_person"})
_ABUSE_TECHS = frozenset({"dont-take-it-personally", "keep-calm"})
_LIST_LINE = re.compile(r"^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]", re.MULTILINE)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SelectionConfig(_Strict):
    min_score: float = Field(ge=0)
    min_alternative_score: float = Field(ge=0)
    max_alternatives: int = Field(ge=0, le=2)
    max_why: int = Field(ge=1, le=10)
    default: str
    #: With a situation classifier: a runner-up technique needs this much probability.
    min_alternative_probability: float = Field(0.1, ge=0, le=1)
    #: Share of a situation's probability credited to its ``also`` techniques.
    alternative_credit: float = Field(0.0, ge=0, le=1)


class SignalThresholds(_Strict):
    shouting_caps_words: int = Field(ge=1)
    shouting_exclaim_runs: int = Field(ge=1)
    long_rant_chars: int = Field(ge=1)
    many_issues_questions: int = Field(ge=1)
    many_issues_lines: int = Field(ge=1)


class TechniqueConfig(_Strict):
    title: str = Field(min_length=1)
    opener: str = Field(min_length=1, max_length=400)
    weights: dict[str, float] = Field(min_length=1)


class SituationConfig(_Strict):
    title: str = Field(min_length=1)
    technique: str
    #: Techniques that also fit this situation; each earns ``alternative_credit`` of the
    #: situation's probability when techniques are ranked.
    also: list[str] = Field(default_factory=list)


class PlaybookConfig(_Strict):
    """``config/playbook.yaml`` plus the situation classifier in ``playbook.weights.json``."""

    selection: SelectionConfig
    signal_thresholds: SignalThresholds
    cues: dict[str, list[str]]
    situations: dict[str, SituationConfig] = Field(default_factory=dict)
    techniques: dict[str, TechniqueConfig]
    weights: SituationWeights | None = None

    @model_validator(mode="after")
    def _consistent(self) -> PlaybookConfig:
        missing = set(TECHNIQUE_IDS) - set(self.techniques)
        unknown = set(self.techniques) - set(TECHNIQUE_IDS)
        if missing or unknown:
            raise ValueError(
                f"techniques must be exactly the 15 playbook ids; "
                f"missing {sorted(missing)}, unknown {sorted(unknown)}"
            )
        if self.selection.default not in self.techniques:
            raise ValueError(f"selection.default {self.selection.default!r} is not a technique")
        clash = BASE_SIGNALS & set(self.cues)
        if clash:
            raise ValueError(f"cue names clash with built-in signals: {sorted(clash)}")
        known = BASE_SIGNALS | set(self.cues)
        for tid, technique in self.techniques.items():
            bad = set(technique.weights) - known
            if bad:
                raise ValueError(f"technique {tid!r} weighs unknown signals {sorted(bad)}")
        for name, situation in self.situations.items():
            for tid in (situation.technique, *situation.also):
                if tid not in self.techniques:
                    raise ValueError(f"situation {name!r} names unknown technique {tid!r}")
        if self.weights is not None:
            unknown_labels = set(self.weights.labels) - set(self.situations)
            if unknown_labels:
                raise ValueError(f"weights name unknown situations {sorted(unknown_labels)}")
        return self


@dataclass(frozen=True, slots=True)
class Signals:
    """Signal values in [0, 1] and a short human reason for each non-zero one."""

    values: Mapping[str, float]
    reasons: Mapping[str, str]
    situation: Situation | None = None


@dataclass(frozen=True, slots=True)
class Recommendation:
    technique: str
    alternatives: tuple[str, ...]
    why: tuple[str, ...]
    opener: str


class _Put:
    """Collects signals: a value clamped to [0, 1], kept with its reason when above 0."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}
        self.reasons: dict[str, str] = {}

    def __call__(self, name: str, value: float, reason: str) -> None:
        value = min(1.0, max(0.0, value))
        if value > 0:
            self.values[name] = value
            self.reasons[name] = reason


class Recommender:
    """Compiled playbook."""

    def __init__(self, config: PlaybookConfig, projections: Projections | None = None) -> None:
        self._config = config
        self._matcher = PhraseMatcher(config.cues)
        self._cue_names = tuple(config.cues)
        self._weights = {tid: tuple(t.weights.items()) for tid, t in config.techniques.items()}
        self._order = {tid: i for i, tid in enumerate(TECHNIQUE_IDS)}
        credit = config.selection.alternative_credit
        # Per situation: its technique and the techniques credited with its probability.
        self._credited = {
            label: (s.technique, tuple(s.also) if credit else ())
            for label, s in config.situations.items()
        }
        self._classifier = (
            SituationClassifier(config.weights, projections=projections) if config.weights else None
        )

    def signals(
        self,
        doc: Doc,
        *,
        anger: float,
        anger_level: str,
        politeness_level: str,
        abuse: AbuseScore,
        repeated_abuse_no_improvement: bool,
        sarcasm: str | None = None,
    ) -> Signals:
        """Compute every signal the playbook can weigh, for one message. ``sarcasm``: the
        engine's sarcasm cue (:class:`~worker.core.sentiment.Sarcasm`), which sets the
        ``sarcasm`` signal in full whatever the playbook's own cue phrases found."""
        put = _Put()
        put("anger", anger, f"anger {anger:.2f} ({anger_level})")
        put("anger_high", float(anger_level == "high"), "anger high")
        put("polite", float(politeness_level == "polite"), "polite wording")
        put("rude", float(politeness_level == "rude"), "rude wording")
        put("abuse", float(abuse.detected), f"abuse ({', '.join(abuse.kinds) or 'detected'})")
        personal = sorted(_PERSONAL_KINDS.intersection(abuse.kinds)) if abuse.detected else []
        put("insult_at_agent", float(bool(personal)), f"aimed at a person ({', '.join(personal)})")
        put("threat", float(abuse.detected and "threat" in abuse.kinds), "threat")
        self._text_signals(put, doc)
        if sarcasm:
            put("sarcasm", 1.0, f"sarcasm: {sarcasm}")
        put(
            "repeated_abuse_no_improvement",
            float(repeated_abuse_no_improvement),
            "repeated abuse, no improvement after techniques",
        )
        situation = None
        if self._classifier is not None:
            situation = self._classifier.situation(doc, put.values)
        return Signals(values=put.values, reasons=put.reasons, situation=situation)

    def _text_signals(self, put: _Put, doc: Doc) -> None:
        """Signals read from the text: shouting, the playbook's cue phrases, a long rant with
        no ask, many issues."""
        th = self._config.signal_thresholds
        shouting = doc.caps_words / th.shouting_caps_words + doc.exclaim_runs / (
            th.shouting_exclaim_runs
        )
        put(
            "shouting",
            shouting,
            f"shouting (caps words {doc.caps_words}, '!!' runs {doc.exclaim_runs})",
        )
        cues = self._matcher.match(doc.words)
        for name in self._cue_names:
            hits = cues.get(name)
            if hits:
                put(name, 0.7 if len(hits) == 1 else 1.0, f"{name}: {', '.join(hits[:3])}")
        if doc.chars >= th.long_rant_chars and doc.questions == 0 and "request" not in cues:
            put(
                "long_rant",
                doc.chars / (2 * th.long_rant_chars) + 0.5,
                f"{doc.chars} chars, no ask",
            )
        list_lines = len(_LIST_LINE.findall(doc.text)) if "\n" in doc.text else 0
        if doc.questions >= th.many_issues_questions or list_lines >= th.many_issues_lines:
            put("many_issues", 1.0, f"many issues ({doc.questions} questions, {list_lines} items)")

    def recommend(self, signals: Signals) -> Recommendation:
        """The situation's technique (or, without a classifier, the best weighted signals)."""
        if signals.situation is not None:
            return self._by_situation(signals, signals.situation)
        return self._by_weights(signals)

    def _by_situation(self, signals: Signals, situation: Situation) -> Recommendation:
        """Technique probability = sum over the situations that map to it; abuse rules first."""
        sel = self._config.selection
        situations = self._config.situations
        credit = sel.alternative_credit
        mass: dict[str, float] = {}
        credited = self._credited
        for label, p in situation.probabilities.items():
            tid, also = credited[label]
            mass[tid] = mass.get(tid, 0.0) + p
            for alt in also:
                mass[alt] = mass.get(alt, 0.0) + credit * p
        order = self._order
        ranked = [t for _, _, t in sorted([(-m, order[t], t) for t, m in mass.items()])]
        best = ranked[0]
        why = [f"situation: {situations[situation.label].title} ({situation.confidence:.2f})"]
        if situation.cues:
            why.append(f"cues: {', '.join(situation.cues)}")
        values, reasons = signals.values, signals.reasons
        if values.get("repeated_abuse_no_improvement"):
            best = "consider-ending-relationship"
            why.insert(0, reasons["repeated_abuse_no_improvement"])
        elif (values.get("insult_at_agent") or values.get("threat")) and best not in _ABUSE_TECHS:
            best = "dont-take-it-personally"
            why.insert(0, reasons.get("threat") or reasons["insult_at_agent"])
        alternatives = tuple(
            t for t in ranked if t != best and mass[t] >= sel.min_alternative_probability
        )[: sel.max_alternatives]
        return Recommendation(
            technique=best,
            alternatives=alternatives,
            why=tuple(why[: sel.max_why]),
            opener=self._config.techniques[best].opener,
        )

    def _by_weights(self, signals: Signals) -> Recommendation:
        """Pick the technique whose weighted signals score highest, with runners-up."""
        sel = self._config.selection
        values = signals.values
        scored: list[tuple[float, int, str, list[tuple[float, str]]]] = []
        for order, (tid, weights) in enumerate(self._weights.items()):
            contributions = [(w * values[s], s) for s, w in weights if s in values]
            total = sum(c for c, _ in contributions)
            scored.append((total, -order, tid, contributions))
        scored.sort(reverse=True)
        best_score, _, best, contributions = scored[0]
        if best_score < sel.min_score:
            best, contributions = sel.default, []
        alternatives = tuple(
            tid for total, _, tid, _ in scored if tid != best and total >= sel.min_alternative_score
        )[: sel.max_alternatives]
        positive = sorted((c for c in contributions if c[0] > 0), reverse=True)
        why = tuple(signals.reasons[s] for _, s in positive[: sel.max_why]) or (
            "no strong signal: default technique",
        )
        return Recommendation(
            technique=best,
            alternatives=alternatives,
            why=why,
            opener=self._config.techniques[best].opener,
        )
