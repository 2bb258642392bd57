"""When a search finds nothing: what exists instead, on both databases' searches."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from directory.search import SearchPage, SearchQuery, search_services
from directory.search_alternatives import Reason, alternatives, corrected_text, named_kinds
from directory.vocab import Kind, RegionCode, SpokenLanguage

GENT, NAMUR = "44021", "92094"
TUESDAY_NIGHT = dt.datetime(2026, 11, 17, 22, 30, tzinfo=dt.UTC)


def offered(session: Session, query: SearchQuery, regions: tuple[RegionCode, ...]) -> dict:
    def search(q: SearchQuery) -> SearchPage:
        return search_services(session, q, TUESDAY_NIGHT)

    assert not search(query).hits
    return {
        alt.reason: (alt, [hit.service_id for hit in alt.page.hits])
        for alt in alternatives(query, search, regions)
    }


def test_nothing_found_offers_the_helpline_of_the_place(session: Session) -> None:
    found = offered(
        session, SearchQuery(text="tandarts", municipalities=(GENT,)), (RegionCode.VLG,)
    )
    assert list(found) == [Reason.HELPLINE]
    assert found[Reason.HELPLINE][1] == ["hulplijn-1712"]


def test_words_that_find_nothing_are_left_out(session: Session) -> None:
    query = SearchQuery(text="violée zzqq wwkk", municipalities=(NAMUR,))
    alt, ids = offered(session, query, (RegionCode.WAL,))[Reason.FEWER_WORDS]
    assert alt.dropped == "zzqq wwkk"
    assert "cpvs-namur" in ids


def test_a_misspelling_is_corrected(session: Session) -> None:
    query = SearchQuery(text="verkrachtinng", municipalities=(GENT,))
    alt, ids = offered(session, query, (RegionCode.VLG,))[Reason.SPELLING]
    assert alt.text == "verkrachting"
    assert "zsg-gent" in ids


def test_filters_that_leave_nothing_are_lifted_but_the_kind(session: Session) -> None:
    query = SearchQuery(municipalities=(GENT,), kinds=(Kind.LEGAL_AID,), open_now=True)
    alt, ids = offered(session, query, (RegionCode.VLG,))[Reason.WITHOUT_FILTERS]
    assert alt.query.kinds == (Kind.LEGAL_AID,) and not alt.query.open_now
    assert ids == ["bjb-gent"]


def test_filters_alone_are_not_lifted_to_list_the_whole_place(session: Session) -> None:
    query = SearchQuery(municipalities=(GENT,), languages=(SpokenLanguage.TI,), open_now=True)
    assert list(offered(session, query, (RegionCode.VLG,))) == [Reason.HELPLINE]


def test_the_kinds_a_query_names() -> None:
    assert named_kinds(SearchQuery(text="gratis advocaat")) == (Kind.LEGAL_AID,)
    assert Kind.SEXUAL_VIOLENCE_CENTRE in named_kinds(SearchQuery(text="viol"))
    assert corrected_text("verkrachting") is None
