"""Threats and harassment as meaning: each kind always escalates; legal, churn and product
talk never does. Cases written for this project (not the issue's examples)."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import ENGINE, triage
from worker.core.threats import ThreatFrame, ThreatFrames, ThreatFramesConfig, expand_groups
from worker.models import REVIEW_POSSIBLE_THREAT

STALKING_DOXXING = [
    "I know which car is yours in the staff lot. See you at six.",
    "Funny, I found your Instagram. Maybe I'll swing by the park you walk your dog in.",
    "I'll be waiting by your car when your shift ends.",
    "I looked up your home address, maybe I should bring this complaint to your door.",
    "Your kids go to Lincoln Elementary, right? Fix my account.",
    "I know where you park every morning.",
    "I've been watching you leave the building at five.",
    "I'll follow you home after work and we can talk about my refund.",
    "Found your Facebook. I know what your house looks like now.",
    "I'll be outside when you clock out tonight.",
    "What time are you off tonight, Priya? I'll be waiting at the staff entrance.",
    "Tell Gary I'll be in the staff car park at six. We'll settle this there.",
]
VEILED_CONDITIONAL = [
    "If my money isn't back by Friday, someone is going to get hurt.",
    "Keep ignoring me and see what happens to you.",
    "It would be a shame if something happened to your little office.",
    "wud b a shame if sumthin happend to ur nice new van",
    "Shame if anything happened to that counter of yours.",
    "Refund me or you'll regret the day you picked up this ticket.",
    "Don't make me come down there. I won't be responsible for what I do.",
    "Accidents happen to people like you.",
    "You won't see it coming.",
    "I own a gun and I'm running out of patience.",
    "Fix it today, or things are going to get physical.",
]
STAFF_PREMISES = [
    "I'm coming to your office tomorrow and somebody will get hurt.",
    "Maybe I'll burn your store down, see if you answer then.",
    "Someone should shoot up your headquarters.",
    "Tell your manager I'll be at the front desk with a bat.",
    "One more excuse and I'll blow up your call center.",
    "I'll bring my knife to your branch on Monday.",
]
# Issue 11 item 3: the same meanings worded differently (written here, not the corpus rows).
GENERALISED = [
    # (a) knowing a person's place, accounts or movements, said to intimidate
    "Pass this on to the rep: I found his Facebook and I know which school his kids go to.",
    "I've got the home address of the driver who dumped my parcel. Think about it.",
    "i have seen u get in your car after work, fix my bill",
    "I know you live near the depot. Refund me.",
    "Now I know the city your support centre is in, and you'll be sorry.",
    "Ignore this email again and watch what happens when I find out which branch you run.",
    "I know your full name. Enjoy your walk home.",
    # (b) coming to a place or a person, with a menacing outcome
    "Fine. I'll pay your manager a visit tomorrow. Mark my words.",
    "I'm coming round to the warehouse on Friday and you won't like what happens.",
    "See you at the branch in the morning. Things will get ugly.",
    "I'll turn up at your reception at nine. Somebody will pay for this.",
    # (c) harm aimed at people
    "If my refund fails again, one of your drivers is likely to end up hurt.",
    "Sort this or your agents won't be safe walking to their cars.",
    "I'll make sure your team is not safe at the branch.",
    # (d) a weapon brought along
    "Keep stalling and I'll come back with a tyre iron.",
    "i'll be down there with my hammer tomorrow",
    # more harm outcomes, fear, premises, hopes
    "we know where your CEO lives. refund now.",
    "I have your manager's home address. Your move.",
    "Found your daughter's school online. Interesting.",
    "If I don't get my money back I'm going to come down to your office and make someone "
    "regret it.",
    "You better hope I never meet you in person.",
    "Refund me or I'll be paying your store a visit with some friends.",
    "Next time I see that courier he's getting his legs broken.",
    "I hope your call centre burns down with everyone inside.",
    "You people should be scared of me.",
    "Last chance. After this I come for your staff.",
    "It'd be terrible if your agent had an accident on the way home.",
    "I'll find the guy who cancelled my order and he'll regret it.",
    # routines, vandalism, family, friends brought along, lessons
    "I know which bus you take home.",
    "Tell Karen at the front desk I know what time she finishes.",
    "I'll be parked across the road from your depot every night until I'm paid.",
    "You don't know who you're messing with.",
    "Your manager has kids, right? Would be a shame.",
    "I'll be in reception tomorrow. Bring security, you'll need it.",
    "Say hi to your wife for me. 14 Oak Lane, isn't it?",
    "refund me or i'll torch the place",
    "how would you feel if someone keyed your car tonight",
    "I'll knock your lights out",
    "Don't walk to your car alone tonight.",
    "Someone should teach your staff a lesson they won't forget.",
    "I've got a few mates who'd love to meet your delivery driver.",
    "If I see that driver again he's going in the river.",
    "You have 24 hours or I start visiting your staff at home.",
    "I recognise you from your profile photo, I'll know you when I see you.",
    "Refund by 5pm or I'm coming over with a few of the lads.",
    "I will hunt down whoever is responsible.",
    "Keep it up and you'll be looking over your shoulder.",
    "Next time I'm in I'll bring something sharp.",
    "I'll come in there swinging.",
    "If nobody calls me back today I'll be at the front door at 9 with a can of petrol.",
    "i hope whoever handles this gets hit by a bus",
    "you deserve everything that's coming to you",
    "Hope you have a nice drive home, it'd be sad if something happened.",
    # (e) conditional ultimatums whose consequence is harm
    "If I don't hear back by tomorrow, I'll be waiting for your manager outside.",
    "Refund me today or I swear someone at your company will regret ever meeting me.",
    "Unless my money is back by Monday, your staff had better watch themselves.",
    "Do that one more time and you'll find out what I'm capable of.",
    "If you close this ticket again I'm driving to your office and it won't be to talk.",
    "One more automated reply and I'll come and sort you out myself.",
    "Ignore me again and I'll make sure you never work again, and that's the nice option.",
]
NEVER_ESCALATE = [
    "I will take you to court over this.",
    "Cancel my subscription or I'm filing a chargeback with my bank.",
    "I'm switching to your competitor next month.",
    "My lawyer will be in touch.",
    "You'll be hearing from my attorney.",
    "Please kill this bug already, it's been weeks.",
    "This update is killing me, every report takes ten minutes.",
    "This damn app is a piece of shit.",
    "The fucking installer failed again.",
    "I'll drop by your store on Saturday to return the router.",
    "I'll come to your office to sign the contract.",
    "I found your FAQ page but it didn't help.",
    "I know where the setting is, it just doesn't save.",
    "After my shift ends I'll try the reset again.",
    "The installer keeps killing my other processes.",
    "I waited by the phone all day for your callback.",
    "Your deadline is killing our team.",
    "I'll report this to the BBB and leave a one-star review.",
    "We will escalate this to your CEO.",
    "If this is not fixed, we will cancel and never come back.",
    "I know where you guys are based, I'm in the same city, can I pick up the part?",
    "Your office hours say 9 to 5 but nobody answers.",
    "The export shot up to 2 GB and the disk blew up.",
    "Can someone at your branch look at my car's warranty?",
    "I found your car listing online and want a quote.",
    "I found your home page confusing.",
    "I'll wait outside your branch until it opens on Monday.",
    "People could get hurt by this faulty charger, it sparked twice.",
    "Someone will get hurt if this recalled heater is still on sale, please pull it.",
    "I own a gun shop and your POS system crashed.",
    "I have a knife block from you that arrived broken.",
    "Things are going to get ugly for our quarterly numbers if this is not fixed.",
    "You'll be sorry to hear the update failed again.",
    "I'll follow your instructions and report back.",
    "My phone blew up with notifications from your app.",
    "I'll be there when you open tomorrow morning.",
    # coming, knowing or warning without a threat of harm (issue 11 item 3)
    "See you in court.",
    "I'll be contacting my lawyer, you won't enjoy that letter.",
    "I'm coming to the store to return it.",
    "I know where your office is, can I drop the documents off?",
    "I know your first name is Sam, thanks for the help earlier.",
    "I'll be there Monday to pick up the replacement.",
    "I'll come to the depot tomorrow, I won't pay for this twice.",
    "Someone will pay for this mistake, the courier or your firm.",
    "The charger could hurt someone, the cable sparks.",
    "Your staff are not safe in that warehouse, the racks are loose.",
    "I'll be waiting outside the store when it opens to grab one.",
    "Does the cricket set come with a bat?",
    "I'm coming in with a hammer to fix the shelf you sold me.",
    "I saw you left a note on my ticket.",
    "You won't like it, but the new layout is worse.",
    "I know where the config file lives, but it won't save.",
    "I have updated my home address in the app.",
    "I know my home address is wrong on the invoice.",
    "Is your office open on Saturday? I'll come down to pick up the part.",
    "Are you scared of losing customers?",
    "I'm coming for a refund, not an argument.",
    "You'll get what's coming in the post on Monday, the replacement is shipped.",
    "I'll come to the store with some friends to look at laptops.",
    "I broke my legs skiing so I can't come to the store.",
    "My kneecaps hurt from kneeling under the desk to fix your router.",
    "I checked your profile page and the avatar is broken.",
    "My daughter's school uses your app.",
    "I'll find the guy who sold it to me and ask for a receipt.",
    "I'm going after your company in small claims court.",
    "It would be terrible if my data was lost in an accident.",
    "My friends would love to meet the founder at the conference.",
    "I know which bus route serves your store, is it the 42?",
    "Don't forget, I'm home alone tonight so deliver after six.",
    "I live on Oak Lane, please update the street name.",
    "My manager has kids and uses your parental controls, would be a shame to cancel.",
    "The courier keyed in the wrong code.",
    "Key your car details into the form and it errors.",
    "We'll be in touch next week.",
    "I'll be in reception at nine for my appointment.",
    "You don't know who you're dealing with, I'm a solicitor and this is negligence.",
    "I know what time your shift starts, can someone call me then?",
    "Say hi to your team for me, you were great.",
    "Drive home safe, and it'd be a shame if anything happened to the parcel.",
    "It would be a shame if something happened to my order on the way.",
    "wud be a shame if anythin happend to my parcel again, pls add insurance",
    "I'll track down the parcel myself if I have to.",
    "Enjoy the free tier while you can.",
    "I hope the courier doesn't crash the van again.",
    "If I don't hear back by tomorrow, I'll be contacting my bank to reverse the charge.",
    "Fix this or I'll find another provider.",
    "If you close this ticket again I'm driving to your office to complain in person.",
    "I'm driving to your store to return it, not to talk to anyone.",
    "Unless my money is back by Monday, I'll report you to trading standards.",
    "I'm going to the store to return it, see you there.",
    "I know where your head office is, I'll send a letter there.",
    "I'll be waiting for your engineer outside the building at 9.",
    "You'd better watch the tutorial first.",
    "I'll make sure I never work with your company again.",
    "I'll shoot you an email with the logs.",
    "You'll regret the day you lost my business.",
    "I've got a bat signal for when your app breaks lol",
    "I'll be waiting outside the store at closing time to pick up my order.",
    "My boss will kill me if this isn't fixed today.",
    "I'm bringing my lawyer to your office on Monday.",
    "I'll see you in person at the depot tomorrow to collect the parcel.",
    "The knife I bought from your shop arrived blunt.",
    "I'll hunt down the receipt and send it over.",
    "The new release has a drop-dead date of the 14th and we still can't log in.",
    "Honestly the dress is drop dead gorgeous, the zip is just broken.",
    "Please grit the icy car park before someone gets hurt.",
    "The handrail by the lifts is loose, please fix it before someone gets hurt.",
    "I'll wait at the staff entrance for the parcel, as the driver suggested.",
]


#: Violence told plainly, without the usual threat verbs: a body hurt, blood, a person left
#: needing care, a car or dogs used as a weapon.
PLAIN_VIOLENCE = [
    "keep stalling and I'll crack your skull open",
    "that engineer is gonna need stitches when I'm finished with him",
    "send the courier back and I'll put him in a wheelchair",
    "your staff will pay for this in blood",
    "next time your van blocks my drive I'm ramming it off the road with the driver in it",
    "one more wasted afternoon and I'm setting the dog on whoever you send",
    "Refund me or I'm smashing his face in when he turns up",
    # The speaker as subject before a word that can name a thing ("set", "park").
    "If your meter reader comes round again I'll set the dogs on him.",
    # Someone's body part named by their role, and anyone at all, in the future tense.
    "I'll break the surveyor's jaw if he values my house that low again.",
    "gonna smash that courier's face in when he turns up",
    "I'm going to stab the next person who reads me that script.",
    # Idioms of menace about someone else.
    "Tell your surveyor he's a marked man.",
    "The cashier who laughed at me wants to watch her back.",
    "Your warden should be watching his back from now on.",
]
#: A dare against premises or people, a crew bringing weapons, someone followed, a home
#: address made public.
DARES_AND_DOXXING = [
    "Close my ticket again and see what happens to your shop.",
    "keep it up and watch what happens to your agents",
    "The lads know where your depot is. They'll bring crowbars.",
    "I've been tailing your engineer's van since nine.",
    "One more excuse and I'll publish your manager's home address.",
    "I'm going to post where she lives in every review I write.",
]
DARES_AND_DOXXING_NOT = [
    "Cancel now and see what happens to your account balance? No thanks.",
    "I've been following your instructions step by step and it still fails.",
    "I've been following your driver on the tracking map all day, where is he going?",
    "I shared my home address with your agent twice already.",
    "They're bringing bats and gloves to cricket practice, so deliver before 4.",
    "I'll be swinging by the store tomorrow to collect it.",
]
#: The same words in a complaint, an idiom, a report or about the speaker's own family.
PLAIN_VIOLENCE_NOT = [
    "Dealing with your billing team is like bashing your head against a brick wall.",
    "This update is doing my head in.",
    "I was nearly run off the road by your driver this morning, please speak to him.",
    "They had to put my father in a wheelchair after his fall, so please use the side door.",
    "You'll need a new face plate for the fridge door, the old one cracked.",
    "Don't break your neck getting the invoice out, next week is fine.",
    "The tracking page says my parcel was put in an ambulance depot by mistake?",
    "My brother said he'd break the driver's jaw, I calmed him down and I'm writing instead.",
    "I'll break the engineer's laptop open myself if nobody comes to fix it.",
    "The driver's face when he saw the flooded porch was priceless.",
    "I'm going to kill the next bug I find in this release, promise.",
    "I'm going to hurt someone's feelings with this review, but it's honest.",
    "I'll set up the direct debit again tomorrow.",
    "My physio says the fitter should watch his back when lifting that wardrobe.",
    "He's not a marked man, he's been lovely, please thank him.",
    "I watched the film Dead Man Walking on your app and the sound kept dropping.",
]


def _escalated(text: str) -> tuple[bool, list[str]]:
    out = triage(text)
    return out.escalation.required, list(out.abuse.kinds) if out.abuse else []


@pytest.mark.parametrize("text", STALKING_DOXXING)
def test_stalking_and_doxxing_escalate(text: str) -> None:
    """Knowing or seeking where someone lives, works, parks, posts: a threat, escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", VEILED_CONDITIONAL)
def test_veiled_and_conditional_threats_escalate(text: str) -> None:
    """Veiled and conditional threats of harm are threats, escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", STAFF_PREMISES)
def test_threats_against_staff_or_premises_escalate(text: str) -> None:
    """Threats against staff or the company's premises are threats, escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", GENERALISED)
def test_threat_meanings_worded_differently_escalate(text: str) -> None:
    """Knowledge of a person, a visit with a menace, harm to staff, a weapon: escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


def test_a_visit_or_a_menace_alone_is_no_threat_but_both_are() -> None:
    """The two halves of a threat escalate together, in any sentences, never one alone."""
    visit = "I'll be at the depot tomorrow at nine."
    menace = "Trust me, you won't enjoy it."
    got = [_escalated(t)[0] for t in (visit, menace, f"{visit} {menace}")]
    assert [False, False, True] == got


@pytest.mark.parametrize("text", PLAIN_VIOLENCE)
def test_violence_told_plainly_escalates(text: str) -> None:
    """Harm to someone's body, blood, a person left needing care: threats, escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", PLAIN_VIOLENCE_NOT)
def test_violence_words_in_complaints_and_reports_do_not_escalate(text: str) -> None:
    """ "banging your head against a wall", "my head", a near miss reported, a relative's
    wheelchair, a face plate: no threat."""
    escalated, kinds = _escalated(text)
    assert (False, False) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", DARES_AND_DOXXING)
def test_dares_crews_following_and_doxxing_escalate(text: str) -> None:
    """ "see what happens to your shop", a crew with weapons, someone followed, a home address
    published: threats, escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", DARES_AND_DOXXING_NOT)
def test_following_sharing_and_dares_about_things_do_not_escalate(text: str) -> None:
    """Following instructions or a tracking map, one's own address, sports kit, "swinging by",
    a dare about an account: no threat."""
    escalated, kinds = _escalated(text)
    assert (False, False) == (escalated, "threat" in kinds)


def test_an_idiom_after_a_threat_phrase_does_not_hide_a_threat() -> None:
    """'shoot you an email' is an idiom; 'kill you and your customers' is still a threat."""
    got = [_escalated(t)[0] for t in ("I'll kill you and your customers.", "I'll shoot you.")]
    assert [True, True] == got


@pytest.mark.parametrize("text", NEVER_ESCALATE)
def test_legal_churn_and_product_talk_never_escalate(text: str) -> None:
    """Legal, churn and chargeback threats, 'kill this bug', profanity about a product: no."""
    escalated, kinds = _escalated(text)
    assert (False, []) == (escalated, kinds)


@pytest.mark.parametrize(
    "text",
    [
        "I don't know where you live, but the warehouse address on the invoice is wrong.",
        "I never said someone would get hurt, I said the cable is unsafe.",
        "Check out the new release, you won't be sorry.",
    ],
)
def test_a_negated_frame_is_no_threat(text: str) -> None:
    """A negator before or inside a frame cancels it."""
    escalated, kinds = _escalated(text)
    assert (False, "threat" in kinds) == (escalated, False)


def test_threat_cues_name_the_frame() -> None:
    """The evidence names the kind of threat frame that matched, never the text."""
    out = triage("I'll be waiting by your car when your shift ends.")
    assert "threat_frame:lurking" in out.evidence.abuse


def test_threat_frames_are_linear_on_long_sentences() -> None:
    """A long sentence full of frame openings is scanned quickly."""
    import time

    body = "i know your " * 3000 + "i will be waiting by your " * 3000
    start = time.process_time()
    triage(body[:20000])
    assert time.process_time() - start < 2.0


# Someone else's threat or insult, reported by the customer (quoted or not): the customer
# threatens nobody. Written for this project.
REPORTED_NOT = [
    "A man in your store yelled that he would smash the tills. Your staff handled it well.",
    "My daughter got a text from your courier saying he'd hurt her if she complained.",
    'The support bot answered "I know where you live" to my question about delivery zones.',
    'Your billing page is titled "we will find you" which is creepy.',
    "Some guy at your branch was calling me a stupid cow in front of everyone.",
    "the engineer muttered 'you'll regret this' when I asked for his ID",
    'There is a film on your app called "Burn Your House Down" that plays without sound.',
    "A lad at the counter shouted at your cashier that he'd wreck the place, awful to watch.",
    "Your courier called my son a little thug on the doorstep.",
    "One of your bailiffs told my neighbour he'd put her through the wall if she didn't open up.",
    "Your fitter threatened to put my husband through the window over a parking space.",
]
# ... unless the customer's own people aim it at the reader: a threat by proxy.
PROXY = [
    "My husband says he'll burn your shop down if this isn't fixed.",
    "My brother threatened to put your driver through the windscreen.",
    "My brother said he'd smash your face in if you hang up on me again.",
    "My dad screamed at your manager that he'll burn your shop down.",
]


@pytest.mark.parametrize("text", REPORTED_NOT)
def test_a_reported_threat_or_insult_is_not_the_customers(text: str) -> None:
    """Someone else's words, in quotation marks or reported ("yelled that he would"): no."""
    escalated, kinds = _escalated(text)
    assert (False, []) == (escalated, kinds)


@pytest.mark.parametrize("text", PROXY)
def test_a_threat_relayed_from_the_customers_own_people_escalates(text: str) -> None:
    """'My husband says he'll...' aimed at the reader threatens by proxy: escalated."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize(
    ("menace", "lever"),
    [
        ("You'll be sorry.", "You'll be sorry, I'm leaving a review on Trustpilot tonight."),
        ("I'm coming after you.", "I'm coming after you in small claims court."),
        ("You'll regret this.", "Mark my words, you'll regret this in front of the ombudsman."),
        ("You'll get what's coming to you.", "You'll get what's coming to you from my bank."),
        ("I'll make you pay.", "I'll make you pay through every complaint channel there is."),
    ],
)
def test_a_menace_of_an_outcome_with_a_lawful_lever_is_no_threat(menace: str, lever: str) -> None:
    """A bare menace of an outcome escalates; the same menace through a court, a review, a
    regulator or the bank is a legal or review threat, which never does."""
    assert (True, False) == (_escalated(menace)[0], _escalated(lever)[0])


@pytest.mark.parametrize(
    "text",
    [
        "You'll be sorry, and no court will save you.",
        "You'll regret this, and not in court.",
        "I'm coming after you, and it won't be through the courts.",
    ],
)
def test_a_denied_lever_leaves_the_menace(text: str) -> None:
    """'No court will save you' names a court only to deny it: still a threat."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize(
    ("visit", "threat"),
    [
        ("I'm coming to your branch on Friday to collect my laptop.", "I'm coming to your house."),
        ("We're coming to your launch event with the team.", "I'm coming to your home tonight."),
    ],
)
def test_coming_to_a_shop_is_a_visit_coming_to_a_home_a_threat(visit: str, threat: str) -> None:
    """A visit to the company is no threat alone; a visit to the agent's home is."""
    assert (False, True) == (_escalated(visit)[0], _escalated(threat)[0])


# Harm by the customer's hands to staff named by role, harm told in the passive, the premises
# wrecked, pain shown. Written for this project.
HANDS_ON = [
    "If they cut my heating again someone in your accounts team is getting a kicking.",
    "I'll strangle the next agent who reads me a script.",
    "Do that again and I'll put your supervisor through the glass door.",
    "I'm going to smash up your showroom tonight.",
    "Keep lying and I'll show you what pain feels like.",
    "the next rep who puts me on hold is going to hospital",
]
HANDS_ON_NOT = [
    "I'll punch in my meter reading tomorrow.",
    "I'll beat the agent to it and email the manager.",
    "The courier got punched at our door by a neighbour, is he ok?",
    "I'll kill the agent's chat window if it pops up again.",
    "I'll destroy your office in the reviews.",
    "Let me show you what the pain point is in our workflow.",
    "My dad is going to hospital on Monday so please deliver to my flat instead.",
]


@pytest.mark.parametrize("text", HANDS_ON)
def test_harm_to_staff_or_premises_told_plainly_escalates(text: str) -> None:
    """Violence by the customer to staff named by their role, or suffered in the passive."""
    escalated, kinds = _escalated(text)
    assert (True, True) == (escalated, "threat" in kinds)


@pytest.mark.parametrize("text", HANDS_ON_NOT)
def test_the_same_words_about_keys_deals_and_reviews_do_not(text: str) -> None:
    """'punch in a reading', 'beat the agent to it', destroying an office in reviews: no."""
    escalated, kinds = _escalated(text)
    assert (False, []) == (escalated, kinds)


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Your warehouse will be a pile of ash by Sunday.",
            "Your store will burn through my patience.",
        ),
        (
            "ur branch is gonna burn and u know why",
            "The shop is going to burn a hole in my pocket.",
        ),
        (
            "That office of yours won't be standing next month.",
            "your shop won't be standing out from the competition with prices like these",
        ),
        (
            "Your head office needs better locks.",
            "Your head office needs better signage, I walked past it twice.",
        ),
        (
            "Your showroom is a target now.",
            "Your showroom is a target for shoplifters, the door alarm is off.",
        ),
    ],
)
def test_what_becomes_of_the_premises_is_a_threat(threat: str, not_threat: str) -> None:
    """The shop's fate foretold (ash, burning, not standing, a target): a threat; the same
    words about patience, prices, competition or thieves: no."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        ("I know your shift pattern now, so do not ignore me.", "I know your team is busy."),
        ("I know what time you clock off.", "I know what time you close, I'll call before."),
        ("I found your girlfriend on Instagram.", "I found your reply in my spam folder."),
        ("Ive got your date of birth and your surname.", "I got your email, thanks."),
    ],
)
def test_knowing_a_persons_private_life_is_stalking(threat: str, not_threat: str) -> None:
    """Knowing an agent's shifts, partner or personal details: stalking; the company's hours
    or a reply received: no."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Wait till I get my hands round your throat.",
            "I have a sore throat so please email rather than call.",
        ),
        (
            "Send the engineer again and he leaves on a stretcher.",
            "My dad left your store on a stretcher after he slipped on the wet floor.",
        ),
        (
            "Your agent won't be safe after what he said.",
            "You won't be safe using that charger, it sparks.",
        ),
        (
            "I know how to make someone disappear.",
            "I know how to make the banner disappear, thanks.",
        ),
        (
            "keep it up and I'll put you in hospital",
            "Stop ramming upgrades down my throat.",
        ),
    ],
)
def test_violence_named_by_its_result_is_a_threat(threat: str, not_threat: str) -> None:
    """Harm named by its result (a stretcher, hospital, hands round a throat, not safe): a
    threat; an accident, a sore throat, a product's safety, a banner: no."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "you can't hide, I know where you live",
            "I don't know where you live, so post it to the depot.",
        ),
        (
            "I'm outside your house right now and I'm staying.",
            "I'm outside your house with the parcel you ordered, nobody answers.",
        ),
        (
            "I'll be at the bus stop you use every night until this is fixed.",
            "Is there a bus stop near your store? I don't drive.",
        ),
        (
            "I'm not shouting any more, I'll be swinging.",
            "I'm not swinging by the store, I'll wait for the courier.",
        ),
    ],
)
def test_a_negator_denies_only_its_own_clause(threat: str, not_threat: str) -> None:
    """'you can't hide, I know where you live': the negator belongs to another clause. Being
    at a person's home or bus stop is lurking; a delivery there is not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Close my ticket again and see how long you keep breathing.",
            "The engineer said the boiler will keep breathing out fumes unless it is serviced.",
        ),
        (
            "Your agent had better hope he gets home in one piece tonight.",
            "I just want the wardrobe to get home in one piece this time.",
        ),
        (
            "Every one of your supervisors deserves a beating.",
            "Your supervisor deserves a raise, she fixed it in minutes.",
        ),
        (
            "Tell your manager to check his brakes before he drives home.",
            "Tell your mechanic to check the brakes before I collect the car.",
        ),
    ],
)
def test_a_harm_foretold_is_a_threat(threat: str, not_threat: str) -> None:
    """Breathing, getting home in one piece, a beating deserved, brakes checked: of a person,
    a threat; of a boiler, a wardrobe, a raise or a car's brakes: no."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Third reply in a week. Next time it won't just be an email, believe me.",
            "Next time it won't just be an email, I'll be cancelling the whole account.",
        ),
        (
            "I'm warning you, it won't be a strongly worded letter next time.",
            "It won't be a strongly worded letter next time, it'll be the ombudsman.",
        ),
        (
            "we know where the depot is, and next time we're not just typing",
            "next time I'm not just typing to a chatbot, put me through to a person",
        ),
        (
            "next time it will not be words",
            "next time I'm not only writing about the invoice but the delivery too",
        ),
    ],
)
def test_action_after_words_is_a_threat(threat: str, not_threat: str) -> None:
    """'next time it won't just be an email': what comes after words is left to fear. A
    lever, leaving, or who answers next time ('not just typing to a chatbot') is no threat."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "idiom"),
    [
        ("I'll shoot you the moment you walk in.", "I'll shoot you the logs after lunch."),
        ("I'll shoot you over this, mark my words.", "I'll shoot you over my receipts tonight."),
        ("I'll shoot you the second you step out.", "I'll shoot you the deposit once it's signed."),
        ("I'll shoot you the same way I'd shoot a dog.", "Shall I shoot you the updated figures?"),
    ],
)
def test_shooting_someone_a_thing_is_sending_it(threat: str, idiom: str) -> None:
    """'shoot you the logs' sends something; 'shoot you the moment...' does not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(idiom)[0])


@pytest.mark.parametrize(
    ("asked", "not_asked"),
    [
        ("Send me your home address and we'll sort it out.", "Please send it to my home address."),
        ("what's your personal number, I'd rather text you", "Do you need my personal number?"),
        ("give me your insta so we can chat after work", "Can you give me the support number?"),
    ],
)
def test_asking_an_agent_for_private_details_is_harassment(asked: str, not_asked: str) -> None:
    """An agent's home address or personal number asked for crosses a line; the customer's
    own details, or the company's channels, do not."""
    escalated, kinds = _escalated(asked)
    assert (True, True, False) == (escalated, "harassment" in kinds, _escalated(not_asked)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Keep lying to me and you'll be eating through a straw.",
            "I'll be eating through a straw for a week after the implant, so no calls please.",
        ),
        (
            "Sort the refund or your engineer is a dead man.",
            "Honestly you're dead to me after this, cancel everything.",
        ),
        (
            "Tell the supervisor I'd snap his neck if he were in the room.",
            "My neck snapped back when your bus braked, I want the incident logged.",
        ),
        (
            "If the bank keeps my savings, that manager's wife will be a widow.",
            "I'm a widow on a fixed income, please don't charge me twice again.",
        ),
        (
            "Reject my claim again and your adjuster had better avoid dark car parks.",
            "I'd avoid the car parks at the airport, they charge a fortune.",
        ),
        (
            "Refund or I hurt someone. Simple.",
            "I haven't killed one yet, but I did kill someone's boss level in the game.",
        ),
    ],
)
def test_harm_named_by_what_is_left_of_someone_is_a_threat(threat: str, not_threat: str) -> None:
    """What is left of someone after harm (a straw to eat through, a widow, a dead man) is
    a threat aimed at them; the same words about the speaker, an idiom or a game are not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Accidents happen to people who cancel my orders.",
            "Accidents happen, I get it. Just send a new vase.",
        ),
        (
            "Would be very easy for your driver to have a nasty fall on my drive.",
            "Your driver will have an accident driving like that, he was doing 50 on our road.",
        ),
        (
            "It'd be a shame if your cashier had an accident on the way home.",
            "I'd hate for my kids to have an accident on those loose stairs you fitted.",
        ),
        (
            "You have kids, don't you? Think very carefully about them before you say no.",
            "You have children, I'm sure you understand how stressful this bill is.",
        ),
        (
            "u got a mum? bet she'd miss u",
            "Do you have a mum? Ask her what she'd think of this service.",
        ),
    ],
)
def test_an_accident_or_a_family_wished_on_someone_is_a_threat(
    threat: str, not_threat: str
) -> None:
    """An accident foretold for staff, or their family named beside a menace; an accident
    forgiven, a safety complaint, or a family named for empathy is none."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "There will be a fire at your warehouse this weekend, you'll know why.",
            "There will be a fire at your store if you keep selling these chargers.",
        ),
        (
            "Someone should phone in a bomb threat to your head office. Maybe me.",
            "There was a bomb scare at the airport so I missed my flight, refund it.",
        ),
        (
            "I'd strongly suggest evacuating your Park Road branch on Friday.",
            "They had to evacuate the building because of a gas leak, so my slot was cancelled.",
        ),
        (
            "Your depot. Petrol and matches. Soon.",
            "The camping stove order came without the petrol and matches I paid for.",
        ),
        (
            "We will smash every window of your showroom.",
            "I smashed the window of my own car to get the keys you locked in.",
        ),
        (
            "I'm bringing a baseball bat to your store tomorrow.",
            "I have a baseball bat from your shop that split after one game.",
        ),
        (
            "YOUR OFFICE IS GOING UP IN SMOKE, COUNT ON IT",
            "Your office smoke detector beeps all night, please send someone.",
        ),
    ],
)
def test_fire_bomb_or_wreckage_foretold_at_premises_is_a_threat(
    threat: str, not_threat: str
) -> None:
    """A fire, a bomb, an evacuation or broken windows foretold at a site; a safety hazard,
    travel disruption, an alarm or a product returned is none."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "I'll be calling your wife next, she should know what you do all day.",
            "I'll call your manager tomorrow about the family plan.",
        ),
        (
            "I have your home address and your mother's name. Keep stalling.",
            "I have your head office address, I'll post the form there.",
        ),
        (
            "wouldn't it be fun if your home address ended up online",
            "Is my home address online anywhere? I never agreed to that.",
        ),
        (
            "I parked opposite and watched who came out of your office at six.",
            "I saw who delivered it on the doorbell camera: your driver, at six.",
        ),
        (
            "Last night I followed your courier home after his round.",
            "I followed your courier's instructions and the parcel is still missing.",
        ),
        (
            "I know which nursery your agent's little boy goes to.",
            "I don't know which nursery to pick, can your app compare them?",
        ),
    ],
)
def test_reaching_a_persons_family_or_home_is_stalking(threat: str, not_threat: str) -> None:
    """An agent's family called or held, a home address put online, staff watched leaving
    or followed home; a manager called, the office's address, instructions followed are not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        # Going past someone's home; a house gone up in flames or a view of the sale.
        (
            "Funny, I've walked past your flat three evenings running now.",
            "I drove past your showroom on Sunday but it was shut.",
        ),
        (
            "I drove by his house on Elm Road last night, his lights were still on.",
            "We drove past the house for sale on your listing, is it still available?",
        ),
        # A profile read for where someone lives; a company's address read from its site.
        (
            "your facebook says you live out by the reservoir. nice and quiet there",
            "Your website says you are based in Leeds, do you deliver to Hull?",
        ),
        # Which days a person works, found out; for booking them again it is no threat.
        (
            "I've found out what days he works now.",
            "I know which days she works so I can book with her again next month.",
        ),
        (
            "Give it a week and I'll know where she goes after work.",
            "I'll find out where the parcel goes after the depot and tell you.",
        ),
        # Premises gone up in smoke, as a pity; prices going up as a pity are not.
        (
            "Your unit's stacked with pallets. Be an awful pity if the lot caught fire.",
            "It would be a pity if the subscription price went up again in spring.",
        ),
        # Take care on the walk to the car: a menace; the lighting complained about: not.
        (
            "Your drivers want to be careful walking to their cars after a shift like that.",
            "Be careful walking to your car, the car park lighting has been out all week.",
        ),
        ("You'll soon see what I'm capable.", "You'll soon see what the app is capable of."),
        # Where one member of staff lives; how far away the engineer lives is no threat.
        (
            "Your courier lives down by the old mill. Quiet spot.",
            "Your engineer lives in a dream world if he thinks an hour away is local.",
        ),
        # An agent's private number held; the customer's own landline is not.
        (
            "I've got your adviser's personal mobile now, I'll try her tonight.",
            "I've got home phone and broadband with you since 2019.",
        ),
        # A little one's nursery known; children travelling free are not.
        (
            "I know which school your little girl goes to.",
            "Your kids go free on the ferry in August? Asking before I book.",
        ),
    ],
)
def test_going_past_a_home_or_reading_where_someone_lives_is_a_threat(
    threat: str, not_threat: str
) -> None:
    """A home passed or looked up, working days found out, premises gone up as a pity, the
    walk to the car; a showroom passed, a company's address, a booking, prices are not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        # A person named by their job or as "the man": the speaker's violence to them.
        (
            "I will strangle the receptionist if she hangs up on me again.",
            "I'm going to kill the woman at the till, she was so funny.",
        ),
        (
            "Send the fitter back and I'll knock some sense into him.",
            "I'd like to knock some sense into your billing system.",
        ),
        (
            "Ring me again and there's a bottle going through your head.",
            "The bat went through the skull of the cartoon villain in your app.",
        ),
        (
            "Got a cricket bat here with your driver's knees in mind.",
            "Got a cricket bat here with a cracked handle, can I return it?",
        ),
        ("Count your days, Darren.", "I'll count the days until the refund lands."),
        ("Pray we never meet, pal.", "Pray the parcel turns up before Friday."),
        ("ill make u suffer for this", "this update makes me suffer every morning"),
    ],
)
def test_violence_to_a_person_named_by_their_job_or_a_weapon_is_a_threat(
    threat: str, not_threat: str
) -> None:
    """A receptionist strangled, sense knocked into someone, a bottle through a head, a bat
    for knees, days counted; a joke, a system, a cartoon, a return, a refund are not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        # A premises named by "your" and up to two words, set on fire or gone up.
        (
            "I'll torch your Kingsway showroom if the deposit isn't back by Friday.",
            "I'll torch the weeds by your Kingsway showroom, as agreed with your manager.",
        ),
        (
            "That old timber yard of yours? Your yard would go up like kindling.",
            "Your share price would go up like a rocket if you answered emails.",
        ),
        (
            "Something could happen to your Eastgate surgery over the bank holiday.",
            "What will happen to your Eastgate surgery if it closes?",
        ),
        # Menace of a person's wellbeing, of how "a man like this" is dealt with, of an enemy.
        (
            "Your planner should think carefully about her own wellbeing before she bills me.",
            "Your planner should think carefully about the seating plan before she bills me.",
        ),
        (
            "Back home we know how to deal with a man like your mechanic.",
            "Back home we know how to deal with a car like this one.",
        ),
        (
            "Tell him I'm not someone you want as an enemy.",
            "Tell him I'm not someone who complains often.",
        ),
        (
            "Be a tragedy if your inspector got hurt on his rounds.",
            "Be a tragedy if your inspector missed his rounds again.",
        ),
        (
            "Cancel again and I'll drive over and knock some sense into him.",
            "Cancel again and I'll drive over and sort the paperwork myself.",
        ),
        (
            "I will come to his house on Sunday and we talk there.",
            "I will come to his house on Sunday to drop off my mum's forms.",
        ),
        (
            "I'll smash every window in the place if the deposit isn't back.",
            "I'll smash every window in my own shed if I stay on hold any longer.",
        ),
    ],
)
def test_premises_named_loosely_and_menaces_of_wellbeing_are_threats(
    threat: str, not_threat: str
) -> None:
    """A premises set alight, gone up or threatened with 'something', a person's wellbeing
    or the way 'a man like this' is dealt with; weeds, share prices, closures, seating
    plans, cars and paperwork are not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "visit"),
    [
        (
            "I'm coming down to the depot and I'll deal with him myself.",
            "I'm coming down to the depot to deal with the paperwork myself.",
        ),
        (
            "I'll be at your front desk at nine. The nurse won't enjoy our conversation.",
            "I'll be at your front desk at nine to hand in the forms.",
        ),
        (
            "I know where your office is. I know what your manager looks like too.",
            "I know where your office is, I'll post the forms there.",
        ),
    ],
)
def test_a_visit_or_knowledge_with_a_menace_is_a_threat(threat: str, visit: str) -> None:
    """Coming in or knowing the office, then a menace (dealt with personally, a conversation
    no one will enjoy, the manager's face): a threat; the visit or the address alone: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(visit)[0])


@pytest.mark.parametrize(
    ("harassing", "not_harassing"),
    [
        ("I'll email you every hour until you quit.", "I'll email every day until you fix it."),
        ("u sound hot on the phone. what u wearin", "Your agents sound bored. Fix the hold music."),
        ("are you single? asking for me", "Is the single-user plan cheaper than the family one?"),
        ("typical woman, can't even read a bill", "My wife sorted the bill in five minutes."),
    ],
)
def test_campaigns_and_advances_aimed_at_an_agent_are_harassment(
    harassing: str, not_harassing: str
) -> None:
    """A campaign against an agent's job, sexual or personal remarks, contempt for a sex;
    persistence about the problem or a question about the product is none."""
    escalated, kinds = _escalated(harassing)
    assert (True, True, False) == (
        escalated,
        "harassment" in kinds,
        _escalated(not_harassing)[0],
    )


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Lose my paperwork again and something will happen to your adviser.",
            "Lose my paperwork again and something will happen to my claim, I'm sure.",
        ),
        (
            "Something might happen to that driver of yours, the way he blocks my drive.",
            "Did something happen to the driver? He never turned up.",
        ),
        (
            "Keep refusing and something could happen to the dentist on her way out.",
            "If anything happens to the dentist while I'm mid-treatment, who is liable?",
        ),
    ],
)
def test_something_foretold_to_happen_to_a_person_is_a_threat(threat: str, not_threat: str) -> None:
    """An outcome foretold for a person ("something will happen to your adviser") menaces;
    the same words about the customer's own claim, a question about what happened, or a
    worry about liability do not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("hazard", "threat"),
    [
        (
            "The paving by your car park entrance is cracked. Someone will get hurt.",
            "I know which car is yours in that car park. Someone will get hurt.",
        ),
        (
            "Your lorry was speeding through the estate again.\nOne day someone's going to get "
            "hurt.",
            "Your lorry driver blocked me in again.\nOne day someone's going to get hurt.",
        ),
    ],
)
def test_a_hazard_told_in_another_sentence_makes_a_warning_not_a_threat(
    hazard: str, threat: str
) -> None:
    """'Someone will get hurt' after a hazard named anywhere in the message (cracked paving,
    speeding) is a safety warning; after knowing an agent's car or a grievance, a threat."""
    assert (False, True) == (_escalated(hazard)[0], _escalated(threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Refuse the refund once more and I'll hurt whoever made that call.",
            "Refuse the refund once more and I'll tell whoever made that call what I think.",
        ),
        (
            "if i see that salesman again im going to beat him black and blue",
            "if i see that salesman again im going to beat him to the front of the queue",
        ),
        (
            "Keep cancelling my slot and that surgery won't be standing by Friday.",
            "Keep cancelling my slot and that surgery won't be getting my custom after Friday.",
        ),
        (
            "Tell your supervisor I've clocked which exit he uses at night.",
            "Tell your supervisor I've clocked which exit the parcel lockers are near.",
        ),
    ],
)
def test_harm_to_whoever_a_beating_a_site_gone_and_a_routine_learnt(
    threat: str, not_threat: str
) -> None:
    """Harm to 'whoever' decided, a beating told by its result, a surgery that will not be
    standing, an exit learnt; a message, a queue, custom taken elsewhere and a locker are
    none."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "I know he lives off Mill Lane, so tell him to call me back.",
            "My dad lives off Mill Lane, so deliver it there instead.",
        ),
        (
            "i found out ur manager lives opposite the chippy",
            "i found out my neighbour lives opposite the chippy, can the parcel go to her",
        ),
        (
            "We know she lives behind the leisure centre.",
            "I know she lives on her own, so the engineer should ring before coming.",
        ),
    ],
)
def test_knowing_where_a_person_lives_is_stalking(threat: str, not_threat: str) -> None:
    """Where an agent or a manager lives, told as known: stalking; where the customer's own
    people live, or that someone lives alone: an address for a delivery or a visit."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


def test_a_group_named_inside_a_phrase_stands_for_each_of_its_phrases() -> None:
    """``"your {role}"`` expands to one phrase per member of ``role``, in order; a phrase that
    is a whole ``{group}`` stands for all of that group's phrases (it was kept as it was, a
    dead phrase, before stop 55); a reference to an unknown or nested group is an error."""
    groups = {
        "role": ("agent", "line manager"),
        "site": ("shop",),
        "who": ("your {role}", "the {role} at the {site}", "{role}"),
    }
    out = expand_groups(groups)
    assert out["who"] == (
        "your agent",
        "your line manager",
        "the agent at the shop",
        "the line manager at the shop",
        "agent",
        "line manager",
    )
    assert out["role"] == groups["role"]
    with pytest.raises(ValueError, match="no group of plain phrases"):
        expand_groups({"a": ("x {b}",), "b": ("y {c}",), "c": ("z",)})
    with pytest.raises(ValueError, match="no group of plain phrases"):
        expand_groups({"a": ("x {missing}",)})


def test_the_head_does_not_overrule_a_hazard_the_frames_excused() -> None:
    """The learned head reads 'someone is going to get hurt there one night' beside a staff
    entrance as a threat (p over its threshold); the frame it matches is excused by the
    cracked paving named in the same message, so no manager is called, and a person still
    gets the review tag. (Stop 63's head scores stop 36's "The paving by your car park
    entrance is cracked. Someone will get hurt." at 0.33, no longer a threat to it.)"""
    out = triage(
        "The paving outside your staff entrance is cracked, someone is going to get hurt "
        "there one night."
    )
    assert (False, True) == (
        out.escalation.required,
        any(t.endswith(REVIEW_POSSIBLE_THREAT) for t in out.tags),
    )


@pytest.mark.parametrize(
    ("someone_elses", "own"),
    [
        (
            "Hello,\n\nPassing on what a parent posted in the class group about your driver. I"
            " don't agree with it, but you should see it:\n\n\"if that moron is late again I'll"
            ' smash his windscreen"\n\nCan the bus come at 8 as usual?',
            "Hello,\n\nMy message to your driver, since he won't listen:\n\n\"if you are late"
            " again, moron, I'll smash your windscreen\"\n\nCan the bus come at 8 as usual?",
        ),
        (
            "My landlord forwarded this from your engineer:\n\u201cyour tenant is a useless"
            " idiot\u201d\nIs that how you talk about customers?",
            "Here is what I wrote to your engineer:\n\u201cyou are a useless idiot\u201d\nStill no"
            " reply.",
        ),
    ],
)
def test_a_block_quoted_after_someone_elses_reporting_word_is_not_the_customers(
    someone_elses: str, own: str
) -> None:
    """A quotation that opens its own line after a colon, when the last reporting word
    before it is someone else's ("a parent posted", "forwarded this from your engineer"):
    their words, not the customer's; after the customer's own ("my message", "I wrote"): the
    customer's, and escalated."""
    assert (False, True) == (_escalated(someone_elses)[0], _escalated(own)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "I will come down there and hurt you if this isn't fixed today.",
            "I would never hurt you, I know it isn't your fault. Can this be fixed today?",
        ),
        (
            "I won't hesitate to come and drag you over that counter.",
            "I won't hesitate to leave a review if the counter isn't fixed.",
        ),
        (
            "Cancel the fee or I will burn that branch to the ground.",
            "Cancel the fee or we will burn the midnight oil at that branch writing complaints.",
        ),
        (
            "People like you deserve a bullet for charging a family like this.",
            "People like you deserve a raise for sorting this out so quickly.",
        ),
        (
            "There's a can of petrol in my boot with your shop's name on it.",
            "There's a parcel in my porch with your shop's name on it, it isn't mine.",
        ),
        (
            "I'll swing by the store with a cricket bat and sort this out myself.",
            "I'll swing by the store with a cricket bat to return it, the handle is cracked.",
        ),
        (
            "Refund me by Friday or you'll need more than a lawyer, trust me.",
            "Refund me by Friday or you'll need to talk to my lawyer.",
        ),
    ],
)
def test_harm_a_few_words_from_its_doer_and_its_look_alikes(threat: str, not_threat: str) -> None:
    """Harm done by the customer's hands a few words after "I", a premises burnt, harm called
    deserved, a weapon "with your name on it", a visit with a weapon: escalated. The same
    words denied ("I would never hurt you", but not "I won't hesitate to"), about work or a
    return, or a lawful lever named plainly: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("harassment", "not_harassment"),
    [
        (
            "Is Hannah single? She did my handover and I can't stop thinking about her legs.",
            "Is the room single or double? She did my handover and I can't find the key.",
        ),
        (
            "I'm going to ask for Ravi by name every single day until he quits.",
            "I'm going to ask for Ravi by name every single day until it is fixed.",
        ),
        (
            "Mark, I've listed every mistake you've made and I'm sending it to your wife.",
            "Mark, I've listed every mistake on the bill and I'm sending it to your colleague.",
        ),
    ],
)
def test_advances_driving_out_and_reaching_family_are_harassment(
    harassment: str, not_harassment: str
) -> None:
    """An advance on a named agent, a campaign to make one quit, a complaint sent to an
    agent's family: escalated; the same words about a room, a fix or a colleague: not."""
    assert (True, False) == (_escalated(harassment)[0], _escalated(not_harassment)[0])


def test_watching_staff_come_and_go_is_stalking_unless_queueing() -> None:
    assert (True, False) == (
        _escalated("Parked outside your depot for an hour watching your drivers come and go.")[0],
        _escalated("I was watching your drivers come and go while I queued at the depot.")[0],
    )


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "move my bins again and ill snap ur binmans fingers",
            "I nearly snapped my fingers in your car door, please fix the hinge.",
        ),
        (
            "That depot manager needs a hiding, and I might be the one to give it.",
            "That depot printer needs a hiding, it jams on every label.",
        ),
        (
            "Keep stalling my claim and you'll see what happens, I promise.",
            "Keep pressing the reset button and you'll see what happens to the lights.",
        ),
        (
            "I'll be sat outside the depot at six when your shift ends, Tom.",
            "I'll be sat outside the depot at six when it opens, can I collect then?",
        ),
        (
            "I know which car is yours now, the blue one by the back gate.",
            "I don't know which car is mine on the app, there are two listed.",
        ),
        (
            "Somebody should burn that sorting office to the ground.",
            "Somebody should sort that office out, it lost three parcels.",
        ),
        (
            "Your Leeds branch. Friday. Bring a first aid kit.",
            "Does the hire van come with a first aid kit or should I bring a first aid kit?",
        ),
        (
            "Hope your warehouse is insured, because after Friday you're going to need it.",
            "I'm insured, but I'm going to need it fixed before Friday.",
        ),
        (
            "I'll smash that ticket machine to pieces with a hammer if it eats my card again.",
            "I had to smash the ice off the lock with a hammer before the locker opened.",
        ),
        (
            "I'll come down to the office and deal with your manager personally.",
            "I'll come down to the office and deal with the return personally.",
        ),
        (
            "If I'm not refunded, whoever did this won't walk properly again.",
            "After the fall on your stairs, my mum won't walk properly again for months.",
        ),
    ],
)
def test_harm_called_for_dared_waited_for_or_brought_and_its_look_alikes(
    threat: str, not_threat: str
) -> None:
    """Bones broken, a hiding called for, a dare on a condition, waiting after a shift, knowing
    whose car is whose, a building burnt to the ground, first aid to bring, insurance that
    will be needed, smashing with a weapon, a manager dealt with personally, a person left
    unable to walk: escalated. The same words about one's own hand, a printer, a button, an
    opening time, one's own car, tidying, a hire van, a repair, ice, a return or a fall: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


def test_an_agents_private_details_demanded_is_stalking() -> None:
    assert (True, False) == (
        _escalated("Before you reply, I want your full name and the town you live in.")[0],
        _escalated("I want your personal email for the photos, the portal won't upload them.")[0],
    )


def test_a_hedged_denial_stays_a_denial() -> None:
    """ "won't hesitate to" keeps a threat; "I don't think anyone will get hurt" denies one."""
    assert (False, True) == (
        _escalated("I don't think anyone will get hurt, the cable looks fine now.")[0],
        _escalated("I won't hesitate to come and hurt you.")[0],
    )


@pytest.mark.parametrize(
    "text",
    [
        "this router has the IQ of a potato, it drops every evening",
        "The model in a short skirt on your homepage is wearing the wrong size.",
        "this car has a great body but the engine is shot",
        "this app will burn your battery to the ground",
        "I smashed the old hard drive with a hammer before recycling it, as your guide says.",
        "I'll be waiting by the phone when your shift starts tomorrow.",
        "I've shared the home address of my mum with your driver for the delivery.",
        "We've got a bottle of champagne with your name on it, thanks so much!",
        "this policy needs a bullet point about refunds",
        "the app alarm keeps ringing until she cries, my daughter hates it",
        "You should be careful who you rip off, I'm going to the ombudsman.",
    ],
)
def test_stop_31s_phrases_said_of_things_or_kindly_do_not_escalate(text: str) -> None:
    """The words of this stop's threat and harassment rules about a product, a car, a battery,
    an old drive, a phone call, a delivery or a gift."""
    assert _escalated(text)[0] is False


@pytest.mark.parametrize(
    ("threat", "denied"),
    [
        (
            "Sort my refund out or I will kill you, I mean it.",
            "I would never kill you, I just want my refund sorted.",
        ),
        (
            "Cancel my account again and I'm going to kill you.",
            "I'm not going to kill you over a cancelled account, relax.",
        ),
        (
            "Don't make me kill you over a parcel.",
            "Nobody is going to kill you over a parcel, I'm just annoyed.",
        ),
    ],
)
def test_a_threat_phrase_denied_right_before_it_does_not_escalate(threat: str, denied: str) -> None:
    """A negator before a threat phrase, across auxiliaries only ("would never", "not going
    to", "nobody is going to"), denies it; "don't make me kill you" is still a threat."""
    assert (True, False) == (_escalated(threat)[0], _escalated(denied)[0])


@pytest.mark.parametrize(
    ("campaign", "stopping"),
    [
        (
            "I'll ring you every single morning until you quit.",
            "I'll ring every single morning until you quit charging me twice.",
        ),
        (
            "I will keep at you until you quit your job.",
            "I will keep writing until you stop sending me these bills.",
        ),
    ],
)
def test_quit_before_an_act_is_stopping_it_not_leaving_a_job(campaign: str, stopping: str) -> None:
    """ "until you quit" drives a person out of their job; "until you quit charging me" asks
    the company to stop doing something."""
    assert (True, False) == (_escalated(campaign)[0], _escalated(stopping)[0])


@pytest.mark.parametrize(
    ("put_down", "not_one"),
    [
        (
            "You lot couldn't organise a piss-up in a brewery. Where is my sofa?",
            "We couldn't organise a piss-up at our office party, ha. Where is my sofa?",
        ),
        (
            "Talking to you is like talking to a brick wall. Read my last email.",
            "Talking to you is like talking to a friend, thanks. Read my last email.",
        ),
        (
            "you have the memory of a goldfish, I gave you my postcode three times",
            "your app has the memory of a goldfish, it asks for my postcode three times",
        ),
        (
            "Honestly you're a few sandwiches short of a picnic if you think that's a fix.",
            "Honestly the kit is a few screws short of a table if you think that's a fix.",
        ),
    ],
)
def test_stock_put_downs_of_the_readers_wits(put_down: str, not_one: str) -> None:
    """Set phrases that call the reader slow-witted escalate; the same words of the speaker,
    a product or a kind likeness do not."""
    assert (True, False) == (_escalated(put_down)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Next time I see you at the counter you're getting a slap.",
            "Next time the regulator sees this you're getting a slap on the wrist.",
        ),
        (
            "You'll get a smack if you hang up on me again.",
            "You'll get a punch card with the next order, the leaflet says.",
        ),
        ("ur dead m8", "ur dead battery replacement is taking ages m8"),
        (
            "You're dead when I find out which depot you work at.",
            "You're dead right that the invoice is wrong, thanks for checking.",
        ),
        (
            "People like you deserve to be beaten.",
            "People like you deserve to be paid more, honestly.",
        ),
        (
            "Your manager deserves a good hiding for this.",
            "I deserve a good hiding for forgetting my own password, lol.",
        ),
    ],
)
def test_harm_promised_or_wished_in_plain_words(threat: str, not_one: str) -> None:
    """A blow promised ("you're getting a slap"), death announced ("ur dead") or a beating
    called deserved escalates; the same words as an idiom ("a slap on the wrist", "dead
    right"), of a thing ("dead battery") or of the speaker do not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Nice photos of your daughter on Instagram by the way.",
            "I sent photos of the damaged parcel on Instagram by the way.",
        ),
        (
            "I found your Facebook, lovely pics of your kids.",
            "I found your social media page and left a review there too.",
        ),
    ],
)
def test_a_persons_family_or_profile_remarked_on_is_stalking(threat: str, not_one: str) -> None:
    """Remarking on pictures of an agent's family, or having found their profile, is a veiled
    doxxing threat; the company's own page found to leave a review is not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Do you want me to come down there and explain it to you in person? Because I "
            "will, and you won't enjoy it.",
            "Do you want me to come down there with the receipt, or can I email it?",
        ),
        (
            "I know you leave by the back door at closing. See you soon.",
            "I know you leave work at 5, see you tomorrow at the counter to collect my order.",
        ),
        (
            "My cousin knows where the depot is, let's see how brave you are then.",
            "We'll see how brave you are in court.",
        ),
    ],
)
def test_an_offer_to_come_a_known_exit_or_a_dare_as_menace(threat: str, not_one: str) -> None:
    """An offer to come with a menace, a known way out of work with "see you soon", or "let's
    see how brave you are" escalates; an errand, a shop visit or a dare about court does not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("abuse", "not_one"),
    [
        (
            "Go back to where you came from and learn English before you answer a phone.",
            "The man in your shop say to me 'go back to your country'. This is racism and I "
            "want to complain.",
        ),
        (
            "Your parents must be so disappointed in you, honestly.",
            "My mum must be so disappointed, her birthday gift never arrived.",
        ),
    ],
)
def test_telling_the_reader_they_do_not_belong_or_shame_their_family(
    abuse: str, not_one: str
) -> None:
    """Xenophobic dismissal and shaming an agent's family are harassment; the same words
    reported as said to the customer (quoted after "say to me"), or of the speaker's own
    family, are not the customer's abuse."""
    assert (True, False) == (_escalated(abuse)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "I'm not a violent man, but you are pushing me to become one.",
            "I'm not a violent person but this app makes me want to punch my screen.",
        ),
        (
            "My mates are not as polite as me and they've read every email.",
            "My friends are not as patient as me, they'd have cancelled already.",
        ),
        (
            "I'm counting the days until I can look you in the eye. Don't think I won't.",
            "I'll look you in the eye at Monday's meeting and ask for the refund.",
        ),
        (
            "One more hold and I'll lose it, and someone will pay.",
            "I'll lose my temper soon; someone will pay for the damage to my car, I hope.",
        ),
        (
            "I'll be your worst nightmare if this isn't sorted.",
            "I'll be your worst nightmare in the reviews if this isn't sorted.",
        ),
    ],
)
def test_violence_hinted_through_the_speaker(threat: str, not_one: str) -> None:
    """Violence raised by denying it, friends "not as nice as me", a meeting face to face with
    "don't think I won't", losing control with "someone will pay", "your worst nightmare":
    veiled threats; the same words about a screen, a cancellation, a meeting, a bill or a
    review are not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


def test_time_of_ones_own_wished_while_it_lasts() -> None:
    """ "Enjoy your weekend. While you still can." is a veiled threat across two sentences;
    a friendly sign-off is not."""
    assert _escalated("Enjoy your weekend. While you still can.")[0]
    assert not _escalated("Thanks for the help, enjoy your weekend!")[0]


@pytest.mark.parametrize(
    ("harassment", "not_one"),
    [
        (
            "You've got a lovely voice, are you as pretty as you sound?",
            "Is the tracking page as accurate as you sound? Hope so.",
        ),
        (
            "Mind if I add you on Instagram? You seemed nice on the phone.",
            "Can I add your colleague's notes on the portal to my claim?",
        ),
        (
            "I'll ring every hour until you personally crack.",
            "I'll ring every hour until you crack the problem, sorry!",
        ),
        (
            "I am reviewing every one of your calls and posting your name everywhere.",
            "Please share your name so I can thank you in the survey.",
        ),
    ],
)
def test_advances_and_campaigns_against_the_agent(harassment: str, not_one: str) -> None:
    """Remarks on the agent's looks, contact on their private social media, a campaign to
    break them or to spread their name are harassment; the same words about a page, a
    portal, a problem or a thank-you are not."""
    assert (True, False) == (_escalated(harassment)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Dear Ms Patel, I would strongly advise you to check who is behind you in the car "
            "park tonight.",
            "Dear Ms Patel, I would strongly advise you to check who is behind the billing change.",
        ),
        (
            "With respect, I have your home postcode now.",
            "I have your head office postcode, I'll post the form today.",
        ),
        (
            "I trust you value your safety as much as I value my refund.",
            "We value your safety, says your own website, yet the heater caught fire.",
        ),
        (
            "I am a patient man, but my patience has a limit and so does your luck.",
            "Good luck with the launch, you're running out of stock fast.",
        ),
        (
            "It would be a pity if your colleagues had to read about your private life online.",
            "It would be a pity if your colleagues had to read my complaint online.",
        ),
        (
            "Regards. P.S. Lovely house you have on Elm Road.",
            "Lovely house you have listed on the website, is it still for sale?",
        ),
    ],
)
def test_threats_in_a_polite_register(threat: str, not_one: str) -> None:
    """Politely worded menace (who is behind you, a home postcode held, safety or luck as the
    stake, a private life exposed, a remark on a person's house) escalates; the same courtesy
    about a billing change, an office's postcode, a website's promise, stock, a complaint or a
    listing does not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Tell Gary I'll be waiting for him after work. He knows where.",
            "Tell Gary I said thanks, he knows where the spare key is.",
        ),
        (
            "Pass a message on to your supervisor: I'll be outside when she finishes.",
            "I'll be outside when she finishes the repair so I can sign the form.",
        ),
        (
            "Your office has a lot of glass at the front, doesn't it.",
            "Your office has a glass front, doesn't it? I couldn't find the entrance.",
        ),
        (
            "That depot of yours would go up nicely with all that cardboard inside.",
            "Prices at that depot of yours go up every single month.",
        ),
        (
            "Do you know what happens to people who lie to me?",
            "Do you know what happens to people who miss a payment? Is there a fee?",
        ),
        (
            "Hope you and your family sleep well tonight.",
            "Hope you and your family have a lovely Christmas, thanks for the help!",
        ),
    ],
)
def test_menace_told_of_a_colleague_a_premises_or_a_family(threat: str, not_one: str) -> None:
    """Waiting for a named colleague, a remark on how a premises would break or burn, the fate
    of those who wrong the speaker, rest wished on the reader's family: threats; the same words
    about a repair, a lost entrance, prices, a missed payment or a season's greetings: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    "hyperbole",
    [
        "I could strangle whoever designed this checkout form.",
        "I'm not a violent man, but your hold music could drive anyone to it.",
        "The engineer left a live wire hanging, someone will get hurt.",
    ],
)
def test_frustration_at_a_thing_and_a_hazard_are_no_threat(hyperbole: str) -> None:
    """Harm wished on the maker of a form, violence a hold tune would drive anyone to, and a
    live wire that will hurt someone: said of things, never a threat to a person."""
    assert not _escalated(hyperbole)[0]


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Me and a few of the lads will be down at the depot on Saturday to collect what "
            "I'm owed.",
            "Me and the lads are coming down to watch the match at your pub, can we book a table?",
        ),
        (
            "Your staff at the Leeds branch might want to work from home on Monday. Just saying.",
            "Your staff might want to work from home tomorrow, the snow is bad.",
        ),
        (
            "Your shift ends at five, right? I'll be outside.",
            "Your shift ends at five? I'll be there at four to collect my keys.",
        ),
        (
            "My cousin has been asking after her. He is not a patient man.",
            "My mum has been asking after her, she was so kind to us last week.",
        ),
        (
            "My brother does a bit of boxing and I'm tempted to let him sort this.",
            "My son does boxing, can he have a quiet word with the coach about his kit?",
        ),
        (
            "That showroom of yours is all wood and carpet. Reckon it'd go up a treat.",
            "That warehouse of yours will go up a treat in value once the road opens.",
        ),
        (
            "It would be a shame if the man who sold me this needed his own health cover.",
            "It would be a shame if I had to cancel, I've been with you for years.",
        ),
        (
            "After Friday I cannot promise your manager will stay in one piece.",
            "I can't promise I'll be home, but I hope the sofa stays in one piece.",
        ),
        (
            "someone shud put a brick thru ur shop window",
            "Someone threw a brick through your shop window last night, did you know?",
        ),
        (
            "I'll be popping in with some friends to discuss my refund.",
            "I'll be popping in with some friends to try the new menu this weekend.",
        ),
    ],
)
def test_menace_by_crew_routine_temper_or_a_wish(threat: str, not_one: str) -> None:
    """A crew come to collect, staff told to stay home, a shift's end told back with "I'll be
    outside", a relative's temper or muscle, a fire foretold of a named premises, a person's
    health or safety wished away: threats; the same words about a match, snow, keys, kindness,
    a coach, a property's value, a cancellation, a sofa, a reported break-in or a meal: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("spoken", "threat"),
    [
        (
            "Refuse the refund once more and I'll tell whoever made that call what I think.",
            "Refuse the refund once more and I'll tell whoever made that call what I think. "
            "Refuse it again and I'll find whoever made that call.",
        ),
        (
            "Mess me about once more and I'll tell your driver what I think of him.",
            "Mess me about once more and I'll come down there and tell your driver what I think "
            "of him.",
        ),
    ],
)
def test_speaking_ones_mind_excuses_its_sentence_only(spoken: str, threat: str) -> None:
    """Telling a third party what one thinks is words, not harm: the learned head may not
    escalate that sentence. It still reads the message's other sentences, and a visit named
    in the same sentence cancels the excuse."""
    assert (False, True) == (_escalated(spoken)[0], _escalated(threat)[0])


def test_an_excuse_frame_is_never_reported_and_never_a_part(
    frames_config: ThreatFramesConfig,
) -> None:
    frames = ThreatFrames(frames_config)
    text = "I'll tell whoever made that call what I think."
    assert any("speaks_mind" in labels for _, labels in frames.sentences(text))
    assert frames.find(text) == ()
    excuse = next(f for f in frames_config.frames if f.excuse)
    with pytest.raises(ValueError, match="neither part nor lawful"):
        ThreatFrame.model_validate({**excuse.model_dump(), "part": True})
    clash = excuse.model_copy(update={"excuse": False})
    with pytest.raises(ValueError, match="both as an excuse and a threat"):
        ThreatFrames(frames_config.model_copy(update={"frames": (*frames_config.frames, clash)}))


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "I'll track down whoever made this mistake and make them pay.",
            "I'll track down whoever handled my claim and ask them for an explanation.",
        ),
        (
            "You'd better watch out, I know what car you drive.",
            "You'd better watch out, my solicitor is very good.",
        ),
        ("I'm coming after you and your manager.", "I'm coming after you for the deposit."),
        (
            "What time do you finish tonight? I'll be in the car park.",
            "What time do you finish? I'll be in the car park at 5 to collect my order.",
        ),
    ],
)
def test_a_hunt_to_put_things_right_and_a_lawful_warning_are_no_threats(
    threat: str, not_threat: str
) -> None:
    """Tracking down whoever can fix, answer or explain is a complaint; "you'd better watch
    out" with a solicitor named is a legal threat, which never escalates; coming after
    someone for money owed is chasing a debt; asking when an agent finishes and saying one
    will be in the car park is waiting for them, unless it is to collect an order."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        ("I've buried people for less than this.", "I've sued people for less than this."),
        (
            "There'll be nothing left of your clinic by the time I'm done with it.",
            "There's nothing left of your clinic's budget after these fees, I suppose.",
        ),
        (
            "You might want to check under your car from now on.",
            "Can you check under your van, I think my parcel fell off the seat.",
        ),
        (
            "The next parcel I send your warehouse will be the last one you ever open.",
            "That's the last ticket you'll ever open for me, I'm done with this company.",
        ),
        (
            "You and me, outside, any time.",
            "You and me outside the store at 3 to swap the parcel then?",
        ),
        (
            "I'll make you wish you'd never picked up that phone.",
            "I'll make you wish you'd never sold me this car, my lawyer is already on it.",
        ),
        (
            "You won't be smiling when I'm finished with you, and I don't mean in court.",
            "You won't be smiling when I'm finished with you in court.",
        ),
        (
            "I'll make sure your branch is closed for good, and not by the council.",
            "I'll make sure your branch is closed for good by the council's inspectors.",
        ),
        (
            "I'll pay your shop a visit myself, and I don't mean with a lawyer.",
            "I'll settle this with your store directly and not in court.",
        ),
        (
            "My brother's just out of prison and he's very interested in your name.",
            "My brother just got out of prison and needs a new SIM, can you help him?",
        ),
        ("Sleep well tonight. While you still can.", "Sleep well tonight, we're all sorted."),
        (
            "Tell the blonde girl on reception I've been watching her all week.",
            "I've been watching him try to fix my boiler for three hours.",
        ),
        (
            "Saw you at Tesco on Saturday with your kids. You didn't see me though.",
            "Spotted you with your dog at the open day, so cute! Can I book a check-up for mine?",
        ),
        (
            "If she touches my dog again she'll find out what it feels like to need stitches.",
            "I know what it feels like to need stitches, I had them after your step gave way.",
        ),
        (
            "I saw your family photos on Facebook, lovely kids.",
            "I saw your family photo on the wall at reception, what a lovely touch.",
        ),
        (
            "Found your dad on LinkedIn. Wonder what he'd think of how you treat people.",
            "Found your company on LinkedIn, do you do business accounts?",
        ),
    ],
)
def test_harm_told_by_its_aftermath_or_said_not_to_be_lawful(threat: str, not_one: str) -> None:
    """Harm done before, a person or premises left in pieces, a car bomb or a parcel bomb
    alluded to, a fight offered, a reader made to wish, a menace said not to mean the courts,
    muscle asking for a name, a good night wished while it lasts, a person watched, seen off
    duty with their family or their relatives found online, stitches foretold: threats; the
    same words about suing, a budget, a lost parcel, a ticket, a handover, a lawyer, an
    inspection, a SIM card, a repair, a friendly meeting, a business account, the speaker's
    own stitches or a photo at reception: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("excused", "threat"),
    [
        (
            "One more excuse and I'll come down there and sort it out with your manager face "
            "to face.",
            "One more excuse and I'll come down there and sort it out with your manager my way.",
        ),
        (
            "Your shop window display is a fire hazard, someone will get hurt if you don't move "
            "those candles.",
            "Your shop is a fire hazard and I'll be the one holding the match, someone will get "
            "hurt.",
        ),
    ],
)
def test_an_in_person_complaint_and_a_safety_warning_excuse_their_sentence(
    excused: str, threat: str
) -> None:
    """Sorting it out with a manager in person, and a hazard pointed out, are not threats: the
    learned head may not escalate their sentence; the speaker's own way, or the speaker with
    a match, cancels the excuse."""
    assert (False, True) == (_escalated(excused)[0], _escalated(threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "I'd be watching my back if I were you, pal.",
            "I'd keep an eye on your stock levels if I were you, the site says in stock.",
        ),
        (
            "Posted ur home address in the village group, enjoy the visitors.",
            "Posted the return label on the box and my home address on the form as asked.",
        ),
        (
            "Would be a real pity if your cat went missing, wouldn't it.",
            "Would be a shame if my order went missing again, so please use tracked delivery.",
        ),
        (
            "How's your dog? Would be terrible if he got out one night and never came back.",
            "Your dog photo on the website is lovely. Shame my parcel went missing though.",
        ),
        (
            "I keep an album of screenshots of you from your socials now, Megan.",
            "I keep a folder of screenshots of you promising a refund, for the ombudsman.",
        ),
        (
            "Your shift ends at six. The car park is very dark at that time of year.",
            "The car park is very dark at night, please fix the lights before someone falls.",
        ),
        (
            "Next time I come down there, I won't be coming in to talk.",
            "Next time I come down there I'll bring the receipt and the broken kettle.",
        ),
        (
            "I've been inside before and I'm not afraid of doing it again over this.",
            "I've been inside your shop before and it was lovely, can I book again?",
        ),
        (
            "I know a few people round here who would pay your manager a visit.",
            "I know people at the ombudsman who will be very interested in this.",
        ),
        (
            "People have gone missing for less than what your firm did to my mum.",
            "My parcel has gone missing for the third time this month.",
        ),
        (
            "Tell your driver to check under his car before he sets off tomorrow.",
            "Tell your driver to check the address before he sets off tomorrow.",
        ),
        (
            "Next time your courier dumps my parcel over the fence I'm throwing him over it.",
            "Next time your courier dumps my parcel over the fence I'm putting in a claim.",
        ),
        (
            "Refund me or I come to your office and there will be blood.",
            "If the pharmacy is late again there will be blood on your hands, my dad needs it.",
        ),
        (
            "Found your holiday snaps on your wife's facebook. Nice villa.",
            "Found your contact details on your company's facebook page.",
        ),
        (
            "Good luck at your son's football on Sunday. The pitch by the river, isn't it?",
            "My son's football kit arrived torn. It was the large size, wasn't it?",
        ),
    ],
)
def test_fear_advised_a_home_posted_a_pet_or_a_routine_named_prison_no_deterrent(
    threat: str, not_one: str
) -> None:
    """Stop 38: fear advised as the speaker's own, a home address posted, a pet's fate, a
    collection of someone's pictures, a lonely way after a named shift, a visit that is no
    talk, prison as no deterrent, people sent to visit, harm told plainly, a person thrown,
    blood promised, a relative's page found, a child's activity checked: threats; the same
    words about stock, a return label, an order, a website, evidence, lighting, a receipt, a
    shop, the ombudsman, a parcel, a claim, a moral charge, a company page or a kit: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Found your driver's home address on the delivery note. Nice street.",
            "Your driver's home address was printed on my delivery note by mistake, please "
            "shred your copy.",
        ),
        (
            "I know your manager Mr Hale lives in Bingley, by the way.",
            "Your manager Mr Hale lives in the past if he thinks this is good service.",
        ),
        (
            "Your supervisor would not like a visit from me, trust me.",
            "Your supervisor said a visit from me was fine, so I'll come on Tuesday.",
        ),
        (
            "If that plumber shows up again he'll be leaving through the window.",
            "If the plumber shows up again can he check the leak by the window?",
        ),
        (
            "Your showroom has lovely big windows. Would only take one brick.",
            "Your showroom has lovely big windows but the sign is hard to read.",
        ),
        (
            "Spotted her dropping off the kids at Oakfield this morning. Pass that on.",
            "Spotted the parcel by the bins this morning, thanks for nothing.",
        ),
        (
            "I waited by the staff door for you last night but you went out the back.",
            "I waited by the staff door for twenty minutes for my click and collect order.",
        ),
        (
            "I know she works the late shift. The car park is empty by then, isn't it.",
            "I know she works the late shift, so I'll ring before six to catch her.",
        ),
    ],
)
def test_a_staff_home_held_an_unwelcome_visit_a_window_exit_or_one_brick(
    threat: str, not_one: str
) -> None:
    """Stop 38: a staff member's home details held or where they live known, a visit they
    would not like, leaving through the window, one brick for a window, a person seen with
    their children, waiting by the staff door, a late shift with an empty car park: threats;
    a misprinted note, an idiom, an agreed visit, a leak, a sign, a parcel, a collection, a
    phone call: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "If I were you I'd invest in shutters for the Leeds branch.",
            "Could the Leeds branch invest in shutters? The wind blows rain onto the tills.",
        ),
        (
            "Your depot might wake up with its doors kicked in one of these nights.",
            "Your depot doors were open all night, anyone could walk in.",
        ),
        (
            "Shame how easily those shop windows of yours would smash.",
            "Those shop windows of yours are filthy, can someone clean them?",
        ),
        (
            "Ever noticed how quickly a salon can burn down? Just a thought.",
            "How quickly can a salon appointment be moved? Just a thought.",
        ),
        (
            "I'll be rearranging your reception with a sledgehammer tomorrow.",
            "I'm rearranging my kitchen with a sledgehammer, do you hire them out?",
        ),
        (
            "Nice new van. It'd be a pity if someone torched it.",
            "It'd be a pity if someone smashed the vase in transit, please pack it well.",
        ),
        (
            "Someone will wreck your showroom, and not with a bad review.",
            "Someone will wreck your showroom's reputation with a bad review.",
        ),
    ],
)
def test_premises_made_ready_for_harm_or_harmed_by_the_speaker(threat: str, not_one: str) -> None:
    """Stop 38: precautions advised "if I were you", doors kicked in, windows that would
    smash, how quickly a premises burns, rearranging with a sledgehammer, a pity if someone
    torched it, wrecking said not to be lawful: threats; the same words about rain, open
    doors, dirty windows, an appointment, one's own kitchen, a parcel in transit or a review:
    not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


def test_a_business_failure_foretold_is_no_threat_to_the_premises() -> None:
    """ "your shop will be a car park by Christmas the way you treat customers" foretells a
    failure; without the reason given, the same sentence is a threat to the premises."""
    assert (False, True) == (
        _escalated("Your shop will be a car park by Christmas the way you treat customers.")[0],
        _escalated("Mark my words, that shop of yours will be a car park by Christmas.")[0],
    )


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "It's a long way down from your fourth floor office, isn't it.",
            "It's a long way up to your fourth floor office without a lift.",
        ),
        (
            "Some people learn with words. Your courier will learn the other way.",
            "Some people learn with words, some with pictures. Do you have a video guide?",
        ),
        (
            "A helmet won't help your agent when I find him.",
            "A helmet won't help, the strap is broken. When I find the receipt I'll return it.",
        ),
        (
            "Your fitter will be eating his dinner through a straw.",
            "Your fitter left his dinner wrappers and a straw in my garden.",
        ),
        (
            "Nobody would hear her scream in that back office.",
            "Nobody would hear the doorbell in that back office, please fit a louder one.",
        ),
        (
            "Your supervisor should get his affairs in order.",
            "My dad is getting his affairs in order, can I be added to his account?",
        ),
        (
            "I'd say goodbye to your family if I were that driver.",
            "I'd say goodbye to your customers if I were you, the service is awful.",
        ),
        (
            "Things have a way of happening to people who lie to me.",
            "Things have a way of happening slowly at your company.",
        ),
        (
            "I know what time the night cleaner finishes, and she leaves alone.",
            "I know what time the shop finishes on Sundays, I'll come at four.",
        ),
    ],
)
def test_harm_told_by_a_fall_a_lesson_a_straw_a_scream_or_a_farewell(
    threat: str, not_one: str
) -> None:
    """Stop 38: a fall from an office, a lesson taught the other way, finding the person, a
    meal through a straw, a scream nobody hears, affairs to put in order, a family to say
    goodbye to, things that happen to those who lie to the speaker, a cleaner's hours and
    her leaving alone: threats; a lift, a video guide, a receipt, litter, a doorbell, a
    father's estate, customers, a slow company and a shop's hours: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Found out your manager's wife works at the bakery on Cross Street.",
            "Found out your manager's office is on Cross Street, I'll post the form there.",
        ),
        (
            "Your driver's kids go to Oakfield Primary, don't they.",
            "My kids go to Oakfield Primary, can the driver come after 3?",
        ),
        (
            "I've figured out which house is your engineer's from his van outside.",
            "I've figured out which plan is cheaper from your website, thanks.",
        ),
        (
            "I followed your engineer to his house after the job.",
            "I followed your engineer's advice and the boiler works.",
        ),
        (
            "Spent an hour by your depot gate watching the staff leave.",
            "Spent an hour by your depot gate waiting for my parcel.",
        ),
        (
            "Someone told me that's where your staff drink on a Friday.",
            "Someone told me that's where your staff park, is it allowed?",
        ),
        (
            "I have every agent's full name now and I'm checking the electoral roll.",
            "I'm not on the electoral roll, so the credit check failed, what now?",
        ),
    ],
)
def test_staff_relatives_homes_picked_out_followed_watched_or_looked_up(
    threat: str, not_one: str
) -> None:
    """Stop 38: a manager's wife's workplace found, a driver's children's school, which house
    is the engineer's, an engineer followed home, staff watched leaving, where the staff
    drink, agents' names run through the electoral roll: threats; an office address, the
    speaker's own children, a price plan, advice followed, a parcel, parking and a credit
    check: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "keep ignorin me n see wot happens 2 ur van",
            "keep ignorin me n see wot happens 2 ur reviews",
        ),
        (
            "gonna find out were u live n pay u a visit",
            "gonna find out were my parcel is n then pay the bill",
        ),
        (
            "if i ever c that engineer again hes gettin battered",
            "if i ever c that engineer again ill thank him, proper legend",
        ),
        (
            "ill b waitin 4 u after ur shift, u no the 1",
            "ill b waitin 4 ur call after 5, u no the number",
        ),
    ],
)
def test_text_speak_threats(threat: str, not_one: str) -> None:
    """Stop 38: text speak ("wot happens 2 ur van", "were u live", "gettin battered", "b waitin
    ... after ur shift"): threats; the same register about reviews, a parcel, thanks and a
    call: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


def test_a_threat_to_find_someones_home_reported_in_quotes_is_not_the_customers() -> None:
    """A customer telling of someone else shouting that he'd "find out where she lives" is a
    witness, not a threat."""
    assert not _escalated(
        'A man at your counter shouted that he\'d "find out where she lives". Is she ok?'
    )[0]


@pytest.mark.parametrize(
    "text",
    [
        "My parcel has gone missing for less than a day before, this is four days.",
        "Please check under his car for my cat, the driver parked on my drive.",
        "It'd be a pity if someone smashed the screen, so please send a case too.",
        "It's a long way down from your third floor office to reception with a heavy box.",
        "I've done time in customer service myself, I'm not scared of doing it again.",
        "I'd watch my back with this company if I were you, my neighbour told me.",
        "If I were you I'd get the sprinklers checked, the inspector said to my landlord.",
        "You'd be surprised how quickly a restaurant can go up in price these days.",
        "Nobody would hear you scream on that rollercoaster, it's so loud.",
    ],
)
def test_this_stops_threat_words_about_parcels_pets_screens_jobs_and_prices(text: str) -> None:
    """Stop 38's frames read against near misses written for them: a parcel missing, a cat
    under a car, a screen, a heavy box, a past job, a company, an inspection, prices and a
    ride: no escalation."""
    assert not _escalated(text)[0]


@pytest.mark.parametrize(
    ("threat", "not_one"),
    [
        (
            "Your cashier finishes at nine and walks to the bus stop. Just an observation.",
            "Your cashier finishes at nine and walks to the bus stop, so can she take my "
            "return form with her?",
        ),
        (
            "I know you're usually the last one out. The lane is very dark in winter.",
            "I'm usually the last one out of your gym and the car park is very dark in winter.",
        ),
    ],
)
def test_a_staff_members_hours_with_their_way_home_or_a_dark_lane(
    threat: str, not_one: str
) -> None:
    """Stop 38: a named staff member's hours told back with their walk to the bus stop, or
    the reader's being last out with a dark lane: threats; an errand for the customer's
    form, or the customer's own late visits: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_one)[0])


@pytest.mark.parametrize(
    "text",
    [
        "I'm coming in on Monday to sign the lease. Could you think about that discount?",
        "I'll pop in on Friday. Please think about that before you charge me again.",
        "I'm coming in tomorrow and mark my words, I'll get my refund.",
        "I'll come in tomorrow. You've been warned, I want my money back.",
        "Your engineer finishes at five, so I'll pop round to see him at four.",
        "I know you're usually the last one out, so I'll pop in at closing to say thanks.",
        "I'll wait in reception and see who comes out to help me.",
        "Is there a cafe near where your staff eat lunch that does vegan food?",
        "Could you find each of you a moment to read my file?",
        "My mum would not like a visit from me without notice, so please call her first.",
    ],
)
def test_coming_in_to_a_shop_with_firm_words_is_no_threat(text: str) -> None:
    """A customer coming in to a shop, with a request to think about a discount, firm words
    about a refund or a staff member's hours to catch them, is no threat (a first version of
    stop 38 escalated these)."""
    assert not _escalated(text)[0]


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "I swear if this isn't fixed I will drive down there and tear that office apart.",
            "I'm going to tear your reputation apart on every review site.",
        ),
        (
            "I will come down there and rip the place apart.",
            "The builders are ripping the office apart for the refurb, can you move my visit?",
        ),
        (
            "Ignore me again and I'll tear your shop apart.",
            "I'm sorry, my toddler is ripping the place apart, can you call back later?",
        ),
        (
            "One more excuse and we are ripping this branch apart.",
            "We are ripping the shop apart to refit it, please pause deliveries.",
        ),
        (
            "I'll rip the depot apart with my own hands.",
            "I will rip the office apart looking for that invoice.",
        ),
    ],
)
def test_a_premises_torn_apart_by_the_customer_is_a_threat(threat: str, not_threat: str) -> None:
    """Stop 44 (a probe of my own): the customer tearing or ripping the shop, office or
    place apart is a threat against premises; a reputation, the customer's own refit, a
    toddler, a search or builders: not."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "denied"),
    [
        ("If you don't fix it I'll trash your office.", "I don't think I'll trash your office."),
        (
            "If this isn't sorted I'll smash up your store.",
            "If it helps, I won't smash up your store in my review.",
        ),
        (
            "Unless you don't want customers I'd stop there, or I'll trash your shop.",
            "I would never trash your shop.",
        ),
        # the main clause's own negator, after its subject, still denies it
        (
            "If I don't get a refund I will burn your store down.",
            "If you complain I won't burn your store.",
        ),
    ],
)
def test_a_negator_in_the_condition_does_not_deny_the_threat(threat: str, denied: str) -> None:
    """Stop 44: "if you don't fix it I'll trash your office" is a conditional threat (the
    negator is the condition's, before "I'll"); a negator of the threat itself still denies
    it."""
    assert (True, False) == (_escalated(threat)[0], _escalated(denied)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "i no where u live m8 dont test me",
            "I no longer know where you live, update my address.",
        ),
        ("I no where you live, don't test me.", "i dont no where u live, send me ur address"),
    ],
)
def test_know_written_no_in_text_speak_is_still_stalking(threat: str, not_threat: str) -> None:
    """Stop 44: "i no where u live" is "I know where you live" in text speak; "no" right after
    "i" is no negator there."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("excused", "not_excused"),
    [
        (
            "i dont no where ur office is, can u send the address",
            "I don't know where you live yet, but I'll find out.",
        ),
        (
            "Which bus goes to your Leeds branch?",
            "I know which bus your manager takes home from the depot.",
        ),
        (
            "I know which bus route serves your store, is it the 42?",
            "It's a long walk from your depot to the bus stop in the dark.",
        ),
        (
            "Does the 42 bus stop near your Leeds office?",
            "I know the bus you take to your office.",
        ),
    ],
)
def test_not_knowing_where_and_the_way_to_a_premises_are_excuses(
    excused: str, not_excused: str
) -> None:
    """Stop 50: the learned head read "I don't know where ..." and the way to a shop as
    knowing where someone is (p 0.87 each at stop 49). Their sentences are excuses: the
    head may not escalate them. An intent to find out, a person, a time of day or a walk
    in the dark cancels the excuse."""
    frames = ENGINE._abuse._frames
    assert frames is not None
    excuses = {"not_knowing", "way_to_premises"}
    labels = [set(lab) for _, lab in frames.sentences(excused.lower())]
    assert any(lab & excuses for lab in labels)
    assert not _escalated(excused)[0]
    assert not any(set(lab) & excuses for _, lab in frames.sentences(not_excused.lower()))


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "I'll keep showing up wherever she is until I get my money.",
            "I'll turn up wherever you tell me for the fitting.",
        ),
        (
            "I'll turn up wherever he goes until he answers me.",
            "I can show up wherever your engineer needs me.",
        ),
        (
            "Your advisor was rude so I followed him to his car to have a word.",
            "I followed her instructions and went back home.",
        ),
        (
            "I waited and followed her to her car after her shift.",
            "I followed the driver back to his van to get my parcel.",
        ),
    ],
)
def test_turning_up_wherever_a_person_goes_or_following_them_is_stalking(
    threat: str, not_threat: str
) -> None:
    """Stop 50: the speaker turning up wherever a person goes, or following them home or to
    their car; not an appointment kept where asked, nor instructions or a van followed."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "You lot really have no idea what I am capable of.",
            "To be honest I don't know what I'm capable of with the reporting module yet.",
        ),
        (
            "Your staff don't want to see what I'm capable of when I'm this angry.",
            "Honestly you have no idea what I'm dealing with at home.",
        ),
        (
            "Believe me, you do not want me turning up at your depot.",
            "You don't want me turning up without a booking, I get it, so when is free?",
        ),
        (
            "I'll walk into your branch tomorrow and we'll do this the hard way.",
            "I'll come to the branch and make them check the serial number in front of me.",
        ),
        (
            "Next week I'll walk into your showroom and you will not like how it ends.",
            "I'll come to your showroom with my solicitor and you won't like what she says.",
        ),
    ],
)
def test_a_hinted_power_an_unwanted_visit_or_a_visit_by_force(threat: str, not_threat: str) -> None:
    """Stop 51: "you have no idea what I'm capable of"; a visit the reader is told not to
    want; a visit to the premises with force or regret promised. Never the speaker's own
    doubt, a visit by appointment, one that is only insistent, nor one with a solicitor."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Keep it up and I'll be bringing a wreath to your funeral.",
            "Thanks so much, I'll drop into your branch with doughnuts for the team on Monday.",
        ),
        (
            "Nobody will miss you, I'll put lilies on your grave myself.",
            "Thank you so much! I'll swing by your branch with chocolates for Emma tomorrow.",
        ),
        (
            "I'll turn up at your office with a present you won't forget, and a bat.",
            "Can you confirm the payments for your funeral plan are cancelled?",
        ),
    ],
)
def test_a_funeral_spoken_of_is_a_threat_and_a_visit_with_a_gift_is_not(
    threat: str, not_threat: str
) -> None:
    """Stop 51: the reader's own grave or funeral; a visit with a gift is gratitude unless a
    weapon comes too (the threat head escalated the chocolates for Emma before)."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "See you after your shift tomorrow.",
            "See you after your shift tomorrow for the handover of the keys.",
        ),
        (
            "I'll wait for the engineer in the car park, he can't hide forever.",
            "May I wait for the engineer in the car park? My kids are with me.",
        ),
    ],
)
def test_an_errand_named_or_leave_asked_is_no_lurking(threat: str, not_threat: str) -> None:
    """Stop 51: a meeting after a shift for a named errand (a key handover, a collection) and
    leave asked to wait are not waiting for a person (the threat head escalated the first at
    p 0.89, the lurking frame the second)."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])


@pytest.mark.parametrize(
    ("threat", "not_threat"),
    [
        (
            "Once your shift ends we're having a little chat, you and me, by the bins.",
            "Could we have a chat when the engineer finishes the repair, about the warranty?",
        ),
        (
            "When you clock off tonight you and I are going to have words.",
            "After your shift ends could you email me the statement for March?",
        ),
    ],
)
def test_a_talk_promised_for_the_end_of_a_shift(threat: str, not_threat: str) -> None:
    """Stop 51: a talk promised for when a person's shift ends is waiting for them; a request
    timed by a shift is not (the routine part escalated "could you email me the invoice")."""
    assert (True, False) == (_escalated(threat)[0], _escalated(not_threat)[0])
