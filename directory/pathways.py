"""The referral decision table (conversation.md A.2) as data, and the routing rules (B.3).

Each A.2 row lists, per region, the services to suggest, best first. A pick is written as:

    "hulplijn-1712"                      one service, by id (used wherever the row applies;
                                         the table already chose it for the region)
    "local:social_work_centre"           the most specific active service of that kind that
                                         covers the person's municipality
    "local:social_work_centre/caw-"      … whose id starts with "caw-"
    "fallback"                           a service A.2 names is not in the directory:
                                         R12's generalist first step stands in for it
    "fr:…" / "nl:…"                      Brussels: a French- or Dutch-speaking service; the
                                         engine puts the person's language first (R11)

Only services of data/services.yaml appear here. A.2 also names SOS Enfants, VLOCO,
CPAS/OCMW, ONE, CAW Brussel and the Alice transport, which the directory does not hold yet;
comments mark where.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Situation, Who
from directory.vocab import Kind, Lang, RegionCode

VLG, WAL, BRU = RegionCode.VLG, RegionCode.WAL, RegionCode.BRU

TABLE: dict[int, dict[RegionCode, tuple[str, ...]]] = {
    # 1 Danger now: only the emergency card (101 / 112), never service cards.
    1: {VLG: (), WAL: (), BRU: ()},
    # 2 Sexual violence less than a month ago (or unknown): ZSG / CPVS first.
    2: {
        VLG: ("local:sexual_violence_centre",),
        WAL: ("local:sexual_violence_centre",),  # or a hospital emergency department
        BRU: ("cpvs-bruxelles",),  # the Alice transport (02 349 44 22) is not in the directory
    },
    # 3 Sexual violence, older facts.
    3: {
        VLG: ("hulplijn-1712", "local:social_work_centre/caw-"),
        WAL: ("sos-viol", "services-aide-aux-victimes-fwb"),
        BRU: ("fr:sos-viol", "fr:services-aide-aux-victimes-fwb", "nl:fallback"),  # CAW Brussel
    },
    # 4 Partner or ex-partner violence, victim, not in immediate danger.
    4: {
        VLG: (
            "hulplijn-1712",
            "local:social_work_centre/caw-",
            "caw-slachtofferhulp",
            "local:shelter",
        ),
        # The CPAS reference person is not in the directory.
        WAL: ("ecoute-violences-conjugales", "services-aide-aux-victimes-fwb"),
        BRU: (
            "fr:ecoute-violences-conjugales",
            "nl:hulplijn-1712",
            "fr:casg-bruxelles",
            "fr:cpvcf-bruxelles",
        ),
    },
    # 5 Partner violence with red flags: a human risk assessment first, then the police zone's
    # victim assistance, then shelter. Veilig Huis / DiViCo are reached through the police.
    5: {
        VLG: (
            "hulplijn-1712",
            "local:police",
            "assistance-policiere-aux-victimes",
            "local:shelter",
        ),
        WAL: (
            "ecoute-violences-conjugales",
            "local:police",
            "assistance-policiere-aux-victimes",
            "local:shelter",
        ),
        BRU: (
            "fr:ecoute-violences-conjugales",
            "nl:hulplijn-1712",
            "local:police",
            "assistance-policiere-aux-victimes",
            "fr:cpvcf-bruxelles",
        ),
    },
    # 6 Child abuse or neglect; an adult is worried.
    6: {
        VLG: ("hulplijn-1712", "vertrouwenscentrum-kindermishandeling"),
        WAL: ("ecoute-enfants-103", "fallback"),  # Équipes SOS Enfants
        BRU: (
            "fr:ecoute-enfants-103",
            "fr:fallback",  # Équipes SOS Enfants
            "nl:hulplijn-1712",
            "nl:vertrouwenscentrum-kindermishandeling",
        ),
    },
    # 7 A child or teenager asks for themself. (The VK chat nupraatikerover.be is no record.)
    7: {
        VLG: ("awel-102", "hulplijn-1712"),
        WAL: ("ecoute-enfants-103",),
        BRU: ("fr:ecoute-enfants-103", "nl:awel-102", "nl:hulplijn-1712"),
    },
    # 8 Child exposed to partner violence.
    8: {
        VLG: (
            "hulplijn-1712",
            "vertrouwenscentrum-kindermishandeling",
            "local:social_work_centre/caw-",
        ),
        WAL: ("ecoute-violences-conjugales",),  # Équipes SOS Enfants
        BRU: (
            "fr:ecoute-violences-conjugales",
            "nl:hulplijn-1712",
            "nl:vertrouwenscentrum-kindermishandeling",
        ),
    },
    # 9 A parent fears losing control; parenting stress.
    9: {
        VLG: (
            "local:child_family_service/huis-van-het-kind-",
            "hulplijn-1712",
            "local:social_work_centre/caw-",
        ),
        WAL: ("fallback",),  # Équipes SOS Enfants, ONE
        BRU: (
            "fr:fallback",  # Équipes SOS Enfants, ONE
            "nl:local:child_family_service/huis-van-het-kind-",
            "nl:hulplijn-1712",
        ),
    },
    # 10 Elder abuse. (VLOCO is for professionals, and not in the directory.)
    10: {
        VLG: ("hulplijn-1712",),
        WAL: ("respect-seniors",),
        BRU: ("fr:ecoute-seniors-bruxelles", "nl:meldpunt-ouderenmisbehandeling-brussel"),
    },
    # 11 Sibling violence; also used for other adult family members (A.2 has no own row).
    11: {
        VLG: ("hulplijn-1712", "local:social_work_centre/caw-"),
        WAL: ("services-aide-aux-victimes-fwb", "fallback"),  # CPAS
        BRU: (
            "fr:services-aide-aux-victimes-fwb",
            "fr:fallback",  # CPAS
            "nl:hulplijn-1712",  # CAW Brussel
        ),
    },
    # 12 Honour-related violence or forced marriage.
    12: {
        VLG: ("caw-slachtofferhulp", "hulplijn-1712", "local:shelter", "local:police"),
        WAL: (
            "reseau-mariage-migration-0800-90-901",
            "ecoute-violences-conjugales",
            "local:police",
        ),
        BRU: (
            "fr:reseau-mariage-migration-0800-90-901",
            "fr:ecoute-violences-conjugales",
            "nl:caw-slachtofferhulp",  # CAW Brussel's own record is missing
            "nl:hulplijn-1712",
            "local:police",
        ),
    },
    # 13 A person who uses violence and wants to stop.
    13: {
        VLG: ("hulplijn-1712", "local:social_work_centre/caw-"),
        WAL: ("ecoute-violences-conjugales", "praxis"),
        BRU: ("fr:ecoute-violences-conjugales", "fr:praxis", "nl:hulplijn-1712"),  # CAW Brussel
    },
    # 14 Witness, friend or neighbour (partner violence between adults).
    14: {
        VLG: ("hulplijn-1712",),
        WAL: ("ecoute-violences-conjugales",),
        BRU: ("fr:ecoute-violences-conjugales", "nl:hulplijn-1712"),
    },
    # 15 Complaint, rights, a court case.
    15: {
        VLG: (
            "local:police",
            "assistance-policiere-aux-victimes",
            "justitiehuizen-slachtofferonthaal",
            "local:legal_aid",
        ),
        WAL: (
            "local:police",
            "assistance-policiere-aux-victimes",
            "maisons-de-justice-accueil-victimes",
            "local:legal_aid/caj-",
            "bureaux-aide-juridique-fwb",
        ),
        BRU: (  # separate FR and NL legal aid bureaus
            "local:police",
            "assistance-policiere-aux-victimes",
            "fr:maisons-de-justice-accueil-victimes",
            "nl:justitiehuizen-slachtofferonthaal",
            "fr:aide-juridique-bruxelles-caj",
            "nl:bjb-brussel",
        ),
    },
    # 16 A safe place to stay.
    16: {
        VLG: ("local:shelter", "local:social_work_centre/caw-", "hulplijn-1712"),
        WAL: ("ecoute-violences-conjugales", "local:shelter"),  # CPAS
        BRU: (
            "fr:ecoute-violences-conjugales",
            "fr:cpvcf-bruxelles",
            "nl:hulplijn-1712",  # CAW Brussel's vluchthuis, through 1712
        ),
    },
    # 17 Social or financial support.
    17: {
        VLG: ("local:social_work_centre/caw-", "fallback"),  # OCMW / Sociaal Huis
        WAL: ("fallback",),  # CPAS
        BRU: ("fr:casg-bruxelles", "fallback"),  # CPAS / OCMW
    },
    # 18 Undocumented or migrant victim: go accompanied (see the notice).
    18: {
        VLG: ("local:social_work_centre/caw-", "caw-slachtofferhulp"),
        WAL: ("ecoute-violences-conjugales",),
        BRU: (
            "fr:ecoute-violences-conjugales",
            "fr:casg-bruxelles",
            "nl:hulplijn-1712",  # CAW Brussel
        ),
    },
    # 19 A professional seeking advice (the guidance lines carry the rest: DPO, 458bis…).
    19: {
        VLG: ("vertrouwenscentrum-kindermishandeling", "local:family_justice_centre"),  # VLOCO
        WAL: ("ecoute-violences-conjugales", "local:family_justice_centre"),  # SOS Enfants, CPAS
        BRU: (
            "fr:ecoute-violences-conjugales",
            "nl:vertrouwenscentrum-kindermishandeling",
            "local:family_justice_centre",
        ),
    },
}

# R12: the generalist first step when nothing more specific applies (+ CPAS/OCMW, missing).
GENERALIST: dict[RegionCode, tuple[str, ...]] = {
    VLG: ("hulplijn-1712",),
    WAL: ("ecoute-violences-conjugales",),
    BRU: ("fr:ecoute-violences-conjugales", "nl:hulplijn-1712", "fr:casg-bruxelles"),
}


@dataclass(frozen=True)
class Pick:
    service: str | None = None  # an explicit service id …
    kind: Kind | None = None  # … or the local service of this kind
    prefix: str = ""  # (local only) whose id starts with this
    fallback: bool = False  # R12's generalist stands in for a missing service
    side: Lang | None = None  # Brussels language side; None: both

    @classmethod
    def parse(cls, text: str) -> Pick:
        side = None
        if text[:3] in ("fr:", "nl:"):
            side, text = Lang(text[:2]), text[3:]
        if text == "fallback":
            return cls(fallback=True, side=side)
        if text.startswith("local:"):
            kind, _, prefix = text.removeprefix("local:").partition("/")
            return cls(kind=Kind(kind), prefix=prefix, side=side)
        return cls(service=text, side=side)


def picks(row: int | None, region: RegionCode) -> tuple[Pick, ...]:
    """The picks of an A.2 row in a region; row None: R12's generalist."""
    texts = GENERALIST[region] if row is None else TABLE[row][region]
    return tuple(Pick.parse(text) for text in texts)


def by_side(found: Iterable[Pick], side: Lang) -> list[Pick]:
    """R11: the person's language side first; untagged picks keep their place among them."""
    return sorted(found, key=lambda p: p.side not in (None, side))


def explicit_ids() -> set[str]:
    """Every service id the table names (the tests check each exists in the seed)."""
    tables = [GENERALIST, CHILD_LINES, SUICIDE_LINES, *TABLE.values()]
    texts = [text for table in tables for by_region in table.values() for text in by_region]
    return {p.service for p in map(Pick.parse, texts) if p.service}


# -- B.3: which rows apply ---------------------------------------------------------------------

UNANSWERED = {"dont_know", "rather_not_say"}
NEED_ROWS = {
    Need.RIGHTS: 15,
    Need.SAFE_PLACE: 16,
    Need.SOCIAL_SUPPORT: 17,
    Need.STOP_VIOLENCE: 13,
    Need.PARENTING: 9,
}
# Q3 → the row for a family member other than a partner (R8, R9).
FAMILY_ROWS = {
    Relationship.SIBLING: 11,
    Relationship.PARENT: 11,
    Relationship.HOUSEHOLD_OTHER: 11,
    Relationship.SEVERAL_FAMILY: 11,
    Relationship.CHILD: 10,  # harmed by one's child or grandchild: elder abuse (R5)
}


@dataclass(frozen=True)
class Route:
    """What B.3 decides, before any service is looked up."""

    emergency: bool
    rows: tuple[int, ...]  # the situation's rows, lead first; empty: R12's generalist leads
    extra_rows: tuple[int, ...]  # row 18 and the R10 need rows, in that order
    rules: tuple[str, ...]
    sexual_recent: bool  # < 1 month or unknown (R2)
    sexual_quick: bool  # < 3 days

    @property
    def generalist(self) -> bool:
        """R12's generalist leads (no row applies) or follows the ZSG/CPVS (R2 alone)."""
        return not self.emergency and self.rows in ((), (2,))


def _answered(value: str | None) -> bool:
    return value is not None and value not in UNANSWERED


def classify(s: Situation) -> Route:
    """B.3's rules in order: E, R1, R2, then the first of R3–R9, R10, R12 (R11 is the engine's)."""
    sexual = Happening.SEXUAL in s.happening
    sexual_recent = sexual and s.sexual_recency != Recency.OVER_1_MONTH
    sexual_quick = sexual and s.sexual_recency == Recency.UNDER_3_DAYS
    flags: set[RedFlag] = {f for f in s.red_flags if f != RedFlag.NONE and _answered(f)}
    if s.danger_now:
        return Route(True, (1,), (), ("E",), sexual_recent, sexual_quick)
    rules: list[str] = []
    rows: list[int] = []
    if s.who == Who.PROFESSIONAL:
        rules.append("R1")
        rows.append(19)
    else:
        if sexual_recent:
            rules.append("R2")
            rows.append(2)
        rule, found = _situation_rows(s, flags, sexual)
        if rule:
            rules.append(rule)
            rows += [r for r in found if r not in rows]
    extra = [18] if s.undocumented else []
    for need in Need:  # in the order Q6 offers them
        row = NEED_ROWS.get(need) if need in s.needs else None
        if row and row not in rows and row not in extra:
            extra.append(row)
    if set(s.needs) - UNANSWERED:
        rules.append("R10")
    route = Route(False, tuple(rows), tuple(extra), (), sexual_recent, sexual_quick)
    return replace(route, rules=(*rules, "R12") if route.generalist else tuple(rules))


def _situation_rows(s: Situation, flags: set[RedFlag], sexual: bool) -> tuple[str, list[int]]:
    """The first of R3–R9 that applies, with its rows; ("", []) when none does."""
    child_branch = s.user_is_child or s.who == Who.CHILD
    self_or_unknown = s.who is None or s.who in (Who.ME, Who.DONT_KNOW, Who.RATHER_NOT_SAY)
    if flags and not child_branch and s.who != Who.OWN_BEHAVIOUR:
        return "R3", [5]
    if s.user_is_child:
        return "R4", [7]
    if s.who == Who.CHILD:
        return "R4", [8 if s.relationship == Relationship.PARTNER else 6]
    if s.who == Who.OLDER_PERSON or (self_or_unknown and s.relationship == Relationship.CHILD):
        return "R5", [10]
    honour = Happening.HONOUR in s.happening
    if honour or (
        s.relationship == Relationship.SEVERAL_FAMILY and Happening.THREATS in s.happening
    ):
        return "R6", [12]
    if s.who == Who.OWN_BEHAVIOUR:
        return "R7", [13, 9] if s.relationship == Relationship.CHILD else [13]
    relationship_row = FAMILY_ROWS.get(s.relationship) if s.relationship else None
    if s.who == Who.ADULT_AROUND_ME:
        return "R8", [relationship_row, 14] if relationship_row else [14]
    if self_or_unknown:
        rows = [3] if sexual and s.sexual_recency == Recency.OVER_1_MONTH else []
        if s.relationship == Relationship.PARTNER:
            rows.append(4)
        elif relationship_row:
            rows.append(relationship_row)
        if rows:
            return "R9", rows
    return "", []


# -- B.4: extra lines of the emergency card ------------------------------------------------------

CHILD_LINES: dict[RegionCode, tuple[str, ...]] = {
    VLG: ("awel-102",),
    WAL: ("ecoute-enfants-103",),
    BRU: ("fr:ecoute-enfants-103", "nl:awel-102"),
}
SUICIDE_LINES: dict[RegionCode, tuple[str, ...]] = {
    VLG: ("zelfmoordlijn-1813",),  # its number is not verified by conversation.md (Part E)
    WAL: ("centre-prevention-suicide-0800-32-123",),
    BRU: ("fr:centre-prevention-suicide-0800-32-123", "nl:zelfmoordlijn-1813"),
}
