"""The seed file format: every problem is reported, naming the record and the field."""

from typing import Any

import pytest

from directory.records import RecordError, ScheduleRecord, parse_records


def record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "test-service",
        "name_fr": "Service",
        "name_nl": "Dienst",
        "kind": "helpline",
        "audiences": ["victim"],
        "source_urls": ["https://example.org/page"],
    }
    return {**base, **overrides}


def test_a_minimal_record_is_valid() -> None:
    (parsed,) = parse_records([record()])
    assert parsed.verification_status == "unverified"
    assert parsed.phones == [] and parsed.coverage is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "spa"}, "kind"),
        ({"audiences": ["aliens"]}, "audiences.0"),
        ({"phones": [{"number": "02 555"}]}, "phones.0.number"),
        ({"source_urls": []}, "source_urls"),
        ({"source_urls": ["not a url"]}, "source_urls.0"),
        ({"website": "ftp//broken"}, "website"),
        (
            {"schedules": [{"days": ["XX"], "opens": "09:00", "closes": "17:00"}]},
            "schedules.0.days",
        ),
        ({"schedules": [{"days": ["MO"], "opens": "9h", "closes": "17:00"}]}, "schedules.0.opens"),
        ({"languages": ["french"]}, "languages.0"),
        ({"id": "Not A Slug"}, "id"),
        ({"invented_field": 1}, "invented_field"),
        ({"verification_status": "verified"}, "(record)"),
        # What PostgreSQL cannot store: NUL characters, text longer than its column.
        ({"name_fr": "Service\x00"}, "name_fr"),
        ({"coverage": ["Li\x00ge"]}, "coverage"),
        ({"phones": [{"number": "101", "label": "\x00"}]}, "phones.0.label"),
        ({"name_nl": "x" * 301}, "name_nl"),
        ({"address": {"street": "x" * 301}}, "address.street"),
        ({"website": "https://example.org/" + "x" * 500}, "website"),
        ({"id": "x" * 93}, "id"),  # its location is `<id>-address`, at most 100 characters
        # JSON types, not pydantic's guesses: 0 is no boolean, nor a date (1970-01-01).
        ({"urgent": 0}, "urgent"),
        ({"address": {"confidential": "yes"}}, "address.confidential"),
        ({"verified_at": 0}, "verified_at"),
        ({"verified_at": "1700000000"}, "verified_at"),
    ],
)
def test_bad_fields_are_named(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(RecordError) as error:
        parse_records([record(**overrides)])
    assert any(f": {field}:" in problem for problem in error.value.problems), error.value.problems


def test_every_bad_record_is_reported_at_once() -> None:
    records = [record(id="one", kind="x"), record(id="two"), record(id="three", audiences=[])]
    with pytest.raises(RecordError) as error:
        parse_records(records)
    assert [p.split(":")[0] for p in error.value.problems] == ["one", "three"]


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(RecordError, match="duplicate id"):
        parse_records([record(), record()])


def test_midnight_closing_is_understood() -> None:
    assert ScheduleRecord.parse_time("24:00").isoformat() == "00:00:00"


def test_every_seeded_service_reads_back_as_its_record(session) -> None:  # type: ignore[no-untyped-def]
    from directory.paths import DATA_DIR
    from directory.records import as_document, load_records, record_of
    from directory.service_store import load_service

    for original in load_records(DATA_DIR / "services.yaml"):
        service = load_service(session, original.id)
        assert service is not None
        stored = as_document(record_of(service))
        expected = as_document(original) | {"status": "active"}
        assert stored == expected, original.id


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("04 223 45 67", "+3242234567"),
        ("0032 4 223 45 67", "+3242234567"),
        ("+32 (0)4 223 45 67", "+3242234567"),
        ("0470/12.34.56", "+32470123456"),
        ("0800 30 030", "+3280030030"),
        ("1712", "1712"),
    ],
)
def test_belgian_numbers_are_stored_as_e164(written: str, stored: str) -> None:
    (parsed,) = parse_records([record(phones=[{"number": written}])])
    assert parsed.phones[0].number == stored
