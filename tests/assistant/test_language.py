"""Which language a message is written in (assistant/language.py)."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.language import detect_language
from directory.vocab import Lang


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode() or "<empty>"


# -- language -----------------------------------------------------------------------------------

LANGUAGES = [
    ("mijn man slaat mij", Lang.NL),
    ("bonjour", Lang.FR),
    ("hallo", Lang.NL),
    ("Liège", None),
    ("ok", None),
    ("4000", None),
    ("Sint-Niklaas", None),
    ("La Louvière", None),
    ("De Panne", None),
    ("hier", None),
    ("Pour moi", Lang.FR),
    ("Voor mezelf", Lang.NL),
    ("j'habite à Liège", Lang.FR),
    ("ik woon in Gent", Lang.NL),
    ("je sais pas", Lang.FR),
    ("geen idee", Lang.NL),
    ("liever niet", Lang.NL),
    ("oui", Lang.FR),
    ("nee", Lang.NL),
    ("Ik ben nu in gevaar", Lang.NL),
    ("Je suis en danger maintenant", Lang.FR),
    ("mn man slaat me", Lang.NL),
    ("Ik heb schrik van mijne vent", Lang.NL),
    ("godverdomme", Lang.NL),
    ("jsp", Lang.FR),
    ("mijne ex blijft me stalken", Lang.NL),
    # code-switching: the sentence's frame decides
    ("mon mari slaat me", Lang.FR),
    ("ik heb peur van hem", Lang.NL),
    ("mon mari est trop jaloers", Lang.FR),
    ("mijn man me frappe tout le temps", Lang.FR),
    ("hij zegt que je suis nulle", Lang.FR),
    ("ok merci", Lang.FR),
    ("ik woon in Liège", Lang.NL),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGES, ids=lambda v: _ascii(str(v)))
def test_detect_language(text: str, expected: Lang | None) -> None:
    assert detect_language(text) is expected
