"""The line every card shows about how sure the directory is."""

import datetime as dt

from directory.provenance import Assurance, Provenance
from directory.vocab import Lang

CHECKED = dt.date(2026, 12, 6)


def test_a_confirmation_by_the_service_wins() -> None:
    confirmed = Provenance(dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC), CHECKED, "2019")
    assert confirmed.assurance is Assurance.CONFIRMED
    assert confirmed.line(Lang.NL) == "Bevestigd door de dienst op 12 maart 2026"
    assert confirmed.line(Lang.FR) == "Confirmé par le service le 12 mars 2026"


def test_a_checked_source_keeps_the_year_of_its_page() -> None:
    sourced = Provenance(None, CHECKED, "2017-05")
    assert sourced.assurance is Assurance.SOURCED
    assert sourced.line(Lang.FR) == "Source vérifiée le 6 décembre 2026 (page de 2017)"
    assert sourced.line(Lang.NL) == "Bron nagekeken op 6 december 2026 (pagina uit 2017)"
    assert sourced.line(Lang.DE) == "Quelle geprüft am 6. Dezember 2026 (Seite von 2017)"
    assert Provenance(None, CHECKED, None).line(Lang.EN).endswith("(undated page)")


def test_nothing_checked_says_so() -> None:
    unchecked = Provenance(None, None, None)
    assert unchecked.assurance is Assurance.UNCHECKED
    assert unchecked.stale(CHECKED)
    assert "pas encore vérifié" in unchecked.line(Lang.FR)


def test_a_check_older_than_a_year_is_stale() -> None:
    assert not Provenance(None, CHECKED, None).stale(CHECKED + dt.timedelta(days=365))
    assert Provenance(None, CHECKED, None).stale(CHECKED + dt.timedelta(days=366))
