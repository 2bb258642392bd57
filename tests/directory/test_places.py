"""Table-driven tests for the place resolver (free text → Belgian municipalities).

Every expected NIS code below was checked against `data/geo/municipalities.csv` and
`data/geo/postal_codes.csv` (see `test_expected_codes_exist_in_reference_data`). Rows marked
`xfail(strict=True)` are resolver misbehaviours reported to the lead, not weakened expectations.
Timing is deliberately not asserted here: benchmarks live elsewhere.
"""

from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import pytest
from _pytest.mark.structures import ParameterSet

from directory.paths import DATA_DIR
from directory.places import PlaceResolver, Resolution, Status

EXACT = Status.EXACT
FUZZY = Status.FUZZY
AMBIGUOUS = Status.AMBIGUOUS
NOT_FOUND = Status.NOT_FOUND

# NIS codes (verified in data/geo/*.csv), named so the table reads as prose.
ANTWERPEN = "11002"
HEIST_OP_DEN_BERG = "12014"
MECHELEN = "12025"
LILLE = "13019"
ANDERLECHT = "21001"
OUDERGEM = "21002"
SINT_AGATHA_BERCHEM = "21003"
BRUSSEL = "21004"
ETTERBEEK = "21005"
ELSENE = "21009"
SINT_JANS_MOLENBEEK = "21012"
SINT_GILLIS = "21013"
SINT_JOOST = "21014"
SCHAARBEEK = "21015"
SINT_PIETERS_WOLUWE = "21019"
SINT_PIETERS_LEEUW = "23077"
SINT_GENESIUS_RODE = "23101"
PAJOTTEGEM = "23106"
DIEST = "24020"
LEUVEN = "24062"
TIELT_WINGE = "24135"
EIGENBRAKEL = "25014"
OTTIGNIES_LLN = "25121"
BRUGGE = "31005"
KNOKKE_HEIST = "31043"
KORTRIJK = "34022"
WAREGEM = "34040"
ROESELARE = "36015"
WINGENE = "37021"
TIELT = "37022"
GERAARDSBERGEN = "41018"
GENT = "44021"
NAZARETH_DE_PINTE = "44086"
LOCHRISTI = "44087"
MERELBEKE_MELLE = "44088"
KLUISBERGEN = "45060"
SINT_GILLIS_WAAS = "46020"
SINT_NIKLAAS = "46021"
LOKEREN = "46029"
BEVEREN_KRUIBEKE_ZWIJNDRECHT = "46030"
CHARLEROI = "52011"
BERGEN = "53053"
HAM_SUR_HEURE_NALINNES = "56086"
DOORNIK = "57081"
LEUZE_EN_HAINAUT = "57094"
LUIK = "62063"
SAINT_NICOLAS = "62093"
BULLINGEN = "63012"
EUPEN = "63023"
KELMIS = "63040"
SANKT_VITH = "63067"
TESSENDERLO_HAM = "71071"
HASSELT = "71072"
BILZEN_HOESELT = "73110"
TONGEREN_BORGLOON = "73111"
VOEREN = "73109"
SAINTE_ODE = "82038"
BASTENAKEN = "82039"
EGHEZEE = "92035"
NAMEN = "92094"


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode() or "<empty>"


def row(text: str, status: Status, *nis_codes: str, bug: str | None = None) -> ParameterSet:
    """One table row; `bug` marks a reported resolver misbehaviour (strict xfail)."""
    marks = [pytest.mark.xfail(reason=bug, strict=True)] if bug else []
    return pytest.param(
        text, status, frozenset(nis_codes), marks=marks, id=f"{_ascii(text)}->{status.value}"
    )


OFFICIAL_NAMES = [
    row("Liège", EXACT, LUIK),
    row("Luik", EXACT, LUIK),
    row("Lüttich", EXACT, LUIK),
    row("Mons", EXACT, BERGEN),
    row("Bergen", EXACT, BERGEN),
    row("Bruxelles", EXACT, BRUSSEL),
    row("Brussel", EXACT, BRUSSEL),
    row("Brüssel", EXACT, BRUSSEL),
    row("Anvers", EXACT, ANTWERPEN),
    row("Antwerpen", EXACT, ANTWERPEN),
    row("Gand", EXACT, GENT),
    row("Gent", EXACT, GENT),
    row("Malines", EXACT, MECHELEN),
    row("Mechelen", EXACT, MECHELEN),
    row("Louvain", EXACT, LEUVEN),
    row("Leuven", EXACT, LEUVEN),
    row("Löwen", EXACT, LEUVEN),
    row("Tournai", EXACT, DOORNIK),
    row("Doornik", EXACT, DOORNIK),
    row("Courtrai", EXACT, KORTRIJK),
    row("Kortrijk", EXACT, KORTRIJK),
    row("Namur", EXACT, NAMEN),
    row("Namen", EXACT, NAMEN),
    row("Saint-Gilles", EXACT, SINT_GILLIS),
    row("Ixelles", EXACT, ELSENE),
    row("Elsene", EXACT, ELSENE),
    row("Eupen", EXACT, EUPEN),
    row("Sankt Vith", EXACT, SANKT_VITH),
    row("Saint-Vith", EXACT, SANKT_VITH),
    row("Bastenaken", EXACT, BASTENAKEN),
    row("Bullange", EXACT, BULLINGEN),
    row("La Calamine", EXACT, KELMIS),
    row("Kelmis", EXACT, KELMIS),
    row("Rhode-Saint-Genèse", EXACT, SINT_GENESIUS_RODE),
    row("Fourons", EXACT, VOEREN),
    row("Braine-l'Alleud", EXACT, EIGENBRAKEL),
    row("Molenbeek-Saint-Jean", EXACT, SINT_JANS_MOLENBEEK),
    # A Belgian municipality shares its name with the French city; the directory means Lille (B).
    row("Lille", EXACT, LILLE),
]

CASE_AND_ACCENTS = [
    row("LIEGE", EXACT, LUIK),
    row("liege", EXACT, LUIK),
    row("BRUXELLES", EXACT, BRUSSEL),
    row("Bullingen", EXACT, BULLINGEN),
    row("Chenee", EXACT, LUIK),
    row("sankt vith", EXACT, SANKT_VITH),
]

SEPARATORS_AND_ABBREVIATIONS = [
    row("Sint Jans Molenbeek", EXACT, SINT_JANS_MOLENBEEK),
    row("Molenbeek St Jean", EXACT, SINT_JANS_MOLENBEEK),
    row("Sint Niklaas", EXACT, SINT_NIKLAAS),
    row("St-Niklaas", EXACT, SINT_NIKLAAS),
    row("St-Gilles", EXACT, SINT_GILLIS),
    row("St. Vith", EXACT, SANKT_VITH),
    row("Ste-Ode", EXACT, SAINTE_ODE),
    row("Woluwe St Pierre", EXACT, SINT_PIETERS_WOLUWE),
    row("S.-Pieters-Leeuw", EXACT, SINT_PIETERS_LEEUW),
    row("Braine l Alleud", EXACT, EIGENBRAKEL),
    row("Braine-l’Alleud", EXACT, EIGENBRAKEL),
    row("Kessel Lo", EXACT, LEUVEN),
    row("'s-Gravenvoeren", EXACT, VOEREN),
    # Short forms: the start of a single longer official name.
    row("St-Josse", EXACT, SINT_JOOST),
    row("Molenbeek", EXACT, SINT_JANS_MOLENBEEK),
]

POSTAL_CODES = [
    row("1000", EXACT, BRUSSEL),
    row("B-1000", EXACT, BRUSSEL),
    row("B1000", EXACT, BRUSSEL),
    row("4000", EXACT, LUIK),
    row("9000 Gent", EXACT, GENT),
    row("1060", EXACT, SINT_GILLIS),
    row("2140", EXACT, ANTWERPEN),  # Borgerhout
    row("3720", EXACT, HASSELT),  # Kortessem, merged into Hasselt in 2025
    row("6600", EXACT, BASTENAKEN),
    row("1030 Schaerbeek", EXACT, SCHAARBEEK),
    row("B-1030 Schaerbeek", EXACT, SCHAARBEEK),
    row("1030 Bruxelles", EXACT, BRUSSEL),
    row("Brugge 8000", EXACT, BRUGGE),
    row("rue de la Loi 16, 1000 Bruxelles", EXACT, BRUSSEL),
    # The four postal codes shared with the City of Brussels (README 4d).
    row("1030", AMBIGUOUS, SCHAARBEEK, BRUSSEL),
    row("B-1030", AMBIGUOUS, SCHAARBEEK, BRUSSEL),
    row("1040", AMBIGUOUS, ETTERBEEK, BRUSSEL),
    row("1050", AMBIGUOUS, ELSENE, BRUSSEL),
    row("1070", AMBIGUOUS, ANDERLECHT, BRUSSEL),
    row("L-1000", NOT_FOUND),
]

NIS_CODES = [
    row("21004", EXACT, BRUSSEL),
    row("62063", EXACT, LUIK),
    row("71072", EXACT, HASSELT),
    row("46030", EXACT, BEVEREN_KRUIBEKE_ZWIJNDRECHT),
    row(" 21004 ", EXACT, BRUSSEL),
    row(
        "11007",
        EXACT,
        ANTWERPEN,
    ),
]

SUB_MUNICIPALITIES = [
    row("Borgerhout", EXACT, ANTWERPEN),
    row("Jupille", EXACT, LUIK),
    row("Jupille-sur-Meuse", EXACT, LUIK),
    row("Laeken", EXACT, BRUSSEL),
    row("Laken", EXACT, BRUSSEL),
    row("Wilrijk", EXACT, ANTWERPEN),
    row("Merksem", EXACT, ANTWERPEN),
    row("Gentbrugge", EXACT, GENT),
    row("Ledeberg", EXACT, GENT),
    row("Drongen", EXACT, GENT),
    row("Tronchiennes", EXACT, GENT),
    row("Jambes", EXACT, NAMEN),
    row("Marcinelle", EXACT, CHARLEROI),
    row("Gosselies", EXACT, CHARLEROI),
    row("Heverlee", EXACT, LEUVEN),
    row("Neder-Over-Heembeek", EXACT, BRUSSEL),
    row("Zeebrugge", EXACT, BRUGGE),
    row("Kettenis", EXACT, EUPEN),
    row("Louvain-la-Neuve", EXACT, OTTIGNIES_LLN),
    row("Knokke", EXACT, KNOKKE_HEIST),
    row(
        "Deurne (Antwerpen)",
        EXACT,
        ANTWERPEN,
    ),
    row(
        "Laeken, Bruxelles",
        EXACT,
        BRUSSEL,
    ),
]

MERGED_2025 = [
    row("Kortessem", EXACT, HASSELT),
    row("Borsbeek", EXACT, ANTWERPEN),
    row("Melle", EXACT, MERELBEKE_MELLE),
    row("Merelbeke", EXACT, MERELBEKE_MELLE),
    row("Merelbeke-Melle", EXACT, MERELBEKE_MELLE),
    row("Galmaarden", EXACT, PAJOTTEGEM),
    row("Gooik", EXACT, PAJOTTEGEM),
    row("Pajottegem", EXACT, PAJOTTEGEM),
    row("Hoeselt", EXACT, BILZEN_HOESELT),
    row("Bilzen", EXACT, BILZEN_HOESELT),
    row("Bertogne", EXACT, BASTENAKEN),
    row("Bastogne", EXACT, BASTENAKEN),
    row("Zwijndrecht", EXACT, BEVEREN_KRUIBEKE_ZWIJNDRECHT),
    row("Kruibeke", EXACT, BEVEREN_KRUIBEKE_ZWIJNDRECHT),
    row("Beveren-Waas", EXACT, BEVEREN_KRUIBEKE_ZWIJNDRECHT),
    row("Meulebeke", EXACT, TIELT),
    row("Ruiselede", EXACT, WINGENE),
    row("Wachtebeke", EXACT, LOCHRISTI),
    row("De Pinte", EXACT, NAZARETH_DE_PINTE),
    row("Tessenderlo", EXACT, TESSENDERLO_HAM),
    row("Borgloon", EXACT, TONGEREN_BORGLOON),
    row("Tongeren", EXACT, TONGEREN_BORGLOON),
    row(
        "Ham",
        AMBIGUOUS,
        TESSENDERLO_HAM,
        HAM_SUR_HEURE_NALINNES,
    ),
    row(
        "Moerbeke",
        AMBIGUOUS,
        LOKEREN,
        GERAARDSBERGEN,
        bug="former municipality Moerbeke (now Lokeren) ranks below the Geraardsbergen "
        "locality and EXACT is returned",
    ),
]

TYPOS = [
    row("Brusel", FUZZY, BRUSSEL),
    row("Antwerpn", FUZZY, ANTWERPEN),
    row("Ouderghem", FUZZY, OUDERGEM),
    row("Scharbeek", FUZZY, SCHAARBEEK),
    row("Charlerloi", FUZZY, CHARLEROI),
    row("Kortrjk", FUZZY, KORTRIJK),
    row("Etterbeck", FUZZY, ETTERBEEK),
    row("Sint-Niklas", FUZZY, SINT_NIKLAAS),
    row("Bastogn", FUZZY, BASTENAKEN),
    row("Brussels", FUZZY, BRUSSEL),
    row("Ghent", FUZZY, GENT),
    row(
        "Molembeek",
        FUZZY,
        SINT_JANS_MOLENBEEK,
    ),
]

AMBIGUOUS_NAMES = [
    row("Sint-Gillis", AMBIGUOUS, SINT_GILLIS, SINT_GILLIS_WAAS),
    row("St Gillis", AMBIGUOUS, SINT_GILLIS, SINT_GILLIS_WAAS),
    row("Tielt", AMBIGUOUS, TIELT, TIELT_WINGE),
    row("Saint-Nicolas", AMBIGUOUS, SAINT_NICOLAS, SINT_NIKLAAS),
    row("Deurne", AMBIGUOUS, ANTWERPEN, DIEST),
    row("Berchem", AMBIGUOUS, ANTWERPEN, KLUISBERGEN, SINT_AGATHA_BERCHEM),
    row("Haren", AMBIGUOUS, BRUSSEL, TONGEREN_BORGLOON),
    row("Beveren", AMBIGUOUS, BEVEREN_KRUIBEKE_ZWIJNDRECHT, ROESELARE, WAREGEM),
    row("Leuze", AMBIGUOUS, LEUZE_EN_HAINAUT, EGHEZEE),
    row(
        "Heist",
        AMBIGUOUS,
        HEIST_OP_DEN_BERG,
        KNOKKE_HEIST,
    ),
    row(
        "Saint-Nicolas (Liège)",
        EXACT,
        SAINT_NICOLAS,
    ),
]

BILINGUAL_AND_COLLOQUIAL = [
    row(
        "Schaerbeek/Schaarbeek",
        EXACT,
        SCHAARBEEK,
    ),
    row(
        "Bruxelles-Ville",
        EXACT,
        BRUSSEL,
    ),
    row(
        "Brussel-Stad",
        EXACT,
        BRUSSEL,
    ),
]

NOT_FOUND_TEXTS = [
    row("Paris", NOT_FOUND),
    row("Xyzzy", NOT_FOUND),
    row("Amsterdam", NOT_FOUND),
    row("Maastricht", NOT_FOUND),
    row("0000", NOT_FOUND),
    row("1234", NOT_FOUND),
    row("99999", NOT_FOUND),
    row("12345", NOT_FOUND),
    row("", NOT_FOUND),
    row("Luxembourg", NOT_FOUND),
    row("Aachen", NOT_FOUND),
]

TABLE = [
    *OFFICIAL_NAMES,
    *CASE_AND_ACCENTS,
    *SEPARATORS_AND_ABBREVIATIONS,
    *POSTAL_CODES,
    *NIS_CODES,
    *SUB_MUNICIPALITIES,
    *MERGED_2025,
    *TYPOS,
    *AMBIGUOUS_NAMES,
    *BILINGUAL_AND_COLLOQUIAL,
    *NOT_FOUND_TEXTS,
]


def describe(resolution: Resolution) -> str:
    """The resolver's answer on one line, for failure messages."""
    found = ", ".join(
        f"{c.nis_code} {c.name_nl}/{c.name_fr} {c.score} {c.match.value}:{c.matched}"
        for c in resolution.candidates
    )
    return f"{resolution.query!r} → {resolution.status.value} [{found}]"


@pytest.mark.parametrize(("text", "expected_status", "expected_nis_codes"), TABLE)
def test_resolve(
    resolver: PlaceResolver,
    text: str,
    expected_status: Status,
    expected_nis_codes: frozenset[str],
) -> None:
    resolution = resolver.resolve(text)
    got = describe(resolution)
    assert resolution.status is expected_status, got
    if expected_status in (EXACT, FUZZY):
        assert resolution.best is not None, got
        assert {resolution.best.nis_code} == expected_nis_codes, got
    elif expected_status is AMBIGUOUS:
        assert resolution.best is None, got
        assert expected_nis_codes <= {c.nis_code for c in resolution.candidates}, got
    else:
        assert resolution.candidates == (), got
        assert resolution.best is None, got


# -- the table itself ---------------------------------------------------------------------------


@cache
def _reference() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """NIS code → NL name, and postal code → NIS codes, straight from the CSV files."""
    geo = DATA_DIR / "geo"
    with (geo / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        names = {r["nis_code"]: r["name_nl"] for r in csv.DictReader(handle)}
    by_postal: dict[str, set[str]] = defaultdict(set)
    with (geo / "postal_codes.csv").open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            by_postal[r["postal_code"]].add(r["nis_code"])
    return names, {code: frozenset(nis) for code, nis in by_postal.items()}


def _table_codes() -> Iterable[str]:
    for param in TABLE:
        yield from param.values[2]


def test_table_is_large_enough() -> None:
    assert len(TABLE) >= 80
    texts = [param.values[0] for param in TABLE]
    assert len(texts) == len(set(texts)), "duplicate rows"


def test_expected_codes_exist_in_reference_data() -> None:
    names, _ = _reference()
    assert len(names) == 565
    missing = sorted(set(_table_codes()) - set(names))
    assert not missing, f"expected NIS codes absent from municipalities.csv: {missing}"


# -- focused properties -------------------------------------------------------------------------

SAMPLE = [
    "Liège",
    "Sint-Gillis",
    "1030",
    "Brusel",
    "Berchem",
    "Beveren",
    "Mechelen",
    "Halle",
    "Ouderghem",
    "Jupille",
    "Leuze",
    "Saint-Nicolas",
]


@pytest.mark.parametrize("text", SAMPLE, ids=_ascii)
def test_scores_in_unit_interval_and_sorted(resolver: PlaceResolver, text: str) -> None:
    resolution = resolver.resolve(text)
    scores = [c.score for c in resolution.candidates]
    assert scores, describe(resolution)
    assert all(0.0 <= s <= 1.0 for s in scores), describe(resolution)
    assert scores == sorted(scores, reverse=True), describe(resolution)


@pytest.mark.parametrize(
    "text", ["Sint-Gillis", "1030", "Tielt", "Saint-Nicolas", "Deurne", "Berchem"], ids=_ascii
)
def test_best_is_none_when_ambiguous(resolver: PlaceResolver, text: str) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is AMBIGUOUS, describe(resolution)
    assert resolution.best is None
    assert len(resolution.candidates) >= 2


@pytest.mark.parametrize(
    ("text", "postal_code", "nis_code"),
    [
        ("1030 Schaerbeek", "1030", SCHAARBEEK),
        ("1030 Schaarbeek", "1030", SCHAARBEEK),
        ("Schaerbeek 1030", "1030", SCHAARBEEK),
        ("1030 Brussel", "1030", BRUSSEL),
        ("B-1040 Etterbeek", "1040", ETTERBEEK),
        ("1040 Bruxelles", "1040", BRUSSEL),
        ("1050 Ixelles", "1050", ELSENE),
        ("1050 Elsene", "1050", ELSENE),
        ("1070 Anderlecht", "1070", ANDERLECHT),
    ],
    ids=_ascii,
)
def test_postal_code_with_name_picks_the_named_municipality(
    resolver: PlaceResolver, text: str, postal_code: str, nis_code: str
) -> None:
    resolution = resolver.resolve(text)
    assert resolution.status is EXACT, describe(resolution)
    assert resolution.postal_code == postal_code
    assert [c.nis_code for c in resolution.candidates] == [nis_code]


def test_postal_code_reported_only_for_postal_queries(resolver: PlaceResolver) -> None:
    assert resolver.resolve("B-4000 Liège").postal_code == "4000"
    assert resolver.resolve("Liège").postal_code is None
    assert resolver.resolve("62063").postal_code is None


def test_every_postal_code_resolves_to_its_municipalities(resolver: PlaceResolver) -> None:
    _, by_postal = _reference()
    assert len(by_postal) == 1146
    wrong = {}
    for code, expected in by_postal.items():
        resolution = resolver.resolve(code)
        got = frozenset(c.nis_code for c in resolution.candidates)
        status = EXACT if len(expected) == 1 else AMBIGUOUS
        if got != expected or resolution.status is not status:
            wrong[code] = describe(resolution)
    assert not wrong, wrong


def test_every_nis_code_resolves_to_itself(resolver: PlaceResolver) -> None:
    names, _ = _reference()
    wrong = {}
    for nis in names:
        resolution = resolver.resolve(nis)
        best = resolution.best
        if resolution.status is not EXACT or best is None or best.nis_code != nis:
            wrong[nis] = describe(resolution)
    assert not wrong, wrong


def test_every_official_name_resolves_to_its_municipality(resolver: PlaceResolver) -> None:
    """Each official FR/NL name finds its own municipality among the strong candidates."""
    with (DATA_DIR / "geo" / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = {}
    for r in rows:
        for name in (r["name_fr"], r["name_nl"]):
            resolution = resolver.resolve(name)
            if r["nis_code"] not in {c.nis_code for c in resolution.strong}:
                missing[name] = describe(resolution)
    assert not missing, missing
