"""Wire models: the input ticket event and the enriched output event (schema_version 1).

These are the contract the support system and other tools depend on. ``triage-worker
schema`` prints their JSON Schema.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from worker.core.techniques import TECHNIQUE_IDS

__all__ = [
    "DEFAULT_TAG_PREFIX",
    "NEEDS_HUMAN_LANGUAGE",
    "REVIEW_POSSIBLE_THREAT",
    "SCHEMA_VERSION",
    "TAG_SUFFIXES",
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
    "tag_vocabulary",
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
    sentiment: float = Field(
        ge=-1,
        le=1,
        description="VADER compound score of the text anger and politeness read (strong words "
        "in a plain sense, such as 'kill the job', read as 'end the job').",
    )


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


def _literals(model: type[BaseModel], field: str) -> tuple[str, ...]:
    annotation = model.model_fields[field].annotation
    while get_origin(annotation) is list:
        annotation = get_args(annotation)[0]
    return tuple(get_args(annotation))


#: The tags (without their prefix) that ask a person to judge a message first (``review``): a
#: language the scorers do not cover, and a possible threat under the escalation threshold.
NEEDS_HUMAN_LANGUAGE = "needs_human_language"
REVIEW_POSSIBLE_THREAT = "review_possible_threat"

#: Every tag the engine can write, without its prefix, in the order it writes them; built from
#: the models' literals and the playbook's technique ids. TriageOut rejects any other tag, so a
#: new tag cannot ship without being here, in the JSON Schema and in docs/asyncapi.yaml
#: (scripts/asyncapi.py) and docs/helpdesk.md.
TAG_SUFFIXES: tuple[str, ...] = (
    *(f"anger_{level}" for level in _literals(Levels, "anger")),
    *(f"politeness_{level}" for level in _literals(Levels, "politeness")),
    "abuse",
    *(f"abuse_{kind}" for kind in _literals(Abuse, "kinds")),
    "escalate_manager",
    NEEDS_HUMAN_LANGUAGE,
    REVIEW_POSSIBLE_THREAT,
    *(f"technique_{tid.replace('-', '_')}" for tid in TECHNIQUE_IDS),
    *(f"relationship_{a}" for a in _literals(Relationship, "action") if a != "continue"),
    "consider_ending_relationship",
)
#: config/triage.yaml ``tags.prefix`` as shipped.
DEFAULT_TAG_PREFIX = "triage_"


def tag_vocabulary(prefix: str = DEFAULT_TAG_PREFIX) -> tuple[str, ...]:
    """Every tag a help desk can receive with this prefix."""
    return tuple(prefix + suffix for suffix in TAG_SUFFIXES)


#: The prefix of each tag seen valid (a tag's prefix is fixed by the tag alone): most events
#: repeat a few dozen tags, so each is checked against TAG_SUFFIXES once. Bounded: cleared
#: when full.
_TAG_PREFIX: dict[str, str] = {}
_MAX_TAGS = 4096


def _tag_prefix(tag: str) -> str:
    prefix = _TAG_PREFIX.get(tag)
    if prefix is None:
        suffixes = [s for s in TAG_SUFFIXES if tag.endswith(s)]
        if not suffixes:
            raise ValueError(
                f"tag {tag!r} is not in worker.models.TAG_SUFFIXES: add it there and to "
                "docs/helpdesk.md, then run scripts/asyncapi.py"
            )
        prefix = tag[: len(tag) - max(len(s) for s in suffixes)]
        if len(_TAG_PREFIX) >= _MAX_TAGS:
            _TAG_PREFIX.clear()
        _TAG_PREFIX[tag] = prefix
    return prefix


def _known_tags(tags: list[str]) -> list[str]:
    prefixes = set(map(_tag_prefix, tags))
    if len(prefixes) > 1:
        raise ValueError(f"tags with different prefixes {sorted(prefixes)}: unknown tag")
    return tags


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
        description="Why a human must judge this message: a language the scorers do not "
        "cover (then levels and technique are left out), or a possible threat the threat "
        "model scored under the probability at which it escalates (tag "
        "review_possible_threat).",
    )
    preparation: Preparation | None = None
    scores: Scores | None = None
    levels: Levels | None = None
    evidence: Evidence | None = None
    abuse: Abuse | None = None
    escalation: Escalation
    technique: Technique | None = None
    relationship: Relationship | None = None
    tags: Annotated[list[str], AfterValidator(_known_tags)] = Field(
        description="Help-desk tags, each the configured prefix (config/triage.yaml "
        "tags.prefix) and one of a fixed vocabulary; the enum lists them with the shipped "
        "prefix 'triage_'.",
        json_schema_extra={"items": {"type": "string", "enum": list(tag_vocabulary())}},
    )
    metadata: dict[str, Any] | None = None
