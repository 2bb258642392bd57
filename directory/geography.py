"""Belgian geography from `data/geo/` (Statbel REFNIS 2025 and bpost localities).

Loading is a sync by natural key: running it twice leaves the database as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import (
    Arrondissement,
    JudicialDistrict,
    Municipality,
    PoliceZone,
    PostalCode,
    Province,
    Region,
)
from directory.vocab import Lang, RegionCode, Scope

# Official names of the three regions; the CSV only names them in English.
REGIONS: dict[str, tuple[RegionCode, str, str, str]] = {
    "02000": (RegionCode.VLG, "Région flamande", "Vlaams Gewest", "Flämische Region"),
    "03000": (RegionCode.WAL, "Région wallonne", "Waals Gewest", "Wallonische Region"),
    "04000": (
        RegionCode.BRU,
        "Région de Bruxelles-Capitale",
        "Brussels Hoofdstedelijk Gewest",
        "Region Brüssel-Hauptstadt",
    ),
}


@dataclass
class GeographyReport:
    regions: int = 0
    provinces: int = 0
    arrondissements: int = 0
    municipalities: int = 0
    postal_codes: int = 0
    postal_codes_added: int = 0
    postal_codes_removed: int = 0
    judicial_districts: int = 0
    police_zones: int = 0
    without_police_zone: int = 0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _brussels_label(label: str, lang: int) -> str:
    # Brussels arrondissement labels come as "FR / NL"; split them for the per-language columns.
    parts = [p.strip() for p in label.split(" / ")]
    return parts[lang] if len(parts) == 2 else label


def load_geography(session: Session, geo_dir: Path) -> GeographyReport:
    report = GeographyReport()
    municipalities = _rows(geo_dir / "municipalities.csv")

    for statbel, (code, fr, nl, de) in REGIONS.items():
        session.merge(
            Region(code=code.value, statbel_code=statbel, name_fr=fr, name_nl=nl, name_de=de)
        )
        report.regions += 1
    region_of = {statbel: code.value for statbel, (code, *_names) in REGIONS.items()}

    provinces: dict[str, Province] = {}
    arrondissements: dict[str, Arrondissement] = {}
    for row in municipalities:
        region = region_of[row["region_code"]]
        province_code = row["province_code"] or None
        if province_code and province_code not in provinces:
            provinces[province_code] = Province(
                code=province_code,
                region_code=region,
                name_fr=row["province_fr"],
                name_nl=row["province_nl"],
                name_de=row["province_de"] or None,
            )
        if row["arrondissement_code"] not in arrondissements:
            arrondissements[row["arrondissement_code"]] = Arrondissement(
                code=row["arrondissement_code"],
                region_code=region,
                province_code=province_code,
                name_fr=_brussels_label(row["arrondissement_fr"], 0),
                name_nl=_brussels_label(row["arrondissement_nl"], 1),
                name_de=row["arrondissement_de"] or None,
            )
    for province in provinces.values():
        session.merge(province)
    for arrondissement in arrondissements.values():
        session.merge(arrondissement)
    session.flush()
    report.provinces, report.arrondissements = len(provinces), len(arrondissements)

    for row in municipalities:
        session.merge(
            Municipality(
                nis_code=row["nis_code"],
                name_fr=row["name_fr"],
                name_nl=row["name_nl"],
                name_de=row["name_de"] or None,
                region_code=region_of[row["region_code"]],
                province_code=row["province_code"] or None,
                arrondissement_code=row["arrondissement_code"],
                language_regime_code=row["language_regime_code"],
                language_regime=row["language_regime"],
                facility_municipality=row["facility_municipality"] == "yes",
                merged_2025_from=[c for c in row["merged_2025_from"].split(";") if c],
            )
        )
    session.flush()
    report.municipalities = len(municipalities)

    _sync_postal_codes(session, _rows(geo_dir / "postal_codes.csv"), report)
    _load_judicial_districts(session, geo_dir / "judicial_districts.yaml", report)
    _load_police_zones(session, _rows(geo_dir / "police_zones.csv"), report)
    session.flush()
    return report


class GeographyError(ValueError):
    """A geography file contradicts itself (an area twice, a code that does not exist)."""


def _load_judicial_districts(session: Session, path: Path, report: GeographyReport) -> None:
    """Each district is written as the administrative areas it is made of (the Judicial Code
    defines them that way): provinces, arrondissements, municipalities, minus exceptions."""
    districts = yaml.safe_load(path.read_text(encoding="utf-8"))["districts"]
    municipalities = {m.nis_code: m for m in session.scalars(select(Municipality))}
    owner: dict[str, str] = {}
    for district in districts:
        session.merge(
            JudicialDistrict(
                code=district["code"],
                name_fr=district["name_fr"],
                name_nl=district["name_nl"],
                name_de=district.get("name_de"),
                source_url=district["sources"][0]["url"],
            )
        )
        territory = district["territory"]
        excluded = set(territory.get("except", []))
        for municipality in municipalities.values():
            if municipality.nis_code in excluded or not _within(municipality, territory):
                continue
            if municipality.nis_code in owner:
                raise GeographyError(
                    f"{municipality.nis_code} is in both {owner[municipality.nis_code]} "
                    f"and {district['code']}"
                )
            owner[municipality.nis_code] = district["code"]
    session.flush()
    missing = sorted(set(municipalities) - set(owner))
    if missing:
        raise GeographyError(f"no judicial district for {', '.join(missing)}")
    for nis, code in owner.items():
        municipalities[nis].judicial_district_code = code
    report.judicial_districts = len(districts)


def _within(municipality: Municipality, territory: dict[str, list[str]]) -> bool:
    return (
        municipality.region_code in territory.get("regions", [])
        or municipality.province_code in territory.get("provinces", [])
        or municipality.arrondissement_code in territory.get("arrondissements", [])
        or municipality.nis_code in territory.get("municipalities", [])
    )


def _load_police_zones(
    session: Session, rows: list[dict[str, str]], report: GeographyReport
) -> None:
    """One row per (zone, municipality), each from a public page; a municipality absent from
    the file has no zone (a listed gap), never a guessed one."""
    municipalities = {m.nis_code: m for m in session.scalars(select(Municipality))}
    zone_of: dict[str, str] = {}
    for row in rows:
        nis, code = row["nis_code"], row["zone_code"]
        if nis not in municipalities:
            raise GeographyError(f"police_zones.csv: no municipality {nis}")
        if zone_of.get(nis, code) != code:
            raise GeographyError(f"police_zones.csv: {nis} is in zones {zone_of[nis]} and {code}")
        zone_of[nis] = code
        session.merge(
            PoliceZone(
                code=code,
                name_fr=row["name_fr"],
                name_nl=row["name_nl"],
                name_de=row["name_de"] or None,
                source_url=row["source_url"],
                checked_on=dt.date.fromisoformat(row["checked_on"]),
            )
        )
    session.flush()
    for nis, municipality in municipalities.items():
        municipality.police_zone_code = zone_of.get(nis)
    report.police_zones = len(set(zone_of.values()))
    report.without_police_zone = len(municipalities) - len(zone_of)


def _sync_postal_codes(
    session: Session, rows: list[dict[str, str]], report: GeographyReport
) -> None:
    existing = {
        (p.postal_code, p.locality_nl, p.nis_code): p for p in session.scalars(select(PostalCode))
    }
    wanted = {(r["postal_code"], r["locality_nl"], r["nis_code"]): r for r in rows}
    for key, row in wanted.items():
        current = existing.get(key)
        if current is None:
            session.add(
                PostalCode(
                    postal_code=row["postal_code"],
                    locality_nl=row["locality_nl"],
                    locality_fr=row["locality_fr"],
                    locality_de=row["locality_de"] or None,
                    nis_code=row["nis_code"],
                )
            )
            report.postal_codes_added += 1
        else:
            current.locality_fr = row["locality_fr"]
            current.locality_de = row["locality_de"] or None
    for key, stale in existing.items():
        if key not in wanted:
            session.delete(stale)
            report.postal_codes_removed += 1
    report.postal_codes = len(wanted)


AreaNames = dict[tuple[str, str], dict[Lang, str]]

NATIONAL = {Lang.FR: "Belgique", Lang.NL: "België", Lang.DE: "Belgien", Lang.EN: "Belgium"}


def area_name(scope: str, code: str | None, raw: str, names: AreaNames, lang: Lang) -> str:
    """A service area's name in `lang`; the name as written when it is not in the geography."""
    if scope == Scope.NATIONAL.value:
        return NATIONAL[lang]
    if code and (scope, code) in names:
        return names[(scope, code)][lang]
    return raw


def area_names(session: Session) -> AreaNames:
    """Names of every region, province, arrondissement and municipality, per language."""
    names: AreaNames = {}
    areas: list[
        tuple[
            Scope,
            Iterable[Region | Province | Arrondissement | JudicialDistrict | PoliceZone],
        ]
    ] = [
        (Scope.REGION, session.scalars(select(Region))),
        (Scope.PROVINCE, session.scalars(select(Province))),
        (Scope.ARRONDISSEMENT, session.scalars(select(Arrondissement))),
        (Scope.JUDICIAL_DISTRICT, session.scalars(select(JudicialDistrict))),
        (Scope.POLICE_ZONE, session.scalars(select(PoliceZone))),
    ]
    for scope, rows in areas:
        for row in rows:
            names[(scope.value, row.code)] = _per_lang(row.name_fr, row.name_nl, row.name_de)
    for municipality in session.scalars(select(Municipality)):
        names[(Scope.MUNICIPALITY.value, municipality.nis_code)] = _per_lang(
            municipality.name_fr, municipality.name_nl, municipality.name_de
        )
    return names


def _per_lang(fr: str, nl: str, de: str | None) -> dict[Lang, str]:
    return {
        Lang.FR: fr,
        Lang.NL: nl,
        Lang.DE: de or fr,
        Lang.EN: fr if fr == nl else f"{fr} / {nl}",
    }
