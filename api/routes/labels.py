"""The labels of the filter codes in one language, for the search page: GET /v1/labels."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api import schemas
from api.deps import LangDep
from directory import labels
from directory.vocab import Audience, Channel, Kind, Lang, SpokenLanguage, ViolenceType

router = APIRouter(prefix="/v1", tags=["labels"])


class Label(BaseModel):
    code: str
    label: str


class LabelsOut(BaseModel):
    lang: str
    kind: list[Label]
    audience: list[Label]
    violence_type: list[Label]
    channel: list[Label]
    language: list[str]  # spoken languages: ISO 639 codes, named by the client's locale


@router.get(
    "/labels",
    response_model=LabelsOut,
    summary="Labels of the search filters' codes",
    responses=schemas.problems(422, 429),
)
async def read_labels(requested: LangDep) -> LabelsOut:
    lang = requested or Lang.FR

    def coded(table: labels.Labels, codes: list[str]) -> list[Label]:
        return [Label(code=code, label=labels.label(table, code, lang)) for code in codes]

    return LabelsOut(
        lang=lang.value,
        kind=coded(labels.KIND, [str(c) for c in Kind]),
        audience=coded(labels.AUDIENCE, [str(c) for c in Audience]),
        violence_type=coded(labels.VIOLENCE_TYPE, [str(c) for c in ViolenceType]),
        channel=coded(labels.CHANNEL, [str(c) for c in Channel]),
        language=[str(c) for c in SpokenLanguage],
    )
