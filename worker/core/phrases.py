"""Multi-word cue matching on word tokens in one pass, with two token classes.

A phrase is a space-separated token sequence. ``#num`` matches a number ("3", "two", "a
few"-style words listed in ``NUMBER_WORDS``) and ``#time`` a unit of time ("days",
"weeks"). Matching walks the tokens once and only looks further where a phrase can start,
so the cost is linear in the message length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["NUMBER_WORDS", "TIME_UNITS", "PhraseMatcher"]

NUMBER_WORDS = frozenset(
    "a an one two three four five six seven eight nine ten eleven twelve several few many "
    "couple multiple countless".split()
)
TIME_UNITS = frozenset(
    "minute minutes hour hours day days week weeks month months year years".split()
)


def _token_matches(pattern: str, token: str) -> bool:
    if pattern == "#num":
        return token.isdigit() or token in NUMBER_WORDS
    if pattern == "#time":
        return token in TIME_UNITS
    return pattern == token


class PhraseMatcher:
    """Find which named cue lists occur in a token sequence."""

    def __init__(self, cues: Mapping[str, Sequence[str]]) -> None:
        # first token (or token class) -> [(cue name, phrase text, phrase tokens)]
        self._by_first: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
        for name, phrases in cues.items():
            for phrase in phrases:
                tokens = tuple(phrase.lower().split())
                if tokens:
                    self._by_first.setdefault(tokens[0], []).append((name, phrase, tokens))
        self._num = self._by_first.pop("#num", [])
        self._time = self._by_first.pop("#time", [])

    def match(self, words: Sequence[str]) -> dict[str, list[str]]:
        """Map each cue name that occurs to the words that matched, in order of appearance."""
        found: dict[str, list[str]] = {}
        n = len(words)
        by_first = self._by_first
        for i, word in enumerate(words):
            candidates = by_first.get(word)
            if word.isdigit() or word in NUMBER_WORDS:
                candidates = (candidates or []) + self._num
            elif word in TIME_UNITS:
                candidates = (candidates or []) + self._time
            if not candidates:
                continue
            for name, _phrase, tokens in candidates:
                end = i + len(tokens)
                rest = zip(tokens[1:], words[i + 1 : end], strict=False)
                if end <= n and all(_token_matches(p, w) for p, w in rest):
                    matched = " ".join(words[i:end])
                    hits = found.setdefault(name, [])
                    if matched not in hits:
                        hits.append(matched)
        return found
