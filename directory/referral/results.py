"""What a referral is made of: the emergency card, up to three service cards, notices and,
for a professional, guidance. Plain frozen data; `documents` turns it into JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from directory.search import SearchQuery
from directory.vocab import Lang, RegionCode

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
