"""Threats told through the reader's family, the speaker's people or an accident foretold, and
harassment of the agent's body or identity, call a manager; the same words about a thing, an
errand or the speaker's own family do not.

Stop 45 wrote 320 messages as customers of many kinds of desk would (160 to escalate, 160 near
misses). Of the 160 to escalate, the engine missed 81: threats by proxy, sexual remarks about
what the agent wears, a "real man" asked for instead of a woman, stock put-downs ("dropped as
a baby"). Each pair below is one such message and a near miss that must stay quiet. Sentences
written for this project, not taken from the probe set."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated

PAIRS = [
    # The reader's family threatened.
    (
        "Sort out my refund or I'll start with your wife, then your kids.",
        "Start with your account number, then your postcode, and I'll find the order.",
    ),
    (
        "Cancel that fee or your family will be the ones who suffer.",
        "Your family will be glad to hear the holiday has been rebooked.",
    ),
    ("I hope your dog likes strangers, Priya.", "I hope your dog likes the new kennel run."),
    # An accident foretold, a fate in the reader's shoes, harm that stops a person working.
    (
        "Funny how accidents happen to people who ignore me.",
        "Funny how the app crashes every time I open the camera.",
    ),
    (
        "I wouldn't want to be in your shoes when I catch up with you.",
        "I wouldn't want to be in your shoes on this helpdesk today, good luck!",
    ),
    (
        "Cut me off again and I'll make sure you can't walk for a week.",
        "Please make sure you can't walk into the glass door, it needs a sticker.",
    ),
    (
        "Fob me off one more time and you'll end up in a hospital bed.",
        "My husband is in a hospital bed so please call me instead.",
    ),
    # Premises and vehicles.
    (
        "Your vans sit in that unlit yard all night. Tyres are easy to slash.",
        "The new tyres are easy to fit, thanks for the video.",
    ),
    (
        "Someone should teach your branch a lesson with a sledgehammer.",
        "Our demolition crew needs a sledgehammer delivered by Friday.",
    ),
    # The speaker's people sent to the reader.
    (
        "Refund me today or there'll be blokes at your door.",
        "Two blokes at the door delivered the sofa without its legs.",
    ),
    (
        "My mates will sort you out if this isn't fixed by Friday.",
        "My brother will sort out the paperwork for the refund by Friday.",
    ),
    (
        "I have friends who are not as polite as I am, and they know your name.",
        "My friends were not as patient as I am, they cancelled months ago.",
    ),
    (
        "My husband does boxing and he asked for the name of the manager who refused me.",
        "My husband asked for the name of the manager so he can send a thank-you card.",
    ),
    (
        "Your husband works nights, doesn't he? Must be lonely in that house.",
        "My husband works nights, so please deliver after two in the afternoon.",
    ),
    (
        "You're making the wrong enemies, pal.",
        "You're making the wrong assumption about my account, pal.",
    ),
    (
        "I followed your engineer home last night.",
        "I followed the engineer's instructions at home and it still fails.",
    ),
    # Sexual remarks about the agent.
    ("What's the agent wearing today?", "What should I be wearing for the MRI scan?"),
    (
        "Describe your underwear and I'll pay the bill.",
        "Your underwear sizes run small, can I exchange them?",
    ),
    (
        "I keep thinking about you in bed, Anna. Call me back.",
        "I keep thinking about the bed you sold me, it's lumpy. Call me back.",
    ),
    # Identity put down.
    (
        "Women rarely can do sums, put me through to someone else.",
        "Women rarely get the sizing right on your site because the chart is wrong.",
    ),
    (
        "Get me a real man who understands mortgages.",
        "Get me a real person, not a chatbot, who understands mortgages.",
    ),
    (
        "Find me an agent who isn't wearing a headscarf.",
        "The agent wearing a headscarf was lovely and sorted it in minutes.",
    ),
    # Stock put-downs of the reader.
    ("Were you dropped as a baby?", "The baby monitor was dropped in transit."),
    (
        "You're a walking advert for birth control.",
        "Your advert for birth control pills was misleading, the price was wrong.",
    ),
    (
        "Nobody there has an IQ above room temperature.",
        "Keep the medicine at room temperature, the label says.",
    ),
]


@pytest.mark.parametrize(("menace", "near_miss"), PAIRS)
def test_a_menace_calls_a_manager_and_its_near_miss_does_not(menace: str, near_miss: str) -> None:
    assert escalated(menace), menace
    assert not escalated(near_miss), near_miss


@pytest.mark.parametrize(
    "text",
    [
        # The speaker's people with a lawful lever: a legal threat.
        "My family will come after you in court for this.",
        # "Sort you out" as "provide", a husband wanting a word, a company's "sort".
        "My husband will sort you out with the payment details tomorrow.",
        "My husband would love a word with whoever designed this app, it's awful.",
        "That's typical of your sort of company, late again.",
        "It's scary how easily people fall for these scam texts using your name.",
        "I wouldn't want to be in your shoes when the ombudsman reads this.",
        # A hazard named: a warning, not a veiled threat.
        "Something bad is going to happen if you don't fix the gas leak on our street.",
        # Customers lost to a competitor: a churn threat.
        "You'd better watch out, your competitors are half the price.",
    ],
)
def test_a_lever_or_a_hazard_is_not_a_menace(text: str) -> None:
    assert not escalated(text), text
