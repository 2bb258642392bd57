"""POST /v1/referrals: a person's answers → where to go, the emergency card first.

The body describes someone's situation, so it is neither stored nor logged, and the answer
is marked `Cache-Control: no-store`. The engine itself lives in `directory.referral`.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from api import responses, schemas
from api.deps import Geo, GeoDep, LangDep, NowDep, SessionDep
from api.places import municipalities_of, place_error, response_lang
from directory.places import AmbiguousPlace
from directory.referral import referral_document
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Situation, Who
from directory.vocab import Lang

router = APIRouter(prefix="/v1", tags=["referrals"])


class ReferralRequest(BaseModel):
    """The answers of conversation.md B.2, as codes. Every field may be left out."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    lang: Lang | None = Field(
        default=None,
        description="Language of the texts; else ?lang=, Accept-Language, the place's language, French.",
    )
    municipality: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Where the person lives: NIS code, name in any language, or postal code.",
    )
    danger_now: StrictBool = Field(default=False, description="Immediate danger (Q1).")
    who: Who | None = Field(default=None, description="Q2: for whom.")
    relationship: Relationship | None = Field(default=None, description="Q3: who causes harm.")
    happening: frozenset[Happening] = Field(default=frozenset(), description="Q4: what happens.")
    sexual_recency: Recency | None = Field(default=None, description="Q4b: sexual violence, when.")
    red_flags: frozenset[RedFlag] = Field(default=frozenset(), description="Q5: routing only.")
    needs: frozenset[Need] = Field(default=frozenset(), description="Q6: what would help now.")
    user_is_child: StrictBool = False
    undocumented: StrictBool = False
    suicidal: StrictBool = False


class PhoneLineOut(BaseModel):
    display: str = Field(description="The number written the Belgian way.")
    tel_uri: str = Field(description="tel: link for tap-to-call.")
    label: str | None = Field(description="The label as the source printed it.")


class EmergencyLineOut(BaseModel):
    label: str
    service_id: str | None
    name: str | None
    phone: PhoneLineOut | None


class EmergencyCardOut(BaseModel):
    title: str
    lines: list[EmergencyLineOut] = Field(description="101 and 112 first, then B.4's extras.")
    texts: list[str] = Field(description="B.4's texts, only when the person is in danger now.")


class NoticeOut(BaseModel):
    code: str = Field(description="urgency, sexual_quick, sexual_recent, undocumented, …")
    text: str


class ReferralCardOut(BaseModel):
    service_id: str
    name: str
    summary: str | None = Field(description="First sentence of the service's description.")
    phones: list[PhoneLineOut]
    website: str | None
    email: str | None
    chat: bool
    hours_text: str | None = Field(description="Opening hours as the sources state them.")
    hours_lang: Lang | None
    open_now: bool | None = Field(description="From the structured schedule; null: unknown.")
    anonymous: bool | None
    free: bool | None
    what_happens: str | None = Field(description="What happens when you contact them (sourced).")
    what_happens_sources: list[int] = Field(description="conversation.md Part D numbers.")
    not_emergency: bool = Field(description="Not an emergency service: in danger call 101/112.")
    verification_status: str
    verified_at: dt.datetime | None
    provenance: str = Field(
        description="How sure the directory is, said in the response's language: confirmed with "
        "the service on a date, or sources checked on a date (with the page's own year)."
    )
    lang: Lang = Field(description="Language of the name and summary (after fallback).")
    reason_row: int | None = Field(description="The A.2 row; null: the generalist (R12).")


class GuidanceLineOut(BaseModel):
    text: str
    url: str | None
    sources: list[int]


class ProfessionalOut(BaseModel):
    search_filters: dict[str, str | list[str]] = Field(
        description="Parameters of GET /v1/services that fit the case."
    )
    lines: list[GuidanceLineOut] = Field(description="Pointers to official tools, never advice.")


class ReferralOut(BaseModel):
    emergency_card: EmergencyCardOut = Field(description="Always present; in danger, alone.")
    emergency: bool
    urgent: bool
    notices: list[NoticeOut]
    cards: list[ReferralCardOut] = Field(description="At most 3; empty in an emergency.")
    professional: ProfessionalOut | None
    lang: Lang
    region: str = Field(description="VLG, WAL or BRU.")
    region_guessed: bool = Field(description="No municipality: the region follows the language.")
    rows: list[int] = Field(description="The decision-table rows applied (conversation.md A.2).")
    rules: list[str] = Field(description="The routing rules applied (conversation.md B.3).")
    summary: str = Field(description="A neutral text the person may copy; never stored.")


def _municipality(text: str | None, geo: Geo) -> str | None:
    """One NIS code, or a 422 naming `municipality` with the candidates."""
    if text is None:
        return None
    found = municipalities_of(text, geo, location="body")
    if len(found) > 1:  # a postal code shared by several municipalities
        problem = place_error("municipality", AmbiguousPlace(geo.resolver.resolve(text)))
        problem.location = "body"
        raise problem
    return found[0]


@router.post(
    "/referrals",
    response_model=ReferralOut,
    summary="Where to go: the emergency card and at most three services for a situation",
    responses=schemas.problems(
        400,
        413,
        429,
        notes={422: "A value the engine cannot use; the message names it"},
    ),
)
async def create_referral(
    session: SessionDep, geo: GeoDep, now: NowDep, requested: LangDep, body: ReferralRequest
) -> Response:
    nis_code = _municipality(body.municipality, geo)
    lang = body.lang or response_lang(requested, (nis_code,) if nis_code else (), geo)
    situation = Situation(
        lang=lang,
        municipality=nis_code,
        **body.model_dump(exclude={"lang", "municipality"}),
    )
    response = responses.json(referral_document(session, situation, now=now, summary=True))
    response.headers["Cache-Control"] = "no-store"
    return response
