// The frontline workers' search page (/search): a place box with autocomplete, filters, result
// cards with copy, vCard and selection for a printable referral sheet (one page per service,
// with a QR code to the record's public address). FR/NL. No build, no framework, no inline
// script or style (the page's CSP forbids them), no request to another origin.
// The URL carries the filters (never anything about the person helped), so a search can be shared:
// /search?municipality=44021&violence_type=child_abuse opens prefilled.
import { byId, formatDate as formatDay, h } from "./common.js";

const LISTS = ["kind", "audience", "violence_type", "language", "channel"];
const PER_PAGE = 20;

// -- texts -------------------------------------------------------------------------------------

const TEXTS = {
  fr: {
    locale: "fr-BE",
    pageTitle: "Passerelle – Recherche de services pour les professionnel·les",
    skip: "Aller aux résultats",
    tagline: "Services d'aide – violences intrafamiliales",
    emergency: "En danger maintenant : 112 (aide médicale urgente) ou 101 (police).",
    title: "Trouver un service pour orienter une personne",
    lead: "Recherche pour les professionnel·les de première ligne. Ne saisissez aucune donnée sur la personne que vous aidez.",
    searchTitle: "Critères de recherche",
    place: "Commune ou code postal",
    suggestions: "Suggestions de communes",
    placeHint: "Tapez le début d'un nom ou d'un code postal, puis choisissez avec les flèches et Entrée.",
    q: "Mots-clés (facultatif)",
    qHint: "Un besoin (« aide juridique »), jamais d'information sur la personne.",
    availability: "Disponibilité",
    urgent: "Situations aiguës, 24 h/24",
    openNow: "Ouvert maintenant",
    submit: "Rechercher",
    clear: "Effacer les critères",
    results: "Résultats",
    pages: "Pages de résultats",
    prev: "Page précédente",
    next: "Page suivante",
    sheetTitle: "Fiche d'orientation",
    sheetHint: "Une page par service, avec un code QR vers la fiche à jour. Aucune donnée sur la personne n'y figure.",
    print: "Imprimer la fiche d'orientation",
    unselect: "Vider la sélection",
    footer: "Chaque fiche indique ses sources et la date de sa dernière vérification. Vérifiez les informations importantes auprès du service.",
    api: "L'API du répertoire",
    groups: {
      kind: "Besoin : type de service",
      audience: "Public",
      violence_type: "Type de violence",
      language: "Langue parlée au service",
      channel: "Moyen de contact",
    },
    idle: "Choisissez une commune ou des critères, puis lancez la recherche.",
    loading: "Recherche en cours…",
    found (n, place, page, pages) {
      let text = n + (n > 1 ? " services trouvés" : " service trouvé");
      if (place) text += " pour " + place;
      if (pages > 1) text += " – page " + page + " sur " + pages;
      return text + ".";
    },
    none: "Aucun service ne correspond à ces critères. Retirez-en un.",
    noneButOthers: "Aucun service ne correspond exactement à cette recherche. Voici ce qui existe :",
    searchFor (text) { return "Rechercher « " + text + " »"; },
    failed: "La recherche n'a pas abouti : ",
    offline: "Le répertoire ne répond pas. Réessayez dans un instant.",
    placeError: "Lieu non reconnu.",
    placeAmbiguous: "Plusieurs communes possibles.",
    regions: { BRU: "Bruxelles-Capitale", VLG: "Flandre", WAL: "Wallonie" },
    didYouMean: "Vouliez-vous dire :",
    suggestionsCount (n) {
      return n + (n > 1 ? " suggestions" : " suggestion") + ". Flèches haut et bas pour parcourir, Entrée pour choisir.";
    },
    noSuggestion: "Aucune commune ne correspond.",
    phone: "Téléphone",
    website: "Site web",
    email: "E-mail",
    address: "Adresse",
    confidential: "Adresse confidentielle",
    hours: "Horaires",
    languages: "Langues",
    audiences: "Public",
    violenceTypes: "Violences",
    area: "Zone",
    badgeUrgent: "Situations aiguës 24 h/24",
    badgeOpen: "Ouvert maintenant",
    badgeClosed: "Fermé maintenant",
    badgeAnonymous: "Anonyme possible",
    badgeNotAnonymous: "Pas anonyme",
    badgeFree: "Gratuit",
    badgePaid: "Payant",
    verifiedOn: "dernière vérification le ",
    neverVerified: "jamais vérifié par un éditeur",
    sources (n) { return "Sources (" + n + ")"; },
    copy: "Copier les coordonnées",
    copied (name) { return "Coordonnées copiées : " + name; },
    copyFailed: "La copie n'a pas fonctionné ; sélectionnez le texte de la fiche à la main.",
    vcard: "Télécharger la vCard",
    record: "Fiche publique",
    pick: "Ajouter à la fiche d'orientation",
    selected (n) {
      return n + (n > 1 ? " services sélectionnés." : " service sélectionné.");
    },
    allWeek: "7 j/7",
    allDay: "24 h/24",
    days: ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"],
    tel: "Tél.",
    site: "Site",
    recordLine: "Fiche à jour",
    sheetHeading: "Passerelle – fiche d'orientation",
    printedOn: "Imprimée le ",
    qrCaption: "Fiche à jour (scannez le code) : ",
    qrLabel: "Code QR vers la fiche à jour du service",
    sheetFooter: "En danger maintenant : 112 (aide médicale urgente) ou 101 (police). Informations du répertoire Passerelle : vérifiez-les auprès du service.",
  },
  nl: {
    locale: "nl-BE",
    pageTitle: "Passerelle – Diensten zoeken voor professionals",
    skip: "Naar de resultaten",
    tagline: "Hulpdiensten – intrafamiliaal geweld",
    emergency: "Nu in gevaar: 112 (dringende medische hulp) of 101 (politie).",
    title: "Een dienst vinden om iemand door te verwijzen",
    lead: "Zoeken voor eerstelijnsprofessionals. Vul geen gegevens in over de persoon die je helpt.",
    searchTitle: "Zoekcriteria",
    place: "Gemeente of postcode",
    suggestions: "Voorgestelde gemeenten",
    placeHint: "Typ het begin van een naam of postcode en kies met de pijltjes en Enter.",
    q: "Trefwoorden (optioneel)",
    qHint: "Een nood („juridische hulp”), nooit informatie over de persoon.",
    availability: "Bereikbaarheid",
    urgent: "Acute situaties, 24/7",
    openNow: "Nu open",
    submit: "Zoeken",
    clear: "Criteria wissen",
    results: "Resultaten",
    pages: "Resultatenpagina's",
    prev: "Vorige pagina",
    next: "Volgende pagina",
    sheetTitle: "Doorverwijsfiche",
    sheetHint: "Eén pagina per dienst, met een QR-code naar de actuele fiche. Er staan geen gegevens over de persoon op.",
    print: "Doorverwijsfiche afdrukken",
    unselect: "Selectie wissen",
    footer: "Elke fiche vermeldt haar bronnen en de datum van de laatste controle. Controleer belangrijke informatie bij de dienst.",
    api: "De API van de gids",
    groups: {
      kind: "Nood: soort dienst",
      audience: "Doelgroep",
      violence_type: "Soort geweld",
      language: "Taal gesproken bij de dienst",
      channel: "Contactkanaal",
    },
    idle: "Kies een gemeente of criteria en start de zoekopdracht.",
    loading: "Bezig met zoeken…",
    found (n, place, page, pages) {
      let text = n + (n > 1 ? " diensten gevonden" : " dienst gevonden");
      if (place) text += " voor " + place;
      if (pages > 1) text += " – pagina " + page + " van " + pages;
      return text + ".";
    },
    none: "Geen enkele dienst past bij deze criteria. Laat er een weg.",
    noneButOthers: "Geen enkele dienst past precies bij deze zoekopdracht. Dit bestaat wel:",
    searchFor (text) { return "Zoek “" + text + "”"; },
    failed: "Het zoeken is mislukt: ",
    offline: "De gids antwoordt niet. Probeer het zo meteen opnieuw.",
    placeError: "Plaats niet herkend.",
    placeAmbiguous: "Meerdere gemeenten mogelijk.",
    regions: { BRU: "Brussels Hoofdstedelijk Gewest", VLG: "Vlaanderen", WAL: "Wallonië" },
    didYouMean: "Bedoel je:",
    suggestionsCount (n) {
      return n + (n > 1 ? " suggesties" : " suggestie") + ". Pijltjes omhoog en omlaag om te bladeren, Enter om te kiezen.";
    },
    noSuggestion: "Geen gemeente gevonden.",
    phone: "Telefoon",
    website: "Website",
    email: "E-mail",
    address: "Adres",
    confidential: "Vertrouwelijk adres",
    hours: "Openingsuren",
    languages: "Talen",
    audiences: "Doelgroep",
    violenceTypes: "Geweld",
    area: "Werkgebied",
    badgeUrgent: "Acute situaties 24/7",
    badgeOpen: "Nu open",
    badgeClosed: "Nu gesloten",
    badgeAnonymous: "Anoniem mogelijk",
    badgeNotAnonymous: "Niet anoniem",
    badgeFree: "Gratis",
    badgePaid: "Betalend",
    verifiedOn: "laatst gecontroleerd op ",
    neverVerified: "nog nooit gecontroleerd door een redacteur",
    sources (n) { return "Bronnen (" + n + ")"; },
    copy: "Contactgegevens kopiëren",
    copied (name) { return "Contactgegevens gekopieerd: " + name; },
    copyFailed: "Kopiëren is niet gelukt; selecteer de tekst van de fiche met de hand.",
    vcard: "vCard downloaden",
    record: "Publieke fiche",
    pick: "Toevoegen aan de doorverwijsfiche",
    selected (n) {
      return n + (n > 1 ? " diensten geselecteerd." : " dienst geselecteerd.");
    },
    allWeek: "7/7",
    allDay: "24 u/24",
    days: ["ma", "di", "wo", "do", "vr", "za", "zo"],
    tel: "Tel.",
    site: "Website",
    recordLine: "Actuele fiche",
    sheetHeading: "Passerelle – doorverwijsfiche",
    printedOn: "Afgedrukt op ",
    qrCaption: "Actuele fiche (scan de code): ",
    qrLabel: "QR-code naar de actuele fiche van de dienst",
    sheetFooter: "Nu in gevaar: 112 (dringende medische hulp) of 101 (politie). Informatie uit de gids Passerelle: controleer ze bij de dienst.",
  },
};
// Spoken languages the browser may not name itself.
const LANGUAGE_NAMES = {
  fr: { vgt: "langue des signes flamande", sfb: "langue des signes de Belgique francophone", gsg: "langue des signes allemande", ber: "berbère" },
  nl: { vgt: "Vlaamse Gebarentaal", sfb: "Frans-Belgische Gebarentaal", gsg: "Duitse Gebarentaal", ber: "Berbertalen" },
};
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

// -- state -------------------------------------------------------------------------------------

const state = {
  lang: "fr",
  labels: {}, // per language, from GET /v1/labels
  place: null, // {nis, name} picked from the suggestions or named by the last search
  page: 1,
  searched: false,
  shown: [], // the services on screen
  selected: new Map(), // id → service, kept across pages and searches
  request: 0,
};

const $ = byId;
const T = function () { return TEXTS[state.lang]; };

function hidden(text) { return h("span", { class: "vh", text }); }

function labelled(label, value) { // French puts a space before the colon, Dutch does not
  return label + (state.lang === "fr" ? " : " : ": ") + value;
}

function vcardUrl(service) { // made by the API (vobject), in the page's language
  return "/v1/services/" + encodeURIComponent(service.id) + ".vcf?lang=" + state.lang;
}

function publicUrl(service) {
  return location.origin + "/v1/services/" + encodeURIComponent(service.id);
}

// -- language ----------------------------------------------------------------------------------

function languageName(code) {
  const own = LANGUAGE_NAMES[state.lang][code];
  let name = own;
  if (!name && typeof Intl.DisplayNames === "function") {
    name = new Intl.DisplayNames([T().locale], { type: "language" }).of(code);
  }
  name = name || code;
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function formatDate(iso) {
  return formatDay(iso, state.lang);
}

function applyTexts() {
  const texts = T();
  document.documentElement.lang = state.lang;
  document.title = texts.pageTitle;
  document.querySelectorAll("[data-t]").forEach((node) => {
    node.textContent = texts[node.dataset.t];
  });
  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
  });
}

async function loadLabels() {
  const lang = state.lang;
  if (state.labels[lang]) return state.labels[lang];
  const response = await fetch("/v1/labels?lang=" + lang, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error("labels " + response.status);
  state.labels[lang] = await response.json();
  return state.labels[lang];
}

// -- filters -----------------------------------------------------------------------------------

function checkedCodes(name) {
  return Array.from(document.querySelectorAll("#filters input[name='" + name + "']:checked"))
    .map((input) => { return input.value; });
}

function buildFilters(labels, wanted) {
  const container = $("filters");
  const open = {};
  container.querySelectorAll("details").forEach((d) => { open[d.dataset.group] = d.open; });
  container.replaceChildren();
  LISTS.forEach((name) => {
    const options = name === "language"
      ? labels.language.map((code) => { return { code, label: languageName(code) }; })
      : labels[name];
    const chosen = wanted[name] || [];
    const list = h("div", { class: "choices" });
    options.forEach((option) => {
      const id = "f-" + name + "-" + option.code;
      const input = h("input", { type: "checkbox", id, name, value: option.code });
      input.checked = chosen.indexOf(option.code) !== -1;
      list.append(h("div", { class: "choice" }, input, " ", h("label", { for: id, text: option.label })));
    });
    const legend = T().groups[name];
    const count = h("span", { class: "count" });
    const details = h(
      "details",
      { class: "group", "data-group": name },
      h("summary", {}, h("span", { text: legend }), count),
      h("fieldset", {}, h("legend", { class: "vh", text: legend }), list)
    );
    details.open = open[name] || chosen.length > 0;
    container.append(details);
    updateCount(details);
  });
}

function updateCount(details) {
  const n = details.querySelectorAll("input:checked").length;
  details.querySelector(".count").textContent = n ? " (" + n + ")" : "";
}

function readFilters() {
  const wanted = {};
  LISTS.forEach((name) => { wanted[name] = checkedCodes(name); });
  return wanted;
}

// -- the URL and the API parameters ------------------------------------------------------------

function placeValue() {
  const text = $("place").value.trim();
  if (state.place && text === state.place.name) return state.place.nis;
  return text;
}

function parameters() {
  const params = new URLSearchParams();
  const place = placeValue();
  if (place) params.set("municipality", place);
  const q = $("q").value.trim();
  if (q) params.set("q", q);
  LISTS.forEach((name) => {
    checkedCodes(name).forEach((code) => { params.append(name, code); });
  });
  if ($("urgent").checked) params.set("urgent", "true");
  if ($("open_now").checked) params.set("open_now", "true");
  if (state.page > 1) params.set("page", String(state.page));
  params.set("lang", state.lang);
  return params;
}

function fromUrl() {
  const params = new URLSearchParams(location.search);
  const wanted = {};
  LISTS.forEach((name) => { wanted[name] = params.getAll(name); });
  let lang = params.get("lang");
  if (lang !== "fr" && lang !== "nl") {
    lang = (navigator.language || "").toLowerCase().indexOf("nl") === 0 ? "nl" : "fr";
  }
  return {
    lang,
    place: params.get("municipality") || params.get("postcode") || "",
    q: params.get("q") || "",
    urgent: params.get("urgent") === "true",
    open_now: params.get("open_now") === "true",
    page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1),
    filters: wanted,
    any: ["municipality", "postcode", "q", "urgent", "open_now"].concat(LISTS)
      .some((name) => { return params.has(name); }),
  };
}

// -- the place box: an ARIA 1.2 combobox with a listbox popup -----------------------------------

const combo = {
  input: null,
  list: null,
  options: [],
  active: -1,
  timer: 0,
  request: 0,

  init () {
    this.input = $("place");
    this.list = $("place-options");
    const self = this;
    this.input.addEventListener("input", () => {
      clearPlaceError();
      clearTimeout(self.timer);
      self.timer = setTimeout(() => { self.suggest(); }, 200);
    });
    this.input.addEventListener("keydown", (event) => { self.key(event); });
    this.input.addEventListener("blur", () => {
      setTimeout(() => { self.close(); }, 150);
    });
    this.list.addEventListener("mousedown", (event) => { event.preventDefault(); });
    this.list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) self.choose(Number(option.dataset.index));
    });
  },

  async suggest () {
    const text = this.input.value.trim();
    const self = this;
    const ticket = ++this.request;
    if (text.length < 2) {
      this.close();
      return;
    }
    const url = "/v1/municipalities?complete=true&limit=8&lang=" + state.lang +
      "&q=" + encodeURIComponent(text);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const body = response.ok ? await response.json() : { candidates: [] };
      if (ticket !== self.request || document.activeElement !== self.input) return;
      self.show(body.candidates || []);
    } catch {
      // suggestions are a convenience: the search still works
    }
  },

  show (candidates) {
    this.options = candidates;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren();
    candidates.forEach(function (c, index) {
      const detail = c.matched && c.matched !== c.name && c.match !== "nis_code" ? c.matched : "";
      const region = T().regions[c.region] || "";
      this.list.append(h(
        "li",
        { role: "option", id: "place-option-" + index, "aria-selected": "false", "data-index": String(index), class: "option" },
        h("span", { class: "option-name", text: c.name }),
        detail ? h("span", { class: "option-detail", text: " – " + detail }) : null,
        h("span", { class: "option-region", text: " · " + region })
      ));
    }, this);
    if (candidates.length) {
      this.list.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      notify(T().suggestionsCount(candidates.length));
    } else {
      this.close();
      notify(T().noSuggestion);
    }
  },

  cancel () { // a search starts: no suggestion may pop up over its answer
    clearTimeout(this.timer);
    this.request++;
    this.close();
  },

  close () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  },

  move (step) {
    if (this.list.hidden) {
      if (this.options.length) {
        this.list.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
      } else {
        this.suggest();
        return;
      }
    }
    const count = this.options.length;
    if (!count) return;
    this.active = this.active === -1 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    const active = this.active;
    Array.from(this.list.children).forEach((li, index) => {
      li.setAttribute("aria-selected", String(index === active));
    });
    const option = this.list.children[active];
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  },

  key (event) {
    const open = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "Down") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter" && open && this.active !== -1) {
      event.preventDefault(); // choose, do not submit
      this.choose(this.active);
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (open) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
        state.place = null;
      }
    } else if (event.key === "Tab") {
      this.close();
    }
  },

  choose (index) {
    const c = this.options[index];
    if (!c) return;
    state.place = { nis: c.nis_code, name: c.name };
    this.input.value = c.name;
    this.cancel();
    clearPlaceError();
    state.page = 1;
    search();
  },
};

function clearPlaceError() {
  $("place-error").replaceChildren();
  $("place").removeAttribute("aria-invalid");
}

function showPlaceError(body) {
  const box = $("place-error");
  const detail = (body.detail && body.detail[0]) || {};
  const candidates = detail.candidates || [];
  const summary = candidates.length ? T().placeAmbiguous : T().placeError;
  box.replaceChildren(
    h("p", {}, h("strong", { text: summary + " " }), h("span", { lang: "en", class: "api-message", text: body.message }))
  );
  if (candidates.length) {
    const list = h("ul", { class: "alternatives" });
    candidates.forEach((c) => {
      const name = state.lang === "nl" ? c.name_nl : c.name_fr;
      const button = h("button", { type: "button", class: "link", text: name + " (" + c.nis_code + ")" });
      button.addEventListener("click", () => {
        state.place = { nis: c.nis_code, name };
        $("place").value = name;
        clearPlaceError();
        state.page = 1;
        search();
        $("place").focus();
      });
      list.append(h("li", {}, button));
    });
    box.append(h("p", { text: T().didYouMean }), list);
  }
  $("place").setAttribute("aria-invalid", "true");
}

// -- search ------------------------------------------------------------------------------------

function setStatus(text) { $("status").textContent = text; }

function notify(text) {
  // The same text twice in a row is still announced.
  const notice = $("notice");
  notice.textContent = notice.textContent === text ? text + " " : text;
}

async function search() {
  const params = parameters();
  const typed = $("place").value;
  const ticket = ++state.request;
  state.searched = true;
  history.replaceState(null, "", "/search?" + params.toString());
  setStatus(T().loading);
  $("results").setAttribute("aria-busy", "true");
  params.set("per_page", String(PER_PAGE));
  let response, body;
  try {
    response = await fetch("/v1/services?" + params.toString(), { headers: { Accept: "application/json" } });
    body = await response.json();
  } catch {
    if (ticket !== state.request) return;
    $("results").removeAttribute("aria-busy");
    setStatus(T().offline);
    return;
  }
  if (ticket !== state.request) return;
  $("results").removeAttribute("aria-busy");
  if (!response.ok) return failed(body);
  clearPlaceError();
  show(body, typed);
}

function failed(body) {
  const detail = (body.detail && body.detail[0]) || {};
  const where = Array.isArray(detail.loc) ? detail.loc[detail.loc.length - 1] : "";
  state.shown = [];
  $("cards").replaceChildren();
  $("pager").hidden = true;
  if (where === "municipality" || where === "postcode") {
    showPlaceError(body);
    setStatus(T().failed + (detail.candidates && detail.candidates.length ? T().placeAmbiguous : T().placeError));
  } else {
    setStatus(T().failed + (body.message || ""));
  }
}

function show(page, typed) {
  // The place as the directory names it, unless someone has typed since the search began.
  if (page.places && page.places.length === 1 && $("place").value === typed) {
    state.place = { nis: page.places[0].nis_code, name: page.places[0].name };
    $("place").value = state.place.name;
    history.replaceState(null, "", "/search?" + parameters().toString());
  }
  const placeName = (page.places || []).map((p) => { return p.name; }).join(", ");
  const others = page.alternatives || [];
  state.shown = others.reduce((all, alt) => { return all.concat(alt.contents); }, page.contents);
  state.shown.forEach((service) => {
    if (state.selected.has(service.id)) state.selected.set(service.id, service);
  });
  setStatus(page.total_items
    ? T().found(page.total_items, placeName, page.page_number, page.total_pages)
    : (others.length ? T().noneButOthers : T().none));
  $("cards").replaceChildren.apply($("cards"), page.contents.map(card));
  $("alternatives").replaceChildren.apply($("alternatives"), others.map(alternative));
  $("pager").hidden = page.total_pages <= 1;
  $("prev").disabled = page.first_page;
  $("next").disabled = page.last_page;
}

// An empty search's labelled alternatives: what exists instead, never an empty page.
function alternative(alt) {
  let retry = null;
  if (alt.text) {
    retry = h("button", { type: "button", class: "link", text: T().searchFor(alt.text) });
    retry.addEventListener("click", () => {
      $("q").value = alt.text;
      search();
    });
  }
  return h("section", { class: "alternative", "data-reason": alt.reason },
    h("h3", { text: alt.label }),
    retry,
    h("ol", { class: "cards" }, alt.contents.map(card)));
}

// -- result cards ------------------------------------------------------------------------------

function schedulesText(service) {
  const texts = T();
  const channels = {};
  (state.labels[state.lang] ? state.labels[state.lang].channel : []).forEach((c) => { channels[c.code] = c.label; });
  const byChannel = {};
  service.schedules.forEach((rule) => {
    const key = rule.attending_type || "";
    const days = rule.byday.split(",").map((d) => { return WEEKDAYS.indexOf(d); }).sort();
    let when;
    if (days.length === 7) when = texts.allWeek;
    else {
      const ranges = [];
      days.forEach((d) => {
        const last = ranges[ranges.length - 1];
        if (last && last[1] === d - 1) last[1] = d;
        else ranges.push([d, d]);
      });
      when = ranges.map((r) => {
        if (r[0] === r[1]) return texts.days[r[0]];
        return texts.days[r[0]] + (r[1] === r[0] + 1 ? ", " : "–") + texts.days[r[1]];
      }).join(", ");
    }
    const hours = rule.opens_at === rule.closes_at ? texts.allDay : rule.opens_at + "–" + rule.closes_at;
    const text = days.length === 7 && rule.opens_at === rule.closes_at ? hours + ", " + when : when + " " + hours;
    (byChannel[key] = byChannel[key] || []).push(text);
  });
  return Object.keys(byChannel).map((key) => {
    const times = byChannel[key].join("; ");
    return key ? labelled(channels[key] || key, times) : times;
  }).join(". ");
}

function addressText(location) {
  if (location.confidential) return null;
  const town = [location.postal_code, location.city].filter(Boolean).join(" ");
  const parts = [location.address_1, town].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

function row(term, value) {
  return [h("dt", { text: term }), h("dd", {}, value)];
}

function card(service) {
  const texts = T();
  const headingId = "h-" + service.id;
  const item = h("li", { class: "card", id: "card-" + service.id, "data-id": service.id });
  const textLang = service.text_language && service.text_language !== state.lang ? service.text_language : null;
  const article = h("article", { "aria-labelledby": headingId, lang: textLang });
  item.append(article);
  const areas = service.service_areas.map((a) => { return a.name; }).join(", ");
  article.append(
    h("h3", { id: headingId, text: service.name }),
    h("p", { class: "kind", lang: state.lang }, service.kind.label, areas ? " · " + labelled(texts.area, areas) : "")
  );
  const badges = h("ul", { class: "badges", lang: state.lang });
  const badge = function (text, kind) { badges.append(h("li", { class: "badge " + kind, text })); };
  if (service.urgent) badge(texts.badgeUrgent, "urgent");
  if (service.open_now === true) badge(texts.badgeOpen, "open");
  if (service.open_now === false) badge(texts.badgeClosed, "closed");
  if (service.anonymous === true) badge(texts.badgeAnonymous, "plain");
  if (service.anonymous === false) badge(texts.badgeNotAnonymous, "plain");
  if (service.free === true) badge(texts.badgeFree, "plain");
  if (service.free === false) badge(texts.badgePaid, "plain");
  if (badges.children.length) article.append(badges);
  if (service.description) article.append(h("p", { class: "description", text: service.description }));

  const details = h("dl", { class: "contacts", lang: state.lang });
  if (service.phones.length) {
    const phones = h("ul", { class: "phones" });
    service.phones.forEach((phone) => {
      phones.append(h("li", {},
        h("a", { href: phone.uri, class: "tel", text: phone.display }),
        phone.description ? h("span", { class: "phone-note", lang: textLang, text: " – " + phone.description }) : null));
    });
    details.append.apply(details, row(texts.phone, phones));
  }
  if (service.url) {
    details.append.apply(details, row(texts.website, h("a", { href: service.url, rel: "noopener noreferrer", text: service.url.replace(/^https?:\/\//, "").replace(/\/$/, "") })));
  }
  if (service.email) {
    details.append.apply(details, row(texts.email, h("a", { href: "mailto:" + service.email, text: service.email })));
  }
  service.locations.forEach((location) => {
    const text = addressText(location);
    if (location.confidential) details.append.apply(details, row(texts.address, texts.confidential));
    else if (text) details.append.apply(details, row(texts.address, text));
  });
  const hours = schedulesText(service);
  if (hours || service.hours_notes) {
    const value = h("span", {}, hours);
    if (service.hours_notes) {
      value.append(hours ? h("br") : "", h("span", { lang: service.hours_notes_language !== state.lang ? service.hours_notes_language : null, text: service.hours_notes }));
    }
    details.append.apply(details, row(texts.hours, value));
  }
  if (service.languages.length) {
    details.append.apply(details, row(texts.languages, service.languages.map(languageName).join(", ")));
  }
  if (service.audiences.length) {
    details.append.apply(details, row(texts.audiences, service.audiences.map((a) => { return a.label; }).join(", ")));
  }
  if (service.violence_types.length) {
    details.append.apply(details, row(texts.violenceTypes, service.violence_types.map((v) => { return v.label; }).join(", ")));
  }
  article.append(details);

  const verification = service.verification;
  const line = h("p", { class: "verification " + verification.status, lang: state.lang });
  if (verification.text) { // the server's one honest line: confirmed, or sources checked (when)
    line.append(h("span", { class: "verification-text", text: verification.text }));
  } else {
    line.append(h("span", { class: "verification-label", text: verification.label }), " – ",
      h("span", { class: "verified-at", text: verification.verified_at ? texts.verifiedOn + formatDate(verification.verified_at) : texts.neverVerified }));
  }
  article.append(line);

  if (service.sources.length) {
    const sources = h("ul", {});
    service.sources.forEach((url) => {
      sources.append(h("li", {}, h("a", { href: url, rel: "noopener noreferrer", text: url })));
    });
    article.append(h("details", { class: "sources", lang: state.lang }, h("summary", { text: texts.sources(service.sources.length) }), sources));
  }

  const copy = h("button", { type: "button", class: "copy" }, texts.copy, hidden(" – " + service.name));
  copy.addEventListener("click", () => { copyContact(service); });
  const vcard = h("a", { class: "vcard", href: vcardUrl(service), download: service.id + ".vcf" },
    texts.vcard, hidden(" – " + service.name));
  const pickId = "pick-" + service.id;
  const pick = h("input", { type: "checkbox", id: pickId, class: "pick" });
  pick.checked = state.selected.has(service.id);
  pick.addEventListener("change", () => {
    if (pick.checked) state.selected.set(service.id, service);
    else state.selected.delete(service.id);
    selectionChanged();
  });
  article.append(h("div", { class: "card-actions", lang: state.lang },
    copy,
    vcard,
    h("a", { href: publicUrl(service), class: "record" }, texts.record, hidden(" – " + service.name)),
    h("span", { class: "pick-box" }, pick, " ", h("label", { for: pickId }, texts.pick, hidden(" – " + service.name)))));
  return item;
}

// -- copy and vCard ----------------------------------------------------------------------------

function contactText(service) {
  const texts = T();
  const lines = [service.name, service.kind.label];
  service.phones.forEach((phone) => {
    lines.push(labelled(texts.tel, phone.display + (phone.description ? " – " + phone.description : "")));
  });
  if (service.url) lines.push(labelled(texts.site, service.url));
  if (service.email) lines.push(labelled(texts.email, service.email));
  service.locations.forEach((location) => {
    const text = addressText(location);
    if (text) lines.push(labelled(texts.address, text));
  });
  const hours = [schedulesText(service), service.hours_notes].filter(Boolean).join(". ");
  if (hours) lines.push(labelled(texts.hours, hours));
  lines.push(labelled(texts.recordLine, publicUrl(service)));
  return lines.join("\n");
}

async function copyContact(service) {
  const text = contactText(service);
  api.lastCopied = text;
  const done = function () { notify(T().copied(service.name)); };
  const fallback = function () {
    const area = h("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok;
    try { ok = document.execCommand("copy"); } catch { ok = false; }
    area.remove();
    if (ok) done();
    else notify(T().copyFailed);
  };
  if (!navigator.clipboard || !navigator.clipboard.writeText) return fallback();
  try {
    await navigator.clipboard.writeText(text);
    done();
  } catch {
    fallback();
  }
}

// -- selection and the printable referral sheet ------------------------------------------------

function selectionChanged() {
  const n = state.selected.size;
  $("selection").hidden = n === 0;
  $("selection-count").textContent = n ? T().selected(n) : "";
  document.body.classList.toggle("with-sheet", n > 0);
  buildSheet();
}

function buildSheet() {
  const texts = T();
  const sheet = $("sheet");
  sheet.setAttribute("lang", state.lang);
  sheet.replaceChildren();
  const today = new Intl.DateTimeFormat(texts.locale, { dateStyle: "long" }).format(new Date());
  state.selected.forEach((service) => {
    const url = publicUrl(service);
    const contacts = h("dl", { class: "contacts" });
    if (service.phones.length) {
      contacts.append.apply(contacts, row(texts.phone, service.phones.map((p) => {
        return p.display + (p.description ? " – " + p.description : "");
      }).join("\n")));
    }
    if (service.url) contacts.append.apply(contacts, row(texts.website, service.url));
    if (service.email) contacts.append.apply(contacts, row(texts.email, service.email));
    service.locations.forEach((location) => {
      const text = addressText(location);
      if (text) contacts.append.apply(contacts, row(texts.address, text));
    });
    const hours = [schedulesText(service), service.hours_notes].filter(Boolean).join(". ");
    if (hours) contacts.append.apply(contacts, row(texts.hours, hours));
    const verification = service.verification;
    // Made by the API (segno); it leads to the record's public address.
    const qr = h("img", {
      class: "qr",
      src: "/v1/services/" + encodeURIComponent(service.id) + "/qr.svg",
      alt: labelled(texts.qrLabel, service.name),
      "data-url": url,
    });
    sheet.append(h("article", { class: "sheet-page", "data-id": service.id },
      h("p", { class: "sheet-head" }, h("span", { text: texts.sheetHeading }), h("span", { text: texts.printedOn + today })),
      h("h2", { text: service.name }),
      h("p", { class: "kind", text: service.kind.label }),
      service.description ? h("p", { class: "description", text: service.description }) : null,
      contacts,
      h("p", { class: "verification", text: verification.text || verification.label + " – " + (verification.verified_at ? texts.verifiedOn + formatDate(verification.verified_at) : texts.neverVerified) }),
      h("figure", { class: "qr-figure" }, qr, h("figcaption", {}, texts.qrCaption, h("span", { class: "url", text: url }))),
      h("p", { class: "sheet-foot", text: texts.sheetFooter })));
  });
}

// -- wiring ------------------------------------------------------------------------------------

async function setLanguage(lang) {
  const wanted = readFilters();
  state.lang = lang;
  applyTexts();
  buildFilters(await loadLabels(), wanted);
  selectionChanged();
  refreshSelection();
  if (state.searched) return search();
  setStatus(T().idle);
}

function refreshSelection() { // the selected services' labels in the new language
  state.selected.forEach(async (old, id) => {
    try {
      const response = await fetch("/v1/services/" + encodeURIComponent(id) + "?lang=" + state.lang,
        { headers: { Accept: "application/json" } });
      const service = response.ok ? await response.json() : null;
      if (service && state.selected.has(id)) {
        state.selected.set(id, service);
        buildSheet();
      }
    } catch {
      // the sheet keeps the previous language
    }
  });
}

async function start() {
  const initial = fromUrl();
  state.lang = initial.lang;
  state.page = initial.page;
  $("place").value = initial.place;
  $("q").value = initial.q;
  $("urgent").checked = initial.urgent;
  $("open_now").checked = initial.open_now;
  applyTexts();
  combo.init();

  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    combo.cancel();
    state.page = 1;
    search();
  });
  $("search").addEventListener("change", (event) => {
    const target = event.target;
    if (target.type !== "checkbox") return;
    const group = target.closest("details");
    if (group) updateCount(group);
    state.page = 1;
    search();
  });
  $("clear").addEventListener("click", () => {
    $("search").reset();
    state.place = null;
    state.page = 1;
    clearPlaceError();
    $("filters").querySelectorAll("details").forEach(updateCount);
    state.searched = false;
    state.shown = [];
    $("cards").replaceChildren();
    $("pager").hidden = true;
    history.replaceState(null, "", "/search?lang=" + state.lang);
    setStatus(T().idle);
    $("place").focus();
  });
  $("prev").addEventListener("click", () => { turn(-1); });
  $("next").addEventListener("click", () => { turn(1); });
  $("print").addEventListener("click", () => {
    buildSheet();
    window.print();
  });
  $("unselect").addEventListener("click", () => {
    state.selected.clear();
    document.querySelectorAll("#cards input.pick").forEach((box) => { box.checked = false; });
    selectionChanged();
    $("results").focus();
  });
  document.querySelectorAll("[data-lang]").forEach((button) => {
    button.addEventListener("click", () => {
      if (button.dataset.lang !== state.lang) setLanguage(button.dataset.lang);
    });
  });

  try {
    buildFilters(await loadLabels(), initial.filters);
    if (initial.any) await search();
    else setStatus(T().idle);
  } catch {
    setStatus(T().offline);
  }
  document.body.dataset.ready = "true";
}

async function turn(step) {
  state.page = Math.max(1, state.page + step);
  await search();
  $("results").focus();
}

// For the browser tests and the curious: the texts built for a service, the last copy.
const api = {
  lastCopied: null,
  contactText,
  get shown() { return state.shown; },
};
window.PasserelleSearch = api;

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
