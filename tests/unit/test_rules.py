"""Bad rules in config/ are refused at start-up with the file and field at fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from worker.errors import ConfigError
from worker.rules import load_rules


@pytest.fixture(name="config_copy")
def _config_copy(tmp_path: Path) -> Path:
    target = tmp_path / "config"
    shutil.copytree(CONFIG_DIR, target)
    return target


def error_of(config_dir: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_rules(config_dir)
    return str(info.value)


def test_shipped_config_loads_and_hashes() -> None:
    """The shipped rules load, and the hash is stable across loads."""
    assert load_rules(CONFIG_DIR).config_hash == load_rules(CONFIG_DIR).config_hash


def test_missing_file(config_copy: Path) -> None:
    """A missing rules file is named."""
    (config_copy / "playbook.yaml").unlink()
    assert "missing config file" in error_of(config_copy)


def test_invalid_yaml(config_copy: Path) -> None:
    """Broken YAML is reported with the file."""
    (config_copy / "triage.yaml").write_text("limits: [unclosed\n")
    assert "triage.yaml: not valid YAML" in error_of(config_copy)


def test_unknown_field_is_named_with_its_file(config_copy: Path) -> None:
    """A typo in a field name is refused, naming the file and the field."""
    path = config_copy / "triage.yaml"
    path.write_text(path.read_text().replace("window_days:", "window_dayz:"))
    message = error_of(config_copy)
    assert "triage.yaml: relationship.window_dayz" in message


def test_technique_ids_must_be_the_fifteen(config_copy: Path) -> None:
    """Renaming a technique breaks the contract and is refused."""
    path = config_copy / "playbook.yaml"
    path.write_text(path.read_text().replace("  keep-calm:\n", "  stay-calm:\n"))
    message = error_of(config_copy)
    assert "playbook.yaml" in message and "stay-calm" in message


def test_hash_changes_with_the_rules(config_copy: Path) -> None:
    """Changing a threshold changes the config hash (and so triage_version)."""
    before = load_rules(config_copy).config_hash
    path = config_copy / "triage.yaml"
    path.write_text(path.read_text().replace("window_days: 90", "window_days: 60"))
    assert before != load_rules(config_copy).config_hash


def test_a_key_given_twice_is_refused_with_its_line(config_copy: Path) -> None:
    """YAML itself keeps the last of two equal keys and drops the first without a word: a word
    group defined twice in abuse.yaml would lose its first definition. The loader refuses it."""
    path = config_copy / "abuse.yaml"
    text = path.read_text()
    path.write_text(text.replace("\nthreshold:", "\nthreshold: 0.5\nthreshold:", 1))
    second = text[: text.index("\nthreshold:")].count("\n") + 3  # 1-based, after the insert
    with pytest.raises(
        ConfigError, match=rf"(?s)abuse\.yaml.*duplicate key 'threshold'.*line {second}"
    ):
        load_rules(config_copy)


def test_the_config_is_parsed_by_libyaml_when_pyyaml_has_it() -> None:
    """The C parser reads the config in about a tenth of the pure-Python parser's time (most of
    a worker's start-up before); the duplicate-key check above runs on top of it."""
    import yaml

    from worker.rules import _UniqueKeyLoader

    assert yaml.__with_libyaml__
    assert issubclass(_UniqueKeyLoader, yaml.CSafeLoader)


def test_a_phrase_naming_an_unknown_set_is_refused_by_name(config_copy: Path) -> None:
    """A phrase's ``{name}`` must be a set of abuse.yaml: a typo fails at start-up naming the
    phrase and the set, not with a bare KeyError while the engine is built."""
    path = config_copy / "abuse.yaml"
    text = path.read_text()
    path.write_text(
        text.replace(
            '    - "{you} mum must be ... {let_down}"', '    - "{you} mum must be ... {let_dwn}"', 1
        )
    )
    message = error_of(config_copy)
    assert "abuse.yaml" in message and "{let_dwn}" in message
