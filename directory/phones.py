"""Belgian phone numbers: stored as E.164 (or a short number), shown the Belgian way."""

from __future__ import annotations

import re

_SINGLE_DIGIT_ZONES = {"2", "3", "4", "9"}  # Brussels, Antwerp, Liège, Ghent
_E164_BE = re.compile(r"^\+32(\d{8,9})$")


def display(number: str) -> str:
    """ "+3280030030" → "0800 30 030"; "+3225550000" → "02 555 00 00"; short numbers as they are."""
    match = _E164_BE.match(number)
    if not match:
        return number
    national = "0" + match.group(1)
    if national[:4] in {"0800", "0900", "0902", "0903", "0904", "0905", "0906", "0907"}:
        return f"{national[:4]} {national[4:6]} {national[6:]}"
    if national[1] == "4" and len(national) == 10:  # mobile: 04xx xx xx xx
        return f"{national[:4]} {national[4:6]} {national[6:8]} {national[8:]}"
    if national[1] in _SINGLE_DIGIT_ZONES:
        return f"{national[:2]} {national[2:5]} {national[5:7]} {national[7:]}"
    return f"{national[:3]} {national[3:5]} {national[5:7]} {national[7:]}"


def tel_uri(number: str) -> str:
    return f"tel:{number}"
