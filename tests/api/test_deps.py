import pytest

from api.deps import preferred_lang
from directory.vocab import Lang


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.8", Lang.NL),
        ("en-US,en;q=0.9", Lang.EN),
        ("de-DE;q=0.5, fr-BE;q=0.8", Lang.FR),
        ("es-ES", None),
        ("", None),
        ("fr;q=abc, nl", Lang.NL),
    ],
)
def test_accept_language(header: str, lang: Lang | None) -> None:
    assert preferred_lang(header) == lang
