"""What a search offers when it finds nothing: never an empty page.

A worker with a person in front of them must leave with someone to call. When a query finds
nothing, in this order and each only when it finds something:

1. the spelling the thesaurus knows (« verkrachtng » → « verkrachting »);
2. the same search without its weakest word (the one whose removal finds the most, keeping the
   words the thesaurus knows);
3. the same words (or kinds of service) without the other filters;
4. the place's services of the kinds the query names (« advocaat » → legal aid) or implies;
5. the helpline for violence that covers the place (1712 in Flanders, 0800 30 030 in Wallonia
   and Brussels).

Plain domain code: it takes the search to run as a function, so it serves the snapshot and the
database search alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from directory.pathways import GENERALIST, Pick
from directory.query import read_query
from directory.search import MAX_PER_PAGE, SearchPage, SearchQuery
from directory.text import words
from directory.thesaurus import thesaurus
from directory.vocab import Kind, RegionCode

Search = Callable[[SearchQuery], SearchPage]
MAX_WORDS_TRIED = 6  # dropping each word costs one search; longer queries try their first six


class Reason(StrEnum):
    SPELLING = "spelling"
    FEWER_WORDS = "fewer_words"
    WITHOUT_FILTERS = "without_filters"
    SAME_KIND = "same_kind"
    HELPLINE = "helpline"


@dataclass(frozen=True)
class Alternative:
    reason: Reason
    query: SearchQuery
    page: SearchPage
    text: str | None = None  # the corrected or shortened text
    dropped: str | None = None  # the word left out
    kinds: tuple[Kind, ...] = ()


def alternatives(
    query: SearchQuery, search: Search, regions: Sequence[RegionCode] = (), size: int = 5
) -> list[Alternative]:
    """What to offer instead of an empty answer to `query` (which found nothing).

    `regions` are those of the query's place (none: every region's helplines).
    """
    first = replace(query, page=1, per_page=size)
    offered: list[Alternative] = []

    def offer(
        reason: Reason,
        candidate: SearchQuery,
        text: str | None = None,
        kinds: tuple[Kind, ...] = (),
    ) -> None:
        page = search(candidate)
        if page.total_items:
            offered.append(Alternative(reason, candidate, page, text=text, kinds=kinds))

    if query.text:
        corrected = corrected_text(query.text)
        if corrected:
            offer(Reason.SPELLING, replace(first, text=corrected), text=corrected)
        shorter = _without_weakest_word(first, search)
        if shorter is not None:
            offered.append(shorter)
    # Without the filters: the same words, or the same kinds of service. A search of filters
    # alone would then list every service of the place, which says less than the helpline.
    unfiltered = replace(_unfiltered(first), kinds=query.kinds)
    if unfiltered != first and (query.text or query.kinds):
        offer(Reason.WITHOUT_FILTERS, unfiltered)
    kinds = named_kinds(query)
    if kinds:
        offer(Reason.SAME_KIND, replace(_unfiltered(first), text=None, kinds=kinds), kinds=kinds)
    helplines = _helplines(first, search, regions)
    if helplines is not None:
        offered.append(helplines)
    return offered


def _helplines(
    query: SearchQuery, search: Search, regions: Sequence[RegionCode]
) -> Alternative | None:
    """The generalist helplines of the place's regions (pathways.GENERALIST), as one page."""
    wanted: dict[str, None] = {}
    for region in regions or tuple(RegionCode):
        for pick in map(Pick.parse, GENERALIST[region]):
            if pick.service:
                wanted.setdefault(pick.service)
    candidate = replace(
        _unfiltered(query), text=None, kinds=(Kind.HELPLINE,), page=1, per_page=MAX_PER_PAGE
    )
    found = {hit.service_id: hit for hit in search(candidate).hits}
    hits = [found[i] for i in wanted if i in found]
    if not hits:
        return None
    return Alternative(Reason.HELPLINE, candidate, SearchPage(len(hits), 1, len(hits), hits))


@lru_cache(maxsize=4096)  # the vocabulary does not change while the process runs
def corrected_text(text: str) -> str | None:
    """`text` with each misspelt word replaced by the vocabulary's; None when nothing changes."""
    book = thesaurus()
    changed = False
    result = []
    for word in words(text):
        if book.concept_of(word) is None:
            better = book.spelling(word)
            if better:
                result.append(better)
                changed = True
                continue
        result.append(word)
    return " ".join(result) if changed else None


def named_kinds(query: SearchQuery) -> tuple[Kind, ...]:
    """The kinds of service the query's concepts name or are answered by, in the query's order."""
    if not query.text:
        return ()
    book = thesaurus()
    kinds: dict[Kind, None] = {}
    for word in read_query(query.text):
        if word.concept is None:
            continue
        concept = book.concepts[word.concept]
        if concept.group == "service" and concept.code:
            kinds.setdefault(Kind(concept.code))
        for kind in concept.kinds:
            kinds.setdefault(kind)
    return tuple(kinds)


def _unfiltered(query: SearchQuery) -> SearchQuery:
    return replace(
        query,
        audiences=(),
        violence_types=(),
        kinds=(),
        languages=(),
        channels=(),
        urgent=None,
        open_now=False,
    )


def _without_weakest_word(query: SearchQuery, search: Search) -> Alternative | None:
    """The search without the words that stop it finding anything.

    A word that finds nothing at the place on its own (« hier », « soir ») goes first, all such
    words at once; then, while the rest still find nothing together, the word that finds the
    most services alone (the least telling, « plainte » beside « viol » and « hôpital »).
    """
    assert query.text is not None
    query_words = read_query(query.text)[:MAX_WORDS_TRIED]
    if len(query_words) < 2:
        return None
    alone = [search(replace(query, text=w.text, per_page=1)).total_items for w in query_words]
    kept = [i for i, count in enumerate(alone) if count]
    if not kept:
        return None
    dropped = [i for i in range(len(query_words)) if i not in kept]
    if not dropped:  # every word finds something: leave out the least telling first
        weakest = max(kept, key=lambda i: (alone[i], i))
        kept.remove(weakest)
        dropped.append(weakest)
    while kept:
        text = " ".join(query_words[i].text for i in kept)
        candidate = replace(query, text=text)
        page = search(candidate)
        if page.total_items:
            left_out = " ".join(query_words[i].text for i in sorted(dropped))
            return Alternative(Reason.FEWER_WORDS, candidate, page, text=text, dropped=left_out)
        weakest = max(kept, key=lambda i: (alone[i], i))
        kept.remove(weakest)
        dropped.append(weakest)
    return None
