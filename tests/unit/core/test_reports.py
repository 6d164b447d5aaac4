"""Abuse someone else sent, reported by the customer (stop 60): a transcript or chat log with
the other speaker's lines labelled, pasted lines after an introduction that names where they
came from, a quotation after a colon that runs over several sentences, "calls me ...",
"told him in front of everyone that he was ...", "went \"...\"", "his last message was
\"...\"", words written on the customer's things, and text speak ("he msgd me ur a ...").
None of it is the customer's abuse, and none calls a manager. Each report is paired with the
customer's own abuse in the same framing, which must still escalate; the customer's own
threats in text speak ("i will find u and cut u") escalate too. Every sentence here is a
probe of my own, none from a test set. Some reports here were not escalated before the stop
either (other rules read them); their pairs guard where the new rules stop.
"""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import triage
from worker.core.abuse.unmarked import blank_unmarked


def _escalated(text: str) -> bool:
    return triage(text).escalation.required


PAIRS = [
    # a transcript: another speaker's lines, labelled (role and name, brackets, timestamps)
    (
        "Copy of my chat:\nAgent Priya: Read the terms yourself.\n"
        "Me: I did, twice.\nAgent Priya: then you're too thick to own a laptop, moron\n"
        "Please have a supervisor call me.",
        "Copy of my chat:\nAgent Priya: Read the terms yourself.\n"
        "Me: I did, twice, you thick moron.\nAgent Priya: Ending the chat.\n",
    ),
    (
        "[14:02] Driver (Sam): where's your gate\n[14:03] Me: round the back\n"
        "[14:05] Driver (Sam): keep moaning and I'll come back tonight and break your jaw\n"
        "Booking 88120. I want a call back.",
        "[14:02] Driver (Sam): where's your gate\n"
        "[14:03] Me: round the back, and if you're late again I'll break your jaw\n",
    ),
    (
        "Lobby log from last night:\nGhostRider77: uninstall you braindead loser\n"
        "GhostRider77: nobody wants you here, freak\nPlease ban this account.",
        "Lobby log from last night:\nGhostRider77: gg\nme: you braindead loser, uninstall\n"
        "GhostRider77: ok\n",
    ),
    # pasted lines after an introduction that points at someone else's messages
    (
        "This user keeps messaging me on here:\nyou ugly cow\nI know your address\n"
        "Can you block them?",
        "I keep messaging your team on here:\nyou ugly cows\nanswer me\n",
    ),
    (
        "Messages from the buyer after I said no to a discount:\nyou thick scammer\n"
        "watch your back\nPlease suspend him.",
        "My messages to your agent after she said no:\nyou thick scammer\n"
        "watch your back\n",
    ),
    (
        "Your engineer replied with these lines on the job sheet:\n"
        "customer is a stupid cow who can't read a meter\nI want an apology.",
        "I replied to your engineer with these lines:\nyou're a stupid cow who can't read a "
        "meter\n",
    ),
    # a quotation after a colon, several sentences long
    (
        "A seller sent me this after I left a review: 'I know where you work now. "
        "I'll be waiting at the gate on Friday.' Please look at his account.",
        "I sent the seller this after he lied: I know where you work now. "
        "I'll be waiting at the gate on Friday.",
    ),
    # indirect speech
    (
        "He calls me a lying fat cow in every message. Can you stop him contacting me?",
        "If he calls me a liar once more I'll smash his face in.",
    ),
    (
        "The manager told me in front of the queue that I was a filthy scrounger.",
        "The manager told me to wait, and you're all filthy scroungers.",
    ),
    (
        "Your fitter told me that if I didn't pay cash he'd make sure my garage burned down.",
        "Your fitter told me to pay cash, so I'll make sure your depot burns down.",
    ),
    (
        "His last message was \"I'm going to stab you when I see you\". Please ban him.",
        "My last message to him was \"I'm going to stab you when I see you\" and I meant it.",
    ),
    (
        "the cabbie saw my hijab, went \"get out you stupid cow\" and drove off.",
        "I went \"you're a useless idiot\" at your cabbie and I'd say it again.",
    ),
    # text speak
    (
        "he msgd me ur a fat cow nobody wants u, can u block him",
        "i msgd ur rep n told her shes a fat cow nobody wants",
    ),
    (
        "ex was like ur gonna regret this, im outside ur flat. wat do i do",
        "i was like ur a useless cow, n i meant it",
    ),
    # chat text: labels with a dash, bare timestamps, senders' names with no mark
    (
        "typed up the call\nhim - ur a stupid old bag\nme - im reporting u\n"
        "him - go on then u pathetic cow\npls warn ppl",
        "typed up the call\nhim - wheres ur ref number\nme - shut it u pathetic cow\n"
        "him - ok\n",
    ),
    (
        "doorbell cam\n00:12 man - i know ur in there\n00:15 man - come out or ill put u in "
        "hospital\npls help",
        "doorbell cam\n00:12 man - parcel for u\n00:15 me - leave it or ill smash ur face in\n",
    ),
    (
        "buyer wont stop look\nkev_88 ur a scammer\nkev_88 got ur postcode off the label\n"
        "kev_88 gonna come round n break ur legs\nblock him pls",
        "seller wont answer so\nur a scammer\ngot ur postcode off the label\n"
        "gonna come round n break ur legs\n",
    ),
    (
        "a customer on ur booking app sent\nur salon is getting smashed up tonight\n"
        "watch ur windows\npls ban her",
        "ur agent sent this\nwe are unable to refund\nwell ur office is getting smashed up "
        "tonight n u wont be walking home\n",
    ),
    (
        "caller: ur shop is getting burnt down tonight\ncaller: with u in it\n"
        "thats what was on my answerphone",
        "Caller: my order never came\nAgent: sorry\nCaller: then ill burn ur shop down\n",
    ),
    # more forms: "goes:", "wat he sent >>", "keeps dming me", "a man going ...", "tell"
    (
        "i asked him to bring it up n he turns round n goes: do that again n ill smash ur face "
        "in. want a complaint",
        "i turned round n went: do that again n ill smash ur face in",
    ),
    (
        "ur driver after i complained: next time ill drive the van thru ur front wall",
        "ur driver after i complained: late again. so next time ill drive my van thru ur front "
        "wall",
    ),
    (
        "forwarding wat the seller sent me >> ur a pathetic leech u waste of oxygen << pls help",
        "ur seller is a pathetic leech and a waste of oxygen >> sort it",
    ),
    (
        "some kid keeps dming me ima end u when i catch u, pls ban him",
        "ima end u when i catch u, whoever reads this",
    ),
    (
        "a voicenote in my order chat, just a man going ur dead ur dead. pls remove it",
        "ur dead when i find u, every last one of u",
    ),
    (
        "my neighbour he always tell my wife she is a stupid cow, please look his posts",
        "please tell your manager she is a stupid cow",
    ),
    # round 5 (reports60h): a relative told, a gamer tag with '#', the latest of several,
    # someone saying it on the phone
    (
        "Your guard told my brother \"if I see you in here again you're leaving in an "
        "ambulance\". Please look into it.",
        "Tell your guard from my brother: if I see you in here again you're leaving in an "
        "ambulance.",
    ),
    (
        "lobby log:\n[Vexxed#2281]: uninstall you useless cow\n[Vexxed#2281]: nobody wants "
        "you\nban him pls",
        "lobby log:\n[Vexxed#2281]: gg\n[Me]: uninstall you useless cow\n",
    ),
    (
        "My ex keeps commenting from new accounts. Latest one: 'still with him, you filthy "
        "slag?' Please look at them together.",
        "Latest one from me: you filthy slag, sort my account out.",
    ),
    (
        "We get calls every night from someone saying our kitchen will go up in flames. "
        "Can you trace the number?",
        "Someone saying no refunds again? Your kitchen will go up in flames tonight, I'll see "
        "to it.",
    ),
    (
        "I was told by your agent there's nothing more she can do. She told my mum: "
        "you're a pathetic cow.",
        "I was told by your agent there's nothing more she can do. Well, she can be told "
        "this from me: she's a pathetic, incompetent cow.",
    ),
    (
        "the trainer at ur gym told me id look better naked",
        "tell ur trainer id like to see her naked",
    ),
]


@pytest.mark.parametrize(("reported", "own"), PAIRS)
def test_a_report_of_abuse_calls_no_manager_and_the_customers_own_does(
    reported: str, own: str
) -> None:
    assert not _escalated(reported), reported
    assert _escalated(own), own


@pytest.mark.parametrize(
    "text",
    [
        # a line about the order, then the customer's own words: no paste below it
        "the parcel was left in the rain\nill smash ur face in next time",
        "my order was sent to the wrong house\nur drivers are useless idiots",
        "the wrong item was sent\nill find ur driver and break his legs",
        # lines that open with a name, said to that person, with no paste announced before
        "hi\ndave ur a liar\ndave ill find u",
        # a bare "going" after no person, a bare time before a colon: the customer's own
        "next week going ur shop n ill smash it up",
        "ur driver yesterday: ill break his legs if he comes back",
    ],
)
def test_the_customers_own_lines_that_look_like_a_paste_escalate(text: str) -> None:
    assert _escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "u lot r gonna get hurt if i dont get my refund 2day",
        "i will find u and cut u",
        "im gonna find u n stab u",
        "ill find u n make u pay",
    ],
)
def test_a_threat_in_text_speak_escalates(text: str) -> None:
    assert _escalated(text)


def test_a_financial_product_taken_elsewhere_is_churn_not_a_threat() -> None:
    assert not _escalated(
        "3 weeks for a new card?? next time i need a mortgage ur not even on the list and "
        "u'll regret it"
    )
    assert _escalated("u'll regret it when i see u in the car park")


@pytest.mark.parametrize(
    "text",
    [
        # a web form's fields are no speakers
        "Customer: Ann Lee\nReference: 4471\nTopic: Complaint\nDetails: your manager is a "
        "useless idiot",
        # a list of verdicts, each label once
        "Engineer: useless idiot\nSupport: clueless\nManager: worse",
        # "tell him word for word" relays the customer's own words
        "Tell him this word for word: you're a dead man.",
        # words the customer wrote on something
        "I wrote FAT SLAG in marker on the returns label for your rep.",
        # the customer's own account of a named agent, a line each: no chat log
        "Sarah promised a callback.\nSarah never called.\nSarah is a liar and a useless cow.",
    ],
)
def test_the_customers_own_words_are_not_blanked(text: str) -> None:
    assert blank_unmarked(text) == text


def test_words_someone_else_wrote_on_the_customers_things_are_blanked() -> None:
    text = "The delivery man wrote FAT SLAG in marker on my parcel."
    out = blank_unmarked(text)
    assert "SLAG" not in out
    assert len(out) == len(text)
    assert not _escalated(text)


def test_blanking_a_transcript_keeps_the_customers_lines_offsets_and_line_breaks() -> None:
    text = "Kyle: you're thick\nMe: excuse me?\nKyle: thick as mince\nplease respond"
    out = blank_unmarked(text)
    assert len(out) == len(text)
    assert out.count("\n") == text.count("\n")
    assert "thick" not in out
    assert "Me: excuse me?" in out
    assert out.endswith("please respond")


VIOLENCE = [
    # plain violence the frames did not read before stop 60, and the same words in everyday use
    ("Do that again and I'll wring your scrawny neck.", "I'll wring out the wet towels you left."),
    ("im knocking him out cold next time", "we'll knock you out a quote by Friday"),
    ("Say that again and I'll stamp on your head.", "I'll stamp your loyalty card next visit."),
    ("When I find him I'll make him bleed.", "Your fees will make him bleed money, he says."),
    (
        "The next agent who reads me a script gets a smack in the mouth.",
        "Being told to wait again felt like a punch in the face.",
    ),
    ("ill burn it down if my account stays frozen", "I'll burn it to a disc for you tonight."),
    (
        "the next person who knocks on my door gets a baseball bat across the face",
        "he gets a bottle of wine in the post for his birthday",
    ),
    (
        "tell ur driver i said hes a dead man if he swears at my mum again",
        "tell ur driver i said hes a legend for carrying it upstairs",
    ),
    (
        "he's going to end up in hospital when I catch him",
        "my nan will end up in hospital when the doctor sees her, she fell again",
    ),
    (
        "I'm going to break his legs when he comes back.",
        "Someone's going to crack their head open on your wet floor.",
    ),
]


@pytest.mark.parametrize(("threat", "everyday"), VIOLENCE)
def test_plain_violence_escalates_and_the_same_words_in_everyday_use_do_not(
    threat: str, everyday: str
) -> None:
    assert _escalated(threat), threat
    assert not _escalated(everyday), everyday


@pytest.mark.parametrize(
    "text",
    [
        # a chat app's export, dates and times first
        "[12/05/2026, 21:14] Dave Smith: ur a dead man\n[12/05/2026, 21:15] Me: stop\n"
        "[12/05/2026, 21:16] Dave Smith: watch ur back",
        "12/05/2026 21:14 - Dave: ur a dead man\n12/05/2026 21:15 - Dave: watch ur back",
        # bold labels, IRC-style labels, times with PM, a time after the label
        "**Agent:** you're thick\n**Me:** sorry?\n**Agent:** thick as mince",
        "<Agent> you're thick\n<Me> sorry?\n<Agent> thick as mince",
        "10:32 PM Agent: you're thick\n10:33 PM Me: sorry?\n10:34 PM Agent: thick as mince",
        "Agent at 10:32: you're thick\nMe at 10:33: sorry?",
        "Customer Service Rep: you're thick\nMe: sorry?",
    ],
)
def test_another_speakers_lines_are_blanked_in_each_transcript_format(text: str) -> None:
    out = blank_unmarked(text)
    assert "thick" not in out and "dead" not in out
    assert len(out) == len(text)
    if "sorry" in text:
        assert "sorry?" in out  # the customer's own line stays
