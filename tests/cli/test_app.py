"""The `passerelle` command line, end to end on a fresh SQLite file."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from directory.paths import DATA_DIR
from directory.records import load_records
from infra.config import get_settings

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("PASSERELLE_CACHE", str(tmp_path / "cache"))  # the seed's notes: new
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


def test_upgrade_seed_search(database: Path) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    first = runner.invoke(app, ["seed"])
    assert first.exit_code == 0, first.output
    records = len(load_records(DATA_DIR / "services.yaml"))
    assert f"{records} created" in first.output
    assert "zone de police Montgomery" in first.output  # unmapped coverage is reported
    second = runner.invoke(app, ["seed"])
    assert f"0 created, 0 updated, {records} unchanged" in second.output
    found = runner.invoke(app, ["search", "partnergeweld", "--place", "Gent", "--lang", "nl"])
    assert found.exit_code == 0, found.output
    assert "1712" in found.output


def test_an_invalid_seed_file_loads_nothing_and_says_why(database: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["db", "upgrade"])
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- {id: one, name_fr: Un, kind: spa, audiences: [victim], source_urls: [https://a.be]}\n"
        "- {id: two, name_fr: Deux, kind: other, audiences: [], source_urls: [https://a.be]}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["seed", "--services", str(bad)])
    assert result.exit_code == 1
    assert "one: kind:" in result.output and "two: audiences:" in result.output


def test_an_ambiguous_place_is_refused(database: Path) -> None:
    runner.invoke(app, ["db", "upgrade"])
    runner.invoke(app, ["seed"])
    result = runner.invoke(app, ["search", "--place", "Sint-Gillis"])
    assert result.exit_code == 2
    assert "21013" in result.output and "46020" in result.output


def test_users_create_takes_the_password_from_the_environment(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["db", "upgrade"])
    runner.invoke(app, ["seed"])
    monkeypatch.setenv("PASSERELLE_PASSWORD", "a long enough password")
    made = runner.invoke(app, ["users", "create", "--email", "Boss@Example.org", "--role", "admin"])
    assert made.exit_code == 0, made.output
    assert "boss@example.org (admin)" in made.output
    again = runner.invoke(
        app, ["users", "create", "--email", "boss@example.org", "--role", "admin"]
    )
    assert again.exit_code == 2 and "exists already" in again.output
    editor = runner.invoke(
        app,
        ["users", "create", "--email", "e@example.org", "--role", "editor", "--area", "town:1"],
    )
    assert editor.exit_code == 2 and "--area" in editor.output


def test_users_create_never_uses_a_default_password(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["db", "upgrade"])
    monkeypatch.delenv("PASSERELLE_PASSWORD", raising=False)
    result = runner.invoke(app, ["users", "create", "--email", "a@example.org", "--role", "admin"])
    assert result.exit_code == 2
    assert "PASSERELLE_PASSWORD" in result.output


def test_coverage_report_for_an_area_as_table_and_csv(database: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["db", "upgrade"])
    runner.invoke(app, ["seed"])
    table = runner.invoke(app, ["coverage", "--area", "municipality:11005"])
    assert table.exit_code == 0, table.output
    assert "Boom" in table.output and "Rupel" in table.output
    out = tmp_path / "coverage.csv"
    written = runner.invoke(
        app, ["coverage", "--area", "province:70000", "--format", "csv", "-o", str(out)]
    )
    assert written.exit_code == 0, written.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("nis_code;municipality_fr;") and len(lines) == 1 + 38  # Limburg


def test_coverage_refuses_an_area_it_cannot_read(database: Path) -> None:
    runner.invoke(app, ["db", "upgrade"])
    bad = runner.invoke(app, ["coverage", "--area", "Boom"])
    assert bad.exit_code == 2 and "scope:code" in bad.output


@pytest.mark.parametrize(
    ("env", "trusted"), [({}, None), ({"FORWARDED_ALLOW_IPS": "10.0.0.7"}, "10.0.0.7")]
)
def test_serve_believes_forwarded_headers_only_from_configured_proxies(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], trusted: str | None
) -> None:
    """Issue 14 (10): uvicorn's default trusts X-Forwarded-For from 127.0.0.1, so anyone
    behind a local proxy could choose the address their rate limits count under."""
    import uvicorn

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        assert runner.invoke(app, ["serve"]).exit_code == 0
    finally:
        get_settings.cache_clear()
    assert seen["proxy_headers"] is (trusted is not None)
    assert seen["forwarded_allow_ips"] == trusted


def test_users_password_deactivate_activate_and_sign_out(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["db", "upgrade"])
    runner.invoke(app, ["seed"])
    monkeypatch.setenv("PASSERELLE_PASSWORD", "a long enough password")
    assert (
        runner.invoke(app, ["users", "create", "--email", "o@x.org", "--role", "admin"]).exit_code
        == 0
    )
    monkeypatch.setenv("PASSERELLE_PASSWORD", "aaaaaaaaaaaa")
    weak = runner.invoke(app, ["users", "password", "--email", "o@x.org"])
    assert weak.exit_code == 2 and "too easy to guess" in weak.output
    monkeypatch.setenv("PASSERELLE_PASSWORD", "ocre tiède pour sept bouleaux")
    assert runner.invoke(app, ["users", "password", "--email", "o@x.org"]).exit_code == 0
    assert (
        "Deactivated o@x.org"
        in runner.invoke(app, ["users", "deactivate", "--email", "o@x.org"]).output
    )
    assert (
        "Activated o@x.org"
        in runner.invoke(app, ["users", "activate", "--email", "o@x.org"]).output
    )
    assert (
        "Ended 0 session(s)"
        in runner.invoke(app, ["users", "sign-out", "--email", "o@x.org"]).output
    )
    unknown = runner.invoke(app, ["users", "deactivate", "--email", "nobody@x.org"])
    assert unknown.exit_code == 2 and "no account" in unknown.output
