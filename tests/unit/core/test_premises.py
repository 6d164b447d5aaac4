"""Threats against a business's premises (stop 59, ``config/abuse.yaml`` threat frames): a
vehicle driven into the shop, fittings or a fleet wrecked, fire made easy, a premises said to
be unprotected by one who noticed, insurance or a mishap wished on it, a bomb or a powder
sent, a weapon brought. Each threat is paired with everyday help-desk talk in the same words
that must not call a manager. Every sentence here is a probe of my own, none from a test set.
"""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import triage
from worker.core.text import analyse, fold


def _escalated(text: str) -> bool:
    return triage(text).escalation.required


PAIRS = [
    # a vehicle driven into the premises; a visit by car for a job, or an accident owned up to
    (
        "Sort my refund or I'll drive my van straight through your shopfront.",
        "I'll drive my van into your workshop on Monday for the MOT.",
    ),
    (
        "next time I'm reversing my truck right into your gates",
        "Sorry, I reversed my car into your gate post this morning, I'll pay for it.",
    ),
    # fittings and fleet wrecked; a customer tidying or checking
    (
        "ill trash ur counter and every display on it",
        "I'll check every shelf in the shop for the charger before I buy one.",
    ),
    (
        "I'll slash every tyre in your car park if the money isn't back by Friday.",
        "I'll key the van registration into your booking form tonight.",
    ),
    # insurance and a mishap wished on the premises; a claim, or damage reported
    (
        "Hope you've got good insurance on that showroom of yours.",
        "Hope your insurance covers the damage your driver did to my wall.",
    ),
    (
        "It would be a pity if your shop windows got smashed one night.",
        "It would be a pity if my parcel got damaged in transit, please pack it well.",
    ),
    (
        "Wouldn't want anything nasty happening to that lovely new salon of yours.",
        "Wouldn't want anything to happen to my order, so please use a courier.",
    ),
    # fire made easy; a hazard reported
    (
        "All that packaging in your stockroom. One spark. Refund please.",
        "Your engineer left the gas on, one spark and my kitchen could have gone up.",
    ),
    (
        "Buildings like yours go up so easily in summer.",
        "Buildings like yours go up in value every year, I'd hold on to it.",
    ),
    # the premises unprotected, noticed by the speaker; a customer worried about it
    (
        "I've noticed your depot has no cameras at the back. Think about that.",
        "I noticed your car park has no cameras, and my bike was stolen there.",
    ),
    (
        "You lot had better hope your shutters are strong.",
        "I hope your CCTV was working, someone scratched my car in your car park.",
    ),
    # the last person to lock up; a customer collecting before closing
    (
        "I know what time the last one out locks up at your branch.",
        "I know what time you lock up, so I'll collect the parcel before then.",
    ),
    # a weapon or a bomb at the premises; a bat returned, a bath bomb bought
    (
        "I'm outside your store now with a bat. Send the manager out.",
        "I'll come in with the cricket bat that split, I have the receipt.",
    ),
    (
        "There's a bomb in your warehouse. Get everyone out.",
        "I bought a bath bomb in your shop and it was broken when I got home.",
    ),
    (
        "An envelope of white powder is on its way to your head office.",
        "The protein powder arrived with the tub split and powder everywhere.",
    ),
    # harm to staff at the premises; staff sought to be thanked
    (
        "I'll be in on Saturday to find the lad who served me. Tell him to watch himself.",
        "I'll pop in on Saturday to find the lad who served me and thank him.",
    ),
    # a protest and a report are no threats
    (
        "Accidents happen to shops that rip people off.",
        "We'll stand outside your gym with placards on Saturday, peacefully.",
    ),
    # a weak spot and an insinuation about how the customer is treated, in two sentences; a
    # safety suggestion in the same words
    (
        "Your depot has no shutters and a lot of glass. I'd think very carefully about how you"
        " handle my refund.",
        "Your depot has a mountain of parcels waiting. I'd think very carefully about how you"
        " handle the Christmas rush.",
    ),
    (
        "That forecourt is full of petrol. If you catch my drift.",
        "Your forecourt is full of petrol fumes, please check the pumps for leaks.",
    ),
    # a menace in idiom; the same idiom in praise
    (
        "Keep ignoring me if you know what's good for the shop.",
        "I'll make sure the whole family remembers it, such a lovely party in your restaurant.",
    ),
    (
        "I'll be visiting your branch on Monday and it won't be to shop. Make sure your staff"
        " never forget it.",
        "I'll be visiting your branch on Monday to collect my order.",
    ),
    # what the premises will be, and who will be inside; a product fire or a plan reported
    (
        "ur garage'll be a pile of rubble by friday",
        "My old heater is a pile of ash now, the thermostat caught fire. Is it under warranty?",
    ),
    (
        "That warehouse is going up in smoke with your staff still inside.",
        "We sat for two hours with everyone inside the van because the depot was shut.",
    ),
    (
        "blow ur depot up if my parcel isnt here tmrw",
        "Could your shop blow up this photo to A2 for my mum's party?",
    ),
    # valuables, insurance, a mishap to "it"; the same words in advice or a claim
    (
        "I wouldn't keep any cash in that salon overnight if I were you.",
        "I wouldn't leave anything valuable in the gym lockers, mine was stolen last week.",
    ),
    (
        "I trust you have good insurance on your showroom.",
        "Hope you have insurance on your premises for when the pipes burst again.",
    ),
    (
        "lovely little bakery. be a shame if it caught fire",
        "Lovely little bakery. Be a shame if it closed, the bread is the best in town.",
    ),
    # staff told to flee, help kept ready; the same words about work or an illness
    (
        "I'm on my way. Whoever is on reception better run.",
        "Your team better run the diagnostics again, the router still drops.",
    ),
    (
        "Coming in at 4. Tell your manager to have an ambulance on standby.",
        "Please have a first aider ready, my dad has a heart condition and gets dizzy.",
    ),
    # an evacuation foretold; one announced for works
    (
        "You'll be evacuating the whole store by lunchtime tomorrow, trust me.",
        "You'll need to evacuate the flat while the asbestos works are done, the letter says.",
    ),
]


@pytest.mark.parametrize(("threat", "not_threat"), PAIRS)
def test_threat_against_premises_escalates_its_look_alike_does_not(
    threat: str, not_threat: str
) -> None:
    assert (_escalated(threat), _escalated(not_threat)) == (True, False)


@pytest.mark.parametrize(
    "report",
    [
        "There's broken glass all over the pavement outside your shop and someone could get hurt.",
        "Your front window has a long crack in it. Someone could get hurt if it gives way.",
        "Just letting you know your branch's window was smashed overnight, glass everywhere.",
    ],
)
def test_damage_reported_to_the_business_does_not_escalate(report: str) -> None:
    assert not _escalated(report)


def test_a_peaceful_protest_is_no_threat_but_violence_named_beside_it_is_read() -> None:
    assert not _escalated(
        "We're holding a peaceful protest outside your head office on Friday. Placards and"
        " leaflets only, the entrance stays clear."
    )
    assert _escalated("We'll bring placards to your office on Friday and burn the place down.")


def test_a_fire_reported_with_the_emergency_services_called_is_no_threat() -> None:
    assert not _escalated(
        "smoke pouring out of the back door of ur bakery, looks like a fire, ive called 999"
    )
    assert _escalated("I'll burn your salon down and you can call 999 for all I care.")


def test_accented_letters_fold_to_their_ascii_word() -> None:
    """"café" is the word "cafe", not "caf" (which the engine could not tell for a thing)."""
    assert analyse("Your café is a disgrace.").words[:2] == ("your", "cafe")
    assert fold("naïve résumé") == "naive resume"
    assert fold("plain ascii") == "plain ascii"
    # letters of other scripts and symbols stay as they are
    assert fold("δ 🙂") == "δ 🙂"


def test_an_accented_premises_noun_is_read_in_a_threat() -> None:
    assert _escalated("Interesting how quickly a wooden café can go up.")
    assert not _escalated("Interesting how quickly a wooden café can fill up at lunch.")
