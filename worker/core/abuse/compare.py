"""A person put below a thing or an animal, by a comparison in one sentence.

"A broken jukebox has more variety than you", "even the turnstile showed more signs of
awareness than she did", "my toaster is sharper than you are": the reader or a member of
staff comes out worse than an object. Said of the business's own channels ("the phone menu
is sharper than you are") only a quality of the mind counts; "the bot answered faster than
you" is a complaint about speed, not an insult. Never when the other side is not a person
("my old phone had a better camera than this one"), the customer's own ("smarter than my
husband"), or a sum ("my car cost more than you earn"), nor in praise ("smarter than you
think"). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["PutBelow"]

#: Sentence ends: a comparison is read inside one sentence.
_SENTENCE = re.compile(r"[.!?;\n]+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Tokens looked back from "than" for the comparative and the thing.
_REACH = 12
#: The reader, or a person at the desk, right after "than".
_READER = frozenset("you u ya yourself yourselves y'all yall".split())
_THIRD = frozenset("he him she her they them".split())
#: Determiners before a person's noun after "than" ("than that man", "than your agent").
_DETERMINERS = frozenset("that this the your ur".split())
#: Words after the person that make it a sum, a wish or praise, not a put-down: "more than
#: you earn", "smarter than you think", "better than you deserve".
_NOT_A_PUT_DOWN = frozenset(
    "think thought thinks expect expected expects realise realize realised realized know "
    "knew imagine imagined might may earn earned earns make made makes pay paid pays spend "
    "spent need needed needs want wanted wants get got charge charged owe owes deserve "
    "deserves like liked love loved said say says told".split()
)
#: Comparatives that put a mind, a manner or a life above the person's ("sharper",
#: "more sense", "better grasp", "more signs of awareness").
_MIND = frozenset(
    "smarter cleverer brighter sharper wiser sense brains brain intelligence intelligent "
    "awareness aware personality empathy variety grasp clue clues wit wits manners charm "
    "conversation conversations understanding judgement judgment life alive human thought "
    "thoughts insight common iq intellect articulate coherent".split()
)
#: Any comparative, for an object outside the business: "a vending machine would have sorted
#: this faster than you", "a magic 8-ball would give better answers than you".
_COMPARATIVE = frozenset("more better less fewer".split())
#: The bare words that name no object of their own ("more of this than you").
_GENERIC = frozenset(
    "thing things stuff one ones way time times lot bit job work answer answers reply "
    "replies response responses service help".split()
)

#: Head nouns after a person's noun that make the phrase a thing ("your courier service").
_THING_HEADS = frozenset(
    "service services company companies firm website site app system systems department "
    "portal page network line lines".split()
)
#: Words before a head noun that leave the head to decide ("than your new agent").
_MODIFIERS = frozenset("new old own last other customer support phone call".split())
#: Determiners that make the word after them (or after one or two adjectives) a noun.
_DETERMINER_BEFORE = frozenset("a an the my this that even any some our".split())
#: Pronouns our thing list holds ("it", "this"): never the thing put above a person.
_PRONOUNS = frozenset("it its this that these those one ones".split())
#: Automated agents, always the business's own channel here.
_BOTS = frozenset("bot bots chatbot chatbots robot robots ai assistant script ivr menu".split())


class PutBelow:
    """Finds a person put below a thing or an animal in a comparison (see the module)."""

    def __init__(
        self,
        objects: Iterable[str],
        channels: Iterable[str],
        is_person: Callable[[str], bool],
    ) -> None:
        #: The business's own channels and products (the app, the bot, the phone menu), and
        #: the objects and animals outside it (a toaster, a parrot, a sticky note).
        self._channels = (frozenset(channels) | _BOTS) - _PRONOUNS - _GENERIC
        self._objects = frozenset(objects) - self._channels - _PRONOUNS - _GENERIC
        #: Whether a noun names a person ("man", "agent", "receptionist").
        self._is_person = is_person

    def __call__(self, lower: str) -> str | None:
        """The words of the first comparison that puts a person below a thing, or None."""
        if "than" not in lower:
            return None
        for sentence in _SENTENCE.split(lower):
            if "than" not in sentence:
                continue
            toks = _WORD.findall(sentence)
            for t, tok in enumerate(toks):
                if tok == "than" and self._person_after(toks, t):
                    found = self._below(toks, t)
                    if found is not None:
                        return f"{found} ... than {toks[t + 1]}"
        return None

    def _person_after(self, toks: list[str], t: int) -> bool:
        """Whether "than" at ``t`` is followed by the reader or someone at the desk, and not
        by a sum, a wish or praise."""
        rest = toks[t + 1 : t + 5]
        if not rest:
            return False
        if rest[0] in _READER or rest[0] in _THIRD:
            return (rest[1] if len(rest) > 1 else "") not in _NOT_A_PUT_DOWN
        if rest[0] in _DETERMINERS and len(rest) > 1:
            # The head noun decides: "than your courier service" is a thing, "than your
            # customer service team" and "than that man" are people.
            person = False
            for w in rest[1:]:
                if self._is_person(w):
                    person = True
                elif w in self._channels or w in _THING_HEADS:
                    person = False
                elif person or w not in _MODIFIERS:
                    break
            return person
        return False

    def _below(self, toks: list[str], t: int) -> str | None:
        """The thing put above the person before "than" at ``t``, with a comparative that
        fits it, or None."""
        window = toks[max(0, t - _REACH) : t]
        mind = any(w in _MIND for w in window)
        comparative = mind or any(w in _COMPARATIVE or _er_form(w) for w in window)
        if not comparative:
            return None
        for k, w in enumerate(window):
            noun = w[:-1] if w.endswith("s") and w[:-1] in self._objects else w
            if (noun in self._objects or (mind and noun in self._channels)) and _determined(
                window, k
            ):
                return w
        return None


def _determined(window: list[str], k: int) -> bool:
    """Whether the noun at ``k`` has a determiner up to two words before it ("a vending
    machine", "the phone menu", "a broken jukebox"): a noun, not a verb or an adjective
    ("well", "cooler")."""
    return not _DETERMINER_BEFORE.isdisjoint(window[max(0, k - 3) : k])


def _er_form(word: str) -> bool:
    """Whether ``word`` looks like a comparative adjective ("faster", "quicker")."""
    return len(word) > 4 and word.endswith("er") and word not in _NOT_COMPARATIVE


#: Words ending in "-er" that are no comparative.
_NOT_COMPARATIVE = frozenset(
    "never ever however whatever whenever wherever whoever forever other either neither "
    "order water after under over number together another paper letter answer manager "
    "customer computer printer power matter rather whether further corner member partner "
    "driver engineer worker player provider cover offer refer transfer remember".split()
)
