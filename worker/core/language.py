"""The language of the scored text, and threats and insults in the languages next to English.

Detector: ``py3langid`` (BSD-3-Clause; its naive Bayes byte n-gram model ships inside the
wheel, so nothing is fetched at run time), restricted to ``candidates`` in
``config/language.yaml``. On 55 short help-desk texts in five languages it named 53 right
(the two misses were "ok" and "fine.", at probability 0.14) at ~31 us per 200 characters;
``lingua-language-detector`` (Apache-2.0, 96 MB) named 52 at ~100 us.

Texts with fewer than ``min_letters`` letters, and non-covered guesses below
``min_confidence``, are ``"und"`` and scored as English: "ok" and "fine." are not foreign.

:class:`ForeignLexicon` matches the per-language threat, insult and legal lists on
accent-folded tokens. Pure apart from reading the detector's model once, at build time.
"""

from __future__ import annotations

import lzma
import re
import struct
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ForeignHit",
    "ForeignLexicon",
    "Language",
    "LanguageConfig",
    "LanguageDetector",
    "LanguageLexicon",
    "fold",
]

UNDETERMINED = "und"
_SHORT_INSULT = 4  # a bare insult of up to this many words is aimed at the reader
_WORD = re.compile(r"[a-z0-9]+")
_EN_WORD = re.compile(r"[a-z']+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: The scripts of the candidate languages not written in Latin letters (Unicode character
#: names start with these); a guess of one of them needs most letters in its script.
_SCRIPTS: dict[str, tuple[str, ...]] = {
    "zh": ("CJK",),
    "ja": ("CJK", "HIRAGANA", "KATAKANA"),
    "ko": ("HANGUL",),
    "ar": ("ARABIC",),
    "he": ("HEBREW",),
    "hi": ("DEVANAGARI",),
    "el": ("GREEK",),
    "ru": ("CYRILLIC",),
    "uk": ("CYRILLIC",),
}


def _in_script(sample: str, code: str) -> bool:
    """Whether at least half of the letters of ``sample`` are in the script of ``code``
    (always true for languages written in Latin letters)."""
    prefixes = _SCRIPTS.get(code)
    if prefixes is None:
        return True
    letters = [c for c in sample if c.isalpha()]
    hits = sum(1 for c in letters if unicodedata.name(c, "").startswith(prefixes))
    return 2 * hits >= len(letters)


class LanguageLexicon(BaseModel):
    """Threats, insults and legal/churn words of one language (accent-folded on load)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    second_person: tuple[str, ...]
    insult: tuple[str, ...]
    threat: tuple[str, ...]
    legal: tuple[str, ...] = ()
    #: A negator in the two words before a threat cancels it ("no te voy a matar").
    negators: tuple[str, ...] = ()


class LanguageConfig(BaseModel):
    """``config/language.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    candidates: tuple[str, ...] = Field(min_length=2)
    covered: tuple[str, ...] = ("en",)
    min_letters: int = Field(16, ge=0, le=200)
    min_confidence: float = Field(0.9, gt=0.0, lt=1.0)
    #: The abuse score given to a message with a threat or aimed insult from ``lexicons``.
    lexicon_abuse_score: float = Field(0.9, gt=0.0, le=1.0)
    #: The detector reads at most this many characters (its cost grows with length).
    detect_chars: int = Field(300, ge=50, le=5000)
    #: Fast path: ASCII text whose words are at least ``english_share`` English function
    #: words (and at least two of them) is English without running the detector.
    english_words: tuple[str, ...] = ()
    english_share: float = Field(0.2, gt=0.0, le=1.0)
    lexicons: dict[str, LanguageLexicon] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Language:
    """The detected language: ISO 639-1 code or ``"und"``, its probability, coverage."""

    code: str
    confidence: float
    covered: bool


@dataclass(frozen=True, slots=True)
class ForeignHit:
    """What a language's lexicon found: abuse kinds (``threat``, ``insult``) and cues."""

    kinds: tuple[str, ...]
    cues: tuple[str, ...]


def fold(text: str) -> str:
    """Lower case without accents: "Inútil" -> "inutil", "Weiß" -> "weiss"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _uint_array(values: np.ndarray) -> array[int]:
    """A numpy unsigned array as the stdlib ``array`` py3langid's tokenizer indexes."""
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out


def _npz_members(stream: IO[bytes]) -> Iterator[tuple[str, np.ndarray]]:
    """The arrays of an uncompressed ``.npz`` read front to back, without seeking.

    Each member is a zip local header (30 bytes, name, extra field) and a ``.npy`` file;
    ``np.savez`` writes no data descriptors (flag bit 3), which this checks.
    """
    while True:
        header = stream.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            return
        flags, method = struct.unpack_from("<HH", header, 6)
        if flags & 0x08 or method != 0:
            raise ValueError("unsupported npz layout (compressed or with data descriptors)")
        name_len, extra_len = struct.unpack_from("<HH", header, 26)
        name = stream.read(name_len).decode()
        stream.read(extra_len)
        yield name.removesuffix(".npy"), np.lib.format.read_array(stream, allow_pickle=False)


def _load_identifier(candidates: Sequence[str]) -> LanguageIdentifier:
    """py3langid's identifier restricted to ``candidates``, streamed from its model file.

    ``LanguageIdentifier.from_model_file`` decompresses its 68 MB model into a temporary
    file (a read-only pod's ``/tmp`` then needs room for it) and keeps the columns of all
    142 classes after ``set_languages``. This reads the LZMA stream once, one array at a
    time, and keeps only the candidates' columns: a built engine's RSS 151 -> 125 MB,
    nothing written to disk.
    """
    arrays: dict[str, Any] = {}
    with lzma.open(MODEL_DIR / MODEL_FILE) as src:
        for name, values in _npz_members(src):
            if name == "ptc":
                arrays[name] = values  # its columns are selected once the classes are known
            elif name in ("nextmove", "nextmove_row"):
                arrays[name] = _uint_array(values)
            else:
                arrays[name] = values
    classes = [str(c) for c in arrays["classes"].tolist()]
    unknown = set(candidates) - set(classes)
    if unknown:
        raise ValueError(f"unknown language code(s) in candidates: {sorted(unknown)}")
    keep = [i for i, c in enumerate(classes) if c in set(candidates)]
    return LanguageIdentifier(
        np.ascontiguousarray(arrays.pop("ptc")[:, keep]),
        np.asarray(arrays["pc"][keep]),
        [classes[i] for i in keep],
        arrays["nextmove"],
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=arrays["nextmove_row"],
    )


class LanguageDetector:
    """Wraps py3langid; built once per engine (loading its model takes ~0.3 s)."""

    def __init__(self, config: LanguageConfig) -> None:
        self._config = config
        self._covered = frozenset(config.covered)
        self._identifier = _load_identifier(config.candidates)
        self._english = frozenset(config.english_words)

    def detect(self, text: str) -> Language:
        """The language of ``text``; ``"und"`` (scored as English) when short or unsure."""
        sample = text[: self._config.detect_chars]
        enough = self._config.min_letters  # count letters only until there are enough
        if sum(1 for _ in islice(filter(str.isalpha, sample), enough)) < enough:
            return Language(UNDETERMINED, 0.0, True)
        if self._english and not any(c.isalpha() for c in _NON_ASCII.findall(sample)):
            words = _EN_WORD.findall(sample.lower())
            hits = sum(map(self._english.__contains__, words))
            if hits >= 2 and hits >= self._config.english_share * len(words):
                return Language("en", 1.0, True)
        code, prob = self._identifier.classify(sample)
        conf = round(float(prob), 4)
        if not _in_script(sample, str(code)):  # byte n-grams of junk ("AAAA...µ") read as zh
            return Language(UNDETERMINED, conf, True)
        if code in self._covered:
            return Language(str(code), conf, True)
        if conf < self._config.min_confidence and str(code) not in _SCRIPTS:
            # Unsure among Latin-script languages: scored as English. Text written mostly in
            # another script (checked above) is never English, however unsure the guess.
            return Language(UNDETERMINED, conf, True)
        return Language(str(code), conf, False)


class ForeignLexicon:
    """Threat and insult phrases of the configured languages, matched on folded tokens."""

    def __init__(self, config: LanguageConfig) -> None:
        self._langs: dict[str, tuple[frozenset[str], dict[str, list[tuple[str, tuple[str, ...]]]]]]
        self._langs = {}
        self._negators: dict[str, frozenset[str]] = {}
        for code, lex in config.lexicons.items():
            index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
            for kind, entries in (
                ("threat", lex.threat),
                ("insult", lex.insult),
                ("legal", lex.legal),
            ):
                for entry in entries:
                    toks = tuple(_WORD.findall(fold(entry)))
                    if toks:
                        index.setdefault(toks[0], []).append((kind, toks))
            you = frozenset(t for w in lex.second_person for t in _WORD.findall(fold(w)))
            self._langs[code] = (you, index)
            self._negators[code] = frozenset(fold(w) for w in lex.negators)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._langs)

    def scan(self, text: str, code: str, *, detected: bool = True) -> ForeignHit:
        """Threats (always) and insults (aimed at someone) of language ``code`` in ``text``.

        With ``detected`` False (the language was too short to tell), an insult counts only
        next to that language's second person ("eres un inutil"), never as a bare short
        message: "pros and cons" is English, whatever French makes of "cons".
        """
        if code not in self._langs:
            return ForeignHit((), ())
        you, index = self._langs[code]
        negators = self._negators[code]
        toks = _WORD.findall(fold(text))
        found: dict[str, list[str]] = {}
        for i, tok in enumerate(toks):
            for kind, phrase in index.get(tok, ()):
                if kind == "threat" and not negators.isdisjoint(toks[max(0, i - 2) : i]):
                    continue
                if tuple(toks[i : i + len(phrase)]) == phrase:
                    found.setdefault(kind, []).append(" ".join(phrase))
        kinds: list[str] = []
        cues: list[str] = []
        if "threat" in found:
            kinds.append("threat")
            cues.extend(f"threat_{code}:{p}" for p in found["threat"])
        if "insult" in found:
            aimed = (detected and len(toks) <= _SHORT_INSULT) or any(t in you for t in toks)
            if aimed:
                kinds.insert(0, "insult")
            cues.extend(f"insult_{code}:{p}" for p in found["insult"])
        cues.extend(f"legal_{code}:{p}" for p in found.get("legal", ()))
        return ForeignHit(tuple(kinds), tuple(dict.fromkeys(cues)))
