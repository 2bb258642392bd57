"""Request mixes for the search benchmarks: searches as a front end sends them, the same
searches for /v1 and /hsds, and inputs for the place resolver."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.synthetic import QUERY_TERMS, QueryMix, load_places
from directory.models import PostalCode
from directory.places import AmbiguousPlace, PlaceResolver, Status, UnknownPlace
from directory.taxonomy import coded_term
from directory.text import fold
from directory.vocab import Audience, Kind, Lang, ViolenceType


def build_query_mix(
    session: Session, resolver: PlaceResolver, count: int = 5000, seed: int = 7
) -> QueryMix:
    """Search requests as a front end would send them: always a place, often words, filters.

    Place texts that the resolver finds ambiguous are left out, as the front end would have
    asked the person to choose first.
    """
    rng = random.Random(seed)
    places = load_places(session)
    mix = QueryMix()
    while len(mix.paths) < count:
        place = rng.choice(places)
        roll = rng.random()
        if roll < 0.5:
            how, text = "name", rng.choice([place.name_fr, place.name_nl])
        elif roll < 0.6:
            how, text = "no_accents", fold(rng.choice([place.name_fr, place.name_nl]))
        elif roll < 0.8 and place.postal_codes:
            how, text = "postal_code", rng.choice(place.postal_codes)
        else:
            how, text = "nis_code", place.nis
        try:
            resolver.municipalities_for(text)
        except (AmbiguousPlace, UnknownPlace):
            continue
        if how != "postal_code" and resolver.resolve(text).status is not Status.EXACT:
            continue
        params: list[tuple[str, str]] = []
        if how == "postal_code" and rng.random() < 0.5:
            params.append(("postcode", text))
        else:
            params.append(("municipality", text))
        has_text = rng.random() < 0.6
        if has_text:
            params.append(("q", rng.choice(QUERY_TERMS)))
        filters = []
        if rng.random() < 0.3:
            params.append(("audience", rng.choice(list(Audience)).value))
            filters.append("audience")
        if rng.random() < 0.3:
            params.append(("violence_type", rng.choice(list(ViolenceType)).value))
            filters.append("violence_type")
        if rng.random() < 0.2:
            params.append(("kind", rng.choice(list(Kind)).value))
            filters.append("kind")
        if rng.random() < 0.2:
            params.append(("language", rng.choice(["fr", "nl", "en"])))
            filters.append("language")
        if rng.random() < 0.15:
            params.append(("open_now", "true"))
            filters.append("open_now")
        if rng.random() < 0.5:
            params.append(("lang", rng.choice(["fr", "nl"])))
        params.append(("per_page", rng.choice(["10", "20"])))
        mix.paths.append("/v1/services?" + urlencode(params))
        mix.params.append(params)
        mix.categories.append(
            {
                "text": "place + text" if has_text else "place only",
                "place": how,
                "filters": f"{len(filters)} filter(s)" if len(filters) < 2 else "2+ filters",
                "open_now": "open_now" if "open_now" in filters else "no open_now",
            }
        )
    return mix


def build_paired_mixes(
    session: Session, resolver: PlaceResolver, count: int = 5000, seed: int = 11
) -> tuple[QueryMix, QueryMix]:
    """The same searches for `/v1/services` and `/hsds/services`, in the same order.

    HSDS names a place by postcode and a filter by one taxonomy term, so each search is a
    postcode, often words (`q`, `search`), and at most one coded filter (`kind=`, `audience=`,
    `violence_type=` against the term's `taxonomy_term_id`).
    """
    rng = random.Random(seed)
    postcodes = [c for place in load_places(session) for c in place.postal_codes]
    coded = [
        *(("kind", "service", k.value) for k in Kind),
        *(("audience", "audience", a.value) for a in Audience),
        *(("violence_type", "violence", v.value) for v in ViolenceType),
    ]
    terms = {code: coded_term(group, code, Lang.FR) for _, group, code in coded}
    coded = [c for c in coded if terms[c[2]] is not None]
    v1, hsds = QueryMix(), QueryMix()
    while len(v1.paths) < count:
        postcode = rng.choice(postcodes)
        try:
            resolver.municipalities_for(postcode)
        except (AmbiguousPlace, UnknownPlace):
            continue
        ours: list[tuple[str, str]] = [("postcode", postcode)]
        theirs: list[tuple[str, str]] = [("postcode", postcode)]
        category = {"text": "place only", "filters": "0 filter(s)"}
        if rng.random() < 0.6:
            text = rng.choice(QUERY_TERMS)
            ours.append(("q", text))
            theirs.append(("search", text))
            category["text"] = "place + text"
        if rng.random() < 0.5:
            field_name, _, code = rng.choice(coded)
            term = terms[code]
            assert term is not None
            ours.append((field_name, code))
            theirs.append(("taxonomy_term_id", term["id"]))
            category["filters"] = "1 filter(s)"
        if rng.random() < 0.5:
            lang = rng.choice(["fr", "nl"])
            ours.append(("lang", lang))
            theirs.append(("lang", lang))
        per_page = rng.choice(["10", "20"])
        ours.append(("per_page", per_page))
        theirs.append(("per_page", per_page))
        for mix, path, params in ((v1, "/v1/services", ours), (hsds, "/hsds/services", theirs)):
            mix.paths.append(f"{path}?{urlencode(params)}")
            mix.params.append(params)
            mix.categories.append(dict(category))
    return v1, hsds


def resolver_inputs(
    session: Session, resolver: PlaceResolver, count: int = 10_000, seed: int = 11
) -> list[tuple[str, str]]:
    """(category, text) inputs for timing the resolver: what people type in a place box."""
    rng = random.Random(seed)
    places = load_places(session)
    localities = sorted(
        {
            name
            for row in session.scalars(select(PostalCode))
            for name in (row.locality_fr, row.locality_nl)
            if name
        }
        - {n for p in places for n in (p.name_fr, p.name_nl, p.name_de) if n}
    )
    unknown = ["Paris", "Amsterdam", "Atlantis", "Xyzzyville", "Lille", "Maastricht", "Nowhere"]
    inputs: list[tuple[str, str]] = []
    while len(inputs) < count:
        place = rng.choice(places)
        roll = rng.random()
        if roll < 0.35:
            inputs.append(("exact name", rng.choice([place.name_fr, place.name_nl])))
        elif roll < 0.5:
            inputs.append(("accents missing", fold(rng.choice([place.name_fr, place.name_nl]))))
        elif roll < 0.65 and place.postal_codes:
            inputs.append(("postal code", rng.choice(place.postal_codes)))
        elif roll < 0.7:
            inputs.append(("nis code", place.nis))
        elif roll < 0.82:
            name = rng.choice([place.name_fr, place.name_nl])
            if len(name) > 4:
                i = rng.randrange(1, len(name) - 1)
                name = name[:i] + rng.choice("aeioun") + name[i + 1 :]
            inputs.append(("typo", name))
        elif roll < 0.95:
            inputs.append(("sub-municipality", rng.choice(localities)))
        else:
            inputs.append(("unknown", rng.choice(unknown)))
    return inputs
