"""The directory's tables, named after Open Referral HSDS 3.0 entities and fields.

Text meant for people exists once per language (`name_fr`, `name_nl`, optional `_de`, `_en`);
`localized()` picks one with a sensible fallback. Belgian geography (region, province,
arrondissement, municipality, postal code) lives beside the HSDS tables and service areas point
into it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.vocab import FALLBACKS, Lang, VerificationStatus, pick_text
from infra.tables import Base as Base  # the domain's tables are declared on it
from infra.tables import UTCDateTime


def localized(obj: object, field: str, lang: Lang) -> str | None:
    """The first non-empty `field_<lang>` along the fallback chain of `lang`."""
    texts = {code: getattr(obj, f"{field}_{code.value}", None) for code in FALLBACKS[lang]}
    return pick_text(texts, lang)[0]


class Timestamped:
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        UTCDateTime(), server_default=func.now(), onupdate=func.now()
    )


# --- Geography -------------------------------------------------------------------------------


class PlaceNames:
    """Official names: French and Dutch always, German where Statbel gives one."""

    name_fr: Mapped[str] = mapped_column(String(100))
    name_nl: Mapped[str] = mapped_column(String(100))
    name_de: Mapped[str | None] = mapped_column(String(100))


class Region(PlaceNames, Base):
    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)  # VLG, WAL, BRU
    statbel_code: Mapped[str] = mapped_column(String(5), unique=True)


class Province(PlaceNames, Base):
    __tablename__ = "province"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)  # Statbel code
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))


class Arrondissement(PlaceNames, Base):
    __tablename__ = "arrondissement"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)  # Statbel code
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    province_code: Mapped[str | None] = mapped_column(ForeignKey("province.code"))


class JudicialDistrict(PlaceNames, Base):
    """A judicial arrondissement (since the 2014 reform), the catchment of most justice and
    victim services (CPVS/ZSG, justice houses, legal aid). Built from `data/geo/judicial_districts.yaml`."""

    __tablename__ = "judicial_district"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)  # e.g. LIEGE, ANTW
    source_url: Mapped[str | None] = mapped_column(String(500))


class PoliceZone(PlaceNames, Base):
    """A local police zone, named by its number as police.be uses it (5341 = Midi)."""

    __tablename__ = "police_zone"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    source_url: Mapped[str | None] = mapped_column(String(500))
    checked_on: Mapped[dt.date | None] = mapped_column(Date)


class Municipality(PlaceNames, Base):
    __tablename__ = "municipality"

    nis_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    province_code: Mapped[str | None] = mapped_column(ForeignKey("province.code"))
    arrondissement_code: Mapped[str] = mapped_column(ForeignKey("arrondissement.code"))
    judicial_district_code: Mapped[str | None] = mapped_column(
        ForeignKey("judicial_district.code"), index=True
    )
    # None where no public list was found for the municipality: a gap, never a guess.
    police_zone_code: Mapped[str | None] = mapped_column(ForeignKey("police_zone.code"), index=True)
    # Statbel/S2 code (N0, N1, F0, F1, F3, F4, D2, B1) and its readable form.
    language_regime_code: Mapped[str] = mapped_column(String(2))
    language_regime: Mapped[str] = mapped_column(String(100))
    facility_municipality: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_2025_from: Mapped[list[str]] = mapped_column(default=list)

    region: Mapped[Region] = relationship(lazy="joined")
    province: Mapped[Province | None] = relationship(lazy="joined")
    arrondissement: Mapped[Arrondissement] = relationship(lazy="joined")
    judicial_district: Mapped[JudicialDistrict | None] = relationship(lazy="joined")
    police_zone: Mapped[PoliceZone | None] = relationship(lazy="joined")
    postal_codes: Mapped[list[PostalCode]] = relationship(
        back_populates="municipality", order_by="PostalCode.postal_code"
    )

    @property
    def languages(self) -> tuple[Lang, ...]:
        """Official languages of the municipality, main one first."""
        main = self.language_regime_code[0]
        if main == "B":
            return (Lang.FR, Lang.NL)
        return ({"N": Lang.NL, "F": Lang.FR, "D": Lang.DE}[main],)


class PostalCode(Base):
    """One bpost locality with its postal code; a code may span several municipalities."""

    __tablename__ = "postal_code"
    __table_args__ = (UniqueConstraint("postal_code", "locality_nl", "nis_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    postal_code: Mapped[str] = mapped_column(String(4), index=True)
    locality_nl: Mapped[str] = mapped_column(String(100))
    locality_fr: Mapped[str] = mapped_column(String(100))
    locality_de: Mapped[str | None] = mapped_column(String(100))
    nis_code: Mapped[str] = mapped_column(ForeignKey("municipality.nis_code"), index=True)

    municipality: Mapped[Municipality] = relationship(back_populates="postal_codes")


# --- HSDS entities ---------------------------------------------------------------------------


class Organization(Timestamped, Base):
    __tablename__ = "organization"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name_fr: Mapped[str | None] = mapped_column(String(300))
    name_nl: Mapped[str | None] = mapped_column(String(300))
    name_de: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_nl: Mapped[str | None] = mapped_column(Text)
    description_de: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(300))

    services: Mapped[list[Service]] = relationship(back_populates="organization")


class Service(Timestamped, Base):
    __tablename__ = "service"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)  # stable slug
    organization_id: Mapped[str | None] = mapped_column(ForeignKey("organization.id"), index=True)
    name_fr: Mapped[str | None] = mapped_column(String(300))
    name_nl: Mapped[str | None] = mapped_column(String(300))
    name_de: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    description_fr: Mapped[str | None] = mapped_column(Text)
    description_nl: Mapped[str | None] = mapped_column(Text)
    description_de: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(300))
    # Three-valued on purpose: None means the sources do not say.
    urgent: Mapped[bool | None] = mapped_column(Boolean)
    anonymous: Mapped[bool | None] = mapped_column(Boolean)
    free: Mapped[bool | None] = mapped_column(Boolean)
    # Opening hours as written by the sources; the structured rules are in `schedules`.
    hours_notes_fr: Mapped[str | None] = mapped_column(Text)
    hours_notes_nl: Mapped[str | None] = mapped_column(Text)
    hours_notes_de: Mapped[str | None] = mapped_column(Text)
    hours_notes_en: Mapped[str | None] = mapped_column(Text)
    # Provenance and verification.
    sources: Mapped[list[str]] = mapped_column(default=list)
    # HSDS `assured_date`: the day someone last read the sources and found the record's values
    # on them. Weaker than `verified_at` (confirmed with the service by a person).
    assured_date: Mapped[dt.date | None] = mapped_column(Date)
    # The sources' own date as they show it ("2017", "2019-07"): a 2017 page read today is
    # still a 2017 fact. None when the pages are undated.
    source_date: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str | None] = mapped_column(Text)  # for maintainers, never shown to citizens
    verification_status: Mapped[str] = mapped_column(
        String(20), default=VerificationStatus.UNVERIFIED.value
    )
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    verified_by: Mapped[str | None] = mapped_column(String(200))
    verification_method: Mapped[str | None] = mapped_column(String(20))  # phone, website…
    # Bumped by every change to the service or its parts: the version behind ETags and caches.
    revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    organization: Mapped[Organization | None] = relationship(back_populates="services")
    phones: Mapped[list[Phone]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Phone.id"
    )
    schedules: Mapped[list[Schedule]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Schedule.id"
    )
    service_areas: Mapped[list[ServiceArea]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceArea.id"
    )
    languages: Mapped[list[Language]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Language.code"
    )
    attributes: Mapped[list[Attribute]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Attribute.id"
    )
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceAtLocation.id"
    )

    def values(self, taxonomy: str) -> list[str]:
        return [a.value for a in self.attributes if a.taxonomy == taxonomy]


class Attribute(Base):
    """A service's code in one of our taxonomies (audience, violence_type, channel).

    HSDS links attributes to taxonomy terms; the export maps (taxonomy, value) onto those.
    """

    __tablename__ = "attribute"
    __table_args__ = (
        UniqueConstraint("service_id", "taxonomy", "value"),
        Index("ix_attribute_taxonomy_value", "taxonomy", "value", "service_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    taxonomy: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(40))

    service: Mapped[Service] = relationship(back_populates="attributes")


class Language(Base):
    """A language spoken at the service (HSDS `language`), not the language of the text."""

    __tablename__ = "language"
    __table_args__ = (
        UniqueConstraint("service_id", "code"),
        Index("ix_language_code_service", "code", "service_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))  # ISO 639-1
    note: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship(back_populates="languages")


class Location(Timestamped, Base):
    __tablename__ = "location"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    location_type: Mapped[str] = mapped_column(String(20), default="physical")
    name_fr: Mapped[str | None] = mapped_column(String(300))
    name_nl: Mapped[str | None] = mapped_column(String(300))
    name_de: Mapped[str | None] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    # Address fields as in HSDS `address`, kept on the location (one address per location).
    address_1: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str] = mapped_column(String(2), default="BE")
    municipality_nis: Mapped[str | None] = mapped_column(ForeignKey("municipality.nis_code"))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # A shelter's address: never in public responses, search, exports or the assistant.
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    municipality: Mapped[Municipality | None] = relationship(lazy="joined")
    service_at_locations: Mapped[list[ServiceAtLocation]] = relationship(back_populates="location")


class ServiceAtLocation(Base):
    __tablename__ = "service_at_location"
    __table_args__ = (UniqueConstraint("service_id", "location_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    location_id: Mapped[str] = mapped_column(ForeignKey("location.id"), index=True)

    service: Mapped[Service] = relationship(back_populates="service_at_locations")
    location: Mapped[Location] = relationship(back_populates="service_at_locations", lazy="joined")


class Phone(Base):
    __tablename__ = "phone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(30))  # E.164, or a Belgian short number
    extension: Mapped[str | None] = mapped_column(String(10))
    type: Mapped[str] = mapped_column(String(20), default="voice")
    # The label as the source printed it (often bilingual); not translated.
    description: Mapped[str | None] = mapped_column(String(300))

    service: Mapped[Service] = relationship(back_populates="phones")


class Schedule(Base):
    """A weekly opening rule (HSDS `schedule`, RFC 5545 style), in Europe/Brussels time.

    `closes_at <= opens_at` means the period runs past midnight; 00:00–00:00 is the whole day.
    """

    __tablename__ = "schedule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    attending_type: Mapped[str | None] = mapped_column(String(20))  # channel the rule is for
    freq: Mapped[str] = mapped_column(String(10), default="WEEKLY")
    byday: Mapped[str] = mapped_column(String(30))  # e.g. "MO,TU,WE,TH,FR"
    opens_at: Mapped[dt.time] = mapped_column(Time)
    closes_at: Mapped[dt.time] = mapped_column(Time)
    timezone: Mapped[str] = mapped_column(String(40), default="Europe/Brussels")
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)

    service: Mapped[Service] = relationship(back_populates="schedules")


class ServiceArea(Base):
    """Where a service takes people from. `raw` keeps the source's wording."""

    __tablename__ = "service_area"
    __table_args__ = (Index("ix_service_area_scope_code", "scope", "code", "service_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), index=True
    )
    scope: Mapped[str] = mapped_column(String(20))
    code: Mapped[str | None] = mapped_column(String(5))  # region/province/arr./NIS code
    raw: Mapped[str] = mapped_column(String(200))

    service: Mapped[Service] = relationship(back_populates="service_areas")


# --- Governance: accounts, history ---------------------------------------------------------


class Account(Timestamped, Base):
    """An admin (everything) or an editor limited to the areas listed in `areas`."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # admin | editor
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    areas: Mapped[list[AccountArea]] = relationship(
        back_populates="account", cascade="all, delete-orphan", lazy="selectin"
    )


class AccountArea(Base):
    """One area an editor may work in: a municipality, arrondissement, province or region."""

    __tablename__ = "account_area"
    __table_args__ = (UniqueConstraint("account_id", "scope", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(5))

    account: Mapped[Account] = relationship(back_populates="areas")


class ApiToken(Base):
    """A bearer token; only its SHA-256 is stored, so a database leak reveals no token."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    account: Mapped[Account] = relationship(lazy="joined")


class Change(Base):
    """One recorded change of a service: who, when, what, and the record before and after.

    `before`/`after` are whole service records (the `data/services.yaml` shape), so any
    version can be shown, compared or restored. Rows are only ever added.
    """

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_service_at", "service_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(String(100))  # no FK: history outlives anything
    batch_id: Mapped[str | None] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(254))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revision: Mapped[int] = mapped_column(Integer)  # the service's revision after the change
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class Suggestion(Base):
    """A correction proposed by anyone, waiting in the review queue of the service's editors."""

    __tablename__ = "suggestion"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str | None] = mapped_column(String(100), index=True)
    message: Mapped[str] = mapped_column(Text)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(
        String(20), default="open", index=True
    )  # open|accepted|rejected
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(254))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str | None] = mapped_column(Text)


class DirectoryVersion(Base):
    """One row: a counter that database triggers raise with every change to a service.

    Processes that keep the directory in memory (`directory.snapshot`) read it to know whether
    anything changed; the triggers (migration 0007) catch every writer, ORM or not.
    """

    __tablename__ = "directory_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
