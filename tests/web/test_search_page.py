"""The frontline workers' search page (/search: api/web/search.*, api/web/qr.js), in Chromium.

From a place typed in part to a printed referral sheet, a prefilled link, the Dutch interface,
errors next to the place box, keyboard only, small screens, accessibility (axe-core), no request
to another origin, and the QR code: compared with an independent encoder's matrices and read back
by a decoder written here from ISO/IEC 18004. Each test leaves a screenshot in test-output/web/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.web.conftest import OUTPUT, LiveServer, serious_violations

WAIT = 30_000  # ms: a busy two-core machine
PLACE = "Commune ou code postal"
LIEGE = "62063"


@pytest.fixture(autouse=True)
def _patient_expect() -> Iterator[None]:
    expect.set_options(timeout=WAIT)
    yield
    expect.set_options(timeout=5_000)


def api(live_server: LiveServer, path: str, **params: Any) -> Any:
    return httpx.get(f"{live_server.url}{path}", params=params, timeout=30).json()


def open_search(page: Page, live_server: LiveServer, query: str = "") -> None:
    page.set_default_timeout(WAIT)
    page.goto(f"{live_server.url}/search{query}")
    page.wait_for_selector("body[data-ready=true]")


def stub_print(page: Page) -> None:
    """window.print() opens a dialog in a real browser: count the calls instead."""
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")


def grant_clipboard(page: Page, live_server: LiveServer) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)


def clipboard(page: Page) -> str:
    text: str = page.evaluate("navigator.clipboard.readText()")
    return text


def choose_place_with_keys(page: Page, typed: str, name: str) -> None:
    box = page.get_by_role("combobox", name=PLACE)
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(typed, delay=60)
    option = page.get_by_role("option", name=re.compile(name)).first
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id") or "")
    page.keyboard.press("Enter")
    expect(box).to_have_value(name)
    expect(box).to_have_attribute("aria-expanded", "false")


def settled(page: Page) -> None:
    """The last search has answered (earlier answers are dropped by the page)."""
    expect(page.locator("#results")).not_to_have_attribute("aria-busy", "true")


def expect_results(page: Page, total: int, place: str) -> None:
    noun = "services trouvés" if total > 1 else "service trouvé"
    expect(page.locator("#status")).to_contain_text(f"{total} {noun} pour {place}")


def card(page: Page, service_id: str) -> Locator:
    return page.locator(f"#card-{service_id}")


def tab_to(page: Page, selector: str, limit: int = 300, key: str = "Tab") -> None:
    """Press Tab until the focus is on `selector` (proof that the keyboard reaches it), and
    check that the focus is visible there."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {selector}"
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} not reached with {limit} presses of {key}")


# -- the main path ---------------------------------------------------------------------------------


def test_frontline_search_from_place_to_printed_sheet(
    page: Page, live_server: LiveServer, request: pytest.FixtureRequest
) -> None:
    grant_clipboard(page, live_server)
    open_search(page, live_server)
    expect(page.locator("#status")).to_contain_text("Choisissez une commune")

    # "Jupil" is the start of Jupille-sur-Meuse, a part of Liège.
    choose_place_with_keys(page, "Jupil", "Liège")
    expect(page).to_have_url(re.compile(rf"municipality={LIEGE}"))
    expect_results(
        page, api(live_server, "/v1/services", municipality=LIEGE)["total_items"], "Liège"
    )

    page.locator("details[data-group=violence_type] > summary").click()
    page.locator("#filters").get_by_label("Violence conjugale, entre partenaires").check()
    page.locator("details[data-group=channel] > summary").click()
    page.locator("#filters").get_by_label("Téléphone", exact=True).check()
    expect(page).to_have_url(re.compile(r"violence_type=partner&channel=phone"))
    settled(page)
    wanted = api(
        live_server,
        "/v1/services",
        municipality=LIEGE,
        violence_type="partner",
        channel="phone",
        lang="fr",
    )
    expect_results(page, wanted["total_items"], "Liège")
    expect(page.locator("#cards > li")).to_have_count(wanted["size"])
    shown = page.locator("#cards > li").evaluate_all("items => items.map(i => i.dataset.id)")
    assert shown == [s["id"] for s in wanted["contents"]]

    # A card: phones as tel: links, website, hours, verification and sources.
    baj = api(live_server, "/v1/services/baj-liege", lang="fr")
    bureau = card(page, "baj-liege")
    phone = baj["phones"][0]
    expect(bureau.get_by_role("link", name=phone["display"])).to_have_attribute(
        "href", phone["uri"]
    )
    expect(bureau.get_by_role("link", name="www.barreaudeliege.be")).to_have_attribute(
        "href", baj["url"]
    )
    expect(bureau.locator(".contacts")).to_contain_text("Place Saint-Lambert 16, 4000 Liège")
    expect(bureau.locator(".verification")).to_have_text(baj["verification"]["text"])
    expect(bureau.locator(".verification")).to_contain_text("Source vérifiée le ")
    expect(bureau.locator(".sources a")).to_have_count(len(baj["sources"]))
    cvfe = card(page, "cvfe-liege")
    expect(cvfe.locator(".badge.urgent")).to_have_text("Situations aiguës 24 h/24")
    expect(cvfe.locator(".contacts")).to_contain_text("Téléphone : 24 h/24, 7 j/7")

    # Copy the referral contact text.
    bureau.get_by_role("button", name=re.compile("^Copier les coordonnées")).click()
    expect(page.locator("#notice")).to_contain_text("Coordonnées copiées")
    copied = clipboard(page)
    assert copied.splitlines()[:3] == [
        baj["name"],
        "Aide juridique",
        f"Tél. : {phone['display']} – {phone['description']}",
    ]
    assert f"Site : {baj['url']}" in copied
    assert (
        "Adresse : Palais des Princes-Évêques – 1re cour, Place Saint-Lambert 16, 4000 Liège"
        in (copied)
    )
    assert copied.endswith(f"Fiche à jour : {live_server.url}/v1/services/baj-liege")

    # Download a vCard.
    with page.expect_download() as started:
        bureau.get_by_role("button", name=re.compile("^Télécharger la vCard")).click()
    download = started.value
    assert download.suggested_filename == "baj-liege.vcf"
    raw = Path(download.path()).read_bytes()
    assert b"\r\n" in raw
    vcard = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert vcard[:2] == ["BEGIN:VCARD", "VERSION:3.0"]
    assert vcard[-2:] == ["END:VCARD", ""]
    assert "FN:Bureau d'aide juridique – division de Liège (avocat pro deo)" in vcard
    assert f"TEL;TYPE=WORK,VOICE:{phone['number']}" in vcard
    assert f"URL:{baj['url']}" in vcard
    assert (
        "ADR;TYPE=WORK:;;Palais des Princes-Évêques – 1re cour\\, Place Saint-Lambert 16;Liège;;"
        "4000;Belgique" in vcard
    )
    assert f"SOURCE:{live_server.url}/v1/services/baj-liege" in vcard

    # Select two services and print the referral sheet.
    cvfe.get_by_label(re.compile("^Ajouter à la fiche d'orientation")).check()
    bureau.get_by_label(re.compile("^Ajouter à la fiche d'orientation")).check()
    expect(page.locator("#selection-count")).to_have_text("2 services sélectionnés.")
    stub_print(page)
    page.get_by_role("button", name="Imprimer la fiche d'orientation").click()
    assert page.evaluate("window.printed") == 1

    page.emulate_media(media="print")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{request.node.name}-print.png"), full_page=True)
    sheets = page.locator("#sheet .sheet-page")
    expect(sheets).to_have_count(2)
    assert sheets.evaluate_all("s => s.map(p => p.dataset.id)") == ["cvfe-liege", "baj-liege"]
    assert page.evaluate("getComputedStyle(document.querySelector('main')).display") == "none"
    assert page.evaluate("getComputedStyle(document.getElementById('sheet')).display") == "block"
    breaks = sheets.evaluate_all("s => s.map(p => getComputedStyle(p).breakAfter)")
    assert breaks == ["page", "auto"]  # one page per service
    assert sheets.evaluate_all("s => s.map(p => getComputedStyle(p).breakInside)") == [
        "avoid",
        "avoid",
    ]
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf_pages(pdf) == 2

    for index, service_id in enumerate(["cvfe-liege", "baj-liege"]):
        sheet = sheets.nth(index)
        qr = sheet.locator("svg.qr")
        expect(qr).to_have_count(1)
        expect(qr).to_be_visible()
        url = f"{live_server.url}/v1/services/{service_id}"
        assert read_qr(svg_matrix(qr)) == url.encode()
        expect(sheet.locator("figcaption")).to_contain_text(url)
    expect(sheets.nth(1)).to_contain_text(phone["display"])
    # The printed sheet says how sure the directory is, as the card does.
    expect(sheets.nth(1)).to_contain_text(baj["verification"]["text"])
    # Nothing about the person helped: no field to fill in, nothing typed in the search.
    expect(page.locator("#sheet :is(input, textarea, select, [contenteditable])")).to_have_count(0)
    assert "Jupil" not in (page.locator("#sheet").text_content() or "")
    page.emulate_media(media="screen")  # the fixture's screenshot: the page with its selection
    expect(page.locator("#sheet")).to_be_hidden()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_prefilled_link_from_the_assistant(page: Page, live_server: LiveServer) -> None:
    """The assistant's professional mode links to /search with the filters that fit."""
    open_search(page, live_server, "?municipality=44021&violence_type=child_abuse")
    wanted = api(
        live_server, "/v1/services", municipality="44021", violence_type="child_abuse", lang="fr"
    )
    filters = page.locator("#filters")
    expect(page.get_by_role("combobox", name=PLACE)).to_have_value("Gand")
    expect(filters.get_by_label("Maltraitance d'enfants")).to_be_checked()
    expect(page.locator("details[data-group=violence_type]")).to_have_attribute("open", "")
    expect(page.locator("details[data-group=violence_type] summary")).to_contain_text("(1)")
    expect_results(page, wanted["total_items"], "Gand")
    expect(page.locator("#cards > li")).to_have_count(wanted["size"])
    assert "municipality=44021" in page.url and "violence_type=child_abuse" in page.url

    # The shared URL reflects every filter, and only filters.
    page.get_by_role("checkbox", name="Ouvert maintenant", exact=True).check()
    expect(page).to_have_url(re.compile(r"open_now=true"))
    settled(page)
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    expect(page.get_by_role("checkbox", name="Ouvert maintenant", exact=True)).to_be_checked()
    expect(filters.get_by_label("Maltraitance d'enfants")).to_be_checked()
    for badge in page.locator("#cards .card").all():
        expect(badge.locator(".badge.open")).to_have_text("Ouvert maintenant")


def test_card_shows_verification_date_badges_and_confidential_address(
    page: Page, live_server: LiveServer
) -> None:
    """What the seed data lacks (a verified record, an e-mail, a confidential address), given
    by rewriting the API's answer in the browser."""

    def verified(route: Route) -> None:
        body = route.fetch().json()
        service = body["contents"][0]
        service.update(
            email="accueil@example.org",
            anonymous=True,
            free=False,
            open_now=False,
            verification={
                "status": "verified",
                "label": "Vérifié par un éditeur",
                "verified_at": "2026-03-12T10:00:00+00:00",
            },
            locations=[
                {
                    "id": "x",
                    "location_type": "physical",
                    "name": "Refuge",
                    "address_1": None,
                    "postal_code": None,
                    "city": None,
                    "municipality_nis": None,
                    "confidential": True,
                }
            ],
        )
        route.fulfill(json=body)

    page.route(re.compile(r".*/v1/services\?.*"), verified)
    open_search(page, live_server, f"?municipality={LIEGE}")
    first = page.locator("#cards > li").first
    expect(first.locator(".verification")).to_have_text(
        "Vérifié par un éditeur – dernière vérification le 12 mars 2026"
    )
    expect(first.locator(".verification")).to_have_class(re.compile("verified"))
    badges = first.locator(".badge").all_text_contents()
    assert {"Anonyme possible", "Payant", "Fermé maintenant"} <= set(badges)
    expect(first.get_by_role("link", name="accueil@example.org")).to_have_attribute(
        "href", "mailto:accueil@example.org"
    )
    expect(first.locator(".contacts")).to_contain_text("Adresse confidentielle")
    service = page.evaluate("PasserelleSearch.shown[0]")
    vcard = page.evaluate("s => PasserelleSearch.vcard(s)", service)
    assert "EMAIL;TYPE=INTERNET:accueil@example.org" in vcard
    assert "ADR" not in vcard
    # Issue 14 (6): a line break in any value never starts a property of its own.
    forged = page.evaluate(
        "s => PasserelleSearch.vcard(s)",
        {
            **service,
            "name": "Abri\r\nTEL:+3290000000",
            "url": "https://x.example/\r\nTEL:+3291111111",
        },
    )
    lines = forged.split("\r\n")
    assert not any(line.startswith("TEL:") for line in lines)
    assert "FN:Abri\\nTEL:+3290000000" in forged


def test_dutch_interface(page: Page, live_server: LiveServer) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/v1/" in r.url else None)
    open_search(page, live_server, f"?municipality={LIEGE}&lang=nl")
    total = api(live_server, "/v1/services", municipality=LIEGE)["total_items"]
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Een dienst vinden om iemand door te verwijzen"
    )
    expect(page.get_by_role("combobox", name="Gemeente of postcode")).to_have_value("Luik")
    expect(page.locator("#status")).to_contain_text(f"{total} diensten gevonden voor Luik")
    expect(page.locator("details[data-group=violence_type] summary")).to_contain_text(
        "Soort geweld"
    )
    expect(page.locator("#filters").get_by_label("Partnergeweld")).to_have_count(1)
    cvfe = card(page, "cvfe-liege")
    expect(cvfe.locator(".kind")).to_contain_text("Opvang, vluchthuis")
    expect(cvfe.get_by_role("button", name=re.compile("^Contactgegevens kopiëren"))).to_be_visible()
    expect(page.get_by_role("button", name="NL – Nederlands")).to_have_attribute(
        "aria-pressed", "true"
    )
    copied = page.evaluate(
        "PasserelleSearch.contactText(PasserelleSearch.shown.find(s => s.id === 'cvfe-liege'))"
    )
    assert "\nTel.: 04 223 45 67 – " in copied
    assert "\nOpeningsuren: Telefoon: 24 u/24, 7/7" in copied
    assert copied.endswith(f"Actuele fiche: {live_server.url}/v1/services/cvfe-liege")
    assert any("/v1/labels?lang=nl" in url for url in asked)
    assert any("/v1/services?" in url and "lang=nl" in url for url in asked)

    # Back to French with the toggle: the same search, in French.
    page.get_by_role("button", name="FR – français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("combobox", name=PLACE)).to_have_value("Liège")
    expect(cvfe.locator(".kind")).to_contain_text("Hébergement, maison d'accueil")
    expect(page).to_have_url(re.compile(r"lang=fr"))
    # And to Dutch again: the suggestions speak Dutch too.
    page.get_by_role("button", name="NL – Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#status")).to_contain_text("voor Luik")
    box = page.get_by_role("combobox", name="Gemeente of postcode")
    box.fill("")
    box.press_sequentially("Jupil", delay=60)
    expect(page.get_by_role("option", name=re.compile("Luik"))).to_be_visible()


def test_unknown_place_shows_the_api_message_next_to_the_place_box(
    page: Page, live_server: LiveServer
) -> None:
    open_search(page, live_server)
    box = page.get_by_role("combobox", name=PLACE)
    box.fill("Xyzzyville")
    box.press("Enter")
    error = page.locator("#place-error")
    message = api(live_server, "/v1/services", municipality="Xyzzyville")["message"]
    expect(error).to_contain_text("Lieu non reconnu.")
    expect(error.locator(".api-message")).to_have_text(message)
    expect(box).to_have_attribute("aria-invalid", "true")
    assert "place-error" in (box.get_attribute("aria-describedby") or "")
    expect(page.locator("#status")).to_contain_text("La recherche n'a pas abouti")
    expect(page.locator("#cards > li")).to_have_count(0)
    near = box.bounding_box()
    below = error.bounding_box()
    assert near and below
    assert 0 <= below["y"] - (near["y"] + near["height"]) < 80
    assert abs(below["x"] - near["x"]) < 5

    # An ambiguous name: the API's candidates are offered; one click searches there.
    box.fill("Saint")
    box.press("Enter")  # no suggestion chosen: search what was typed
    expect(error).to_contain_text("Plusieurs communes possibles.")
    expect(error.locator(".api-message")).to_contain_text("could be several municipalities")
    error.get_by_role("button", name="Saint-Ghislain (53070)").click()
    expect(box).to_have_value("Saint-Ghislain")
    expect(box).not_to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"municipality=53070"))
    expect(page.locator("#cards > li").first).to_be_visible()


def test_no_request_leaves_the_origin(page: Page, live_server: LiveServer) -> None:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    open_search(page, live_server, "?municipality=44021&violence_type=child_abuse")
    choose_place_with_keys(page, "Brux", "Bruxelles")
    settled(page)
    expect(page.locator("#status")).to_contain_text("pour Bruxelles")
    for group in page.locator("#filters details summary").all():
        group.click()
    page.locator("#cards .sources summary").first.click()
    page.get_by_role("button", name="NL – Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#status")).to_contain_text("diensten gevonden voor Brussel")
    settled(page)
    first = page.locator("#cards > li").first
    first.locator("input.pick").check()
    with page.expect_download():
        first.locator("button.vcard").click()
    stub_print(page)
    page.locator("#print").click()
    page.emulate_media(media="print")
    expect(page.locator("#sheet svg.qr")).to_have_count(1)

    assert len(seen) > 8
    outside = [
        url
        for url in seen
        if not url.startswith(live_server.url + "/") and not url.startswith(("blob:", "data:"))
    ]
    assert outside == []
    # Nothing in the page loads from elsewhere (links to services' sites are only links).
    loaded = page.evaluate(
        "[...document.querySelectorAll('script[src], link[href], img[src], iframe, object')]"
        ".map(e => e.src || e.href || e.data || '')"
    )
    assert all(url.startswith((live_server.url, "data:")) for url in loaded), loaded


def test_no_serious_accessibility_violation(axe_page: Page, live_server: LiveServer) -> None:
    page = axe_page
    # Results shown, every filter group open, a service selected.
    open_search(page, live_server, f"?municipality={LIEGE}&violence_type=partner")
    expect(page.locator("#cards > li").first).to_be_visible()
    for group in page.locator("#filters details summary").all():
        group.click()
    page.locator("#cards .sources summary").first.click()
    page.locator("#cards input.pick").first.check()
    expect(page.locator("#selection")).to_be_visible()
    assert serious_violations(page) == []

    # The suggestions open, in Dutch.
    open_search(page, live_server, "?lang=nl")
    page.get_by_role("combobox", name="Gemeente of postcode").press_sequentially("Jupil", delay=60)
    expect(page.get_by_role("option", name=re.compile("Luik"))).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", name=re.compile("Luik"))).to_have_attribute(
        "aria-selected", "true"
    )
    assert serious_violations(page) == []

    # A place error.
    open_search(page, live_server)
    box = page.get_by_role("combobox", name=PLACE)
    box.fill("Xyzzyville")
    box.press("Enter")
    expect(page.locator("#place-error .api-message")).to_be_visible()
    assert serious_violations(page) == []


def test_keyboard_only(page: Page, live_server: LiveServer) -> None:
    grant_clipboard(page, live_server)
    open_search(page, live_server)
    stub_print(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller aux résultats"
    tab_to(page, "#place")
    page.keyboard.type("Jupil", delay=60)
    expect(page.get_by_role("option", name=re.compile("Liège"))).to_be_visible()
    page.keyboard.press("Escape")  # closes the suggestions
    expect(page.get_by_role("combobox", name=PLACE)).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")  # opens them again on the first one
    page.keyboard.press("Enter")
    expect(page.get_by_role("combobox", name=PLACE)).to_have_value("Liège")
    expect(page.locator("#cards > li").first).to_be_visible()

    tab_to(page, "details[data-group=violence_type] > summary")
    page.keyboard.press("Enter")
    tab_to(page, "#f-violence_type-partner")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"violence_type=partner"))
    tab_to(page, "#urgent")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"urgent=true"))
    settled(page)
    wanted = api(
        live_server, "/v1/services", municipality=LIEGE, violence_type="partner", urgent="true"
    )
    expect_results(page, wanted["total_items"], "Liège")
    first = page.locator("#cards > li").first
    expect(first).to_be_visible()
    service_id = first.get_attribute("data-id")
    assert service_id == wanted["contents"][0]["id"]

    tab_to(page, f"#card-{service_id} button.copy")
    page.keyboard.press("Enter")
    expect(page.locator("#notice")).to_contain_text("Coordonnées copiées")
    assert clipboard(page).endswith(f"{live_server.url}/v1/services/{service_id}")
    tab_to(page, f"#pick-{service_id}")
    page.keyboard.press("Space")
    expect(page.locator("#selection-count")).to_have_text("1 service sélectionné.")
    tab_to(page, "#print")
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    expect(page.locator("#sheet .sheet-page svg.qr")).to_have_count(1)
    # The language toggle is reachable too, back up the page.
    tab_to(page, "[data-lang=nl]", key="Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("#status")).to_contain_text("voor Luik")
    expect(page.locator("#selection-count")).to_have_text("1 dienst geselecteerd.")


@pytest.mark.parametrize(
    ("width", "height"),
    [(360, 740), (640, 450)],  # a small phone; 1280 × 900 at 200 % zoom is 640 × 450 CSS px
    ids=["360px", "zoom-200"],
)
def test_small_screens_and_zoom(
    page: Page, live_server: LiveServer, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_search(page, live_server, f"?municipality={LIEGE}&violence_type=partner")
    expect(page.locator("#cards > li").first).to_be_visible()
    page.locator("#cards input.pick").first.check()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for locator in [
        page.get_by_role("combobox", name=PLACE),
        page.locator("#cards > li").first,
        page.locator("#cards > li").first.locator("button.vcard"),
        page.locator("#print"),
    ]:
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    box = page.get_by_role("combobox", name=PLACE)
    box.fill("")
    box.press_sequentially("Gen", delay=60)
    options = page.locator("#place-options")
    expect(options).to_be_visible()
    listed = options.bounding_box()
    assert listed and listed["x"] + listed["width"] <= width
    page.keyboard.press("Escape")


def test_vcard_escapes_folds_and_leaves_confidential_addresses_out(
    page: Page, live_server: LiveServer
) -> None:
    open_search(page, live_server)
    service = {
        "id": "test",
        "name": "Refuge; test, avec un nom très long pour plier la ligne à 75 octets — 24 h/24 éà",
        "kind": {"code": "shelter", "label": "Hébergement"},
        "url": None,
        "email": "contact@example.org",
        "phones": [{"number": "+3225550000", "display": "02 555 00 00", "type": "voice"}],
        "locations": [
            {"address_1": None, "postal_code": None, "city": None, "confidential": True},
            {
                "address_1": "Rue X 1",
                "postal_code": "1000",
                "city": "Bruxelles",
                "confidential": False,
            },
        ],
        "schedules": [],
        "hours_notes": None,
    }
    text: str = page.evaluate("s => PasserelleSearch.vcard(s)", service)
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert (
        "FN:Refuge\\; test\\, avec un nom très long pour plier la ligne à 75 octets — 24 h/24 éà"
        in unfolded
    )
    assert "EMAIL;TYPE=INTERNET:contact@example.org" in unfolded
    assert [line for line in unfolded if line.startswith("ADR")] == [
        "ADR;TYPE=WORK:;;Rue X 1;Bruxelles;;1000;Belgique"
    ]


# -- the QR code -----------------------------------------------------------------------------------

# Whole matrices (one hex number per row, dark = 1) computed by an independent encoder, the
# `qrcode` package 8.2 (byte mode, level M, the mask our encoder chose), and checked with segno
# 1.6.6, whose ISO/IEC 18004:2015 penalty scores pick the same masks. segno itself writes an
# extra zero codeword after the terminator, so its matrices differ by that padding.
REFERENCES = {
    "https://passerelle.be/v1/services/1712": (
        3,
        6,
        "1fd5987f 105dda41 1754c55d 1743cf5d 175f0b5d 10408d41 1fd5557f 0004c200 13f0ae97 "
        "0abdfe36 1ed2b104 169baaf9 1a429341 15a1e0ff 0f54aee5 09aa3215 0af37308 1fb2ee16 "
        "1a6d2a59 19ae529c 1e76fbfe 00196118 1fdb7758 10597f10 1755f3f9 17553381 174ee9b7 "
        "104f949d 1fd683b8",
    ),
    "http://127.0.0.1:8000/v1/services/cvfe-liege": (
        4,
        3,
        "1fdf9e77f 105785e41 17422af5d 175171f5d 1746c125d 104c8f541 1fd55557f 00180d300 "
        "16eb4fc4b 178412bed 08c3492b9 0891f6029 0ecc249b8 16081cd06 0f7a3c9bc 159397a8c "
        "104532b5c 1f3caca59 16c1f85d6 0324d1973 1d580720c 16ba24a45 004518357 0986961fa "
        "13456d1fb 00117b718 1fdf82750 105a40d17 1745cb3f5 17574fb8b 17590a3e0 1047fe311 "
        "1fdc6de04",
    ),
    (
        "https://passerelle.be/v1/services/centre-de-prise-en-charge-des-violences-sexuelles-"
        "cpvs-liege?lang=fr&source=fiche-1"
    ): (
        7,
        4,
        "1fd9a344e97f 1042691b3241 17474a46ba5d 175693a9a35d 175811f6df5d 1057871b9841 "
        "1fd55555557f 0019a1121c00 1170c5fad0f9 14959f25cbfc 055c30e44bf2 08972f4ab5a0 "
        "14e56ee6186a 0a03e025d366 1bfe7545fb76 10b092da3eeb 10d72d16de21 00a080c4db6c "
        "1144dd0ce962 0901c252bdea 09f96df015f9 191c4116c31e 055d9755f95a 0512ed1aff13 "
        "03f119f45bfb 1fb344ded8a6 18ecb9d57086 062ebd6e917a 1a48a28ab8b1 05969ffed8aa "
        "0371c174eb32 17a648a25572 0cd103b25919 07bda9fec8aa 016de135c2b6 0f0d9a86d4c0 "
        "136fa3fed5f1 0010db17cb1e 1fd24f57415a 1044ab1e1d12 175447f2fffa 174726f4ca18 "
        "1745f0dcc216 104785fc15a0 1fdd35f4d3a1",
    ),
}


def encode(page: Page, text: str) -> dict[str, Any]:
    code: dict[str, Any] = page.evaluate("t => PasserelleQR.encode(t)", text)
    return code


def test_qr_encoder_matches_reference_matrices(page: Page, live_server: LiveServer) -> None:
    open_search(page, live_server)
    for text, (version, mask, rows) in REFERENCES.items():
        code = encode(page, text)
        size = version * 4 + 17
        expected = [
            [bool(int(row, 16) >> (size - 1 - x) & 1) for x in range(size)] for row in rows.split()
        ]
        assert (code["version"], code["mask"], code["size"]) == (version, mask, size), text
        assert code["modules"] == expected, text
    # Reed-Solomon: the "HELLO WORLD" 1-M codewords of the classic worked example.
    data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
    ec = page.evaluate("d => PasserelleQR.rsRemainder(d, 10)", data)
    assert ec == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]


def test_qr_codes_read_back_at_every_version(page: Page, live_server: LiveServer) -> None:
    open_search(page, live_server)
    capacities = page.evaluate("[...Array(10).keys()].map(v => PasserelleQR.capacity(v + 1))")
    assert capacities == [14, 26, 42, 62, 84, 106, 122, 152, 180, 213]
    lengths = sorted({1, 2, 213, *capacities, *(c + 1 for c in capacities[:-1]), 60, 99, 170})
    for length in lengths:
        text = "é" + "x" * (length - 2) if length >= 2 else "x"  # é is two bytes in UTF-8
        assert len(text.encode()) == length
        code = encode(page, text)
        matrix = code["modules"]
        assert read_qr(matrix) == text.encode(), length
        assert code["version"] == next(
            v for v, c in enumerate(capacities, 1) if c >= len(text.encode())
        )
    with pytest.raises(Exception, match="too long"):
        encode(page, "x" * 214)


# A reader of QR matrices from ISO/IEC 18004, written for these tests and independent of qr.js:
# it checks the fixed patterns and the format and version information (BCH), unmasks, reads the
# codewords in placement order, de-interleaves the blocks, checks every block's Reed-Solomon
# syndromes and returns the byte-mode payload.

BLOCKS_M = {
    1: (10, [16]),
    2: (16, [28]),
    3: (26, [44]),
    4: (18, [32, 32]),
    5: (24, [43, 43]),
    6: (16, [27] * 4),
    7: (18, [31] * 4),
    8: (22, [38, 38, 39, 39]),
    9: (22, [36, 36, 36, 37, 37]),
    10: (26, [43, 43, 43, 43, 44]),
}
CENTRES = {
    1: [],
    2: [6, 18],
    3: [6, 22],
    4: [6, 26],
    5: [6, 30],
    6: [6, 34],
    7: [6, 22, 38],
    8: [6, 24, 42],
    9: [6, 26, 46],
    10: [6, 28, 50],
}
MASKS = [
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: (x * y) % 2 + (x * y) % 3 == 0,
    lambda x, y: ((x * y) % 2 + (x * y) % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + (x * y) % 3) % 2 == 0,
]
EXP = [0] * 255
LOG = [0] * 256
_value = 1
for _power in range(255):
    EXP[_power], LOG[_value] = _value, _power
    _value = (_value << 1) ^ (0x11D if _value & 0x80 else 0)


def _bch(value: int, bits: int, generator: int) -> int:
    degree = generator.bit_length() - 1
    remainder = value << degree
    for shift in range(bits - 1, -1, -1):
        if remainder >> (shift + degree) & 1:
            remainder ^= generator << shift
    return value << degree | remainder


def _syndromes(block: list[int], count: int) -> list[int]:
    found = []
    for power in range(count):
        total = 0
        for word in block:
            total = (EXP[(LOG[total] + power) % 255] if total else 0) ^ word
        found.append(total)
    return found


def svg_matrix(svg: Locator) -> list[list[bool]]:
    size = int(svg.get_attribute("data-size") or 0)
    assert svg.get_attribute("viewBox") == f"0 0 {size + 8} {size + 8}"  # 4-module quiet zone
    path = svg.locator("path").get_attribute("d") or ""
    matrix = [[False] * size for _ in range(size)]
    for x, y in re.findall(r"M(\d+) (\d+)h1v1h-1z", path):
        matrix[int(y) - 4][int(x) - 4] = True
    return matrix


def read_qr(m: list[list[bool]]) -> bytes:
    size = len(m)
    version = (size - 17) // 4
    assert size == 17 + 4 * version and 1 <= version <= 10

    # Finder patterns, timing patterns, the dark module.
    def finder(x0: int, y0: int) -> None:
        for dy in range(7):
            for dx in range(7):
                ring = max(abs(dx - 3), abs(dy - 3))
                assert m[y0 + dy][x0 + dx] == (ring != 2), (x0, y0)

    finder(0, 0)
    finder(size - 7, 0)
    finder(0, size - 7)
    assert all(m[6][i] == (i % 2 == 0) for i in range(8, size - 8))
    assert all(m[i][6] == (i % 2 == 0) for i in range(8, size - 8))
    assert m[size - 8][8]

    # Format information, both copies.
    first = [m[i][8] for i in range(6)] + [m[7][8], m[8][8], m[8][7]]
    first += [m[8][14 - i] for i in range(9, 15)]
    second = [m[8][size - 1 - i] for i in range(8)] + [m[size - 15 + i][8] for i in range(8, 15)]
    assert first == second
    word = sum(bit << i for i, bit in enumerate(first)) ^ 0x5412
    assert word == _bch(word >> 10, 5, 0x537)
    level, mask = word >> 13, (word >> 10) & 7
    assert level == 0  # M

    # Version information (7 and up), both copies.
    if version >= 7:
        for reading in (
            [m[i // 3][size - 11 + i % 3] for i in range(18)],
            [m[size - 11 + i % 3][i // 3] for i in range(18)],
        ):
            bits = sum(bit << i for i, bit in enumerate(reading))
            assert bits == _bch(version, 6, 0x1F25)

    # Which modules hold data.
    reserved = [[False] * size for _ in range(size)]

    def reserve(x0: int, y0: int, width: int, height: int) -> None:
        for y in range(y0, y0 + height):
            for x in range(x0, x0 + width):
                reserved[y][x] = True

    reserve(0, 0, 9, 9)
    reserve(size - 8, 0, 8, 9)
    reserve(0, size - 8, 9, 8)
    reserve(6, 0, 1, size)
    reserve(0, 6, size, 1)
    centres = CENTRES[version]
    for cy in centres:
        for cx in centres:
            if (cx, cy) not in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                reserve(cx - 2, cy - 2, 5, 5)
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        assert m[cy + dy][cx + dx] == (max(abs(dx), abs(dy)) != 1)
    if version >= 7:
        reserve(size - 11, 0, 3, 6)
        reserve(0, size - 11, 6, 3)

    # The codewords, in placement order: two-module columns from the right, up then down.
    bits = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        upward = (right + 1) & 2 == 0
        for step in range(size):
            y = size - 1 - step if upward else step
            for x in (right, right - 1):
                if not reserved[y][x]:
                    bits.append(int(m[y][x]) ^ int(MASKS[mask](x, y)))
        right -= 2
    ec, lengths = BLOCKS_M[version]
    total = sum(lengths) + ec * len(lengths)
    assert len(bits) >= total * 8
    words = iter(int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, total * 8, 8))
    data: list[list[int]] = [[] for _ in lengths]
    for i in range(max(lengths)):
        for block, length in enumerate(lengths):
            if i < length:
                data[block].append(next(words))
    correction: list[list[int]] = [[] for _ in lengths]
    for _ in range(ec):
        for block in correction:
            block.append(next(words))
    for block, checks in zip(data, correction, strict=True):
        assert _syndromes(block + checks, ec) == [0] * ec

    stream = "".join(f"{word:08b}" for block in data for word in block)
    assert stream[:4] == "0100"  # byte mode
    width = 8 if version < 10 else 16
    count = int(stream[4 : 4 + width], 2)
    start = 4 + width
    payload = bytes(int(stream[start + 8 * i : start + 8 * i + 8], 2) for i in range(count))
    rest = stream[start + 8 * count :]
    assert set(rest[:4]) <= {"0"}  # terminator
    return payload


def test_an_empty_search_shows_what_exists_instead(page: Page, live_server: LiveServer) -> None:
    # A worker types a misspelt word: no page without a way on.
    open_search(page, live_server, "?municipality=44021&q=kindermishandelng&lang=nl")
    expect(page.locator("#status")).to_contain_text("Dit bestaat wel")
    expect(page.locator("#cards > li")).to_have_count(0)
    spelling = page.locator(".alternative[data-reason=spelling]")
    expect(spelling.locator(":scope > h3")).to_have_text("Bedoelde u “kindermishandeling”?")
    expect(spelling.locator(".cards > li").first).to_be_visible()
    expect(page.locator(".alternative[data-reason=helpline]")).to_contain_text("1712")
    # One click searches the right spelling: results, and no alternatives any more.
    spelling.get_by_role("button", name="Zoek “kindermishandeling”").click()
    expect(page.locator("#q")).to_have_value("kindermishandeling")
    expect(page.locator("#cards > li").first).to_be_visible()
    expect(page.locator(".alternative")).to_have_count(0)
