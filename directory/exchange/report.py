"""What an import found: its records and every problem, by row and field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from directory.records import ServiceRecord


@dataclass(frozen=True)
class Problem:
    row: int  # CSV: the spreadsheet row (the header is row 1); NDJSON: the line; HSDS: position
    field: str
    reason: str
    id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "id": self.id, "field": self.field, "reason": self.reason}


@dataclass
class ImportReport:
    format: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    records: list[ServiceRecord] = field(default_factory=list)
    rows_of: dict[str, int] = field(default_factory=dict)  # record id → row
    keep: frozenset[str] = frozenset()  # fields the format cannot carry: stored values stay
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    applied: bool = False
    batch_id: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, row: int, where: str, reason: str, ident: str | None = None) -> None:
        self.problems.append(Problem(row, where, reason, ident))

    def add(self, row: int, item: Any) -> None:
        """Validate one record's data and keep it, or note every problem it has."""
        ident = item.get("id") if isinstance(item, dict) else None
        ident = ident if isinstance(ident, str) else None
        if not isinstance(item, dict):
            self.problem(row, "(record)", "must be an object with the record's fields")
            return
        try:
            record = ServiceRecord.model_validate(item)
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"]) or "(record)"
                self.problem(row, where, detail["msg"], ident)
            return
        if record.id in self.rows_of:
            self.problem(row, "id", f"duplicate id (also row {self.rows_of[record.id]})", ident)
            return
        self.rows_of[record.id] = row
        self.records.append(record)

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "rows": self.rows,
            "valid": len(self.records),
            "problems": [p.as_dict() for p in self.problems],
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "applied": self.applied,
            "batch_id": self.batch_id,
        }


def decode_text(data: bytes, report: ImportReport) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.problem(0, "(file)", f"not UTF-8 text (byte {error.start}): save it as UTF-8")
        return None
