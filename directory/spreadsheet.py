"""Cells a spreadsheet will not run: OWASP's CSV-injection rule, made reversible for imports.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read by spreadsheets
as a formula. Such a cell is written with a leading `'` (which spreadsheets show as text), and
so is one that already begins with quotes before such a character, so that reading strips
exactly one quote and every value comes back as it was (`'t Vlot` is left alone).

defusedcsv does the writing half but leaves tab and CR and cannot be undone on import, hence
these two functions.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence

BOM = "\ufeff"  # lets spreadsheets read the file as UTF-8 (accents)
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def safe_cell(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def read_cell(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """UTF-8 with a BOM and `;` between columns, as Belgian spreadsheets open it; no cell runs."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(str(v)) for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8")
