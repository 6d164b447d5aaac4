"""Threats the frames read since stop 63 (before it only the learned threat head caught them,
so a refit of the head could lose them): harm to a body in text speak ("break ur legs"), a
person's home foretold a premises's fate ("your house will go up in flames"), and the
speaker's hand on "it" once a premises is named ("going ur shop n ill smash it up"). Each is
paired with look-alikes that must not escalate: a hazard or a product named, the speaker's
own things, a condition. Every sentence here is a probe of my own.
"""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import triage


def _frame_labels(text: str) -> list[str]:
    """The threat frames' labels in the evidence (not the learned head's)."""
    return [
        cue.split(":", 1)[1]
        for cue in triage(text).evidence.abuse
        if cue.startswith("threat_frame:") and not cue.startswith("threat_frame:model:")
    ]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("gonna come round n break ur legs", "veiled"),
        ("refund me or ill come over n smash ur face", "violence"),
        ("Your house will go up in flames tonight, I'll see to it.", "premises"),
        ("ur flat is gonna burn, just wait", "premises"),
        ("Your kitchen will be a pile of ash by Sunday.", "premises"),
        ("next week going ur shop n ill smash it up", "premises_wrecked"),
        ("I know where your branch is. I'll burn the place down.", "premises_wrecked"),
    ],
)
def test_a_threat_the_frames_read_escalates(text: str, label: str) -> None:
    out = triage(text)
    assert out.escalation.required and "threat" in out.abuse.kinds, text
    assert label in _frame_labels(text), text


@pytest.mark.parametrize(
    "text",
    [
        # a hazard or a product: a warning, not a threat
        "Your kitchen will go up in flames with that faulty charger you sold me.",
        "Your house could go up in flames if that heater overheats, please recall it.",
        "My house will go up in flames if I leave this toaster on, it sparks.",
        # the speaker's own things, a product, a condition
        "Your shop sold me this laptop, ill smash it up if it crashes again.",
        "I went to your store for the phone. I'll smash it up if it freezes once more.",
        # a home named with no fate
        "Your house looks lovely in the photo you sent, congratulations on the move.",
        # the excuses (the refitted threat head read these as stalking or threats): the
        # customer's own household's routine, told to arrange a visit
        "My husband works lates, he parks on the drive till 10. Can the gas engineer come at 8?",
        "My son finishes school at 3 so any time before then for the boiler service please.",
        "my missus is home all day thurs, she drives a silver golf, engineer can park behind it",
        # a wait for a call back
        "I'll wait for your manager to call me back before I pay anything.",
        "Still waiting for the driver who dropped it off to ring me back about the damage.",
        # a product's danger to its buyers (`product_danger`)
        "The charger you sold me melted overnight. There will be a fire in someone's house "
        "if you keep selling these.",
        "This e-bike battery swelled up on charge. Somebody's flat is going to burn down "
        "because of your product.",
        # a machine failing, told in another sentence (the `hazards` words)
        "Your lifts keep jamming between floors, someone will be trapped and get hurt.",
    ],
)
def test_a_look_alike_does_not_escalate(text: str) -> None:
    assert not triage(text).escalation.required, text


@pytest.mark.parametrize(
    "text",
    [
        # the excuses' words with menace
        "I'll wait for your driver to ring me back, then I'll find him and break his legs.",
        "My lads know your wife works nights. She parks on Elm Road, doesn't she.",
        "I'll be waiting for Karl at the depot and he won't like how it ends.",
        "If you keep selling me faulty junk I'll burn your shop down.",
        "Keep selling these and see what happens to your shop.",
        "The lift is jammed again. I know where your manager lives and he will get hurt.",
    ],
)
def test_the_same_words_with_menace_still_escalate(text: str) -> None:
    assert triage(text).escalation.required, text
