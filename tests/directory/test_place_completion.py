"""Type-ahead suggestions (PlaceResolver.complete): an unfinished word or postal code suggests
the places it begins, below every reading of whole words; `resolve` never completes."""

from __future__ import annotations

from directory.places import Match, PlaceResolver, Status

LUIK = "62063"


def test_an_unfinished_locality_suggests_its_municipality(resolver: PlaceResolver) -> None:
    found = resolver.complete("Jupil")
    assert found.candidates[0].nis_code == LUIK
    assert found.candidates[0].match is Match.COMPLETION
    assert found.candidates[0].matched == "Jupille-sur-Meuse"
    assert resolver.resolve("Jupil").status is Status.NOT_FOUND  # a search never guesses


def test_an_unfinished_name_in_any_language(resolver: PlaceResolver) -> None:
    assert [c.name_fr for c in resolver.complete("Brux").candidates][:1] == ["Bruxelles"]
    assert [c.name_nl for c in resolver.complete("Antw").candidates][:1] == ["Antwerpen"]
    assert LUIK in {c.nis_code for c in resolver.complete("Lui").candidates}


def test_whole_words_still_come_first(resolver: PlaceResolver) -> None:
    exact = resolver.complete("Liège")
    assert exact.status is Status.EXACT
    assert exact.candidates[0].nis_code == LUIK
    assert exact.candidates[0].match is Match.NAME
    ham = resolver.complete("Ham", limit=10)
    scores = [c.score for c in ham.candidates]
    assert scores == sorted(scores, reverse=True)
    completions = [c for c in ham.candidates if c.match is Match.COMPLETION]
    assert completions and all(c.score < 0.9 for c in completions)


def test_an_unfinished_postal_code(resolver: PlaceResolver) -> None:
    found = resolver.complete("40", limit=8)
    assert LUIK in {c.nis_code for c in found.candidates}
    assert all(c.matched.startswith("40") for c in found.candidates)
    liege = next(c for c in found.candidates if c.nis_code == LUIK)
    assert liege.matched == "4000"  # the first of its codes
    assert resolver.complete("4020").candidates[0].match is Match.POSTAL_CODE


def test_nothing_to_complete(resolver: PlaceResolver) -> None:
    assert resolver.complete("Xyzzy").status is Status.NOT_FOUND
    assert resolver.complete("J").status is Status.NOT_FOUND  # one letter suggests nothing
    assert resolver.complete("99999").status is Status.NOT_FOUND
