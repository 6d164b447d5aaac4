"""The abuse scorer's configuration (``config/abuse.yaml`` and ``abuse.weights.json``) and
the names of the features it computes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from worker.core.threats import ThreatFramesConfig

__all__ = [
    "FEATURES",
    "OFFENSIVE",
    "PHRASES",
    "SCORED_TARGETS",
    "TARGETS",
    "AbuseConfig",
    "AbuseLexicon",
    "AbusePhrases",
    "AbuseTargets",
    "AbuseWeights",
    "NgramHead",
]

#: Offensive word categories and the targets they can be aimed at.
OFFENSIVE: tuple[str, ...] = ("insult_noun", "insult_adj", "complaint_adj", "profanity", "sexual")
TARGETS: tuple[str, ...] = ("you", "staff", "third", "mention", "self", "me", "thing", "none")
#: Targets that make a feature: aimed at the speaker or at a thing is evidence only (a cue),
#: never abuse, by the product's definition ("this damn app", "I'm such an idiot").
SCORED_TARGETS: tuple[str, ...] = ("you", "staff", "third", "mention", "none")
PHRASES: tuple[str, ...] = ("threat", "harassment", "profanity_at_person")

#: Every feature the scorer computes, in a fixed order (the training script uses it too).
FEATURES: tuple[str, ...] = (
    *(f"{c}@{t}" for c in OFFENSIVE for t in SCORED_TARGETS),
    # pooled over all person targets (you, staff, third, mention), so that third persons
    # share strength with the reader; "sexual@me" is "fuck me", "give me sex"
    *(f"{c}@person" for c in OFFENSIVE),
    "sexual@me",
    # explicit sexual talk about the speaker sent to the reader ("i want to swallow semen"),
    # never for words that are also insults ("i'm such a slut" is self-deprecation)
    "sexual@self",
    "insult_count",  # number of insult words aimed at a person or at no one (capped at 3)
    *(f"phrase:{p}" for p in PHRASES),
    "slur",
    "second_person",  # the message addresses someone ("you", "your")
    "short",  # three tokens or fewer (a bare "asshole" is aimed at whoever reads it)
    "vader_neg",
    "vader_negative",  # max(0, -compound)
    "vader_positive",  # max(0, compound)
    "caps_ratio",
    "exclaim",
)


class AbuseTargets(BaseModel):
    """Words that say whom an offensive word is aimed at."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    second_person: tuple[str, ...]
    possessive: tuple[str, ...]
    staff: tuple[str, ...]
    #: People outside the company (the customer's family, a neighbour, a scammer, a
    #: politician): an insult of them is aimed at no one the desk has to protect.
    outsider: tuple[str, ...] = ()
    third_person: tuple[str, ...]
    self: tuple[str, ...]
    self_object: tuple[str, ...] = ()
    self_possessive: tuple[str, ...] = ()  # "my": a thing or a third person, never the reader
    thing: tuple[str, ...]
    negator: tuple[str, ...]
    weak_negator: tuple[str, ...] = ()  # negates adjectives and swearing, not insult nouns
    # "X is (so) WORD": the subject of a copula is the target ("you are annoying me").
    copula: tuple[str, ...] = ()
    predicate_filler: tuple[str, ...] = ()  # words between the copula and the word ("so a")
    #: A subject and its copula in one word: "I'm (such) an idiot" is said of the speaker.
    copula_contracted: tuple[str, ...] = ()


class AbuseLexicon(BaseModel):
    """Offensive words by category (base forms; plurals and stretched letters are derived)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    insult_noun: tuple[str, ...]
    insult_adj: tuple[str, ...]
    complaint_adj: tuple[str, ...] = ()  # insult only when plainly aimed at a person
    profanity: tuple[str, ...]
    slur: tuple[str, ...]
    sexual: tuple[str, ...]


class AbusePhrases(BaseModel):
    """Token patterns: literal words, ``{set}`` for any member of a set, ``...`` a short gap."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threat: tuple[str, ...]
    harassment: tuple[str, ...]
    profanity_at_person: tuple[str, ...]
    #: Stock put-downs of a person's wits ("one sandwich short of a picnic", "a waste of a
    #: uniform"): reported as harassment, and excused when the speaker says them of
    #: themselves, of their own people or pets, or as a verb phrase of a thing. A hit of any
    #: phrase that starts with the first two words of one of these is read the same way.
    put_down: tuple[str, ...] = ()


class NgramHead(BaseModel):
    """Hashed word n-grams -> logistic probability; rescues addressed messages only.

    ``weights`` maps a bucket (``crc32(ngram) % buckets``, as a decimal string: JSON keys)
    to its weight; buckets not listed weigh 0 (pruned when training).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    buckets: int = Field(gt=0)
    bias: float
    weights: dict[str, float]
    threshold: float = Field(gt=0.0, lt=1.0)
    kind: str = "insult"  # the kind a rescued message is labelled with (sexual words: harassment)
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class AbuseWeights(BaseModel):
    """The fitted logistic layer: ``sigmoid(bias + sum(features) + sum(words))``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bias: float
    features: dict[str, float]
    words: dict[str, float] = Field(default_factory=dict)
    fitted_threshold: float | None = None  # the threshold the training script chose
    ngrams: NgramHead | None = None
    meta: dict[str, str | int | float] = Field(default_factory=dict)


class AbuseConfig(BaseModel):
    """Everything the abuse scorer needs; invalid config fails at start-up."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: float = Field(gt=0.0, lt=1.0)
    hard_kinds: tuple[str, ...] = ("threat",)
    common_words: tuple[str, ...] = ()  # never used to anchor a phrase scan (speed only)
    window_before: int = Field(ge=0, le=8)
    window_after: int = Field(ge=0, le=8)
    typo_swap_len: int = Field(default=0, ge=0)  # 0 = off
    typo_delete_len: int = Field(default=0, ge=0)  # 0 = off
    typo_exclude: tuple[str, ...] = ()
    compound_roots: tuple[str, ...] = ()
    compound_person_ends: tuple[str, ...] = ()
    compound_exclude: tuple[str, ...] = ()  # ordinary words that contain a root ("cocktail")
    sets: dict[str, tuple[str, ...]]
    targets: AbuseTargets
    lexicon: AbuseLexicon
    phrases: AbusePhrases
    threat_frames: ThreatFramesConfig | None = None
    weights: AbuseWeights

    @field_validator("sets")
    @classmethod
    def _one_word_members(cls, sets: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """A phrase matches one word per set member, so a member of two words would never
        match: refused at start-up rather than left dead in the config."""
        bad = {name: [m for m in members if len(m.split()) != 1] for name, members in sets.items()}
        bad = {name: members for name, members in bad.items() if members}
        if bad:
            raise ValueError(f"set members must be one word each, phrases match one word: {bad}")
        return sets

    @model_validator(mode="after")
    def _phrase_sets_exist(self) -> AbuseConfig:
        """Every ``{name}`` in a phrase names a set: a typo fails at start-up, by name."""
        unknown = sorted(
            {
                f"{kind}: {text!r} names no set {word}"
                for kind in (*PHRASES, "put_down")
                for text in getattr(self.phrases, kind)
                for word in text.lower().split()
                if word.startswith("{") and word.endswith("}") and word[1:-1] not in self.sets
            }
        )
        if unknown:
            raise ValueError("phrases name unknown sets: " + "; ".join(unknown[:5]))
        return self
