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
        # Per word that can start a phrase: its candidates, the token classes' appended (a
        # digit string not listed here gets the ``#num`` phrases at match time).
        self._starts: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
        for word in {*self._by_first, *NUMBER_WORDS, *TIME_UNITS}:
            entries = self._by_first.get(word, [])
            if word.isdigit() or word in NUMBER_WORDS:
                entries = entries + self._num
            elif word in TIME_UNITS:
                entries = entries + self._time
            if entries:
                self._starts[word] = [_compiled(e) for e in entries]
        self._digits = [_compiled(e) for e in self._num]

    def match(self, words: Sequence[str]) -> dict[str, list[str]]:
        """Map each cue name that occurs to the words that matched, in order of appearance."""
        found: dict[str, list[str]] = {}
        n = len(words)
        starts, digits = self._starts, self._digits
        for i, word in enumerate(words):
            candidates = starts.get(word)
            if candidates is None:
                if not digits or not word.isdigit():
                    continue
                candidates = digits
            for name, rest, literal in candidates:
                end = i + 1 + len(rest)
                if end > n:
                    continue
                if literal:
                    if rest and tuple(words[i + 1 : end]) != rest:
                        continue
                elif not all(map(_token_matches, rest, words[i + 1 : end])):
                    continue
                matched = " ".join(words[i:end])
                hits = found.setdefault(name, [])
                if matched not in hits:
                    hits.append(matched)
        return found


def _compiled(entry: tuple[str, str, tuple[str, ...]]) -> tuple[str, tuple[str, ...], bool]:
    """(cue name, the phrase's tokens after the first, whether they are all literal words)."""
    name, _phrase, tokens = entry
    return name, tokens[1:], not {"#num", "#time"} & set(tokens[1:])
