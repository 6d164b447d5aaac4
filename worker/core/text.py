"""Text normalisation shared by every scorer: one pass per message, no I/O.

``analyse(text)`` turns a message into a :class:`Doc`: the text folded to a canonical form
(NFKC, look-alike and accented letters mapped to ASCII, invisible characters removed), its
word tokens, de-obfuscated tokens (leetspeak, masked letters, spaced letters, stretched
letters) and surface signals such as shouting and exclamation marks.

Every pattern here is linear: no nested quantifiers, so adversarial input cannot make a
regular expression backtrack catastrophically. The common case (ASCII text, no disguises)
takes one tokenising regex pass plus a few C-level string scans; the slower paths run only
when a cheap check says they are needed.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Doc", "analyse", "deobfuscate", "fold", "squeeze"]

# Look-alike letters from other scripts that survive NFKC (Cyrillic, Greek) -> ASCII.
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "һ": "h",
        "ԁ": "d",
        "ɡ": "g",
        "ո": "n",
        "ս": "u",
        "к": "k",
        "м": "m",
        "т": "t",
        "в": "b",
        "н": "h",
        "ԛ": "q",
        "ԝ": "w",
        "ӏ": "l",
        "ɑ": "a",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "У": "Y",
        "Х": "X",
        "І": "I",
        "Ѕ": "S",
        "Ј": "J",
        "Ԁ": "D",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "ν": "v",
        "χ": "x",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ι": "I",
        "Κ": "K",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Χ": "X",
        "Υ": "Y",
        "Ζ": "Z",
        "Ν": "N",
        "Μ": "M",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
# Zero-width and soft-hyphen characters used to split words invisibly.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)

# Leetspeak digits and symbols inside a word -> letters.
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "8": "b",
        "9": "g",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "i",
        "+": "t",
        "€": "e",
    }
)

# A "raw token": letters/digits plus the symbols people use to disguise letters.
_RAW_TOKEN = re.compile(r"[\w@$*!|+€']+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Four or more single letters separated by one space, dot, dash or underscore: "f u c k".
_SPACED = re.compile(r"(?<![\w])(?:[a-z][ .\-_]){3,}[a-z](?![\w])")
_SPACED_SEP = re.compile(r"[ .\-_]")
_RUN3 = re.compile(r"(.)\1{2,}")
_LETTER_RUN3 = re.compile(r"([a-z])\1\1")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_EXCLAIM_RUN = re.compile(r"!{2,}")
_HAS_LETTER = re.compile(r"[a-z]")
_HAS_DISGUISE = re.compile(r"[0-9@$*!|+€]")
_STRIP = "'!*."
_MIN_LETTERS_FOR_RATIO = 12
_MIN_SPACED_RUN = 4
_MIN_CAPS_WORD = 3

_FOLD = {**_INVISIBLE, **_CONFUSABLES}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_UPPER = bytes(range(65, 91))


@dataclass(frozen=True, slots=True)
class Doc:
    """One message, analysed once and shared by every scorer."""

    text: str  # folded text, original case (NFKC, look-alikes and accents mapped, invisibles out)
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
    pairs: tuple[str, ...]  # adjacent ``words`` joined by one space ("could you")


def squeeze(token: str) -> str:
    """Shorten runs of three or more equal characters to two ("stuuupid" -> "stuupid")."""
    return _RUN3.sub(r"\1\1", token)


def deobfuscate(token: str) -> str:
    """Decode one raw lower-case token: leetspeak to letters, stretched letters squeezed.

    Pure numbers stay as they are; ``*`` is kept so callers can treat it as a wildcard; an
    ``@mention`` keeps its ``@`` (it names a person, it is not leetspeak for "a").
    """
    core = token.strip(_STRIP)
    if not core:
        return ""
    if core[0] == "@" and len(core) > 1:
        return core
    if _HAS_LETTER.search(core) and _HAS_DISGUISE.search(core):
        core = core.translate(_LEET)
    return squeeze(core)


# Tokens repeat across messages: their decoding is cached (bounded, least recently used).
_deobfuscated = functools.lru_cache(maxsize=1 << 15)(deobfuscate)


@functools.lru_cache(maxsize=1 << 15)
def _words_in(token: str) -> tuple[str, ...]:
    """The plain words inside one raw token ("don't!" -> "don't"; "a_b" -> "a", "b")."""
    return tuple(_WORD.findall(token))


def _join_spaced(match: re.Match[str]) -> str:
    return _SPACED_SEP.sub("", match.group(0))


def _has_spaced_run(raw: list[str]) -> bool:
    """Whether four or more one-letter tokens follow each other (a cheap pre-check)."""
    run = 0
    for tok in raw:
        if len(tok) == 1 or (len(tok) <= _MIN_SPACED_RUN and len(tok.strip(_STRIP)) == 1):
            run += 1
            if run >= _MIN_SPACED_RUN:
                return True
        else:
            run = 0
    return False


def _tokens(raw: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split raw tokens into plain words and de-obfuscated tokens in one loop."""
    words: list[str] = []
    plain: list[str] = []
    for tok in raw:
        if tok.isalnum() and tok.isascii():
            words.append(tok)
            if tok.isalpha():
                plain.append(tok)
                continue
        else:
            words += _words_in(tok)
        cleaned = _deobfuscated(tok)
        if cleaned:
            plain.append(cleaned)
    return tuple(words), tuple(plain)


def _squeeze_plain(plain: tuple[str, ...], runs: set[str]) -> tuple[str, ...]:
    """Squeeze only the tokens that contain one of the stretched ``runs`` ("uuu")."""
    return tuple(squeeze(t) if any(r in t for r in runs) else t for t in plain)


def _fold(text: str) -> str:
    """NFKC, drop invisible characters, map look-alike and accented letters to ASCII
    (non-ASCII text)."""
    folded = unicodedata.normalize("NFKC", text)
    return _NON_ASCII_RUN.sub(_fold_run, folded)


def _fold_run(match: re.Match[str]) -> str:
    run = match.group(0).translate(_FOLD)
    return run if run.isascii() else "".join(map(_unaccent, run))


@functools.lru_cache(maxsize=4096)
def _unaccent(char: str) -> str:
    """A Latin letter with accents as its ASCII base ("é" -> "e", so "café" is one word, not
    "caf"); any other character as it is."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base.isascii() and base.isalpha() else char


def fold(text: str) -> str:
    """``text`` folded as :func:`analyse` folds it: NFKC, invisible characters dropped,
    look-alike and accented letters as ASCII; ASCII text as it is."""
    return text if text.isascii() else _fold(text)


def _letter_counts(folded: str, ascii_text: bool) -> tuple[int, int]:
    """(letters, capital letters) with C-level byte scans; non-ASCII letters counted apart."""
    data = folded.encode("ascii", "ignore")
    letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    uppers = len(data) - len(data.translate(None, _ASCII_UPPER))
    if not ascii_text:
        for char in _NON_ASCII.findall(folded):
            if char.isalpha():
                letters += 1
                uppers += char.isupper()
    return letters, uppers


def analyse(text: str) -> Doc:
    """Normalise ``text`` and extract the tokens and surface signals every scorer uses."""
    ascii_text = text.isascii()
    folded = text if ascii_text else _fold(text)
    ascii_text = ascii_text or folded.isascii()
    lower = folded.lower()
    raw = _RAW_TOKEN.findall(lower)
    if _has_spaced_run(raw):
        joined = _SPACED.sub(_join_spaced, lower)
        if joined != lower:
            lower = joined
            raw = _RAW_TOKEN.findall(lower)
    words, plain = _tokens(raw)
    runs = {m.group(0) for m in _LETTER_RUN3.finditer(lower)}
    if runs:
        plain = _squeeze_plain(plain, runs)
    letters, uppers = _letter_counts(folded, ascii_text)
    exclamations = folded.count("!")
    return Doc(
        text=folded,
        lower=lower,
        words=words,
        plain=plain,
        caps_words=len(_CAPS_WORD.findall(folded)) if uppers >= _MIN_CAPS_WORD else 0,
        caps_ratio=(uppers / letters) if letters >= _MIN_LETTERS_FOR_RATIO else 0.0,
        exclamations=exclamations,
        exclaim_runs=len(_EXCLAIM_RUN.findall(folded)) if "!!" in folded else 0,
        questions=folded.count("?"),
        chars=len(folded),
        pairs=tuple(map(" ".join, itertools.pairwise(words))),
    )
