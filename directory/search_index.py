"""The full-text index of services, one table named `service_search` on either database.

SQLite: an FTS5 table of Snowball-stemmed terms, ranked with bm25.
PostgreSQL: a tsvector per service built with the `passerelle_fr` / `passerelle_nl` text search
configurations (unaccent + french/dutch Snowball), ranked with ts_rank.
Both are fed the same analysed terms (see `directory.text`), so both behave alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    MetaData,
    Select,
    String,
    Table,
    Text,
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
NAME_WEIGHT, BODY_WEIGHT = 4.0, 1.0

_sqlite = Table(
    INDEX_TABLE,
    MetaData(),
    Column("service_id", String),
    Column("names", Text),
    Column("body", Text),
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
    ids = [d.service_id for d in docs]
    if session.get_bind().dialect.name == "postgresql":
        _write_postgres(session, docs)
    else:
        for chunk in _chunks(ids, 500):
            session.execute(delete(_sqlite).where(_sqlite.c.service_id.in_(chunk)))
        session.execute(insert(_sqlite), [_sqlite_row(d) for d in docs])
    return len(docs)


def remove(session: Session, service_ids: Sequence[str]) -> None:
    table = _postgres if session.get_bind().dialect.name == "postgresql" else _sqlite
    session.execute(delete(table).where(table.c.service_id.in_(service_ids)))


def clear(session: Session) -> None:
    table = _postgres if session.get_bind().dialect.name == "postgresql" else _sqlite
    session.execute(delete(table))


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _stemmed(terms_by_lang: dict[Lang, list[str]]) -> str:
    return " ".join(stem(t, lang) for lang, terms in terms_by_lang.items() for t in terms)


def _sqlite_row(doc: Document) -> dict[str, str]:
    return {"service_id": doc.service_id, "names": _stemmed(doc.names), "body": _stemmed(doc.body)}


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


def matches(dialect: str, words: list[QueryWord]) -> Select[Any]:
    """(service_id, relevance) for services matching every word; lower relevance ranks first."""
    if dialect == "postgresql":
        query = _pg_query(words)
        score: ColumnElement[float] = -func.ts_rank(_postgres.c.vector, query)
        return select(_postgres.c.service_id, score.label("relevance")).where(
            _postgres.c.vector.op("@@")(query)
        )
    table: ColumnElement[Any] = literal_column(INDEX_TABLE)
    bm25: ColumnElement[float] = func.bm25(table, 0.0, NAME_WEIGHT, BODY_WEIGHT)
    return select(_sqlite.c.service_id, bm25.label("relevance")).where(
        table.op("MATCH")(_fts_expression(words))
    )


def _fts_expression(words: list[QueryWord]) -> str:
    groups = []
    for word in words:
        options = sorted({f'"{stem(term, lang)}"' for lang, term in word.alternatives.items()})
        if word.parts:
            options.append("(" + " AND ".join(f'"{stem(p, Lang.NL)}"' for p in word.parts) + ")")
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def _pg_query(words: list[QueryWord]) -> ColumnElement[object]:
    def tsq(lang: Lang, term: str) -> ColumnElement[object]:
        return func.plainto_tsquery(CONFIGS[lang], term)

    groups: list[ColumnElement[object]] = []
    for word in words:
        options = [tsq(lang, term) for lang, term in word.alternatives.items()]
        if word.parts:
            parts = [tsq(Lang.NL, p) for p in word.parts]
            conjunction = parts[0]
            for part in parts[1:]:
                conjunction = conjunction.op("&&")(part)
            options.append(conjunction)
        group = options[0]
        for option in options[1:]:
            group = group.op("||")(option)
        groups.append(group)
    query = groups[0]
    for group in groups[1:]:
        query = query.op("&&")(group)
    return query
