"""Request-scoped dependencies: one database session per request, committed at the edge."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.presenters import HitBodies
from directory.geography import AreaNames, area_names
from directory.models import Municipality
from directory.places import PlaceResolver
from directory.snapshot import SearchSnapshot
from directory.vocab import Lang
from infra.db import transaction


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request, committed when the endpoint succeeded.

    An async dependency on purpose: the read endpoints are `async def` and run their short,
    CPU-bound queries inline, which costs less than a hop through the thread pool.
    """
    with transaction(request.app.state.session_factory) as session:
        yield session


@dataclass(frozen=True)
class Geo:
    """Geography kept in memory per process: it only changes when the seed runs."""

    resolver: PlaceResolver
    names: AreaNames
    region_of: dict[str, str]  # NIS code → region code

    @classmethod
    def load(cls, session: Session) -> Geo:
        rows = session.execute(select(Municipality.nis_code, Municipality.region_code))
        regions = dict(rows.all())
        return cls(PlaceResolver.from_session(session), area_names(session), regions)


async def get_geo(request: Request) -> Geo:
    geo: Geo | None = request.app.state.geo
    if geo is None or not geo.region_of:
        with request.app.state.session_factory() as session:
            geo = Geo.load(session)
        request.app.state.geo = geo
    return geo


def public_base(request: Request) -> str:
    """This API's public address: the configured one, else the request's (never its Host header
    in production, where the setting is required)."""
    configured: str = request.app.state.settings.public_url
    return (configured or str(request.base_url)).rstrip("/")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def get_now(request: Request) -> dt.datetime:
    """The time the request is answered at: the app's clock (`app.state.clock`; tests set it)."""
    now: dt.datetime = request.app.state.clock()
    return now


def preferred_lang(accept_language: str | None) -> Lang | None:
    """The first of fr/nl/de/en in an Accept-Language header, by quality."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, Lang]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().split("-")[0].lower()
        if primary in Lang._value2member_map_ and quality > 0:
            ranked.append((-quality, position, Lang(primary)))
    return min(ranked)[2] if ranked else None


async def requested_lang(
    lang: Annotated[
        Lang | None,
        Query(description="Language of the response text; else Accept-Language, else French."),
    ] = None,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Lang | None:
    return lang or preferred_lang(accept_language)


# "function": the commit happens before the answer is sent, so a refused commit is the answer.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
GeoDep = Annotated[Geo, Depends(get_geo)]
LangDep = Annotated[Lang | None, Depends(requested_lang)]
NowDep = Annotated[dt.datetime, Depends(get_now)]


async def get_snapshot(request: Request) -> SearchSnapshot:
    """The directory as the search sees it, refreshed when it changed (see directory.snapshot).

    A session is opened only when the version is due for its check (one small query a second):
    most searches touch no database at all.
    """
    snapshots = request.app.state.snapshots
    snapshot: SearchSnapshot | None = snapshots.fresh()
    if snapshot is None:
        with request.app.state.open_session() as session:
            snapshot = snapshots.current(session)
    return snapshot


SnapshotDep = Annotated[SearchSnapshot, Depends(get_snapshot)]


async def get_hit_bodies(request: Request) -> HitBodies:
    bodies: HitBodies = request.app.state.hit_bodies
    return bodies


HitBodiesDep = Annotated[HitBodies, Depends(get_hit_bodies)]
