"""Import and export of the directory: CSV for spreadsheets, HSDS 3.0 JSON, NDJSON.

Exports never contain a confidential address: a location marked confidential is exported as
confidential, without street, postal code or municipality. Imports never need it back: a record
whose confidential address comes without them keeps the stored ones, so importing an export
changes nothing.

CSV (one row per service, UTF-8 with a BOM so that spreadsheets read the accents, `;` between
columns; `,` is detected on import). The columns are the fields of `ServiceRecord`, the address
as `street`, `postal_code`, `municipality`, `address_confidential`. Inside a cell:

- lists are separated by `|` (`fr|nl`); a literal `|` or `\\` in a value is written `\\|`, `\\\\`;
- phones are `number=label` (`+3225550000=Accueil|1712`), the label optional;
- schedules are `[channel ]DAYS HH:MM-HH:MM` (`MO,TU,WE 09:00-17:00|phone SA 10:00-12:00`);
- yes/no fields are `yes`, `no` or empty (unknown); an empty cell is an empty/unknown value;
- `status` empty keeps a stored service's status (new services are active).

NDJSON: one JSON record (the shape of `data/services.yaml`) per line.

HSDS 3.0: a JSON list of `service` objects. HSDS ids are UUIDs, derived as stable UUIDv5s from
our ids; our id and everything HSDS has no field for (other languages, kind, audiences,
violence types, channels, sources, verification) travel as `attributes` whose `link_type`
starts with `passerelle:`. The name and description are the French ones (Dutch when there is
no French), `alternate_name` the Dutch name. Maintainers' notes and who verified are not
exported in HSDS (a format for sharing); an HSDS import keeps the stored ones.

The package: `report` (what an import found), one module per format (`csv_files`,
`ndjson_files`, `hsds_files`) and `batches` (whole exports, and imports applied as one
reversible batch). Callers use the names below.
"""

from directory.exchange.batches import (
    EXTENSIONS,
    FORMATS,
    MEDIA_TYPES,
    Format,
    apply_import,
    export,
    export_records,
    parse,
    plan,
    public,
    revert_batch,
)
from directory.exchange.csv_files import COLUMNS, from_csv, to_csv
from directory.exchange.hsds_files import NOT_IN_HSDS, from_hsds, to_hsds
from directory.exchange.ndjson_files import from_ndjson, to_ndjson
from directory.exchange.report import ImportReport, Problem

__all__ = [
    "COLUMNS",
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "NOT_IN_HSDS",
    "Format",
    "ImportReport",
    "Problem",
    "apply_import",
    "export",
    "export_records",
    "from_csv",
    "from_hsds",
    "from_ndjson",
    "parse",
    "plan",
    "public",
    "revert_batch",
    "to_csv",
    "to_hsds",
    "to_ndjson",
]
