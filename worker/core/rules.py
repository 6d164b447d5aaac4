"""The engine's configuration: every scorer's rules, the playbook and the relationship rule.

Pure data models; :mod:`worker.rules` reads them from the config directory.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from worker.core.abuse import AbuseConfig
from worker.core.anger import AngerConfig
from worker.core.language import LanguageConfig
from worker.core.politeness import PolitenessConfig
from worker.core.relationship import RelationshipConfig
from worker.core.sentiment import SarcasmCues
from worker.core.techniques import PlaybookConfig

__all__ = ["EngineConfig", "TriageConfig"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LimitsConfig(_Strict):
    max_body_chars: int = Field(20_000, ge=1, le=1_000_000)
    max_record_bytes: int = Field(1_048_576, ge=1_024, le=16_777_216)


class TagsConfig(_Strict):
    prefix: str = Field("triage_", pattern=re.compile(r"^[a-z0-9_]{0,32}$"))


class EscalationConfig(_Strict):
    always_on_threat: bool = True
    #: A message the learned threat head scores at or above this probability, but under the
    #: threshold at which it escalates, is flagged for a human (``review`` and the tag
    #: ``review_possible_threat``); None turns the flag off. Must be under that threshold.
    review_threat_from: float | None = Field(0.6, gt=0.0, lt=1.0)


class TriageConfig(_Strict):
    """``config/triage.yaml``."""

    limits: LimitsConfig = LimitsConfig()
    tags: TagsConfig = TagsConfig()
    escalation: EscalationConfig = EscalationConfig()
    relationship: RelationshipConfig = RelationshipConfig()


class EngineConfig(_Strict):
    """Everything the engine needs, plus a hash of it for ``triage_version``."""

    triage: TriageConfig
    playbook: PlaybookConfig
    anger: AngerConfig
    politeness: PolitenessConfig
    abuse: AbuseConfig
    language: LanguageConfig
    #: Sarcasm cues, searched once per message; each scorer's ``sarcasm`` rule says how much
    #: a cue moves its score.
    sarcasm: SarcasmCues
    config_hash: str = Field(pattern=r"^[0-9a-f]{12}$")
