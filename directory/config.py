"""Settings read from the environment (and an optional `.env` file)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'passerelle.db'}",
        validation_alias=AliasChoices("DATABASE_URL", "PASSERELLE_DATABASE_URL"),
    )
    data_dir: Path = Field(default=DATA_DIR, validation_alias="PASSERELLE_DATA_DIR")
    # The Rasa server's REST channel; the chat endpoint relays to it and nothing else does.
    rasa_url: str = Field(default="http://127.0.0.1:5005", validation_alias="PASSERELLE_RASA_URL")
    # After this many seconds without the assistant, the chat answers with the fallback card.
    chat_timeout: float = Field(default=2.5, gt=0, validation_alias="PASSERELLE_CHAT_TIMEOUT")

    @field_validator("database_url")
    @classmethod
    def _use_psycopg3(cls, value: str) -> str:
        # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the driver named.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix) :]
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
