"""Strong words in a plain sense: what mood (anger, politeness, situation) reads instead.

Some words of violence or hatred are, in a help-desk message, an operation or a courtesy:

- "Can you kill the stuck job?" asks for an operation. The anger layer learnt "kill" from
  Reddit comments (GoEmotions), where it is mostly violence or hyperbole, and VADER scores
  it -3.7, so this request scored anger 0.77 ("medium") and drew `keep-calm`. When "kill"
  (any inflection) governs a technical object a few words on ("kill the stuck sync job",
  "killed all my browser tabs"), it is read as "end" ("fix" for a bug).
- "I hate to bother you again, but ..." is an apology (anger 0.96, "high", before): "hate
  to" + a verb is read as "sorry to".
- "I'd kill for a dark mode" is a wish (anger 0.59): "kill for" / "kill to have" is read
  as "love".
- "I don't mean to be rude, but this is the fourth time I've asked" is a courtesy before a
  complaint (anger 0.92, "high"): "rude" (or "harsh", "pushy" ...) after "don't mean to be"
  is read as "difficult" (0.47).

:func:`plain_senses` rewrites those words, and the engine reads anger, politeness, sarcasm
and the situation on the result. The abuse and threat detectors always read the customer's
own words: a threat is judged on what was written, and their rules already tell "kill this
bug" from "kill you". Violence aimed at people keeps its words ("kill the developer", "kill
the app's designer"), and so do hyperbole and hatred ("this job is killing me", "I hate
this company"), which are anger.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["plain_senses"]

# What an operator kills: programs, their parts and runs, and the things a help desk ends
# on request. A person never: "the app's developer" stops the match (see _PEOPLE).
_OBJECTS = (
    "process|processes|job|jobs|task|tasks|session|sessions|app|apps|application|"
    "applications|program|programs|tab|tabs|window|windows|query|queries|bug|bugs|service|"
    "services|daemon|container|containers|pod|pods|thread|threads|connection|connections|"
    "request|requests|script|scripts|instance|instances|server|servers|"
    "build|builds|deploy|deployment|deployments|pipeline|pipelines|cron|batch|sync|upload|"
    "uploads|download|downloads|export|exports|import|imports|transaction|transactions|"
    "loop|vm|vms|browser|browsers|pid|feature|features|notification|notifications|popup|"
    "popups|pop-up|pop-ups|alert|alerts|alarm|alarms|power|engine|macro|macros|timer"
)
# A word right after the object that makes it a person or a person's ("the app's designer",
# "the server who spilt the wine"). Never "worker" as an object: it is mostly a person.
_PEOPLE = (
    "developer|developers|dev|devs|team|teams|guy|guys|people|owner|owners|staff|manager|"
    "managers|engineer|engineers|designer|designers|admin|admins|person|lady|man|woman|"
    "boss|support|agent|agents|operator|operators|company|who|whom|whose"
)
_DETERMINERS = "the|this|that|these|those|my|our|your|a|an|all|any|every|each|its|their|of|both"
# "kill" and its inflections, up to three determiners, then up to two modifiers, the object.
_TECHNICAL = re.compile(
    r"\b(kill(?:s|ed|ing)?)(\s+(?:off\s+)?"
    rf"(?:(?:{_DETERMINERS})\s+){{0,3}}"
    r"(?:[a-z0-9][\w-]*\s+){0,2}"
    rf"({_OBJECTS}))\b"
    rf"(?!'s|s'|\u2019s|-?(?:{_PEOPLE})\b|\s+(?:{_PEOPLE})\b)",
    re.IGNORECASE,
)
_ENDED = {"kill": "end", "kills": "ends", "killed": "ended", "killing": "ending"}
# A bug is fixed, not ended: "kill this bug already" asks for a fix.
_FIXED = {"kill": "fix", "kills": "fixes", "killed": "fixed", "killing": "fixing"}
# "hate to" + a verb: the apology of someone about to ask ("hate to bother you", "hate to be
# that person", "I'd hate to lose the account"); not "hate to the core", "hate to my face".
_HATE_TO = re.compile(
    r"\b(hate[sd]?)(\s+to\s+)(?!(?:the|my|your|our|his|her|their|a|an|this|that|death|core|"
    r"bits|pieces)\b)(?=[a-z])",
    re.IGNORECASE,
)
# "I'd kill for" something, "we would kill to have" something: a wish, only after a
# conditional ("I'll kill for this" stays as written).
_KILL_FOR = re.compile(
    r"\b((?:i|we|you|they|people|anyone)(?:'d|\u2019d|\s+would|\s+could)"
    r"(?:\s+(?:honestly|literally|seriously|actually|totally|absolutely|so))?\s+)"
    r"(kill)(\s+(?:for\s+(?=a\b|an\b|some\b|one\b|the\b|[a-z]+\s+(?:mode|option|feature|"
    r"button|setting|version|update|app)\b)|to\s+(?=have\b|get\b|see\b)))",
    re.IGNORECASE,
)

# "I don't mean to be rude, but ...": a courtesy before a complaint, not rudeness.
_NOT_MEANT = re.compile(
    r"\b((?:don't|don\u2019t|dont|do\s+not|didn't|didn\u2019t|did\s+not|never)\s+"
    r"(?:mean|want|wish|intend)\s+to\s+(?:be|sound|seem|come\s+across\s+as)\s+"
    r"(?:so\s+|too\s+)?)(rude|harsh|mean|nasty|pushy|aggressive|blunt|obnoxious)\b",
    re.IGNORECASE,
)


def _cased(plain: str, like: str) -> str:
    """``plain`` in the case of ``like`` (all capitals, a capital first, or lower)."""
    if like.isupper() and len(like) > 1:
        return plain.upper()
    return plain.capitalize() if like[0].isupper() else plain


def _technical(match: re.Match[str]) -> str:
    verb = match.group(1)
    plain = (_FIXED if match.group(3).lower() in ("bug", "bugs") else _ENDED)[verb.lower()]
    return _cased(plain, verb) + match.group(2)


def _sorry(match: re.Match[str]) -> str:
    return _cased("sorry", match.group(1)) + match.group(2)


def _difficult(match: re.Match[str]) -> str:
    return match.group(1) + _cased("difficult", match.group(2))


def _love(match: re.Match[str]) -> str:
    gap = match.group(3)
    return match.group(1) + _cased("love", match.group(2)) + (gap if "to" in gap.lower() else " ")


# (words one of which every match contains, a cheap test first; the pattern; its replacement)
_RULES: tuple[tuple[tuple[str, ...], re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (("kill",), _KILL_FOR, _love),
    (("kill",), _TECHNICAL, _technical),
    (("hate",), _HATE_TO, _sorry),
    (("mean to", "want to", "wish to", "intend to"), _NOT_MEANT, _difficult),
)


def plain_senses(text: str) -> str | None:
    """``text`` with each such word read in its plain sense, or None when there is none.

    The rules run again on their own output until nothing changes ("kill kill job": the
    second "kill" first, then the first). Each pass that changes the text removes a word a
    rule rewrites ("kill", "hate", "rude" ...) and no rule writes one, so this ends."""
    plain = text
    while True:
        lower = plain.lower()
        before = plain
        for keys, pattern, repl in _RULES:
            if any(key in lower for key in keys):
                plain = pattern.sub(repl, plain)
        if plain == before:
            return plain if plain != text else None
