"""Strong words in a plain sense ("kill the job", "hate to bother you") for mood, never abuse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import adversarial_text
from tests.unit.core.test_engine import ENGINE, NOW, escalated, triage
from worker.core.senses import plain_senses
from worker.core.sentiment import Vader


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Can you kill the stuck job?", "Can you end the stuck job?"),
        ("Please KILL the process", "Please END the process"),
        ("Killed all my browser tabs, still slow", "Ended all my browser tabs, still slow"),
        ("I keep killing the sync job", "I keep ending the sync job"),
        ("it kills off the background jobs", "it ends off the background jobs"),
        ("kill this bug", "fix this bug"),
        ("Killing bugs all week", "Fixing bugs all week"),
        ("Could you kill my session, please", "Could you end my session, please"),
        ("I\u2019ll kill the app\u2019s developer", None),
        ("kill the old vm and kill the pods", "end the old vm and end the pods"),
    ],
)
def test_a_technical_object_turns_kill_into_end(text: str, plain: str | None) -> None:
    assert plain_senses(text) == plain


@pytest.mark.parametrize(
    "text",
    [
        "I'll kill you.",
        "I'll kill the app's developer.",
        "I could kill the guy who wrote this app",
        "I'm going to kill the app developer",
        "kill your support team",
        "This job is killing me.",
        "My manager will kill me if the export fails",
        "Honestly the dashboard is a killer feature",
        "skill issue with the app",
        "No violence here at all",
        "I hate this company and everyone in it.",
        "I'll kill every worker in your warehouse",
        "I could kill the server who spilt wine on my coat",
        "I hate that I have to chase this every week.",
        "I hate to the core how you treat people",
        "People have killed for less than this",
        "I'll kill for this, you watch",
        "You were rude to me and I don't mean to forget it",
        "I mean to be rude about it",
    ],
)
def test_people_hyperbole_and_other_words_keep_their_words(text: str) -> None:
    assert plain_senses(text) is None


_PIECES = st.sampled_from(
    [
        "kill",
        "KILL",
        "Killed",
        "hate",
        "Hate",
        "to",
        "for",
        "a",
        "the",
        "job",
        "bug",
        "app",
        "developer",
        "'s",
        "have",
        "mode",
        "you",
        ",",
        ".",
    ]
)


@given(st.lists(_PIECES, max_size=12).map(" ".join) | adversarial_text)
def test_a_plain_text_has_nothing_left_to_read(text: str) -> None:
    """The rewrite is final: what it returns has no rule left to apply."""
    plain = plain_senses(text)
    assert plain is None or (plain != text and plain_senses(plain) is None)


@pytest.mark.parametrize(
    "body",
    [
        "Can you kill the stuck job? It's been running for 9 hours.",
        "Please kill the process, it's hanging.",
        "Could you kill my session on the other device?",
        "I hate to bother you again, but the refund still hasn't appeared.",
        "I'd kill for a dark mode, honestly.",
        "I don't mean to be rude, but this is the fourth time I've asked.",
    ],
)
def test_a_plain_sense_is_not_anger(body: str) -> None:
    """Before these rules they scored anger 0.36-0.96, and the first three drew
    `keep-calm`."""
    out = triage(body)
    assert out.levels is not None and out.technique is not None
    assert out.levels.anger == "none"
    assert out.technique.id != "keep-calm"
    assert not out.escalation.required


def test_the_same_request_with_end_scores_the_same() -> None:
    """Mood is scored on the plain text; the output still reports the customer's own length."""
    body = "Can you kill the stuck job?"
    killed, ended = triage(body), triage("Can you end the stuck job?")
    assert killed.scores is not None and ended.scores is not None
    assert killed.scores.anger == ended.scores.anger
    assert killed.scores.politeness == ended.scores.politeness
    assert killed.technique == ended.technique
    assert killed.preparation.scored_chars == len(body)


@pytest.mark.parametrize(
    "body",
    [
        "I'm going to kill you and then kill the server.",
        "Kill the job or I will kill you.",
    ],
)
def test_a_threat_beside_a_technical_kill_still_escalates(body: str) -> None:
    assert escalated(body)


def test_abuse_reads_what_was_written_and_mood_the_plain_text() -> None:
    """Abuse scores the customer's own words; the analysis keeps the text mood was read on
    (what the situation classifier is trained on, ``scripts/train_situations.py``)."""
    body = "kill the stuck job"
    analysis, _ = ENGINE.analyse(body, now=NOW)
    assert analysis.doc.words == ("end", "the", "stuck", "job")
    vader = Vader()
    assert analysis.sentiment == vader.sentiment("end the stuck job")  # not "kill" (-3.7)
    assert vader.sentiment(body).compound < analysis.sentiment.compound
