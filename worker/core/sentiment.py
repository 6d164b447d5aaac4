"""VADER sentiment, computed exactly as ``vaderSentiment`` does, without its quadratic work.

``SentimentIntensityAnalyzer.polarity_scores`` lower-cases the whole token list again for
every sentiment word (in ``_negation_check`` and ``_special_idioms_check``) and builds the
emoji-free text one character at a time. On a 2,000-character ticket that dominates the
cost. :class:`Vader` lower-cases once (also for the "but" rule), scores only the words in
the lexicon and skips the emoji pass for text with no emoji; the
scores are identical to the library's (a property test checks it), only faster.
"""

from __future__ import annotations

import operator
import re
import string

from pydantic import BaseModel, ConfigDict, Field
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from worker.core.text import Doc
from worker.core.types import Sentiment

__all__ = ["Sarcasm", "SarcasmCues", "SarcasmRule", "Vader"]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


class Vader(SentimentIntensityAnalyzer):  # type: ignore[misc]
    """Drop-in VADER with the same scores; ``sentiment(text)`` returns a :class:`Sentiment`."""

    def __init__(self) -> None:
        super().__init__()
        self._emoji_chars = frozenset(self.emojis)
        # The characters that may be an emoji the library looks up (one at a time).
        ascii_emoji = "".join(re.escape(c) for c in self.emojis if len(c) == 1 and c.isascii())
        self._maybe_emoji = re.compile(f"[^\\x00-\\x7f{ascii_emoji}]")

    def sentiment(self, text: str) -> Sentiment:
        scores = self.polarity_scores(text)
        return Sentiment(
            compound=scores["compound"], neg=scores["neg"], neu=scores["neu"], pos=scores["pos"]
        )

    def polarity_scores(self, text: str) -> dict[str, float]:
        if text.isascii() or self._emoji_chars.isdisjoint(text):
            text = text.strip()
        else:
            text = self._describe_emojis(text)
        words, cap_diff = _words_and_emoticons(text)
        lowered = list(map(str.lower, words))
        lexicon = self.lexicon
        n = len(words)
        sentiments: list[float] = [0] * n  # a word outside the lexicon or a booster: 0
        if not lexicon.keys().isdisjoint(lowered):
            for i in [i for i, low in enumerate(lowered) if low in lexicon]:
                low = lowered[i]
                if low in BOOSTER_DICT or (i < n - 1 and low == "kind" and lowered[i + 1] == "of"):
                    continue
                sentiments[i] = self._valence(words, cap_diff, words[i], low, lowered, i)
        if "but" in lowered:
            sentiments = _but_check(lowered, sentiments)
        result: dict[str, float] = self.score_valence(sentiments, text)
        return result

    @staticmethod
    def _sift_sentiment_scores(sentiments: list[float]) -> tuple[float, float, int]:
        """The library's sums over the non-zero scores only (the same additions in the same
        order); the zeros are counted at C speed."""
        pos_sum = 0.0
        neg_sum = 0.0
        for score in filter(None, sentiments):
            if score > 0:
                pos_sum += float(score) + 1  # compensates for neutral words counted as 1
            else:
                neg_sum += float(score) - 1
        return pos_sum, neg_sum, sentiments.count(0)

    def _describe_emojis(self, text: str) -> str:
        """Each emoji replaced by its description, a space before it unless one is there
        (the library's loop over the characters, run over the emoji only)."""
        emojis = self.emojis
        parts: list[str] = []
        prev_space = True
        last = 0
        for match in self._maybe_emoji.finditer(text):
            description = emojis.get(match.group(0))
            if description is None:
                continue
            start = match.start()
            if start > last:
                parts.append(text[last:start])
                prev_space = text[start - 1] == " "
            if not prev_space:
                parts.append(" ")
            parts.append(description)
            prev_space = False
            last = start + 1
        parts.append(text[last:])
        return "".join(parts).strip()

    def _valence(
        self, words: list[str], cap_diff: bool, item: str, low: str, lowered: list[str], i: int
    ) -> float:
        """``SentimentIntensityAnalyzer.sentiment_valence`` with the lower-cased list reused
        (``words``, ``cap_diff``: ``SentiText``'s ``words_and_emoticons``, ``is_cap_diff``)."""
        lexicon = self.lexicon
        if low not in lexicon:
            return 0
        valence: float = lexicon[low]
        if low == "no" and i != len(lowered) - 1 and lowered[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowered[i - 1] == "no")
            or (i > 1 and lowered[i - 2] == "no")
            or (i > 2 and lowered[i - 3] == "no" and lowered[i - 1] in ["or", "nor"])
        ):
            valence = lexicon[low] * N_SCALAR
        if item.isupper() and cap_diff:
            valence = valence + 0.733 if valence > 0 else valence - 0.733
        for start_i in range(3):
            if i > start_i and lowered[i - (start_i + 1)] not in lexicon:
                s = _scalar_inc_dec(
                    words[i - (start_i + 1)],
                    lowered[i - (start_i + 1)],
                    valence,
                    cap_diff,
                )
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = _negation_check(valence, lowered, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lowered, i)
        return self._least_check(valence, words, i)  # type: ignore[no-any-return]


def _words_and_emoticons(text: str) -> tuple[list[str], bool]:
    """``SentiText(text)``'s ``words_and_emoticons`` and ``is_cap_diff``, without a call per
    token: each token stripped of punctuation unless that leaves two characters or fewer."""
    tokens = text.split()
    words = [
        s if len(s) > 2 else t for s, t in zip(map(_strip_punctuation, tokens), tokens, strict=True)
    ]
    caps = sum(map(str.isupper, words))
    return words, 0 < len(words) - caps < len(words)


def _but_check(lowered: list[str], sentiments: list[float]) -> list[float]:
    """``SentimentIntensityAnalyzer._but_check`` with the lower-cased words reused: scores
    before the first "but" halved, after it raised by half, each change made, as there, at
    the first position holding an equal score. A zero is skipped: there it only turns into
    0.0 at the first zero, which no sum or count tells apart."""
    bi = lowered.index("but")
    for k in range(len(sentiments)):  # the library's loop reads the list as it changes
        sentiment = sentiments[k]
        if not sentiment:
            continue
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments[si] = sentiment * 0.5
        elif si > bi:
            sentiments[si] = sentiment * 1.5
    return sentiments


def _scalar_inc_dec(word: str, word_lower: str, valence: float, is_cap_diff: bool) -> float:
    scalar = 0.0
    if word_lower in BOOSTER_DICT:
        scalar = BOOSTER_DICT[word_lower]
        if valence < 0:
            scalar *= -1
        if word.isupper() and is_cap_diff:
            scalar = scalar + 0.733 if valence > 0 else scalar - 0.733
    return scalar


_NEGATE = frozenset(NEGATE)
_strip_punctuation = operator.methodcaller("strip", string.punctuation)


def _negated(word: str) -> bool:
    """``vaderSentiment.negated([word])`` without its per-call list building and scan."""
    low = word.lower()
    return low in _NEGATE or "n't" in low


def _negation_check(valence: float, low: list[str], start_i: int, i: int) -> float:
    if start_i == 0:
        if _negated(low[i - 1]):
            valence = valence * N_SCALAR
    if start_i == 1:
        if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _negated(low[i - 2]):
            valence = valence * N_SCALAR
    if start_i == 2:
        if (low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this")) or (
            low[i - 1] == "so" or low[i - 1] == "this"
        ):
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _negated(low[i - 3]):
            valence = valence * N_SCALAR
    return valence


# Every word of the multi-word idioms and boosters: a window without one matches none.
_IDIOM_WORDS = frozenset(
    w for key in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in key for w in key.split(" ")
)


def _special_idioms_check(valence: float, low: list[str], i: int) -> float:
    idiom = _IDIOM_WORDS
    if low[i] not in idiom and low[i - 1] not in idiom and low[i - 2] not in idiom:
        return valence  # every n-gram below holds one of these three words
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(low) - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(low) - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


class SarcasmCues(BaseModel):
    """Sarcasm: a fixed phrase ("oh great", "thanks a lot"), or praise right before a failure.

    Praise counts only when a failure word follows within ``window`` words with no
    contrast word between ("Fantastic, it crashed again" is sarcasm;
    "Great app, but the export is broken" is not).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    phrases: list[str] = Field(min_length=1)  # sarcastic on their own
    praise: list[str] = Field(min_length=1)  # sarcastic right before a failure word
    failure: list[str] = Field(min_length=1)
    contrast: list[str] = Field(default_factory=list)
    window: int = Field(default=6, ge=1, le=20)


class SarcasmRule(BaseModel):
    """How much a sarcasm cue moves a score (the scorer's own logit / intensity units); the
    cues themselves are one list for every scorer (:class:`SarcasmCues`, found once by the
    engine)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    logit: float
    intensity: float = Field(default=0.0, ge=0.0)


class Sarcasm:
    """Compiled :class:`SarcasmCues`; ``find(doc)`` -> the cue that matched, or None."""

    def __init__(self, cues: SarcasmCues) -> None:
        self._phrases = _index(cues.phrases)
        self._praise = _index(cues.praise)
        self._failure = _index(cues.failure)
        self._contrast = frozenset(cues.contrast)
        self._window = cues.window
        self._firsts = frozenset((*self._phrases, *self._praise))  # words a cue starts with

    def find(self, doc: Doc) -> str | None:
        """The first sarcasm cue in the message, as ``phrase`` or ``praise ... failure``."""
        words = doc.words
        firsts = self._firsts
        if firsts.isdisjoint(words):
            return None
        n = len(words)
        for i in [i for i, w in enumerate(words) if w in firsts]:
            w = words[i]
            if w in self._phrases and (hit := _match(self._phrases, words, i)):
                return " ".join(hit)
            if w in self._praise and (praise := _match(self._praise, words, i)):
                for j in range(i + len(praise), min(n, i + len(praise) + self._window)):
                    if words[j] in self._contrast:
                        break
                    if words[j] in self._failure and (fail := _match(self._failure, words, j)):
                        return f"{' '.join(praise)} ... {' '.join(fail)}"
        return None


def _index(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases as word tuples by first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        toks = tuple(_WORD.findall(phrase.lower()))
        if toks:
            index.setdefault(toks[0], []).append(toks)
    return {k: sorted(v, key=len, reverse=True) for k, v in index.items()}


def _match(
    index: dict[str, list[tuple[str, ...]]], words: tuple[str, ...], i: int
) -> tuple[str, ...] | None:
    for toks in index.get(words[i], ()):
        if words[i : i + len(toks)] == toks:
            return toks
    return None
