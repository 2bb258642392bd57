"""Services as rows: a record read back (`load_service`), one written (`write_record`, for
editing and imports), and the seed's thousands at once (`seed_services`), all through the same
mapping of a record onto its rows.

The seed is idempotent: a second run changes nothing.

Records are synced by id; their phones, schedules, areas, languages and codes are synced by
natural key, so running the seed twice leaves every row (and every row id) as it was.

A service that editors have changed (it has history) is never overwritten by the seed file:
the seed runs at every start and deployment, and an editor's work must outlive it. Such
services are counted as `kept` and named in the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, selectinload

from directory import search_index
from directory.coverage import Coverage, Gazetteer
from directory.models import (
    Attribute,
    Base,
    Change,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from directory.places import PlaceResolver
from directory.records import ScheduleRecord, ServiceRecord

T = TypeVar("T")


@dataclass
class SeedReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)  # edited by editors: left as they are
    indexed: int = 0
    # (service id, coverage string, reason): coverage kept as an unmatched named area.
    unresolved_coverage: list[tuple[str, str, str]] = field(default_factory=list)
    # (service id, coverage string, note): mapped, but only approximately.
    approximate_coverage: list[tuple[str, str, str]] = field(default_factory=list)
    unknown_coverage: list[str] = field(default_factory=list)  # records with no coverage
    unresolved_addresses: list[tuple[str, str]] = field(default_factory=list)


def seed_services(
    session: Session,
    records: Sequence[ServiceRecord],
    resolver: PlaceResolver,
    progress: Callable[[int], None] | None = None,
) -> SeedReport:
    report = SeedReport()
    gazetteer = Gazetteer(session, resolver)
    ids = [r.id for r in records]
    existing = _load_existing(session, ids)
    edited = set(session.scalars(select(Change.service_id).where(Change.service_id.in_(ids))))
    locations = _load_locations(session, [address_location_id(i) for i in ids])
    touched: list[Service] = []
    created: list[Rows] = []
    # One flush at the end: autoflush on every lookup would flush once per record.
    with session.no_autoflush:
        for position, record in enumerate(records, start=1):
            rows = _rows(record, gazetteer, report)
            service = existing.get(record.id)
            if service is None:
                created.append(rows)
                report.created += 1
            elif record.id in edited:
                report.kept.append(record.id)
            elif _apply(service, rows, locations):
                service.revision += 1
                report.updated += 1
                touched.append(service)
            else:
                report.unchanged += 1
            if progress and position % 500 == 0:
                progress(500)
    session.flush()
    _insert(session, created)
    report.indexed = search_index.refresh(session, touched)
    report.indexed += search_index.write(session, [rows.document for rows in created])
    if progress:
        progress(len(records) % 500)
    return report


def write_record(
    session: Session, record: ServiceRecord, gazetteer: Gazetteer, existing: Service | None
) -> tuple[Service, bool]:
    """Create or update one service from its record, and reindex it; (service, changed).

    Revisions are the caller's business here (see `directory.editing`).
    """
    rows = _rows(record, gazetteer, SeedReport())
    if existing is None:
        _insert(session, [rows])
        search_index.write(session, [rows.document])
        created = _load_existing(session, [record.id])[record.id]
        return created, True
    locations = _load_locations(session, [address_location_id(record.id)])
    with session.no_autoflush:
        changed = _apply(existing, rows, locations)
    session.flush()
    if changed:
        search_index.refresh(session, [existing])
    return existing, changed


def load_service(session: Session, service_id: str) -> Service | None:
    return _load_existing(session, [service_id]).get(service_id)


@dataclass
class Rows:
    """A record as table rows: the one mapping both writers (insert, sync) use."""

    service: dict[str, Any]
    phones: list[dict[str, Any]]
    schedules: list[dict[str, Any]]
    areas: list[dict[str, Any]]
    languages: list[dict[str, Any]]
    attributes: list[dict[str, Any]]
    location: dict[str, Any] | None
    document: search_index.Document


def _rows(record: ServiceRecord, gazetteer: Gazetteer, report: SeedReport) -> Rows:
    service = {
        "id": record.id,
        "name_fr": record.name_fr,
        "name_nl": record.name_nl,
        "name_de": record.name_de,
        "name_en": record.name_en,
        "description_fr": record.description_fr,
        "description_nl": record.description_nl,
        "description_de": record.description_de,
        "description_en": record.description_en,
        "kind": record.kind.value,
        "url": record.website,
        "email": record.email,
        "urgent": record.urgent,
        "anonymous": record.anonymous,
        "free": record.free,
        "hours_notes_en": record.hours_text,
        "sources": list(record.source_urls),
        "assured_date": record.checked_on,
        "source_date": record.source_date,
        "notes": record.notes,
        "verification_status": record.verification_status.value,
        "verified_at": _aware(record.verified_at),
        "verified_by": record.verified_by,
        "verification_method": record.verification_method.value
        if record.verification_method
        else None,
    }
    if record.status is not None:
        service["status"] = record.status.value
    if not record.coverage:
        report.unknown_coverage.append(record.id)
    areas = [_area(record.id, raw, gazetteer, report) for raw in record.coverage or []]
    attributes = [
        *({"taxonomy": "audience", "value": a.value} for a in record.audiences),
        *({"taxonomy": "violence_type", "value": v.value} for v in record.violence_types or []),
        *({"taxonomy": "channel", "value": c.value} for c in record.channels),
    ]
    return Rows(
        service=service,
        phones=[
            {"number": p.number, "description": p.label, "type": "voice"} for p in record.phones
        ],
        schedules=[
            {
                "attending_type": s.channel.value if s.channel else None,
                "byday": ",".join(s.days),
                "opens_at": ScheduleRecord.parse_time(s.opens),
                "closes_at": ScheduleRecord.parse_time(s.closes),
            }
            for s in record.schedules
        ],
        areas=[{"scope": a.scope.value, "code": a.code, "raw": a.raw} for a in areas],
        languages=[{"code": code.value} for code in record.languages or []],
        attributes=attributes,
        location=_location(record, gazetteer, report),
        document=search_index.document_of(
            record.id,
            names={lang: getattr(record, f"name_{lang.value}") for lang in search_index.CONFIGS},
            descriptions={
                lang: getattr(record, f"description_{lang.value}") for lang in search_index.CONFIGS
            },
            kind=record.kind.value,
            audiences=[a["value"] for a in attributes if a["taxonomy"] == "audience"],
            violence_types=[a["value"] for a in attributes if a["taxonomy"] == "violence_type"],
        ),
    )


def address_location_id(service_id: str) -> str:
    """The id of the location holding a record's one address."""
    return f"{service_id}-address"


def _location(
    record: ServiceRecord, gazetteer: Gazetteer, report: SeedReport
) -> dict[str, Any] | None:
    """The record's one address, as the location `<service id>-address`."""
    address = record.address
    if address is None or not (address.street or address.municipality or address.postal_code):
        return None
    nis = None
    place = address.postal_code or address.municipality
    if place:
        text = f"{address.postal_code or ''} {address.municipality or ''}".strip()
        best = gazetteer.resolver.resolve(text).best
        nis = best.nis_code if best else None
        if nis is None:
            report.unresolved_addresses.append((record.id, place))
    return {
        "id": address_location_id(record.id),
        "location_type": "physical",
        "name_fr": record.name_fr,
        "name_nl": record.name_nl,
        "address_1": address.street,
        "city": address.municipality,
        "postal_code": address.postal_code,
        "municipality_nis": nis,
        "confidential": address.confidential,
    }


def _area(service_id: str, raw: str, gazetteer: Gazetteer, report: SeedReport) -> Coverage:
    coverage = gazetteer.map(raw)
    if coverage.code is None and coverage.note:
        report.unresolved_coverage.append((service_id, raw, coverage.note))
    elif coverage.note:
        report.approximate_coverage.append((service_id, raw, coverage.note))
    return coverage


def _insert(session: Session, created: list[Rows]) -> None:
    """New services go in as plain multi-row INSERTs: ten times faster than the ORM."""
    if not created:
        return
    connection = session.connection()

    def put(model: type[Base], rows: list[dict[str, Any]]) -> None:
        if rows:
            connection.execute(insert(cast(Table, model.__table__)), rows)

    put(Service, [{**r.service, "revision": 1} for r in created])
    located = [r for r in created if r.location]
    put(Location, [r.location for r in located if r.location])
    put(
        ServiceAtLocation,
        [
            {"service_id": r.service["id"], "location_id": address_location_id(r.service["id"])}
            for r in located
        ],
    )
    children: list[tuple[type[Base], str]] = [
        (Phone, "phones"),
        (Schedule, "schedules"),
        (ServiceArea, "areas"),
        (Language, "languages"),
        (Attribute, "attributes"),
    ]
    for model, name in children:
        put(
            model,
            [{**row, "service_id": r.service["id"]} for r in created for row in getattr(r, name)],
        )


def _load_existing(session: Session, ids: list[str]) -> dict[str, Service]:
    found: dict[str, Service] = {}
    options = [
        selectinload(Service.phones),
        selectinload(Service.schedules),
        selectinload(Service.service_areas),
        selectinload(Service.languages),
        selectinload(Service.attributes),
        selectinload(Service.service_at_locations),
    ]
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        stmt = select(Service).where(Service.id.in_(chunk)).options(*options)
        found.update({s.id: s for s in session.scalars(stmt)})
    return found


def _load_locations(session: Session, ids: list[str]) -> dict[str, Location]:
    found: dict[str, Location] = {}
    for start in range(0, len(ids), 5000):
        stmt = select(Location).where(Location.id.in_(ids[start : start + 5000]))
        found.update({location.id: location for location in session.scalars(stmt)})
    return found


def _assign(obj: object, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _sync(
    current: list[T],
    wanted: Iterable[dict[str, Any]],
    make: Callable[..., T],
    key: Callable[[dict[str, Any]], Hashable],
) -> bool:
    """Make `current` hold the `wanted` rows by key, keeping rows that already match."""
    wanted_by_key = {key(row): row for row in wanted}
    current_by_key = {key(_Fields(item)): item for item in current}
    if current_by_key.keys() == wanted_by_key.keys() and len(current) == len(wanted_by_key):
        return False
    for k, item in list(current_by_key.items()):
        if k not in wanted_by_key:
            current.remove(item)
    for k, row in wanted_by_key.items():
        if k not in current_by_key:
            current.append(make(**row))
    return True


class _Fields(dict[str, Any]):
    """An ORM object seen as a row, so one key function serves rows and objects."""

    def __init__(self, obj: object) -> None:
        super().__init__()
        self._obj = obj

    def __missing__(self, name: str) -> Any:
        return getattr(self._obj, name)


def _apply(service: Service, rows: Rows, locations: dict[str, Location]) -> bool:
    changed = _assign(service, rows.service)
    changed |= _sync(service.phones, rows.phones, Phone, lambda r: (r["number"], r["description"]))
    changed |= _sync(
        service.schedules,
        rows.schedules,
        Schedule,
        lambda r: (r["attending_type"], r["byday"], r["opens_at"], r["closes_at"]),
    )
    changed |= _sync(
        service.service_areas, rows.areas, ServiceArea, lambda r: (r["scope"], r["code"], r["raw"])
    )
    changed |= _sync(service.languages, rows.languages, Language, lambda r: r["code"])
    changed |= _sync(
        service.attributes, rows.attributes, Attribute, lambda r: (r["taxonomy"], r["value"])
    )
    return _sync_location(service, rows.location, locations) or changed


def _sync_location(
    service: Service, wanted: dict[str, Any] | None, locations: dict[str, Location]
) -> bool:
    links = service.service_at_locations
    if wanted is None:
        changed = bool(links)
        links.clear()
        return changed
    location = locations.get(wanted["id"])
    if location is None:
        location = locations[wanted["id"]] = Location(id=wanted["id"])
    changed = _assign(location, wanted)
    for link in [sal for sal in links if sal.location is not location]:
        links.remove(link)
        changed = True
    if not links:
        links.append(ServiceAtLocation(location=location))
        changed = True
    return changed


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
