"""The abuse lexicon compiled once from the config: every form a listed word takes and whom
a target word names; masked tokens and unlisted swear compounds decoded."""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources

from worker.core.abuse.config import AbuseConfig, AbuseTargets

__all__ = [
    "CREATURES",
    "PEOPLE_KINDS",
    "TRADES",
    "Lexicon",
    "another_business",
    "another_party",
    "joined",
    "names_a_department",
    "of_a_thing",
    "variants",
]

#: The animals' and pests' names that the lexicon lists as insults (nouns or complaint words):
#: insults only when they call a person one (``worker/core/abuse/creatures.py``).
CREATURES = frozenset(
    "rat pig swine snake weasel worm maggot cockroach roach toad cow sow heifer mutt ape "
    "monkey donkey dog animal leech parasite vermin".split()
)

#: Nouns that make an insult or animal word right before them name a trade, a keeper or a
#: thing, not a person: "you're a pig farmer", "a donkey sanctuary", "a dummy account", "jerk
#: chicken".
TRADES = frozenset(
    "farmer farmers farm owner owners breeder breeders keeper keepers lover lovers walker "
    "walkers sitter sitters groomer groomers trainer trainers rescue sanctuary feed food "
    "costume costumes account accounts file files run chicken pork sauce seasoning marinade "
    "wings".split()
)

#: Words that name a crime and, before a department noun, a department or a check: "your
#: fraud team", "a scam alert", "the abuse line" (not "you fraud", "what a fraud").
_CRIME_WORDS = frozenset({"fraud", "scam", "abuse"})
_DEPARTMENT_NOUNS = frozenset(
    "team teams department dept unit line desk squad alert alerts prevention check checks "
    "investigation investigations investigator investigators protection office hotline "
    "specialist specialists services service claim claims case report detection "
    "warning warnings filter filters system systems block blocks hold holds flag flags "
    "screening score rules".split()
)

#: Target kinds that name people, which make the noun a possessive is of a person's
#: ("your thermostat technician"); the phrase layer reads them too.
PEOPLE_KINDS = frozenset({"staff", "you", "third", "outsider"})
_MIN_COMPOUND = 6
_ROOT_HEAD = 4
_MAX_COMPOUND = 30


def _plural(word: str) -> str:
    """The regular plural of a noun: "-es" after s, x, ch and sh, else "-s"."""
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def variants(word: str, plural: bool) -> Iterable[str]:
    """The word, its plural, and each letter doubled once ("stuupid", "idiiot")."""
    yield word
    if plural:
        yield _plural(word)
    for i, char in enumerate(word):
        if char.isalpha() and (i + 1 >= len(word) or word[i + 1] != char):
            if i == 0 or word[i - 1] != char:
                yield word[: i + 1] + char + word[i + 1 :]


_NOT_NOUNS = frozenset({"this", "that", "these", "those"})


def noun_plurals(words: Iterable[str]) -> frozenset[str]:
    """The regular plurals of nouns ("routers", "batteries", "boxes"): "your routers are
    useless" is about things as "your router is useless" is. Not of words that end in "s"
    already ("news", "its") nor of demonstratives. The thing words' plurals are read only
    after a possessive (``Lexicon.things``), not as target words: "designs" is also a verb
    ("what kind of moron designs a form like this")."""
    out = set()
    for word in words:
        if not word.isalpha() or len(word) < 3 or word.endswith("s") or word in _NOT_NOUNS:
            continue
        if word.endswith("y") and word[-2] not in "aeiou":
            out.add(word[:-1] + "ies")  # "battery" -> "batteries"
        else:
            out.add(_plural(word))
    return frozenset(out)


def wordnet_nouns() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The nouns WordNet says name things, persons, and other people (groups, and persons'
    nouns that name things too), with their regular plurals, and its adjectives that are
    never nouns (``worker/data/nouns.json``, built by ``scripts/build_nouns.py``). Read once
    by each :class:`Lexicon`, which keeps only what it uses."""
    data = json.loads((resources.files("worker") / "data" / "nouns.json").read_text("utf-8"))
    things, persons, groups = data["thing"], data["person"], data["other_people"]
    return (
        frozenset(things) | noun_plurals(things),
        frozenset(persons) | noun_plurals(persons),
        frozenset(groups) | noun_plurals(groups),
        frozenset(data["adjective"]),
    )


def _targets(tg: AbuseTargets) -> dict[str, str]:
    """Target word -> whom it names (a later list wins: "you" over a thing)."""
    target: dict[str, str] = {}
    for kind, words in (
        ("thing", tg.thing),
        ("third", tg.third_person),
        ("staff", tg.staff),
        ("outsider", tg.outsider),
        ("self", tg.self),
        ("self_poss", tg.self_possessive),
        ("me", tg.self_object),
        ("poss", tg.possessive),
        ("you", tg.second_person),
    ):
        for word in words:
            target[word] = kind
    return target


class Lexicon:
    """The lexicon compiled once: each token form's offensive categories (base forms, plurals,
    stretched letters, typos) and canonical word, the target words, and the decoding of
    masked tokens ("f*ck") and of unlisted swear compounds ("fuckbrain")."""

    def __init__(self, config: AbuseConfig) -> None:
        # token -> offensive categories; token -> canonical word (for cues)
        self.categories: dict[str, tuple[str, ...]] = {}
        self.typos: dict[str, str] = {}
        self.canon: dict[str, str] = {}
        lex = config.lexicon
        for category, words, plural in (
            ("insult_noun", lex.insult_noun, True),
            ("insult_adj", lex.insult_adj, False),
            ("complaint_adj", lex.complaint_adj, False),
            ("profanity", lex.profanity, False),
            ("slur", lex.slur, True),
            ("sexual", lex.sexual, False),
        ):
            for word in words:
                # an animal's name is a noun, whose plural calls people names too ("snakes")
                for form in variants(word, plural or word in CREATURES):
                    cats = self.categories.get(form, ())
                    if category not in cats:
                        self.categories[form] = (*cats, category)
                    self.canon.setdefault(form, word)
        # Masked tokens ("f*ck") are matched against base forms of the same length.
        self._by_len: dict[int, list[str]] = {}
        # In priority order: "f*ck" is "fuck" (the first swear word of that shape).
        strong = list(
            dict.fromkeys(
                (*lex.profanity, *lex.insult_noun, *lex.slur, *lex.insult_adj, *lex.sexual)
            )
        )
        for word in strong:
            self._by_len.setdefault(len(word), []).append(word)
        tg = config.targets
        self.target = _targets(tg)
        self._add_typos(config, strong)
        # Compound words are found by their first four letters (roots have four or more),
        # then the full root; a C-level substring test skips texts without any.
        self.root_heads: dict[str, tuple[str, ...]] = {}
        for root in sorted(config.compound_roots, key=len, reverse=True):
            if len(root) >= _ROOT_HEAD:
                head = root[:_ROOT_HEAD]
                self.root_heads[head] = (*self.root_heads.get(head, ()), root)
        self._no_compound = frozenset(config.compound_exclude)
        self._person_ends = tuple(sorted(config.compound_person_ends, key=len, reverse=True))
        self.things = frozenset(tg.thing) | noun_plurals(tg.thing)
        self._add_wordnet()
        self.copula = frozenset(tg.copula)
        self.filler = frozenset(tg.predicate_filler)
        self.copula_contracted = frozenset(tg.copula_contracted)
        #: Insulting and complaining adjectives, which may stand between a copula and the
        #: word said of its subject ("was a rude idiot").
        self.adjectives = frozenset(
            f for f, cats in self.categories.items() if {"insult_adj", "complaint_adj"} & set(cats)
        )
        self.possessive = frozenset(tg.possessive)
        self.forms = frozenset(self.categories)
        self.sexual = frozenset(f for f, cats in self.categories.items() if "sexual" in cats)
        self.profane = frozenset(f for f, cats in self.categories.items() if "profanity" in cats)

    def subject(self, toks: tuple[str, ...], i: int) -> int:
        """The index of the subject of a copula right before ``toks[i]`` ("you are (so) WORD",
        "this app is a WORD", "he was a rude WORD", "I'm such a WORD"), or -1."""
        j = i - 1
        while (
            j > 0
            and i - j <= _PREDICATE_SPAN
            and (toks[j] in self.filler or toks[j] in self.adjectives or _participle(toks[j]))
        ):
            j -= 1
        if j >= 0 and toks[j] in self.copula_contracted:
            return j  # "I'm (such) a WORD"
        if j > 0 and toks[j] in self.copula:
            return _behind_auxiliaries(toks, j)
        if (
            j > 1
            and toks[j] in _COORDINATORS
            and i - j <= _SECOND_CONJUNCT
            and toks[i] not in _CLAUSE_WORDS  # "... and you are a liar": a clause of its own
        ):
            # The second of two predicates shares the first's subject: "your agent is a
            # nasty piece of work and a liar", "he was rude and an absolute clown".
            for k in range(j - 1, max(0, j - 1 - _FIRST_CONJUNCT), -1):
                tok = toks[k]
                if tok in self.copula_contracted:
                    return k
                if tok in self.copula:
                    return _behind_auxiliaries(toks, k)
                if tok in _COORDINATORS or tok in _CLAUSE_WORDS:
                    break
        return -1

    def _add_wordnet(self) -> None:
        wn_things, persons, groups, self._wn_adjectives = wordnet_nouns()
        #: Nouns that name a person and never a thing by WordNet ("locksmith", "clerks"), for
        #: words our lists do not know: never a target word or an offensive word.
        self.wn_persons = persons.difference(self.target, self.categories)
        #: ... and those that may name people ("crew", "bank", "trainers"): a group may be a
        #: business, and "the trainers you sent" are shoes.
        self.wn_people = self.wn_persons | groups.difference(self.target, self.categories)
        #: Nouns that name a thing by WordNet ("thermostat", "widgets"): never a target word,
        #: an offensive word or one naming people by WordNet too.
        self.wn_things = wn_things.difference(self.target, self.categories, self.wn_people)
        #: Every noun for a thing, ours and WordNet's ("the timing belt kit I got from you")
        self.thing_nouns = self.things | self.wn_things

    def _add_typos(self, config: AbuseConfig, words: list[str]) -> None:
        """Typo forms of long lexicon words: two adjacent letters swapped, one letter dropped."""
        skip = {*config.typo_exclude, *config.common_words, *self.target}
        swap, delete = config.typo_swap_len, config.typo_delete_len
        for word in words:
            if not word.isalpha():
                continue
            forms: set[str] = set()
            if swap and len(word) >= swap:
                forms.update(
                    word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
                )
            if delete and len(word) >= delete:
                forms.update(word[:i] + word[i + 1 :] for i in range(1, len(word)))
            for form in forms:
                if form in skip or form in self.categories:
                    continue
                self.typos.setdefault(form, word)
        for form, word in self.typos.items():
            self.categories[form] = self.categories[word]
            self.canon[form] = self.canon.get(word, word)

    # -- public -------------------------------------------------------------------------

    def head_noun(self, toks: tuple[str, ...], j: int) -> str:
        """The noun that the possessive or determiner at ``j`` is of, or "" when no noun we
        know follows it: the first noun, after at most one adjective or offensive word ("your
        thermostat", "your new thermostat", "your damn thermostat"), or the person word right
        after that noun ("your thermostat technician"). Nouns here are the target words and
        the nouns WordNet knows (:func:`wordnet_nouns`); a word WordNet does not know ends
        the search ("your IQ matches ...")."""
        n = len(toks)
        k = j + 1
        if k + 1 < n and (toks[k] in self._wn_adjectives or toks[k] in self.categories):
            k += 1
        if k >= n or not (
            toks[k] in self.wn_things or toks[k] in self.wn_people or toks[k] in self.target
        ):
            return ""
        if k + 1 < n and self.names_people(toks[k + 1]):
            return toks[k + 1]
        return toks[k]

    def possesses_a_thing(self, toks: tuple[str, ...], j: int) -> bool:
        """Whether the possessive at ``j`` is of a noun WordNet says names a thing ("your
        damn thermostat"; :meth:`head_noun`), or of a thing's own part or feature ("your
        website's search", "your app's design": what a thing has is a thing)."""
        if j + 1 < len(toks) and toks[j + 1].endswith("'s"):
            if toks[j + 1][:-2] in self.thing_nouns:
                return True
        return self.head_noun(toks, j) in self.wn_things

    def names_people(self, word: str) -> bool:
        """Whether a noun (:meth:`head_noun`) names people: staff, the reader, a third person
        or an outsider by our lists, or a person or group by WordNet."""
        return self.target.get(word) in PEOPLE_KINDS or word in self.wn_people

    def names_a_person(self, word: str) -> bool:
        """Whether a noun names one person who may work at the business: staff by our lists,
        or a person by WordNet that our lists do not file as the reader, a relative or an
        outsider ("roofer", "harbour pilot"); never a group ("office", "school")."""
        kind = self.target.get(word)
        return kind == "staff" if kind is not None else word in self.wn_persons

    def names_staff(self, word: str) -> bool:
        """Whether a noun names someone at the business by our lists ("driver", "nurse")."""
        return self.target.get(word) == "staff"

    def compounds(self, present: set[str], cues: list[str]) -> dict[str, tuple[str, ...]]:
        """Words that start with a swear root but are not listed ("fuckbrain", "scumbot")."""
        out: dict[str, tuple[str, ...]] = {}
        heads = self.root_heads
        for tok in sorted(present.difference(self.forms)):
            if len(tok) < _MIN_COMPOUND or tok[:4] not in heads:
                continue
            root = next((r for r in heads[tok[:4]] if tok.startswith(r)), "")
            if (
                not root
                or len(tok) - len(root) < 2
                or len(tok) > _MAX_COMPOUND
                or not tok.isalpha()
                or tok in self._no_compound
            ):
                continue
            person = tok.endswith(self._person_ends) and not tok.endswith(("ing", "ed", "ss"))
            out[tok] = ("insult_noun",) if person else ("profanity",)
            cues.append(f"compound:{tok}")
        return out

    def unmask_all(self, toks: tuple[str, ...], cues: list[str]) -> tuple[str, ...]:
        out = []
        seen: dict[str, str | None] = {}  # each distinct masked token is decoded once
        for tok in toks:
            if "*" not in tok:
                out.append(tok)
                continue
            if tok not in seen:
                seen[tok] = word = self._unmask(tok)
                if word is not None:
                    cues.append(f"obfuscated:{tok}->{word}")
            word = seen[tok]
            out.append(tok if word is None else word)
        return tuple(out)

    def _unmask(self, tok: str) -> str | None:
        """Match a masked token ("f*ck", "b**ch") to a lexicon word of the same length."""
        core = tok.strip("*") if tok.count("*") < len(tok) else ""
        if not core or len(tok) - tok.count("*") < 2:
            return None
        for word in self._by_len.get(len(tok), ()):
            if all(a == "*" or a == b for a, b in zip(tok, word, strict=True)):
                return word
        return None


#: What "a joke of a ..." may be said of and still be about a thing: a business, a service,
#: goods (not "the brain of an ape", "a bitch of a bus driver": an animal, a person).
_ORG_NOUNS = frozenset(
    "company companies business firm outfit operation organisation organization service "
    "airline railway bank network provider council shop store website site app product "
    "system hotel restaurant garage surgery practice clinic school university operator "
    "courier platform brand process policy contract phone laptop car".split()
)


#: How many words a copula's predicate may put before the word it says ("were a bunch of
#: thieving clowns").
_PREDICATE_SPAN = 4
#: Auxiliaries and adverbs between a copula and its subject ("you have always been", "he will
#: be", "it has never been"), at most _AUXILIARY_SPAN of them.
_COPULA_AUXILIARIES = frozenset(
    "has have had will would could should must might may can shall not never always just "
    "really truly also still".split()
)
_AUXILIARY_SPAN = 3
#: Two predicates of one copula joined by one of these share its subject. The second may put
#: at most _SECOND_CONJUNCT words before the word it says ("and a complete liar"), the first
#: holds at most _FIRST_CONJUNCT words ("a nasty piece of work"); a word that starts a new
#: clause between them ends the search ("the refund is late and that idiot ...": "that" is
#: not a predicate's word, so the second part is no predicate of "is").
_COORDINATORS = frozenset(("and", "or", "plus"))
_SECOND_CONJUNCT = 3
_FIRST_CONJUNCT = 6
_CLAUSE_WORDS = frozenset(
    "i you he she they we it that this who which when because but so then".split()
)


def _behind_auxiliaries(toks: tuple[str, ...], j: int) -> int:
    """The index of the subject of the copula at ``j`` (``j`` > 0), behind up to
    _AUXILIARY_SPAN auxiliaries: "the handling of my claim has (never) been a disgrace"."""
    k = j - 1
    while k > 0 and toks[k] in _COPULA_AUXILIARIES and j - k <= _AUXILIARY_SPAN:
        k -= 1
    return k


def _participle(tok: str) -> bool:
    """A word shaped like a participle used as an adjective ("thieving", "lying")."""
    return len(tok) > 5 and tok.endswith("ing")


#: A business the customer dealt with before or elsewhere, named with one of these words
#: before it: "my previous provider", "the other airline's check-in guy", "my old gym", "my
#: previous instructor at another school".
_FORMER = frozenset("previous former old other last ex prior another".split())
_BUSINESSES = frozenset(
    "company business firm outfit provider bank airline network carrier isp supplier insurer "
    "agency dealership vendor retailer merchant gym platform broadband telco utility "
    "lender school college university clinic practice surgery garage salon hospital".split()
)


#: Another business whatever comes before it ("your competitor's support team").
_RIVALS = frozenset({"competitor", "competitors", "competitors'", "rival", "rivals"})


def another_business(toks: tuple[str, ...], k: int) -> bool:
    """Whether the word at ``k`` names another business than the one the customer writes to:
    a business noun (or its possessive, "airline's") right after "previous", "other", "old"
    ... ("my previous provider", "the other airline's", "the last gym's"), or a competitor."""
    tok = toks[k]
    base = tok[:-2] if tok.endswith("'s") else tok
    if base in _RIVALS:
        return True  # "your competitor's support team"
    return (
        k > 0
        and base in _BUSINESSES
        and toks[k - 1] in _FORMER
        and (k < 2 or toks[k - 2] not in ("your", "ur"))  # "your other company" is theirs
    )


#: People who are never staff when named with "previous", "other" ...: "the previous owner
#: of the car", "the other customer in the queue" (not "the other agent", "the last guy").
_PARTIES = frozenset(
    "owner owners tenant tenants occupant occupants buyer buyers passenger passengers customer "
    "customers guest guests resident residents party".split()
)


#: Leaders of a public body, never of the company's staff: "the council leader", "the
#: party leader".
_LEADERS = frozenset({"leader", "leaders"})
_PUBLIC_BODIES = frozenset("council party opposition union world church county city".split())
_DESK_COMPOUNDS = frozenset(
    "service services care support relations experience success desk".split()
)


def another_party(toks: tuple[str, ...], k: int) -> bool:
    """Whether the word at ``k`` names someone outside the company by "previous", "other" ...
    before a word for a customer, an owner or a passenger ("the previous owner"), or leads a
    public body ("the council leader")."""
    if k > 0 and toks[k] in _LEADERS and toks[k - 1] in _PUBLIC_BODIES:
        return True  # "the council leader is a tosser" (not "the team leader")
    return (
        k > 0
        and toks[k] in _PARTIES
        and toks[k - 1] in _FORMER
        and (k + 1 >= len(toks) or toks[k + 1] not in _DESK_COMPOUNDS)  # "customer service"
    )


def of_a_thing(toks: tuple[str, ...], i: int) -> bool:
    """Whether the insult noun at ``i`` is said of a business or a thing it names next: "a
    joke of a company", "a disgrace of an airline" (not "you idiot of a man", "the brain of
    an ape", "a bitch of a bus driver")."""
    return (
        toks[i + 1 : i + 2] == ("of",)
        and toks[i + 2 : i + 3] in (("a",), ("an",))
        and i + 3 < len(toks)
        and toks[i + 3] in _ORG_NOUNS
    )


def names_a_department(toks: tuple[str, ...], i: int) -> bool:
    """Whether the word at ``i`` names a department or a check with the noun after it ("your
    fraud team", "the fraud department", "a scam alert")."""
    return toks[i] in _CRIME_WORDS and i + 1 < len(toks) and toks[i + 1] in _DEPARTMENT_NOUNS


def joined(lower: str, word: str, after: str) -> bool:
    """Whether ``word`` stands right before ``after`` in the text, with no punctuation between
    ("muppet moment", "idiot-proof"; not "idiot. Moment I opened it")."""
    return f"{word} {after}" in lower or f"{word}-{after}" in lower
