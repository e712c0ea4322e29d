"""The HSDS v3 JSON Schemas of ../shared/hsds-3.0, for validating what the directory serves."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

HSDS = Path(settings.BASE_DIR).parent / "shared" / "hsds-3.0"
EXAMPLES = HSDS / "examples"
requires_hsds = pytest.mark.skipif(
    not HSDS.exists(), reason=f"{HSDS} is absent: the HSDS examples and schemas live in ../shared"
)


def _registry() -> Registry:
    registry = Registry()
    for path in sorted((HSDS / "schema").glob("*.json")):
        resource = DRAFT202012.create_resource(json.loads(path.read_text()))
        registry = registry.with_resource(path.name, resource)
    return registry


def validator(name: str) -> Draft202012Validator:
    """``compiled/service.json`` or ``taxonomy_term.json`` (the latter with its references)."""
    schema: dict[str, Any] = json.loads((HSDS / "schema" / name).read_text())
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(name: str, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(name).iter_errors(data)]
