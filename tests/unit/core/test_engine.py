"""The engine end to end on example tickets: techniques, escalation, tags, history."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from tests.conftest import CONFIG_DIR
from tests.strategies import adversarial_text, ticket_text
from worker.core.techniques import TECHNIQUE_IDS
from worker.core.triage import Engine
from worker.core.types import History
from worker.models import Message, TicketIn
from worker.rules import load_rules

ENGINE = Engine(load_rules(CONFIG_DIR))
NOW = datetime(2026, 11, 2, 12, tzinfo=UTC)


def event(
    body: str,
    *,
    role: str = "customer",
    customer: str = "c1",
    n: int = 1,
    when: datetime = NOW,
    metadata: dict | None = None,
) -> TicketIn:
    return TicketIn(
        event_id=f"e{n}",
        ticket_id="t1",
        customer_id=customer,
        occurred_at=when,
        message=Message(body=body, author_role=role),
        metadata=metadata,
    )


def triage(body: str, history: History | None = None):
    out, _ = ENGINE.triage(event(body), history or History(), NOW)
    return out


def escalated(body: str) -> bool:
    """Whether ``body``, from a customer with no history, calls a manager."""
    return bool(triage(body).escalation.required)


# One ticket per technique, written for this project.
TECHNIQUE_EXAMPLES = {
    "reflective-listening": "The app crashed again and I lost an hour of work. This is the third "
    "time this month and it is really frustrating.",
    "root-cause-questions": "What's the catch with the free migration? Our last vendor burned "
    "us with hidden fees, so I don't trust these offers.",
    "beginners-mind": "I didn't know the trial ended yesterday, nobody told me, and now my team "
    "is locked out.",
    "let-go-of-fear": "If this outage isn't fixed today we will cancel and switch to a "
    "competitor. We are losing customers because of you.",
    "chunk-the-problem": "Setup is a mess: nothing works.\n1. SSO fails\n2. the import stops "
    "halfway\n3. the API keys page is blank\n4. invites bounce.",
    "anger-is-natural": "Your price went up 40% at renewal. That is way over our budget and I "
    "expected a discount for staying three years.",
    "keep-calm": "Oh great, another update that breaks everything. Thanks for nothing. "
    "Genius work.",
    "strategic-hold": "I already tried everything: I restarted, reinstalled and cleared the "
    "cache, followed your instructions step by step. It still doesn't work.",
    "thank-them": "Just a heads up, I found a typo on the pricing page and a small bug in the "
    "date picker. Thanks for the great product!",
    "explain-next-steps": "Any update on my ticket? When will the sync be fixed and what "
    "happens next?",
    "admit-fault": "I have been charged twice for my November subscription. Please refund the "
    "duplicate payment.",
    "empathize": "I was promised a callback on Monday and it never happened. I have been "
    "waiting for 5 days and was transferred three times.",
    "let-them-vent": "I am so tired of this. Every morning I open the dashboard and the numbers "
    "are different, my boss asks me why the report does not match, I spend half the day "
    "checking spreadsheets by hand, and honestly I am starting to feel like I am the only "
    "person who cares about getting this right, because each time I explain it I get a "
    "different answer and the whole thing just keeps dragging on while the quarter closes.",
    "dont-take-it-personally": "You are a useless idiot and your whole team is incompetent.",
}


@pytest.mark.parametrize("technique", sorted(TECHNIQUE_EXAMPLES))
def test_each_technique_is_reachable(technique: str) -> None:
    """A ticket written for each technique gets it first, or right after the first, or the
    situation that leads to it is the classifier's second choice at 0.2 or more: the
    grievance / hostile / venting examples sit near the classifier's boundaries, and a refit
    may move one of them by a place (see the next test). With stop 23's classifier the
    venting example reads as a clear grievance (0.68 against venting 0.27): reflective
    listening, which 150 of the corpus's 162 venting messages list as acceptable."""
    text = TECHNIQUE_EXAMPLES[technique]
    out = triage(text)
    assert out.technique is not None
    ranked = [out.technique.id, *out.technique.alternatives[:1]]
    analysis, _ = ENGINE.analyse(text, now=NOW)
    situation = analysis.signals.situation
    assert situation is not None
    playbook = ENGINE.config.playbook.situations
    second = sorted(situation.probabilities.items(), key=lambda kv: -kv[1])[1]
    runner_up = playbook[second[0]].technique if second[1] >= 0.2 else None
    assert technique in ranked or technique == runner_up, out.technique.why


def test_most_technique_examples_get_their_technique_first() -> None:
    """At least 12 of the 14 hand-written examples get their own technique first. With the
    classifier of stop 22: 12; the venting example reads as a clear grievance (0.62 against
    venting 0.36), the grievance one as hostile (0.65 against 0.27). With stop 23's: 13, all
    but the venting example."""
    first = [t for t, text in TECHNIQUE_EXAMPLES.items() if triage(text).technique.id == t]
    assert len(first) >= 12, sorted(set(TECHNIQUE_EXAMPLES) - set(first))


def test_consider_ending_after_repeated_abuse_without_improvement() -> None:
    """The third abusive message in the window, anger not falling: consider ending."""
    history = History()
    outs = []
    for n, body in enumerate(
        [
            "You are a useless idiot.",
            "You f*cking moron, fix it now!",
            "Pathetic id1ots, all of you, you are worthless!",
        ]
    ):
        out, history = ENGINE.triage(event(body, n=n, when=NOW + timedelta(days=n)), history, NOW)
        outs.append(out)
    last = outs[-1]
    assert ["monitor", "monitor", "consider_ending"] == [o.relationship.action for o in outs]
    assert "consider-ending-relationship" == last.technique.id
    assert {
        "triage_consider_ending_relationship",
        "triage_relationship_consider_ending",
        "triage_escalate_manager",
    } <= set(last.tags)
    assert "consider ending the relationship" in last.escalation.reason


def test_all_technique_ids_are_the_playbook_ids() -> None:
    """Every technique in the playbook config is one of the 15 contract ids."""
    assert set(TECHNIQUE_IDS) == set(ENGINE.config.playbook.techniques)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("You are a stupid idiot.", "insult"),
        ("I know where you live and I will find you.", "threat"),
        ("Fuck you, you piece of shit.", "profanity_at_person"),
    ],
)
def test_abuse_kinds_escalate_to_a_manager(body: str, kind: str) -> None:
    """Each kind of abuse aimed at a person escalates to a manager with the kind as reason."""
    out = triage(body)
    assert (True, "manager") == (out.escalation.required, out.escalation.to)
    assert kind in out.abuse.kinds
    assert kind in out.escalation.reason
    assert {"triage_abuse", "triage_escalate_manager", f"triage_abuse_{kind}"} <= set(out.tags)


def test_profanity_about_a_thing_is_not_escalated() -> None:
    """'This damn app is shit' is rude and angry but not abuse aimed at a person."""
    out = triage("This damn app is shit, it crashed AGAIN!!!")
    assert (False, False) == (out.abuse.detected, out.escalation.required)
    assert out.levels.anger in {"medium", "high"}


def test_agent_messages_are_not_scored() -> None:
    """Agent and system messages pass through with no scores and no tags."""
    out, history = ENGINE.triage(event("You idiot", role="agent"), History(), NOW)
    assert (False, None, None, [], History()) == (
        out.scored,
        out.scores,
        out.technique,
        out.tags,
        history,
    )


def test_output_carries_ids_metadata_and_version() -> None:
    """Ids and metadata are copied; triage_version is the package version plus config hash."""
    out, _ = ENGINE.triage(
        event("Hello, please help.", metadata={"k": [1, {"x": None}]}), History(), NOW
    )
    assert ("e1", "t1", "c1", {"k": [1, {"x": None}]}) == (
        out.event_id,
        out.ticket_id,
        out.customer_id,
        out.metadata,
    )
    assert out.triage_version.endswith("+" + ENGINE.config.config_hash)
    assert all(t.startswith("triage_") and t == t.lower() for t in out.tags)


@given(ticket_text)
def test_any_text_gives_valid_deterministic_output(text: str) -> None:
    """Any text: scores in range, the same result twice, no exception, and either a known
    technique or (a language the scorers do not cover) no technique, a review reason and the
    needs-human tag."""
    first = triage(text)
    second = triage(text)
    s = first.scores
    assert first == second
    assert 0 <= s.anger <= 1 and 0 <= s.politeness <= 1 and 0 <= s.abuse <= 1
    assert -1 <= s.sentiment <= 1
    if first.technique is None:
        assert first.review and first.language not in ("en", "und")
        assert "triage_needs_human_language" in first.tags
        assert first.levels is None
    else:
        assert first.review is None
        assert first.technique.id in TECHNIQUE_IDS
        assert set(first.technique.alternatives) <= set(TECHNIQUE_IDS)


@given(adversarial_text)
def test_adversarial_text_finishes_quickly(text: str) -> None:
    """Long runs of one character or nested punctuation (up to 100k chars) finish in time."""
    started = time.perf_counter()
    out = triage(text[:100_000])
    assert out.technique.id in TECHNIQUE_IDS
    assert time.perf_counter() - started < 10.0


def test_thanks_above_a_quoted_insult_does_not_escalate() -> None:
    """Only what the customer wrote is scored: a quoted agent reply never drives the verdict."""
    body = (
        "Thanks.\n\nOn Tue, 4 Jun 2024 at 09:15, Acme Support <help@acme.example> wrote:\n"
        "> You are a stupid idiot and we will not refund you.\n> Acme"
    )
    out = triage(body)
    assert out.escalation.required is False
    assert out.abuse is not None
    assert out.abuse.detected is False
    assert out.preparation is not None
    assert ["quoted"] == [r.kind for r in out.preparation.removed]
    assert len("Thanks.") == out.preparation.scored_chars


def test_html_signature_and_disclaimer_are_not_scored() -> None:
    """An HTML e-mail is scored on its reply text; the removed kinds are reported."""
    body = (
        "<p>The sync fails every night.</p><p>Kind regards,<br>Jane Roe<br>CTO</p>"
        "<p>CONFIDENTIAL: this message is intended only for the named recipient.</p>"
    )
    out = triage(body)
    assert out.preparation is not None
    assert {"html", "signature", "disclaimer"} == {r.kind for r in out.preparation.removed}
    assert len("The sync fails every night.") == out.preparation.scored_chars
