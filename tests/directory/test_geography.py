"""Judicial districts and police zones: geographies of their own, from data/geo/."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.coverage import Gazetteer
from directory.models import JudicialDistrict, Municipality
from directory.places import PlaceResolver
from directory.search import covering_services
from directory.vocab import Scope


def _district(session: Session, nis: str) -> str | None:
    municipality = session.get(Municipality, nis)
    assert municipality is not None
    return municipality.judicial_district_code


def test_every_municipality_lies_in_one_of_twelve_judicial_districts(session: Session) -> None:
    assert len(session.scalars(select(JudicialDistrict)).all()) == 12
    assert (
        session.scalar(select(Municipality).where(Municipality.judicial_district_code.is_(None)))
        is None
    )


def test_districts_follow_the_judicial_code_not_the_administrative_map(session: Session) -> None:
    assert _district(session, "63079") == "LIEGE"  # Verviers: division of the district of Liège
    assert _district(session, "63023") == "EUPEN"  # Eupen: the German-speaking district
    assert _district(session, "23027") == "BRUS"  # Halle: Brussels, not Flemish Brabant
    assert _district(session, "24062") == "LEUV"  # Leuven
    assert _district(session, "25072") == "BRWAL"  # Nivelles: Walloon Brabant


def test_impuls_municipalities_resolve_to_their_police_zone(session: Session) -> None:
    zones = {
        nis: session.get(Municipality, nis).police_zone_code  # type: ignore[union-attr]
        for nis in ("11005", "11001", "12025", "21013", "62022", "63079", "44084", "71016")
    }
    assert zones == {
        "11005": "RUPEL",  # Boom: no public page gives Rupel's number
        "11001": "5349",  # Aartselaar: HEKLA, not Rupel
        "12025": "5913",  # Mechelen: Rivierenland since 2023
        "21013": "5341",  # Saint-Gilles: Midi
        "62022": "5283",  # Chaudfontaine: SECOVA
        "63079": "VESDR",  # Verviers: Vesdre
        "44084": "5914",  # Aalter: Aalter/Maldegem
        "71016": "5909",  # Genk: CARMA
    }


def test_coverage_names_districts_and_zones(session: Session) -> None:
    gazetteer = Gazetteer(session, PlaceResolver.from_session(session))
    liege = gazetteer.map("judicial_district:Liège")
    assert (liege.scope, liege.code, liege.note) == (Scope.JUDICIAL_DISTRICT, "LIEGE", None)
    assert gazetteer.map("judicial_district:Luik").code == "LIEGE"
    assert gazetteer.map("police_zone:5341").scope is Scope.POLICE_ZONE
    assert gazetteer.map("police_zone:Zone de police Midi").code == "5341"
    assert gazetteer.map("judicial_district:Atlantis").scope is Scope.AREA


def test_a_district_wide_service_reaches_every_division(session: Session) -> None:
    # CPVS Liège covers the judicial district: Verviers (another administrative arrondissement)
    # reaches it, Eupen (another district) does not.
    assert "cpvs-liege" in {h.service_id for h in covering_services(session, "63079")}
    assert "cpvs-liege" not in {h.service_id for h in covering_services(session, "63023")}


def test_a_zone_wide_service_reaches_its_municipalities_only(session: Session) -> None:
    assert "pz-midi" in {h.service_id for h in covering_services(session, "21007")}  # Forest
    assert "pz-midi" not in {h.service_id for h in covering_services(session, "21004")}
