"""Validation of answers against the official HSDS 3.0 OpenAPI document and schemas.

Both are vendored in `vendor/hsds-3.0/` (unchanged copies). The OpenAPI document names its
schemas by their published URLs; each vendored schema is registered under those, so nothing is
fetched. Two published files are not in the vendored tag: `compiled/service.json`, whose content
is `compiled/service_with_definitions.json` (the fully nested service), and
`compiled/organization.json`, served here by `organization.json` and its relative references.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[1] / "vendor" / "hsds-3.0" / "schema"
PUBLISHED = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = "urn:passerelle:hsds-openapi"


def _resource(path: Path) -> Resource[Any]:
    return Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012)


@cache
def registry() -> Registry[Any]:
    found: Registry[Any] = Registry()
    for path in SCHEMAS.glob("*.json"):
        for folder in ("", "compiled/"):  # relative references resolve from either
            found = found.with_resource(PUBLISHED + folder + path.name, _resource(path))
    for path in (SCHEMAS / "compiled").glob("*.json"):
        found = found.with_resource(PUBLISHED + "compiled/" + path.name, _resource(path))
    nested = _resource(SCHEMAS / "compiled" / "service_with_definitions.json")
    found = found.with_resource(PUBLISHED + "compiled/service.json", nested)
    return found.with_resource(OPENAPI, _resource(SCHEMAS / "openapi.json"))


def openapi() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((SCHEMAS / "openapi.json").read_text())
    return document


def _pointer(*parts: str) -> str:
    return "/".join(quote(p.replace("~", "~0").replace("/", "~1"), safe="") for p in parts)


@cache
def response_validator(path: str) -> Draft202012Validator:
    """The official document's schema for a 200 answer of `path` (e.g. "/services/{id}")."""
    pointer = _pointer("paths", path, "get", "responses", "200", "content", "application/json")
    schema = {"$ref": f"{OPENAPI}#/{pointer}/schema"}
    return Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())


@cache
def object_validator(name: str) -> Draft202012Validator:
    """A vendored schema by file name, e.g. "service_at_location.json"."""
    schema = {"$ref": PUBLISHED + name}
    return Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())


def problems(validator: Draft202012Validator, body: Any, where: str = "") -> list[str]:
    return [
        f"{where} {'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(body)
    ]
