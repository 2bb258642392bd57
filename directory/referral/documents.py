"""A referral as JSON-ready data for the API and the assistant, and the hand-off summary a
person may pass on (written texts only, nothing they typed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from directory.referral.engine import refer
from directory.referral.results import PhoneLine, Referral
from directory.referral.texts import Text, load_texts
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Situation, Who
from directory.vocab import Lang

# -- as data -----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Dataclasses, tuples, enums and datetimes → JSON-ready dicts, lists and strings."""
    if isinstance(value, PhoneLine):
        return {"display": value.display, "tel_uri": value.tel_uri, "label": value.label}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def as_document(referral: Referral) -> dict[str, Any]:
    """The referral as JSON-ready data, the emergency card first (for the API and the assistant).

    A professional's `search_filters` are parameters of GET /v1/services.
    """
    professional = None
    if referral.professional:
        search = referral.professional.search
        filters: dict[str, Any] = {"violence_type": _plain(search.violence_types)}
        if search.municipalities:
            filters["municipality"] = search.municipalities[0]
        professional = {
            "search_filters": filters,
            "lines": _plain(referral.professional.lines),
        }
    return {
        "emergency_card": _plain(referral.emergency_card),
        "emergency": referral.emergency,
        "urgent": referral.urgent,
        "notices": _plain(referral.notices),
        "cards": _plain(referral.cards),
        "professional": professional,
        "lang": referral.lang.value,
        "region": referral.region.value,
        "region_guessed": referral.region_guessed,
        "rows": list(referral.rows),
        "rules": list(referral.rules),
    }


# -- the hand-off summary ---------------------------------------------------------------------------


FIELDS: tuple[tuple[str, type[StrEnum]], ...] = (
    ("who", Who),
    ("relationship", Relationship),
    ("happening", Happening),
    ("sexual_recency", Recency),
    ("red_flags", RedFlag),
    ("needs", Need),
)


def handoff_summary(situation: Situation, referral: Referral) -> str:
    """A short, neutral text to copy and show to a service: the answers as labels (never the
    person's own words) and the suggested services. Built on request, never stored."""
    t = load_texts().summary
    lang = referral.lang
    shown = t.heading.get(lang)[1]
    colon = " : " if shown is Lang.FR else ": "

    def say(text: Text) -> str:
        return text.get(lang)[0]

    def answers(field: str, values: Iterable[str]) -> str:
        return "; ".join(say(t.answers[field][v]) for v in values)

    answered: list[tuple[str, str]] = []
    if situation.danger_now:
        answered.append(("danger_now", say(t.fields["affirmative"])))
    for field, enum in FIELDS:
        value = getattr(situation, field)
        if isinstance(value, frozenset):  # several answers: in the order the question offers
            if value:
                answered.append((field, answers(field, [v for v in enum if v in value])))
        elif value is not None:
            answered.append((field, answers(field, [value])))
    if situation.undocumented:
        answered.append(("undocumented", say(t.fields["affirmative"])))
    lines = [say(t.heading)]
    lines += [f"{say(t.fields[field])}{colon}{value}" for field, value in answered]
    if referral.cards:
        lines.append(f"{say(t.fields['services'])}{colon.rstrip()}")
        for card in referral.cards:
            contact = card.phones[0].display if card.phones else card.website
            lines.append(f"- {card.name}{colon}{contact}" if contact else f"- {card.name}")
    lines.append(say(t.fields["emergency"]))
    return "\n".join(lines)


def referral_document(
    session: Session, situation: Situation, *, now: dt.datetime, summary: bool = False
) -> dict[str, Any]:
    """`refer`, as data: what the API and the assistant send (with the hand-off summary when
    asked)."""
    found = refer(session, situation, now=now)
    document = as_document(found)
    if summary:
        document["summary"] = handoff_summary(situation, found)
    return document
