"""Every value of the directory rests on a page: its URL, when it was read, and its words.

`data/evidence.yaml` keeps, per record, the words copied from each page. A phone number that no
quote of its record contains was not found on a page, so it cannot have been checked.
"""

import csv
import re
from typing import Any

import pytest
import yaml

from directory import phones
from directory.paths import DATA_DIR
from directory.records import load_records
from tests.impuls import IMPULS


@pytest.fixture(scope="module")
def evidence() -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        (DATA_DIR / "evidence.yaml").read_text(encoding="utf-8")
    )
    return found


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_every_record_has_a_source_a_check_date_and_a_coverage() -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        assert record.source_urls, record.id
        assert record.checked_on is not None, f"{record.id}: no check date"
        assert record.coverage, f"{record.id}: covers nothing"


def test_every_phone_is_e164_or_a_short_number() -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        for phone in record.phones:
            assert phones.normalise(phone.number) == phone.number, f"{record.id}: {phone.number}"


def test_a_checked_record_shows_each_phone_in_a_quote(
    evidence: dict[str, list[dict[str, Any]]],
) -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        if record.checked_on is None:
            continue
        quotes = [_digits(item["quote"]) for item in evidence.get(record.id, [])]
        assert quotes, f"{record.id}: checked without evidence"
        for phone in record.phones:
            national = "0" + phone.number[3:] if phone.number.startswith("+32") else phone.number
            assert any(national in q or phone.number[1:] in q for q in quotes), (
                f"{record.id}: {phone.number} appears in none of its quotes"
            )


def test_evidence_names_pages_and_their_words(evidence: dict[str, list[dict[str, Any]]]) -> None:
    ids = {r.id for r in load_records(DATA_DIR / "services.yaml")}
    for service_id, items in evidence.items():
        assert service_id in ids, f"evidence for an unknown record {service_id}"
        for item in items:
            assert item["url"].startswith(("http://", "https://")), service_id
            assert item["quote"].strip(), service_id
            assert item["page_date"] is None or re.match(r"^\d{4}(-\d{2})?", item["page_date"])


def test_every_impuls_municipality_has_its_police_zone() -> None:
    with (DATA_DIR / "geo" / "police_zones.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    zoned = {row["nis_code"] for row in rows}
    assert [nis for nis in IMPULS if nis not in zoned] == []
    for row in rows:
        assert row["source_url"].startswith("http") and row["checked_on"], row
