"""data/services.yaml keeps the shared sourced records: nothing invented, nothing lost.

A shared record may change only where the change rests on a page: the record then carries a
check date, and `data/evidence.yaml` holds the words of that page (tests/data/test_evidence.py).
"""

from pathlib import Path
from typing import Any

import pytest
import yaml

from directory.paths import DATA_DIR
from directory.records import load_records
from infra.config import PROJECT_ROOT

SOURCED = PROJECT_ROOT / "vendor" / "sourced-data" / "services" / "services.yaml"
KEPT = [
    "name_fr", "name_nl", "kind", "description_fr", "description_nl", "phones", "email",
    "website", "address", "channels", "hours_text", "languages", "audiences", "violence_types",
    "coverage", "urgent", "anonymous", "free", "source_urls", "notes",
]  # fmt: skip
# Fields a re-check may change; the others are kept as the shared file has them.
RECHECKED = {
    "phones",
    "email",
    "website",
    "address",
    "hours_text",
    "coverage",
    "source_urls",
    "notes",
}


def _load(path: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in yaml.safe_load(path.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def shared() -> dict[str, dict[str, Any]]:
    return _load(SOURCED)


@pytest.fixture(scope="module")
def ours() -> dict[str, dict[str, Any]]:
    return _load(DATA_DIR / "services.yaml")


def test_the_seed_file_is_valid() -> None:
    assert len(load_records(DATA_DIR / "services.yaml")) > 90


def test_every_shared_record_is_kept(
    shared: dict[str, dict[str, Any]], ours: dict[str, dict[str, Any]]
) -> None:
    assert shared.keys() <= ours.keys()
    evidence = yaml.safe_load((DATA_DIR / "evidence.yaml").read_text(encoding="utf-8"))
    for service_id, record in shared.items():
        for field in KEPT:
            if ours[service_id][field] == record[field]:
                continue
            assert field in RECHECKED, f"{service_id}: {field} differs from the shared record"
            assert evidence.get(service_id), f"{service_id}: {field} changed without evidence"


def test_a_changed_note_keeps_the_shared_one(
    shared: dict[str, dict[str, Any]], ours: dict[str, dict[str, Any]]
) -> None:
    for service_id, record in shared.items():
        if record["notes"]:
            assert ours[service_id]["notes"].startswith(record["notes"].rstrip("."))


def test_schedules_only_where_the_source_states_hours() -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        if record.schedules:
            assert record.hours_text, f"{record.id}: schedule without hours_text"


def test_nothing_is_marked_verified_without_a_date() -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        assert record.verification_status == "unverified" or record.verified_at
