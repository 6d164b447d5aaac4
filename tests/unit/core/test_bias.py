"""The reader demeaned for who they are (stop 58, ``worker/core/abuse/bias.py``): their
origin, language, religion, gender, age or disability, by a fixed form, a stereotype of a
group they belong to, or a demand for someone of another kind. A request for a language, a
female engineer, large print or a clearer line, the speaker's own background and praise must
not call a manager. Every sentence here is a probe of my own, written before the stop's
sets were read or written after them in other words."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated, triage
from worker.core.abuse.bias import demeaned
from worker.core.text import analyse

DEMEANING = [
    "Stop putting foreigners on the phones. I want someone local.",
    "W-w-w-what? Spit it out, I have not got all day.",
    "Fresh off the plane and already handling mortgages?",
    "I don't know how they run things where you're from, but here we pay on time.",
    "Someone who actually belongs in this country, please.",
    "Half of your staff probably aren't here legally.",
    "You're a lady, what do you know about gearboxes.",
    "Hire people who can actually move, the lad on the desk took ages.",
    "Stop employing pensioners.",
    "Why do you Polish lads never finish a job?",
    "The fitter was camp. Get me a proper bloke.",
    "Elderly staff really shouldn't be doing online banking support.",
    "She sounded about ninety, is there anyone else?",
    "Don't put me through to grandad again.",
    "Another script reader from your part of the world.",
    "Xanthe? What kind of name is that?",
    "Maybe fewer pies and more refunds.",
    "Tell your bible basher agent to stop preaching at me.",
    "Is there someone who actually speaks proper English?",
    "Your rep sounds like she grew up on a council estate.",
    "The fitter was in a wheelchair. He took ages with the boiler. Send someone normal next time.",
    "Go back to your own country.",
    "Your accent is ridiculous, learn to speak properly before you answer phones.",
    "I bet you came over on a boat.",
    "What's a woman doing in tech support anyway, go make me a sandwich.",
    "Where are you really from? Because it isn't here.",
    "A girl like you wouldn't understand a gearbox.",
    "Are you even old enough to work there?",
    "You're too old to understand computers, grandad, put someone young on.",
    "I can't understand a word you say, speak English or get off the phone.",
    "Let me speak to a man, women can't handle billing.",
    "Shouldn't you be at home with the kids instead of answering phones?",
    "Deaf or just stupid? I've said it three times.",
    "Learn English, then we'll talk.",
    "Typical Romanian builders, half a job and off they go.",
    "Another Filipino agent reading a script. No wonder nothing gets fixed.",
    "Your lot from Karachi have no idea what a direct debit is.",
    "The fitter wore a turban. Next time send someone normal.",
    "Ok boomer, pass me to someone who knows what an app is.",
    "How old are you, fifteen? Put an adult on.",
    "Shouldn't she have retired years ago? She couldn't find my account.",
    "If you can't hear properly you shouldn't be on the phones.",
    "Women drivers, women on the phones, same result every time.",
    "You're a girl, what would you know about exhausts.",
    "Is this a bank or a mosque?",
    "Where did you learn English, a cave?",
    "I want someone whose first language is English, not you.",
    "Hire staff who were actually born here.",
    "Go back to wherever country you came from.",
]

NOT_DEMEANING = [
    "The woman at the depot said no engineers are free. Can you send someone local?",
    "The old engineer fixed it. Can I have someone local next time?",
    "The woman at the depot was lovely. Next time send a male engineer, my husband prefers.",
    "The other caller mocked me: 'b-b-b-billing', please ban him.",
    "I'm a frequent traveller and your lounge was shut.",
    "How they do things in the app is confusing, where is the export button?",
    "Does the plane leave from gate 4?",
    "You lot at the Irish branch were brilliant, thanks!",
    "Is the Indian restaurant voucher still valid?",
    "Things can get lost in the post, please send it tracked.",
    "Blind people can't use your captcha, please add an audio option.",
    "Old people shouldn't have to queue outside in the rain for a parcel.",
    "Elderly people can't read the tiny print on your bills.",
    "My grandad sounded about 90 on the voicemail, he's confused, please call him.",
    "Please put me through to the old accounts team, the number has changed.",
    "What kind of name is that for a router? 'XJ-900-Pro-Max'.",
    "I grew up on a council estate and your engineer was lovely to my mum there.",
    "Is there anyone there who speaks Welsh? My English is fine but my mother prefers Welsh.",
    "The old man next door signed for my parcel, can you confirm?",
    "Fewer pies in the box than advertised, the bakery order was short by two.",
    "My husband was praying you'd call back before five, thanks for doing so!",
    "Gay people should not be refused service, your driver refused my friend, look into it.",
    "Can I put an adult on the booking with my son? He's 16.",
    "Parents should put an adult block on the kids' tablets, is that in settings?",
    "Can I please speak to someone in Spanish? My English is not good.",
    "The line is very bad, I can't understand you, can you call me back?",
    "I'd prefer a female engineer for the home visit, I live alone.",
    "Where is your call centre based? I need to know for GDPR.",
    "It was lovely to hear a Welsh voice on the line, thanks Rhys.",
    "I'm 82 and new to smartphones, please be patient with me.",
    "I'm deaf, can you reply by email instead of calling?",
    "Your answer was scripted and useless, read my ticket properly.",
    "Do you have anyone who speaks Polish? My mother needs help.",
    "Please send me the letter in large print, my eyesight is poor.",
    "Thanks for switching to French, it made it so much easier.",
    "Can the delivery avoid Friday midday? It's our prayer time.",
    "I couldn't understand the recorded message, the accent on it was too fast for me.",
    "Is there an English version of this form? I only got the German one.",
    "I'm learning English, sorry if I write badly.",
    "I want to learn to speak English properly, does your course cover that?",
    "Go back to your country settings and choose UK.",
    "My son came over on a boat from Ireland for the wedding and his luggage was lost.",
    "Most women don't know the warranty covers this.",
    "Should you be at home with the kids on Friday, the courier can leave it with a neighbour.",
    "You're too young to remember the old tariff, it was much cheaper.",
    "Do you speak English or French? I can do either.",
    "I love your funny accent, you made my day.",
    "Your thick accent made it a bit hard to follow, could you email me instead?",
    "The old lady next door can't work the app either.",
    "The girl at the counter was lovely, she said to email you.",
    "She told me 'go back to your own country' at the checkout, I want this investigated.",
    "My grandmother is too old to understand these menus, can you post a paper bill?",
    "Is it slow or is it just me?",
    "I'm Polish, typical of me to forget the PIN.",
    "Typical! The Indian takeaway order arrived cold.",
    "Can a female engineer come? I live alone.",
    "My mum is deaf, can someone who signs call her back?",
    "The Polish driver was lovely, no wonder you get good reviews.",
    "The women at your branch are so helpful, no wonder it's always busy.",
    "Let me guess, the American site is down again?",
    "Ugh, the Indian restaurant cancelled on me again through your app.",
    "I was served by a young lad who was brilliant. Please thank him.",
    "The old version of the app was better, can you send me a link to it?",
    "My grandmother is in a wheelchair, can the driver bring the parcel inside?",
    "Please send someone who speaks Urdu, my father's English is limited.",
    "Is your support team based in India or the UK? I need to know for our data policy.",
    "Our office in Manila can't log in, typical Monday.",
    "My daughter is autistic and finds phone calls hard, please email instead.",
    "Can I speak to a male nurse? It's a personal matter.",
    "As a woman in engineering I found your ad campaign great.",
    "You people keep changing the tariff without telling anyone, typical.",
]


@pytest.mark.parametrize("text", DEMEANING)
def test_demeaning_is_read(text: str) -> None:
    assert (demeaned(text, analyse(text).words) or "").startswith("bias:")


@pytest.mark.parametrize("text", DEMEANING)
def test_demeaning_calls_a_manager(text: str) -> None:
    out = triage(text)
    assert out.escalation.required, out.evidence.abuse
    assert "harassment" in out.abuse.kinds
    assert any(cue.startswith("harassment:bias:") for cue in out.evidence.abuse)


@pytest.mark.parametrize("text", NOT_DEMEANING)
def test_no_demeaning_is_read(text: str) -> None:
    assert demeaned(text, analyse(text).words) is None
    assert not escalated(text)


def test_the_gate_skips_messages_without_its_words() -> None:
    assert demeaned("Go back to your own country.", ("thanks",)) is None


def test_a_quotation_is_no_demand() -> None:
    # Someone else's words, quoted at the start of a sentence, are not the customer's.
    assert demeaned("'Go back to your own country' is what he shouted.", ["go", "country"]) is None


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Typical Romanian builders, half a job and off they go.", "bias:stereotype"),
        ("The fitter wore a turban. Next time send someone normal.", "bias:other_kind"),
        ("Go back to your own country.", "bias:origin"),
        ("Where did you learn English, a cave?", "bias:language"),
        ("Women drivers, women on the phones, same result every time.", "bias:gender"),
        ("How old are you, fifteen? Put an adult on.", "bias:age"),
        ("Get me a grown-up who can read.", "bias:age"),
        ("If you can't hear properly you shouldn't be on the phones.", "bias:language"),
        ("Is this a bank or a mosque?", "bias:religion"),
    ],
)
def test_the_cue_names_the_form(text: str, form: str) -> None:
    assert demeaned(text, analyse(text).words) == form
