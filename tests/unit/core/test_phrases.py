"""Phrase cues on word tokens."""

from __future__ import annotations

from worker.core.phrases import PhraseMatcher


def test_literal_and_class_phrases() -> None:
    """Literal phrases and #num/#time classes both match, in order of appearance."""
    m = PhraseMatcher({"wait": ["still waiting", "for #num #time"], "price": ["discount"]})
    found = m.match("still waiting for 3 weeks no discount".split())
    assert {"wait": ["still waiting", "for 3 weeks"], "price": ["discount"]} == found


def test_phrase_at_end_does_not_overrun() -> None:
    """A phrase cut off by the end of the message does not match."""
    m = PhraseMatcher({"wait": ["for #num #time"]})
    assert {} == m.match("waiting for two".split())
