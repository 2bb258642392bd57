"""A Belgium-scale synthetic directory for the benchmark, and a realistic query mix.

Every municipality gets `per_municipality` services (60 by default: about 33,900 in all) with
the variety of the real seed: kinds, audiences, violence types, channels, spoken languages,
opening hours, addresses, and coverage that is mostly the municipality itself, sometimes its
arrondissement or province, rarely its region. Names and descriptions reuse the real French
and Dutch texts of `data/services.yaml`, so the full-text index holds realistic words.

Nothing here could be mistaken for a real service: ids are `bench-<nis>-<n>`, phone numbers are
in the unused +32 99 zone, e-mail and web addresses are under `example.invalid`.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.coverage import Gazetteer
from directory.models import Arrondissement, Municipality, PostalCode, Province
from directory.places import PlaceResolver
from directory.records import ServiceRecord
from directory.vocab import Audience, Channel, Kind, Scope, ViolenceType

SOURCE = "https://example.invalid/bench"

# How often each kind occurs among a municipality's services (weights, not counts).
KIND_WEIGHTS: dict[Kind, int] = {
    Kind.SOCIAL_WORK_CENTRE: 12,
    Kind.VICTIM_SUPPORT: 8,
    Kind.LEGAL_AID: 8,
    Kind.POLICE: 6,
    Kind.CHILD_FAMILY_SERVICE: 5,
    Kind.OTHER: 5,
    Kind.SHELTER: 4,
    Kind.HELPLINE: 3,
    Kind.FAMILY_JUSTICE_CENTRE: 2,
    Kind.JUSTICE_HOUSE: 2,
    Kind.ELDER_ABUSE_SERVICE: 2,
    Kind.PERPETRATOR_PROGRAMME: 2,
    Kind.SEXUAL_VIOLENCE_CENTRE: 1,
}

# (French name, Dutch name) patterns per kind; {place} is the municipality's name.
NAMES: dict[Kind, list[tuple[str, str]]] = {
    Kind.SOCIAL_WORK_CENTRE: [
        ("CPAS de {place} – service social", "OCMW {place} – sociale dienst"),
        ("Centre d'action sociale globale {place}", "CAW {place} – onthaal"),
        ("Service d'aide aux familles {place}", "Gezinsondersteuning {place}"),
    ],
    Kind.VICTIM_SUPPORT: [
        ("Service d'assistance policière aux victimes {place}", "Slachtofferbejegening {place}"),
        ("Aide aux victimes {place}", "Slachtofferhulp {place}"),
    ],
    Kind.LEGAL_AID: [
        ("Permanence juridique gratuite {place}", "Gratis juridisch advies {place}"),
        ("Bureau d'aide juridique {place}", "Bureau voor juridische bijstand {place}"),
        ("Maison des droits {place}", "Rechtswinkel {place}"),
    ],
    Kind.POLICE: [
        (
            "Zone de police {place} – cellule violences intrafamiliales",
            "Politiezone {place} – cel intrafamiliaal geweld",
        ),
        ("Commissariat de {place}", "Politiecommissariaat {place}"),
    ],
    Kind.CHILD_FAMILY_SERVICE: [
        ("Maison de l'enfant {place}", "Huis van het Kind {place}"),
        ("Consultation ONE {place}", "Consultatiebureau Kind en Gezin {place}"),
    ],
    Kind.OTHER: [
        ("Planning familial {place}", "Centrum voor gezinsplanning {place}"),
        ("Centre de santé mentale {place}", "Centrum voor geestelijke gezondheidszorg {place}"),
        ("Maison médicale {place}", "Wijkgezondheidscentrum {place}"),
    ],
    Kind.SHELTER: [
        ("Maison d'accueil {place}", "Vluchthuis {place}"),
        ("Hébergement d'urgence {place}", "Crisisopvang {place}"),
    ],
    Kind.HELPLINE: [
        ("Ligne d'écoute violences {place}", "Hulplijn geweld {place}"),
    ],
    Kind.FAMILY_JUSTICE_CENTRE: [
        ("Maison de sécurité {place}", "Family Justice Center {place}"),
    ],
    Kind.JUSTICE_HOUSE: [
        ("Maison de justice {place}", "Justitiehuis {place}"),
    ],
    Kind.ELDER_ABUSE_SERVICE: [
        ("Écoute seniors maltraitance {place}", "Meldpunt ouderenmis(be)handeling {place}"),
    ],
    Kind.PERPETRATOR_PROGRAMME: [
        ("Accompagnement des auteurs de violence {place}", "Daderhulp {place}"),
    ],
    Kind.SEXUAL_VIOLENCE_CENTRE: [
        (
            "Centre de prise en charge des violences sexuelles {place}",
            "Zorgcentrum na seksueel geweld {place}",
        ),
    ],
}

CHANNELS: dict[Kind, list[Channel]] = {
    Kind.HELPLINE: [Channel.PHONE, Channel.CHAT, Channel.EMAIL],
    Kind.POLICE: [Channel.PHONE, Channel.IN_PERSON],
    Kind.SHELTER: [Channel.PHONE, Channel.IN_PERSON],
}
DEFAULT_CHANNELS = [Channel.PHONE, Channel.IN_PERSON, Channel.EMAIL, Channel.ONLINE_FORM]

AUDIENCES: dict[Kind, list[Audience]] = {
    Kind.CHILD_FAMILY_SERVICE: [Audience.PARENT, Audience.CHILD, Audience.YOUNG_PERSON],
    Kind.ELDER_ABUSE_SERVICE: [Audience.ELDERLY, Audience.WITNESS, Audience.PROFESSIONAL],
    Kind.PERPETRATOR_PROGRAMME: [Audience.PERPETRATOR],
    Kind.JUSTICE_HOUSE: [Audience.VICTIM, Audience.PERPETRATOR],
}
DEFAULT_AUDIENCES = [Audience.VICTIM, Audience.WITNESS, Audience.YOUNG_PERSON, Audience.PARENT]

VIOLENCE: dict[Kind, list[ViolenceType]] = {
    Kind.CHILD_FAMILY_SERVICE: [ViolenceType.CHILD_ABUSE],
    Kind.ELDER_ABUSE_SERVICE: [ViolenceType.ELDER_ABUSE],
    Kind.SEXUAL_VIOLENCE_CENTRE: [ViolenceType.SEXUAL],
    Kind.SHELTER: [ViolenceType.PARTNER, ViolenceType.HONOUR_RELATED],
}
DEFAULT_VIOLENCE = [
    ViolenceType.PARTNER,
    ViolenceType.CHILD_ABUSE,
    ViolenceType.SEXUAL,
    ViolenceType.SIBLING,
    ViolenceType.HONOUR_RELATED,
]

STREETS_FR = ["Rue de la Station", "Place communale", "Rue du Marché", "Avenue des Tilleuls"]
STREETS_NL = ["Stationsstraat", "Marktplein", "Kerkstraat", "Dorpsstraat"]
EXTRA_LANGUAGES = ["en", "ar", "tr", "es", "de", "pl"]

# Words that people type, in French and Dutch (accents sometimes left out).
QUERY_TERMS = [
    "violence conjugale",
    "violences conjugales",
    "partnergeweld",
    "aide juridique",
    "juridisch advies",
    "kindermishandeling",
    "hulplijn",
    "maltraitance",
    "maltraitance enfant",
    "hebergement urgence",
    "vluchthuis",
    "slachtofferhulp",
    "aide aux victimes",
    "violence sexuelle",
    "seksueel geweld",
    "ouderenmishandeling",
    "mariage forcé",
    "police",
    "écoute",
    "opvang",
    "CPAS",
    "OCMW",
    "avocat",
    "geweld",
]


@dataclass
class QueryMix:
    """Prepared request paths, each with a category for the latency breakdown."""

    paths: list[str] = field(default_factory=list)
    params: list[list[tuple[str, str]]] = field(default_factory=list)
    categories: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    nis: str
    name_fr: str
    name_nl: str
    name_de: str | None
    region: str
    province_code: str | None
    arrondissement_code: str
    regime: str  # Statbel language regime code: N…, F…, D… (German), B1 (Brussels)
    postal_codes: tuple[str, ...]

    @property
    def german(self) -> bool:
        return self.regime.startswith("D")

    @property
    def local_name(self) -> str:
        if self.region == "VLG":
            return self.name_nl
        if self.german and self.name_de:
            return self.name_de
        return self.name_fr


def _strip_prefix(name: str) -> str:
    """ "Arrondissement d'Anvers" → "Anvers"; "Provincie Antwerpen" → "Antwerpen"."""
    return re.sub(
        r"^(Arrondissement|Province|Provincie|Provinz|Bezirk)( de la| de| du| d'| van)?\s*",
        "",
        name,
    ).strip()


def load_places(session: Session) -> list[Place]:
    postal: dict[str, set[str]] = defaultdict(set)
    for row in session.scalars(select(PostalCode)):
        postal[row.nis_code].add(row.postal_code)
    return [
        Place(
            m.nis_code,
            m.name_fr,
            m.name_nl,
            m.name_de,
            m.region_code,
            m.province_code,
            m.arrondissement_code,
            m.language_regime_code,
            tuple(sorted(postal[m.nis_code])),
        )
        for m in session.scalars(select(Municipality).order_by(Municipality.nis_code))
    ]


def _coverage_strings(
    session: Session, places: Sequence[Place], resolver: PlaceResolver
) -> dict[str, dict[str, str]]:
    """Per NIS code: the coverage string of its municipality, arrondissement and province,
    each checked against the coverage mapper (falls back to the NIS code when a name is
    ambiguous, as a careful editor would)."""
    gazetteer = Gazetteer(session, resolver)
    arrondissements = {a.code: a for a in session.scalars(select(Arrondissement))}
    provinces = {p.code: p for p in session.scalars(select(Province))}
    out: dict[str, dict[str, str]] = {}
    for place in places:
        wanted: dict[str, str] = {}
        for name in (place.local_name, place.name_fr, place.name_nl, place.nis):
            coverage = gazetteer.map(name)
            if coverage.scope is Scope.MUNICIPALITY and coverage.code == place.nis:
                wanted["municipality"] = name
                break
        dutch = place.region == "VLG"
        arr = arrondissements[place.arrondissement_code]
        arr_name = _strip_prefix(arr.name_nl if dutch else arr.name_fr)
        raw = f"arrondissement:{arr_name}"
        if gazetteer.map(raw).code == arr.code:
            wanted["arrondissement"] = raw
        if place.province_code:
            prov = provinces[place.province_code]
            raw = f"province:{_strip_prefix(prov.name_nl if dutch else prov.name_fr)}"
            if gazetteer.map(raw).code == prov.code:
                wanted["province"] = raw
        wanted["region"] = f"region:{place.region}"
        out[place.nis] = wanted
    return out


def _descriptions(real: Sequence[ServiceRecord]) -> dict[Kind, list[tuple[str | None, str | None]]]:
    pool: dict[Kind, list[tuple[str | None, str | None]]] = defaultdict(list)
    everything: list[tuple[str | None, str | None]] = []
    for record in real:
        if record.description_fr or record.description_nl:
            pair = (record.description_fr, record.description_nl)
            pool[record.kind].append(pair)
            everything.append(pair)
    for kind in Kind:
        if not pool[kind]:
            pool[kind] = everything
    return pool


def _phone(rng: random.Random) -> str:
    return f"+3299{rng.randrange(10_000_000):07d}"  # +32 99: no Belgian zone uses it


def _record(
    rng: random.Random,
    place: Place,
    n: int,
    coverage: dict[str, str],
    descriptions: dict[Kind, list[tuple[str | None, str | None]]],
) -> dict[str, Any]:
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    pattern_fr, pattern_nl = rng.choice(NAMES[kind])
    desc_fr, desc_nl = rng.choice(descriptions[kind])
    dutch, french = place.region == "VLG", place.region == "WAL"
    both = place.region == "BRU" or rng.random() < 0.7
    name_fr = pattern_fr.format(place=place.name_fr) if both or not dutch else None
    name_nl = pattern_nl.format(place=place.name_nl) if both or not french else None

    spoken = {"BRU": ["fr", "nl"], "VLG": ["nl"], "WAL": ["fr"]}[place.region]
    if place.german:
        spoken = ["de", "fr"]
    if rng.random() < 0.25:
        spoken = [*spoken, rng.choice(EXTRA_LANGUAGES)]
    languages = None if rng.random() < 0.1 else sorted(set(spoken))

    roll = rng.random()
    if roll < 0.85 or len(coverage) == 1:
        area = coverage.get("municipality", place.nis)
    elif roll < 0.94 and "arrondissement" in coverage:
        area = coverage["arrondissement"]
    elif roll < 0.99 and "province" in coverage:
        area = coverage["province"]
    else:
        area = coverage["region"]

    schedules: list[dict[str, Any]] = []
    roll = rng.random()
    weekdays = ["MO", "TU", "WE", "TH", "FR"]
    if kind in (Kind.POLICE, Kind.SHELTER) and roll < 0.5:
        schedules.append({"days": [*weekdays, "SA", "SU"], "opens": "00:00", "closes": "24:00"})
    elif roll < 0.45:
        opens, closes = rng.choice([("09:00", "17:00"), ("08:30", "16:30"), ("09:00", "12:00")])
        schedules.append({"days": weekdays, "opens": opens, "closes": closes})
        if rng.random() < 0.2:
            schedules.append({"days": ["SA"], "opens": "09:00", "closes": "12:00"})
    elif roll < 0.55:
        schedules.append(
            {"channel": "phone", "days": weekdays, "opens": "18:00", "closes": "08:00"}
        )

    address = None
    if rng.random() < 0.5:
        street = rng.choice(STREETS_NL if dutch else STREETS_FR)
        address = {
            "street": f"{street} {rng.randrange(1, 200)}",
            "postal_code": rng.choice(place.postal_codes) if place.postal_codes else None,
            "municipality": place.local_name,
        }

    pool = AUDIENCES.get(kind, DEFAULT_AUDIENCES)
    audiences = sorted(
        set(rng.sample(pool, k=rng.randint(1, min(2, len(pool)))))
        | ({Audience.VICTIM} if rng.random() < 0.6 else set())
    )
    violence: list[ViolenceType] | None
    if rng.random() < 0.1:
        violence = None
    elif rng.random() < 0.35:
        violence = [ViolenceType.ANY]
    else:
        options = VIOLENCE.get(kind, DEFAULT_VIOLENCE)
        violence = sorted(set(rng.sample(options, k=min(len(options), rng.randint(1, 2)))))
    options = CHANNELS.get(kind, DEFAULT_CHANNELS)
    channels = sorted(set(rng.sample(options, k=rng.randint(1, min(3, len(options))))))
    ident = f"bench-{place.nis}-{n}"
    return {
        "id": ident,
        "name_fr": name_fr,
        "name_nl": name_nl,
        "kind": kind.value,
        "description_fr": desc_fr if (name_fr or not desc_nl) else None,
        "description_nl": desc_nl if (name_nl or not desc_fr) else None,
        "phones": [{"number": _phone(rng), "label": "Accueil – Onthaal"}]
        + ([{"number": _phone(rng), "label": "Permanence"}] if rng.random() < 0.2 else []),
        "email": f"{ident}@example.invalid" if rng.random() < 0.6 else None,
        "website": f"{SOURCE}/{ident}" if rng.random() < 0.7 else None,
        "address": address,
        "channels": [c.value for c in channels],
        "hours_text": "Synthetic hours for the benchmark" if schedules else None,
        "schedules": schedules,
        "languages": languages,
        "audiences": [a.value for a in audiences],
        "violence_types": [v.value for v in violence] if violence else None,
        "coverage": [area],
        "urgent": True if kind is Kind.POLICE and rng.random() < 0.3 else None,
        "anonymous": True if rng.random() < 0.2 else None,
        "free": True if rng.random() < 0.6 else None,
        "source_urls": [f"{SOURCE}/{ident}"],
        "notes": "Synthetic record generated by bench/synthetic.py; not a real service.",
    }


def build_records(
    session: Session,
    resolver: PlaceResolver,
    real: Sequence[ServiceRecord],
    per_municipality: int = 60,
    seed: int = 20261121,
) -> list[ServiceRecord]:
    """`per_municipality` synthetic services for every municipality (geography must be loaded)."""
    rng = random.Random(seed)
    places = load_places(session)
    coverage = _coverage_strings(session, places, resolver)
    descriptions = _descriptions(real)
    return [
        ServiceRecord.model_validate(_record(rng, place, n, coverage[place.nis], descriptions))
        for place in places
        for n in range(1, per_municipality + 1)
    ]
