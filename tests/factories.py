"""Factories for directory records. Each one flushes and keeps the search index in step."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from sqlalchemy.orm import Session

from directory import search_index
from directory.models import (
    Attribute,
    Language,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
)
from directory.vocab import Scope

_ids = itertools.count(1)

Rule = tuple[str, str, str] | tuple[str, str, str, str]  # (byday, opens, closes[, channel])


def create_service(
    session: Session,
    *,
    id: str | None = None,
    name_fr: str | None = "Service de test",
    name_nl: str | None = "Testdienst",
    description_fr: str | None = None,
    description_nl: str | None = None,
    kind: str = "other",
    audiences: Iterable[str] = ("victim",),
    violence_types: Iterable[str] = ("any",),
    channels: Iterable[str] = ("phone",),
    languages: Iterable[str] = (),
    areas: Iterable[tuple[Scope, str | None]] = ((Scope.NATIONAL, None),),
    schedules: Iterable[Rule] = (),
    phones: Iterable[str] = (),
    urgent: bool | None = None,
    status: str = "active",
    organization: Organization | None = None,
) -> Service:
    service = Service(
        id=id or f"test-service-{next(_ids)}",
        organization=organization,
        name_fr=name_fr,
        name_nl=name_nl,
        description_fr=description_fr,
        description_nl=description_nl,
        kind=kind,
        urgent=urgent,
        status=status,
        sources=["https://example.org/source"],
    )
    service.attributes = [
        *(Attribute(taxonomy="audience", value=v) for v in audiences),
        *(Attribute(taxonomy="violence_type", value=v) for v in violence_types),
        *(Attribute(taxonomy="channel", value=v) for v in channels),
    ]
    service.languages = [Language(code=code) for code in languages]
    service.service_areas = [
        ServiceArea(scope=scope.value, code=code, raw=f"{scope.value}:{code}")
        for scope, code in areas
    ]
    service.schedules = [
        Schedule(
            byday=rule[0],
            opens_at=dt.time.fromisoformat(rule[1]),
            closes_at=dt.time.fromisoformat(rule[2]),
            attending_type=rule[3] if len(rule) == 4 else None,
        )
        for rule in schedules
    ]
    service.phones = [Phone(number=number) for number in phones]
    session.add(service)
    session.flush()
    search_index.refresh(session, [service])
    return service


def create_organization(
    session: Session,
    *,
    id: str | None = None,
    name_fr: str | None = "Organisation de test",
    name_nl: str | None = "Testorganisatie",
    description_fr: str | None = None,
    website: str | None = None,
) -> Organization:
    organization = Organization(
        id=id or f"test-organization-{next(_ids)}",
        name_fr=name_fr,
        name_nl=name_nl,
        description_fr=description_fr,
        website=website,
    )
    session.add(organization)
    session.flush()
    return organization
