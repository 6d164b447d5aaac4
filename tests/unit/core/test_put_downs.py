"""Stock put-downs of a person's wits that need no subject (stop 54, config/abuse.yaml under
``harassment``; the excuses in ``worker/core/abuse/phrases.py``): said of staff or the reader
they call a manager; said by the speaker of themselves, of the customer's own people or pets,
or of a thing, they do not. Every sentence here is a probe of my own."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated


@pytest.mark.parametrize(
    "text",
    [
        "The lad who came out is one sandwich short of a picnic.",
        "your engineer has the IQ of a house plant",
        "Honestly the woman on your phone line is not the sharpest tool in the shed.",
        "Your technician is thick as two short planks.",
        "The manager at your Leeds branch couldn't run a bath.",
        "you couldn't find water if you fell out of a boat",
        "Your driver is a half-wit.",
        "That jumped-up little clerk at your counter refused my return.",
        "Your call centre staff are a waste of a uniform.",
        "Your courier couldn't fight his way out of a paper bag.",
    ],
)
def test_a_stock_put_down_of_staff_or_the_reader_escalates(text: str) -> None:
    """Each of these was missed at the stop's start but two: the technician (an insult word)
    and "your engineer has the IQ of ..." (the phrase "{you} ... iq of")."""
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        # the speaker of themselves
        "I'm thick as two short planks, I ordered the wrong size.",
        "I'm such a half-wit, I deleted the app.",
        "I'm not the sharpest tool in the shed with computers, can you help?",
        "I'm probably a half wit but where is the reset button?",
        # reported: the staff member said it
        "Your agent called me a half-wit on the phone.",
        # the customer's own people and pets
        "My builder is one sandwich short of a picnic.",
        "Our dog is dumb as a post but we love him.",
        # things, and the same words in a plain sense
        "your app has the IQ of a toaster",
        "This software couldn't run a bath.",
        "your company couldn't organise a piss-up in a brewery",
        "The glue is thick as mince, is that normal?",
        "The cable is thick as a plank, it won't fit.",
        "the new update is dumb as a box of rocks",
        "the price jumped up little by little",
        "the lights are on but nobody is answering the door at your depot",
    ],
)
def test_a_stock_put_down_of_oneself_ones_own_or_a_thing_does_not(text: str) -> None:
    assert not escalated(text)


@pytest.mark.parametrize(
    ("outsider", "staff"),
    [
        ("my husband is a waste of space", "your agent is a waste of space"),
        ("my ex is a piece of shit", "your agent is a piece of shit"),
        ("my ex on the phone is a waste of space", "the guy on the phone is a waste of space"),
        ("my son at university is thick as mince lol", "the lad at your counter is thick as mince"),
    ],
)
def test_a_put_down_of_the_customers_own_people_is_theirs_and_a_phrase_after_staff_is_not_a_thing(
    outsider: str, staff: str
) -> None:
    """A put-down said of the customer's own people, also across a phrase after them ("my ex
    on the phone"), insults no one the desk protects; one said of staff named before a phrase
    ("the guy on the phone") is not said of the phone. At the stop's start "my husband is a
    waste of space" and "my ex is a piece of shit" escalated, and "the guy on the phone is a
    waste of space" did not."""
    assert (False, True) == (escalated(outsider), escalated(staff))
