"""`passerelle`: the command line for operators and frontline workers."""

from __future__ import annotations

import datetime as dt
import getpass
import sys
import uuid
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from alembic import command
from alembic.config import Config
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cli import startup, users
from directory import coverage_report, editing, exchange
from directory.accounts import (
    Role,
)
from directory.cards import load_cards
from directory.coverage import Gazetteer
from directory.geography import load_geography
from directory.models import Account
from directory.permissions import AreaTree
from directory.phones import display
from directory.places import AmbiguousPlace, PlaceResolver, UnknownPlace
from directory.records import RecordError, load_records
from directory.search import SearchQuery, is_open, search_services
from directory.service_store import seed_services
from directory.vocab import Lang, Scope, pick_text
from infra.config import PROJECT_ROOT, get_settings
from infra.db import (
    OUTAGES,
    Outage,
    make_engine,
    make_session_factory,
    outage,
    transaction,
)

app = typer.Typer(help="Passerelle: referral directory for intrafamily violence in Belgium.")
db_app = typer.Typer(help="Database schema migrations.")
app.add_typer(db_app, name="db")
bot_app = typer.Typer(help="The Rasa assistant: generated training data, training, running.")
app.add_typer(bot_app, name="bot")
app.add_typer(users.users_app, name="users")
console = Console()
errors = Console(stderr=True)


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database to REVISION (default: the latest)."""
    command.upgrade(alembic_config(), revision)
    where = make_url(get_settings().database_url).render_as_string(hide_password=True)
    console.print(f"Database {where} migrated to {revision}.", soft_wrap=True)


@db_app.command("downgrade")
def db_downgrade(revision: str = "-1") -> None:
    """Step the schema back (default: one revision)."""
    command.downgrade(alembic_config(), revision)


@db_app.command("current")
def db_current() -> None:
    command.current(alembic_config())


@app.command()
def seed(
    services_file: Annotated[
        Path | None, typer.Option("--services", help="Service records (YAML).")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List the notes on the data every time.")
    ] = False,
) -> None:
    """Load the geography and the seed services. Running it twice changes nothing.

    Prints a short summary; the notes on the data (coverage approximated or not mapped,
    addresses not placed) are listed when they change, or with --verbose.
    """
    settings = get_settings()
    path = services_file or settings.data_dir / "services.yaml"
    try:
        records = load_records(path)
    except RecordError as error:
        errors.print(f"[red]{path} has {len(error.problems)} problem(s); nothing was loaded:")
        for problem in error.problems:
            errors.print(f"  - {problem}")
        raise typer.Exit(1) from error
    factory = make_session_factory(make_engine(settings.database_url))
    with transaction(factory) as session:
        geo = load_geography(session, settings.data_dir / "geo")
        resolver = PlaceResolver.from_session(session)
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Seeding services", total=len(records))
            report = seed_services(session, records, resolver, lambda n: progress.advance(task, n))
    console.print(
        f"Seeded {geo.municipalities} municipalities, {geo.postal_codes} postal localities and "
        f"{len(records)} services ({report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged).",
        soft_wrap=True,
    )
    if report.kept:
        console.print(
            f"Kept as editors left them (they have history; the file does not overwrite them): "
            f"{len(report.kept)} ({', '.join(report.kept[:10])}{'…' if len(report.kept) > 10 else ''})"
        )
    notes = startup.seed_notes(report)
    if notes and (verbose or startup.notes_are_new(notes)):
        for note in notes:
            console.print(note, soft_wrap=True)
    elif notes:
        console.print(
            f"{len(notes)} notes on the data, unchanged since they were last listed "
            "(passerelle seed --verbose lists them).",
            soft_wrap=True,
        )


app.command()(startup.preflight)
app.command()(startup.serve)


@bot_app.command("generate")
def bot_generate() -> None:
    """Regenerate the lookup tables and regex features from the geography and the emergency net."""
    from bot import training_data

    for path in training_data.write():
        console.print(f"Wrote {path.relative_to(PROJECT_ROOT)}")


@bot_app.command("cross-validate")
def bot_cross_validate(
    folds: int = 5,
    out: Annotated[Path, typer.Option(help="Where Rasa writes its reports")] = PROJECT_ROOT
    / "test-output"
    / "bot"
    / "cross-validation",
) -> None:
    """Cross-validate the NLU training data (folds × a training run: several minutes)."""
    import json

    from bot import stack

    stack.cross_validate(folds, out)
    report = json.loads((out / "intent_report.json").read_text(encoding="utf-8"))
    table = Table("intent", "precision", "recall", "F1", "examples")
    for intent, row in sorted(report.items()):
        if isinstance(row, dict) and "f1-score" in row:
            table.add_row(
                intent,
                f"{row['precision']:.3f}",
                f"{row['recall']:.3f}",
                f"{row['f1-score']:.3f}",
                str(row.get("support", "")),
            )
    console.print(table)


@bot_app.command("train")
def bot_train(
    force: Annotated[
        bool, typer.Option(help="Train even when a model for this data exists")
    ] = False,
) -> None:
    """Train the model when the bot's data changed (models are cached outside the checkout)."""
    from bot import stack

    model, seconds = stack.train(force=force)
    note = "cached, unchanged data" if seconds is None else f"trained in {seconds:.0f} s"
    console.print(f"{model} ({note})")


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="What you are looking for.")] = "",
    place: Annotated[str | None, typer.Option(help="Municipality or postal code.")] = None,
    lang: Lang = Lang.FR,
    limit: int = 10,
) -> None:
    """Search the directory from a terminal."""
    factory = make_session_factory(make_engine(get_settings().database_url))
    now = dt.datetime.now(dt.UTC)
    with factory() as session:
        municipalities: tuple[str, ...] = ()
        if place:
            try:
                municipalities = PlaceResolver.from_session(session).municipalities_for(place)
            except (UnknownPlace, AmbiguousPlace) as error:
                errors.print(f"[red]{error}")
                raise typer.Exit(2) from error
        page = search_services(
            session,
            SearchQuery(
                text=text or None, municipalities=municipalities, lang=lang, per_page=limit
            ),
            now,
        )
        cards = load_cards(session, [hit.service_id for hit in page.hits])
    table = Table(title=f"{page.total_items} service(s)")
    for column in ("Service", "Kind", "Phone", "Open now", "Verified"):
        table.add_column(column)
    for hit in page.hits:
        card = cards[hit.service_id]
        table.add_row(
            pick_text(card.names, lang)[0] or card.id,
            card.kind,
            ", ".join(display(p.number) for p in card.phones) or "—",
            {True: "yes", False: "no", None: "?"}[is_open(card.schedules, now)],
            card.verification_status,
        )
    console.print(table)


class ReportFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"


@app.command("coverage")
def coverage_command(
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area",
            help="Only municipalities inside this area, as scope:code (municipality:11005, "
            "province:60000, region:BRU…); repeatable. Default: all 565.",
        ),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Where the directory is thin: per municipality, the local and provincial contacts by
    kind, with a phone or not, checked or stale, and the kinds to fill first."""
    factory = make_session_factory(make_engine(get_settings().database_url))
    areas: list[tuple[str, str | None]] = []
    for raw in area or []:
        scope, _, code = raw.partition(":")
        if scope not in {s.value for s in Scope} or not code:
            errors.print(f"[red]--area: write scope:code, e.g. province:60000, not {raw!r}")
            raise typer.Exit(2)
        areas.append((scope, code))
    with factory() as session:
        found = coverage_report.report(session, dt.date.today(), areas)
    if not found:
        errors.print("[red]--area: no municipality lies inside these areas")
        raise typer.Exit(2)
    if format is ReportFormat.CSV:
        data = coverage_report.to_csv(found)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            output.write_bytes(data)
            errors.print(f"Wrote {output} ({len(found)} municipalities).")
        return
    table = Table(title=f"Local and provincial contacts, {len(found)} municipalities")
    for column in ("NIS", "Municipality", "Police zone", "Contacts", "With phone", "To fill"):
        table.add_column(column)
    for row in coverage_report.rows(found):
        table.add_row(
            str(row["nis_code"]),
            f"{row['municipality_nl']} / {row['municipality_fr']}"
            if row["municipality_nl"] != row["municipality_fr"]
            else str(row["municipality_nl"]),
            str(row["police_zone"]) or "—",
            str(row["contacts"]),
            str(row["contacts_with_phone"]),
            str(row["to_fill"]) or "—",
        )
    (Console(file=output.open("w")) if output else console).print(table)


class ExchangeFormat(StrEnum):
    CSV = "csv"
    HSDS = "hsds"
    NDJSON = "ndjson"


def _format_of(path: Path) -> ExchangeFormat:
    suffix = path.suffix.lower()
    if suffix in {".ndjson", ".jsonl"}:
        return ExchangeFormat.NDJSON
    if suffix == ".json":
        return ExchangeFormat.HSDS
    return ExchangeFormat.CSV


@app.command("export")
def export_command(
    format: Annotated[ExchangeFormat, typer.Option("--format", help="File format.")] = (
        ExchangeFormat.CSV
    ),
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Export every service (CSV for spreadsheets, HSDS 3.0 JSON or NDJSON).

    Confidential addresses are never exported (only their municipality).
    """
    factory = make_session_factory(make_engine(get_settings().database_url))
    with factory() as session:
        data = exchange.export(session, format.value)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
        errors.print(f"Wrote {output} ({len(data)} bytes, {format.value}).")


def _cli_editor(session: Session, email: str | None) -> editing.Editor:
    """The editor an import runs as: an account by e-mail, or the operator ('cli:<user>')."""
    if email:
        account = session.scalar(
            select(Account).where(func.lower(Account.email) == email.strip().lower())
        )
        if account is None:
            errors.print(f"[red]--as {email!r}: no such account")
            raise typer.Exit(2)
    else:
        # Not stored: someone with shell access to the database acts as an admin anyway.
        account = Account(email=f"cli:{getpass.getuser()}", role=Role.ADMIN.value, active=True)
    resolver = PlaceResolver.from_session(session)
    return editing.Editor(
        account,
        Gazetteer(session, resolver),
        AreaTree.from_session(session),
        dt.datetime.now(dt.UTC),
    )


_AFTER_OUTAGE: dict[Outage, str] = {
    "full": "free disk space, then run the import again.",
    "read-only": "run the import again once the database accepts writes.",
    "unavailable": "check DATABASE_URL and that the server runs, then run the import again.",
}


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="The file to import.", exists=True, dir_okay=False)],
    format: Annotated[
        ExchangeFormat | None,
        typer.Option("--format", help="File format (default: from the extension)."),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Apply the changes (default: a dry run).")
    ] = False,
    as_email: Annotated[
        str | None, typer.Option("--as", help="Account to record in the history.")
    ] = None,
) -> None:
    """Import services: a dry run by default; --apply writes all of them or none.

    Exits with 1 when the file has problems and 3 when the database refused (full, read-only,
    unavailable): nothing is imported either way, unless the connection went during the final
    commit, which the message then says.
    """
    chosen = format or _format_of(file)
    report = exchange.parse(file.read_bytes(), chosen.value)
    factory = make_session_factory(make_engine(get_settings().database_url))
    committing = False
    try:
        with factory() as session:
            editor = _cli_editor(session, as_email)
            if apply and report.ok:
                batch_id = str(uuid.uuid4())
                with Progress(console=errors, transient=True) as progress:
                    task = progress.add_task("Importing services", total=len(report.records))
                    done = exchange.apply_import(
                        session, editor, report, batch_id, lambda n: progress.advance(task, n)
                    )
                if done:
                    committing = True
                    session.commit()
                else:
                    session.rollback()
            else:
                exchange.plan(session, editor, report)
                session.rollback()
    except SQLAlchemyError as error:
        kind = outage(error)
        if kind is None:
            raise
        if committing and kind == "unavailable":
            # The connection went during the commit: the database may or may not have it.
            message = (
                f"The import may or may not be applied: the database went away during the "
                f"commit. Look for batch {report.batch_id} in the history (or export and "
                "compare) before running it again."
            )
        else:
            message = f"Nothing was imported: {OUTAGES[kind]}; {_AFTER_OUTAGE[kind]}"
        errors.print(message, style="red", soft_wrap=True, markup=False, highlight=False)
        raise typer.Exit(3) from None
    for problem in report.problems:
        where = f"row {problem.row}" + (f" ({problem.id})" if problem.id else "")
        errors.print(f"[red]{where}: {problem.field}: {problem.reason}")
    console.print(
        f"{report.rows} row(s), {len(report.records)} valid: {len(report.created)} to create, "
        f"{len(report.updated)} to update, {len(report.unchanged)} unchanged; "
        f"{len(report.problems)} problem(s)."
    )
    if report.problems:
        console.print("[red]Nothing was imported.")
        raise typer.Exit(1)
    if report.applied:
        console.print(f"Applied as batch {report.batch_id}.")
    else:
        console.print("Dry run: nothing was changed (add --apply to import).")
