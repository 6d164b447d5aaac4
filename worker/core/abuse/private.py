"""A member of staff's private life told back: where their family goes, where they live,
their own routine off duty (the facts of it are read by :mod:`worker.core.abuse.routine`).

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

from worker.core.abuse import routine

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
    r"|(?:mentioned|said|explained|was saying)\s+(?:that\s+)?(?:he|she|his|her|they|their)\b"
    r"|(?:he|she|they)\s+(?:\w+\s+)?(?:told|mentioned|said|says|explained|was saying|showed)\b"
    r"|(?:(?:he|she)\s+(?:was|is)|he'?s|she'?s)\s+(?:so\s+|really\s+|very\s+)?(?:kind|lovely"
    r"|brilliant|great"
    r"|helpful|friendly|sweet|patient|nice)\b"
    r"|(?:great|brilliant|fantastic|lovely|excellent|amazing)\s+(?:job|work)\b"
    r"|pass\s+on\s+(?:my\s+)?(?:thanks|regards|best)|say(?:s)?\s+hi\b|said\s+hi\b"
    r"|wish\s+(?:him|her|them)\s+(?:luck|well|all the best)"
    r"|give\s+(?:him|her|them)\s+my\s+(?:regards|best|love|thanks)"
    r"|lovely\s+(?:guy|lad|bloke|man|woman|lady|girl|chap|fella|person)\b|credit\s+to"
    r"|thanks?\s+(?:you\s+)?(?:to\s+)?(?:him|her)\b|book\s+(?:him|her)\s+again"
    r"|ask\s+for\s+(?:him|her)\b)",
    re.IGNORECASE,
)
#: A word shaped like a trade ("groomer", "harbourmaster", "florist"): with a name after it
#: ("your groomer Becky"), someone at the business; without one, only a noun our lists or
#: WordNet give a person counts ("your order" is shaped like one).
_ROLE = re.compile(r"[a-z]{3,}(?:er|ist|or|ian|master|man|woman)\Z")
_KIN_WORD = re.compile(rf"^{_KIN}$")
_FAMILY_PATTERNS = (
    _PRONOUN_OWNER,
    _PRONOUN_OWNER_BEFORE,
    _NAMED_OWNER,
    _NAMED_OWNER_BEFORE,
    _LIVES,
)
#: A name given to someone at the business without a trade: "Nicola from the salon", "Tom
#: from your Chester branch", "is Aoife in yet?", "tell Dean to ...", "a message to Marcus".
_NAMED_AT_WORK = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:from|at|in|on)\s+(?:your|ur|the)\b"
    r"|\bis\s+([A-Z][a-z]+)\s+(?:in|on|there|working|about|around|available|back)\b"
    r"|\b(?:tell|ask|get)\s+([A-Z][a-z]+)\s+to\b"
    r"|\b(?:message|note)\s+(?:to|for)\s+([A-Z][a-z]+)\b"
)
#: A fragment: at most this many words, none of them the speaker or the reader.
_FRAGMENT = 8
_SPEAKER_WORDS = frozenset(
    "i i'm im i'll i've ive i'd me my mine we we're we'll our ours us you your ur u".split()
)
_FIELD = re.compile(r"\s*[A-Za-z][A-Za-z ]{0,20}:")
#: Pronouns that name a third person, for whom a sentence is about.
_STAFF_PRONOUNS = frozenset("he she his her him hes shes".split())
#: Capitalised words that name no one ("Hello from the team", "... agent. My order").
_NOT_NAMES = _NOT_OWNERS | frozenset(
    "hi hello hey greetings sent regards thanks thank cheers dear message messages email "
    "emails letter call calls someone somebody nobody everyone everybody anyone anybody "
    "people staff support customer customers team service i it this that they we you my our "
    "your the a an and but or so if when then please thx ta ok okay yes no not re fw fwd "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december street road lane avenue".split()
)
#: A cheap first test, on a message and then on each sentence: without one of these words
#: (a family member, "lives", a question tag) the family and home patterns cannot match.
_KIN_OR_HOME = frozenset(
    "wife husband hubby missus misses partner half fiance fiancee fianc girlfriend "
    "boyfriend kid kids children child son sons daughter daughters boy boys girl girls lad "
    "twins baby babies little mum mam mom mummy mother dad father parents brother sister nan "
    "gran grandma grandad grandkids grandson granddaughter family fella bloke lives".split()
)
_TAG_WORDS = frozenset("right yeah correct innit isn isnt doesn doesnt ain aint".split())


class StaffLife:
    """Finds a member of staff's private life told back: their family's habits, their home,
    their own routine off duty (see the module and :mod:`worker.core.abuse.routine`)."""

    def __init__(self, is_person: Callable[[str], bool], is_staff: Callable[[str], bool]) -> None:
        #: A noun for one person ("roofer"); ``is_staff``: a noun for someone at the
        #: business by our lists ("driver", "nurse"), which needs no "your" before it.
        self._is_person = is_person
        self._is_staff = is_staff

    def __call__(self, text: str) -> str | None:
        """What was found, as a bounded cue: "staff_life:family", "staff_life:address",
        "staff_life:home" or "staff_life:routine:<kinds>" ("habit+off_duty"); or None."""
        # First passes that need no reading of who is named: the sentences where a family or
        # home pattern matches at all, and the routine facts of any sentence.
        family = (
            [s for s in routine.SENTENCE.split(text) if _family_words(s) and _any_family_match(s)]
            if _family_words(text)
            else []
        )
        maybe_routine = bool(routine.private_life(text))
        if not (family or maybe_routine) or _TOLD.search(text):
            return None
        staff = self._staff_names(text)
        if not staff.anchored:
            return None
        for sentence in family:
            what = self._in_sentence(sentence, staff)
            if what is not None:
                return f"staff_life:{what}"
        if maybe_routine:
            found = routine.private_life(text, lambda sentence: self._about(sentence, staff))
            if found:
                return "staff_life:routine:" + "+".join(sorted(found))
        return None

    def _about(self, sentence: str, staff: _Staff) -> bool:
        """Whether ``sentence`` speaks of a member of staff: "he" or "she" (not beside the
        customer's own people), a name the message gives one, or a noun for staff."""
        if _MINE.search(sentence):
            return False
        tokens = _TOKEN.findall(sentence)
        for token in tokens:
            low = _bare(token.lower())
            if low in _STAFF_PRONOUNS or low in staff.names or self._is_staff(low):
                return True
        # A fragment in a message that names them ("Courier Ahmed. Gym mon/wed/fri 6am."):
        # short, with no one else in it, and not a form's field ("Property: 3 Mill Road").
        return (
            len(tokens) <= _FRAGMENT
            and _SPEAKER_WORDS.isdisjoint(t.lower() for t in tokens)
            and not _FIELD.match(sentence)
        )

    def _in_sentence(self, sentence: str, staff: _Staff) -> str | None:
        """What ``sentence`` tells of a member of staff's family or home: "family" (where a
        family member goes), "address" (asked back) or "home" (where they live); or None.
        Never the words themselves: the cue must not carry names or places."""
        mine = _MINE.search(sentence) is not None
        if not mine:
            for pattern in (_PRONOUN_OWNER, _PRONOUN_OWNER_BEFORE):
                if pattern.search(sentence) is not None:
                    return "family"
        for pattern in (_NAMED_OWNER, _NAMED_OWNER_BEFORE):
            for m in pattern.finditer(sentence):
                if self._owner_is_staff(m.group(1), sentence, m.start(1), staff):
                    return "family"
        if not mine and _TAG.search(sentence) and not _SPEAKER.search(sentence):
            if _ADDRESS.search(sentence) is not None:
                return "address"
        for m in _LIVES.finditer(sentence):
            owner = m.group(1)
            if owner.lower() in ("he", "she"):
                if not mine:
                    return "home"
            elif self._owner_is_staff(owner, sentence, m.start(1), staff):
                return "home"
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
        if not self._may_name_staff(low):
            return False
        before = [t.lower() for t in _TOKEN.findall(sentence[:at])][-3:]
        if any(t in ("my", "our", "mine") for t in before):
            return False
        return any(t in _DETERMINERS for t in before)

    def _may_name_staff(self, word: str) -> bool:
        return self._is_person(word) or (_role_shaped(word) and not _KIN_WORD.match(word))

    def _staff_names(self, text: str) -> _Staff:
        """The names the message gives members of staff, and whether it names one at all.
        A name is a capitalised word right after a title or a trade, with only spaces
        between ("your groomer Becky", "Mr Okafor"; not "... Team.\n\nMy son")."""
        spans = list(_TOKEN.finditer(text))
        tokens = [m.group(0) for m in spans]
        lowered = [t.lower() for t in tokens]
        bare = {t: _bare(t) for t in set(lowered)}
        low = [bare[t] for t in lowered]
        # Only titles, nouns for people and words shaped like a trade can name staff.
        wanted = {t for t in set(low) if t in _TITLES or self._may_name_staff(t)}
        names: set[str] = set()
        anchored = False
        for i in [i for i, t in enumerate(low) if t in wanted]:
            tok = low[i]
            after = ""
            if i + 1 < len(tokens):
                gap = text[spans[i].end() : spans[i + 1].start()]
                if not gap.strip() or (tok in _TITLES and gap.strip() == "."):  # "Mr. Reece"
                    after = tokens[i + 1]
            named = after[:1].isupper() and _bare(after.lower()) not in _NOT_NAMES
            if tok in _TITLES:
                if named:
                    names.add(_bare(after.lower()))
                    anchored = True
                continue
            person = self._is_person(tok)  # else shaped like a trade (``wanted``)
            before = low[max(0, i - 3) : i]
            if "my" in before or "our" in before:
                continue
            if named:
                names.add(_bare(after.lower()))
                anchored = True
            elif person and (self._is_staff(tok) or any(t in _DETERMINERS for t in before)):
                anchored = True
        for m in _NAMED_AT_WORK.finditer(text):
            name = next(g for g in m.groups() if g)
            if name.lower() not in _NOT_NAMES:
                names.add(name.lower())
                anchored = True
        return _Staff(anchored=anchored, names=frozenset(names))


def _family_words(text: str) -> bool:
    """Whether ``text`` holds a word the family and home patterns need: a family member,
    "lives", or a question tag with a digit (an address asked back)."""
    words = routine.LOWER_WORD.findall(text.lower())
    if not _KIN_OR_HOME.isdisjoint(words):
        return True
    return not _TAG_WORDS.isdisjoint(words) and routine.DIGIT.search(text) is not None


def _any_family_match(sentence: str) -> bool:
    """Whether any family or home pattern matches ``sentence``, whoever it names."""
    return any(p.search(sentence) for p in _FAMILY_PATTERNS) or (
        _TAG.search(sentence) is not None and _ADDRESS.search(sentence) is not None
    )


def _role_shaped(word: str) -> bool:
    """Letters only, and a trade's ending after three or more ("groomer", "florist")."""
    return _ROLE.match(word) is not None


def _bare(token: str) -> str:
    """A token without its possessive ending: "becky's" -> "becky"."""
    return token.split("'")[0].split("\u2019")[0]


class _Staff:
    """Whether a message names a member of staff, and the names it gives them."""

    __slots__ = ("anchored", "names")

    def __init__(self, *, anchored: bool, names: frozenset[str]) -> None:
        self.anchored = anchored
        self.names = names
