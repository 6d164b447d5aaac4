"""Abuse aimed at a person: lexicons + targeting rules + a small fitted linear layer.

Structure (all data in ``config/abuse.yaml``; weights in ``config/abuse.weights.json``):

1. every token of ``doc.plain`` is looked up once in one dict that holds the lexicons
   (insult nouns and adjectives, profanity, slurs, sexual words) and the target words
   (second person, possessives, staff, third persons, the speaker, things, negators); masked
   tokens (``f*ck``) are matched against the lexicon as wildcards;
2. each offensive word looks a few tokens back and ahead for the nearest target: ``"you
   idiot"`` is aimed at the reader, ``"this damn app"`` at a thing, ``"I'm such an idiot"``
   at the speaker (and ``"the bot called me an idiot"``, reported speech, lands there too);
3. phrase patterns (threats, harassment, profanity at a person) are matched on the tokens;
4. the features ``<category>@<target>`` plus phrase hits, slurs and VADER's negativity feed a
   logistic layer whose weights were fitted by ``scripts/train_abuse.py``.

``detected`` is ``value >= threshold``, or a hard kind (a threat) was matched. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field

from worker.core.text import Doc
from worker.core.types import ABUSE_KINDS, AbuseScore, Sentiment

__all__ = [
    "FEATURES",
    "AbuseConfig",
    "AbuseLexicon",
    "AbusePhrases",
    "AbuseScorer",
    "AbuseTargets",
    "AbuseWeights",
]

#: Offensive word categories and the targets they can be aimed at.
OFFENSIVE: tuple[str, ...] = ("insult_noun", "insult_adj", "profanity", "sexual")
TARGETS: tuple[str, ...] = ("you", "staff", "third", "mention", "self", "thing", "none")
#: Targets that make a feature: aimed at the speaker or at a thing is evidence only (a cue),
#: never abuse, by the product's definition ("this damn app", "I'm such an idiot").
SCORED_TARGETS: tuple[str, ...] = ("you", "staff", "third", "mention", "none")
PHRASES: tuple[str, ...] = ("threat", "harassment", "profanity_at_person")

#: Every feature the scorer computes, in a fixed order (the training script uses it too).
FEATURES: tuple[str, ...] = (
    *(f"{c}@{t}" for c in OFFENSIVE for t in SCORED_TARGETS),
    *(f"phrase:{p}" for p in PHRASES),
    "slur",
    "second_person",  # the message addresses someone ("you", "your")
    "short",  # three tokens or fewer (a bare "asshole" is aimed at whoever reads it)
    "vader_neg",
    "vader_negative",  # max(0, -compound)
    "vader_positive",  # max(0, compound)
    "caps_ratio",
    "exclaim",
)

_PERSON = frozenset({"you", "staff", "third", "mention"})
_GAP = "..."
_MAX_GAP = 2
_SHORT = 3


class AbuseTargets(BaseModel):
    """Words that say whom an offensive word is aimed at."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    second_person: tuple[str, ...]
    possessive: tuple[str, ...]
    staff: tuple[str, ...]
    third_person: tuple[str, ...]
    self: tuple[str, ...]
    thing: tuple[str, ...]
    negator: tuple[str, ...]


class AbuseLexicon(BaseModel):
    """Offensive words by category (base forms; plurals and stretched letters are derived)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    insult_noun: tuple[str, ...]
    insult_adj: tuple[str, ...]
    profanity: tuple[str, ...]
    slur: tuple[str, ...]
    sexual: tuple[str, ...]


class AbusePhrases(BaseModel):
    """Token patterns: literal words, ``{set}`` for any member of a set, ``...`` a short gap."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threat: tuple[str, ...]
    harassment: tuple[str, ...]
    profanity_at_person: tuple[str, ...]


class AbuseWeights(BaseModel):
    """The fitted logistic layer: ``sigmoid(bias + sum(features) + sum(words))``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bias: float
    features: dict[str, float]
    words: dict[str, float] = Field(default_factory=dict)
    fitted_threshold: float | None = None  # the threshold the training script chose
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class AbuseConfig(BaseModel):
    """Everything the abuse scorer needs; invalid config fails at start-up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: float = Field(gt=0.0, lt=1.0)
    hard_kinds: tuple[str, ...] = ("threat",)
    common_words: tuple[str, ...] = ()  # never used to anchor a phrase scan (speed only)
    window_before: int = Field(ge=0, le=8)
    window_after: int = Field(ge=0, le=8)
    sets: dict[str, tuple[str, ...]]
    targets: AbuseTargets
    lexicon: AbuseLexicon
    phrases: AbusePhrases
    weights: AbuseWeights


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _variants(word: str, plural: bool) -> Iterable[str]:
    """The word, its plural, and each letter doubled once ("stuupid", "idiiot")."""
    yield word
    if plural:
        yield word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
    for i, char in enumerate(word):
        if char.isalpha() and (i + 1 >= len(word) or word[i + 1] != char):
            if i == 0 or word[i - 1] != char:
                yield word[: i + 1] + char + word[i + 1 :]


Pattern = tuple[frozenset[str] | str, ...]


class AbuseScorer:
    """Scores one analysed message for abuse aimed at a person."""

    def __init__(self, config: AbuseConfig) -> None:
        self._config = config
        self._threshold = config.threshold
        self._hard = frozenset(config.hard_kinds)
        self._before = config.window_before
        self._after = config.window_after
        self._bias = config.weights.bias
        self._fw = dict(config.weights.features)
        self._ww = dict(config.weights.words)
        # token -> offensive categories; token -> canonical word (for cues)
        self._lex: dict[str, tuple[str, ...]] = {}
        self._canon: dict[str, str] = {}
        lex = config.lexicon
        for category, words, plural in (
            ("insult_noun", lex.insult_noun, True),
            ("insult_adj", lex.insult_adj, False),
            ("profanity", lex.profanity, False),
            ("slur", lex.slur, True),
            ("sexual", lex.sexual, False),
        ):
            for word in words:
                for form in _variants(word, plural):
                    cats = self._lex.get(form, ())
                    if category not in cats:
                        self._lex[form] = (*cats, category)
                    self._canon.setdefault(form, word)
        # Masked tokens ("f*ck") are matched against base forms of the same length.
        self._by_len: dict[int, list[str]] = {}
        for word in {*lex.insult_noun, *lex.insult_adj, *lex.profanity, *lex.slur, *lex.sexual}:
            self._by_len.setdefault(len(word), []).append(word)
        tg = config.targets
        self._target: dict[str, str] = {}
        for kind, words in (
            ("thing", tg.thing),
            ("third", tg.third_person),
            ("staff", tg.staff),
            ("self", tg.self),
            ("poss", tg.possessive),
            ("you", tg.second_person),
        ):
            for word in words:
                self._target[word] = kind
        self._negators = frozenset(tg.negator)
        self._things = frozenset(tg.thing)
        sets = {name: frozenset(words) for name, words in config.sets.items()}
        # Each phrase is indexed by an anchor: its least common element, so that the scan
        # only starts where a rare word occurs ("kill", "shut"), never at every "you" or "i".
        self._phrases: dict[str, list[tuple[str, Pattern, int, int]]] = {}
        common = frozenset(config.common_words)
        for kind in PHRASES:
            for text in getattr(config.phrases, kind):
                pattern = _compile(text, sets)
                k = _anchor(pattern, common)
                head = pattern[k]
                gaps = pattern[:k].count(_GAP)
                entry = (kind, pattern, k - gaps, k + gaps * _MAX_GAP)
                for first in (head,) if isinstance(head, str) else sorted(head):
                    for form in _variants(first, False):
                        self._phrases.setdefault(form, []).append(entry)
        self._anchors = frozenset(self._phrases)
        self._lex_keys = frozenset(self._lex)
        self._you = frozenset(w for w, k in self._target.items() if k in ("you", "poss"))

    # -- public -------------------------------------------------------------------------

    def features(self, doc: Doc, sentiment: Sentiment) -> tuple[dict[str, float], list[str]]:
        """The feature vector (sparse: only non-zero entries) and the evidence cues."""
        toks = doc.plain
        feats: dict[str, float] = {}
        cues: list[str] = []
        if "*" in doc.lower:
            toks = self._unmask_all(toks, cues)
        present = set(toks)
        lex_get = self._lex.get
        hits: list[tuple[int, str, tuple[str, ...]]] = []
        found = self._lex_keys.intersection(present)
        if found:
            for i, tok in enumerate(toks):
                if tok in found:
                    hits.append((i, tok, lex_get(tok, ())))
        if not self._you.isdisjoint(present):
            feats["second_person"] = 1.0
        if hits:
            self._aim(toks, hits, feats, cues, doc)
        phrase_hits = self._match_phrases(toks, present)
        for kind, phrase in phrase_hits:
            feats[f"phrase:{kind}"] = 1.0
            cues.append(f"{kind}:{phrase}")
        if len(toks) <= _SHORT:
            feats["short"] = 1.0
        feats["vader_neg"] = sentiment.neg
        if sentiment.compound < 0:
            feats["vader_negative"] = -sentiment.compound
        elif sentiment.compound > 0:
            feats["vader_positive"] = sentiment.compound
        if doc.caps_ratio:
            feats["caps_ratio"] = doc.caps_ratio
        if doc.exclaim_runs:
            feats["exclaim"] = 1.0
        return feats, cues

    def score(self, doc: Doc, sentiment: Sentiment) -> AbuseScore:
        """Score ``doc``: value in [0, 1], decision, kinds and cues."""
        feats, cues = self.features(doc, sentiment)
        fw = self._fw
        z = self._bias
        for name, value in feats.items():
            z += fw.get(name, 0.0) * value
        ww = self._ww
        if ww:
            for tok in ww.keys() & set(doc.plain):
                z += ww[tok]
        value = _sigmoid(z)
        found = _kinds(feats)
        # Abuse is aimed at a person: the score alone (e.g. plain negativity) never escalates
        # without a person-aimed cue; a hard kind (a threat) escalates whatever the score.
        detected = (value >= self._threshold and bool(found)) or bool(self._hard & found)
        kinds: tuple[str, ...] = ()
        if detected:
            kinds = tuple(k for k in ABUSE_KINDS if k in found)
        return AbuseScore(
            value=round(value, 4), detected=detected, kinds=kinds, cues=tuple(dict.fromkeys(cues))
        )

    # -- internals ----------------------------------------------------------------------

    def _unmask_all(self, toks: tuple[str, ...], cues: list[str]) -> tuple[str, ...]:
        out = []
        for tok in toks:
            word = self._unmask(tok) if "*" in tok else None
            if word is not None:
                cues.append(f"obfuscated:{tok}->{word}")
                tok = word
            out.append(tok)
        return tuple(out)

    def _unmask(self, tok: str) -> str | None:
        """Match a masked token ("f*ck", "b**ch") to a lexicon word of the same length."""
        core = tok.strip("*") if tok.count("*") < len(tok) else ""
        if not core or len(tok) - tok.count("*") < 2:
            return None
        for word in self._by_len.get(len(tok), ()):
            if all(a == "*" or a == b for a, b in zip(tok, word, strict=True)):
                return word
        return None

    def _aim(
        self,
        toks: tuple[str, ...],
        hits: list[tuple[int, str, tuple[str, ...]]],
        feats: dict[str, float],
        cues: list[str],
        doc: Doc,
    ) -> None:
        """For each offensive word, find whom it is aimed at and record the feature."""
        words = set(doc.words)
        n = len(toks)
        for i, tok, cats in hits:
            canon = self._canon.get(tok, tok)
            if canon not in words and tok not in words and tok in doc.plain:
                cues.append(f"obfuscated:{canon}")
            if "slur" in cats:
                feats["slur"] = 1.0
                cues.append(f"slur:{canon}")
            rest = [c for c in cats if c != "slur"]
            if not rest:
                continue
            if any(toks[j] in self._negators for j in range(max(0, i - 2), i)):
                cues.append(f"negated:{canon}")
                continue
            target, word = self._nearest(toks, i, n)
            for category in rest:
                if target in SCORED_TARGETS:
                    feats[f"{category}@{target}"] = 1.0
                label = "insult" if category.startswith("insult") else category
                cues.append(f"{label}:{canon}")
            if word:
                cues.append(f"target:{word}")

    def _nearest(self, toks: tuple[str, ...], i: int, n: int) -> tuple[str, str]:
        """The nearest target around position ``i``: (target class, word) or ("none", "")."""
        target_get = self._target.get
        for d in range(1, max(self._before, self._after) + 1):
            for j in ((i - d) if d <= self._before else -1, (i + d) if d <= self._after else n):
                if 0 <= j < n:
                    tok = toks[j]
                    kind = target_get(tok)
                    if kind is None:
                        if tok[0] == "@":
                            return "mention", tok
                        continue
                    if kind == "poss":
                        # "your app" is about a thing, "your team" / "your face" about you.
                        after = toks[j + 1 : j + 4]
                        return ("thing" if self._things.intersection(after) else "you"), tok
                    return kind, tok
        return "none", ""

    def _match_phrases(self, toks: tuple[str, ...], present: set[str]) -> list[tuple[str, str]]:
        """Phrase hits as (kind, matched words); scans only around anchor words."""
        anchors = self._anchors.intersection(present)
        if not anchors:
            return []
        found: list[tuple[str, str]] = []
        n = len(toks)
        for p, tok in enumerate(toks):
            if tok not in anchors:
                continue
            for kind, pattern, near, far in self._phrases[tok]:
                # The anchor is `near`..`far` tokens after the start, depending on the gaps.
                for start in range(max(0, p - far), p - near + 1):
                    end = _match(toks, start, pattern, n)
                    if end > p:
                        found.append((kind, " ".join(toks[start:end])))
                        break
        return found


def _anchor(pattern: Pattern, common: frozenset[str]) -> int:
    """Index of the element to index a phrase by: the one least likely to be common."""
    best, best_rank = 0, 9
    for i, part in enumerate(pattern):
        if part == _GAP:
            continue
        if isinstance(part, str):
            rank = 2 if part in common else 0
        else:
            rank = 3 if common.intersection(part) else 1
        if rank < best_rank:
            best, best_rank = i, rank
    return best


def _compile(text: str, sets: Mapping[str, frozenset[str]]) -> Pattern:
    """``"{i} ... kill {you}"`` -> ("i"-set, "...", "kill", "you"-set)."""
    parts: list[frozenset[str] | str] = []
    for part in text.lower().split():
        if part.startswith("{") and part.endswith("}"):
            parts.append(sets[part[1:-1]])
        else:
            parts.append(part)
    return tuple(parts)


def _match(toks: tuple[str, ...], i: int, rest: Pattern, n: int) -> int:
    """Match ``rest`` at ``toks[i:]``; return the end index or -1. Gaps skip 0..2 tokens."""
    if not rest:
        return i
    head = rest[0]
    if head == _GAP:
        for skip in range(_MAX_GAP + 1):
            end = _match(toks, i + skip, rest[1:], n)
            if end >= 0:
                return end
        return -1
    if i >= n:
        return -1
    tok = toks[i]
    if tok == head if isinstance(head, str) else tok in head:
        return _match(toks, i + 1, rest[1:], n)
    return -1


def _kinds(feats: Mapping[str, float]) -> set[str]:
    """Which abuse kinds the features show (used to label a detected message)."""
    kinds: set[str] = set()
    for name in feats:
        category, _, target = name.partition("@")
        if target in _PERSON or (category == "insult_noun" and target == "none"):
            if category.startswith("insult"):
                kinds.add("insult")
            elif category == "profanity":
                kinds.add("profanity_at_person")
            elif category == "sexual" and target == "you":
                kinds.add("harassment")
    if "phrase:threat" in feats:
        kinds.add("threat")
    if "phrase:harassment" in feats:
        kinds.add("harassment")
    if "phrase:profanity_at_person" in feats:
        kinds.add("profanity_at_person")
    if "slur" in feats:
        kinds.add("slur")
    return kinds
