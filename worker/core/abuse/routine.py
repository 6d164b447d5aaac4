"""Private facts of a person's own life in a message: a regular time, an off-duty place or
pastime, a car told by its colour and make or its plate, a personal social-media account,
a home. :class:`worker.core.abuse.private.StaffLife` reads two kinds of them together, in a
message that names a member of staff, as that person's life watched ("Courier Ahmed. Gym
mon/wed/fri 6am Harrow Leisure."; "your engineer Kev gets the 6.52 from Didcot Parkway every
morning"), one of them off duty, online or at home (:func:`private_life`). One kind alone,
or a habit with a car, is everyday talk of the job ("the engineer comes every Tuesday", "the
driver comes every morning in a white Transit").

A fact does not count when the speaker owns it ("my car's a silver Kia", "I'll be at your
office on Friday morning"), nor in a sentence about the job ("van KS70 DHF on the double
yellows doing your drops") or that does not speak of the person (the caller decides). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["DIGIT", "KINDS", "LOWER_WORD", "PRIVATE", "SENTENCE", "facts", "private_life"]

_WEEKDAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?"
#: A habit: "every morning", "most weeks", "fridays", "mon/wed/fri", "as usual", "same
#: stool", "like clockwork" (nights are off duty, below).
_HABIT = (
    rf"\b(?:every|each|most)\s+(?:single\s+)?(?:morning|day|week|weekday|weekend|arvo|afternoon"
    rf"|lunchtime|lunch|{_WEEKDAY})s?\b"
    rf"|\b{_WEEKDAY}s\b|\b{_WEEKDAY}\s+(?:mornings?|afternoons?)\b"
    rf"|\b{_WEEKDAY}\s*/\s*{_WEEKDAY}\b|\bweekdays\b"
    r"|\b(?:as|like|his|her)\s+usual\b|\bweeks?\s+running\b|\bsame\s+(?:stool|seat|table|spot)\b"
    r"|\blike\s+clockwork\b"
)
#: A time of day: "6am", "7.15", "half seven". Alone an appointment or an incident; it counts
#: only beside an off-duty place or pastime ("Takes the 7:15 Metra", "Gym ... 6am").
_CLOCK = (
    r"(?<![\w£$€.])\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)\b|(?<![\w£$€.])\d{1,2}[.:][0-5]\d(?![\d%])"
    r"|\bhalf\s+(?:five|six|seven|eight|nine)\b"
)
#: An off-duty time, place or pastime: nights, the gym, the pub, church, a run, a dog walk,
#: the commute.
_OFF_DUTY = (
    rf"\b(?:every|each|most)\s+(?:night|evening)s?\b|\b{_WEEKDAY}\s+(?:nights|evenings)\b"
    r"|\bweeknights\b"
    r"|\b(?:gym|fitness|leisure\s+cent(?:re|er)|swims|swimming|jogs|jogging|runs\s+(?:past|along"
    r"|round|around|by|the)|(?:his|her)\s+run|loop|parkrun|surfs|surfing|yoga|pilates|zumba"
    r"|squash|tennis|cycles\s+(?:home|to|along)|towpath|walks\s+(?:home|to\s+the)|bowls"
    r"|bowling|quiz|pub|spoons|wetherspoons|church|mosque|temple|synagogue|chapel|mass"
    r"|five-a-side|astro|(?:plays|playing|at\s+the)\s+golf|golf\s+(?:club|course)|darts"
    r"|walks\s+(?:a|his|her|the)\s+\w+|dog\s+walk|after\s+work"
    r"|off[\s-]duty|coffee\s+at|breakfast\s+at|drinks\s+(?:in|at)|(?:gets|takes|catches|rides)"
    r"\s+the\s+(?:\d{1,3}|[\d.:]+\s*(?:am|pm)?|bus|train|tram|ferry|tube|luas|dart|metra)"
    r"|bus\s+\d{1,3}|carriage|quiet\s+car|commute|overnight|sleeps\s+in|the\s+(?:red\s+lion"
    r"|crown|anchor|plough|swan|bell|white\s+hart|king'?s\s+head|rose\s+and\s+crown))\b"
)
_COLOUR = (
    r"(?:black|white|silver|grey|gray|red|blue|navy|green|gold|yellow|orange|purple|maroon"
    r"|beige|bronze|brown|burgundy|lifted)"
)
_MAKE = (
    r"(?:corsa|fiesta|focus|civic|polo|golf|astra|octavia|fabia|qashqai|juke|micra|berlingo"
    r"|ram|ranger|rav4|hilux|camry|corolla|yaris|prius|clio|megane|mini|tesla|model\s+[3sxy]"
    r"|f-?150|silverado|tacoma|transit(?:\s+custom)?|sportage|tucson|i30|kuga|passat|tiguan"
    r"|a3|a4|x5|3\s+series|jeep|wrangler|outback|forester|impreza|cx-?5|mazda|accord|jazz"
    r"|subaru|ute|suv|4x4|hatchback|campervan|motorbike|car|motor)"
)
#: A car told by its colour and make, or by its plate: "silver corsa", "plate ends 4TX",
#: "his ute"; plates in capitals ("YT66 KLO", "171-C reg") are read case-sensitively.
_VEHICLE = (
    rf"\b{_COLOUR}\s+(?:\w+\s+){{0,2}}?{_MAKE}\b|\b(?:plate|reg)\s+(?:ends?|ending|starts?"
    r"|starting|number|no)\b|\b(?:his|her)\s+(?:ute|car|motor|jeep|suv|4x4|campervan)\b"
    r"|\bprivate\s+plate\b"
)
_PLATE = r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b|\b\d{2,3}-[A-Z]{1,2}(?:-\d+)?\b"
#: A personal social-media account: "her personal Twitter", "his private insta", "found
#: her on TikTok", "Facebook says Ashford", "her Strava".
_SOCIAL = (
    r"\b(?:(?:his|her|their|personal|private)\s+(?:\w+\s+)?(?:facebook|fb|insta|instagram"
    r"|twitter|tiktok|strava|snapchat|snap|socials|page|profile|account|posts?)"
    r"|(?:found|follow|followed|following|added)\s+(?:him|her|them)\s+on\s+\w+"
    r"|(?:facebook|insta|instagram|twitter|tiktok|strava)\s+(?:says|shows|said|showed))\b"
)
#: A home: "her apartment", "his new flat", "the duplex off Mesa", "12 Oak Lane", "lives on"
#: (a bare "number 14" is as often where a parcel went).
_HOME = (
    r"(?i:\b(?:(?:his|her|their)\s+(?:new\s+)?(?:apartment|flat|house|place|home|balcony"
    r"|duplex|address|street|road|drive(?:way)?|front\s+door)|new\s+address|the\s+duplex)\b"
    r"|\blives\s+(?:on|at|in|above|behind|off|near|by|opposite|round|two\s+streets)\b)"
    # a street address, its name capitalised ("41 Carlton Grove")
    r"|\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,2}(?:Road|Rd|Lane|Street|St|Close|Avenue|Ave"
    r"|Drive|Crescent|Cres|Way|Gardens|Court|Grove|Terrace|Place)\b"
)
#: The kinds of fact, each with its patterns.
KINDS: dict[str, tuple[re.Pattern[str], ...]] = {
    "habit": (re.compile(_HABIT, re.IGNORECASE),),
    "clock": (re.compile(_CLOCK, re.IGNORECASE),),
    "off_duty": (re.compile(_OFF_DUTY, re.IGNORECASE),),
    "vehicle": (re.compile(_VEHICLE, re.IGNORECASE), re.compile(_PLATE)),
    "social": (re.compile(_SOCIAL, re.IGNORECASE),),
    "home": (re.compile(_HOME),),
}
#: The speaker owning what follows: "my car's a silver Kia" (a possessive a few words before
#: the fact), "I'll be at your office on Friday morning" (the speaker the nearest subject
#: before it; "she jogs past my house every morning" is hers).
_OWN = frozenset("my our mine ours".split())
_OWN_BEFORE = 3
_SPEAKER = frozenset("i i'm im i'll i've ive i'd we we're we'll we've".split())
_OTHER = frozenset("he she his her him hes shes he's she's they their them".split())
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
#: A sentence about the job, or the speaker's own things: its facts are not a private life
#: ("the driver, grey Sprinter with your logo, about 11.20", "the blue Yaris is mine").
_NOT_PRIVATE = re.compile(
    r"\b(?:drops|(?:his|her|the|on\s+a|on\s+his|on\s+her)\s+rounds?|delivering|deliveries"
    r"|delivery|deliver|on\s+duty|on\s+the\s+job|while\s+working|company|work\s+van"
    r"|your\s+van|logo|doing\s+your|uniform|depot|fleet|branded|(?:is|are|'s)\s+(?:mine|ours))\b",
    re.IGNORECASE,
)
#: First person, and a third: a sentence with only the first is the speaker's own ("Thursdays
#: I'm at choir 7-9pm").
_FIRST = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|we|we're|our)\b", re.IGNORECASE)
_THIRD = re.compile(
    r"(?i:\b(?:he|she|his|her|him|hes|shes|he's|she's|they|their)\b)"
    r"|[a-z,]\s+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov"
    r"|Dec)[a-z]*\b)[A-Z][a-z]+"
)
#: Sentence breaks, shared with :mod:`worker.core.abuse.private`: after ". ! ? ;" (the mark
#: stays with its sentence: "..., right?" is a question tag there) and at line ends.
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
#: Capitalised words mid-sentence that are no person: days, months, "I".
_NOT_A_NAME = frozenset(
    "i monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun january february march april may june july august september october "
    "november december".split()
)


_STEMS = "mon tue tues wed weds thu thur thurs fri sat sun".split()
_WEEKDAYS = frozenset(f"{s}{d}{p}" for s in _STEMS for d in ("", "day") for p in ("", "s"))
#: Words without which a kind's patterns cannot match: a message is searched only for the
#: kinds whose words it holds (:func:`_possible`). A set test on every message; the patterns,
#: one long alternation each, cost far more.
_HABIT_WORDS = _WEEKDAYS | frozenset(
    "every each most weekdays usual week weeks same clockwork".split()
)
_OFF_DUTY_WORDS = frozenset(
    "night nights evening evenings weeknights gym fitness leisure swims swimming jogs jogging "
    "runs run loop parkrun surfs surfing yoga pilates zumba squash tennis cycles towpath walks "
    "bowls bowling quiz pub spoons wetherspoons church mosque temple synagogue chapel mass five "
    "astro golf darts dog after duty coffee breakfast drinks gets takes catches rides bus "
    "carriage quiet commute overnight sleeps lion crown anchor plough swan bell hart head "
    "rose".split()
)
_VEHICLE_WORDS = frozenset(
    "black white silver grey gray red blue navy green gold yellow orange purple maroon beige "
    "bronze brown burgundy lifted plate reg private".split()
)
_THIRD_POSSESSIVE = frozenset("his her their".split())
_OWNED_CARS = frozenset("ute car motor jeep suv x campervan".split())  # "4x4": 4, x, 4
_SOCIAL_WORDS = frozenset(
    "facebook fb insta instagram twitter tiktok strava snapchat snap socials personal private "
    "found follow followed following added".split()
)
_OWNED_PAGES = frozenset("page profile account post posts".split())
_HOME_NOUNS = frozenset(
    "apartment flat house place home balcony duplex address street road drive driveway door".split()
)
_STREET_WORDS = frozenset(
    "road rd lane ln street st close avenue ave drive crescent cres way gardens court grove "
    "terrace place".split()
)
#: Letter runs of lower-cased text and a digit, for the word-set gates here and in
#: :mod:`worker.core.abuse.private`.
LOWER_WORD = re.compile(r"[a-z]+")
DIGIT = re.compile(r"\d")
_PLATE_HINT = re.compile(r"[A-Z]{2}\d{2}|\d{2,3}-[A-Z]")
_CLOCK_HINT = re.compile(r"\d[.:][0-5]\d|\d\s*[ap]m\b", re.IGNORECASE)


def _possible(text: str) -> set[str]:
    """The kinds whose needed words ``text`` holds (a superset of what :func:`facts` finds)."""
    words = set(LOWER_WORD.findall(text.lower()))
    digit = DIGIT.search(text) is not None
    third = not _THIRD_POSSESSIVE.isdisjoint(words)
    kinds: set[str] = set()
    if not _HABIT_WORDS.isdisjoint(words):
        kinds.add("habit")
    if "half" in words or (digit and _CLOCK_HINT.search(text)):
        kinds.add("clock")
    if not _OFF_DUTY_WORDS.isdisjoint(words):
        kinds.add("off_duty")
    if (
        not _VEHICLE_WORDS.isdisjoint(words)
        or (third and not _OWNED_CARS.isdisjoint(words))
        or (digit and _PLATE_HINT.search(text))
    ):
        kinds.add("vehicle")
    if not _SOCIAL_WORDS.isdisjoint(words) or (third and not _OWNED_PAGES.isdisjoint(words)):
        kinds.add("social")
    if (
        (third and not _HOME_NOUNS.isdisjoint(words))
        or "lives" in words
        or "duplex" in words
        or ("new" in words and "address" in words)
        or (digit and not _STREET_WORDS.isdisjoint(words))
    ):
        kinds.add("home")
    return kinds


#: The kinds that make a private life by themselves; the others (a habit, a time, a car) do
#: only beside one of these ("the driver comes every morning in a white Transit" is work).
PRIVATE = frozenset({"off_duty", "social", "home"})


def private_life(text: str, about: Callable[[str], bool] | None = None) -> dict[str, str]:
    """The facts of ``text`` (:func:`facts`) when they make a person's private life: two kinds
    or more, one of them :data:`PRIVATE`, a time of day counting only beside an off-duty one,
    and not only a habit and an account ("posts on his personal Facebook every day" may be
    his job); else an empty dict. ``about``: as for :func:`facts`."""
    possible = _possible(text)
    if "off_duty" not in possible:
        possible.discard("clock")
    if len(possible) < 2 or PRIVATE.isdisjoint(possible):
        return {}
    found = facts(text, about, possible)
    if "off_duty" not in found:
        found.pop("clock", None)
    if len(found) < 2 or PRIVATE.isdisjoint(found) or found.keys() == {"habit", "social"}:
        return {}
    return found


def facts(
    text: str, about: Callable[[str], bool] | None = None, kinds: set[str] | None = None
) -> dict[str, str]:
    """The kinds of private fact in ``text``, each with the words of its first match;
    ``about``: whether a sentence is about the person whose life it would be (facts of other
    sentences, "the thermostat switches off at 6pm every night", do not count); ``kinds``:
    only these are looked for."""
    found: dict[str, str] = {}
    for sentence in SENTENCE.split(text):
        wanted = _possible(sentence).difference(found)
        if kinds is not None:
            wanted.intersection_update(kinds)
        if not wanted:
            continue
        if _NOT_PRIVATE.search(sentence) or (
            _FIRST.search(sentence) and not _THIRD.search(sentence)
        ):
            continue
        if about is not None and not about(sentence):
            continue
        for kind, patterns in KINDS.items():
            if kind not in wanted:
                continue
            for pattern in patterns:
                hit = _first_not_owned(pattern, sentence)
                if hit is not None:
                    found[kind] = hit
                    break
    return found


def _first_not_owned(pattern: re.Pattern[str], sentence: str) -> str | None:
    """The first match of ``pattern`` in ``sentence`` that the speaker does not own."""
    for m in pattern.finditer(sentence):
        if not _owned(_WORD.findall(sentence[: m.start()])):
            return m.group(0)
    return None


def _owned(before: list[str]) -> bool:
    """Whether the words ``before`` a fact make it the speaker's: "my" a few words back, or
    "I"/"we" the nearest subject (a third person or a name, mid-sentence, comes first)."""
    if not _OWN.isdisjoint(w.lower() for w in before[-_OWN_BEFORE:]):
        return True
    for i in range(len(before) - 1, -1, -1):
        word = before[i].lower()
        if word in _SPEAKER:
            return True
        if word in _OTHER or (i > 0 and before[i][0].isupper() and word not in _NOT_A_NAME):
            return False
    return False
