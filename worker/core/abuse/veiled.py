"""Threats of harm put so that no violent word is said.

A customer who wants the person at the desk afraid rarely writes "hurt": they send others
("my brothers will be popping in for a word with him"), tie an unnamed consequence to a
deadline ("after Friday I stop asking nicely, and it won't be the ombudsman you deal with"),
foretell bad luck ("glass is so fragile, isn't it", "hope his kids are careful crossing
roads") or let the person know they are waited for ("sleep tight, Marcus", "I'll remember
that smirk"). The playbook escalates a threat whatever its tone.

:func:`veiled` reads four kinds, each in one sentence (or a sentence and the one before it):

* ``proxy``: people of the customer's (kin, "the lads", "associates", "some friends of
  mine") sent to, or told about, a member of staff or the premises;
* ``ultimatum``: the customer's manner about to change ("I'm done being the nice one"), a
  way of their own ("I'll sort it the old-fashioned way"), a consequence the person "won't
  enjoy", made personal ("not for the company, for you");
* ``fate``: misfortune foretold for the person, their family, their car or home, or the
  premises ("anything could happen to a man on his own", "old buildings go up so fast");
* ``foreshadow``: the person waited for, counted down to or remembered ("tick tock",
  "sooner than you think", "I'll remember that face").

A lawful lever named in the sentence (a court, a solicitor, the ombudsman, reviews, a
chargeback) makes it one of the customer's rights, not a threat, unless it is denied ("it
won't be the ombudsman you'll be dealing with"). Each kind is gated by the message's words:
most messages hold none of them. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from worker.core.abuse.wish import SENTENCES

__all__ = ["veiled"]

#: A lawful lever (the customer's rights) in a sentence, and a denial of one before it.
_LAWFUL = re.compile(
    r"\b(?:court|courts|judge|solicitors?|lawyers?|attorneys?|legal|legally|lawsuit|sue|suing"
    r"|tribunal|ombudsman|regulator|ofgem|ofcom|fca|watchdog|trading standards|small claims"
    r"|complaints?"
    r"|reviews?|trustpilot|yelp|google|rating|chargeback|bank|press|journalist|newspaper|police"
    r"|citizens advice|mp|councillor"
    r"|social media|facebook group|switch(?:ing)?|cancel(?:ling|ing)?|unsubscrib\w*)\b"
)
_DENIED = re.compile(
    r"\b(?:not|won't|wont|no|never|don't|dont|instead of|rather than|quicker than|faster than"
    r"|than a|than any|than the|beyond|forget(?: the)?)\W+(?:\w+\W+){0,4}$"
)


def _lawful(sentence: str) -> bool:
    """Whether a lawful lever is named in ``sentence`` and not denied."""
    return any(_DENIED.search(sentence, 0, m.start()) is None for m in _LAWFUL.finditer(sentence))


# -- proxy: people of the customer's sent or told ----------------------------------------

#: A crew of the customer's: kin beyond the household, mates, "associates".
_KIN = (
    r"(?:brothers?|bros?|cousins?|uncles?|nephews?|family|families|mates|lads|boys|friends"
    r"|pals|crew|associates|mob|firm|community|elders|relatives|clan|brothers?-in-law"
    r"|people|men|guys|blokes|contacts|lot|circle)"
)
#: The household: a companion as often as a crew ("coming in with my partner").
_HOUSEHOLD = (
    r"(?:husband|wife|partner|boyfriend|girlfriend|fella|other half|missus|son|sons|dad|father"
    r"|kids)"
)
#: The customer's people: "my cousins", "my boyfriend's family", "his mates", "some lads
#: round here", "a few friends of mine", "people who owe me a favour", "associates".
_CREW = re.compile(
    r"\b(?:my|our|me|his)\s+(?:(?:\w+(?:'s|\u2019s)?|\w+ and (?:his|her|their))\s+){0,3}?"
    rf"{_KIN}\b"
    r"|\b(?:some|a few|a couple of|few|couple of)\s+(?:\w+\s+){0,2}?(?:lads|friends|mates"
    r"|people|guys|blokes|men|boys|associates|contacts|pals)\b"
    r"|\b(?:friends|mates|pals|associates|contacts) of (?:mine|ours|my \w+)\b"
    r"|\bpeople (?:round|around) here\b|\bpeople (?:i|we) know\b|\bassociates\b"
    r"|\bpeople who (?:owe me|don't|dont|do not)\b|\b(?:friends|mates) who\b"
)
_HOME_CREW = re.compile(rf"\b(?:my|our)\s+(?:\w+\s+)?{_HOUSEHOLD}\b")
#: Sent to the person, said of any of the customer's people: a visit, "a word", company on
#: the way home, their own way, no forms.
_SENT = re.compile(
    r"\b(?:pay|paying|paid) (?:\w+\s+){0,3}?(?:a )?visit\b"
    r"|\b(?:be getting|getting|get|expect|expecting|have|having) (?:some )?(?:\w+ )?visitors\b"
    r"|\b(?:be|are|is|they'll be|will be) having words\b"
    r"|\bkeep (?:him|her|you|them|\w+) company\b|\bcompany when\b"
    r"|\b(?:speak|speaking|talk|talking|chat|chatting) (?:to|with) (?:him|her|you|u|them"
    r"|whoever|your \w+|the \w+ who) (?:\w+ ){0,3}?(?:personally|in person|face to face"
    r"|directly)\b(?! about)"
    r"|\b(?:speak|talk|chat|discuss)\w* (?:\w+\s+){0,5}?(?:at (?:your|his|her) (?:home|house)"
    r"|in (?:their|his) own way|their way)\b"
    r"|\bown way of\b|\b(?:their|his) own way\b"
    r"|\b(?:looking|look) into (?:the|your|him|her|them|who)\b"
    r"|\b(?:recover money|do collections|debt collect\w*)\b"
    r"|\b(?:been|gone|driven|drove|walked) (?:past|by|round) (?:the|your|his|her)\b"
    r"|\b(?:don't|dont|do not|won't|wont) (?:bother with|do|make|book|care (?:much )?for)"
    r" (?:forms|letters|emails|courts?|appointments|complaints|terms)\b"
    r"|\bnot (?:by|on|over) (?:the )?(?:e-?mail|phone|telephone|letter)\b|\bwon't be booking\b"
    r"|\b(?:coming|come) (?:down |round |over )?(?:to see (?:the|your|him|her|you|whoever)"
    r"|for a word|looking for)\b"
    r"|\bin touch\b(?=.*\b(?:personally|in person|not by|face)\b)"
)
#: Sent, said of a crew only (not the household): they will handle it, be round, pop in.
_CREW_SENT = re.compile(
    r"\b(?:have|having|had|want|wants|like|love|after|for) (?:a |some )?(?:little |quiet )?"
    r"(?:word|words) with (?:him|her|you|u|them|whoever|your \w+)\b(?! about\b)"
    r"|\b(?:keen|eager|dying|waiting|itching|want|wants|like) to meet (?:your|the|him|her|you"
    r"|whoever)\b|\b(?:very |really )?(?:interested|keen) (?:in|to know|to find out)"
    r" (?:who|where|which|your|his|her|the name)\b|"
    r"\b(?:they'll|theyll|they will|they'd|who|they|will|to) (?:\w+ )?(?:handle|deal with"
    r"|sort out|sort|settle|take care of)(?: him| her| you| these things| matters"
    r"| disputes| people| this sort| that sort)\b"
    r"|\b(?:they'll|theyll|they will|they're|they are|will) (?:be )?(?:popping |coming "
    r"|stopping |dropping |swinging |going )?(?:down|round|over|by|past|in) (?:to (?:see"
    r"|visit|find|meet|have a (?:word|chat)|talk to|speak to|discuss|ask) (?:him|her|you|them"
    r"|your|the|whoever)|to sort (?:it|this|things|him|her|you) out|for a (?:word|chat)"
    r"|(?:to|at) (?:your|his|her) (?:house|home|place|flat))\b"
    r"|\bsend (?:\w+ ){0,2}(?:men|lads|boys|somebody|someone|people)\b"
    r"|\b(?:send|sending) (?:my|his|her|the|our) (?:\w+ )?(?:lads|boys|men|brothers|cousins"
    r"|people|crew|friends|mates|family|uncles?)\b"
)
#: A person's details: "the driver's name", "his reg", "the postcode", "your office".
_DETAILS = (
    r"(?:(?:his|her|their|the \w+(?:'s|\u2019s)|\w+(?:'s|\u2019s)|the \w+ \w+(?:'s|\u2019s))"
    r"(?: \w+)?(?: and \w+)? (?:full )?(?:name|names|surname|address|reg|registration|plate"
    r"|postcode|photo|picture|mobile|number|details|face|routine|estates?|rounds?|van|car"
    r"|branch|office|yard|depot|shop|home|house|route|school)"
    # "your" is the company as often as the person: only what is a person's own
    r"|(?:your|ur) (?:home |personal )?(?:address|home|house|reg|registration|plate|car"
    r"|routine|kids|children|school|surname|mobile)"
    r"|the (?:postcode|address|reg|registration|branch address|office address|home address))"
)
#: The person's details passed to them: a name, an address, a reg, a photo, a route.
_TOLD = re.compile(
    r"\b(?:told|tell|given|gave|give|passed|shared|forwarded|shown|showed|sent|texted)\b"
    rf"(?:\s+\w+){{0,8}}?\s+(?:{_DETAILS}|where (?:he|she|they|you) (?:lives?|parks?|works?"
    r"|drinks?|goes)|(?:your|ur|the) (?:office|shop|branch|depot|yard|workshop) (?:is|are))\b"
    r"|\bwhich \w+ (?:your|ur|the|his|her) \w+ (?:covers?|works?|drives?|lives?|parks?|uses?"
    r"|does|is on|takes)\b"
    r"|\b(?:they|he|she)(?:'ve| have| has|'s)? (?:got|know|knows|heard)\b(?:\s+\w+){0,4}?\s+"
    rf"(?:{_DETAILS}|which (?:estates?|rounds?|routes?)|where (?:he|she|you) (?:lives?|parks?)"
    r"|what (?:your|his|her|the) \w+ looks like)\b"
    r"|\b(?:asked|asking) (?:me )?what (?:your|his|her|the) \w+(?: \w+)? looks? like\b"
)
#: Praise passed on ("I've given your name to my friends, you were so helpful").
_PRAISE = re.compile(
    r"\b(?:helpful|thanks|thank you|great|brilliant|amazing|lovely|kind|recommend\w*|fab"
    r"|fantastic|excellent|star|legend)\b"
)
#: The speaker's words about themselves, not a crew sent ("my family and I", "my friends
#: recommended you").
_CREW_BENIGN = re.compile(
    r"\b(?:recommend\w*|(?:love|loves|loved|liked|likes) (?:the|your|it|this|that|our|my)"
    r"|enjoy\w*|buy|bought|order\w*|refer\w*|switch\w*"
    r"|collect\w*|pick\w* up|deliver\w*|help me|helped me|thinking of"
    r"|interested in (?:the|your|this)"
    r"(?! \w+ (?:name|address)))\b"
)
_PROXY_KEYS = frozenset(
    "brother brothers bro cousin cousins uncle uncles dad father son sons nephew nephews family"
    " families mates mate lads boys friends pals crew associates mob firm community elders lot"
    " relatives clan brother-in-law husband boyfriend fella partner missus people men guys"
    " blokes contacts wife girlfriend kids half circle".split()
)
_PROXY_ACTS = frozenset(
    "visit visitors pop popping come coming stop stopping drop dropping swing swinging head"
    " heading word words chat talk conversation company speak discuss questions looking"
    " handle handles handling deal deals care sort settle settles settling recover collections"
    " past by bother touch booking told tell given gave passed shared forwarded shown showed"
    " sent texted know knows heard got asked asking round down over calling send sending debt"
    " personally person face home house own way terms".split()
)


def _proxy(said: str, previous: str, crew: bool) -> bool:
    """Whether ``said`` sends or tells the customer's people, named in it or in an earlier
    sentence (``crew``; the household only in ``said`` or ``previous``)."""
    if crew:
        acted = _SENT.search(said) or _CREW_SENT.search(said) or _TOLD.search(said)
    elif _HOME_CREW.search(said) or _HOME_CREW.search(previous):
        acted = _SENT.search(said)
    else:
        return False
    if acted is None or _PRAISE.search(said):
        return False
    return not (_CREW_BENIGN.search(said) and not _TOLD.search(said))


# -- ultimatum: the customer's manner about to change --------------------------------------

#: The customer's manner about to change: said alone it is a tone, not a threat ("I'm done
#: being patient"); with a second cue of either list it is one.
_TURNING = re.compile(
    r"\b(?:done|finished|through|stop|stops|stopping|quit|end of) (?:being|asking|playing)"
    r" (?:the )?(?:nice|nicely|polite|politely|reasonable|civil|civilly|patient|friendly"
    r"|understanding)\b(?! (?:to|with) (?:this|that|these|those|the|my|it)\b)"
    r"|\b(?:the )?last (?:polite|nice|civil|reasonable|friendly) (?:message|email|e-mail|msg"
    r"|letter|request|warning|time)\b|\bno more (?:mr|mister|miss|ms) nice\b"
    r"|\bnow (?:i am|i'm|im) not (?:nice|polite|patient)\b|\bnot (?:going to|gonna) be"
    r" (?:nice|reasonable|polite|civil|patient)\b"
    r"|\bstop (?:asking|writing|emailing|calling|talking|typing|being a customer)"
    r"(?: \w+)? and (?:start|begin)\w*\b|\bnext move\b|\bstart visiting\b"
    r"|\bruns? out of patience\b|\bfind out (?:what|how) (?:happens|i do) when\b"
    r"|\b(?:you|u|ya|he|she|they|your \w+)(?:'ll| will)? (?:won't|wont|will not|not gonna)"
    r" be (?:happy|laughing|smiling)\b"
    # "you won't enjoy it", "you won't like what happens next" (with a second cue)
    r"|\b(?:you|u|ya|he|she|they|whoever|your \w+|ur \w+)(?:'ll| will)? (?:won't|wont|will not"
    r"|aren't going to|are not going to|isn't going to|is not going to|not gonna) (?:like"
    r"|enjoy|love) (?:it|that|what|how|when|the (?:next|way|consequences)|this|me)\b"
    r"(?! (?:i'm|im|i am) (?:about|going) to (?:say|tell|write)|,? but\b|\s*:)"
    r"|\b(?:my|it's my|its my) turn\b(?=.*\b(?:now|when|you'll|u'll)\b)|\byou'll know when\b"
    r"|\b(?:it's|its|it is|this is|it gets|getting|make (?:it|this)|making (?:it|this))"
    r" (?:(?!not\b|nothing\b)\w+ )?personal\b"
    r"|\b(?:isn't|is not|not|no longer|stopped being) about (?:the )?money\b"
)
#: A threat by itself: a way of the customer's own, a consequence the person won't enjoy,
#: the matter made the person's own.
_ULTIMATUM = re.compile(
    r"\b(?:i'll|ill|i will|i'm|im|i am|we'll|gonna|going to|to|or i|or we|then i) (?:\w+ ){0,2}?"
    r"(?:sort|deal with|handle|settle|take care of|handling|sorting|dealing with)"
    r" (?:it|this|things|matters|them|him|her|you)? ?(?:myself |ourselves )?(?:my (?:own )?way"
    r"|the old[- ]fashioned way|the other way|in my way|in my own way|my own hands"
    r"|our (?:own )?way)\b"
    r"|\b(?:do|doing|deal with|sort) (?:it|this) the other way\b"
    r"|\bwe (?:do|talk|sort) (?:it|this)? ?(?:in )?my way\b|\btalk in my way\b"
    # "you really don't want to meet the unreasonable one"
    r"|\b(?:you|u|ya) (?:really |honestly |seriously )?(?:don't|dont|do not) want (?:that\W*$"
    r"|to (?:meet|find out|test|push))\b"
    r"|\b(?:don't|dont|do not) be surprised (?:what|if|at what|by what) (?:\w+ )?happens"
    r" (?:to|at)\b"
    # "whoever's behind that counter will wish they'd picked up" (not "I wish you'd told me")
    r"|\b(?:will|'ll|gonna|going to|soon) (?:\w+ )?(?:wish|regret) (?:they|he|she|you|u)"
    r"(?:'d|\u2019d| had| hadn't| ever)\b"
    r"|\b(?:he'll|she'll|you'll|they'll|he will|she will|you will|they will|whoever"
    r"(?: \w+){0,4}?) (?:answer|answers) to me\b"
    r"|\bbecomes? a personal one\b|\b(?:for|to) (?:you|u) personally\b|\bnot for (?:the )?company\b"
    r"|\bstop(?:s)? being (?:about (?:money|the \w+)|a (?:\w+ )?(?:problem|complaint|matter)"
    r"|a customer)\b|\b(?:start|starts) being your problem\b"
    r"|\bmake (?:your|his|her|ur) (?:day|life|week|job|days|nights) (?:very,? )*(?:very )?"
    r"(?:difficult|hard|hell|miserable|a misery|a nightmare|unpleasant)\b"
    r"|\bmake problem for (?:you|u)\b|\bwon't be (?:asking|bringing|coming) (?:politely|nicely"
    r"|a receipt|to talk)\b|\bwon't be (?:an|another) e-?mail\b"
    r"|\bcome find (?:the|you|u|him|her)\b|\bnot (?:with|by) a form\b"
    r"|\bdealing with me in person\b|\bin person(?:,)? and (?:i|it) (?:won't|wont)\b"
    r"|\blose (?:a lot |a hell of a lot |far |much |way )?more than (?:a|your|the|one)"
    r" (?:customer|job|contract|sale|account|client|bonus)\b"
    r"|\bsettl\w* (?:scores|things|this|it|matters|disputes) (?:in person|personally|face to face"
    r"|my way|myself|differently|the old)\b|\bnot in money\b|\bnot with money\b"
    r"|\b(?:not|no) (?:a man|a woman|someone|somebody|the person|a person|the kind of (?:person"
    r"|man|woman|guy|bloke)|a guy|a bloke) (?:you|u) (?:want|wanna|would want)"
    r" (?:as an enemy|to cross|to upset|to annoy|to mess with|to make an enemy of"
    r"|on your bad side)\b"
    r"|\b(?:you|u) (?:don't|dont|do not) want me as (?:an|your) enemy\b"
)
_ULT_KEYS = frozenset(
    "done finished through stop stops stopping quit last no now not myself way own hands"
    " won't wont will aren't isn't don't dont do wish regret answer turn personal personally"
    " company make problem run move visiting find form person lose settle settles settling"
    " enemy money".split()
)


# -- fate: misfortune foretold --------------------------------------------------------------

_PITY = r"(?:shame|pity|sad|terrible|awful|tragic|tragedy|horrible|unfortunate|gutted|a disaster)"
#: Whose misfortune: the reader, a member of staff or their people, their things, premises.
_WHOSE = (
    r"(?:you|u|ya|he|she|they|him|her|them|your|ur|his|their|the (?:lad|lass|guy|girl|man"
    r"|woman|owner|boss|manager|driver|rider|engineer|fitter|agent|adviser|advisor|staff"
    r"|foreman|landlord|van|car|shop|office|branch|depot|yard|workshop|windows?|premises"
    r"|building|house|showroom|store|place|kids?|children|family|wife|husband|brakes|tyres"
    r"|tires|wheels|windscreen)|someone|somebody|that (?:nice|lovely"
    r"|shiny|new|little|fancy|big)|those (?:lovely|nice|big|front)|either of|all (?:four|of)"
    r"|[A-Z][a-z]+(?:'s|\u2019s)?)"
)
#: Each way misfortune is foretold, by name (the name says which one fired).
_FATE_FORMS = {
    # "be a shame if his van had a bit of bad luck"
    "pity_if": r"(?i:(?:\b(?:be|been|it'd|itd|would|it would) |^\W*)"
    r"(?:(?:a|such a|real|very|really|so|right|proper) ){0,3}"
    rf"{_PITY},? if\s+){_WHOSE}",
    "hate_for": r"(?i:\b(?:i'd|id|i would|would) (?:hate|not want|not like) (?:for|if)\s+)"
    rf"{_WHOSE}",
    "want_nothing": r"(?i:\b(?:wouldn't|would not|don't|do not) want (?:anything|something)"
    r" (?:bad )?to happen to (?:you|him|her|them|your|his|their|that|those)\b)",
    # "hope they stay safe walking home from school"
    "hope_safe": r"(?i:\b(?:hope|hoping|trust) (?:(?:the|your|his|her|their|\w+'s) (?:little"
    r" ones|kids|children|daughter|son|family|wife|husband|girls|boys|twins|girl|boy)"
    r"|they|he|she)(?:'re|'s"
    r"| are| is| stay| stays| keep| keeps| get| gets| remain)? ?(?:\w+ ){0,3}?(?:safe"
    r"|safely|careful) (?:on|crossing|walking|driving|at|in (?:the|those|that)|getting"
    r"|going|these days|out there|on the way)\b)",
    "could_happen": r"(?i:\b(?:anything|something|things|bad things|accidents) (?:could|can"
    r"|might|may|tend to|have a way of) (?:happen|go wrong)(?: to| for| on the| on (?:his|her"
    r"|your)|,? (?:can't|cant|couldn't) it|\W*$)\b)",
    "never_know": r"(?i:\bthings can go (?:so )?wrong,? (?:so (?:quickly|fast)|can't they"
    r"|don't they)\b|\byou never know,? do you\b"
    r"|\byou never know (?:who(?:'s| is| could| might| will| may)|what"
    r" (?:could|might|may|will) happen)\b)",
    "way_of": r"(?i:\bhave a (?:funny |strange |nasty )?way of (?:going wrong|happening"
    r"|catching up|coming back)\b(?=.*\b(?:for|to|with) (?:people|those|anyone|folk)\b)"
    r"|\b(?:fate|karma|life) has a (?:funny )?way of\b|\btends? to happen to (?:people"
    r"|those)\b|\btends? to (?:have|get|meet with|end up (?:in|with)) (?:\w+ )?(?:accidents?"
    r"|hurt|injured|a fall|falls|trouble|in hospital)\b"
    r"|\bhappen(?:s)? to (?:people|those|anyone|folk) (?:who|that) (?:\w+ ){0,2}?"
    r"(?:lie|lied|lies|steal|stole|rob|robbed|rip|ripped|cheat|cheated|con|conned|scam"
    r"|scammed|cross|crossed|mess|messed|treat|treated|wrong|wronged|upset|disrespect\w*"
    r"|fob|fobbed|ignore|ignored|screw|screwed|mug|mugged|take the piss|short-?change\w*)\b)",
    "if_happened": r"(?i:\bif (?:something|anything) (?:bad )?(?:happened|happens|were to"
    r" happen|was to happen|ever happened) to (?:you|him|her|them|your|his|their)\b)",
    "for_less": r"(?i:\b(?:in|into) (?:hospital|a&e|casualty|intensive care|a wheelchair)"
    r" for less\b)",
    "need_it": r"(?i:\b(?:insurance|insured)\b.*\b(?:you'll|you will|gonna|going to|he'll"
    r"|she'll) need it\b|\bhope (?:your|his|her|their|the) (?:\w+ )?(?:shop|van|car|house"
    r"|office|place|premises|windows|branch|depot)(?:'s| is| are)? (?:well |fully )?insured\b"
    r"|\bhope (?:your|his|her|their) (?:\w+ )?(?:van|car|shop|house|windows|place)(?:'s| is"
    r"| are| stays?)?(?: still)? (?:in one piece|still there|where (?:you|he|she) left it)\b)",
    "were_you": r"(?i:\bif i were (?:you|u)\b(?=.*\b(?:keep an eye on|look after|watch|mind"
    r"|careful)\b)|\b(?:keep an eye on|look after|watch) (?:that|your|ur|those)\b[^.!?]*"
    r"\bif i were (?:you|u)\b)",
    "what_happens": r"(?i:\b(?:terrible|awful|funny|amazing|sad|scary) (?:what|how)\b"
    r"(?:\s+\w+){0,4}? (?:can|could|happen|happens|go up|goes up|catch fire|burn down"
    r"|get broken|get damaged|go missing)\b)",
    # "old buildings go up so fast", "glass is so fragile, isn't it"
    "fragile": r"(?i:\bgo(?:es)? up (?:so )?(?:fast|quick|quickly|like)\b|(?<!\bour )(?<!\bmy )"
    r"\b(?:glass|windows?)"
    r" (?:is|are) (?:so |very )?(?:fragile|easy to)\b|\blook (?:very |so )?(?:fragile"
    r"|flammable)\b)",
    # "people slip all the time", "bikes tip over in that car park"
    "mishaps": r"(?i:\b(?:people|lots of people|folk|bikes|vans|cars|men|women|a man|a woman)"
    r" (?:slip|fall|take a tumble|tip over|get followed|have accidents|get hurt|get jumped)\w*"
    r"\b(?! (?:for|behind|asleep|out|in love|through|short|ill|sick|foul|into debt)\b)"
    r"|\b(?:people|folk|a man|a woman|men|women) go missing\b|\bone of those nights\b"
    r"|\blot of break-?ins\b"
    r"|\bbreak-?ins (?:round|around|in)\b)",
    "look_after": r"(?i:\b(?:start|starts) checking (?:his|her|your|ur) mirrors\b"
    r"|\b(?:so )?vulnerable these days\b|\b(?:on (?:his|her|their) own|alone) in (?:\w+ )?"
    r"(?:strangers'?|someone else's|other people's)\b|\bthink on\b)",
}
#: What a pity or a "hate for" foretells: a mishap, not a missed round ("be a tragedy if your
#: inspector missed his rounds again" is sarcasm about the service).
_NEEDS_MISHAP = frozenset({"pity_if", "hate_for"})
_MISHAP = re.compile(
    r"(?i)\b(?:happen\w*|went|go|goes|gone|caught|came off|come off|fell|falls?|fallen"
    r"|slipped|slips?|tipped|tips|had (?:a|an|some|one)|has (?:a|an)|have (?:a|an|to replace)"
    r"|got|get|gets|broke|break|breaks|broken|ended up|end up|lost|lose|bad luck|bad (?:week"
    r"|day|night)|grow up without|never|stopped|hurt|injured|damaged|scratched|keyed|flat"
    r"|fire|burn\w*|flood\w*|missing|disappear\w*|accident\w*|trouble|harm|crash\w*|smashed"
    r"|cracked|stolen|vandalised|vandalized|hospital|a&e|wheelchair|grave|funeral|bury|buried"
    r"|without (?:their|a|his|her) (?:dad|mum|mam|mom|father|mother)|pay for (?:your|his|her)"
    r"|caught up)\b"
)
_FATE = re.compile("|".join(f"(?P<{name}>{form})" for name, form in _FATE_FORMS.items()))
#: Harmless pity: the speaker's own things, a product, the weather ("be a shame if my account
#: closed", "a pity if the sale ended").
_FATE_BENIGN = re.compile(
    r"(?i)\b(?:if|for) (?:my|our|me|us|we|i(?! were))\b"
    r"|\b(?:sale|offer|deal|discount|stock|tickets?"
    r"|parcel|order|delivery|cake|booking|warranty|policy|account|subscription|app|update"
    r"|weather|price|prices|answered|replied|responded|e-?mail|call back|actually|for once"
    r"|could you|can you|would you|please|fix|fixed|sign|hazard|warning|gritted|ice|icy|wet"
    r"|inbox|code|spam|junk|customer|business|client|miss out|lose out|think|feel|flood"
    r"|floods|storm|snow|hurricane|recover\w*|get well|better)\b"
)
_FATE_KEYS = frozenset(
    "shame pity sad terrible awful tragic tragedy horrible unfortunate gutted disaster hate"
    " safe careful anything something things accidents wrong know funny amazing scary up"
    " glass fragile flammable slip fall tumble tip followed missing fate karma happen"
    " nights break-ins breakins mind mirrors after vulnerable alone think eye watch insurance"
    " insured safely hospital happened happens hope piece want".split()
)


# -- foreshadow: waited for, counted down to, remembered -------------------------------------

#: Each way of letting the person know they are waited for, by name. Read on the lower-cased
#: sentence.
_FORE_FORMS = {
    # said to someone: "sleep tight tonight Marcus", "tell him to sleep nice and sound" (not
    # "I'll sleep well")
    "sleep": r"\bsleep (?:tight|well|soundly|nice and sound)\b,? (?:tonight,? )?(?:pal|mate|buddy"
    r"|sunshine|mr|mrs|ms|miss|love|sweetheart|darling|sweetie|princess)\b"
    r"|\b(?:tell|telling|hope) (?:him|her|them|your \w+|the \w+) (?:to )?sleeps? (?:tight|well"
    r"|soundly|nice and sound)\b|\bsleep with one eye open\b"
    r"|\bsweet dreams,? (?:pal|mate|buddy|sunshine|mr|mrs|ms|love)\b",
    "soon": r"\bsooner than (?:you|u|ya|he|she) (?:think|expect|know)\b"
    r"|\b(?:i'll|ill|i will|i'm|im|we'll) (?:be )?(?:seeing|see) (?:you|u|ya|him|her) (?:around"
    r"|about|soon|very soon|real soon)\b(?! \d| (?:ten|nine|eleven|noon|lunch|midday|half"
    r"|quarter|then)\b)|\bsee (?:you|u|ya) around\b(?! \d| (?:ten|nine|eleven|noon|lunch"
    r"|midday|half|quarter|then)\b)"
    r"|\bwe(?:'ll| will| shall)? (?:bump into|run into|meet|see) (?:each other|again|one day"
    r"|on the street|soon|in person)\b|\bone day we meet\b|\bwe'll talk properly\b"
    r"|\bmeeting in person\b",
    "remember": r"\b(?:i'll|ill|i will|i won't|i wont|i will never|i'll never|i do not|i don't)"
    r" (?:ever )?(?:forget|remember) (?:that|your|his|her|this|the)\s+(?:\w+\s+){0,2}?(?:face"
    r"|smirk|laugh)\b"
    r"|\b(?:remember|forget) (?:that|your|his|her) face\b"
    r"|\b(?:he|she|you)(?:'ll| will) get to know (?:mine|me)\b",
    # "tick tock, Darren." (said to someone), not "tick tock, the refund was due Monday"
    "countdown": r"\btick,?[ -]tock\b(?:,?\s+\w+){0,2}\W*$"
    r"|\b(?:countdown|counting down)'?s? (?:has )?(?:started|begun"
    r"|on)\b|\b(?:your|ur|his|her|their) days (?:are|of \w+ing[\w ]{0,30}? are|(?:in|at)"
    r" [\w ]{1,30}? are) numbered\b"
    r"|\bnumbered\W+(?:and )?i'?m the one\b"
    r"|\bcounting something else\b",
    "waiting": r"\b(?:i|im|i'm) (?:am )?(?:in no rush|a patient (?:man|woman|person)"
    r"|not going anywhere)\b(?=.*\b(?:wait|catch|names|face|you)\b)"
    r"|\b(?:catch|find|get) (?:you|u|ya|him|her) (?:on a day|one day|when (?:you|he|she)"
    r"|outside|after work|alone)\b|\bcome looking for (?:you|u|him|her)\b"
    r"|\b(?:i'll|ill|i will) (?:still )?be (?:here|waiting) when (?:you|u|he|she) (?:get|gets"
    r"|come|comes) back\b|\bwhen (?:you're|youre|you are|he's|she's) not behind (?:that|the"
    r"|your) (?:counter|desk|screen|phone)\b",
    "watching": r"\bi know where (?:the staff (?:door|entrance|car park)|you (?:park|live|go"
    r"|drink)|he (?:parks|lives)|she (?:parks|lives)|your \w+ (?:lives|parks))\b"
    r"|\bkeep an eye on (?:you|u|him|her)\b|\byou won't (?:spot|see) me\b|\bi'll be around\b"
    r"|\b(?:i've|ive|i have) (?:got )?(?:written down |got )?(?:his|her|their|your|ur|the)"
    r" (?:face|reg|registration|names|name|plate|number plates?)\b(?:\s+\w+){0,3}?"
    r" (?:now|off|printed|written|down)\b|\bwritten down the (?:registration|reg|names?)\b"
    r"|\bpaying attention now\b|^\W*watching\W*$"
    r"|\b(?:every|each) (?:single )?(?:morning|night|day)\.? just so you know\b"
    r"|\b(?:go|drive|walk|going|driving|walking) past (?:your|ur|his|her) (?:house|home|place"
    r"|flat)\b|\bat opening,? and at closing\b",
    "while_lasts": r"\blong nights? ahead\b|\bmake the most of it\b"
    r"|\benjoy (?:it|your|ur) (?:\w+ )?while (?:it lasts|you can|u can)\b"
    r"|^\W*while (?:you|u) (?:still )?can\W*$",
}
_FORESHADOW = re.compile("|".join(f"(?P<{name}>{form})" for name, form in _FORE_FORMS.items()))
_FORE_KEYS = frozenset(
    "sleep sweet sooner seeing see forget remember bump run meet talk tick countdown counting"
    " count days numbered rush patient going wait catch find get looking know eye spot around"
    " face reg registration names plate written attention nights most waiting enjoy watching"
    " just past opening mine behind meeting".split()
)
#: Harmless: a mattress, the engineer's visit, a date in the diary.
_FORE_BENIGN = re.compile(
    r"(?i)\b(?:mattress|pillow|bed|duvet|delivery|engineer'?s? visit|appointment|booking"
    r"|party|wedding|birthday|christmas|thanks|thank you|cheers|lovely to chat"
    r"|hope you|have a (?:good|great|lovely|nice)|haha|lol|grind|back to work|trial|log ?in"
    r"|renewal|expires|subscription|kind|helpful|brilliant|great|so nice|amazing|star"
    r"|parcel|drop (?:it|the)|deliver\w*|leave (?:it|the)|letterbox|my (?:train|flight|bus"
    r"|ferry|deadline|exam|interview|holiday))\b"
)

#: A hazard reported for mending ("people fall on that step ... please get it fixed before
#: someone gets hurt"): misfortune foretold to have it prevented.
_HAZARD = re.compile(
    r"(?i)\b(?:get|have|got) (?:it|this|that) (?:fixed|repaired|sorted|seen to|gritted)\b"
    r"|\bwarning sign\b|\bbefore (?:someone|somebody|anyone) (?:\w+ )?(?:gets|is) hurt\b"
    r"|\b(?:is|are) (?:loose|broken|unsafe|slippery|rotten|wobbly|dangerous|icy)\b"
)
#: A joke or praise in the sentence, or a five-star review: no threat meant ("you never
#: know what's coming with these old diesels haha", "Sleep well knowing your pipes are in good
#: hands! 5 stars").
_JOKING = re.compile(
    r"(?i)\b(?:haha\w*|lol|lmao|5 stars|five stars|5\*|legends?|highly recommend\w*"
    r"|thanks so much|thank you so much)\b|\U0001f602|\U0001f923|\U0001f648"
)

#: A review that praises (with a joke or stars above): "5 stars ... in good hands".
_PRAISED = re.compile(
    r"(?i)\b(?:5 stars|five stars|5\*|in good hands|highly recommend\w*"
    r"|legends?|thanks so much|thank you so much|brilliant|fantastic)\b"
)

#: Text speak spelt out, so that one pattern reads both ("ur driver wont enjoy it" as "your
#: driver won't enjoy it"). Only forms with one reading: "ill" (sick) and "n" stay.
_SPOKEN = {
    short: full.replace("_", " ")
    for short, full in (
        pair.split("=")
        for pair in """
        u=you ya=you yu=you ur=your yr=your youre=you're youll=you'll im=i'm ive=i've
        dont=don't wont=won't cant=can't didnt=didn't doesnt=doesn't isnt=isn't arent=aren't
        theyll=they'll theyre=they're theyve=they've hes=he's shes=she's itll=it'll
        thats=that's whats=what's gonna=going_to gunna=going_to gna=going_to wanna=want_to
        tmrw=tomorrow tmr=tomorrow 2moro=tomorrow 2morrow=tomorrow ppl=people pple=people
        b4=before cos=because coz=because bcos=because r=are da=the dat=that wat=what
        wot=what bout=about nd=and frends=friends freinds=friends m8=mate m8s=mates
        bros=brothers bruv=brother tho=though thru=through rly=really b=be tonite=tonight
        2nite=tonight nite=night wiv=with wif=with cuz=cousin cuzzin=cousin cuzzins=cousins
        cuzzies=cousins fam=family hav=have bak=back luv=love bein=being comin=coming
        goin=going doin=doing sayin=saying tellin=telling askin=asking watchin=watching
        waitin=waiting lookin=looking walkin=walking drivin=driving leavin=leaving
        messin=messing havin=having gettin=getting sortin=sorting payin=paying
        poppin=popping nothin=nothing somethin=something anythin=anything
        """.split()
    )
}
#: "want 2 meet", "going 2 see": "2" for "to" before a verb.
_TWO = re.compile(
    r"(?i)\b(want|wants|going|have|has|got|need|needs|come|coming|able|ought) 2 (?=[a-z])"
)


def _spelt_out(sentence: str) -> str:
    """``sentence`` with text speak spelt out (``_SPOKEN``); the rest as it was."""
    sentence = _WORD.sub(_spell, sentence)
    return _TWO.sub(r"\1 to ", sentence) if " 2 " in sentence else sentence


_WORD = re.compile(r"[\w']+")


def _spell(m: re.Match[str]) -> str:
    word = m.group(0)
    return _SPOKEN.get(word.lower(), word)


#: Literal pieces of each kind's forms, one of which every form holds (a cheap look at the
#: whole lower-cased message before any sentence is read).
_ANCHORS = {
    kind: tuple(piece.replace("_", " ") for piece in pieces.split())
    for kind, pieces in {
        "ultimatum": """
            done_being through_being finished_being stop_being stops_being stopping_being
            quit_being done_asking stop_asking finished_asking quit_asking playing_nice
            last_polite last_nice last_civil last_reasonable last_friendly mr_nice mister_nice
            not_nice not_polite not_patient be_nice be_reasonable be_polite be_civil
            be_patient and_start and_begin next_move start_visiting of_patience find_out
            be_happy be_laughing be_smiling n't_like not_like n't_enjoy not_enjoy n't_love
            not_love gonna_like my_turn know_when personal about_money about_the_money my_way
            own_way other_way fashioned_way another_way our_way own_hands want_that
            want_to_meet want_to_find want_to_test want_to_push want_me_as be_surprised
            wish_they wish_he wish_she wish_you regret answer_to_me answers_to_me for_company
            for_the_company your_problem make_your make_his make_her make_problem won't_be
            come_find a_form in_person more_than settl in_money with_money enemy bad_side
            to_cross to_upset to_annoy mess_with
        """,
        "fate": """
            shame pity sad_if sad,_if terrible_if terrible,_if awful_if awful,_if tragic
            tragedy horrible_if unfortunate_if gutted_if disaster_if hate_for hate_if
            not_want_for not_want_if not_like_for not_like_if want_anything want_something
            safe careful could_happen can_happen might_happen may_happen tend_to_happen
            way_of_happen could_go_wrong can_go_wrong might_go_wrong may_go_wrong
            tend_to_go_wrong way_of_going_wrong go_so_wrong never_know way_of tend_to
            tends_to happen_to
            happens_to happened_to for_less need_it insured in_one_piece still_there left_it
            if_i_were funny_how funny_what amazing_how amazing_what scary_how scary_what
            terrible_how terrible_what awful_how awful_what sad_how sad_what go_up goes_up
            fragile flammable slip fall tumble tip_over followed have_accidents get_hurt
            jumped go_missing those_nights break-in breakin mirrors vulnerable own_in alone_in
            think_on
        """,
        "foreshadow": """
            sleep sweet_dreams sooner_than seeing_you seeing_him seeing_her see_you_around
            see_you_about see_you_soon see_ya see_you_very see_you_real see_him see_her
            bump_into run_into each_other meet_again we_meet meet_one_day meet_on_the
            meet_soon meet_in_person talk_properly in_person forget remember get_to_know
            tick_tock tick,_tock tick-tock countdown counting numbered no_rush patient
            going_anywhere catch_you catch_him
            catch_her find_you find_him find_her get_you get_him get_her looking_for
            be_here_when be_waiting_when not_behind i_know_where eye_on_you eye_on_him
            eye_on_her spot_me see_me be_around got_his got_her got_their got_your got_the
            written_down
            paying_attention watching just_so_you_know past_your past_his past_her at_opening
            nights_ahead night_ahead most_of_it while_it_lasts while_you_can while_you_still
        """,
    }.items()
}


#: Each kind's pieces by the first letters of their longest word: only the pieces whose
#: word may begin one of the message's words are looked for ("slip" for "slipped").
_STEM = 4
_ANCHOR_INDEX: dict[str, dict[str, tuple[str, ...]]] = {}
for _kind, _pieces in _ANCHORS.items():
    _index: dict[str, list[str]] = {}
    for _piece in _pieces:
        _word = max(re.findall(r"[a-z0-9]+", _piece), key=len)
        _index.setdefault(_word[:_STEM], []).append(_piece)
    _ANCHOR_INDEX[_kind] = {stem: tuple(pieces) for stem, pieces in _index.items()}


def _anchors(kind: str, stems: frozenset[str], low: str) -> tuple[str, ...]:
    """The pieces of ``kind``'s forms that the lower-cased message ``low`` holds, looked
    for only under the ``stems`` of its words (their first letters)."""
    index = _ANCHOR_INDEX[kind]
    return tuple(
        piece for stem in stems.intersection(index) for piece in index[stem] if piece in low
    )


def _anchored(pieces: tuple[str, ...], low: str) -> bool:
    return any(piece in low for piece in pieces)


_SPLIT = SENTENCES


def veiled(text: str, words: Iterable[str]) -> str | None:
    """``"proxy"``, ``"ultimatum"``, ``"fate"`` or ``"foreshadow"`` when a sentence of
    ``text`` threatens without a violent word, else None. ``words``: the text's lower-case
    word tokens (the gate)."""
    present = frozenset(words)
    spoken = present.intersection(_SPOKEN)
    if spoken:
        present = present.union(*(_SPOKEN[w].split() for w in spoken))
    proxy = not _PROXY_KEYS.isdisjoint(present) and not _PROXY_ACTS.isdisjoint(present)
    ultimatum = not _ULT_KEYS.isdisjoint(present)
    fate = not _FATE_KEYS.isdisjoint(present)
    fore = not _FORE_KEYS.isdisjoint(present)
    if not (proxy or ultimatum or fate or fore):
        return None
    whole = _spelt_out(text) if spoken else text
    low_all = whole.lower()
    proxy = proxy and (_CREW.search(low_all) is not None or _HOME_CREW.search(low_all) is not None)
    stems = frozenset(
        stem for word in present for part in word.split("'") if (stem := part[:_STEM])
    )
    turning = _anchors("ultimatum", stems, low_all) if ultimatum else ()
    fated = _anchors("fate", stems, low_all) if fate else ()
    told = _anchors("foreshadow", stems, low_all) if fore else ()
    if not (proxy or turning or fated or told):
        return None
    return _read(whole, proxy, turning, fated, told)


def _read(
    text: str,
    proxy: bool,
    turning: tuple[str, ...],
    fated: tuple[str, ...],
    told: tuple[str, ...],
) -> str | None:
    """The first kind whose form a sentence of ``text`` (text speak spelt out) holds; each
    kind read only in the sentences that hold one of its pieces found in the message."""
    praised = bool(fated or told) and _JOKING.search(text) is not None and _PRAISED.search(text)
    hazard = bool(fated) and _HAZARD.search(text) is not None
    turns = 0
    previous = ""
    crew_before = False
    sentences = [said for sentence in _SPLIT.split(text) if (said := sentence.strip())]
    for at, said in enumerate(sentences):
        if said.startswith(">"):
            continue
        low = said.lower()
        crew_before = crew_before or (proxy and _CREW.search(low) is not None)
        if _LAWFUL.search(low) and _lawful(low):
            previous = low
            continue
        if proxy and _proxy(low, previous, crew_before):
            return "proxy"
        if turning and _anchored(turning, low):
            if _ULTIMATUM.search(low):
                return "ultimatum"
            turns += sum(1 for _ in _TURNING.finditer(low))
            if turns > 1:
                return "ultimatum"
        fate = not hazard and _anchored(fated, low)
        fore = _anchored(told, low)
        if not (fate or fore) or praised or _JOKING.search(said):
            previous = low
            continue
        if (
            fate
            and (m := _FATE.search(said)) is not None
            and (m.lastgroup not in _NEEDS_MISHAP or _MISHAP.search(said, m.end()))
        ):
            following = sentences[at + 1] if at + 1 < len(sentences) else ""
            if not _FATE_BENIGN.search(f"{said} {following}", m.start(), m.end() + 60):
                return "fate"
        if fore and _FORESHADOW.search(low) and not _FORE_BENIGN.search(low):
            return "foreshadow"
        previous = low
    return None
