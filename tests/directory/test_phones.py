import pytest

from directory.phones import display, tel_uri


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
