"""The FastAPI application: `create_app()` wires settings, database and routes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from api import errors, presenters
from api.assistant import FallbackDocuments
from api.deps import utc_now
from api.limits import BodyLimit, Limits, LoginGuard, RateLimit
from api.observability import RequestContext
from api.routes import (
    accounts,
    admin,
    chat,
    coverage,
    exchange,
    hsds,
    labels,
    municipalities,
    operations,
    pages,
    referrals,
    root,
    services,
    suggestions,
    taxonomies,
)
from api.search_cache import KeptAnswers, SearchAnswers
from api.security import SecurityHeaders
from directory.query import read_query
from directory.snapshot_holder import Snapshots
from infra.config import Settings, get_settings
from infra.db import make_engine, make_session_factory, transaction
from infra.logs import stamp_records_with_request_id
from infra.usage import UsageCounter

logger = logging.getLogger("passerelle.api")

DESCRIPTION = """
Referral directory for intrafamily violence in Belgium (violence intrafamiliale /
intrafamiliaal geweld). Every record carries its sources and verification status.
**In danger now: call 112 (medical, fire) or 101 (police).**
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Warm up now rather than during someone's first search: the lemma tables (about 2 s) and
    # the search snapshot (about N s for a Belgium-scale directory of 34,000 services).
    read_query("violence geweld")
    try:
        with app.state.session_factory() as session:
            app.state.snapshots.current(session)
    except SQLAlchemyError:
        logger.warning("search snapshot not built yet: the database is not ready")
    # One connection pool to Rasa for the life of the process (keep-alive on localhost).
    flusher = asyncio.create_task(_flush_usage_every(app, USAGE_FLUSH_SECONDS))
    try:
        async with httpx.AsyncClient() as client:
            app.state.http = client
            yield
    finally:
        app.state.http = None
        flusher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await flusher
        _flush_usage(app)


USAGE_FLUSH_SECONDS = 60.0


def _flush_usage(app: FastAPI) -> None:
    try:
        with transaction(app.state.session_factory) as session:
            app.state.usage.flush(session)
    except SQLAlchemyError as error:  # kept in memory; the next flush tries again
        logger.warning("usage counts not saved yet: %s", type(error).__name__)


async def _flush_usage_every(app: FastAPI, seconds: float) -> None:
    while True:
        await asyncio.sleep(seconds)
        await asyncio.to_thread(_flush_usage, app)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    settings = settings or get_settings()
    stamp_records_with_request_id()
    engine = engine or make_engine(settings.database_url)
    app = FastAPI(
        title="Passerelle",
        version="0.1.0",
        description=DESCRIPTION,
        # Swagger UI loads from a CDN with inline script: the API documentation page is for
        # development only (the OpenAPI document stays at /openapi.json).
        docs_url=None if settings.env == "production" else "/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.http = None  # the client to Rasa, opened by the lifespan
    app.state.session_factory = make_session_factory(engine)
    # A session outside the request's own, for work not every request does (the search
    # snapshot's version check); tests point it at their transaction, as the clock at their time.
    app.state.open_session = lambda: transaction(app.state.session_factory)
    app.state.clock = utc_now
    app.state.geo = None  # loaded on first use, then kept for the life of the process
    app.state.snapshots = Snapshots(settings.search_refresh_seconds)
    app.state.hit_bodies = presenters.HitBodies()
    app.state.area_tree = None  # loaded on first admin use
    app.state.login_guard = LoginGuard.from_settings(settings)
    app.state.usage = UsageCounter()
    app.state.fallbacks = FallbackDocuments()
    app.state.limits = Limits.from_settings(settings)
    errors.install(app)
    app.state.search_answers = KeptAnswers(settings.search_cache_mb * 1024 * 1024)
    # Outermost last: every response gets its request id and security headers, even a 413/429.
    app.add_middleware(
        SearchAnswers, snapshots=app.state.snapshots, answers=app.state.search_answers
    )
    app.add_middleware(RateLimit, limits=app.state.limits)
    app.add_middleware(
        BodyLimit, default=settings.max_body_bytes, imports=settings.max_import_bytes
    )
    app.add_middleware(
        SecurityHeaders, widget_origins=settings.origins, production=settings.env == "production"
    )
    app.add_middleware(RequestContext, client_addresses=settings.log_client_addresses)
    app.include_router(root.router)
    app.include_router(operations.router)
    app.include_router(services.router)
    app.include_router(municipalities.router)
    app.include_router(labels.router)
    app.include_router(taxonomies.router)
    app.include_router(hsds.router)
    app.include_router(accounts.router)
    app.include_router(admin.router)
    app.include_router(exchange.router)
    app.include_router(coverage.router)
    app.include_router(suggestions.router)
    app.include_router(referrals.router)
    app.include_router(chat.router)
    app.include_router(pages.router)
    return app
