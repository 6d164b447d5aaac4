"""Hypothesis strategies for ticket text."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = (
    "you idiot please thank you refund NEVER again!!! waiting three weeks what's the catch "
    "f*ck sh1t stupid useless team could you kindly help me cancel my account price "
    "I already tried everything why is this broken :) 🙂 damn app"
).split()

#: Ticket-like text: words from a support vocabulary mixed with arbitrary characters.
ticket_text = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)

#: Long runs and nested punctuation that would hurt a backtracking regex.
adversarial_text = st.one_of(
    st.builds(
        lambda c, n: c * n,
        st.sampled_from([*"a!?.* -_'(\n", "ab", "f ", "1"]),
        st.integers(1_000, 100_000),
    ),
    st.builds(lambda n: "(" * n + "!" * n + ")" * n, st.integers(100, 20_000)),
)
