"""The frontline workers' search page (/search: api/web/search.*), in Chromium.

From a place typed in part to a printed referral sheet, a prefilled link, the Dutch interface,
errors next to the place box, keyboard only, small screens, accessibility (axe-core), no request
to another origin, and the printed QR code, read back by the decoder in tests/qr_reader.py.
Each test leaves a screenshot in test-output/web/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.qr_reader import read_qr, svg_matrix
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
    with page.expect_download() as started:  # made by the API (api/service_files.py)
        bureau.get_by_role("link", name=re.compile("^Télécharger la vCard")).click()
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
        qr = sheet.locator("img.qr")
        expect(qr).to_have_count(1)
        expect(qr).to_be_visible()
        assert qr.evaluate("i => i.complete && i.naturalWidth > 0")  # loaded before printing
        url = f"{live_server.url}/v1/services/{service_id}"
        drawn = httpx.get(live_server.url + (qr.get_attribute("src") or "")).text
        assert read_qr(svg_matrix(drawn)) == url.encode()
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
    # The vCard is the API's (tests/api/test_service_files.py checks its escaping and that a
    # confidential address stays out); the card links to it in the page's language.
    service = page.evaluate("PasserelleSearch.shown[0]")
    expect(first.locator("a.vcard")).to_have_attribute(
        "href", f"/v1/services/{service['id']}.vcf?lang=fr"
    )


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
        first.locator("a.vcard").click()
    stub_print(page)
    page.locator("#print").click()
    page.emulate_media(media="print")
    expect(page.locator("#sheet img.qr")).to_have_count(1)

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
    expect(page.locator("#sheet .sheet-page img.qr")).to_have_count(1)
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
        page.locator("#cards > li").first.locator("a.vcard"),
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
