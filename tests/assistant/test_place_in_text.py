"""Places inside sentences (assistant/place_in_text.py)."""

from __future__ import annotations

import unicodedata

import pytest
from _pytest.mark.structures import ParameterSet

from assistant.place_in_text import find_place
from directory.places import PlaceResolver, Status


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode() or "<empty>"


# -- places -------------------------------------------------------------------------------------

LUIK = "62063"
ANTWERPEN = "11002"
SINT_GILLIS = "21013"
SINT_GILLIS_WAAS = "46020"
NAMEN = "92094"
GENT = "44021"
SCHAARBEEK = "21015"
BRUSSEL = "21004"
JETTE = "21010"
ANS = "62003"
LA_LOUVIERE = "58001"
SINT_NIKLAAS = "46021"
ELSENE = "21009"
EIGENBRAKEL = "25014"
MOLENBEEK = "21012"
LIER = "12021"
MOL = "13025"
VORST = "21007"


def place(text: str, status: Status, *nis_codes: str) -> ParameterSet:
    return pytest.param(text, status, frozenset(nis_codes), id=f"{_ascii(text)}->{status.value}")


def nowhere(text: str) -> ParameterSet:
    return pytest.param(text, None, frozenset(), id=f"{_ascii(text)}->none")


PLACES = [
    place("j'habite à Liège", Status.EXACT, LUIK),
    place("mon mari me frappe, j'habite à Liège", Status.EXACT, LUIK),
    place("j'habite a liege avec mes enfants", Status.EXACT, LUIK),
    place("ik woon in Borgerhout", Status.EXACT, ANTWERPEN),
    place("à St-Gilles", Status.EXACT, SINT_GILLIS),
    place("ik woon in Sint-Gillis", Status.AMBIGUOUS, SINT_GILLIS, SINT_GILLIS_WAAS),
    place("4000", Status.EXACT, LUIK),
    place("B-4000", Status.EXACT, LUIK),
    place("1030", Status.AMBIGUOUS, SCHAARBEEK, BRUSSEL),
    place("j'habite 1030 Schaerbeek avec mes enfants", Status.EXACT, SCHAARBEEK),
    place("près de Namur", Status.EXACT, NAMEN),
    place("in de buurt van Gent", Status.EXACT, GENT),
    place("ik woon te Gent", Status.EXACT, GENT),
    place("Jupille", Status.EXACT, LUIK),
    place("je suis de Jupille", Status.EXACT, LUIK),
    place("Liège", Status.EXACT, LUIK),
    place("liege", Status.EXACT, LUIK),
    place("à Jette", Status.EXACT, JETTE),
    place("à Ans", Status.EXACT, ANS),
    place("à La Louvière", Status.EXACT, LA_LOUVIERE),
    place("Ik woon in Sint-Niklaas", Status.EXACT, SINT_NIKLAAS),
    place("Moi j'habite Ixelles", Status.EXACT, ELSENE),
    place("Braine l'Alleud", Status.EXACT, EIGENBRAKEL),
    place("on habite à Molenbeek", Status.EXACT, MOLENBEEK),
    place("je suis à bxl", Status.EXACT, BRUSSEL),
    place("ik woon in Anwerpen", Status.FUZZY, ANTWERPEN),
    place("je vis à Bruxelle", Status.AMBIGUOUS, BRUSSEL),
    place("1000 Bruxelles", Status.EXACT, BRUSSEL),
    place("1000 Schaerbeek", Status.AMBIGUOUS, BRUSSEL, SCHAARBEEK),
    place("j'habite rue de la Loi 16, 1000 Bruxelles", Status.EXACT, BRUSSEL),
    place("ik woon in 9000", Status.EXACT, GENT),
    place("ik woon in Schaarbeek bij mijn moeder", Status.EXACT, SCHAARBEEK),
    place("ik woon in Lier", Status.EXACT, LIER),
    place("mijn moeder woont in Mol", Status.EXACT, MOL),
    place("je vis à Forest", Status.EXACT, VORST),
    place("Ans", Status.EXACT, ANS),
    place("Jette", Status.EXACT, JETTE),
    # no place
    nowhere("je ne sais pas"),
    nowhere("mon mari"),
    nowhere("ma mère"),
    nowhere("Ma mère"),
    nowhere("j'ai 13 ans"),
    nowhere("on me frappe"),
    nowhere("il me fait mal"),
    nowhere("ça ne marche pas"),
    nowhere("ok"),
    nowhere("Bonjour"),
    nowhere("Help"),
    nowhere("je suis en danger"),
    nowhere("à la maison"),
    nowhere("in het ziekenhuis"),
    nowhere("in de war"),
    nowhere("ik woon bij mijn moeder"),
    nowhere("il me frappe depuis 2019"),
    nowhere("depuis 2020 il me frappe"),
    nowhere("il me prend 1200 euros"),
    nowhere("j'ai appelé le 1712"),
    nowhere("Meer dan een maand geleden"),
    nowhere("Il y a moins de 3 jours"),
    nowhere("Geen idee"),
    nowhere("ans"),
    nowhere("meer"),
    nowhere("Quelqu'un pourrait voir mon écran"),
    nowhere("Ma Mère"),
]


@pytest.mark.parametrize(("text", "status", "nis_codes"), PLACES)
def test_find_place(
    resolver: PlaceResolver, text: str, status: Status | None, nis_codes: frozenset[str]
) -> None:
    found = find_place(text, resolver)
    if status is None:
        assert found is None, found
        return
    assert found is not None, text
    assert found.status is status, found
    if status in (Status.EXACT, Status.FUZZY):
        assert found.best is not None and found.best.nis_code in nis_codes, found
    else:
        assert nis_codes <= {c.nis_code for c in found.candidates}, found
