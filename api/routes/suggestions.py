"""The public "suggest a correction" endpoint and its review queue. See issue 4."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["suggestions"])
