"""The referral's written, reviewed texts (data/referral_texts.yaml), per language side."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from directory.cards import ServiceCard
from directory.paths import DATA_DIR
from directory.vocab import Kind, Lang, pick_text


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: str
    nl: str
    sources: tuple[int, ...] = ()  # conversation.md Part D
    basis: str | None = None  # the design section a proposal comes from
    url: str | None = None

    def get(self, lang: Lang) -> tuple[str, Lang]:
        text, shown = pick_text({Lang.FR: self.fr, Lang.NL: self.nl}, lang)
        return text or self.fr, shown or Lang.FR


class Sourced(Text):
    sources: tuple[int, ...] = Field(min_length=1)


class WhatHappens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    services: dict[str, Sourced]
    prefixes: dict[str, Sourced]
    kinds: dict[Kind, Sourced]

    def find(self, card: ServiceCard) -> Sourced | None:
        if card.id in self.services:
            return self.services[card.id]
        prefixes = sorted((p for p in self.prefixes if card.id.startswith(p)), key=len)
        return self.prefixes[prefixes[-1]] if prefixes else self.kinds.get(Kind(card.kind))


class EmergencyTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    police: Text
    medical: Text
    child_line: Text
    suicide_line: Text
    sexual_violence_line: Text
    numbers: dict[str, str]
    texts: tuple[Text, ...]


class Notices(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    urgency: Text
    sexual_recent: Text
    sexual_quick: Text
    undocumented: Text
    region_guessed: Text
    medical: Text
    witness: Text


class SummaryTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: Text
    fields: dict[str, Text]
    answers: dict[str, dict[str, Text]]


class ReferralTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    what_happens: WhatHappens
    emergency: EmergencyTexts
    notices: Notices
    professional: dict[str, tuple[Text, ...]]  # "VLG", "FR" (Wallonia, Brussels) and "all"
    summary: SummaryTexts


@lru_cache
def load_texts(path: Path = DATA_DIR / "referral.yaml") -> ReferralTexts:
    with path.open(encoding="utf-8") as file:
        return ReferralTexts.model_validate(yaml.safe_load(file))
