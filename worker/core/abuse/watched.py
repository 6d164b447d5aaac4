"""A member of staff watched, followed or propositioned by the customer.

The playbook escalates stalking and doxxing whatever the tone, and a customer need not
threaten anyone to frighten the person at the desk: "spotted you at 11 mass on Sunday with
your mam", "found your Strava, Hackney Marshes loop every Tuesday", "you're the house with
the red door on Mill Lane, yeah?", "the 7.42 tram from Didsbury is yours, isn't it". Nor does
a sexual remark need a crude word: "she can inspect my pipes any time, if you know what I
mean", "I'll renew if Rhys does the sessions at mine, after hours".

:func:`watched` reads three kinds of stalking, each in one sentence that speaks of the reader
or of someone named in the message, never of the speaker's own life or people:

* ``sighting``: the person seen off duty (a leisure place, a companion, what they wore, what
  they were doing) or watched for a long time ("I sat two tables behind you all night");
* ``online``: the person's own accounts found or followed ("her Facebook", "found you on
  insta", "sent him a friend request", "made a new account after she blocked me"), their
  surname, birthday or personal number looked up;
* ``home``: where the person lives or travels ("she lives on Maple Ridge Drive", "your bus
  is the 39a, half five"), or a plan to go to their home ("I'll drop it round to her flat").

:func:`innuendo` reads a proposition or a remark on the body put as a hint ("if you know
what I mean", "a private session at mine", "her measurements", "fills out the shirt").

Each is gated by the message's words; most messages hold none of them. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from worker.core.abuse.wish import QUOTE_MARKS, SENTENCES

__all__ = ["innuendo", "watched"]

_QUOTED = re.compile(
    '(?<![\\w])["\u201c\u2018][^"\u201c\u201d\u2018\u2019\n]{1,300}["\u201d\u2019](?![\\w])'
)
#: The person: the reader, a third person, or a role of the business's.
_YOU = r"(?:you|u|ya|yourself|urself)"
_THEY = r"(?:her|him|she|he)"
_WHO = rf"(?:{_YOU}|{_THEY})"
#: "you guys", "you lot", "you people": the company, not the person at the desk.
_NOT_ONE = r"(?!['\u2019]|\s+(?:guys|lot|people|all|folks|two|both))"
_ROLE = (
    r"(?:agent|adviser|advisor|rep|driver|courier|rider|engineer|technician|tech|fitter"
    r"|plumber|electrician|cleaner|receptionist|nurse|doctor|dentist|hygienist|trainer"
    r"|instructor|coach|waiter|waitress|server|barman|barmaid|bartender|cashier|assistant"
    r"|manager|clerk|teller|concierge|stylist|hairdresser|therapist|surveyor|executive"
    r"|handler|officer|shopper|associate|staff|employee|worker|operator|hostess|host|porter"
    r"|guard|attendant|installer|inspector|reader|valuer|adjuster|banker)"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: A message that names someone of the business's: a role (``_ROLE_WORDS``, below), a name
#: told to pass on, one who works there.
_STAFF_NAMED = re.compile(
    r"(?i:\b(?:tell|let|ask|pass (?:this |it )?on to)\s+)[A-Z][a-z]+\b"
    r"|(?i:\b(?:works? there|working there|works for you|on today|on shift|shifts?|on duty"
    r"|served me|helped me|who served|who helped|took my call|handled my)\b)"
)
#: Third persons, blanked when no one of the business's is named (then "her" is anyone's).
_THIRD = re.compile(r"\b(?:her|him|she|he|his|hers|she's|he's)\b")
#: A tag on a third person ("..., doesn't she?").
_THIRD_TAG = re.compile(r"(?i)\b(?:she|he)\W*$")
#: Social sites and what a personal account holds.
_SITE = (
    r"(?:insta|instagram|ig|facebook|fb|tiktoks?|twitter|strava|venmo|cash\s?app|linkedin"
    r"|snapchats?|snap|vk|myspace|onlyfans|youtube|tinder|hinge|bumble|dating profile|socials"
    r"|social media|gmail|hotmail|whatsapp dp|dp|etsy|pinterest|reddit|threads)"
)
_POSTS = (
    r"(?:posts?|pics|pictures|photos|snaps|stories|story|reels|selfies|feed|profile|account"
    r"|acct|page|album|videos|runs|routes|check-?ins)"
)
#: What makes "your ..." an account of the reader's own rather than the company's.
_PERSONAL = re.compile(
    r"\b(?:your|ur|yer)\s+(?:personal|private|backup|secret)\b"
    r"|\b(?:your|ur|yer)\s+(?:\w+\s+)?(?:holiday|wedding|engagement|boyfriend|girlfriend|bf|gf"
    r"|husband|wife|hubby|kids?|baby|christening|birthday|stag|hen|cousin|mum|mam|mom|dad"
    r"|sister|brother|debs|prom|partner|fianc\w*)\b|\b(?:you|u) (?:were|was|looked|look) "
    r"|\bin (?:the|that|your|ur) (?:\w+ )?(?:swimsuit|bikini)\b"
)
#: The company's own pages ("your Instagram promo", "your brand's Facebook page").
_COMPANY_PAGE = re.compile(
    r"\b(?:promo|promotion|offer|discount|code|sale|giveaway|competition|advert|ad|deal|launch"
    r"|announcement|brand|company|store'?s|shop'?s|business|outage|status|update|customer"
    r"|support|official|branch|closing|opening|store|office|evidence|messages)\b"
)
#: The speaker's own people in the sentence: a "her" or "him" there is theirs.
_OWN_PEOPLE = re.compile(
    r"\bmy\s+(?:\w+\s+){0,3}?(?:wife|husband|partner|daughter|son|kids?|children|mum|mam|mom|dad"
    r"|mother|father|sister|brother|friend|mate|girlfriend|boyfriend|neighbou?r|ex|niece"
    r"|nephew|gran|nan|grandma|grandad|aunt|uncle|cousin|colleague|boss|family|carer)\b"
    r"(?!\s+requests?)"
)

# -- sightings ---------------------------------------------------------------------------

_SEEN = re.compile(
    r"(?i:\b(?:saw|seen|spotted|clocked|noticed|watched|watching|waved (?:at|to)|recogni[sz]ed)"
    rf"\s+)(?:(?i:{_YOU}\b{_NOT_ONE}|him|she|he|her(?=\s+(?:at|in|on|with|by|outside|near"
    r"|from|across|last|yesterday|this|every|again|\w+ing)\b|\s*[,.!?;]|\s*$)"
    rf"|(?:your|ur|yer)\s+(?:\w+\s+)?(?:{_ROLE}|guy|girl|lad|lady|bloke|woman|man)"
    rf"|(?:the|that)\s+(?:\w+\s+)?{_ROLE})\b|[A-Z][a-z]+\b)"
)
#: Off duty: a leisure place (with an off-duty time, or told to the person), or a companion,
#: clothes, a pastime.
_PLACE = re.compile(
    r"\b(?:pub|bar|club|nightclub|gym|puregym|treadmill|church|mass|chapel|mosque|temple"
    r"|synagogue|gurdwara|market|beach|park|match|game|stadium|gabba|cinema|odeon|movies"
    r"|quiz|wedding|party|concert|gig|festival|supermarket|tesco|aldi|lidl|asda|sainsbury'?s"
    r"|spar|morrisons|walmart|target|costco|kroger|car park|carpark|parking lot|bus stop"
    r"|\w+ stop|queue|greggs|mcdonald'?s|pharmacy|library|bus|tram|train|station"
    r"|platform|canal|river|pool|leisure cent(?:re|er)|mall|shopping cent(?:re|er)"
    r"|high street|costa|starbucks|cafe|café|coffee shop|servo|petrol station|theatre"
    r"|restaurant|chipper|school gates|playground|christening|funeral|five-a-side"
    r"|sunday league|parkrun|racecourse|races|zoo|fair|carnival|rugby|footy|football|cricket"
    r"|arms|inn|tavern|red lion|crown|anchor|bell|swan|plough|white hart)\b"
    r"|\bst\.? [a-z]+'?s\b"
)
_OFF_TIME = re.compile(
    r"\b(?:last night|at the weekend|over the weekend|this (?:arvo|evening|weekend)|every arvo"
    r"|most (?:evenings|nights|weekends)|after work|on (?:your|ur|her|his) (?:day off|lunch)"
    r"|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:s| night| evening| morning"
    r"| afternoon)?|weds night|\d{1,2}(?:[.:]\d\d)? ?(?:am|pm)|sunday league|mass)\b"
)
_PERSONAL_SEEN = re.compile(
    r"\bwith (?:her|his|your|ur|yer|a|some|that|this|the)\s+(?:\w+\s+)?(?:mum|mom|mam|mammy"
    r"|dad|partner|boyfriend|bf|girlfriend|gf|husband|hubby|wife|missus|kids?|children|son"
    r"|daughter|family|fella|bloke|date|fianc[eé]e?|girl|lad|guy|twins|little ones?|baby|boys"
    r"|girls)\b"
    r"|\bin (?:a|the|that|your|ur|her|his|those|them|a little)\s+(?:\w+\s+){0,2}(?:bikini"
    r"|swimsuit|dress|leggings|skirt|shorts|gym gear|gym kit|jeans|tracksuit|running gear"
    r"|top|coat|jacket|bibs|cap)\b"
    r"|\b(?:jogging|running|swimming|playing|dancing|drinking|singing|shopping|walking (?:his"
    r"|her|your|ur|the) dog|out with|on a date|buying)\b"
    rf"|\b{_WHO}\s+(?:never|didn'?t|did not)\s+(?:even )?(?:notice|spot|clock)\s+me\b"
    r"|\bdidn'?t want to interrupt\b"
)
#: Unnoticed, told right after a sighting: "Saw your driver at Tesco today. He didn't see me."
_UNNOTICED = re.compile(
    rf"\b{_WHO}\s+(?:never|didn'?t|did not)\s+(?:even )?(?:notice|see|spot|clock)\s+me\b"
)
#: A sighting at work: at the desk, on a job, in the van.
_AT_WORK = re.compile(
    r"\b(?:at|in|behind|on)\s+(?:the|your|ur|my|our)\s+(?:counter|till|tills|desk|front desk"
    r"|branch|store|office|depot|reception|warehouse|work|job|site|van|premises|property"
    r"|house|home|flat|driveway|garden|door|doorstep)\b|\bat work\b|\bon (?:the )?job\b"
    r"|\b(?:deliver(?:ing|ed|s)?|dropping off|drop(?:ped)? off|fitting|install(?:ing|ed)?"
    r"|repair(?:ing|ed)?|fixing"
    r"|serving|parked on|parking on|reversing|driving (?:the|your|a) van|uniform|on shift"
    r"|during (?:the|my|his|her) (?:visit|appointment|delivery|install\w*|job)"
    r"|on the (?:\w+ )?floor|trade (?:fair|show)|stand|expo|exhibition|conference)\b"
)
#: Watched for long, from close by, unnoticed; no place needed.
_WATCHED_LONG = re.compile(
    rf"\b(?:watched|watching|been watching|kept (?:my )?(?:eyes|an eye) on|stared at|staring at"
    rf"|couldn'?t stop (?:watching|looking at|staring at))\s+(?:{_WHO}|them)(?: both)?"
    r"\s+(?:for (?:ages|hours|a while|quite (?:some|a) time|some time|weeks|months|\w+ minutes)"
    r"|the whole|all (?:night|day|afternoon|evening|morning|game|service|match|shift|week)"
    r"|every (?:day|lunchtime|morning|night|week|time|evening)|from (?:the|my|across|behind)"
    r"|through (?:the|your|ur|her|his))"
    rf"|\b(?:watched|watching|been watching)\s+(?:your|ur)\s+(?:\w+\s+)?{_ROLE}\s+(?:for (?:weeks"
    r"|months)|every (?:day|lunchtime|morning|night|week|evening)|through (?:the|your|ur|her|his)"
    r" window)"
    r"|\b(?:couldn'?t stop watching|kept my eyes on|stayed (?:a few \w+ )?back and watched"
    r"|i watch (?:you|u|her|him)?\s*from)\b"
    rf"|\b(?:sat|stood|was|were|i'?m|i am)\s+(?:\w+\s+){{0,3}}(?:rows?|tables?|stalls?|seats?"
    rf"|doors?)\s+(?:behind|in front of|back from|up from|away from|from)\s+(?:{_WHO}|hers|his"
    r"|yours)\b"
    rf"|\b(?:sat|stood)\s+(?:at the \w+ |right |just )?behind\s+(?:{_WHO}|hers|his)\b"
    rf"|\bbehind {_WHO} (?:for (?:the whole|an|a|ages|hours)|all (?:night|day|game|evening))\b"
    rf"|\ball (?:afternoon|night|day|evening|morning|game|service|match)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:watching|staring at|looking at)\s+{_WHO}\b"
    rf"|\b(?:watch|watched|watching)\s+(?:the staff|your staff|them|{_WHO})\s+(?:go|come|arrive"
    r"|leave|walk|get)(?:s|ing)?\s+(?:in|out|home|off)\b"
)
#: The reader placed somewhere off duty: "was that you at ...", "there you were at ...",
#: "that's you at the servo every arvo", "you were at the Cubs game".
_YOU_THERE = re.compile(
    rf"\b(?:was that|that'?s|thats|there)\s+{_WHO}\b|\b{_WHO}\s+(?:were|was)\s+(?:at|in)\b"
    rf"|\b{_YOU}\s+(?:play|plays|swim|run|go|train)\s+(?:\w+\s+){{0,2}}(?:at|on|in)\b"
    r"|\b[a-z]+ (?:was|were) (?:out )?(?:jogging|running|swimming|dancing|drinking|shopping"
    r"|walking)\b"
    rf"|\b{_YOU} looked\s+(?:\w+\s+){{0,2}}?(?:at|in|on)\b"
    rf"|\bi (?:was|sat|stood) (?:right |just )?(?:behind|next to|near|opposite|across from)"
    rf"\s+{_WHO}\b"
    rf"|\b{_WHO}(?:'s|'re| is| are) (?:always |usually |often )?(?:on|at|in) the\b"
)


_READER_SEEN = re.compile(
    rf"\b(?:was that|that'?s|thats)\s+{_YOU}\b{_NOT_ONE}"
    rf"|\b(?:saw|seen|spotted|clocked|recogni[sz]ed)\s+{_YOU}\b{_NOT_ONE}"
)


def _sighting(sentence: str, said: str, previous: str) -> bool:
    """``sentence`` as written (a name is capitalised), ``said`` in lower case, ``previous``
    the sentence before (lower case)."""
    if _WATCHED_LONG.search(said) is not None:
        return True
    if (
        previous
        and _UNNOTICED.search(said) is not None
        and (_SEEN.search(previous) is not None or _YOU_THERE.search(previous) is not None)
        and _AT_WORK.search(previous) is None
    ):
        return True
    if _AT_WORK.search(said) is not None:
        return False
    if _PERSONAL_SEEN.search(said) is not None or (
        _PLACE.search(said) is not None and _OFF_TIME.search(said) is not None
    ):
        return _YOU_THERE.search(said) is not None or _SEEN.search(sentence) is not None
    if _PLACE.search(said) is None:
        return False
    # The reader seen off duty, at a place alone: "was that you in the Aldi car park?"
    return _READER_SEEN.search(said) is not None


# -- online ------------------------------------------------------------------------------

_THEIR_ACCOUNT = re.compile(
    r"\b(?:(?i:her|his)|[A-Z][a-z]+'s)\s+(?:(?:personal|private|own|old|new|backup|second"
    rf"|other|secret|main|whole)\s+)?(?i:{_SITE}|{_SITE}\s+{_POSTS})\b"
)
_YOUR_ACCOUNT = re.compile(
    rf"\b(?:your|ur|yer)\s+(?:(?:personal|private|own|old|new|backup|second|other|secret"
    rf"|main|whole)\s+)?(?:{_SITE}|{_SITE}\s+{_POSTS}|{_POSTS}|\w+\s+(?:pics|photos|snaps"
    r"|selfies|stories|videos))\b"
)
_ONLINE_ACT = re.compile(
    rf"\b(?:found|looked up|googled|tracked down|stalked|searched for|looked)\s+(?:{_WHO})"
    rf"(?:\s+up)?\s+(?:on|through|via|from)\s+(?:\w+\s+)?(?!linkedin){_SITE}\b"
    rf"|\bgoogled\s+{_WHO}\b"
    rf"|\b(?:added|followed|friended|requested|messaged|dm'?d|dmed|tagged|connected with"
    rf"|subscribed to)\s+{_WHO}\s+on\s+{_SITE}\b"
    rf"|\b(?:sent|send|sending)\s+(?:{_WHO}|[a-z]+)\s+(?:\S+\s+){{0,6}}?(?:friend"
    r"|follow|snap) requests?|\bmy (?:\w+ )?(?:friend|follow|snap) requests?\b"
    rf"|\b(?:blocked|unfollowed|unfriended|removed|deleted)\s+me\b(?=.*\b(?:new|another|backup"
    r"|second|other|fresh)\s+(?:account|acct|profile|page|number)|.*\bkeep making\b)"
    rf"|\bliked all (?:her|his|your|ur) (?:{_POSTS}|{_SITE})"
    rf"|\b(?:watched|seen|been through|gone through|scrolled through|went through) all (?:of )?"
    rf"(?:her|his|your|ur) (?:{_SITE}|{_POSTS})"
    rf"|\b(?:saw|seen|read) (?:it )?(?:on|in) (?:her|his|your|ur) (?:{_SITE}|stories|story"
    r"|feed)\b"
    rf"|\b(?:been|keep|kept|i'?m)\s+(?:following|watching|keeping up with|checking|reading)"
    rf"\s+(?:{_WHO}\s+on\s+{_SITE}|(?:her|his|your|ur)\s+(?:{_SITE}|stories|posts|page|feed"
    r"|routes|runs|videos|tiktoks))\b"
    rf"|\bsee when {_THEY}(?:'s| is)? online\b"
    rf"|\b(?:found|looked up|worked out|figured out|dug up|googled|know)\s+(?:out\s+)?"
    rf"(?:[\w']+\s+){{0,3}}?(?:her|his|your|ur|[a-z]+'s)\s+(?:real\s+|full\s+)?(?:surname"
    r"|last name"
    r"|date of birth|dob|birthday|home address|personal (?:number|mobile|phone|email|e-mail)"
    r"|private (?:number|mobile|phone|email|e-mail))\b"
)
#: The speaker in the sentence (their own finding, not a report of what someone posted).
_SPEAKER = re.compile(
    r"\b(?:i|i'?ve|ive|i'?d|i'?m|im|we|me)\b|^(?:found|saw|seen|love|loved|been|nice)\b"
)


#: Sites no business uses for its customers: an account there is a person's own.
_OWN_SITE = re.compile(
    r"\b(?:your|ur|yer)\s+(?:strava|venmo|cash\s?app|tinder|hinge|bumble|onlyfans|myspace|vk"
    r"|snapchat|snap|gmail|hotmail|dp|whatsapp dp)\b|\b(?:your|ur) (?:surname|last name)"
    r"(?:'s| is)\b"
)


def _online(said: str) -> bool:
    company = _COMPANY_PAGE.search(said) is not None
    act = _ONLINE_ACT.search(said)
    if act is not None and not (company and "request" not in act.group(0)):
        return True
    if company:
        return False
    if _THEIR_ACCOUNT.search(said) is not None and _SPEAKER.search(said) is not None:
        return True
    if _OWN_SITE.search(said) is not None:
        return True
    m = _YOUR_ACCOUNT.search(said)
    return m is not None and _PERSONAL.search(said) is not None


# -- home --------------------------------------------------------------------------------

_STREET = (
    r"(?:road|rd|lane|ln|street|st|close|avenue|ave|drive|dr|crescent|way|gardens|court|ct"
    r"|terrace|place|grove|walk|row|mews|square|rise|hwy|highway|estate|block|floor)"
)
#: The person's home or way home, possessed.
_HOME_OF = re.compile(
    rf"\b(?:her|his|your|ur|yer|{_ROLE}['\u2019]s|(?-i:[A-Z][a-z]+)['\u2019]s)\s+(?:flat|house"
    r"|doorstep|letterbox|driveway|townhouse|bungalow|apartment|landing light|bedroom window)\b"
    r"(?!\s+(?:number|insurance|contents|cover|policy|move|sale|purchase|keys|alarm|phone"
    r"|landline|broadband|plant|plants|rules))"
    r"|\b(?:at|to|outside|round to)\s+(?:her|his|your|ur) place\b|\boutside (?:yours|urs|hers)\b",
    re.IGNORECASE,
)
#: A plan to go there, or the place told.
_THERE = re.compile(
    rf"\b(?:drop|dropping|pop|popping|bring|bringing|call round|come round|knock|knocked"
    rf"|visit|collect|leave|left|hand-deliver|sending|parked|waiting)\b"
    rf"|\b(?:on|in|at|near)\s+[a-z]+\s+{_STREET}\b"
    rf"|\bnumber \d+|\b\d+\s+[a-z]+\s+{_STREET}\b"
)
#: Not a neighbour's home, known without watching ("lives on my road", "round the corner
#: from me", "in my town").
_NOT_NEIGHBOUR = r"(?!(?:\s+[\w']+){0,5}?\s+(?:my|mine|me|us|our|ours)\b)"
_LIVES = re.compile(
    rf"\b(?:{_WHO}|it'?s yourself|yourself)\s*(?:['\u2019]re|['\u2019]s| are| r| is)?\s*"
    r"(?:still\s+|now\s+)?(?:(?:live|lives|living)\s+(?:in|on|at|above|behind|near|opposite"
    r"|off|round|down"
    r"|up|by|over|three|two|a few|\d|just)|(?:stay|stays|staying)\s+(?:in|at|near|above"
    r"|behind|opposite|over in))\b"
    r"(?!\s+(?:the\s+)?(?:uk|us|usa|country|area|same time ?zone|dream|hope|fear|denial))"
    rf"{_NOT_NEIGHBOUR}"
)
#: A tag on a place told: "..., aren't you?", "..., right?", "is that yours?".
_TAG = re.compile(
    r"(?i:\b(?:aren'?t|arnt|isn'?t|isnt|don'?t|dont|doesn'?t|ain'?t)\s+(?:you|u|ya|she|he))\b"
    r"(?:,?\s+[A-Z][a-z]+)?\W*$"
    r"|(?i:\b(?:is|that'?s|thats|it'?s) (?:that |it )?(?:yours|urs|his|hers))\b"
    r"|(?i:\b(?:you'?re|youre|you are|u r|ur (?:the|in|on)|she'?s|he'?s|she is|he is)\b.*\b(?:right"
    r"|yeah|yea|innit|correct|no)\s*\?)"
    r"|(?i:\b(?:are|r) (?:you|u|ya) (?:the one |the house |the flat )?(?:in|on|at|over in|from)"
    r"\b.*\?)"
)
#: The home found out: "I worked it out, she's on Maple Ridge Drive", "saw your name on the
#: letterbox".
_HOME_FOUND = re.compile(
    rf"\b(?:you'?re|youre|you are|u r|she'?s|he'?s|she is|he is|{_ROLE}(?:'s| is))\s+(?:on|in"
    r"|at)\s+[a-z]+\s+"
    rf"(?:[a-z]+\s+)?{_STREET}\b(?=.*\b(?:house|flat|door|number|estate)\b)"
    r"|\b(?:your|ur|her|his) (?:name|surname) on (?:the|a|her|his|your|ur) (?:letterbox|door"
    r"|doorbell|buzzer|post ?box|mailbox|bell)\b"
)
#: The person placed: "you're in Kenton", "she's the house on the corner"; it counts with a
#: place named or an address word in the sentence ("you're the worst, aren't you" is no
#: place).
_YOU_ARE_AT = re.compile(
    r"\b(?:you'?re|youre|you are|u r|ur|she'?s|he'?s|she is|he is)\s+(?:the|in|on|at|over in"
    r"|out in|up in|down in|from)\b"
)
_PLACE_TOLD = re.compile(
    r"\b(?:house|flat|door|estate|townhouse|bungalow|apartment|car|van|ute|bike|corsa|fiesta"
    r"|golf|civic|plate|reg)\b"
)
#: The reader's family placed: "your wife works at the dental practice on Bridge Street,
#: doesn't she?" (read with a tag only).
_KIN_AT = re.compile(
    r"\b(?:your|ur)\s+(?:\w+\s+)?(?:wife|husband|partner|missus|hubby|kids?|children|son"
    r"|daughter|mum|mam|mom|dad|family|boyfriend|girlfriend|fianc[eé]e?)\s+(?:works?|lives?"
    r"|goes|go|studies|plays|swims|trains|drinks)\s+(?:at|in|on|to|for)\b"
)
_HOME_NOUN = re.compile(
    r"\b(?:house|flat|estate|cottage|bungalow|apartment|townhouse|door|floor|block|number \d+)\b"
)
#: A street after a place named: the place may be a shop's address.
_STREET_AFTER = re.compile(rf"\s+(?:[A-Z][a-z]+\s+)?(?i:{_STREET})\b")
#: A shop, an order or a return in the sentence: the place told is the business's.
_SHOP = re.compile(
    r"\b(?:shop|store|branch|office|showroom|depot|premises|return|returns|parcel|order"
    r"|collect|collection|pick up|drop off)\b"
)
_COMMUTE = re.compile(
    rf"\b(?:your|ur|her|his)\s+(?:train|bus|tram|commute|route home|walk home|way home|shift"
    rf" pattern)(?:'s|\s+is)\b|\bsame (?:bus|train|carriage|tram|stop|platform) as (?:me|u|you"
    rf"|her|him)\b|\b{_WHO}\s*(?:'re| are| r)?\s+(?:get|gets|take|takes|catch|catches"
    rf"|ride|rides)\s+the\s+(?:\d[\d.:]*|n\d+|\d+[a-z]?)\b"
    rf"|\b{_WHO}\s+(?:leave|leaves|left)\s+(?:yours|urs|your house|ur house|home|the house"
    rf"|your flat|ur flat)\b|\b{_YOU}\s+get off\s+(?:by|at)\b"
    r"|\bleaving at \d[\d.:]*\s*(?:am|pm)? every (?:night|evening|morning|day)"
    rf"|\b{_WHO}\s+(?:still\s+)?(?:park|parks|drive|drives)\s+(?:the|a|that|your|ur|her|his)"
    r"\s+(?:\w+\s+){0,2}(?:car|van|ute|bike|corsa|fiesta|golf|civic|polo|fiat|500|honda"
    r"|pulsar|transit)\b.{0,30}\b(?:round the back|outside (?:no|number|\d)"
    rf"|on [a-z]+ {_STREET})\b"
)


_TOLD_BY_THEM = re.compile(r"\b(?:said|says|told me|mentioned|explained|offered|kindly)\b")


#: A place named (capitalised) after a preposition: "in Moseley", "on Hartley Road".
_NAMED_PLACE = re.compile(r"\b(?:on|in|at|near|off|above)\s+(?:[A-Z][a-z]+|\d+\s+[A-Z][a-z]+)")


#: Words of an address ("the estate behind the Topaz", "flat 3", "on Elm Street"): a home
#: told, not a way of living ("you live in a fantasy world").
_ADDRESS = re.compile(
    r"\b(?:road|lane|street|close|avenue|ave|drive|crescent|gardens|court|terrace|grove|mews"
    r"|square|estate|flat|house|cottage|bungalow|apartment|block|floor|streets?|doors?|corner"
    r"|number \d+|no\.? ?\d+)\b"
)
#: A named member of staff's home: "Arjun stays in Koramangala".
_NAME_LIVES = re.compile(
    r"\b[A-Z][a-z]+\s+(?:still\s+|now\s+)?(?:lives|stays)\s+(?:in|on|at|above|behind|near"
    r"|opposite|off|round|just)\b"
    rf"{_NOT_NEIGHBOUR}"
)


#: The words each way of telling a home needs (checked on the sentence's tokens first).
_COMMUTE_WORDS = frozenset(
    "train bus tram commute route walk way shift carriage platform stop leave leaves left"
    " leaving park parks drive drives same".split()
)
_BOARDS = frozenset("get gets take takes catch catches ride rides".split())
_FOUND_WORDS = frozenset(
    "house flat door number estate letterbox doorbell buzzer postbox mailbox bell".split()
)
_LIVES_WORDS = frozenset("live lives living stay stays staying".split())
_HOME_WORDS = frozenset(
    "flat house doorstep letterbox driveway townhouse bungalow apartment landing bedroom"
    " place yours urs hers".split()
)
_TAG_WORDS = frozenset(
    "aren't arent arnt isn't isnt don't dont doesn't doesnt ain't aint innit yours urs his"
    " hers".split()
)


#: At most this many words, a sentence is a tag on the one before ("You're on Mill Lane.
#: Aren't you?"), which then must place the person.
_LONE_TAG = 4


def _home(
    sentence: str, said: str, previous: str, toks: frozenset[str], raw: str, *, staff: bool
) -> bool:
    """``toks``: the sentence's lower-case tokens; ``raw``: the sentence as written (a tag may
    end on the reader's name: "aren't you, Gemma?"); ``staff``: whether the message names
    someone of the business's (else a tag on "she" or "he" is about anyone: "the woman at
    number 5 parks her van across my drive, doesn't she")."""
    if (
        not _COMMUTE_WORDS.isdisjoint(toks)
        or (not _BOARDS.isdisjoint(toks) and any(c.isdigit() for c in said))
    ) and _COMMUTE.search(said) is not None:
        return True
    if not _FOUND_WORDS.isdisjoint(toks) and _HOME_FOUND.search(said) is not None:
        return True
    if (
        not _LIVES_WORDS.isdisjoint(toks)
        and _TOLD_BY_THEM.search(said) is None
        and (_LIVES.search(said) is not None or _NAME_LIVES.search(sentence) is not None)
        and (_NAMED_PLACE.search(sentence) is not None or _ADDRESS.search(said) is not None)
    ):
        return True
    if not _HOME_WORDS.isdisjoint(toks):
        home = _HOME_OF.search(sentence)
        if (
            home is not None
            and _THERE.search(said) is not None
            and _NAMED_PLACE.search(sentence) is not None
        ):
            return True
    if "?" not in said and _TAG_WORDS.isdisjoint(toks):
        return False
    if _TAG.search(raw.strip()) is None:
        return False
    if _KIN_AT.search(said) is not None:
        return True  # the reader's family: "your husband drinks at the Swan, doesn't he?"
    if not staff and _THIRD_TAG.search(raw) is not None:
        return False
    if _PLACE_TOLD.search(said) is not None:
        return True
    # "You're over in Kenton, aren't you?": a place named, not a street a shop may be on
    # ("you're on Mill Road, right? I'll bring the return in"), or a home's word.
    for told, as_written in ((said, raw), (previous, previous)):
        if told is not said and len(toks) > _LONE_TAG:
            break
        if _YOU_ARE_AT.search(told) is None or _SHOP.search(told) is not None:
            continue
        if _HOME_NOUN.search(told) is not None:
            return True
        named = _NAMED_PLACE.search(as_written)
        if named is not None and _STREET_AFTER.match(as_written, named.end()) is None:
            return True
    return False


# -- the gate ----------------------------------------------------------------------------

_SITE_WORDS = _words(
    "insta instagram ig facebook fb tiktok tiktoks twitter strava venmo cash cashapp linkedin"
    " snapchat snapchats snap vk myspace onlyfans youtube tinder hinge bumble socials social"
    " gmail hotmail dp etsy pinterest reddit threads"
)
#: Each family of rules runs only when the message holds one of its words.
_ONLINE_KEYS = _SITE_WORDS | _words(
    "googled stalked request requests blocked unfollowed unfriended online surname surname's"
    " birthday dob date last personal private liked kudos posts post pics pictures photos snaps"
    " stories story reels selfies feed profile account acct page album videos runs routes"
)
_HOME_KEYS = _words(
    "live lives living stay stays staying flat house doorstep letterbox driveway townhouse"
    " bungalow apartment landing bedroom place yours urs hers train bus tram commute route walk"
    " way shift same get gets take takes catch catches ride rides leave leaves left leaving"
    " park parks drive drives door doorbell buzzer postbox post mailbox bell number estate car"
    " van ute bike corsa fiesta golf civic plate reg building road rd lane ln street st close"
    " avenue ave dr crescent gardens court ct terrace grove row mews square rise hwy highway"
    " block floor"
    # the tags of a place told ("..., aren't you?", "is that yours?")
    " aren't arent arnt isn't isnt don't dont doesn't doesnt ain't aint innit his"
)
#: A sighting needs a word of seeing or of being there, and one of a place, a companion, a
#: pastime or watching for long.
_SEE_KEYS = _words(
    "saw seen spotted clocked noticed watched watching watch waved recognised recognized"
    " stared staring sat stood behind was were looked that's thats there kept couldn't"
    " couldnt stayed you're youre she's he's is are go goes play plays swim run runs train"
    " trains notice spot clock interrupt"
)
_OFF_DUTY_KEYS = _words(
    "pub bar club nightclub gym puregym treadmill church mass chapel mosque temple synagogue"
    " gurdwara market beach park match game stadium gabba cinema odeon movies quiz wedding"
    " party concert gig festival supermarket tesco aldi lidl asda sainsbury's sainsburys spar"
    " morrisons walmart target costco kroger car carpark parking stop queue greggs mcdonald's"
    " mcdonalds pharmacy library bus tram train station platform canal river pool leisure"
    " mall shopping high costa starbucks cafe café coffee servo petrol theatre restaurant"
    " chipper school playground christening funeral five-a-side sunday league parkrun"
    " racecourse races zoo fair carnival rugby footy football cricket arms inn tavern red"
    " crown anchor bell swan plough white st"
    # companions, clothes, pastimes
    " mum mom mam mammy dad partner boyfriend bf girlfriend gf husband hubby wife missus kid"
    " kids children son daughter family fella bloke date fiance fiancee girl lad guy twins"
    " little baby boys girls bikini swimsuit dress leggings skirt shorts gear kit jeans"
    " tracksuit top coat jacket bibs cap jogging running swimming playing dancing drinking"
    " singing shopping walking out buying notice spot clock interrupt"
    # watching for long
    " watched watching watch stared staring kept stayed sat stood behind row rows table"
    " tables stall stalls seat seats all"
)
_TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019\-][a-z]+)*")
_UNSEEN_WORDS = _words("notice see spot clock")
_PERSON_WORDS = _words(
    "you u ya yourself urself your ur yer her him she he his hers yours urs you're youre"
    " you've you'll you'd u're she's he's she'll he'll"
)
#: Role words (and plurals) that name someone of the business's (cheaper than the regex).
_ROLE_WORDS = frozenset(
    w + e for w in _ROLE[3:-1].split("|") for e in ("", "s", "'s", "\u2019s", "s'")
)


def watched(text: str, words: Iterable[str]) -> str | None:
    """``"sighting"``, ``"online"`` or ``"home"`` for the first sentence of ``text`` that
    tells a member of staff they were watched, followed online or found at home; else None.
    ``words``: the text's lower-case word tokens (the gate)."""
    present = frozenset(words)
    if _PERSON_WORDS.isdisjoint(present):
        return None
    online = not _ONLINE_KEYS.isdisjoint(present)
    home = not _HOME_KEYS.isdisjoint(present)
    seen = not _SEE_KEYS.isdisjoint(present) and not _OFF_DUTY_KEYS.isdisjoint(present)
    if not (online or home or seen):
        return None
    # Whether someone of the business's is named: read when first needed.
    staff: bool | None = None if _ROLE_WORDS.isdisjoint(present) else True
    previous = ""
    for sentence in SENTENCES.split(text):
        said = sentence.strip().lower()
        if not said or said[0] in QUOTE_MARKS:
            previous = ""
            continue
        # Each family runs on the sentences that hold one of its words.
        toks = frozenset(_TOKEN.findall(said))
        in_online = online and not _ONLINE_KEYS.isdisjoint(toks)
        in_home = home and not _HOME_KEYS.isdisjoint(toks)
        in_seen = seen and (
            (not _SEE_KEYS.isdisjoint(toks) and not _OFF_DUTY_KEYS.isdisjoint(toks))
            or ("me" in toks and not _UNSEEN_WORDS.isdisjoint(toks))
        )
        if not (in_online or in_home or in_seen):
            previous = said
            continue
        if '"' in said or "\u201c" in said or "\u2018" in said:
            said = _QUOTED.sub(" ", said)
        raw = sentence
        if staff is None:
            staff = _STAFF_NAMED.search(text) is not None
        if not staff:
            # Without anyone of the business's named, "her" and "him" may be anyone's ("the
            # woman at number 5 parks her van across my drive, doesn't she"), and a
            # capitalised word is no one's name.
            said = _THIRD.sub("xx", said)
            sentence = said

        kind = None
        if in_online and _online(said):
            kind = "online"
        elif in_home and _home(sentence, said, previous, toks, raw, staff=staff):
            kind = "home"
        elif in_seen and _sighting(sentence, said, previous):
            kind = "sighting"
        # Never the speaker's own people ("my daughter's Instagram", "my son lives on ...").
        if kind is not None and _OWN_PEOPLE.search(said) is None:
            return kind
        previous = said
    return None


# -- innuendo ----------------------------------------------------------------------------

#: Winking, smirking and kiss-blowing faces: a hint, or an invitation's tone; with the kiss
#: mark, every emoji a hint may be.
_WINKS = "\U0001f609\U0001f60f\U0001f618"
_EMOJI = _WINKS + "\U0001f48b"
_HINT = re.compile(
    r"\bif (?:you|u|ya) (?:know|get|catch|see) (?:what|wot|wat) i(?:'m| am)? (?:mean|saying"
    r"|getting at)|\b(?:she|he|you|u)(?:'ll| will|'d| would)? knows? (?:exactly )?what i mean"
    r"|\bknow what i'?m saying|\bwink,? wink|\bnudge,? nudge|\b(?:catch|get) my drift"
    rf"|[{_EMOJI}]"
)
#: With a hint: an invitation or a double meaning about the body or the home.
_HINTED = re.compile(
    r"\b(?:mine|my place|my house|my flat|my room|my bed|bedroom|any ?time|private|alone"
    r"|after hours|personally|pipes|meter|massage|unload|inspect|relax|nightcap|two of us"
    r"|you and me|me and you|switched on|hotel|single|naughty|measurements|pics|date|kiss"
    r"|sweetheart|gorgeous|sexy|hot|body|legs|lap|drink|dinner|wine|bottle|good with my hands"
    r"|spot|my kitchen|my car|closed doors|a few things|a few ways|special deliver(?:y|ies)"
    r"|show (?:u|you|ya) something)\b"
)


#: An invitation somewhere private, or the time for one: what turns "just you and me" or
#: "after hours" into a proposition ("just you and me at the meeting" is not one).
_INVITE = re.compile(
    r"\b(?:tonight|evenings?|nights?|mine|my place|my flat|my house|my home|come round"
    r"|pop round|drink|drinks|dinner|nightcap|bottle|wine|relax|alone|appts?|session|come"
    r"|comes|join me|meet me|fancy|see what|stay|demonstrate|do it|did it|go through it"
    rf"|talk)\b|[{_WINKS}]"
)
#: A social invitation: what makes "after hours" or "behind closed doors" a proposition ("can
#: the technician come after hours?" is a booking).
_SOCIAL = re.compile(
    r"\b(?:drinks?|dinner|nightcap|bottle|wine|relax|alone|date|fun|bed|see what|get to know"
    rf"|company|personally|just (?:you|us|the two)|naughty)\b|[{_WINKS}]"
)
#: Propositions and remarks on the body, each run only when the message holds a word of
#: every set before it (most messages hold none); a pattern given an invitation pattern also
#: needs it in its sentence.
_PROPOSITIONS: tuple[
    tuple[tuple[frozenset[str], ...], re.Pattern[str], re.Pattern[str] | None], ...
] = (
    (
        (_words("private"),),
        re.compile(
            r"\bprivate (?:session|sessions|fitting|consultation|consultations|appointment"
            r"|tutorial|lesson|lessons|dance|show|viewing|demonstration|meeting)\b(?=.*\b(?:my"
            r" place|my home|my house|mine|my flat|my room|my suite|my hotel|at mine|evenings?"
            r"|after hours|just|alone|relax|extra|worth|nightcap|bottle|wine|drink|dinner"
            rf"|savings|together)\b|.*[{_WINKS}])"
        ),
        None,
    ),
    (
        (_words("just"), _words("me us i two")),
        re.compile(
            r"\bjust (?:you and me|you and i|me and you|the two of us|us two|her and me"
            r"|him and me|me and her|me and him)\b"
        ),
        _INVITE,
    ),
    (
        (_words("room suite hotel bed bedroom"), _words("my booked")),
        re.compile(
            r"\b(?:in my (?:hotel )?(?:room|suite|bed|bedroom)|my hotel|(?:room|suite) (?:is )?"
            r"(?:already )?booked)\b"
        ),
        _INVITE,
    ),
    (
        (_words("hours closing shift break closed hotel"),),
        re.compile(
            r"\b(?:after hours|after closing|after (?:your|ur) shift|on (?:your|ur) break"
            r"|behind closed doors|hotel room)\b"
        ),
        _SOCIAL,
    ),
    (
        (_words("measurements"),),
        re.compile(
            r"\b(?:her|his|your|ur|[a-z]+'s)\s+measurements\b|\bmeasurements (?:she|he|you|u)"
            r" likes?\b"
        ),
        None,
    ),
    (
        (_words("voice smile accent laugh"),),
        re.compile(
            r"\bwhat (?:that|your|ur|her|his) (?:voice|smile|accent|laugh) does to me\b"
            r"|\bvoice\b.{0,50}\b(?:all night|in bed|kept me up|lying down)\b"
        ),
        None,
    ),
    (
        (_words("any anytime whenever"), _words("my")),
        re.compile(
            r"\bmy (?!(?:mobile|phone|number|landline|email|e-mail|account|line|office|address"
            r"|order|card|bill|details|case|claim|ticket)\b)\w+ (?:any ?time|whenever) (?:she"
            r"|he|you|u|they) (?:likes?|wants?|fancies|fancy)\b"
        ),
        None,
    ),
    (
        (_words("fills fill"),),
        re.compile(
            r"\bfills? out (?:the|that|her|his|your|ur) (?:\w+ )?(?:shirt|uniform|top|blouse"
            r"|dress|jeans|trousers|polo)\b"
        ),
        None,
    ),
    (
        (_words("bend bends bending lean leans leaning"),),
        re.compile(
            r"\b(?:the way|watching|watch|seeing|see) (?:her|him|you|u) (?:bend|bends|bending"
            r"|lean|leans|leaning) (?:over|down)\b|\blean(?:s|ing)? over me\b"
        ),
        None,
    ),
    (
        (_words("legs bum figure curves body thighs chest"),),
        re.compile(
            r"\b(?:her|his|your|ur|the one with the|with the|you have|u have|you've got|she has"
            r"|she's got) (?:long |lovely |nice |great |sexy |toned |gorgeous )+(?:legs|bum"
            r"|figure|curves|body|thighs|chest)\b"
        ),
        None,
    ),
    (
        (_words("wear wears"),),
        re.compile(
            r"\bwears? (?:something|that|the same) (?:a bit |little )?(?:shorter|tighter|smaller"
            r"|lower|skimpier|more revealing|little \w+|skirt|top|dress)\b"
        ),
        None,
    ),
    (
        (_words("out"), _words("things clothes uniform")),
        re.compile(
            r"\bout of (?:those|these|her|his|your|ur) (?:wet )?(?:things|clothes|uniform)\b"
        ),
        None,
    ),
    (
        (_words("hands only"),),
        re.compile(r"\bhands on more than\b|\bonly (?:you|u) can (?:massage|touch|reach)\b"),
        None,
    ),
    (
        (_words("meter pipes connection boiler drains van"),),
        re.compile(
            r"\b(?:read|check|inspect|service|unload|fix|lay) (?:my|his|her) (?:meter|pipes"
            r"|connection|boiler|drains|van)\b(?=.*\b(?:any ?time|whenever|at mine|she likes"
            r"|he likes|you like|personally)\b)"
        ),
        None,
    ),
    (
        (_words("say"), _words("again")),
        re.compile(r"\bsay my (?:name|order number|account number|number) again\b"),
        None,
    ),
    (
        (_words("anything"), _words("sign")),
        re.compile(r"\bsign anything (?:she|he|you|u) likes?\b"),
        None,
    ),
    (
        (_words("renew sign stay upgrade buy tip"), _words("if")),
        re.compile(
            r"\b(?:i'?ll|i will|only) (?:renew|sign|stay|upgrade|buy|tip)\b.{0,80}?\bif (?:she"
            r"|he|you|u|[a-z]+) (?:comes?|came|meets?|joins?|does|did|goes)\b"
            r"|\btip (?:waiting )?if (?:you|u) come\b"
        ),
        None,
    ),
    (
        (
            _words("candle candlelight romantic take drink like"),
            _words("dinner drink drinks after"),
        ),
        re.compile(
            r"\b(?:candle ?light|romantic) dinner\b"
            r"|\btake (?:her|him|you|u) (?:out )?(?:for|to) (?:a )?(?:dinner|drinks?|a drink)\b"
            r"|\bwhat (?:she|he|you)(?:'s|'re| is| are) like after\b"
            r"|\bfor a drink with me\b|\bfancy a drink (?:behind|after|with me)\b"
        ),
        None,
    ),
)
#: The words a hint needs (besides the emoji).
_HINT_KEYS = _words("mean saying wink nudge drift")


def innuendo(text: str, words: Iterable[str]) -> str | None:
    """``"innuendo"`` for the first sentence of ``text`` that propositions the reader or a
    member of staff, or remarks on their body, as a hint; else None."""
    present = frozenset(words)
    hint = not _HINT_KEYS.isdisjoint(present) or any(c in text for c in _EMOJI)
    wanted = [
        (pattern, invite)
        for needs, pattern, invite in _PROPOSITIONS
        if all(not need.isdisjoint(present) for need in needs)
    ]
    if not wanted and not hint:
        return None
    previous = ""  # a hint may follow its invitation ("... after hours. He'll know what I mean.")
    for sentence in SENTENCES.split(text):
        said = sentence.strip().lower()
        if not said or said[0] in QUOTE_MARKS:
            continue
        if '"' in said or "\u201c" in said or "\u2018" in said:
            said = _QUOTED.sub(" ", said)
        private = 0  # "just the two of us" and "behind closed doors" together need no invitation
        for pattern, invite in wanted:
            if pattern.search(said) is None:
                continue
            if invite is None or invite.search(said) is not None:
                return "innuendo"
            private += 1
        if private >= 2:
            return "innuendo"
        if (
            hint
            and _HINT.search(said) is not None
            and (_HINTED.search(said) is not None or _HINTED.search(previous) is not None)
        ):
            return "innuendo"
        previous = said
    return None
