"""The place resolver: free text → Belgian municipalities, with candidates and scores.

Understands NIS codes (also those retired by the 2025 mergers), postal codes, official names in
French, Dutch and German, bpost localities (sub-municipalities such as Borgerhout or Jupille,
and municipalities merged in 2025 such as Kortessem), missing accents, case, hyphens,
"St-"/"Ste-" abbreviations, qualifiers ("Saint-Nicolas (Liège)", "Laeken, Bruxelles",
"Antwerpen-Deurne") and small typos. Ambiguity is reported, never resolved silently:
"Sint-Gillis" could be Sint-Gillis (Brussels) or Sint-Gillis-Waas; postal code 1030 covers
Schaerbeek and part of Brussels.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.models import Municipality, PostalCode
from directory.text import fold


class Match(StrEnum):
    NIS_CODE = "nis_code"
    POSTAL_CODE = "postal_code"
    NAME = "name"  # official municipality name
    LOCALITY = "locality"  # a bpost locality (sub-municipality or former municipality)
    PREFIX = "prefix"  # the text is the start of a longer name ("Molenbeek")
    COMPLETION = "completion"  # type-ahead only: an unfinished word begins the name ("Jupil")
    PART = "part"  # the text is one part of a merged name ("Ham" in "Tessenderlo-Ham")
    WORDS = "words"  # several known names in one text ("Antwerpen-Deurne")
    FUZZY = "fuzzy"


class Status(StrEnum):
    EXACT = "exact"
    FUZZY = "fuzzy"  # one clear candidate, matched despite a typo
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"


SCORES = {Match.NIS_CODE: 1.0, Match.POSTAL_CODE: 1.0, Match.NAME: 1.0, Match.LOCALITY: 0.97}
WORDS_SCORE = 0.95
PREFIX_SCORE = 0.9
PART_SCORE = 0.88
LOCALITY_PREFIX_SCORE = 0.86  # "Jupille" → the locality "Jupille-sur-Meuse"
# A locality that shares an official municipality's name ("Halle" in Zoersel, "Forest" in
# Frasnes-lez-Anvaing) stays a candidate, but below the municipality people almost always mean.
SHADOWED_LOCALITY_SCORE = 0.85
FUZZY_CEILING = 0.89  # a typo never outranks an exact name or a prefix
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio (0-100) below which a name is not considered
FUZZY_ACCEPT = 0.8  # mean of ratio and edit similarity a typo must reach
COMPLETION_SCORE = 0.8  # type-ahead suggestions stay below every reading of a whole word
MIN_COMPLETION = 2  # characters (or digits of a postal code) before anything is suggested
CLEAR_MARGIN = 0.04  # how far the best fuzzy candidate must lead to be taken alone
STRONG = 0.9  # candidates at or above this are each a plausible reading of the text
NEAR = 0.03  # candidates this close to the best one are as plausible as it

ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "st": ("saint", "sint", "sankt"),
    "ste": ("sainte",),
    "sts": ("saints",),
    "s": ("sint",),  # "S.-Pieters-Leeuw"
}

_SEPARATORS = re.compile(r"[\s\-‐‑–—'’`´.,;:/()\[\]]+")
_QUALIFIER = re.compile(r"\(([^)]*)\)|,([^,]*)")
_POSTAL = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_FOREIGN_PREFIX = re.compile(r"(?:^|[^a-z])([ac-z])\s*-\s*$")  # "L-1000", "F-59000": not Belgian
_NIS = re.compile(r"^\d{5}$")


def place_key(text: str) -> str:
    """Comparable form of a place name: "Sint-Jans-Molenbeek" → "sint jans molenbeek"."""
    return " ".join(t for t in _SEPARATORS.split(fold(text)) if t)


def _variants(key: str, limit: int = 8) -> list[str]:
    options = [(t, *ABBREVIATIONS.get(t, ())) for t in key.split()]
    return [" ".join(combo) for combo in itertools.islice(itertools.product(*options), limit)]


@dataclass(frozen=True)
class PlaceInfo:
    nis_code: str
    name_fr: str
    name_nl: str
    name_de: str | None
    region_code: str
    arrondissement_code: str = ""
    merged_from: tuple[str, ...] = ()  # NIS codes retired in 2025 that now belong here


@dataclass(frozen=True)
class Candidate:
    nis_code: str
    name_fr: str
    name_nl: str
    score: float
    match: Match
    matched: str  # the name, locality or code that matched


@dataclass(frozen=True)
class Resolution:
    query: str
    status: Status
    candidates: tuple[Candidate, ...] = field(default=())
    postal_code: str | None = None  # set when the text was (or contained) a postal code

    @property
    def best(self) -> Candidate | None:
        """The one municipality meant, or None when the text is ambiguous or unknown."""
        if self.status in (Status.EXACT, Status.FUZZY) and self.candidates:
            return self.candidates[0]
        return None

    @property
    def strong(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.score >= STRONG)


class UnknownPlace(ValueError):
    def __init__(self, resolution: Resolution) -> None:
        self.resolution = resolution
        super().__init__(f"no Belgian municipality matches {resolution.query!r}")


class AmbiguousPlace(ValueError):
    def __init__(self, resolution: Resolution) -> None:
        self.resolution = resolution
        names = ", ".join(f"{c.name_fr}/{c.name_nl} ({c.nis_code})" for c in resolution.candidates)
        super().__init__(f"{resolution.query!r} could be several municipalities: {names}")


_FOUND_KEPT = 20_000  # place texts; the names, postal and NIS codes are about 8,000


class PlaceResolver:
    """In-memory index over the 565 municipalities and 2,724 postal localities."""

    def __init__(
        self,
        places: Iterable[PlaceInfo],
        localities: Iterable[tuple[str, Iterable[str | None], str]],
    ) -> None:
        self.places: dict[str, PlaceInfo] = {p.nis_code: p for p in places}
        # key → {nis: (match kind, display string)}; official names win over localities.
        self._exact: dict[str, dict[str, tuple[Match, str]]] = defaultdict(dict)
        self._parts: dict[str, dict[str, str]] = defaultdict(dict)  # "ham" → {71071: name}
        self._by_postal: dict[str, set[str]] = defaultdict(set)
        self._retired: dict[str, str] = {}  # pre-2025 NIS code → today's
        self._found: dict[str, tuple[str, ...]] = {}  # what municipalities_for found, per text
        for place in self.places.values():
            for old in place.merged_from:
                if old != place.nis_code:
                    self._retired[old] = place.nis_code
            for name in (place.name_nl, place.name_fr, place.name_de):
                if not name:
                    continue
                key = place_key(name)
                self._exact[key].setdefault(place.nis_code, (Match.NAME, name))
                for part in name.split("-")[1:]:
                    # Merged names join former ones: "Tessenderlo-Ham", "Bilzen-Hoeselt".
                    if len(place_key(part)) >= 3 and " " not in place_key(part):
                        self._parts[place_key(part)].setdefault(place.nis_code, name)
        for postal_code, names, nis in localities:
            self._by_postal[postal_code].add(nis)
            for name in names:
                if name:
                    self._exact[place_key(name)].setdefault(nis, (Match.LOCALITY, name))
        self._keys = list(self._exact)
        self._sorted_keys = sorted(self._exact)

    @classmethod
    def from_session(cls, session: Session) -> PlaceResolver:
        places = [
            PlaceInfo(
                m.nis_code,
                m.name_fr,
                m.name_nl,
                m.name_de,
                m.region_code,
                m.arrondissement_code,
                tuple(m.merged_2025_from),
            )
            for m in session.scalars(select(Municipality))
        ]
        localities = [
            (p.postal_code, (p.locality_nl, p.locality_fr, p.locality_de), p.nis_code)
            for p in session.scalars(select(PostalCode).order_by(PostalCode.id))
        ]
        return cls(places, localities)

    def postal_codes(self) -> set[str]:
        return set(self._by_postal)

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        query = text.strip()
        if _NIS.match(query):
            return self._from_nis(query)
        folded = fold(query)
        postal = _POSTAL.search(folded)
        if postal:
            if _FOREIGN_PREFIX.search(folded[: postal.start()]):
                return Resolution(query, Status.NOT_FOUND)
            if postal.group(1) in self._by_postal:
                return self._from_postal(query, postal.group(1), limit)
        main, qualifiers = _split_qualifiers(query)
        key = place_key(main)
        if not key or key.isdigit():
            return Resolution(query, Status.NOT_FOUND)
        found = self._lookup(key) or self._words(key) or self._fuzzy(key, limit)
        if qualifiers and len(found) > 1:
            found = self._qualify(found, qualifiers)
        return self._decide(query, found, limit)

    def complete(self, text: str, limit: int = 5) -> Resolution:
        """Suggestions while someone types: what `resolve` finds, then the places whose name or
        postal code the text's unfinished end begins ("Jupil" → Liège, by its locality
        Jupille-sur-Meuse; "Brux" → Bruxelles; "40" → the municipalities of 40xx).

        For type-ahead only: a search filter goes through `resolve`, which never completes a
        fragment on its own.
        """
        resolution = self.resolve(text, limit)
        key = place_key(_split_qualifiers(text.strip())[0])
        if resolution.postal_code or len(key) < MIN_COMPLETION or _NIS.match(key):
            return resolution
        found = {c.nis_code: c for c in resolution.candidates}

        def offer(nis: str, matched: str, score: float) -> None:
            score = round(score, 3)
            if nis not in found or found[nis].score < score:
                found[nis] = self._candidate(nis, Match.COMPLETION, matched, score)

        if key.isdigit():
            for code in sorted(c for c in self._by_postal if c.startswith(key)):
                for nis in self._by_postal[code]:
                    offer(nis, code, COMPLETION_SCORE * (0.5 + 0.5 * len(key) / len(code)))
        else:
            for variant in _variants(key):
                start = bisect.bisect_left(self._sorted_keys, variant)
                for other in itertools.islice(self._sorted_keys, start, None):
                    if not other.startswith(variant):
                        break
                    for nis, (match, name) in self._exact[other].items():
                        # Shorter completions first; a municipality's name before a locality.
                        closeness = 0.5 + 0.5 * len(variant) / len(other)
                        penalty = 0.05 if match is Match.LOCALITY else 0.0
                        offer(nis, name, COMPLETION_SCORE * closeness - penalty)
        if not found:
            return resolution
        ranked = sorted(found.values(), key=lambda c: (-c.score, c.name_nl, c.nis_code))[:limit]
        status = resolution.status
        if status is Status.NOT_FOUND:
            status = Status.FUZZY if len(ranked) == 1 else Status.AMBIGUOUS
        return Resolution(resolution.query, status, tuple(ranked))

    def municipalities_for(self, text: str) -> tuple[str, ...]:
        """NIS codes a place filter means: one municipality, or every one a postal code spans.

        Raises UnknownPlace, or AmbiguousPlace when a name could mean several municipalities.
        The answers found are kept: every search names its place, and the index never changes.
        """
        found = self._found.get(text)
        if found is not None:
            return found
        found = self._municipalities_for(text)
        if len(self._found) >= _FOUND_KEPT:
            self._found.clear()
        self._found[text] = found
        return found

    def _municipalities_for(self, text: str) -> tuple[str, ...]:
        resolution = self.resolve(text)
        postal = resolution.postal_code and resolution.status is not Status.NOT_FOUND
        if postal and all(c.match is Match.POSTAL_CODE for c in resolution.candidates):
            return tuple(c.nis_code for c in resolution.candidates)
        if resolution.best:
            return (resolution.best.nis_code,)
        if resolution.status is Status.AMBIGUOUS:
            raise AmbiguousPlace(resolution)
        raise UnknownPlace(resolution)

    # -- steps ----------------------------------------------------------------------------------

    def _candidate(self, nis: str, match: Match, matched: str, score: float) -> Candidate:
        place = self.places[nis]
        return Candidate(nis, place.name_fr, place.name_nl, round(score, 3), match, matched)

    def _from_nis(self, code: str) -> Resolution:
        current = self._retired.get(code, code)
        if current not in self.places:
            return Resolution(code, Status.NOT_FOUND)
        candidate = self._candidate(current, Match.NIS_CODE, code, 1.0)
        return Resolution(code, Status.EXACT, (candidate,))

    def _from_postal(self, query: str, code: str, limit: int) -> Resolution:
        nis_codes = sorted(self._by_postal[code])
        candidates = [self._candidate(n, Match.POSTAL_CODE, code, 1.0) for n in nis_codes]
        rest = place_key(_POSTAL.sub(" ", fold(query)))
        named = (
            [c for c in self._lookup(rest) or self._words(rest) if c.score >= STRONG]
            if rest
            else []
        )
        named_codes = {c.nis_code for c in named}
        if named_codes & set(nis_codes):
            # "1030 Schaerbeek": the name picks one of the code's municipalities.
            candidates = [c for c in candidates if c.nis_code in named_codes]
        elif named:
            # "1000 Schaerbeek": code and name disagree; offer both rather than guess.
            others = [c for c in named if c.nis_code not in nis_codes]
            ranked = tuple([*candidates, *others][:limit])
            return Resolution(query, Status.AMBIGUOUS, ranked, postal_code=code)
        status = Status.EXACT if len(candidates) == 1 else Status.AMBIGUOUS
        return Resolution(query, status, tuple(candidates[:limit]), postal_code=code)

    def _lookup(self, key: str) -> list[Candidate]:
        found: dict[str, Candidate] = {}

        def offer(candidate: Candidate) -> None:
            if candidate.nis_code not in found or found[candidate.nis_code].score < candidate.score:
                found[candidate.nis_code] = candidate

        variants = _variants(key)
        for variant in variants:
            for nis, (match, name) in self._exact.get(variant, {}).items():
                offer(self._candidate(nis, match, name, SCORES[match]))
        if any(c.match is Match.NAME for c in found.values()):
            for nis, candidate in found.items():
                if candidate.match is Match.LOCALITY:
                    found[nis] = replace(candidate, score=SHADOWED_LOCALITY_SCORE)
        for variant in variants:
            # "Sint-Gillis" is also the start of "Sint-Gillis-Waas": offer it, do not hide it.
            for nis, name, score in self._extensions(variant):
                offer(self._candidate(nis, Match.PREFIX, name, score))
            for nis, name in self._parts.get(variant, {}).items():
                offer(self._candidate(nis, Match.PART, name, PART_SCORE))
        return list(found.values())

    def _extensions(self, key: str) -> Iterable[tuple[str, str, float]]:
        start = bisect.bisect_left(self._sorted_keys, key + " ")
        for other in self._sorted_keys[start:]:
            if not other.startswith(key + " "):
                break
            for nis, (match, name) in self._exact[other].items():
                yield nis, name, PREFIX_SCORE if match is Match.NAME else LOCALITY_PREFIX_SCORE

    def _words(self, key: str) -> list[Candidate]:
        """Several names in one text, as in "Antwerpen-Deurne" or "Schaerbeek/Schaarbeek".

        A municipality counts when names covering at least half of the words all point to it.
        """
        tokens = key.split()
        if len(tokens) < 2:
            return []
        covered: dict[str, set[int]] = defaultdict(set)
        names: dict[str, str] = {}
        for size in range(len(tokens), 0, -1):
            for start in range(len(tokens) - size + 1):
                span = " ".join(tokens[start : start + size])
                for nis, (_match, name) in self._exact.get(span, {}).items():
                    covered[nis].update(range(start, start + size))
                    names.setdefault(nis, name)
        if not covered:
            return []
        most = max(len(words) for words in covered.values())
        if most * 2 < len(tokens):
            return []
        return [
            self._candidate(nis, Match.WORDS, names[nis], WORDS_SCORE)
            for nis, words in covered.items()
            if len(words) == most
        ]

    def _fuzzy(self, key: str, limit: int) -> list[Candidate]:
        found: dict[str, Candidate] = {}
        choices = [*self._keys, *self._parts]
        for variant in _variants(key, limit=4):
            hits = process.extract(
                variant, choices, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=FUZZY_CUTOFF
            )
            for other, ratio, _ in hits:
                # Edit similarity keeps "Molembeek" nearer Molenbeek than Lembeek.
                similarity = (ratio / 100 + Levenshtein.normalized_similarity(variant, other)) / 2
                if similarity < FUZZY_ACCEPT:
                    continue
                targets = self._exact.get(other) or {
                    nis: (Match.PART, name) for nis, name in self._parts[other].items()
                }
                for nis, (_match, name) in targets.items():
                    score = FUZZY_CEILING * similarity
                    if nis not in found or found[nis].score < score:
                        found[nis] = self._candidate(nis, Match.FUZZY, name, score)
        return list(found.values())

    def _qualify(self, found: list[Candidate], qualifiers: list[str]) -> list[Candidate]:
        """Keep the candidates a qualifier agrees with ("Saint-Nicolas (Liège)")."""
        hints = [c for q in qualifiers for c in self._lookup(place_key(q)) if c.score >= STRONG]
        if not hints:
            return found
        areas = {self.places[h.nis_code].arrondissement_code for h in hints}
        codes = {h.nis_code for h in hints}
        kept = [
            c
            for c in found
            if c.nis_code in codes or self.places[c.nis_code].arrondissement_code in areas
        ]
        return kept or found

    def _decide(self, query: str, found: list[Candidate], limit: int) -> Resolution:
        if not found:
            return Resolution(query, Status.NOT_FOUND)
        ranked = sorted(found, key=lambda c: (-c.score, c.name_nl, c.nis_code))[:limit]
        top = ranked[0]
        if top.match is Match.FUZZY:
            clear = len(ranked) == 1 or top.score - ranked[1].score >= CLEAR_MARGIN
            return Resolution(query, Status.FUZZY if clear else Status.AMBIGUOUS, tuple(ranked))
        contenders = [c for c in ranked if c.score >= STRONG or top.score - c.score < NEAR]
        status = Status.EXACT if len(contenders) == 1 else Status.AMBIGUOUS
        return Resolution(query, status, tuple(ranked))


def _split_qualifiers(text: str) -> tuple[str, list[str]]:
    """ "Saint-Nicolas (Liège)" → ("Saint-Nicolas", ["Liège"]); "Laeken, Bruxelles" likewise."""
    qualifiers = [(a or b).strip() for a, b in _QUALIFIER.findall(text)]
    main = _QUALIFIER.sub(" ", text).strip()
    return (main or text), [q for q in qualifiers if q]
