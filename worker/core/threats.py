"""Threats as meaning: frames of a few ordered slots within one sentence, not single keywords.

A frame is a sequence of slots; a slot is a literal phrase or ``{group}`` (any phrase of a
word group in ``config/abuse.yaml``, ``threat_frames.groups``); consecutive slots may be at
most ``max_gap`` tokens apart. Example: ``{i} {learn} {personal}`` matches "I finally
looked up your home address" (stalking) but not "I found your FAQ page" (``your faq`` is no
personal place or account) nor "I know where the setting is".

Frames carry a label (``stalking``, ``lurking``, ``veiled``, ``premises``, ``weapon``) that
becomes the cue ``threat_frame:<label>``; any match is a threat, which always escalates.
A frame marked ``part`` is half a threat and never escalates alone: coming to a place ("I'll
be there Monday", "see you in person"), knowing where someone works ("I know the town your
call centre is in"), a menacing outcome ("you won't enjoy it", "he'll wish he'd") or a private
moment ("on your way home tonight"). A ``combine`` rule names two parts that together, in any
sentences of one message, are a threat: "I'll see you at the depot tomorrow, and you won't
enjoy it" is; "I'll be there Monday to drop the documents off" is not.
Work per message: one lower-casing and tokenising pass; a frame is tried sentence by sentence
only when the message holds, for each of its slots, the rarest-looking word of some phrase.
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, product
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, model_validator

from worker.core.text import fold
from worker.core.threat_model import Reading, ThreatHit, ThreatModel, unquote

__all__ = [
    "Heard",
    "ThreatCombine",
    "ThreatFrame",
    "ThreatFrames",
    "ThreatFramesConfig",
    "denies",
    "expand_groups",
    "names_lever",
]

#: Sentence ends: a text is split on them, then each sentence tokenised.
_SPLIT = re.compile(r"[.!?;\n]").split
_TOKEN = re.compile(r"[a-z0-9']+")
_NONE: frozenset[str] = frozenset()
#: The label of a frame matched in a sentence but excused by its ``unless_message`` words.
EXCUSED = "excused"
#: The label of a threat frame its own ``unless`` words cancelled in a sentence: the head then
#: needs its fitted threshold, not a lower ``model_threshold`` (see :meth:`ThreatFrames.read`).
CANCELLED = "cancelled"
_GROUP = re.compile(r"^\{([a-z_]+)\}$")
_INNER = re.compile(r"\{([a-z_]+)\}")
_NEG_WINDOW = 3  # tokens before a frame searched for a negator
#: Words that make a frame a jest ("only joking", "lol"); denied, they say the opposite ("I
#: am serious, not a joke", "I'm not kidding", "no joke"), and excuse nothing.
_JEST = frozenset({"joke", "joking", "kidding", "jest", "jesting"})
#: Swear words used as intensifiers between a determiner and its noun ("your damn depot is
#: going up in smoke"): the frames read the phrase without them, as "your depot".
_EXPLETIVES = frozenset(
    "damn damned fucking fuckin effing freaking frigging flipping sodding bloody goddamn "
    "goddamned stinking".split()
)
_EXPLETIVE = re.compile(
    r"\b(your|ur|the|that|this|those|these|his|her|their)\s+(?:"
    + "|".join(sorted(_EXPLETIVES))
    + r")\s+(?=[a-z0-9])"
)

Phrase = tuple[str, ...]
#: A slot: its phrases by first word.
Slot = dict[str, tuple[Phrase, ...]]
#: A compiled frame (label, slots, max gap, keep negated, unless words, lawful levers) and its
#: slots' key words.
_Frame = tuple[str, tuple[Slot, ...], int, bool, frozenset[str], frozenset[str]]
#: (frame number, the frame, its slots' key words)
_Candidate = tuple[int, _Frame, tuple[frozenset[str], ...]]


class Heard(NamedTuple):
    """What :meth:`ThreatFrames.read` found in a message."""

    #: The threat frames matched, or the threat head's cue when it fired.
    labels: tuple[str, ...]
    #: The learned heads' reading, for the harassment and insult heads: None when a threat
    #: was found.
    reading: Reading | None
    #: The threat head's best unit when it scored one and stayed under its threshold.
    near: ThreatHit | None


class ThreatFrame(BaseModel):
    """Ordered slots (``{group}`` or a literal phrase), each at most ``max_gap`` tokens apart."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(pattern=r"^[a-z_]{1,24}$")
    slots: tuple[str, ...] = Field(min_length=1, max_length=4)
    max_gap: int = Field(4, ge=0, le=8)
    #: A negator before or inside the frame cancels it ("I don't know where you live"),
    #: unless the negation is part of the threat ("you won't see it coming").
    keep_negated: bool = False
    #: Words that cancel the frame anywhere in its sentence ("recalled" for "someone will
    #: get hurt": a safety report, not a threat).
    unless: tuple[str, ...] = ()
    #: Words that cancel the frame anywhere in the message: a hazard told in one sentence
    #: and the warning in the next ("The step is loose. Someone will get hurt.").
    unless_message: tuple[str, ...] = ()
    #: Half a threat: reported only through a ``combine`` rule that it completes.
    part: bool = False
    #: A menace of an outcome only ("you'll be sorry", "I'm coming after you"): a lawful
    #: lever named in its sentence (``lawful`` of the config: a court, reviews, the
    #: regulator, the bank) makes it a legal, review or churn threat, which never escalates.
    lawful: bool = False
    #: Not a threat but speech that reads like one: a sentence it matches is one the learned
    #: threat head may not escalate ("I'll tell whoever made that call what I think"); a
    #: frame matched in the same sentence still escalates, and so does the head on the
    #: message's other sentences. Never reported, never a ``part``.
    excuse: bool = False

    @model_validator(mode="after")
    def _excuse_is_alone(self) -> ThreatFrame:
        if self.excuse and (self.part or self.lawful):
            raise ValueError(f"threat frame {self.label}: an excuse is neither part nor lawful")
        return self


class ThreatCombine(BaseModel):
    """Two ``part`` labels that, both found in one message, are a threat labelled ``label``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(pattern=r"^[a-z_]{1,24}$")
    parts: tuple[str, str]


class ThreatFramesConfig(BaseModel):
    """``threat_frames`` in ``config/abuse.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Word groups. A phrase may name another group inside it ("your {staff_noun}"): it
    #: stands for each of that group's phrases in its place (groups named whole only).
    groups: dict[str, tuple[str, ...]]
    frames: tuple[ThreatFrame, ...]
    combine: tuple[ThreatCombine, ...] = ()
    negators: tuple[str, ...] = ()
    #: A slot's phrase followed by one of these words names a thing, not a person's place
    #: or a weapon: "your home page", "your car listing", "a gun shop", "a knife block".
    thing_after: tuple[str, ...] = ()
    #: The customer's lawful levers: they cancel the frames marked ``lawful`` in a sentence.
    lawful: tuple[str, ...] = ()
    #: Lowest abuse score of a message with a threat frame (the decision is the kind).
    value: float = Field(0.9, gt=0.0, le=1.0)
    #: The learned head's weights in ``worker/data`` (``scripts/train_threats.py``); null: off.
    model: str | None = Field("threats.json", pattern=r"^[a-z_]+\.json$")
    #: The probability at which the learned head escalates a threat; null: the one fitted with
    #: it (in its weights file). Lower catches more threats and escalates more ordinary
    #: messages (docs/quality.md, "Where the threat head escalates").
    model_threshold: float | None = Field(None, gt=0.0, lt=1.0)
    #: The learned harassment head's weights in ``worker/data`` (``scripts/train_threats.py
    #: --target harassment``), read from the same sentences; null: off.
    harassment_model: str | None = Field("harassment.json", pattern=r"^[a-z_]+\.json$")
    #: The learned insult head's weights in ``worker/data`` (``scripts/train_threats.py
    #: --target insult``), read from the same sentences when nothing else found abuse; null: off.
    insult_model: str | None = Field("insult.json", pattern=r"^[a-z_]+\.json$")

    @model_validator(mode="after")
    def _threshold_needs_model(self) -> ThreatFramesConfig:
        if self.model_threshold is not None and self.model is None:
            raise ValueError("model_threshold is set, but model is null: no head to apply it to")
        return self


#: Words too common to say whether a phrase may be present.
_COMMON = frozenset(
    "the a an i you your me my it to of in on at be is are will can that this there what "
    "and for with when get by out up after how so just like not no".split()
)


def _key(phrase: Phrase) -> str:
    """The word of ``phrase`` most likely to be rare: the longest uncommon one."""
    rare = [w for w in phrase if w not in _COMMON] or list(phrase)
    return max(rare, key=len)


def _denied_jests(toks: Sequence[str], negators: frozenset[str]) -> frozenset[str]:
    """The jest words of ``toks`` each of whose every use has a negator up to two tokens
    before it ("not a joke", "i'm not kidding", "no joke"); "no, only joking" keeps it."""
    denied: set[str] = set()
    kept: set[str] = set()
    for i, tok in enumerate(toks):
        if tok in _JEST:
            before = toks[max(0, i - 2) : i]
            (denied if not negators.isdisjoint(before) and "only" not in before else kept).add(tok)
    return frozenset(denied - kept)


#: Text-speak spellings and the word each stands for, read by the frames as the word their
#: phrases are written with (stop 60: "i'll put u in hospital" matched no phrase written "put
#: you in hospital"); the phrase lists take them too (``worker.core.abuse.phrases``). Not
#: "ur", which is "your" or "you're".
TEXT_SPEAK: Mapping[str, str] = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "n": "and",
    "u'll": "you'll",
    "youll": "you'll",
    "youre": "you're",
    "u're": "you're",
    "hes": "he's",
    "shes": "she's",
    "theyre": "they're",
}


def _spelled(toks: list[str]) -> list[str]:
    """``toks`` with text-speak spellings as the frames' phrases write them (same length)."""
    return [TEXT_SPEAK.get(tok, tok) for tok in toks]


def _fold(text: str) -> str:
    return fold(text).lower().replace("\u2019", "'")


def expand_groups(groups: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """``groups`` with each ``{name}`` inside a phrase replaced by every phrase of group
    ``name`` ("your {staff_noun}": "your agent", "your driver", ...; a phrase that is only
    ``{name}`` stands for every phrase of that group). A group referred to this way must
    itself refer to none."""
    out: dict[str, tuple[str, ...]] = {}
    for name, phrases in groups.items():
        done: list[str] = []
        for phrase in phrases:
            refs = _INNER.findall(phrase)
            if not refs:
                done.append(phrase)
                continue
            choices = []
            for ref in refs:
                inner = groups.get(ref)
                if inner is None or any(_INNER.search(x) for x in inner):
                    raise ValueError(f"threat group {name}: {{{ref}}} is no group of plain phrases")
                choices.append(inner)
            parts = _INNER.split(phrase)  # literal, ref, literal, ref, ..., literal
            for combo in product(*choices):
                text = parts[0]
                for k, chosen in enumerate(combo):
                    text += chosen + parts[2 * k + 2]
                done.append(text)
        out[name] = tuple(dict.fromkeys(done))
    return out


def _slots(frame: ThreatFrame, groups: Mapping[str, tuple[Phrase, ...]]) -> tuple[Slot, ...]:
    """Each slot of ``frame`` as its phrases indexed by their first word."""
    slots: list[Slot] = []
    for slot in frame.slots:
        m = _GROUP.match(slot)
        if m and m.group(1) not in groups:
            raise ValueError(f"threat frame {frame.label}: unknown group {slot}")
        phrases = groups[m.group(1)] if m else (tuple(_tokens(slot)),)
        index: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            index.setdefault(phrase[0], []).append(phrase)
        slots.append({k: tuple(v) for k, v in index.items()})
    return tuple(slots)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_fold(text))


def _checked_labels(
    config: ThreatFramesConfig, parts: frozenset[str], excuses: frozenset[str]
) -> frozenset[str]:
    """The labels of whole threat frames (neither parts nor excuses), once the labels of
    ``config`` are checked: a label is one kind only, none is reserved, combines use parts."""
    whole = frozenset(f.label for f in config.frames if not f.part and not f.excuse)
    for c in config.combine:
        if not set(c.parts) <= parts:
            raise ValueError(f"threat combine {c.label}: parts must be part frames")
    if {EXCUSED, CANCELLED} & (whole | parts):
        raise ValueError(f"threat frame labels {EXCUSED!r} and {CANCELLED!r} are reserved")
    if whole & parts:
        raise ValueError("a threat frame label is used both as a part and a whole frame")
    if excuses & (whole | parts):
        raise ValueError("a threat frame label is used both as an excuse and a threat")
    return whole


class ThreatFrames:
    """Compiled frames; :meth:`find` returns the labels of the frames a text matches."""

    def __init__(self, config: ThreatFramesConfig) -> None:
        self.value = config.value
        groups: dict[str, tuple[Phrase, ...]] = {
            name: tuple(p for p in (tuple(_tokens(x)) for x in phrases) if p)
            for name, phrases in expand_groups(config.groups).items()
        }
        self._negators = frozenset(config.negators)
        self._after = frozenset(config.thing_after)
        self._frames: list[_Frame] = []
        #: Per frame: the words that cancel it anywhere in the message.
        self._unless_message: list[frozenset[str]] = []
        lawful = frozenset(config.lawful)
        self._order = {f.label: i for i, f in enumerate(config.frames)}
        #: The learned head, run when no frame matched (``model: null`` in the config: none).
        self.model = _head(config.model)
        fitted = self.model.threshold if self.model is not None else None
        self.threshold = config.model_threshold or fitted  # where the head escalates
        #: Where it escalates a message in which a threat frame was cancelled by its own
        #: ``unless`` words (a hazard, a product named): never under the fitted threshold.
        self._strict = max(self.threshold, fitted) if self.threshold and fitted else None
        #: The learned harassment and insult heads (:meth:`harassment`, :meth:`insult`), or None.
        self.harassment_model = _head(config.harassment_model)
        self.insult_model = _head(config.insult_model)
        #: The head that reads a message for all three (they share its reading), or None.
        self._reader = _reader(self.model, self.harassment_model, self.insult_model)
        #: Labels of ``part`` frames (never reported alone) and the rules that combine them.
        self._parts = frozenset(f.label for f in config.frames if f.part)
        self._combine = tuple((c.label, frozenset(c.parts)) for c in config.combine)
        #: Labels of ``excuse`` frames: the sentences they match are kept from the threat head.
        self._excuses = frozenset(f.label for f in config.frames if f.excuse)
        self._whole = _checked_labels(config, self._parts, self._excuses)
        #: Per frame, per slot: the rarest-looking word of each phrase; a frame can only match
        #: a text that holds one of them for every slot.
        self._firsts: list[tuple[frozenset[str], ...]] = []
        for frame in config.frames:
            slots = _slots(frame, groups)
            self._firsts.append(
                tuple(frozenset(_key(p) for ps in s.values() for p in ps) for s in slots)
            )
            self._frames.append(
                (
                    frame.label,
                    slots,
                    frame.max_gap,
                    frame.keep_negated,
                    frozenset(frame.unless),
                    lawful if frame.lawful else _NONE,
                )
            )
            self._unless_message.append(frozenset(frame.unless_message))
        #: Frames by the key words of their anchor slot: a message's few key words find the
        #: candidate frames without testing every slot of every frame.
        self._anchors = _anchors(self._firsts)

    def sentences(
        self, text: str, words: Iterable[str] | None = None
    ) -> list[tuple[list[str], frozenset[str]]]:
        """Each sentence of ``text``: its tokens and the labels (whole and part) it matches;
        a frame excused by its ``unless_message`` words gives the label :data:`EXCUSED`.

        ``words``: the text's lower-case word tokens when the caller has them already (the
        engine's ``Doc.words``); a frame is tried only when the text holds, for each of its
        slots, a key word of some phrase, so most messages cost set lookups only.
        """
        raw = [(sentence, _TOKEN.findall(sentence)) for sentence in _SPLIT(_fold(text))]
        split = [toks for _, toks in raw if toks]
        present_all = frozenset(chain.from_iterable(split) if words is None else words)
        spelled = not present_all.isdisjoint(TEXT_SPEAK)
        if spelled:
            present_all = present_all | {TEXT_SPEAK[w] for w in present_all & TEXT_SPEAK.keys()}
        # Most messages hold no frame's every slot anywhere: then no sentence is matched.
        todo = self._candidates(present_all)
        if not todo:
            return [(toks, _NONE) for toks in split]
        reached = {c[0] for c in todo}
        anchors = self._anchors
        out: list[tuple[list[str], frozenset[str]]] = []
        for sentence, toks in raw:
            if not toks:
                continue
            # A word next to a single quote keeps it ("live'"): the frames do not read a phrase
            # in single quotes (stop 43 tried: 3 more blind near misses escalated, none caught).
            said = _spelled(toks) if spelled else toks
            present = frozenset(said)
            # Only a frame whose anchor has a key word in this sentence can match in it.
            anchored = {fi for word in anchors.keys() & present for fi in anchors[word]}
            if anchored.isdisjoint(reached):
                out.append((toks, _NONE))
                continue
            labels = self._labels(sentence, said, present, present_all, todo, anchored)
            out.append((toks, labels))
        return out

    def _labels(
        self,
        sentence: str,
        toks: list[str],
        present: frozenset[str],
        present_all: frozenset[str],
        todo: list[_Candidate],
        anchored: set[int],
    ) -> frozenset[str]:
        """The labels of the candidate frames ``todo`` anchored in one sentence (its folded
        text and tokens); ``present_all``: the message's words."""
        # The frames read "your damn depot" as "your depot" (the heads read every word).
        said = toks
        if not _EXPLETIVES.isdisjoint(present):
            sentence = _EXPLETIVE.sub(r"\1 ", sentence)
            said = _spelled(_TOKEN.findall(sentence))
        # What may excuse a frame: the sentence's words less a jest denied.
        excuses = present - _denied_jests(said, self._negators) if _JEST & present else present
        # A negator denies a frame only within its comma clause ("you can't hide, I
        # know where you live" is no denial of knowing).
        clauses = _clause_starts(sentence) if "," in sentence else _FIRST_CLAUSE
        # A threat frame its own `unless` words cancel (a hazard, a product, a review named
        # in its sentence) gives CANCELLED: the head reading the same words must then
        # reach its fitted threshold to escalate.
        labels = [
            (
                CANCELLED
                if not unless.isdisjoint(excuses)
                else label
                if self._unless_message[fi].isdisjoint(present_all)
                else EXCUSED
            )
            for fi, (label, slots, gap, fixed, unless, lawful), firsts in todo
            if fi in anchored
            and (unless.isdisjoint(excuses) or label in self._whole)
            and (
                lawful.isdisjoint(present)
                or not names_lever(said, lawful, self._negators, window=_NEG_WINDOW + 1)
            )
            and not any(map(present.isdisjoint, firsts))
            and _match(said, slots, gap, None if fixed else self._negators, self._after, clauses)
        ]
        return frozenset(labels)

    def _candidates(self, words: frozenset[str]) -> list[_Candidate]:
        """The frames (in config order) whose every slot has a key word in ``words``."""
        anchors = self._anchors
        reached = {fi for word in anchors.keys() & words for fi in anchors[word]}
        out: list[_Candidate] = []
        for fi in sorted(reached):
            firsts = self._firsts[fi]
            if not any(map(words.isdisjoint, firsts)):
                out.append((fi, self._frames[fi], firsts))
        return out

    def find(self, text: str, words: Iterable[str] | None = None) -> tuple[str, ...]:
        """Labels of the frames matched in any one sentence of ``text`` (in order found), or,
        when none is, ``model:p=0.93:sentence=3`` if the learned head
        (:class:`~worker.core.threat_model.ThreatModel`) fires on a sentence or a pair of
        adjacent sentences (numbered from 1; never the text).

        ``words``: the text's lower-case word tokens when the caller has them already.
        """
        return self.read(text, words)[0]

    def read(
        self, text: str, words: Iterable[str] | None = None, *, head_escalates: bool = True
    ) -> Heard:
        """:meth:`find`'s labels, the learned heads' reading of the customer's own words
        (quoted spans blanked; :meth:`ThreatModel.read`), made once for both heads, and the
        threat head's best unit when it stayed under its threshold (a near miss, which
        :class:`~worker.core.triage.Engine` may flag for a human). ``reading`` and ``near``
        are None when a frame or the threat head found a threat, or the message has no
        unit. ``head_escalates=False``: the threat head's best unit is at most a near miss
        (the text left when someone else's words are blanked, see ``AbuseScorer.score``)."""
        sentences = self.sentences(text, words)
        hits: dict[str, None] = {}
        for _, labels in sentences:
            for label in sorted(labels, key=lambda label: self._order.get(label, -1)):
                hits[label] = None
        if not self._parts.isdisjoint(hits):
            for label, parts in self._combine:
                if parts <= hits.keys():
                    hits[label] = None
        found = tuple(
            h
            for h in hits
            if h not in self._parts and h not in self._excuses and h not in (EXCUSED, CANCELLED)
        )
        if found or self._reader is None:
            return Heard(found, None, None)
        unquoted = unquote(text)
        if unquoted != text:
            sentences = self.sentences(unquoted)
        reading = self._reader.read(sentences)
        if self.model is None or reading is None:
            return Heard(found, reading, None)
        # Speech that reads like a threat ("I'll tell him what I think") is no unit to escalate.
        spoken = frozenset(
            i
            for i, (_, labels) in enumerate(sentences, start=1)
            if not labels.isdisjoint(self._excuses)
        )
        hit = self.model.score(reading, skip=spoken)
        # A frame the message's own words excused (a hazard named: a safety warning) is not
        # overruled by the head reading the same words: at most a near miss, for review. A
        # frame its sentence's words cancelled lets the head escalate at its fitted threshold.
        bar = self._strict if CANCELLED in hits else self.threshold
        if head_escalates and bar is not None and hit.p >= bar and EXCUSED not in hits:
            return Heard((f"model:p={hit.p:.2f}:sentence={hit.sentence}",), None, None)
        return Heard((), reading, hit)

    def harassment(self, reading: Reading | None) -> tuple[float, str] | None:
        """The harassment head's probability and cue (``harassment_model:p=0.97:sentence=2``)
        when it fires on a sentence or pair of the message ``reading`` (from :meth:`read`),
        else None."""
        return _fires(self.harassment_model, reading, "harassment_model")

    def insult(self, reading: Reading | None) -> tuple[float, str] | None:
        """The insult head's probability and cue (``insult_model:p=0.91:sentence=1``) when it
        fires on a sentence or pair of the message ``reading``, else None: an insult aimed at
        the reader in words no insult list holds ("such a pathetic joke of a human"). A
        sentence an excuse frame matched is not read: praise ("you're smarter than you
        think") and speech that reads like abuse insult no one."""
        spoken = frozenset(
            n
            for n, _, labels in (reading.kept if reading else ())
            if not labels.isdisjoint(self._excuses)
        )
        return _fires(self.insult_model, reading, "insult_model", spoken)


def _fires(
    head: ThreatModel | None,
    reading: Reading | None,
    name: str,
    skip: frozenset[int] = frozenset(),
) -> tuple[float, str] | None:
    """``head``'s probability and cue on ``reading`` when it reaches the head's threshold;
    the units holding a sentence numbered in ``skip`` are not scored."""
    if head is None or reading is None:
        return None
    hit = head.score(reading, skip=skip)
    if hit.p < head.threshold:
        return None
    return hit.p, f"{name}:p={hit.p:.2f}:sentence={hit.sentence}"


def _head(name: str | None) -> ThreatModel | None:
    """The learned head whose weights ``worker/data/<name>`` holds, or None for no name."""
    return ThreatModel.shared(name) if name else None


def _reader(*heads: ThreatModel | None) -> ThreatModel | None:
    """The head whose reading of a message every one of ``heads`` scores, or None: they must
    use the same n-gram buckets."""
    present = [h for h in heads if h is not None]
    if len({h.buckets for h in present}) > 1:
        raise ValueError("the threat, harassment and insult heads must use the same n-gram buckets")
    return present[0] if present else None


def names_lever(
    toks: Sequence[str],
    levers: frozenset[str],
    negators: frozenset[str],
    lo: int = 0,
    hi: int | None = None,
    *,
    window: int,
) -> bool:
    """Whether ``toks[lo:hi]`` names one of ``levers`` that no negator among the ``window``
    tokens before it (from ``lo`` on) denies: "in court", not "it won't be through the
    courts". Shared by the threat frames and the threat phrases
    (:mod:`worker.core.abuse.phrases`)."""
    end = len(toks) if hi is None else min(hi, len(toks))
    return any(
        toks[i] in levers and negators.isdisjoint(toks[max(lo, i - window) : i])
        for i in range(lo, end)
    )


def _anchors(firsts: list[tuple[frozenset[str], ...]]) -> dict[str, list[int]]:
    """Each frame (by number) under the key words of one slot, its anchor: the slot whose
    words are shared by the fewest slots on average ("i", "you" anchor no frame that has a
    rarer slot). A frame matches only a text holding a key word of every slot, its anchor's
    included, so the frames reached from a text's words hold all that may match."""
    uses = Counter(word for slots in firsts for first in slots for word in first)
    out: dict[str, list[int]] = {}
    for fi, slots in enumerate(firsts):
        anchor = min(slots, key=lambda first: sum(uses[w] for w in first) / max(len(first), 1))
        for word in anchor:
            out.setdefault(word, []).append(fi)
    return out


#: The speaker as subject: a word after them is their verb ("I'll set the dogs on him", "we'll
#: park outside"), never the head of a compound naming a thing ("your home page").
_SUBJECTS = frozenset("i i'll i'm im ill i've ive i'd id we we'll we're we've imma i'ma".split())


def _phrase_ends(toks: list[str], slot: Slot, start: int, after: frozenset[str]) -> list[int]:
    """End positions of the phrases of ``slot`` at ``start`` not followed by a word in ``after``
    (unless the phrase ends with the speaker as subject)."""
    n = len(toks)
    return [
        start + len(p)
        for p in slot.get(toks[start], ())
        if tuple(toks[start : start + len(p)]) == p
        and (start + len(p) >= n or toks[start + len(p)] not in after or p[-1] in _SUBJECTS)
    ]


def _rest(
    toks: list[str], slots: tuple[Slot, ...], k: int, end: int, gap: int, after: frozenset[str]
) -> int:
    """The end of slots ``k..`` matched after ``end`` (each within ``gap``), or -1."""
    if k == len(slots):
        return end
    slot = slots[k]
    for start in range(end, min(end + gap, len(toks) - 1) + 1):
        if toks[start] not in slot:  # no phrase of the slot starts here
            continue
        for nxt in _phrase_ends(toks, slot, start, after):
            last = _rest(toks, slots, k + 1, nxt, gap, after)
            if last >= 0:
                return last
    return -1


def _match(
    toks: list[str],
    slots: tuple[Slot, ...],
    gap: int,
    negators: frozenset[str] | None,
    after: frozenset[str],
    clauses: tuple[int, ...] = (0,),
) -> bool:
    """Whether the frame occurs; with ``negators``, not when one precedes it in its clause
    (``clauses``: the token index each comma clause starts at) or lies inside it."""
    first = slots[0]
    for start, tok in enumerate(toks):
        if tok not in first:  # no phrase of the first slot starts here
            continue
        for end in _phrase_ends(toks, first, start, after):
            last = _rest(toks, slots, 1, end, gap, after)
            if last < 0:
                continue
            if negators is None:
                return True
            clause = max(c for c in clauses if c <= start)
            lo = max(start - _NEG_WINDOW, clause)
            if _CONDITIONS.intersection(toks[max(clause, start - _CONDITION_REACH) : start]):
                lo = max(lo, _main_clause(toks, lo, start))
            if not denies(toks, lo, last, negators):
                return True
    return False


#: Words that open a condition: a negator between one and a frame is the condition's ("if
#: you don't fix it I'll trash your office"), not the threat's.
_CONDITIONS = frozenset({"if", "unless", "until", "till", "once"})
#: How far before a frame such a word may open its condition.
_CONDITION_REACH = 8
#: The speaker as the subject of the main clause after a condition ("if you don't fix it
#: I'll ...").
_SPEAKER = frozenset("i i'll ill i'm im i'd i've ive we we'll we're we'd".split())


def _main_clause(toks: Sequence[str], lo: int, start: int) -> int:
    """Where the main clause after a condition begins, before a frame at ``start``: at the
    last speaker subject from ``lo`` on ("if this isn't fixed I won't ..." keeps "won't"),
    else at the frame ("if this isn't fixed, trash ..."). Negators before it are the
    condition's."""
    return next((k for k in range(start - 1, lo - 1, -1) if toks[k] in _SPEAKER), start)


#: Words after a negator that keep what follows asserted ("I won't hesitate to ...").
_STILL_MEANT = frozenset({"hesitate"})


def denies(toks: Sequence[str], lo: int, hi: int, negators: frozenset[str]) -> bool:
    """Whether a negator in ``toks[lo:hi]`` denies what follows it: "I will never hurt you",
    not "I won't hesitate to hurt you" ("I don't think anyone will get hurt" stays denied)."""
    return any(
        toks[k] in negators and (k + 1 >= len(toks) or toks[k + 1] not in _STILL_MEANT)
        for k in range(lo, hi)
    )


_FIRST_CLAUSE = (0,)


def _clause_starts(sentence: str) -> tuple[int, ...]:
    """The token index at which each comma clause of ``sentence`` starts."""
    starts = [0]
    for piece in sentence.split(",")[:-1]:
        starts.append(starts[-1] + len(_TOKEN.findall(piece)))
    return tuple(starts)
