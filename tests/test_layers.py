"""The layers of the code base (docs/architecture in README.md): who may import whom.

- `directory/` is the data domain: it imports none of the others.
- `assistant/` understands messages and runs the conversation over the directory: it imports
  `directory/` only.
- `api/` adapts both to HTTP; `bot/` adapts them to Rasa. Neither imports the other.
- `cli/`, the command line, is the one place that composes them all.

Every import counts, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("directory", "assistant", "api", "bot", "cli")
FORBIDDEN = {
    "directory": {"assistant", "api", "bot", "cli"},
    "assistant": {"api", "bot", "cli"},
    "api": {"bot", "cli"},
    "bot": {"api", "cli"},
    "cli": set(),
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_a_layer_imports_only_what_it_may(package: str) -> None:
    modules = sorted((ROOT / package).rglob("*.py"))
    assert modules, package
    wrong = {str(m.relative_to(ROOT)): sorted(_imports(m) & FORBIDDEN[package]) for m in modules}
    assert not {m: names for m, names in wrong.items() if names}


def test_no_module_of_the_assistant_is_over_500_lines() -> None:
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "assistant").glob("*.py")
    }
    assert not {name: n for name, n in sizes.items() if n > 500}
