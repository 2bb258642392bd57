"""Log lines as JSON (production) or readable text (development), each stamped with its
request's id.

Warnings that libraries raise about themselves (deprecations in their own dependencies) are
nothing a person running Passerelle can act on: they are logged at DEBUG. Warnings raised from
this project's code stay warnings.

Exceptions are written as their type and stack without their message, because a message can
quote data (a database error repeats the row it refused). What the API itself logs, and what it
must never log, is in `api/observability.py`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import orjson

from infra.config import Settings

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
# Standard LogRecord attributes; anything else on a record was passed as `extra=`, except
# uvicorn's copy of its message with terminal colours in it.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",
}


def stamp_records_with_request_id() -> None:
    """Every log record made during a request carries its id, whenever it is formatted."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "stamps_request_id", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        rid = request_id.get()
        if rid:
            record.request_id = rid
        return record

    factory.stamps_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, tb = record.exc_info
            entry["exception"] = kind.__name__
            entry["stack"] = "".join(traceback.format_tb(tb))
        return orjson.dumps(entry, default=str).decode()


_COLOURS = {  # ANSI: dim, cyan, yellow, red, bold red
    logging.DEBUG: "\x1b[2m",
    logging.INFO: "\x1b[36m",
    logging.WARNING: "\x1b[33m",
    logging.ERROR: "\x1b[31m",
    logging.CRITICAL: "\x1b[1;31m",
}
_RESET = "\x1b[0m"


def colour_wanted(stream: Any = None) -> bool:
    """Colours on a terminal, unless NO_COLOR is set (no-color.org); FORCE_COLOR forces them."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


class TextFormatter(logging.Formatter):
    """For a developer's terminal: the time, the level (coloured on a terminal), where, what.

    The same privacy rules as the JSON lines."""

    def __init__(self, colour: bool | None = None) -> None:
        super().__init__()
        self.colour = colour_wanted() if colour is None else colour

    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(
            f"{k}={v}"
            for k, v in vars(record).items()
            if k not in _STANDARD and not k.startswith("_")
        )
        clock = dt.datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        level = f"{record.levelname:<7}"
        if self.colour:
            level = f"{_COLOURS.get(record.levelno, '')}{level}{_RESET}"
        # uvicorn logs its own news as "uvicorn.error": not an error, and not to look like one.
        name = "uvicorn" if record.name == "uvicorn.error" else record.name
        line = f"{clock} {level} {name}: {record.getMessage()}"
        line += f" {extras}" if extras else ""
        if record.exc_info and record.exc_info[0] is not None:
            line += f"\n{record.exc_info[0].__name__}\n" + "".join(
                traceback.format_tb(record.exc_info[2])
            )
        return line


_PROJECT = Path(__file__).resolve().parent.parent


class ThirdPartyWarnings(logging.Filter):
    """Python warnings (`logging.captureWarnings`) raised in libraries, demoted to DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        where = str(record.args[0]) if isinstance(record.args, tuple) and record.args else ""
        text = where or record.getMessage()
        ours = text.startswith(str(_PROJECT)) and "site-packages" not in text.split(":", 1)[0]
        if ours:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def logging_config(settings: Settings) -> dict[str, Any]:
    """A `logging.config.dictConfig` for the server process (uvicorn's own loggers included).

    Uvicorn's access log stays off: it prints the path with its query string. Python warnings
    go through logging (`capture_warnings`), libraries' own at DEBUG.
    """
    handler = {
        "class": "logging.StreamHandler",
        "formatter": settings.log_style,
        "stream": "ext://sys.stderr",
    }
    level = settings.log_level.upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": JsonFormatter},
            "text": {"()": TextFormatter},
        },
        "filters": {"third_party_warnings": {"()": ThirdPartyWarnings}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            # httpx logs every URL it calls at INFO; the chat's calls to Rasa are not news.
            "httpx": {"level": "WARNING"},
            "py.warnings": {"filters": ["third_party_warnings"]},
        },
    }


def capture_warnings() -> None:
    """Python warnings into the logs (so through `ThirdPartyWarnings`), not raw on stderr."""
    logging.captureWarnings(True)
