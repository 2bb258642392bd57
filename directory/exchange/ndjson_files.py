"""NDJSON: one JSON record (the shape of `data/services.yaml`) per line."""

from __future__ import annotations

import json
from collections.abc import Iterable

from directory.exchange.report import ImportReport, decode_text
from directory.records import ServiceRecord, as_document, without_confidential_address


def to_ndjson(records: Iterable[ServiceRecord]) -> bytes:
    lines = (
        json.dumps(as_document(without_confidential_address(r)), ensure_ascii=False)
        for r in records
    )
    return "".join(line + "\n" for line in lines).encode("utf-8")


def from_ndjson(data: bytes) -> ImportReport:
    report = ImportReport("ndjson")
    text = decode_text(data, report)
    if text is None:
        return report
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        report.rows += 1
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as error:
            report.problem(number, "(line)", f"not JSON: {error}")
            continue
        report.add(number, item)
    return report
