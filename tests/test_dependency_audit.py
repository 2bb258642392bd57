"""Dependency audit: every pinned package of the app (constraints.txt) and of the Rasa
environment (bot/constraints.txt) against the advisory database pip-audit reads (PyPI's).

Known exceptions, each with its reason, are listed in docs/security.md; anything else fails.
When the advisory database cannot be reached (these build machines reach the package registry
but not PyPI's per-version advisory pages), the test is skipped and says so: it is never
silently green.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIP_AUDIT = Path(sys.executable).parent / "pip-audit"
ADVISORY = re.compile(r"\b(?:PYSEC|GHSA|CVE)-[0-9A-Za-z-]+")


def known_exceptions() -> set[str]:
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    section = text.split("## Dependency audit", 1)[1].split("\n## ", 1)[0]
    return set(ADVISORY.findall(section))


def advisories_unreachable() -> str | None:
    """Ask pip-audit's own PyPI service about one pin we know exists."""
    from packaging.version import Version
    from pip_audit._service.interface import ResolvedDependency, ServiceError, SkippedDependency
    from pip_audit._service.pypi import PyPIService

    try:
        answer, _ = PyPIService(timeout=5).query(ResolvedDependency("httpx", Version("0.28.1")))
    except ServiceError as error:
        return f"{type(error).__name__}: {error}"
    if isinstance(answer, SkippedDependency):
        return answer.skip_reason
    return None


@pytest.mark.parametrize("requirements", ["constraints.txt", "bot/constraints.txt"])
def test_no_known_vulnerability_outside_the_documented_exceptions(requirements: str) -> None:
    reason = advisories_unreachable()
    if reason:
        pytest.skip(f"the advisory database is not reachable from this machine: {reason}")
    options = ["--no-deps", "--disable-pip", "--progress-spinner", "off", "--format", "json"]
    result = subprocess.run(
        [str(PIP_AUDIT), "-r", str(ROOT / requirements), *options, "-s", "pypi", "--timeout", "10"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.skip(f"pip-audit could not run: {result.stderr.strip().splitlines()[-1:]}")
    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        pytest.skip(
            f"the advisory database is not reachable from this machine: none of the "
            f"{len(dependencies)} pins of {requirements} could be audited"
        )
    allowed = known_exceptions()
    found = {
        f"{d['name']}=={d['version']}: {v['id']}"
        for d in audited
        for v in d.get("vulns", [])
        if v["id"] not in allowed and not allowed.intersection(v.get("aliases", []))
    }
    assert not found, "new advisories (upgrade, or document them in docs/security.md)"
