"""A member of staff's private life told back: where their family goes, where they live.

"Ur roofer Kev takes his kids to Greenway Academy", "Mr Okafor's daughter swims at the
Riverside leisure centre on Saturday mornings", "your window cleaner's dad lives at 22 Harrow
Lane": a customer who writes where someone at the business, or their family, can be found
every day intimidates them, whatever else the message says (the playbook: knowing where
someone lives, waiting for them, is a threat). What marks it is a *habit* of a third person's
family or home, in the present tense ("his daughter rides at ...", "she lives above ..."),
in a message that names a member of staff; an incident ("his wife went into labour") is
not a habit.

Never for what the staff member told the customer ("your engineer mentioned his daughter
plays for Ridgeway, so does mine"), beside praise of them ("she was so kind"), or for the
customer's own people ("my son goes to ...", "my friend's daughter ..."): a "his" or "her"
in a sentence that names one of the customer's own people is read as theirs. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["StaffLife"]

# -- the family member -------------------------------------------------------------------

_KIN = (
    r"(?:wife|husband|hubby|missus|misses|partner|other half|fianc[eé]e?|girlfriend|boyfriend"
    r"|kids?|children|child|sons?|daughters?|boys?|girls?|lad|twins|bab(?:y|ies)|little ones?"
    r"|mum|mam|mom|mummy|mother|dad|father|parents|brother|sister|nan|gran|grandma|grandad"
    r"|grandkids|grandson|granddaughter|family|fella|bloke)"
)
#: Words between the owner and the family member: "his two little girls", "her eldest".
_ADJ = (
    r"(?:(?:little|eldest|oldest|youngest|older|younger|two|three|teenage|twin|baby|new|young"
    r"|old|wee|lovely|sweet|pregnant)\s+)*"
)
#: A habit of where the family member is found, in the present tense, right after them
#: (up to two words between: "his daughter also swims at", "her lad now plays for").
_HABIT_AFTER = (
    r"(?:goes|go|attends|attend|works|work|plays|play|swims|swim|rides|ride|trains|train"
    r"|dances|dance|lives|live|teaches|runs|volunteers|sings|studies|boards|drives for"
    r"|walks (?:to|home)|gets the bus|catches the bus|starts at|started at|is in year"
    r"|are in year|is in reception|does (?:the )?(?:reception|nights|shifts|mornings)"
    r"|has (?:a |an |her |his |that )?(?:\w+ ){0,3}(?:shop|salon|stall|cafe|caf[eé]|bar"
    r"|business|practice|studio|van|pitch))\b"
)
#: A habit of taking the family member somewhere, right before them: "takes his kids to".
_HABIT_BEFORE = (
    r"\b(?:takes|drops|drops off|picks|picks up|collects|walks|drives|brings|ferries"
    r"|does the school run with)\s+"
)
_PRONOUN_OWNER = re.compile(
    rf"\b(?:his|her)\s+{_ADJ}{_KIN}\b(?:\s+\w+){{0,2}}?\s+{_HABIT_AFTER}", re.IGNORECASE
)
_PRONOUN_OWNER_BEFORE = re.compile(
    rf"{_HABIT_BEFORE}(?:his|her)\s+{_ADJ}{_KIN}\s+(?:up\s+)?(?:to|from|at|off)\b",
    re.IGNORECASE,
)
#: "Becky's little boy is in Year 2", "your window cleaner's dad lives at": the owner is the
#: word before "'s" (a name or a noun for a person, checked by the caller).
_NAMED_OWNER = re.compile(
    rf"\b([A-Za-z]+)['\u2019]s\s+{_ADJ}{_KIN}\b(?:\s+\w+){{0,2}}?\s+{_HABIT_AFTER}",
    re.IGNORECASE,
)
_NAMED_OWNER_BEFORE = re.compile(
    rf"{_HABIT_BEFORE}([A-Za-z]+)['\u2019]s\s+{_ADJ}{_KIN}\s+(?:up\s+)?(?:to|from|at|off)\b",
    re.IGNORECASE,
)

# -- the home ----------------------------------------------------------------------------

#: "she lives above the bakery", "Kev lives on Ashdown Road": a third person's home; not a
#: neighbour's ("lives on my road", "lives in the flat above mine"), nor an idiom ("lives in
#: a dream world", "lives on her own").
_LIVES = re.compile(
    r"\b(he|she|[A-Za-z]+)\s+(?:still\s+|now\s+|actually\s+)?lives\s+(?:at|on|in|above|behind"
    r"|off|near|opposite|next to|round|down|up|by)\b(?!(?:\s+[\w']+){0,4}?\s+(?:my|mine|me|us"
    r"|our|ours)\b)(?!\s+(?:(?:a|an|the|his|her|their)\s+)?(?:dream|fantasy|own|bubble|past"
    r"|cloud|world|denial|hope|fear|la-la|cloud-cuckoo|parallel|different|another|ignorance)\b)",
    re.IGNORECASE,
)

#: A street address: "22 Harrow Lane", "Cedar Close, number 14", "flat 3, Mill Court".
_STREET = (
    r"(?:road|rd|lane|ln|street|st|close|avenue|ave|drive|crescent|way|gardens|court|terrace"
    r"|place|grove|walk|row|mews|square|hill|rise|park|view|green)"
)
_ADDRESS = re.compile(
    rf"(?:\b\d{{1,4}}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){{1,2}}{_STREET}\b"
    rf"|\b[A-Z][a-z]+\s+{_STREET}\b,?\s+(?:number|no\.?|flat|house)\s*\d{{1,4}}\b)",
    re.IGNORECASE,
)
#: An address asked back ("... isn't it", "..., right?"): where someone lives, known.
_TAG = re.compile(
    r"(?:\bright\s*\?|\byeah\s*\?|\bcorrect\s*\?|\binnit\b|\bisn'?t\s+(?:it|he|she|that)\b"
    r"|\bdoesn'?t\s+(?:he|she)\b|\bain'?t\s+(?:it|he|she)\b)",
    re.IGNORECASE,
)
#: The speaker in the sentence, or a delivery or visit: then the address is theirs, or where
#: something went ("your courier left it at 14 Cedar Close, right?").
_SPEAKER = re.compile(
    r"\b(?:i|i'm|im|i've|my|me|we|we're|our|us|deliver\w*|left|leave|dropped|drop|sent|send"
    r"|ship\w*|post(?:ed)?|parcel|package|order|address|booked|booking|appointment|install\w*"
    r"|visit\w*|job|went|go|going|came|come)\b",
    re.IGNORECASE,
)

# -- who is named ------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")
#: Titles before a surname: "Mr Okafor's daughter".
_TITLES = frozenset("mr mrs ms miss dr mx".split())
#: Words before a noun that make it someone of the business's: "your plumber", "the driver".
_DETERMINERS = frozenset("your ur yr the that this ya".split())
#: Words that are never the owner of a family ("it's", "one's", "today's").
_NOT_OWNERS = frozenset(
    "it that what who there here one today yesterday tomorrow everyone everybody someone "
    "somebody anyone anybody nobody he she let".split()
)
#: The customer's own: a "his" or "her" in a sentence with one of these is theirs.
_MINE = re.compile(
    r"\b(?:my|our|me and|i and)\s+(?:\w+\s+){0,2}?(?:wife|husband|partner|son|daughter|kids?"
    r"|children|child|boy|girl|lad|mum|mam|mom|dad|mother|father|brother|sister|nan|gran"
    r"|grandma|grandad|grandson|granddaughter|friend|neighbour|neighbor|niece|nephew|cousin"
    r"|aunt|auntie|uncle|colleague|boss|mate|pal|family|fiance|fiancee|girlfriend|boyfriend"
    r"|other half|missus|hubby|baby|twins|tenant|lodger|carer)\b",
    re.IGNORECASE,
)
#: What the staff member told the customer, or praise of them: small talk, not surveillance.
_TOLD = re.compile(
    r"\b(?:(?:told|tells|mentioned|mentions|said|says|was saying|were saying|explained"
    r"|showed|chatting|chatted|chat)\s+(?:to\s+)?(?:me|us)\b"
    r"|(?:mentioned|mentions|said|says|explained|was saying)\s+(?:that\s+)?(?:he|she|his|her"
    r"|they|their)\b"
    r"|(?:he|she|they)\s+(?:\w+\s+)?(?:told|mentioned|said|says|explained|was saying|showed)\b"
    r"|(?:(?:he|she)\s+(?:was|is)|he'?s|she'?s)\s+(?:so\s+|really\s+|very\s+)?(?:kind|lovely"
    r"|brilliant|great"
    r"|helpful|friendly|sweet|patient|nice)\b"
    r"|(?:great|brilliant|fantastic|lovely|excellent|amazing)\s+(?:job|work)\b"
    r"|pass\s+on\s+(?:my\s+)?(?:thanks|regards|best)|say(?:s)?\s+hi\b|said\s+hi\b"
    r"|wish\s+(?:him|her|them)\s+(?:luck|well|all the best)"
    r"|give\s+(?:him|her|them)\s+my\s+(?:regards|best|love|thanks))",
    re.IGNORECASE,
)
#: A word shaped like a trade ("groomer", "harbourmaster", "florist"): with a name after it
#: ("your groomer Becky"), someone at the business; without one, only a noun our lists or
#: WordNet give a person counts ("your order" is shaped like one).
_ROLE = re.compile(r"^[a-z]{3,}(?:er|ist|or|ian|master|man|woman)$")
_KIN_WORD = re.compile(rf"^{_KIN}$")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
#: A cheap first test: no family word nor "lives" nor a question tag, no private life.
_ANY = re.compile(rf"\b(?:{_KIN}|lives)\b", re.IGNORECASE)


class StaffLife:
    """Finds a member of staff's family habits or home told back (see the module)."""

    def __init__(self, is_person: Callable[[str], bool]) -> None:
        self._is_person = is_person

    def __call__(self, text: str) -> str | None:
        """What was found ("staff_life:<the words>"), or None."""
        if not (_ANY.search(text) or _TAG.search(text)) or _TOLD.search(text):
            return None
        staff = self._staff_names(text)
        if not staff.anchored:
            return None
        for sentence in _SENTENCE.split(text):
            found = self._in_sentence(sentence, staff)
            if found is not None:
                return f"staff_life:{found.lower()}"
        return None

    def _in_sentence(self, sentence: str, staff: _Staff) -> str | None:
        mine = _MINE.search(sentence) is not None
        if not mine:
            for pattern in (_PRONOUN_OWNER, _PRONOUN_OWNER_BEFORE):
                m = pattern.search(sentence)
                if m is not None:
                    return m.group(0)
        for pattern in (_NAMED_OWNER, _NAMED_OWNER_BEFORE):
            for m in pattern.finditer(sentence):
                if self._owner_is_staff(m.group(1), sentence, m.start(1), staff):
                    return m.group(0)
        if not mine and _TAG.search(sentence) and not _SPEAKER.search(sentence):
            m = _ADDRESS.search(sentence)
            if m is not None:
                return m.group(0)
        for m in _LIVES.finditer(sentence):
            owner = m.group(1)
            if owner.lower() in ("he", "she"):
                if not mine:
                    return m.group(0)
            elif self._owner_is_staff(owner, sentence, m.start(1), staff):
                return m.group(0)
        return None

    def _owner_is_staff(self, owner: str, sentence: str, at: int, staff: _Staff) -> bool:
        """Whether ``owner`` (a word of ``sentence`` at ``at``) is a member of staff: a name
        the message gives one ("your groomer Becky", "Mr Okafor"), or a noun for a person or
        a word shaped like a trade, with "your", "the" ... before it and not "my" ("your
        window cleaner's dad")."""
        low = owner.lower()
        if low in _NOT_OWNERS:
            return False
        if owner[0].isupper() and low in staff.names:
            return True
        if not (self._is_person(low) or (_ROLE.search(low) and not _KIN_WORD.match(low))):
            return False
        before = [t.lower() for t in _TOKEN.findall(sentence[:at])][-3:]
        if any(t in ("my", "our", "mine") for t in before):
            return False
        return any(t in _DETERMINERS for t in before)

    def _staff_names(self, text: str) -> _Staff:
        """The names the message gives members of staff, and whether it names one at all."""
        tokens = _TOKEN.findall(text)
        low = [t.lower() for t in tokens]
        names: set[str] = set()
        anchored = False
        for i, tok in enumerate(map(_bare, low)):
            if tok in _TITLES and i + 1 < len(tokens) and tokens[i + 1][0].isupper():
                names.add(_bare(low[i + 1]))
                anchored = True
                continue
            person = self._is_person(tok)
            if not (person or (_ROLE.search(tok) and not _KIN_WORD.match(tok))):
                continue
            before = low[max(0, i - 3) : i]
            if "my" in before or "our" in before:
                continue
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if after[:1].isupper() and after.lower() not in _NOT_OWNERS:
                names.add(_bare(after.lower()))
                anchored = True
            elif person and any(t in _DETERMINERS for t in before):
                anchored = True
        return _Staff(anchored=anchored, names=frozenset(names))


def _bare(token: str) -> str:
    """A token without its possessive ending: "becky's" -> "becky"."""
    return token.split("'")[0].split("\u2019")[0]


class _Staff:
    """Whether a message names a member of staff, and the names it gives them."""

    __slots__ = ("anchored", "names")

    def __init__(self, *, anchored: bool, names: frozenset[str]) -> None:
        self.anchored = anchored
        self.names = names
