"""Settings read from the environment (and an optional `.env` file).

Every setting is documented in `.env.example`. Development defaults need nothing installed
(SQLite, in-memory rate limits, any widget origin); `PASSERELLE_ENV=production` refuses
defaults and placeholders that must never reach a public server.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Words that mark a value copied from `.env.example` without being changed.
PLACEHOLDERS = ("change-me", "changeme", "placeholder", "example-password", "secret")


class Settings(BaseSettings):
    # populate_by_name: code and tests may also pass fields by name (Settings(rasa_url=...)).
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    env: Literal["development", "production"] = Field(
        default="development", validation_alias="PASSERELLE_ENV"
    )
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'passerelle.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "PASSERELLE_DATABASE_URL"),
    )
    # Redis for rate limits shared by every API worker; unset = in-memory, per process.
    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    # The reverse proxies whose X-Forwarded-For is believed (comma-separated addresses). Empty:
    # nobody's, so a client cannot pick the address its rate limits are counted under.
    trusted_proxies: str = Field(
        default="",
        validation_alias="FORWARDED_ALLOW_IPS",
    )
    # The address people reach the API at (https://passerelle.example.be): the absolute URLs of
    # GET / are built from it, never from a request's Host header. Unset: from the request.
    public_url: str = Field(default="", validation_alias="PASSERELLE_PUBLIC_URL")
    data_dir: Path = Field(default=PROJECT_ROOT / "data", validation_alias="PASSERELLE_DATA_DIR")
    # The Rasa server's REST channel; the chat endpoint relays to it and nothing else does.
    # Several servers (comma-separated) share the conversations: each stays with one of them.
    rasa_url: str = Field(default="http://127.0.0.1:5005", validation_alias="PASSERELLE_RASA_URL")
    # The action server, only asked whether it is up (`/ready`).
    actions_url: str = Field(
        default="http://127.0.0.1:5055", validation_alias="PASSERELLE_ACTIONS_URL"
    )
    # After this many seconds without the assistant, the chat answers with the fallback card.
    chat_timeout: float = Field(default=2.5, gt=0, validation_alias="PASSERELLE_CHAT_TIMEOUT")
    # The municipality sites allowed to embed the chat widget (comma-separated origins), or *.
    widget_origins: str = Field(default="*", validation_alias="PASSERELLE_WIDGET_ORIGINS")
    # Largest request body accepted, in bytes; imports (admin only) may be larger.
    max_body_bytes: int = Field(default=64 * 1024, gt=0, validation_alias="PASSERELLE_MAX_BODY")
    max_import_bytes: int = Field(
        default=10 * 1024 * 1024, gt=0, validation_alias="PASSERELLE_MAX_IMPORT_BODY"
    )
    # Requests per client per minute on the public endpoints; 0 turns the limit off.
    rate_limit_chat: int = Field(default=60, ge=0, validation_alias="PASSERELLE_RATE_LIMIT_CHAT")
    rate_limit_search: int = Field(
        default=240, ge=0, validation_alias="PASSERELLE_RATE_LIMIT_SEARCH"
    )
    # How often a process checks the directory for changes made elsewhere (its search reads
    # from memory): an edit shows in the public search within this many seconds.
    search_refresh_seconds: float = Field(
        default=1.0, ge=0, validation_alias="PASSERELLE_SEARCH_REFRESH_SECONDS"
    )
    # Repeated searches are answered from memory (per API process), up to this many MiB; 0: off.
    search_cache_mb: int = Field(default=128, ge=0, validation_alias="PASSERELLE_SEARCH_CACHE_MB")
    # Unset: readable text in development, JSON lines in production.
    log_format: Literal["json", "text"] | None = Field(
        default=None, validation_alias="PASSERELLE_LOG_FORMAT"
    )
    log_level: str = Field(default="INFO", validation_alias="PASSERELLE_LOG_LEVEL")
    # Client addresses stay out of the logs unless an operator turns this on to chase abuse.
    log_client_addresses: bool = Field(
        default=False, validation_alias="PASSERELLE_LOG_CLIENT_ADDRESSES"
    )

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, value: str) -> str:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value

    @field_validator("widget_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        for origin in value.replace(",", " ").split():
            if origin == "*":
                continue
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
                raise ValueError(
                    f"PASSERELLE_WIDGET_ORIGINS: {origin!r} is not an origin "
                    "(scheme://host[:port], no path), e.g. https://www.gent.be"
                )
        return value

    @property
    def log_style(self) -> Literal["json", "text"]:
        if self.log_format is not None:
            return self.log_format
        return "json" if self.env == "production" else "text"

    @model_validator(mode="after")
    def _production_ready(self) -> Settings:
        if self.env != "production":
            return self
        problems = []
        if self.database_url.startswith("sqlite"):
            problems.append("DATABASE_URL: production runs on PostgreSQL, not SQLite")
        for name, url in (("DATABASE_URL", self.database_url), ("REDIS_URL", self.redis_url)):
            password = urlsplit(url).password if url else None
            if password is not None and any(p in password.lower() for p in PLACEHOLDERS):
                problems.append(f"{name}: the password is still the placeholder; set a real one")
        if not self.redis_url:
            problems.append("REDIS_URL: production shares rate limits across workers in Redis")
        if "*" in self.origins or not self.origins:
            problems.append(
                "PASSERELLE_WIDGET_ORIGINS: list the municipality sites that embed the widget"
            )
        if problems:
            raise ValueError("PASSERELLE_ENV=production: " + "; ".join(problems))
        return self

    @property
    def rasa_urls(self) -> tuple[str, ...]:
        return tuple(u.rstrip("/") for u in self.rasa_url.replace(",", " ").split())

    def rasa_url_for(self, sender: str) -> str:
        """The Rasa server of this conversation: always the same one for the same sender, so
        that a server keeping conversations in memory sees all of its messages."""
        urls = self.rasa_urls
        if len(urls) == 1:
            return urls[0]
        return urls[zlib.crc32(sender.encode()) % len(urls)]

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(o.rstrip("/") for o in self.widget_origins.replace(",", " ").split())


@lru_cache
def get_settings() -> Settings:
    return Settings()
