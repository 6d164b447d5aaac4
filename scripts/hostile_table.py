"""Print the hostile-input table of docs/reliability.md: every case of tests/unit/test_hostile.py
through the real decode -> validate -> triage path, with its outcome, CPU time and peak memory.

    .venv/bin/python scripts/hostile_table.py

The test asserts the bounds (2 CPU seconds, 200 MB traced peak) and the outcomes; this prints
the figures behind them.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.target import pipeline  # noqa: E402
from tests.unit.test_hostile import HOSTILE, kind  # noqa: E402


def main() -> int:
    pipe = pipeline()
    header = ("case", "bytes", "expected", "outcome", "CPU ms", "peak MB")
    print("{:<32} {:>10} {:<22} {:<22} {:>8} {:>8}".format(*header))
    worst_ms = worst_mb = 0.0
    mismatches = 0
    for name, (value, expected) in HOSTILE.items():
        started = time.process_time()
        outcome = kind(pipe.process(value, {}))
        cpu_ms = (time.process_time() - started) * 1000
        tracemalloc.start()
        try:
            pipe.process(value, {})
            peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
        finally:
            tracemalloc.stop()
        mismatches += outcome != expected
        worst_ms, worst_mb = max(worst_ms, cpu_ms), max(worst_mb, peak_mb)
        size = "None" if value is None else f"{len(value):,}"
        print(f"{name:<32} {size:>10} {expected:<22} {outcome:<22} {cpu_ms:>8.1f} {peak_mb:>8.1f}")
    print(
        f"{len(HOSTILE)} cases, {mismatches} unexpected outcomes, worst {worst_ms:.0f} CPU ms, "
        f"worst traced peak {worst_mb:.1f} MB (bounds: 2000 ms, 200 MB)"
    )
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
