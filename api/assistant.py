"""The relay between the widget and Rasa's REST channel, and what to say when Rasa cannot answer.

Three things happen here before Rasa sees a message:
- the deterministic emergency net runs on the text; on a match Rasa receives "/emergency"
  instead of the words, so the emergency reply never depends on the model;
- the language is re-detected, so that someone who writes Dutch on a French page is answered in
  Dutch from then on (the widget keeps the language it is told in the answer);
- button payloads are checked against the answers the assistant offers.
Nothing of the message is logged or stored here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assistant import danger, language, texts
from directory import referral
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
    metadata: dict[str, Any] = field(default_factory=dict)


class AssistantUnavailable(Exception):
    """Rasa or the action server did not answer in time, or answered with an error."""


def prepare(sender: str, message: str, lang: Lang, municipality: str | None) -> Turn:
    text = message.strip()
    if text.startswith("/"):
        # Payloads are checked by the route (a 422 names `message`); the page language stays.
        return Turn(sender, text, lang, municipality)
    alarm = danger.emergency(text)
    detected = language.detect_language(text)
    if detected in (Lang.FR, Lang.NL) and detected is not lang:
        lang = detected
    if alarm is not None:
        # The words stay here; the assistant only learns that there is danger.
        return Turn(sender, "/emergency", lang, municipality, emergency=True)
    return Turn(sender, text, lang, municipality)


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
            document = referral.as_document(referral.refer(session, situation, now=now))
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
