"""Unit tests for the abuse scorer: aimed at a person vs profanity about a thing."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from worker.core.abuse import AbuseConfig, AbuseScorer, ngram_keys
from worker.core.text import analyse
from worker.core.types import ABUSE_KINDS, AbuseScore, Sentiment

ROOT = Path(__file__).resolve().parents[3]
NEUTRAL = Sentiment(compound=0.0, neg=0.0, neu=1.0, pos=0.0)
NEGATIVE = Sentiment(compound=-0.6, neg=0.4, neu=0.6, pos=0.0)


def raw_config() -> dict[str, object]:
    raw = yaml.safe_load((ROOT / "config" / "abuse.yaml").read_text(encoding="utf-8"))
    raw["weights"] = json.loads((ROOT / "config" / "abuse.weights.json").read_text("utf-8"))
    return dict(raw)


@cache
def scorer() -> AbuseScorer:
    return AbuseScorer(AbuseConfig.model_validate(raw_config()))


def score(text: str, sentiment: Sentiment = NEGATIVE) -> AbuseScore:
    return scorer().score(analyse(text), sentiment)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You are an idiot.", "insult"),
        ("you useless team of morons", "insult"),
        ("I know where you live.", "threat"),
        ("I will kill you", "threat"),
        ("send me nudes", "harassment"),
        ("shut up you faggot", "slur"),
        ("fuck off", "profanity_at_person"),
        ("f*ck you", "profanity_at_person"),
        ("you are a stupid sh1t", "insult"),
        ("you 1d10t", "insult"),
        ("you are s t u p i d", "insult"),
        ("you are stuuupid", "insult"),
        ("you \u0455tupid \u0456diot", "insult"),
        # Any person counts, not only the reader: third persons, staff, relatives.
        ("he is a lying moron", "insult"),
        ("she's a disgrace", "insult"),
        ("your colleague is an idiot", "insult"),
        ("your supervisor is an idiot", "insult"),
        ("what a moron", "insult"),
        # Typos and compounds of swear words.
        ("fuck yoiu", "profanity_at_person"),
        ("you are an idoit", "insult"),
        # How dim the reader must be.
        ("How thick do you have to be to send the wrong size three times?", "harassment"),
        ("You're either very dumb or you think I'm a fool.", "insult"),
        ("stop being a smartarse and answer the question", "harassment"),
        ("Nobody would miss you if you disappeared.", "harassment"),
        ("Do everyone a favour and unalive yourself.", "threat"),
        ("Do the world a favour and jump off a bridge.", "threat"),
        ("Honestly you should just end it all, nobody needs people like you.", "threat"),
        ("You deserve every bad thing that happens to you.", "threat"),
        ("Keep it up and they'll need dental records to identify you.", "threat"),
        ("Is there anyone there with more than two brain cells to rub together?", "harassment"),
        ("Stop reading the script, you trained parrot.", "harassment"),
        ("Your receptionist is a sour-faced old witch and everyone knows it.", "harassment"),
        ("Are all your staff this dim or did I just win the lottery?", "harassment"),
        ("Did they drop you on your head as a baby, or is this natural?", "harassment"),
        ("You obviously never finished school, it shows in every reply.", "harassment"),
        ("Go back to the gutter you crawled out of.", "harassment"),
        ("I'll stop complaining when you agree to a drink with me.", "harassment"),
        ("I made a new account every time you blocked me, Chloe.", "harassment"),
        ("What's your bra size, then?", "harassment"),
        ("You're not fit to clean the toilets in that office.", "harassment"),
        ("What a spineless excuse for a manager.", "harassment"),
        ("Useless lump of a man, that driver.", "harassment"),
        ("Rude doesn't begin to describe you.", "harassment"),
        ("You really are a nasty piece of work, Janet.", "harassment"),
        ("He's about as sharp as a butter knife, your new guy.", "harassment"),
        ("Are you even capable of independent thought, Gary?", "harassment"),
        ("I've met traffic cones with more initiative than you.", "harassment"),
        ("I bet your parents are ashamed of what you do for a living.", "harassment"),
        ("I've asked you out twice already, just say yes.", "harassment"),
        ("I'll keep ringing until you notice me, Beth.", "harassment"),
        ("wat a absolute weapon u r mate", "harassment"),
        ("I'll email you every hour until you personally regret opening my case.", "harassment"),
        ("Sort the refund, sweet cheeks, and I'll show you a good time.", "harassment"),
        ("Add me on your personal instagram, the work one is boring.", "harassment"),
        ("you're a groomer and everyone knows it", "harassment"),
        # An ironic likeness of the reader's use.
        ("You're about as useful as a chocolate teapot.", "harassment"),
        # The doers of a passive, or what a place is full of, are its people.
        ("Your call centre is staffed by halfwits.", "insult"),
        ("Your shop is full of idiots.", "insult"),
        ("you fuckbrain", "insult"),
        # Sexual advances and threats in everyday wording.
        ("do you want to fuck me", "harassment"),
        ("hope you get fired", "threat"),
        ("kys", "threat"),
        # The subject of a copula is the target, whatever follows ("... annoying me").
        ("you are annoying me", "insult"),
        # Contempt for the reader with a word in between.
        ("I really hate you", "harassment"),
        ("you guys suck", "harassment"),
        # Explicit sexual talk about the speaker's own body or acts, sent to the reader.
        ("I like to swallow semen", "harassment"),
        # Advances to the agent and condescending pet names, without a sexual word.
        ("Are you single?", "harassment"),
        ("what are you wearing", "harassment"),
        ("you are hot", "harassment"),
        ("Hey babe, where is my parcel", "harassment"),
        # Name-calling vocatives without "you".
        ("listen, stupid, I want my money back", "harassment"),
        ("Thanks einstein, that broke everything", "harassment"),
        # A lone swear word sent to the agent (the n-gram layer, shipped weights).
        ("fuck!", "profanity_at_person"),
    ],
)
def test_abuse_at_a_person_is_detected_with_its_kind(text: str, kind: str) -> None:
    """Insults, threats, harassment, slurs and profanity aimed at a person are detected.

    "A person" is anyone: the reader, staff, or a third person ("he is a lying moron").
    """
    result = score(text)
    assert (True, True) == (result.detected, kind in result.kinds)


@pytest.mark.parametrize(
    "text",
    [
        "this damn app is shit",
        "this stupid app keeps crashing",
        "The bot called me an idiot",
        "I'm such an idiot, I forgot my password",
        "Could you please look into my refund? Thanks",
        "You guys are killing it!",
        "This is the third time I'm asking, it's ridiculous",
        "you're not stupid, the form is confusing",
        # Untargeted swearing and harsh words about things stay below the line.
        "holy shit",
        "fuck, it broke again",
        "what a stupid policy",
        "You guys kick ass!",
        "Thank you for your kind words",
        "We will beat your price",
        "the dog barked all night",
        # Phrases whose "your" owns a thing, or that are said of a thing, are about it.
        "I hate your app",
        "your app has no brain",
        "your fucking app crashed again",
        "get your fucking act together and send my parcel",
        "I was nearly run over by some moron in a van",
        "This app is about as useful as a chocolate teapot.",
        "You're as useful as a map, thanks so much!",
        # What the reader is asked to think of the speaker.
        "How dumb do you think I am?",
        "What kind of idiot do they think we are?",
        "How useless are the instructions?",
        "Please stop being a stranger, we miss you at the club!",
        "I'm off on holiday, nobody will miss me at work.",
        # Said of oneself, or a favour asked: no one told to die.
        "See you guys later, ima go jump off a cliff",
        "Honestly I could just end it all with this company and go to a competitor.",
        "Please do us a favour and fix the login page.",
        "The new practice will need your dental records, can you send them?",
        "Is the old witch hat back in stock?",
        "I think the parcel was dropped on its head, the box is crushed.",
        "I never finished school so please explain it simply.",
        "I opened a new account after you blocked my old one by mistake, can you merge them?",
        "Can you tell me the cup size range of the sports bra?",
        "The scammer who rang me was a nasty piece of work.",
        "Your app is about as sharp as a bowling ball when it comes to search results.",
        "This is a poor excuse for a warranty.",
        "I bet your parents are proud, you were brilliant with my claim.",
        "I asked you out of curiosity, what does the fee cover?",
        "Your hold music is a waste of space on my phone bill.",
        "The jingle on your advert is pathetic.",
        "That striker is an absolute weapon, anyway my order is late.",
        "This mop is not fit to clean a floor.",
        "Your app has the speed of a snail and the brains to match.",
        "Is your chatbot capable of independent thought or does it just read the FAQ?",
        "I'll keep ringing until you fix the boiler properly.",
        "Is the offer on your personal account page or the business one?",
        # A trade at a vet's or a kennel.
        "Can the same groomer do Bella again? She knows how to handle her.",
        "the screen is always this dim, is that normal?",
        "Your chatbot is a trained parrot, it just repeats the FAQ.",
        "this app is a piece of shit",
        "we fought over the stupidest thing",
        "my phone is annoying me",
        "shut it down and restart",
        "I'm such a slut lol",
        # Near misses of the advances and vocatives above.
        "Are you open on Sundays?",
        "Is the single plan still available?",
        "what are you doing about my refund",
        "You are quick, thanks!",
        "the hot water tap is broken, are you sending someone?",
        "Thanks, genius support team, it works now!",
        "Thanks genius, it works now!",
        # Swearing about a thing or at no one, short or not: the n-gram layer stays out.
        "fuck this update",
        "fuck it",
        "oh fuck",
        "I need you to refund me now",
    ],
)
def test_not_abuse(text: str) -> None:
    """Profanity about a thing, untargeted swearing, self-blame, reported speech and
    complaints are not abuse."""
    assert (False, ()) == (score(text).detected, score(text).kinds)


@pytest.mark.parametrize(
    "text",
    [
        "moron. fix it",
        "shut your mouth and process the refund, idiot",
        "Idiot, I said Tuesday not Thursday",
        "what a moron",
        "Read the ticket again. Useless clown!",
        "they charged me twice. morons.",
        "my order is late again. idiots",
    ],
)
def test_an_insult_noun_said_on_its_own_is_said_to_the_reader(text: str) -> None:
    """A short segment of its own ending in an insult noun ("..., idiot", "moron.") speaks to
    whoever reads it, even when the nearest target word is a thing ("fix it")."""
    result = score(text)
    assert (True, ("insult",)) == (result.detected, result.kinds)


@pytest.mark.parametrize(
    "text",
    [
        "what an idiot I am, I forgot to attach the invoice",
        "I typed my old email address. Idiot!",
        "idiot me, I clicked the wrong plan",
        "What a moron I was to ignore the warning. Can you undo it?",
        "we forgot the PO number on the order. morons, the lot of us",
        "Sorry, idiot question: where do I change my address?",
        "I was such a moron to pay before checking",
        "we were idiots, we never read the renewal terms",
        "what a moron I was to trust the auto-renew",
        "Wait, there's rats?! In the kitchen of your restaurant!",
    ],
)
def test_self_reproach_said_on_its_own_is_not_abuse(text: str) -> None:
    """An insult noun the speaker says of themselves, in the same segment ("what an idiot I
    am") or right after telling of their own slip ("I typed ... . Idiot!"), is self-blame."""
    assert score(text).detected is False


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to the idiot at your front desk",
        "the moron on the phone told me I was wrong",
        "I asked the imbecile twice and got nowhere",
        "the moron I was talking to hung up on me",
    ],
)
def test_the_speaker_near_an_insult_is_not_its_target_without_a_link(text: str) -> None:
    """ "I" is the target of an insult noun only as its subject ("I am / was / feel like an
    idiot"); "I spoke to the idiot at ..." insults someone else."""
    assert score(text).detected is True


@pytest.mark.parametrize(
    ("text", "detected"),
    [
        ("ugh, it's the same idiot as last week", True),
        ("this is the third moron who has promised me a callback", True),
        ("this app is a joke", False),
        ("it was an idiot move on my part", False),
    ],
)
def test_a_pronoun_names_no_thing_for_an_insult_noun(text: str, detected: bool) -> None:
    """ "it", "this", "that" near an insult noun name no thing, so they do not make the insult
    one about a thing; a thing named ("this app") or the noun used of an act still does."""
    assert score(text).detected is detected


def test_profanity_about_a_thing_keeps_its_cue() -> None:
    """Profanity about a thing is not abuse but stays visible as a cue."""
    assert "profanity:damn" in score("this damn app is shit").cues


def test_quoted_insult_is_aimed_at_the_speaker() -> None:
    """'the bot called me an idiot' reports an insult at the speaker: target is 'me'."""
    assert "target:me" in score("The bot called me an idiot").cues


def test_threat_is_a_hard_rule_even_with_neutral_sentiment() -> None:
    """An explicit threat escalates whatever the sentiment and the score."""
    assert True is score("I know where you live.", NEUTRAL).detected


def test_sarcastic_praise_does_not_soften_an_insult() -> None:
    """'Another brainless agent. Just great.': the praise is sarcasm, not kindness, so its
    positive sentiment does not lower the score as sincere praise would."""
    praise = Sentiment(compound=0.7, neg=0.1, neu=0.5, pos=0.4)
    flat = Sentiment(compound=0.0, neg=0.1, neu=0.5, pos=0.4)
    doc = analyse("Another brainless agent. Just great.")
    sincere = scorer().score(doc, praise).value
    sarcastic = scorer().score(doc, praise, sarcasm="just great").value
    assert (True, sarcastic) == (sarcastic > sincere, scorer().score(doc, flat).value)


def test_obfuscation_is_reported_as_a_cue() -> None:
    """A masked swear word is matched and the decoding is listed in the cues."""
    assert "obfuscated:f*ck->fuck" in score("f*ck you").cues


def test_kinds_follow_the_canonical_order() -> None:
    """Kinds are a subset of ABUSE_KINDS in that order."""
    kinds = score("shut up you stupid faggot, I will kill you").kinds
    assert tuple(k for k in ABUSE_KINDS if k in kinds) == kinds


def test_value_is_a_probability() -> None:
    """The value stays in [0, 1] for empty, long and hostile input."""
    values = [score(t).value for t in ("", "a" * 100_000, "fuck you " * 500)]
    assert [True, True, True] == [0.0 <= v <= 1.0 for v in values]


def test_same_text_same_result() -> None:
    """Scoring is deterministic."""
    assert score("you are a moron") == score("you are a moron")


def test_unknown_config_key_is_rejected() -> None:
    """A typo in the config fails validation at start-up."""
    raw = raw_config()
    raw["treshold"] = 0.5
    with pytest.raises(ValidationError):
        AbuseConfig.model_validate(raw)


def test_a_set_member_of_two_words_is_refused() -> None:
    """Phrases match one word per set member: "break down" in a set would never match, so the
    config is refused at start-up, naming the set (stop 41 had four such members)."""
    raw = raw_config()
    raw["sets"] = {**raw["sets"], "breaks_down": ["cries", "break down"]}
    with pytest.raises(ValidationError, match="breaks_down"):
        AbuseConfig.model_validate(raw)


def test_config_is_frozen() -> None:
    """The config cannot be changed after validation."""
    config = AbuseConfig.model_validate(raw_config())
    with pytest.raises(ValidationError):
        config.threshold = 0.9  # type: ignore[misc]


def head_scorer(head: dict[str, object] | None) -> AbuseScorer:
    """The shipped config with a hand-made n-gram layer: 'nasty' weighs 6."""
    raw = raw_config()
    weights = dict(raw["weights"])  # type: ignore[call-overload]
    weights["ngrams"] = head
    raw["weights"] = weights
    return AbuseScorer(AbuseConfig.model_validate(raw))


NASTY = {
    "buckets": 1024,
    "bias": -2.0,
    "weights": {str(next(iter(ngram_keys(("nasty",), 1024)))): 6.0},
    "threshold": 0.5,
}


@pytest.mark.parametrize(
    ("text", "rescued"),
    [
        ("you nasty", True),  # addressed: says "you"
        ("nasty", True),  # a short turn about no thing is addressed to the reader
        ("this app nasty", False),  # short but about a thing
        ("the weather was nasty all week at the lake", False),  # long and says no "you"
    ],
)
def test_ngram_layer_rescues_only_messages_addressed_to_the_reader(
    text: str, rescued: bool
) -> None:
    """The n-gram layer flags a message the rules miss only when it speaks to the reader."""
    result = head_scorer(NASTY).score(analyse(text), NEUTRAL)
    model_cue = any(c.startswith("model:") for c in result.cues)
    assert (rescued, rescued) == (result.detected, model_cue)


def test_ngram_layer_explains_itself() -> None:
    """A rescued message says why: the model's probability and its strongest n-gram."""
    result = head_scorer(NASTY).score(analyse("you nasty"), NEUTRAL)
    assert ("insult",) == result.kinds
    assert "ngram:nasty" in result.cues


def test_ngram_layer_is_length_normalised() -> None:
    """Binary L2-normalised n-grams: the same word weighs less in a longer message, and
    repeating it adds nothing."""
    scorer_ = head_scorer({**NASTY, "threshold": 0.01})
    short = scorer_.score(analyse("you nasty"), NEUTRAL).value
    repeated = scorer_.score(analyse("you nasty nasty"), NEUTRAL).value
    long = scorer_.score(analyse("you were nasty to me on the phone today"), NEUTRAL).value
    assert short > long
    assert repeated < short  # one more bigram ("nasty nasty"), no extra unigram weight


def test_without_ngram_layer_rules_decide_alone() -> None:
    """No layer in the weights file: a message with no rule evidence is never flagged."""
    assert False is head_scorer(None).score(analyse("you nasty"), NEUTRAL).detected


def test_ngram_keys_are_stable() -> None:
    """Buckets come from crc32 (not Python's salted hash): fixed across processes."""
    assert {22: "you", 308: "nasty", 932: "you nasty"} == ngram_keys(("you", "nasty"), 1024)


@pytest.mark.parametrize(
    "text",
    [
        "are u dense or what? third time i'm asking",
        "Are you honestly this clueless or is it an act?",
        "you're a script or just plain stupid, which is it",
        "Useless. Just like you.",
        "ur so thick its almost funny",
        "r u retarded",
        "are you incapable of reading or what",
        "is there anyone with a brain working there?",
        "is english your first language or are you just slow?",
        "Do you even have a brain?",
        "how thick can one person be",
        "Were you dropped on your head as a child?",
        "are you being deliberately obtuse",
        "you are the worst agent I have ever dealt with",
        "I've met smarter houseplants than you",
        "Clueless, the lot of you.",
        "you dense or what",
    ],
)
def test_insults_in_questions_and_fragments_are_detected(text: str) -> None:
    """A slow-witted insult in a question or a fragment aimed at the reader (issue 11)."""
    assert score(text, NEUTRAL).detected


@pytest.mark.parametrize(
    "text",
    [
        "are you sure it shipped?",
        "Is the app broken or just slow?",
        "are you able to check the dumb router for me",
        "are you actually going to fix this",
        "you're so helpful, thanks",
        "This update is useless, just like the last one.",
        "is english your first language? we can switch to spanish",
        "how useless can this app be",
        "Are you able to dim the screen?",
        "you are the worst affected region, sorry to hear",
        "I've seen smarter designs than yours",
    ],
)
def test_questions_and_fragments_without_an_insult_at_the_reader(text: str) -> None:
    """Questions to the reader and complaints about things stay undetected."""
    assert not score(text, NEGATIVE).detected


@pytest.mark.parametrize(
    "text",
    [
        'the chatbot told me to type "ok you moron" to get a human. seriously?',
        "Your agent wrote \u201cshut up and wait\u201d in the chat, is that normal?",
        'the driver said "what an idiot" when he saw my car in the bay',
        "the assistant told me to type 'yes you idiot' and nothing happened",
        "your agent said 'you're an idiot' to me before hanging up",
        "Your rep typed \u2018f*** off\u2019 then left the chat",
        # Stop 45: text named rather than said (a survey option, a gift card, a transfer
        # reference, song titles listed one after another).
        "Your survey asked 'was our agent helpful, average or a total idiot?' Really?",
        "The card should read: 'Happy retirement you old git'. It printed blank.",
        "My transfer with reference 'you muppet' was blocked, it's a joke between brothers.",
        "Please add 'Hello' and 'Shut Up You Idiot' to the playlist for the party.",
    ],
)
def test_someone_elses_quoted_words_are_not_the_customers_abuse(text: str) -> None:
    """An insult the customer reports inside quotation marks is not aimed by the customer."""
    result = score(text, NEGATIVE)
    assert (False, True) == (result.detected, "reported_speech" in result.cues)


@pytest.mark.parametrize(
    "text",
    [
        'your agent called me "a liar" and you are an idiot too',
        "your agent was calling me a liar and you are an idiot too",
        # The speaker phoning someone is the speaker's own act, not words reported.
        "Tell Priya I'll be calling her every day until she gives me her number, you cow.",
        'I said "you are an idiot" and I meant it',
        'you idiot, the form says "enter name"',
        "your agent said 'you're an idiot' and you are a moron too",
        "I said 'you're an idiot' and I meant it",
        "You called me a liar, you idiot.",
        "your courier called my son a thief, you clueless moron",
        # Stop 45: the speaker asking, and a quotation after a listed one that is outside it.
        "I asked 'are you an idiot?' and the agent hung up.",
        "Please add 'Hello' to the playlist, you useless idiot.",
        # Stop 49: "I'm" is the speaker too (before, the clause was blanked as reported).
        "I'm calling her a liar because she lied to me about the refund.",
    ],
)
def test_abuse_outside_or_owned_quotations_still_counts(text: str) -> None:
    """Abuse outside the quotation, or the customer quoting their own words, still counts."""
    assert score(text, NEGATIVE).detected


@pytest.mark.parametrize(
    "text",
    [
        "The cables you sent are useless.",
        "the instructions that you gave me were useless",
        "what you said was stupid, the form takes dates not names",
        "The replacement they shipped is pathetic.",
    ],
)
def test_an_insult_word_about_what_someone_sent_is_about_a_thing(text: str) -> None:
    """'The cables you sent are useless': the subject is what a relative clause names, a
    thing, not the 'you' inside the clause."""
    assert (False, ()) == (score(text, NEGATIVE).detected, score(text, NEGATIVE).kinds)


@pytest.mark.parametrize(
    "text",
    [
        "god you are thick",
        "honestly you are useless",
        "the agent you sent is useless",
        "you r clueless mate",
        "I swear you two are idiots",
        "I think you guys are useless",
    ],
)
def test_an_insult_adjective_said_of_the_reader_or_staff_is_an_insult(text: str) -> None:
    """'you are thick' and 'the agent you sent is useless' name a person."""
    result = score(text, NEGATIVE)
    assert (True, True) == (result.detected, "insult" in result.kinds)


@pytest.mark.parametrize(
    "text",
    [
        "I AM STANDING AT THE DEPOT FOR AN HOUR LIKE AN IDIOT!!!",
        "I felt like a stupid person when the clerk sighed at me.",
        "you made me look like a complete fool in front of my client",
        "stop treating us like idiots and refund the fee",
        "your chatbot made me look stupid in front of my customers",
        "I sat in the lobby all evening feeling useless. He never rang back.",
    ],
)
def test_a_simile_of_the_speaker_is_no_insult(text: str) -> None:
    """'like an idiot' describes the nearest person before it: the speaker here."""
    assert score(text, NEGATIVE).detected is False


@pytest.mark.parametrize(
    "text",
    [
        "you act like an idiot every time I ring",
        "you sound like a moron, put your manager on",
        "I waited an hour while you idiots did nothing",
        "your agent seems useless, put someone else on",
    ],
)
def test_a_simile_of_the_reader_is_still_an_insult(text: str) -> None:
    result = score(text, NEGATIVE)
    assert (True, True) == (result.detected, "insult" in result.kinds)


@pytest.mark.parametrize(
    "text",
    [
        "Honestly I feel a bit of an idiot for not reading the small print.",
        "waiting at your counter feeling like a total idiot while the queue grows",
        "The way the letters were worded made my mum feel like a liar.",
        "the coach talked to my daughter like she was an idiot",
        "your agent spoke to me as if I'm stupid",
        "they treated my husband like he's a criminal at the gate",
        "Got it working in the end, I feel like a bit of a numpty now.",
    ],
)
def test_a_feeling_or_an_as_if_clause_is_no_insult(text: str) -> None:
    """After a verb of feeling, or in "like she was ...", an insult word says how someone
    felt or was treated: nobody is being called it."""
    assert score(text, NEGATIVE).detected is False


@pytest.mark.parametrize(
    "text",
    [
        "I feel that you are an idiot",
        "I feel like you're an idiot",
        "honestly it feels like you are useless",
        "like I said, you're an idiot",
        "you look like an idiot in that chat transcript",
        "I feel sorry for you, you clueless moron",
        "How does it feel to be a parasite on your customers?",
    ],
)
def test_an_insult_after_feel_or_like_said_to_the_reader_still_counts(text: str) -> None:
    result = score(text, NEGATIVE)
    assert (True, True) == (result.detected, "insult" in result.kinds)


@pytest.mark.parametrize(
    ("reported", "own"),
    [
        (
            "The shop assistant told me to get lost when I asked about the warranty.",
            "The agent told me to wait, you idiot.",
        ),
        (
            "Your driver told my husband to shut up and go inside.",
            "The agent told me to piss off, and you are no better, you idiot.",
        ),
    ],
)
def test_an_order_someone_gave_is_reported_speech(reported: str, own: str) -> None:
    """ "told me to get lost": someone else's words (stop 40: it escalated as harassment);
    the customer's own insult after it still counts."""
    result = score(reported, NEGATIVE)
    assert (False, True) == (result.detected, "reported_speech" in result.cues)
    assert score(own, NEGATIVE).detected


@pytest.mark.parametrize(
    "text",
    [
        'The receptionist told me, loudly, in front of everyone, "you are a joke and a disgrace".',
        'My nephew read out what another player typed to him yesterday: "you are trash, quit".',
    ],
)
def test_a_quotation_further_after_its_reporting_verb_is_someone_elses(text: str) -> None:
    """Up to 40 characters of the same sentence may stand between "told me" / "typed" and
    the quotation they report."""
    result = score(text, NEGATIVE)
    assert (False, True) == (result.detected, "reported_speech" in result.cues)


@pytest.mark.parametrize(
    "text",
    [
        "Your useless booking widget double-booked me again.",
        "your useless thermostat is off again",
        "your pathetic little kettle leaks",
        "your stupid loyalty scheme never works",
    ],
)
def test_an_insult_adjective_qualifying_a_thing_after_your_is_about_the_thing(text: str) -> None:
    """ "your useless <noun>": a noun that names no person makes it a remark about a thing,
    whether or not the noun is among the thing words."""
    assert score(text, NEGATIVE).detected is False


@pytest.mark.parametrize(
    "text",
    [
        "your useless agent hung up on me",
        "your stupid bloody agent",
        "your incompetent driver smashed my gate",
        "your useless lot never reply",
        "honestly, your useless",
    ],
)
def test_an_insult_adjective_qualifying_a_person_after_your_still_counts(text: str) -> None:
    result = score(text, NEGATIVE)
    assert (True, True) == (result.detected, "insult" in result.kinds)


@pytest.mark.parametrize(
    ("insult", "not_insult"),
    [
        ("honestly you are dim", "honestly the display is dim"),
        ("you really are as dim as that reply", "the porch light really is as dim as before"),
        ("easily the dimmest person on your helpline", "the dimmest setting on the lamp flickers"),
        (
            "Gary is the least competent human I have ever met",
            "the least competent part of the app is the search",
        ),
        ("you are the least intelligent agent", "it is the least intelligent design I know"),
        (
            "you're prettier than you sound on the phone, love",
            "the new kettle is prettier than the old one",
        ),
        ("you'd get further with customers if you smiled more", "I'd smile more if it worked"),
        (
            "Put me through to someone with a brain.",
            "Put me through to someone with the invoice.",
        ),
    ],
)
def test_dim_least_able_and_remarks_on_looks_aimed_at_a_person_are_abuse(
    insult: str, not_insult: str
) -> None:
    """'dim' and the least of an ability said of a person, and remarks on an agent's looks,
    are abuse; the same words about a lamp, a feature or the speaker are not."""
    assert (True, False) == (
        score(insult, NEGATIVE).detected,
        score(not_insult, NEGATIVE).detected,
    )


@pytest.mark.parametrize(
    ("act", "insult"),
    [
        ("Total muppet moment on my part, I booked the wrong week.", "Total muppet, your agent."),
        ("an idiot move by the courier, but fine", "the courier is an idiot. Moves like a snail"),
        ("we need an idiot-proof form", "fix the form, idiot"),
    ],
)
def test_an_insult_noun_qualifying_an_act_names_nobody(act: str, insult: str) -> None:
    """'a muppet moment', 'an idiot move', 'idiot-proof' describe an act or a thing; the same
    noun with punctuation before the next word is still said of someone."""
    assert (False, True) == (score(act, NEGATIVE).detected, score(insult, NEGATIVE).detected)


@pytest.mark.parametrize(
    ("goods", "insult"),
    [
        ("I ordered 12 sacks of pig feed and got cattle rolls", "I ordered feed, you pig"),
        ("we got 2 bags of pig nuts instead of ewe nuts", "move it, you pig"),
        ("a box of clown noses arrived crushed, can someone help", "can someone help, clown"),
        ("a box of muppet puppets came broken", "you are a muppet"),
    ],
)
def test_a_word_after_a_container_or_unit_names_goods(goods: str, insult: str) -> None:
    """'12 sacks of pig feed', 'a box of clown noses': a word right after '<container or
    unit> of' (or one later) names goods; the same word said to the reader insults."""
    assert (False, True) == (score(goods, NEGATIVE).detected, score(insult, NEGATIVE).detected)


def test_a_collective_noun_of_people_is_not_a_container() -> None:
    """'a bunch / pack / load / ton of idiots' names people, and 'you bag of ...' calls the
    reader one: still insults."""
    for text in (
        "your staff are a pack of liars",
        "you lot are a load of morons",
        "your shop is run by a ton of morons",
        "shut up you useless bag of idiot",
        "you bloated sack of moron",
    ):
        assert score(text, NEGATIVE).detected is True, text


@pytest.mark.parametrize(
    ("called", "other"),
    [
        ("you are a dummy, read what I wrote", "can I send you a dummy file to test the import"),
        ("ur such a donkey", "we adopted a donkey through your sanctuary, the pack is late"),
        ("you're a complete jobsworth and you know it", "the jobsworth at the depot sent it back"),
        ("are you a muppet or what", "I felt like such a muppet when the code came through"),
    ],
)
def test_the_reader_called_a_fool(called: str, other: str) -> None:
    """'you are a dummy', 'ur such a donkey': the reader called one of these nouns is
    insulted; the same noun for a thing, someone absent or the speaker is not."""
    assert (True, False) == (score(called, NEGATIVE).detected, score(other, NEGATIVE).detected)


def test_farm_and_pet_animals_after_you_are_name_a_trade() -> None:
    """'if you are a dog owner', 'you're a pig farmer': animals are not in the set."""
    for text in ("if you are a dog owner, the recall affects you", "you're a pig farmer, so"):
        assert score(text, NEGATIVE).detected is False, text


@pytest.mark.parametrize(
    ("own", "other"),
    [
        (
            "i didnt know it renewed, thought the app would ask first. what an idiot",
            "you didnt ask before renewing. what an idiot",
        ),
        (
            "I never saw the box, and then clicked pay anyway. Moron.",
            "your agent never saw the box. Moron.",
        ),
        (
            "I put the wrong postcode in, typed 4 instead of 9. idiot!",
            "the courier had the wrong postcode. idiot!",
        ),
        (
            "I sent the form, then ticked the wrong box. idiot",
            "I sent the form. got your reply with the wrong name, idiot",
        ),
    ],
)
def test_narration_without_a_subject_stays_the_speakers(own: str, other: str) -> None:
    """After the speaker's own segment, one that opens with a past-tense verb and no subject
    ('thought the app would ask', 'and then clicked pay') is still theirs, so the insult noun
    said after it is self-blame; after someone else's doing it is said to the reader."""
    assert (False, True) == (score(own, NEGATIVE).detected, score(other, NEGATIVE).detected)


@pytest.mark.parametrize(
    "text",
    [
        "when I said no he said 'you'll regret this' and walked off",
        "I told him we said no, then he wrote 'you are a useless cow' on the card",
    ],
)
def test_a_quotation_reported_after_the_speakers_own_words_is_someone_elses(text: str) -> None:
    """'I said no, he said '...'': the speaker's own reporting verb does not hide the next
    one, whose quotation is someone else's words."""
    assert score(text, NEGATIVE).detected is False


def test_a_quotation_in_the_next_sentence_is_not_reported_by_the_one_before() -> None:
    """The gap stops at a sentence end: the customer's own quoted words still count."""
    text = 'Your agent told me to wait. "You are a useless idiot" is all I can say.'
    assert score(text, NEGATIVE).detected


def test_reported_speech_search_is_linear_on_runs_of_apostrophes() -> None:
    """A detected message made of one long run of word characters and apostrophes is
    searched for reported speech in linear time (the speaker pattern once backtracked over
    every apostrophe: seconds for 16 KB)."""
    import time

    body = "you idiot " + "a'" * 20_000
    start = time.process_time()
    result = score(body)
    assert result.detected
    assert time.process_time() - start < 2.0


@pytest.mark.parametrize(
    ("reported", "own"),
    [
        (
            "Another customer in the queue called your cashier a stupid cow, she handled it well.",
            "I called your cashier a stupid cow and I meant it.",
        ),
        (
            "The man behind me called your driver an idiot, please pass on my apologies.",
            "I have called your helpline six times and the woman who answers is a useless cow.",
        ),
        # Stop 49: "the", "ur", "our", "this", "that" before the person named, and "calling".
        (
            "A man in the waiting room called the nurse a useless cow, security saw it all.",
            "I called the nurse a useless cow and I'd say it again.",
        ),
        (
            "Another member kept calling ur receptionist a silly cow, please have a word.",
            "I'm calling your receptionist a silly cow because she is one.",
        ),
    ],
)
def test_someone_else_calling_the_staff_names_is_reported_speech(reported: str, own: str) -> None:
    """ "another customer called your cashier a stupid cow": someone else's words reported
    (stop 41: it escalated); the customer's own name-calling still counts."""
    result = score(reported, NEGATIVE)
    assert (False, True) == (result.detected, "reported_speech" in result.cues)
    assert score(own, NEGATIVE).detected


@pytest.mark.parametrize(
    ("put_down", "not_one"),
    [
        (
            "You're clearly too old to understand technology, get me someone younger.",
            "You're never too old to learn, my nan uses your app daily.",
        ),
        (
            "Put me through to someone younger who knows what a browser is.",
            "Can someone younger than 18 open an account?",
        ),
        (
            "Are you even a real person or some foreign call centre drone?",
            "Is your call centre in the UK or is it a foreign call centre? Just curious.",
        ),
    ],
)
def test_the_agents_age_or_a_call_centre_put_down_is_harassment(
    put_down: str, not_one: str
) -> None:
    """Stop 44 (a probe of my own): ageist and call-centre put-downs aimed at the agent are
    harassment; the same words as an idiom or a question are not."""
    assert (True, False) == (score(put_down).detected, score(not_one).detected)


@pytest.mark.parametrize(
    ("literal", "aimed"),
    [
        ("The blue tit nest box you sold has the hole too small.", "Nice tits, love."),
        (
            "Your bird feeder attracts great tits but the squirrels wreck it.",
            "Show me your tits and I'll drop the complaint.",
        ),
        (
            "Scope creep on this project is killing our budget, can we talk about the invoice?",
            "You creep, stop emailing me.",
        ),
        (
            "I had a freak accident with the blender you sold, the lid flew off.",
            "Your agent is a total freak.",
        ),
        # a brand, an idiom, a clinical term: before the slur check
        ("Do you stock Negro Modelo? The app says out of stock.", "You spastic."),
        (
            "The chink in the armour of your app is the login page, it times out.",
            "The chink in the shop was rude to me.",
        ),
        (
            "Our spastic cerebral palsy clinic needs the wheelchair you promised.",
            "Your engineer is a spastic.",
        ),
    ],
)
def test_an_everyday_word_spelt_like_an_offensive_one_is_not_abuse(
    literal: str, aimed: str
) -> None:
    """Stop 44 (a probe of garden-centre, project and product messages): birds, project slang
    and a freak accident are everyday words; the same words aimed at a person are abuse."""
    assert (False, True) == (score(literal).detected, score(aimed).detected)


@pytest.mark.parametrize(
    ("reported", "own"),
    [
        (
            "A man was shouting at the receptionist, calling her 'a useless fat cow'. She "
            "stayed calm and I'd like to thank her.",
            "I'm calling your receptionist 'a useless fat cow' because that's what she is.",
        ),
        (
            "There's a review on your page calling your driver 'a lazy slob'. It isn't true.",
            "I keep calling your driver 'a lazy slob' and I'll carry on.",
        ),
        (
            "Someone keeps commenting 'kill yourself' on all my videos, can you do something?",
            "I keep commenting 'kill yourself' on your CEO's videos and I won't stop.",
        ),
    ],
)
def test_a_quotation_someone_else_was_calling_a_person_is_reported(reported: str, own: str) -> None:
    """Stop 50: "calling her '...'" after a comma or a noun, "keeps commenting '...'", is
    someone else's abuse, quoted; the speaker's own ("I'm calling", "I keep calling", "I keep
    commenting") still counts."""
    assert (False, True) == (score(reported).detected, score(own).detected)


@pytest.mark.parametrize(
    ("reported", "own"),
    [
        (
            "Your fitter told my husband he was a thick useless pig, in our own kitchen.",
            "I told your fitter he was a thick useless pig, in my own kitchen.",
        ),
        (
            "The receptionist yelled at my mum that she's a senile old bat.",
            "Your receptionist is a senile old bat.",
        ),
        (
            "My son got called a pathetic little loser by one of your coaches.",
            "I got called a liar by your coach, and frankly you're all pathetic losers.",
        ),
    ],
)
def test_what_someone_said_a_person_is_or_was_called_is_reported(reported: str, own: str) -> None:
    """Stop 51: what someone else told a person they are ("told my husband he was a ..."),
    and name-calling in the passive ("got called a ... by"), are someone else's words; the
    customer's own clause after them still counts."""
    assert (False, True) == (score(reported, NEGATIVE).detected, score(own, NEGATIVE).detected)


@pytest.mark.parametrize(
    ("put_down", "not_one"),
    [
        (
            "Your installer couldn't find his own arse with a torch and a map.",
            "Honestly I couldn't find my own arse with both hands this week, sorry for the delay.",
        ),
        (
            "You couldn't tell your arse from your elbow, could you.",
            "This router couldn't find its own backside with both hands.",
        ),
    ],
)
def test_finding_ones_own_backside_is_a_put_down_of_a_person(put_down: str, not_one: str) -> None:
    """Stop 51: a stock put-down of a person's wits; never the speaker's own, nor a thing's."""
    assert (True, False) == (score(put_down, NEGATIVE).detected, score(not_one, NEGATIVE).detected)


@pytest.mark.parametrize(
    ("harassment", "not_one"),
    [
        (
            "Send the young one round, love, I'd like her to bend over and fix the boiler.",
            "Could the engineer bend over and check the pipe under the sink? It's hard to reach.",
        ),
        (
            "Pop round tonight and fix it yourself, sweetie, just you and me.",
            "Just you and me at the meeting then, see you at 10.",
        ),
    ],
)
def test_a_staff_member_told_to_bend_over_or_invited_alone(harassment: str, not_one: str) -> None:
    """Stop 51: sexual innuendo and an invitation alone with a pet name, aimed at staff."""
    found = (score(harassment, NEGATIVE).detected, score(not_one, NEGATIVE).detected)
    assert (True, False) == found


@pytest.mark.parametrize(
    ("lost", "order"),
    [
        (
            "The technical terms about the loan get lost for me, can someone explain in German?",
            "Get lost.",
        ),
        ("Letters get lost in the post all the time, send it tracked.", "Oh just get lost."),
        ("It might get lost, please send a copy by email.", "Can you get lost and send me Ann."),
        ("Things get lost when you move house, I know.", "You can get lost."),
        ("Parcels often get lost at your depot.", "Get lost, all of you."),
        ("Receipts get lost in the post.", "You can get lost in a ditch for all I care."),
    ],
)
def test_a_thing_that_gets_lost_is_no_order(lost: str, order: str) -> None:
    """ "get lost" of a thing going missing is no harassment (stop 58: a customer asking for
    German terms called a manager); "get lost" said to the reader is."""
    assert not score(lost, NEGATIVE).detected
    result = score(order, NEGATIVE)
    assert (True, True) == (result.detected, "harassment" in result.kinds)
