"""Text normalisation shared by every scorer: one pass per message, no I/O.

``analyse(text)`` turns a message into a :class:`Doc`: the text folded to a canonical form
(NFKC, look-alike letters mapped to ASCII, invisible characters removed), its word tokens,
de-obfuscated tokens (leetspeak, masked letters, spaced letters, stretched letters) and
surface signals such as shouting and exclamation marks.

Every pattern here is linear: no nested quantifiers, so adversarial input cannot make a
regular expression backtrack catastrophically.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Doc", "analyse", "deobfuscate", "squeeze"]

# Look-alike letters from other scripts that survive NFKC (Cyrillic, Greek) -> ASCII.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ɡ": "g", "ո": "n", "ս": "u", "к": "k",
        "м": "m", "т": "t", "в": "b", "н": "h",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I",
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ο": "o", "ρ": "p", "τ": "t",
        "υ": "u", "ν": "v", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ι": "I", "Κ": "K",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X", "Υ": "Y",
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    }
)
# Zero-width and soft-hyphen characters used to split words invisibly.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)

# Leetspeak digits and symbols inside a word -> letters.
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
     "@": "a", "$": "s", "!": "i", "|": "i", "+": "t", "€": "e"}
)

# A "raw token": letters/digits plus the symbols people use to disguise letters.
_RAW_TOKEN = re.compile(r"[\w@$*!|+€']+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Four or more single letters separated by one space, dot, dash or underscore: "f u c k".
_SPACED = re.compile(r"(?<![\w])(?:[a-z][ .\-_]){3,}[a-z](?![\w])")
_SPACED_SEP = re.compile(r"[ .\-_]")
_RUN3 = re.compile(r"(.)\1{2,}")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_EXCLAIM_RUN = re.compile(r"!{2,}")
_HAS_LETTER = re.compile(r"[a-z]")
_HAS_DISGUISE = re.compile(r"[0-9@$*!|+€]")


@dataclass(frozen=True, slots=True)
class Doc:
    """One message, analysed once and shared by every scorer."""

    text: str  # folded text, original case (NFKC, look-alikes mapped, invisibles removed)
    lower: str  # ``text`` lower-cased, with spaced-out words joined ("f u c k" -> "fuck")
    words: tuple[str, ...]  # plain lower-case word tokens of ``lower``
    plain: tuple[str, ...]  # de-obfuscated tokens: leetspeak decoded, stretched letters
    #                          squeezed to two; ``*`` kept as a wildcard ("f*ck")
    caps_words: int  # words of three or more capital letters ("NEVER", "WHY")
    caps_ratio: float  # capital letters / all letters, 0 when there are few letters
    exclamations: int  # number of "!" characters
    exclaim_runs: int  # runs of two or more "!"
    questions: int  # number of "?" characters
    chars: int  # length of ``text``


def squeeze(token: str) -> str:
    """Shorten runs of three or more equal characters to two ("stuuupid" -> "stuupid")."""
    return _RUN3.sub(r"\1\1", token)


def deobfuscate(token: str) -> str:
    """Decode one raw lower-case token: leetspeak to letters, stretched letters squeezed.

    Pure numbers stay as they are; ``*`` is kept so callers can treat it as a wildcard.
    """
    core = token.strip("'!*.")
    if not core:
        return ""
    if _HAS_LETTER.search(core) and _HAS_DISGUISE.search(core):
        core = core.translate(_LEET)
    return squeeze(core)


def _join_spaced(match: re.Match[str]) -> str:
    return _SPACED_SEP.sub("", match.group(0))


def analyse(text: str) -> Doc:
    """Normalise ``text`` and extract the tokens and surface signals every scorer uses."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_CONFUSABLES)
    lower = _SPACED.sub(_join_spaced, folded.lower())
    words = tuple(_WORD.findall(lower))
    plain = tuple(t for t in (deobfuscate(r) for r in _RAW_TOKEN.findall(lower)) if t)
    letters = sum(1 for c in folded if c.isalpha())
    uppers = sum(1 for c in folded if c.isupper())
    return Doc(
        text=folded,
        lower=lower,
        words=words,
        plain=plain,
        caps_words=len(_CAPS_WORD.findall(folded)),
        caps_ratio=(uppers / letters) if letters >= 12 else 0.0,
        exclamations=folded.count("!"),
        exclaim_runs=len(_EXCLAIM_RUN.findall(folded)),
        questions=folded.count("?"),
        chars=len(folded),
    )
