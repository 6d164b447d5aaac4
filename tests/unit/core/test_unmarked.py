"""Someone else's words quoted without quotation marks (stop 50): a customer reporting the abuse
they received is not escalated; the customer's own words after the same kind of colon are.
Cases written for this project."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.core.test_engine import triage
from worker.core.abuse.unmarked import blank_unmarked


def _escalated(text: str) -> bool:
    return triage(text).escalation.required


@pytest.mark.parametrize(
    ("reported", "own"),
    [
        # a colon after what someone else wrote, posted or sent
        (
            "Another player messaged me: ur a retard, kys. I want him banned.",
            "I messaged the other player: ur a retard, kys. Now he wants me banned.",
        ),
        (
            "Someone posted this on your page about my shop: you useless cow, I'll burn your "
            "place down. Can you take it down?",
            "Here is what I think of your shop: you useless cow, I'll burn your place down.",
        ),
        (
            "A customer left this review on our listing:\n\nThe owner is a thieving scumbag "
            "and I'll see him in hell.\n\nPlease remove it, it breaks your rules.",
            "I left this review on your listing:\n\nThe owner is a thieving scumbag and I'll "
            "see him in hell.\n\nGood luck removing it.",
        ),
        # the message as the subject
        (
            "Reporting a user. Their comment under my post was: you're a disgusting pig and "
            "I'll smash your face in. Screenshot attached.",
            "Reporting your agent. My comment to him was: you're a disgusting pig and I'll "
            "smash your face in.",
        ),
        (
            "The message said: we will find you and your family. I am scared.",
            "My message to your manager: we will find you and your family.",
        ),
        # someone else's message named before the colon
        (
            "The seller's reply (copied): You are a scammer and I will find you. Is this "
            "allowed on your site?",
            "My reply (copied): You are a scammer and I will find you.",
        ),
        # what the speaker received, pointed at, even after their own review
        (
            "Hi, I received the following email from your seller after I left a review:\n\n"
            "You lying cow, delete that review or I'll come round and make you.\n\n"
            "Is this acceptable?",
            "Hi, I got your email about my review and I replied:\n\nYou lying cow, delete "
            "that review or I'll come round and make you.",
        ),
        # a paragraph announced below
        (
            "Please see below the message my son received on your platform.\n\nyou fat loser "
            "nobody likes you go kill yourself\n\nI want this account removed.",
            "Please see my answer below.\n\nyou fat loser nobody likes you go kill yourself",
        ),
        # a message "saying ..."
        (
            "I got a DM saying I know where you live. Please help me report it.",
            "I'll send your agent a DM saying I know where you live.",
        ),
        (
            "Please remove the comment under my listing that says the owner is a thief and a "
            "scumbag.",
            "I left a comment under your listing that says the owner is a thief and a scumbag.",
        ),
        # the message as the subject of "says", and words set off by dashes after a message
        (
            "The review says your owner is a fat pig who should be shot. Please take it down.",
            "My review says your owner is a fat pig who should be shot.",
        ),
        (
            "My landlord's text last night - you'll be out on the street you useless cow - is "
            "that legal?",
            "My text to your manager - you useless cow - still stands.",
        ),
        # what was received, at a time; someone typing words with no mark
        (
            'Received at 02:14: "answer me or I\'ll smash your windows". Number attached.',
            "Received your reply: you're useless idiots, all of you.",
        ),
        (
            "I'm reporting user Kaz_88. In our match he typed die you stupid bitch over and over.",
            "He wrote back and I told him he's a useless bitch.",
        ),
        (
            "He keeps leaving comments on my profile like go hang yourself and nobody wants you.",
            "I'm leaving comments on your page like go hang yourself, you crooks.",
        ),
        # someone "texting me things like ..."
        (
            "My ex keeps texting me things like you worthless slag, I'll make you pay. Can you "
            "block the number?",
            "I keep texting your manager things like you worthless slag, I'll make you pay.",
        ),
        # stop 51: words announced as verbatim; messages "such as"; a message that "reads"
        # further on; "it says" after a screenshot; what someone sent, before a colon or a
        # dash; a transcript's label
        (
            "Her exact words were shut up you senile old goat. I want an apology.",
            "My exact words were shut up you senile old goat, and I meant them.",
        ),
        (
            "My daughter keeps getting DMs such as ugly slag, go die. Please block them.",
            "I'll keep sending your boss DMs such as ugly slag, go die.",
        ),
        (
            "The note he stuck on my front door reads move your car or I'll smash it, you old cow.",
            "The note I stuck on your courier's van reads move your van or I'll smash it, "
            "you old cow.",
        ),
        (
            "I've attached a photo of the note. It says I know where your kids sleep.",
            "I know where your kids sleep.",
        ),
        (
            "This is what I got back from the landlord you recommended - you're dead, pal.",
            "This is what I'm telling your landlord - you're dead, pal.",
        ),
        (
            "Chat log attached.\nAdvisor: you people are thick as mince.\nMe: sorry?",
            "Chat log attached.\nMe: you people are thick as mince.\nAdvisor: sorry?",
        ),
        (
            'Have a look at this: "I\'ll be waiting outside your house tonight". It came from '
            "your installer.",
            'Have a look at this: "I\'ll be waiting outside your house tonight". It came from me.',
        ),
        (
            "The caller threatened: pay today or someone comes round to break your legs. Is "
            "this your firm?",
            "I threatened him: pay today or someone comes round to break your legs.",
        ),
        # stop 51: what someone told the speaker, after a colon
        (
            "The installer told me: shut your mouth, you stupid old cow. Is he still employed?",
            "I told the installer: shut your mouth, you stupid old cow.",
        ),
    ],
)
def test_unmarked_words_someone_else_wrote_are_not_the_customers(reported: str, own: str) -> None:
    assert (False, True) == (_escalated(reported), _escalated(own))


@pytest.mark.parametrize(
    "text",
    [
        "I got fed up: you are all useless idiots.",
        "I got my refund at 10:30 you idiots, thanks for nothing",
        "Got your reply, and here's mine: you are a pathetic little man.",
        "The agent replied: no. You absolute moron.",
        "Your agent wrote:\n\nWe cannot help.\n\nThat's pathetic, you idiots.",
        "Customer: you are a useless idiot\nAgent: I'm sorry you feel that way",
        # the agent's words quoted with ">" and cut: the paragraph left is the customer's
        "Your agent wrote:\n> We cannot help.\n\nThat's pathetic, you idiots.",
        "Hi,\n\nRe: my complaint, see the last message:\n\n> We have escalated this.\n\n"
        "Escalated to whom? I'll be waiting for Karl at the depot and he won't like how it ends.",
        # the speaker reading, not a message saying ("your messages that I read")
        "With every one of your messages that I read, I realise what a useless idiot you are.",
        # the subject left out after "and" is the speaker's
        "I found your agent on Instagram and sent her: you're a useless cow.",
        "I looked up your manager and messaged him: I know where you park, idiot.",
        "I'm attaching a screenshot. This says it all: you are incompetent morons.",
        # stop 51: the business's own notice, then the customer's abuse in its sentence
        "Got your text. It says delivered but nothing came, you useless idiots.",
        # stop 51: "words were" with no colon or quotation mark is a verdict
        "His words were polite enough, but you lot are useless idiots.",
        # stop 51: a web form's label, with no line of the customer's labelled
        "Agent: a useless idiot who hung up on me.\nOutcome: nothing fixed.",
        # stop 51: the speaker addressing someone who said something
        "And to the rep who told me 'nothing more I can do': you're a gutless, useless idiot.",
        # stop 51: the speaker resumes after someone else's words, in the same sentence
        "The clerk said: nothing we can do, so I'll be waiting by her car after closing.",
        "Your letter says no refund - so now I'll be waiting by your car tonight.",
        "Your courier wrote: not my problem, which is why I'm going to break his jaw.",
    ],
)
def test_the_customers_own_words_around_a_report_still_count(text: str) -> None:
    assert _escalated(text)


def test_blanking_keeps_offsets_and_line_breaks() -> None:
    text = "Another player messaged me: ur a retard.\nSee below the text I got.\n\nyou pig\n"
    out = blank_unmarked(text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert "retard" not in out and "pig" not in out
    assert out.startswith("Another player messaged me:")


_PIECES = (
    "His exact words were",
    "and I quote,",
    "messages such as",
    "It says",
    "Screenshot.",
    "This is what I got back from your courier:",
    "what the seller sent",
    " - ",
    ":",
    '"',
    "\u201c",
    "\u201d",
    "This came from",
    "sent by",
    "your agent",
    "told me",
    "Agent:",
    "Me:",
    "so I'll",
    ", so I'll",
    "you idiot",
    "\n",
    "\n\n",
    ".",
    "?",
    "I",
    "the note he left reads",
    "to read",
    "a message for",
    "Please see below the message I got.",
    "saying",
    "like",
)


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join))
def test_blanking_any_text_keeps_its_length_and_line_breaks(text: str) -> None:
    out = blank_unmarked(text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert all(c == " " or c == t for c, t in zip(out, text, strict=True))
