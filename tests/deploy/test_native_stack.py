"""What docker-compose.yml runs, run natively against the local PostgreSQL and Redis.

Docker's engine does not run here, so the processes of the compose file run as they are, with
their commands and environment read from it: migrate and seed a fresh database, then Rasa with
bot/endpoints.production.yml (conversations and locks in Redis), the action server and the API
with two workers, each on a free port of 127.0.0.1 instead of its service name. Then a short
conversation through the API, its tracker in Redis with the 30-minute expiry, readiness, a
search, and the backup and restore of docs/deploy.md. Afterwards the processes are stopped, the
database dropped and the conversation's keys deleted (other users' keys are never touched).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
import redis
import yaml
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bot import stack
from bot.stack import free_port, wait_until_up
from directory.models import Service
from directory.records import load_records
from tests.conftest import POSTGRES_URL, _postgres_unavailable
from tests.deploy.test_compose import ENDPOINTS, compose, env_example

ROOT = Path(__file__).resolve().parents[2]
# Where Rasa runs: the image copies these files (credentials, production endpoints) to its /app.
RASA_DIR = stack.BOT_DIR
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
LOGS = Path(os.environ.get("PASSERELLE_TEST_OUTPUT", "test-output")).resolve() / "deploy"
# Typed in the conversation, then looked for in every log.
TYPED = "mon compagnon me rabaisse devant les voisins"


def _unreachable() -> str | None:
    reason = _postgres_unavailable()
    if reason:
        return reason
    try:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, socket_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis not reachable at {REDIS_HOST}:{REDIS_PORT}: {error}"
    return None


def with_option(command: list[str], option: str, value: str) -> list[str]:
    """The compose command with `option`'s value replaced (its port, host, workers...)."""
    assert option in command, f"{option} is no longer in the compose command {command}"
    index = command.index(option) + 1
    return [*command[:index], value, *command[index + 1 :]]


def _rewrite_urls(value: str, addresses: dict[str, str], ports: dict[str, str]) -> str:
    """A compose URL (redis://redis:6379/2) with the service's native address instead."""
    for service, address in addresses.items():
        value = value.replace(f"//{service}:{ports[service]}", f"//{address}")
    return value


@dataclass
class NativeStack:
    api_url: str
    database_url: str
    tracker: dict[str, Any]
    lock: dict[str, Any]
    environment: dict[str, str]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    senders: list[str] = field(default_factory=list)

    def redis(self, db: int) -> redis.Redis:
        return redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=db)

    def tracker_key(self, sender: str) -> str:
        # Rasa 3.6: "<prefix>:tracker:<sender>", or "tracker:<sender>" without a prefix.
        prefix = self.tracker.get("key_prefix")
        return f"{prefix}:tracker:{sender}" if prefix else f"tracker:{sender}"

    def lock_key(self, sender: str) -> str:
        prefix = self.lock.get("key_prefix")
        return f"{prefix}:lock:{sender}" if prefix else f"lock:{sender}"

    def forget(self, sender: str) -> None:
        """Delete this conversation's keys: its tracker, and its lock if one was left."""
        self.redis(int(self.tracker["db"])).delete(self.tracker_key(sender))
        self.redis(int(self.lock["db"])).delete(self.lock_key(sender))


def _start(
    name: str, command: list[str], env: dict[str, str], cwd: Path, logs: dict[str, IO[bytes]]
) -> subprocess.Popen[bytes]:
    logs[name] = (LOGS / f"{name}.log").open("wb")
    # Its own process group, so that the API's workers can be stopped with their supervisor.
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=logs[name],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    stack.stop_processes(list(processes.values()))


def _wait(
    url: str, name: str, processes: dict[str, subprocess.Popen[bytes]], timeout: float
) -> None:
    """Wait for a process to answer; if it fails, say why with the end of its log."""
    try:
        wait_until_up(url, processes[name], timeout)
    except (RuntimeError, TimeoutError) as error:
        tail = (LOGS / f"{name}.log").read_text(encoding="utf-8", errors="replace")
        lines = [line for line in tail.splitlines() if "Warning" not in line][-15:]
        raise AssertionError(f"{name}: {error}\n" + "\n".join(lines)) from None


@pytest.fixture(scope="module")
def native(rasa_model: Path) -> Iterator[NativeStack]:
    reason = _unreachable()
    if reason:
        pytest.skip(reason)
    LOGS.mkdir(parents=True, exist_ok=True)
    # .env.example filled in as an operator would (production refuses "*" as widget origins).
    values = {**env_example(), "PASSERELLE_WIDGET_ORIGINS": "https://www.gent.be"}
    services = compose(values)["services"]
    endpoints = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    name = f"passerelle_native_{uuid.uuid4().hex[:8]}"
    database_url = make_url(POSTGRES_URL).set(database=name).render_as_string(False)
    ports = {"rasa": free_port(), "actions": free_port(), "api": free_port()}
    addresses = {
        "redis": f"{REDIS_HOST}:{REDIS_PORT}",
        "rasa": f"127.0.0.1:{ports['rasa']}",
        "actions": f"127.0.0.1:{ports['actions']}",
    }
    compose_ports = {"redis": "6379", "rasa": "5005", "actions": "5055"}
    # The venvs' bin first, so that `passerelle`, `python` and `rasa` are the images' ones.
    bin_dirs = [str(Path(sys.executable).parent), str(stack.rasa_env() / "bin")]
    path = os.pathsep.join([*bin_dirs, os.environ.get("PATH", "")])

    def environment(service: str, **extra: str) -> dict[str, str]:
        compose_env = services[service].get("environment", {})
        env = {k: _rewrite_urls(str(v), addresses, compose_ports) for k, v in compose_env.items()}
        if "REDIS_HOST" in env:
            env["REDIS_HOST"] = REDIS_HOST
        if "DATABASE_URL" in env:
            env["DATABASE_URL"] = database_url
        leftover = [f"{k}={v}" for k, v in env.items() if any(f"//{s}:" in v for s in services)]
        assert not leftover, f"service names left in {service}'s environment: {leftover}"
        return {**os.environ, **env, **extra, "PATH": path}

    native = NativeStack(
        api_url=f"http://127.0.0.1:{ports['api']}",
        database_url=database_url,
        tracker=endpoints["tracker_store"],
        lock=endpoints["lock_store"],
        environment=environment("api"),
    )
    logs: dict[str, IO[bytes]] = {}
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        # Rasa first: it takes longest to start and needs neither the database nor the actions.
        rasa = services["rasa"]["command"]
        rasa = with_option(rasa, "--model", str(rasa_model))
        rasa = with_option(rasa, "--interface", "127.0.0.1")
        rasa = with_option(rasa, "--port", str(ports["rasa"]))
        rasa_env = stack.quiet_env(**environment("rasa"))
        native.processes["rasa"] = _start("rasa", rasa, rasa_env, RASA_DIR, logs)

        logs["migrate"] = (LOGS / "migrate.log").open("wb")
        subprocess.run(
            services["migrate"]["command"], cwd=ROOT, env=environment("migrate"),
            stdout=logs["migrate"], stderr=subprocess.STDOUT, timeout=300, check=True,
        )  # fmt: skip

        actions = with_option(services["actions"]["command"], "--port", str(ports["actions"]))
        actions_env = environment("actions", SANIC_HOST="127.0.0.1")
        native.processes["actions"] = _start("actions", actions, actions_env, ROOT, logs)

        api = services["api"]["command"]
        api = with_option(api, "--host", "127.0.0.1")
        api = with_option(api, "--port", str(ports["api"]))
        api = with_option(api, "--workers", "2")
        # Two shared cores: the first turns (place resolver, model warm-up) can take seconds;
        # the 2.5 s timeout itself is tested in tests/api.
        api_env = environment("api", PASSERELLE_CHAT_TIMEOUT="15")
        native.processes["api"] = _start("api", api, api_env, ROOT, logs)

        _wait(f"http://{addresses['actions']}/health", "actions", native.processes, 90)
        _wait(f"{native.api_url}/health", "api", native.processes, 90)
        _wait(f"http://{addresses['rasa']}/", "rasa", native.processes, 180)
        yield native
    finally:
        _stop(native.processes)
        for sender in native.senders:
            native.forget(sender)
        for log in logs.values():
            log.close()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrate_and_seed_load_the_directory(native: NativeStack) -> None:
    engine = create_engine(native.database_url)
    with engine.connect() as connection:
        services = connection.execute(select(func.count()).select_from(Service)).scalar_one()
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert services == len(load_records(ROOT / "data" / "services.yaml"))
    assert revision


def _chat(native: NativeStack, sender: str, message: str) -> dict[str, Any]:
    body = {"sender": sender, "message": message, "lang": "fr", "municipality": "44021"}
    response = httpx.post(f"{native.api_url}/v1/chat", json=body, timeout=30)
    assert response.status_code == 200, response.text
    reply: dict[str, Any] = response.json()
    assert reply["degraded"] is False, f"the assistant did not answer; see {LOGS}/rasa.log"
    assert reply["messages"] and reply["messages"][0]["type"] == "text"
    return reply


def _question(reply: dict[str, Any]) -> str | None:
    asked = [m["question"] for m in reply["messages"] if m.get("question")]
    return asked[-1] if asked else None


def test_a_conversation_lives_in_redis_for_30_minutes_at_most(native: NativeStack) -> None:
    sender = f"native-{uuid.uuid4().hex[:16]}"
    native.senders.append(sender)
    assert _question(_chat(native, sender, "bonjour")) == "safety"
    second = _question(_chat(native, sender, '/inform{"safety":"ok"}'))
    assert second not in (None, "safety")
    third = _chat(native, sender, TYPED)
    assert _question(third) != second or any(m["type"] == "referral" for m in third["messages"])

    tracker_db = native.redis(int(native.tracker["db"]))
    key = native.tracker_key(sender)
    assert tracker_db.exists(key), f"no tracker at {key} in Redis db {native.tracker['db']}"
    ttl = tracker_db.ttl(key)
    assert 0 < ttl <= int(native.tracker["record_exp"]) <= 1800
    assert not native.redis(int(native.lock["db"])).exists(native.lock_key(sender)), "lock kept"

    native.forget(sender)
    assert not tracker_db.exists(key)

    # No message text in any log (the API logs no chat body; Rasa logs no text at INFO).
    for log in LOGS.glob("*.log"):
        assert TYPED not in log.read_text(encoding="utf-8", errors="replace"), log.name


def test_ready_reports_the_database_rasa_and_the_actions(native: NativeStack) -> None:
    response = httpx.get(f"{native.api_url}/ready", timeout=10)
    assert response.status_code == 200, response.text
    ready = response.json()
    assert ready["status"] == "ready", ready
    assert all(check["ok"] for check in ready["checks"].values()), ready


def test_search_by_municipality(native: NativeStack) -> None:
    response = httpx.get(f"{native.api_url}/v1/services", params={"municipality": "Gent"})
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total_items"] > 0 and page["contents"]


def test_backup_restores_into_a_fresh_database(native: NativeStack, tmp_path: Path) -> None:
    """The commands of docs/deploy.md ("Backups"), without the `docker compose exec` around them."""
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed")
    source = make_url(native.database_url)
    restored = f"{source.database}_restore"
    libpq = ["-h", source.host or "127.0.0.1", "-p", str(source.port or 5432)]
    libpq += ["-U", source.username or "postgres"]
    dump = tmp_path / "passerelle.dump"
    subprocess.run(
        ["pg_dump", *libpq, "-d", str(source.database), "-Fc", "-f", str(dump)],
        check=True, timeout=60,
    )  # fmt: skip
    subprocess.run(["createdb", *libpq, restored], check=True, timeout=30)
    restored_url = source.set(database=restored).render_as_string(False)
    try:
        subprocess.run(
            ["pg_restore", *libpq, "-d", restored, "--no-owner", "--exit-on-error", str(dump)],
            check=True, timeout=120,
        )  # fmt: skip
        upgrade = shlex.split("passerelle db upgrade")
        subprocess.run(
            upgrade, cwd=ROOT, env={**native.environment, "DATABASE_URL": restored_url},
            check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        counts = []
        for url in (native.database_url, restored_url):
            engine = create_engine(url)
            with engine.connect() as connection:
                counts.append(
                    connection.execute(select(func.count()).select_from(Service)).scalar_one()
                )
                hits = connection.execute(
                    text("SELECT count(*) FROM pg_ts_config WHERE cfgname LIKE 'passerelle_%'")
                ).scalar_one()
                assert hits == 2, "the text search configurations were not restored"
            engine.dispose()
        assert counts[0] == counts[1] > 0
    finally:
        subprocess.run(["dropdb", *libpq, "--if-exists", "--force", restored], check=False)
