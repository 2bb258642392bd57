"""Import and export: HSDS 3.0 validity, round trips, dry runs, atomic applies, batches."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator, FormatChecker
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from directory import editing, exchange, spreadsheet
from directory.accounts import Role, create_account
from directory.coverage import Gazetteer
from directory.models import Change
from directory.permissions import AreaTree
from directory.places import PlaceResolver
from directory.records import AddressRecord, ServiceRecord, as_document
from directory.service_store import load_service
from directory.vocab import Scope

HSDS = Path(__file__).resolve().parents[2] / "vendor" / "hsds-3.0" / "schema" / "compiled"
NOW = dt.datetime(2026, 11, 17, 9, 30, tzinfo=dt.UTC)
FEW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def hsds_validator() -> Draft7Validator:
    schema = json.loads((HSDS / "service_with_definitions.json").read_text())
    return Draft7Validator(schema, format_checker=FormatChecker())


def make_editor(
    session: Session, resolver: PlaceResolver, email: str = "importer@example.org", **kw: Any
) -> editing.Editor:
    account = create_account(
        session, email=email, password="sable vert neuf lanternes", role=Role.ADMIN, **kw
    )
    return editing.Editor(
        account, Gazetteer(session, resolver), AreaTree.from_session(session), NOW
    )


@pytest.fixture
def editor(session: Session, resolver: PlaceResolver) -> editing.Editor:
    return make_editor(session, resolver)


def changes(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Change)) or 0


def hidden_shelter(session: Session, editor: editing.Editor) -> ServiceRecord:
    """A seed service given a confidential street address."""
    service = load_service(session, "emergency-112")
    assert service is not None
    record, revision = editing.read(session, editor, "emergency-112")
    secret = AddressRecord(street="Rue Secrète 7", postal_code="1000", municipality="Bruxelles")
    secret = secret.model_copy(update={"confidential": True})
    return editing.save(
        session, editor, record.model_copy(update={"address": secret}), revision
    ).record


def test_the_seed_directory_exports_as_valid_hsds(session: Session) -> None:
    services = exchange.to_hsds(exchange.export_records(session))
    assert len(services) >= 90
    validator = hsds_validator()
    for service in services:
        problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(service)]
        assert not problems, (service["name"], problems)
    ids = [s["id"] for s in services]
    assert len(set(ids)) == len(ids)
    # Stable: the same service gets the same UUID in every export.
    assert exchange.to_hsds(exchange.export_records(session))[0]["id"] == ids[0]


def test_the_format_checker_is_on() -> None:
    bad = {"id": "not-a-uuid", "name": "x", "status": "active"}
    assert any(e.validator == "format" for e in hsds_validator().iter_errors(bad))


def test_confidential_addresses_never_leave(session: Session, editor: editing.Editor) -> None:
    hidden_shelter(session, editor)
    for format in exchange.FORMATS:
        data = exchange.export(session, format)
        assert "Secrète".encode() not in data, format
        assert b"Bruxelles" in data
        # Importing the export keeps the stored address: nothing changes.
        report = exchange.parse(data, format)
        exchange.plan(session, editor, report)
        assert report.ok, report.problems[:3]
        assert "emergency-112" in report.unchanged
    service = load_service(session, "emergency-112")
    assert service is not None
    assert service.service_at_locations[0].location.address_1 == "Rue Secrète 7"


@pytest.mark.parametrize("format", exchange.FORMATS)
def test_importing_the_export_changes_nothing(
    session: Session, editor: editing.Editor, format: exchange.Format
) -> None:
    report = exchange.parse(exchange.export(session, format), format)
    assert report.ok, report.problems[:5]
    before = changes(session)
    assert exchange.apply_import(session, editor, report, "batch-same")
    assert report.created == [] and report.updated == []
    assert len(report.unchanged) == report.rows >= 90
    assert changes(session) == before


@pytest.mark.parametrize("format", ["csv", "ndjson"])
def test_csv_and_ndjson_carry_every_field(session: Session, format: exchange.Format) -> None:
    records = exchange.export_records(session)
    data = exchange.to_csv(records) if format == "csv" else exchange.to_ndjson(records)
    assert data.startswith(b"\xef\xbb\xbf") == (format == "csv")
    back = exchange.parse(data, format)
    assert back.ok, back.problems[:5]
    assert [as_document(r) for r in back.records] == [as_document(r) for r in records]


def test_hsds_carries_all_but_notes_and_verifier(session: Session) -> None:
    records = exchange.export_records(session)
    back = exchange.from_hsds(json.dumps(exchange.to_hsds(records)).encode())
    assert back.ok, back.problems[:5]
    for record, again in zip(records, back.records, strict=True):
        expected = as_document(record) | {"notes": None, "verified_by": None}
        assert as_document(again) == expected


def test_a_comma_separated_csv_is_read() -> None:
    data = (
        b"id,name_fr,kind,audiences,source_urls,phones,schedules,urgent\n"
        b"aide-test,Aide test,helpline,victim|child,https://example.org/a,"
        b'+3225550000=Accueil|1712,"MO,TU 09:00-17:00|phone SA 10:00-12:00",oui\n'
    )
    report = exchange.from_csv(data)
    assert report.ok, report.problems
    (record,) = report.records
    assert [(p.number, p.label) for p in record.phones] == [
        ("+3225550000", "Accueil"),
        ("1712", None),
    ]
    assert [(s.channel, s.days, s.opens) for s in record.schedules] == [
        (None, ["MO", "TU"], "09:00"),
        ("phone", ["SA"], "10:00"),
    ]
    assert record.urgent is True and record.audiences == ["victim", "child"]


def test_the_report_names_every_bad_row_column_and_reason() -> None:
    data = (
        "\ufeffid;name_fr;kind;audiences;source_urls;urgent;colour\n"
        "ok-one;Un;helpline;victim;https://example.org/;yes;\n"
    ).encode()
    report = exchange.from_csv(data)
    assert [(p.row, p.field) for p in report.problems] == [(1, "colour")]
    data = (
        b"id;name_fr;kind;audiences;source_urls;urgent;schedules\n"
        b"ok-one;Un;helpline;victim;https://example.org/;yes;\n"
        b"Bad Id;Deux;spaceship;victim;https://example.org/;maybe;\n"
        b"ok-one;Trois;helpline;;https://example.org/;;MO 9h-17h\n"
    )
    report = exchange.from_csv(data)
    found = {(p.row, p.field) for p in report.problems}
    assert {(3, "urgent"), (4, "schedules.0.opens")} <= found
    report = exchange.from_csv(data.replace(b"maybe", b"").replace(b"MO 9h-17h", b""))
    found = {(p.row, p.field) for p in report.problems}
    assert {(3, "id"), (3, "kind"), (4, "audiences")} <= found
    assert all(p.reason for p in report.problems)
    assert report.rows == 3 and [r.id for r in report.records] == ["ok-one"]
    header, first_row = data.split(b"\n")[:2]
    twice = exchange.from_csv(header + b"\n" + (first_row + b"\n") * 2)
    assert [(p.row, p.field, p.reason) for p in twice.problems] == [
        (3, "id", "duplicate id (also row 2)")
    ]


def test_apply_is_one_batch_and_can_be_reverted(session: Session, editor: editing.Editor) -> None:
    records = exchange.export_records(session)
    first = records[0]
    renamed = first.model_copy(update={"name_fr": "Nouveau nom"})
    new = ServiceRecord.model_validate(
        {
            "id": "aide-importee",
            "name_nl": "Geïmporteerde hulp",
            "kind": "helpline",
            "audiences": ["victim"],
            "coverage": ["national"],
            "source_urls": ["https://example.org/"],
        }
    )
    data = exchange.to_csv([renamed, *records[1:], new])
    report = exchange.from_csv(data)
    assert exchange.apply_import(session, editor, report, "batch-1")
    assert (report.created, report.updated) == (["aide-importee"], [first.id])
    batch = session.scalars(select(Change).where(Change.batch_id == "batch-1")).all()
    assert sorted((c.service_id, c.action) for c in batch) == sorted(
        [("aide-importee", "create"), (first.id, "import")]
    )
    again = exchange.from_csv(data)
    assert exchange.apply_import(session, editor, again, "batch-2")
    assert again.created == again.updated == []
    assert not session.scalars(select(Change).where(Change.batch_id == "batch-2")).all()

    reverted = exchange.revert_batch(session, editor, "batch-1", "batch-3")
    assert sorted(reverted) == sorted(["aide-importee", first.id])
    after = exchange.export_records(session)
    by_id = {r.id: r for r in after}
    assert by_id[first.id].name_fr == first.name_fr
    assert by_id["aide-importee"].status == "archived"


def test_an_editor_outside_their_area_imports_nothing(
    session: Session, resolver: PlaceResolver
) -> None:
    liege = make_editor(
        session, resolver, "liege-import@example.org", areas=[(Scope.PROVINCE, "60000")]
    )
    liege.account.role = Role.EDITOR.value
    records = exchange.export_records(session)
    national = next(r for r in records if r.coverage == ["national"])
    data = exchange.to_ndjson([national.model_copy(update={"name_fr": "Changé"})])
    before = changes(session)
    report = exchange.from_ndjson(data)
    assert not exchange.apply_import(session, liege, report, "batch-x")
    assert [(p.field, p.id) for p in report.problems] == [("coverage", national.id)]
    assert changes(session) == before


# --- arbitrary input: always a report, never an exception, never a partial import ----------

CELL = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12
) | st.sampled_from(
    ["", "yes", "victim", "helpline", "national", "https://example.org/", "+3225550000=x", "a|b"]
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.lists(st.sampled_from(exchange.COLUMNS), min_size=1, max_size=8, unique=True))
    if "id" not in header and draw(st.booleans()):
        header.insert(0, "id")
    rows = draw(
        st.lists(st.lists(CELL, min_size=len(header), max_size=len(header) + 1), max_size=5)
    )
    delimiter = draw(st.sampled_from([";", ","]))

    def line(cells: list[str]) -> str:
        return delimiter.join('"' + c.replace('"', '""') + '"' for c in cells)

    text = "\n".join([line(header), *map(line, rows)])
    return (spreadsheet.BOM if draw(st.booleans()) else "").encode() + text.encode()


@FEW
@given(st.binary(max_size=300) | csv_files())
def test_any_csv_gives_a_report(data: bytes) -> None:
    report = exchange.from_csv(data)
    assert report.rows >= len(report.records)
    assert report.ok or report.problems[0].reason


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def hsds_files(draw: st.DrawFn) -> bytes:
    """Valid HSDS services with some values replaced by arbitrary JSON."""
    service = exchange.to_hsds(
        [
            ServiceRecord.model_validate(
                {
                    "id": "aide-hsds",
                    "name_fr": "Aide",
                    "kind": "helpline",
                    "audiences": ["victim"],
                    "phones": [{"number": "1712"}],
                    "schedules": [{"days": ["MO"], "opens": "09:00", "closes": "17:00"}],
                    "address": {"municipality": "Liège", "confidential": True},
                    "coverage": ["national"],
                    "source_urls": ["https://example.org/"],
                }
            )
        ]
    )[0]
    for key in draw(st.lists(st.sampled_from(sorted(service)), max_size=3)):
        service[key] = draw(JSON)
    return json.dumps(draw(st.sampled_from([[service], service, [service, service]]))).encode()


@FEW
@given(st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()) | hsds_files())
def test_any_hsds_gives_a_report(data: bytes) -> None:
    report = exchange.from_hsds(data)
    assert report.ok or all(p.reason for p in report.problems)


@FEW
@given(data=csv_files() | hsds_files(), format=st.sampled_from(["csv", "hsds"]))
def test_an_apply_is_all_or_nothing(
    session: Session, editor: editing.Editor, data: bytes, format: exchange.Format
) -> None:
    savepoint = session.begin_nested()
    try:
        before = changes(session)
        report = exchange.parse(data, format)
        applied = exchange.apply_import(session, editor, report, "batch-any")
        if applied:
            assert report.ok
            assert changes(session) - before == len(report.created) + len(report.updated)
        else:
            assert report.problems and changes(session) == before
    finally:
        savepoint.rollback()


def test_hsds_export_links_coded_attributes_to_the_taxonomy(session: Session) -> None:
    services = exchange.to_hsds(exchange.export_records(session))
    zsg = next(s for s in services if any(a["value"] == "zsg-gent" for a in s["attributes"]))
    kind = next(a for a in zsg["attributes"] if a["link_type"] == "passerelle:kind")
    assert kind["taxonomy_term"]["code"] == "service.sexual_violence_centre"
    assert kind["taxonomy_term_id"] == kind["taxonomy_term"]["id"]
