"""Compose the scorers, the playbook and the relationship rule: the engine's one entry point.

``Engine.triage(event, history, now)`` -> ``(TriageOut, History)``. Pure apart from VADER's
lexicon, which is read once when the engine is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from worker import __version__
from worker.core import relationship
from worker.core.abuse import AbuseScorer
from worker.core.anger import AngerScorer
from worker.core.embed import Embedder, Projections
from worker.core.language import ForeignLexicon, Language, LanguageDetector
from worker.core.politeness import PolitenessScorer
from worker.core.prepare import Prepared, prepare
from worker.core.rules import EngineConfig
from worker.core.senses import plain_senses
from worker.core.sentiment import Sarcasm, Vader
from worker.core.techniques import Recommendation, Recommender, Signals
from worker.core.text import Doc, analyse
from worker.core.types import ABUSE_KINDS, AbuseScore, History, Score, Sentiment
from worker.models import (
    NEEDS_HUMAN_LANGUAGE,
    REVIEW_POSSIBLE_THREAT,
    Abuse,
    Escalation,
    Evidence,
    Levels,
    Preparation,
    Relationship,
    Removed,
    Scores,
    Technique,
    TicketIn,
    TriageOut,
)

__all__ = ["WARM_UP_WORDS", "Analysis", "Engine"]

#: Words :meth:`Engine.warm_up` scores by default (about 1 s of start-up on 2 shared cores).
WARM_UP_WORDS = 8_000
_WARM_UP_TEXT = 150  # words a warm-up text (sentences of ten)
_WARM_UP_NOW = datetime(2000, 1, 1, tzinfo=UTC)


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the engine worked out for one text (what ``explain`` prints)."""

    prepared: Prepared
    language: Language
    #: The text anger, politeness and the situation read: strong words in a plain sense
    #: (worker/core/senses.py); abuse read the customer's own words.
    doc: Doc
    sentiment: Sentiment
    anger: Score
    anger_level: str
    politeness: Score
    politeness_level: str
    abuse: AbuseScore
    signals: Signals
    recommendation: Recommendation


class Engine:
    """The compiled triage rules. Build once, call :meth:`triage` per message."""

    def __init__(self, config: EngineConfig, vader: Vader | None = None) -> None:
        self.config = config
        self.version = f"{__version__}+{config.config_hash}"
        self._vader = vader or Vader()
        # Anger, politeness and the situation project each message's words on the static
        # embeddings in one shared pass.
        self._embedder = Embedder.shared()
        projections = Projections(self._embedder)
        self._anger = AngerScorer(config.anger, projections)
        self._politeness = PolitenessScorer(config.politeness, projections)
        self._abuse = AbuseScorer(config.abuse)
        self._language = LanguageDetector(config.language)
        self._foreign = ForeignLexicon(config.language)
        self._foreign_value = config.language.lexicon_abuse_score
        self._recommender = Recommender(config.playbook, projections)
        self._sarcasm = Sarcasm(config.sarcasm)
        self._prefix = config.triage.tags.prefix
        self._review_from = config.triage.escalation.review_threat_from
        head = self._abuse.threat_threshold
        if self._review_from is not None and head is not None and self._review_from >= head:
            raise ValueError(
                f"triage.yaml escalation.review_threat_from ({self._review_from}) must be under "
                f"the threat head's threshold ({head}: abuse.yaml threat_frames.model_threshold, "
                "else the fitted one), at which a threat escalates"
            )

    def warm_up(self, words: int = WARM_UP_WORDS, should_stop: Callable[[], bool] = _never) -> int:
        """Score texts made of the ``words`` most common words of the embedding vocabulary
        and forget the results: the scorers' per-word caches fill and first calls are paid
        before the first real message, so a worker that has just started costs what it will
        later. Measured in one process on the bench's first 100 events (median 1,000
        characters), 3 runs each: 7.6-8.7 ms of CPU a message cold, 5.8-6.4 warmed (the
        warm-up itself 0.6-0.9 s). Returns the texts scored;
        ``should_stop`` is asked between texts."""
        vocabulary = self._embedder.common_words(words)
        done = 0
        for start in range(0, len(vocabulary), _WARM_UP_TEXT):
            if should_stop():
                break
            chunk = vocabulary[start : start + _WARM_UP_TEXT]
            text = ". ".join(" ".join(chunk[i : i + 10]) for i in range(0, len(chunk), 10))
            self.analyse(text, now=_WARM_UP_NOW)
            done += 1
        return done

    def analyse(
        self, text: str, *, history: History | None = None, event_id: str = "", now: datetime
    ) -> tuple[Analysis, relationship.Status]:
        """Score one text against a customer's history (quoted history etc. cut first)."""
        prepared = prepare(text)
        doc = analyse(prepared.text)
        sentiment = self._vader.sentiment(doc.text)
        # Mood (anger, politeness, sarcasm, situation) reads "kill the job" as "end the job",
        # "hate to bother you" as "sorry to"; abuse and threats read what was written
        # (worker/core/senses.py).
        plain = plain_senses(prepared.text)
        mood = doc if plain is None else analyse(plain)
        mood_sentiment = sentiment if plain is None else self._vader.sentiment(mood.text)
        sarcasm = self._sarcasm.find(doc)
        mood_sarcasm = sarcasm if plain is None else self._sarcasm.find(mood)
        anger = self._anger.score(mood, mood_sentiment, mood_sarcasm)
        anger_level = self._anger.level(anger.value)
        politeness = self._politeness.score(mood, mood_sentiment, mood_sarcasm)
        politeness_level = self._politeness.level(politeness.value)
        language = self._language.detect(prepared.text)
        quotes_cut = any(kind == "quoted" for kind, _ in prepared.removed)
        abuse = self._abuse.score(doc, sentiment, sarcasm, quotes_cut=quotes_cut)
        abuse = self._with_foreign(abuse, prepared.text, language)
        status = relationship.assess(
            history or History(),
            event_id=event_id,
            occurred_at=now,
            abusive=abuse.detected,
            anger=anger.value,
            config=self.config.triage.relationship,
        )
        signals = self._recommender.signals(
            mood,
            anger=anger.value,
            anger_level=anger_level,
            politeness_level=politeness_level,
            abuse=abuse,
            repeated_abuse_no_improvement=status.action == "consider_ending"
            and status.no_improvement,
            sarcasm=mood_sarcasm,
        )
        analysis = Analysis(
            prepared=prepared,
            language=language,
            doc=mood,
            sentiment=mood_sentiment,
            anger=anger,
            anger_level=anger_level,
            politeness=politeness,
            politeness_level=politeness_level,
            abuse=abuse,
            signals=signals,
            recommendation=self._recommender.recommend(signals),
        )
        return analysis, status

    def triage(self, event: TicketIn, history: History, now: datetime) -> tuple[TriageOut, History]:
        """Triage one event. ``now`` is used when the event carries no ``occurred_at``."""
        occurred_at = event.occurred_at or now
        common = {
            "event_id": event.event_id,
            "ticket_id": event.ticket_id,
            "customer_id": event.customer_id,
            "event_type": event.event_type,
            "occurred_at": occurred_at,
            "triage_version": self.version,
            "metadata": event.metadata,
        }
        if event.message.author_role != "customer":
            out = TriageOut(**common, scored=False, escalation=Escalation(required=False), tags=[])
            return out, history
        a, status = self.analyse(
            event.message.body, history=history, event_id=event.event_id, now=occurred_at
        )
        out = self._scored(common, a, status)
        new_history = relationship.record(
            history,
            event_id=event.event_id,
            occurred_at=occurred_at,
            abusive=a.abuse.detected,
            anger=a.anger.value,
            technique=a.recommendation.technique,
            config=self.config.triage.relationship,
        )
        return out, new_history

    def _scored(
        self, common: dict[str, Any], a: Analysis, status: relationship.Status
    ) -> TriageOut:
        """The output of a scored (customer) message."""
        rec = a.recommendation
        covered = a.language.covered
        escalation = self.escalation(a.abuse, status)
        review = self.review(a, escalation.required)
        return TriageOut(
            **common,
            scored=True,
            language=a.language.code,
            review=review,
            preparation=Preparation(
                scored_chars=len(a.prepared.text),
                removed=[Removed(kind=k, chars=n) for k, n in a.prepared.removed],
            ),
            scores=Scores(
                anger=a.anger.value,
                politeness=a.politeness.value,
                abuse=a.abuse.value,
                sentiment=a.sentiment.compound,
            ),
            levels=Levels(anger=a.anger_level, politeness=a.politeness_level) if covered else None,
            evidence=Evidence(
                anger=list(a.anger.cues),
                politeness=list(a.politeness.cues),
                abuse=list(a.abuse.cues),
            ),
            abuse=Abuse(detected=a.abuse.detected, kinds=list(a.abuse.kinds)),
            escalation=escalation,
            technique=Technique(
                id=rec.technique,
                alternatives=list(rec.alternatives),
                why=list(rec.why),
                opener=rec.opener,
            )
            if covered
            else None,
            relationship=Relationship(
                action=status.action,
                abusive_messages_in_window=status.abusive_in_window,
            ),
            tags=self._tags(a, status.action, escalation.required, review),
        )

    def review(self, a: Analysis, escalated: bool) -> str | None:
        """Why a human must judge the message, if one must: a language the scorers do not
        cover, or a possible threat (the threat head's near miss, see ``review_threat_from``)."""
        if not a.language.covered:
            return (
                f"language '{a.language.code}' is not covered by the anger, politeness and "
                "technique scorers: a human judges it (threats and insults are checked)"
            )
        near = a.abuse.near_threat
        if escalated or near is None or self._review_from is None or near[0] < self._review_from:
            return None
        return (
            f"possible threat: the threat model scored sentence {near[1]} at p={near[0]:.2f}, "
            "under the probability at which it escalates; read it before replying and call a "
            "manager if it menaces anyone"
        )

    def _with_foreign(self, abuse: AbuseScore, text: str, language: Language) -> AbuseScore:
        """Add threats and insults of the languages next to English (any when undetermined)."""
        if language.code == "en":
            return abuse
        codes = (language.code,) if language.code != "und" else self._foreign.languages
        kinds: set[str] = set()
        cues: list[str] = []
        for code in codes:
            hit = self._foreign.scan(text, code, detected=language.code != "und")
            kinds.update(hit.kinds)
            cues.extend(hit.cues)
        if not cues:
            return abuse
        if not kinds:
            return AbuseScore(
                abuse.value, abuse.detected, abuse.kinds, (*abuse.cues, *cues), abuse.near_threat
            )
        merged = tuple(k for k in ABUSE_KINDS if k in kinds or k in abuse.kinds)
        return AbuseScore(
            value=max(abuse.value, self._foreign_value),
            detected=True,
            kinds=merged,
            cues=tuple(dict.fromkeys((*abuse.cues, *cues))),
        )

    def escalation(self, abuse: AbuseScore, status: relationship.Status) -> Escalation:
        threat = "threat" in abuse.kinds and self.config.triage.escalation.always_on_threat
        if not (abuse.detected or threat):
            return Escalation(required=False)
        reason = f"abuse aimed at a person: {', '.join(abuse.kinds) or 'abusive language'}"
        if status.action == "consider_ending":
            reason += (
                f"; {status.abusive_in_window} abusive messages in the window: "
                "consider ending the relationship"
            )
        return Escalation(required=True, to="manager", reason=reason)

    def _tags(self, a: Analysis, action: str, escalate: bool, review: str | None) -> list[str]:
        p = self._prefix
        tags: list[str] = []
        if a.language.covered:  # no English judgement of a language the scorers do not cover
            tags += [f"{p}anger_{a.anger_level}", f"{p}politeness_{a.politeness_level}"]
        if a.abuse.detected:
            tags.append(f"{p}abuse")
            tags.extend(f"{p}abuse_{kind}" for kind in a.abuse.kinds)
        if escalate:
            tags.append(f"{p}escalate_manager")
        if not a.language.covered:
            tags.append(f"{p}{NEEDS_HUMAN_LANGUAGE}")
        else:
            if review is not None:
                tags.append(f"{p}{REVIEW_POSSIBLE_THREAT}")
            tags.append(f"{p}technique_{a.recommendation.technique.replace('-', '_')}")
        if action != "continue":
            tags.append(f"{p}relationship_{action}")
        if action == "consider_ending":
            tags.append(f"{p}consider_ending_relationship")
        return tags
