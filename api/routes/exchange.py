"""Import and export of the directory (CSV, HSDS 3.0 JSON, NDJSON). See issue 4."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/v1/admin", tags=["admin: import and export"])
