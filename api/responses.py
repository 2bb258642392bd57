"""JSON responses serialised with orjson (the shapes are documented in `api.schemas`)."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Response


def json(body: Any, status_code: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status_code, media_type="application/json")
