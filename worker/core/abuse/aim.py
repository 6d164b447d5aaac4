"""Whom each offensive word is aimed at (the nearest target word around it), recorded as the
features ``<category>@<target>``; and the abuse kinds a feature set shows."""

from __future__ import annotations

from collections.abc import Mapping

from worker.core.abuse.config import SCORED_TARGETS, AbuseConfig
from worker.core.abuse.words import Lexicon
from worker.core.text import Doc

__all__ = ["PERSON", "Aim", "kinds"]

PERSON = frozenset({"you", "staff", "third", "mention"})
_PERSON_OR_POOLED = PERSON | {"person"}
_DEMONSTRATIVE = frozenset({"this", "that", "these", "those"})
_ARTICLES = frozenset({"a", "an", "such", "am", "the", "biggest", "total", "complete"})
_INSULTS = frozenset({"insult_noun", "insult_adj", "complaint_adj"})


class Aim:
    """Records, for each offensive word of a message, the feature of the target it is aimed at."""

    def __init__(self, config: AbuseConfig, lexicon: Lexicon) -> None:
        self._canon = lexicon.canon
        self._target = lexicon.target
        self._before = config.window_before
        self._after = config.window_after
        self._negators = frozenset(config.targets.negator)
        self._weak_negators = frozenset(config.targets.weak_negator)
        self._lexicon = lexicon
        self._things = lexicon.things
        self._copula = lexicon.copula

    def __call__(
        self,
        toks: tuple[str, ...],
        hits: list[tuple[int, str, tuple[str, ...]]],
        feats: dict[str, float],
        cues: list[str],
        doc: Doc,
    ) -> None:
        """For each offensive word, find whom it is aimed at and record the feature."""
        lower = doc.lower
        decoded: dict[str, bool] = {}
        n = len(toks)
        negators, weak = self._negators, self._weak_negators
        insults = 0
        for i, tok, cats in hits:
            canon = self._canon.get(tok, tok)
            if tok not in decoded:
                decoded[tok] = tok not in lower  # one substring scan per distinct token
            if decoded[tok]:  # the token was decoded ("sh1t", "f*ck", "stuuupid")
                cues.append(f"obfuscated:{canon}")
            if "slur" in cats:
                feats["slur"] = 1.0
                cues.append(f"slur:{canon}")
            rest = [c for c in cats if c != "slur"]
            if not rest:
                continue
            before = toks[max(0, i - 2) : i]
            if "insult_noun" in rest:
                # "not an idiot", "never a liar": a negated predicate; "not you bitches" and
                # "no you moron" still insult.
                negated = bool(before) and (
                    (before[-1] in negators)
                    or (len(before) == 2 and before[0] in negators and before[1] in ("a", "an"))
                )
            else:
                negated = any(t in negators or t in weak for t in before)
            if negated:
                cues.append(f"negated:{canon}")
                continue
            target, word = self._nearest(toks, i, n, "insult_noun" in rest)
            person = target in PERSON
            for category in rest:
                if target in SCORED_TARGETS:
                    feats[f"{category}@{target}"] = 1.0
                    if person:
                        feats[f"{category}@person"] = 1.0
                    if category in _INSULTS and (person or category != "complaint_adj"):
                        insults += 1
                elif target == "me" and category == "sexual":
                    feats["sexual@me"] = 1.0
                elif target == "self" and category == "sexual" and _INSULTS.isdisjoint(cats):
                    feats["sexual@self"] = 1.0
                label = "insult" if category in _INSULTS else category
                cues.append(f"{label}:{canon}")
            if word:
                cues.append(f"target:{word}")
        if insults:
            feats["insult_count"] = float(min(insults, 3))

    def _nearest(
        self, toks: tuple[str, ...], i: int, n: int, noun: bool = False
    ) -> tuple[str, str]:
        """The nearest target around position ``i``: (target class, word) or ("none", "").

        An insult noun names a person by itself, so for one a person target anywhere in the
        window wins over a nearer thing ("you computer bitch", "your bot is an idiot").
        """
        target_get = self._target.get
        if self._copula:
            # "you are (so) annoying me", "he is a moron": the subject of the copula.
            s = self._lexicon.subject(toks, i)
            if s >= 0:
                kind = target_get(toks[s])
                if kind in ("you", "third", "staff", "thing"):
                    return kind, toks[s]
        thing: tuple[str, str] | None = None
        for d in range(1, max(self._before, self._after) + 1):
            for j in ((i - d) if d <= self._before else -1, (i + d) if d <= self._after else n):
                if 0 <= j < n:
                    tok = toks[j]
                    kind = target_get(tok)
                    if kind is None:
                        if tok[0] == "@":
                            return "mention", tok
                        continue
                    if kind in ("poss", "self_poss"):
                        # "your app" is about a thing, "your team" / "your face" about you;
                        # "my phone" is a thing, "my stepfather" a third person.
                        after = toks[j + 1 : j + 4]
                        if self._things.intersection(after):
                            kind = "thing"
                        else:
                            kind = "you" if kind == "poss" else ("third" if noun else "self")
                    if noun:
                        if kind == "thing":
                            if j == i - 1 and tok in _DEMONSTRATIVE:
                                return "third", tok  # "that bitch", "this idiot"
                            thing = thing or (kind, tok)
                            continue
                        if kind in ("self", "me") and (
                            j > i or _ARTICLES.isdisjoint(toks[j + 1 : i])
                        ):
                            # "I'm such an idiot", "called me an idiot" are about the speaker;
                            # "I heard bitches ...", "tell me idiot" are not.
                            continue
                    return kind, tok
        return thing or ("none", "")


def kinds(feats: Mapping[str, float]) -> set[str]:
    """Which abuse kinds the features show (used to label a detected message).

    Insult words count when aimed at any person (the reader, staff, a third person) or, for
    strong insults, at no one in particular ("what a moron"); complaint words ("annoying")
    only when aimed at a person; swearing only when aimed at a person; sexual words when
    aimed at a person, at the speaker as an object ("fuck me"), at the speaker's own body or
    acts told to the reader ("i want to swallow semen") or at no one.
    """
    kinds: set[str] = set()
    for name in feats:
        category, _, target = name.partition("@")
        if not target:
            continue
        if target in _PERSON_OR_POOLED:
            if category in _INSULTS:
                kinds.add("insult")
            elif category == "profanity":
                kinds.add("profanity_at_person")
            elif category == "sexual":
                kinds.add("harassment")
        elif target == "none":
            if category in ("insult_noun", "insult_adj"):
                kinds.add("insult")
            elif category == "sexual":
                kinds.add("harassment")
        elif target in ("me", "self") and category == "sexual":
            kinds.add("harassment")
    if "phrase:threat" in feats:
        kinds.add("threat")
    if "phrase:harassment" in feats:
        kinds.add("harassment")
    if "phrase:profanity_at_person" in feats:
        kinds.add("profanity_at_person")
    if "slur" in feats:
        kinds.add("slur")
    return kinds
