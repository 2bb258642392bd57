"""When it last happened (the sexual-violence recency question): "il y a deux jours", "vorige week"."""

from __future__ import annotations

import re

from assistant.normalizing import compile_any, split_words
from directory.situation import Recency
from directory.vocab import Lang

# -- when (Q4b) ---------------------------------------------------------------------------------

_NUMBERS: dict[str, float] = {
    **{str(n): float(n) for n in range(0, 100)},
    **dict(
        zip(
            split_words("un une deux trois quatre cinq six sept huit neuf dix onze douze"),
            (1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0),
            strict=True,
        )
    ),
    **dict(
        zip(
            split_words("een twee drie vier vijf zes zeven acht negen tien elf twaalf"),
            (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0),
            strict=True,
        )
    ),
    "quinze": 15.0,
    "vingt": 20.0,
    "trente": 30.0,
    "veertien": 14.0,
    "vijftien": 15.0,
    "twintig": 20.0,
    "dertig": 30.0,
    "quelques": 3.0,
    "plusieurs": 3.0,
    "paar": 3.0,
    "enkele": 3.0,
    "des": 3.0,
}
_UNITS: dict[str, float] = {
    **dict.fromkeys(split_words("heure heures h uur uren"), 1 / 24),
    **dict.fromkeys(split_words("jour jours j dag dagen"), 1.0),
    **dict.fromkeys(split_words("semaine semaines sem week weken"), 7.0),
    **dict.fromkeys(split_words("mois maand maanden"), 30.0),
    **dict.fromkeys(split_words("an ans annee annees jaar jaren"), 365.0),
}
_NUMBER = r"\d{1,2}|" + "|".join(sorted((k for k in _NUMBERS if not k.isdigit()), key=len))
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_AGO = (  # "il y a deux jours", "twee weken geleden"; the cheap test first
    (
        ("il y a", "fait"),
        re.compile(
            rf"\b(?:il\W+y\W+a|ca\W+fait|cela\W+fait)\W+(?P<cmp>(?:moins|plus)\W+(?:de|d)\W*"
            rf"|environ\W+)?(?:(?:de|d)\W*)?(?P<n>{_NUMBER})?\W*(?P<unit>{_UNIT})\b"
        ),
    ),
    (
        ("geleden",),
        re.compile(
            rf"\b(?P<cmp>minder\W+dan\W+|meer\W+dan\W+|ongeveer\W+|een\W+)?(?P<n>{_NUMBER})?\W*"
            rf"(?P<unit>{_UNIT})\W+geleden\b"
        ),
    ),
)
_BETWEEN = re.compile(
    r"\b(?:entre\W+3\W+jours\W+et\W+(?:1|un)\W+mois|tussen\W+3\W+dagen\W+en\W+(?:1|een)\W+maand)"
)
_RECENT_WORDS: dict[Recency, tuple[str, ...]] = {
    Recency.UNDER_3_DAYS: (
        r"\b(?:aujourd\W*hui|auj|ce\W+matin|cette\W+nuit|ce\W+soir|avant\W*hier|tout\W+a\W+l\W*heure"
        r"|a\W+l\W*instant|tantot|cet\W+apres\W*midi)\b",
        r"\b(?:vandaag|gisteren|eergisteren|vannacht|vanochtend|vanmorgen|vanavond|gisteravond"
        r"|gisternacht|gisterennacht|gisterenavond|gisterenmiddag|gistermiddag|eergisterenavond"
        r"|daarnet|zonet|deze\W+nacht|vanmiddag|gisteren\W+(?:nacht|avond|middag))\b",
        r"\b(?:hier\W+(?:soir|matin|apres\W*midi)|la\W+nuit\W+derniere)\b",
        r"\bnet\W+(?:gebeurd|gedaan)\b",
    ),
    Recency.UNDER_1_MONTH: (
        r"\b(?:la\W+semaine|le\W+week\W*end|le\W+mois)\W+(?:derniere?|passee?)\b",
        r"\b(?:cette\W+semaine|ce\W+mois(?:\W*ci)?|ce\W+week\W*end|recemment|dernierement)\b",
        r"\b(?:vorige|deze)\W+(?:week|maand)\b",
        r"\b(?:vorig|dit|afgelopen)\W+weekend\b",
        r"\b(?:onlangs|recent|pas\W+geleden|kort\W+geleden)\b",
    ),
    Recency.OVER_1_MONTH: (
        r"\b(?:l\W*an|l\W*annee)\W+(?:derniere?|passee?)\b",
        r"\bvorig\W+jaar\b",
        r"\b(?:il\W+y\W+a|ca\W+fait)\W+(?:longtemps|des\W+annees|des\W+mois|des\W+ans)\b",
        r"\b(?:lang|jaren|maanden|jaaaren)\W+geleden\b",
        r"\bquand\W+j\W*etais\W+(?:petite?|enfant|jeune|ado|adolescente?|gamine?)\b",
        r"\btoen\W+ik\W+(?:\w+\W+)?(?:klein|jong|kind|tiener|een\W+kind)\W+was\b",
        r"\b(?:dans|pendant)\W+mon\W+enfance\b",
        r"\bin\W+mijn\W+(?:jeugd|kindertijd)\b",
    ),
}
_RECENT_WORDS_RE = {code: compile_any(p) for code, p in _RECENT_WORDS.items()}
_FRENCH_YESTERDAY = re.compile(r"\bhier\b")
_URGENCY_ORDER = (Recency.UNDER_3_DAYS, Recency.UNDER_1_MONTH, Recency.OVER_1_MONTH)


def _from_days(days: float, comparison: str) -> Recency:
    if comparison.startswith(("moins", "minder")):
        days -= 1e-6  # "moins de 3 jours": under three days
    elif comparison.startswith(("plus", "meer")):
        days += 1e-6
    if days < 3:
        return Recency.UNDER_3_DAYS
    if days <= 30:
        return Recency.UNDER_1_MONTH
    return Recency.OVER_1_MONTH


def recency_in(text: str, lang: Lang | None) -> Recency | None:
    found: set[Recency] = set()
    if _BETWEEN.search(text):
        found.add(Recency.UNDER_1_MONTH)
    for needles, pattern in _AGO:
        if not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            unit, number = m.group("unit"), m.group("n")
            count = _NUMBERS.get(number, 1.0) if number else 1.0
            if not number and unit in ("ans", "annees", "jaren", "maanden", "mois"):
                count = 3.0  # "il y a des années" reads as several
            found.add(_from_days(count * _UNITS[unit], m.group("cmp") or ""))
    found.update(r for r, pattern in _RECENT_WORDS_RE.items() if pattern.search(text))
    if lang is not Lang.NL and _FRENCH_YESTERDAY.search(text):
        found.add(Recency.UNDER_3_DAYS)  # Dutch "hier" means here
    return next((r for r in _URGENCY_ORDER if r in found), None)
