"""Wire models: the input ticket event and the enriched output event (schema_version 1).

These are the contract the support system and other tools depend on. ``triage-worker
schema`` prints their JSON Schema.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

__all__ = [
    "SCHEMA_VERSION",
    "Abuse",
    "Escalation",
    "Evidence",
    "Levels",
    "Message",
    "Preparation",
    "Relationship",
    "Removed",
    "Scores",
    "Technique",
    "TicketIn",
    "TriageOut",
]

SCHEMA_VERSION = 1

#: ``occurred_at`` must look like an RFC 3339 date-time (pydantic alone would also take a
#: number or a digit string as a Unix time) and lie in this range (UTC), so that the
#: relationship window and the history codec never overflow ``datetime``.
_RFC3339_START = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
OCCURRED_AT_MIN = datetime(1970, 1, 1, tzinfo=UTC)
OCCURRED_AT_MAX = datetime(9000, 1, 1, tzinfo=UTC)


def _rfc3339_string(value: Any) -> Any:
    """On the wire a string; Python callers may pass a ``datetime``."""
    if (isinstance(value, str) and _RFC3339_START.match(value)) or isinstance(value, datetime):
        return value
    raise ValueError("an RFC 3339 date-time string is required")


def _in_range(value: datetime) -> datetime:
    if not OCCURRED_AT_MIN <= value < OCCURRED_AT_MAX:
        raise ValueError("occurred_at out of range")
    return value


EventTime = Annotated[AwareDatetime, BeforeValidator(_rfc3339_string), AfterValidator(_in_range)]


class Message(BaseModel):
    """The message that was added to the ticket."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    body: str = Field(description="The message text.")
    author_role: Literal["customer", "agent", "system"] = Field(
        "customer", description="Only customer messages are scored."
    )


class TicketIn(BaseModel):
    """A ticket event, schema_version 1. Unknown fields are accepted and ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True, title="TicketEvent")

    schema_version: Literal[1] = 1
    event_id: str = Field(min_length=1, max_length=256, description="Unique id of this event.")
    event_type: Literal["ticket.created", "ticket.message_added"] = "ticket.message_added"
    ticket_id: str = Field(min_length=1, max_length=256)
    customer_id: str = Field(min_length=1, max_length=256)
    occurred_at: EventTime | None = Field(
        None,
        description="RFC 3339 event time, from 1970 to before 9000 (UTC); the time of "
        "processing when absent.",
    )
    message: Message
    channel: str | None = Field(None, max_length=64)
    subject: str | None = None
    locale: str | None = Field(None, max_length=35)
    metadata: dict[str, Any] | None = Field(
        None,
        description="Copied to the output untouched. The whole event nests at most 64 "
        "levels deep; NaN, Infinity and numbers beyond a double are rejected.",
    )


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scores(_Out):
    anger: float = Field(ge=0, le=1)
    politeness: float = Field(ge=0, le=1)
    abuse: float = Field(ge=0, le=1)
    sentiment: float = Field(ge=-1, le=1, description="VADER compound score.")


class Levels(_Out):
    anger: Literal["none", "low", "medium", "high"]
    politeness: Literal["rude", "neutral", "polite"]


class Evidence(_Out):
    """The cues behind each score, as ``kind:detail`` strings."""

    anger: list[str]
    politeness: list[str]
    abuse: list[str]


class Abuse(_Out):
    detected: bool
    kinds: list[Literal["insult", "threat", "harassment", "slur", "profanity_at_person"]]


class Escalation(_Out):
    required: bool
    to: Literal["manager"] | None = None
    reason: str | None = None


class Technique(_Out):
    id: str = Field(description="One of the 15 playbook technique ids.")
    alternatives: list[str] = Field(max_length=2)
    why: list[str] = Field(description="The signals that chose the technique.")
    opener: str = Field(description="A suggested first sentence for the agent.")


class Removed(_Out):
    kind: Literal["html", "quoted", "forwarded", "signature", "disclaimer"]
    chars: int = Field(ge=0, description="Characters removed of this kind (never the text).")


class Preparation(_Out):
    """What the engine cut from the body before scoring; the body itself is never changed."""

    scored_chars: int = Field(ge=0, description="Length of the text that was scored.")
    removed: list[Removed]


class Relationship(_Out):
    action: Literal["continue", "monitor", "consider_ending"]
    abusive_messages_in_window: int = Field(ge=0)


class TriageOut(_Out):
    """The enriched event, schema_version 1: exactly one per valid input event."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="TriagedTicketEvent")

    schema_version: Literal[1] = 1
    event_id: str
    ticket_id: str
    customer_id: str
    event_type: str
    occurred_at: AwareDatetime = Field(description="The event time the engine used.")
    triage_version: str = Field(description="Package version + hash of the active config.")
    scored: bool = Field(description="False for agent and system messages.")
    language: str | None = Field(
        None,
        description="ISO 639-1 code of the scored text, or 'und' when too short or unclear.",
    )
    review: str | None = Field(
        None,
        description="Why a human must judge this message: set when the language is not one "
        "the scorers cover; then levels and technique are left out.",
    )
    preparation: Preparation | None = None
    scores: Scores | None = None
    levels: Levels | None = None
    evidence: Evidence | None = None
    abuse: Abuse | None = None
    escalation: Escalation
    technique: Technique | None = None
    relationship: Relationship | None = None
    tags: list[str]
    metadata: dict[str, Any] | None = None
