"""Import and export of the directory: CSV for spreadsheets, HSDS 3.0 JSON, NDJSON.

Exports never contain a confidential address: a location marked confidential is exported as
confidential, without street, postal code or municipality. Imports never need it back: a record
whose confidential address comes without them keeps the stored ones, so importing an export
changes nothing.

CSV (one row per service, UTF-8 with a BOM so that spreadsheets read the accents, `;` between
columns; `,` is detected on import). The columns are the fields of `ServiceRecord`, the address
as `street`, `postal_code`, `municipality`, `address_confidential`. Inside a cell:

- lists are separated by `|` (`fr|nl`); a literal `|` or `\\` in a value is written `\\|`, `\\\\`;
- phones are `number=label` (`+3225550000=Accueil|1712`), the label optional;
- schedules are `[channel ]DAYS HH:MM-HH:MM` (`MO,TU,WE 09:00-17:00|phone SA 10:00-12:00`);
- yes/no fields are `yes`, `no` or empty (unknown); an empty cell is an empty/unknown value;
- `status` empty keeps a stored service's status (new services are active).

NDJSON: one JSON record (the shape of `data/services.yaml`) per line.

HSDS 3.0: a JSON list of `service` objects. HSDS ids are UUIDs, derived as stable UUIDv5s from
our ids; our id and everything HSDS has no field for (other languages, kind, audiences,
violence types, channels, sources, verification) travel as `attributes` whose `link_type`
starts with `passerelle:`. The name and description are the French ones (Dutch when there is
no French), `alternate_name` the Dutch name. Maintainers' notes and who verified are not
exported in HSDS (a format for sharing); an HSDS import keeps the stored ones.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction

from directory import editing
from directory.hsds.objects import location_id, service_at_location_id
from directory.hsds_ids import hsds_id
from directory.models import Change, Service
from directory.records import (
    ServiceRecord,
    as_document,
    record_of,
    without_confidential_address,
)
from directory.seed import address_location_id, load_service
from directory.spreadsheet import csv_bytes, read_cell
from directory.taxonomy import coded_term
from directory.vocab import Lang, ServiceStatus

Format = Literal["csv", "hsds", "ndjson"]
FORMATS: tuple[Format, ...] = ("csv", "hsds", "ndjson")
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "hsds": "application/json",
    "ndjson": "application/x-ndjson",
}
EXTENSIONS: dict[str, str] = {"csv": "csv", "hsds": "json", "ndjson": "ndjson"}

PREFIX = "passerelle:"

COLUMNS = (
    "id",
    "status",
    "kind",
    "name_fr",
    "name_nl",
    "name_de",
    "name_en",
    "description_fr",
    "description_nl",
    "description_de",
    "description_en",
    "phones",
    "email",
    "website",
    "street",
    "postal_code",
    "municipality",
    "address_confidential",
    "channels",
    "hours_text",
    "schedules",
    "languages",
    "audiences",
    "violence_types",
    "coverage",
    "urgent",
    "anonymous",
    "free",
    "source_urls",
    "checked_on",
    "source_date",
    "notes",
    "verification_status",
    "verified_at",
    "verified_by",
    "verification_method",
)
LISTS = ("channels", "languages", "audiences", "violence_types", "coverage", "source_urls")
BOOLEANS = ("urgent", "anonymous", "free")
ADDRESS = {"street": "street", "postal_code": "postal_code", "municipality": "municipality"}
# What an HSDS export leaves out; an HSDS import keeps the stored values.
NOT_IN_HSDS = frozenset({"notes", "verified_by"})


@dataclass(frozen=True)
class Problem:
    row: int  # CSV: the spreadsheet row (the header is row 1); NDJSON: the line; HSDS: position
    field: str
    reason: str
    id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "id": self.id, "field": self.field, "reason": self.reason}


@dataclass
class ImportReport:
    format: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    records: list[ServiceRecord] = field(default_factory=list)
    rows_of: dict[str, int] = field(default_factory=dict)  # record id → row
    keep: frozenset[str] = frozenset()  # fields the format cannot carry: stored values stay
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    applied: bool = False
    batch_id: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, row: int, where: str, reason: str, ident: str | None = None) -> None:
        self.problems.append(Problem(row, where, reason, ident))

    def add(self, row: int, item: Any) -> None:
        """Validate one record's data and keep it, or note every problem it has."""
        ident = item.get("id") if isinstance(item, dict) else None
        ident = ident if isinstance(ident, str) else None
        if not isinstance(item, dict):
            self.problem(row, "(record)", "must be an object with the record's fields")
            return
        try:
            record = ServiceRecord.model_validate(item)
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"]) or "(record)"
                self.problem(row, where, detail["msg"], ident)
            return
        if record.id in self.rows_of:
            self.problem(row, "id", f"duplicate id (also row {self.rows_of[record.id]})", ident)
            return
        self.rows_of[record.id] = row
        self.records.append(record)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "rows": self.rows,
            "valid": len(self.records),
            "problems": [p.as_dict() for p in self.problems],
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "applied": self.applied,
            "batch_id": self.batch_id,
        }


# --- export ------------------------------------------------------------------------------------


def export_records(session: Session) -> list[ServiceRecord]:
    """Every service, archived ones included (see `status`), without confidential addresses."""
    services = session.scalars(select(Service.id).order_by(Service.id)).all()
    records = []
    for service_id in services:
        service = load_service(session, service_id)
        if service is not None:
            records.append(public(record_of(service)))
    return records


def public(record: ServiceRecord) -> ServiceRecord:
    """The record without where a confidential location is."""
    return without_confidential_address(record)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def _join(values: Iterable[str]) -> str:
    return "|".join(_escape(v) for v in values)


def _split(cell: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def csv_row(record: ServiceRecord) -> dict[str, str]:
    document = as_document(record)
    row: dict[str, str] = {}
    for column in COLUMNS:
        value = document.get(column)
        row[column] = "" if value is None else str(value)
    for column in LISTS:
        row[column] = _join(document[column] or [])
    for column in BOOLEANS:
        row[column] = _yes_no(document[column])
    row["phones"] = _join(
        f"{p['number']}={p['label']}" if p["label"] else p["number"] for p in document["phones"]
    )
    row["schedules"] = _join(
        f"{s['channel'] + ' ' if s['channel'] else ''}{','.join(s['days'])} "
        f"{s['opens']}-{s['closes']}"
        for s in document["schedules"]
    )
    address = document["address"] or {}
    for column, key in ADDRESS.items():
        row[column] = address.get(key) or ""
    row["address_confidential"] = _yes_no(address["confidential"]) if address else ""
    return row


def to_csv(records: Iterable[ServiceRecord]) -> bytes:
    return csv_bytes(COLUMNS, (csv_row(public(record)) for record in records))


def to_ndjson(records: Iterable[ServiceRecord]) -> bytes:
    lines = (json.dumps(as_document(public(r)), ensure_ascii=False) for r in records)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def to_hsds(records: Iterable[ServiceRecord]) -> list[dict[str, Any]]:
    return [_hsds_service(public(r)) for r in records]


# Coded attributes link to the thesaurus's term for their code (directory/taxonomy.py).
_TERM_GROUPS = {"kind": "service", "audiences": "audience", "violence_types": "violence"}


def _attribute(owner: str, entity: str, name: str, value: str, position: int) -> dict[str, Any]:
    attribute: dict[str, Any] = {
        "id": hsds_id(owner, "attribute", name, str(position)),
        "link_id": owner,
        "link_type": PREFIX + name,
        "link_entity": entity,
        "value": value,
    }
    term = coded_term(_TERM_GROUPS[name], value, Lang.FR) if name in _TERM_GROUPS else None
    if term is not None:
        attribute["taxonomy_term_id"] = term["id"]
        attribute["taxonomy_term"] = term
    return attribute


def _hsds_service(record: ServiceRecord) -> dict[str, Any]:
    doc = as_document(record)
    sid = hsds_id("service", record.id)
    carried: list[tuple[str, str]] = [("id", record.id), ("kind", doc["kind"])]
    for name in (
        "name_fr",
        "name_nl",
        "name_de",
        "name_en",
        "description_fr",
        "description_nl",
        "description_de",
        "description_en",
        "hours_text",
        "checked_on",
        "source_date",
        "verification_status",
        "verified_at",
        "verification_method",
    ):
        if doc[name] is not None:
            carried.append((name, str(doc[name])))
    for name in ("audiences", "violence_types", "channels", "source_urls"):
        carried += [(name, value) for value in doc[name] or []]
    for name in BOOLEANS:
        if doc[name] is not None:
            carried.append((name, "true" if doc[name] else "false"))
    if doc["status"] is not None:
        carried.append(("status", doc["status"]))
    service: dict[str, Any] = {
        "id": sid,
        "name": record.name_fr or record.name_nl,
        "status": "inactive" if record.status is ServiceStatus.ARCHIVED else "active",
    }
    if record.name_fr and record.name_nl:
        service["alternate_name"] = record.name_nl
    description = record.description_fr or record.description_nl
    if description:
        service["description"] = description
    if record.website:
        service["url"] = record.website
    if record.email:
        service["email"] = record.email
    assured = [
        d for d in (record.checked_on, record.verified_at and record.verified_at.date()) if d
    ]
    if assured:  # HSDS: the last day the information was checked, by whatever means
        service["assured_date"] = max(assured).isoformat()
    service["phones"] = [
        {"id": hsds_id(sid, "phone", str(i)), "service_id": sid, "number": p.number}
        | ({"description": p.label} if p.label else {})
        for i, p in enumerate(record.phones)
    ]
    service["schedules"] = [
        {
            "id": hsds_id(sid, "schedule", str(i)),
            "service_id": sid,
            "freq": "WEEKLY",
            "byday": ",".join(s.days),
            "opens_at": s.opens,
            "closes_at": s.closes,
        }
        | ({"attending_type": s.channel.value} if s.channel else {})
        for i, s in enumerate(record.schedules)
    ]
    service["service_areas"] = [
        {"id": hsds_id(sid, "area", raw), "service_id": sid, "name": raw}
        for raw in record.coverage or []
    ]
    service["languages"] = [
        {"id": hsds_id(sid, "language", code), "service_id": sid, "code": code}
        for code in doc["languages"] or []
    ]
    service["service_at_locations"] = []
    if record.address is not None:
        service["service_at_locations"] = [_hsds_location(sid, record)]
    service["attributes"] = [
        _attribute(sid, "service", name, value, i) for i, (name, value) in enumerate(carried)
    ]
    return service


def _hsds_location(sid: str, record: ServiceRecord) -> dict[str, Any]:
    assert record.address is not None
    address = record.address
    lid = location_id(address_location_id(record.id))
    attributes = []
    if address.municipality:
        attributes.append(_attribute(lid, "location", "municipality", address.municipality, 0))
    if address.confidential:
        attributes.append(_attribute(lid, "location", "confidential", "true", 1))
    location: dict[str, Any] = {
        "id": lid,
        "location_type": "physical",
        "addresses": [],
        "attributes": attributes,
    }
    if not address.confidential and (address.street or address.postal_code):
        location["addresses"] = [
            {
                "id": hsds_id(lid, "address"),
                "location_id": lid,
                "address_1": address.street or "",
                "city": address.municipality or "",
                "state_province": "",
                "postal_code": address.postal_code or "",
                "country": "BE",
                "address_type": "physical",
            }
        ]
    return {
        "id": service_at_location_id(record.id, address_location_id(record.id)),
        "service_id": sid,
        "location_id": lid,
        "location": location,
    }


def export(session: Session, format: Format) -> bytes:
    records = export_records(session)
    if format == "csv":
        return to_csv(records)
    if format == "ndjson":
        return to_ndjson(records)
    return json.dumps(to_hsds(records), ensure_ascii=False, indent=1).encode("utf-8")


# --- import ------------------------------------------------------------------------------------


def _text(data: bytes, report: ImportReport) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.problem(0, "(file)", f"not UTF-8 text (byte {error.start}): save it as UTF-8")
        return None


def from_csv(data: bytes) -> ImportReport:
    report = ImportReport("csv")
    text = _text(data, report)
    if text is None:
        return report
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        report.problem(0, "(file)", f"not readable as CSV: {error}")
        return report
    if not rows or not any(cell.strip() for cell in rows[0]):
        report.problem(1, "(header)", f"the first row must name the columns: {', '.join(COLUMNS)}")
        return report
    header = [cell.strip() for cell in rows[0]]
    unknown = [c for c in header if c not in COLUMNS]
    for column in unknown:
        report.problem(1, column, f"unknown column; the columns are {', '.join(COLUMNS)}")
    if "id" not in header:
        report.problem(1, "id", "the id column is missing")
    if len(set(header)) != len(header):
        report.problem(1, "(header)", "a column appears twice")
    if report.problems:
        return report
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        report.rows += 1
        if len(cells) > len(header):
            report.problem(number, "(row)", f"{len(cells)} cells for {len(header)} columns")
            continue
        row = dict(zip(header, map(read_cell, cells), strict=False))
        item = _from_row(row, number, report)
        if item is not None:
            report.add(number, item)
    return report


def _from_row(row: dict[str, str], number: int, report: ImportReport) -> dict[str, Any] | None:
    cells = {k: v.strip() for k, v in row.items()}
    ident = cells.get("id") or None
    item: dict[str, Any] = {}
    bad = False
    for column, value in cells.items():
        if column in ADDRESS or column == "address_confidential":
            continue
        if column in LISTS:
            item[column] = _split(value)
        elif column in BOOLEANS:
            parsed = _boolean(value)
            if parsed == "bad":
                report.problem(number, column, f"use yes, no or nothing, not {value!r}", ident)
                bad = True
            item[column] = parsed
        elif column == "phones":
            item[column] = [
                {"number": n.strip(), "label": (label.strip() or None) if sep else None}
                for n, sep, label in (p.partition("=") for p in _split(value))
            ]
        elif column == "schedules":
            schedules = []
            for text in _split(value):
                schedule = _schedule(text)
                if schedule is None:
                    report.problem(
                        number,
                        column,
                        f"{text!r}: write [channel ]DAYS HH:MM-HH:MM, e.g. 'MO,TU 09:00-17:00'",
                        ident,
                    )
                    bad = True
                else:
                    schedules.append(schedule)
            item[column] = schedules
        else:
            item[column] = value or None
    address = {key: cells.get(column) or None for column, key in ADDRESS.items()}
    confidential = _boolean(cells.get("address_confidential", ""))
    if confidential == "bad":
        report.problem(number, "address_confidential", "use yes, no or nothing", ident)
        bad = True
    if any(address.values()) or confidential:
        item["address"] = address | {"confidential": bool(confidential)}
    if not item.get("languages"):
        item["languages"] = None
    return None if bad else item


def _boolean(value: str) -> bool | Literal["bad"] | None:
    folded = value.strip().lower()
    if not folded:
        return None
    if folded in {"yes", "oui", "ja", "true", "1"}:
        return True
    if folded in {"no", "non", "nee", "false", "0"}:
        return False
    return "bad"


def _schedule(text: str) -> dict[str, Any] | None:
    parts = text.split()
    if len(parts) not in (2, 3):
        return None
    channel = parts[0] if len(parts) == 3 else None
    days, hours = parts[-2], parts[-1]
    opens, sep, closes = hours.partition("-")
    if not sep:
        return None
    return {
        "channel": channel,
        "days": [d.strip().upper() for d in days.split(",") if d.strip()],
        "opens": opens,
        "closes": closes,
    }


def from_ndjson(data: bytes) -> ImportReport:
    report = ImportReport("ndjson")
    text = _text(data, report)
    if text is None:
        return report
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        report.rows += 1
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as error:
            report.problem(number, "(line)", f"not JSON: {error}")
            continue
        report.add(number, item)
    return report


def from_hsds(data: bytes | list[Any]) -> ImportReport:
    report = ImportReport("hsds", keep=NOT_IN_HSDS)
    if isinstance(data, bytes):
        text = _text(data, report)
        if text is None:
            return report
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            report.problem(0, "(file)", f"not JSON: {error}")
            return report
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]  # an HSDS page
    if not isinstance(data, list):
        report.problem(0, "(file)", "must be a JSON list of HSDS service objects")
        return report
    for number, service in enumerate(data, start=1):
        report.rows += 1
        try:
            item = _from_hsds_service(service)
        except _Bad as bad:
            report.problem(number, bad.where, bad.reason)
            continue
        report.add(number, item)
    return report


class _Bad(ValueError):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(reason)
        self.where, self.reason = where, reason


def _objects(parent: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = parent.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Bad(key, "must be a list of objects")
    return value


def _string(parent: dict[str, Any], key: str, where: str) -> str | None:
    value = parent.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _Bad(where, "must be a string")


def _carried(owner: dict[str, Any], where: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for i, attribute in enumerate(_objects(owner, "attributes")):
        link_type = _string(attribute, "link_type", f"{where}.{i}.link_type") or ""
        value = _string(attribute, "value", f"{where}.{i}.value")
        if link_type.startswith(PREFIX) and value is not None:
            found.setdefault(link_type.removeprefix(PREFIX), []).append(value)
    return found


def _from_hsds_service(service: Any) -> dict[str, Any]:
    if not isinstance(service, dict):
        raise _Bad("(service)", "must be an HSDS service object")
    carried = _carried(service, "attributes")

    def one(name: str) -> str | None:
        values = carried.get(name)
        return values[0] if values else None

    def flag(name: str) -> bool | None:
        value = one(name)
        return None if value is None else value == "true"

    ident = one("id")
    if ident is None:
        raise _Bad("attributes", f"no attribute with link_type '{PREFIX}id' (our service id)")
    item: dict[str, Any] = {"id": ident, "kind": one("kind")}
    for name in ("name", "description"):
        for lang in ("fr", "nl", "de", "en"):
            item[f"{name}_{lang}"] = one(f"{name}_{lang}")
    if not (item["name_fr"] or item["name_nl"]):
        item["name_fr"] = _string(service, "name", "name")
    item["website"] = _string(service, "url", "url")
    item["email"] = _string(service, "email", "email")
    item["hours_text"] = one("hours_text")
    for name in (
        "checked_on",
        "source_date",
        "verification_status",
        "verified_at",
        "verification_method",
    ):
        if one(name) is not None:
            item[name] = one(name)
    for name in ("audiences", "violence_types", "channels", "source_urls"):
        item[name] = carried.get(name, [])
    for name in BOOLEANS:
        item[name] = flag(name)
    status = one("status")
    if status is None:
        hsds_status = _string(service, "status", "status")
        status = "active" if hsds_status in (None, "active") else "archived"
    item["status"] = status
    item["phones"] = [
        {
            "number": _string(p, "number", f"phones.{i}.number"),
            "label": _string(p, "description", f"phones.{i}.description"),
        }
        for i, p in enumerate(_objects(service, "phones"))
    ]
    item["schedules"] = [
        {
            "channel": _string(s, "attending_type", f"schedules.{i}.attending_type"),
            "days": (_string(s, "byday", f"schedules.{i}.byday") or "").split(","),
            "opens": _string(s, "opens_at", f"schedules.{i}.opens_at"),
            "closes": _string(s, "closes_at", f"schedules.{i}.closes_at"),
        }
        for i, s in enumerate(_objects(service, "schedules"))
    ]
    item["coverage"] = [
        _string(a, "name", f"service_areas.{i}.name")
        for i, a in enumerate(_objects(service, "service_areas"))
    ] or None
    item["languages"] = [
        _string(lang, "code", f"languages.{i}.code")
        for i, lang in enumerate(_objects(service, "languages"))
    ] or None
    for i, link in enumerate(_objects(service, "service_at_locations")):
        location = link.get("location")
        if not isinstance(location, dict):
            raise _Bad(f"service_at_locations.{i}.location", "must be a location object")
        where = f"service_at_locations.{i}.location"
        location_carried = _carried(location, f"{where}.attributes")
        addresses = _objects(location, "addresses")
        first = addresses[0] if addresses else {}
        municipality = next(iter(location_carried.get("municipality", [])), None)
        item["address"] = {
            "street": _string(first, "address_1", f"{where}.addresses.0.address_1") or None,
            "postal_code": _string(first, "postal_code", f"{where}.addresses.0.postal_code")
            or None,
            "municipality": municipality
            or _string(first, "city", f"{where}.addresses.0.city")
            or None,
            "confidential": (location_carried.get("confidential") or ["false"])[0] == "true",
        }
        break
    return item


def parse(data: bytes, format: Format) -> ImportReport:
    """Read an import file; never raises on bad input, every problem is in the report."""
    reader: Callable[[bytes], ImportReport] = {
        "csv": from_csv,
        "ndjson": from_ndjson,
        "hsds": from_hsds,
    }[format]
    try:
        return reader(data)
    except RecursionError:
        report = ImportReport(format)
        report.problem(0, "(file)", "nested too deeply")
        return report


# --- planning and applying ---------------------------------------------------------------------


def _merged(
    record: ServiceRecord, before: ServiceRecord | None, keep: frozenset[str]
) -> ServiceRecord:
    """The record as it would be stored: withheld and uncarried fields keep their values."""
    if before is None:
        return record.model_copy(update={"status": record.status or ServiceStatus.ACTIVE})
    changes: dict[str, Any] = {name: getattr(before, name) for name in keep}
    if record.status is None:
        changes["status"] = before.status
    new, old = record.address, before.address
    if (
        new is not None
        and old is not None
        and new.confidential
        and old.confidential
        and new.street is None
        and new.postal_code is None
        and new.municipality is None
    ):
        changes["address"] = new.model_copy(
            update={
                "street": old.street,
                "postal_code": old.postal_code,
                "municipality": old.municipality,
            }
        )
    return record.model_copy(update=changes)


def plan(session: Session, editor: editing.Editor, report: ImportReport) -> None:
    """Fill in what an apply would do (created, updated, unchanged) and who may not do it."""
    report.created, report.updated, report.unchanged = [], [], []
    for record in report.records:
        service = load_service(session, record.id)
        before = record_of(service) if service is not None else None
        merged = _merged(record, before, report.keep)
        row = report.rows_of.get(record.id, 0)
        allowed = editing.may(editor, merged.coverage) and (
            before is None or editing.may(editor, before.coverage)
        )
        if not allowed:
            report.problem(
                row, "coverage", "this service lies outside the areas you may edit", record.id
            )
            continue  # classifying it would compare a guess with what the editor may not see
        known = before.coverage if before else None
        for raw in editing.unplaceable(editor, merged.coverage, known):
            report.problem(row, "coverage", f"{raw!r} matches no place or area", record.id)
        if before is None:
            report.created.append(record.id)
        elif as_document(merged) == as_document(before):
            report.unchanged.append(record.id)
        else:
            report.updated.append(record.id)


def apply_import(
    session: Session,
    editor: editing.Editor,
    report: ImportReport,
    batch_id: str,
    progress: Callable[[int], None] | None = None,
) -> bool:
    """Apply a planned report, all or nothing; True when applied.

    Runs in a savepoint: on any failure nothing of the import stays and the report says why.
    """
    plan(session, editor, report)
    if report.problems:
        return False
    savepoint = session.begin_nested()
    try:
        for record in report.records:
            service = load_service(session, record.id)
            if service is None:
                editing.create(
                    session,
                    editor,
                    _merged(record, None, report.keep),
                    batch_id=batch_id,
                    action="import",
                )
            else:
                merged = _merged(record, record_of(service), report.keep)
                editing.save(
                    session, editor, merged, service.revision, action="import", batch_id=batch_id
                )
            if progress:
                progress(1)
    except (
        editing.NotAllowed,
        editing.AlreadyExists,
        editing.Stale,
        editing.NotFound,
        editing.InvalidRecord,
    ) as error:
        savepoint.rollback()
        report.problem(report.rows_of.get(record.id, 0), "(record)", str(error), record.id)
        return False
    except Exception:
        _undo(savepoint)
        raise
    savepoint.commit()
    report.applied, report.batch_id = True, batch_id
    return True


def _undo(savepoint: SessionTransaction) -> None:
    """Roll back to the savepoint, keeping the error that brought us here.

    The database may already have rolled back more than the savepoint: SQLite drops the whole
    transaction on SQLITE_FULL ("no such savepoint" then), a lost connection drops everything.
    Either way nothing of the import is left, and the caller rolls back the rest; a failure to
    undo must not replace the reason the import failed.
    """
    with contextlib.suppress(SQLAlchemyError):
        savepoint.rollback()


def revert_batch(
    session: Session, editor: editing.Editor, batch_id: str, new_batch_id: str
) -> list[str]:
    """Undo a batch as one new batch: each service goes back to its state before the batch;
    services the batch created are archived. Returns the ids of the services changed."""
    changes: Sequence[Change] = session.scalars(
        select(Change).where(Change.batch_id == batch_id).order_by(Change.id)
    ).all()
    if not changes:
        raise editing.NotFound(f"batch {batch_id!r}")
    first: dict[str, Change] = {}
    for change in changes:
        first.setdefault(change.service_id, change)
    reverted = []
    for service_id, change in first.items():
        service = load_service(session, service_id)
        if service is None:
            continue
        current = record_of(service)
        if change.before is None:
            target = current.model_copy(update={"status": ServiceStatus.ARCHIVED})
        else:
            target = ServiceRecord.model_validate(change.before)
        saved = editing.save(
            session,
            editor,
            target,
            service.revision,
            action="revert",
            note=f"revert of import batch {batch_id}",
            batch_id=new_batch_id,
        )
        if saved.changed:
            reverted.append(service_id)
    return reverted
