"""Told to die: "Die.", "just die", "go and die", "Die, Kevin.", "why don't you just die already".

A sentence that *starts* by telling the reader to die wishes them dead, whatever else the
message says; the phrase list catches it inside a sentence only with words that make it a
wish ("hope you die", "go die"). Read on the sentence's own words: an imperative "die" opens
it, after at most a few softeners ("just", "go and", "please", "why don't you"), and nothing
but an intensifier ("already", "now"), a name or the end of the sentence follows it.

Never a thing that dies ("my phone will die", "the battery died"), the speaker's own
hyperbole ("I could just die", "I'd die for a working router"), a noun, a title or German
("die size", "Die Hard", "die-cast", "Die Lieferung."), words quoted ("'Die,' he wrote":
the sentence starts with a quotation mark), nor a curse at a thing named after it ("just
die already, printer"). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["told_to_die"]

# The softeners and the words after the imperative repeat possessively (``*+``): "go on and"
# also reads as "go on" + "and", and a backtracking loop over a long run of them would take
# exponential time; a possessive loop never tries another alternative, so the longer of two
# that share a start comes first ("go on and" before "go on" before "go").

#: Softeners that may open the sentence before the imperative.
_LEAD = (
    r"(?:(?:oh|ok|okay|well|so|then|now|just|please|pls|plz|go on and|go and|go on|go|and"
    r"|seriously|honestly|why don'?t you|why dont you|why not|you should|u should|you can"
    r"|u can|you could|can you|could you|will you|would you|kindly)[\s,]+)*+"
)
#: What may follow the imperative before the sentence ends ("die, die, die").
_AFTER = (
    r"(?:[\s,]+(?:already|now|then|please|pls|plz|slowly|alone|quickly|soon|today|yourself"
    r"|you|u|ya|in peace|right now|die))*+"
)
#: One sentence, its trailing punctuation and symbols stripped, that is the imperative: a
#: name may be said to the reader before it ("Eliza, die") or after it, behind a comma ("Die,
#: Sarah"). Never a capitalised word right after it: "Die Lieferung.", "Die Post" are German
#: (an article and a noun, too short for the language detector), "Die Hard" a title.
_DIE = re.compile(
    rf"(?:[A-Z][a-z]+,\s*)?(?i:{_LEAD}(?:die|drop dead|d1e){_AFTER})(?:,\s*[A-Z][a-z]+)?"
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
#: Words that may hold the imperative (the cheap gate before the regex).
_KEYS = frozenset({"die", "dead", "d1e"})
_WHY = re.compile(r"(?i)why\b")
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def told_to_die(text: str, words: Iterable[str]) -> str | None:
    """``"death_wish"`` when a sentence of ``text`` is only an imperative to die said to the
    reader, else None. ``words``: the text's lower-case word tokens (the gate: most messages
    hold none of the words)."""
    if _KEYS.isdisjoint(words):
        return None
    for sentence in _SENTENCES.split(text):
        sentence = sentence.strip()
        said = _strip_trailing(sentence)
        if not said or said[0] in _QUOTE_MARKS:
            continue
        # A question is no imperative ("die?", "it will die?"), unless it asks why not.
        if "?" in sentence[len(said) :] and not _WHY.match(said):
            continue
        if _DIE.fullmatch(said) is not None:
            return "death_wish"
    return None


def _strip_trailing(sentence: str) -> str:
    """``sentence`` without its trailing punctuation and symbols (a loop, not a regex: a
    ``[^\\w]+$`` search is quadratic in a long run of them)."""
    end = len(sentence)
    while end and not (sentence[end - 1].isalnum() or sentence[end - 1] == "_"):
        end -= 1
    return sentence[:end]
