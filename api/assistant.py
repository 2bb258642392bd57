"""The relay between the widget and Rasa's REST channel, and what to say when Rasa cannot answer.

Before Rasa sees a message (assistant/intake.py reads it):
- the deterministic emergency net runs on the text; on a match Rasa receives "/emergency" and
  the answers the words held, as codes, instead of the words, so the emergency reply never
  depends on the model and the words never leave the app;
- the language is re-detected, so that someone who writes Dutch on a French page is answered in
  Dutch from then on (the widget keeps the language it is told in the answer); German and
  English get the essentials from the app itself (`foreign_messages`), never a French question;
- button payloads are checked against the answers the assistant offers.
Nothing of the message is logged or stored here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assistant import intake, texts
from directory import referral
from directory.places import PlaceResolver
from directory.situation import Situation
from directory.vocab import Lang


@dataclass
class Turn:
    """One message on its way to Rasa."""

    sender: str
    text: str
    lang: Lang
    municipality: str | None = None
    emergency: bool = False
    foreign: bool = False  # German or English: answered here (B.4a.6)
    metadata: dict[str, Any] = field(default_factory=dict)


class AssistantUnavailable(Exception):
    """Rasa or the action server did not answer in time, or answered with an error."""


_LANGUAGE_CHOICE = re.compile(r'^/inform\{"language":"(fr|nl)"\}$')


def prepare(
    sender: str,
    message: str,
    lang: Lang,
    municipality: str | None,
    places: PlaceResolver | None = None,
) -> Turn:
    text = message.strip()
    if text.startswith("/"):
        # Payloads are checked by the route (a 422 names `message`); the page language stays,
        # unless the button is the choice of a language.
        chosen = _LANGUAGE_CHOICE.match(text)
        return Turn(sender, text, Lang(chosen[1]) if chosen else lang, municipality)
    read = intake.read(text, lang, places)
    metadata = read.metadata()
    if read.foreign:
        return Turn(
            sender,
            text,
            read.lang,
            municipality,
            emergency=read.alarm is not None,
            foreign=True,
            metadata=metadata,
        )
    if read.alarm is not None:
        # The words stay here; the assistant learns that there is danger, and the answers.
        return Turn(
            sender, "/emergency", read.lang, municipality, emergency=True, metadata=metadata
        )
    # The assistant gets the words for its model, and the app's reading of them as codes.
    return Turn(sender, text, read.lang, municipality, metadata=metadata)


def _normalise(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa's REST output → the widget's messages: text (with buttons and question meta), cards."""
    messages: list[dict[str, Any]] = []
    for item in raw:
        custom = item.get("custom")
        if item.get("text"):
            message: dict[str, Any] = {"type": "text", "text": item["text"]}
            if item.get("buttons"):
                message["buttons"] = [
                    {"title": b.get("title", ""), "payload": b.get("payload", "")}
                    for b in item["buttons"]
                ]
            messages.append(message)
        if isinstance(custom, dict):
            if "question" in custom and messages and messages[-1]["type"] == "text":
                messages[-1]["question"] = custom["question"]
                messages[-1]["multiple"] = bool(custom.get("multiple"))
            elif custom.get("type") in ("referral", "link"):
                messages.append(custom)
    return messages


async def relay(
    client: httpx.AsyncClient, rasa_url: str, turn: Turn, timeout: float
) -> list[dict[str, Any]]:
    metadata = {"lang": turn.lang.value, **turn.metadata}
    if turn.municipality:
        metadata["municipality"] = turn.municipality
    try:
        # One deadline for the whole turn: httpx's timeout applies to each step (connect, write,
        # each read) on its own, and a Rasa that trickles could outlast the widget's 3 s.
        async with asyncio.timeout(timeout):
            response = await client.post(
                f"{rasa_url}/webhooks/rest/webhook",
                json={"sender": turn.sender, "message": turn.text, "metadata": metadata},
                timeout=timeout,
            )
        response.raise_for_status()
        raw = response.json()
    except (httpx.HTTPError, ValueError, TimeoutError) as error:
        raise AssistantUnavailable(type(error).__name__) from None
    if not isinstance(raw, list) or not raw:
        # An empty answer means an action failed inside Rasa: treat it like an outage.
        raise AssistantUnavailable("empty answer")
    return _normalise(raw)


def fallback_messages(
    lang: Lang, document: dict[str, Any] | None, *, emergency: bool
) -> list[dict[str, Any]]:
    """What the widget shows when the assistant is down: numbers, the regional line, the search.

    Without a document (the database down too, nothing kept) the text alone still gives 112
    and 101."""
    key = "emergency" if emergency else "assistant_unavailable"
    messages: list[dict[str, Any]] = [{"type": "text", "text": texts.say(key, lang)}]
    if document is not None:
        messages.append({"type": "referral", **document})
    messages.append({"type": "link", "href": "/search", "text": texts.say("search_link", lang)})
    return messages


HELPLINES = frozenset({"hulplijn-1712", "ecoute-violences-conjugales"})


class FallbackDocuments:
    """The fallback's referral cards, kept per language, municipality and danger.

    The chat's fallback is for when something is down; the database may be down too. Each
    document built is kept, so that the numbers and the regional helpline last shown for a place
    are still there, and with the first one, the one for no place at all.
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[Lang, str | None, bool], dict[str, Any]] = {}

    def document(
        self,
        session: Session,
        lang: Lang,
        municipality: str | None,
        emergency: bool,
        now: dt.datetime,
    ) -> dict[str, Any] | None:
        situation = Situation(lang=lang, municipality=municipality, danger_now=emergency)
        try:
            document = referral.referral_document(session, situation, now=now)
        except SQLAlchemyError:
            session.rollback()  # leave nothing for the request's commit to trip over
            return self._kept.get((lang, municipality, emergency)) or self._kept.get(
                (lang, None, emergency)
            )
        if len(self._kept) < 10_000:  # 565 municipalities × 2 languages × 2, at most
            self._kept[(lang, municipality, emergency)] = document
        if municipality is not None and (lang, None, emergency) not in self._kept:
            self.document(session, lang, None, emergency, now)
        return document

    def helplines(
        self, session: Session, lang: Lang, municipality: str | None, now: dt.datetime
    ) -> dict[str, Any] | None:
        """The place's regional helpline(s) alone, for the German and English essentials; None
        when the place is not known (the region would be a guess)."""
        if municipality is None:
            return None
        found = self.document(session, lang, municipality, False, now)
        if found is None:
            return None
        lines = [c for c in found["cards"] if c["service_id"] in HELPLINES]
        return {**found, "cards": lines or found["cards"][:1]}


def foreign_messages(turn: Turn, document: dict[str, Any] | None) -> list[dict[str, Any]]:
    """German or English (B.4a.6): 112/101, the regional helpline for the place when known, and
    one line saying the assistant speaks French and Dutch, with a button for each."""
    lang = turn.lang
    if document is not None:
        document = {**document, "emergency": turn.emergency}
    messages: list[dict[str, Any]] = [{"type": "text", "text": texts.foreign("intro", lang)}]
    if document is not None:
        messages.append({"type": "referral", **document})
        messages.append({"type": "text", "text": texts.foreign("helpline", lang)})
    buttons = [{"title": b.title, "payload": b.payload} for b in texts.language_buttons(lang)]
    messages.append({"type": "text", "text": texts.foreign("languages", lang), "buttons": buttons})
    return messages
