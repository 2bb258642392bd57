"""`make run` as a newcomer meets it: a clean clone, none of Passerelle's caches, one terminal.

The clone (of the last commit) builds its own virtualenv, the assistant's Python 3.10
environment and model in an empty cache folder, seeds a fresh SQLite database and serves on a
free port. The test reads the console until the ready banner, checks the server answers, stops
it with Ctrl+C and then checks what the console showed: every long step announced, the banner
with its addresses and the first admin command, no Python warning, nothing saying "Failed" or
"Error". It prints how long the first run took (issue 19: it must not grow).

pip's own download cache is kept (it is pip's, not Passerelle's): the packages still install.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST_RUN_LIMIT_S = 20 * 60  # installs, Rasa's environment and training on two cores
WARNING_LINE = re.compile(r"warning", re.IGNORECASE)  # Python's, pip's, a log line's


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _python310() -> bool:
    found = subprocess.run(
        [
            "bash",
            "-c",
            "command -v python3.10 || ls $(pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10",
        ],
        capture_output=True,
    )
    return found.returncode == 0 or bool(os.environ.get("RASA_PYTHON"))


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs the project's git history to clone")
    if not _python310():
        pytest.skip("the assistant needs Python 3.10 (Rasa 3.6)")
    target = tmp_path / "passerelle"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    return target


def test_make_run_in_a_clean_clone_says_what_it_does_and_where_to_go(
    clone: Path, tmp_path: Path
) -> None:
    port = _free_port()
    pip_cache = subprocess.run(
        ["python3", "-m", "pip", "cache", "dir"], capture_output=True, text=True
    ).stdout.strip()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PASSERELLE_", "DATABASE_URL", "REDIS_URL", "VIRTUAL_ENV"))
    }
    env.update(
        XDG_CACHE_HOME=str(tmp_path / "cache"),  # no Passerelle cache: Rasa env, model, notes
        PIP_CACHE_DIR=pip_cache or str(Path.home() / ".cache" / "pip"),
        NO_COLOR="1",
    )
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert process.stdout is not None
    console: list[str] = []
    ready_after = None
    try:
        buffer = b""
        while time.monotonic() - started < FIRST_RUN_LIMIT_S and process.poll() is None:
            readable, _, _ = select.select([process.stdout], [], [], 1.0)
            if readable:
                chunk = os.read(process.stdout.fileno(), 65536)
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                console += [line.decode(errors="replace") for line in lines]
            if any("Passerelle is ready" in line for line in console):
                ready_after = time.monotonic() - started
                break
        assert ready_after is not None, "no ready banner:\n" + "\n".join(console[-60:])
        time.sleep(1.0)  # the rest of the banner
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/health", timeout=5).status_code == 200
        assert httpx.get(f"{base}/demo", timeout=5, follow_redirects=True).status_code == 200
        chat = httpx.post(
            f"{base}/v1/chat", json={"sender": "tab-firstrun1", "message": "bonjour"}, timeout=30
        )
        assert chat.status_code == 200 and not chat.json().get("degraded"), chat.text
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl+C, as a person stops it
        try:
            rest, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            rest, _ = process.communicate()
        console += (buffer + (rest or b"")).decode(errors="replace").splitlines()
        print(f"\nfirst run: ready after {ready_after} s\n" + "\n".join(console))
    shown = "\n".join(console)
    before_stop = console[
        : next(i for i, line in enumerate(console) if "Passerelle is ready" in line) + 12
    ]
    for expected in (
        "Installing the Python packages",
        "Building the assistant's environment",
        "Training the assistant",
        "Starting Rasa and the action server",
        "Assistant ready",
        f"http://127.0.0.1:{port}/demo",
        f"http://127.0.0.1:{port}/search",
        f"http://127.0.0.1:{port}/admin",
        f"http://127.0.0.1:{port}/docs",
        "passerelle users create",
    ):
        assert expected in "\n".join(before_stop), f"{expected!r} missing from:\n{shown}"
    noisy = [
        line
        for line in before_stop
        if WARNING_LINE.search(line) or "Failed" in line or "Error" in line
    ]
    assert not noisy, "\n".join(noisy)
