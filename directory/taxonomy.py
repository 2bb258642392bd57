"""The thesaurus as HSDS 3.0 `taxonomy` and `taxonomy_term` objects, in one language.

One taxonomy; a top-level term per group (forms of violence, help sought, audiences, kinds of
service, channels) and a child term per concept, whose `code` is the concept's id. HSDS names
one language per term: `name` is the label in the answer's language, `description` its other
words in that language. The Belgian profile adds `alternate_names`: every word of the concept
in French, Dutch, German and English, as the search reads them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from directory.hsds_ids import hsds_id
from directory.text import fold
from directory.thesaurus import Concept, Thesaurus, thesaurus
from directory.vocab import Lang

Body = dict[str, Any]

_GROUP_DESCRIPTION = {
    Lang.FR: "Catégorie du vocabulaire Passerelle : {}.",
    Lang.NL: "Categorie van het Passerelle-vocabularium: {}.",
    Lang.DE: "Kategorie des Passerelle-Vokabulars: {}.",
    Lang.EN: "Category of the Passerelle vocabulary: {}.",
}


def taxonomy_id(book: Thesaurus | None = None) -> str:
    return hsds_id("taxonomy", (book or thesaurus()).taxonomy["id"])


def term_id(code: str) -> str:
    """A term's id: `code` is a concept id ("violence.sexual") or a group ("violence")."""
    return hsds_id("taxonomy_term", code)


def taxonomy(lang: Lang, book: Thesaurus | None = None) -> Body:
    book = book or thesaurus()
    return {
        "id": taxonomy_id(book),
        "name": book.taxonomy["name"][lang.value],
        "description": book.taxonomy["description"][lang.value],
        "version": book.taxonomy["version"],
    }


def terms(lang: Lang, book: Thesaurus | None = None) -> list[Body]:
    """Every term: each group, then its concepts, in the vocabulary's order."""
    book = book or thesaurus()
    found: list[Body] = []
    for group, names in book.groups.items():
        found.append(
            {
                "id": term_id(group),
                "code": group,
                "name": names[lang],
                "description": _GROUP_DESCRIPTION[lang].format(names[lang]),
                "taxonomy": book.taxonomy["name"][lang.value],
                "taxonomy_id": taxonomy_id(book),
                "language": lang.value,
            }
        )
        found += [concept_term(c, lang, book) for c in book.of_group(group)]  # type: ignore[arg-type]
    return found


def concept_term(concept: Concept, lang: Lang, book: Thesaurus | None = None) -> Body:
    book = book or thesaurus()
    others = concept.terms.get(lang, ())
    return {
        "id": term_id(concept.id),
        "code": concept.id,
        "name": concept.label[lang],
        "description": ", ".join(others) if others else concept.label[lang],
        "parent_id": term_id(concept.group),
        "taxonomy": book.taxonomy["name"][lang.value],
        "taxonomy_id": taxonomy_id(book),
        "language": lang.value,
        "alternate_names": {
            other.value: list(dict.fromkeys(concept.words(other))) for other in Lang
        },
    }


@cache  # the export asks for it for every coded attribute of every service
def coded_term(group: str, code: str, lang: Lang) -> Body | None:
    """The term of a directory code (a kind, an audience, a violence type), if it has one.

    The same object for every caller: read it, do not change it.
    """
    for concept in thesaurus().of_group(group):  # type: ignore[arg-type]
        if concept.code == code:
            return concept_term(concept, lang)
    return None


def matching(items: Iterable[Body], search: str | None) -> list[Body]:
    """Taxonomies or terms whose name or words hold every word of `search`, accents aside."""
    words = fold(search).split() if search else []

    def text(item: Body) -> str:
        alternates = [w for names in item.get("alternate_names", {}).values() for w in names]
        return fold(" ".join([item["name"], item.get("description", ""), *alternates]))

    return [item for item in items if all(w in text(item) for w in words)]


def terms_matching(
    lang: Lang,
    search: str | None = None,
    *,
    taxonomy_id: str | None = None,
    parent_id: str | None = None,
    top_only: bool = False,
) -> list[Body]:
    """The terms a list of HSDS taxonomy terms asks for (GET /hsds/taxonomy_terms)."""
    items = matching(terms(lang), search)
    if taxonomy_id is not None:
        items = [t for t in items if t["taxonomy_id"] == taxonomy_id]
    if parent_id is not None:
        items = [t for t in items if t.get("parent_id") == parent_id]
    if top_only:
        items = [t for t in items if "parent_id" not in t]
    return items
