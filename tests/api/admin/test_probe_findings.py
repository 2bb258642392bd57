"""Issue 14: what an outside probe of the running API found, each as a regression test.

The accounts are those of tests/api/admin/conftest.py; the shelter is test_confidential's, in
Liège, so the Gent editor is outside its area.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.limits import FREE_FAILURES, MAX_LOGIN_DELAY, login_delay
from infra.ratelimit import RedisFailures
from tests.api.admin.conftest import Headers, read
from tests.api.conftest import ClientWith
from tests.api.test_confidential import POSTCODE, STREET, make_shelter


@pytest.fixture
def shelter(client: TestClient, session: Session, admin: Headers) -> str:
    return make_shelter(client, session, admin)


# 1. An editor outside the shelter's area reads it as the public does.


def test_an_editor_elsewhere_never_reads_a_confidential_address(
    client: TestClient,
    shelter: str,
    editor_gent: Headers,
    admin: Headers,
) -> None:
    record, _ = read(client, shelter, editor_gent)
    assert record["address"] == {
        "street": None,
        "postal_code": None,
        "municipality": None,
        "confidential": True,
    }
    # … nor in the history, after a change by the admin that moved the shelter.
    moved = record | {
        "address": {"street": "Autre Rue 1", "postal_code": "4000", "municipality": "Liège",
                    "confidential": True},
    }  # fmt: skip
    full, full_etag = read(client, shelter, admin)
    response = client.put(
        f"/v1/admin/services/{shelter}",
        json=full | {"address": moved["address"]},
        headers={**admin, "If-Match": full_etag},
    )
    assert response.status_code == 200, response.text
    history = client.get(f"/v1/admin/services/{shelter}/history", headers=editor_gent)
    assert history.status_code == 200
    for secret in (STREET, POSTCODE, "Autre Rue"):
        assert secret not in history.text
    assert "address" in history.json()["contents"][0]["changed_fields"]
    # The editors of the area still see it.
    assert "Autre Rue" in client.get(f"/v1/admin/services/{shelter}/history", headers=admin).text


# 2. Maintainers' notes are not public.


def test_a_public_service_answer_has_no_maintainers_notes(client: TestClient) -> None:
    body = client.get("/v1/services/cvfe-liege").json()
    assert "notes" not in body
    assert "from a politician's blog" not in client.get("/v1/services/cvfe-liege").text.lower()


# 3. CSV exports do not run as formulas, and import back exactly.


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\")", "+32 call", "-2+3", "@SUM(A1)",
                                     "'=already quoted", "'t Vlot"])  # fmt: skip
def test_a_csv_cell_never_starts_a_formula_and_round_trips(
    client: TestClient,
    admin: Headers,
    payload: str,
) -> None:
    record, etag = read(client, "cvfe-liege", admin)
    saved = client.put(
        "/v1/admin/services/cvfe-liege",
        json=record | {"name_fr": payload},
        headers={**admin, "If-Match": etag},
    )
    assert saved.status_code == 200, saved.text
    exported = client.get("/v1/admin/export", params={"format": "csv"}, headers=admin)
    row = next(r for r in _csv_rows(exported.text) if r["id"] == "cvfe-liege")
    assert row["name_fr"][0] not in "=+-@\t\r"
    starts = {cell[:1] for r in _csv_rows(exported.text) for cell in r.values() if cell}
    assert not starts & set("=+-@\t\r"), starts
    dry = client.post(
        "/v1/admin/import",
        params={"format": "csv"},
        content=exported.content,
        headers={**admin, "Content-Type": "text/csv"},
    )
    assert dry.status_code == 200, dry.text
    report: dict[str, Any] = dry.json()
    assert report["problems"] == [] and report["updated"] == [] and report["created"] == [], report


# 6. A line break in a URL is refused with the field named.


def test_a_website_with_a_line_break_is_refused(
    client: TestClient,
    admin: Headers,
) -> None:
    record, etag = read(client, "cvfe-liege", admin)
    response = client.put(
        "/v1/admin/services/cvfe-liege",
        json=record | {"website": "https://example.org/\r\nTEL:+3290000000"},
        headers={**admin, "If-Match": etag},
    )
    assert response.status_code == 422
    assert response.json()["message"].startswith("website")


# 7. Only the verify action sets the verification.


@pytest.mark.parametrize(
    "fake",
    [
        {"verification_status": "verified", "verified_at": "2030-01-01T00:00:00+00:00"},
        {"verified_by": "someone@else.org"},
        {"verification_method": "phone"},
    ],
)
def test_an_edit_cannot_fake_a_verification(
    client: TestClient,
    editor_liege: Headers,
    fake: dict[str, str],
) -> None:
    record, etag = read(client, "cvfe-liege", editor_liege)
    response = client.put(
        "/v1/admin/services/cvfe-liege",
        json=record | fake,
        headers={**editor_liege, "If-Match": etag},
    )
    assert response.status_code == 422, response.text
    assert response.json()["message"].startswith(next(iter(fake)))
    verified = client.post(
        "/v1/admin/services/cvfe-liege/verify",
        json={"method": "phone"},
        headers={**editor_liege, "If-Match": etag},
    )
    assert verified.status_code == 200
    assert verified.json()["record"]["verification_status"] == "verified"


# 11. Exports withhold a confidential shelter's municipality too.


@pytest.mark.parametrize("format", ["csv", "ndjson"])
def test_exports_withhold_where_a_shelter_is(
    client: TestClient,
    shelter: str,
    admin: Headers,
    format: str,
) -> None:
    text = client.get("/v1/admin/export", params={"format": format}, headers=admin).text
    if format == "csv":
        row = next(r for r in _csv_rows(text) if r["id"] == shelter)
        assert (row["street"], row["postal_code"], row["municipality"]) == ("", "", "")
        assert row["address_confidential"] == "yes"
    else:
        line = next(line for line in text.splitlines() if shelter in line)
        assert json.loads(line)["address"] == {
            "street": None,
            "postal_code": None,
            "municipality": None,
            "confidential": True,
        }


# 4 and 5. Failed logins slow down per account and per address; they never lock anyone out.


def test_failed_logins_grow_a_delay_that_never_passes_a_minute() -> None:
    free = FREE_FAILURES["account"]
    assert login_delay(free - 1, 0.0, free) is None
    delays = [login_delay(n, 0.0, free) for n in range(free, free + 12)]
    assert delays[:4] == [2.0, 4.0, 8.0, 16.0]
    assert max(d for d in delays if d is not None) == MAX_LOGIN_DELAY == 60.0
    assert login_delay(free + 20, 61.0, free) is None  # a minute after the last failure: a try


def test_failed_logins_from_one_address_slow_it_down_whatever_the_account(
    client: TestClient,
) -> None:
    for n in range(FREE_FAILURES["address"]):
        wrong = client.post("/v1/admin/login", json={"email": f"x{n}@e.org", "password": "x"})
        assert wrong.status_code == 401
    slowed = client.post("/v1/admin/login", json={"email": "new@e.org", "password": "x"})
    assert slowed.status_code == 429


def test_failed_logins_are_counted_in_redis_by_every_worker(client_with: ClientWith) -> None:
    env = {"REDIS_URL": "redis://127.0.0.1:6379/15"}
    email = f"{uuid.uuid4().hex[:8]}@example.org"
    run = uuid.uuid4().hex[:8]  # this run's own counts (Redis keeps them for 15 minutes)
    with client_with(**env) as one, client_with(**env) as two:
        for client in (one, two):  # two API workers
            guard = client.app.state.login_guard  # type: ignore[attr-defined]
            assert isinstance(guard.accounts, RedisFailures)
            guard.accounts.name = f"accounts-{run}"
            guard.addresses.name = f"addresses-{run}"
        statuses = [
            c.post("/v1/admin/login", json={"email": email, "password": "x"}).status_code
            for c in (one, two, one, two)
        ]
    if statuses == [401, 401, 401, 401]:
        pytest.skip("Redis not reachable at 127.0.0.1:6379: the delay failed open")
    assert statuses == [401, 401, 401, 429]


def test_a_redis_outage_never_refuses_a_login(client_with: ClientWith) -> None:
    with client_with(REDIS_URL="redis://127.0.0.1:1/0") as client:
        statuses = [
            client.post("/v1/admin/login", json={"email": "a@e.org", "password": "x"}).status_code
            for _ in range(5)
        ]
    assert statuses == [401] * 5


# 8. A NUL in a file path is a 404, not a 500.


@pytest.mark.parametrize("path", ["/static/%00", "/demo/%00", "/static/x%00.js", "/static/a%01b"])
def test_a_control_character_in_a_file_path_is_not_found(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


# 9. Answers about people's searches and the admin's records are never stored by caches.


def test_api_answers_are_not_stored(client: TestClient, admin: Headers) -> None:
    for path, headers in (
        ("/v1/services?q=aide", {}),
        ("/v1/municipalities/62063", {}),
        ("/v1/services/cvfe-liege", {}),
        ("/v1/municipalities?q=Luik", {}),
        ("/v1/admin/services/cvfe-liege", admin),
        ("/v1/admin/export?format=csv", admin),
        ("/v1/admin/coverage", admin),
    ):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-store", path


# 12. Accounts: strong passwords, deactivation, sessions that can be ended.


def test_an_admin_stops_an_account_and_its_sessions_end(
    client: TestClient, admin: Headers, editor_liege: Headers
) -> None:
    assert client.get("/v1/admin/me", headers=editor_liege).status_code == 200
    stopped = client.post("/v1/admin/accounts/liege@example.org/deactivate", headers=admin)
    assert stopped.status_code == 204
    assert client.get("/v1/admin/me", headers=editor_liege).status_code == 401
    login = {"email": "liege@example.org", "password": "correct horse battery staple"}
    assert client.post("/v1/admin/login", json=login).status_code == 401
    again = client.post("/v1/admin/accounts/liege@example.org/activate", headers=admin)
    assert again.status_code == 204
    assert client.post("/v1/admin/login", json=login).status_code == 200
    signed_out = client.post("/v1/admin/accounts/liege@example.org/sign-out", headers=admin)
    assert signed_out.status_code == 204
    assert (
        client.post("/v1/admin/accounts/nobody@x.org/deactivate", headers=admin).status_code == 404
    )


def test_only_an_admin_manages_accounts(
    client: TestClient, admin: Headers, editor_liege: Headers
) -> None:
    response = client.post("/v1/admin/accounts/admin@example.org/deactivate", headers=editor_liege)
    assert response.status_code == 403
    assert client.get("/v1/admin/me", headers=admin).status_code == 200


def test_a_password_change_refuses_a_weak_one_and_ends_the_sessions(
    client: TestClient, editor_liege: Headers
) -> None:
    weak = client.post(
        "/v1/admin/me/password",
        json={"current_password": "correct horse battery staple", "new_password": "aaaaaaaaaaaa"},
        headers=editor_liege,
    )
    assert weak.status_code == 422 and weak.json()["message"].startswith("new_password")
    wrong = client.post(
        "/v1/admin/me/password",
        json={"current_password": "nope", "new_password": "ocre tiède pour sept bouleaux"},
        headers=editor_liege,
    )
    assert wrong.status_code == 422 and wrong.json()["message"].startswith("current_password")
    changed = client.post(
        "/v1/admin/me/password",
        json={
            "current_password": "correct horse battery staple",
            "new_password": "ocre tiède pour sept bouleaux",
        },
        headers=editor_liege,
    )
    assert changed.status_code == 204
    assert client.get("/v1/admin/me", headers=editor_liege).status_code == 401


# 13. The API documentation page, the Host header, HSTS, header sizes.


def test_a_huge_header_is_refused(client: TestClient) -> None:
    response = client.get("/health", headers={"X-Padding": "x" * 20_000})
    assert response.status_code == 431


def test_production_sends_hsts_and_no_swagger_page(client_with: ClientWith) -> None:
    production = {
        "PASSERELLE_ENV": "production",
        "DATABASE_URL": "postgresql://p:real-password@127.0.0.1:5432/p",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "PASSERELLE_WIDGET_ORIGINS": "https://www.gent.be",
        "PASSERELLE_PUBLIC_URL": "https://passerelle.example.be",
    }
    with client_with(**production) as client:
        response = client.get("/", headers={"Host": "evil.example"})
        assert response.headers["strict-transport-security"].startswith("max-age=")
        assert response.json()["profile"] == "https://passerelle.example.be/profile"
        assert client.get("/docs").status_code == 404
    with client_with() as client:  # development keeps its docs page and sends no HSTS
        assert client.get("/docs").status_code == 200
        assert "strict-transport-security" not in client.get("/health").headers


def test_a_content_edit_drops_a_confirmation_and_anyone_may_lower_it(
    client: TestClient, editor_liege: Headers
) -> None:
    record, etag = read(client, "cvfe-liege", editor_liege)
    verified = client.post(
        "/v1/admin/services/cvfe-liege/verify",
        json={"method": "phone"},
        headers={**editor_liege, "If-Match": etag},
    )
    record, etag = verified.json()["record"], verified.headers["ETag"]
    renamed = client.put(
        "/v1/admin/services/cvfe-liege",
        json=record | {"name_fr": "CVFE (Liège)"},
        headers={**editor_liege, "If-Match": etag},
    )
    assert renamed.status_code == 200
    assert renamed.json()["record"]["verification_status"] == "unverified"
    assert renamed.json()["record"]["verified_at"] is None


def test_a_dry_run_import_outside_ones_areas_reveals_nothing(
    client: TestClient, shelter: str, editor_gent: Headers, admin: Headers
) -> None:
    full, _ = read(client, shelter, admin)
    guess = json.dumps(full | {"notes": None}).encode() + b"\n"
    report = client.post(
        "/v1/admin/import",
        params={"format": "ndjson"},
        content=guess,
        headers={**editor_gent, "Content-Type": "application/x-ndjson"},
    ).json()
    assert shelter not in report["unchanged"] + report["updated"] + report["created"]
    assert report["problems"] and report["problems"][0]["field"] == "coverage"


def test_an_address_made_confidential_later_is_hidden_in_all_history(
    client: TestClient, admin: Headers, editor_gent: Headers
) -> None:
    created = client.post(
        "/v1/admin/services",
        json={
            "id": "abri-tardif",
            "name_fr": "Abri",
            "kind": "shelter",
            "audiences": ["victim"],
            "coverage": ["Liège"],
            "address": {"street": "Rue Visible 3", "postal_code": "4000", "municipality": "Liège"},
            "source_urls": ["https://example.org/abri"],
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    record = created.json()["record"]
    hidden = client.put(
        "/v1/admin/services/abri-tardif",
        json=record | {"address": record["address"] | {"confidential": True}},
        headers={**admin, "If-Match": created.headers["ETag"]},
    )
    assert hidden.status_code == 200
    history = client.get("/v1/admin/services/abri-tardif/history", headers=editor_gent).text
    assert "Rue Visible" not in history


def test_an_admin_cannot_deactivate_themselves_or_the_last_admin(
    client: TestClient, admin: Headers
) -> None:
    own = client.post("/v1/admin/accounts/admin@example.org/deactivate", headers=admin)
    assert own.status_code == 409
    assert client.get("/v1/admin/me", headers=admin).status_code == 200


def test_logins_sent_together_are_all_counted(client: TestClient) -> None:
    """The attempt is counted before the (slow) check: parallel tries cannot all slip through."""
    import concurrent.futures

    def wrong(_: int) -> int:
        body = {"email": "burst@example.org", "password": "x"}
        return int(client.post("/v1/admin/login", json=body).status_code)

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(wrong, range(12)))
    assert statuses.count(401) <= FREE_FAILURES["account"] + 2, statuses
    assert 429 in statuses
