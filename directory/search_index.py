"""The full-text index of services, one table named `service_search` on either database.

SQLite: an FTS5 table of Snowball-stemmed terms whose rowid is the service's key in
`service_search_key`. PostgreSQL: a tsvector per service built with the `passerelle_fr` /
`passerelle_nl` text search configurations (unaccent + french/dutch Snowball), GIN-indexed.
Both are fed the same analysed terms (see `directory.text`), so both match alike.

Relevance is the same on both: a service whose *name* holds every query word ranks before one
where some words only occur in its description. (Per-row scores such as bm25 cost a score for
every matching service of the country, which a place search then throws away.)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    case,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Session

from directory import labels
from directory.models import Service
from directory.text import QueryWord, analyze, stem
from directory.vocab import Lang

INDEX_TABLE = "service_search"
CONFIGS = {Lang.FR: "passerelle_fr", Lang.NL: "passerelle_nl"}

_0: ColumnElement[int] = literal_column("0")
_1: ColumnElement[int] = literal_column("1")
_metadata = MetaData()
_fts = Table(
    INDEX_TABLE, _metadata, Column("rowid", Integer), Column("names", Text), Column("body", Text)
)
_keys = Table(
    "service_search_key",
    _metadata,
    Column("key", Integer, primary_key=True),
    Column("service_id", String),
)
_postgres = Table(
    INDEX_TABLE,
    MetaData(),
    Column("service_id", String, primary_key=True),
    Column("vector", TSVECTOR),
)


@dataclass(frozen=True)
class Document:
    """A service's indexed text, per language: its names, and everything else."""

    service_id: str
    names: dict[Lang, list[str]]
    body: dict[Lang, list[str]]


def document(service: Service) -> Document:
    return document_of(
        service.id,
        names={lang: getattr(service, f"name_{lang.value}") for lang in CONFIGS},
        descriptions={lang: getattr(service, f"description_{lang.value}") for lang in CONFIGS},
        kind=service.kind,
        audiences=service.values("audience"),
        violence_types=service.values("violence_type"),
    )


def document_of(
    service_id: str,
    *,
    names: dict[Lang, str | None],
    descriptions: dict[Lang, str | None],
    kind: str,
    audiences: Sequence[str],
    violence_types: Sequence[str],
) -> Document:
    """The indexed text: names, then description and the labels of the service's codes."""
    codes = [(labels.AUDIENCE, audiences), (labels.VIOLENCE_TYPE, violence_types)]
    codes.append((labels.KIND, [kind]))
    body: dict[Lang, list[str]] = {}
    for lang in CONFIGS:
        texts = [descriptions.get(lang) or ""]
        texts += [labels.label(table, code, lang) for table, values in codes for code in values]
        body[lang] = analyze(" ".join(texts), lang)
    return Document(service_id, {lang: analyze(names.get(lang), lang) for lang in CONFIGS}, body)


def refresh(session: Session, services: Iterable[Service]) -> int:
    """(Re)index these services. Call after any change to their text or taxonomy codes."""
    return write(session, [document(s) for s in services])


def write(session: Session, docs: list[Document]) -> int:
    if not docs:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        _write_postgres(session, docs)
    else:
        _write_sqlite(session, docs)
    return len(docs)


def stemmed_terms(terms_by_lang: dict[Lang, list[str]]) -> list[str]:
    """The terms as the SQLite index holds them: each stemmed in its own language."""
    return [stem(t, lang) for lang, terms in terms_by_lang.items() for t in terms]


def _stemmed(terms_by_lang: dict[Lang, list[str]]) -> str:
    return " ".join(stemmed_terms(terms_by_lang))


def _key_map(session: Session, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        stmt = select(_keys.c.service_id, _keys.c.key).where(_keys.c.service_id.in_(chunk))
        found.update(dict(session.execute(stmt).all()))
    return found


def _write_sqlite(session: Session, docs: list[Document]) -> None:
    ids = [d.service_id for d in docs]
    keys = _key_map(session, ids)
    stale = list(keys.values())
    missing = [i for i in ids if i not in keys]
    if missing:
        session.execute(insert(_keys), [{"service_id": i} for i in missing])
        keys.update(_key_map(session, missing))
    for start in range(0, len(stale), 5000):
        session.execute(delete(_fts).where(_fts.c.rowid.in_(stale[start : start + 5000])))
    session.execute(
        insert(_fts),
        [
            {"rowid": keys[d.service_id], "names": _stemmed(d.names), "body": _stemmed(d.body)}
            for d in docs
        ],
    )


_PG_UPSERT = text(
    """
    INSERT INTO service_search (service_id, vector) VALUES (
        :service_id,
        setweight(to_tsvector('passerelle_fr', :names_fr), 'A')
        || setweight(to_tsvector('passerelle_nl', :names_nl), 'A')
        || setweight(to_tsvector('passerelle_fr', :body_fr), 'B')
        || setweight(to_tsvector('passerelle_nl', :body_nl), 'B'))
    ON CONFLICT (service_id) DO UPDATE SET vector = EXCLUDED.vector
    """
)


def _write_postgres(session: Session, docs: list[Document]) -> None:
    rows = [
        {
            "service_id": d.service_id,
            **{f"names_{lang.value}": " ".join(d.names[lang]) for lang in CONFIGS},
            **{f"body_{lang.value}": " ".join(d.body[lang]) for lang in CONFIGS},
        }
        for d in docs
    ]
    for start in range(0, len(rows), 1000):
        session.execute(_PG_UPSERT, rows[start : start + 1000])


@dataclass(frozen=True)
class TextMatch:
    """How a search joins the index: extra FROM item, the match condition, the name tier."""

    join: Any  # a table or subquery to join on `service_id`
    service_id: ColumnElement[str]
    condition: ColumnElement[bool]
    tier: ColumnElement[int]  # 0 when every word is in the name, else 1


def text_match(dialect: str, words: list[QueryWord]) -> TextMatch:
    if dialect == "postgresql":
        vector = _postgres.c.vector
        return TextMatch(
            _postgres,
            _postgres.c.service_id,
            vector.op("@@")(_pg_query(words)),
            case((vector.op("@@")(_pg_query(words, weight="A")), _0), else_=_1),
        )
    table: ColumnElement[Any] = literal_column(INDEX_TABLE)

    def matching(expression: str) -> Any:
        return select(_fts.c.rowid).where(table.op("MATCH")(expression))

    # "+ 0" keeps SQLite from driving the join through the IN list (one probe per match and
    # candidate); the matches are then built once into a set that each candidate is checked in.
    key = _keys.c.key + literal_column("0")  # a literal: a bound "?" would not stop the planner
    return TextMatch(
        _keys,
        _keys.c.service_id,
        key.in_(matching(_fts_expression(words))),
        case((key.in_(matching(f"names : ({_fts_expression(words)})")), _0), else_=_1),
    )


def _fts_expression(words: list[QueryWord]) -> str:
    groups = []
    for word in words:
        options = sorted({f'"{stem(term, lang)}"' for lang, term in word.alternatives.items()})
        if word.parts:
            options.append("(" + " AND ".join(f'"{stem(p, Lang.NL)}"' for p in word.parts) + ")")
        for phrase in word.phrases:
            options.append("(" + " AND ".join(f'"{stem(t, lang)}"' for lang, t in phrase) + ")")
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def _pg_query(words: list[QueryWord], weight: str | None = None) -> ColumnElement[Any]:
    def tsq(lang: Lang, term: str) -> ColumnElement[Any]:
        if weight is None:
            return func.plainto_tsquery(CONFIGS[lang], term)
        # Terms are letters and digits only (see text.words), so quoting is safe.
        return func.to_tsquery(CONFIGS[lang], f"'{term}':{weight}")

    groups: list[ColumnElement[Any]] = []
    for word in words:
        options = [tsq(lang, term) for lang, term in word.alternatives.items()]
        conjunctions = [[(Lang.NL, p) for p in word.parts]] if word.parts else []
        conjunctions += [list(phrase) for phrase in word.phrases]
        for terms in conjunctions:
            conjunction = tsq(*terms[0])
            for lang, term in terms[1:]:
                conjunction = conjunction.op("&&")(tsq(lang, term))
            options.append(conjunction)
        group = options[0]
        for option in options[1:]:
            group = group.op("||")(option)
        groups.append(group)
    query = groups[0]
    for group in groups[1:]:
        query = query.op("&&")(group)
    return query
