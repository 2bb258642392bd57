"""Seeding: complete, idempotent, honest about coverage it cannot place."""

import datetime as dt

import pytest
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from directory.geography import load_geography
from directory.models import Base, Change, Municipality, PostalCode, Service
from directory.paths import DATA_DIR
from directory.places import PlaceResolver
from directory.records import ServiceRecord, load_records
from directory.search import SearchQuery, search_services
from directory.service_store import seed_services

RECORDS = load_records(DATA_DIR / "services.yaml")


def snapshot(session: Session) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (and the search index), in a stable order."""
    tables = [t.name for t in Base.metadata.sorted_tables]
    result = {}
    for name in [*tables, "service_search"]:
        columns = [c["name"] for c in inspect(session.connection()).get_columns(name)]
        columns = [c for c in columns if c not in ("created_at", "updated_at")]
        rows = session.execute(text(f"SELECT {', '.join(columns)} FROM {name}"))
        result[name] = sorted(tuple(str(v) for v in row) for row in rows)
    return result


def test_everything_is_loaded(session: Session) -> None:
    assert session.scalar(select(func.count()).select_from(Municipality)) == 565
    assert session.scalar(select(func.count()).select_from(PostalCode)) == 2724
    assert session.scalar(select(func.count()).select_from(Service)) == len(RECORDS)
    assert len(RECORDS) > 90  # the 90 shared records and those sourced since


def test_seeding_twice_changes_nothing(session: Session, resolver: PlaceResolver) -> None:
    before = snapshot(session)
    geography = load_geography(session, DATA_DIR / "geo")
    report = seed_services(session, RECORDS, resolver)
    session.flush()
    assert (geography.postal_codes_added, geography.postal_codes_removed) == (0, 0)
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(RECORDS))
    assert snapshot(session) == before


def test_a_changed_record_is_updated_and_reindexed(
    session: Session, resolver: PlaceResolver
) -> None:
    changed = RECORDS[5].model_copy(update={"description_fr": "Un mot rare : quetzalcoatl."})
    report = seed_services(session, [changed], resolver)
    assert (report.updated, report.indexed) == (1, 1)
    page = search_services(session, SearchQuery(text="quetzalcoatl"), dt.datetime.now(dt.UTC))
    assert [hit.service_id for hit in page.hits] == [changed.id]


def test_the_seed_never_overwrites_an_editors_work(
    session: Session, resolver: PlaceResolver
) -> None:
    """The seed runs at every start and deployment; an edited service keeps its edits."""
    record = RECORDS[7]
    session.add(
        Change(
            service_id=record.id,
            action="update",
            actor="editor@example.org",
            at=dt.datetime.now(dt.UTC),
            revision=2,
            after={},
        )
    )
    session.flush()
    changed = record.model_copy(update={"description_fr": "Le fichier a changé depuis."})
    report = seed_services(session, [changed], resolver)
    assert (report.updated, report.unchanged, report.kept) == (0, 0, [record.id])
    service = session.get(Service, record.id)
    assert service is not None and service.description_fr == record.description_fr


def test_unplaceable_coverage_is_reported_not_guessed(
    session: Session, resolver: PlaceResolver
) -> None:
    records = [_record("area:Kempen"), _record(None, "probe-2")]
    report = seed_services(session, records, resolver)
    assert [(sid, raw) for sid, raw, _ in report.unresolved_coverage] == [("probe", "area:Kempen")]
    assert report.unknown_coverage == ["probe-2"]


@pytest.mark.parametrize(
    ("raw", "scope", "code"),
    [
        ("national", "national", None),
        ("region:VLG", "region", "VLG"),
        ("province:Limburg", "province", "70000"),
        ("province:Oost-Vlaanderen", "province", "40000"),
        ("arrondissement:Leuven", "arrondissement", "24000"),
        ("Saint-Gilles", "municipality", "21013"),
        ("Forest", "municipality", "21007"),
        ("Zellik", "municipality", "23002"),
    ],
)
def test_coverage_maps_onto_the_geography(
    session: Session, resolver: PlaceResolver, raw: str, scope: str, code: str | None
) -> None:
    seed_services(session, [_record(raw)], resolver)
    service = session.get(Service, "probe")
    assert service is not None
    assert [(a.scope, a.code) for a in service.service_areas] == [(scope, code)]


def test_migrations_leave_nothing_behind(engine: Engine) -> None:
    assert "service_search" in inspect(engine).get_table_names()


def _record(coverage: str | None, id: str = "probe") -> ServiceRecord:
    return ServiceRecord.model_validate(
        {
            "id": id,
            "name_fr": "Sonde",
            "kind": "other",
            "audiences": ["victim"],
            "coverage": [coverage] if coverage else None,
            "source_urls": ["https://example.org/probe"],
        }
    )
