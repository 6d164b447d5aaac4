"""The abuse score of one message: lexicon hits aimed at a person, phrase hits and VADER
feed a fitted logistic layer; threat frames, the harassment head and the n-gram rescue layer
may decide too; quotations of someone else's words are not the customer's own abuse."""

from __future__ import annotations

import re
from collections.abc import Mapping

from worker.core.abuse.aim import Aim
from worker.core.abuse.aim import kinds as feature_kinds
from worker.core.abuse.bias import demeaned
from worker.core.abuse.compare import PutBelow
from worker.core.abuse.config import AbuseConfig
from worker.core.abuse.ngrams import NgramRescue, addressed
from worker.core.abuse.phrases import Phrases
from worker.core.abuse.private import StaffLife
from worker.core.abuse.unmarked import blank_unmarked, sentence_start
from worker.core.abuse.veiled import veiled
from worker.core.abuse.watched import innuendo, watched
from worker.core.abuse.wish import told_to_die, told_to_harm_oneself
from worker.core.abuse.words import Lexicon
from worker.core.linear import sigmoid
from worker.core.text import Doc, analyse
from worker.core.threat_model import Reading
from worker.core.threats import ThreatFrames
from worker.core.types import ABUSE_KINDS, AbuseScore, Sentiment

__all__ = ["AbuseScorer"]

#: A message as the subject of what it said ("His last message was \"...\""; stop 60).
_MESSAGE_WAS_WORDS = (
    r"(?:messages?|texts?|repl(?:y|ies)|comments?|words|e-?mails?|notes?|posts?|dms?)"
    r"\s+(?:was|were)"
)
#: Someone else's words about to be quoted ("the bot told me to type \"...\"", "he wrote
#: '...'", "she called me \u201c...\u201d"): group 1 is the speaker, group 2 the opening quote.
_REPORTED = re.compile(
    r"(?<![\w'])([\w']++)(?:,\s+(?=calling\b|went\b)|\s+)(?:(?:told|asked)\s+(?:me|us)\s+to\s+(?:type|say|write|enter|reply|send)"
    # "a man screaming at the nurse, calling her '...'", "a review calling your rider '...'"
    r"|calling\s+(?:me|us|her|him|them|(?:my|your|ur|our|the|this|that)\s+[\w']+(?:\s+[\w']+)?)"
    r"|(?:told|tells|telling)\s+(?:me|us|her|him|them|(?:my|our)\s+[\w']+)(?:\s+to)?"
    r"|said|says|say|saying|wrote|writes|typed|replied|messaged|responded|called(?:\s+me)?"
    r"|shouted|screamed|yelled|muttered|whispered|texted|commented|posted|titled|named"
    # "went \"I don't drive ...\"", "a user has written \"...\"", "keeps whispering me
    # \"...\"" (stop 60)
    r"|went|goes|written|whispering(?:\s+me)?|msgd|msged|txted|txtd|dmd|dm'd|sed|sez"
    # "he keeps sending 'send nudes ...' n 'bet ur ...'" (stop 60)
    r"|sending|sends|dming|msging|msgin"
    # "His last message was \"...\"" (stop 60; "my last message was" is the speaker's)
    rf"|{_MESSAGE_WAS_WORDS}"
    # "someone keeps commenting '...' on my videos" (stop 50)
    r"|commenting|posting|writing|typing|texting|messaging|spamming|replying|shouting"
    r"|screaming|yelling"
    r"|answered|warned|threatened|reads|printed|displayed|showed|shows|labell?ed|sent"
    # text named rather than said: "the survey asked '...'", "the card should read '...'",
    # "please add '...' to the playlist", "with reference '...'", "engraved '...'"
    r"|asked|read|add|added|reference|engraved|inscribed|captioned)\b"
    r"[^\"'\u201c\u201d\u2018\u2019\n.!?]{0,40}?(?<![\w])([\"'\u201c\u2018])",
    re.IGNORECASE,
)
#: The message as the subject in ``_REPORTED``, right after its group 1 ("last").
_MESSAGE_WAS = re.compile(rf"\s+{_MESSAGE_WAS_WORDS}\b", re.IGNORECASE)
#: A reporting verb in -ing ("calling her", "commenting"): after "I keep" it is the speaker's.
_GERUND = re.compile(r"[a-z]+ing\b", re.IGNORECASE)
#: A further quotation in a list right after a reported one: ", '...'", " and '...'".
_LISTED_QUOTE = re.compile(r"\s*(?:,|and|or|&|,\s*and|n|an)\s*([\"'\u201c\u2018])", re.IGNORECASE)
#: Where a reported clause ends: the customer's own next clause ("... and frankly you're all
#: idiots", "..., well you're all morons").
_OWN_NEXT = (
    r"(?:(?!\s+(?:and|but|so)\s+(?:(?:frankly|honestly|now|well|yes)\s+)?"
    r"(?:you|u|ya|your|ur|i|i'm|im)\b"
    r"|,\s*(?:(?:well|honestly|frankly|and|but|so|because|cos|now)\s+)?"
    r"(?:you|u|ya|your|ur|i|i'm|im|what)\b)"
)
#: Someone else's threat or insult reported without quotation marks ("he screamed that he'd
#: burn the place down", "comments saying they'll torch your shop", "messages calling me a
#: waste of space"): group 1 is the speaker; the clause runs to the end of its sentence or to
#: the customer's own next clause ("... and you are an idiot too").
_REPORTED_CLAUSE = re.compile(
    r"(?<![\w'])([\w']++),?\s+(?:(?:(?:said|says|saying|screamed|shouted|yelled|muttered"
    r"|threatened|claimed|wrote|posted|texted|messaged)(?:\s+(?:at|to)(?:\s+[\w']+){1,3}?)?"
    # "told him in front of the class that he was ...", "told me that if I didn't pay his
    # fee he'd ..." (stop 60)
    # "tell" in the present only after "he", "she", "they", "always" ... as a report ("he
    # always tell my wife she is ..."), never a relay ("please tell him he's ...", "Whoever
    # your manager is, tell them they're ...")
    r"|(?:told|tells|(?<=\bhe\s)tell|(?<=\bshe\s)tell|(?<=\bthey\s)tell|(?<=\balways\s)tell"
    r"|(?<=\bstill\s)tell|(?<=\boften\s)tell|(?<=\bkeep\s)tell)"
    r"\s+(?:me|us|her|him|them|(?:my|our)\s+[\w']+)(?:(?:\s+[\w']+){1,5}?(?=\s+that\b))?)"
    r"\s+(?:that\s+)?(?:(?:if|unless|when|once)\s+[^,.!?\n]{1,60}?,?\s+(?=(?:he|she|they)\b))?"
    r"(?:(?:he|she|they|someone|somebody|it)(?:'d|'ll|\u2019d|\u2019ll|\s+would|\s+will"
    r"|\s+(?:was|is|were|are)\s+going\s+to)"
    # what someone said a person is ("told my wife she was a fat useless ...", "screamed at
    # me that I'm a worthless ..."; stop 51)
    r"|(?:i|he|she|they|we)\s+(?:was|is|were|are|am)|i'm|im|he's|she's|they're|we're"
    # "told me I'd look better naked" (stop 60)
    r"|(?:i|she|we)(?:'d|\s+would|\s+should)|id)"
    r"|call(?:ing|ed|s)\s+(?:me|us|her|him|them|my\s+\w+)|called\s+your\s+\w+|threatened\s+to"
    # "a man called the nurse a useless cow", "was calling ur receptionist a silly cow": a
    # person named, then what they were called (stop 49).
    r"|call(?:ing|ed)\s+(?:the|your|ur|our|this|that)\s+[\w']+(?:\s+[\w']+)?\s+(?:a|an))\b"
    rf"{_OWN_NEXT}[^.!?\n])*",
    re.IGNORECASE,
)
#: The speaker or their people called something, in the passive ("I was called a useless
#: retard by one of your engineers"; stop 51); not called by phone ("I was called back").
_CALLED_PASSIVE = re.compile(
    r"(?<![\w'])(?:i|we|my\s+[\w']+|our\s+[\w']+)\s+(?:was|were|got|get|have\s+been"
    r"|has\s+been|had\s+been|am\s+being|is\s+being|was\s+being|keep\s+getting|kept\s+getting)"
    r"\s+called\s+(?!(?:by|back|about|today|yesterday|twice|again|at|on|in|from|to|and|for|out"
    r"|up|over|once|three|four|five|six|several|many|every\s+day)\b)"
    rf"{_OWN_NEXT}[^.!?\n])*",
    re.IGNORECASE,
)
#: An order someone else gave, reported: "the assistant told me to get lost", "someone in the
#: chat keeps telling me to kys" (stop 58); group 1 is the speaker ("I keep telling them to"
#: is the customer's own); the order is its first words only (what follows may be the
#: customer's own). Never "the next person who tells me to wait is getting smacked": someone
#: to come, not a report.
_REPORTED_ORDER = re.compile(
    r"(?<![\w'])([\w']++)\s+(?:(?:keeps?|kept)\s+)?(?:told|(?<!who\s)(?<!that\s)tells|telling)"
    r"\s+(?:me|us|her|him|them|people|members|users|everyone|everybody|customers|staff|agents"
    r"|(?:my|our)\s+[\w']+)\s+to(?:\s+[\w']+){1,4}\b",
    re.IGNORECASE,
)
#: "calls me" in ``_REPORTED_CLAUSE``, and a condition before it in its sentence.
_CALLS = re.compile(r",?\s+calls\b", re.IGNORECASE)
_IF_BEFORE = re.compile(
    r"\b(?:if|when|whenever|unless|next\s+time|every\s+time|one\s+more\s+time)\b", re.IGNORECASE
)
_YOURS = re.compile(r"\b(?:you|your|yours|ur|u|ya)\b", re.IGNORECASE)
_MINE_BEFORE = re.compile(r"\b(?:my|our)\s+(?:[\w']+\s+){0,2}$", re.IGNORECASE)
#: The word before a "calling her" / "called your ..." that the speaker says of themselves
#: ("I'll be calling", "I have called your helpline six times").
_AUX = frozenset({"be", "been", "have", "had"})
_SPEAKER_BEFORE = re.compile(
    r"\b(?:i|i'll|ill|i'm|im|i've|ive|i'd|we|we'll|we're|we've)(?:\s+(?:will|am|have|just))?\s+$",
    re.IGNORECASE,
)
#: A message the customer received, quoted after a colon ("I got a text: 'pay now or we come
#: to your home'", "received this email from your number: \"...\""): someone else's words.
_RECEIVED = re.compile(
    r"\b(?:got|get|gets|getting|received|receive|receives|receiving)\s+"
    r"(?:(?:a|an|the|this|that|these|those|some|another)\s+)?(?:[\w']+\s+){0,2}?"
    r"(?:texts?|sms|messages?|e-?mails?|letters?|notes?|voicemails?|dms?|whatsapps?)\b"
    r"[^\"'\u201c\u201d\u2018\u2019\n.!?]{0,40}?:\s*([\"'\u201c\u2018])",
    re.IGNORECASE,
)
#: Closing quotes per opening quote; a closing single quote must not be an apostrophe.
_CLOSE = {'"': '"\u201d', "\u201c": '\u201d"', "\u2018": "\u2019'", "'": "'\u2019"}
_QUOTE_SPAN = 300
_SPEAKER = frozenset({"i", "we", "i've", "we've", "i'd", "we'd"})
#: The speaker in the present too ("I'm calling ..."); curly apostrophes are straightened by
#: ``analyse`` before any of these is looked up.
_SPEAKER_NOW = _SPEAKER | {"i'm", "im", "we're"}
#: The customer named in a note of a call ("Caller said '...'", "The customer stated ..."):
#: their words are the customer's own, not someone else's reported (stop 62). Not "a
#: customer", "another caller": someone else.
_CALLER = frozenset({"caller", "customer", "client", "cust", "complainant"})
_SOMEONE_ELSE = re.compile(r"(?i)\b(?:a|an|another|one|other|some|every|any)\s+$")
_SHORT = 3
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")


class AbuseScorer:
    """Scores one analysed message for abuse aimed at a person."""

    def __init__(self, config: AbuseConfig) -> None:
        self._config = config
        self._threshold = config.threshold
        self._hard = frozenset(config.hard_kinds)
        self._bias = config.weights.bias
        self._fw = dict(config.weights.features)
        self._ww = dict(config.weights.words)
        self._word_keys = frozenset(self._ww)
        self.lexicon = Lexicon(config)
        self._lex = self.lexicon.categories
        self._lex_keys = self.lexicon.forms
        self._root_heads = self.lexicon.root_heads
        self._aim = Aim(config, self.lexicon)
        self._phrases = Phrases(config, self.lexicon)
        # The things and animals a person may be put below ("a toaster is sharper than you").
        below = (*config.sets.get("dull_thing", ()), *config.sets.get("lowly", ()))
        self._put_below = PutBelow(
            (*below, *self.lexicon.wn_things), config.targets.thing, self.lexicon.names_people
        )
        # A member of staff's family habits or home told back ("his kids go to ...").
        self._staff_life = StaffLife(self.lexicon.names_a_person, self.lexicon.names_staff)
        self._things = frozenset(config.targets.thing)
        self._you = frozenset(w for w, k in self.lexicon.target.items() if k in ("you", "poss"))
        self._frames = ThreatFrames(config.threat_frames) if config.threat_frames else None
        head = config.weights.ngrams
        self._rescue = NgramRescue(head, self.lexicon) if head else None

    # -- public -------------------------------------------------------------------------

    @property
    def threat_threshold(self) -> float | None:
        """The probability at which the learned threat head escalates (None without one)."""
        return self._frames.threshold if self._frames is not None else None

    def lexicon_forms(self) -> frozenset[str]:
        """Every token form the lexicon matches (base forms, plurals, stretched, typos)."""
        return self._lex_keys

    def addressed(self, feats: Mapping[str, float], present: set[str]) -> bool:
        """Whether the message speaks to the reader (the n-gram layer rescues only those)."""
        return addressed(feats, present, self._things)

    def features(
        self, doc: Doc, sentiment: Sentiment, sarcasm: str | None = None
    ) -> tuple[dict[str, float], list[str]]:
        """The feature vector (sparse: only non-zero entries) and the evidence cues."""
        feats, cues, _ = self._features(doc, sentiment, sarcasm)
        return feats, cues

    def _features(
        self, doc: Doc, sentiment: Sentiment, sarcasm: str | None = None
    ) -> tuple[dict[str, float], list[str], set[str]]:
        toks = doc.plain
        feats: dict[str, float] = {}
        cues: list[str] = []
        if "*" in doc.lower:
            toks = self.lexicon.unmask_all(toks, cues)
        present = set(toks)
        lex_get = self._lex.get
        hits: list[tuple[int, str, tuple[str, ...]]] = []
        found = self._lex_keys.intersection(present)
        extra: dict[str, tuple[str, ...]] = {}
        if self._root_heads and any(h in doc.lower for h in self._root_heads):
            extra = self.lexicon.compounds(present, cues)
            found = found | extra.keys()
        if found:
            for i, tok in enumerate(toks):
                if tok in found:
                    hits.append((i, tok, lex_get(tok) or extra[tok]))
        if not self._you.isdisjoint(present):
            feats["second_person"] = 1.0
        if hits:
            self._aim(toks, hits, feats, cues, doc)
        phrase_hits = self._phrases.find(toks, present, doc.lower)
        for kind, phrase in phrase_hits:
            feats[f"phrase:{kind}"] = 1.0
            cues.append(f"{kind}:{phrase}")
        below = self._put_below(doc.lower)
        if below is not None:
            feats["phrase:harassment"] = 1.0
            cues.append(f"harassment:{below}")
        bias = demeaned(doc.text, doc.words)
        if bias is not None:
            feats["phrase:harassment"] = 1.0
            cues.append(f"harassment:{bias}")
        hint = innuendo(doc.text, doc.words)
        if hint is not None:
            feats["phrase:harassment"] = 1.0
            cues.append(f"harassment:{hint}")
        if len(toks) <= _SHORT:
            feats["short"] = 1.0
        feats["vader_neg"] = sentiment.neg
        if sentiment.compound < 0:
            feats["vader_negative"] = -sentiment.compound
        elif sentiment.compound > 0 and not sarcasm:
            # Sarcastic praise ("GREAT. JUST GREAT.") is no kindness: it does not soften.
            feats["vader_positive"] = sentiment.compound
        if doc.caps_ratio:
            feats["caps_ratio"] = doc.caps_ratio
        if doc.exclaim_runs:
            feats["exclaim"] = 1.0
        return feats, cues, present

    def score(
        self,
        doc: Doc,
        sentiment: Sentiment,
        sarcasm: str | None = None,
        *,
        quotes_cut: bool = False,
    ) -> AbuseScore:
        """Score ``doc`` given its VADER sentiment and its sarcasm cue, if any: value in
        [0, 1], decision, kinds and cues. ``quotes_cut``: quoted lines were cut from the text
        before (``prepare``), so no paragraph left in it is someone else's pasted words."""
        result = self._score(doc, sentiment, sarcasm)
        if not result.detected:
            return result
        blanked = _blank_reported(doc.text) if _QUOTES.intersection(doc.text) else doc.text
        blanked = blank_unmarked(_blank_clauses(blanked), paragraphs=not quotes_cut)
        if blanked == doc.text:
            return result
        # Blanking someone else's words only takes abuse away: the threat head, which read
        # the customer's words in the whole text already, may not escalate what is left when
        # it did not escalate the whole ("Your driver told my husband to ... inside." read as
        # a threat at p 0.87, stop 50).
        again = self._score(
            analyse(blanked), sentiment, sarcasm, head_escalates="threat" in result.kinds
        )
        if again.detected:
            return again
        return AbuseScore(
            value=again.value,
            detected=False,
            kinds=(),
            cues=(*result.cues, "reported_speech"),
            near_threat=again.near_threat,
        )

    def _score(
        self, doc: Doc, sentiment: Sentiment, sarcasm: str | None, *, head_escalates: bool = True
    ) -> AbuseScore:
        feats, cues, present = self._features(doc, sentiment, sarcasm)
        fw = self._fw
        z = self._bias
        for name, value in feats.items():
            z += fw.get(name, 0.0) * value
        ww = self._ww
        if ww:
            for tok in self._word_keys.intersection(present):
                z += ww[tok]
        value = sigmoid(z)
        found = feature_kinds(feats)
        frames = self._frames
        heard: Reading | None = None
        near: tuple[float, int] | None = None
        if frames is not None:
            labels, heard, hit = frames.read(doc.text, doc.words, head_escalates=head_escalates)
            if hit is not None:
                near = (hit.p, hit.sentence)
            labels = (*labels, *self._text_rules(doc))
            if labels:
                found.add("threat")
                cues.extend(f"threat_frame:{label}" for label in labels)
                value = max(value, frames.value)
        # Abuse is aimed at a person: the score alone (e.g. plain negativity) never escalates
        # without a person-aimed cue; a hard kind (a threat) escalates whatever the score.
        detected = (value >= self._threshold and bool(found)) or bool(self._hard & found)
        if not detected and heard is not None and frames is not None:
            # The learned harassment head, then the insult head (an insult in no listed words),
            # read the same sentences as the threat head; the first that fires decides.
            for kind, head in (("harassment", frames.harassment), ("insult", frames.insult)):
                fired = head(heard)
                if fired is not None:
                    detected = True
                    found.add(kind)
                    cues.append(fired[1])
                    value = max(value, fired[0])
                    break
        rescue = self._rescue
        if not detected and rescue is not None and self.addressed(feats, present):
            p = rescue.probability(doc.plain, cues)
            if p >= rescue.head.threshold:
                detected = True
                found = {rescue.kind(present)}
                value = max(value, p)
        kinds: tuple[str, ...] = ()
        if detected:
            kinds = tuple(k for k in ABUSE_KINDS if k in found)
        return AbuseScore(
            value=round(value, 4),
            detected=detected,
            kinds=kinds,
            cues=tuple(dict.fromkeys(cues)),
            near_threat=near,
        )

    # -- internals ----------------------------------------------------------------------

    def _text_rules(self, doc: Doc) -> tuple[str, ...]:
        """The threat labels of the rules that read the whole text beside the frames: a member
        of staff's private life told back, a wish of death said to the reader, the reader
        told to harm themselves, a member of staff watched or followed (``watched.py``), a
        threat with no violent word (``veiled.py``)."""
        seen = watched(doc.text, doc.words)
        veil = veiled(doc.text, doc.words)
        found = (
            self._staff_life(doc.text),
            told_to_die(doc.text, doc.words),
            told_to_harm_oneself(doc.text, doc.words),
            None if seen is None else f"watched_{seen}",
            None if veil is None else f"veiled_{veil}",
        )
        return tuple(label for label in found if label is not None)


def _blank_clauses(text: str) -> str:
    """``text`` with reported clauses of someone else's words blanked (see ``_REPORTED_CLAUSE``
    and ``_REPORTED_ORDER``)."""
    out = text
    for m in (*_REPORTED_CLAUSE.finditer(text), *_REPORTED_ORDER.finditer(text)):
        if m.group(1).lower() in _SPEAKER_NOW:  # "I'm calling your manager a liar"
            continue
        if _the_caller(text, m):
            continue
        if _CALLS.match(m.group(0), m.end(1) - m.start()) and _IF_BEFORE.search(
            text, sentence_start(text, m.start()), m.start()
        ):
            continue  # "if he calls me a liar again I'll ...": not said yet, no report
        # The speaker phoning someone ("I'll be calling her every day until she gives me
        # her number", "I have been calling him"): not someone else's words.
        if m.group(1).lower() in _AUX and _SPEAKER_BEFORE.search(text, 0, m.start(1)):
            continue
        # The customer's own people aimed at the reader ("my brother says he'll sort you
        # out") threaten by proxy: kept.
        if _YOURS.search(m.group(0)) and _MINE_BEFORE.search(text, 0, m.start(1)):
            continue
        out = out[: m.start(0)] + " " * (m.end(0) - m.start(0)) + out[m.end(0) :]
    for m in _CALLED_PASSIVE.finditer(text):
        out = out[: m.start(0)] + " " * (m.end(0) - m.start(0)) + out[m.end(0) :]
    return out


#: A quotation that opens a line after a line ending in a colon: a block quoted from
#: somewhere ("I'm forwarding what my neighbour posted ... you should know:\n"...""); whose
#: words it is, the last reporting word within ``_BLOCK_LOOKBACK`` characters before it says.
_BLOCK_QUOTE = re.compile(r":[ \t]*\n\s*([\"\u201c])")
_BLOCK_LOOKBACK = 300
_REPORTING_WORD = re.compile(
    r"(?<![\w'])([\w']+)\s+(?:forward(?:ed|ing)?|posted|wrote|written|said|sent|messaged"
    r"|texted|commented|emailed|e-mailed|shouted|screamed|yelled|message|post|comment|text"
    r"|email|review)\b",
    re.IGNORECASE,
)
#: Before a reporting word: the speaker's own ("I wrote", "my message", "I'm forwarding").
_OWN = _SPEAKER_NOW | {"my", "our", "i'll"}


def _blank_block_quotes(text: str) -> str:
    """``text`` with block quotations of someone else's words blanked: the quotation opens a
    line after a colon, and the last reporting word before it is not the speaker's ("my
    neighbour posted", not "I wrote" or "my message to your manager")."""
    out = text
    for m in _BLOCK_QUOTE.finditer(text):
        before = text[max(0, m.start() - _BLOCK_LOOKBACK) : m.start()]
        last = None
        for r in _REPORTING_WORD.finditer(before):
            last = r
        if last is None:
            continue
        if last.group(1).lower() in _OWN:
            continue
        first = m.end()
        end = _closing_quote(text, first, _CLOSE[m.group(1)])
        if end > 0:
            out = out[:first] + " " * (end - first) + out[end:]
    return out


def _closing_quote(text: str, first: int, closes: str) -> int:
    """Where the quotation opened just before ``first`` closes on its line, within
    ``_QUOTE_SPAN`` characters, or -1; a single quote before a letter is an apostrophe
    ("'you won't get away with it'")."""
    for j in range(first + 1, min(len(text), first + _QUOTE_SPAN)):
        c = text[j]
        if c == "\n":
            return -1
        if c in closes and not (c in "'\u2019" and j + 1 < len(text) and text[j + 1].isalpha()):
            return j
    return -1


def _the_caller(text: str, m: re.Match[str]) -> bool:
    """Whether the reporting word of ``m`` (group 1) is the customer of a call note."""
    return m.group(1).lower() in _CALLER and _SOMEONE_ELSE.search(text, 0, m.start(1)) is None


def _blank_reported(text: str) -> str:
    """``text`` with quotations of someone else's words blanked (not the speaker's own)."""
    if ":" in text:
        text = _blank_block_quotes(text)
        for got in _RECEIVED.finditer(text):  # blanking keeps every offset
            first = got.end()
            end = _closing_quote(text, first, _CLOSE[got.group(1)])
            if end > 0:
                text = text[:first] + " " * (end - first) + text[end:]
    out: list[str] = []
    pos = 0
    at = 0
    while (m := _REPORTED.search(text, at)) is not None:
        at = m.end()
        if (
            m.group(1).lower() in _SPEAKER_NOW
            or _the_caller(text, m)
            or (
                # "I keep calling your agent '...'", "I keep posting '...'": the speaker's word
                # before a verb in -ing
                _GERUND.match(m.group(0)[m.end(1) - m.start() :].lstrip(", "))
                and _SPEAKER_BEFORE.search(text, 0, m.start(1))
            )
        ):
            # The speaker's own words ("I'm calling him '...'"); a reporting clause may
            # follow inside the span ("when I said no he said '...'"): search again from
            # the speaker's word on.
            at = m.end(1)
            continue
        if m.start() < pos:
            continue
        if _MESSAGE_WAS.match(text, m.end(1)) and _MINE_BEFORE.search(text, 0, m.end(1) + 1):
            continue  # "my last message was '...'": the speaker's own
        first = m.end()
        end = _closing_quote(text, first, _CLOSE[m.group(2)])
        if end < 0:
            continue
        out.append(text[pos:first])
        out.append(" " * (end - first))
        pos = end
        # ... and the quotations listed after it ("add 'Song A' and 'Song B'").
        while (more := _LISTED_QUOTE.match(text, end + 1)) is not None:
            end = _closing_quote(text, more.end(), _CLOSE[more.group(1)])
            if end < 0:
                break
            out.append(text[pos : more.end()])
            out.append(" " * (end - more.end()))
            pos = end
        at = max(at, pos)
    out.append(text[pos:])
    return "".join(out)
