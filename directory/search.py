"""Directory search: filters, full text and place, ranked, one page at a time.

Ranking: text relevance first (when there is a query), then specificity for a place
(municipality before arrondissement/province before region before national), then the urgent
services, then the name. A place search includes the national and regional services covering it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from directory import search_index
from directory.models import (
    Attribute,
    Language,
    Municipality,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from directory.text import analyze_query
from directory.vocab import (
    SPECIFICITY,
    WEEKDAYS,
    Audience,
    Channel,
    Kind,
    Lang,
    Scope,
    SpokenLanguage,
    ViolenceType,
)

BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_PER_PAGE = 100


class PageOutOfRange(ValueError):
    def __init__(self, page: int, total_pages: int) -> None:
        self.page, self.total_pages = page, total_pages
        super().__init__(f"page {page} is out of range: there are {total_pages} page(s)")


@dataclass(frozen=True)
class SearchQuery:
    text: str | None = None
    municipalities: tuple[str, ...] = ()  # NIS codes; services covering any of them
    audiences: tuple[Audience, ...] = ()
    violence_types: tuple[ViolenceType, ...] = ()
    kinds: tuple[Kind, ...] = ()
    languages: tuple[SpokenLanguage, ...] = ()  # spoken at the service
    channels: tuple[Channel, ...] = ()
    urgent: bool | None = None
    open_now: bool = False
    lang: Lang = Lang.FR  # for the name used as the last sort key
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class SearchHit:
    service: Service
    relevance: float | None  # lower is better; None without a text query
    specificity: int | None  # 0 = the municipality itself … 4 = national; None without a place
    open_now: bool | None  # None when no structured schedule is known


@dataclass(frozen=True)
class SearchPage:
    total_items: int
    page_number: int
    size: int
    hits: list[SearchHit]

    @property
    def total_pages(self) -> int:
        return max(1, math.ceil(self.total_items / self.size))


def search_services(session: Session, query: SearchQuery, now: dt.datetime) -> SearchPage:
    dialect = session.get_bind().dialect.name
    columns: list[Any] = [Service.id]
    order: list[Any] = []
    stmt: Select[Any] = select(Service.id).where(Service.status == "active")

    words = analyze_query(query.text) if query.text else []
    relevance = specificity = None
    if words:
        matched = search_index.matches(dialect, words).subquery("matched")
        stmt = stmt.join(matched, matched.c.service_id == Service.id)
        relevance = matched.c.relevance
        order.append(relevance)
    if query.municipalities:
        covering = _covering(session, query.municipalities).subquery("covering")
        stmt = stmt.join(covering, covering.c.service_id == Service.id)
        specificity = covering.c.specificity
        order.append(specificity)
    stmt = stmt.where(*_filters(query, now))

    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = SearchPage(total, query.page, query.per_page, [])
    if query.page > page.total_pages:
        raise PageOutOfRange(query.page, page.total_pages)

    name = getattr(Service, f"name_{query.lang.value}")
    order += [
        case((Service.urgent.is_(True), 0), else_=1),
        func.coalesce(name, Service.name_fr, Service.name_nl),
        Service.id,
    ]
    columns += [c for c in (relevance, specificity) if c is not None]
    rows = session.execute(
        stmt.with_only_columns(*columns)
        .order_by(*order)
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
    ).all()
    services = _load(session, [str(row[0]) for row in rows])
    for row in rows:
        extra = list(row[1:])
        hit_relevance = float(extra.pop(0)) if relevance is not None else None
        hit_specificity = int(extra.pop(0)) if specificity is not None else None
        service = services[str(row[0])]
        page.hits.append(
            SearchHit(service, hit_relevance, hit_specificity, is_open(service.schedules, now))
        )
    return page


def _filters(query: SearchQuery, now: dt.datetime) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []

    def tagged(taxonomy: str, values: Sequence[str]) -> None:
        if values:
            having = select(Attribute.service_id).where(
                Attribute.taxonomy == taxonomy, Attribute.value.in_(values)
            )
            filters.append(Service.id.in_(having))

    tagged("audience", query.audiences)
    # A service for "any" form of intrafamily violence matches every violence type.
    tagged(
        "violence_type",
        [*query.violence_types, ViolenceType.ANY] if query.violence_types else [],
    )
    tagged("channel", query.channels)
    if query.kinds:
        filters.append(Service.kind.in_(query.kinds))
    if query.languages:
        spoken = select(Language.service_id).where(Language.code.in_(query.languages))
        filters.append(Service.id.in_(spoken))
    if query.urgent is not None:
        filters.append(Service.urgent.is_(query.urgent))
    if query.open_now:
        filters.append(Service.id.in_(open_services(now)))
    return filters


def _covering(session: Session, nis_codes: Sequence[str]) -> Select[str, Any]:
    """(service_id, specificity) of services whose area covers one of the municipalities."""
    places = session.scalars(select(Municipality).where(Municipality.nis_code.in_(nis_codes)))
    levels: dict[Scope, set[str]] = {
        Scope.MUNICIPALITY: set(),
        Scope.ARRONDISSEMENT: set(),
        Scope.PROVINCE: set(),
        Scope.REGION: set(),
    }
    for place in places:
        levels[Scope.MUNICIPALITY].add(place.nis_code)
        levels[Scope.ARRONDISSEMENT].add(place.arrondissement_code)
        if place.province_code:
            levels[Scope.PROVINCE].add(place.province_code)
        levels[Scope.REGION].add(place.region_code)
    conditions = [
        and_(ServiceArea.scope == scope.value, ServiceArea.code.in_(codes))
        for scope, codes in levels.items()
        if codes
    ]
    conditions.append(ServiceArea.scope == Scope.NATIONAL.value)
    rank = case(
        *((ServiceArea.scope == scope.value, value) for scope, value in SPECIFICITY.items()),
        else_=len(SPECIFICITY),
    )
    return (
        select(ServiceArea.service_id, func.min(rank).label("specificity"))
        .where(or_(*conditions))
        .group_by(ServiceArea.service_id)
    )


def _brussels_clock(now: dt.datetime) -> tuple[str, str, dt.time, dt.date]:
    local = now.astimezone(BRUSSELS)
    weekday = local.weekday()
    return WEEKDAYS[weekday], WEEKDAYS[(weekday - 1) % 7], local.time(), local.date()


def open_services(now: dt.datetime) -> Select[Any]:
    """Services with a schedule rule that is open at `now` (Europe/Brussels wall time)."""
    day, previous_day, time, date = _brussels_clock(now)
    overnight = Schedule.closes_at <= Schedule.opens_at
    today = and_(
        Schedule.byday.contains(day),
        Schedule.opens_at <= time,
        or_(Schedule.closes_at > time, overnight),
    )
    since_yesterday = and_(
        Schedule.byday.contains(previous_day), overnight, Schedule.closes_at > time
    )
    return select(Schedule.service_id).where(
        or_(today, since_yesterday),
        or_(Schedule.valid_from.is_(None), Schedule.valid_from <= date),
        or_(Schedule.valid_to.is_(None), Schedule.valid_to >= date),
    )


def is_open(
    schedules: Sequence[Schedule], now: dt.datetime, channel: str | None = None
) -> bool | None:
    """Whether any rule (for `channel`, if given) is open at `now`; None when none is known."""
    rules = [s for s in schedules if channel is None or s.attending_type in (None, channel)]
    if not rules:
        return None
    day, previous_day, time, date = _brussels_clock(now)
    for rule in rules:
        if (rule.valid_from and rule.valid_from > date) or (rule.valid_to and rule.valid_to < date):
            continue
        days = rule.byday.split(",")
        overnight = rule.closes_at <= rule.opens_at
        if day in days and rule.opens_at <= time and (time < rule.closes_at or overnight):
            return True
        if previous_day in days and overnight and time < rule.closes_at:
            return True
    return False


def _load(session: Session, ids: list[str]) -> dict[str, Service]:
    if not ids:
        return {}
    stmt = (
        select(Service)
        .where(Service.id.in_(ids))
        .options(
            selectinload(Service.phones),
            selectinload(Service.schedules),
            selectinload(Service.service_areas),
            selectinload(Service.languages),
            selectinload(Service.attributes),
            selectinload(Service.service_at_locations).joinedload(ServiceAtLocation.location),
        )
    )
    return {s.id: s for s in session.scalars(stmt)}


def get_service(session: Session, service_id: str) -> Service | None:
    return _load(session, [service_id]).get(service_id)


def covering_services(session: Session, nis_code: str) -> list[tuple[Service, int]]:
    """Every active service covering a municipality, with its specificity."""
    covering = _covering(session, [nis_code]).subquery()
    rows = session.execute(
        select(Service.id, covering.c.specificity)
        .join(covering, covering.c.service_id == Service.id)
        .where(Service.status == "active")
        .order_by(covering.c.specificity, Service.kind, Service.id)
    ).all()
    services = _load(session, [r[0] for r in rows])
    return [(services[r[0]], int(r[1])) for r in rows]
