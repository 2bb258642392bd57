"""Belgian phone numbers, read, checked and shown with Google's libphonenumber (`phonenumbers`).

Stored as E.164 (`+3225550000`) or as a Belgian short number (`101`, `1712`, `116000`), which
libphonenumber does not treat as numbers of their own; shown the Belgian way (`02 555 00 00`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

SHORT = re.compile(r"^[1-9]\d{2,5}$")  # 101, 112, 1712, 116000 …
_NOISE = re.compile(r"[\s./()\-]")


def normalise(value: str) -> str | None:
    """A Belgian number as E.164, a short number as it is; None when it is neither.

    "04 223 45 67", "0032 4 223 45 67", "+32 (0)4 223 45 67" → "+3242234567".
    """
    compact = _NOISE.sub("", value.strip())
    if SHORT.match(compact):
        return compact
    try:
        number = phonenumbers.parse(compact.replace("+320", "+32"), "BE")
    except NumberParseException:
        return None
    # Possible, not necessarily valid: the data comes from public pages, and libphonenumber's
    # list of numbers in use may lag behind a service's new line.
    if number.country_code != 32 or not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)  # a few hundred numbers, shown on every card
def display(number: str) -> str:
    """ "+3280030030" → "0800 30 030"; "+3225550000" → "02 555 00 00"; short numbers as they are."""
    if not number.startswith("+32"):
        return number
    try:
        parsed = phonenumbers.parse(number)
    except NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):  # no Belgian grouping to follow: as stored
        return number
    return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)


def tel_uri(number: str) -> str:
    return f"tel:{number}"
