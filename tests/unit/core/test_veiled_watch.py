"""Veiled threats read from two halves in one message (stop 55, config/abuse.yaml under
``threat_frames``, the `combine` rules `kin_watched`, `waits_here`, `accident_aimed` and the
mishap frames): a staff member's family told back with the speaker passing there, a person
met before waited for at the premises, an accident said to befall those who wronged the
speaker, a mishap to a person regretted in advance. Each half alone is everyday help-desk
talk and must not call a manager. Every sentence here is a probe of my own."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated


@pytest.mark.parametrize(
    "text",
    [
        # family told back, and the speaker near it
        "Your piano tuner mentioned his daughter goes to St Anne's. I pass it every afternoon.",
        "Your plumber's wife works at the bakery on Mill Street. I drive past it most days.",
        "The fitter's kids go to Ashgrove Primary, don't they. I know the school well.",
        "Her son plays for Westfield Juniors on Sundays. I've taken an interest.",
        # a person met before, waited for at the premises
        "Outside your depot now. I'll wait for the driver who brought my parcel.",
        "I'm sat outside your office. Waiting for the woman who hung up on me.",
        "In your car park. Staying till the lad who sold me the phone comes out.",
        # an accident said to befall those who wronged the speaker
        "People have accidents on ladders all the time. Especially engineers who overcharge.",
        "Things happen to people on dark roads. Especially drivers who lie to me.",
        # a mishap regretted in advance
        "Would be a pity if he slipped on the way to his van. Refund me.",
        "I'd hate to hear something happened to your installer.",
        "Wouldn't want anyone getting hurt over a refund, would we.",
    ],
)
def test_a_veiled_threat_in_two_halves_escalates(text: str) -> None:
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        # one's own family, small talk about staff's
        "My daughter goes to St Anne's too, I pass it every day on the school run.",
        "Your engineer said his son plays for Westfield, my lad plays there too.",
        "His daughter goes to the same school as mine, lovely family.",
        # waiting for a person, ordinary
        "We'd like to wait for the engineer who fitted the boiler, he knows the system.",
        "I'm outside your depot. I'll wait for the driver who brought it to ring me back.",
        "I'm at your branch now, waiting for the adviser who booked my appointment.",
        "Waiting for a reply from your team since Monday.",
        # a wait in the car park for an appointment (both escalated before stop 55)
        "I've been waiting in the car park since eight for my booked service, is anyone in?",
        "We're waiting in the car park for our 10am appointment, which door is reception?",
        # safety, and accidents told of hazards
        "The pontoon is slippery and people have accidents on it all the time. Please fix it.",
        "Drivers have accidents on that bend every winter, particularly ones who ignore the "
        "speed limit.",
        "It would be a shame if he fell off that ladder, the rungs are loose.",
        "Please grit the path, I wouldn't want anyone getting hurt on the ice.",
        "I'd feel awful if your engineer slipped on our stairs, so I've put a mat down.",
        "I'd hate for something like this to happen to another customer.",
    ],
)
def test_each_half_alone_or_a_hazard_does_not_escalate(text: str) -> None:
    assert not escalated(text)
