"""A member of staff watched, followed or propositioned (stop 61): seen off duty, their own
accounts found, where they live or travel, sexual innuendo without a crude word. Each must
escalate; each look-alike (staff seen at work, the company's own pages, the customer's own
home and accounts, a neighbour known, warm praise, anger at a product) must not. Every
sentence here is a probe of my own, none from a test set.
"""

from __future__ import annotations

import re

import pytest

from tests.unit.core.test_engine import triage
from worker.core.abuse.watched import innuendo, watched


def _escalated(text: str) -> bool:
    return triage(text).escalation.required


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


WATCHED = [
    # seen off duty: a companion, clothes, a pastime, or a leisure place at an off-duty time
    ("sighting", "Saw you in the Crown on Friday night with your boyfriend. He's not good enough."),
    ("sighting", "tell Jodie i spotted her at the lido in a red swimsuit, she didn't see me"),
    ("sighting", "Your cashier Tom was out running by the reservoir at 7am, I kept pace behind."),
    ("sighting", "Was that you at St Mary's on Sunday? Third pew from the back, grey coat."),
    ("sighting", "I sat three tables behind you at the curry house all evening, Nadia."),
    ("sighting", "I've been watching your receptionist through the window every lunchtime."),
    ("sighting", "Was that you in the Lidl car park? Knew it from your walk."),
    ("sighting", "You looked exhausted at the tram stop on Friday night, Leanne."),
    (
        "sighting",
        "I was right behind you in the queue at the chemist on Saturday, Raj, with your twins.",
    ),
    ("sighting", "Tell Amy I stood by the bar all evening watching her at the quiz."),
    ("sighting", "I park across from your depot and watch the staff go in every morning."),
    ("sighting", "Spotted your courier at the cinema on Friday. She didn't see me."),
    # their own accounts found or followed
    ("online", "Found your Instagram, the holiday pics in Crete with your boyfriend were lovely."),
    ("online", "I sent Ellie from your billing team three friend requests, she keeps ignoring me."),
    ("online", "Your engineer Sam blocked me so I've made a new account to message him."),
    ("online", "I worked out your advisor Priya's surname and date of birth from her posts."),
    ("online", "Tell your receptionist I've been following her on TikTok for weeks now."),
    ("online", "Found your Strava, Ben. Nice 10k along the river on Sunday."),
    ("online", "Your surname's Petrakis, right? Took some digging."),
    # where they live or travel
    ("home", "Your driver Kev lives on Ashby Road, number 14, the one with the white van."),
    ("home", "You're in the flat above the chemist on Bridge Street, aren't you Gemma?"),
    ("home", "I know your bus is the 43 at ten past six, you get off by the church."),
    ("home", "I'll drop the form round to your agent Leah's house on Moor Lane on Sunday."),
    ("home", "Same train as me every morning, Dan, carriage four. You must have noticed me."),
    ("home", "You're over in Kenton, aren't you? Near the big Tesco."),
    ("home", "Your husband drinks at the Swan on Mill Street, doesn't he? Small world."),
    ("home", "Are you the one in the end terrace on Holly Road? Saw your name on the doorbell."),
    ("home", "I worked it out, your adviser is on Cedar Lane, the house with the green gate."),
]

INNUENDO = [
    "Send Marie for the boiler, she can check my pipes any time she likes, know what I mean.",
    "I'll only renew if Chris comes round to mine after hours to go through it, just us two.",
    "Could your stylist give me a private session at my flat? I'll make it worth her while.",
    "What are your measurements, love? Asking for the returns form.",
    "The new girl on the till fills out that uniform nicely, put her on my lane.",
    "tell the delivery lad he can unload his van at mine any time 😉",
    "Please send me your trainer Jess's measurements before I book.",
    "The new barista can stir my coffee any time she likes.",
    "You know what that voice does to me. Ring me back tonight.",
    "I'd rather go through the contract with you behind closed doors, just the two of us.",
    "Book me in with Nina after hours at my place. She'll know what I mean.",
]

NOT_ESCALATED = [
    # staff seen at work, or the company's own pages
    "I saw your driver at the depot on Friday and he said the parcel was on the van.",
    "The engineer's van was outside my house at 9 as booked, thank you.",
    "I follow your brand on Instagram and saw the promo code, but it won't apply.",
    "I saw on your Facebook page that the Leeds branch is closing, is my account moving?",
    "Saw your store manager at the branch on Saturday and she said to email you.",
    # the customer's own home, accounts and routine
    "I live on Mill Lane, the red door, please deliver after 6 when I'm home.",
    "My Instagram was hacked last night and someone posted my address, please help.",
    "I'm at the gym till 7 on Fridays, ring after that please.",
    # a neighbour known, an address told back by the staff member herself
    "Your engineer Marek lives on my road, could he pop in on his way home to look at my router?",
    "The lady who called said she lives near the retail park too, so she knows the parcel shop.",
    # warm, non-sexual praise; an outing with a figure of speech
    "Anna had such a calm lovely voice, please pass on my thanks to her manager.",
    "Your fitter was charming and tidy, give him a gold star.",
    "You live in a fantasy world if you think this counts as customer service.",
    # the reader's old pages, a stop, the reader's letterbox named as the shop's
    "We did not realise your old login page would stop working on the 1st.",
    "You're at the bus stop end of the high street, right? I'll bring the return in.",
    "You can ring my mobile any time you like, I'm in all day.",
    "I'll post the keys through your letterbox on Friday.",
    # a hotel room complained of; "after hours" and "just you and me" with no invitation
    "The hotel room had mould on the ceiling and no hot water, I want a refund.",
    "Is there a letterbox where I can drop the form off after hours?",
    "Just you and me at the meeting then, see you at 10.",
    # someone else's home: a neighbour's, the landlord's
    "Please leave the parcel at the neighbour's house on Elm Road if I'm out.",
    "I'll drop the keys at the landlord's flat on Park Lane on Monday.",
    # a question to the company after a sentence about a car or a house; the company's
    # stand at a fair; an after-hours booking; a shop's street
    "My car was towed from outside my house. Don't you check the permits?",
    "You're the only company that can't deliver to a flat. Aren't you embarrassed?",
    "Saw you guys at the trade fair on Saturday, great stand! Can I get a quote?",
    "Can the technician come to my house after hours? I work until 6.",
    "You're on Mill Road, right? I'll bring the return to the shop.",
    # a neighbour's van, with a tag on "she" and no one of the business's named
    "The woman at number 5 parks her van across my drive every night, doesn't she.",
    # a courier who did not see the customer at the door
    "Your driver didn't see me at the door and took the parcel back to the depot.",
    # anger at the product and the company
    "Third week without broadband. I want a refund and I'm off to your competitor.",
    # a report of what someone else did
    "Your courier posted a photo of my front door on his TikTok, get it taken down.",
]


@pytest.mark.parametrize(("kind", "text"), WATCHED)
def test_watched_kind(kind: str, text: str) -> None:
    assert watched(text, _words(text)) == kind


@pytest.mark.parametrize("text", [t for _, t in WATCHED] + INNUENDO)
def test_watched_or_propositioned_escalates(text: str) -> None:
    assert _escalated(text)


@pytest.mark.parametrize("text", INNUENDO)
def test_innuendo_read(text: str) -> None:
    assert innuendo(text, _words(text)) == "innuendo"


@pytest.mark.parametrize("text", NOT_ESCALATED)
def test_look_alikes_do_not_escalate(text: str) -> None:
    assert watched(text, _words(text)) is None
    assert innuendo(text, _words(text)) is None
    assert not _escalated(text)
