"""Lexicon.head_noun and the WordNet noun sets: which noun a possessive is of, and whether it
names a thing or people. Phrases written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.core.conftest import ROOT
from worker.core.abuse.words import Lexicon
from worker.rules import load_rules


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(load_rules(ROOT / "config").abuse)


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("your thermostat is useless", "thermostat"),
        ("your new thermostat is useless", "thermostat"),  # an adjective WordNet has
        ("your damn compressor broke", "compressor"),  # an offensive word
        ("your thermostat technician is useless", "technician"),  # the person after it
        ("your compressors are junk", "compressors"),  # a regular plural
        ("your iq matches your shoe size", ""),  # a word WordNet does not know
        ("your own shoes", ""),  # what is worn is neither a thing nor a person here
        ("your mother must be", "mother"),  # "must" (grape juice) does not run on
        ("your", ""),  # nothing after it
    ],
)
def test_the_noun_a_possessive_is_of(lexicon: Lexicon, phrase: str, head: str) -> None:
    assert lexicon.head_noun(tuple(phrase.split()), 0) == head


def test_things_and_people_never_overlap_nor_take_our_own_words(lexicon: Lexicon) -> None:
    """WordNet is read only for words our lists do not know: a target word ("agent",
    "app") or an offensive word ("crap") is never one of its things."""
    assert not lexicon.wn_things & lexicon.wn_people
    assert not lexicon.wn_things & set(lexicon.target)
    assert not lexicon.wn_things & set(lexicon.categories)
    assert {"thermostat", "thermostats", "compressor", "widget"} <= lexicon.wn_things
    assert {"glazier", "glaziers", "upholsterer", "sommelier"} <= lexicon.wn_people


def test_a_possessive_is_of_a_thing_only_when_its_noun_is_one(lexicon: Lexicon) -> None:
    toks = tuple("your damn compressor and your damn glazier".split())
    assert lexicon.possesses_a_thing(toks, 0)
    assert not lexicon.possesses_a_thing(toks, 4)
    assert lexicon.names_people("glazier") and lexicon.names_people("agents")
    assert not lexicon.names_people("compressor")
