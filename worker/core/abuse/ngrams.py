"""The n-gram layer: hashed word unigrams and bigrams -> a logistic probability that may rescue
a message the rules do not flag, but only one addressed to the reader."""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping

from worker.core.abuse.config import NgramHead
from worker.core.abuse.words import Lexicon
from worker.core.linear import sigmoid

__all__ = ["NgramRescue", "addressed", "ngram_keys"]


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


def addressed(feats: Mapping[str, float], present: set[str], things: frozenset[str]) -> bool:
    """Whether the message speaks to the reader: "you"/"your", or a short turn about no
    thing ("u r gay" yes; "fuck this update", "this damn app" no)."""
    if "second_person" in feats:
        return True
    return "short" in feats and things.isdisjoint(present)


class NgramRescue:
    """The fitted :class:`NgramHead` with its weights by bucket, and the kind it labels."""

    def __init__(self, head: NgramHead, lexicon: Lexicon) -> None:
        self.head = head
        self._w = {int(k): v for k, v in head.weights.items()}
        self._sexual = lexicon.sexual
        self._profane = lexicon.profane

    def kind(self, present: set[str]) -> str:
        """The kind of a rescued message: harassment with a sexual word, profanity at the
        reader with a swear word, else the head's kind."""
        if not self._sexual.isdisjoint(present):
            return "harassment"
        if not self._profane.isdisjoint(present):
            return "profanity_at_person"
        return self.head.kind

    def probability(self, toks: tuple[str, ...], cues: list[str]) -> float:
        """The n-gram layer's probability; its top positive n-grams go to the cues."""
        head = self.head
        grams = ngram_keys(toks, head.buckets)
        if not grams:
            return 0.0
        w = self._w
        norm = 1.0 / math.sqrt(len(grams))
        hits = [(w[k], g) for k, g in grams.items() if k in w]
        p = sigmoid(head.bias + norm * sum(v for v, _ in hits))
        if p >= head.threshold:
            cues.append(f"model:{p:.2f}")
            cues.extend(f"ngram:{g}" for v, g in sorted(hits, reverse=True)[:3] if v > 0)
        return p
