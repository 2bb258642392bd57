"""Where a coordinator's area is thin: per municipality, the contacts a person could call nearby.

"Nearby" means a service whose area is the municipality, its police zone, its administrative or
judicial arrondissement, or its province: the national and regional helplines reach everyone
and so say nothing about an area. For each municipality the report lists those contacts by
kind (with or without a phone; confirmed with the service, sources checked, or neither; stale
after `provenance.STALE_AFTER`) and the local kinds it lacks, the first things to fill.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.models import Municipality, Service
from directory.permissions import Area, AreaTree
from directory.provenance import Assurance, Provenance
from directory.spreadsheet import csv_bytes
from directory.vocab import Kind, RegionCode, Scope

NEARBY = (
    Scope.MUNICIPALITY,
    Scope.POLICE_ZONE,
    Scope.ARRONDISSEMENT,
    Scope.JUDICIAL_DISTRICT,
    Scope.PROVINCE,
)
# The local contacts every municipality should have (issue: police zone, CPAS/OCMW, Huis van het
# Kind/ONE, a social work centre, a sexual-violence centre, a justice house, legal aid), plus
# the Flemish Veilig Huis / FJC where the region has them in every judicial district.
EXPECTED: tuple[Kind, ...] = (
    Kind.POLICE,
    Kind.PUBLIC_WELFARE_CENTRE,
    Kind.CHILD_FAMILY_SERVICE,
    Kind.SOCIAL_WORK_CENTRE,
    Kind.SEXUAL_VIOLENCE_CENTRE,
    Kind.JUSTICE_HOUSE,
    Kind.LEGAL_AID,
)
EXPECTED_IN = {RegionCode.VLG.value: (*EXPECTED, Kind.FAMILY_JUSTICE_CENTRE)}


@dataclass(frozen=True)
class Contact:
    service_id: str
    name: str
    kind: str
    scope: str  # the most local of the service's areas that holds the municipality
    phone: bool
    assurance: Assurance
    last_checked: dt.date | None
    stale: bool


@dataclass(frozen=True)
class MunicipalityCoverage:
    nis_code: str
    name_fr: str
    name_nl: str
    region: str
    police_zone: str | None
    judicial_district: str | None
    contacts: tuple[Contact, ...]
    missing: tuple[str, ...]  # expected kinds with no contact at all

    @property
    def with_phone(self) -> int:
        return sum(c.phone for c in self.contacts)

    @property
    def to_fill(self) -> tuple[str, ...]:
        """Expected kinds without a callable contact, or whose contacts are all stale."""
        kinds = EXPECTED_IN.get(self.region, EXPECTED)
        return tuple(
            k.value
            for k in kinds
            if not any(c.kind == k.value and c.phone and not c.stale for c in self.contacts)
        )


def report(
    session: Session, today: dt.date, within: Sequence[Area] = (), tree: AreaTree | None = None
) -> list[MunicipalityCoverage]:
    """Every municipality, or those inside one of `within` (an editor's areas)."""
    municipalities = list(session.scalars(select(Municipality).order_by(Municipality.nis_code)))
    if within:
        tree = tree or AreaTree.from_session(session)
        municipalities = [
            m
            for m in municipalities
            if any(tree.within((Scope.MUNICIPALITY.value, m.nis_code), a) for a in within)
        ]
    services = session.scalars(
        select(Service)
        .where(Service.status == "active")
        .options(selectinload(Service.service_areas), selectinload(Service.phones))
    ).all()
    by_area: dict[tuple[str, str], list[tuple[Service, str]]] = {}
    for service in services:
        for area in service.service_areas:
            if area.code and area.scope in NEARBY:
                by_area.setdefault((area.scope, area.code), []).append((service, area.scope))
    return [_one(m, by_area, today) for m in municipalities]


def _one(
    municipality: Municipality,
    by_area: dict[tuple[str, str], list[tuple[Service, str]]],
    today: dt.date,
) -> MunicipalityCoverage:
    keys = [
        (Scope.MUNICIPALITY.value, municipality.nis_code),
        (Scope.POLICE_ZONE.value, municipality.police_zone_code),
        (Scope.ARRONDISSEMENT.value, municipality.arrondissement_code),
        (Scope.JUDICIAL_DISTRICT.value, municipality.judicial_district_code),
        (Scope.PROVINCE.value, municipality.province_code),
    ]
    seen: dict[str, Contact] = {}
    for scope, code in keys:
        for service, area_scope in by_area.get((scope, code or ""), []):
            if service.id in seen:
                continue  # keep the most local area
            provenance = Provenance(service.verified_at, service.assured_date, service.source_date)
            seen[service.id] = Contact(
                service_id=service.id,
                name=service.name_fr or service.name_nl or service.id,
                kind=service.kind,
                scope=area_scope,
                phone=bool(service.phones),
                assurance=provenance.assurance,
                last_checked=provenance.last_checked,
                stale=provenance.stale(today),
            )
    contacts = tuple(sorted(seen.values(), key=lambda c: (list(Kind).index(Kind(c.kind)), c.name)))
    kinds = {c.kind for c in contacts}
    expected = EXPECTED_IN.get(municipality.region_code, EXPECTED)
    return MunicipalityCoverage(
        nis_code=municipality.nis_code,
        name_fr=municipality.name_fr,
        name_nl=municipality.name_nl,
        region=municipality.region_code,
        police_zone=municipality.police_zone.name_fr if municipality.police_zone else None,
        judicial_district=(
            municipality.judicial_district.name_fr if municipality.judicial_district else None
        ),
        contacts=contacts,
        missing=tuple(k.value for k in expected if k.value not in kinds),
    )


CSV_COLUMNS = (
    "nis_code",
    "municipality_fr",
    "municipality_nl",
    "region",
    "police_zone",
    "judicial_district",
    "contacts",
    "contacts_with_phone",
    "confirmed",
    "sources_checked",
    "stale",
    "missing_kinds",
    "to_fill",
)


def rows(coverage: Iterable[MunicipalityCoverage]) -> list[dict[str, str | int]]:
    return [
        {
            "nis_code": m.nis_code,
            "municipality_fr": m.name_fr,
            "municipality_nl": m.name_nl,
            "region": m.region,
            "police_zone": m.police_zone or "",
            "judicial_district": m.judicial_district or "",
            "contacts": len(m.contacts),
            "contacts_with_phone": m.with_phone,
            "confirmed": sum(c.assurance is Assurance.CONFIRMED for c in m.contacts),
            "sources_checked": sum(c.assurance is Assurance.SOURCED for c in m.contacts),
            "stale": sum(c.stale for c in m.contacts),
            "missing_kinds": " ".join(m.missing),
            "to_fill": " ".join(m.to_fill),
        }
        for m in coverage
    ]


def to_csv(coverage: Iterable[MunicipalityCoverage]) -> bytes:
    """For a spreadsheet; no cell runs as a formula (a name could start with '=')."""
    return csv_bytes(CSV_COLUMNS, rows(coverage))
