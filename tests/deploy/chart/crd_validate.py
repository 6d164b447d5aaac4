"""Validate custom resources in rendered manifests against vendored CRD schemas.

Run with the tools venv's Python (it has jsonschema and PyYAML; the project venv need not):

    .cache/tools/venv/bin/python tests/deploy/chart/crd_validate.py SCHEMAS.yaml MANIFESTS.yaml...

SCHEMAS.yaml maps a kind to its openAPIV3Schema. Every object schema that lists properties and
says nothing about additionalProperties gets ``additionalProperties: false``: that is what the API
server's strict field validation does with unknown fields. Prints one line per error and exits 1
on any error, 0 otherwise; documents of other kinds are ignored and counted.
"""

from __future__ import annotations

import copy
import sys
from typing import Any

import jsonschema
import yaml


def strict(schema: Any) -> Any:
    """Return a copy of an OpenAPI schema that rejects unknown fields."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node.setdefault("additionalProperties", False)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def main(argv: list[str]) -> int:
    with open(argv[0], encoding="utf-8") as fh:
        schemas = {kind: strict(s) for kind, s in yaml.safe_load(fh).items()}
    errors, checked = 0, 0
    for path in argv[1:]:
        with open(path, encoding="utf-8") as fh:
            docs = [d for d in yaml.safe_load_all(fh) if d]
        for doc in docs:
            kind = doc.get("kind")
            if kind not in schemas:
                continue
            checked += 1
            validator = jsonschema.Draft7Validator(schemas[kind])
            for error in validator.iter_errors(doc):
                where = "/".join(str(p) for p in error.absolute_path) or "<root>"
                name = doc.get("metadata", {}).get("name")
                print(f"{path}: {kind}/{name}: {where}: {error.message}")
                errors += 1
    print(f"checked {checked} custom resource(s), {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
