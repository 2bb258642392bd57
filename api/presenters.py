"""Service cards → response bodies, in the requested language with fallbacks.

Bodies are plain dicts serialised with orjson: on the search path, building pydantic models
for every hit cost more than the query. `api.schemas` documents the same shapes, and the tests
validate responses against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import orjson

from directory import labels
from directory.cards import LocationCard, ServiceCard
from directory.geography import AreaNames, area_name
from directory.phones import display, tel_uri
from directory.search import SearchHit, SearchPage, is_open
from directory.search_alternatives import Alternative, Reason
from directory.vocab import VERIFICATION_LABELS, Lang, Scope, VerificationStatus
from directory.vocab import pick_text as pick

Body = dict[str, Any]


def _coded(table: labels.Labels, codes: tuple[str, ...], lang: Lang) -> list[Body]:
    return [{"code": c, "label": labels.label(table, c, lang)} for c in codes]


def _location(loc: LocationCard, lang: Lang) -> Body:
    """A location for the public: a confidential one keeps its name and loses its address."""
    hidden = loc.confidential
    return {
        "id": loc.id,
        "location_type": loc.location_type,
        "name": pick(loc.names, lang)[0],
        "address_1": None if hidden else loc.address_1,
        "postal_code": None if hidden else loc.postal_code,
        "city": None if hidden else loc.city,
        "municipality_nis": None if hidden else loc.municipality_nis,
        "confidential": hidden,
    }


def _head(card: ServiceCard, lang: Lang, names: AreaNames) -> Body:
    """A service's body up to whether it is open now."""
    name, name_lang = pick(card.names, lang)
    hours, hours_lang = pick(card.hours_notes, lang)
    return {
        "id": card.id,
        "name": name or card.id,
        "description": pick(card.descriptions, lang)[0],
        "text_language": (name_lang or lang).value,
        "kind": {"code": card.kind, "label": labels.label(labels.KIND, card.kind, lang)},
        "url": card.url,
        "email": card.email,
        "phones": [
            {
                "number": p.number,
                "display": display(p.number),
                "uri": tel_uri(p.number),
                "type": p.type,
                "description": p.description,
            }
            for p in card.phones
        ],
        "urgent": card.urgent,
        "anonymous": card.anonymous,
        "free": card.free,
        "audiences": _coded(labels.AUDIENCE, card.audiences, lang),
        "violence_types": _coded(labels.VIOLENCE_TYPE, card.violence_types, lang),
        "channels": _coded(labels.CHANNEL, card.channels, lang),
        "languages": list(card.languages),
        "service_areas": [
            {
                "scope": a.scope,
                "code": a.code,
                "name": area_name(a.scope, a.code, a.raw, names, lang),
                "raw": a.raw,
            }
            for a in card.areas
        ],
        "locations": [_location(loc, lang) for loc in card.locations],
        "schedules": [
            {
                "attending_type": s.attending_type,
                "freq": s.freq,
                "byday": s.byday,
                "opens_at": s.opens_at.strftime("%H:%M"),
                "closes_at": s.closes_at.strftime("%H:%M"),
                "timezone": s.timezone,
                "valid_from": s.valid_from.isoformat() if s.valid_from else None,
                "valid_to": s.valid_to.isoformat() if s.valid_to else None,
            }
            for s in card.schedules
        ],
        "hours_notes": hours,
        "hours_notes_language": hours_lang.value if hours_lang else None,
    }


def _tail(card: ServiceCard, lang: Lang) -> Body:
    """A service's body after whether it is open now."""
    status = VerificationStatus(card.verification_status)
    return {
        "verification": {
            "status": status.value,
            "label": VERIFICATION_LABELS[status][lang],
            "verified_at": card.verified_at.isoformat() if card.verified_at else None,
            "checked_on": card.assured_date.isoformat() if card.assured_date else None,
            "source_date": card.source_date,
            "text": card.provenance.line(lang),
        },
        "sources": list(card.sources),
    }


def service_body(card: ServiceCard, lang: Lang, now: dt.datetime, names: AreaNames) -> Body:
    return {
        **_head(card, lang, names),
        "open_now": is_open(card.schedules, now),
        **_tail(card, lang),
    }


_OPEN = {True: b"true", False: b"false", None: b"null"}


class HitBodies:
    """Presented search hits, kept per card and language as serialised JSON.

    A card is immutable, so its body is too, except whether it is open now and how specific
    it is to the place searched, which change per request: a body is kept as the bytes before
    and after those two values and joined around them (`orjson.Fragment`: serialised once,
    copied into each answer). The search snapshot keeps the card objects of unchanged
    services, so a body is built once per service, language and revision.
    """

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        # 1.7 kB a hit: all 34,000 services of a Belgium-scale directory in two languages would
        # take 115 MB; what frontline workers search stays well within.
        self.max_bytes = max_bytes
        self.bytes = 0
        self._bodies: dict[tuple[str, Lang], tuple[ServiceCard, bytes, bytes]] = {}

    def hit(
        self,
        card: ServiceCard,
        lang: Lang,
        open_now: bool | None,
        names: AreaNames,
        specificity: int | None,
    ) -> orjson.Fragment:
        kept = self._bodies.get((card.id, lang))
        if kept is None or kept[0] is not card:
            if self.bytes >= self.max_bytes:
                self._bodies.clear()  # rare: the ones in use come back at once
                self.bytes = 0
            head = orjson.dumps(_head(card, lang, names))[:-1] + b',"open_now":'
            tail = b"," + orjson.dumps(_tail(card, lang))[1:-1] + b',"specificity":'
            kept = self._bodies[(card.id, lang)] = (card, head, tail)
            self.bytes += len(head) + len(tail)
        level = b"null" if specificity is None else str(specificity).encode()
        return orjson.Fragment(b"".join((kept[1], _OPEN[open_now], kept[2], level, b"}")))


def service_detail(card: ServiceCard, lang: Lang, now: dt.datetime, names: AreaNames) -> Body:
    translations = {
        field: {code.value: getattr(card, attribute)[code] for code in Lang}
        for field, attribute in (
            ("name", "names"),
            ("description", "descriptions"),
            ("hours_notes", "hours_notes"),
        )
    }
    # `card.notes` are maintainers' notes: never in a public answer (admin records only).
    return {**service_body(card, lang, now, names), "translations": translations}


def place(nis_code: str, names: AreaNames, region_of: dict[str, str], lang: Lang) -> Body:
    return {
        "nis_code": nis_code,
        "name": names[(Scope.MUNICIPALITY.value, nis_code)][lang],
        "region": region_of[nis_code],
    }


_ALTERNATIVE_LABELS: dict[Reason, dict[Lang, str]] = {
    Reason.SPELLING: {
        Lang.FR: "Vouliez-vous dire « {text} » ?",
        Lang.NL: "Bedoelde u “{text}”?",
        Lang.DE: "Meinten Sie „{text}“?",
        Lang.EN: "Did you mean “{text}”?",
    },
    Reason.FEWER_WORDS: {
        Lang.FR: "La même recherche sans « {dropped} »",
        Lang.NL: "Dezelfde zoekopdracht zonder “{dropped}”",
        Lang.DE: "Dieselbe Suche ohne „{dropped}“",
        Lang.EN: "The same search without “{dropped}”",
    },
    Reason.WITHOUT_FILTERS: {
        Lang.FR: "Sans les autres filtres",
        Lang.NL: "Zonder de andere filters",
        Lang.DE: "Ohne die anderen Filter",
        Lang.EN: "Without the other filters",
    },
    Reason.SAME_KIND: {
        Lang.FR: "{kinds}{place}",
        Lang.NL: "{kinds}{place}",
        Lang.DE: "{kinds}{place}",
        Lang.EN: "{kinds}{place}",
    },
    Reason.HELPLINE: {
        Lang.FR: "La ligne d'aide{place}",
        Lang.NL: "De hulplijn{place}",
        Lang.DE: "Das Hilfetelefon{place}",
        Lang.EN: "The helpline{place}",
    },
}
_FOR_PLACE = {Lang.FR: " pour {}", Lang.NL: " voor {}", Lang.DE: " für {}", Lang.EN: " for {}"}


def alternative_label(alternative: Alternative, lang: Lang, place: str | None) -> str:
    """The heading of an alternative answer: what it is, in the reader's language."""
    kinds = ", ".join(labels.label(labels.KIND, kind, lang) for kind in alternative.kinds)
    return _ALTERNATIVE_LABELS[alternative.reason][lang].format(
        text=alternative.text or "",
        dropped=alternative.dropped or "",
        kinds=kinds,
        place=_FOR_PLACE[lang].format(place) if place else "",
    )


def search_answer(
    result: SearchPage,
    places: list[Body],
    offered: list[Alternative],
    hit: Callable[[SearchHit], orjson.Fragment],
    lang: Lang,
) -> Body:
    """GET /v1/services' answer: a page of hits, the places searched, and the alternatives
    offered when nothing matched (`directory.search_alternatives`)."""
    place_name = ", ".join(p["name"] for p in places) or None
    return {
        **page(result.total_items, result.page_number, result.total_pages, len(result.hits)),
        "contents": [hit(h) for h in result.hits],
        "places": places,
        "alternatives": [
            {
                "reason": alt.reason.value,
                "label": alternative_label(alt, lang, place_name),
                "text": alt.text,
                "dropped": alt.dropped,
                "kinds": [kind.value for kind in alt.kinds],
                "total_items": alt.page.total_items,
                "contents": [hit(h) for h in alt.page.hits],
            }
            for alt in offered
        ],
    }


def page(total_items: int, page_number: int, total_pages: int, size: int) -> Body:
    """The HSDS `Page` envelope of one page of a list; the caller adds its `contents`."""
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": size,
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": size == 0,
    }
