"""Cards as HSDS objects: nothing null, nothing of a confidential location, the profile's
attributes and the schedule's offset."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from directory.cards import LocationCard, load_cards
from directory.hsds import objects
from directory.models import Location, ServiceAtLocation
from directory.vocab import Lang, Scope
from tests.factories import create_service

WINTER = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)
SUMMER = dt.datetime(2026, 7, 15, 12, tzinfo=dt.UTC)


def nulls(value: Any, where: str = "") -> list[str]:
    if value is None:
        return [where]
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in nulls(v, f"{where}/{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value) for n in nulls(v, f"{where}/{i}")]
    return []


def no_places(nis: str) -> None:
    return None


def test_a_sparse_service_has_no_nulls_and_its_profile(session: Session) -> None:
    service = create_service(
        session,
        name_fr=None,
        name_nl="Alleen Nederlands",
        kind="shelter",
        audiences=["child"],
        violence_types=["sexual"],
        areas=[(Scope.MUNICIPALITY, "44021")],
        schedules=[("MO,TU", "09:00", "00:00", "phone")],
        phones=["+3292000000"],
    )
    card = load_cards(session, [service.id])[service.id]
    body = objects.service(card, Lang.FR, {}, no_places, WINTER)
    assert nulls(body) == []
    assert body["name"] == "Alleen Nederlands" and "alternate_name" not in body
    attributes = {(a["link_type"], a["value"]): a for a in body["attributes"]}
    assert attributes[("passerelle:kind", "shelter")]["taxonomy_term"]["code"] == "service.shelter"
    assert ("passerelle:violence_types", "sexual") in attributes
    assert ("passerelle:name_nl", "Alleen Nederlands") in attributes
    assert ("passerelle:id", service.id) in attributes
    [rule] = body["schedules"]
    assert (rule["opens_at"], rule["closes_at"], rule["timezone"]) == ("09:00", "24:00", 1.0)
    assert rule["attending_type"] == "phone" and rule["byday"] == "MO,TU"
    summer = objects.service(card, Lang.FR, {}, no_places, SUMMER)
    assert summer["schedules"][0]["timezone"] == 2.0
    [area] = body["service_areas"]
    assert {(a["link_type"], a["value"]) for a in area["attributes"]} == {
        ("passerelle:area_scope", "municipality"),
        ("passerelle:area_code", "44021"),
    }


def _located(session: Session, confidential: bool) -> LocationCard:
    service = create_service(session)
    location = Location(
        id=f"{service.id}-address",
        location_type="physical",
        name_fr="Refuge",
        address_1="Rue Secrète 1",
        postal_code="4000",
        city="Liège",
        municipality_nis="62063",
        latitude=50.6,
        longitude=5.5,
        confidential=confidential,
    )
    session.add_all([location, ServiceAtLocation(service_id=service.id, location=location)])
    session.flush()
    return load_cards(session, [service.id])[service.id].locations[0]


def test_a_confidential_location_keeps_its_name_only(session: Session) -> None:
    body = objects.location(_located(session, True), Lang.FR, {}, no_places)
    assert body["name"] == "Refuge" and body["addresses"] == []
    text = repr(body)
    for secret in ("Secrète", "4000", "62063", "50.6", "Liège"):
        assert secret not in text
    assert ("passerelle:confidential", "true") in {
        (a["link_type"], a["value"]) for a in body["attributes"]
    }


def test_an_address_names_its_province(session: Session) -> None:
    names = {("province", "60000"): {lang: f"Province de Liège ({lang})" for lang in Lang}}

    def places(nis: str) -> tuple[str | None, ...] | None:
        return ("62000", "60000", "WAL", None, None) if nis == "62063" else None

    body = objects.location(_located(session, False), Lang.NL, names, places)
    [address] = body["addresses"]
    assert address["address_1"] == "Rue Secrète 1" and address["country"] == "BE"
    assert address["state_province"] == "Province de Liège (nl)"
