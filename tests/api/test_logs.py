"""Structured logs: JSON lines with a request id, the route's template, no search terms, no
client address, no exception messages."""

from __future__ import annotations

import json
import logging
import logging.config
import re
from pathlib import Path

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from infra.config import Settings
from infra.logs import JsonFormatter, TextFormatter, ThirdPartyWarnings, logging_config


def lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, object]]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in caplog.records]


def test_one_line_per_request_with_its_id_and_route_but_not_its_query(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="passerelle")
    response = client.get(
        "/v1/services", params={"q": "Zorglubstraat geweld", "municipality": "Gent"}
    )
    assert response.status_code == 200
    rid = response.headers["X-Request-ID"]
    [line] = [entry for entry in lines(caplog) if entry["logger"] == "passerelle.access"]
    assert line["request_id"] == rid
    assert line["route"] == "/v1/services"
    assert line["status"] == 200 and line["method"] == "GET"
    assert isinstance(line["ms"], float) and 0 < line["ms"] < 60_000
    assert "client" not in line
    assert "Zorglub" not in caplog.text and "Gent" not in json.dumps(line)


def test_a_path_is_logged_as_its_template(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="passerelle")
    client.get("/v1/services/not-a-service-Zorglub")
    [line] = [entry for entry in lines(caplog) if entry["logger"] == "passerelle.access"]
    assert line["route"] == "/v1/services/{service_id}"
    assert line["status"] == 404
    assert "Zorglub" not in json.dumps(line)


def test_request_ids_from_a_load_balancer_are_kept_if_they_look_like_ids(
    client: TestClient,
) -> None:
    kept = client.get("/health", headers={"X-Request-ID": "lb-2f1c9a7e"})
    assert kept.headers["X-Request-ID"] == "lb-2f1c9a7e"
    odd = client.get("/health", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert odd.headers["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(odd.headers["X-Request-ID"]) == 32


def test_an_unexpected_error_is_a_json_500_with_its_id_and_no_trace(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    router = APIRouter()
    typed = "Zorg" + "lub"  # what someone typed, as data (the stack shows source lines)

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError(f"secret detail: {typed} typed this")

    client.app.include_router(router)  # type: ignore[attr-defined]
    caplog.set_level(logging.INFO)
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.json()
    rid = response.headers["X-Request-ID"]
    assert body["request_id"] == rid and "112" in body["message"]
    assert "Zorglub" not in response.text and "Traceback" not in response.text
    [error] = [entry for entry in lines(caplog) if entry["message"] == "unhandled error"]
    assert error["exception"] == "RuntimeError"
    assert "boom" in str(error["stack"])  # where it happened…
    assert "Zorglub" not in json.dumps(error)  # …but not what the message said


def test_client_addresses_only_when_an_operator_asks(
    engine: object, caplog: pytest.LogCaptureFixture
) -> None:
    from api.main import create_app

    app = create_app(settings=Settings(PASSERELLE_LOG_CLIENT_ADDRESSES=True), engine=engine)  # type: ignore[arg-type]
    caplog.set_level(logging.INFO, logger="passerelle")
    with TestClient(app) as client:
        client.get("/health")
    [line] = [entry for entry in lines(caplog) if entry["logger"] == "passerelle.access"]
    assert line["client"] == "testclient"


def test_the_server_logging_config_makes_every_logger_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = logging_config(Settings(PASSERELLE_LOG_FORMAT="json"))
    assert config["loggers"]["uvicorn.access"]["propagate"] is False  # paths with queries
    formatter = JsonFormatter()
    record = logging.makeLogRecord({"name": "uvicorn.error", "msg": "Started", "levelno": 20})
    record.levelname = "INFO"
    assert json.loads(formatter.format(record))["message"] == "Started"
    text = TextFormatter().format(record)
    assert "uvicorn: Started" in text  # uvicorn.error is its news, not an error (issue 19)


def test_development_logs_are_readable_and_production_logs_json() -> None:
    assert Settings().log_style == "text"
    assert Settings(PASSERELLE_LOG_FORMAT="json").log_style == "json"
    production = Settings.model_construct(env="production", log_format=None)
    assert production.log_style == "json"
    record = logging.makeLogRecord({"name": "passerelle.api", "msg": "up", "levelno": 30})
    record.levelname = "WARNING"
    plain = TextFormatter(colour=False).format(record)
    assert re.fullmatch(r"\d\d:\d\d:\d\d WARNING passerelle.api: up", plain)
    assert "\x1b[33m" in TextFormatter(colour=True).format(record)


def test_libraries_warnings_are_kept_for_debug_and_ours_stay_warnings() -> None:
    keep = ThirdPartyWarnings()

    def warning(path: str) -> logging.LogRecord:
        record = logging.makeLogRecord(
            {"name": "py.warnings", "msg": "%s", "args": (f"{path}:1: DeprecationWarning: old\n",)}
        )
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return record

    library = warning("/usr/lib/python3/site-packages/pkg_resources/__init__.py")
    assert not keep.filter(library) and library.levelname == "DEBUG"
    ours = warning(str(Path(__file__).resolve().parents[2] / "api" / "main.py"))
    assert keep.filter(ours) and ours.levelname == "WARNING"
