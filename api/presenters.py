"""ORM records → response shapes, in the requested language with fallbacks."""

from __future__ import annotations

import datetime as dt

from api import schemas
from directory import labels
from directory.geography import AreaNames
from directory.models import Municipality, Service, localized
from directory.phones import display, tel_uri
from directory.search import is_open
from directory.vocab import FALLBACKS, VERIFICATION_LABELS, Lang, Scope, VerificationStatus

NATIONAL = {Lang.FR: "Belgique", Lang.NL: "België", Lang.DE: "Belgien", Lang.EN: "Belgium"}


def _text_language(obj: object, field: str, lang: Lang) -> Lang:
    for candidate in FALLBACKS[lang]:
        if getattr(obj, f"{field}_{candidate.value}", None):
            return candidate
    return lang


def _coded(table: labels.Labels, codes: list[str], lang: Lang) -> list[schemas.Coded]:
    return [schemas.Coded(code=c, label=labels.label(table, c, lang)) for c in codes]


def _area_name(scope: str, code: str | None, raw: str, names: AreaNames, lang: Lang) -> str:
    if scope == Scope.NATIONAL.value:
        return NATIONAL[lang]
    if code and (scope, code) in names:
        return names[(scope, code)][lang]
    return raw


def service_fields(
    service: Service, lang: Lang, now: dt.datetime, names: AreaNames
) -> dict[str, object]:
    status = VerificationStatus(service.verification_status)
    hours_lang = _text_language(service, "hours_notes", lang)
    return {
        "id": service.id,
        "name": localized(service, "name", lang) or service.id,
        "description": localized(service, "description", lang),
        "text_language": _text_language(service, "name", lang).value,
        "kind": schemas.Coded(
            code=service.kind, label=labels.label(labels.KIND, service.kind, lang)
        ),
        "url": service.url,
        "email": service.email,
        "phones": [
            schemas.PhoneOut(
                number=p.number,
                display=display(p.number),
                uri=tel_uri(p.number),
                type=p.type,
                description=p.description,
            )
            for p in service.phones
        ],
        "urgent": service.urgent,
        "anonymous": service.anonymous,
        "free": service.free,
        "audiences": _coded(labels.AUDIENCE, service.values("audience"), lang),
        "violence_types": _coded(labels.VIOLENCE_TYPE, service.values("violence_type"), lang),
        "channels": _coded(labels.CHANNEL, service.values("channel"), lang),
        "languages": [language.code for language in service.languages],
        "service_areas": [
            schemas.ServiceAreaOut(
                scope=a.scope,
                code=a.code,
                name=_area_name(a.scope, a.code, a.raw, names, lang),
                raw=a.raw,
            )
            for a in service.service_areas
        ],
        "locations": [
            schemas.LocationOut(
                id=sal.location.id,
                location_type=sal.location.location_type,
                name=localized(sal.location, "name", lang),
                address_1=sal.location.address_1,
                postal_code=sal.location.postal_code,
                city=sal.location.city,
                municipality_nis=sal.location.municipality_nis,
            )
            for sal in service.service_at_locations
        ],
        "schedules": [
            schemas.ScheduleOut(
                attending_type=s.attending_type,
                freq=s.freq,
                byday=s.byday,
                opens_at=s.opens_at.strftime("%H:%M"),
                closes_at=s.closes_at.strftime("%H:%M"),
                timezone=s.timezone,
                valid_from=s.valid_from,
                valid_to=s.valid_to,
            )
            for s in service.schedules
        ],
        "hours_notes": localized(service, "hours_notes", lang),
        "hours_notes_language": hours_lang.value
        if localized(service, "hours_notes", lang)
        else None,
        "open_now": is_open(service.schedules, now),
        "verification": schemas.Verification(
            status=status.value,
            label=VERIFICATION_LABELS[status][lang],
            verified_at=service.verified_at,
        ),
        "sources": list(service.sources),
    }


def service_hit(
    service: Service, lang: Lang, now: dt.datetime, names: AreaNames, specificity: int | None
) -> schemas.ServiceHit:
    return schemas.ServiceHit(**service_fields(service, lang, now, names), specificity=specificity)


def service_detail(
    service: Service, lang: Lang, now: dt.datetime, names: AreaNames
) -> schemas.ServiceDetail:
    translations = {
        field: schemas.TextField(
            **{code.value: getattr(service, f"{field}_{code.value}") for code in Lang}
        )
        for field in ("name", "description", "hours_notes")
    }
    return schemas.ServiceDetail(
        **service_fields(service, lang, now, names), translations=translations, notes=service.notes
    )


def place(
    municipality_nis: str, names: AreaNames, region_of: dict[str, str], lang: Lang
) -> schemas.PlaceOut:
    return schemas.PlaceOut(
        nis_code=municipality_nis,
        name=names[(Scope.MUNICIPALITY.value, municipality_nis)][lang],
        region=region_of[municipality_nis],
    )


def municipality_name(municipality: Municipality, lang: Lang) -> str:
    return localized(municipality, "name", lang) or municipality.name_fr
