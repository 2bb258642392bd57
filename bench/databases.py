"""A Belgium-scale synthetic directory in a fresh database (SQLite in a temporary folder, or a
PostgreSQL database dropped at the end), migrated, seeded and timed."""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `bench.synthetic` when run as `python bench/search.py`

from alembic import command  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench import synthetic  # noqa: E402
from bench.common import (  # noqa: E402
    heading,
    in_child,
    say,
)
from cli.app import alembic_config  # noqa: E402
from directory.geography import load_geography  # noqa: E402
from directory.paths import DATA_DIR  # noqa: E402
from directory.places import PlaceResolver  # noqa: E402
from directory.records import ServiceRecord, load_records  # noqa: E402
from infra.db import make_engine, make_session_factory, transaction  # noqa: E402

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BENCH_DATABASE = "passerelle_bench"
TARGET_SEED_S = 60.0


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="passerelle-bench-") as folder:
        yield f"sqlite:///{folder}/bench.db"


class Unavailable(Exception):
    pass


@contextlib.contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    try:
        admin = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    except Exception as error:  # any failure to connect or create: skip, and say why
        raise Unavailable(
            f"PostgreSQL not usable at {make_url(admin_url).render_as_string()}: {error}"
        ) from error
    try:
        yield make_url(admin_url).set(database=BENCH_DATABASE).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        admin.dispose()
        say(f"  dropped database {BENCH_DATABASE}")


# -- 1. build and seed ----------------------------------------------------------------------------


@dataclass
class SeedFigures:
    migrate_s: float = 0.0
    geography_s: float = 0.0
    build_s: float = 0.0
    analyser_load_s: float = 0.0
    seed_s: float = 0.0  # seed_services + commit
    seed_call_s: float = 0.0
    commit_s: float = 0.0
    records: int = 0
    created: int = 0
    unresolved_coverage: int = 0
    approximate_coverage: int = 0
    unresolved_addresses: int = 0
    progress: list[tuple[int, float]] = field(default_factory=list)
    analyze_s: float | None = None


def _prepare_database(url: str, per_municipality: int) -> SeedFigures:
    """Migrate, load geography, build and seed. Runs in a fresh process, as `passerelle seed`."""
    from directory.service_store import seed_services
    from directory.text import analyze
    from directory.vocab import Lang

    figures = SeedFigures()
    started = time.perf_counter()
    command.upgrade(alembic_config(url), "head")
    figures.migrate_s = time.perf_counter() - started

    engine = make_engine(url)
    factory = make_session_factory(engine)
    started = time.perf_counter()
    with transaction(factory) as session:
        load_geography(session, DATA_DIR / "geo")
    figures.geography_s = time.perf_counter() - started

    real = load_records(DATA_DIR / "services.yaml")
    started = time.perf_counter()
    with factory() as session:
        resolver = PlaceResolver.from_session(session)
        records: list[ServiceRecord] = synthetic.build_records(
            session, resolver, real, per_municipality
        )
    figures.build_s = time.perf_counter() - started
    records += real
    figures.records = len(records)

    # The lemma tables load on the first analysed word, once per process (about 5 s).
    started = time.perf_counter()
    analyze("violence", Lang.FR)
    analyze("geweld", Lang.NL)
    figures.analyser_load_s = time.perf_counter() - started

    done = 0
    with factory() as session:
        resolver = PlaceResolver.from_session(session)
        started = time.perf_counter()

        def progress(n: int) -> None:
            nonlocal done
            done += n
            figures.progress.append((done, time.perf_counter() - started))

        report = seed_services(session, records, resolver, progress)
        figures.seed_call_s = time.perf_counter() - started
        before_commit = time.perf_counter()
        session.commit()
        figures.commit_s = time.perf_counter() - before_commit
        figures.seed_s = time.perf_counter() - started
    figures.created = report.created
    figures.unresolved_coverage = len(report.unresolved_coverage)
    figures.approximate_coverage = len(report.approximate_coverage)
    figures.unresolved_addresses = len(report.unresolved_addresses)

    if engine.dialect.name == "postgresql":
        # Autovacuum would analyse the new tables within a minute or so; do it now so that the
        # plans measured below are the ones a running server would have.
        started = time.perf_counter()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
        figures.analyze_s = time.perf_counter() - started
    engine.dispose()
    return figures


def prepare(url: str, per_municipality: int) -> SeedFigures:
    figures: SeedFigures = in_child(_prepare_database, url, per_municipality, what="seeding")
    return figures


def print_seed(figures: SeedFigures) -> None:
    heading("Seed")
    say(f"  alembic upgrade head           {figures.migrate_s:8.2f} s")
    say(f"  load_geography                 {figures.geography_s:8.2f} s")
    say(
        f"  build {figures.records - 90:,} synthetic records {figures.build_s:8.2f} s (not timed as seed)"
    )
    say(
        f"  text analyser tables (once)    {figures.analyser_load_s:8.2f} s (first word analysed per process)"
    )
    say(
        f"  seed_services {figures.records:,} records  {figures.seed_call_s:8.2f} s "
        f"({figures.seed_call_s / max(1, figures.records) * 1000:.2f} ms/record)"
    )
    say(f"  commit                         {figures.commit_s:8.2f} s")
    say(
        f"  SEED TOTAL (one transaction)   {figures.seed_s:8.2f} s   target ≤ {TARGET_SEED_S:.0f} s"
    )
    if figures.analyze_s is not None:
        say(f"  ANALYZE (PostgreSQL)           {figures.analyze_s:8.2f} s")
    say(
        f"  created {figures.created:,}; coverage unresolved {figures.unresolved_coverage}, "
        f"approximate {figures.approximate_coverage}; addresses unresolved "
        f"{figures.unresolved_addresses}"
    )
    if len(figures.progress) >= 4:
        marks = [figures.progress[len(figures.progress) * k // 4 - 1] for k in (1, 2, 3, 4)]
        say(
            "  progress: "
            + ", ".join(f"{n:,} records at {t:.1f} s" for n, t in marks)
            + " (a straight line means linear cost per record)"
        )
