"""The layers of the code base (README.md, "Layout"): who may import whom, and how big a
module may grow.

- `infra/` is the platform: settings, database, logs, rate limits, usage counters. It imports
  none of the others.
- `directory/` is the data domain: of the others it imports only the platform's table base
  (`infra.tables`), on which its tables are declared.
- `assistant/` understands messages and runs the conversation over the directory.
- `api/` adapts the domain and the assistant to HTTP; `bot/` adapts them to Rasa. Neither
  imports the other.
- `cli/`, the command line, is the one place that composes them all.

Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("infra", "directory", "assistant", "api", "bot", "cli")
FORBIDDEN = {
    "infra": {"directory", "assistant", "api", "bot", "cli"},
    "directory": {"assistant", "api", "bot", "cli"},
    "assistant": {"api", "bot", "cli"},
    "api": {"bot", "cli"},
    "bot": {"api", "cli"},
    "cli": set(),
}
# The platform modules a layer may use, where it may not use them all.
PLATFORM = {"directory": {"infra.tables"}}
MAX_LINES = 500


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _wrong(package: str, module: Path) -> list[str]:
    found = []
    for name in sorted(_imports(module)):
        top = name.split(".")[0]
        if top in FORBIDDEN[package]:
            found.append(name)
        elif top == "infra" and package in PLATFORM:
            allowed = PLATFORM[package]
            if not any(name == a or name.startswith(a + ".") for a in allowed) and not any(
                a.startswith(name + ".") for a in allowed
            ):
                found.append(name)
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_a_layer_imports_only_what_it_may(package: str) -> None:
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules, package
    wrong = {str(m.relative_to(ROOT)): _wrong(package, m) for m in modules}
    assert not {m: names for m, names in wrong.items() if names}


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from infra.config import get_settings\nimport api.main\n")
    assert _wrong("directory", module) == ["api.main", "infra.config", "infra.config.get_settings"]
    module.write_text("from infra.tables import Base\nfrom infra import tables\n")
    assert _wrong("directory", module) == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_is_over_500_lines(package: str) -> None:
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / package).rglob("*.py")
    }
    assert not {name: n for name, n in sizes.items() if n > MAX_LINES}
