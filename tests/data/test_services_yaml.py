"""data/services.yaml keeps the shared sourced records intact: nothing invented, nothing lost."""

from pathlib import Path
from typing import Any

import pytest
import yaml

from directory.config import DATA_DIR, PROJECT_ROOT
from directory.records import load_records

SOURCED = PROJECT_ROOT / "vendor" / "sourced-data" / "services" / "services.yaml"
KEPT = [
    "name_fr", "name_nl", "kind", "description_fr", "description_nl", "phones", "email",
    "website", "address", "channels", "hours_text", "languages", "audiences", "violence_types",
    "coverage", "urgent", "anonymous", "free", "source_urls", "notes",
]  # fmt: skip


def _load(path: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in yaml.safe_load(path.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def shared() -> dict[str, dict[str, Any]]:
    return _load(SOURCED)


def test_the_seed_file_is_valid() -> None:
    assert len(load_records(DATA_DIR / "services.yaml")) == 90


def test_every_shared_record_is_kept_field_for_field(shared: dict[str, dict[str, Any]]) -> None:
    ours = _load(DATA_DIR / "services.yaml")
    assert ours.keys() == shared.keys()
    for service_id, record in shared.items():
        for field in KEPT:
            assert ours[service_id][field] == record[field], f"{service_id}: {field} differs"


def test_schedules_only_where_the_source_states_hours() -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        if record.schedules:
            assert record.hours_text, f"{record.id}: schedule without hours_text"


def test_nothing_is_marked_verified_without_a_date() -> None:
    for record in load_records(DATA_DIR / "services.yaml"):
        assert record.verification_status == "unverified" or record.verified_at
