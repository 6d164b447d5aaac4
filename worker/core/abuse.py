"""Abuse aimed at a person: lexicons + targeting rules + a small fitted linear layer.

"A person" is anyone: the reader (the agent), staff, a named or third person ("your colleague
is an idiot", "he's a pathetic liar"); not a thing ("this damn app"), not the speaker ("I'm
such an idiot"), not untargeted swearing ("holy shit").

Structure (all data in ``config/abuse.yaml``; weights in ``config/abuse.weights.json``):

1. every token of ``doc.plain`` is looked up once in one dict that holds the lexicons
   (insult nouns, insult adjectives, complaint adjectives, profanity, slurs, sexual words,
   plus derived plurals, stretched letters and typo forms such as "idoit") and the target
   words (second person, possessives, staff and other people, third persons, the speaker,
   things, negators); masked tokens (``f*ck``) are matched as wildcards, and unlisted
   compounds of a swear root ("fuckbrain") are recognised by their first letters;
2. each offensive word looks a few tokens back and ahead for the nearest target: ``"you
   idiot"`` is aimed at the reader, ``"he is a moron"`` at a third person, ``"this damn
   app"`` at a thing, ``"I'm such an idiot"`` at the speaker (and ``"the bot called me an
   idiot"``, reported speech, lands there too). The subject of a copula comes first (``"you
   are annoying me"`` is aimed at the reader, ``"it is annoying me"`` at a thing). An insult
   noun names a person by itself, so a person in the window wins over a nearer thing, and
   with no target at all it still counts ("what a moron");
3. phrase patterns (threats, harassment, profanity at a person) are matched on the tokens;
   a non-threat hit about a thing is dropped (``"your app has no brain"``, ``"this app is a
   piece of shit"``, ``"the stupidest idea"``);
4. the features ``<category>@<target>`` (also pooled as ``<category>@person``), phrase hits,
   slurs, VADER's negativity and a per-word weight for lexicon words feed a logistic layer
   fitted by ``scripts/train_abuse.py``;
5. a second learned layer over hashed word unigrams and bigrams (:class:`NgramHead`, fitted
   by the same script) may *rescue* a message the rules do not flag, but only one that is
   addressed to the reader (it says "you"/"your", or it is three tokens or fewer and names no
   thing): abuse written without a listed word ("u r gay", "you into being bad on cam?").
   The n-gram vector is binary and L2-normalised (each present n-gram counts
   ``1/sqrt(count)``), so one threshold holds from two-word chat turns to long e-mails. Its
   evidence is the model's probability and the n-grams that pushed it up most.

``detected`` is ``value >= threshold`` together with a person-aimed kind, or a hard kind (a
threat) was matched, or the n-gram layer rescued an addressed message. Reported speech is not
the customer's own abuse: a detected message (not a threat) that quotes someone else ("your
bot told me to type \"yes you idiot\"", "the agent wrote 'you moron'") is scored again with
those quotations blanked, and stands only if it is still abusive (cue ``reported_speech``).
Pure: no I/O.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict, Field

from worker.core.linear import sigmoid
from worker.core.text import Doc, analyse
from worker.core.threats import ThreatFrames, ThreatFramesConfig
from worker.core.types import ABUSE_KINDS, AbuseScore, Sentiment

__all__ = [
    "FEATURES",
    "AbuseConfig",
    "AbuseLexicon",
    "AbusePhrases",
    "AbuseScorer",
    "AbuseTargets",
    "AbuseWeights",
    "NgramHead",
    "ngram_keys",
]

#: Offensive word categories and the targets they can be aimed at.
OFFENSIVE: tuple[str, ...] = ("insult_noun", "insult_adj", "complaint_adj", "profanity", "sexual")
TARGETS: tuple[str, ...] = ("you", "staff", "third", "mention", "self", "me", "thing", "none")
#: Targets that make a feature: aimed at the speaker or at a thing is evidence only (a cue),
#: never abuse, by the product's definition ("this damn app", "I'm such an idiot").
SCORED_TARGETS: tuple[str, ...] = ("you", "staff", "third", "mention", "none")
PHRASES: tuple[str, ...] = ("threat", "harassment", "profanity_at_person")

#: Every feature the scorer computes, in a fixed order (the training script uses it too).
FEATURES: tuple[str, ...] = (
    *(f"{c}@{t}" for c in OFFENSIVE for t in SCORED_TARGETS),
    # pooled over all person targets (you, staff, third, mention), so that third persons
    # share strength with the reader; "sexual@me" is "fuck me", "give me sex"
    *(f"{c}@person" for c in OFFENSIVE),
    "sexual@me",
    # explicit sexual talk about the speaker sent to the reader ("i want to swallow semen"),
    # never for words that are also insults ("i'm such a slut" is self-deprecation)
    "sexual@self",
    "insult_count",  # number of insult words aimed at a person or at no one (capped at 3)
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
_PERSON_OR_POOLED = _PERSON | {"person"}
_DEMONSTRATIVE = frozenset({"this", "that", "these", "those"})
#: Thing words that start a new clause rather than name the thing a phrase qualifies.
_PRONOUN_THINGS = frozenset({"this", "that", "these", "those", "it", "it's", "its"})
_ARTICLES = frozenset({"a", "an", "such", "am", "the", "biggest", "total", "complete"})
_INSULTS = frozenset({"insult_noun", "insult_adj", "complaint_adj"})
_ADJECTIVES = frozenset({"insult_adj", "complaint_adj"})
#: Someone else's words about to be quoted ("the bot told me to type \"...\"", "he wrote
#: '...'", "she called me \u201c...\u201d"): group 1 is the speaker, group 2 the opening quote.
_REPORTED = re.compile(
    r"(\b[\w']+)\s+(?:(?:told|asked)\s+(?:me|us)\s+to\s+(?:type|say|write|enter|reply|send)"
    r"|said|says|wrote|writes|typed|replied|messaged|responded|called\s+me)\b"
    r"[^\"'\u201c\u201d\u2018\u2019\n]{0,12}?(?<![\w])([\"'\u201c\u2018])",
    re.IGNORECASE,
)
#: Closing quotes per opening quote; a closing single quote must not be an apostrophe.
_CLOSE = {'"': '"\u201d', "\u201c": '\u201d"', "\u2018": "\u2019'", "'": "'\u2019"}
_QUOTE_SPAN = 300
_SPEAKER = frozenset({"i", "we", "i've", "we've", "i'd", "we'd"})
_GAP = "..."
_MAX_GAP = 2
_SHORT = 3
_MIN_COMPOUND = 6
_ROOT_HEAD = 4
_MAX_COMPOUND = 30


class AbuseTargets(BaseModel):
    """Words that say whom an offensive word is aimed at."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    second_person: tuple[str, ...]
    possessive: tuple[str, ...]
    staff: tuple[str, ...]
    third_person: tuple[str, ...]
    self: tuple[str, ...]
    self_object: tuple[str, ...] = ()
    self_possessive: tuple[str, ...] = ()  # "my": a thing or a third person, never the reader
    thing: tuple[str, ...]
    negator: tuple[str, ...]
    weak_negator: tuple[str, ...] = ()  # negates adjectives and swearing, not insult nouns
    # "X is (so) WORD": the subject of a copula is the target ("you are annoying me").
    copula: tuple[str, ...] = ()
    predicate_filler: tuple[str, ...] = ()  # words between the copula and the word ("so a")


class AbuseLexicon(BaseModel):
    """Offensive words by category (base forms; plurals and stretched letters are derived)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    insult_noun: tuple[str, ...]
    insult_adj: tuple[str, ...]
    complaint_adj: tuple[str, ...] = ()  # insult only when plainly aimed at a person
    profanity: tuple[str, ...]
    slur: tuple[str, ...]
    sexual: tuple[str, ...]


class AbusePhrases(BaseModel):
    """Token patterns: literal words, ``{set}`` for any member of a set, ``...`` a short gap."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threat: tuple[str, ...]
    harassment: tuple[str, ...]
    profanity_at_person: tuple[str, ...]


class NgramHead(BaseModel):
    """Hashed word n-grams -> logistic probability; rescues addressed messages only.

    ``weights`` maps a bucket (``crc32(ngram) % buckets``, as a decimal string: JSON keys)
    to its weight; buckets not listed weigh 0 (pruned when training).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    buckets: int = Field(gt=0)
    bias: float
    weights: dict[str, float]
    threshold: float = Field(gt=0.0, lt=1.0)
    kind: str = "insult"  # the kind a rescued message is labelled with (sexual words: harassment)
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class AbuseWeights(BaseModel):
    """The fitted logistic layer: ``sigmoid(bias + sum(features) + sum(words))``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bias: float
    features: dict[str, float]
    words: dict[str, float] = Field(default_factory=dict)
    fitted_threshold: float | None = None  # the threshold the training script chose
    ngrams: NgramHead | None = None
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class AbuseConfig(BaseModel):
    """Everything the abuse scorer needs; invalid config fails at start-up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: float = Field(gt=0.0, lt=1.0)
    hard_kinds: tuple[str, ...] = ("threat",)
    common_words: tuple[str, ...] = ()  # never used to anchor a phrase scan (speed only)
    window_before: int = Field(ge=0, le=8)
    window_after: int = Field(ge=0, le=8)
    typo_swap_len: int = Field(default=0, ge=0)  # 0 = off
    typo_delete_len: int = Field(default=0, ge=0)  # 0 = off
    typo_exclude: tuple[str, ...] = ()
    compound_roots: tuple[str, ...] = ()
    compound_person_ends: tuple[str, ...] = ()
    compound_exclude: tuple[str, ...] = ()  # ordinary words that contain a root ("cocktail")
    sets: dict[str, tuple[str, ...]]
    targets: AbuseTargets
    lexicon: AbuseLexicon
    phrases: AbusePhrases
    threat_frames: ThreatFramesConfig | None = None
    weights: AbuseWeights


def ngram_keys(toks: tuple[str, ...], buckets: int) -> dict[int, str]:
    """Hashed word unigrams and bigrams of ``toks``: bucket -> the n-gram (for evidence).

    ``zlib.crc32`` (not ``hash``): the same buckets in every process and in training.
    """
    out: dict[int, str] = {}
    prev = ""
    for tok in toks:
        out.setdefault(zlib.crc32(tok.encode("utf-8")) % buckets, tok)
        if prev:
            gram = f"{prev} {tok}"
            out.setdefault(zlib.crc32(gram.encode("utf-8")) % buckets, gram)
        prev = tok
    return out


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
#: (kind, pattern, min/max offset of the anchor, its other words, its other word sets)
_Entry = tuple[str, Pattern, int, int, frozenset[str], tuple[frozenset[str], ...]]


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
        self._word_keys = frozenset(self._ww)
        # token -> offensive categories; token -> canonical word (for cues)
        self._lex: dict[str, tuple[str, ...]] = {}
        self._typo: dict[str, str] = {}
        self._canon: dict[str, str] = {}
        lex = config.lexicon
        for category, words, plural in (
            ("insult_noun", lex.insult_noun, True),
            ("insult_adj", lex.insult_adj, False),
            ("complaint_adj", lex.complaint_adj, False),
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
        # In priority order: "f*ck" is "fuck" (the first swear word of that shape).
        strong = list(
            dict.fromkeys(
                (*lex.profanity, *lex.insult_noun, *lex.slur, *lex.insult_adj, *lex.sexual)
            )
        )
        for word in strong:
            self._by_len.setdefault(len(word), []).append(word)
        tg = config.targets
        self._target: dict[str, str] = {}
        for kind, words in (
            ("thing", tg.thing),
            ("third", tg.third_person),
            ("staff", tg.staff),
            ("self", tg.self),
            ("self_poss", tg.self_possessive),
            ("me", tg.self_object),
            ("poss", tg.possessive),
            ("you", tg.second_person),
        ):
            for word in words:
                self._target[word] = kind
        self._add_typos(config, strong)
        # Compound words are found by their first four letters (roots have four or more),
        # then the full root; a C-level substring test skips texts without any.
        self._root_heads: dict[str, tuple[str, ...]] = {}
        for root in sorted(config.compound_roots, key=len, reverse=True):
            if len(root) >= _ROOT_HEAD:
                head = root[:_ROOT_HEAD]
                self._root_heads[head] = (*self._root_heads.get(head, ()), root)
        self._no_compound = frozenset(config.compound_exclude)
        self._person_ends = tuple(sorted(config.compound_person_ends, key=len, reverse=True))
        self._negators = frozenset(tg.negator)
        self._weak_negators = frozenset(tg.weak_negator)
        self._things = frozenset(tg.thing)
        self._copula = frozenset(tg.copula)
        self._possessive = frozenset(tg.possessive)
        self._filler = frozenset(tg.predicate_filler)
        sets = {name: frozenset(words) for name, words in config.sets.items()}
        # Each phrase is indexed by an anchor: its least common element, so that the scan
        # only starts where a rare word occurs ("kill", "shut"), never at every "you" or "i".
        self._phrases: dict[str, list[_Entry]] = {}
        common = frozenset(config.common_words)
        for kind in PHRASES:
            for text in getattr(config.phrases, kind):
                pattern = _compile(text, sets)
                k = _anchor(pattern, common)
                at = pattern[k]
                gaps = pattern[:k].count(_GAP)
                others = [part for j, part in enumerate(pattern) if j != k and part != _GAP]
                lits = frozenset(part for part in others if isinstance(part, str))
                grps = tuple(part for part in others if not isinstance(part, str))
                entry: _Entry = (kind, pattern, k - gaps, k + gaps * _MAX_GAP, lits, grps)
                for first in (at,) if isinstance(at, str) else sorted(at):
                    for form in _variants(first, False):
                        self._phrases.setdefault(form, []).append(entry)
        self._anchors = frozenset(self._phrases)
        self._lex_keys = frozenset(self._lex)
        self._you = frozenset(w for w, k in self._target.items() if k in ("you", "poss"))
        self._frames = ThreatFrames(config.threat_frames) if config.threat_frames else None
        self._head: NgramHead | None = config.weights.ngrams
        self._head_w = {int(k): v for k, v in self._head.weights.items()} if self._head else {}
        self._sexual = frozenset(form for form, cats in self._lex.items() if "sexual" in cats)
        self._profane = frozenset(f for f, cats in self._lex.items() if "profanity" in cats)

    def lexicon_forms(self) -> frozenset[str]:
        """Every token form the lexicon matches (base forms, plurals, stretched, typos)."""
        return self._lex_keys

    def _add_typos(self, config: AbuseConfig, words: list[str]) -> None:
        """Typo forms of long lexicon words: two adjacent letters swapped, one letter dropped."""
        skip = {*config.typo_exclude, *config.common_words, *self._target}
        swap, delete = config.typo_swap_len, config.typo_delete_len
        for word in words:
            if not word.isalpha():
                continue
            forms: set[str] = set()
            if swap and len(word) >= swap:
                forms.update(
                    word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
                )
            if delete and len(word) >= delete:
                forms.update(word[:i] + word[i + 1 :] for i in range(1, len(word)))
            for form in forms:
                if form in skip or form in self._lex:
                    continue
                self._typo.setdefault(form, word)
        for form, word in self._typo.items():
            self._lex[form] = self._lex[word]
            self._canon[form] = self._canon.get(word, word)

    # -- public -------------------------------------------------------------------------

    def features(self, doc: Doc, sentiment: Sentiment) -> tuple[dict[str, float], list[str]]:
        """The feature vector (sparse: only non-zero entries) and the evidence cues."""
        feats, cues, _ = self._features(doc, sentiment)
        return feats, cues

    def _features(
        self, doc: Doc, sentiment: Sentiment
    ) -> tuple[dict[str, float], list[str], set[str]]:
        toks = doc.plain
        feats: dict[str, float] = {}
        cues: list[str] = []
        if "*" in doc.lower:
            toks = self._unmask_all(toks, cues)
        present = set(toks)
        lex_get = self._lex.get
        hits: list[tuple[int, str, tuple[str, ...]]] = []
        found = self._lex_keys.intersection(present)
        extra: dict[str, tuple[str, ...]] = {}
        if self._root_heads and any(h in doc.lower for h in self._root_heads):
            extra = self._compounds(present, cues)
            found = found | extra.keys()
        if found:
            for i, tok in enumerate(toks):
                if tok in found:
                    hits.append((i, tok, lex_get(tok) or extra[tok]))
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
        return feats, cues, present

    def score(self, doc: Doc, sentiment: Sentiment) -> AbuseScore:
        """Score ``doc``: value in [0, 1], decision, kinds and cues."""
        result = self._score(doc, sentiment)
        if not result.detected or "threat" in result.kinds or not _QUOTES.intersection(doc.text):
            return result
        blanked = _blank_reported(doc.text)
        if blanked == doc.text:
            return result
        again = self._score(analyse(blanked), sentiment)
        if again.detected:
            return again
        return AbuseScore(
            value=again.value, detected=False, kinds=(), cues=(*result.cues, "reported_speech")
        )

    def _score(self, doc: Doc, sentiment: Sentiment) -> AbuseScore:
        feats, cues, present = self._features(doc, sentiment)
        fw = self._fw
        z = self._bias
        for name, value in feats.items():
            z += fw.get(name, 0.0) * value
        ww = self._ww
        if ww:
            for tok in self._word_keys.intersection(present):
                z += ww[tok]
        value = sigmoid(z)
        found = _kinds(feats)
        if self._frames is not None:
            labels = self._frames.find(doc.text, doc.words)
            if labels:
                found.add("threat")
                cues.extend(f"threat_frame:{label}" for label in labels)
                value = max(value, self._frames.value)
        # Abuse is aimed at a person: the score alone (e.g. plain negativity) never escalates
        # without a person-aimed cue; a hard kind (a threat) escalates whatever the score.
        detected = (value >= self._threshold and bool(found)) or bool(self._hard & found)
        head = self._head
        if not detected and head is not None and self._addressed(doc, feats, present):
            p = self._rescue(head, doc.plain, cues)
            if p >= head.threshold:
                detected = True
                found = {self._rescued_kind(present, head)}
                value = max(value, p)
        kinds: tuple[str, ...] = ()
        if detected:
            kinds = tuple(k for k in ABUSE_KINDS if k in found)
        return AbuseScore(
            value=round(value, 4), detected=detected, kinds=kinds, cues=tuple(dict.fromkeys(cues))
        )

    # -- internals ----------------------------------------------------------------------

    def _addressed(self, doc: Doc, feats: Mapping[str, float], present: set[str]) -> bool:
        """Whether the message speaks to the reader: "you"/"your", or a short turn about no
        thing ("u r gay" yes; "fuck this update", "this damn app" no)."""
        if "second_person" in feats:
            return True
        return "short" in feats and self._things.isdisjoint(present)

    def _rescued_kind(self, present: set[str], head: NgramHead) -> str:
        """The kind of a rescued message: harassment with a sexual word, profanity at the
        reader with a swear word, else the head's kind."""
        if not self._sexual.isdisjoint(present):
            return "harassment"
        if not self._profane.isdisjoint(present):
            return "profanity_at_person"
        return head.kind

    def _rescue(self, head: NgramHead, toks: tuple[str, ...], cues: list[str]) -> float:
        """The n-gram layer's probability; its top positive n-grams go to the cues."""
        grams = ngram_keys(toks, head.buckets)
        if not grams:
            return 0.0
        w = self._head_w
        norm = 1.0 / math.sqrt(len(grams))
        hits = [(w[k], g) for k, g in grams.items() if k in w]
        p = sigmoid(head.bias + norm * sum(v for v, _ in hits))
        if p >= head.threshold:
            cues.append(f"model:{p:.2f}")
            cues.extend(f"ngram:{g}" for v, g in sorted(hits, reverse=True)[:3] if v > 0)
        return p

    def _compounds(self, present: set[str], cues: list[str]) -> dict[str, tuple[str, ...]]:
        """Words that start with a swear root but are not listed ("fuckbrain", "scumbot")."""
        out: dict[str, tuple[str, ...]] = {}
        heads = self._root_heads
        for tok in sorted(present.difference(self._lex_keys)):
            if len(tok) < _MIN_COMPOUND or tok[:4] not in heads:
                continue
            root = next((r for r in heads[tok[:4]] if tok.startswith(r)), "")
            if (
                not root
                or len(tok) - len(root) < 2
                or len(tok) > _MAX_COMPOUND
                or not tok.isalpha()
                or tok in self._no_compound
            ):
                continue
            person = tok.endswith(self._person_ends) and not tok.endswith(("ing", "ed", "ss"))
            out[tok] = ("insult_noun",) if person else ("profanity",)
            cues.append(f"compound:{tok}")
        return out

    def _unmask_all(self, toks: tuple[str, ...], cues: list[str]) -> tuple[str, ...]:
        out = []
        seen: dict[str, str | None] = {}  # each distinct masked token is decoded once
        for tok in toks:
            if "*" not in tok:
                out.append(tok)
                continue
            if tok not in seen:
                seen[tok] = word = self._unmask(tok)
                if word is not None:
                    cues.append(f"obfuscated:{tok}->{word}")
            word = seen[tok]
            out.append(tok if word is None else word)
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
        lower = doc.lower
        decoded: dict[str, bool] = {}
        n = len(toks)
        negators, weak = self._negators, self._weak_negators
        insults = 0
        for i, tok, cats in hits:
            canon = self._canon.get(tok, tok)
            if tok not in decoded:
                decoded[tok] = tok not in lower  # one substring scan per distinct token
            if decoded[tok]:  # the token was decoded ("sh1t", "f*ck", "stuuupid")
                cues.append(f"obfuscated:{canon}")
            if "slur" in cats:
                feats["slur"] = 1.0
                cues.append(f"slur:{canon}")
            rest = [c for c in cats if c != "slur"]
            if not rest:
                continue
            before = toks[max(0, i - 2) : i]
            if "insult_noun" in rest:
                # "not an idiot", "never a liar": a negated predicate; "not you bitches" and
                # "no you moron" still insult.
                negated = bool(before) and (
                    (before[-1] in negators)
                    or (len(before) == 2 and before[0] in negators and before[1] in ("a", "an"))
                )
            else:
                negated = any(t in negators or t in weak for t in before)
            if negated:
                cues.append(f"negated:{canon}")
                continue
            target, word = self._nearest(toks, i, n, "insult_noun" in rest)
            person = target in _PERSON
            for category in rest:
                if target in SCORED_TARGETS:
                    feats[f"{category}@{target}"] = 1.0
                    if person:
                        feats[f"{category}@person"] = 1.0
                    if category in _INSULTS and (person or category != "complaint_adj"):
                        insults += 1
                elif target == "me" and category == "sexual":
                    feats["sexual@me"] = 1.0
                elif target == "self" and category == "sexual" and _INSULTS.isdisjoint(cats):
                    feats["sexual@self"] = 1.0
                label = "insult" if category in _INSULTS else category
                cues.append(f"{label}:{canon}")
            if word:
                cues.append(f"target:{word}")
        if insults:
            feats["insult_count"] = float(min(insults, 3))

    def _nearest(
        self, toks: tuple[str, ...], i: int, n: int, noun: bool = False
    ) -> tuple[str, str]:
        """The nearest target around position ``i``: (target class, word) or ("none", "").

        An insult noun names a person by itself, so for one a person target anywhere in the
        window wins over a nearer thing ("you computer bitch", "your bot is an idiot").
        """
        target_get = self._target.get
        if self._copula:
            # "you are (so) annoying me", "he is a moron": the subject of the copula.
            j = i - 1
            while j > 0 and i - j <= 3 and toks[j] in self._filler:
                j -= 1
            if j > 0 and toks[j] in self._copula:
                kind = target_get(toks[j - 1])
                if kind in ("you", "third", "staff", "thing"):
                    return kind, toks[j - 1]
        thing: tuple[str, str] | None = None
        for d in range(1, max(self._before, self._after) + 1):
            for j in ((i - d) if d <= self._before else -1, (i + d) if d <= self._after else n):
                if 0 <= j < n:
                    tok = toks[j]
                    kind = target_get(tok)
                    if kind is None:
                        if tok[0] == "@":
                            return "mention", tok
                        continue
                    if kind in ("poss", "self_poss"):
                        # "your app" is about a thing, "your team" / "your face" about you;
                        # "my phone" is a thing, "my stepfather" a third person.
                        after = toks[j + 1 : j + 4]
                        if self._things.intersection(after):
                            kind = "thing"
                        else:
                            kind = "you" if kind == "poss" else ("third" if noun else "self")
                    if noun:
                        if kind == "thing":
                            if j == i - 1 and tok in _DEMONSTRATIVE:
                                return "third", tok  # "that bitch", "this idiot"
                            thing = thing or (kind, tok)
                            continue
                        if kind in ("self", "me") and (
                            j > i or _ARTICLES.isdisjoint(toks[j + 1 : i])
                        ):
                            # "I'm such an idiot", "called me an idiot" are about the speaker;
                            # "I heard bitches ...", "tell me idiot" are not.
                            continue
                    return kind, tok
        return thing or ("none", "")

    def _about_thing(self, toks: tuple[str, ...], start: int, end: int) -> bool:
        """Whether a phrase hit is about a thing, not a person (only called on a hit).

        "your app has no brain", "fuck your app": a possessive in the phrase owns a thing;
        "this app is a piece of shit": the phrase is predicated of a thing; "the stupidest
        idea": the phrase qualifies the thing noun that follows it.
        """
        things = self._things
        if (
            end < len(toks)
            and toks[end] in things
            and toks[end] not in _PRONOUN_THINGS
            and not _ADJECTIVES.isdisjoint(self._lex.get(toks[end - 1], ()))
        ):
            return True  # "the stupidest thing"; not "fuck off computer" (a vocative)
        for j in range(start, end):
            # "your app sucks" owns a thing; "ur so dumb its funny" ("its": it's) does not
            if toks[j] in self._possessive and any(
                t in things and t not in _PRONOUN_THINGS for t in toks[j + 1 : j + 4]
            ):
                return True
        j = start - 1
        while j > 0 and start - j <= 3 and toks[j] in self._filler:
            j -= 1
        return j > 0 and toks[j] in self._copula and toks[j - 1] in things

    def _match_phrases(self, toks: tuple[str, ...], present: set[str]) -> list[tuple[str, str]]:
        """Phrase hits as (kind, matched words); scans only around anchor words."""
        anchors = self._anchors.intersection(present)
        if not anchors:
            return []
        # Only the phrases whose every other word occurs in the message can match (a cheap
        # set test that drops most candidates before any scan).
        live: dict[str, list[_Entry]] = {}
        for tok in anchors:
            entries = [
                e
                for e in self._phrases[tok]
                if e[4] <= present and all(not g.isdisjoint(present) for g in e[5])
            ]
            if entries:
                live[tok] = entries
        if not live:
            return []
        found: list[tuple[int, str, str]] = []
        n = len(toks)
        for tok, entries in live.items():
            p = toks.index(tok)
            while True:
                for kind, pattern, near, far, _, _ in entries:
                    # The anchor is `near`..`far` tokens after the start, depending on gaps.
                    for start in range(max(0, p - far), p - near + 1):
                        end = _match(toks, start, pattern, n)
                        if end > p:
                            if (
                                not self._about_thing(toks, start, end)
                                if kind not in self._hard
                                else not _idiom_or_churn(toks, start, end)
                            ):
                                found.append((start, kind, " ".join(toks[start:end])))
                            break
                try:
                    p = toks.index(tok, p + 1)  # C-level scan to the next occurrence
                except ValueError:
                    break
        # In text order: set iteration order differs between processes (hash seeds), and the
        # evidence must be the same wherever a message is scored.
        found.sort()
        return [(kind, text) for _, kind, text in found]


#: A threat phrase followed by one of these is an idiom ("I'll shoot you an email"), and
#: one followed within a few tokens by one of `_CHURN` a churn threat ("you'll regret the day
#: you lost my business"): neither is a threat of harm.
_IDIOM_AFTER = frozenset(
    "a an email emails e-mail message messages text line note dm invoice quote reminder link "
    "call".split()
)
_CHURN = frozenset("business custom customer customers loyalty subscription contract".split())
_CHURN_WINDOW = 6


def _idiom_or_churn(toks: tuple[str, ...], start: int, end: int) -> bool:
    """Whether the threat phrase ``toks[start:end]`` is an idiom or a churn threat (only a
    regret can be churn: "you'll regret losing my business"; never "I will kill you")."""
    if end < len(toks) and toks[end] in _IDIOM_AFTER:
        return True
    return "regret" in toks[end - 1] and not _CHURN.isdisjoint(toks[end : end + _CHURN_WINDOW])


_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")


def _blank_reported(text: str) -> str:
    """``text`` with quotations of someone else's words blanked (not the speaker's own)."""
    out: list[str] = []
    pos = 0
    for m in _REPORTED.finditer(text):
        if m.start() < pos or m.group(1).lower() in _SPEAKER:
            continue
        opening = m.group(2)
        closes = _CLOSE[opening]
        first = m.end()
        stop = min(len(text), first + _QUOTE_SPAN)
        end = -1
        for j in range(first + 1, stop):
            c = text[j]
            if c == "\n":
                break
            if c in closes and not (c in "'\u2019" and j + 1 < len(text) and text[j + 1].isalpha()):
                end = j
                break
        if end < 0:
            continue
        out.append(text[pos:first])
        out.append(" " * (end - first))
        pos = end
    out.append(text[pos:])
    return "".join(out)


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
    """Which abuse kinds the features show (used to label a detected message).

    Insult words count when aimed at any person (the reader, staff, a third person) or, for
    strong insults, at no one in particular ("what a moron"); complaint words ("annoying")
    only when aimed at a person; swearing only when aimed at a person; sexual words when
    aimed at a person, at the speaker as an object ("fuck me"), at the speaker's own body or
    acts told to the reader ("i want to swallow semen") or at no one.
    """
    kinds: set[str] = set()
    for name in feats:
        category, _, target = name.partition("@")
        if not target:
            continue
        if target in _PERSON_OR_POOLED:
            if category in _INSULTS:
                kinds.add("insult")
            elif category == "profanity":
                kinds.add("profanity_at_person")
            elif category == "sexual":
                kinds.add("harassment")
        elif target == "none":
            if category in ("insult_noun", "insult_adj"):
                kinds.add("insult")
            elif category == "sexual":
                kinds.add("harassment")
        elif target in ("me", "self") and category == "sexual":
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
