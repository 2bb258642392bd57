"""The referral engine on the seed directory: every A.2 row in each region, and its promises.

Places: Gent (Flanders, in Dutch), Liège (Wallonia, in French) and Saint-Gilles (Brussels, once
in French and once in Dutch). Expected lists are the first cards, best first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlalchemy.orm import Session

from directory import pathways
from directory.models import Service
from directory.paths import DATA_DIR
from directory.pathways import Pick, classify
from directory.referral import (
    MAX_CARDS,
    Referral,
    UnknownMunicipality,
    as_document,
    handoff_summary,
    load_texts,
    refer,
)
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Situation, Who
from directory.vocab import Kind, Lang, RegionCode

# November 2026 (CET, UTC+1): Tuesday 17 at 10:30 and Sunday 22 at 10:30 in Brussels.
TUESDAY = dt.datetime(2026, 11, 17, 9, 30, tzinfo=dt.UTC)
SUNDAY = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)

GENT, LIEGE, NAMUR, SAINT_GILLES, HEMIKSEM = "44021", "62063", "92094", "21013", "11018"
PLACES = {  # name → (NIS code, language)
    "gent": (GENT, Lang.NL),
    "liege": (LIEGE, Lang.FR),
    "saint-gilles/fr": (SAINT_GILLES, Lang.FR),
    "saint-gilles/nl": (SAINT_GILLES, Lang.NL),
}
REGIONS = {
    "gent": RegionCode.VLG,
    "liege": RegionCode.WAL,
    "saint-gilles/fr": RegionCode.BRU,
    "saint-gilles/nl": RegionCode.BRU,
}
SEED_IDS = {r["id"] for r in yaml.safe_load((DATA_DIR / "services.yaml").read_text("utf-8"))}

F = frozenset
ME_PARTNER: dict[str, Any] = {"who": Who.ME, "relationship": Relationship.PARTNER}

L1712, L0800 = "hulplijn-1712", "ecoute-violences-conjugales"
CAW_GENT, SAV = "caw-oost-vlaanderen", "services-aide-aux-victimes-fwb"
VK, POLICE_SUPPORT = "vertrouwenscentrum-kindermishandeling", "assistance-policiere-aux-victimes"

# row → (answers, rows applied, {place: first cards})
ROWS: dict[int, tuple[dict[str, Any], tuple[int, ...], dict[str, list[str]]]] = {
    1: (
        {"danger_now": True, **ME_PARTNER},
        (1,),
        {"gent": [], "liege": [], "saint-gilles/fr": [], "saint-gilles/nl": []},
    ),
    2: (
        {"who": Who.ME, "happening": F({Happening.SEXUAL}), "sexual_recency": Recency.UNDER_3_DAYS},
        (2,),
        {
            "gent": ["zsg-gent", L1712],
            "liege": ["cpvs-liege", L0800],
            "saint-gilles/fr": ["cpvs-bruxelles", L0800],
            "saint-gilles/nl": ["cpvs-bruxelles", L1712],
        },
    ),
    3: (
        {"who": Who.ME, "happening": F({Happening.SEXUAL}), "sexual_recency": Recency.OVER_1_MONTH},
        (3,),
        {
            "gent": [L1712, CAW_GENT],
            "liege": ["sos-viol", SAV],
            "saint-gilles/fr": ["sos-viol", SAV],
            "saint-gilles/nl": [L1712, "sos-viol"],
        },
    ),
    4: (
        {**ME_PARTNER, "happening": F({Happening.CONTROL, Happening.SHOUTING})},
        (4,),
        {
            "gent": [L1712, CAW_GENT, "caw-slachtofferhulp"],
            "liege": [L0800, SAV],
            "saint-gilles/fr": [L0800, "casg-bruxelles", "cpvcf-bruxelles"],
            "saint-gilles/nl": [L1712, L0800, "casg-bruxelles"],
        },
    ),
    5: (
        {**ME_PARTNER, "red_flags": F({RedFlag.STRANGULATION, RedFlag.SEPARATION})},
        (5,),
        {
            "gent": [L1712, "pz-gent", POLICE_SUPPORT],  # the local police zone, then its support
            "liege": [L0800, "pz-liege", POLICE_SUPPORT],
            # The zone's switchboard has a sourced number, its EVA cell has none: callable first.
            "saint-gilles/fr": [L0800, "pz-midi", POLICE_SUPPORT],
            "saint-gilles/nl": [L1712, "pz-midi", POLICE_SUPPORT],
        },
    ),
    6: (
        {"who": Who.CHILD, "relationship": Relationship.PARENT},
        (6,),
        {
            "gent": [L1712, VK],
            "liege": ["ecoute-enfants-103", L0800],
            "saint-gilles/fr": ["ecoute-enfants-103", L0800],
            "saint-gilles/nl": [L1712, VK],
        },
    ),
    7: (
        {"who": Who.ME, "relationship": Relationship.PARENT, "user_is_child": True},
        (7,),
        {
            "gent": ["awel-102", L1712],
            "liege": ["ecoute-enfants-103"],
            "saint-gilles/fr": ["ecoute-enfants-103", "awel-102"],
            "saint-gilles/nl": ["awel-102", L1712],
        },
    ),
    8: (
        {"who": Who.CHILD, "relationship": Relationship.PARTNER},
        (8,),
        {
            "gent": [L1712, VK, CAW_GENT],
            "liege": [L0800],
            "saint-gilles/fr": [L0800, L1712],
            "saint-gilles/nl": [L1712, VK],
        },
    ),
    9: (
        {"who": Who.OWN_BEHAVIOUR, "relationship": Relationship.CHILD},
        (13, 9),
        {
            "gent": [L1712, CAW_GENT],
            "liege": [L0800, "praxis"],
            "saint-gilles/fr": [L0800, "praxis"],
            "saint-gilles/nl": [L1712, L0800],
        },
    ),
    10: (
        {"who": Who.OLDER_PERSON},
        (10,),
        {
            "gent": [L1712],
            "liege": ["respect-seniors"],
            "saint-gilles/fr": [
                "ecoute-seniors-bruxelles",
                "meldpunt-ouderenmisbehandeling-brussel",
            ],
            "saint-gilles/nl": [
                "meldpunt-ouderenmisbehandeling-brussel",
                "ecoute-seniors-bruxelles",
            ],
        },
    ),
    11: (
        {"who": Who.ME, "relationship": Relationship.SIBLING},
        (11,),
        {
            "gent": [L1712, CAW_GENT],
            "liege": [SAV, L0800],
            "saint-gilles/fr": [SAV, L0800],
            "saint-gilles/nl": [L1712, SAV],
        },
    ),
    12: (
        {"who": Who.ME, "happening": F({Happening.HONOUR})},
        (12,),
        {
            "gent": ["caw-slachtofferhulp", L1712, "caw-vluchthuizen"],
            "liege": ["reseau-mariage-migration-0800-90-901", L0800],
            "saint-gilles/fr": ["reseau-mariage-migration-0800-90-901", L0800, "pz-midi"],
            "saint-gilles/nl": ["caw-slachtofferhulp", L1712, "pz-midi"],
        },
    ),
    13: (
        {"who": Who.OWN_BEHAVIOUR, "relationship": Relationship.PARTNER},
        (13,),
        {
            "gent": [L1712, CAW_GENT],
            "liege": [L0800, "praxis"],
            "saint-gilles/fr": [L0800, "praxis"],
            "saint-gilles/nl": [L1712, L0800],
        },
    ),
    14: (
        {"who": Who.ADULT_AROUND_ME, "relationship": Relationship.PARTNER},
        (14,),
        {
            "gent": [L1712],
            "liege": [L0800],
            "saint-gilles/fr": [L0800, L1712],
            "saint-gilles/nl": [L1712, L0800],
        },
    ),
    15: (
        {**ME_PARTNER, "needs": F({Need.RIGHTS})},
        (4, 15),
        {
            "gent": [L1712, "pz-gent", POLICE_SUPPORT],
            "liege": [L0800, "pz-liege", POLICE_SUPPORT],
            # The zone's switchboard has a sourced number, its EVA cell has none: callable first.
            "saint-gilles/fr": [L0800, "pz-midi", POLICE_SUPPORT],
            "saint-gilles/nl": [L1712, "pz-midi", POLICE_SUPPORT],
        },
    ),
    16: (
        {**ME_PARTNER, "needs": F({Need.SAFE_PLACE})},
        (4, 16),
        {
            "gent": [L1712, "caw-vluchthuizen", CAW_GENT],
            "liege": [L0800, "cvfe-liege"],
            "saint-gilles/fr": [L0800, "cpvcf-bruxelles"],
            "saint-gilles/nl": [L1712, L0800, "cpvcf-bruxelles"],
        },
    ),
    17: (
        {**ME_PARTNER, "needs": F({Need.SOCIAL_SUPPORT})},
        (4, 17),
        {
            "gent": [L1712, CAW_GENT],
            "liege": [L0800],
            "saint-gilles/fr": [L0800, "casg-bruxelles"],
            "saint-gilles/nl": [L1712, L0800],
        },
    ),
    18: (
        {**ME_PARTNER, "undocumented": True},
        (4, 18),
        {
            "gent": [L1712, CAW_GENT, "caw-slachtofferhulp"],
            "liege": [L0800, SAV],
            "saint-gilles/fr": [L0800, "casg-bruxelles"],
            "saint-gilles/nl": [L1712, L0800],
        },
    ),
    19: (
        {"who": Who.PROFESSIONAL},
        (19,),
        {
            "gent": [VK, "veilig-huis-oost-vlaanderen"],
            "liege": [L0800],
            "saint-gilles/fr": [L0800, VK],
            "saint-gilles/nl": [VK, L0800],
        },
    ),
}


def situation(place: str | None = None, lang: Lang | None = None, **answers: Any) -> Situation:
    nis, place_lang = PLACES[place] if place else (None, Lang.FR)
    return Situation(lang=lang or place_lang, municipality=nis, **answers)


def run(session: Session, s: Situation, now: dt.datetime = TUESDAY) -> Referral:
    return refer(session, s, now=now)


def ids(referral: Referral) -> list[str]:
    return [card.service_id for card in referral.cards]


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("row", list(ROWS))
def test_every_row_in_every_region(session: Session, row: int, place: str) -> None:
    answers, rows, first = ROWS[row]
    found = run(session, situation(place, **answers))
    expected = first[place]
    assert ids(found)[: len(expected)] == expected
    assert found.rows == rows
    assert row in found.rows
    assert found.emergency is (row == 1)
    assert found.region is REGIONS[place] and not found.region_guessed


@pytest.mark.parametrize("row", list(ROWS))
def test_every_row_has_picks_in_every_region_and_names_only_seed_services(row: int) -> None:
    for region in RegionCode:
        found = pathways.picks(row, region)
        assert bool(found) is (row != 1)
    assert pathways.explicit_ids() <= SEED_IDS


def test_pick_notation() -> None:
    assert Pick.parse("hulplijn-1712") == Pick(service="hulplijn-1712")
    assert Pick.parse("nl:local:child_family_service/huis-van-het-kind-") == Pick(
        kind=Kind.CHILD_FAMILY_SERVICE, prefix="huis-van-het-kind-", side=Lang.NL
    )
    assert Pick.parse("fr:fallback") == Pick(fallback=True, side=Lang.FR)


def test_a_municipality_s_own_service_is_used_where_it_exists(session: Session) -> None:
    hemiksem = Situation(
        lang=Lang.NL, municipality=HEMIKSEM, who=Who.OWN_BEHAVIOUR, relationship=Relationship.CHILD
    )
    assert ids(run(session, hemiksem))[:2] == [L1712, "huis-van-het-kind-hemiksem-niel-schelle"]
    namur = Situation(lang=Lang.FR, municipality=NAMUR, who=Who.PROFESSIONAL)
    assert ids(run(session, namur)) == [L0800, "espace-vif-namur"]


# -- what every referral promises ---------------------------------------------------------------

ANSWERS = st.builds(
    Situation,
    lang=st.sampled_from(list(Lang)),
    municipality=st.sampled_from([GENT, LIEGE, NAMUR, SAINT_GILLES, HEMIKSEM, None]),
    danger_now=st.booleans(),
    who=st.none() | st.sampled_from(list(Who)),
    relationship=st.none() | st.sampled_from(list(Relationship)),
    happening=st.frozensets(st.sampled_from(list(Happening))),
    sexual_recency=st.none() | st.sampled_from(list(Recency)),
    red_flags=st.frozensets(st.sampled_from(list(RedFlag))),
    needs=st.frozensets(st.sampled_from(list(Need))),
    user_is_child=st.booleans(),
    undocumented=st.booleans(),
    suicidal=st.booleans(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(s=ANSWERS)
def test_at_most_three_distinct_cards_and_never_an_emergency_number(
    session: Session, s: Situation
) -> None:
    found = run(session, s)
    assert len(found.cards) <= MAX_CARDS
    assert len(set(ids(found))) == len(found.cards)
    assert not {"police-101", "emergency-112"} & set(ids(found))
    lines = found.emergency_card.lines
    assert [line.phone.display for line in lines[:2] if line.phone] == ["101", "112"]
    if s.danger_now:
        assert found.cards == () and found.notices == () and found.emergency
    else:
        assert found.cards, "every non-emergency answer leads to at least one human service"
    orjson.dumps(as_document(found))  # JSON-ready for the API and the assistant


def test_in_danger_the_emergency_card_comes_alone(session: Session) -> None:
    s = situation(
        "saint-gilles/fr",
        danger_now=True,
        **ME_PARTNER,
        happening=F({Happening.SEXUAL}),
        user_is_child=True,
        suicidal=True,
        needs=F({Need.RIGHTS}),
    )
    found = run(session, s)
    assert found.emergency and found.urgent
    assert found.cards == () and found.notices == () and found.rows == (1,)
    card = found.emergency_card
    assert card.title == "Danger immédiat ?"
    assert [(line.service_id, line.phone and line.phone.tel_uri) for line in card.lines] == [
        ("police-101", "tel:101"),
        ("emergency-112", "tel:112"),
        ("ecoute-enfants-103", "tel:103"),  # the child's lines, French first (R11)
        ("awel-102", "tel:102"),
        ("centre-prevention-suicide-0800-32-123", "tel:+3280032123"),
        ("zelfmoordlijn-1813", "tel:1813"),
        ("cpvs-bruxelles", "tel:+3225354542"),
    ]
    assert "Ce n'est pas de votre faute. Votre sécurité passe en premier." in card.texts
    assert any("ne peut pas appeler les secours" in text for text in card.texts)
    assert not any("SMS" in text or "chat" in text for text in card.texts)  # B.7


def test_the_emergency_card_is_a_quiet_footer_otherwise(session: Session) -> None:
    found = run(session, situation("gent", **ME_PARTNER))
    card = found.emergency_card
    assert card.title == "Nu in gevaar?" and card.texts == ()
    assert [line.label for line in card.lines] == ["Politie", "Dringende medische hulp"]


def test_the_emergency_numbers_survive_a_directory_without_them(session: Session) -> None:
    session.execute(
        update(Service)
        .where(Service.id.in_(["police-101", "emergency-112"]))
        .values(status="archived")
    )
    found = run(session, situation("liege", danger_now=True))
    assert [line.phone.display for line in found.emergency_card.lines if line.phone] == [
        "101",
        "112",
    ]


def test_recent_sexual_violence_comes_first_with_its_notices(session: Session) -> None:
    quick = run(
        session,
        situation(
            "liege",
            **ME_PARTNER,
            happening=F({Happening.SEXUAL}),
            red_flags=F({RedFlag.WEAPON}),
            sexual_recency=Recency.UNDER_3_DAYS,
        ),
    )
    assert ids(quick)[:2] == ["cpvs-liege", L0800]  # then R3's risk assessment
    assert quick.rows == (2, 5) and quick.urgent
    assert [n.code for n in quick.notices] == ["urgency", "sexual_quick", "sexual_recent"]
    assert "laver" in quick.notices[1].text
    assert quick.emergency_card.lines[2].service_id == "cpvs-liege"
    unknown = run(session, situation("liege", **ME_PARTNER, happening=F({Happening.SEXUAL})))
    assert 2 in unknown.rows and "sexual_quick" not in [n.code for n in unknown.notices]
    # Namur's centre has no phone in the directory: its line still says where to go.
    namur = run(session, Situation(municipality=NAMUR, happening=F({Happening.SEXUAL})))
    assert ids(namur)[0] == "cpvs-namur" and namur.cards[0].phones == ()
    assert namur.emergency_card.lines[2].service_id == "cpvs-namur"
    assert namur.emergency_card.lines[2].phone is None


def test_open_now_comes_from_the_structured_schedule(session: Session) -> None:
    elder = situation("liege", who=Who.OLDER_PERSON)
    assert run(session, elder, TUESDAY).cards[0].open_now is True  # Mon–Fri 9–17
    assert run(session, elder, SUNDAY).cards[0].open_now is False
    assert run(session, situation("gent", **ME_PARTNER)).cards[0].open_now is None  # no schedule


@pytest.mark.parametrize("place", [None, "gent", "liege", "saint-gilles/fr", "saint-gilles/nl"])
@pytest.mark.parametrize("unanswered", ["dont_know", "rather_not_say"])
def test_dont_know_everywhere_leads_to_the_generalist(
    session: Session, place: str | None, unanswered: str
) -> None:
    s = situation(
        place,
        lang=Lang.NL if place is None else None,
        who=Who(unanswered),
        relationship=Relationship(unanswered),
        happening=F({Happening(unanswered)}),
        sexual_recency=Recency(unanswered),
        red_flags=F({RedFlag(unanswered)}),
        needs=F({Need(unanswered)}),
    )
    found = run(session, s)
    assert found.rows == () and "R12" in found.rules and not found.urgent
    first = {None: L1712, "gent": L1712, "liege": L0800}.get(place)
    first = first or (L1712 if place == "saint-gilles/nl" else L0800)
    assert ids(found)[0] == first
    assert found.cards[0].reason_row is None


def test_nothing_answered_leads_to_the_generalist_too(session: Session) -> None:
    found = run(session, Situation(lang=Lang.FR))
    assert ids(found) == [L0800] and found.rules == ("R12",)


@pytest.mark.parametrize("row", [4, 6, 10, 13, 16])
def test_brussels_puts_the_person_s_language_first(session: Session, row: int) -> None:
    answers = ROWS[row][0]
    french = run(session, situation("saint-gilles/fr", **answers))
    dutch = run(session, situation("saint-gilles/nl", **answers))
    assert "R11" in french.rules and "R11" in dutch.rules
    assert ids(french)[0] != ids(dutch)[0]
    assert set(ids(french)) & set(ids(dutch)), "both sides are offered (R11)"
    assert french.cards[0].lang is Lang.FR and dutch.cards[0].lang is Lang.NL


def test_german_and_english_read_french_texts(session: Session) -> None:
    for lang in (Lang.DE, Lang.EN):
        found = run(session, situation("saint-gilles/fr", lang=lang, **ME_PARTNER))
        assert ids(found)[0] == L0800
        assert found.cards[0].lang is Lang.FR
        assert found.cards[0].what_happens == load_texts().what_happens.services[L0800].fr
        assert found.emergency_card.title == "Danger immédiat ?"


def test_without_a_municipality_the_language_chooses_the_region(session: Session) -> None:
    dutch = run(session, Situation(lang=Lang.NL, **ME_PARTNER))
    french = run(session, Situation(lang=Lang.FR, **ME_PARTNER))
    assert (dutch.region, french.region) == (RegionCode.VLG, RegionCode.WAL)
    assert dutch.region_guessed and french.region_guessed
    assert ids(dutch)[0] == L1712 and ids(french)[0] == L0800
    assert "region_guessed" in [n.code for n in dutch.notices]


def test_needs_reorder_the_suggestions(session: Session) -> None:
    rights = run(session, situation("gent", **ME_PARTNER, needs=F({Need.RIGHTS})))
    talk = run(session, situation("gent", **ME_PARTNER, needs=F({Need.RIGHTS, Need.TALK})))
    assert ids(rights) == [L1712, "pz-gent", POLICE_SUPPORT]
    assert ids(talk)[:2] == [L1712, "caw-slachtofferhulp"]  # the anonymous one moves up
    assert all(card.anonymous for card in talk.cards[:2])
    medical = run(session, situation("gent", **ME_PARTNER, needs=F({Need.MEDICAL})))
    assert [n.code for n in medical.notices] == ["medical"]


def test_missing_or_archived_services_are_skipped(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = {**pathways.TABLE, 4: {**pathways.TABLE[4], RegionCode.VLG: ("sos-enfants", L1712)}}
    monkeypatch.setattr(pathways, "TABLE", table)
    assert ids(run(session, situation("gent", **ME_PARTNER))) == [L1712]
    session.execute(update(Service).where(Service.id == L1712).values(status="archived"))
    assert ids(run(session, situation("gent", **ME_PARTNER))) == []  # nothing left to suggest
    assert ids(run(session, situation("gent", who=Who.OLDER_PERSON))) == []
    assert ids(run(session, situation("liege", who=Who.OLDER_PERSON))) == ["respect-seniors"]


def test_an_unknown_municipality_is_an_error(session: Session) -> None:
    with pytest.raises(UnknownMunicipality):
        run(session, Situation(municipality="99999"))


# -- the cards' texts ---------------------------------------------------------------------------


def test_a_card_in_the_person_s_language(session: Session) -> None:
    card = run(session, situation("gent", **ME_PARTNER)).cards[0]
    assert card.service_id == L1712 and card.lang is Lang.NL
    assert card.name.startswith("Hulplijn 1712")
    assert card.summary and card.summary.endswith(".") and card.summary.count(". ") == 0
    assert card.phones[0] == ("1712", "tel:1712", "Hulplijn 1712 (gratis)")
    assert card.chat and card.anonymous and card.free and card.not_emergency
    assert card.what_happens and "tenzij jij of de persoon" in card.what_happens
    assert card.what_happens_sources == (1,)
    assert card.verification_status == "unverified" and card.reason_row == 4


def test_urgent_services_are_not_labelled_not_emergency(session: Session) -> None:
    found = run(session, situation("liege", **ME_PARTNER, needs=F({Need.SAFE_PLACE})))
    by_id = {card.service_id: card for card in found.cards}
    assert by_id["cvfe-liege"].not_emergency is False  # urgent: true in the directory
    assert by_id[L0800].not_emergency is True


def test_every_text_is_sourced_or_says_where_it_comes_from() -> None:
    texts = load_texts()
    happens = texts.what_happens
    assert set(happens.services) <= SEED_IDS
    for entry in [*happens.services.values(), *happens.prefixes.values(), *happens.kinds.values()]:
        assert entry.sources and all(1 <= n <= 166 for n in entry.sources)
    fixed = [
        *texts.emergency.texts,
        *(getattr(texts.notices, name) for name in type(texts.notices).model_fields),
        *(line for lines in texts.professional.values() for line in lines),
    ]
    assert all(t.sources or t.basis for t in fixed)
    # No phone number beyond the emergency ones: numbers come from the directory records.
    assert texts.emergency.numbers == {"police-101": "101", "emergency-112": "112"}


def test_professional_mode_points_to_tools_not_advice(session: Session) -> None:
    found = run(
        session,
        situation("gent", who=Who.PROFESSIONAL, relationship=Relationship.PARENT),
    )
    guidance = found.professional
    assert guidance is not None and found.rules == ("R1",)
    assert guidance.search.municipalities == (GENT,)
    assert [v.value for v in guidance.search.violence_types] == ["child_abuse"]
    assert any("458bis" in line.text for line in guidance.lines)
    assert any("VK" in line.text for line in guidance.lines)
    brussels = run(session, situation("saint-gilles/nl", who=Who.PROFESSIONAL)).professional
    assert brussels is not None
    assert any("DPO" in line.text for line in brussels.lines)
    assert "Vertrouwenscentrum" in brussels.lines[0].text  # Dutch-side pointers first
    assert run(session, situation("gent", **ME_PARTNER)).professional is None


def test_classify_follows_b3_order() -> None:
    assert classify(Situation(danger_now=True, who=Who.PROFESSIONAL)).rules == ("E",)
    assert classify(Situation(who=Who.PROFESSIONAL, red_flags=F({RedFlag.WEAPON}))).rows == (19,)
    child = Situation(who=Who.CHILD, red_flags=F({RedFlag.WEAPON}))
    assert classify(child).rules == ("R4",)  # red flags are never a child route
    elder = Situation(who=Who.ME, relationship=Relationship.CHILD)
    assert classify(elder).rows == (10,)
    several = Situation(relationship=Relationship.SEVERAL_FAMILY, happening=F({Happening.THREATS}))
    assert classify(several).rows == (12,)
    witness = Situation(who=Who.ADULT_AROUND_ME, relationship=Relationship.SIBLING)
    assert classify(witness).rows == (11, 14)


# -- the hand-off summary -----------------------------------------------------------------------


def test_the_summary_uses_labels_and_the_suggested_services(session: Session) -> None:
    s = situation(
        "saint-gilles/fr",
        **ME_PARTNER,
        happening=F({Happening.THREATS, Happening.CONTROL}),
        red_flags=F({RedFlag.SEPARATION}),
        needs=F({Need.TALK}),
        undocumented=True,
    )
    found = run(session, s)
    text = handoff_summary(s, found)
    assert text.splitlines()[0] == "Résumé à copier (rien n'est enregistré) :"
    assert "Personne qui fait du mal : partenaire ou ex-partenaire" in text
    assert "Ce qui se passe : il y a des menaces, j'ai peur; on contrôle" in text
    assert "Inquiétude liée au titre de séjour : oui" in text
    assert f"- {found.cards[0].name} : 0800 30 030" in text
    assert "Saint-Gilles" not in text and SAINT_GILLES not in text
    assert text.splitlines()[-1] == "En danger : police 101, urgence médicale 112"


def test_the_summary_in_dutch_and_in_an_emergency(session: Session) -> None:
    s = situation("gent", danger_now=True)
    text = handoff_summary(s, run(session, s))
    assert text.splitlines() == [
        "Samenvatting om te kopiëren (er wordt niets bewaard):",
        "Nu in gevaar: ja",
        "In gevaar: politie 101, dringende medische hulp 112",
    ]


def test_the_document_puts_the_emergency_card_first(session: Session) -> None:
    document = as_document(run(session, situation("gent", **ME_PARTNER)))
    assert next(iter(document)) == "emergency_card"
    assert document["cards"][0]["phones"][0] == {
        "display": "1712",
        "tel_uri": "tel:1712",
        "label": "Hulplijn 1712 (gratis)",
    }
    assert document["region"] == "VLG" and document["rows"] == [4]
