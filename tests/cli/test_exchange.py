"""`passerelle export` and `passerelle import`: a round trip into an empty database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from infra.config import get_settings

runner = CliRunner()


def use(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()


@pytest.fixture
def clean_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("clean_settings")
def test_export_import_export_into_an_empty_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(tmp_path / "full.db", monkeypatch)
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["seed"]).exit_code == 0
    exports = {}
    for format in ("csv", "ndjson", "hsds"):
        out = tmp_path / f"full.{format}"
        result = runner.invoke(app, ["export", "--format", format, "-o", str(out)])
        assert result.exit_code == 0, result.output
        exports[format] = out.read_bytes()

    use(tmp_path / "empty.db", monkeypatch)
    (tmp_path / "none.yaml").write_text("[]\n")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    assert runner.invoke(app, ["seed", "--services", str(tmp_path / "none.yaml")]).exit_code == 0
    dry = runner.invoke(app, ["import", str(tmp_path / "full.csv")])
    assert dry.exit_code == 0, dry.output
    assert "Dry run" in dry.output and "to create" in dry.output
    assert runner.invoke(app, ["export", "--format", "csv"]).stdout_bytes.count(b"\n") == 1

    applied = runner.invoke(app, ["import", str(tmp_path / "full.csv"), "--apply"])
    assert applied.exit_code == 0, applied.output
    assert "Applied as batch" in applied.output
    for format in ("csv", "ndjson", "hsds"):
        again = runner.invoke(app, ["export", "--format", format])
        assert again.stdout_bytes == exports[format], format
    twice = runner.invoke(app, ["import", str(tmp_path / "full.ndjson"), "--apply"])
    assert " 0 to create, 0 to update" in twice.output


@pytest.mark.usefixtures("clean_settings")
def test_a_bad_file_imports_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    use(tmp_path / "cli.db", monkeypatch)
    runner.invoke(app, ["db", "upgrade"])
    bad = tmp_path / "bad.csv"
    bad.write_text("id;kind\nNot An Id;helpline\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--apply"])
    assert result.exit_code == 1
    assert "row 2" in result.output and "Nothing was imported" in result.output
