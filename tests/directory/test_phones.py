import re

import pytest
import yaml

from directory.paths import DATA_DIR
from directory.phones import display, normalise, tel_uri


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("+3280030030", "0800 30 030"),
        ("+3225550000", "02 555 00 00"),
        ("+3242234567", "04 223 45 67"),
        ("+32470123456", "0470 12 34 56"),
        ("+3250123456", "050 12 34 56"),
        ("1712", "1712"),
        ("116000", "116000"),
    ],
)
def test_numbers_are_shown_the_belgian_way(number: str, shown: str) -> None:
    assert display(number) == shown


def test_tap_to_call_uses_the_stored_number() -> None:
    assert tel_uri("+3280030030") == "tel:+3280030030"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("04 223 45 67", "+3242234567"),
        ("0032 4 223 45 67", "+3242234567"),
        ("+32 (0)4 223 45 67", "+3242234567"),
        ("02/555.00.00", "+3225550000"),
        ("0470 12 34 56", "+32470123456"),
        ("0800 30 030", "+3280030030"),
        ("1712", "1712"),
        ("116 000", "116000"),
    ],
)
def test_numbers_as_dialled_are_stored_as_e164(typed: str, stored: str) -> None:
    assert normalise(typed) == stored


@pytest.mark.parametrize("typed", ["+33 1 23 45 67 89", "12", "04 22", "0470 12 34 56 78 9", "abc"])
def test_what_is_not_a_belgian_number_is_refused(typed: str) -> None:
    assert normalise(typed) is None


def test_every_seed_number_is_shown_with_its_belgian_grouping() -> None:
    records = yaml.safe_load((DATA_DIR / "services.yaml").read_text(encoding="utf-8"))
    numbers = {str(p["number"]) for r in records for p in r.get("phones") or []}
    assert len(numbers) > 50
    for number in numbers:
        shown = display(number)
        if number.startswith("+32"):
            assert shown.replace(" ", "") == "0" + number[3:], number
            assert re.fullmatch(r"0\d{1,3}( \d{2,3})+", shown), number
        else:
            assert shown == number
