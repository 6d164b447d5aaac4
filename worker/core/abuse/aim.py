"""Whom each offensive word is aimed at (the nearest target word around it), recorded as the
features ``<category>@<target>``; and the abuse kinds a feature set shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping

from worker.core.abuse.config import SCORED_TARGETS, AbuseConfig
from worker.core.abuse.creatures import creature_called
from worker.core.abuse.words import (
    CREATURES,
    TRADES,
    Lexicon,
    another_business,
    another_party,
    joined,
    names_a_department,
    of_a_thing,
)
from worker.core.text import Doc, deobfuscate

__all__ = [
    "PERSON",
    "Aim",
    "kinds",
    "object_clause_head",
    "outsider",
    "own_person",
    "pp_head",
    "relative_head",
    "thing_of_yours",
]

PERSON = frozenset({"you", "staff", "third", "mention"})
_PERSON_OR_POOLED = PERSON | {"person"}
_DEMONSTRATIVE = frozenset({"this", "that", "these", "those"})
#: Demonstratives that can mean "so" before an adjective ("are you this stupid").
_DEGREE = frozenset({"this", "that"})
#: Adverbs that may stand before such a "this" ("are you people actually this stupid").
_DEGREE_ADVERBS = frozenset({"actually", "seriously", "honestly", "genuinely", "even", "truly"})
#: Verbs of becoming before a "this" that means "so" ("were you born this useless", "how did
#: you get that lazy").
_DEGREE_VERBS = frozenset({"born", "being", "become", "became", "get", "got", "grow", "grew"})
#: Words before a noun ("the cables you sent", "your agent").
_DETERMINERS = _DEMONSTRATIVE | frozenset(
    "the your ur my our his her their its a an some any every each".split()
)
_MINE = frozenset("my our mine me".split())
#: How far back a third-person pronoun's antecedent is looked for (words).
ANTECEDENT_WINDOW = 20
_PREPOSITIONS = frozenset("in of at on from with for by to about into behind near".split())
#: Words that open a prepositional phrase after a subject's head ("the guy on the phone").
_SPAN_START = _DEMONSTRATIVE | {"the", "your", "ur", "our", "my", "their", "a", "an"}
#: Words before "one" that make it a person ("the one on the phone", Irish "yer one").
_ONE_BEFORE = frozenset({"the", "that", "this", "yer", "your", "ur"})
#: Words before "who" that leave the relative clause's subject to the rest of the sentence
#: ("you're the one who is ...").
_NOT_RELATIVE_HEADS = _DETERMINERS | {"one"}
#: How many words back from a copula's subject the person a clause qualifies is looked for,
#: and the kinds that person may be.
_CLAUSE_REACH = 8
_CLAUSE_PEOPLE = frozenset({"staff", "third", "outsider"})
#: How many words back from a copula's subject a relative clause's "whoever" or "who" is
#: looked for.
_RELATIVE_REACH = 7
#: Target kinds a subject's head before a prepositional phrase is taken for (a person or a
#: thing named): "the man in the shop" is staff, "the app on my phone" a thing.
_PP_HEADS = frozenset({"staff", "third", "outsider", "you", "thing"})
#: Words before "a" that make the noun after it a likeness or a predicate, not a person
#: named ("treated me like a child", "as if I were a child").
_LIKENED = frozenset({"like", "as", "were", "was", "am", "are", "is", "be"})
#: Outsider words that open a two-word insult ("mother fucker", "baby bitch").
_COMPOUND_FIRST = frozenset({"mother", "mutha", "motha", "mom", "mum", "baby"})
#: Endings of nouns that name someone by what they do ("courier", "advisor", "florist").
_AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "man")
_ARTICLES = frozenset({"a", "an", "such", "am", "the", "biggest", "total", "complete"})
_INSULTS = frozenset({"insult_noun", "insult_adj", "complaint_adj"})
#: Thing targets that name no thing: an insult noun near them is aimed at no one in particular.
_PRONOUNS = frozenset({"it", "it's", "its", "this", "that", "that's", "thats", "itself"})
#: Words after "your <insult adjective>" that still name the reader or a person of theirs.
_PERSONAL = frozenset(
    "face ass arse head mouth brain brains butt backside self lot lots crew bunch family mum "
    "kids voice body attitude accent name life".split()
)
#: Verbs that make "your <swear word>" the company's affairs ("fix your shit", "sort your
#: crap out", "get your shit together"), not the reader.
_SORT_OUT = frozenset("fix sort get clean tidy".split())
#: Target kinds that name a person (or the speaker) when they follow "your <adjective>".
_PERSON_KINDS = frozenset({"you", "staff", "third", "poss", "self", "self_poss", "me", "outsider"})
#: Words that cannot be the noun an adjective qualifies ("your useless and ...").
_NOT_A_NOUN = frozenset(
    "and or but so as at of for to with in on by from than then is are was were be been "
    "being am do does did has have had will would can could should not no".split()
)
#: Where a spoken segment ends: sentence and clause punctuation, quotes, brackets, new lines.
_SEGMENT = re.compile(r"[.!?,;:\n\"()\u201c\u201d\u2026]+")
#: The speaker as a subject ("I forgot", "we sent"): "my" / "me" do not make a segment the
#: speaker's own ("my order is late. idiots", "they charged me twice. idiot").
_FIRST_PERSON = frozenset("i i'm im i've ive i'd i'll we we're we've myself ourselves".split())
_SELF_COPULA = frozenset({"am", "was", "are", "were"})
_SECOND_PERSON = frozenset("you you're youre your yours yourself yourselves u ur ya".split())
_VOCATIVE_WORDS = 3
#: A segment with a verb of being says something of its noun ("there's rats!"), not to it.
_PREDICATE = frozenset(
    "is are was were be there there's theres here's heres it's its that's thats".split()
)
#: Targets a noun said alone overrides: a third person or thing outside its segment.
_SAID_ALONE = frozenset({"third", "thing", "none"})
#: Words that make the speaker the subject of a predicate noun ("I am / was / feel like an
#: idiot", "we are such morons"); the speaker's own contractions ("i'm", "i've") do too.
_SELF_LINK = frozenset(
    "am was are were be been being feel felt feeling look looked sound sounded such".split()
)
_SELF_CONTRACTED = frozenset({"i'm", "im", "i've", "we're", "i'd"})
#: Nouns an insult noun qualifies as an act, not a person: "a total muppet moment on my
#: part", "an idiot move", "an idiot-proof form".
_ACTS = frozenset("moment moments move moves mistake mistakes error errors proof".split())
#: Containers and units: a word up to two after "<one of these> of" names goods ("20 bags of
#: ewe nuts", "a sack of pig feed"), unless the reader is called one ("you bag of scum", "you
#: bloated sack of ..."). Words that count people too ("a bunch / pack / load / ton of
#: idiots") are not among them.
_MEASURES = frozenset(
    "bag bags sack sacks box boxes tin tins can cans crate crates bottle bottles jar jars "
    "packet packets carton cartons tub tubs pallet pallets bale bales tray trays kg kilo kilos "
    "kilogram kilograms lb lbs litre litres liter liters".split()
)
#: Words after which an offensive word is an everyday one: birds at a garden centre ("blue
#: tits"), project slang ("scope creep").
_BIRDS = frozenset({"tit", "tits"})
_LITERAL_AFTER = {
    **dict.fromkeys(("blue", "great", "coal", "marsh", "willow", "crested", "bearded"), _BIRDS),
    **dict.fromkeys(("scope", "feature", "mission", "cost", "budget"), frozenset({"creep"})),
}
#: Offensive words that are everyday ones before these words: an adjective ("a freak
#: accident"), a clinical term ("spastic cerebral palsy"), a brand ("Negro Modelo"), an idiom
#: ("a chink in the armour", "a chink of light").
_LITERAL_BEFORE = {
    "freak": frozenset(
        "accident accidents storm storms weather wave waves incident incidents occurrence "
        "injury hailstorm event events".split()
    ),
    "spastic": frozenset(
        "cerebral diplegia quadriplegia hemiplegia paraplegia paralysis colon dysphonia "
        "muscles muscle".split()
    ),
    "negro": frozenset({"modelo"}),
}
#: Offensive words that are everyday ones in these idioms, said right after them ("a chink
#: in the armour", "a chink of light"; not "the chink in the shop").
_IN_ARMOUR = tuple(
    ("in", whose, armour)
    for whose in ("the", "your", "their", "his", "her", "its", "our", "my")
    for armour in ("armour", "armor")
)
_LITERAL_IDIOMS = {"chink": (*_IN_ARMOUR, ("of", "light"))}
#: Verbs of buying whose object is goods ("I ordered the lemon tart", "the hoe you sold me").
_BUYING = frozenset(
    "ordered bought purchased sold shipped delivered supplied returned reordered".split()
)
#: Who buys or sells in "the hoe you sold me", "the tart I ordered".
_BUYERS = frozenset({"you", "u", "i", "we", "they"})
#: Words before goods after a verb of buying ("the", "two", "your").
_GOODS_DETERMINERS = frozenset(
    "a an the my our your two three four some this that these those another one".split()
)
#: Words after "<noun> I bought" that make the noun the seller ("the moron I bought it from").
_SELLER_AFTER = frozenset({"it", "this", "that", "them", "from", "off", "stuff", "things"})
#: Past-tense verbs that open the speaker's narration with the subject left out ("I didn't
#: know, thought the app did it. what an idiot"); forms that are also imperatives ("put",
#: "set", "read") are left out.
_ELIDED_I = frozenset(
    "thought assumed forgot missed clicked typed pressed deleted entered ticked unticked "
    "sent paid ordered misread overlooked skipped picked chose booked lost didnt didn't did "
    "had got went tried signed used bought mixed confused".split()
)
#: Words that may come before such a verb ("and then thought ...").
_LINKING = frozenset({"and", "then", "but", "so", "just", "also", "stupidly", "obviously"})


class Aim:
    """Records, for each offensive word of a message, the feature of the target it is aimed at."""

    def __init__(self, config: AbuseConfig, lexicon: Lexicon) -> None:
        self._canon = lexicon.canon
        self._target = lexicon.target
        self._before = config.window_before
        self._after = config.window_after
        self._negators = frozenset(config.targets.negator)
        self._weak_negators = frozenset(config.targets.weak_negator)
        self._lexicon = lexicon
        self._things = lexicon.things
        self._thing_nouns = lexicon.thing_nouns
        self._copula = lexicon.copula

    def __call__(
        self,
        toks: tuple[str, ...],
        hits: list[tuple[int, str, tuple[str, ...]]],
        feats: dict[str, float],
        cues: list[str],
        doc: Doc,
    ) -> None:
        """For each offensive word, find whom it is aimed at and record the feature."""
        lower = doc.lower
        decoded: dict[str, bool] = {}
        n = len(toks)
        insults = 0
        segments: tuple[frozenset[str], frozenset[str]] | None = None
        for i, tok, cats in hits:
            canon = self._canon.get(tok, tok)
            if tok not in decoded:
                decoded[tok] = tok not in lower  # one substring scan per distinct token
            if decoded[tok]:  # the token was decoded ("sh1t", "f*ck", "stuuupid")
                cues.append(f"obfuscated:{canon}")
            if _literal(toks, i):  # "Negro Modelo", "a chink in the armour", "a blue tit"
                cues.append(f"literal:{canon}")
                continue
            if "slur" in cats:
                feats["slur"] = 1.0
                cues.append(f"slur:{canon}")
            rest = [c for c in cats if c != "slur"]
            if not rest:
                continue
            noun = "insult_noun" in rest
            thing = self._names_no_one(toks, i, lower, noun, "complaint_adj" in rest)
            if thing:
                cues.append(f"{thing}:{canon}")
                continue
            if self._negated(toks[max(0, i - 2) : i], noun):
                cues.append(f"negated:{canon}")
                continue
            called = (
                creature_called(toks, i, lower, self._copula_subject, self._nearest, PERSON)
                if canon in CREATURES
                else self._nearest(toks, i, n, noun)
            )
            if called is None:
                cues.append(f"animal:{canon}")
                continue
            if canon in CREATURES:
                noun, rest = True, ["insult_noun"]
            target, word = called
            if target != "self" and (_simile_of_self(toks, i) or _thought_of_self(toks, i)):
                target, word = "self", ""  # "standing here like an idiot", "made me look stupid"
            if noun and target in _SAID_ALONE:
                segments = segments or _segments(lower)
                target, word = _said_alone(tok, canon, segments, (target, word), cues)
            insults += _record(rest, cats, target, canon, feats, cues)
            if word:
                cues.append(f"target:{word}")
        if insults:
            feats["insult_count"] = float(min(insults, 3))

    def _names_no_one(
        self, toks: tuple[str, ...], i: int, lower: str, noun: bool, adj: bool
    ) -> str:
        """Why the offensive word at ``i`` names no one the desk protects, or "": it names a
        thing (:func:`_names_a_thing`), or an outsider by itself ("some scammer")."""
        thing = _names_a_thing(toks, i, lower, noun, adj) or _manner(toks, i)
        return thing or ("outsider" if self._target.get(toks[i]) == "outsider" else "")

    def _negated(self, before: tuple[str, ...], noun: bool) -> bool:
        """Whether the two words ``before`` an offensive word negate it."""
        negators = self._negators
        if noun:
            # "not an idiot", "never a liar": a negated predicate; "not you bitches" and
            # "no you moron" still insult.
            return bool(before) and (
                (before[-1] in negators)
                or (len(before) == 2 and before[0] in negators and before[1] in ("a", "an"))
            )
        return any(t in negators or t in self._weak_negators for t in before)

    def _possessed(self, toks: tuple[str, ...], i: int, j: int, kind: str, noun: bool) -> str:
        """Whom a possessive at ``j`` names for the offensive word at ``i``: "your app" is
        about a thing, "your team" / "your face" about the reader; "my phone" is a thing, "my
        stepfather" a third person; "your useless widget" is about a thing (see
        :func:`_qualifies_a_thing`), and so is "your (damn) thermostat", a noun WordNet says
        names a thing (:meth:`Lexicon.head_noun`)."""
        if (
            self._things.intersection(toks[j + 1 : j + 4])
            or (j < i and self._lexicon.possesses_a_thing(toks, j))  # not "some moron in your shop"
            or thing_of_yours(toks, j, self._lexicon)  # "that printer of yours is shit"
        ) or (
            kind == "poss"
            and j == i - 1
            and (
                (not noun and _qualifies_a_thing(toks, i, self._target.get))
                or (
                    (noun or toks[i] in self._lexicon.profane)
                    and j > 0
                    and toks[j - 1] in _SORT_OUT
                )
            )
        ):
            return "thing"
        if kind != "poss" and noun and "outsider" in map(self._target.get, toks[i + 1 : i + 2]):
            return "outsider"  # "my idiot husband ordered two sofas": the customer's own
        return "you" if kind == "poss" else ("third" if noun else "self")

    def _said_before(
        self, toks: tuple[str, ...], i: int, n: int, noun: bool
    ) -> tuple[str, str] | None:
        """Whom the words right before the offensive word at ``i`` say it of, before the
        nearest target is looked for, or None: the person before a "this" that means "so"
        ("are your agents this stupid", "is he really that dumb, it ...": whatever follows),
        or whom "some idiot" names (:func:`_indefinite`)."""
        if not noun and i > 1 and _degree(toks, i - 1, self._lexicon, self._target.get):
            for k in range(i - 2, max(-1, i - 5), -1):
                kind = self._target.get(toks[k])
                if kind in PERSON or kind in ("self", "thing"):
                    return kind, toks[k]
        if noun and i + 3 < n and toks[i + 1] == "of" and toks[i + 2] in ("a", "an"):
            # "that clown of a minister", "my idiot of a neighbour": the person after "of a"
            # is the one named; staff ("that idiot of an agent") and the reader's ("your
            # idiot of a ...") are left to the search below
            kind = self._target.get(toks[i + 3])
            if kind in (None, "outsider") and (i == 0 or self._target.get(toks[i - 1]) != "poss"):
                return "outsider", toks[i + 3]
        if noun and 0 < i < n - 2:
            # "some idiot", "a complete moron": the determiner, across one intensifier
            det = i - 2 if i > 1 and toks[i - 1] in _INTENSIFIERS else i - 1
            if toks[det] in ("some", "a", "an"):
                return _indefinite(toks, i, toks[det])
        return None

    def _copula_subject(self, toks: tuple[str, ...], i: int) -> tuple[str, str] | None:
        """Whom the word at ``i`` is said of as the predicate of a copula ("you are (so)
        annoying me", "he is a moron"), or None when no copula's subject says it."""
        target_get = self._target.get
        s = self._lexicon.subject(toks, i)
        if s < 0 or (toks[s] in _PRONOUNS and toks[s + 1] == "the"):
            return None  # "it's the idiot from last week" names a person, not "it"
        if thing_of_yours(toks, s, self._lexicon):
            return "thing", toks[s - 2]  # "that app of yours is a joke": said of the app
        s, found = self._phrase_subject(toks, s)
        if found is not None:
            return found
        who = _free_relative(toks, s)
        if who >= 0:
            s = who  # "whoever wrote that reply is ...", "the agent who sent this is ..."
        elif toks[s] not in _PRONOUNS and target_get(toks[s]) in (None, "thing"):
            person = _clause_head(toks, s, target_get)
            if person >= 0:
                s = person  # "the agent handling my file is", "the bloke I spoke to ... is"
        kind = target_get(toks[s])
        if kind == "you":
            head = object_clause_head(toks, s, self._thing_nouns)
            if head >= 0:
                # "the sofa we ordered from you is a disgrace": said of what the clause names
                kind = target_get(toks[head])
                return _clause_named(toks[head], kind, self._lexicon)
        if kind is None and toks[s] in _PRONOUNS:
            return "thing", toks[s]  # "that's a disgrace": the situation, no person
        if kind == "outsider":
            return outsider(toks, s), toks[s]
        if kind == "third" and antecedent_kind(toks, s, target_get) == "outsider":
            return "outsider", toks[s]  # "find a better partner. he sounds lazy"
        if kind == "staff" and own_person(toks, s):
            return "outsider", toks[s]  # "my boss is an idiot", "my lawyer is a clown"
        if kind in ("you", "third", "staff", "thing", "self"):
            return kind, toks[s]
        if (
            kind is None
            and s > 0
            and _determined_thing(toks, s, self._lexicon)
            and (s < 2 or toks[s - 2] not in _PREPOSITIONS)
        ):
            # "this railway is a disgrace", "your airline is a joke": a noun that is no
            # person word and not shaped like one ("the courier", "that salesman", "your
            # florist") names a thing; not inside a phrase ("everyone in this video is ...").
            return "thing", toks[s]
        head = relative_head(toks, s, self._thing_nouns)
        if head >= 0:
            # "the cables you sent are useless": what the clause names is the subject (a
            # person only when named as one: "the agent you sent is useless").
            kind = target_get(toks[head])
            return _clause_named(toks[head], kind, self._lexicon)
        return None

    def _phrase_subject(self, toks: tuple[str, ...], s: int) -> tuple[int, tuple[str, str] | None]:
        """The subject's word when its last word at ``s`` ends a phrase or follows a role, or
        whom the phrase settles it is said of: (word, None) or (s, (target class, word))."""
        target_get = self._target.get
        head = pp_head(toks, s)
        other = _elsewhere(toks, s, head)
        if other >= 0:
            return s, ("outsider", toks[other])  # "my previous provider", "the other airline's"
        if head >= 0 and target_get(toks[head]) in _PP_HEADS:
            return head, None  # "the guy on the phone is ...", "everyone in this call centre"
        if head > 0 and toks[head] == "one" and toks[head - 1] in _ONE_BEFORE:
            if head > 1 and target_get(toks[head - 2]) == "outsider":
                return s, ("outsider", toks[head])  # "my sister, the one on the lease, is"
            return s, ("staff", toks[head])  # "the one on the phone is ...", "yer one at the desk"
        if head > 0 and _determined_thing(toks, head, self._lexicon):
            if target_get(toks[s]) not in PERSON:
                return s, ("thing", toks[head])  # "the handling of my claim was a disgrace"
        if _named_role(toks, s, target_get):
            return s - 1, None  # "your agent Sandra is ...": the role
        return s, None

    def _nearest(
        self, toks: tuple[str, ...], i: int, n: int, noun: bool = False
    ) -> tuple[str, str]:
        """The nearest target around ``i``: (target class, word) or ("none", ""). For an insult
        noun a person anywhere in the window wins over a nearer thing ("your bot is an idiot")."""
        target_get = self._target.get
        if self._copula:
            found = self._copula_subject(toks, i)
            if found is not None:
                return found
        found = self._said_before(toks, i, n, noun)
        if found is not None:
            return found
        thing_at = -1  # the nearest thing word, for an insult noun (a person wins over it)
        for d in range(1, max(self._before, self._after) + 1):
            for j in ((i - d) if d <= self._before else -1, (i + d) if d <= self._after else n):
                if 0 <= j < n:
                    tok = toks[j]
                    kind = target_get(tok)
                    if kind is None:
                        if tok[0] == "@":
                            return "mention", tok
                        continue
                    if not noun and j == i - 1 and _degree(toks, j, self._lexicon, target_get):
                        continue  # "are your agents this stupid": "this" is "so"
                    if kind in ("poss", "self_poss"):
                        kind = self._possessed(toks, i, j, kind, noun)
                    elif kind == "outsider":
                        if j == i - 1 and tok in _COMPOUND_FIRST:
                            continue  # "mother fucker" is one insult, said to no mother
                        return outsider(toks, j), tok
                    elif kind == "third" and antecedent_kind(toks, i, target_get) == "outsider":
                        return "outsider", tok  # "my neighbour is a crazy idiot, he ..."
                    elif kind == "staff" and own_person(toks, j):
                        if j == i + 1:
                            return "outsider", tok  # "my idiot boss", "my useless lawyer"
                        continue  # "our developer says ...": whom the word is said of is sought
                    if noun:
                        if kind == "thing":
                            if j == i - 1 and tok in _DEMONSTRATIVE:
                                return "third", tok  # "that bitch", "this idiot"
                            if tok in _PRONOUNS:
                                continue  # "it's the clueless moron again": no thing named
                            thing_at = j if thing_at < 0 else thing_at
                            continue
                        if kind in ("self", "me") and (
                            j > i
                            or (kind == "me" and _ARTICLES.isdisjoint(toks[j + 1 : i]))
                            or (kind == "self" and not _linked(toks, j, i))
                        ):
                            # "I'm such an idiot", "called me an idiot" are about the speaker;
                            # "I heard bitches ...", "tell me idiot", "I see the idiot
                            # brigade is on" are not.
                            continue
                    return kind, tok
        doers = _doers(toks, i, target_get) if noun and thing_at >= 0 else -1
        return _thing_or_its_people(toks, thing_at, doers, target_get)


def _doers(toks: tuple[str, ...], i: int, target_get: Callable[[str], str | None]) -> int:
    """Where "by" or the "of" of "full of" is, at most three words before ``i`` with no
    person or thing word between ("run by a bunch of clowns"), or -1. The insult noun there
    names the people who staff the thing named ("your call centre is staffed by
    halfwits", "your shop is full of idiots"), not the thing."""
    for k in range(i - 1, max(-1, i - 5), -1):
        tok = toks[k]
        if tok == "by" or (tok == "of" and k > 0 and toks[k - 1] == "full"):
            return k
        if target_get(tok) is not None:
            return -1
    return -1


def _thing_or_its_people(
    toks: tuple[str, ...], thing: int, doers: int, target_get: Callable[[str], str | None]
) -> tuple[str, str]:
    """What an insult noun with no person near is aimed at: the nearest thing (its index
    ``thing``, or -1 for none), or, when the noun names who runs it (``doers``: the "by" of
    "staffed by halfwits", "full of idiots", or -1), its people: the company's staff, or
    another's when an outsider owns the thing ("your competitor's support is run by
    clowns")."""
    if thing < 0:
        return "none", ""
    if doers < 0:
        return "thing", toks[thing]
    owner = toks[thing - 1] if thing > 0 else ""
    if target_get(owner.removesuffix("'s")) == "outsider":
        return "outsider", owner
    return "staff", toks[doers]


def antecedent_kind(toks: tuple[str, ...], i: int, target_get: Callable[[str], str | None]) -> str:
    """The kind of the last person named by a noun in the ``ANTECEDENT_WINDOW`` words before
    ``i`` ("you" words count as the reader), or "": what a third-person pronoun most likely
    refers to. Bounded, so that a message of many insults and pronouns costs linear time."""
    for j in range(i - 1, max(-1, i - 1 - ANTECEDENT_WINDOW), -1):
        kind = target_get(toks[j])
        if kind == "outsider":
            if j > 1 and toks[j - 1] in ("a", "an") and toks[j - 2] in _LIKENED:
                continue  # "spoke to me as though I were a child": no child was named
            return outsider(toks, j)
        if kind in ("staff", "you", "poss"):
            return kind
    return ""


def _determined_thing(toks: tuple[str, ...], k: int, lexicon: Lexicon) -> bool:
    """Whether the word at ``k`` is a noun after a determiner that names no person (by our
    lists or WordNet) and is not shaped like one ("the handling", "this railway"; not "the
    courier", "that salesman", "your clerks"), or one that WordNet says names a thing, after
    a determiner and at most one more word ("the thermometer", "your dashboard widget")."""
    word = toks[k]
    if lexicon.target.get(word) is not None or word in lexicon.wn_persons:
        return False  # a person by our lists or by WordNet ("your locksmiths are useless")
    if toks[k - 1] in _DETERMINERS:
        return word in lexicon.wn_things or not word.endswith(_AGENT_ENDINGS)
    # not inside a phrase: "you lot at the Wakefield depot are ..."
    return (
        k > 1
        and word in lexicon.wn_things
        and toks[k - 2] in _DETERMINERS
        and lexicon.target.get(toks[k - 1]) is None
        and toks[k - 1] not in lexicon.wn_people
        and (k < 3 or toks[k - 3] not in _PREPOSITIONS)
    )


def _named_role(toks: tuple[str, ...], s: int, target_get: Callable[[str], str | None]) -> bool:
    """Whether the word at ``s`` is a name after a determined role ("your agent Sandra", "the
    driver Tom"); not a verb after a pronoun ("the replacement they shipped is ...")."""
    return (
        s > 1
        and target_get(toks[s]) is None
        and toks[s] not in _PRONOUNS
        and not _past_act(toks[s])
        and target_get(toks[s - 1]) in ("staff", "third")
        and toks[s - 2] in _DETERMINERS
    )


def pp_head(toks: tuple[str, ...], s: int) -> int:
    """The head of a subject that ends in prepositional phrases, its last word at ``s`` ("the
    guy on the phone", "everyone in this call centre", "my neighbour in the flat above"): the
    word before the first preposition, up to two phrases back; or -1. A phrase is a
    preposition then one word, a word and a number ("in flat 4"), or a determiner and up to
    three words ("the woman on the appointment booking line")."""
    head = -1
    for _ in range(2):
        p = next((p for p in range(s - 1, max(0, s - 5), -1) if toks[p] in _PREPOSITIONS), -1)
        span = toks[p + 1 : s + 1]
        numbered = len(span) == 2 and span[1].isdigit()  # "the tenants in flat 4"
        if (
            p < 1
            or toks[s] in _PREPOSITIONS
            or (len(span) > 1 and span[0] not in _SPAN_START and not numbered)
        ):
            break
        head = s = p - 1
        if toks[s] in _DETERMINERS or toks[s] in _PREPOSITIONS:
            return -1
    return head


def _elsewhere(toks: tuple[str, ...], s: int, head: int) -> int:
    """Where the subject ending at ``s`` (its head at ``head`` when it ends in a phrase) names
    another business or party (:func:`another_business`, :func:`another_party`), or -1: the
    subject itself ("my previous provider were crooks", "the previous owner was"), a
    possessive up to three words before it ("the other airline's check-in guy", "the last
    gym's manager") or its phrase ("the manager at my old gym")."""
    first = max(0, (head if head >= 0 else s) - 3)
    return next(
        (k for k in range(first, s + 1) if another_business(toks, k) or another_party(toks, k)),
        -1,
    )


def _free_relative(toks: tuple[str, ...], s: int) -> int:
    """The subject a relative clause ending at ``s`` names, or -1: "whoever" ("whoever wrote
    that last reply is ..."), or a person word right before "who" ("the agent who sent this
    is ...", "my brother who works there is ...")."""
    for k in range(s, max(-1, s - _RELATIVE_REACH), -1):
        tok = toks[k]
        if tok in ("whoever", "whomever"):
            return k
        if tok == "who":
            # "the agent who ...", not "you're the one who ..." (whom "one" is says it)
            head = k - 1
            return head if head >= 0 and toks[head] not in _NOT_RELATIVE_HEADS else -1
    return -1


def _clause_head(toks: tuple[str, ...], s: int, target_get: Callable[[str], str | None]) -> int:
    """The person a clause ending at ``s`` qualifies, or -1: a person word before a participle
    ("the agent handling my file is ...") or before a determined clause's subject ("the bloke
    I spoke to on the phone yesterday is ...")."""
    for k in range(s, max(0, s - _CLAUSE_REACH), -1):
        tok = toks[k]
        before = target_get(toks[k - 1])
        if before in _CLAUSE_PEOPLE and (
            (tok.endswith("ing") and len(tok) > 4)
            or (tok in _CLAUSE_SUBJECTS and _determined(toks, k - 1))
        ):
            return k - 1
    return -1


#: What only someone at the desk does to a customer's case ("closed my ticket").
_DESK_ACTS = frozenset(
    "closed cancelled canceled deleted rejected declined denied refused marked reset wiped "
    "suspended terminated blocked locked froze frozen disconnected transferred escalated "
    "overcharged charged billed downgraded archived merged reassigned".split()
)
_DESK_OBJECTS = frozenset(
    "ticket tickets case account order claim request refund booking reservation subscription "
    "card plan complaint application line call chat policy service contract".split()
)


def _indefinite(toks: tuple[str, ...], i: int, det: str) -> tuple[str, str] | None:
    """Whom ``det`` ("some", "a", "an") before the insult noun at ``i`` names by what follows
    it, or None: staff when they acted on the customer's case or call ("some idiot closed my
    ticket", "hung up on me") or come "from your billing team"; a stranger when "some" one did
    anything else in the past tense ("some idiot parked across my drive") or is placed by a
    phrase ("some idiot in a Tesla parked across the lockers"), or "a" one did something to
    the customer's things that are no case of theirs ("a complete moron reversed into my
    car")."""
    after = toks[i + 1]
    if _desk_act(toks, i + 1) or (after in ("from", "on") and toks[i + 2] in ("your", "ur")):
        return "staff", det
    if det == "some" and (
        _past_act(after) or (after in _PREPOSITIONS and toks[i + 2] in ("a", "an"))
    ):
        return "outsider", "some"
    if det != "some" and _past_act(after):
        rest = toks[i + 2 : i + 5]
        if not _MINE.isdisjoint(rest) and _DESK_OBJECTS.isdisjoint(rest):
            return "outsider", det
    return None


#: Intensifiers between "a" and an insult noun ("a complete moron", "some absolute idiot").
_INTENSIFIERS = frozenset("complete total absolute utter proper right real".split())


#: ... and what it does to the customer on a call ("hung up on me", "put me on hold").
_DESK_DEEDS = (
    ("hung", "up", "on"),
    ("put", "me", "on", "hold"),
    ("put", "the", "phone", "down", "on"),
    ("kept", "me", "on", "hold"),
    ("cut", "me", "off"),
    ("transferred", "me"),
)


def _desk_act(toks: tuple[str, ...], k: int) -> bool:
    """Whether the words at ``k`` say someone at the desk acted on the customer's case: "closed
    my ticket", "cancelled our booking", "hung up on me"."""
    if any(toks[k : k + len(words)] == words for words in _DESK_DEEDS):
        return True
    return (
        toks[k] in _DESK_ACTS
        and toks[k + 1] in ("my", "our")
        and toks[k + 2 : k + 3] != ()
        and toks[k + 2] in _DESK_OBJECTS
    )


_PAST_IRREGULAR = frozenset(
    "hit ran drove left put broke stole took threw rang came went got made sat stood".split()
)


def _past_act(tok: str) -> bool:
    """Whether ``tok`` is a verb in the past tense: what a stranger did ("some idiot parked
    across my drive", "some moron hit my car")."""
    return (tok.endswith("ed") and len(tok) > 4) or tok in _PAST_IRREGULAR


#: Words between a determiner and the person it determines ("the last agent", "the new guy").
_ORDINALS = frozenset("last first second next new previous other same latest".split())
#: The reader's possessive pronoun standing alone ("that app of yours").
_YOURS = frozenset({"yours", "urs"})


def _clause_named(word: str, kind: str | None, lexicon: Lexicon) -> tuple[str, str]:
    """Whom the noun a relative clause qualifies names ("the plumber you sent", "the cables
    you sent"), by its target ``kind``: a third person or staff, a person WordNet knows (one
    the company sent: staff), or a thing."""
    if kind in ("third", "staff"):
        return kind, word
    return ("staff", word) if kind is None and word in lexicon.wn_persons else ("thing", "")


def _degree(
    toks: tuple[str, ...], j: int, lex: Lexicon, target_get: Callable[[str], str | None]
) -> bool:
    """Whether "this" or "that" at ``j`` means "so" before the adjective after it: after a
    copula, a verb of becoming or a person ("are you this stupid", "you're that useless",
    "is he really that dumb", "were you born this useless"); not "fix this shit", "that
    stupid seagull myth"."""
    if toks[j] not in _DEGREE or j == 0 or j + 1 >= len(toks):
        return False
    word, before = toks[j + 1], toks[j - 1]
    if word not in lex.adjectives or word in lex.profane or word in lex.sexual:
        return False
    return (
        before in lex.copula
        or before in lex.copula_contracted
        or before in lex.filler
        or before in _DEGREE_ADVERBS
        or before in _DEGREE_VERBS
        or target_get(before) in PERSON
    )


def thing_of_yours(toks: tuple[str, ...], s: int, lexicon: Lexicon) -> bool:
    """Whether ``toks[s]`` is the "yours" of "<a noun> of yours" and the noun names no person:
    "this printer of yours", "that warranty of yours" (a thing word, or a word that none of
    our lists nor WordNet has as a person, a group or an offensive word, and not shaped like a
    person: "that aquarist of yours"); not "that manager of yours", "that idiot of yours".
    What such a phrase is said of is the noun, not the reader. Shared with the phrase layer
    (:mod:`worker.core.abuse.phrases`)."""
    if not (1 < s < len(toks) and toks[s] in _YOURS and toks[s - 1] == "of"):
        return False
    noun = toks[s - 2]
    kind = lexicon.target.get(noun)
    if kind is not None:
        return kind == "thing"
    return noun in lexicon.wn_things or (
        noun.isalpha()
        and not noun.endswith(_AGENT_ENDINGS)
        and noun not in lexicon.wn_people
        and noun not in lexicon.categories
    )


def _determined(toks: tuple[str, ...], j: int) -> bool:
    """Whether the noun at ``j`` has a determiner before it, perhaps across an ordinal: "the
    bloke", "the last agent", "that new guy"."""
    k = j - 1
    if k >= 1 and toks[k] in _ORDINALS:
        k -= 1
    return k >= 0 and toks[k] in _DETERMINERS


#: People of the customer's own life or business, whom "my"/"our" names as theirs ("my boss",
#: "our lawyer", "my colleagues"); roles a desk gives a customer ("my agent", "my engineer",
#: "my instructor", "my postman") are not among them.
_OWN_PEOPLE = frozenset(
    "boss bosses lawyer lawyers solicitor solicitors accountant accountants teacher teachers "
    "doctor doctors colleague colleagues coworker coworkers mate mates buddy pal bro dude "
    "team staff employees developer developers programmer admin admins ceo "
    "broker brokers builder builders gardener handyman trainee trainees intern interns "
    "apprentice apprentices".split()
)
#: Words that make "my manager" the one the desk gives ("my account manager").
_DESK_MANAGERS = frozenset("account case relationship claims claim".split())


def own_person(toks: tuple[str, ...], j: int) -> bool:
    """Whether the person word at ``j`` names the customer's own after "my"/"our", at most one
    word between ("my boss", "our old lawyer", "my manager"; not "my account manager")."""
    tok = toks[j]
    if tok not in _OWN_PEOPLE and not (
        tok in ("manager", "managers", "supervisor") and toks[j - 1] not in _DESK_MANAGERS
    ):
        return False
    return (j > 0 and toks[j - 1] in _MINE) or (j > 1 and toks[j - 2] in _MINE)


#: Outsider words that name another business, whoever's they are said to be.
_RIVALS = frozenset({"competitor", "competitors", "rival", "rivals"})


def outsider(toks: tuple[str, ...], j: int) -> str:
    """Whom the outsider word at ``j`` makes an insult aimed at: the reader when it is theirs
    or said of them within three words ("your mum is a ...", "ur ex", "you're a scummy
    family"), else an outsider ("my neighbour", "our landlord", "some scammer"), whom the
    desk need not protect. "your competitor" is another business, not the reader's own."""
    if toks[j].removesuffix("'s") in _RIVALS:
        return "outsider"
    for k in range(j - 1, max(-1, j - 4), -1):
        if toks[k] in _SECOND_PERSON:
            return "you"  # "your mum", "you're a scummy family", "you and your idiot husband"
        if toks[k] in _MINE:
            break  # "you sold my idiot husband ...": the customer's own
    return "outsider"


def _names_a_thing(toks: tuple[str, ...], i: int, lower: str, noun: bool, adj: bool) -> str:
    """Why the word at ``i`` names no person, or "": an insult noun qualifying an act ("a
    muppet moment": "act"), goods measured out ("goods"), or a noun or animal word qualifying
    a trade or a thing ("you're a pig farmer", "a dummy account": "trade")."""
    after = toks[i + 1] if i + 1 < len(toks) else ""
    if noun and after in _ACTS and joined(lower, toks[i], after):
        return "act"
    if _goods(toks, i) or (noun and _bought(toks, i)):
        return "goods"
    if noun and of_a_thing(toks, i):
        return "of-a-thing"
    if names_a_department(toks, i) and joined(lower, toks[i], after):
        return "department"
    if (noun or adj) and after in TRADES and joined(lower, toks[i], after):
        return "trade"
    return ""


def _literal(toks: tuple[str, ...], i: int) -> str:
    """ "literal" when the word at ``i`` is the everyday word that shares its spelling, told by
    the word before or after it ("a blue tit", "scope creep", "a freak accident") or by the
    idiom it opens ("a chink in the armour"), else ""."""
    before = _LITERAL_AFTER.get(toks[i - 1]) if i > 0 else None
    if before is not None and toks[i] in before:
        return "literal"
    after = _LITERAL_BEFORE.get(toks[i]) if i + 1 < len(toks) else None
    if after is not None and toks[i + 1] in after:
        return "literal"
    idioms = _LITERAL_IDIOMS.get(toks[i], ())
    return "literal" if any(toks[i + 1 : i + 1 + len(w)] == w for w in idioms) else ""


def _bought(toks: tuple[str, ...], i: int) -> bool:
    """Whether the noun at ``i`` names what was bought: the object of a verb of buying, across
    a determiner and a word ("I ordered the lemon tart", "we bought two jerk ..."), or the
    head of such a relative clause ("the hoe you sold me", "the tart I ordered"); not the
    seller ("the moron I bought it from", "the idiot you sent")."""
    for k in range(max(0, i - 3), i):
        if toks[k] in _BUYING and all(t in _GOODS_DETERMINERS for t in toks[k + 1 : i - 1]):
            return k == i - 1 or toks[k + 1] in _GOODS_DETERMINERS
    if i + 2 < len(toks) and toks[i + 1] in _BUYERS and toks[i + 2] in _BUYING:
        return i + 3 >= len(toks) or toks[i + 3] not in _SELLER_AFTER
    return False


def _goods(toks: tuple[str, ...], i: int) -> bool:
    """Whether the word at ``i`` names goods measured out: right after "<container or unit>
    of", or one word later ("bags of pig finisher", "20 bags of ewe nuts"), the container not
    said of the reader ("you bag of maggots", "you bloated sack of ...")."""
    for k in (i - 1, i - 2):
        if k > 0 and toks[k] == "of" and toks[k - 1] in _MEASURES:
            return _SECOND_PERSON.isdisjoint(toks[max(0, k - 4) : k - 1])
    return False


def _qualifies_a_thing(
    toks: tuple[str, ...], i: int, target_get: Callable[[str], str | None]
) -> bool:
    """Whether the adjective at ``i`` (right after "your") qualifies a noun that names no
    person: "your useless booking widget", "your useless thermostat" (not in the thing
    words) are about things; "your useless agent", "your stupid bloody agent", "your
    incompetent driver", "your stupid face" and "your useless lot" are not."""
    nxt = toks[i + 1 : i + 4]
    if not nxt or nxt[0] in _NOT_A_NOUN or not nxt[0].isalpha():
        return False
    return not any(t in _PERSONAL or target_get(t) in _PERSON_KINDS for t in nxt)


def _segments(lower: str) -> tuple[frozenset[str], frozenset[str]]:
    """Who an insult noun said in a short segment of its own is aimed at, by its word.

    Returns (to the reader, at the speaker). A segment is the text between clause
    punctuation. Its last word is said to the reader when the segment has at most three
    words, no verb of being ("there's rats!"), and neither it nor the segment before is the
    speaker's ("moron. fix it", "process it, idiot"); it is said of the speaker when the
    segment before is ("I forgot the file. Idiot!") and the word is not a plural. A segment
    that opens with a past-tense verb and no subject, right after one of the speaker's, is the
    speaker's too ("I didn't know, thought the app did it. what an idiot"). A word
    right before "I am" / "we were", or before a final "me", in a segment without "you" is
    about the speaker ("what an idiot I am", "idiot me").
    """
    reader: set[str] = set()
    speaker: set[str] = set()
    own = False  # the segment before is the speaker's
    for segment in _SEGMENT.split(lower):
        toks = [t for t in map(deobfuscate, segment.split()) if t]
        if not toks:
            continue
        if _SECOND_PERSON.isdisjoint(toks):
            speaker.update(_said_of_self(toks))
        if (
            len(toks) <= _VOCATIVE_WORDS
            and _FIRST_PERSON.isdisjoint(toks)
            and _PREDICATE.isdisjoint(toks)
        ):
            if not own:
                reader.add(toks[-1])
            elif not toks[-1].endswith("s"):
                speaker.add(toks[-1])
        own = not _FIRST_PERSON.isdisjoint(toks) or (own and _narrates(toks))
    return frozenset(reader), frozenset(speaker)


def _narrates(toks: list[str]) -> bool:
    """Whether a segment opens with a past-tense verb whose subject is left out, after
    linking words ("thought the software did it", "and then clicked cancel"), and does not
    speak of the reader ("got your reply with the wrong name" is the reader's doing)."""
    if not _SECOND_PERSON.isdisjoint(toks):
        return False
    for tok in toks:
        if tok not in _LINKING:
            return tok in _ELIDED_I
    return False


def _said_of_self(toks: list[str]) -> list[str]:
    """The words right before "I am", "we were" ... that end the segment or go on with "to"
    ("what an idiot I am", "what an idiot I was to trust it"; not "the idiot I was talking
    to"), or before a final "me" ("idiot me")."""
    out = []
    last = len(toks) - 1
    for k in range(1, last + 1):
        tok = toks[k]
        if (
            tok in ("i", "we")
            and k < last
            and toks[k + 1] in _SELF_COPULA
            and (k + 1 == last or toks[k + 2] == "to")
        ) or (tok == "me" and k == last):
            out.append(toks[k - 1])
    return out


#: Tokens searched before a simile's "like" (or a verb of seeming) for whom it describes.
_SIMILE_REACH = 10
_ME = _FIRST_PERSON | {"me", "us"}
#: Verbs of treating someone, a few words before "like": the simile says how people are
#: treated, not what the speaker calls them ("you treat your customers like idiots").
_TREATING = frozenset("treat treats treating treated".split())
_TREATED_REACH = 4
#: Verbs of feeling: the word after them (or after "like") is how someone feels, not a name
#: the speaker calls anyone ("I feel a bit of an idiot", "made him feel like a liar").
_FEELING = frozenset("feel feels feeling felt".split())
#: "like" and the verbs of seeming: the word after them describes their subject.
_LIKENING = _FEELING | frozenset("like look looks looking looked seem seems seeming seemed".split())
#: A simile's clause "like he was ...", "as if I'm ...": how someone was treated, not what the
#: speaker calls them. Its subject and verb of being, or the two contracted.
_AS_IF = frozenset({"like", "if"})
#: Not "you": "I feel like you're an idiot" says what the speaker thinks of the reader.
_AS_IF_SUBJECT = frozenset("i he she they we it".split())
_AS_IF_BE = _SELF_COPULA | {"is"}
_AS_IF_CONTRACTED = frozenset("i'm im he's she's they're we're it's".split())
#: Words between such a verb or clause and the insult word ("a complete", "like a bit of an").
_FEELING_REACH = 6


#: Words for a wild person that, after "VERB like a", say how something was done ("drove like
#: a maniac", "shouted like a lunatic"), not what someone is.
_MANNER_WORDS = frozenset("maniac maniacs lunatic lunatics madman madmen madwoman nutter".split())
#: Verbs after which "like a maniac" still calls someone one ("you are like a", "acting like").
_NOT_MANNER = frozenset(
    "is are was were be been being am look looks looked sound sounds sounded act acts acting "
    "acted behave behaves behaving behaved seem seems seemed".split()
)


def _manner(toks: tuple[str, ...], i: int) -> str:
    """ "manner" when the word at ``i`` says how something was done: "VERB like a maniac" with
    an action verb ("your driver drove like a maniac down my street"); "" otherwise ("he is
    like a maniac", "you're acting like a lunatic", "like a maniac" opening a message)."""
    if (
        toks[i] in _MANNER_WORDS
        and i > 2
        and toks[i - 1] in ("a", "an")
        and toks[i - 2] == "like"
        and toks[i - 3] not in _NOT_MANNER
        and toks[i - 3] not in _SECOND_PERSON
        and toks[i - 3] not in _ME
    ):
        return "manner"
    return ""


def _simile_of_self(toks: tuple[str, ...], i: int) -> bool:
    """Whether the word at ``i`` describes the speaker, or a feeling or a simile clause:
    "like" or a verb of seeming up to two words before it (no "you" between), and the nearest
    person before that is the speaker ("I am standing here like an idiot", "I felt like a
    stupid person", "you made me look like a fool", "treated us like idiots", "I spent the
    afternoon feeling useless", "you treat your customers like idiots"); see also
    :func:`_feeling_or_as_if`. "you act like an idiot", "you look stupid" are not."""
    if _feeling_or_as_if(toks, i):
        return True
    for k in range(i - 1, max(-1, i - 4), -1):
        tok = toks[k]
        if tok in _LIKENING:
            if tok == "like" and not _TREATING.isdisjoint(toks[max(0, k - _TREATED_REACH) : k]):
                return True  # "stop treating your customers like idiots": how they are treated
            for j in range(k - 1, max(-1, k - 1 - _SIMILE_REACH), -1):
                if toks[j] in _ME:
                    return True
                if toks[j] in _SECOND_PERSON:
                    return False
            return False
        if tok in _SECOND_PERSON or tok in _ME:
            return False
    return False


_THINK = frozenset("think thinks thought reckon reckons".split())
_I_AM = frozenset({"i'm", "im", "we're", "were"})
_I_WE = frozenset({"i", "we"})
_BE = frozenset({"am", "are", "was", "were"})
_ASKING = frozenset({"do", "does", "did"})


def _thought_of_self(toks: tuple[str, ...], i: int) -> bool:
    """Whether the word at ``i`` is what someone is asked to think the speaker is: right after
    it "do", "does" or "did", a subject, a verb of thinking, then "I am" or "we're" ("how
    stupid do you think I am", "what kind of idiot do they think we are"); not "you're
    either very dumb, or you think I'm a charlatan"."""
    if i + 1 >= len(toks) or toks[i + 1] not in _ASKING:
        return False
    for k in range(i + 2, min(len(toks) - 1, i + 4)):
        if toks[k] in _THINK:
            nxt = toks[k + 1]
            return nxt in _I_AM or (nxt in _I_WE and k + 2 < len(toks) and toks[k + 2] in _BE)
    return False


def _record(
    rest: list[str],
    cats: tuple[str, ...],
    target: str,
    canon: str,
    feats: dict[str, float],
    cues: list[str],
) -> int:
    """Record the features and cues of an offensive word of the categories ``rest`` aimed at
    ``target``; returns how many insults it counts for."""
    person = target in PERSON
    insults = 0
    for category in rest:
        if target in SCORED_TARGETS:
            feats[f"{category}@{target}"] = 1.0
            if person:
                feats[f"{category}@person"] = 1.0
            if category in _INSULTS and (person or category != "complaint_adj"):
                insults += 1
        elif target == "me" and category == "sexual":
            feats["sexual@me"] = 1.0
        elif target == "self" and category == "sexual" and _INSULTS.isdisjoint(cats):
            feats["sexual@self"] = 1.0
        label = "insult" if category in _INSULTS else category
        cues.append(f"{label}:{canon}")
    return insults


def _feeling_or_as_if(toks: tuple[str, ...], i: int) -> bool:
    """Whether a verb of feeling ("I feel a bit of an idiot", "feeling like a right idiot",
    "made him feel like a liar") or a simile clause ("spoke to my son like he was an idiot",
    "talk to me as if I'm stupid") comes up to six words before the word at ``i`` with no
    person between them; a clause about the reader is not one ("I feel like you're an
    idiot")."""
    for k in range(i - 1, max(-1, i - 1 - _FEELING_REACH), -1):
        tok = toks[k]
        if tok in _FEELING:
            # "how does it feel to be a parasite" asks the reader what it is like to be one.
            # (k < i, so toks[k + 1] exists.)
            return toks[k + 1] != "to"
        if tok in _AS_IF_CONTRACTED:
            return k > 0 and toks[k - 1] in _AS_IF
        if tok in _AS_IF_SUBJECT or tok in _SECOND_PERSON or tok in _ME:
            return False
        if tok in _AS_IF_BE:
            return k > 1 and toks[k - 1] in _AS_IF_SUBJECT and toks[k - 2] in _AS_IF
    return False


def _linked(toks: tuple[str, ...], j: int, i: int) -> bool:
    """Whether the speaker at ``j`` is the subject of the predicate noun at ``i``."""
    return toks[j] in _SELF_CONTRACTED or not _SELF_LINK.isdisjoint(toks[j + 1 : i])


def _said_alone(
    tok: str,
    canon: str,
    segments: tuple[frozenset[str], frozenset[str]],
    found: tuple[str, str],
    cues: list[str],
) -> tuple[str, str]:
    """The target of an insult noun said in a segment of its own (see :func:`_segments`)."""
    reader, speaker = segments
    if tok in speaker:
        return "self", ""  # "what an idiot I am", "I forgot the file. Idiot!"
    if tok in reader:
        cues.append(f"vocative:{canon}")
        return "you", ""  # "moron. fix it", "process it, idiot"
    return found


def kinds(feats: Mapping[str, float]) -> set[str]:
    """Which abuse kinds the features show (used to label a detected message).

    Insult words count when aimed at any person (the reader, staff, a third person) or, for
    strong insults, at no one in particular ("what a moron"); complaint words ("annoying")
    only when aimed at a person; swearing only when aimed at a person; sexual words when
    aimed at a person, at the speaker as an object ("fuck me"), at the speaker's own body or
    acts told to the reader ("i want to swallow semen") or at no one.
    """
    kinds: set[str] = set()
    for name in feats:
        category, _, target = name.partition("@")
        if not target:
            continue
        if target in _PERSON_OR_POOLED:
            if category in _INSULTS:
                kinds.add("insult")
            elif category == "profanity":
                kinds.add("profanity_at_person")
            elif category == "sexual":
                kinds.add("harassment")
        elif target == "none":
            if category in ("insult_noun", "insult_adj"):
                kinds.add("insult")
            elif category == "sexual":
                kinds.add("harassment")
        elif target in ("me", "self") and category == "sexual":
            kinds.add("harassment")
    if "phrase:threat" in feats:
        kinds.add("threat")
    if "phrase:harassment" in feats:
        kinds.add("harassment")
    if "phrase:profanity_at_person" in feats:
        kinds.add("profanity_at_person")
    if "slur" in feats:
        kinds.add("slur")
    return kinds


_CLAUSE_SUBJECTS = frozenset({"you", "u", "ya", "we", "i", "they"})
_CLAUSE_OBJECTS = frozenset({"me", "us"})
_RELATIVES = frozenset({"that", "which", "who"})
#: Words that are what a clause names by themselves ("what you said was stupid").
_WHAT = frozenset({"what", "whatever", "everything", "anything", "something", "all"})


#: Prepositions whose object may end a relative clause ("the plan I bought from you").
_OBJECT_PREPOSITIONS = frozenset("from with through by for to at on via off".split())
#: How far back from that object the clause's verb may be ("spent on hold with you").
_OBJECT_CLAUSE_SPAN = 5


def object_clause_head(toks: tuple[str, ...], s: int, things: Container[str] = frozenset()) -> int:
    """The noun a relative clause qualifies when ``toks[s]`` is the object of a preposition
    that ends it ("the plan I bought from you", "the hour I spent on hold with you", "what I
    got from you"), or -1 ("shame on you", "talking to you": no clause)."""
    if s < 3 or toks[s - 1] not in _OBJECT_PREPOSITIONS:
        return -1
    for verb in range(s - 2, max(0, s - 2 - _OBJECT_CLAUSE_SPAN), -1):
        head = relative_head(toks, verb, things)
        if head >= 0:
            return head
    return -1


def relative_head(toks: tuple[str, ...], s: int, things: Container[str] = frozenset()) -> int:
    """The noun a relative clause ending at ``s`` qualifies ("the (new) cables [that] you
    sent", "what you said", "the laptop you sold me"), when ``toks[s]`` is the clause's verb or
    the object pronoun after it; -1 otherwise ("I swear you two are idiots", "I think you guys
    are useless": no determined noun before the clause). A noun in ``things`` may end a
    compound after its determiner ("the wireless router you sent"); no other may ("the month
    before you, Alison, are ...": "before" is no noun)."""
    if s > 2 and toks[s] in _CLAUSE_OBJECTS and toks[s - 2] in _CLAUSE_SUBJECTS:
        s -= 1  # "the laptop you sold me", "the router they sent us"
    if s < 2 or toks[s - 1] not in _CLAUSE_SUBJECTS or toks[s] in _CLAUSE_SUBJECTS:
        return -1
    head = s - 2
    if toks[head] in _RELATIVES and head > 0:
        head -= 1
    if toks[head] in _WHAT:
        return head
    if head > 0 and (
        _determined(toks, head) or (toks[head] in things and _determined_compound(toks, head))
    ):
        return head
    return -1


def _determined_compound(toks: tuple[str, ...], j: int) -> bool:
    """Whether the noun at ``j`` ends a compound of two or three words after a determiner
    ("the wireless router", "the replacement charging cable"), no pronoun, relative,
    preposition or determiner among them."""
    for k in (j - 2, j - 3):
        if k < 0 or any(
            t in _CLAUSE_SUBJECTS or t in _RELATIVES or t in _PREPOSITIONS or t in _DETERMINERS
            for t in toks[k + 1 : j]
        ):
            return False
        if toks[k] in _DETERMINERS:
            return True
    return False
