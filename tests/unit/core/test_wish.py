"""Told to die (stop 57, ``worker/core/abuse/wish.py``): a sentence that is only an
imperative to die, said to the reader, is a death wish and calls a manager. A thing that
dies, the speaker's own hyperbole, a title, a noun, a question, words quoted or reported and
a curse at a thing must not. Every sentence here is a probe of my own."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated, triage
from worker.core.abuse.scorer import _blank_clauses
from worker.core.abuse.wish import told_to_die, told_to_harm_oneself
from worker.core.text import analyse

WISHES = [
    "die",
    "Die.",
    "DIE!!!",
    "just die",
    "Just die already.",
    "please just die",
    "Go and die.",
    "why don't you just die?",
    "Die, die, die!",
    "Eliza, die.",
    "Die, Sarah.",
    "Drop dead.",
    "I've waited three weeks for a refund. Just die.",
    "ok. die then",
    "just die 😡",
    "Seriously, drop dead already!",
]

NOT_WISHES = [
    "my phone will die soon",
    "The battery died again after the update.",
    "I could just die, the invoice went to my boss.",
    "I'd die for a router that works.",
    "Die Hard is on tonight and the stream keeps buffering.",
    "Die size on the spec sheet is 5mm, the part is 6mm.",
    "The die-cast model arrived broken.",
    "'Die,' he wrote under my review, and I reported it.",
    "Your agent told me to die.",
    "die?",
    "Did it die?",
    "Just die already, printer.",
    "drop dead gorgeous dress, wrong size though",
    "Do or die for this launch, we need the fix by Friday.",
    "Die Lieferung ist nicht angekommen.",
    # German article and noun, too short for the language detector (found in review)
    "Die Lieferung.",
    "Die Rechnung!",
    "Die Post",
    "Die Eliza",
]


@pytest.mark.parametrize("text", WISHES)
def test_a_wish_is_read(text: str) -> None:
    assert told_to_die(text, analyse(text).words) == "death_wish"


@pytest.mark.parametrize("text", NOT_WISHES)
def test_no_wish_is_read(text: str) -> None:
    assert told_to_die(text, analyse(text).words) is None


@pytest.mark.parametrize("text", WISHES)
def test_a_wish_calls_a_manager(text: str) -> None:
    assert escalated(text)
    assert "threat_frame:death_wish" in triage(text).evidence.abuse


@pytest.mark.parametrize("text", NOT_WISHES)
def test_no_wish_calls_a_manager(text: str) -> None:
    # "Your agent told me to die." reports abuse: it may be flagged, but never as a wish.
    assert "threat_frame:death_wish" not in triage(text).evidence.abuse
    if text != "Your agent told me to die.":
        assert not escalated(text)


def test_the_gate_skips_messages_without_the_word() -> None:
    # The text reads like a wish, but the word set the caller passes holds no key word.
    assert told_to_die("Die.", ("thanks",)) is None


# Told to harm oneself (stop 58, ``told_to_harm_oneself``): an imperative at a clause's start,
# or after a modal verb whose subject is the reader or staff, or no one caring if they died.
HARM_ORDERS = [
    "go jump off a bridge",
    "Jump off a cliff, Karen.",
    "If you can't fix it, walk into traffic.",
    "Do the world a favour and off yourself.",
    "Maybe you should just stop existing.",
    "u shud just off urself tbh",
    "k y s",
    "Go top yourself.",
    "Take a long walk off a short pier.",
    "Put yourself out of your misery, mate.",
    "Why dont you go lie down on the train tracks.",
    "Gargle bleach.",
    "Choke on it.",
    "Your whole team should just walk into traffic.",
    "Honestly that manager of yours needs to jump off a bridge.",
    "Whoever wrote this update should go drink bleach.",
    "Nobody would care if you died.",
    "Nobody would even notice if you vanished tomorrow.",
    "keep urself safe... NOT. kill urself",
    "Your agent should go hang himself.",
    "you lot can go jump off a cliff",
    "You could just walk into traffic, nobody would notice.",
    "Fling yourself off the roof, Dave.",
    "go hurt yourself",
    "u shld seriously consider ending ur life",
    "The kindest thing you could do for us all is walk into traffic.",
    "Put a plastic bag over your head.",
    "There's one more thing you can try: a chair and a noose.",
]

NOT_HARM_ORDERS = [
    "I feel like jumping off a bridge after this week, but please fix the router",
    "I could jump off a bridge, this bill is insane.",
    "Maybe I should just walk into traffic lol, three hours on hold.",
    "The bridge mode on the router doesn't work.",
    "I had to jump through hoops to get a refund.",
    "Please stop existing payments on my old account.",
    "Please delete yourself from the CC list.",
    "Just shoot yourself a test email to check the relay works.",
    "Put yourself in my shoes for a second.",
    "You should top up the account for me.",
    "My toddler could choke on this part.",
    "A child could walk into traffic through that broken gate.",
    "Kids could drink bleach from this bottle, the cap is loose.",
    "Nobody would care if you just refunded me.",
    "I'm sure no one would notice if you just changed the date.",
    "Jump off a bridge? No thanks, I'll wait on hold.",
    "'Go jump off a bridge' is what the seller wrote to me.",
    "Someone in the chat keeps telling me to kys, how do I report them?",
    "omg this update makes me want to kms",
    "Don't hurt yourself lifting the box, it's heavy.",
    "People could walk into traffic through that broken gate.",
    "Your staff could hurt themselves on that loose cable.",
    "You could hurt yourself on the broken step outside your shop.",
    "The best thing you could do is refund me today.",
    "Careful not to harm yourself on the sharp edges of the casing.",
    "Please end your life insurance policy on the 1st.",
]


@pytest.mark.parametrize(
    "text", [t for t in HARM_ORDERS if not t.startswith(("Nobody", "keep urself"))]
)
def test_an_order_to_harm_oneself_is_read(text: str) -> None:
    assert told_to_harm_oneself(text, analyse(text).words) == "death_wish"


@pytest.mark.parametrize("text", NOT_HARM_ORDERS)
def test_no_order_to_harm_oneself_calls_a_manager(text: str) -> None:
    assert told_to_harm_oneself(text, analyse(text).words) is None
    assert not escalated(text)


def test_someone_to_come_who_tells_me_to_wait_is_no_report() -> None:
    # "who tells me to" is no reported order (stop 58 blanked it at first, found by diff);
    # "keeps telling me to" is.
    text = "The next clerk who tells me to hold is getting smacked."
    assert _blank_clauses(text) == text
    reported = "A troll keeps telling me to kys."
    assert "kys" not in _blank_clauses(reported)


def test_the_harm_gate_skips_messages_without_its_words() -> None:
    assert told_to_harm_oneself("go jump off a bridge", ("thanks",)) is None


@pytest.mark.parametrize("run", ["go on and ", "go, ", "just, ", "you should "])
def test_a_long_run_of_softeners_before_a_near_miss_is_no_order(run: str) -> None:
    # The softeners repeat possessively and stop at a comma: a long run of them must not
    # backtrack (the first death-wish regex took seconds on 20 of them), nor be read again
    # from every comma (the first version of this rule took 4.7 s on 5,000 "go, ").
    text = run * 5000 + "jump off a chair"
    assert told_to_harm_oneself(text, analyse(text).words) is None


# Harm wished, hoped or prayed for, on the reader, their family or their pets (stop 57:
# ``veiled`` frames of config/abuse.yaml with ``hope_word``, ``bad_fate`` and
# ``live_denied`` and ``deserve``, and the threat phrases beside "go die").
WISHED = [
    "I hope your kids get sick",
    "I wish you were dead",
    "hope you crash your car tonight",
    "I hope you have an accident on the way home",
    "I hope your mother dies",
    "I pray you get run over",
    "hope ur dog dies",
    "hope you fall down the stairs",
    "Someone like you doesn't deserve to live",
    "I hope you never wake up",
    "I wish cancer on every one of you",
    "Please do the world a favour and stop breathing",
    "The world would be better without you in it, Dave.",
    "People like you deserve to be hit by a train.",
    # stop 58: suffering, misery and ruin wished; a curse with "may"
    "I hope you suffer.",
    "I pray your whole family suffers the way mine has.",
    "you deserve to suffer",
    "May you rot in hell.",
    "may your children suffer as I have",
    "I hope your house burns down.",
    "I hope your whole life falls apart.",
    "I hope you end up in hospital.",
    "I hope you lose everything.",
    "Hope you all burn.",
    "hope ur miserable",
    "Wishing you a slow and painful end to the year.",
    "Why are you even alive?",
    "The world would be a better place without you.",
    "I hope your driver crashes that van.",
    "hope you get food poisoning",
    "I hope you end up broke and alone.",
    "Wishing you nothing but misery.",
    "Enjoy the bonus. And I hope it hurts.",
    "Tell your supervisor to hope our paths don't cross after work.",
]

NOT_WISHED = [
    "I hope you never have an accident like mine on that road",
    "I hope you don't get sick from the mould in the flat you sent",
    "I hope your son is okay after the crash",
    "I hope your kids get sick pay if they work for you lol",
    "I hope your husband has an accident policy, mine didn't cover anything",
    "I wish you were here to see the mess the installer left",
    "Hope nobody gets hurt when that loose cable falls",
    "I hope your driver didn't get hurt, the van looked bad",
    "I hope my parcel arrives before I die of old age",
    "I hope the app dies a quick death and you launch a better one",
    "hope you realise the line is dead",
    "I hope you get run over by customers on Black Friday",
    "I wish my router would die so I could get a new one",
    "I pray you get this fixed before my exam",
    "I don't deserve to live like this with no heating",
    "Honestly the world would be better without this app",
    "I'd just stop breathing if I saw the bill, it's huge",
    "You don't deserve to get hurt over a parcel, stay safe out there.",
    "You deserve to be told the truth about the crash in the app.",
    "you deserve to get sick pay like everyone else, ask your union",
    # stop 58
    "I hope you don't suffer too much from the outage tomorrow, good luck!",
    "I hope your dog isn't suffering, the vet said the food was fine.",
    "I hope your mum is in less pain now.",
    "You deserve to suffer the consequences of a one-star review, not me.",
    "In May your agent said the app crashes when it updates.",
    "I hope you realise how miserable your app makes people.",
    "I hope you all burn through the backlog today!",
    "I hope you have backups or you lose everything.",
    "I've been suffering with slow speeds for a month.",
    "I hope your house wasn't damaged in the storm.",
    "I hope you don't lose your job over this, it wasn't your fault.",
    "I hope our paths cross again, you were lovely.",
    "Hope we never cross paths with that courier firm again.",
]


@pytest.mark.parametrize("text", [*WISHED, *HARM_ORDERS])
def test_harm_wished_or_ordered_calls_a_manager(text: str) -> None:
    out = triage(text)
    assert out.escalation.required, out.evidence.abuse
    assert "threat" in out.abuse.kinds


@pytest.mark.parametrize("text", NOT_WISHED)
def test_no_harm_wished_calls_no_manager(text: str) -> None:
    assert not escalated(text)


# "Your mum" wished well or asked after is no harassment (stop 57: kind words about an
# agent's mother called a manager); the bare words, the stock jokes and the remarks are.
MUM_ABUSE = [
    "your mum",
    "your mum's so fat she broke the scales",
    "I shagged your mum",
    "I slept with your sister",
    "ur mum lol",
    "yo mama so dumb she called your helpline",
    "I've forwarded every one of your replies to your mum.",
]

MUM_KIND = [
    "I hope your mum gets well soon",
    "Sorry to hear about your mum, take your time with the refund",
    "Give my best to your mum",
    "How is your mum doing? Anyway, the invoice is still wrong.",
    "Say thanks to your mom for the recipe tip, the oven works now.",
    "Glad your mum is feeling better. Can you look at my meter reading now?",
]


@pytest.mark.parametrize("text", MUM_ABUSE)
def test_mum_jokes_and_remarks_call_a_manager(text: str) -> None:
    assert escalated(text)


@pytest.mark.parametrize("text", MUM_KIND)
def test_a_mum_wished_well_calls_no_manager(text: str) -> None:
    assert not escalated(text)
