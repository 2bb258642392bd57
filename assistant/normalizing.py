"""The one form of a message every reading works on, and the helpers the readers share.

Lower case, accents removed, apostrophes unified, stretched letters squeezed ("heeeelp").
Nothing here is kept: a message is read in memory and dropped (docs/conversation.md, privacy).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from directory.text import fold


def split_words(words: str) -> list[str]:
    """A word list written as one string, to keep the tables below readable."""
    return words.split()


# -- normalisation ------------------------------------------------------------------------------

_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"}
)
_SPACES = re.compile(r"\s+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")  # "heeeelp", "secouuuurs"


def normalize(text: str) -> str:
    """The form every pattern here is written for: "Il m’étrangle !" → "il m'etrangle !"."""
    text = text.translate(_LIGATURES)
    return _SPACES.sub(" ", text.casefold() if text.isascii() else fold(text)).strip()


def variants(normalized: str) -> tuple[str, ...]:
    """The text, plus stretched letters squeezed to one and to two ("heeeelp", "vermooorden")."""
    if not _REPEATS.search(normalized):
        return (normalized,)
    return (normalized, _REPEATS.sub(r"\1", normalized), _REPEATS.sub(r"\1\1", normalized))


def compile_any(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regular expression for a list of them, the leading word boundaries shared.

    Most patterns start with a word boundary; checking it once per position, not once per
    pattern, makes a long message about three times faster to scan.
    """
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = [rf"\b(?:{'|'.join(f'(?:{p})' for p in bounded)})"] if bounded else []
    parts += [f"(?:{p})" for p in others]
    return re.compile("|".join(parts))
