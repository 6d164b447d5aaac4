"""Read the scoring rules from the config directory and validate them.

Layout: ``triage.yaml``, ``playbook.yaml``, ``sarcasm.yaml`` (the sarcasm cues every scorer
shares) and ``language.yaml``; for each scorer (anger, politeness, abuse) ``<name>.yaml``
plus, when present, ``<name>.weights.json`` (fitted weights, put under the key ``weights``).
Any problem raises :class:`~worker.errors.ConfigError` with the file and the field at fault.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from worker.core.rules import EngineConfig
from worker.errors import ConfigError

__all__ = ["SECTIONS", "load_rules"]

#: EngineConfig field -> file stem in the config directory.
SECTIONS: dict[str, str] = {
    "triage": "triage",
    "playbook": "playbook",
    "anger": "anger",
    "politeness": "politeness",
    "abuse": "abuse",
    "language": "language",
    "sarcasm": "sarcasm",
}


def load_rules(config_dir: Path) -> EngineConfig:
    """Load, validate and hash every rules file in ``config_dir``."""
    if not config_dir.is_dir():
        raise ConfigError(f"config directory not found: {config_dir}")
    digest = hashlib.sha256()
    data: dict[str, Any] = {}
    for field, stem in SECTIONS.items():
        yaml_path = config_dir / f"{stem}.yaml"
        section = _read(yaml_path, digest, _load_yaml)
        if not isinstance(section, dict):
            raise ConfigError(f"{yaml_path}: expected a mapping at the top level")
        weights_path = config_dir / f"{stem}.weights.json"
        if weights_path.is_file():
            section["weights"] = _read(weights_path, digest, json.loads)
        data[field] = section
    data["config_hash"] = digest.hexdigest()[:12]
    try:
        return EngineConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, config_dir)) from None


#: libyaml's parser when PyYAML was built with it (the wheels are): the config parses in
#: about a tenth of the pure-Python parser's time, most of a worker's start-up before.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[misc]
    """A safe loader that refuses a mapping with a key twice: YAML would keep the last one
    and silently drop the other (a word group defined twice)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def _load_yaml(raw: bytes) -> Any:
    return yaml.load(raw, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)


def _read(path: Path, digest: Any, parse: Any) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"missing config file: {path}") from None
    digest.update(path.name.encode() + b"\0" + raw + b"\0")
    try:
        return parse(raw)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid {path.suffix[1:].upper()}: {exc}") from None


def _describe(exc: ValidationError, config_dir: Path) -> str:
    lines = [f"invalid configuration in {config_dir}:"]
    for err in exc.errors(include_url=False, include_input=False)[:10]:
        loc = [str(p) for p in err["loc"]]
        where = f"{SECTIONS.get(loc[0], loc[0])}.yaml" if loc else "?"
        if len(loc) > 1 and loc[1] == "weights":
            where = f"{SECTIONS.get(loc[0], loc[0])}.weights.json"
        field = ".".join(loc[1:]) or "<top level>"
        lines.append(f"  {where}: {field}: {err['msg']}")
    return "\n".join(lines)
