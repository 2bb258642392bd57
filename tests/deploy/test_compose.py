"""The production files, checked without Docker (its engine runs neither here nor in CI).

docker-compose.yml is validated against the Compose Specification's JSON schema after the same
`${VAR}` interpolation compose does, with the values of .env.example; the rest are the rules the
deployment relies on: pinned images, health checks, one published port, no secret in a file,
every setting documented, production refusing the placeholders, Rasa sharing conversations
through Redis.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import AliasChoices, ValidationError

from infra.config import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILES = {
    "api": ROOT / "docker" / "api.Dockerfile",
    "rasa": ROOT / "docker" / "rasa.Dockerfile",
}
ENDPOINTS = ROOT / "bot" / "endpoints.production.yml"
COMPOSE_SCHEMA = Path(__file__).parents[2] / "vendor" / "compose-spec" / "compose-spec.json"

# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR?message}, and $$ for a literal $.
INTERPOLATION = re.compile(r"\$(?:\$|\{(?P<name>[A-Za-z_]\w*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\})")
ENV_LINE = re.compile(r"^(?P<commented>#\s*)?(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
# A version with at least major.minor: a floating major (postgres:15, redis:7) can change under us.
EXACT_TAG = re.compile(r"^\d+\.\d+(\.\d+)?(-[a-z0-9.]+)*$")
SETTINGS_NAMES = ("PASSERELLE_", "DATABASE_URL", "REDIS_URL")


class MissingVariable(Exception):
    """What compose reports for ${VAR:?message} when VAR is unset or empty."""


def interpolate(value: str, env: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match["name"], match["op"], match["arg"] or ""
        current = env.get(name)
        missing = current is None or (current == "" and op is not None and op.startswith(":"))
        if op and op.endswith("?") and missing:
            raise MissingVariable(f"{name}: {arg}")
        if op and op.endswith("-") and missing:
            return arg
        return current or ""

    return INTERPOLATION.sub(replace, value)


def resolved(tree: Any, env: dict[str, str]) -> Any:
    if isinstance(tree, str):
        return interpolate(tree, env)
    if isinstance(tree, list):
        return [resolved(item, env) for item in tree]
    if isinstance(tree, dict):
        return {key: resolved(item, env) for key, item in tree.items()}
    return tree


def env_example(*, commented: bool = False) -> dict[str, str]:
    """The variables .env.example sets (with `commented`, also those it shows as `# NAME=default`)."""
    found = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        match = ENV_LINE.match(line)
        if match and (commented or not match["commented"]):
            found[match["name"]] = match["value"]
    return found


def raw_compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    return loaded


def compose(env: dict[str, str] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = resolved(raw_compose(), env_example() if env is None else env)
    return result


def settings_names() -> dict[str, list[str]]:
    """Each Settings field's environment names, the first one being the documented one."""
    names = {}
    for field_name, field in Settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names[field_name] = [str(choice) for choice in alias.choices]
        else:
            names[field_name] = [str(alias or field_name.upper())]
    return names


def referenced_variables(text: str) -> set[str]:
    return {m["name"] for m in INTERPOLATION.finditer(text) if m["name"]}


def walk_environments(services: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, service in services.items():
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.partition("=")[::2] for item in environment)
        for key, value in environment.items():
            yield name, key, str(value)


def from_lines(dockerfile: Path) -> list[str]:
    lines = dockerfile.read_text(encoding="utf-8").splitlines()
    return [line.split()[1] for line in lines if line.upper().startswith("FROM ")]


def one_shot(services: dict[str, Any]) -> set[str]:
    """Services others wait for to finish (migrations), not to keep running."""
    return {
        dependency
        for service in services.values()
        if isinstance(service.get("depends_on"), dict)
        for dependency, rule in service["depends_on"].items()
        if rule.get("condition") == "service_completed_successfully"
    }


# -- the file itself -------------------------------------------------------------------------------


def test_compose_file_is_valid_against_the_compose_specification() -> None:
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    # The file names draft 7 without the trailing '#', which jsonschema does not recognise.
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(compose()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_compose_refuses_to_start_without_the_database_password() -> None:
    env = env_example()
    del env["POSTGRES_PASSWORD"]
    with pytest.raises(MissingVariable, match="POSTGRES_PASSWORD"):
        compose(env)
    with pytest.raises(MissingVariable, match="POSTGRES_PASSWORD"):
        compose({**env, "POSTGRES_PASSWORD": ""})


def test_every_image_and_build_base_is_pinned() -> None:
    for name, service in compose()["services"].items():
        image = service.get("image")
        assert image, f"{name}: no image name (a built image needs one to be shared and pinned)"
        _, _, tag = image.rpartition(":")
        assert tag != "latest" and EXACT_TAG.match(tag), f"{name}: {image} is not an exact tag"
        if "build" in service:
            dockerfile = ROOT / service["build"]["dockerfile"]
            assert dockerfile in DOCKERFILES.values(), f"{name}: unexpected {dockerfile}"
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert version is not None
    built = {s["image"] for s in compose()["services"].values() if "build" in s}
    assert built == {f"passerelle-api:{version[1]}", f"passerelle-rasa:{version[1]}"}


# A path that starts a word (after a space, =, : or a quote), not the tail of a relative one.
ABSOLUTE_PATH = re.compile(r"""(?:(?<=\s)|(?<==)|(?<=:)|(?<="))(/[\w.-][\w./-]*)""")
IMAGE_PATHS = ("/app", "/opt/", "/tmp/", "/usr/", "/home/rasa", "/nonexistent")


def test_dockerfiles_are_pinned_and_rasa_runs_on_python_3_10() -> None:
    for name, dockerfile in DOCKERFILES.items():
        text = dockerfile.read_text(encoding="utf-8")
        bases = from_lines(dockerfile)
        assert bases, f"{dockerfile.name}: no FROM"
        for base in bases:
            match = re.fullmatch(r"python:(\d+)\.(\d+)\.(\d+)-slim-bookworm", base)
            assert match, f"{dockerfile.name}: {base} is not an exact python:X.Y.Z-slim-bookworm"
            expected = "3.10" if name == "rasa" else "3.11"
            assert f"{match[1]}.{match[2]}" == expected, f"{dockerfile.name}: {base}"
        # Pins only, nothing fetched by hand, no machine paths, never root at run time.
        assert re.search(r"pip install .*-c \S*constraints\.txt", text), dockerfile.name
        assert not re.search(r"https?://|\bADD\b|curl|wget", text), dockerfile.name
        # Absolute paths only inside the image's own folders, never one of a build machine.
        outside = [p for p in ABSOLUTE_PATH.findall(text) if not p.startswith(IMAGE_PATHS)]
        assert not outside, f"{dockerfile.name}: {outside}"
        users = re.findall(r"^USER (\S+)$", text, re.M)
        assert users and users[-1] not in ("root", "0"), f"{dockerfile.name}: runs as root"
    rasa = DOCKERFILES["rasa"].read_text(encoding="utf-8")
    assert "bot/requirements.txt" in rasa and "bot/constraints.txt" in rasa
    assert re.search(
        r"rasa train .*--config config\.yml .*--domain domain\.yml .*--data data", rasa
    )


def test_long_running_services_have_a_health_check_and_a_restart_policy() -> None:
    services = compose()["services"]
    assert one_shot(services) == {"migrate"}
    assert services["migrate"]["restart"] in ("no", "on-failure")
    for name, service in services.items():
        if name in one_shot(services):
            continue
        assert service.get("restart") == "unless-stopped", f"{name}: restart policy"
        test = service.get("healthcheck", {}).get("test")
        assert test and test[0] in ("CMD", "CMD-SHELL"), f"{name}: no health check"
    checks = {
        name: " ".join(s["healthcheck"]["test"])
        for name, s in services.items()
        if name != "migrate"
    }
    assert "pg_isready" in checks["db"] and "redis-cli ping" in checks["redis"]
    assert "127.0.0.1:8000/health" in checks["api"] and "127.0.0.1:5055/health" in checks["actions"]
    assert "127.0.0.1:5005/'" in checks["rasa"]


def test_the_api_starts_after_migrations_and_redis() -> None:
    depends = compose()["services"]["api"]["depends_on"]
    assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert depends["redis"]["condition"] == "service_healthy"
    assert {"rasa", "actions"} <= set(depends)
    assert compose()["services"]["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_only_the_api_publishes_a_port_and_on_loopback_by_default() -> None:
    services = compose()["services"]
    assert {name for name, s in services.items() if s.get("ports")} == {"api"}
    assert not any("expose" in s for s in services.values())
    defaults = {k: v for k, v in env_example().items() if k not in ("API_BIND", "API_PORT")}
    assert compose(defaults)["services"]["api"]["ports"] == ["127.0.0.1:8000:8000"]


def test_no_secret_is_written_in_the_compose_file() -> None:
    services = raw_compose()["services"]
    for service, key, value in walk_environments(services):
        if re.search(r"PASSWORD|SECRET|TOKEN|KEY", key):
            assert re.fullmatch(r"\$\{[A-Z_]+(:?\?[^}]*)?\}", value), f"{service}: {key}={value}"
        for password in re.findall(r"://[^/:@\s]+:([^@\s]+)@", value):
            assert password.startswith("${"), f"{service}: {key} holds a literal password"
    text = COMPOSE_FILE.read_text(encoding="utf-8").lower()
    assert "change-me" not in text and "changeme" not in text


def test_the_app_services_run_in_production_with_the_service_names() -> None:
    services = compose()["services"]
    for name in ("migrate", "api", "actions"):
        environment = services[name]["environment"]
        assert environment["PASSERELLE_ENV"] == "production"
        assert environment["PASSERELLE_RASA_URL"] == "http://rasa:5005"
        assert environment["PASSERELLE_ACTIONS_URL"] == "http://actions:5055"
        assert environment["REDIS_URL"].startswith("redis://redis:6379/")
        assert "@db:5432/" in environment["DATABASE_URL"]
        assert services[name]["env_file"] == ".env"
    rasa = services["rasa"]
    assert "env_file" not in rasa, "Rasa needs no secret: keep .env out of it"
    assert rasa["environment"]["ACTION_ENDPOINT_URL"] == "http://actions:5055/webhook"
    assert rasa["environment"]["REDIS_HOST"] == "redis"
    assert "--enable-api" not in rasa["command"]
    assert int(rasa["deploy"]["replicas"]) >= 1


# -- settings --------------------------------------------------------------------------------------


def test_every_setting_is_documented_in_env_example() -> None:
    documented = env_example(commented=True)
    missing = [names[0] for names in settings_names().values() if names[0] not in documented]
    assert not missing, f".env.example does not document {missing}"
    known = {name for names in settings_names().values() for name in names}
    stale = [n for n in documented if n.startswith(SETTINGS_NAMES) and n not in known]
    assert not stale, f".env.example documents settings that do not exist: {stale}"
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if ENV_LINE.match(line):
            assert index and lines[index - 1].startswith("# "), f"no comment above {line!r}"


def test_compose_variables_are_settings_or_documented() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    known = {name for names in settings_names().values() for name in names}
    keys = {key for _, key, _ in walk_environments(raw_compose()["services"])}
    for name in keys | referenced_variables(text):
        if name.startswith(SETTINGS_NAMES):
            assert name in known, f"docker-compose.yml sets {name}, which Settings does not read"
    undocumented = referenced_variables(text) - set(env_example(commented=True))
    assert not undocumented, f".env.example does not document {sorted(undocumented)}"


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings read only what the test gives them, not the developer's environment."""
    for names in settings_names().values():
        for name in names:
            monkeypatch.delenv(name, raising=False)


def _settings(values: dict[str, Any]) -> Settings:
    # No .env file either: a developer's own would change the outcome.
    return Settings(_env_file=None, **values)


@pytest.mark.usefixtures("clean_environment")
def test_commented_defaults_in_env_example_are_the_real_defaults() -> None:
    shown = {k: v for k, v in env_example(commented=True).items() if k not in env_example()}
    for field_name, names in settings_names().items():
        if names[0] not in shown or field_name in ("data_dir", "database_url"):
            continue  # paths depend on where the code is
        value = getattr(_settings({names[0]: shown[names[0]]}), field_name)
        assert value == Settings.model_fields[field_name].default, names[0]


@pytest.mark.usefixtures("clean_environment")
def test_production_refuses_the_placeholders_of_env_example() -> None:
    example = {**env_example(), "PASSERELLE_ENV": "production"}
    with pytest.raises(
        ValidationError, match="DATABASE_URL: the password is still the placeholder"
    ):
        _settings(example)
    # What compose hands the api: DATABASE_URL built from POSTGRES_PASSWORD=change-me.
    api = compose()["services"]["api"]["environment"]
    settings_env = {k: v for k, v in api.items() if k.startswith(SETTINGS_NAMES)}
    with pytest.raises(ValidationError) as refused:
        _settings(settings_env)
    assert "placeholder" in str(refused.value) and "PASSERELLE_WIDGET_ORIGINS" in str(refused.value)


@pytest.mark.usefixtures("clean_environment")
def test_production_accepts_env_example_once_filled_in() -> None:
    filled = {
        **env_example(),
        "POSTGRES_PASSWORD": "5f0c2b7e9a41d3c6b8e2f7a9d0c1b4e6",
        "PASSERELLE_WIDGET_ORIGINS": "https://www.gent.be,https://www.liege.be",
    }
    api = compose(filled)["services"]["api"]["environment"]
    settings = _settings({k: v for k, v in api.items() if k.startswith(SETTINGS_NAMES)})
    assert settings.env == "production"
    assert settings.database_url.startswith("postgresql+psycopg://passerelle:5f0c")
    assert settings.origins == {"https://www.gent.be", "https://www.liege.be"}
    outside_compose = {
        **env_example(),
        "DATABASE_URL": "postgresql://passerelle:5f0c2b7e9a41d3c6@127.0.0.1:5432/passerelle",
        "PASSERELLE_WIDGET_ORIGINS": "https://www.gent.be",
    }
    assert _settings(outside_compose).redis_url == "redis://127.0.0.1:6379/2"


# -- the images' contents and Rasa ---------------------------------------------------------------


def _ignored(path: str, patterns: list[str]) -> bool:
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        for prefix in prefixes:
            if fnmatch.fnmatch(prefix, pattern) or (
                pattern.startswith("**/")
                and fnmatch.fnmatch(prefix.rsplit("/", 1)[-1], pattern[3:])
            ):
                return True
    return False


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_images() -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    for path in (".env", ".env.production", ".git", ".venv", "passerelle.db", "test-output"):
        assert _ignored(path, patterns), f"{path} would be sent to the image build"
    needed = (
        "README.md", "pyproject.toml", "constraints.txt", "alembic.ini", "migrations/env.py",
        "data/services.yaml", "data/geo", "examples/demo", "api/web/widget.js",
        "bot/actions/__init__.py", "bot/data/nlu/fr.yml", "bot/endpoints.production.yml",
    )  # fmt: skip
    for path in needed:
        assert not _ignored(path, patterns), f"{path} is needed in an image but ignored"
        assert (ROOT / path).exists(), path


def test_rasa_command_uses_the_production_endpoints_and_the_rest_channel() -> None:
    command = compose()["services"]["rasa"]["command"]
    endpoints = command[command.index("--endpoints") + 1]
    credentials = command[command.index("--credentials") + 1]
    assert endpoints == ENDPOINTS.name
    assert "rest" in yaml.safe_load((ROOT / "bot" / credentials).read_text(encoding="utf-8"))
    copied = DOCKERFILES["rasa"].read_text(encoding="utf-8")
    assert f"bot/{endpoints}" in copied and f"bot/{credentials}" in copied


def test_production_endpoints_share_conversations_through_redis() -> None:
    endpoints = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    tracker, lock = endpoints["tracker_store"], endpoints["lock_store"]
    assert tracker["type"] == "redis" and lock["type"] == "redis"
    assert 0 < int(tracker["record_exp"]) <= 1800, "conversations are forgotten after 30 minutes"
    assert tracker["db"] != lock["db"]
    assert tracker.get("key_prefix", "x").isalnum(), (
        "Rasa ignores a prefix that is not alphanumeric"
    )
    # Every variable of the file is set for the rasa service.
    rasa_environment = compose()["services"]["rasa"]["environment"]
    needed = referenced_variables(ENDPOINTS.read_text(encoding="utf-8"))
    assert needed and needed <= set(rasa_environment)
    # The API's rate limits use a Redis database of their own.
    redis_url = compose()["services"]["api"]["environment"]["REDIS_URL"]
    assert int(redis_url.rsplit("/", 1)[1]) not in (tracker["db"], lock["db"])


def test_rasa_can_read_the_variables_of_the_production_endpoints() -> None:
    # Rasa 3.6 replaces ${VAR} only in plain scalars: "${REDIS_HOST}" in quotes stays literal.
    def scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                yield from scalars(key)
                yield from scalars(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from scalars(item)

    root = yaml.compose(ENDPOINTS.read_text(encoding="utf-8"))
    assert root is not None
    quoted = [n.value for n in scalars(root) if "${" in n.value and n.style is not None]
    assert not quoted, f"bot/endpoints.production.yml: unquote {quoted}; Rasa would use them as is"
