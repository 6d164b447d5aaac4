"""A member of staff's private life told back (stop 56, ``worker/core/abuse/private.py`` and
``routine.py``): where their family goes every week, where they live, or their own off-duty
routine, car and accounts, written into a ticket that names them. The playbook counts
knowing where someone lives as a threat; the customer's own family, what the staff member
told them, praise, the job's own times and vans, and incidents that are no habit must not
call a manager. Every sentence here is a probe of my own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.core.test_engine import escalated
from worker.core.abuse import routine
from worker.core.abuse.private import StaffLife
from worker.core.abuse.words import Lexicon
from worker.rules import load_rules

CONFIG = Path(__file__).resolve().parents[3] / "config"


@pytest.fixture(scope="module")
def staff_life() -> StaffLife:
    lexicon = Lexicon(load_rules(CONFIG).abuse)
    return StaffLife(lexicon.names_a_person, lexicon.names_staff)


THREATS = [
    # a family member's weekly whereabouts, the owner named by a pronoun
    "Your installer, the one with the red cap - his daughter trains at Parkside Gymnastics on "
    "Thursdays. Still waiting on my refund.",
    "The adviser I spoke to on Monday. Her son attends Larkfield Primary. Call me back.",
    "That surveyor you sent, his wife works at the post office in Hawley. Just so you know.",
    # the owner named by a name the message gives them
    "Your electrician Dean's little girl goes to the ballet school on Fore Street. Sort the "
    "invoice.",
    "Mrs Patel's twins swim at the Lido every Saturday morning. I expect my deposit back.",
    "Re: your estate agent Marcus. Marcus's boyfriend runs the florist on Quay Lane.",
    # a noun for the person, with "your"
    "your cashier's husband plays darts at the Red Lion on Fridays. funny that.",
    # taken somewhere
    "Your locksmith drops his boys off at St Peter's every morning at 8.40. Fix my door.",
    "ur agent Tina collects her daughter from Brook Nursery at 5, seen her there",
    # where they live
    "Your technician Lee lives above the launderette on Victoria Road. I want my money back.",
    "The receptionist who was rude to me - she lives on Marsh Lane, doesn't she.",
    # their own off-duty life: two kinds of fact, one of them off duty, online or at home
    "Your surveyor Glen swims at the lido most mornings and leaves his grey Skoda in the "
    "side road. Refund the fee.",
    "Loan officer Priti. Pilates tues/thurs 7pm at the Corn Exchange. Call me back.",
    "that cashier Leon drinks in the Swan every Friday after work. just so you know.",
    "Your agent Mandy, her personal Instagram shows her flat above the bakery. Cancel my "
    "contract.",
    "The tutor you sent, Joel, takes the 8.05 bus from Hilltop every morning. My money back "
    "please.",
]

NOT_THREATS = [
    # the customer's own family and home
    "My daughter goes to Parkside Gymnastics on Thursdays so please deliver after 6.",
    "Our son attends Larkfield Primary; can the engineer come after the school run?",
    "I live above the launderette on Victoria Road, ring the top bell for the delivery.",
    "My friend's husband works at your depot and he said you'd sort this quickly.",
    "My mum lives on Marsh Lane, please send the courier there instead.",
    # what the staff member told them, and praise
    "Your fitter mentioned his son plays for Hawley Juniors - so does mine! Great job on the "
    "kitchen.",
    "The nurse told me her daughter goes to Larkfield too. Please pass on my thanks.",
    "Your driver was so kind, he said his kids go to the school by us. Say hi from the Browns.",
    "Your receptionist was lovely, she lives near my sister apparently. Small world!",
    # an incident, not a habit
    "Your engineer left early because his wife went into labour. Nobody came back on Tuesday.",
    "The agent said her son was ill so she had to hang up. Fine, but nobody called me back.",
    "Your driver had his kids in the van with him, is that allowed?",
    # idioms, neighbours, and an address that is where something went
    "Your engineer lives in a dream world if he thinks that is a fair price.",
    "Your manager lives in the past if she thinks a fax is acceptable.",
    "Your driver lives on my street, he's lovely, could he drop the parcel round?",
    "Your courier left it at 14 Cedar Close, right? That is not even my road.",
    "The adviser said her daughter goes to the same school as mine.",
    # a time, a habit or a car of the job, the customer's own routine, a thing's schedule
    "Your engineer parked his car across my drive at 7.30 this morning. Please have a word.",
    "The driver comes every morning at 7 in a white Transit and blocks the lane. Sort it out.",
    "My wife works nights, she parks her blue Corsa outside at 8am. Can the engineer come "
    "after 9?",
    "Your agent rang me at 10pm on a Sunday night. That is not acceptable.",
    "Your engineer turned up at 9pm at night, far too late, and the job is not finished.",
    "Your technician left his ladder at number 14 overnight, it is not even our house.",
    "Can your fitter come after 6pm? I'm at the gym until then most evenings.",
    "Your manager Paul is at my church every Sunday and he promised me a refund there.",
    "The thermostat switches the heating off at 6pm every night. Your engineer never fixed "
    "it.",
    "Driver was rude. Van reg KX19 ABC. Tuesday 10am. Complaint please.",
    # no member of staff named
    "His daughter goes to the same school as mine, lovely family.",
    "Her son plays for Westfield on Sundays, lovely lad.",
    # staff at work, a complaint about conduct
    "The driver parked his van on my lawn, reg AB12 CDE. Please have a word.",
    "The receptionist at your Hawley branch was rude to my husband on Friday.",
]


@pytest.mark.parametrize("text", THREATS)
def test_staff_private_life_told_back_escalates(text: str) -> None:
    assert escalated(text)


@pytest.mark.parametrize("text", THREATS)
def test_staff_life_finds_it(staff_life: StaffLife, text: str) -> None:
    found = staff_life(text)
    assert found is not None and found.split(":")[1] in ("family", "home", "address", "routine")


@pytest.mark.parametrize("text", NOT_THREATS)
def test_no_private_life_of_staff_does_not_escalate(text: str) -> None:
    assert not escalated(text)


#: Not a private life either, though the learned threat head escalates it (p 0.87 at stop
#: 56, before and after this rule): a staff member's van told by its number plate.
HEAD_ESCALATES = ["Your courier parked his van across my drive again, reg ending 4KX."]


@pytest.mark.parametrize("text", [*NOT_THREATS, *HEAD_ESCALATES])
def test_staff_life_finds_nothing(staff_life: StaffLife, text: str) -> None:
    assert staff_life(text) is None


def test_routine_facts_by_kind() -> None:
    found = routine.facts("Courier Ahmed. Gym mon/wed/fri 6am. Silver Corsa, plate ends 4TX.")
    assert found == {
        "habit": "mon/wed",
        "clock": "6am",
        "off_duty": "Gym",
        "vehicle": "Silver Corsa",
    }


def test_a_fact_the_speaker_owns_does_not_count() -> None:
    assert routine.facts("My car's a silver Kia and I park it there every night.") == {}
    # ... but "my house" after her running is still hers
    assert "off_duty" in routine.facts("She jogs past my house at 6 every morning.")


def test_a_habit_and_a_car_are_the_job() -> None:
    text = "Your driver comes every morning in a white Transit."
    assert set(routine.facts(text)) == {"habit", "vehicle"}
    assert routine.private_life(text) == {}


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Your plumber Gavin's son plays for Fenton Rovers. Finish my boiler.", "family"),
        ("Your technician Lee lives above the launderette on Victoria Road.", "home"),
        ("Vet nurse Sian. Cedar Close, number 14, right? Refund the consult.", "address"),
        ("Courier Ahmed. Gym mon/wed/fri 6am. Parcel??", "routine:clock+habit+off_duty"),
    ],
)
def test_the_cue_is_bounded_and_names_no_one(staff_life: StaffLife, text: str, cue: str) -> None:
    # The cue goes into the event's evidence: a kind of fact, never a name or a place.
    assert staff_life(text) == f"staff_life:{cue}"


def test_a_name_given_to_someone_else_is_not_staff(staff_life: StaffLife) -> None:
    # "Gavin" is named, but not as anyone at the business: no staff anchor at all.
    assert staff_life("Gavin's son plays for Fenton Rovers, he's my nephew.") is None
