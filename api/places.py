"""Shared helpers for routes that take a place."""

from __future__ import annotations

from api.deps import Geo
from api.errors import ParameterError
from directory.places import AmbiguousPlace, UnknownPlace
from directory.vocab import Lang


def place_error(parameter: str, error: UnknownPlace | AmbiguousPlace) -> ParameterError:
    candidates = [
        {"nis_code": c.nis_code, "name_fr": c.name_fr, "name_nl": c.name_nl, "score": c.score}
        for c in error.resolution.candidates
    ]
    if isinstance(error, AmbiguousPlace):
        message = f"{error}; pass one NIS code instead"
    else:
        message = f"{error}; give a municipality name, a postal code or a 5-digit NIS code"
    return ParameterError(parameter, message, extra={"candidates": candidates})


def municipalities_of(
    text: str, geo: Geo, parameter: str = "municipality", location: str = "query"
) -> tuple[str, ...]:
    """The NIS codes a place parameter means (several for a shared postal code), or a 422
    naming the parameter with the candidates."""
    try:
        return geo.resolver.municipalities_for(text)
    except (UnknownPlace, AmbiguousPlace) as error:
        problem = place_error(parameter, error)
        problem.location = location
        raise problem from None


def response_lang(requested: Lang | None, nis_codes: tuple[str, ...], geo: Geo) -> Lang:
    """The asked language; else the place's language when it has only one; else French."""
    if requested:
        return requested
    regions = {geo.region_of[nis] for nis in nis_codes}
    if regions == {"VLG"}:
        return Lang.NL
    return Lang.FR
