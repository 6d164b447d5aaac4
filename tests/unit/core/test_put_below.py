"""A person put below a thing, an animal or the bot by a comparison (stop 55,
``worker/core/abuse/compare.py``, and the comparison phrases of config/abuse.yaml under
``harassment``). Every sentence here is a probe of my own."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated
from worker.core.abuse.compare import PutBelow


@pytest.mark.parametrize(
    "text",
    [
        "A broken toaster has more common sense than you.",
        "Honestly a parking meter would have sorted this quicker than you.",
        "Even the self-checkout showed more signs of life than she did.",
        "The phone menu is sharper than you are.",
        "I've met a houseplant with a better grasp of maths than that man.",
        "A magic 8-ball would give better answers than your agent.",
        "My dog is smarter than you.",
        "They should replace you with a parrot.",
        "I asked for a human and got you. At least the bot doesn't pretend to have a brain.",
        "Who hired you?",
    ],
)
def test_a_person_put_below_a_thing_escalates(text: str) -> None:
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        # the business's own channel, compared on speed or service: a complaint
        "The bot answered faster than you did.",
        "Your chatbot is more helpful than the FAQ page.",
        # no person on the other side, or the customer's own
        "My old phone had a better camera than this one.",
        "My dog has more sense than my husband.",
        "A snail would deliver faster than your courier service.",
        "Your app is more intelligent than your website.",
        # a sum, praise
        "My car cost more than you earn in a month.",
        "The new kettle works better than you'd expect.",
        # a part or feature of a thing (both escalated before stop 55: "your" read as the
        # reader past "website's")
        "Your website's search is more stupid than a brick.",
        "your app's checkout is stupid",
        # a thing said to pretend
        "I'd get more sense out of the manual than your app.",
        # praise, and a thing better than expected: the learned insult head, which escalated
        # the first before stop 55, does not read a sentence the praise excuse matched
        "You're smarter than you think.",
        "You are far more capable than you realise, thanks for the help.",
        "My toaster is smarter than you think.",
    ],
)
def test_a_comparison_without_a_person_below_does_not_escalate(text: str) -> None:
    assert not escalated(text)


def test_a_backhanded_compliment_still_escalates() -> None:
    """ "Smarter than you look" is no praise: the excuse is only "than you think" and its kin."""
    assert escalated("You're smarter than you look.")


def _below() -> PutBelow:
    people = {"agent", "man", "team", "courier", "customer"}
    return PutBelow(["toaster", "snail"], ["app", "website"], people.__contains__)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("a toaster has more sense than your customer service team.", True),
        ("a snail would be quicker than your courier service.", False),
        ("a snail would be quicker than that man.", True),
        ("a toaster is smarter than you think.", False),
        ("toaster smarter than you", False),  # no determiner: maybe no noun at all
        ("the app is sharper than your agent.", True),  # a channel, a quality of the mind
        ("the app is faster than your agent.", False),  # a channel, a speed
        ("a toaster is smarter. than you", False),  # two sentences
    ],
)
def test_the_head_noun_after_than_and_the_thing_before_it_decide(text: str, found: bool) -> None:
    assert (_below()(text) is not None) is found
