"""The admin pages (/admin, api/web/admin.*) in a real browser, against the live test server.

The live server serves the session-wide committed SQLite database, so each test makes its own
accounts (unique e-mails) and edits only a service it created, and removes them afterwards.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine, bindparam, delete, select, text
from sqlalchemy.orm import Session

from directory import labels
from directory.accounts import Role, create_account
from directory.models import Account, Change, Service, Suggestion
from directory.vocab import WEEKDAYS, Lang, Scope, VerificationMethod
from tests.web.conftest import LiveServer, serious_violations

PASSWORD = "correct horse battery staple"
LIEGE_PROVINCE = "60000"
OUTSIDE = "espace-vif-namur"  # province of Namur: outside the Liège editor's area
INSIDE = "cvfe-liege"
TIMEOUT = 20_000  # ms; the machine is shared and slow at times


@dataclass(frozen=True)
class People:
    admin: str
    editor: str  # an editor for the province of Liège


def _engine(engines: dict[str, Engine | str]) -> Engine:
    engine = engines["sqlite"]
    assert isinstance(engine, Engine)
    return engine


@pytest.fixture
def people(live_server: LiveServer, engines: dict[str, Engine | str]) -> Iterator[People]:
    tag = uuid.uuid4().hex[:10]
    found = People(f"admin-{tag}@example.org", f"liege-{tag}@example.org")
    engine = _engine(engines)
    with Session(engine) as session:
        create_account(session, email=found.admin, password=PASSWORD, role=Role.ADMIN)
        create_account(
            session,
            email=found.editor,
            password=PASSWORD,
            role=Role.EDITOR,
            areas=[(Scope.PROVINCE, LIEGE_PROVINCE)],
        )
        session.commit()
    yield found
    with Session(engine) as session:
        session.execute(delete(Account).where(Account.email.in_([found.admin, found.editor])))
        session.commit()


def _token(live_server: LiveServer, email: str) -> str:
    response = httpx.post(
        f"{live_server.url}/v1/admin/login", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


def _api(live_server: LiveServer, email: str) -> httpx.Client:
    return httpx.Client(
        base_url=live_server.url,
        headers={"Authorization": f"Bearer {_token(live_server, email)}"},
        timeout=30,
    )


def _remove_services(engine: Engine, ids: list[str]) -> None:
    """Services made by a test, their history and their full-text rows (SQLite's FTS5 table has
    no foreign key: its rows go by the key that `service_search_key` gives each service)."""
    with Session(engine) as session:
        keys = session.scalars(
            text("SELECT key FROM service_search_key WHERE service_id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": ids},
        ).all()
        for key in keys:
            session.execute(text("DELETE FROM service_search WHERE rowid = :key"), {"key": key})
        session.execute(delete(Change).where(Change.service_id.in_(ids)))
        for service in session.scalars(select(Service).where(Service.id.in_(ids))):
            session.delete(service)  # its phones, areas… and search key go with it
        session.commit()


@pytest.fixture
def service(
    live_server: LiveServer, engines: dict[str, Engine | str], people: People
) -> Iterator[str]:
    """A service in Liège (inside the editor's area), made for this test and removed after."""
    service_id = f"web-admin-{uuid.uuid4().hex[:10]}"
    with _api(live_server, people.admin) as client:
        response = client.post(
            "/v1/admin/services",
            json={
                "id": service_id,
                "name_fr": "Service de test des pages d'administration",
                "name_nl": "Testdienst van de beheerpagina's",
                "kind": "other",
                "phones": [{"number": "+3242000000", "label": "Accueil"}],
                "audiences": ["victim"],
                "coverage": ["Liège"],
                "source_urls": ["https://example.org/source"],
            },
        )
        assert response.status_code == 201, response.text
    yield service_id
    _remove_services(_engine(engines), [service_id])


def log_in(page: Page, live_server: LiveServer, email: str, route: str = "") -> None:
    page.goto(f"{live_server.url}/admin{route}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion", timeout=TIMEOUT)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible(timeout=TIMEOUT)


def open_service(page: Page, live_server: LiveServer, service_id: str) -> None:
    page.goto(f"{live_server.url}/admin#/services/{service_id}")
    expect(page.locator("#service-meta")).to_contain_text(service_id, timeout=TIMEOUT)


def accept_dialogs(page: Page) -> None:
    page.on("dialog", lambda dialog: dialog.accept())


def watch_requests(page: Page) -> list[str]:
    """Every URL the page asks for (to check nothing goes to another origin)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def watch_console(page: Page) -> list[str]:
    """Script errors and CSP refusals (not the browser's notes on expected 4xx answers)."""
    messages: list[str] = []

    def note(message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            messages.append(message.text)

    page.on("console", note)
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


# --- Logging in ---------------------------------------------------------------------------------


def test_login_failure_shows_a_message(page: Page, live_server: LiveServer, people: People) -> None:
    page.goto(f"{live_server.url}/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion", timeout=TIMEOUT)
    page.get_by_label("Adresse e-mail").fill(people.editor)
    page.get_by_label("Mot de passe").fill("not the password at all")
    page.get_by_role("button", name="Se connecter").click()

    message = page.get_by_role("alert")
    expect(message).to_have_text("Adresse e-mail ou mot de passe incorrect.", timeout=TIMEOUT)
    email = page.get_by_label("Adresse e-mail")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_attribute("aria-describedby", "login-message")
    assert page.evaluate("sessionStorage.length") == 0
    expect(page.get_by_label("Mot de passe")).to_have_value("")


def test_keyboard_only_login_and_skip_link(
    page: Page, live_server: LiveServer, people: People
) -> None:
    page.goto(f"{live_server.url}/admin")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Connexion", timeout=TIMEOUT)
    expect(heading).to_be_focused()  # each view starts reading at its heading
    page.keyboard.press("Tab")
    expect(page.get_by_label("Adresse e-mail")).to_be_focused()
    page.keyboard.type(people.editor)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(heading).to_have_text("Services", timeout=TIMEOUT)
    expect(heading).to_be_focused()

    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Nederlands")).to_be_focused()
    page.get_by_role("link", name="Aller au contenu").focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Nouveau service")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Vérification")).to_be_focused()
    assert page.url.endswith("#/services")  # the skip link does not change the route


def test_login_keeps_the_token_in_session_storage_and_logout_ends_it(
    page: Page, live_server: LiveServer, people: People
) -> None:
    log_in(page, live_server, people.editor)
    token = page.evaluate("sessionStorage.getItem('passerelle.admin.token')")
    assert token
    assert page.evaluate("localStorage.getItem('passerelle.admin.token')") is None
    expect(page.locator(".account")).to_contain_text(people.editor)

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("status").first).to_have_text(
        "Vous êtes déconnecté·e.", timeout=TIMEOUT
    )
    assert page.evaluate("sessionStorage.length") == 0
    me = httpx.get(f"{live_server.url}/v1/admin/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_an_expired_session_asks_to_log_in_again(
    page: Page, live_server: LiveServer, people: People
) -> None:
    log_in(page, live_server, people.admin, "#/exchange")
    token = page.evaluate("sessionStorage.getItem('passerelle.admin.token')")
    httpx.post(f"{live_server.url}/v1/admin/logout", headers={"Authorization": f"Bearer {token}"})

    page.get_by_role("link", name="Services").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion", timeout=TIMEOUT)
    expect(page.get_by_role("status").first).to_have_text(
        "Votre session a expiré. Reconnectez-vous."
    )
    assert page.evaluate("sessionStorage.length") == 0
    # Logging in again goes back where the user was.
    page.get_by_label("Adresse e-mail").fill(people.admin)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Services", timeout=TIMEOUT)


def test_a_session_that_expires_during_an_edit_leads_to_the_login_and_back(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    log_in(page, live_server, people.editor)
    open_service(page, live_server, service)
    token = page.evaluate("sessionStorage.getItem('passerelle.admin.token')")
    httpx.post(f"{live_server.url}/v1/admin/logout", headers={"Authorization": f"Bearer {token}"})

    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion", timeout=TIMEOUT)
    expect(page.get_by_role("status").first).to_have_text(
        "Votre session a expiré. Reconnectez-vous."
    )
    page.get_by_label("Adresse e-mail").fill(people.editor)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("#service-meta")).to_contain_text(service, timeout=TIMEOUT)


# --- Editing ------------------------------------------------------------------------------------


def test_editor_fixes_a_validation_error_saves_then_reverts_from_the_history(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    requests = watch_requests(page)
    console = watch_console(page)
    accept_dialogs(page)
    log_in(page, live_server, people.editor)
    open_service(page, live_server, service)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Modifier : Service de test des pages d'administration"
    )
    number = page.locator("#f-phones-0-number")
    expect(number).to_have_value("+3242000000")

    # An invalid number: the message is next to the phone field, and the summary links to it.
    number.fill("12ab")
    page.get_by_role("button", name="Enregistrer").click()
    expect(number).to_have_attribute("aria-invalid", "true", timeout=TIMEOUT)
    described = (number.get_attribute("aria-describedby") or "").split()
    assert "f-phones-0-number-hint" in described
    error_id = next(i for i in described if i.startswith("err-"))
    message = page.locator(f"#{error_id}")
    expect(message).to_have_text(re.compile(r"^Numéro belge attendu"))
    expect(page.locator(".field:has(#f-phones-0-number) .field-error")).to_have_id(error_id)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_contain_text("1 problème")
    summary.get_by_role("link", name=re.compile("^Téléphone 1, Numéro")).click()
    expect(number).to_be_focused()
    with _api(live_server, people.admin) as client:
        stored = client.get(f"/v1/admin/services/{service}").json()
    assert stored["revision"] == 1  # nothing saved

    # Fixed as dialled: saved, stored as E.164, the error gone.
    number.fill("04 250 00 00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#edit-messages .notice")).to_have_text(
        "Modifications enregistrées (révision 2).", timeout=TIMEOUT
    )
    expect(page.locator("#f-phones-0-number")).to_have_value("+3242500000")
    expect(page.locator("#f-phones-0-number")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field-error")).to_have_count(0)

    # The history names the changed field with both values; revert brings the old one back.
    page.get_by_role("link", name="Historique des modifications").click()
    newest = page.locator(".history .change").first
    expect(newest.get_by_role("heading")).to_have_text("Révision 2 : modification", timeout=TIMEOUT)
    expect(newest).to_contain_text("Champs modifiés : Téléphones")
    expect(newest).to_contain_text(people.editor)
    row = newest.get_by_role("row", name=re.compile("^Téléphones"))
    expect(row.get_by_role("cell").nth(0)).to_have_text("+3242000000 (Accueil)")
    expect(row.get_by_role("cell").nth(1)).to_have_text("+3242500000 (Accueil)")
    page.get_by_role("button", name="Revenir à la version de la révision 1").click()
    expect(page.get_by_role("status").first).to_have_text(
        "La version de la révision 1 est rétablie (nouvelle révision 3).", timeout=TIMEOUT
    )
    expect(page.locator(".history .change").first.get_by_role("heading")).to_have_text(
        "Révision 3 : retour à une version antérieure"
    )

    page.get_by_role("link", name="Retour au service").click()
    expect(page.locator("#f-phones-0-number")).to_have_value("+3242000000", timeout=TIMEOUT)
    expect(page.locator("#service-meta")).to_contain_text("Révision 3")

    assert all(url.startswith(live_server.url) for url in requests), requests
    assert console == [], console


def test_the_first_edit_of_a_seeded_service_can_be_undone(
    page: Page,
    live_server: LiveServer,
    engines: dict[str, Engine | str],
    people: People,
    service: str,
) -> None:
    """Seeded services have no "create" change: the version before their first edit comes back
    from that edit's `before`."""
    with Session(_engine(engines)) as session:
        session.execute(delete(Change).where(Change.service_id == service))
        session.commit()
    accept_dialogs(page)
    log_in(page, live_server, people.editor)
    open_service(page, live_server, service)
    page.locator("#f-phones-0-number").fill("+3242500000")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#edit-messages .notice")).to_contain_text("révision 2", timeout=TIMEOUT)

    page.get_by_role("link", name="Historique des modifications").click()
    expect(page.locator(".history .change")).to_have_count(1, timeout=TIMEOUT)
    page.get_by_role("button", name="Revenir à la version de la révision 1").click()
    expect(page.get_by_role("status").first).to_have_text(
        "La version de la révision 1 est rétablie (nouvelle révision 3).", timeout=TIMEOUT
    )
    with _api(live_server, people.admin) as client:
        record = client.get(f"/v1/admin/services/{service}").json()["record"]
    assert record["phones"] == [{"number": "+3242000000", "label": "Accueil"}]


def test_a_stale_edit_shows_the_current_version_and_overwrites_nothing(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    log_in(page, live_server, people.admin)
    open_service(page, live_server, service)
    page.get_by_label("Notes internes").fill("my note")

    # Meanwhile, someone else saves the service.
    with _api(live_server, people.editor) as client:
        response = client.get(f"/v1/admin/services/{service}")
        record = response.json()["record"] | {"notes": "their note"}
        saved = client.put(
            f"/v1/admin/services/{service}",
            json=record,
            headers={"If-Match": response.headers["ETag"]},
        )
        assert saved.status_code == 200, saved.text

    page.get_by_role("button", name="Enregistrer").click()
    conflict = page.locator(".conflict")
    expect(conflict.get_by_role("heading")).to_have_text(
        "Modifié par quelqu’un d’autre", timeout=TIMEOUT
    )
    expect(conflict).to_contain_text("révision 2")
    notes = conflict.get_by_role("row", name=re.compile("^Notes internes"))
    expect(notes.get_by_role("cell").nth(0)).to_have_text("my note")
    expect(notes.get_by_role("cell").nth(1)).to_have_text("their note")
    with _api(live_server, people.admin) as client:
        assert client.get(f"/v1/admin/services/{service}").json()["record"]["notes"] == (
            "their note"
        )

    # Keeping my change is an explicit second save, based on the current version.
    conflict.get_by_role("button", name=re.compile("^Garder mes modifications")).click()
    expect(page.get_by_label("Notes internes")).to_have_value("my note")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#edit-messages .notice")).to_have_text(
        "Modifications enregistrées (révision 3).", timeout=TIMEOUT
    )
    with _api(live_server, people.admin) as client:
        assert client.get(f"/v1/admin/services/{service}").json()["record"]["notes"] == "my note"


def test_leaving_unsaved_changes_asks_first(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    log_in(page, live_server, people.editor)
    open_service(page, live_server, service)
    page.get_by_label("Notes internes").fill("not saved yet")
    asked: list[str] = []

    def stay(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="Retour à la liste des services").click()
    expect(page.get_by_label("Notes internes")).to_have_value("not saved yet")
    for _ in range(50):  # the dialog event can reach Python a moment after the click returns
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked == ["Vos modifications ne sont pas enregistrées. Quitter quand même ?"]
    assert page.url.endswith(f"#/services/{service}")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="Retour à la liste des services").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Services", timeout=TIMEOUT)


def test_mark_verified_and_archive_then_restore(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    accept_dialogs(page)
    log_in(page, live_server, people.editor)
    open_service(page, live_server, service)
    expect(page.locator("#verify-status")).to_have_text("Pas encore vérifié.")
    page.get_by_label("Comment avez-vous vérifié ?").select_option("email")
    page.get_by_role("button", name="Marquer comme vérifié").click()
    expect(page.locator("#verify-status")).to_contain_text(
        f"par {people.editor} (par e-mail)", timeout=TIMEOUT
    )
    expect(page.locator("#service-meta")).to_contain_text("Révision 2")

    page.get_by_role("button", name="Archiver ce service").click()
    expect(page.locator("#edit-messages .notice")).to_have_text("Service archivé.", timeout=TIMEOUT)
    expect(page.locator("#service-meta")).to_contain_text("Archivé")
    page.get_by_role("button", name="Restaurer ce service").click()
    expect(page.locator("#edit-messages .notice")).to_have_text(
        "Service restauré.", timeout=TIMEOUT
    )
    with _api(live_server, people.admin) as client:
        record = client.get(f"/v1/admin/services/{service}").json()["record"]
    assert record["status"] == "active"
    assert record["verification_method"] == "email"
    assert record["verified_by"] == people.editor


def test_an_editor_cannot_edit_a_service_outside_their_area(
    page: Page, live_server: LiveServer, people: People
) -> None:
    log_in(page, live_server, people.editor, "#/services")
    table = page.locator("table.services")
    expect(table.get_by_role("row", name=re.compile(OUTSIDE))).to_contain_text(
        "Lecture seule", timeout=TIMEOUT
    )
    expect(table.get_by_role("row", name=re.compile(INSIDE))).to_contain_text("Modifiable")

    open_service(page, live_server, OUTSIDE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Consulter :")
    expect(page.locator("#read-only")).to_contain_text("Lecture seule")
    expect(page.locator("#f-name_fr")).to_be_disabled()
    expect(page.locator("#f-phones-0-number")).to_be_disabled()
    expect(page.get_by_role("button", name="Enregistrer")).to_have_count(0)
    expect(page.get_by_role("button", name="Marquer comme vérifié")).to_have_count(0)
    expect(page.get_by_role("button", name="Archiver ce service")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Ajouter"))).to_have_count(0)

    page.get_by_role("link", name="Historique des modifications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historique", timeout=TIMEOUT)
    expect(page.get_by_role("button", name=re.compile("^Revenir"))).to_have_count(0)


def test_the_form_offers_every_code_of_the_vocabularies_with_their_labels(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    """The page keeps its own copy of the labels (directory/labels.py): they must not drift."""
    accept_dialogs(page)  # switching language with an added row asks first
    log_in(page, live_server, people.admin)
    open_service(page, live_server, service)
    page.get_by_role("button", name="Ajouter une plage horaire").click()
    expect(page.locator("#f-schedules-0-opens")).to_be_focused()

    def offered(selector: str) -> dict[str, str]:
        found: dict[str, str] = page.eval_on_selector_all(
            selector,
            """(els) => Object.fromEntries(els.map((el) => [el.value,
                el.tagName === 'OPTION' ? el.textContent : el.labels[0].textContent]))""",
        )
        return found

    def expected(table: labels.Labels, lang: Lang) -> dict[str, str]:
        return {code: labels.label(table, code, lang).replace("'", "’") for code in table}

    assert offered("#f-kind option") == expected(labels.KIND, Lang.FR)
    assert offered("#f-audiences input") == expected(labels.AUDIENCE, Lang.FR)
    assert offered("#f-violence_types input") == expected(labels.VIOLENCE_TYPE, Lang.FR)
    assert offered("#f-channels input") == expected(labels.CHANNEL, Lang.FR)
    channels = offered("#f-schedules-0-channel option")
    assert channels.pop("") == "Tous les canaux"
    assert channels == expected(labels.CHANNEL, Lang.FR)
    assert list(offered("#f-schedules-0-days input")) == list(WEEKDAYS)
    assert set(offered("#verify-method option")) == {str(m) for m in VerificationMethod}

    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bewerken:", timeout=TIMEOUT)
    assert offered("#f-kind option") == expected(labels.KIND, Lang.NL)
    assert offered("#f-audiences input") == expected(labels.AUDIENCE, Lang.NL)
    assert offered("#f-violence_types input") == expected(labels.VIOLENCE_TYPE, Lang.NL)


# --- The list -----------------------------------------------------------------------------------


def test_list_filters_by_verification_area_and_rights(
    page: Page, live_server: LiveServer, people: People
) -> None:
    log_in(page, live_server, people.editor, "#/services")
    count = page.locator(".count")
    expect(count).to_have_text(re.compile(r"^\d+ service\(s\)$"), timeout=TIMEOUT)
    everything = int(count.inner_text().split()[0])

    page.get_by_label("Vérification").select_option("stale")
    page.get_by_label("Commune couverte").fill("4000")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"verification=stale&place=4000"), timeout=TIMEOUT)
    expect(page.locator(".info")).to_have_text("Services qui couvrent Liège.", timeout=TIMEOUT)
    rows = page.locator("table.services tbody tr")
    expect(rows.filter(has_text=INSIDE)).to_have_count(1)
    expect(rows.filter(has_text="zsg-gent")).to_have_count(0)
    in_liege = rows.count()
    assert 0 < in_liege < everything

    page.get_by_label("Seulement les services que je peux modifier").check()
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"mine=1"), timeout=TIMEOUT)
    expect(rows.filter(has_text="Lecture seule")).to_have_count(0, timeout=TIMEOUT)
    expect(rows.filter(has_text=INSIDE)).to_have_count(1)

    page.get_by_label("Commune couverte").fill("Nulle-Part-sur-Rien")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("p.error")).to_contain_text("Nulle-Part-sur-Rien", timeout=TIMEOUT)
    expect(page.locator("table.services")).to_have_count(0)


def test_dutch_interface(page: Page, live_server: LiveServer, people: People) -> None:
    log_in(page, live_server, people.editor, "#/services")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Diensten", timeout=TIMEOUT)
    assert page.evaluate("document.documentElement.lang") == "nl"
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    open_service(page, live_server, INSIDE)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bewerken:")
    expect(page.get_by_label("Naam in het Nederlands")).to_have_value(re.compile("Luik"))
    page.get_by_role("button", name="Français").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier :", timeout=TIMEOUT)


# --- Import and export --------------------------------------------------------------------------


def _csv(rows: list[list[str]]) -> bytes:
    return "\r\n".join(";".join(row) for row in rows).encode("utf-8")


def test_import_dry_run_reports_the_bad_row_and_applies_nothing(
    page: Page, live_server: LiveServer, people: People, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:8]
    good, bad = f"web-import-good-{tag}", f"web-import-bad-{tag}"
    header = ["id", "kind", "name_fr", "phones", "audiences", "coverage", "source_urls"]
    upload = tmp_path / "services.csv"
    upload.write_bytes(
        _csv(
            [
                header,
                [
                    good,
                    "other",
                    "Import correct",
                    "04 223 45 67",
                    "victim",
                    "Liège",
                    "https://example.org/",
                ],
                [
                    bad,
                    "other",
                    "Import incorrect",
                    "12ab",
                    "victim",
                    "Liège",
                    "https://example.org/",
                ],
            ]
        )
    )
    log_in(page, live_server, people.admin, "#/exchange")
    page.get_by_label("Fichier (10 Mo au plus)").set_input_files(str(upload))
    expect(page.get_by_label("Format")).to_have_value("csv")
    page.get_by_role("button", name="Essayer (rien n’est modifié)").click()

    report = page.locator("#import-report")
    expect(report.get_by_role("heading")).to_have_text("Résultat de l’essai", timeout=TIMEOUT)
    expect(report).to_contain_text("2 ligne(s) lue(s), 1 valide(s).")
    expect(report).to_contain_text("1 problème(s)")
    problems = report.get_by_role("table", name="Problèmes, ligne par ligne")
    cells = problems.locator("tbody tr").first.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("3")  # the spreadsheet row (the header is row 1)
    expect(cells.nth(1)).to_have_text(bad)
    expect(cells.nth(2)).to_contain_text("phones")
    expect(cells.nth(3)).to_contain_text("Belgian number")
    expect(report.get_by_role("button", name="Appliquer l’import")).to_have_count(0)

    with _api(live_server, people.admin) as client:
        for service_id in (good, bad):
            assert client.get(f"/v1/admin/services/{service_id}").status_code == 404


def test_import_dry_run_then_apply_then_undo(
    page: Page,
    live_server: LiveServer,
    engines: dict[str, Engine | str],
    people: People,
    tmp_path: Path,
) -> None:
    service_id = f"web-import-{uuid.uuid4().hex[:8]}"
    upload = tmp_path / "one.csv"
    upload.write_bytes(
        _csv(
            [
                ["id", "kind", "name_fr", "audiences", "coverage", "source_urls"],
                [service_id, "other", "Importé", "victim", "Liège", "https://example.org/"],
            ]
        )
    )
    try:
        log_in(page, live_server, people.editor, "#/exchange")
        page.get_by_label("Fichier (10 Mo au plus)").set_input_files(str(upload))
        page.get_by_role("button", name="Essayer (rien n’est modifié)").click()
        report = page.locator("#import-report")
        expect(report).to_contain_text("À créer : 1", timeout=TIMEOUT)
        expect(report).to_contain_text(service_id)
        report.get_by_role("button", name="Appliquer l’import").click()
        expect(report.get_by_role("heading")).to_have_text("Import appliqué", timeout=TIMEOUT)
        expect(report).to_contain_text("Créés : 1")
        with _api(live_server, people.admin) as client:
            created = client.get(f"/v1/admin/services/{service_id}").json()["record"]
            assert created["status"] == "active"
        report.get_by_role("button", name="Annuler cet import").click()
        expect(report).to_contain_text("Import annulé : 1 service(s)", timeout=TIMEOUT)
        with _api(live_server, people.admin) as client:
            undone = client.get(f"/v1/admin/services/{service_id}").json()["record"]
            assert undone["status"] == "archived"
    finally:
        _remove_services(_engine(engines), [service_id])


@pytest.mark.parametrize(
    ("label", "filename", "start"),
    [
        ("CSV (tableur, séparateur ;)", "passerelle-services.csv", b"\xef\xbb\xbfid;status;kind"),
        ("NDJSON (un service par ligne)", "passerelle-services.ndjson", b"{"),
        ("HSDS 3.0 (JSON)", "passerelle-services.json", b"["),
    ],
    ids=["csv", "ndjson", "hsds"],
)
def test_export_downloads(
    page: Page, live_server: LiveServer, people: People, label: str, filename: str, start: bytes
) -> None:
    log_in(page, live_server, people.editor, "#/exchange")
    with page.expect_download(timeout=TIMEOUT * 3) as download_info:
        page.get_by_role("button", name=f"Télécharger : {label}").click()
    download = download_info.value
    assert download.suggested_filename == filename
    path = download.path()
    assert path is not None
    assert Path(path).read_bytes().startswith(start)


# --- Accessibility ------------------------------------------------------------------------------


def _no_serious(page: Any, where: str) -> None:
    found = serious_violations(page)
    assert found == [], f"{where}: {found}"


def test_axe_login_list_edit_history_and_import(
    axe_page: Page, live_server: LiveServer, people: People, service: str, tmp_path: Path
) -> None:
    page = axe_page
    accept_dialogs(page)  # leaving the form with unsaved changes asks first
    page.goto(f"{live_server.url}/admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion", timeout=TIMEOUT)
    _no_serious(page, "login")
    page.get_by_role("button", name="Se connecter").click()  # empty: the error state
    expect(page.get_by_role("alert")).to_contain_text("Indiquez", timeout=TIMEOUT)
    _no_serious(page, "login with an error")

    page.get_by_label("Adresse e-mail").fill(people.editor)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("table.services tbody tr").first).to_be_visible(timeout=TIMEOUT)
    _no_serious(page, "list")

    open_service(page, live_server, service)
    _no_serious(page, "edit form")
    page.locator("#f-phones-0-number").fill("12ab")
    page.locator("#f-email").fill("not an address")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".error-summary")).to_contain_text("2 problème", timeout=TIMEOUT)
    _no_serious(page, "edit form with errors")

    open_service(page, live_server, OUTSIDE)
    expect(page.locator("#read-only")).to_be_visible()
    _no_serious(page, "read-only form")

    page.get_by_role("link", name="Historique des modifications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historique", timeout=TIMEOUT)
    _no_serious(page, "history")

    upload = tmp_path / "bad.csv"
    upload.write_bytes(_csv([["id", "kind"], ["x", "nonsense"]]))
    page.get_by_role("link", name="Import et export").click()
    page.get_by_label("Fichier (10 Mo au plus)").set_input_files(str(upload))
    page.get_by_role("button", name="Essayer (rien n’est modifié)").click()
    expect(page.locator("#import-report table")).to_be_visible(timeout=TIMEOUT)
    _no_serious(page, "import report")


def test_the_page_keeps_to_its_content_security_policy(
    page: Page, live_server: LiveServer, people: People, service: str
) -> None:
    console = watch_console(page)
    response = page.goto(f"{live_server.url}/admin")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    html = response.text()
    assert "<style" not in html and "style=" not in html and "<script>" not in html
    log_in(page, live_server, people.admin)
    open_service(page, live_server, service)
    assert page.locator("[style]").count() == 0
    assert console == [], console


# --- The upkeep loop: gaps, new services, public suggestions -------------------------------


def test_the_coverage_page_lists_the_editors_municipalities_and_what_to_fill(
    page: Page,
    live_server: LiveServer,
    people: People,
) -> None:
    log_in(page, live_server, people.editor, "#/coverage")
    page.get_by_role("link", name="Couverture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Couverture de vos communes", timeout=TIMEOUT
    )
    rows = page.locator("table.coverage tbody tr")
    expect(rows).to_have_count(84, timeout=TIMEOUT)  # the province of Liège
    verviers = rows.filter(has=page.get_by_role("rowheader", name="Verviers"))
    expect(verviers).to_contain_text("Zone de police Vesdre")
    expect(verviers.get_by_role("link", name="Ajouter : Police")).to_be_visible()


def test_a_gap_becomes_a_new_service_from_the_coverage_page(
    page: Page,
    live_server: LiveServer,
    people: People,
    engines: dict[str, Engine | str],
) -> None:
    service_id = f"web-new-{uuid.uuid4().hex[:8]}"
    try:
        log_in(page, live_server, people.editor, "#/coverage")
        row = page.locator("table.coverage tbody tr").filter(
            has=page.get_by_role("rowheader", name="Verviers")
        )
        row.get_by_role("link", name="Ajouter : Police").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Créer un service")
        page.get_by_label("Identifiant").fill(service_id)
        page.get_by_label("Nom en français").fill("Zone de police Vesdre – accueil")
        page.get_by_role("textbox", name="Sources (obligatoire)").fill(
            "https://www.policevesdre.be/"
        )
        page.get_by_label("Sources vérifiées le").fill("2026-12-06")
        page.get_by_role("button", name="Créer le service").click()
        expect(page.locator("#service-meta")).to_contain_text(service_id, timeout=TIMEOUT)
        expect(page.locator(".notice").first).to_have_text("Service créé.")
        with _api(live_server, people.admin) as client:
            record = client.get(f"/v1/admin/services/{service_id}").json()["record"]
        assert (record["kind"], record["coverage"]) == ("police", ["Verviers"])
        assert record["checked_on"] == "2026-12-06"
    finally:
        _remove_services(_engine(engines), [service_id])


def test_creating_an_existing_id_says_so_and_keeps_the_form(
    page: Page,
    live_server: LiveServer,
    people: People,
    service: str,
) -> None:
    log_in(page, live_server, people.admin, "#/services")
    page.get_by_role("link", name="Nouveau service").click()
    page.get_by_label("Identifiant").fill(service)
    page.get_by_label("Nom en français").fill("Doublon")
    page.get_by_role("textbox", name="Sources (obligatoire)").fill("https://example.org/")
    page.get_by_role("button", name="Créer le service").click()
    expect(page.locator(".error-summary")).to_have_text(
        "Un service porte déjà cet identifiant.", timeout=TIMEOUT
    )
    expect(page.get_by_label("Nom en français")).to_have_value("Doublon")


@pytest.fixture
def suggestions(
    live_server: LiveServer,
    engines: dict[str, Engine | str],
    service: str,
) -> Iterator[tuple[int, int]]:
    """Two public suggestions on the test service: one to apply, one to refuse."""
    made = []
    for message in ("Le numéro a changé : 04 200 00 01.", '<img src=x onerror="alert(1)">'):
        response = httpx.post(
            f"{live_server.url}/v1/suggestions", json={"service_id": service, "message": message}
        )
        assert response.status_code == 201, response.text
        made.append(response.json()["id"])
    yield made[0], made[1]
    with Session(_engine(engines)) as session:
        session.execute(delete(Suggestion).where(Suggestion.id.in_(made)))
        session.commit()


def test_a_suggestion_is_applied_to_the_record_and_closed(
    page: Page,
    live_server: LiveServer,
    people: People,
    service: str,
    suggestions: tuple[int, int],
) -> None:
    applied, _ = suggestions
    log_in(page, live_server, people.editor, "#/suggestions")
    item = page.locator(".suggestions > li").filter(has_text="Le numéro a changé")
    expect(item).to_be_visible(timeout=TIMEOUT)
    item.get_by_role("link", name="Corriger la fiche").click()
    expect(page.locator(".panel.suggestion")).to_contain_text("04 200 00 01", timeout=TIMEOUT)
    page.locator("[data-path='phones.0.number']").fill("+3242000001")
    page.get_by_role("button", name="Enregistrer et clore le signalement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Signalements du public", timeout=TIMEOUT
    )
    expect(page.locator(".notice")).to_have_text("Fiche corrigée, signalement clos.")
    with _api(live_server, people.admin) as client:
        record = client.get(f"/v1/admin/services/{service}").json()["record"]
        closed = client.get("/v1/admin/suggestions", params={"status": "accepted"}).json()
    assert record["phones"][0]["number"] == "+3242000001"
    assert applied in [s["id"] for s in closed["contents"]]


def test_a_suggestion_is_refused_with_a_note_and_its_text_stays_text(
    page: Page,
    live_server: LiveServer,
    people: People,
    suggestions: tuple[int, int],
) -> None:
    _, refused = suggestions
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, live_server, people.editor, "#/suggestions")
    item = page.locator(".suggestions > li").filter(has_text="onerror")
    expect(item.locator("blockquote")).to_have_text('<img src=x onerror="alert(1)">')
    item.get_by_label("Motif (facultatif)").fill("Pas une correction.")
    item.get_by_role("button", name="Refuser").click()
    expect(page.locator(".notice")).to_have_text("Signalement refusé.", timeout=TIMEOUT)
    page.get_by_role("link", name="Refusés").click()
    expect(page.locator(".suggestions > li").filter(has_text="Pas une correction.")).to_be_visible(
        timeout=TIMEOUT
    )
    assert dialogs == []
    with _api(live_server, people.admin) as client:
        decided = client.get("/v1/admin/suggestions", params={"status": "rejected"}).json()
    assert refused in [s["id"] for s in decided["contents"]]
