"""The question to ask, worded for who is being helped, with every answer as a button."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from assistant import texts
from bot.actions import context
from directory.places import PlaceInfo
from directory.vocab import Lang


def ask(
    dispatcher: CollectingDispatcher,
    slot: str,
    slots: Mapping[str, Any],
    lang: Lang,
    *,
    retry: bool = False,
) -> None:
    """Send the question for `slot`; `retry` when the last answer to it was not understood."""
    message = texts.question(slot, lang, who=slots.get("who")).as_message()
    if slot == "municipality":
        message = _place_question(slots, lang, message, retry=retry)
    elif retry:
        dispatcher.utter_message(text=texts.say("not_understood", lang))
    dispatcher.utter_message(
        text=message["text"], buttons=message["buttons"], json_message=message["custom"]
    )


def _place_question(
    slots: Mapping[str, Any], lang: Lang, message: dict[str, Any], *, retry: bool
) -> dict[str, Any]:
    """Ambiguous places come back as buttons; an unknown one is said so."""
    candidates = slots.get("place_candidates") or []
    skip = message["buttons"][-2:]
    if candidates:
        places = context.resolver().places
        buttons = [
            {
                "title": _place_name(places[nis], lang),
                "payload": texts.payload("municipality", nis),
            }
            for nis in candidates
            if nis in places
        ]
        return {
            **message,
            "text": texts.say("ambiguous_place", lang),
            "buttons": buttons + skip,
        }
    if retry:
        return {**message, "text": texts.say("unknown_place", lang)}
    return message


def _place_name(place: PlaceInfo, lang: Lang) -> str:
    first, second = (
        (place.name_nl, place.name_fr) if lang is Lang.NL else (place.name_fr, place.name_nl)
    )
    return first if first == second else f"{first} / {second}"
