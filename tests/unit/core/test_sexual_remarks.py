"""Sexual and creepy remarks to the agent without a crude word (stop 54, config/abuse.yaml
under ``harassment``), and a shopper's questions about the same goods, which are no
harassment. Every sentence here is a probe of my own."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated


@pytest.mark.parametrize(
    "text",
    [
        "hi before we sort the refund, what colour knickers have you got on today?",
        "do u sleep in pyjamas or nothing? lol",
        "Can you describe your body to me while we wait?",
        "bet you're just as patient in bed",
        "Is that you in a bikini on your profile? got any more",
        "you belong with me, not in that call centre",
        "I'd love to get to know you better, privately",
        "Do you ever get lonely on the night shift?",
        "your profile pic is stunning",
        "What bra do you wear to work?",
    ],
)
def test_a_remark_on_the_agents_body_bed_or_underwear_escalates(text: str) -> None:
    """Each of these was missed at the stop's start."""
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can you wear this bra under a t-shirt?",
        "Do you have this bra in 34C?",
        "What size pyjamas do you recommend for a 5 year old?",
        "Is your bed frame solid oak?",
        "Can I send a photo of the damage?",
        "I want to return the underwear I bought, tags still on.",
        "My husband sleeps in pyjamas, do you sell larger sizes?",
        "Thank you so much, you were lovely and so patient.",
        "I'll keep you company on the line while you check, no rush!",
        "We'd love to get to know your team better at the open day.",
        "Please send me a photo of your ID badge so I know you're legit.",
        "Does the bikini come in a larger size? The model in the photo looks great in it.",
        "Our dog sleeps in our bed, is the duvet washable?",
        # photos the customer took as evidence (a first version of the photo phrases
        # escalated these: a final review of the stop's change)
        "I have a photo of you parking on the pavement outside my house, number plate visible",
        "the CCTV has a picture of you guys dropping my parcel in a puddle",
    ],
)
def test_a_shoppers_question_or_warm_thanks_does_not(text: str) -> None:
    assert not escalated(text)
