"""Unit tests for text normalisation: de-obfuscation and surface signals."""

from __future__ import annotations

import pytest

from worker.core.text import analyse, deobfuscate, squeeze


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("sh1t", ("shit",)),
        ("1d10t", ("idiot",)),
        ("f*ck", ("f*ck",)),
        ("s t u p i d", ("stupid",)),
        ("f.u.c.k you", ("fuck", "you")),
        ("stuuuupid", ("stuupid",)),
        ("\u0456di\u043et", ("idiot",)),
        ("zero\u200bwidth", ("zerowidth",)),
        ("@USER hi", ("@user", "hi")),
    ],
)
def test_plain_tokens_are_deobfuscated(text: str, plain: tuple[str, ...]) -> None:
    """Leetspeak, spaced and stretched letters, look-alikes and invisibles are undone."""
    assert plain == analyse(text).plain


def test_words_keep_the_surface_form() -> None:
    """``words`` are the plain lower-case word tokens, without decoding."""
    assert ("you", "are", "a", "sh1t") == analyse("You are a SH1T").words


def test_surface_signals() -> None:
    """Caps words, exclamation runs and question marks are counted."""
    doc = analyse("WHY is this NOT working?? Fix it!!! now!")
    expected = (2, 4, 1, 2)
    assert expected == (doc.caps_words, doc.exclamations, doc.exclaim_runs, doc.questions)


def test_caps_ratio_needs_enough_letters() -> None:
    """Short texts get a caps ratio of zero; long shouted ones close to one."""
    assert (0.0, 1.0) == (analyse("OK").caps_ratio, analyse("THIS IS NOT OKAY AT ALL").caps_ratio)


def test_squeeze_and_deobfuscate() -> None:
    """Runs of three or more letters become two; pure numbers stay numbers."""
    assert ("stuupid", "2024", "shit") == (
        squeeze("stuuuupid"),
        deobfuscate("2024"),
        deobfuscate("$h!t"),
    )


@pytest.mark.parametrize("char", ["a", "!", "*", " ", "@", "1", "\u0430", "A"])
def test_long_runs_are_fast_and_safe(char: str) -> None:
    """A 100k run of one character is analysed without error (no catastrophic regex)."""
    assert 100_000 == analyse(char * 100_000).chars
