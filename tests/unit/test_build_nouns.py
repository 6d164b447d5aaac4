"""scripts/build_nouns.py: the rule that sorts WordNet's nouns into things and people, run on a
small WordNet of our own in the real files' format, and the shipped list it built."""

from __future__ import annotations

import io
import json
import tarfile
from importlib import resources
from pathlib import Path

from scripts.build_nouns import BASE, build

LEXNAMES = "".join(
    f"{n}\t{name}\t1\n"
    for n, name in (
        ("05", "noun.animal"),
        ("06", "noun.artifact"),
        ("08", "noun.body"),
        ("13", "noun.food"),
        ("18", "noun.person"),
    )
)
# offset, lexicographer file, then what the parser does not read
SYNSETS = {
    "00000001": 6,  # a device that regulates temperature
    "00000002": 18,  # someone who prints
    "00000003": 6,  # a machine that prints
    "00000004": 5,  # a young fox
    "00000005": 6,  # a set of parts
    "00000006": 13,  # a baked loaf
    "00000007": 6,  # a fortified tower
    "00000008": 6,  # a garment
    "00000009": 6,  # a kind of garment, by the hypernym pointer below
    "00000011": 8,  # a body part
    "00000012": 18,  # someone who fits pipes
}
POINTERS = {"00000009": "001 @ 00000008 n 0000", "00000010": "001 @i 00000002 n 0000"}
# lemma, pos, synset count, pointer count, pointers, sense count, tagged count, offsets
INDEX = [
    "thermostat n 1 0 1 0 00000001",
    "printer n 2 0 2 0 00000002 00000003",
    "kit n 3 0 3 0 00000005 00000003 00000004",
    "cub n 1 0 1 0 00000004",
    "keep n 1 0 1 0 00000007",
    "bread n 1 0 1 0 00000006",
    "t_square n 1 0 1 0 00000001",
    "tv n 1 0 1 0 00000001",
    "clothing n 1 0 1 0 00000008",
    "underwear n 1 0 1 0 00000009",
    "ate n 1 0 1 0 00000010",
    "trap n 3 0 3 0 00000003 00000005 00000011",
    "plumber n 1 0 1 0 00000012",
]


def _wordnet(tmp_path: Path) -> Path:
    files = {
        "lexnames": LEXNAMES,
        "data.noun": "  1 licence header line\n"
        + "".join(
            f"{off} {lex:02d} n 01 word 0 {POINTERS.get(off, '000')} | gloss\n"
            for off, lex in {**SYNSETS, "00000010": 18}.items()
        ),
        "index.noun": "  1 licence header line\n" + "\n".join(INDEX) + "\n",
        "index.verb": "keep v 22 0 22 0 " + " ".join(["00000099"] * 22) + "\n",
        "index.adj": "",
        "LICENSE": "WordNet 3.0 Copyright 2006 by Princeton University.\n",
    }
    path = tmp_path / "wn.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            raw = text.encode("latin-1")
            info = tarfile.TarInfo(BASE + name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return path


def test_the_rule_sorts_nouns_by_their_most_frequent_senses(tmp_path: Path) -> None:
    out = build(_wordnet(tmp_path))
    # "printer" is first someone who prints: a person; "kit" is a thing whose third sense
    # (a young fox) does not count; "keep" is mostly a verb; "t_square" and "tv" are not
    # words of three or more letters; what is worn is never a thing, nor is its kind
    # ("underwear"); "ate" names only a goddess (an instance), so it is neither; "trap"
    # names a body part in its third sense
    assert out["thing"] == ["bread", "kit", "thermostat"]
    # a person first and never a thing: a person; a person first who is also a thing (a
    # printer is a machine too): other people, read as people but never as staff
    assert out["person"] == ["plumber"]
    assert out["other_people"] == ["printer"]
    assert "Princeton" in str(out["licence"])


def test_the_shipped_list_says_whom_common_help_desk_nouns_name() -> None:
    data = json.loads((resources.files("worker") / "data" / "nouns.json").read_text("utf-8"))
    things, people, others = set(data["thing"]), set(data["person"]), set(data["other_people"])
    assert {"thermostat", "thermometer", "widget", "compressor", "inhaler"} <= things
    assert {"technician", "receptionist", "dispatcher", "locksmith", "clerk"} <= people
    assert {"crew", "bank", "printer", "trainer", "driver"} <= others
    assert not things & people and not things & others and not people & others
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in data["licence"]
