"""The referral engine: a situation → the emergency card and at most three services near the
person, by the decision table of directory/pathways.py and the directory's local services."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from directory.cards import ServiceCard, load_cards
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
from directory.referral.results import (
    EmergencyCard,
    EmergencyLine,
    GuidanceLine,
    Notice,
    PhoneLine,
    ProfessionalGuidance,
    Referral,
    ReferralCard,
)
from directory.referral.texts import ReferralTexts, load_texts
from directory.search import SearchQuery, covering_services, is_open
from directory.situation import Happening, Need, Relationship, Situation
from directory.vocab import Kind, Lang, RegionCode, ViolenceType, pick_text

MAX_CARDS = 3
EMERGENCY_IDS = ("police-101", "emergency-112")  # on the emergency card, never a service card
RULE_ORDER = ("E", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12")


class UnknownMunicipality(ValueError):
    def __init__(self, nis_code: str) -> None:
        super().__init__(f"no municipality with NIS code {nis_code!r}")
        self.nis_code = nis_code


# -- fixed texts (data/referral.yaml) -----------------------------------------------------------


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
