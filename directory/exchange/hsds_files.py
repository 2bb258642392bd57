"""HSDS 3.0 files: a JSON list of `service` objects, valid against the official schemas.

HSDS ids are UUIDs derived from ours (directory/hsds/objects.py); our id and everything HSDS has
no field for (other languages, kind, audiences, violence types, channels, sources,
verification) travel as attributes whose `link_type` starts with `passerelle:`. The name and
description are the French ones (Dutch when there is no French), `alternate_name` the Dutch
name. Maintainers' notes and who verified are not exported (a format for sharing); an import
keeps the stored ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from directory.exchange.report import ImportReport, decode_text
from directory.hsds.objects import PREFIX, attribute, location_id, service_at_location_id
from directory.hsds_ids import hsds_id
from directory.records import ServiceRecord, as_document, without_confidential_address
from directory.service_store import address_location_id
from directory.vocab import Lang, ServiceStatus

NOT_IN_HSDS = frozenset({"notes", "verified_by"})

BOOLEANS = ("urgent", "anonymous", "free")


def to_hsds(records: Iterable[ServiceRecord]) -> list[dict[str, Any]]:
    return [_hsds_service(without_confidential_address(r)) for r in records]


def _hsds_service(record: ServiceRecord) -> dict[str, Any]:
    doc = as_document(record)
    sid = hsds_id("service", record.id)
    carried: list[tuple[str, str]] = [("id", record.id), ("kind", doc["kind"])]
    texts = [f"{field}_{lang.value}" for field in ("name", "description") for lang in Lang]
    for name in (
        *texts,
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
        attribute(sid, "service", name, value, i) for i, (name, value) in enumerate(carried)
    ]
    return service


def _hsds_location(sid: str, record: ServiceRecord) -> dict[str, Any]:
    assert record.address is not None
    address = record.address
    lid = location_id(address_location_id(record.id))
    attributes = []
    if address.municipality:
        attributes.append(attribute(lid, "location", "municipality", address.municipality, 0))
    if address.confidential:
        attributes.append(attribute(lid, "location", "confidential", "true", 1))
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


def from_hsds(data: bytes | list[Any]) -> ImportReport:
    report = ImportReport("hsds", keep=NOT_IN_HSDS)
    if isinstance(data, bytes):
        text = decode_text(data, report)
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
    for i, item in enumerate(_objects(owner, "attributes")):
        link_type = _string(item, "link_type", f"{where}.{i}.link_type") or ""
        value = _string(item, "value", f"{where}.{i}.value")
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
