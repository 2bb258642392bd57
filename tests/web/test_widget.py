"""The chat widget (api/web/widget.js) on the example municipality's page (/demo/), in Chromium.

Conversations go through the real assistant (`chat_server`); the fallbacks use the app with the
assistant down (`live_server`) or requests held, refused or cut with page.route. The neutral site
of the quick exit is intercepted, so nothing leaves the machine. Each test leaves a screenshot in
test-output/web/.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, Request, Route, ViewportSize, expect

from tests.web.conftest import LiveServer, serious_violations

REPLY = 25_000  # ms: the assistant on a busy two-core machine
FALLBACK = 3_500  # ms: the widget shows the fallback after 3 s without an answer
EXIT_URL = "https://www.meteo.be/"
KEY = "passerelle-widget"

FR = {
    "page": "/demo/",
    "title": "Aide et services",
    "safety": "Avant tout : êtes-vous en sécurité pour lire ceci maintenant ?",
    "ok": "Oui, je peux continuer",
    "who": "Pour qui cherchez-vous de l'aide ?",
    "me": "Pour moi",
    "relationship": "Qui est la personne qui fait du mal, ou qui vous inquiète ?",
    "partner": "Partenaire ou ex-partenaire",
    "happening": "Qu'est-ce qui se passe ?",
    "shouting": "On crie, on insulte ou on rabaisse",
    "threats": "Il y a des menaces, j'ai peur",
    "red_flags": "Certaines situations demandent de l'aide plus vite.",
    "none": "Rien de tout cela",
    "next": "Continuer",
    "copy": "Copier le résumé",
    "copied": "Résumé copié.",
    "exit": "Quitter ce site",
}
NL = {
    "page": "/demo/nl.html",
    "title": "Hulp en diensten",
    "safety": "Eerst dit: kan je dit nu veilig lezen?",
    "ok": "Ja, ik kan verder",
    "who": "Voor wie zoek je hulp?",
    "me": "Voor mezelf",
    "relationship": "Wie is de persoon die pijn doet, of over wie je je zorgen maakt?",
    "partner": "(Ex-)partner",
    "happening": "Wat gebeurt er?",
    "shouting": "Roepen, uitschelden of kleineren",
    "threats": "Dreigen, ik ben bang",
    "red_flags": "Sommige situaties vragen snellere hulp.",
    "none": "Niets van dit alles",
    "next": "Verder",
    "copy": "Samenvatting kopiëren",
    "copied": "Samenvatting gekopieerd.",
    "exit": "Verlaat deze site",
}
NEUTRAL_PAGE = "<!doctype html><html lang=fr><title>Météo</title><p>Prévisions du jour</p></html>"


# -- helpers ------------------------------------------------------------------------------------


def open_widget(page: Page, server: LiveServer, texts: dict[str, str] = FR) -> None:
    page.goto(server.url + texts["page"])
    page.get_by_role("button", name=texts["title"]).click()
    expect(page.locator("#pw-panel")).to_be_visible()


def question(page: Page, text: str) -> Any:
    """The live group of answer buttons of the question that starts with `text`."""
    group = page.get_by_role("group", name=re.compile("^" + re.escape(text)))
    expect(group).to_be_visible(timeout=REPLY)
    return group


def answer(page: Page, asked: str, *titles: str, next_label: str = "Continuer") -> None:
    group = question(page, asked)
    several = group.get_attribute("data-question") in ("happening", "red_flags", "needs")
    for title in titles:
        group.get_by_role("button", name=title, exact=True).click()
    if several:
        group.get_by_role("button", name=next_label, exact=True).click()


def converse(
    page: Page, server: LiveServer, texts: dict[str, str] = FR, *, is_open: bool = False
) -> None:
    """A whole conversation by buttons, from the safety question to the suggestions."""
    if not is_open:
        open_widget(page, server, texts)
    answer(page, texts["safety"], texts["ok"])
    answer(page, texts["who"], texts["me"])
    answer(page, texts["relationship"], texts["partner"])
    group = question(page, texts["happening"])
    for title in (texts["shouting"], texts["threats"]):
        toggle = group.get_by_role("button", name=title, exact=True)
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true")
    group.get_by_role("button", name=texts["next"], exact=True).click()
    to_cards(page, texts)


def to_cards(page: Page, texts: dict[str, str] = FR) -> None:
    """The red-flag question when the assistant asks it (partner, threats), then the cards."""
    red_flags = page.get_by_role("group", name=re.compile("^" + re.escape(texts["red_flags"])))
    card = page.locator(".pw-card").first
    expect(red_flags.or_(card)).to_be_visible(timeout=REPLY)
    if red_flags.is_visible():
        answer(page, texts["red_flags"], texts["none"], next_label=texts["next"])
    expect(card).to_be_visible(timeout=REPLY)


def chat_bodies(requests: list[Request]) -> list[dict[str, Any]]:
    return [
        json.loads(r.post_data or "{}")
        for r in requests
        if r.method == "POST" and r.url.endswith("/v1/chat")
    ]


def session_storage(page: Page) -> dict[str, str]:
    found: dict[str, str] = page.evaluate("() => Object.assign({}, sessionStorage)")
    return found


def focused_text(page: Page) -> str:
    """The text of the focused element, looking inside the widget's shadow root."""
    found: str = page.evaluate(
        """() => {
            let el = document.activeElement;
            while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
            return el ? (el.innerText || el.textContent || "").trim() : "";
        }"""
    )
    return found


def tab_to(page: Page, text: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            return
    raise AssertionError(f"{text!r} is not reachable with Tab (last: {focused_text(page)!r})")


def intercept_neutral_site(page: Page) -> list[str]:
    visits: list[str] = []

    def neutral(route: Route) -> None:
        visits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=NEUTRAL_PAGE)

    page.route(lambda url: url.startswith(EXIT_URL), neutral)
    return visits


def expect_fallback(page: Page, timeout: float = FALLBACK) -> None:
    """Never a blank box: 112 and 101, the regional helpline, the search, within ~3.5 s."""
    log = page.locator(".pw-log")
    expect(log.locator("a[href='tel:112']").first).to_be_visible(timeout=timeout)
    expect(log.locator("a[href='tel:101']").first).to_be_visible()
    # Saint-Gilles (the demo's municipality), in French: the Wallonia-Brussels line.
    expect(log.locator("a[href='tel:+3280030030']").first).to_be_visible()
    expect(
        log.get_by_role("link", name="Chercher un service dans le répertoire")
    ).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1:\d+/search$"))


# -- conversations through the real assistant --------------------------------------------------


def test_a_french_conversation_ends_with_cards(page: Page, chat_server: LiveServer) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    open_widget(page, chat_server)
    # Before the first question: the safety note and the emergency numbers.
    expect(page.locator(".pw-sos a[href='tel:112']")).to_be_visible()
    expect(page.locator(".pw-sos a[href='tel:101']")).to_be_visible()
    expect(page.get_by_text("Sur un appareil partagé")).to_be_visible()
    expect(page.get_by_text("L'historique du navigateur, lui, n'est pas effacé.")).to_be_visible()
    converse(page, chat_server, is_open=True)

    cards = page.locator(".pw-card")
    assert cards.count() >= 1
    expect(cards.first.locator("a[href^='tel:']").first).to_be_visible()
    expect(page.locator(".pw-emergency a[href='tel:112']").last).to_be_visible()
    # The hand-off summary is shown with a copy button, and copying keeps it on the device.
    summary = page.locator(".pw-summary textarea")
    expect(summary).to_have_value(re.compile("0800 30 030"))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name=FR["copy"]).click()
    expect(page.get_by_text(FR["copied"])).to_be_visible()
    assert "0800 30 030" in page.evaluate("() => navigator.clipboard.readText()")
    # After the cards, the assistant offers to refine (several answers) and to start again.
    question(page, "Qu'est-ce qui vous aiderait le plus maintenant ?")

    bodies = chat_bodies(requests)
    assert bodies[0]["message"] == "/greet"
    assert {b["sender"] for b in bodies} == {bodies[0]["sender"]}
    assert re.fullmatch(r"[0-9a-f]{32}", bodies[0]["sender"])
    assert all(b["lang"] == "fr" and b["municipality"] == "21013" for b in bodies)
    assert '/inform{"happening":["shouting","threats"]}' in [b["message"] for b in bodies]
    assert not any("summary" in json.dumps(b) for b in bodies)  # the summary is never sent
    stored = json.loads(session_storage(page)[KEY])
    assert stored["sender"] == bodies[0]["sender"]


def test_a_dutch_conversation_ends_with_cards(page: Page, chat_server: LiveServer) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    converse(page, chat_server, NL)
    expect(page.locator(".pw")).to_have_attribute("lang", "nl")
    expect(page.locator(".pw-card a[href='tel:1712']").first).to_be_visible()
    expect(page.get_by_role("button", name=NL["copy"])).to_be_visible()
    expect(page.get_by_role("button", name=NL["exit"])).to_be_visible()
    assert all(b["lang"] == "nl" for b in chat_bodies(requests))


def test_an_emergency_in_the_first_message(page: Page, chat_server: LiveServer) -> None:
    open_widget(page, chat_server)
    question(page, FR["safety"])
    page.get_by_label("Votre message").fill("il a un couteau")
    page.keyboard.press("Enter")
    emergency = page.locator(".pw-emergency.pw-now")
    expect(emergency).to_be_visible(timeout=REPLY)
    expect(emergency.locator("a[href='tel:112']")).to_be_visible()
    expect(emergency.locator("a[href='tel:101']")).to_be_visible()
    # B.4a: one check, and nothing else asked; "not now" goes on with the questions.
    expect(page.get_by_text("Êtes-vous en danger en ce moment ?").last).to_be_visible(timeout=REPLY)
    page.get_by_role("button", name="Non, pas en ce moment", exact=True).last.click()
    expect(page.get_by_text("Pour qui cherchez-vous de l'aide ?").last).to_be_visible(timeout=REPLY)
    # The words typed are shown, never kept.
    assert "couteau" not in json.dumps(session_storage(page))


def test_the_language_toggle_and_the_language_of_the_answer(
    page: Page, chat_server: LiveServer
) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    open_widget(page, chat_server)
    question(page, FR["safety"])
    page.get_by_role("button", name="Nederlands").click()
    question(page, NL["safety"])
    expect(page.get_by_text("Dat begreep ik niet goed")).to_have_count(0)
    expect(page.get_by_role("heading", name=NL["title"])).to_be_visible()
    expect(page.get_by_role("button", name=NL["exit"])).to_be_visible()
    page.get_by_role("button", name="Français").click()
    question(page, FR["safety"])
    # Someone who writes Dutch on the French page is answered, and then asked, in Dutch.
    page.get_by_label("Votre message").fill("ja, ik kan verder")
    page.keyboard.press("Enter")
    question(page, NL["who"])
    expect(page.get_by_label("Je bericht")).to_be_visible()
    answer(page, NL["who"], NL["me"])
    question(page, NL["relationship"])
    assert chat_bodies(requests)[-1]["lang"] == "nl"


def test_restart_clears_the_conversation(page: Page, chat_server: LiveServer) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    open_widget(page, chat_server)
    answer(page, FR["safety"], FR["ok"])
    question(page, FR["who"])
    before = json.loads(session_storage(page)[KEY])
    assert len(before["log"]) >= 3
    page.get_by_role("button", name="Recommencer").click()
    expect(page.get_by_text("C'est effacé. Nous recommençons.")).to_be_visible(timeout=REPLY)
    question(page, FR["safety"])
    expect(page.locator(".pw-me")).to_have_count(0)
    after = json.loads(session_storage(page)[KEY])
    assert [entry for entry in after["log"] if entry["t"] == "me"] == []
    # The assistant is told to forget the old conversation; the new one has a new sender id.
    forgotten, started = chat_bodies(requests)[-2:]
    assert forgotten["message"] == started["message"] == "/start_over"
    assert forgotten["sender"] == before["sender"] != started["sender"] == after["sender"]


def test_keyboard_only_from_the_safety_question_to_cards(
    page: Page, chat_server: LiveServer
) -> None:
    page.goto(chat_server.url + FR["page"])
    page.keyboard.press("Tab")
    assert focused_text(page) == FR["title"]  # the widget comes first in the tab order
    page.keyboard.press("Enter")
    question(page, FR["safety"])
    for asked, title in (
        (FR["safety"], FR["ok"]),
        (FR["who"], FR["me"]),
        (FR["relationship"], FR["partner"]),
    ):
        question(page, asked)
        tab_to(page, title)
        page.keyboard.press("Enter")
    question(page, FR["happening"])
    tab_to(page, FR["threats"])
    page.keyboard.press("Space")
    tab_to(page, FR["next"])
    page.keyboard.press("Enter")
    question(page, FR["red_flags"])
    tab_to(page, FR["none"])
    page.keyboard.press("Space")
    tab_to(page, FR["next"])
    page.keyboard.press("Enter")
    expect(page.locator(".pw-card").first).to_be_visible(timeout=REPLY)
    # The cards' phone numbers and the copy button are reachable too.
    tab_to(page, FR["copy"], limit=60)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(
        """() => {
            const inner = document.querySelector('#passerelle-widget').shadowRoot.activeElement;
            return inner !== null && inner.closest('.pw-referral') !== null;
        }"""
    )


def test_no_request_leaves_the_api_origin(page: Page, chat_server: LiveServer) -> None:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    converse(page, chat_server)
    assert seen
    outside = [url for url in seen if not url.startswith(chat_server.url + "/")]
    assert outside == []
    assert chat_server.url + "/static/widget.css" in seen


def test_nothing_in_local_storage_or_cookies(page: Page, chat_server: LiveServer) -> None:
    converse(page, chat_server)
    assert page.evaluate("() => localStorage.length") == 0
    assert page.evaluate("() => document.cookie") == ""
    assert page.context.cookies() == []
    # The conversation is in this tab's sessionStorage, and only there.
    assert list(session_storage(page)) == [KEY]
    assert page.url == chat_server.url + FR["page"]  # never in the address


def test_no_serious_accessibility_violation(axe_page: Page, chat_server: LiveServer) -> None:
    open_widget(axe_page, chat_server)
    question(axe_page, FR["safety"])
    assert serious_violations(axe_page) == []
    answer(axe_page, FR["safety"], FR["ok"])
    answer(axe_page, FR["who"], FR["me"])
    answer(axe_page, FR["relationship"], FR["partner"])
    group = question(axe_page, FR["happening"])
    group.get_by_role("button", name=FR["shouting"]).click()
    assert serious_violations(axe_page) == []
    group.get_by_role("button", name=FR["next"]).click()
    to_cards(axe_page)
    assert serious_violations(axe_page) == []


# -- quick exit ---------------------------------------------------------------------------------


def _leave(page: Page, how: str) -> None:
    if how == "button":
        page.get_by_role("button", name=FR["exit"]).click()
    elif how == "escape":
        page.keyboard.press("Escape")
    else:
        # Shift with a letter (typing a capital) does not count; three lone presses do.
        page.get_by_label("Votre message").focus()
        for letter in "ABC":
            page.keyboard.press(f"Shift+{letter}")
        expect(page.locator(".pw-dots .pw-on")).to_have_count(0)
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        expect(page.locator(".pw-dots .pw-on")).to_have_count(2)
        assert page.url.endswith("/demo/")
        page.keyboard.press("Shift")


@pytest.mark.parametrize("how", ["button", "escape", "shift"])
def test_quick_exit(page: Page, live_server: LiveServer, how: str) -> None:
    visits = intercept_neutral_site(page)
    page.goto(live_server.url + "/")  # a page before the demo in this tab's history
    open_widget(page, live_server)
    expect_fallback(page)
    assert KEY in session_storage(page)
    # The quick-exit button is the first thing in the tab order.
    page.evaluate("() => { document.body.tabIndex = -1; document.body.focus(); }")
    page.keyboard.press("Tab")
    assert focused_text(page).startswith(FR["exit"])

    _leave(page, how)
    page.wait_for_url(EXIT_URL)
    assert visits == [EXIT_URL]
    expect(page.get_by_text("Prévisions du jour")).to_be_visible()
    # The demo page was replaced: Back goes to the page before it, not to the conversation.
    page.go_back()
    assert page.url == live_server.url + "/"
    # Same tab, same origin: the widget's session storage is gone.
    assert session_storage(page) == {}


# -- when the assistant cannot answer ---------------------------------------------------------


def test_the_fallback_when_the_assistant_is_down(page: Page, live_server: LiveServer) -> None:
    open_widget(page, live_server)
    expect_fallback(page)
    expect(page.get_by_text("L'assistant ne répond pas pour le moment.")).to_be_visible()
    expect(page.get_by_role("button", name="Réessayer")).to_be_visible()
    expect(page.locator(".pw-status")).to_be_hidden()  # nothing left spinning


def test_the_fallback_when_the_assistant_is_slow(page: Page, live_server: LiveServer) -> None:
    held: list[Route] = []
    page.route(lambda url: url.endswith("/v1/chat"), lambda route: held.append(route))
    open_widget(page, live_server)
    started = time.monotonic()
    expect(page.get_by_text("L'assistant met du temps à répondre.")).to_be_visible(timeout=FALLBACK)
    expect_fallback(page, timeout=500)
    assert time.monotonic() - started < FALLBACK / 1000 + 0.5
    # The answer comes at last, 5 s later: the fallback stays, without a second copy.
    page.wait_for_timeout(max(0, 5000 - (time.monotonic() - started) * 1000))
    assert len(held) == 1
    held[0].continue_()
    expect(page.get_by_role("button", name="Réessayer")).to_be_visible(timeout=REPLY)
    expect(page.locator(".pw-log a[href='tel:+3280030030']")).to_have_count(1)


@pytest.mark.parametrize("failure", ["429", "network"])
def test_the_fallback_on_refusal_or_network_error(
    page: Page, live_server: LiveServer, failure: str
) -> None:
    def refuse(route: Route) -> None:
        if failure == "429":
            route.fulfill(
                status=429, json={"message": "too many messages"}, headers={"Retry-After": "30"}
            )
        else:
            route.abort("connectionreset")

    page.route(lambda url: url.endswith("/v1/chat"), refuse)
    open_widget(page, live_server)
    expect_fallback(page)
    expect(page.get_by_role("button", name="Réessayer")).to_be_visible()
    if failure == "429":  # the wait the server asked for, in words
        expect(page.get_by_text("réessayez dans 30 secondes")).to_be_visible()


# -- small screens, zoom, colours ---------------------------------------------------------------


@pytest.mark.parametrize(
    "viewport",
    [ViewportSize(width=360, height=740), ViewportSize(width=640, height=450)],
    ids=["mobile-360px", "zoom-200pc"],
)
def test_small_screens_keep_quick_exit_and_emergency_numbers(
    page: Page, live_server: LiveServer, viewport: ViewportSize
) -> None:
    """360 px wide (a phone) and 640×450 (a 1280×900 window at 200 % zoom)."""
    page.set_viewport_size(viewport)
    open_widget(page, live_server)
    expect_fallback(page)
    width, height = viewport["width"], viewport["height"]

    def inside(locator: Any) -> None:
        expect(locator).to_be_visible()
        box = locator.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, box

    inside(page.get_by_role("button", name=re.compile("^" + FR["exit"])))
    inside(page.locator(".pw-sos a[href='tel:112']"))
    inside(page.locator(".pw-sos a[href='tel:101']"))
    inside(page.get_by_label("Votre message"))
    # The exit button does not cover the panel's own controls.
    exit_box = page.get_by_role("button", name=re.compile("^" + FR["exit"])).bounding_box()
    head_box = page.locator(".pw-head").bounding_box()
    assert exit_box and head_box and exit_box["y"] + exit_box["height"] <= head_box["y"] + 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else float(((s + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    def parse(value: str) -> tuple[int, ...]:
        return tuple(int(float(x)) for x in re.findall(r"[\d.]+", value)[:3])

    la, lb = sorted((_luminance(parse(a)), _luminance(parse(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize(
    ("color", "background", "expected"),
    [
        ("#0b5d4b", "#ffffff", "rgb(11, 93, 75)"),  # the demo's own green: kept
        ("#ffff66", "#ffffff", "rgb(31, 78, 140)"),  # pale yellow: too little contrast
        ("purple", "#222222", "rgb(128, 0, 128)"),  # dark background: back to white
        ("not a colour", "", "rgb(31, 78, 140)"),
    ],
    ids=["kept", "pale-accent", "dark-background", "invalid"],
)
def test_the_municipality_colours_or_safe_ones(
    page: Page, live_server: LiveServer, color: str, background: str, expected: str
) -> None:
    html = (
        "<!doctype html><html lang=fr><title>Test</title><main><h1>Test</h1></main>"
        f'<script src="/widget.js" data-lang="fr" data-color="{color}" '
        f'data-background="{background}"></script></html>'
    )
    page.route(
        live_server.url + "/demo/colours.html",
        lambda route: route.fulfill(status=200, content_type="text/html", body=html),
    )
    page.goto(live_server.url + "/demo/colours.html")
    launcher = page.get_by_role("button", name=FR["title"])
    expect(launcher).to_be_visible()

    def style(selector: str, prop: str) -> str:
        found: str = page.evaluate(
            "([s, p]) => getComputedStyle(document.querySelector('#passerelle-widget')"
            ".shadowRoot.querySelector(s))[p]",
            [selector, prop],
        )
        return found

    assert style(".pw-launcher", "backgroundColor") == expected
    assert (
        _contrast(style(".pw-launcher", "backgroundColor"), style(".pw-launcher", "color")) >= 4.5
    )
    launcher.click()
    panel_bg = style(".pw-panel", "backgroundColor")
    assert _contrast(panel_bg, style(".pw", "color")) >= 7
    assert _contrast(style(".pw-head", "backgroundColor"), panel_bg) >= 3


# -- embedding on a municipality's own site ----------------------------------------------------


def embed(page: Page, url: str, script: str, municipality: str = "21013") -> None:
    """Serve, at `url`, a page that only has the widget's tag (page.route: nothing leaves)."""
    html = (
        "<!doctype html><html lang=fr><title>Commune</title><main><h1>Commune</h1></main>"
        f'<script src="{script}" data-lang="fr" data-municipality="{municipality}"></script></html>'
    )
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(url)


@pytest.fixture
def municipality_site(live_server: LiveServer) -> Iterator[str]:
    """A municipality's page on its own origin (another local server), with only the tag.

    A real server rather than page.route: Chromium refuses a page with no address (a fulfilled
    route counts as public) the right to load anything from 127.0.0.1.
    """
    html = (
        "<!doctype html><html lang=fr><title>Commune</title><main><h1>Commune</h1></main>"
        f'<script src="{live_server.url}/widget.js" data-lang="fr" data-municipality="21013">'
        "</script></html>"
    ).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/aide.html"
    server.shutdown()
    server.server_close()


def test_the_widget_works_from_another_origin(
    page: Page, live_server: LiveServer, municipality_site: str
) -> None:
    responses: list[tuple[str, int]] = []
    page.on("response", lambda response: responses.append((response.url, response.status)))
    page.goto(municipality_site)
    page.get_by_role("button", name=FR["title"]).click()
    expect_fallback(page)
    # The API's own fallback (not the widget's built-in last resort) came through CORS.
    expect(page.get_by_text("En danger : 101 (police) ou 112.")).to_be_visible()
    assert (live_server.url + "/v1/chat", 200) in responses
    assert any(url.startswith(live_server.url + "/v1/chat/fallback") for url, _ in responses)


def test_an_unknown_municipality_is_left_out(page: Page, live_server: LiveServer) -> None:
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    embed(page, live_server.url + "/demo/unknown.html", "/widget.js", "Nulle-part-sur-Mer")
    page.get_by_role("button", name=FR["title"]).click()
    expect(page.get_by_text("En danger : 101 (police) ou 112.")).to_be_visible(timeout=FALLBACK)
    bodies = chat_bodies(requests)
    assert bodies[0]["municipality"] == "Nulle-part-sur-Mer"
    assert "municipality" not in bodies[-1]
