"""POST /v1/chat: the widget's only way to the assistant. Nothing of the message is kept."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import httpx
from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import SQLAlchemyError

from api import responses, schemas
from api.assistant import (
    AssistantUnavailable,
    FallbackDocuments,
    Turn,
    fallback_messages,
    foreign_messages,
    prepare,
    relay,
)
from api.deps import Geo, SessionDep, get_geo, get_now
from api.errors import ParameterError
from api.limits import Limits, refusal
from api.places import municipalities_of
from assistant import texts
from directory.vocab import Lang
from infra import usage

router = APIRouter(tags=["assistant"])


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender: str = Field(
        pattern=r"^[A-Za-z0-9_-]{8,64}$",
        description="A random id per browser tab (8–64 letters, digits, - or _); never a person's name.",
    )
    message: str = Field(
        min_length=1, max_length=1000, description="What the person typed or tapped"
    )
    lang: Lang = Field(default=Lang.FR, description="The page's (or the conversation's) language")
    municipality: str | None = Field(
        default=None,
        max_length=100,
        description="The municipality of the site embedding the widget: NIS code, name or postcode",
    )


class ChatOut(BaseModel):
    lang: Lang = Field(
        description="The language the assistant answered in; send it with the next message"
    )
    messages: list[dict[str, Any]] = Field(
        description="Texts (with buttons and the question they ask) and referral cards, in order"
    )
    degraded: bool = Field(
        description="True when the assistant could not answer and the fallback card was sent"
    )


async def geo_if_available(request: Request) -> Geo | None:
    """The chat works without the database (its fallback gives the numbers): no place then."""
    try:
        return await get_geo(request)
    except SQLAlchemyError:
        return None


def _municipality(value: str | None, geo: Geo | None, location: str) -> str | None:
    """The page's municipality; a postal code shared by several is no default at all."""
    codes = municipalities_of(value, geo, location=location) if value and geo else ()
    return codes[0] if len(codes) == 1 else None


@router.get(
    "/v1/chat/fallback",
    response_model=ChatOut,
    summary="What the widget shows when the assistant cannot answer",
    response_description="The emergency numbers, the regional helpline for the place, a search link",
)
async def fallback(
    request: Request,
    session: SessionDep,
    geo: Annotated[Geo | None, Depends(geo_if_available)],
    now: Annotated[dt.datetime, Depends(get_now)],
    lang: Lang = Lang.FR,
    municipality: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """The widget loads this once at start and keeps it in memory: if a message gets no answer
    within 3 s, it shows this instead of a spinner."""
    nis = _municipality(municipality, geo, "query")
    document = request.app.state.fallbacks.document(session, lang, nis, False, now)
    body = {"lang": lang.value, "messages": fallback_messages(lang, document, emergency=False)}
    response = responses.json({**body, "degraded": True})
    response.headers["Cache-Control"] = "no-store"
    return response


def _foreign(
    request: Request, session: SessionDep, turn: Turn, place: str | None, now: dt.datetime
) -> Response:
    """German or English: the essentials from the app, without the assistant (B.4a.6)."""
    fallbacks: FallbackDocuments = request.app.state.fallbacks
    messages = foreign_messages(turn, fallbacks.helplines(session, turn.lang, place, now))
    usage.count_shown(request.app.state.usage, turn.lang.value, messages, now)
    response = responses.json({"lang": turn.lang.value, "messages": messages, "degraded": False})
    response.headers["Cache-Control"] = "no-store"
    return response


def too_many_messages(wait: float) -> Response:
    seconds, body = refusal(wait, "messages")
    response = Response(body, status_code=429, media_type="application/json")
    response.headers["Retry-After"] = str(seconds)
    return response


@router.post(
    "/v1/chat",
    summary="Send one message to the assistant and get its replies",
    response_model=ChatOut,
    response_description="The replies (texts with buttons, referral cards) and the language used",
    responses=schemas.problems(
        400,
        413,
        notes={
            422: "A field the assistant cannot use; the message names it",
            429: "Too many messages from this connection; Retry-After says when to go on. "
            "A message about danger is never refused: it gets the emergency card.",
        },
    ),
)
async def chat(
    body: ChatRequest,
    request: Request,
    session: SessionDep,
    geo: Annotated[Geo | None, Depends(geo_if_available)],
    now: Annotated[dt.datetime, Depends(get_now)],
) -> Response:
    if body.message.strip().startswith("/") and not texts.valid_payload(body.message):
        raise ParameterError(
            "message",
            "message: a message starting with '/' must be one of the assistant's button payloads",
            location="body",
        )
    municipality = _municipality(body.municipality, geo, "body")
    turn = prepare(
        body.sender, body.message, body.lang, municipality, geo.resolver if geo else None
    )
    settings = request.app.state.settings
    limits: Limits = request.app.state.limits
    client_host = request.client.host if request.client else ""
    wait = None if turn.emergency else await limits.wait(limits.chat, client_host)
    if wait is not None:
        return too_many_messages(wait)
    if turn.foreign:
        place = turn.metadata.get("answers", {}).get("municipality") or municipality
        return _foreign(request, session, turn, place, now)
    client: httpx.AsyncClient | None = getattr(request.app.state, "http", None)
    rasa_url = settings.rasa_url_for(body.sender)
    try:
        if client is None:
            async with httpx.AsyncClient() as own:
                messages = await relay(own, rasa_url, turn, settings.chat_timeout)
        else:
            messages = await relay(client, rasa_url, turn, settings.chat_timeout)
        degraded = False
    except AssistantUnavailable:
        fallbacks: FallbackDocuments = request.app.state.fallbacks
        document = fallbacks.document(session, turn.lang, municipality, turn.emergency, now)
        messages = fallback_messages(turn.lang, document, emergency=turn.emergency)
        degraded = True
        request.app.state.usage.add(usage.Event.ASSISTANT_UNAVAILABLE, turn.lang.value, now)
    usage.count_shown(request.app.state.usage, turn.lang.value, messages, now)
    response = responses.json({"lang": turn.lang.value, "messages": messages, "degraded": degraded})
    response.headers["Cache-Control"] = "no-store"
    return response
