"""Unit tests for the status column of scripts/eval.py: a target is judged on the unrounded
value, so a figure printed as 0.850 that is 0.8497 is not reported as met."""

from __future__ import annotations

import pytest

from scripts.eval import status


@pytest.mark.parametrize(
    ("value", "base", "target", "expected"),
    [
        (944 / 1111, 0.702, ">= 0.85", "NOT MET"),  # prints 0.850
        (945 / 1111, 0.702, ">= 0.85", "met"),
        (0.664, 0.636, ">= 0.70, > baseline", "NOT MET"),
        (0.72, 0.636, ">= 0.70, > baseline", "met"),
        (0.72, 0.75, ">= 0.70, > baseline", "NOT MET"),
        (0.72, None, ">= 0.70, > baseline", "NOT MET"),  # no baseline to beat
        (0, None, "0", "met"),
        (2, None, "0", "NOT MET"),
        (0.997, None, "1.000", "NOT MET"),
        (1.0, None, "1.000", "met"),
        (0.5, 0.1, "-", "-"),
    ],
)
def test_status_reads_every_clause(
    value: float, base: float | None, target: str, expected: str
) -> None:
    assert expected == status(value, base, target)
