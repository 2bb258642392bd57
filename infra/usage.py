"""Privacy-preserving usage counts: per day, how many conversations started, how often the
emergency card was shown, how many referrals went to each kind of service, by language.

Counts are gathered in memory by each API process and added to the database now and then, so
that a chat turn never waits for a write and nothing ties a count to a person or a moment
finer than the day (Europe/Brussels).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from threading import Lock
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, String, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from infra.tables import Base


class DailyCount(Base):
    """Usage counted per day, never per person: what happened (a conversation started, the
    emergency card shown, a referral to a kind of service), in which language, how often.
    No session id, no text, no place, no time of day."""

    __tablename__ = "daily_count"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    event: Mapped[str] = mapped_column(String(40), primary_key=True)
    lang: Mapped[str] = mapped_column(String(5), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)  # "" when not a referral
    count: Mapped[int] = mapped_column(Integer)


BRUSSELS = ZoneInfo("Europe/Brussels")


class Event(StrEnum):
    CONVERSATION_STARTED = "conversation_started"
    EMERGENCY_SHOWN = "emergency_shown"
    REFERRAL = "referral"  # one per service card shown, by the service's kind
    ASSISTANT_UNAVAILABLE = "assistant_unavailable"  # the fallback answered instead


Key = tuple[dt.date, str, str, str]


class UsageCounter:
    def __init__(self) -> None:
        self._pending: Counter[Key] = Counter()
        self._lock = Lock()

    def add(self, event: Event, lang: str, now: dt.datetime, kind: str = "") -> None:
        day = now.astimezone(BRUSSELS).date()
        with self._lock:
            self._pending[(day, event.value, lang, kind)] += 1

    def pending(self) -> dict[Key, int]:
        with self._lock:
            return dict(self._pending)

    def flush(self, session: Session) -> int:
        """Add what was counted to the database (the caller commits); returns the rows touched.
        On a failure the counts go back, to be added next time."""
        with self._lock:
            taken, self._pending = self._pending, Counter()
        if not taken:
            return 0
        try:
            add_counts(session, taken)
        except BaseException:
            with self._lock:
                self._pending.update(taken)
            raise
        return len(taken)


def add_counts(session: Session, counts: Mapping[Key, int]) -> None:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    rows = [
        {"day": day, "event": event, "lang": lang, "kind": kind, "count": n}
        for (day, event, lang, kind), n in counts.items()
    ]
    statement = insert(DailyCount).values(rows)
    # Several workers add to the same day's rows: an upsert that adds, never overwrites.
    statement = statement.on_conflict_do_update(
        index_elements=["day", "event", "lang", "kind"],
        set_={"count": DailyCount.count + statement.excluded.count},
    )
    session.execute(statement)


def count_shown(
    counter: UsageCounter, lang: str, messages: Iterable[dict[str, Any]], now: dt.datetime
) -> None:
    """Count what a chat answer showed: the opening question, the emergency card, referrals."""
    for message in messages:
        if message.get("question") == "safety":
            # The safety gate opens every conversation (and every fresh start).
            counter.add(Event.CONVERSATION_STARTED, lang, now)
        if message.get("type") != "referral":
            continue
        if message.get("emergency"):
            counter.add(Event.EMERGENCY_SHOWN, lang, now)
        for card in message.get("cards") or ():
            counter.add(Event.REFERRAL, lang, now, str(card.get("kind", "")))


@dataclass(frozen=True)
class DayCounts:
    day: dt.date
    event: str
    lang: str
    kind: str
    count: int


def counts_between(session: Session, first: dt.date, last: dt.date) -> list[DayCounts]:
    rows = session.scalars(
        select(DailyCount)
        .where(DailyCount.day >= first, DailyCount.day <= last)
        .order_by(DailyCount.day, DailyCount.event, DailyCount.lang, DailyCount.kind)
    )
    return [DayCounts(r.day, r.event, r.lang, r.kind, r.count) for r in rows]
