/* Passerelle: the embeddable chat widget. One tag on a municipality's page:

     <script src="https://API/widget.js" data-lang="fr" data-municipality="21013"
             data-title="Aide et services" data-color="#0b5d4b" data-background="#ffffff" defer></script>

   It talks only to the origin it was loaded from (POST /v1/chat, GET /v1/chat/fallback) and loads
   only its own stylesheet from there. The conversation lives in sessionStorage of this tab only.
   No dependencies, no build step, no cookies, no localStorage, nothing from a third party.
   Safety first (conversation.md B.1, B.4, B.5): quick exit (button, Esc, Shift three times),
   112/101 always visible, and a fallback with the numbers when the assistant cannot answer. */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || window.__passerelleWidget) return;
  window.__passerelleWidget = true;

  const API = new URL(script.src).origin;
  const KEY = "passerelle-widget";
  const SLOW_MS = 3000; // after this, show the fallback (and keep waiting for the real answer)
  const GIVE_UP_MS = 20000;
  const EXIT_URL = "https://www.meteo.be/";
  const EXCLUSIVE = ["dont_know", "rather_not_say", "none"]; // answers that do not mix
  const LANGS = ["fr", "nl"];

  const T = {
    fr: {
      title: "Aide et services",
      exit: "Quitter ce site",
      exitKeys: "Échap ou 3 × Maj",
      close: "Réduire",
      restart: "Recommencer",
      other: "Nederlands",
      danger: "Danger immédiat ?",
      police: "Police",
      medical: "Urgence médicale",
      shared:
        "Sur un appareil partagé, d'autres personnes peuvent voir les sites visités. Si possible, utilisez un appareil sûr ou la navigation privée.",
      exitNote:
        "« Quitter ce site » (ou Échap, ou 3 fois Maj/Shift) efface cette conversation et remplace la page. L'historique du navigateur, lui, n'est pas effacé.",
      more: "En savoir plus sur la sécurité en ligne",
      moreLines: [
        "Cette conversation est gardée seulement dans cet onglet, jusqu'à ce que vous le fermiez, quittiez ou recommenciez. Rien n'est enregistré chez nous.",
        "Pour l'historique, effacez plutôt les pages une à une : tout effacer peut attirer l'attention.",
        "Si quelqu'un surveille l'appareil (logiciel espion), il peut voir aussi ce que vous effacez.",
      ],
      log: "Conversation",
      input: "Votre message",
      send: "Envoyer",
      next: "Continuer",
      several: "Vous pouvez choisir plusieurs réponses, puis « Continuer ».",
      waiting: "L'assistant écrit…",
      slow: "L'assistant met du temps à répondre. En attendant, voici qui peut vous aider :",
      down: "L'assistant ne répond pas pour le moment. Vous pouvez appeler ces services, ou chercher dans le répertoire.",
      retry: "Réessayer",
      busy: "Beaucoup de messages en peu de temps : réessayez dans {s} secondes. En attendant, voici qui peut vous aider :",
      you: "Vous :",
      written: "(message écrit)",
      open: "Ouvert maintenant",
      shut: "Fermé maintenant",
      anonymous: "Anonyme",
      free: "Gratuit",
      chat: "Chat sur leur site",
      call: "Appeler",
      hours: "Horaires : ",
      happens: "Quand vous les contactez : ",
      notEmergency: "Ce n'est pas un service d'urgence. En danger : 101 ou 112.",
      website: "Site web",
      email: "E-mail",
      unverified: "Informations de sources publiques, pas encore vérifiées.",
      verified: "Vérifié par l'équipe.",
      summary: "Résumé à copier si vous le souhaitez (il n'est enregistré nulle part)",
      copy: "Copier le résumé",
      copied: "Résumé copié.",
      copyFailed: "Sélectionnez le texte pour le copier.",
      search: "Chercher un service dans le répertoire",
      regional: [
        ["Écoute Violences Conjugales (Wallonie, Bruxelles)", "0800 30 030", "tel:+3280030030"],
        ["Hulplijn 1712 (Flandre)", "1712", "tel:1712"],
      ],
    },
    nl: {
      title: "Hulp en diensten",
      exit: "Verlaat deze site",
      exitKeys: "Esc of 3 × Shift",
      close: "Verkleinen",
      restart: "Opnieuw beginnen",
      other: "Français",
      danger: "Nu in gevaar?",
      police: "Politie",
      medical: "Dringende medische hulp",
      shared:
        "Op een gedeeld toestel kunnen anderen zien welke sites je bezocht. Gebruik als het kan een veilig toestel of privé-browsen.",
      exitNote:
        "« Verlaat deze site » (of Esc, of 3 keer Shift) wist dit gesprek en vervangt de pagina. De geschiedenis van je browser wordt niet gewist.",
      more: "Meer over veilig online",
      moreLines: [
        "Dit gesprek blijft alleen in dit tabblad, tot je het sluit, de site verlaat of opnieuw begint. Bij ons wordt niets bewaard.",
        "Wis liever afzonderlijke pagina's uit je geschiedenis: alles wissen kan opvallen.",
        "Als iemand het toestel in de gaten houdt (spyware), kan die ook zien wat je wist.",
      ],
      log: "Gesprek",
      input: "Je bericht",
      send: "Verstuur",
      next: "Verder",
      several: "Je mag meerdere antwoorden kiezen, en dan « Verder ».",
      waiting: "De assistent schrijft…",
      slow: "De assistent antwoordt traag. Intussen kan je hier terecht:",
      down: "De assistent antwoordt nu niet. Je kan deze diensten bellen, of zoeken in de gids.",
      retry: "Opnieuw proberen",
      busy: "Veel berichten kort na elkaar: probeer opnieuw over {s} seconden. Intussen kan je hier terecht:",
      you: "Jij:",
      written: "(geschreven bericht)",
      open: "Nu open",
      shut: "Nu gesloten",
      anonymous: "Anoniem",
      free: "Gratis",
      chat: "Chat op hun website",
      call: "Bellen",
      hours: "Uren: ",
      happens: "Als je contact opneemt: ",
      notEmergency: "Dit is geen noodhulpdienst. In gevaar: 101 of 112.",
      website: "Website",
      email: "E-mail",
      unverified: "Uit openbare bronnen, nog niet geverifieerd.",
      verified: "Geverifieerd door een redacteur.",
      summary: "Samenvatting om te kopiëren als je wil (ze wordt nergens bewaard)",
      copy: "Samenvatting kopiëren",
      copied: "Samenvatting gekopieerd.",
      copyFailed: "Selecteer de tekst om te kopiëren.",
      search: "Een dienst zoeken in de gids",
      regional: [
        ["Hulplijn 1712 (Vlaanderen)", "1712", "tel:1712"],
        ["Écoute Violences Conjugales (Wallonië, Brussel)", "0800 30 030", "tel:+3280030030"],
      ],
    },
  };

  const data = script.dataset;
  const pageLang = LANGS.includes(data.lang) ? data.lang : "fr";
  let municipality = (data.municipality || "").trim() || null;

  // -- state (sessionStorage of this tab only) ------------------------------------------------

  function load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(KEY));
      if (saved && Array.isArray(saved.log) && LANGS.includes(saved.lang)) return saved;
    } catch (error) {
      /* unreadable or blocked storage: start afresh */
    }
    return null;
  }
  function fresh(lang) {
    return { sender: null, lang, open: false, turn: 0, log: [] };
  }
  function save() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* storage blocked or full: the conversation still works in memory */
    }
  }
  function forget() {
    try {
      sessionStorage.removeItem(KEY);
    } catch (error) {
      /* nothing stored */
    }
  }
  function senderId() {
    if (!state.sender) {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      state.sender = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    }
    return state.sender;
  }

  let state = load() || fresh(pageLang);
  const t = (key) => T[state.lang][key];

  // -- DOM helpers ---------------------------------------------------------------------------

  function h(tag, props, children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") el.className = value;
      else if (name === "text") el.textContent = value;
      else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : value);
    }
    for (const child of [].concat(children || []).flat(Infinity)) {
      if (child || child === "0") el.append(child);
    }
    return el;
  }
  let ids = 0;
  const uid = (prefix) => "pw-" + prefix + "-" + ++ids;

  function safeHref(href) {
    try {
      const url = new URL(href, API);
      return ["https:", "http:", "mailto:", "tel:"].includes(url.protocol) ? url.href : null;
    } catch (error) {
      return null;
    }
  }
  function telLink(display, uri, label, big) {
    const href = safeHref(uri);
    const text = label ? [h("span", { text: label + " " }), h("strong", { text: display })] : display;
    if (!href) return h("span", {}, text);
    return h("a", { class: big ? "pw-call pw-big" : "pw-call", href }, text);
  }

  // -- colours: the municipality's, unless their contrast is too low (WCAG 2.1 AA) -----------

  const DEFAULT_ACCENT = [31, 78, 140];
  const WHITE = [255, 255, 255];
  const INK = [26, 26, 26];

  function parseColour(value, probeParent) {
    if (!value) return null;
    const probe = h("span");
    probe.style.color = value;
    if (!probe.style.color) return null;
    probeParent.append(probe);
    const computed = getComputedStyle(probe).color;
    const found = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(computed);
    probe.remove();
    if (!found || (found[4] !== undefined && Number(found[4]) < 1)) return null;
    return [Number(found[1]), Number(found[2]), Number(found[3])];
  }
  function luminance(rgb) {
    const [r, g, b] = rgb.map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(a, b) {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }
  const css = (rgb) => "rgb(" + rgb.join(" ") + ")";

  function colours(host, probeParent) {
    let background = parseColour(data.background, probeParent) || WHITE;
    if (contrast(background, INK) < 7) background = WHITE; // body text stays AAA-readable
    let accent = parseColour(data.color, probeParent) || DEFAULT_ACCENT;
    // The accent carries white or dark text (buttons, header) and must show on the background.
    let onAccent = contrast(accent, WHITE) >= contrast(accent, INK) ? WHITE : INK;
    if (contrast(accent, onAccent) < 4.5 || contrast(accent, background) < 3) {
      accent = DEFAULT_ACCENT;
      onAccent = WHITE;
    }
    // Links are read on the background and on white cards.
    const link = Math.min(contrast(accent, background), contrast(accent, WHITE)) >= 4.5 ? accent : INK;
    const vars = {
      "--pw-accent": css(accent),
      "--pw-on-accent": css(onAccent),
      "--pw-bg": css(background),
      "--pw-ink": css(INK),
      "--pw-link": css(link),
    };
    for (const [name, value] of Object.entries(vars)) host.style.setProperty(name, value);
  }

  // -- the widget's frame -----------------------------------------------------------------------

  const host = h("div", { id: "passerelle-widget" });
  host.style.setProperty("all", "initial", "important"); // the page's own CSS stays out
  const shadow = host.attachShadow({ mode: "open" });
  const root = h("div", { class: "pw" });
  root.style.display = "none"; // until the stylesheet is in, so nothing shows unstyled
  const sheet = h("link", { rel: "stylesheet", href: API + "/static/widget.css" });
  const reveal = () => (root.style.display = "");
  sheet.addEventListener("load", reveal);
  sheet.addEventListener("error", reveal);
  shadow.append(sheet, root);

  const dots = h("span", { class: "pw-dots", "aria-hidden": "true" }, [h("span"), h("span"), h("span")]);
  const exitText = h("span");
  const exitKeys = h("span", { class: "pw-keys" });
  const exitButton = h("button", { type: "button", class: "pw-exit", onclick: quickExit }, [
    exitText,
    exitKeys,
    dots,
  ]);
  const launcher = h("button", {
    type: "button",
    class: "pw-launcher",
    "aria-expanded": "false",
    "aria-controls": "pw-panel",
    onclick: () => openPanel(true, true),
  });
  const title = h("h2", { id: "pw-title", class: "pw-title", tabindex: "-1" });
  const langButton = h("button", { type: "button", class: "pw-tool", onclick: switchLanguage });
  const restartButton = h("button", { type: "button", class: "pw-tool", onclick: restart });
  const closeButton = h(
    "button",
    { type: "button", class: "pw-tool pw-close", onclick: () => openPanel(false, true) },
    h("span", { "aria-hidden": "true", text: "–" })
  );
  const sos = h("p", { class: "pw-sos" });
  const intro = h("div", { class: "pw-intro" });
  const log = h("div", { class: "pw-log", role: "log" });
  const status = h("p", { class: "pw-status", role: "status" });
  const scroller = h("div", { class: "pw-scroll" }, [intro, log, status]);
  const inputLabel = h("label", { for: "pw-input", class: "pw-label" });
  const input = h("input", { id: "pw-input", type: "text", maxlength: "1000", autocomplete: "off" });
  const sendButton = h("button", { type: "submit", class: "pw-send" });
  const form = h("form", { class: "pw-form", onsubmit: onType }, [
    inputLabel,
    h("div", { class: "pw-row" }, [input, sendButton]),
  ]);
  const tools = h("div", { class: "pw-tools" }, [langButton, restartButton, closeButton]);
  const panel = h(
    "section",
    { id: "pw-panel", class: "pw-panel", role: "dialog", "aria-labelledby": "pw-title", hidden: true },
    [h("div", { class: "pw-head" }, [title, tools]), sos, scroller, form]
  );
  const cover = h("div", { class: "pw-cover", hidden: true });
  root.append(exitButton, launcher, panel, cover);

  function chrome() {
    const custom = data.title && state.lang === pageLang ? data.title : null;
    root.lang = state.lang;
    title.textContent = custom || t("title");
    launcher.textContent = custom || t("title");
    exitText.textContent = t("exit");
    exitKeys.textContent = t("exitKeys");
    const other = state.lang === "fr" ? "nl" : "fr";
    langButton.replaceChildren(other.toUpperCase(), h("span", { class: "pw-sr", text: " – " + t("other") }));
    langButton.setAttribute("lang", other);
    restartButton.textContent = t("restart");
    closeButton.setAttribute("aria-label", t("close"));
    sos.replaceChildren(
      h("strong", { text: t("danger") + " " }),
      telLink("101", "tel:101", t("police")),
      " ",
      telLink("112", "tel:112", t("medical"))
    );
    intro.replaceChildren(
      h("p", { text: t("shared") }),
      h("p", { text: t("exitNote") }),
      h("details", {}, [
        h("summary", { text: t("more") }),
        h("ul", {}, t("moreLines").map((line) => h("li", { text: line }))),
      ])
    );
    log.setAttribute("aria-label", t("log"));
    inputLabel.textContent = t("input");
    sendButton.textContent = t("send");
  }

  // -- rendering the conversation ---------------------------------------------------------------

  function render(entry, active) {
    if (entry.t === "me") {
      const said = entry.text === null ? t("written") : entry.text;
      return h("div", { class: "pw-msg pw-me" }, [h("span", { class: "pw-sr", text: t("you") + " " }), said]);
    }
    if (entry.t === "retry") {
      if (!active) return null;
      const again = () => send(entry.message, undefined, true);
      return h("div", { class: "pw-msg pw-choices" }, answerButton(t("retry"), again));
    }
    const m = entry.m || {};
    if (m.type === "text") return textMessage(m, active);
    if (m.type === "referral") return referral(m);
    if (m.type === "link") {
      const href = safeHref(m.href);
      if (!href) return null;
      return h("p", { class: "pw-msg pw-bot" }, h("a", { class: "pw-link", href, text: m.text }));
    }
    return null;
  }

  function textMessage(m, active) {
    const id = uid("q");
    const box = h("div", { class: "pw-msg pw-bot" }, [h("p", { id, text: m.text })]);
    const buttons = Array.isArray(m.buttons) ? m.buttons : [];
    if (!active || !buttons.length) return box;
    const group = h("div", {
      class: "pw-choices",
      role: "group",
      "aria-labelledby": id,
      "data-question": m.question || null,
    });
    if (!m.multiple) {
      for (const b of buttons) group.append(answerButton(b.title, () => choose(b.title, b.payload)));
      box.append(group);
      return box;
    }
    // Several answers: toggles, then one message with all of them.
    const hint = uid("hint");
    group.setAttribute("aria-describedby", hint);
    box.append(h("p", { id: hint, class: "pw-hint", text: t("several") }));
    const picked = new Map(); // button → [slot, code]
    const next = h("button", { type: "button", class: "pw-next", "aria-disabled": "true", text: t("next") });
    const refresh = () => next.setAttribute("aria-disabled", picked.size ? "false" : "true");
    for (const b of buttons) {
      const parsed = inform(b.payload);
      if (!parsed) {
        group.append(answerButton(b.title, () => choose(b.title, b.payload)));
        continue;
      }
      const toggle = answerButton(b.title, () => {
        if (picked.has(toggle)) picked.delete(toggle);
        else {
          const exclusive = EXCLUSIVE.includes(parsed[1]);
          for (const [other, value] of picked) {
            if (exclusive || EXCLUSIVE.includes(value[1])) {
              picked.delete(other);
              other.setAttribute("aria-pressed", "false");
            }
          }
          picked.set(toggle, parsed);
        }
        toggle.setAttribute("aria-pressed", picked.has(toggle) ? "true" : "false");
        refresh();
      });
      toggle.setAttribute("aria-pressed", "false");
      toggle.classList.add("pw-toggle");
      const before = group.querySelector(".pw-answer:not(.pw-toggle)");
      group.insertBefore(toggle, before);
    }
    next.addEventListener("click", () => {
      if (!picked.size) return;
      const slots = {};
      for (const [slot, code] of picked.values()) (slots[slot] = slots[slot] || []).push(code);
      const titles = Array.from(picked.keys(), (b) => b.textContent);
      choose(titles.join(", "), "/inform" + JSON.stringify(slots));
    });
    const first = group.querySelector(".pw-answer:not(.pw-toggle)");
    group.insertBefore(next, first);
    box.append(group);
    return box;
  }

  function answerButton(text, action) {
    return h("button", { type: "button", class: "pw-answer", onclick: action, text });
  }

  function inform(payload) {
    const found = /^\/inform(\{.*\})$/.exec(payload || "");
    if (!found) return null;
    try {
      const entities = JSON.parse(found[1]);
      const [slot] = Object.keys(entities);
      const value = entities[slot];
      return typeof value === "string" ? [slot, value] : null;
    } catch (error) {
      return null;
    }
  }

  function outLink(href, text) {
    return h("a", { href, rel: "noopener noreferrer", target: "_blank", text });
  }

  function referral(doc) {
    const box = h("div", { class: "pw-msg pw-referral" });
    const card = doc.emergency_card;
    if (card && Array.isArray(card.lines)) {
      const id = uid("sos");
      const lines = card.lines
        .filter((line) => line.phone)
        .map((line) => h("li", {}, telLink(line.phone.display, line.phone.tel_uri, line.label, doc.emergency)));
      const kind = doc.emergency || doc.pinned ? "pw-emergency pw-now" : "pw-emergency";
      box.append(
        h("section", { class: kind, "aria-labelledby": id }, [
          h("h3", { id, text: card.title }),
          h("ul", {}, lines),
          (card.texts || []).map((text) => h("p", { text })),
        ])
      );
    }
    for (const notice of doc.notices || []) box.append(h("p", { class: "pw-notice", text: notice.text }));
    for (const service of doc.cards || []) box.append(serviceCard(service));
    const guidance = (doc.professional && doc.professional.lines) || [];
    if (guidance.length) {
      const items = guidance.map((line) => {
        const href = line.url && safeHref(line.url);
        return h("li", {}, href ? outLink(href, line.text) : line.text);
      });
      box.append(h("ul", { class: "pw-guidance" }, items));
    }
    if (doc.summary) box.append(summary(doc.summary));
    return box;
  }

  function serviceCard(s) {
    const id = uid("card");
    const badges = [];
    if (s.open_now === true) badges.push(t("open"));
    if (s.open_now === false) badges.push(t("shut"));
    if (s.anonymous) badges.push(t("anonymous"));
    if (s.free) badges.push(t("free"));
    if (s.chat) badges.push(t("chat"));
    const phones = (s.phones || []).map((phone) =>
      h("li", {}, [
        telLink(phone.display, phone.tel_uri, t("call")),
        phone.label && h("span", { class: "pw-small", text: " " + phone.label }),
      ])
    );
    const links = [];
    const site = s.website && safeHref(s.website);
    if (site) links.push(outLink(site, t("website")));
    if (s.email) links.push(h("a", { href: "mailto:" + s.email, text: t("email") + " " + s.email }));
    const verified = s.verification_status === "verified" ? t("verified") : t("unverified");
    return h("article", { class: "pw-card", "aria-labelledby": id }, [
      h("h3", { id, text: s.name }),
      s.summary && h("p", { text: s.summary }),
      badges.length && h("ul", { class: "pw-badges" }, badges.map((b) => h("li", { text: b }))),
      phones.length && h("ul", { class: "pw-phones" }, phones),
      s.hours_text &&
        h("p", {}, [h("strong", { text: t("hours") }), h("span", { lang: s.hours_lang, text: s.hours_text })]),
      s.what_happens && h("p", {}, [h("strong", { text: t("happens") }), s.what_happens]),
      s.not_emergency && h("p", { class: "pw-small", text: t("notEmergency") }),
      links.length && h("p", { class: "pw-links" }, links.flatMap((a, i) => (i ? [" · ", a] : [a]))),
      (s.provenance || s.verification_status) && h("p", { class: "pw-small", text: s.provenance || verified }),
    ]);
  }

  // Shown to copy and hand to a service if the person wishes; never sent anywhere.
  function summary(text) {
    const id = uid("summary");
    const rows = String(Math.min(12, text.split("\n").length + 1));
    const area = h("textarea", { readonly: true, rows, "aria-labelledby": id });
    area.value = text;
    const done = h("p", { class: "pw-small", role: "status" });
    const copy = async () => {
      try {
        await navigator.clipboard.writeText(text);
        done.textContent = t("copied");
      } catch (error) {
        area.focus();
        area.select();
        done.textContent = document.execCommand("copy") ? t("copied") : t("copyFailed");
      }
    };
    return h("div", { class: "pw-summary" }, [
      h("h3", { id, text: t("summary") }),
      area,
      answerButton(t("copy"), copy),
      done,
    ]);
  }

  // The last turn's buttons are the only live ones; older ones disappear once answered.
  function activeTurn() {
    const last = state.log[state.log.length - 1];
    return last && last.t !== "me" ? last.turn : -1;
  }
  function append(entries, focus) {
    const active = activeTurn();
    let first = null;
    for (const entry of entries) {
      const el = render(entry, entry.turn === active);
      if (!el) continue;
      if (entry.t !== "me" && !first) first = el;
      log.append(el);
    }
    if (focus && first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
    if (!focus || !first) scroller.scrollTop = scroller.scrollHeight;
  }
  function retire() {
    for (const el of log.querySelectorAll(".pw-choices, .pw-hint")) el.remove();
  }
  function add(entries, focus) {
    state.log.push(...entries);
    save();
    append(entries, focus);
  }

  // -- talking to the API -------------------------------------------------------------------

  let busy = false;
  let switchPending = false;
  let inflight = null;
  const fallbacks = {};

  function fetchFallback(lang) {
    if (!fallbacks[lang]) {
      const ask = (withPlace) => {
        const query = new URLSearchParams({ lang });
        if (withPlace && municipality) query.set("municipality", municipality);
        return fetch(API + "/v1/chat/fallback?" + query, { credentials: "omit", cache: "no-store" });
      };
      fallbacks[lang] = ask(true)
        .then((r) => (r.status === 422 && municipality ? ask(false) : r))
        .then((r) => (r.ok ? r.json() : null))
        .then((body) => (body && Array.isArray(body.messages) ? body.messages : null))
        .catch(() => null)
        .then((messages) => {
          if (!messages) delete fallbacks[lang]; // try again next time
          return messages;
        });
    }
    return fallbacks[lang];
  }

  function builtinFallback() {
    return [
      { type: "text", text: t("down") },
      {
        type: "referral",
        emergency: false,
        emergency_card: {
          title: t("danger"),
          lines: [
            { label: t("police"), phone: { display: "101", tel_uri: "tel:101" } },
            { label: t("medical"), phone: { display: "112", tel_uri: "tel:112" } },
          ],
          texts: [],
        },
        cards: t("regional").map(([name, display, uri]) => ({
          name,
          phones: [{ display, tel_uri: uri }],
          not_emergency: true,
        })),
      },
      { type: "link", href: "/search", text: t("search") },
    ];
  }

  async function fallbackMessages(slow) {
    const wait = new Promise((resolve) => setTimeout(() => resolve(null), 400));
    const messages = (await Promise.race([fetchFallback(state.lang), wait])) || builtinFallback();
    if (!slow) return messages;
    // Slow, not down: say so rather than "the assistant does not answer".
    return [{ type: "text", text: t("slow") }].concat(messages.filter((m) => m.type !== "text"));
  }

  async function post(message) {
    const body = { sender: senderId(), message, lang: state.lang };
    if (municipality) body.municipality = municipality;
    const options = () => ({
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
      signal: inflight.signal,
    });
    let response = await fetch(API + "/v1/chat", options());
    if (response.status === 422 && municipality) {
      // The page's municipality is unknown to the directory: carry on without it.
      const problem = await response.json().catch(() => ({}));
      if (JSON.stringify(problem).includes("municipality")) {
        municipality = null;
        delete body.municipality;
        response = await fetch(API + "/v1/chat", options());
      }
    }
    if (response.status === 429) {
      // Rate-limited: say how long to wait, and show the numbers meanwhile.
      const refused = new Error("HTTP 429");
      refused.retryAfter = parseInt(response.headers.get("Retry-After") || "60", 10) || 60;
      throw refused;
    }
    if (!response.ok) throw new Error("HTTP " + response.status);
    const answer = await response.json();
    if (!answer || !Array.isArray(answer.messages)) throw new Error("unexpected answer");
    return answer;
  }

  // `echo` is what the person sees of their own message (null: their free text, not kept);
  // `again` (after a language switch) keeps only what has buttons or cards, not the greetings.
  async function send(message, echo, focus, again) {
    if (busy) return;
    busy = true;
    panel.setAttribute("aria-busy", "true");
    retire();
    const turn = ++state.turn;
    if (echo !== undefined) {
      const mine = { t: "me", text: echo, turn };
      state.log.push(mine);
      save();
      append([Object.assign({}, mine, { text: echo === null ? message : echo })], false);
    }
    status.textContent = t("waiting");
    inflight = new AbortController();
    const giveUp = setTimeout(() => inflight.abort(), GIVE_UP_MS);
    let settled = false;
    let shown = false;
    const slow = setTimeout(async () => {
      const messages = await fallbackMessages(true);
      if (settled || turn !== state.turn) return;
      shown = true;
      add(messages.map((m) => ({ t: "bot", m, turn, fallback: true })), false);
    }, SLOW_MS);
    let answer;
    let retryAfter = 0;
    try {
      answer = await post(message);
    } catch (error) {
      answer = null; // refused (429, 5xx), cut, or given up: the fallback below
      retryAfter = (error && error.retryAfter) || 0;
    }
    settled = true;
    clearTimeout(slow);
    clearTimeout(giveUp);
    if (turn !== state.turn) return; // restarted or left meanwhile
    let entries = [];
    if (answer) {
      if (LANGS.includes(answer.lang) && answer.lang !== state.lang) {
        state.lang = answer.lang; // keep the language the assistant answered in
        chrome();
      }
      let messages = answer.degraded && shown ? [] : answer.messages;
      if (again && !answer.degraded) {
        messages = messages.filter((m) => m.type !== "text" || (m.buttons || []).length);
      }
      entries = messages.map((m) => ({ t: "bot", m, turn }));
    } else if (!shown) {
      let messages = await fallbackMessages(false);
      if (retryAfter) {
        const busy = { type: "text", text: t("busy").replace("{s}", String(retryAfter)) };
        messages = [busy].concat(messages.filter((m) => m.type !== "text"));
      }
      entries = messages.map((m) => ({ t: "bot", m, turn, fallback: true }));
      if (turn !== state.turn) return;
    }
    if (!answer || answer.degraded) entries.push({ t: "retry", message, turn });
    busy = false;
    panel.removeAttribute("aria-busy");
    status.textContent = "";
    add(entries, focus);
    if (switchPending) {
      switchPending = false;
      send("/greet", undefined, true, true);
    }
  }

  function choose(title, payload) {
    if (busy) return;
    if (payload === "/start_over") return restart();
    send(payload, title, true);
  }

  function onType(event) {
    event.preventDefault();
    const text = input.value.trim().replace(/^\/+/, "");
    if (!text || busy) return;
    input.value = "";
    send(text, null, false);
  }

  // -- opening, language, restart, quick exit -------------------------------------------------

  let keysOn = false;
  function openPanel(open, byUser) {
    state.open = open;
    save();
    panel.hidden = !open;
    exitButton.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open !== keysOn) {
      keysOn = open;
      const method = open ? "addEventListener" : "removeEventListener";
      window[method]("keydown", onKeyDown, true);
      window[method]("keyup", onKeyUp, true);
    }
    if (!open) return byUser && launcher.focus();
    fetchFallback(state.lang); // kept in memory for when the assistant cannot answer
    if (byUser) title.focus();
    if (!state.log.length) send("/greet", undefined, byUser);
  }

  function switchLanguage() {
    state.lang = state.lang === "fr" ? "nl" : "fr";
    save();
    chrome();
    fetchFallback(state.lang);
    // Ask again, in the other language, where the conversation stands (question or cards).
    if (busy) switchPending = true;
    else send("/greet", undefined, true, state.log.length > 0);
  }

  // The assistant forgets the old conversation; the new one gets a new sender id.
  function forgetOnServer() {
    if (!state.sender) return;
    const body = { sender: state.sender, message: "/start_over", lang: state.lang };
    fetch(API + "/v1/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      keepalive: true,
    }).catch(() => {});
  }

  function restart() {
    if (inflight) inflight.abort();
    forgetOnServer();
    forget();
    state = Object.assign(fresh(state.lang), { open: state.open, turn: state.turn + 1 });
    busy = false;
    log.replaceChildren();
    status.textContent = "";
    send("/start_over", undefined, true);
  }

  function quickExit() {
    cover.hidden = false; // hide everything at once, before the page goes
    if (inflight) inflight.abort();
    forgetOnServer();
    forget();
    state = fresh(pageLang);
    log.replaceChildren();
    window.location.replace(EXIT_URL);
  }

  // Esc, or Shift pressed on its own three times within 5 s (the dots show the count).
  let shifts = [];
  let loneShift = false;
  let dotsTimer = null;
  function onKeyDown(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      return quickExit();
    }
    loneShift = event.key === "Shift" && !event.repeat;
  }
  function onKeyUp(event) {
    if (event.key !== "Shift" || !loneShift) return;
    loneShift = false;
    const now = Date.now();
    shifts = shifts.filter((time) => now - time < 5000).concat(now);
    showDots();
    if (shifts.length >= 3) return quickExit();
    clearTimeout(dotsTimer);
    dotsTimer = setTimeout(() => {
      shifts = [];
      showDots();
    }, 5000 - (now - shifts[0]));
  }
  function showDots() {
    Array.from(dots.children).forEach((dot, i) => dot.classList.toggle("pw-on", i < shifts.length));
    exitButton.classList.toggle("pw-counting", shifts.length > 0);
  }

  // -- start ------------------------------------------------------------------------------------

  function start() {
    document.body.prepend(host); // first in the tab order
    colours(host, shadow);
    chrome();
    append(state.log, false);
    log.setAttribute("aria-live", "polite"); // after the restored lines, so only new ones are read
    panel.hidden = true;
    exitButton.hidden = true;
    if (state.open) openPanel(true, false);
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
