"""How sure the directory is of a record, said honestly on every card.

Three levels, strongest first: confirmed with the service by a person (`verified_at`, set only
through the verify action), sources read and the values found on them (`checked_on`, with the
sources' own date: a 2017 page read today is still a 2017 fact), or neither. A check or a
confirmation older than `STALE_AFTER` is stale: the coverage report lists it to be redone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from babel.dates import format_date

from directory.vocab import Lang

STALE_AFTER = dt.timedelta(days=365)


class Assurance(StrEnum):
    CONFIRMED = "confirmed"  # with the service, by an editor
    SOURCED = "sourced"  # values found on the cited public pages on `checked_on`
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Provenance:
    verified_at: dt.datetime | None
    checked_on: dt.date | None
    source_date: str | None  # "2017", "2019-07" or "2019-07-03", as the page shows it

    @property
    def assurance(self) -> Assurance:
        if self.verified_at is not None:
            return Assurance.CONFIRMED
        return Assurance.SOURCED if self.checked_on is not None else Assurance.UNCHECKED

    @property
    def last_checked(self) -> dt.date | None:
        dates = [d for d in (self.checked_on, self.verified_at and self.verified_at.date()) if d]
        return max(dates) if dates else None

    def stale(self, today: dt.date) -> bool:
        last = self.last_checked
        return last is None or today - last > STALE_AFTER

    def line(self, lang: Lang) -> str:
        """« Source vérifiée le 6 décembre 2026 (page de 2019) », in the reader's language."""
        if self.verified_at is not None:
            return _CONFIRMED[lang].format(date=_long(self.verified_at.date(), lang))
        if self.checked_on is None:
            return _UNCHECKED[lang]
        text = _SOURCED[lang].format(date=_long(self.checked_on, lang))
        if self.source_date:
            return f"{text} ({_PAGE_OF[lang].format(year=self.source_date[:4])})"
        return f"{text} ({_UNDATED[lang]})"


def _long(day: dt.date, lang: Lang) -> str:
    return format_date(day, format="long", locale=lang.value)


_CONFIRMED = {
    Lang.FR: "Confirmé par le service le {date}",
    Lang.NL: "Bevestigd door de dienst op {date}",
    Lang.DE: "Vom Dienst bestätigt am {date}",
    Lang.EN: "Confirmed with the service on {date}",
}
_SOURCED = {
    Lang.FR: "Source vérifiée le {date}",
    Lang.NL: "Bron nagekeken op {date}",
    Lang.DE: "Quelle geprüft am {date}",
    Lang.EN: "Source checked on {date}",
}
_PAGE_OF = {
    Lang.FR: "page de {year}",
    Lang.NL: "pagina uit {year}",
    Lang.DE: "Seite von {year}",
    Lang.EN: "page from {year}",
}
_UNDATED = {
    Lang.FR: "page non datée",
    Lang.NL: "pagina zonder datum",
    Lang.DE: "Seite ohne Datum",
    Lang.EN: "undated page",
}
_UNCHECKED = {
    Lang.FR: "Issu de sources publiques, pas encore vérifié",
    Lang.NL: "Uit openbare bronnen, nog niet nagekeken",
    Lang.DE: "Aus öffentlichen Quellen, noch nicht geprüft",
    Lang.EN: "From public sources, not yet checked",
}
