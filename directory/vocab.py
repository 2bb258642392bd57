"""Controlled vocabularies of the directory. Values are stable codes used in the API and data."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Lang(StrEnum):
    """Languages of the record's text (not the languages spoken at a service)."""

    FR = "fr"
    NL = "nl"
    DE = "de"
    EN = "en"


# Which language to show when the requested one is missing: the other national language first.
FALLBACKS: dict[Lang, tuple[Lang, ...]] = {
    Lang.FR: (Lang.FR, Lang.NL, Lang.EN, Lang.DE),
    Lang.NL: (Lang.NL, Lang.FR, Lang.EN, Lang.DE),
    Lang.DE: (Lang.DE, Lang.FR, Lang.NL, Lang.EN),
    Lang.EN: (Lang.EN, Lang.FR, Lang.NL, Lang.DE),
}


class SpokenLanguage(StrEnum):
    """Languages a service can work in: ISO 639-1, or ISO 639-3 for the sign languages."""

    FR = "fr"
    NL = "nl"
    DE = "de"
    EN = "en"
    AR = "ar"
    TR = "tr"
    ES = "es"
    IT = "it"
    PT = "pt"
    PL = "pl"
    RO = "ro"
    BG = "bg"
    RU = "ru"
    UK = "uk"
    FA = "fa"
    PS = "ps"
    SO = "so"
    TI = "ti"
    AM = "am"
    BER = "ber"  # Berber languages (ISO 639-5), often asked for in Brussels
    SQ = "sq"
    HI = "hi"
    UR = "ur"
    ZH = "zh"
    LN = "ln"
    SW = "sw"
    VGT = "vgt"  # Flemish Sign Language
    SFB = "sfb"  # French Belgian Sign Language (LSFB)
    GSG = "gsg"  # German Sign Language


def pick_text(texts: Mapping[Lang, str | None], lang: Lang) -> tuple[str | None, Lang | None]:
    """The first non-empty text along the fallback chain of `lang`, and its language."""
    for candidate in FALLBACKS[lang]:
        text = texts.get(candidate)
        if text:
            return text, candidate
    return None, None


class Kind(StrEnum):
    EMERGENCY = "emergency"
    HELPLINE = "helpline"
    SOCIAL_WORK_CENTRE = "social_work_centre"
    FAMILY_JUSTICE_CENTRE = "family_justice_centre"
    SEXUAL_VIOLENCE_CENTRE = "sexual_violence_centre"
    VICTIM_SUPPORT = "victim_support"
    POLICE = "police"
    SHELTER = "shelter"
    LEGAL_AID = "legal_aid"
    JUSTICE_HOUSE = "justice_house"
    CHILD_FAMILY_SERVICE = "child_family_service"
    PUBLIC_WELFARE_CENTRE = "public_welfare_centre"  # CPAS / OCMW, Sociaal Huis
    ELDER_ABUSE_SERVICE = "elder_abuse_service"
    PERPETRATOR_PROGRAMME = "perpetrator_programme"
    OTHER = "other"


class Audience(StrEnum):
    VICTIM = "victim"
    WITNESS = "witness"
    CHILD = "child"
    YOUNG_PERSON = "young_person"
    ELDERLY = "elderly"
    PERPETRATOR = "perpetrator"
    PROFESSIONAL = "professional"
    PARENT = "parent"


class ViolenceType(StrEnum):
    ANY = "any"  # the service takes every form of intrafamily violence
    PARTNER = "partner"
    CHILD_ABUSE = "child_abuse"
    ELDER_ABUSE = "elder_abuse"
    SEXUAL = "sexual"
    SIBLING = "sibling"
    HONOUR_RELATED = "honour_related"


class Channel(StrEnum):
    PHONE = "phone"
    CHAT = "chat"
    EMAIL = "email"
    IN_PERSON = "in_person"
    FORUM = "forum"
    ONLINE_FORM = "online_form"


class VerificationStatus(StrEnum):
    UNVERIFIED = "unverified"  # compiled from public sources, not yet checked by an editor
    VERIFIED = "verified"  # an editor confirmed it with the service


class VerificationMethod(StrEnum):
    """How an editor confirmed a record with the service."""

    PHONE = "phone"
    WEBSITE = "website"
    EMAIL = "email"
    VISIT = "visit"


class ServiceStatus(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"  # the soft delete: kept with its history, shown nowhere public


VERIFICATION_LABELS: dict[VerificationStatus, dict[Lang, str]] = {
    VerificationStatus.UNVERIFIED: {
        Lang.FR: "Issu de sources publiques, pas encore vérifié",
        Lang.NL: "Uit openbare bronnen, nog niet geverifieerd",
        Lang.DE: "Aus öffentlichen Quellen, noch nicht überprüft",
        Lang.EN: "From public sources, not yet verified",
    },
    VerificationStatus.VERIFIED: {
        Lang.FR: "Vérifié par un éditeur",
        Lang.NL: "Geverifieerd door een redacteur",
        Lang.DE: "Von einer Redaktion überprüft",
        Lang.EN: "Verified by an editor",
    },
}


class Scope(StrEnum):
    """Geographic level of a service area, from most to least specific."""

    MUNICIPALITY = "municipality"
    POLICE_ZONE = "police_zone"
    ARRONDISSEMENT = "arrondissement"
    JUDICIAL_DISTRICT = "judicial_district"
    PROVINCE = "province"
    REGION = "region"
    NATIONAL = "national"
    AREA = "area"  # a named area we could not map onto the geography (kept, never matched)


SPECIFICITY: dict[Scope, int] = {
    Scope.MUNICIPALITY: 0,
    Scope.POLICE_ZONE: 0,  # a zone is the municipality's own police: local
    Scope.ARRONDISSEMENT: 1,
    Scope.JUDICIAL_DISTRICT: 1,  # between the municipality and the province, like an arrondissement
    Scope.PROVINCE: 2,
    Scope.REGION: 3,
    Scope.NATIONAL: 4,
}


class RegionCode(StrEnum):
    VLG = "VLG"
    WAL = "WAL"
    BRU = "BRU"


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
