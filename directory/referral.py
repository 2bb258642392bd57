"""The referral engine: a Situation → the emergency card and at most three services to contact.

`directory.pathways` decides which A.2 rows apply (B.3); this module looks their services up
in the directory, orders them (R10 needs, R11 the person's language first in Brussels) and
dresses them as cards with the fixed texts of data/referral.yaml. It only reads: a Situation
is never stored or logged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from directory.cards import ServiceCard, load_cards
from directory.config import DATA_DIR
from directory.models import Attribute, Municipality, Phone, Service
from directory.pathways import (
    CHILD_LINES,
    SUICIDE_LINES,
    Pick,
    Route,
    by_side,
    classify,
    picks,
)
from directory.phones import display, tel_uri
from directory.search import SearchQuery, covering_services, is_open
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Situation, Who
from directory.vocab import Kind, Lang, RegionCode, ViolenceType, pick_text

MAX_CARDS = 3
EMERGENCY_IDS = ("police-101", "emergency-112")  # on the emergency card, never a service card
RULE_ORDER = ("E", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12")


class UnknownMunicipality(ValueError):
    def __init__(self, nis_code: str) -> None:
        super().__init__(f"no municipality with NIS code {nis_code!r}")
        self.nis_code = nis_code


# -- fixed texts (data/referral.yaml) -----------------------------------------------------------


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: str
    nl: str
    sources: tuple[int, ...] = ()  # conversation.md Part D
    basis: str | None = None  # the design section a proposal comes from
    url: str | None = None

    def get(self, lang: Lang) -> tuple[str, Lang]:
        text, shown = pick_text({Lang.FR: self.fr, Lang.NL: self.nl}, lang)
        return text or self.fr, shown or Lang.FR


class Sourced(Text):
    sources: tuple[int, ...] = Field(min_length=1)


class WhatHappens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    services: dict[str, Sourced]
    prefixes: dict[str, Sourced]
    kinds: dict[Kind, Sourced]

    def find(self, card: ServiceCard) -> Sourced | None:
        if card.id in self.services:
            return self.services[card.id]
        prefixes = sorted((p for p in self.prefixes if card.id.startswith(p)), key=len)
        return self.prefixes[prefixes[-1]] if prefixes else self.kinds.get(Kind(card.kind))


class EmergencyTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    police: Text
    medical: Text
    child_line: Text
    suicide_line: Text
    sexual_violence_line: Text
    numbers: dict[str, str]
    texts: tuple[Text, ...]


class Notices(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    urgency: Text
    sexual_recent: Text
    sexual_quick: Text
    undocumented: Text
    region_guessed: Text
    medical: Text
    witness: Text


class SummaryTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: Text
    fields: dict[str, Text]
    answers: dict[str, dict[str, Text]]


class ReferralTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    what_happens: WhatHappens
    emergency: EmergencyTexts
    notices: Notices
    professional: dict[str, tuple[Text, ...]]  # "VLG", "FR" (Wallonia, Brussels) and "all"
    summary: SummaryTexts


@lru_cache
def load_texts(path: Path = DATA_DIR / "referral.yaml") -> ReferralTexts:
    with path.open(encoding="utf-8") as file:
        return ReferralTexts.model_validate(yaml.safe_load(file))


# -- the result -----------------------------------------------------------------------------------


class PhoneLine(NamedTuple):
    display: str
    tel_uri: str
    label: str | None  # as the source printed it


@dataclass(frozen=True)
class ReferralCard:
    service_id: str
    name: str
    summary: str | None  # the first sentence of the description
    phones: tuple[PhoneLine, ...]
    website: str | None
    email: str | None
    chat: bool
    hours_text: str | None  # as the sources state them, in `hours_lang`
    hours_lang: Lang | None
    open_now: bool | None  # from the structured schedule; None: unknown
    anonymous: bool | None
    free: bool | None
    what_happens: str | None
    what_happens_sources: tuple[int, ...]
    not_emergency: bool
    verification_status: str
    verified_at: dt.datetime | None
    provenance: str  # « Source vérifiée le … (page de 2019) », in the conversation's language
    lang: Lang  # of the name and summary
    reason_row: int | None  # the A.2 row that suggested it; None: R12's generalist


@dataclass(frozen=True)
class EmergencyLine:
    label: str
    service_id: str | None
    name: str | None
    phone: PhoneLine | None


@dataclass(frozen=True)
class EmergencyCard:
    title: str
    lines: tuple[EmergencyLine, ...]  # 101 and 112 first
    texts: tuple[str, ...]  # B.4's texts, only when the person is in danger now


@dataclass(frozen=True)
class Notice:
    code: str
    text: str


@dataclass(frozen=True)
class GuidanceLine:
    text: str
    url: str | None
    sources: tuple[int, ...]


@dataclass(frozen=True)
class ProfessionalGuidance:
    search: SearchQuery  # the directory search filters that fit the case
    lines: tuple[GuidanceLine, ...]


@dataclass(frozen=True)
class Referral:
    lang: Lang
    emergency: bool
    urgent: bool
    region: RegionCode
    region_guessed: bool  # no municipality: the region follows the language
    rows: tuple[int, ...]  # the A.2 rows applied
    rules: tuple[str, ...]  # the B.3 rules applied
    cards: tuple[ReferralCard, ...]  # at most 3; empty in an emergency
    emergency_card: EmergencyCard
    notices: tuple[Notice, ...]
    professional: ProfessionalGuidance | None


# -- the engine -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    service_id: str
    row: int | None
    fallback: bool = False  # stands in for a service A.2 names and the directory lacks (R12)


def refer(session: Session, situation: Situation, *, now: dt.datetime) -> Referral:
    texts = load_texts()
    lang = situation.lang
    side = Lang.NL if lang is Lang.NL else Lang.FR  # German and English read French texts
    region, guessed = _region(session, situation)
    route = classify(situation)
    local = _local_services(session, situation.municipality)

    def candidates(row: int | None) -> list[_Candidate]:
        found: list[_Candidate] = []
        for pick in by_side(picks(row, region), side):
            found += _resolve(pick, row, region, side, local)
        return found

    primary = [] if route.emergency else [candidates(row) for row in route.rows]
    if route.generalist:
        primary.append(candidates(None))
    extra = [c for row in route.extra_rows for c in candidates(row)]
    generalist = candidates(None)
    lines = _emergency_picks(situation, route, region, side, local)
    wanted = [c.service_id for group in (*primary, extra, generalist) for c in group]
    cards = load_cards(session, wanted + [service_id for service_id, _ in lines])
    chosen = _choose(primary, extra, situation.needs, cards)
    if not chosen and not route.emergency:
        chosen = _choose([generalist], [], situation.needs, cards)
    rules = set(route.rules) | ({"R11"} if region is RegionCode.BRU else set())
    if any(c.fallback or c.row is None for c in chosen):
        rules.add("R12")
    return Referral(
        lang=lang,
        emergency=route.emergency,
        urgent=route.emergency or "R2" in route.rules or "R3" in route.rules,
        region=region,
        region_guessed=guessed,
        rows=route.rows + route.extra_rows,
        rules=tuple(r for r in RULE_ORDER if r in rules),
        cards=tuple(_card(cards[c.service_id], c.row, lang, now, texts) for c in chosen),
        emergency_card=_emergency_card(lines, cards, route.emergency, lang, texts),
        notices=() if route.emergency else _notices(situation, route, guessed, lang, texts),
        professional=_guidance(situation, region, side, texts) if 19 in route.rows else None,
    )


def _region(session: Session, situation: Situation) -> tuple[RegionCode, bool]:
    if situation.municipality is None:
        return (RegionCode.VLG if situation.lang is Lang.NL else RegionCode.WAL), True
    code = session.scalar(
        select(Municipality.region_code).where(Municipality.nis_code == situation.municipality)
    )
    if code is None:
        raise UnknownMunicipality(situation.municipality)
    return RegionCode(code), False


def _local_services(session: Session, nis_code: str | None) -> list[tuple[str, Kind]]:
    """(id, kind) of the active services covering the municipality: most specific first, then,
    among equally local ones, those a person can call, then those specialised in a kind of
    violence (a zone's victim cell before the zone's switchboard)."""
    if nis_code is None:
        return []
    hits = covering_services(session, nis_code)
    has_phone = exists().where(Phone.service_id == Service.id)
    specialised = exists().where(
        Attribute.service_id == Service.id,
        Attribute.taxonomy == "violence_type",
        Attribute.value != ViolenceType.ANY.value,
    )
    traits = {
        row.id: row
        for row in session.execute(
            select(
                Service.id,
                Service.kind,
                has_phone.label("callable"),
                specialised.label("specialised"),
            ).where(Service.id.in_([h.service_id for h in hits]))
        )
    }
    ranked = sorted(
        hits,
        key=lambda h: (
            h.specificity,
            not traits[h.service_id].callable,
            not traits[h.service_id].specialised,
        ),
    )
    return [(h.service_id, Kind(traits[h.service_id].kind)) for h in ranked]


def _resolve(
    pick: Pick, row: int | None, region: RegionCode, side: Lang, local: list[tuple[str, Kind]]
) -> list[_Candidate]:
    if pick.service:
        return [_Candidate(pick.service, row)]
    if pick.fallback:
        stand_ins = [
            p for p in picks(None, region) if pick.side is None or p.side in (None, pick.side)
        ]
        return [
            _Candidate(c.service_id, row, fallback=True)
            for p in by_side(stand_ins, side)
            for c in _resolve(p, row, region, side, local)
        ]
    for service_id, kind in local:  # only the most specific one: it is "the" local service
        if kind is pick.kind and service_id.startswith(pick.prefix):
            return [_Candidate(service_id, row)]
    return []


def _usable(card: ServiceCard | None) -> bool:
    return (
        card is not None
        and card.status == "active"
        and card.kind != Kind.EMERGENCY
        and card.id not in EMERGENCY_IDS
    )


def _choose(
    primary: Sequence[Sequence[_Candidate]],
    extra: Sequence[_Candidate],
    needs: Iterable[Need],
    cards: dict[str, ServiceCard],
) -> list[_Candidate]:
    """Each situation row's lead service, then row 18's and the needs' (R10), then the rest."""
    groups = [[c for c in group if _usable(cards.get(c.service_id))] for group in primary]
    leads = [group[0] for group in groups if group]
    rest = [c for c in extra if _usable(cards.get(c.service_id))]
    rest += [c for group in groups for c in group[1:]]
    if Need.TALK in needs:  # "talk to someone, anonymously": anonymous services first
        rest.sort(key=lambda c: cards[c.service_id].anonymous is not True)
    chosen: dict[str, _Candidate] = {}
    for candidate in [*leads, *rest]:
        chosen.setdefault(candidate.service_id, candidate)
    return list(chosen.values())[:MAX_CARDS]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ0-9«\"'(])")


def _first_sentence(text: str | None) -> str | None:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0] if text else None


def _phone_lines(card: ServiceCard) -> tuple[PhoneLine, ...]:
    return tuple(
        PhoneLine(display(p.number), tel_uri(p.number), p.description) for p in card.phones
    )


def _card(
    card: ServiceCard, row: int | None, lang: Lang, now: dt.datetime, texts: ReferralTexts
) -> ReferralCard:
    name, shown = pick_text(card.names, lang)
    hours, hours_lang = pick_text(card.hours_notes, lang)
    happens = texts.what_happens.find(card)
    return ReferralCard(
        service_id=card.id,
        name=name or card.id,
        summary=_first_sentence(pick_text(card.descriptions, lang)[0]),
        phones=_phone_lines(card),
        website=card.url,
        email=card.email,
        chat="chat" in card.channels,
        hours_text=hours,
        hours_lang=hours_lang,
        open_now=is_open(card.schedules, now),
        anonymous=card.anonymous,
        free=card.free,
        what_happens=happens.get(lang)[0] if happens else None,
        what_happens_sources=happens.sources if happens else (),
        not_emergency=card.urgent is not True and card.kind != Kind.EMERGENCY,
        verification_status=card.verification_status,
        verified_at=card.verified_at,
        provenance=card.provenance.line(lang),
        lang=shown or lang,
        reason_row=row,
    )


# -- emergency card, notices, professional guidance -------------------------------------------------


def _emergency_picks(
    situation: Situation,
    route: Route,
    region: RegionCode,
    side: Lang,
    local: list[tuple[str, Kind]],
) -> list[tuple[str, str]]:
    """(service id, label key) of the emergency card's lines: 101 and 112, then B.4's extras."""
    found = [("police-101", "police"), ("emergency-112", "medical")]

    def add(texts: tuple[str, ...], key: str) -> None:
        found.extend((p.service or "", key) for p in by_side(map(Pick.parse, texts), side))

    if situation.user_is_child:
        add(CHILD_LINES[region], "child_line")
    if situation.suicidal:
        add(SUICIDE_LINES[region], "suicide_line")
    if route.sexual_recent:
        centres = [c for p in picks(2, region) for c in _resolve(p, 2, region, side, local)]
        found += [(c.service_id, "sexual_violence_line") for c in centres[:1]]
        if not centres:  # no centre known here: the line still says where to go
            found.append(("", "sexual_violence_line"))
    return found


def _emergency_card(
    lines: list[tuple[str, str]],
    cards: dict[str, ServiceCard],
    in_danger: bool,
    lang: Lang,
    texts: ReferralTexts,
) -> EmergencyCard:
    e = texts.emergency
    shown: list[EmergencyLine] = []
    for service_id, key in lines:
        label = getattr(e, key).get(lang)[0]
        card = cards.get(service_id)
        if card is not None and card.status == "active":
            phones = _phone_lines(card)
            name = pick_text(card.names, lang)[0]
            shown.append(EmergencyLine(label, service_id, name, phones[0] if phones else None))
        elif service_id in e.numbers:  # 101 and 112 are always shown, record or not
            number = e.numbers[service_id]
            shown.append(
                EmergencyLine(label, service_id, None, PhoneLine(number, tel_uri(number), None))
            )
        elif service_id == "" or key == "sexual_violence_line":
            shown.append(EmergencyLine(label, None, None, None))
    return EmergencyCard(
        title=e.title.get(lang)[0],
        lines=tuple(shown),
        texts=tuple(t.get(lang)[0] for t in e.texts) if in_danger else (),
    )


def _notices(
    situation: Situation, route: Route, guessed: bool, lang: Lang, texts: ReferralTexts
) -> tuple[Notice, ...]:
    n = texts.notices
    wanted = [
        ("urgency", "R3" in route.rules),
        ("sexual_quick", route.sexual_quick),
        ("sexual_recent", route.sexual_recent),
        ("undocumented", situation.undocumented),
        ("medical", Need.MEDICAL in situation.needs and not route.sexual_recent),
        ("witness", "R8" in route.rules),
        ("region_guessed", guessed),
    ]
    return tuple(Notice(code, getattr(n, code).get(lang)[0]) for code, shown in wanted if shown)


_VIOLENCE_TYPES = {
    Relationship.PARTNER: ViolenceType.PARTNER,
    Relationship.SIBLING: ViolenceType.SIBLING,
    Relationship.PARENT: ViolenceType.CHILD_ABUSE,
    Relationship.CHILD: ViolenceType.ELDER_ABUSE,
    Happening.SEXUAL: ViolenceType.SEXUAL,
    Happening.HONOUR: ViolenceType.HONOUR_RELATED,
}


def _guidance(
    situation: Situation, region: RegionCode, side: Lang, texts: ReferralTexts
) -> ProfessionalGuidance:
    """R1: search filters for the case and B.6's pointers, never advice."""
    answers = [a for a in (situation.relationship, *situation.happening) if a is not None]
    types = [_VIOLENCE_TYPES[a] for a in answers if a in _VIOLENCE_TYPES]
    groups = {
        RegionCode.VLG: ["VLG"],
        RegionCode.WAL: ["FR"],
        RegionCode.BRU: ["VLG", "FR"] if side is Lang.NL else ["FR", "VLG"],
    }[region]
    lines = [t for group in [*groups, "all"] for t in texts.professional.get(group, ())]
    return ProfessionalGuidance(
        search=SearchQuery(
            municipalities=(situation.municipality,) if situation.municipality else (),
            violence_types=tuple(dict.fromkeys(types)),
            lang=situation.lang,
        ),
        lines=tuple(GuidanceLine(t.get(situation.lang)[0], t.url, t.sources) for t in lines),
    )


# -- as data -----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Dataclasses, tuples, enums and datetimes → JSON-ready dicts, lists and strings."""
    if isinstance(value, PhoneLine):
        return {"display": value.display, "tel_uri": value.tel_uri, "label": value.label}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def as_document(referral: Referral) -> dict[str, Any]:
    """The referral as JSON-ready data, the emergency card first (for the API and the assistant).

    A professional's `search_filters` are parameters of GET /v1/services.
    """
    professional = None
    if referral.professional:
        search = referral.professional.search
        filters: dict[str, Any] = {"violence_type": _plain(search.violence_types)}
        if search.municipalities:
            filters["municipality"] = search.municipalities[0]
        professional = {
            "search_filters": filters,
            "lines": _plain(referral.professional.lines),
        }
    return {
        "emergency_card": _plain(referral.emergency_card),
        "emergency": referral.emergency,
        "urgent": referral.urgent,
        "notices": _plain(referral.notices),
        "cards": _plain(referral.cards),
        "professional": professional,
        "lang": referral.lang.value,
        "region": referral.region.value,
        "region_guessed": referral.region_guessed,
        "rows": list(referral.rows),
        "rules": list(referral.rules),
    }


# -- the hand-off summary ---------------------------------------------------------------------------


FIELDS: tuple[tuple[str, type[StrEnum]], ...] = (
    ("who", Who),
    ("relationship", Relationship),
    ("happening", Happening),
    ("sexual_recency", Recency),
    ("red_flags", RedFlag),
    ("needs", Need),
)


def handoff_summary(situation: Situation, referral: Referral) -> str:
    """A short, neutral text to copy and show to a service: the answers as labels (never the
    person's own words) and the suggested services. Built on request, never stored."""
    t = load_texts().summary
    lang = referral.lang
    shown = t.heading.get(lang)[1]
    colon = " : " if shown is Lang.FR else ": "

    def say(text: Text) -> str:
        return text.get(lang)[0]

    def answers(field: str, values: Iterable[str]) -> str:
        return "; ".join(say(t.answers[field][v]) for v in values)

    answered: list[tuple[str, str]] = []
    if situation.danger_now:
        answered.append(("danger_now", say(t.fields["affirmative"])))
    for field, enum in FIELDS:
        value = getattr(situation, field)
        if isinstance(value, frozenset):  # several answers: in the order the question offers
            if value:
                answered.append((field, answers(field, [v for v in enum if v in value])))
        elif value is not None:
            answered.append((field, answers(field, [value])))
    if situation.undocumented:
        answered.append(("undocumented", say(t.fields["affirmative"])))
    lines = [say(t.heading)]
    lines += [f"{say(t.fields[field])}{colon}{value}" for field, value in answered]
    if referral.cards:
        lines.append(f"{say(t.fields['services'])}{colon.rstrip()}")
        for card in referral.cards:
            contact = card.phones[0].display if card.phones else card.website
            lines.append(f"- {card.name}{colon}{contact}" if contact else f"- {card.name}")
    lines.append(say(t.fields["emergency"]))
    return "\n".join(lines)
