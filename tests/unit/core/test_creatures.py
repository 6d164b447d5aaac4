"""An animal's name, or an insult word that names goods, insults a person only when it calls
one that.

Pest-control, vet, kennel, pet-shop, farm-supply and catering desks write about rats, dogs,
pigs and parasites every day; before stop 44 "The technician found a rat in the loft" called
a manager. Each pair below is the same desk's message with the animal named, then with a
person called one. Sentences written for this project."""

from __future__ import annotations

import pytest

from tests.unit.core.conftest import ROOT
from tests.unit.core.test_engine import escalated
from worker.core.abuse.words import CREATURES
from worker.rules import load_rules


@pytest.mark.parametrize(
    ("animal", "person"),
    [
        (
            "The technician found a rat in the loft and left without setting traps.",
            "The technician is a rat, he left without setting traps.",
        ),
        (
            "Your engineer said there is a rat under the floor. When can he come back?",
            "Your engineer is a lying rat. When can someone else come?",
        ),
        (
            "We have vermin in the kitchen since your team visited.",
            "You lot are vermin, nobody in your team ever visited.",
        ),
        (
            "My dog picked up a parasite at your kennels and the vet bill was 300 pounds.",
            "How does it feel to be a parasite on your customers? The vet bill was 300 pounds.",
        ),
        (
            "The pig roast you catered was cold and half the guests went hungry.",
            "Your caterer is a pig, the roast was cold and half the guests went hungry.",
        ),
        (
            "There's a leech in the aquarium you sold me.",
            "Your sales guy is a leech, he sold me an aquarium I did not need.",
        ),
        (
            "Your exterminator missed the rats again. Third visit.",
            "Your exterminator is a dirty rat, third visit and he charged me again.",
        ),
        (
            "Rats! The update failed again.",
            "You rat, the update failed again.",
        ),
        (
            "Both my dogs got sick from the food you sold.",
            "Greedy pigs, the lot of you, the food you sold made my dogs sick.",
        ),
        (
            "Your rep is a dog lover, he spent the whole visit with my spaniel.",
            "Your rep is a snake, he spent the whole visit lying to me.",
        ),
        (
            "What a pig of a job the install was, three days for one socket.",
            "What a snake. Three days for one socket and he billed me for five.",
        ),
        (
            "The snake at the reptile counter looked ill when I bought it.",
            "Ask the cow at the front desk why she hung up on me.",
        ),
    ],
)
def test_an_animals_name_calls_a_manager_only_when_a_person_is_called_one(
    animal: str, person: str
) -> None:
    assert (False, True) == (escalated(animal), escalated(person))


@pytest.mark.parametrize(
    "text",
    [
        "You're all snakes.",
        "Your agent Marco is a lying little weasel and I want him fired.",
        "That agent is nothing but a dirty rat.",
        "The rat who answered the phone laughed at me.",
        "Your support team are a bunch of snakes.",
        "you're a cow",
    ],
)
def test_a_person_called_an_animal_calls_a_manager(text: str) -> None:
    assert escalated(text)


def test_the_animals_are_lexicon_words() -> None:
    """Every name the rule reads is one the lexicon lists (else the rule never sees it)."""
    lexicon = load_rules(ROOT / "config").abuse.lexicon
    assert set() == CREATURES - {*lexicon.insult_noun, *lexicon.complaint_adj}


@pytest.mark.parametrize(
    ("goods", "person"),
    [
        (
            "The hoe you sold me snapped on the first day in the allotment.",
            "The moron I bought it from won't answer my calls.",
        ),
        (
            "I ordered jerk chicken and got plain rice.",
            "I ordered from you, jerk, and you lost it.",
        ),
        (
            "Your jerk chicken was cold and the rice was hard.",
            "You jerk, my chicken order was cold.",
        ),
        (
            "I ordered the lemon tart but got a cheesecake.",
            "The idiot you sent broke my gate.",
        ),
    ],
)
def test_an_insult_word_that_names_what_was_bought_is_goods(goods: str, person: str) -> None:
    """Stop 44: a garden hoe, jerk chicken or a lemon tart bought, sold or ordered is goods;
    the seller or the person sent is still a person."""
    assert (False, True) == (escalated(goods), escalated(person))
