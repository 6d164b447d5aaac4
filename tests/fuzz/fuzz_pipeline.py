"""Atheris (libFuzzer) target: record bytes -> decode -> validate -> triage -> encode.

The oracle is :func:`target.check`. A short deterministic run is part of ``make test``
(tests/fuzz/test_fuzz_corpus.py); a long run::

    mkdir -p .fuzz/corpus && .venv/bin/python tests/fuzz/fuzz_pipeline.py \\
        -max_total_time=600 -timeout=10 -rss_limit_mb=2048 -max_len=65536 \\
        -artifact_prefix=.fuzz/ .fuzz/corpus tests/fuzz/corpus

New inputs go to the first directory; crashes and timeouts to ``.fuzz/crash-*`` and
``.fuzz/timeout-*``; replay one with ``fuzz_pipeline.py .fuzz/crash-...``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["worker", "target"]):
    import target


def test_one_input(data: bytes) -> None:
    target.check(data)


def main() -> None:
    target.pipeline()  # build the engine before fuzzing starts
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
