"""Told to die: "Die.", "just die", "go and die", "Die, Kevin.", "why don't you just die already";
told to harm oneself: "go jump off a bridge", "walk into traffic", "off yourself".

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

Told to harm oneself (stop 58): a clause that opens, after the same softeners or "do us all a
favour and", with an imperative to kill or harm oneself ("jump off a cliff, Karen", "If you
can't fix it, walk into traffic", "do the world a favour and off yourself", "stop existing");
the act after a modal verb whose subject is the reader or staff ("your whole team should just
walk into traffic", "whoever set up this billing system should go drink bleach"); "nobody
would care if you died"; "the kindest thing you could do is step in front of a bus"; a noose
offered to the reader. Other words may follow the phrase, which names the act itself; never
the speaker's own despair ("I'd rather jump off a bridge", "maybe I should just walk into
traffic"), a danger to someone else ("kids could drink bleach from this bottle"), a question
("jump off a bridge?"), a plan's "existing" ("stop existing payments"), a policy ("end your
life insurance") nor words quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["QUOTE_MARKS", "SENTENCES", "told_to_die", "told_to_harm_oneself"]

# The softeners and the words after the imperative repeat possessively (``*+``): "go on and"
# also reads as "go on" + "and", and a backtracking loop over a long run of them would take
# exponential time; a possessive loop never tries another alternative, so the longer of two
# that share a start comes first ("go on and" before "go on" before "go").

#: Softeners that may open the sentence before the imperative.
_SOFTENERS = (
    r"oh|ok|okay|well|so|then|now|just|please|pls|plz|go on and|go and|go on|go|and"
    r"|seriously|honestly|why don'?t you|why dont you|why not|you should|u should|you can"
    r"|u can|you could|can you|could you|will you|would you|kindly|maybe|perhaps|u shud"
    r"|you shud|you ought to|u ought to|u oughta|you oughta|tbh"
    r"|do (?:us all|us|everyone|everybody|the world|the rest of us|yourself|humanity)"
    r" a (?:favour|favor) and"
)
_LEAD = rf"(?:(?:{_SOFTENERS})[\s,]+)*+"
#: The same inside one clause: commas end it ("Honestly, just jump" is read from "just"), so
#: each clause is read once and a long run of commas costs linear time.
_CLAUSE_LEAD = rf"(?:(?:{_SOFTENERS})\s+)*+"
#: What may follow the imperative before the sentence ends ("die, die, die").
_AFTER = (
    r"(?:[\s,]+(?:already|now|then|please|pls|plz|slowly|slow|alone|quickly|soon|today|yourself"
    r"|you|u|ya|in peace|right now|die))*+"
)
#: One sentence, its trailing punctuation and symbols stripped, that is the imperative: a
#: name may be said to the reader before it ("Eliza, die") or after it, behind a comma ("Die,
#: Sarah"). Never a capitalised word right after it: "Die Lieferung.", "Die Post" are German
#: (an article and a noun, too short for the language detector), "Die Hard" a title.
_DIE = re.compile(
    rf"(?:[A-Z][a-z]+,\s*)?(?i:{_LEAD}(?:die|drop dead|d1e){_AFTER})(?:,\s*[A-Z][a-z]+)?"
)
#: Sentences and lines (shared with ``bias.py``); never ";" ("Fine; die." is no order).
SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
#: Words that may hold the imperative (the cheap gate before the regex).
_KEYS = frozenset({"die", "dead", "d1e"})
_WHY = re.compile(r"(?i)why\b")
#: Marks that open someone else's words at the start of a sentence (shared with ``bias.py``).
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"

#: Acts of harm to oneself, said as an imperative to the reader.
_SELF_HARM = (
    r"(?:jump|(?:throw|fling|hurl|launch|escalate|chuck) (?:yourself|urself|himself|herself"
    r"|themselves|yourselves)) off (?:a|the|the nearest|the closest|the tallest|a tall)"
    r" (?:bridge|cliff|roof|rooftop|building|ledge|balcony|skyscraper|tower|pier|overpass"
    r"|flyover)"
    r"|(?:jump|step|walk|throw yourself|lie down|lay down) (?:in front of|under)"
    r" (?:a|the|the next) (?:train|bus|truck|lorry|car|tram)"
    r"|(?:walk|step|run|wander|go play|play|jump) (?:into|in) (?:the )?traffic"
    r"|(?:play|lie down|lay down|lie|lay) on the (?:motorway|highway|freeway|tracks"
    r"|train tracks|railway|railway line|rails)"
    r"|(?:walk|wade) into the (?:sea|ocean|river|lake)"
    r"|(?:off|kill|drown|hang|stab|poison|overdose|delete|unalive|neck|top|rope|hurt|harm"
    r"|strangle|suffocate)"
    r" (?:yourself|urself|ur self|your self|yoself|himself|herself|themselves|yourselves)"
    r"(?![\s,]++from\b)|k y s|k\.y\.s"
    r"|(?:consider |think about )?(?:end|ending|take|taking) (?:your|ur|his|her|their) (?:own )?"
    r"life(?![\s-]++(?:insurance|cover|policy|support|assurance|savings|plan|membership"
    r"|subscription|story|time|long|coach|cycle))"
    r"|put a (?:plastic )?bag over (?:your|ur|his|her) head"
    r"|turn(?:ing)? (?:yourself|urself) off (?:and (?:never|not)|permanently|for good)"
    r"|swallow (?:a bottle of|a handful of|a load of|all your|all ur) (?:pills|tablets)"
    r"|set (?:yourself|urself) on fire|(?:light|set) (?:yourself|urself) alight"
    r"|slit (?:your|ur) (?:wrists|throat)|eat a bullet|swallow a bullet"
    r"|put a bullet (?:in|through) (?:your|ur) (?:head|brain|skull)"
    r"|stick (?:your|ur) head in (?:an|the) oven"
    r"|die in a (?:ditch|hole|fire|gutter)"
    r"|put (?:yourself|urself) out of (?:your|ur) misery"
    r"|take a long walk off a short (?:pier|bridge|plank|cliff)"
    r"|eat (?:a|your|ur) (?:gun|shotgun|bullet)|gargle (?:bleach|glass|antifreeze)"
    r"|drink (?:some )?(?:bleach|antifreeze|poison|drain cleaner)"
    r"|(?:stop|quit) (?:existing|breathing)(?=[\s,]*+(?:already|please|pls|now|you|u|lol|$))"
)
#: A clause that opens with the act: at the start of the sentence or after a comma, a
#: semicolon, a colon or a dash (a name may be said to the reader before it).
_HARM = re.compile(
    rf"(?:^|(?<=[,;:\u2013\u2014-])\s*+)(?:[A-Z][a-z]+,\s*)?"
    rf"(?i:{_CLAUSE_LEAD}(?:{_SELF_HARM}|choke on (?:it|that|this|your|ur)))\b"
)
#: The act after a modal verb whose subject is the reader or staff: "your whole team should just
#: walk into traffic", "that manager of yours needs to jump off a bridge". Never the speaker's
#: own despair ("I could jump off a bridge"), nor a danger to someone else ("a child could walk
#: into traffic through that gate", "kids could drink bleach from this bottle").
_MODAL = re.compile(
    r"(?i)(?<![\w'])([\w']++)\s+(?:should|shud|shld|ought to|oughta|needs to|need to|can|could"
    r"|might as well|may as well)\s+(?:(?:just|go and|go|all|please|really|seriously|honestly"
    rf"|simply|kindly|genuinely|all just)\s+)*+(?:{_SELF_HARM})\b"
)
#: A danger told, not an order: "You could hurt yourself on the broken step outside your shop".
_HAZARD = re.compile(
    r"(?i)\s*+(?:[A-Z][a-z]+,\s*)?(?:you|u) (?:can|could|might) (?:hurt|harm|kill|injure|cut"
    r"|burn|poison|drown|strangle) "
)
_POSSIBLE = re.compile(r"(?i)[\w']++\s+(?:can|could)\s+(?!(?:just|go|please|all)\s)")
_READER = frozenset(
    {
        "people",
        "you",
        "u",
        "ya",
        "yall",
        "y'all",
        "team",
        "staff",
        "agent",
        "agents",
        "manager",
        "managers",
        "supervisor",
        "boss",
        "everyone",
        "everybody",
        "department",
        "guys",
        "lot",
        "yours",
        "rep",
        "reps",
        "ceo",
        "director",
    }
)
#: The best a reader could do is harm themselves ("the most helpful thing you could do for
#: your customers is step in front of a bus"); a noose offered to the reader.
_BEST_THING = re.compile(
    r"(?i)\b(?:best|most helpful|kindest|only useful|only decent|most useful) thing (?:you|u)"
    rf" (?:could|can|should) (?:ever )?do\b[^.!?\n]{{0,60}}? is (?:to )?(?:{_SELF_HARM})\b"
)
_NOOSE = re.compile(r"(?i)\bnoose\b")
_YOU_WORD = re.compile(r"(?i)\b(?:you|u|your|ur|yourself)\b")
#: "Whoever set up this billing system should go drink bleach": the subject a person at fault.
_WHOEVER = re.compile(r"(?i)\bwhoever\b")
#: No one would care if the reader died ("nobody would even notice if you vanished").
_UNMISSED = re.compile(
    r"(?i)\b(?:nobody|no one|noone|no-one|not a soul)\s+(?:would|will|is going to|is gonna)"
    r"\s+(?:even\s+)?(?:care|notice|mind|miss (?:you|u)|mourn|cry)\b[^.!?\n]{0,24}?"
    r"\b(?:if|when)\s+(?:you|u)\s+(?:died|die|were dead|dropped dead|were gone|vanished"
    r"|disappeared|killed (?:yourself|urself)|jumped|were never born|stopped breathing)\b"
)
#: Words that may hold the act (the cheap gate before the regexes): one of these, or all of
#: "k y s".
_HARM_KEYS = frozenset(
    "jump traffic yourself urself self yoself existing breathing wrists throat bullet oven"
    " ditch hole fire gutter motorway highway freeway tracks railway rails alight pills"
    " tablets sea ocean river lake front train bus tram lorry truck misery pier gun shotgun"
    " bleach glass antifreeze poison cleaner choke himself herself themselves yourselves bag"
    " noose turning".split()
)
_KYS = frozenset({"k", "y", "s"})
#: ... and for "nobody would care if you died": one of these, or "no" and "one".
_NOBODY = frozenset({"nobody", "noone", "no-one", "soul"})
_NO_ONE = frozenset({"no", "one"})
#: Pairs of words that hold an act only together: a life ended or taken, the best thing.
_PAIRS = (
    (frozenset({"life"}), frozenset({"end", "ending", "take", "taking"})),
    (frozenset({"thing"}), frozenset({"best", "helpful", "kindest", "useful", "decent"})),
)
_GATE = _HARM_KEYS | _KYS | _NOBODY | _NO_ONE | frozenset().union(*(a | b for a, b in _PAIRS))


def told_to_die(text: str, words: Iterable[str]) -> str | None:
    """``"death_wish"`` when a sentence of ``text`` is only an imperative to die said to the
    reader, else None. ``words``: the text's lower-case word tokens (the gate: most messages
    hold none of the words)."""
    if _KEYS.isdisjoint(words):
        return None
    for said in _orders(text):
        if _DIE.fullmatch(said) is not None:
            return "death_wish"
    return None


def told_to_harm_oneself(text: str, words: Iterable[str]) -> str | None:
    """``"death_wish"`` when a clause of ``text`` opens with an imperative to the reader to
    kill or harm themselves ("go jump off a bridge", "walk into traffic", "off yourself"),
    else None. ``words``: the text's lower-case word tokens (the gate)."""
    present = _GATE.intersection(words)
    acts = (
        not _HARM_KEYS.isdisjoint(present)
        or _KYS <= present
        or any(not a.isdisjoint(present) and not b.isdisjoint(present) for a, b in _PAIRS)
    )
    unmissed = not _NOBODY.isdisjoint(present) or _NO_ONE <= present
    if not (acts or unmissed):
        return None
    for said in _orders(text):
        if unmissed and _UNMISSED.search(said) is not None:
            return "death_wish"
        if not acts:
            continue
        harm = _HARM.search(said)
        if harm is not None and _HAZARD.match(said, harm.start()) is None:
            return "death_wish"
        if _BEST_THING.search(said) is not None:
            return "death_wish"
        if "noose" in present and _NOOSE.search(said) and _YOU_WORD.search(said):
            return "death_wish"
        for m in _MODAL.finditer(said):
            # "can" and "could" order only with a softener ("you lot can go jump off a cliff",
            # "you could just walk into traffic"); bare, they tell of a danger ("your staff
            # could hurt themselves on that loose cable", "people could walk into traffic
            # through that gate").
            if _POSSIBLE.match(m.group(0)) is not None:
                continue
            if m.group(1).lower() in _READER or _WHOEVER.search(said, 0, m.start()):
                return "death_wish"
    return None


def _orders(text: str) -> Iterator[str]:
    """The sentences of ``text`` that may be an order, trailing punctuation stripped: not
    words quoted ("'Die,' he wrote"), nor a question ("die?", "jump off a bridge?") unless it
    asks why not."""
    for sentence in SENTENCES.split(text):
        sentence = sentence.strip()
        said = _strip_trailing(sentence)
        if not said or said[0] in QUOTE_MARKS:
            continue
        if "?" in sentence[len(said) :] and not _WHY.match(said):
            continue
        yield said


def _strip_trailing(sentence: str) -> str:
    """``sentence`` without its trailing punctuation and symbols (a loop, not a regex: a
    ``[^\\w]+$`` search is quadratic in a long run of them)."""
    end = len(sentence)
    while end and not (sentence[end - 1].isalnum() or sentence[end - 1] == "_"):
        end -= 1
    return sentence[:end]
