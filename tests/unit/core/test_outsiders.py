"""Whom an insult names: people outside the company, and the company itself.

The playbook escalates insults aimed at the agent or staff. A customer who calls their
neighbour, their ex or a scammer names, calls the railway "a disgrace" or the company "a joke
of a company" insults no one the desk has to protect. Sentences written for this project."""

from __future__ import annotations

import pytest

from tests.unit.core.test_engine import escalated
from worker.core.abuse.aim import ANTECEDENT_WINDOW, antecedent_kind


@pytest.mark.parametrize(
    ("outsider", "staff"),
    [
        (
            "My neighbour is a complete idiot, he dug through the cable. Can you reconnect me?",
            "Your engineer is a complete idiot, he dug through the cable. Can you reconnect me?",
        ),
        (
            "my ex, the spiteful bastard, changed the password. I pay for the account.",
            "your agent, the spiteful bastard, changed the password. I pay for the account.",
        ),
        (
            "Some scumbag scammer emptied my card on your site. I need the money back.",
            "Your scumbag agent emptied my card on your site. I need the money back.",
        ),
        (
            "OUR LANDLORD IS A USELESS MORON AND LEFT THE GAS BILL IN MY NAME.",
            "YOUR MANAGER IS A USELESS MORON AND LEFT THE GAS BILL IN MY NAME.",
        ),
        (
            "My brother-in-law is a moron, he ordered on my account. Can you cancel it?",
            "That technician is a moron, he ordered on my account. Can you cancel it?",
        ),
        (
            "That idiot of a neighbour parked across the gate again, can your van use the lane?",
            "That idiot of an engineer parked across the gate again, can your van use the lane?",
        ),
        (
            "my idiot of a flatmate cancelled our broadband without asking. Can I restore it?",
            "your idiot of a rep cancelled our broadband without asking. Can I restore it?",
        ),
    ],
)
def test_an_insult_of_someone_outside_the_company_does_not_call_a_manager(
    outsider: str, staff: str
) -> None:
    """The same insult of a neighbour, an ex, a scammer or a landlord: no escalation; of an
    engineer, an agent or a manager: escalated."""
    assert (False, True) == (escalated(outsider), escalated(staff))


@pytest.mark.parametrize(
    "text",
    [
        "your mum is a slag",
        "tell ur ex she's a bitch",
        "you and your idiot husband can wait then",
    ],
)
def test_an_insult_of_the_readers_own_people_is_aimed_at_the_reader(text: str) -> None:
    """Insulting the agent's mother, ex or husband insults the agent."""
    assert escalated(text)


@pytest.mark.parametrize(
    ("company", "person"),
    [
        ("This airline is a disgrace.", "This agent is a disgrace."),
        ("You are a joke of a company.", "You are a joke of a human being."),
        ("what a shambles of an airline, honestly", "what a clown of a man, honestly"),
        ("Shame on you. Price up again, cancel me.", "Shame on you, you lying cow. Cancel me."),
    ],
)
def test_the_company_called_a_disgrace_or_a_joke_is_not_a_person(company: str, person: str) -> None:
    """A company named as what the insult is said of ("this airline", "a joke of a
    company"), or a reproach ("shame on you"): rudeness about the company, no escalation; the
    same said of a person or with an insult of the reader: escalated."""
    assert (False, True) == (escalated(company), escalated(person))


@pytest.mark.parametrize(
    "text",
    [
        "mother fucker",
        "No offence, but your parents are assholes.",
        "everyone in this office is an idiot",
        "you are one sad ignorant liberal troll",
    ],
)
def test_outsider_words_that_do_not_take_the_insult_off_the_reader(text: str) -> None:
    """'mother fucker' is one insult; the reader's parents are the reader's; a thing named
    inside a phrase ("in this office") is not what the insult is said of; a public
    figure's word said of the reader keeps it on the reader."""
    assert escalated(text)


def test_a_pronouns_antecedent_is_looked_for_in_a_bounded_window() -> None:
    """Each third-person pronoun looks back at most ANTECEDENT_WINDOW words for the person it
    refers to, so a message of thousands of insults and pronouns costs linear time (an
    unbounded look-back made 18,000 characters of "idiot he" cost 0.7 s)."""
    toks = tuple(["neighbour"] + ["idiot", "he"] * 5000)
    looked: list[str] = []

    def target_get(word: str) -> str | None:
        looked.append(word)
        return None

    assert antecedent_kind(toks, len(toks) - 1, target_get) == ""
    assert len(looked) == ANTECEDENT_WINDOW
    near = ("my", "neighbour", "is", "an", "idiot", "he")
    kinds = {"neighbour": "outsider", "my": "self_poss"}
    assert antecedent_kind(near, 5, kinds.get) == "outsider"


@pytest.mark.parametrize(
    ("outsider", "staff"),
    [
        (
            "The kid in the flat upstairs is a complete idiot and cut our line. Send someone.",
            "The guy on the phone was a complete idiot and cut our line. Send someone.",
        ),
        (
            "my neighbour across the road is a rude moron, he parks across my drive every day",
            "the man in your shop was a rude moron, he told me to come back every day",
        ),
        (
            "Our landlord at the new flat is an idiot and won't let the installer in.",
            "Everyone in this call centre is an idiot and won't let the installer in.",
        ),
    ],
)
def test_a_subject_is_its_head_not_the_place_after_it(outsider: str, staff: str) -> None:
    """The insult in "the guy on the phone is ..." is said of the guy, not of the phone; of a
    neighbour across the road, not of the road. Adjectives between "is" and the insult
    ("a rude moron") do not hide the subject."""
    assert (False, True) == (escalated(outsider), escalated(staff))


def test_he_after_an_outsider_is_the_outsider_when_said_of_with_is() -> None:
    """A pronoun subject of "is" refers to the last person named, as a pronoun near the
    insult does."""
    assert (False, True) == (
        escalated("I moved out because of my flatmate, he is a selfish idiot."),
        escalated("I spoke to your agent at the desk, he is a selfish idiot."),
    )


@pytest.mark.parametrize(
    ("self_blame", "at_reader"),
    [
        (
            "I'm such an idiot, typed my card number wrong. Can you reverse it?",
            "You're such an idiot, you typed my card number wrong. Can you reverse it?",
        ),
        (
            "sorry im a complete moron with tech, how do I reset the router?",
            "sorry youre a complete moron with tech, how do I reset the router?",
        ),
    ],
)
def test_a_contracted_subject_and_copula_names_whom_the_insult_is_said_of(
    self_blame: str, at_reader: str
) -> None:
    """ "I'm (such) an idiot" is said of the speaker whatever follows it; "you're (such) an
    idiot" of the reader."""
    assert (False, True) == (escalated(self_blame), escalated(at_reader))


@pytest.mark.parametrize(
    ("outsider", "staff"),
    [
        (
            "my brother who works there is a moron, he set it up wrong. can you fix the setup?",
            "the agent who sent this is a moron, he set it up wrong. can you fix the setup?",
        ),
        (
            "My neighbour who shares the line is a halfwit and unplugged the router again.",
            "whoever wrote that last reply is a halfwit and unplugged the router again.",
        ),
        (
            "my sister, the one on the lease, is a total idiot and never pays her share.",
            "the one on the phone was a total idiot and never passed on my message.",
        ),
    ],
)
def test_a_relative_clause_names_the_person_it_qualifies(outsider: str, staff: str) -> None:
    """ "the agent who sent this is ..." and "whoever wrote that reply is ..." say the insult of
    a person at the company; "my brother who works there is ..." of someone outside it; "the
    one on the phone" is a person, not the phone, and "my sister, the one on the lease" is the
    sister."""
    assert (False, True) == (escalated(outsider), escalated(staff))


def test_a_thing_in_the_next_sentence_does_not_make_a_phrase_about_a_thing() -> None:
    """ "a waste of oxygen" said of the engineer stays an insult when the next sentence starts
    with a thing ("Cable hanging ..."); "a waste of oxygen cable" would be about the cable."""
    assert escalated("The engineer was a waste of oxygen. Cable hanging off the wall since Monday.")


@pytest.mark.parametrize(
    ("about_a_thing", "at_a_person"),
    [
        (
            "can you fix this shit! it has been down all week",
            "are you this stupid? it has been down all week",
        ),
        (
            "that stupid seagull logo is still on my bill",
            "I doubt you're this stupid, it is still on my bill",
        ),
        (
            "It's a disgrace, I've waited 3 weeks for an engineer.",
            "Oh look, it's the idiot from last week. I've waited 3 weeks for an engineer.",
        ),
        (
            "How did the app get this stupid? It has been down all week.",
            "Were you born this stupid? It has been down all week.",
        ),
    ],
)
def test_this_and_that_mean_so_only_after_a_copula_or_a_person(
    about_a_thing: str, at_a_person: str
) -> None:
    """ "are you this stupid" and "were you born this stupid" say "stupid" of the reader
    ("this" is "so"); "fix this shit", "that stupid logo" and "how did the app get this
    stupid" say it of a thing. "It's a disgrace" judges a situation; "it's the
    idiot from last week" names a person."""
    assert (False, True) == (escalated(about_a_thing), escalated(at_a_person))


def test_a_likeness_is_not_a_person_a_pronoun_refers_to() -> None:
    """ "treated me like a child" names no child, so the "he" after it is still the agent."""
    assert (False, True) == (
        escalated("My landlord treated me like a child. Frankly he is a disgrace."),
        escalated("Your agent treated me like a child. Frankly he is a disgrace."),
    )


def test_the_one_who_leaves_the_subject_to_the_sentence() -> None:
    assert escalated("You're the one who is stupid, not me.")


@pytest.mark.parametrize(
    ("a_department", "a_person"),
    [
        ("Your fraud department blocked my card again.", "You are a fraud, unblock my card."),
        ("I called your fraud team twice and nobody called back.", "you fraud, call me back."),
        # Stop 45: a filter, a system, a hold are checks too.
        ("Your fraud filter blocked my transfer to a builder.", "You fraud, unblock my transfer."),
        (
            "your chatbot is dumb as rocks, it keeps sending me the same FAQ link.",
            "your agent is dumb as rocks, he keeps sending me the same FAQ link.",
        ),
    ],
)
def test_a_department_or_a_bot_is_not_a_person(a_department: str, a_person: str) -> None:
    """ "fraud" before a department noun names the department ("your fraud team"); a chatbot
    is software. Neither is a person the desk must protect."""
    assert (False, True) == (escalated(a_department), escalated(a_person))


@pytest.mark.parametrize(
    ("outsider", "staff"),
    [
        (
            "Some moron in a van blocked the locker bank all day. Can I collect tomorrow?",
            "Some moron in your warehouse blocked my order all day. Can I collect tomorrow?",
        ),
        (
            "The seller I bought the car from was, frankly, a complete idiot about the papers.",
            "The adviser I spoke to on Tuesday was, frankly, a complete idiot about the papers.",
        ),
        (
            "the neighbour minding my keys is an absolute muppet, he lost them again",
            "the courier handling my parcel is an absolute muppet, he lost it again",
        ),
    ],
)
def test_a_person_qualified_by_a_clause_is_the_subject(outsider: str, staff: str) -> None:
    """ "the adviser I spoke to on Tuesday was ...", "the courier handling my parcel is ...":
    the person the clause qualifies is whom the insult is said of, not the last noun before
    the copula; "some moron in a van" is a stranger."""
    assert (False, True) == (escalated(outsider), escalated(staff))


def test_a_masked_swear_word_before_a_thing_is_about_the_thing() -> None:
    """ "piece of sh*t machine": the deobfuscated word is not in the text as written, and the
    phrase still qualifies the machine after it."""
    assert not escalated("the parking machine ate my coins again. piece of sh*t machine")


@pytest.mark.parametrize(
    ("elsewhere", "here"),
    [
        (
            "The other airline's check-in guy was a jerk, your people were great.",
            "Your check-in guy was a jerk, the other airline's people were great.",
        ),
        (
            "My previous provider were crooks, that's why I moved to you.",
            "Your billing agents are crooks, that's why I'm leaving you.",
        ),
        (
            "The manager at my old gym was a creep, I hope yours are better.",
            "The manager at your branch was a creep, I hope the others are better.",
        ),
    ],
)
def test_staff_of_another_business_are_outsiders(elsewhere: str, here: str) -> None:
    """A business named with "previous", "other", "old" ... is not the one the customer writes
    to: its staff are outsiders; the same words of this company's staff escalate."""
    assert (False, True) == (escalated(elsewhere), escalated(here))


@pytest.mark.parametrize(
    ("stranger", "staff"),
    [
        (
            "Some idiot parked across my drive so I missed the delivery.",
            "Some idiot closed my ticket so I missed the delivery.",
        ),
        (
            "Some moron hit my car outside, can I change the booking?",
            "Some moron hung up on me, can I change the booking?",
        ),
    ],
)
def test_some_idiot_is_staff_only_when_acting_on_the_customers_case(
    stranger: str, staff: str
) -> None:
    """ "some idiot" who closed the customer's ticket or hung up on them works at the desk; one
    who parked or drove into something is a stranger."""
    assert (False, True) == (escalated(stranger), escalated(staff))


@pytest.mark.parametrize(
    "text",
    [
        "The last agent I spoke to was an idiot and closed my case.",
        "The new guy I dealt with on Monday is a useless clown.",
    ],
)
def test_a_person_after_an_ordinal_qualified_by_a_clause_is_the_subject(text: str) -> None:
    """ "the last agent I spoke to was ...": an ordinal between the determiner and the person
    does not hide the person the clause qualifies."""
    assert escalated(text)


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("The new cables you sent are useless.", "The new engineer you sent is useless."),
        ("The first reply you sent was pathetic.", "The first agent you sent was pathetic."),
        (
            "The update you pushed is a piece of crap.",
            "The agent you put me through to is a piece of crap.",
        ),
    ],
)
def test_what_a_relative_clause_names_is_the_subject(thing: str, person: str) -> None:
    """ "the (new) cables you sent are useless", "the update you pushed is a piece of crap":
    the clause names a thing, even after an ordinal; "the new engineer you sent" a person."""
    assert (False, True) == (escalated(thing), escalated(person))


@pytest.mark.parametrize(
    ("outsider", "staff"),
    [
        (
            "The previous owner of the car was a crook, can you check the logbook?",
            "The previous agent on my claim was a crook, can you check the logbook?",
        ),
        (
            "The other customers in the queue were idiots, your staff were lovely.",
            "The last customer service guy was an idiot, your other staff were lovely.",
        ),
    ],
)
def test_a_previous_owner_or_another_customer_is_an_outsider(outsider: str, staff: str) -> None:
    """ "the previous owner", "the other customers" are not staff; "the previous agent" and
    "the last customer service guy" are."""
    assert (False, True) == (escalated(outsider), escalated(staff))


@pytest.mark.parametrize(
    "text",
    [
        "Some jerk from your billing team charged my card twice.",
        "Some clown put the phone down on me twice, sort it out.",
        "Some muppet kept me on hold for an hour and then cut me off.",
    ],
)
def test_some_idiot_from_the_desk_or_on_the_call_is_staff(text: str) -> None:
    """ "some jerk from your billing team", "some clown put the phone down on me": an agent."""
    assert escalated(text)


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("The laptop you sold me is a piece of crap.", "The guy you sent us is a moron."),
        ("The router they sent us is garbage.", "The agent you sent me is useless."),
    ],
)
def test_a_relative_clause_with_an_object_names_its_head(thing: str, person: str) -> None:
    """ "the laptop you sold me": the object pronoun after the clause's verb is not the subject
    ("me" is no target of "a piece of crap"); the clause's head is."""
    assert (False, True) == (escalated(thing), escalated(person))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        ("You are an absolute joke.", "This company is an absolute joke."),
        ("You're a complete and utter joke.", "The update you pushed is an absolute joke."),
        ("What a joke you are.", "What a joke, three weeks and no refund."),
        ("You are a massive disappointment.", "Your app is a massive disappointment."),
        ("What a sorry excuse for an agent.", "What a sorry excuse for an apology."),
    ],
)
def test_the_reader_called_a_letdown(insult: str, not_one: str) -> None:
    """ "you are an absolute joke", "what a joke you are": the reader called a letdown with a
    degree word or in an exclamation (stop 40: missed); a thing or the situation so called is
    no person."""
    assert (True, False) == (escalated(insult), escalated(not_one))


def test_shut_up_and_take_my_money_is_praise() -> None:
    """An idiom of eager praise (stop 40: it escalated as harassment); "shut up" alone, or
    with "and listen", still tells the reader to go away with contempt."""
    assert not escalated("Shut up and take my money, when is the new model in stock?")
    assert escalated("Shut up and listen to me for once.")
    assert escalated("Oh shut up, you have no idea what you're talking about.")


@pytest.mark.parametrize(
    ("situation", "person"),
    [
        ("That's a disgrace.", "That's the idiot who hung up on me."),
        (
            "I waited all day and nobody came, that's a disgrace.",
            "That's pathetic, you are pathetic.",
        ),
        ("Thats pathetic.", "You are pathetic."),
    ],
)
def test_thats_a_disgrace_is_said_of_the_situation(situation: str, person: str) -> None:
    """ "that's a disgrace": a contracted "that" is the situation (stop 40: it escalated as an
    insult with no target, as "what a moron" does), as "that is a disgrace" already was."""
    assert (False, True) == (escalated(situation), escalated(person))


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("The plan I bought from you is a waste of money.", "You are a waste of space."),
        (
            "The hour I spent on hold with you was a waste of my afternoon.",
            "The guy I spoke to from you was a waste of space.",
        ),
        ("What I got from you is a waste of money.", "Shame on you, you are a waste of space."),
        (
            "The course we booked with you was a waste of the fee.",
            "The man I dealt with at you was an excuse for a human.",
        ),
        # The insult words' aim: the copula's subject is the clause's noun, not the "you".
        (
            "The sofa we ordered from you is a disgrace.",
            "The agent I spoke to from you is a disgrace.",
        ),
        (
            "The flat we rented through you is a disgrace, there is mould everywhere.",
            "The technician I booked with you is a moron.",
        ),
        (
            "The tablet I bought from you is an embarrassment to the name on the box.",
            "I expected better from you, you are a disgrace.",
        ),
        # The "you" of a relative clause about a thing, the subject of its verb.
        ("The chatbot you use is thick as a brick.", "The agent you sent is thick as a brick."),
    ],
)
def test_you_after_a_preposition_in_a_clause_is_no_subject(thing: str, person: str) -> None:
    """ "the plan I bought from you is a waste of money": the "you" a phrase starts with is
    the object of "from" in a clause about the plan (stop 40: these escalated as harassment or
    as an insult at the reader); a clause about a person, or a "you" in no clause, still names
    the reader or staff."""
    assert (False, True) == (escalated(thing), escalated(person))


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("What a piece of junk.", "What a piece of work you are."),
        ("What a piece of crap this is.", "What a piece of crap you are."),
        ("this router, what a piece of crap", "your agent, what a piece of crap"),
        (
            "THE PRINTER HAS JAMMED FOR THE LAST TIME, WHAT A PIECE OF CRAP",
            "THE AGENT HUNG UP ON ME AGAIN, WHAT A PIECE OF CRAP HE IS",
        ),
    ],
)
def test_what_a_piece_of_is_about_what_it_names(thing: str, person: str) -> None:
    """ "what a piece of junk", "this router, what a piece of crap": an exclamation about a
    thing; "what a piece of work you are", "your agent, what a piece of crap": a person."""
    assert (False, True) == (escalated(thing), escalated(person))


@pytest.mark.parametrize(
    ("likened", "not_likened"),
    [
        ("Your app is garbage, just like you.", "Your app is garbage, just like the last one."),
        ("The laptop is junk and so are you.", "The laptop is fine and so are you, cheers."),
        ("This service is useless like the rest of you.", "It works fine, just like you said."),
        ("The tablet is rubbish, like you.", "This app is rubbish, I don't like you."),
    ],
)
def test_a_put_down_of_a_thing_carried_over_to_the_reader(likened: str, not_likened: str) -> None:
    """ "your app is garbage, just like you": the reader is likened to the thing put down;
    a likeness to another thing, or no put-down, is not abuse."""
    assert (True, False) == (escalated(likened), escalated(not_likened))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        ("You act like an idiot, read my email.", "Stop treating your customers like idiots."),
        (
            "You absolute melt, I said Tuesday not Thursday.",
            "You absolute legend, thanks for sorting it.",
        ),
        (
            "I bet your own mother hangs up on you.",
            "You can use your own mother's card if she agrees.",
        ),
    ],
)
def test_how_customers_are_treated_is_no_name_for_the_reader(insult: str, not_one: str) -> None:
    """ "you treat your customers like idiots" says how people are treated; "you act like an
    idiot", British slang for a fool and "your own mother hangs up on you" call the reader
    names; "you absolute legend" and the reader's mother's card do not."""
    assert (True, False) == (escalated(insult), escalated(not_one))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        ("You sound like a robot with a head injury.", "You sound like a robot, is this a script?"),
        ("You write like a toddler who found a keyboard.", "You talk to me like a child."),
        ("Oi, baldy, are you fixing it or not?", "Oi, mate, are you fixing it or not?"),
        (
            "Never met a more useless bunch of people than your staff.",
            "A useless bunch of updates this month, nothing works.",
        ),
    ],
)
def test_put_downs_by_likeness_look_or_bunch(insult: str, not_one: str) -> None:
    """The reader's own doing likened to a lowly creature or a broken mind, a name for their
    looks, staff called a useless bunch; not a plain likeness, how the reader treats the
    speaker, a friendly name, or a bunch of things."""
    assert (True, False) == (escalated(insult), escalated(not_one))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        ("Which dullard did you employ to answer this line?", "I felt such a dullard, sorry."),
        ("Mate, you're a flamin galah.", "I felt a right galah, I typed the wrong date."),
        (
            "Is there a hamster on a wheel where your brain should be?",
            "Where should I put the spare key?",
        ),
        (
            "Honestly, I feel sorry for your parents.",
            "I feel sorry for your staff, having to deal with this broken system.",
        ),
        ("Thanks Captain Clueless, get one of the grown-ups.", "Thanks captain, that worked!"),
        (
            "My goldfish has a better grasp of customer service than you do.",
            "Your new intern has a better grasp of the system than the old one.",
        ),
        (
            "What time do you finish? I'd love to take you out.",
            "What time do you finish? I'd love to get this sorted today.",
        ),
        (
            "I couldn't stop picturing you in that little uniform.",
            "I couldn't find the uniform size guide.",
        ),
    ],
)
def test_put_downs_and_advances_in_other_words(insult: str, not_one: str) -> None:
    """Regional names for a fool, a missing brain, pity for the reader's parents, a mock title,
    a pet with more sense, a date or a picture of the agent: abuse; the same words of the
    speaker, a bird, a key, the staff's lot, a thanks, an intern, a fix or a size: not."""
    assert (True, False) == (escalated(insult), escalated(not_one))


@pytest.mark.parametrize(
    "said_of_others",
    [
        'A player keeps telling me to "kys" and calling me a r*tard. Please ban him.',
        "My previous driving instructor at another school was a creep and a bully.",
        "This app crashed four times at checkout. Fix your shit, I just want to book a bike.",
        "The council leader is a complete tosser for closing the harbour car park.",
        "The tenants in flat 4 are vile, selfish people who blast music at 3am.",
        "Switched to you because my last insurer were a bunch of thieving clowns.",
        "My boss is an idiot, he made me work late so I missed your delivery slot.",
        "Our old lawyer was a clown and lost the paperwork you sent him.",
    ],
)
def test_abuse_of_others_or_of_the_company_affairs_is_notescalated(said_of_others: str) -> None:
    """Abuse reported from a game chat, said of a former instructor, a council leader, tenants,
    a previous insurer, the customer's boss or lawyer, and "fix your shit" said of the
    company's affairs: no person at the desk is abused."""
    assert not escalated(said_of_others)


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        (
            "Your agent Sandra is a nasty piece of work and a liar.",
            "My landlord Sandra is a nasty piece of work and a liar, so I'm moving.",
        ),
        (
            "The rep was unhelpful on the phone yesterday and a liar.",
            "The parcel was late on the day I needed it and a complete waste of money.",
        ),
        (
            "Your agent Sandra is so incompetent it's unreal.",
            "Your app Lumo is so incompetent it's unreal.",
        ),
        (
            "She's a real piece of work, that woman on your phone line.",
            "This update is a real piece of work, nothing loads.",
        ),
    ],
)
def test_a_second_predicate_and_a_named_person(insult: str, not_one: str) -> None:
    """The second of two predicates joined by "and" is said of the copula's subject; a name
    after a role is that role ("your agent Sandra"); "a real piece of work" is said of a
    person: abuse of staff; the same of a landlord, a parcel, an app or an update: not."""
    assert (True, False) == (escalated(insult), escalated(not_one))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        (
            "Your agent has always been an absolute clown about this.",
            "The handling of my claim has been an absolute disgrace from start to finish.",
        ),
        (
            "The attitude of your staff is a disgrace and so are you.",
            "The state of your waiting room was a disgrace.",
        ),
        (
            "car still making the same noise, ur mechanic is a useless muppet",
            "car still making the same noise, ur garage is a useless dump",
        ),
        (
            "Your stewardess was a rude cow.",
            "Your seat was a rude shock.",
        ),
    ],
)
def test_a_subject_behind_an_auxiliary_a_phrase_or_a_trade(insult: str, not_one: str) -> None:
    """A copula's subject is found behind "has (always) been"; "the handling of my claim" is
    a thing and "the attitude of your staff" is not; a mechanic or a stewardess is staff: the
    person is insulted, the handling, the room, the garage and the seat are not."""
    assert (True, False) == (escalated(insult), escalated(not_one))


@pytest.mark.parametrize(
    ("abuse", "not_one"),
    [
        (
            "I hope he enjoys walking while he still can.",
            "Use your voucher while you still can, it expires Friday.",
        ),
        (
            "I will ring your helpline every single day until the woman I spoke to cries.",
            "The app alarm keeps ringing until she cries, my daughter hates it.",
        ),
        (
            "I'm calling your helpline every single day until the woman I spoke to cries.",
            "I waited on hold until the agent came back, then it was sorted.",
        ),
        (
            "I'll ring every day until she cries.",
            "I waited on hold until the agent came back, then it was sorted.",
        ),
        (
            "When your IQ matches your shoe size, promises are hard to remember.",
            "Your IQ test app crashed halfway through.",
        ),
        (
            "I also note that you are quite plainly not intelligent enough to understand me.",
            "This app is not smart enough to remember my login.",
        ),
        (
            "The letter was drafted by someone with the intellect of a garden slug.",
            "An app with the intelligence of a toaster keeps my heating on.",
        ),
        (
            "If I am charged again, your front windows are coming in.",
            "Your new windows are coming in March, the fitter said.",
        ),
        (
            "I'll put a chair through every screen in there.",
            "The chair I ordered came through the post with a crack across the screen.",
        ),
        (
            "Me and my clan are gonna come trash the place if my account stays banned.",
            "Come see the place, it's lovely after the refurb.",
        ),
    ],
)
def test_a_campaign_a_put_down_of_wits_or_damage_in_other_words(abuse: str, not_one: str) -> None:
    """Stop 41, from a helper's probes: a wish said of a third person "while he still can", a
    call campaign until an agent cries or quits, the reader's IQ or intellect, windows
    "coming in", a chair through the screens, coming to trash the place: abuse; a voucher,
    an alarm, a wait on hold, an IQ test, an app's wits, new windows, a damaged delivery, a
    visit: not."""
    assert (True, False) == (escalated(abuse), escalated(not_one))


@pytest.mark.parametrize(
    ("insult", "manner"),
    [
        ("Your driver is a maniac.", "Your driver drove like a maniac down my street."),
        ("You're acting like a lunatic.", "The engineer shouted like a lunatic at my neighbour."),
        ("The engineer was a lunatic.", "Sorry about the dog, he barked like a lunatic."),
    ],
)
def test_like_a_maniac_after_an_action_is_how_it_was_done(insult: str, manner: str) -> None:
    """ "drove like a maniac", "shouted like a lunatic": how something was done, a complaint
    about conduct (it escalated as an insult); a person called one, or acting like one, still
    escalates."""
    assert (True, False) == (escalated(insult), escalated(manner))


@pytest.mark.parametrize(
    ("demeaning", "not_one"),
    [
        (
            "Sorry but I'm not discussing my bill with a woman.",
            "I'm not comfortable discussing this with a man, could a woman call me?",
        ),
        (
            "Go back to the kitchen love, and put someone competent on.",
            "The kitchen fitter went back to the kitchen to check the tap.",
        ),
        (
            "I do not take instructions from girls half my age.",
            "Could a female doctor call me back please, it's a personal matter.",
        ),
        (
            "Give me a proper English speaker next time.",
            "Is the line too crackly? I couldn't understand a word the agent said.",
        ),
        (
            "The woman on the phone was snappy, must be her time of the month.",
            "My daughter is at that time of the month so please deliver after 4.",
        ),
    ],
)
def test_an_agent_demeaned_for_being_a_woman_or_for_an_accent(demeaning: str, not_one: str) -> None:
    """Stop 41, from a helper's probes: refusing to deal with a woman, the kitchen, "girls half
    my age", "a proper English speaker", "her time of the month": harassment; a kind stated
    preference, a kitchen fitter, a bad line, a daughter: not."""
    assert (True, False) == (escalated(demeaning), escalated(not_one))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        (
            "The last one, Kieran, is without a doubt the thickest man alive.",
            "The thickest part of the cable is the one that broke.",
        ),
        (
            "Honestly you are the daftest agent I've had.",
            "This mattress is the densest foam I've had.",
        ),
        (
            "Your engineer is the densest person I have ever met.",
            "Your agent is the rudest person I have ever spoken to.",
        ),
    ],
)
def test_a_superlative_of_dullness_said_of_a_person(insult: str, not_one: str) -> None:
    """ "the thickest man alive", "the daftest agent": an insult like "the dimmest"; a thick
    cable, dense foam, and "the rudest person" (a complaint about conduct, like "rude"): not."""
    assert (True, False) == (escalated(insult), escalated(not_one))


def test_on_the_doorstep_when_the_shop_opens_is_a_visit() -> None:
    """ "I'll be on your doorstep at 9am when you open to return this": a customer at a shop's
    door at opening time (stop 41: it escalated as lurking); at the reader's home, a threat."""
    visit = "I'll be on your doorstep at 9am when you open to return this rubbish."
    lurking = "I'll be on your doorstep when you get home tonight."
    assert (False, True) == (escalated(visit), escalated(lurking))


@pytest.mark.parametrize(
    ("insult", "not_one"),
    [
        (
            "If you had a brain you'd have sent the right part.",
            "If the app had a brain it would remember my card.",
        ),
        (
            "Get yourself a brain before you answer the phone.",
            "I need to get a brain scan booked, can I move my appointment?",
        ),
    ],
)
def test_the_readers_brain_supposed_absent(insult: str, not_one: str) -> None:
    """ "if you had a brain", "get yourself a brain": the reader called brainless; an app
    supposed brainless and a brain scan: not."""
    assert (True, False) == (escalated(insult), escalated(not_one))


@pytest.mark.parametrize(
    ("insult", "praise"),
    [
        ("You are a real piece of work.", "You did a real piece of work on that report, thanks."),
        (
            "He is such a nasty piece of work, the man on your phones.",
            "He did a proper piece of work on the boiler, please thank him.",
        ),
        (
            "Your agent is a right piece of work.",
            "The agent did a proper piece of work sorting my account.",
        ),
    ],
)
def test_a_piece_of_work_is_a_person_not_work_done(insult: str, praise: str) -> None:
    """ "You are a real piece of work": a person's nasty character; "did a proper piece of
    work": work done, praise (a first version of stop 41's phrases escalated it)."""
    assert (True, False) == (escalated(insult), escalated(praise))


@pytest.mark.parametrize(
    "text",
    [
        "I'm not a proper English speaker, sorry for my grammar.",
        "I'd like an English speaker next time please.",
        "It's time of the month when my direct debit goes out, so please take it on the 3rd.",
    ],
)
def test_a_customers_own_english_or_billing_day_is_no_harassment(text: str) -> None:
    """The customer's own English, a kindly asked language, a billing day: no harassment (a
    first version of stop 41's phrases escalated each)."""
    assert not escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your windows are coming in on Tuesday, the fitter said.",
        "My kids come and trash the place every weekend, can you send another cleaner?",
        "I tried to get the chair through your shop entrance but it's too narrow.",
    ],
)
def test_windows_chairs_and_trashed_places_in_ordinary_news(text: str) -> None:
    """A window delivery day, the customer's own children, a chair that would not fit through
    a door: no threat to premises (stop 41's frames, reviewed)."""
    assert not escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "The trainers you sent are useless, wrong size.",
        "The porter was disgusting, tasted off, refund the case please.",
    ],
)
def test_shoes_and_beer_are_no_staff(text: str) -> None:
    """Trainers (shoes) and porter (a beer) are things, not staff (stop 41's trades, reviewed)."""
    assert not escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "Refund me or I will come to your office and hurt you, I am serious, not a joke.",
        "I'll come round and hurt you. I'm not kidding.",
        "Fix it today or I'm coming down there to sort you out myself, no joke.",
        "I will come to your branch and smash all the glass if this isn't sorted.",
        "Next visit I'm taking a sledgehammer to those treadmills you never repair.",
        "Whoever closed my account is going to be eating through a straw for a while.",
        "If I were your supervisor I'd start sleeping with one eye open.",
        "One more week of this and I start hurting people, beginning with you.",
    ],
)
def test_stop_42_threats_escalate(text: str) -> None:
    """A threat whose jest is denied ("not a joke", "I'm not kidding"), a "sort you out"
    after a coming, glass broken after a coming, a hammer taken to the business's things,
    harm foretold without a harm verb (stop 42, from a helper's probes)."""
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'll come round and hurt you, only joking lol, love the new app.",
        "Can you sort me out with a new router please?",
        "I took a sledgehammer to my old shed and cut my hand, can I claim on the policy?",
        "I was eating through a straw for a week after the dentist, so I missed your call.",
        "I've been sleeping with one eye open since the burglary, can the alarm engineer come?",
        "The glass doors at your branch were smashed last night, are you open today?",
        "I'm the dumbest person alive, I paid the wrong sort code.",
        "I am too stupid to work out this form, can someone help?",
        "Your competitor's support is run by absolute clowns, that's why I switched to you.",
        "Your competitors are a bunch of cowboys, you lot have been great.",
    ],
)
def test_stop_42_near_misses_stay_calm(text: str) -> None:
    """A threat said as a joke, help asked for, the customer's own hammer and recovery and
    burglary, self-reproach in a superlative or "too stupid to", another business's staff
    insulted: no escalation (stop 42's rules and their review)."""
    assert not escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "The man on the overnight helpdesk line was a complete idiot.",
        "It must be quiet in there with nothing between your ears.",
        "Could someone with an actual brain call me back, please.",
        "Please pass this to an adult who can read a contract.",
        "Great, thanks for nothing, Einstein.",
        "What do they pay you in, peanuts? Because that's what this answer is worth.",
        "Your voice is so sexy, keep talking.",
        "Aren't you a bit old to be answering phones, grandma?",
    ],
)
def test_stop_42_put_downs_escalate(text: str) -> None:
    """A staff member named by a phrase of three words after its determiner; the reader told
    they have no brain or are a child, paid in peanuts, called "Einstein"; the reader's voice
    called sexy, their age mocked (stop 42)."""
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your driver had better pray we never meet in a dark alley.",
        "Forget the courts, I'll deal with you the old fashioned way.",
        "Be a shame if someone put sugar in the tanks of your vans.",
        "I've been keeping a file on your team, where they drink, where they live.",
        "Somebody might spray LIARS all over your showroom window tonight.",
        "Give some thought to your personal safety before you refuse me again.",
        "Can I get someone who actually speaks English, not you with that accent.",
        "Is there anyone competent working today?",
    ],
)
def test_stop_42_second_pass_escalates(text: str) -> None:
    """A dark meeting prayed against, the old-fashioned way, sugar in the tanks, a file on
    staff, graffiti, personal safety, an accent mocked, competence denied (stop 42's second
    pass over the probes)."""
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "Let's pray we never lose power like that again.",
        "I still pay by cheque, the old-fashioned way, is that OK?",
        "I uploaded a file on your portal yesterday, can you check it?",
        "Your website says to think about your personal safety when meeting buyers.",
        "My daughter didn't come home one night and I need to change her SIM.",
        "Can I speak to someone who speaks Spanish? My English is not good.",
        "I can barely string a sentence together today, sorry, long night.",
        "The lady with the Scottish accent was so helpful.",
        # Found in the review of these phrases (first versions escalated each):
        "Can you get me an adult ticket and two child tickets for Saturday?",
        "Can I put an adult on the booking with my son?",
        "There's too much going on upstairs, the neighbours are so noisy, can you move my flat?",
        "I've been keeping a file on this complaint since March.",
        "I have a little file on my laptop with all the receipts.",
        "Someone put sugar in the tank of my car last night, am I covered?",
        "There's a key dragged down the side of my car from your car park barrier.",
        "There's a key down the side of the sofa you delivered, whose is it?",
        "I'll be sleeping with one eye open until the lock is fixed.",
        "Your price rise will start hurting people on low incomes.",
        "My husband is going to be eating through a straw after his jaw op, can we pause the box?",
        "I'll send my son in to sort him out with his new phone.",
        "My account manager hasn't replied in two weeks. I'll keep writing until he does.",
        "I won't sign until you meet me halfway on the price.",
        "Is there anyone competent to advise on a pension transfer?",
        "Lovely to talk to you with that accent of yours, very calming.",
    ],
)
def test_stop_42_second_pass_near_misses_stay_calm(text: str) -> None:
    """The same phrases' ordinary neighbours: no escalation. The second group escalated with
    first versions of stop 42's phrases and frames, found when they were read again."""
    assert not escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "Your lazy adjuster will bleed for this, I promise.",
        "The dentist you sent me to is an absolute moron.",
        "Your bloody warehouse will be a pile of ash by Friday.",
        "The damn office is going up in flames if my refund isn't here.",
        "I'll make your manager regret the day he was born.",
        "Someone should put his head through a door.",
        "I know which bus you take home from the depot.",
        "I found out the route he walks home from your depot.",
        "I've watched your courier leave work at six every day.",
    ],
)
def test_stop_43_staff_roles_swearing_and_routines_escalate(text: str) -> None:
    """More staff roles (adjusters, dentists), a swear word between a determiner and the
    premises it names, the day one was born regretted, a head put through, a routine known,
    staff watched leaving work. Each fails on the code before stop 43."""
    assert escalated(text)


@pytest.mark.parametrize(
    "text",
    [
        "My broker is an idiot, he never told me about the excess.",
        "My builders were useless, so I need a new kitchen fitter from you.",
        "The bloody app keeps crashing, your damn website too.",
        "I know his shifts are busy, so no rush on the callback.",
        "I watched your driver leave the parcel by the bins.",
        "I keep looking over my shoulder at your cash machine, the lighting is awful.",
        "I bleed for this club, renew my season ticket.",
        "I know the route he walks is closed, your driver told me.",
        "I regret the day I signed up with you.",
        "I'll put my head through the wall if this hold music plays once more.",
        "I know your commute must be awful with the strikes, take your time.",
        # Found reading these rules again before closing (first versions escalated each):
        "I saw you jog past my house this morning, are you the new postman?",
        "I know the bus you take to get here is always late, no rush.",
        "Our trainee is an idiot, he deleted the invoice, can you resend it?",
    ],
)
def test_stop_43_near_misses_stay_calm(text: str) -> None:
    """Their ordinary neighbours: the customer's own broker or builders, swearing at a
    product, a busy rota, a parcel left, the customer's own fear or frustration; the last
    three escalated with first versions of these rules."""
    assert not escalated(text)


@pytest.mark.parametrize(
    ("stranger", "staff"),
    [
        (
            "A total idiot reversed into my van at the lights and drove off, can I claim?",
            "A total idiot closed my claim without reading it.",
        ),
        (
            "Some absolute idiot parked across my drive so the engineer couldn't get in.",
            "Some absolute idiot hung up on me twice.",
        ),
    ],
)
def test_stop_43_an_intensified_stranger_is_no_staff(stranger: str, staff: str) -> None:
    """An intensified stranger ("a total idiot", "some absolute idiot") who did something to
    the customer's things is a stranger, as "some idiot" was (an insurance claim is no abuse
    of the desk); one who acted on the customer's case is staff. The first of each pair
    escalated before stop 43."""
    assert not escalated(stranger)
    assert escalated(staff)


def test_stop_43_a_received_message_quoted_after_a_colon_is_someone_elses() -> None:
    """A text the customer received, quoted after a colon, is someone else's threat; the
    same words as the customer's own still escalate."""
    assert not escalated(
        "I got a text this morning: 'pay now or we come to your home with a knife'. "
        "Is that really from your billing team?"
    )
    assert escalated("Pay now or we come to your home with a knife.")


@pytest.mark.parametrize(
    ("not_staff", "staff"),
    [
        (
            "My idiot husband ordered two of the same sofa. Can I cancel one?",
            "Your idiot engineer broke my gate. Can I get a refund?",
        ),
        (
            "Your competitor's support team are a bunch of clowns, that's why I'm switching.",
            "Your support team are a bunch of clowns, that's why I'm switching.",
        ),
        ("Damn you autocorrect, I meant Tuesday not Thursday.", "Damn you, fix my account."),
        ("Get a life, chatbot.", "Get a life."),
    ],
)
def test_the_customers_own_people_a_competitor_or_a_thing_addressed_are_not_staff(
    not_staff: str, staff: str
) -> None:
    """Stop 44 (a probe of my own): "my idiot husband" is the customer's own, a competitor's
    team is another business, and autocorrect or the chatbot addressed is a thing; the same
    words said of staff or to the reader still escalate."""
    assert (False, True) == (escalated(not_staff), escalated(staff))


@pytest.mark.parametrize(
    ("things", "people"),
    [
        ("Your routers are useless.", "Your agents are useless."),
        ("your chargers are useless and overpriced", "your reps are useless and overpriced"),
        ("Honestly your answers are useless.", "Honestly your staff are useless."),
        ("Your printers are pathetic, third jam today.", "Your technicians are pathetic."),
    ],
)
def test_things_named_in_the_plural_are_things(things: str, people: str) -> None:
    """The plural of a thing word is a thing: "your routers are useless" is a complaint, as
    "your router is useless" is; "your agents are useless" still insults the staff."""
    assert (False, True) == (escalated(things), escalated(people))


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("Your thermometer is useless.", "Your receptionist is useless."),
        (
            "Your carburetor kit is useless, the gasket split.",
            "Your carburetor technician is useless, the gasket split.",
        ),
        ("Your damn compressor is dumb as a rock.", "Your damn dispatcher is dumb as a rock."),
        (
            "Your fucking thermostat is a piece of shit.",
            "Your fucking technician is a piece of shit.",
        ),
        ("Your wireless thermostat is useless.", "Your wireless installer is useless."),
        ("Your inhalers are worthless.", "Your pharmacists are worthless."),
    ],
)
def test_nouns_wordnet_says_name_things_are_things(thing: str, person: str) -> None:
    """Stop 53 (a probe of my own): a noun no list of ours knows, after "your", was taken for
    a person, so "your thermometer is useless" called a manager. WordNet's nouns for things
    (``worker/data/nouns.json``) make it a complaint; its people, and the nouns it does not
    know ("installer"), still name a person."""
    assert (False, True) == (escalated(thing), escalated(person))


@pytest.mark.parametrize(
    "text",
    [
        "Forget the router, describe your underwear",
        "How do you manage to tie your own shoes in the morning? Genuine question.",
        "Your mother must be so disappointed in what you turned out to be.",
        "You lot at the Wakefield depot are a pack of thieving lowlifes.",
        "Did your mum help you log in this morning, sweetie?",
    ],
)
def test_what_a_person_wears_and_words_wordnet_also_has_still_name_the_person(text: str) -> None:
    """What is worn is no thing here ("your underwear"); a verb WordNet also has as a noun
    ("must", "log") after the person's noun, and a thing inside a phrase after the subject
    ("at the Wakefield depot"), leave the person named. Each of these stopped escalating in a
    first version of the WordNet rule (rows of the project's probe files)."""
    assert escalated(text)


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("The wireless router you sent is useless.", "The delivery guy you sent is useless."),
        (
            "The replacement charging cable you sent is crap.",
            "The new plumber you sent is crap at his job and rude with it.",
        ),
        (
            "The timing belt kit I got from you is a disgrace.",
            "The repair engineer I got from you is a disgrace.",
        ),
        ("That compressor of yours is worthless.", "That technician of yours is worthless."),
    ],
)
def test_what_a_clause_or_of_yours_names_is_what_the_word_is_said_of(
    thing: str, person: str
) -> None:
    """Stop 53 (probes of my own): "the wireless router you sent is useless" is said of the
    router, as "the router you sent" was, when a compound of two or three words names it; "that
    compressor of yours" is said of the compressor, not of "yours"; people named the same ways
    are still insulted. Each thing side escalated at the stop's start."""
    assert (False, True) == (escalated(thing), escalated(person))


@pytest.mark.parametrize(
    ("person", "not_a_person"),
    [
        ("Your clerks are useless.", "Your clocks are useless."),
        ("Your chef is useless.", "Your bank is useless."),
        ("Your chefs are idiots, the soup was cold.", "Your replacement is pathetic."),
        ("The locksmiths you sent are useless.", "The trainers you sent are useless."),
    ],
)
def test_a_person_wordnet_knows_is_a_person(person: str, not_a_person: str) -> None:
    """Stop 53 (a probe of my own): a noun no list of ours knows and not shaped like a person's
    ("-er", "-ist") was a thing after a determiner, so "your clerks are useless" and "your chef
    is useless" insulted no one. A noun WordNet reads first as a person and never as a thing
    now names a person; a group (a bank, an airline: a business) and a person's noun that is
    also a thing ("trainers", shoes) do not. Each person side was missed at the stop's start."""
    assert (True, False) == (escalated(person), escalated(not_a_person))


@pytest.mark.parametrize(
    ("thing", "person"),
    [
        ("That compressor of yours is a joke.", "That technician of yours is a joke."),
        ("This website of yours is a disgrace.", "That manager of yours is a disgrace."),
        (
            "That printer of yours is a piece of shit",
            "that receptionist of yours is a piece of shit",
        ),
        (
            "This so-called warranty of yours is a joke, it covers nothing.",
            "that husband of yours is a joke",
        ),
        ("that stupid router of yours is a joke", "that idiot of yours is a joke"),
    ],
)
def test_a_put_down_of_something_of_yours_is_said_of_it(thing: str, person: str) -> None:
    """Stop 54 (probes of my own): the phrase layer ("yours is a joke", "yours is a piece of
    shit") and the nearest-target search read the "yours" of "that printer of yours" as the
    reader, so a product complaint called a manager. What "<noun> of yours is ..." is said of
    is the noun: a thing, or a word none of our lists nor WordNet has as a person, a group or
    an offensive word ("warranty"). Each thing side escalated at the stop's start."""
    assert (False, True) == (escalated(thing), escalated(person))


def test_the_reader_put_down_beside_a_thing_of_yours_still_escalates() -> None:
    """The thing of yours takes only its own put-down: "... and so are you" is the reader's."""
    assert escalated("That app of yours is a joke and so are you.")
