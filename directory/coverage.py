"""Maps the coverage strings of service records onto the geography.

Accepted forms (as in `data/services.yaml`): `national`, `region:VLG|WAL|BRU`,
`province:<name>`, `arrondissement:<name>` (administrative), `judicial_district:<name>`,
`police_zone:<number or name>`, `area:<named area>` and plain municipality names.
Anything that cannot be placed is kept as an `area` (never matched by a place search) and
reported, so unknown coverage stays unknown instead of being guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Arrondissement, JudicialDistrict, PoliceZone, Province
from directory.places import Match, PlaceResolver, Status, place_key
from directory.vocab import RegionCode, Scope

_PREFIXES = re.compile(  # the longer names first: "arrondissement judiciaire de Liège"
    r"^(gerechtelijk arrondissement|arrondissement judiciaire|zone de police|politiezone|provincie"
    r"|province|provinz|arrondissement|bezirk|arr|zone)( (de|du|d|of|van))?( la| le)? "
)


@dataclass(frozen=True)
class Coverage:
    scope: Scope
    code: str | None
    raw: str
    note: str | None = None  # why the mapping is approximate or failed; None when exact


class Gazetteer:
    """Names of regions, provinces and arrondissements, plus the municipality resolver."""

    def __init__(self, session: Session, resolver: PlaceResolver) -> None:
        self.resolver = resolver
        self._mapped: dict[str, Coverage] = {}
        self.provinces: dict[str, str] = {}
        self.arrondissements: dict[str, str] = {}
        self.judicial_districts: dict[str, str] = {}
        self.police_zones: dict[str, str] = {}
        for province in session.scalars(select(Province)):
            for name in (province.name_fr, province.name_nl, province.name_de):
                if name:
                    self.provinces[_area_key(name)] = province.code
        for arr in session.scalars(select(Arrondissement)):
            for name in (arr.name_fr, arr.name_nl, arr.name_de):
                if name:
                    self.arrondissements[_area_key(name)] = arr.code
        for district in session.scalars(select(JudicialDistrict)):
            for name in (district.code, district.name_fr, district.name_nl, district.name_de):
                if name:
                    self.judicial_districts[_area_key(name)] = district.code
        for zone in session.scalars(select(PoliceZone)):
            for name in (zone.code, zone.name_fr, zone.name_nl, zone.name_de):
                if name:
                    self.police_zones[_area_key(name)] = zone.code

    def map(self, raw: str) -> Coverage:
        if raw not in self._mapped:  # coverage strings repeat across records
            self._mapped[raw] = self._map(raw)
        return self._mapped[raw]

    def _map(self, raw: str) -> Coverage:
        kind, _, value = raw.partition(":")
        if raw == "national":
            return Coverage(Scope.NATIONAL, None, raw)
        if not value:
            return self._municipality(raw)
        if kind == "region" and value in RegionCode.__members__:
            return Coverage(Scope.REGION, value, raw)
        if kind == "province" and _area_key(value) in self.provinces:
            return Coverage(Scope.PROVINCE, self.provinces[_area_key(value)], raw)
        if kind == "judicial_district" and _area_key(value) in self.judicial_districts:
            return Coverage(Scope.JUDICIAL_DISTRICT, self.judicial_districts[_area_key(value)], raw)
        if kind == "police_zone" and _area_key(value) in self.police_zones:
            return Coverage(Scope.POLICE_ZONE, self.police_zones[_area_key(value)], raw)
        if kind == "arrondissement" and _area_key(value) in self.arrondissements:
            return Coverage(
                Scope.ARRONDISSEMENT,
                self.arrondissements[_area_key(value)],
                raw,
                "mapped onto the administrative arrondissement of that name; a judicial "
                "arrondissement of the same name can be larger",
            )
        return Coverage(
            Scope.AREA,
            None,
            raw,
            "not a known region, province, arrondissement, judicial district or police zone",
        )

    def _municipality(self, raw: str) -> Coverage:
        resolution = self.resolver.resolve(raw)
        best = resolution.best
        if best is None or resolution.status is not Status.EXACT:
            reason = (
                f"ambiguous place name ({', '.join(c.name_nl for c in resolution.candidates)})"
                if resolution.status is Status.AMBIGUOUS
                else "no municipality of that name"
            )
            return Coverage(Scope.AREA, None, raw, reason)
        note = None
        if best.match is Match.LOCALITY:
            note = f"sub-municipality; mapped onto the whole municipality {best.name_nl} ({best.nis_code})"
        return Coverage(Scope.MUNICIPALITY, best.nis_code, raw, note)


def _area_key(name: str) -> str:
    key = place_key(name)
    return _PREFIXES.sub("", key)
