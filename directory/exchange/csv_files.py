"""CSV files for spreadsheets: one row per service, `;` between columns, UTF-8 with a BOM.

Inside a cell: lists are separated by `|` (a literal `|` or `\\` is escaped with `\\`); phones
are `number=label`; schedules are `[channel ]DAYS HH:MM-HH:MM`; yes/no fields are `yes`, `no`
or empty (unknown). No cell is ever read by a spreadsheet as a formula (directory/spreadsheet.py).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, Literal

from directory.exchange.report import ImportReport, decode_text
from directory.records import ServiceRecord, as_document, without_confidential_address
from directory.spreadsheet import csv_bytes, read_cell

COLUMNS = (
    "id",
    "status",
    "kind",
    "name_fr",
    "name_nl",
    "name_de",
    "name_en",
    "description_fr",
    "description_nl",
    "description_de",
    "description_en",
    "phones",
    "email",
    "website",
    "street",
    "postal_code",
    "municipality",
    "address_confidential",
    "channels",
    "hours_text",
    "schedules",
    "languages",
    "audiences",
    "violence_types",
    "coverage",
    "urgent",
    "anonymous",
    "free",
    "source_urls",
    "checked_on",
    "source_date",
    "notes",
    "verification_status",
    "verified_at",
    "verified_by",
    "verification_method",
)
LISTS = ("channels", "languages", "audiences", "violence_types", "coverage", "source_urls")
BOOLEANS = ("urgent", "anonymous", "free")
ADDRESS = {"street": "street", "postal_code": "postal_code", "municipality": "municipality"}


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|")


def _join(values: Iterable[str]) -> str:
    return "|".join(_escape(v) for v in values)


def _split(cell: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, "\\"))
        elif char == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def csv_row(record: ServiceRecord) -> dict[str, str]:
    document = as_document(record)
    row: dict[str, str] = {}
    for column in COLUMNS:
        value = document.get(column)
        row[column] = "" if value is None else str(value)
    for column in LISTS:
        row[column] = _join(document[column] or [])
    for column in BOOLEANS:
        row[column] = _yes_no(document[column])
    row["phones"] = _join(
        f"{p['number']}={p['label']}" if p["label"] else p["number"] for p in document["phones"]
    )
    row["schedules"] = _join(
        f"{s['channel'] + ' ' if s['channel'] else ''}{','.join(s['days'])} "
        f"{s['opens']}-{s['closes']}"
        for s in document["schedules"]
    )
    address = document["address"] or {}
    for column, key in ADDRESS.items():
        row[column] = address.get(key) or ""
    row["address_confidential"] = _yes_no(address["confidential"]) if address else ""
    return row


def to_csv(records: Iterable[ServiceRecord]) -> bytes:
    return csv_bytes(COLUMNS, (csv_row(without_confidential_address(record)) for record in records))


def from_csv(data: bytes) -> ImportReport:
    report = ImportReport("csv")
    text = decode_text(data, report)
    if text is None:
        return report
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        report.problem(0, "(file)", f"not readable as CSV: {error}")
        return report
    if not rows or not any(cell.strip() for cell in rows[0]):
        report.problem(1, "(header)", f"the first row must name the columns: {', '.join(COLUMNS)}")
        return report
    header = [cell.strip() for cell in rows[0]]
    unknown = [c for c in header if c not in COLUMNS]
    for column in unknown:
        report.problem(1, column, f"unknown column; the columns are {', '.join(COLUMNS)}")
    if "id" not in header:
        report.problem(1, "id", "the id column is missing")
    if len(set(header)) != len(header):
        report.problem(1, "(header)", "a column appears twice")
    if report.problems:
        return report
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        report.rows += 1
        if len(cells) > len(header):
            report.problem(number, "(row)", f"{len(cells)} cells for {len(header)} columns")
            continue
        row = dict(zip(header, map(read_cell, cells), strict=False))
        item = _from_row(row, number, report)
        if item is not None:
            report.add(number, item)
    return report


def _from_row(row: dict[str, str], number: int, report: ImportReport) -> dict[str, Any] | None:
    cells = {k: v.strip() for k, v in row.items()}
    ident = cells.get("id") or None
    item: dict[str, Any] = {}
    bad = False
    for column, value in cells.items():
        if column in ADDRESS or column == "address_confidential":
            continue
        if column in LISTS:
            item[column] = _split(value)
        elif column in BOOLEANS:
            parsed = _boolean(value)
            if parsed == "bad":
                report.problem(number, column, f"use yes, no or nothing, not {value!r}", ident)
                bad = True
            item[column] = parsed
        elif column == "phones":
            item[column] = [
                {"number": n.strip(), "label": (label.strip() or None) if sep else None}
                for n, sep, label in (p.partition("=") for p in _split(value))
            ]
        elif column == "schedules":
            schedules = []
            for text in _split(value):
                schedule = _schedule(text)
                if schedule is None:
                    report.problem(
                        number,
                        column,
                        f"{text!r}: write [channel ]DAYS HH:MM-HH:MM, e.g. 'MO,TU 09:00-17:00'",
                        ident,
                    )
                    bad = True
                else:
                    schedules.append(schedule)
            item[column] = schedules
        else:
            item[column] = value or None
    address = {key: cells.get(column) or None for column, key in ADDRESS.items()}
    confidential = _boolean(cells.get("address_confidential", ""))
    if confidential == "bad":
        report.problem(number, "address_confidential", "use yes, no or nothing", ident)
        bad = True
    if any(address.values()) or confidential:
        item["address"] = address | {"confidential": bool(confidential)}
    if not item.get("languages"):
        item["languages"] = None
    return None if bad else item


def _boolean(value: str) -> bool | Literal["bad"] | None:
    folded = value.strip().lower()
    if not folded:
        return None
    if folded in {"yes", "oui", "ja", "true", "1"}:
        return True
    if folded in {"no", "non", "nee", "false", "0"}:
        return False
    return "bad"


def _schedule(text: str) -> dict[str, Any] | None:
    parts = text.split()
    if len(parts) not in (2, 3):
        return None
    channel = parts[0] if len(parts) == 3 else None
    days, hours = parts[-2], parts[-1]
    opens, sep, closes = hours.partition("-")
    if not sep:
        return None
    return {
        "channel": channel,
        "days": [d.strip().upper() for d in days.split(",") if d.strip()],
        "opens": opens,
        "closes": closes,
    }
