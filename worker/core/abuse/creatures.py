"""Whom an animal's name calls that animal.

"Rat", "pig", "snake", "cow" or "parasite" insult a person only when they name one: "you
rat", "your agent is a weasel", "the cow at the front desk hung up on me". Anywhere else they
name the animal, which pest-control, vet, kennel, farm-supply and catering desks write about
every day: "the technician found a rat in the loft", "my dog picked up a parasite at your
kennels", "the pig roast you catered was cold". :func:`creature_called` says which, for the
aim rules (``worker/core/abuse/aim.py``). Pure.
"""

from __future__ import annotations

from collections.abc import Callable

from worker.core.abuse.words import joined

__all__ = ["creature_called"]

#: Words between "you" or an article and the name that keep it a name for a person ("you
#: dirty rat", "a sneaky little snake").
_MODIFIERS = frozenset(
    "little dirty filthy lying sneaky slimy fat greedy thieving disgusting ugly old big absolute "
    "total complete utter bloody fucking stupid lazy".split()
)
#: Words that may follow a name for a person in the same clause ("a pig and a liar", "a
#: snake who lied", "a rat to me"); any other word right after it, with no punctuation
#: between, is the noun it qualifies ("a dog lover", "the pig roast", "a snake expert").
_NEXT = frozenset(
    "and but or nor who whom whose that which to for with at in on of from like than as when "
    "while if because so since until after before then too again now today yesterday here "
    "there honestly really i you he she they we it me him her them us is was are were who's "
    "i'm that's".split()
)
#: Copulas before a predicate whose subject the aim rules do not class.
_COPULAS = frozenset({"is", "was", "are", "were"})
#: Words between a copula and the name ("you're all snakes", "he is nothing but a rat").
_PREDICATE_WORDS = frozenset(
    "a an all just nothing but such really truly basically literally simply only".split()
)
#: Words after "you <name>" that make the name a verb ("you rat on", "pig out").
_VERB_PARTICLES = frozenset("on out around about up off your his her their my our its".split())
#: The reader, as "you" before a name ("you rat").
_VOCATIVE_YOU = frozenset({"you", "u", "ya", "ye"})
#: A group of people in apposition after the name ("greedy pigs, the lot of you",
#: "parasites, all of them"): the reader, or the people the customer means.
_GROUPS = frozenset({"lot", "all", "pair", "bunch", "both", "each", "every", "one"})
_GROUP_PEOPLE = {"you": "you", "ya": "you", "ye": "you", "them": "third"}
#: What only people do, up to ``_REACH`` words after the name ("the rat who answered the
#: phone", "some pig in your warehouse binned my parcel"): speaking and dealing with
#: customers. Nothing an animal does ("chewed", "bit", "kicked", "lives").
_HUMAN_ACTS = frozenset(
    "answered replied said told lied promised laughed hung shouted yelled swore sneered "
    "refused insisted claimed emailed phoned rang wrote typed charged billed overcharged "
    "cancelled scammed conned cheated robbed binned stole refunded".split()
)
#: Where staff, not animals, are found, right after the name ("the cow at the front desk").
_STAFF_PLACES = (
    ("at", "the", "desk"),
    ("at", "the", "front", "desk"),
    ("on", "the", "front", "desk"),
    ("at", "reception"),
    ("on", "reception"),
    ("on", "the", "phone"),
    ("on", "the", "phones"),
    ("at", "the", "till"),
    ("at", "the", "checkout"),
    ("behind", "the", "counter"),
    ("behind", "the", "desk"),
    ("on", "the", "helpline"),
)
#: How far after the name a person's act may come.
_REACH = 4

Subject = Callable[[tuple[str, ...], int], "tuple[str, str] | None"]
Nearest = Callable[[tuple[str, ...], int, int, bool], "tuple[str, str]"]


def creature_called(
    toks: tuple[str, ...],
    i: int,
    lower: str,
    copula_subject: Subject,
    nearest: Nearest,
    person: frozenset[str],
) -> tuple[str, str] | None:
    """Whom the animal's name at ``i`` calls that animal, as (target class, word), or None
    when it names an animal: the reader right after "you" or before "the lot of you"; whom a
    copula says it of ("your agent is a weasel"); the person asked what it is like to be one
    ("how does it feel to be a parasite on your customers"); no one in particular in an
    exclamation ("what a snake"); a person, when an act only people do or a desk follows it
    ("the cow at the front desk hung up on me"). ``person``: the target classes that name a
    person."""
    n = len(toks)
    if i + 1 < n and toks[i + 1] not in _NEXT and joined(lower, toks[i], toks[i + 1]):
        return None  # "your rep is a dog lover", "a snake expert": it qualifies a noun
    j = i - 1
    while j >= 0 and i - j <= 3 and toks[j] in _MODIFIERS:
        j -= 1
    if j >= 0 and toks[j] in _VOCATIVE_YOU:
        if i + 1 == n or toks[i + 1] not in _VERB_PARTICLES:
            return "you", toks[j]
    if j > 0 and toks[j] in ("a", "an") and toks[j - 1] in ("be", "being"):
        who = nearest(toks, i, n, True)
        return who if who[0] in person else None
    if j > 0 and toks[j] in ("a", "an") and toks[j - 1] in ("what", "such"):
        if toks[i + 1 : i + 2] == ("of",):  # "what a pig of a job", "a snake of a manager"
            who = nearest(toks, i, n, True)
            return who if who[0] in person else None
        return "none", ""  # "what a snake", "such a pig": an exclamation about someone
    said = _predicate_of(toks, j + 1, copula_subject, nearest)
    if said is not None:
        return said if said[0] in person or said[0] in ("self", "outsider") else None
    after = toks[i + 1 : i + 1 + _REACH]
    for k in range(len(after) - 2):
        if after[k] in _GROUPS and after[k + 1] == "of" and after[k + 2] in _GROUP_PEOPLE:
            return _GROUP_PEOPLE[after[k + 2]], after[k + 2]
    if not _HUMAN_ACTS.isdisjoint(after):
        return "third", toks[i]
    if any(toks[i + 1 : i + 1 + len(place)] == place for place in _STAFF_PLACES):
        return "staff", toks[i]
    return None


def _predicate_of(
    toks: tuple[str, ...], p: int, copula_subject: Subject, nearest: Nearest
) -> tuple[str, str] | None:
    """Whom a copula says the predicate starting at ``p`` of (the name, or the first of its
    modifiers), across "all", "nothing but", articles; "you lot are ..." is the reader. A
    subject the aim rules do not class ("your caterer is a pig") is the nearest person."""
    k = p
    while k > 0 and p - k < 4 and toks[k - 1] in _PREDICATE_WORDS:
        k -= 1
    if k >= 3 and toks[k - 1] in ("are", "were") and toks[k - 2] == "lot":
        if toks[k - 3] in _VOCATIVE_YOU:
            return "you", toks[k - 3]  # "you lot are vermin"
    said = copula_subject(toks, p)
    if said is None and k < p:
        said = copula_subject(toks, k)
    if said is None and k > 1 and toks[k - 1] in _COPULAS:
        said = nearest(toks, p, len(toks), True)
    return said
