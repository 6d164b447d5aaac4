"""Threats of harm with no violent word (stop 62): a crew of the customer's sent or told,
an ultimatum made personal, misfortune foretold for a person, their family or their things,
the person told they are waited for or remembered; in plain English and in text speak. Each
must escalate and be read by :func:`veiled` as its kind; each look-alike (the customer's own
household coming along, lawful levers, a hazard reported, a kind wish, the same words about a
product) must not. Every sentence here is a probe of my own, none from a test set.
"""

from __future__ import annotations

import re

import pytest

from tests.unit.core.test_engine import triage
from worker.core.abuse.veiled import veiled


def _escalated(text: str) -> bool:
    return triage(text).escalation.required


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


VEILED = [
    (
        "proxy",
        "My cousins run the doors on Bridge Street and they'd love a word with your manager.",
    ),
    ("proxy", "I've passed your engineer's name and his van reg to a few lads I know."),
    ("proxy", "A couple of friends of mine will be popping in to see the owner on Friday."),
    ("proxy", "My brothers have heard what happened and they'll be round to sort it out."),
    (
        "proxy",
        "Some people round here don't bother with complaint forms, they settle things"
        " their own way.",
    ),
    ("proxy", "I've told my boys which estate your driver covers."),
    ("proxy", "my uncles gonna pay ur boss a visit, no appointment needed"),
    ("proxy", "Friends of mine have been past your yard twice this week."),
    (
        "proxy",
        "My partner's family don't do emails. They'll be speaking to whoever signed that"
        " letter face to face.",
    ),
    ("proxy", "I know a few blokes who'd be very keen to meet your supervisor after work."),
    ("ultimatum", "Fix it by Friday or I'll handle it the old-fashioned way."),
    ("ultimatum", "I'm done being polite. Next time you hear from me it won't be an email."),
    (
        "ultimatum",
        "This isn't about the money any more, it's personal, and it's you I'm holding to it.",
    ),
    ("ultimatum", "Refund me today or I start being your problem, not the company's."),
    ("ultimatum", "You have until noon, then I deal with this my way."),
    ("ultimatum", "Keep stalling and you'll find out what happens when I run out of patience."),
    ("ultimatum", "Last polite message. You won't like the next one."),
    ("ultimatum", "I'm not someone you want to make an enemy of, Claire."),
    ("ultimatum", "Trust me, you'll lose a lot more than a customer over this."),
    ("ultimatum", "one more excuse and i'll settle this in person"),
    ("fate", "Lovely van you drive, Kev. Shame if the brakes went on that hill."),
    ("fate", "I'd hate for your kids to have to see their dad in hospital."),
    ("fate", "Hope your little ones stay safe walking to school these days."),
    ("fate", "Funny how fast old shops go up when the wiring's bad."),
    ("fate", "Glass is so fragile, isn't it. All those big windows on your showroom."),
    ("fate", "Things have a nasty way of catching up with people who rip off pensioners."),
    ("fate", "People have ended up in A&E for less than what your fitter did."),
    (
        "fate",
        "Your receptionist walks to the bus alone at night. Anything could happen to a girl"
        " on her own.",
    ),
    ("fate", "It would be terrible if your office had a fire one night, wouldn't it."),
    ("fate", "Men who treat women like that tend to have accidents, and I'm just saying."),
    ("foreshadow", "I'll remember that smirk when I see you outside."),
    ("foreshadow", "Tick tock, Darren."),
    ("foreshadow", "Your days in that job are numbered, and I'm counting."),
    ("foreshadow", "Enjoy your holiday while it lasts."),
    ("foreshadow", "I've got his reg written down now."),
    ("foreshadow", "We'll bump into each other one day, Sandra, small town."),
    ("foreshadow", "sleep tight mate"),
    ("foreshadow", "I'm a patient man. I'll catch you when you're not behind that desk."),
    ("foreshadow", "I know where the staff car park is."),
    ("foreshadow", "See you around, Josh. Sooner than you think."),
    ("ultimatum", "u rly dont want 2 meet me"),
    ("proxy", "my bros r gonna pay ur manager a visit"),
    ("foreshadow", "sleep tight tonite pal"),
    ("proxy", "my cuzzins will b round 2 have words wiv him"),
    ("ultimatum", "im done bein nice. u got til 5 or i sort it my way"),
    ("fate", "Nice car your manager drives. Be a real pity if someone keyed it."),
    ("fate", "I hope your shop's insured."),
    ("fate", "Wouldn't want anything to happen to that pretty receptionist of yours."),
    ("fate", "Hope your van's still in one piece in the morning."),
    ("fate", "Funny how things catch fire round here."),
    ("fate", "You've got a lovely family. It'd be a pity if they had to pay for your mistakes."),
]

NOT_VEILED = [
    "My lads will pick up the wardrobe from your depot on Saturday.",
    "My son will call you to sort out the joint account.",
    "I've told my friends about your great service!",
    "My husband handles the bills, can you email him the statement?",
    "A few friends of mine are thinking of switching to you.",
    "My brother is a solicitor and he'll be in touch about the deposit.",
    "Some people I know had the same fault with this boiler.",
    "My mates are coming in with me for the group booking on Friday.",
    "I'll sort it myself then, just send me the manual.",
    "I'm done being patient with this app, it crashes every day.",
    "Fix it by Friday or I'll take my business elsewhere.",
    "You won't like this, but the new update is even slower.",
    "You'll find out soon enough when my bank calls you.",
    "It's personal data, so please delete it.",
    "I'm done being nice about it: I want a refund or I'm going to the ombudsman.",
    "This is my last polite email before I go to Trading Standards.",
    "It would be a shame if my account got closed over a £5 fee.",
    "It would be a pity if the offer ended before my salary comes in.",
    "Accidents happen, the driver dropped it, just send a replacement.",
    "Hope you and the kids are safe in the storm tonight.",
    "The kids will be gutted if the console isn't here by Christmas.",
    "People slip on that wet floor by your tills all the time, please put a sign up.",
    "Our windows are so fragile the fitter said they need replacing.",
    "You never know with these couriers, it could turn up tomorrow.",
    "Things can go wrong with any install, I understand that.",
    "I'll remember your name when I fill in the survey, you were brilliant.",
    "Tick tock, my free trial ends tomorrow and I still can't log in.",
    "My contract's days are numbered, I'm switching in March.",
    "Sleep well on your new mattress, it says on the box. It's lumpy.",
    "See you soon, the engineer's booked for Tuesday at 9.",
    "I'll be waiting for your call tomorrow morning.",
    "We'll meet at the branch on Friday to sign the papers.",
    "I've written down the reference number now, thanks.",
    "Enjoy the sunshine while it lasts, it's meant to rain all week!",
    "My neighbour said his mates would sort me out if I parked there again, can you move my"
    " delivery slot?",
    "Customer said she'd be in after 5 to collect the parcel.",
    "Trust me, you won't enjoy it.",
    "You won't like it, but the new layout is worse.",
    "My son does boxing, can he have a quiet word with the coach about his kit?",
    "Sleep well tonight, we're all sorted.",
    "It would be a shame if he fell off that ladder, the rungs are loose.",
    "Be a tragedy if your inspector missed his rounds again.",
    "Do you know what happens to people who miss a payment? Is there a fee?",
    "Enjoy the free tier while you can.",
    "It's scary how easily people fall for these scam texts using your name.",
    "We'll both bring ID. See you then!",
    "I've given your name to my friends, you were so helpful!",
    "I know where your office is, I'll drop the form in on Monday.",
    "I'm done being nice to this printer.",
    "It would be a shame if something went wrong with my order again.",
    "I hope your warehouse is insured, my parcel arrived soaked.",
    "Funny how the price goes up every time I call.",
    "Be a pity if anyone missed out on this offer.",
    "Hope your van is still running fine after the MOT, the engineer said the tyres were worn.",
    "I wouldn't want anything to happen to my account while I'm away, can you freeze it?",
    # the customer's family and friends helping, the company's own number and office
    "My family will take care of things while I'm in hospital, please speak to my daughter.",
    "My son handles all my accounts now, he'll be in touch about the direct debit.",
    "My brother-in-law is an electrician and will pop round to look at the meter himself.",
    "A couple of friends are coming with me to the branch to open the joint account.",
    "My lads will be round to pick up the skip on Monday.",
    "Some of the guys from work recommended you, so I've signed up.",
    "I've passed your number to a few friends who want a quote.",
    "I gave the driver's name to my husband so he knows who to expect.",
    "My dad has dementia, please don't call him, speak to me or my brother instead.",
    "My boys are big fans of your shop, we'll be in on Saturday.",
    "I've told my family which branch it is so they can meet me there.",
    "People round here have been waiting weeks for broadband, any news?",
    "My uncle wants to speak to someone in person about his pension.",
    "Some people I know had their parcels go missing too, is there a problem at the depot?",
    "My friends will be round at 7 so I need the TV working tonight.",
    "Would hate for you to think I'm ungrateful, the engineer was lovely.",
    "It would be a shame if the kids missed the school trip because of the late refund.",
    "I hope your team stay safe in this heatwave, thanks for your hard work.",
    "Hope your little ones are feeling better, the agent said she was off with them.",
    "See you around 10 then, I'll leave the side gate open.",
    "Tick tock, my train leaves at 6 and I still have no ticket!",
    "I'm done asking nicely, I want my refund or I'm going to the ombudsman.",
    "You won't like what the survey says, your app is slow.",
    "Your days of cheap deals are numbered, the new prices are awful.",
    "I'm a patient man but this is the fourth call about the same bill.",
    "Make your mind up, is it Tuesday or Wednesday?",
    "This is personal data, please don't share it with my ex.",
    "I know where the staff entrance is, I'll drop the parcel there.",
    "Enjoy the rest of your day while it lasts, the storm's coming in!",
    # ordinary complaints in the same words (regret, wish, my way, tick tock, a shame)
    "I regret ever signing up with you, worst decision of my life.",
    "You'll regret losing me as a customer, I've been with you 12 years.",
    "It's a shame you couldn't sort this out on the first call.",
    "What a shame the engineer didn't bring the right part.",
    "I'd hate for this to happen to another pensioner, please fix your process.",
    "Something could go wrong with the install if nobody checks the wiring first.",
    "Anything could happen to my parcel if it's left on the doorstep.",
    "Please make sure the driver is careful, the box has glass in it.",
    "I hope your driver is safe, the roads are terrible today.",
    "Accidents happen, but this is the third broken vase.",
    "I'm done being nice about this and I want a manager to call me today.",
    "This is the last polite email I'll send before I contact the ombudsman.",
    "My patience has run out, I want a refund today.",
    "I'll be waiting by the phone for your call back.",
    "I know where your office is because I walked past it yesterday, it was shut.",
    "I'll see you at the branch on Friday for the appointment.",
    "We'll meet the surveyor at the house at 10.",
    "I won't forget how helpful your agent Sam was.",
    "I remember the engineer's face, he was the tall one, can you send him again?",
    "Sleep well knowing you've ruined my holiday, thanks for nothing.",
    "Keep an eye on your spam folder for the refund email.",
    "Tick tock, the refund was promised for Monday.",
    "My family have been customers for 30 years and they're all leaving now.",
    "My brothers all use your bank and they're furious about the fees too.",
    "My son will sort it out with you when he's back from work.",
    "I've told all my friends how bad your service is.",
    "My husband wants a word with whoever cancelled our booking.",
    "Some people I know got their refunds in a week, why not me?",
    "My mates are taking me out for my birthday so please deliver before 6.",
    "This is personal to me, it was my late mum's ring.",
    "It's not about the money, it's the principle.",
    "Your problem, not mine, the parcel never arrived.",
    "Make your minds up, you told me two different dates.",
    "I'll take matters into my own hands and cancel the direct debit.",
    "You won't like this but I'm cancelling today.",
    "If it isn't fixed by Friday I'm done, I'll go elsewhere.",
    "Don't be surprised if I leave a one-star review.",
    "You'll see what happens when I post this on Facebook.",
    "Sort it out or I'll be round the branch on Monday to complain in person.",
    "I wish you'd told me earlier that the engineer wasn't coming.",
    "I really wish you had answered my emails.",
    "I'll fix it my own way, just send me the part.",
    "I'll sort it another way then, thanks anyway.",
]


@pytest.mark.parametrize(("kind", "text"), VEILED)
def test_veiled_kind(kind: str, text: str) -> None:
    assert veiled(text, _words(text)) == kind


@pytest.mark.parametrize("text", [t for _, t in VEILED])
def test_veiled_threat_escalates(text: str) -> None:
    assert _escalated(text)


@pytest.mark.parametrize("text", NOT_VEILED)
def test_look_alikes_are_not_veiled_threats(text: str) -> None:
    assert veiled(text, _words(text)) is None
    assert not _escalated(text)


def test_a_call_note_quotes_the_customer() -> None:
    """The caller's own words in a note of the call are the customer's: they escalate. The
    same words said by someone else the customer met are a report: they do not."""
    said = "'I've given your engineer's name and his reg to some lads who sort these things out.'"
    assert _escalated(f"Caller angry about the refund. Caller said {said} Ended the call.")
    assert not _escalated(f"A man outside the shop said {said} Thought you should know.")


def test_text_speak_is_read_as_spelt_out() -> None:
    assert veiled("my lads r comin 2 see ur boss", _words("my lads r comin 2 see ur boss"))
    assert veiled("my lads are coming to see your boss", _words("x")) is None  # the gate
