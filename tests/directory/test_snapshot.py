"""The search snapshot answers exactly as the database search does, and follows the database."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, delete, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from directory.models import Municipality, Service
from directory.search import PageOutOfRange, SearchPage, SearchQuery, search_services
from directory.snapshot import build
from directory.snapshot_holder import Snapshots, directory_version
from directory.vocab import Audience, Channel, Kind, Lang, Scope, SpokenLanguage, ViolenceType
from tests.factories import create_service

WORDS = [
    "violence conjugale",
    "violences conjugales",
    "partnergeweld",
    "geweld tussen partners",
    "aide juridique",
    "kindermishandeling",
    "hulplijn",
    "maltraitance",
    "CPAS",
    "OCMW",
    "la violence",
    "police",
    "écoute",
    "ecoute",
    "slachtofferhulp",
    "agression sexuelle",
    "seksueel geweld",
    "1712",
    "enfant",
    "jongeren",
    "zzzzunknown",
    "de het",
]
TIMES = [
    dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC),  # a Monday morning
    dt.datetime(2026, 11, 21, 22, 15, tzinfo=dt.UTC),  # a Saturday night
    dt.datetime(2026, 7, 1, 3, 0, tzinfo=dt.UTC),  # summer time, before dawn
]


def _some(rng: random.Random, values: list[str], chance: float) -> tuple[str, ...]:
    return tuple(rng.sample(values, rng.randint(1, 2))) if rng.random() < chance else ()


def _queries(session: Session, count: int) -> list[SearchQuery]:
    rng = random.Random(20261121)
    places = list(session.scalars(select(Municipality.nis_code).order_by(Municipality.nis_code)))
    queries = []
    for _ in range(count):
        municipalities = (
            tuple(rng.sample(places, rng.choice([1, 1, 1, 2]))) if rng.random() < 0.8 else ()
        )
        queries.append(
            SearchQuery(
                text=rng.choice(WORDS) if rng.random() < 0.6 else None,
                municipalities=municipalities,
                audiences=_some(rng, list(Audience), 0.3),  # type: ignore[arg-type]
                violence_types=_some(rng, list(ViolenceType), 0.3),  # type: ignore[arg-type]
                kinds=_some(rng, list(Kind), 0.2),  # type: ignore[arg-type]
                languages=_some(rng, list(SpokenLanguage), 0.2),  # type: ignore[arg-type]
                channels=_some(rng, list(Channel), 0.15),  # type: ignore[arg-type]
                urgent=rng.choice([None, None, None, True, False]),
                open_now=rng.random() < 0.2,
                lang=rng.choice(list(Lang)),
                page=rng.choice([1, 1, 1, 2, 3, 40]),
                per_page=rng.choice([5, 10, 20, 100]),
            )
        )
    return queries


def _answer(search: object, query: SearchQuery) -> SearchPage | str:
    try:
        return search(query)  # type: ignore[operator,no-any-return]
    except PageOutOfRange as error:
        return str(error)


@pytest.mark.parametrize("how", ["built", "updated"])
def test_the_snapshot_answers_as_the_database(session: Session, how: str) -> None:
    before = build(session, directory_version(session))
    # Beside the seed's real services: ties on name and urgency, names in one language only,
    # inactive services, and areas at every level, so every sort key and filter is exercised.
    # Some seed services change too: one renamed, one withdrawn.
    seeded = sorted(session.scalars(select(Service.id).where(Service.status == "active")))
    session.execute(
        update(Service)
        .where(Service.id == seeded[0])
        .values(name_fr="Aaa renamed", urgent=True, revision=Service.revision + 1)
    )
    session.execute(
        update(Service)
        .where(Service.id == seeded[1])
        .values(status="inactive", revision=Service.revision + 1)
    )
    for n in range(6):
        create_service(
            session,
            id=f"twin-{n}",
            name_fr="Aide aux victimes" if n % 2 else None,
            name_nl="Slachtofferhulp",
            description_fr="violence conjugale, aide juridique",
            urgent=[None, True, False][n % 3],
            areas=[
                (Scope.PROVINCE, "40000"),
                (Scope.ARRONDISSEMENT, "44000"),
                (Scope.MUNICIPALITY, "44021"),
            ][: 1 + n % 3],
            status="inactive" if n == 5 else "active",
        )
    session.flush()
    version = directory_version(session)
    snapshot = build(session, version, before if how == "updated" else None)
    assert seeded[1] not in snapshot._entries and len(snapshot) == len(seeded) - 1 + 5
    answered = 0
    for when in TIMES:
        for query in _queries(session, 150):
            expected = _answer(lambda q, t=when: search_services(session, q, t), query)
            found = _answer(lambda q, t=when: snapshot.search(q, t), query)
            assert found == expected, query
            answered += isinstance(found, SearchPage) and bool(found.hits)
    assert answered > 150  # the mix finds things, so the comparison means something


def test_covering_lists_what_the_municipality_page_showed(session: Session) -> None:
    from directory.search import covering_services

    snapshot = build(session, directory_version(session))
    for nis in ("21001", "62063", "44021", "63023", "11002"):
        assert snapshot.covering(nis) == covering_services(session, nis)


def test_a_change_raises_the_version_within_the_transaction(session: Session) -> None:
    before = directory_version(session)
    service = create_service(session)
    session.flush()
    assert directory_version(session) > before
    created = directory_version(session)
    session.execute(update(Service).where(Service.id == service.id).values(revision=9))
    assert directory_version(session) == created + 1
    session.execute(delete(Service).where(Service.id == service.id))
    assert directory_version(session) == created + 2


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_change_shows_after_the_refresh_interval(session: Session) -> None:
    clock = Clock()
    snapshots = Snapshots(refresh_seconds=1.0, clock=clock)
    first = snapshots.current(session)
    service = create_service(session, id="fresh", description_fr="zyxvocable")
    session.flush()
    query = SearchQuery(text="zyxvocable")
    assert snapshots.current(session) is first  # within the interval: not checked yet
    clock.now = 1.0
    refreshed = snapshots.current(session)
    assert [hit.service_id for hit in refreshed.search(query, TIMES[0]).hits] == [service.id]
    assert snapshots.current(session) is refreshed  # nothing changed since


def test_a_refresh_reloads_only_what_changed(session: Session) -> None:
    snapshots = Snapshots(refresh_seconds=0)
    first = snapshots.current(session)
    kept = next(iter(first._entries))
    changed = create_service(session, id="changing", name_fr="Avant")
    session.flush()
    middle = snapshots.current(session)
    session.execute(
        update(Service)
        .where(Service.id == changed.id)
        .values(name_fr="Après", revision=Service.revision + 1)
    )
    after = snapshots.current(session)
    assert after.card("changing").names[Lang.FR] == "Après"
    assert middle.card("changing").names[Lang.FR] == "Avant"
    assert after._entries[kept] is first._entries[kept]


def test_a_refresh_names_the_municipalities_its_changes_cover(session: Session) -> None:
    """What lets kept search answers about other places stay (api.search_cache)."""
    first = build(session, 1)
    local = create_service(session, areas=[(Scope.MUNICIPALITY, "62063")])
    session.flush()
    second = build(session, 2, first)
    assert (second.follows, second.changed_places) == (1, frozenset({"62063"}))
    session.execute(
        update(Service)
        .where(Service.id == local.id)
        .values(status="inactive", revision=Service.revision + 1)
    )
    create_service(session, areas=[(Scope.PROVINCE, "WLG")])
    session.flush()
    third = build(session, 3, second)
    liege_province = {
        nis
        for (nis,) in session.execute(
            select(Municipality.nis_code).where(Municipality.province_code == "WLG")
        )
    }
    assert third.changed_places == frozenset(liege_province | {"62063"})
    create_service(session, areas=[(Scope.NATIONAL, None)])
    session.flush()
    assert build(session, 4, third).changed_places is None  # every place
    assert first.follows is None and first.changed_places is None


def test_the_version_moves_once_per_committed_transaction(engine: Engine) -> None:
    """Inserts, updates and deletes all count, whoever makes them."""
    with Session(engine) as writer:
        before = directory_version(writer)
        writer.add_all(
            [Service(id=f"version-probe-{n}", name_fr="Sonde", kind="other") for n in range(3)]
        )
        writer.commit()
        versions = [directory_version(writer)]
        probes = Service.id.like("version-probe-%")
        writer.execute(update(Service).where(probes).values(revision=Service.revision + 1))
        writer.commit()
        versions.append(directory_version(writer))
        writer.execute(delete(Service).where(probes))
        writer.commit()
        versions.append(directory_version(writer))
    steps = [b - a for a, b in zip([before, *versions], versions, strict=False)]
    if engine.dialect.name == "postgresql":
        assert steps == [1, 1, 1]  # at COMMIT: once per transaction
    else:
        assert steps == [3, 3, 3]  # per row


@pytest.mark.parametrize("refresh", [0.0, 5.0])
def test_without_a_database_change_no_rebuild(session: Session, refresh: float) -> None:
    snapshots = Snapshots(refresh_seconds=refresh)
    first = snapshots.current(session)
    assert snapshots.current(session) is first


def test_the_database_away_the_last_snapshot_goes_on(session: Session, tmp_path: Path) -> None:
    snapshots = Snapshots(refresh_seconds=0)
    first = snapshots.current(session)
    unreachable = create_engine(f"sqlite:///{tmp_path / 'missing' / 'infra.db'}")
    with Session(unreachable) as away:
        assert snapshots.current(away) is first
        with pytest.raises(OperationalError):
            Snapshots(refresh_seconds=0).current(away)  # nothing seen yet: nothing to go on with
