"""Phrase patterns (threats, harassment, profanity at a person) matched on the tokens: literal
words, ``{set}`` for any member of a set, ``...`` a short gap. A non-threat hit about a thing
is dropped; a threat that is an idiom or a churn threat is not a threat of harm."""

from __future__ import annotations

from collections.abc import Mapping

from worker.core.abuse.aim import (
    object_clause_head,
    outsider,
    own_person,
    pp_head,
    relative_head,
    thing_of_yours,
)
from worker.core.abuse.config import PHRASES, AbuseConfig
from worker.core.abuse.words import (
    PEOPLE_KINDS,
    TRADES,
    Lexicon,
    joined,
    names_a_department,
    of_a_thing,
    variants,
)
from worker.core.threats import TEXT_SPEAK, denies, names_lever

__all__ = ["Phrases"]

#: Thing words that start a new clause rather than name the thing a phrase qualifies.
_PRONOUN_THINGS = frozenset({"this", "that", "these", "those", "it", "it's", "its"})
_ADJECTIVES = frozenset({"insult_adj", "complaint_adj"})
_IS = frozenset({"is", "was", "are", "were"})
#: Target kinds of the desk's own people.
_DESK = frozenset({"you", "staff"})
_MINE = frozenset({"my", "our"})
_DOER_WINDOW = 6
_COUNTS = frozenset({"one", "a", "an", "few", "couple", "of", "two", "several"})
#: The words that liken the reader to what a phrase put down ("just like you", "so are you",
#: "the rest of you").
_LIKENESS = frozenset({"like", "are", "of"})
_GAP = "..."
_MAX_GAP = 2

Pattern = tuple[frozenset[str] | str, ...]
#: (kind, pattern, min/max offset of the anchor, its other words, its other word sets)
_Entry = tuple[str, Pattern, int, int, frozenset[str], tuple[frozenset[str], ...]]


class Phrases:
    """The phrase patterns compiled once, each indexed by its least common element."""

    def __init__(self, config: AbuseConfig, lexicon: Lexicon) -> None:
        self._hard = frozenset(config.hard_kinds)
        frames = config.threat_frames
        self._levers = _CHURN | frozenset(frames.lawful if frames else ())
        self._negators = frozenset(frames.negators if frames else ())
        self._lex = lexicon.categories
        self._lexicon = lexicon
        self._things = lexicon.things
        self._thing_nouns = lexicon.thing_nouns
        self._possessive = lexicon.possessive
        self._reader = frozenset(w for w, kind in lexicon.target.items() if kind == "you")
        sets = {name: frozenset(words) for name, words in config.sets.items()}
        # The put-down words a likeness carries over to the reader (see `_about_thing`).
        self._putdowns = frozenset().union(
            *(sets[name] for name in ("dim", "junk", "insultn") if name in sets)
        )
        # The reader's mother or sister ("your mum"), wished well (see `_well_wished`).
        self._relatives = sets.get("mom", frozenset())
        # Each phrase is indexed by an anchor: its least common element, so that the scan
        # only starts where a rare word occurs ("kill", "shut"), never at every "you" or "i".
        self._phrases: dict[str, list[_Entry]] = {}
        common = frozenset(config.common_words)
        # The stock put-downs of a person's wits (``put_down`` in the config) are harassment;
        # a hit that starts with the first two words of one of them, said by the speaker of
        # themselves, of their own people or, as a verb phrase, of a thing, insults no one the
        # desk protects (see `_put_down_excused`).
        put_downs = [_compile(text, sets) for text in config.phrases.put_down]
        self._put_downs = frozenset(pair for p in put_downs for pair in _first_pairs(p))
        for name in PHRASES:
            for text in getattr(config.phrases, name):
                _index(self._phrases, name, _compile(text, sets), common)
        for pattern in put_downs:
            _index(self._phrases, "harassment", pattern, common)
        self._anchors = frozenset(self._phrases)

    def find(
        self, toks: tuple[str, ...], present: set[str], lower: str | None = None
    ) -> list[tuple[str, str]]:
        """Phrase hits as (kind, matched words); scans only around anchor words. ``lower``:
        the lower-cased text, which says whether a thing noun after a phrase is in its
        sentence."""
        anchors = self._anchors.intersection(present)
        if not anchors:
            return []
        # Only the phrases whose every other word occurs in the message can match (a cheap
        # set test that drops most candidates before any scan).
        live: dict[str, list[_Entry]] = {}
        for tok in anchors:
            entries = [
                e
                for e in self._phrases[tok]
                if e[4] <= present and not any(map(present.isdisjoint, e[5]))
            ]
            if entries:
                live[tok] = entries
        if not live:
            return []
        found: list[tuple[int, str, str]] = []
        n = len(toks)
        for tok, entries in live.items():
            p = toks.index(tok)
            while True:
                for kind, pattern, near, far, lits, _ in entries:
                    # The anchor is `near`..`far` tokens after the start, depending on gaps.
                    for start in range(max(0, p - far), p - near + 1):
                        end = _match(toks, start, pattern, n)
                        if end > p:
                            if not self._excused(kind, toks, start, end, lower, lits):
                                found.append((start, kind, " ".join(toks[start:end])))
                            break
                try:
                    p = toks.index(tok, p + 1)  # C-level scan to the next occurrence
                except ValueError:
                    break
        # In text order: set iteration order differs between processes (hash seeds), and the
        # evidence must be the same wherever a message is scored.
        found.sort()
        return [(kind, text) for _, kind, text in found]

    def _excused(
        self,
        kind: str,
        toks: tuple[str, ...],
        start: int,
        end: int,
        lower: str | None,
        lits: frozenset[str],
    ) -> bool:
        """Whether the hit ``toks[start:end]`` says nothing of its kind: it stops an act ("until
        you quit charging me"); a soft kind's is about a thing; a threat's is an idiom, a
        menace of an outcome only, or denied inside or right before it ("I would never kill
        you")."""
        if _stops_an_act(toks, end) or _lost_thing(toks, start, end):
            return True
        if kind not in self._hard:
            return (
                _praise_idiom(toks, start, end)
                or _well_wished(toks, start, end, self._relatives)
                or self._of_speaker(toks, start)
                or self._about_thing(toks, start, end, lower)
                or self._of_outsider(toks, start)
                or (self._put_down(toks, start) and self._put_down_excused(toks, start))
            )
        negators = self._negators
        return (
            _dead_as_adverb(toks, end, self._things)
            or _idiom_or_churn(toks, start, end, self._levers, negators)
            or denies(toks, start + 1, end - 1, negators - lits)
            or _denied_before(toks, start, negators)
        )

    def _of_speaker(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether the hit names a dull or bad quality (an insult adjective in its first two
        words) as the predicate of a copula whose subject is the speaker ("I'm the dumbest
        person alive", "I am too stupid to work this out"): self-reproach. Not any other hit
        after "I'm" ("I'm not discussing this with a woman")."""
        if not self._put_down(toks, start) and all(
            _ADJECTIVES.isdisjoint(self._lex.get(t, ())) for t in toks[start : start + 2]
        ):
            return False
        if start > 1 and {toks[start - 2], toks[start - 1]} == {"i", "am"}:
            return True  # "I am", "am I": no copula of the lexicon's (said of the speaker only)
        s = self._lexicon.subject(toks, start)
        return s >= 0 and self._lexicon.target.get(toks[s]) == "self"

    def _put_down(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether the hit at ``start`` starts like one of the stock put-downs."""
        return start + 1 < len(toks) and (toks[start], toks[start + 1]) in self._put_downs

    def _put_down_excused(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether a stock put-down of a person's wits (``put_down``) is said of someone
        the desk need not protect ("my builder is one sandwich short of a picnic") or, as a
        verb phrase with no copula before it, of a thing ("this software couldn't run a
        bath")."""
        k = start
        while k > 0 and toks[k - 1] in _COUNTS:  # "is one sandwich short", "a few bricks"
            k -= 1
        # `_excused` has asked `_of_outsider` at ``start`` already; only a count between the
        # copula and the put-down needs asking again.
        if k < start and self._of_outsider(toks, k):
            return True
        return self._lexicon.subject(toks, k) < 0 and self._doer_is_a_thing(toks, k)

    def _likened(self, toks: tuple[str, ...], start: int, end: int) -> bool:
        """Whether the hit likens the reader to the put-down it starts with ("your app is
        garbage, just like you"); not "this app is rubbish, I don't like you" (no likeness:
        the phrase starts with the speaker, and the app is the topic)."""
        return (
            toks[end - 1] in self._reader
            and toks[end - 2] in _LIKENESS
            and toks[start] in self._putdowns
        )

    def _said_to_a_thing(self, toks: tuple[str, ...], end: int) -> bool:
        """Whether the thing noun right after a hit is whom it is said to: after "you" ("damn
        you autocorrect") or as the message's last word ("get a life, chatbot")."""
        return (
            toks[end] in self._things
            and toks[end] not in _PRONOUN_THINGS
            and (toks[end - 1] in self._reader or end + 1 == len(toks))
        )

    def _about_thing(
        self, toks: tuple[str, ...], start: int, end: int, lower: str | None = None
    ) -> bool:
        """Whether a phrase hit is about a thing, not a person (only called on a hit).

        "you're a pig farmer": the word the phrase ends on names a trade or a thing;
        "your app has no brain", "fuck your app": a possessive in the phrase owns a thing;
        "this app is a piece of shit": the phrase is predicated of a thing; "the stupidest
        idea", "a piece of crap charger": the phrase qualifies the thing noun that follows it.
        """
        if self._likened(toks, start, end):
            return False
        things = self._things
        if end < len(toks) and (toks[end] in TRADES or self._said_to_a_thing(toks, end)):
            return True  # "you're a pig farmer", "damn you autocorrect"
        if of_a_thing(toks, end - 1):
            return True  # "you are a disgrace of a company"
        if names_a_department(toks, end - 1) and (
            lower is None or joined(lower, toks[end - 1], toks[end])
        ):
            return True  # "your fraud team"
        if (
            end < len(toks)
            and toks[end] in things
            and toks[end] not in _PRONOUN_THINGS
            and (
                not _ADJECTIVES.isdisjoint(self._lex.get(toks[end - 1], ()))
                or "of" in toks[start:end]
            )
            # (a word deobfuscated from "sh*t" is not in the text as written)
            and (
                lower is None
                or toks[end - 1] not in lower
                or joined(lower, toks[end - 1], toks[end])
            )
        ):
            # "the stupidest thing", "the piece of shit kettle"; not "fuck off computer" (a
            # vocative) nor "a waste of oxygen. Cable hanging off the wall" (the next sentence)
            return True
        if self._owns_a_thing(toks, start, end):
            return True
        if start > 1 and toks[start - 2] == "what" and toks[start - 1] in ("a", "an"):
            # An exclamation about the thing just named ("this router, what a piece of
            # crap") or named after it ("what a piece of crap this is")
            before = toks[start - 3] if start > 2 else ""
            if before in things and before not in _PRONOUN_THINGS:
                return True
            if end + 1 < len(toks) and toks[end] in _PRONOUN_THINGS and toks[end + 1] in _IS:
                return True
        if self._you_in_clause(toks, start):
            return True
        return self._subject_is_a_thing(toks, start)

    def _subject_is_a_thing(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether the copula subject a hit is said of names a thing: "your damn thermostat
        is dumb as a rock" (a noun WordNet says names a thing), "that website of yours is a
        piece of shit", "the update you pushed is a piece of crap"; not when the thing ends
        a phrase after a person ("the woman on your phone line is ...")."""
        lexicon = self._lexicon
        s = lexicon.subject(toks, start)
        if s < 0:
            return False
        if thing_of_yours(toks, s, lexicon):
            return True
        if toks[s] not in self._things:
            head = relative_head(toks, s, self._thing_nouns)
            s = head if head >= 0 else s
        if toks[s] not in self._thing_nouns:
            return False
        head = pp_head(toks, s)
        return head < 0 or lexicon.target.get(toks[head]) not in PEOPLE_KINDS

    def _of_outsider(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether a put-down is said, as a copula's predicate, of someone the desk need not
        protect: the customer's own people or pets ("my builder is one sandwich short of a
        picnic", "our dog is dumb as a post") or an outsider ("my neighbour is ..."), also
        when a phrase follows the subject ("my ex on the phone is a waste of space")."""
        s = self._lexicon.subject(toks, start)
        if s < 0:
            return False
        head = pp_head(toks, s)
        s = head if head >= 0 else s
        kind = self._lexicon.target.get(toks[s])
        if kind == "outsider":
            return outsider(toks, s) == "outsider"
        return own_person(toks, s) or (
            kind not in _DESK and s > 0 and toks[s - 1] in _MINE and toks[s] not in self._reader
        )

    def _doer_is_a_thing(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether a put-down that is a verb phrase ("couldn't run a bath") has a thing for
        its doer: a noun within four words before it names a thing and no person is named
        within six ("this software couldn't run a bath", "your company couldn't organise a
        piss-up in a brewery"; not "Agent Sam on chat = useless waste of oxygen")."""
        lexicon = self._lexicon
        before = toks[max(0, start - _DOER_WINDOW) : start]
        if any(lexicon.target.get(t) in PEOPLE_KINDS or t in lexicon.wn_persons for t in before):
            return False
        return any(t in self._thing_nouns and t not in _PRONOUN_THINGS for t in before[-4:])

    def _owns_a_thing(self, toks: tuple[str, ...], start: int, end: int) -> bool:
        """Whether a possessive in the hit owns a thing: a thing word a few words on ("your
        app sucks"; not "ur so dumb its funny", "its" for "it's") or a noun WordNet says
        names a thing ("your fucking thermostat"), or the hit starts with the "yours" of
        "<a thing> of yours" ("that printer of yours is a joke")."""
        return thing_of_yours(toks, start, self._lexicon) or any(
            toks[j] in self._possessive
            and (
                any(t in self._things and t not in _PRONOUN_THINGS for t in toks[j + 1 : j + 4])
                or self._lexicon.possesses_a_thing(toks, j)
            )
            for j in range(start, end)
        )

    def _you_in_clause(self, toks: tuple[str, ...], start: int) -> bool:
        """Whether the hit starts with a "you" inside a relative clause about a noun naming no
        person, which is what the rest of the phrase is said of: its object after a
        preposition ("the plan I bought from you is a waste of money") or its subject ("the
        chatbot you use is thick as a brick"); not "the guy I spoke to from you was a waste of
        space" (a person), nor "shame on you, you..." or "honestly you are..." (no clause)."""
        if toks[start] not in self._reader:
            return False
        head = object_clause_head(toks, start, self._thing_nouns)
        if head < 0:
            # "you <verb> [me|us] is": the clause ends where a copula says what its head is
            k = start + 2 + (start + 2 < len(toks) and toks[start + 2] in ("me", "us"))
            if k < len(toks) and toks[k] in _IS:
                head = relative_head(toks, start + 1, self._thing_nouns)
        return head >= 0 and self._lexicon.target.get(toks[head], "thing") == "thing"


def _index(
    index: dict[str, list[_Entry]], kind: str, pattern: Pattern, common: frozenset[str]
) -> None:
    """Add ``pattern`` to ``index`` under each form of its anchor (its least common element)."""
    k = _anchor(pattern, common)
    at = pattern[k]
    gaps = pattern[:k].count(_GAP)
    others = [part for j, part in enumerate(pattern) if j != k and part != _GAP]
    lits = frozenset(part for part in others if isinstance(part, str))
    grps = tuple(part for part in others if not isinstance(part, str))
    entry: _Entry = (kind, pattern, k - gaps, k + gaps * _MAX_GAP, lits, grps)
    for first in (at,) if isinstance(at, str) else sorted(at):
        for form in variants(first, False):
            index.setdefault(form, []).append(entry)


def _first_pairs(pattern: Pattern) -> list[tuple[str, str]]:
    """The first two words a hit of ``pattern`` may start with (each member of a set)."""
    if len(pattern) < 2 or _GAP in pattern[:2]:
        return []
    firsts, seconds = ({p} if isinstance(p, str) else p for p in pattern[:2])
    return [(a, b) for a in sorted(firsts) for b in sorted(seconds)]


#: A threat phrase followed by one of these is an idiom ("I'll shoot you an email"); a
#: menace of an outcome only (`_OUTCOME`: "you'll regret", "I'll make you pay") with a churn
#: word or a lawful lever near it is a churn, legal or review threat ("you'll regret the day
#: you lost my business", "I'll make you pay in court"): neither is a threat of harm.
_IDIOM_AFTER = frozenset(
    "a an email emails e-mail message messages text line note dm invoice quote reminder link "
    "call".split()
)
#: ... or by a determiner and a thing one sends ("I'll shoot you the logs", "shoot you over
#: my receipt"); never "I'll shoot you the moment you walk in".
_IDIOM_DETERMINERS = frozenset("the over those these my our some".split())
_SENDABLE = frozenset(
    "logs log details file files link links invoice invoices screenshot screenshots receipt "
    "receipts form forms document documents docs info photos photo pictures pics quote report "
    "reports spreadsheet email emails message text numbers number code codes address "
    "tracking "
    # what a customer pays or signs and sends back ("before I shoot you the payment")
    "payment payments deposit transfer funds money fee fees balance contract contracts draft "
    "drafts proposal proposals specs update updates summary list confirmation order figures "
    "dates statement statements bill bills notes slides deck pdf credentials invite agenda "
    "results answers feedback ticket".split()
)
#: ... or by "to me" ("you're dead to me").
_TO_ME = frozenset({("to", "me"), ("to", "us")})
_CHURN = frozenset(
    "business custom customer customers loyalty subscription contract"
    # a financial product taken elsewhere ("next time i need a mortgage ur not even on the
    # list and u'll regret it"; stop 60)
    " mortgage mortgages loan loans pension supplier provider vendor".split()
)
#: ("we'll see how brave you are" is a dare of that kind: "... in court" is a legal one; so is
#: "I'll be your worst nightmare" next to a review or a regulator).
_OUTCOME = frozenset(
    "regret pay suffer sorry destroy ruin finish bury crush brave tough nightmare".split()
)
_LEVER_WINDOW = 8


def _idiom_or_churn(
    toks: tuple[str, ...],
    start: int,
    end: int,
    levers: frozenset[str] = _CHURN,
    negators: frozenset[str] = frozenset(),
) -> bool:
    """Whether the threat phrase ``toks[start:end]`` is an idiom, or a menace of an outcome
    only with a lever near it that no negator denies (never "I will kill you"; not "you'll
    regret it, and no court will help you")."""
    if end < len(toks) and toks[end] in _IDIOM_AFTER:
        return True
    if toks[end : end + 2] in _TO_ME:
        return True  # "you're dead to me": an ended relationship, not a death
    if end < len(toks) and toks[end] in _IDIOM_DETERMINERS:
        if not _SENDABLE.isdisjoint(toks[end + 1 : end + 3]):
            return True
    if _OUTCOME.isdisjoint(toks[start:end]) and "regret" not in toks[end - 1]:
        return False
    lo = max(0, start - _LEVER_WINDOW)
    return names_lever(toks, levers, negators, lo, end + _LEVER_WINDOW, window=3)


#: After "you're dead", a word that makes "dead" an adverb ("you're dead right", "you are dead
#: on with that estimate") rather than a fate.
_DEAD_ADVERB_OF = frozenset(
    "right wrong on correct spot accurate serious sure certain set lucky easy simple "
    "straight honest".split()
)


def _dead_as_adverb(toks: tuple[str, ...], end: int, things: frozenset[str]) -> bool:
    """Whether a hit ending in "dead" goes on with what makes it no death: "you're dead
    right", "ur dead battery" (a thing that is dead), not "you're dead" or "you're dead mate"."""
    return (
        toks[end - 1] == "dead"
        and end < len(toks)
        and (toks[end] in _DEAD_ADVERB_OF or toks[end] in things)
    )


#: Verbs that, before an "-ing" word, stop an act rather than a job ("quit charging me").
_STOP_VERBS = frozenset({"quit", "stop", "stopped", "quits"})
#: Words a negator may stand before a threat across ("would never", "not going to").
_AUXILIARIES = frozenset(
    "would will could should i'd i'll id ill ever going to gonna wanna want actually really is are "
    "even".split()
)
_DENIAL_REACH = 4


#: Soft phrases that the words right after them turn into eager praise.
_PRAISE_IDIOMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("shut", "up"): ("and", "take", "my", "money"),
}


_YOUR = frozenset({"your", "ur", "yor"})
#: A word right before "your mum" that wishes her well or asks after her.
_WISH_BEFORE = frozenset({"hope", "hoping", "how's", "hows"})
#: Two words right before it that do: "best to your mum", "hear about your sister".
_WISH_PAIRS = frozenset(
    {
        *((w, "to") for w in ("best", "hi", "hello", "love", "regards", "wishes", "thanks")),
        ("hear", "about"),
        ("sorry", "about"),
        ("how", "is"),
        ("how", "was"),
        ("how", "are"),
    }
)
#: Two words right after it that do: "your mum is feeling better", "your mum gets well".
_WISH_AFTER = frozenset(
    (verb, state)
    for verb in ("is", "gets", "feels", "got", "was", "feeling", "getting")
    for state in ("well", "better", "ok", "okay", "feeling", "recovering", "home", "doing")
)
#: One word right after it that does: "your mum recovers", "your sister's recovery".
_WELL_AFTER = frozenset({"recovers", "recovering", "recovered", "feels"})


def _well_wished(toks: tuple[str, ...], start: int, end: int, relatives: frozenset[str]) -> bool:
    """Whether the hit is the reader's mother or sister alone ("your mum"), wished well or
    asked after: "I hope your mum gets well soon", "give my best to your mum", "sorry to
    hear about your sister", "how is your mum", "your mum is feeling better" (stop 57: 5 of
    20 such kind mentions in a set written from the playbook called a manager)."""
    if end - start != 2 or toks[start] not in _YOUR or toks[start + 1] not in relatives:
        return False
    before = toks[max(0, start - 2) : start]
    return (
        (bool(before) and before[-1] in _WISH_BEFORE)
        or tuple(before) in _WISH_PAIRS
        or toks[end : end + 2] in _WISH_AFTER
        or (end < len(toks) and toks[end] in _WELL_AFTER)
    )


def _praise_idiom(toks: tuple[str, ...], start: int, end: int) -> bool:
    """Whether the hit opens an idiom of eager praise: "shut up and take my money"."""
    after = _PRAISE_IDIOMS.get(toks[start:end])
    return after is not None and toks[end : end + len(after)] == after


def _stops_an_act(toks: tuple[str, ...], end: int) -> bool:
    """Whether a hit ending in "quit" or "stop" goes on with what is to stop: "until you quit
    charging me", not "until you quit" or "until you quit your job"."""
    return (
        toks[end - 1] in _STOP_VERBS
        and end < len(toks)
        and toks[end].endswith("ing")
        and len(toks[end]) > 4
    )


#: After "get lost", where or how a thing is lost ("the terms get lost for me", "letters get
#: lost in the post"); before it, a subject or a modal that makes it no order ("things get
#: lost", "it might get lost").
_LOST_AFTER = frozenset(
    "in for during between along somewhere sometimes easily often through inside".split()
)
_LOST_BEFORE = frozenset("it they things which that often always sometimes usually easily".split())
#: A modal before "get lost" makes it no order only after a thing ("it might get lost"), never
#: after the reader ("you can get lost").
_MODALS = frozenset("will would might may can could".split())
_TO_READER = frozenset("you u ya yall y'all".split())


def _lost_thing(toks: tuple[str, ...], start: int, end: int) -> bool:
    """Whether a "get lost" hit says a thing goes missing, not "get lost" to a person (stop
    58: "the technical terms about the loan get lost for me" called a manager)."""
    if toks[start:end] != ("get", "lost"):
        return False
    # Said to the reader ("you can get lost in a ditch"), it is an order wherever it goes.
    if not _TO_READER.isdisjoint(toks[max(0, start - 3) : start]):
        return False
    before = toks[start - 1] if start > 0 else ""
    if before in _MODALS:  # "it might get lost"; not "your manager can get lost in a ditch"
        return (toks[start - 2] if start > 1 else "") in _LOST_BEFORE
    if end < len(toks) and toks[end] in _LOST_AFTER:
        return True
    return before in _LOST_BEFORE


def _denied_before(toks: tuple[str, ...], start: int, negators: frozenset[str]) -> bool:
    """Whether a negator right before a threat phrase denies it, across auxiliaries only: "I
    would never kill you", "I'm not going to kill you"; not "don't make me kill you"."""
    for k in range(start - 1, max(-1, start - 1 - _DENIAL_REACH), -1):
        if toks[k] in negators:
            return denies(toks, k, k + 1, negators)
        if toks[k] not in _AUXILIARIES:
            return False
    return False


def _anchor(pattern: Pattern, common: frozenset[str]) -> int:
    """Index of the element to index a phrase by: the one least likely to be common."""
    best, best_rank = 0, 9
    for i, part in enumerate(pattern):
        if part == _GAP:
            continue
        if isinstance(part, str):
            rank = 2 if part in common else 0
        else:
            rank = 3 if common.intersection(part) else 1
        if rank < best_rank:
            best, best_rank = i, rank
    return best


def _spellings() -> dict[str, frozenset[str]]:
    """Each word of the frames' text-speak table (``TEXT_SPEAK``) with its spellings, plus what
    only the phrase lists take: "youu", "&", and "your" as "ur", "yr", "yor" (the frames do
    not read "ur", which may be "you're"; no phrase here reads it as "you're": "ur dead
    battery")."""
    words: dict[str, set[str]] = {}
    for spelling, word in TEXT_SPEAK.items():
        words.setdefault(word, {word}).add(spelling)
    words["you"].add("youu")
    words["and"].add("&")
    words["your"] = {"your", "ur", "yr", "yor"}
    return {word: frozenset(spellings) for word, spellings in words.items()}


#: Text-speak spellings a literal word of a phrase also matches (stop 60: "i will find u and
#: cut u", "im gonna find u n stab u" matched none of the phrases written with "you").
_SPELLINGS: Mapping[str, frozenset[str]] = _spellings()


def _compile(text: str, sets: Mapping[str, frozenset[str]]) -> Pattern:
    """``"{i} ... kill {you}"`` -> ("i"-set, "...", "kill", "you"-set); a literal "you",
    "your", "you're", "you'll", "and", "he's", "she's" or "they're" matches its text-speak
    spellings too."""
    parts: list[frozenset[str] | str] = []
    for part in text.lower().split():
        if part.startswith("{") and part.endswith("}"):
            parts.append(sets[part[1:-1]])
        else:
            parts.append(_SPELLINGS.get(part, part))
    return tuple(parts)


def _match(toks: tuple[str, ...], i: int, rest: Pattern, n: int) -> int:
    """Match ``rest`` at ``toks[i:]``; return the end index or -1. Gaps skip 0..2 tokens."""
    if not rest:
        return i
    head = rest[0]
    if head == _GAP:
        for skip in range(_MAX_GAP + 1):
            end = _match(toks, i + skip, rest[1:], n)
            if end >= 0:
                return end
        return -1
    if i >= n:
        return -1
    tok = toks[i]
    if tok == head if isinstance(head, str) else tok in head:
        return _match(toks, i + 1, rest[1:], n)
    return -1
