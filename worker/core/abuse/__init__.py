"""Abuse aimed at a person: lexicons + targeting rules + a small fitted linear layer.

"A person" is anyone: the reader (the agent), staff, a named or third person ("your colleague
is an idiot", "he's a pathetic liar"); not a thing ("this damn app"), not the speaker ("I'm
such an idiot"), not untargeted swearing ("holy shit").

Structure (all data in ``config/abuse.yaml``; weights in ``config/abuse.weights.json``):

1. every token of ``doc.plain`` is looked up once in one dict that holds the lexicons
   (insult nouns, insult adjectives, complaint adjectives, profanity, slurs, sexual words,
   plus derived plurals, stretched letters and typo forms such as "idoit") and the target
   words (second person, possessives, staff and other people, third persons, the speaker,
   things, negators); masked tokens (``f*ck``) are matched as wildcards, and unlisted
   compounds of a swear root ("fuckbrain") are recognised by their first letters;
2. each offensive word looks a few tokens back and ahead for the nearest target: ``"you
   idiot"`` is aimed at the reader, ``"he is a moron"`` at a third person, ``"this damn
   app"`` at a thing, ``"I'm such an idiot"`` at the speaker (and ``"the bot called me an
   idiot"``, reported speech, lands there too). The subject of a copula comes first (``"you
   are annoying me"`` is aimed at the reader, ``"it is annoying me"`` at a thing). An insult
   noun names a person by itself, so a person in the window wins over a nearer thing, and
   with no target at all it still counts ("what a moron");
3. phrase patterns (threats, harassment, profanity at a person) are matched on the tokens;
   a non-threat hit about a thing is dropped (``"your app has no brain"``, ``"this app is a
   piece of shit"``, ``"the stupidest idea"``);
4. the features ``<category>@<target>`` (also pooled as ``<category>@person``), phrase hits,
   slurs, VADER's negativity and a per-word weight for lexicon words feed a logistic layer
   fitted by ``scripts/train_abuse.py``;
5. a second learned layer over hashed word unigrams and bigrams (:class:`NgramHead`, fitted
   by the same script) may *rescue* a message the rules do not flag, but only one that is
   addressed to the reader (it says "you"/"your", or it is three tokens or fewer and names no
   thing): abuse written without a listed word ("u r gay", "you into being bad on cam?").
   The n-gram vector is binary and L2-normalised (each present n-gram counts
   ``1/sqrt(count)``), so one threshold holds from two-word chat turns to long e-mails. Its
   evidence is the model's probability and the n-grams that pushed it up most.
6. before that rescue, the learned harassment head (:meth:`ThreatFrames.harassment
   <worker.core.threats.ThreatFrames.harassment>`, the threat head's features with its own
   weights) reads the sentences of the customer's own words and may flag harassment written
   without a listed word ("what's your Instagram? I'll message you there"); its cue is
   ``harassment_model:p=0.99:sentence=1``. When it stays quiet, the learned insult head
   (:meth:`ThreatFrames.insult <worker.core.threats.ThreatFrames.insult>`, the same features,
   weights of its own) reads the same sentences for an insult aimed at the reader ("such a
   joke of a human"); its cue is ``insult_model:p=0.88:sentence=1``.

``detected`` is ``value >= threshold`` together with a person-aimed kind, or a hard kind (a
threat) was matched, or the harassment or insult head fired, or the n-gram layer rescued an
addressed message. Reported speech is not
the customer's own abuse: a detected message (not a threat) that quotes someone else ("your
bot told me to type \"yes you idiot\"", "the agent wrote 'you moron'") is scored again with
those quotations blanked, and stands only if it is still abusive (cue ``reported_speech``).
Pure: no I/O. The package, by responsibility:

- :mod:`.config`: the config models and the feature names;
- :mod:`.words`: the lexicon compiled once (every form a word takes, target words, masked
  tokens and swear compounds decoded);
- :mod:`.aim`: whom each offensive word is aimed at, and the kinds the features show;
- :mod:`.phrases`: the phrase patterns (threats, harassment, profanity at a person);
- :mod:`.ngrams`: the n-gram layer that may rescue an addressed message;
- :mod:`.scorer`: :class:`AbuseScorer`, which composes them.
"""

from worker.core.abuse.aim import kinds
from worker.core.abuse.config import (
    FEATURES,
    AbuseConfig,
    AbuseLexicon,
    AbusePhrases,
    AbuseTargets,
    AbuseWeights,
    NgramHead,
)
from worker.core.abuse.ngrams import ngram_keys
from worker.core.abuse.scorer import AbuseScorer

__all__ = [
    "FEATURES",
    "AbuseConfig",
    "AbuseLexicon",
    "AbusePhrases",
    "AbuseScorer",
    "AbuseTargets",
    "AbuseWeights",
    "NgramHead",
    "kinds",
    "ngram_keys",
]
