"""Service cards as HSDS 3.0 objects, in one language.

The read API (`directory.hsds.reading`) serves these. HSDS names one language per object: `name`
and `description` are in the answer's language, with the same fallbacks as the rest of the
directory. What the Belgian profile adds travels as `attributes` whose `link_type` starts with
`passerelle:` (docs/hsds.md): the texts in the other languages, the kind of service, audiences,
forms of violence and channels (each with its `taxonomy_term`), the three-valued facts
(urgent, anonymous, free), the sources and their verification, and our own ids.

Nothing here shows where a confidential location is: it keeps its name and type, never an
address, municipality or coordinates. Maintainers' notes are never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from directory.cards import LocationCard, OrganizationCard, PhoneCard, Rule, ServiceCard
from directory.geography import AreaNames, area_name
from directory.hsds_ids import hsds_id
from directory.records import hhmm
from directory.taxonomy import coded_term
from directory.vocab import Lang, Scope
from directory.vocab import pick_text as pick

Body = dict[str, Any]
PREFIX = "passerelle:"
# A municipality's areas (NIS code → arrondissement, province, region, …): the snapshot's.
Places = Callable[[str], tuple[str | None, ...] | None]

# Coded values whose attribute links to the search vocabulary's term (directory/taxonomy.py).
_TERM_GROUPS = {"kind": "service", "audiences": "audience", "violence_types": "violence"}


@lru_cache(maxsize=65_536)  # every list answer names each of its services
def service_id(slug: str) -> str:
    return hsds_id("service", slug)


def location_id(slug: str) -> str:
    return hsds_id("location", slug)


def service_at_location_id(service: str, location: str) -> str:
    return hsds_id("service_at_location", service, location)


def organization_id(slug: str) -> str:
    return hsds_id("organization", slug)


def attribute(
    owner: str, entity: str, name: str, value: str, position: int, lang: Lang = Lang.FR
) -> Body:
    """One `passerelle:` attribute, the `position`th of its owner; a coded value carries its
    taxonomy term (in `lang`). The HSDS export and the read API write the same ones."""
    body: Body = {
        "id": hsds_id(owner, "attribute", name, str(position)),
        "link_id": owner,
        "link_type": PREFIX + name,
        "link_entity": entity,
        "value": value,
    }
    term = coded_term(_TERM_GROUPS[name], value, lang) if name in _TERM_GROUPS else None
    if term is not None:
        body["taxonomy_term_id"] = term["id"]
        body["taxonomy_term"] = term
    return body


def _attributes(
    owner: str, entity: str, pairs: Iterable[tuple[str, str]], lang: Lang
) -> list[Body]:
    return [attribute(owner, entity, n, v, i, lang) for i, (n, v) in enumerate(pairs)]


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _optional(body: Body, **values: object) -> Body:
    """HSDS fields are strings or absent: an unknown value is left out, never null."""
    body.update({k: v for k, v in values.items() if v is not None and v != ""})
    return body


def _assured_date(card: ServiceCard) -> str | None:
    """HSDS `assured_date`: the last day the information was checked, by whatever means."""
    days = [d for d in (card.assured_date, card.verified_at and card.verified_at.date()) if d]
    return max(days).isoformat() if days else None


# Items kept per card and language: a card is immutable, so is its item (read it, do not change
# it). A changed service has a new card, which replaces its old item.
_ITEMS: dict[tuple[str, Lang], tuple[ServiceCard, Body]] = {}
_MAX_ITEMS = 200_000


def service_item(card: ServiceCard, lang: Lang) -> Body:
    """The service's one-to-one fields: an item of GET /services (HSDS `service_list`)."""
    kept = _ITEMS.get((card.id, lang))
    if kept is not None and kept[0] is card:
        return kept[1]
    if len(_ITEMS) >= _MAX_ITEMS:
        _ITEMS.clear()
    item = _service_item(card, lang)
    _ITEMS[(card.id, lang)] = (card, item)
    return item


def _service_item(card: ServiceCard, lang: Lang) -> Body:
    name, name_lang = pick(card.names, lang)
    alternate = next(
        (card.names[other] for other in Lang if other != name_lang and card.names[other]), None
    )
    return _optional(
        {"id": service_id(card.id), "name": name or card.id, "status": "active"},
        organization_id=organization_id(card.organization.id) if card.organization else None,
        alternate_name=alternate if alternate != name else None,
        description=pick(card.descriptions, lang)[0],
        url=card.url,
        email=card.email,
        assured_date=_assured_date(card),
        last_modified=_timestamp(card.updated_at) if card.updated_at else None,
    )


def minimal_item(card: ServiceCard, lang: Lang) -> Body:
    """`minimal=true`: the id and the last change, with the two fields every item requires."""
    item = service_item(card, lang)
    return {k: item[k] for k in ("id", "name", "status", "last_modified") if k in item}


def service(
    card: ServiceCard, lang: Lang, names: AreaNames, places: Places, now: dt.datetime
) -> Body:
    """The fully nested service: GET /services/{id} (HSDS compiled `service`)."""
    sid = service_id(card.id)
    body = dict(service_item(card, lang))
    if card.organization is not None:
        body["organization"] = organization_item(card.organization, lang)
    body["phones"] = [_phone(sid, i, p) for i, p in enumerate(card.phones)]
    body["schedules"] = _schedules(sid, card, lang, now)
    body["service_areas"] = [
        {
            "id": hsds_id(sid, "service_area", str(i)),
            "service_id": sid,
            "name": area_name(a.scope, a.code, a.raw, names, lang),
            "attributes": _attributes(
                hsds_id(sid, "service_area", str(i)),
                "service_area",
                [("area_scope", a.scope)] + ([("area_code", a.code)] if a.code else []),
                lang,
            ),
        }
        for i, a in enumerate(card.areas)
    ]
    body["languages"] = [
        {"id": hsds_id(sid, "language", code), "service_id": sid, "code": code}
        for code in card.languages
    ]
    body["service_at_locations"] = [
        service_at_location(card, loc, lang, names, places, nested_service=False)
        for loc in card.locations
    ]
    body["attributes"] = _attributes(sid, "service", _profile_pairs(card, lang), lang)
    return body


def _phone(sid: str, position: int, phone: PhoneCard) -> Body:
    return _optional(
        {"id": hsds_id(sid, "phone", str(position)), "service_id": sid, "number": phone.number},
        type=phone.type,
        description=phone.description,
    )


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _schedules(sid: str, card: ServiceCard, lang: Lang, now: dt.datetime) -> list[Body]:
    rules = [_rule(sid, i, rule, now) for i, rule in enumerate(card.schedules)]
    hours, _ = pick(card.hours_notes, lang)
    if hours:  # the sources' own words: HSDS's free-text description of availability
        rules.append(
            {"id": hsds_id(sid, "schedule", "notes"), "service_id": sid, "description": hours}
        )
    return rules


def _rule(sid: str, position: int, rule: Rule, now: dt.datetime) -> Body:
    schedule = hsds_id(sid, "schedule", str(position))
    offset = now.astimezone(_zone(rule.timezone)).utcoffset()
    return _optional(
        {
            "id": schedule,
            "service_id": sid,
            "freq": rule.freq,
            "byday": rule.byday,
            "opens_at": hhmm(rule.opens_at, closing=False),
            "closes_at": hhmm(rule.closes_at, closing=True),
            # HSDS wants a UTC offset: the one in force at the answer's moment. The zone's name
            # says when it changes.
            "timezone": offset.total_seconds() / 3600 if offset is not None else 0,
            "attributes": [attribute(schedule, "schedule", "timezone", rule.timezone, 0)],
        },
        attending_type=rule.attending_type,
        valid_from=rule.valid_from.isoformat() if rule.valid_from else None,
        valid_to=rule.valid_to.isoformat() if rule.valid_to else None,
    )


def _profile_pairs(card: ServiceCard, lang: Lang) -> list[tuple[str, str]]:
    """What the Belgian profile adds to a service, as (name, value) attributes."""
    pairs: list[tuple[str, str]] = [("id", card.id), ("kind", card.kind)]
    pairs += [("audiences", v) for v in card.audiences]
    pairs += [("violence_types", v) for v in card.violence_types]
    pairs += [("channels", v) for v in card.channels]
    for name, value in (
        ("urgent", card.urgent),
        ("anonymous", card.anonymous),
        ("free", card.free),
    ):
        if value is not None:
            pairs.append((name, "true" if value else "false"))
    for field, texts in (
        ("name", card.names),
        ("description", card.descriptions),
        ("hours_notes", card.hours_notes),
    ):
        pairs += [(f"{field}_{other.value}", texts[other] or "") for other in Lang if texts[other]]
    pairs += [("source_urls", url) for url in card.sources]
    pairs.append(("verification_status", card.verification_status))
    if card.verified_at is not None:
        pairs.append(("verified_at", _timestamp(card.verified_at)))
    if card.assured_date is not None:
        pairs.append(("checked_on", card.assured_date.isoformat()))
    if card.source_date:
        pairs.append(("source_date", card.source_date))
    return pairs


def location(loc: LocationCard, lang: Lang, names: AreaNames, places: Places) -> Body:
    """A location; a confidential one keeps its name and type, and nothing of where it is."""
    lid = location_id(loc.id)
    body = _optional({"id": lid, "location_type": loc.location_type}, name=pick(loc.names, lang)[0])
    pairs = [("id", loc.id)]
    if loc.confidential:
        body["addresses"] = []
        body["attributes"] = _attributes(lid, "location", [*pairs, ("confidential", "true")], lang)
        return body
    if loc.municipality_nis:
        pairs.append(("municipality_nis", loc.municipality_nis))
    body["attributes"] = _attributes(lid, "location", pairs, lang)
    body["addresses"] = []
    if loc.address_1 or loc.postal_code:
        body["addresses"] = [
            {
                "id": hsds_id(lid, "address"),
                "location_id": lid,
                "address_1": loc.address_1 or "",
                "city": loc.city or "",
                "state_province": _province(loc.municipality_nis, names, places, lang),
                "postal_code": loc.postal_code or "",
                "country": "BE",
                "address_type": "physical",
            }
        ]
    return body


def _province(nis: str | None, names: AreaNames, places: Places, lang: Lang) -> str:
    """The province, or the region where there is none (Brussels); empty when unknown."""
    found = places(nis) if nis else None
    if found is None:
        return ""
    _, province, region, *_ = found
    for scope, code in ((Scope.PROVINCE, province), (Scope.REGION, region)):
        if code and (scope.value, code) in names:
            return names[(scope.value, code)][lang]
    return ""


def service_at_location(
    card: ServiceCard,
    loc: LocationCard,
    lang: Lang,
    names: AreaNames,
    places: Places,
    nested_service: bool = True,
) -> Body:
    """A service at one of its locations, with the location and (in lists) the service."""
    body: Body = {
        "id": service_at_location_id(card.id, loc.id),
        "service_id": service_id(card.id),
        "location_id": location_id(loc.id),
        "location": location(loc, lang, names, places),
    }
    if nested_service:
        body["service"] = service_item(card, lang)
    return body


def organization_item(org: OrganizationCard, lang: Lang) -> Body:
    """An organization's own fields (HSDS `organization_list`). HSDS requires a description:
    an organization without one has an empty one, never an invented one."""
    name, name_lang = pick(org.names, lang)
    alternate = next((org.names[o] for o in Lang if o != name_lang and org.names[o]), None)
    return _optional(
        {
            "id": organization_id(org.id),
            "name": name or org.id,
            "description": pick(org.descriptions, lang)[0] or "",
        },
        alternate_name=alternate if alternate != name else None,
        website=org.website,
        email=org.email,
    )


def organization(
    org: OrganizationCard,
    cards: Iterable[ServiceCard],
    lang: Lang,
    full_services: bool,
    names: AreaNames,
    places: Places,
    now: dt.datetime,
) -> Body:
    """The organization with its services: their own fields, or (`full_service`) in full."""
    body = organization_item(org, lang)
    body["services"] = [
        service(card, lang, names, places, now) if full_services else service_item(card, lang)
        for card in cards
    ]
    body["attributes"] = _attributes(body["id"], "organization", [("id", org.id)], lang)
    return body
