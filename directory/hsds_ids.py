"""Stable HSDS 3.0 identifiers: UUIDs derived from our own ids, the same at every export."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/passerelle/directory")


def hsds_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))
