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
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from directory import search_index
from directory.models import (
    Attribute,
    Language,
    Municipality,
    Schedule,
    Service,
    ServiceArea,
)
from directory.query import read_query
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
    service_id: str
    revision: int  # with the id, the key of the service's card
    relevance: int | None  # 0: the name holds every word; 1: some only in the text; None: no words
    specificity: int | None  # 0 = the municipality itself … 4 = national; None without a place


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
    """One ranked query: the page of hits and, through a window count, the total."""
    dialect = session.get_bind().dialect.name
    stmt: Select[Any] = select(Service.id, Service.revision).where(  # type: ignore[assignment]
        Service.status == "active"
    )
    order: list[Any] = []
    relevance = specificity = None
    words = read_query(query.text) if query.text else []
    if words:
        match = search_index.text_match(dialect, words)
        stmt = stmt.join(match.join, match.service_id == Service.id).where(match.condition)
        relevance = match.tier
        order.append(relevance)
    if query.municipalities:
        covering = _covering(session, query.municipalities).subquery("covering")
        stmt = stmt.join(covering, covering.c.service_id == Service.id)
        specificity = covering.c.specificity
        order.append(specificity)
    stmt = stmt.where(*_filters(query, now))
    name = getattr(Service, f"name_{query.lang.value}")
    order += [
        case((Service.urgent.is_(True), 0), else_=1),
        func.coalesce(name, Service.name_fr, Service.name_nl),
        Service.id,
    ]
    columns = [c for c in (relevance, specificity) if c is not None]
    rows = session.execute(
        stmt.add_columns(*columns, func.count().over().label("total"))
        .order_by(*order)
        .limit(query.per_page)
        .offset((query.page - 1) * query.per_page)
    ).all()
    if rows:
        total = int(rows[0][-1])
    elif query.page == 1:
        total = 0
    else:  # an empty later page: count once, to tell the person how many pages there are
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = SearchPage(total, query.page, query.per_page, [])
    if query.page > page.total_pages:
        raise PageOutOfRange(query.page, page.total_pages)
    for row in rows:
        extra = list(row[2:-1])
        page.hits.append(
            SearchHit(
                service_id=row[0],
                revision=row[1],
                relevance=int(extra.pop(0)) if relevance is not None else None,
                specificity=int(extra.pop(0)) if specificity is not None else None,
            )
        )
    return page


def _filters(query: SearchQuery, now: dt.datetime) -> list[ColumnElement[bool]]:
    """Correlated EXISTS per filter: checked on the candidates only, through the unique indexes."""
    filters: list[ColumnElement[bool]] = []

    def tagged(taxonomy: str, values: Sequence[str]) -> None:
        if values:
            filters.append(
                exists().where(
                    Attribute.service_id == Service.id,
                    Attribute.taxonomy == taxonomy,
                    Attribute.value.in_(values),
                )
            )

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
        filters.append(
            exists().where(Language.service_id == Service.id, Language.code.in_(query.languages))
        )
    if query.urgent is not None:
        filters.append(Service.urgent.is_(query.urgent))
    if query.open_now:
        filters.append(exists().where(Schedule.service_id == Service.id, _open_rule(now)))
    return filters


def _covering(session: Session, nis_codes: Sequence[str]) -> Select[Any]:
    """(service_id, specificity) of services whose area covers one of the municipalities.

    One indexed lookup per level, glued with UNION ALL: an OR across levels would scan.
    """
    places = list(
        session.execute(
            select(
                Municipality.nis_code,
                Municipality.arrondissement_code,
                Municipality.province_code,
                Municipality.region_code,
                Municipality.police_zone_code,
                Municipality.judicial_district_code,
            ).where(Municipality.nis_code.in_(nis_codes))
        )
    )
    levels = {
        Scope.MUNICIPALITY: {p[0] for p in places},
        Scope.ARRONDISSEMENT: {p[1] for p in places},
        Scope.PROVINCE: {p[2] for p in places if p[2]},
        Scope.REGION: {p[3] for p in places},
        Scope.POLICE_ZONE: {p[4] for p in places if p[4]},
        Scope.JUDICIAL_DISTRICT: {p[5] for p in places if p[5]},
    }
    parts: list[Any] = [
        select(
            ServiceArea.service_id, literal_column(str(SPECIFICITY[scope])).label("level")
        ).where(ServiceArea.scope == scope.value, ServiceArea.code.in_(sorted(codes)))
        for scope, codes in levels.items()
        if codes
    ]
    parts.append(
        select(
            ServiceArea.service_id, literal_column(str(SPECIFICITY[Scope.NATIONAL])).label("level")
        ).where(ServiceArea.scope == Scope.NATIONAL.value)
    )
    areas = union_all(*parts).subquery("areas")
    return select(areas.c.service_id, func.min(areas.c.level).label("specificity")).group_by(
        areas.c.service_id
    )


def _brussels_clock(now: dt.datetime) -> tuple[str, str, dt.time, dt.date]:
    local = now.astimezone(BRUSSELS)
    weekday = local.weekday()
    return WEEKDAYS[weekday], WEEKDAYS[(weekday - 1) % 7], local.time(), local.date()


def _open_rule(now: dt.datetime) -> ColumnElement[bool]:
    """A schedule rule that is open at `now` (Europe/Brussels wall time)."""
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
    return and_(
        or_(today, since_yesterday),
        or_(Schedule.valid_from.is_(None), Schedule.valid_from <= date),
        or_(Schedule.valid_to.is_(None), Schedule.valid_to >= date),
    )


class OpeningRule(Protocol):
    """A Schedule row or a card's Rule."""

    @property
    def attending_type(self) -> str | None: ...
    @property
    def byday(self) -> str: ...
    @property
    def opens_at(self) -> dt.time: ...
    @property
    def closes_at(self) -> dt.time: ...
    @property
    def valid_from(self) -> dt.date | None: ...
    @property
    def valid_to(self) -> dt.date | None: ...


def is_open(
    schedules: Sequence[OpeningRule], now: dt.datetime, channel: str | None = None
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


def covering_services(session: Session, nis_code: str) -> list[SearchHit]:
    """Every active service covering a municipality, most specific first."""
    covering = _covering(session, [nis_code]).subquery()
    rows = session.execute(
        select(Service.id, Service.revision, covering.c.specificity)
        .join(covering, covering.c.service_id == Service.id)
        .where(Service.status == "active")
        .order_by(covering.c.specificity, Service.id)
    ).all()
    return [SearchHit(r[0], r[1], None, int(r[2])) for r in rows]
