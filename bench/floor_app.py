"""The real application plus the benchmark's floor endpoints; run by `bench/search.py` as

    uvicorn bench.floor_app:create_bench_app --factory

`GET /bench/floor` answers a constant JSON body (a real search response of typical size, read
once from the file named by BENCH_FLOOR_BODY): the cost of the framework alone, in the same
process as `/v1/services`. `GET /bench/floor-sync` is the same as a plain `def` endpoint, which
FastAPI runs in its thread pool (the cost of a sync route).

Only the benchmark uses this module; the application never imports it.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Response

from api.main import create_app


def create_bench_app() -> FastAPI:
    app = create_app()
    body_file = Path(os.environ.get("BENCH_FLOOR_BODY", "/nonexistent"))
    cache: dict[str, bytes] = {}

    def body() -> bytes:
        if "body" not in cache:
            if not body_file.is_file():
                return b"{}"  # not written yet: the benchmark writes it before any floor run
            cache["body"] = body_file.read_bytes()
        return cache["body"]

    @app.get("/bench/floor", include_in_schema=False)
    async def floor() -> Response:
        return Response(body(), media_type="application/json")

    @app.get("/bench/floor-sync", include_in_schema=False)
    def floor_sync() -> Response:
        return Response(body(), media_type="application/json")

    return app
