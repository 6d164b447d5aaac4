"""Our VADER gives exactly the library's scores."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from tests.strategies import WORDS, ticket_text
from worker.core.sentiment import Vader

REFERENCE = SentimentIntensityAnalyzer()
FAST = Vader()

EXAMPLES = [
    "I am NOT happy with this at all!!! Worst service ever :(",
    "Thanks so much, you guys are great 🙂 but the app is kind of slow",
    "never so bad, without doubt the least helpful team, no good no bad",
    "It's sort of ok I guess, but no thanks.",
]


def test_examples_match_reference() -> None:
    """Hand-written examples with negation, boosters, idioms, 'but' and emoji match."""
    assert [REFERENCE.polarity_scores(t) for t in EXAMPLES] == [
        FAST.polarity_scores(t) for t in EXAMPLES
    ]


@given(ticket_text)
def test_any_text_matches_reference(text: str) -> None:
    """Arbitrary text scores identically."""
    assert REFERENCE.polarity_scores(text) == FAST.polarity_scores(text)


@given(
    st.lists(
        st.sampled_from([*WORDS, "no", "never", "but", "kind", "of", "least"]), max_size=60
    ).map(" ".join)
)
def test_vocabulary_text_matches_reference(text: str) -> None:
    """Sentiment-laden vocabulary with modifiers scores identically."""
    assert REFERENCE.polarity_scores(text) == FAST.polarity_scores(text)
