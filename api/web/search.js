// The frontline workers' search page (/search): a place box with autocomplete, filters, result
// cards with copy, vCard and selection for a printable referral sheet (one page per service,
// with a QR code to the record's public address). FR/NL. No build, no framework, no inline
// script or style (the page's CSP forbids them), no request to another origin.
// The URL carries the filters (never anything about the person helped), so a search can be shared:
// /search?municipality=44021&violence_type=child_abuse opens prefilled.
(function () {
  "use strict";

  var LISTS = ["kind", "audience", "violence_type", "language", "channel"];
  var PER_PAGE = 20;

  // -- texts -------------------------------------------------------------------------------------

  var TEXTS = {
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
      found: function (n, place, page, pages) {
        var text = n + (n > 1 ? " services trouvés" : " service trouvé");
        if (place) text += " pour " + place;
        if (pages > 1) text += " – page " + page + " sur " + pages;
        return text + ".";
      },
      none: "Aucun service ne correspond à ces critères. Retirez-en un.",
      noneButOthers: "Aucun service ne correspond exactement à cette recherche. Voici ce qui existe :",
      searchFor: function (text) { return "Rechercher « " + text + " »"; },
      failed: "La recherche n'a pas abouti : ",
      offline: "Le répertoire ne répond pas. Réessayez dans un instant.",
      placeError: "Lieu non reconnu.",
      placeAmbiguous: "Plusieurs communes possibles.",
      regions: { BRU: "Bruxelles-Capitale", VLG: "Flandre", WAL: "Wallonie" },
      didYouMean: "Vouliez-vous dire :",
      suggestionsCount: function (n) {
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
      sources: function (n) { return "Sources (" + n + ")"; },
      copy: "Copier les coordonnées",
      copied: function (name) { return "Coordonnées copiées : " + name; },
      copyFailed: "La copie n'a pas fonctionné ; sélectionnez le texte de la fiche à la main.",
      vcard: "Télécharger la vCard",
      record: "Fiche publique",
      pick: "Ajouter à la fiche d'orientation",
      selected: function (n) {
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
      found: function (n, place, page, pages) {
        var text = n + (n > 1 ? " diensten gevonden" : " dienst gevonden");
        if (place) text += " voor " + place;
        if (pages > 1) text += " – pagina " + page + " van " + pages;
        return text + ".";
      },
      none: "Geen enkele dienst past bij deze criteria. Laat er een weg.",
      noneButOthers: "Geen enkele dienst past precies bij deze zoekopdracht. Dit bestaat wel:",
      searchFor: function (text) { return "Zoek “" + text + "”"; },
      failed: "Het zoeken is mislukt: ",
      offline: "De gids antwoordt niet. Probeer het zo meteen opnieuw.",
      placeError: "Plaats niet herkend.",
      placeAmbiguous: "Meerdere gemeenten mogelijk.",
      regions: { BRU: "Brussels Hoofdstedelijk Gewest", VLG: "Vlaanderen", WAL: "Wallonië" },
      didYouMean: "Bedoel je:",
      suggestionsCount: function (n) {
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
      sources: function (n) { return "Bronnen (" + n + ")"; },
      copy: "Contactgegevens kopiëren",
      copied: function (name) { return "Contactgegevens gekopieerd: " + name; },
      copyFailed: "Kopiëren is niet gelukt; selecteer de tekst van de fiche met de hand.",
      vcard: "vCard downloaden",
      record: "Publieke fiche",
      pick: "Toevoegen aan de doorverwijsfiche",
      selected: function (n) {
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
  var LANGUAGE_NAMES = {
    fr: { vgt: "langue des signes flamande", sfb: "langue des signes de Belgique francophone", gsg: "langue des signes allemande", ber: "berbère" },
    nl: { vgt: "Vlaamse Gebarentaal", sfb: "Frans-Belgische Gebarentaal", gsg: "Duitse Gebarentaal", ber: "Berbertalen" },
  };
  var WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

  // -- state -------------------------------------------------------------------------------------

  var state = {
    lang: "fr",
    labels: {}, // per language, from GET /v1/labels
    place: null, // {nis, name} picked from the suggestions or named by the last search
    page: 1,
    searched: false,
    shown: [], // the services on screen
    selected: new Map(), // id → service, kept across pages and searches
    request: 0,
  };

  var $ = function (id) { return document.getElementById(id); };
  var T = function () { return TEXTS[state.lang]; };

  function el(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      node.append(child);
    }
    return node;
  }

  function hidden(text) { return el("span", { class: "vh", text: text }); }

  function labelled(label, value) { // French puts a space before the colon, Dutch does not
    return label + (state.lang === "fr" ? " : " : ": ") + value;
  }

  function publicUrl(service) {
    return location.origin + "/v1/services/" + encodeURIComponent(service.id);
  }

  // -- language ----------------------------------------------------------------------------------

  function languageName(code) {
    var own = LANGUAGE_NAMES[state.lang][code];
    var name = own;
    if (!name && typeof Intl.DisplayNames === "function") {
      name = new Intl.DisplayNames([T().locale], { type: "language" }).of(code);
    }
    name = name || code;
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  function formatDate(iso) {
    return new Intl.DateTimeFormat(T().locale, { dateStyle: "long" }).format(new Date(iso));
  }

  function applyTexts() {
    var texts = T();
    document.documentElement.lang = state.lang;
    document.title = texts.pageTitle;
    document.querySelectorAll("[data-t]").forEach(function (node) {
      node.textContent = texts[node.dataset.t];
    });
    document.querySelectorAll("[data-lang]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    });
  }

  function loadLabels() {
    var lang = state.lang;
    if (state.labels[lang]) return Promise.resolve(state.labels[lang]);
    return fetch("/v1/labels?lang=" + lang, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("labels " + response.status);
        return response.json();
      })
      .then(function (labels) {
        state.labels[lang] = labels;
        return labels;
      });
  }

  // -- filters -----------------------------------------------------------------------------------

  function checkedCodes(name) {
    return Array.from(document.querySelectorAll("#filters input[name='" + name + "']:checked"))
      .map(function (input) { return input.value; });
  }

  function buildFilters(labels, wanted) {
    var container = $("filters");
    var open = {};
    container.querySelectorAll("details").forEach(function (d) { open[d.dataset.group] = d.open; });
    container.replaceChildren();
    LISTS.forEach(function (name) {
      var options = name === "language"
        ? labels.language.map(function (code) { return { code: code, label: languageName(code) }; })
        : labels[name];
      var chosen = wanted[name] || [];
      var list = el("div", { class: "choices" });
      options.forEach(function (option) {
        var id = "f-" + name + "-" + option.code;
        var input = el("input", { type: "checkbox", id: id, name: name, value: option.code });
        input.checked = chosen.indexOf(option.code) !== -1;
        list.append(el("div", { class: "choice" }, input, " ", el("label", { for: id, text: option.label })));
      });
      var legend = T().groups[name];
      var count = el("span", { class: "count" });
      var details = el(
        "details",
        { class: "group", "data-group": name },
        el("summary", {}, el("span", { text: legend }), count),
        el("fieldset", {}, el("legend", { class: "vh", text: legend }), list)
      );
      details.open = open[name] || chosen.length > 0;
      container.append(details);
      updateCount(details);
    });
  }

  function updateCount(details) {
    var n = details.querySelectorAll("input:checked").length;
    details.querySelector(".count").textContent = n ? " (" + n + ")" : "";
  }

  function readFilters() {
    var wanted = {};
    LISTS.forEach(function (name) { wanted[name] = checkedCodes(name); });
    return wanted;
  }

  // -- the URL and the API parameters ------------------------------------------------------------

  function placeValue() {
    var text = $("place").value.trim();
    if (state.place && text === state.place.name) return state.place.nis;
    return text;
  }

  function parameters() {
    var params = new URLSearchParams();
    var place = placeValue();
    if (place) params.set("municipality", place);
    var q = $("q").value.trim();
    if (q) params.set("q", q);
    LISTS.forEach(function (name) {
      checkedCodes(name).forEach(function (code) { params.append(name, code); });
    });
    if ($("urgent").checked) params.set("urgent", "true");
    if ($("open_now").checked) params.set("open_now", "true");
    if (state.page > 1) params.set("page", String(state.page));
    params.set("lang", state.lang);
    return params;
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    var wanted = {};
    LISTS.forEach(function (name) { wanted[name] = params.getAll(name); });
    var lang = params.get("lang");
    if (lang !== "fr" && lang !== "nl") {
      lang = (navigator.language || "").toLowerCase().indexOf("nl") === 0 ? "nl" : "fr";
    }
    return {
      lang: lang,
      place: params.get("municipality") || params.get("postcode") || "",
      q: params.get("q") || "",
      urgent: params.get("urgent") === "true",
      open_now: params.get("open_now") === "true",
      page: Math.max(1, parseInt(params.get("page") || "1", 10) || 1),
      filters: wanted,
      any: ["municipality", "postcode", "q", "urgent", "open_now"].concat(LISTS)
        .some(function (name) { return params.has(name); }),
    };
  }

  // -- the place box: an ARIA 1.2 combobox with a listbox popup -----------------------------------

  var combo = {
    input: null,
    list: null,
    options: [],
    active: -1,
    timer: 0,
    request: 0,

    init: function () {
      this.input = $("place");
      this.list = $("place-options");
      var self = this;
      this.input.addEventListener("input", function () {
        clearPlaceError();
        clearTimeout(self.timer);
        self.timer = setTimeout(function () { self.suggest(); }, 200);
      });
      this.input.addEventListener("keydown", function (event) { self.key(event); });
      this.input.addEventListener("blur", function () {
        setTimeout(function () { self.close(); }, 150);
      });
      this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
      this.list.addEventListener("click", function (event) {
        var option = event.target.closest("[role=option]");
        if (option) self.choose(Number(option.dataset.index));
      });
    },

    suggest: function () {
      var text = this.input.value.trim();
      var self = this;
      var ticket = ++this.request;
      if (text.length < 2) {
        this.close();
        return;
      }
      var url = "/v1/municipalities?complete=true&limit=8&lang=" + state.lang +
        "&q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { candidates: [] }; })
        .then(function (body) {
          if (ticket !== self.request || document.activeElement !== self.input) return;
          self.show(body.candidates || []);
        })
        .catch(function () { /* suggestions are a convenience: the search still works */ });
    },

    show: function (candidates) {
      this.options = candidates;
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      this.list.replaceChildren();
      candidates.forEach(function (c, index) {
        var detail = c.matched && c.matched !== c.name && c.match !== "nis_code" ? c.matched : "";
        var region = T().regions[c.region] || "";
        this.list.append(el(
          "li",
          { role: "option", id: "place-option-" + index, "aria-selected": "false", "data-index": String(index), class: "option" },
          el("span", { class: "option-name", text: c.name }),
          detail ? el("span", { class: "option-detail", text: " – " + detail }) : null,
          el("span", { class: "option-region", text: " · " + region })
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

    cancel: function () { // a search starts: no suggestion may pop up over its answer
      clearTimeout(this.timer);
      this.request++;
      this.close();
    },

    close: function () {
      this.list.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      this.input.removeAttribute("aria-activedescendant");
      this.active = -1;
    },

    move: function (step) {
      if (this.list.hidden) {
        if (this.options.length) {
          this.list.hidden = false;
          this.input.setAttribute("aria-expanded", "true");
        } else {
          this.suggest();
          return;
        }
      }
      var count = this.options.length;
      if (!count) return;
      this.active = this.active === -1 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
      var active = this.active;
      Array.from(this.list.children).forEach(function (li, index) {
        li.setAttribute("aria-selected", String(index === active));
      });
      var option = this.list.children[active];
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    },

    key: function (event) {
      var open = !this.list.hidden;
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

    choose: function (index) {
      var c = this.options[index];
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
    var box = $("place-error");
    var detail = (body.detail && body.detail[0]) || {};
    var candidates = detail.candidates || [];
    var summary = candidates.length ? T().placeAmbiguous : T().placeError;
    box.replaceChildren(
      el("p", {}, el("strong", { text: summary + " " }), el("span", { lang: "en", class: "api-message", text: body.message }))
    );
    if (candidates.length) {
      var list = el("ul", { class: "alternatives" });
      candidates.forEach(function (c) {
        var name = state.lang === "nl" ? c.name_nl : c.name_fr;
        var button = el("button", { type: "button", class: "link", text: name + " (" + c.nis_code + ")" });
        button.addEventListener("click", function () {
          state.place = { nis: c.nis_code, name: name };
          $("place").value = name;
          clearPlaceError();
          state.page = 1;
          search();
          $("place").focus();
        });
        list.append(el("li", {}, button));
      });
      box.append(el("p", { text: T().didYouMean }), list);
    }
    $("place").setAttribute("aria-invalid", "true");
  }

  // -- search ------------------------------------------------------------------------------------

  function setStatus(text) { $("status").textContent = text; }

  function notify(text) {
    // The same text twice in a row is still announced.
    var notice = $("notice");
    notice.textContent = notice.textContent === text ? text + " " : text;
  }

  function search() {
    var params = parameters();
    var typed = $("place").value;
    var ticket = ++state.request;
    state.searched = true;
    history.replaceState(null, "", "/search?" + params.toString());
    setStatus(T().loading);
    $("results").setAttribute("aria-busy", "true");
    params.set("per_page", String(PER_PAGE));
    return fetch("/v1/services?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, status: response.status, body: body }; });
      })
      .then(function (answer) {
        if (ticket !== state.request) return;
        $("results").removeAttribute("aria-busy");
        if (!answer.ok) return failed(answer.body);
        clearPlaceError();
        show(answer.body, typed);
      })
      .catch(function () {
        if (ticket !== state.request) return;
        $("results").removeAttribute("aria-busy");
        setStatus(T().offline);
      });
  }

  function failed(body) {
    var detail = (body.detail && body.detail[0]) || {};
    var where = Array.isArray(detail.loc) ? detail.loc[detail.loc.length - 1] : "";
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
    var placeName = (page.places || []).map(function (p) { return p.name; }).join(", ");
    var others = page.alternatives || [];
    state.shown = others.reduce(function (all, alt) { return all.concat(alt.contents); }, page.contents);
    state.shown.forEach(function (service) {
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
    var retry = null;
    if (alt.text) {
      retry = el("button", { type: "button", class: "link", text: T().searchFor(alt.text) });
      retry.addEventListener("click", function () {
        $("q").value = alt.text;
        search();
      });
    }
    return el("section", { class: "alternative", "data-reason": alt.reason },
      el("h3", { text: alt.label }),
      retry,
      el.apply(null, ["ol", { class: "cards" }].concat(alt.contents.map(card))));
  }

  // -- result cards ------------------------------------------------------------------------------

  function schedulesText(service) {
    var texts = T();
    var channels = {};
    (state.labels[state.lang] ? state.labels[state.lang].channel : []).forEach(function (c) { channels[c.code] = c.label; });
    var byChannel = {};
    service.schedules.forEach(function (rule) {
      var key = rule.attending_type || "";
      var days = rule.byday.split(",").map(function (d) { return WEEKDAYS.indexOf(d); }).sort();
      var when;
      if (days.length === 7) when = texts.allWeek;
      else {
        var ranges = [];
        days.forEach(function (d) {
          var last = ranges[ranges.length - 1];
          if (last && last[1] === d - 1) last[1] = d;
          else ranges.push([d, d]);
        });
        when = ranges.map(function (r) {
          if (r[0] === r[1]) return texts.days[r[0]];
          return texts.days[r[0]] + (r[1] === r[0] + 1 ? ", " : "–") + texts.days[r[1]];
        }).join(", ");
      }
      var hours = rule.opens_at === rule.closes_at ? texts.allDay : rule.opens_at + "–" + rule.closes_at;
      var text = days.length === 7 && rule.opens_at === rule.closes_at ? hours + ", " + when : when + " " + hours;
      (byChannel[key] = byChannel[key] || []).push(text);
    });
    return Object.keys(byChannel).map(function (key) {
      var times = byChannel[key].join("; ");
      return key ? labelled(channels[key] || key, times) : times;
    }).join(". ");
  }

  function addressText(location) {
    if (location.confidential) return null;
    var town = [location.postal_code, location.city].filter(Boolean).join(" ");
    var parts = [location.address_1, town].filter(Boolean);
    return parts.length ? parts.join(", ") : null;
  }

  function row(term, value) {
    return [el("dt", { text: term }), el("dd", {}, value)];
  }

  function card(service) {
    var texts = T();
    var headingId = "h-" + service.id;
    var item = el("li", { class: "card", id: "card-" + service.id, "data-id": service.id });
    var textLang = service.text_language && service.text_language !== state.lang ? service.text_language : null;
    var article = el("article", { "aria-labelledby": headingId, lang: textLang });
    item.append(article);
    var areas = service.service_areas.map(function (a) { return a.name; }).join(", ");
    article.append(
      el("h3", { id: headingId, text: service.name }),
      el("p", { class: "kind", lang: state.lang }, service.kind.label, areas ? " · " + labelled(texts.area, areas) : "")
    );
    var badges = el("ul", { class: "badges", lang: state.lang });
    var badge = function (text, kind) { badges.append(el("li", { class: "badge " + kind, text: text })); };
    if (service.urgent) badge(texts.badgeUrgent, "urgent");
    if (service.open_now === true) badge(texts.badgeOpen, "open");
    if (service.open_now === false) badge(texts.badgeClosed, "closed");
    if (service.anonymous === true) badge(texts.badgeAnonymous, "plain");
    if (service.anonymous === false) badge(texts.badgeNotAnonymous, "plain");
    if (service.free === true) badge(texts.badgeFree, "plain");
    if (service.free === false) badge(texts.badgePaid, "plain");
    if (badges.children.length) article.append(badges);
    if (service.description) article.append(el("p", { class: "description", text: service.description }));

    var details = el("dl", { class: "contacts", lang: state.lang });
    if (service.phones.length) {
      var phones = el("ul", { class: "phones" });
      service.phones.forEach(function (phone) {
        phones.append(el("li", {},
          el("a", { href: phone.uri, class: "tel", text: phone.display }),
          phone.description ? el("span", { class: "phone-note", lang: textLang, text: " – " + phone.description }) : null));
      });
      details.append.apply(details, row(texts.phone, phones));
    }
    if (service.url) {
      details.append.apply(details, row(texts.website, el("a", { href: service.url, rel: "noopener noreferrer", text: service.url.replace(/^https?:\/\//, "").replace(/\/$/, "") })));
    }
    if (service.email) {
      details.append.apply(details, row(texts.email, el("a", { href: "mailto:" + service.email, text: service.email })));
    }
    service.locations.forEach(function (location) {
      var text = addressText(location);
      if (location.confidential) details.append.apply(details, row(texts.address, texts.confidential));
      else if (text) details.append.apply(details, row(texts.address, text));
    });
    var hours = schedulesText(service);
    if (hours || service.hours_notes) {
      var value = el("span", {}, hours);
      if (service.hours_notes) {
        value.append(hours ? el("br") : "", el("span", { lang: service.hours_notes_language !== state.lang ? service.hours_notes_language : null, text: service.hours_notes }));
      }
      details.append.apply(details, row(texts.hours, value));
    }
    if (service.languages.length) {
      details.append.apply(details, row(texts.languages, service.languages.map(languageName).join(", ")));
    }
    if (service.audiences.length) {
      details.append.apply(details, row(texts.audiences, service.audiences.map(function (a) { return a.label; }).join(", ")));
    }
    if (service.violence_types.length) {
      details.append.apply(details, row(texts.violenceTypes, service.violence_types.map(function (v) { return v.label; }).join(", ")));
    }
    article.append(details);

    var verification = service.verification;
    var line = el("p", { class: "verification " + verification.status, lang: state.lang });
    if (verification.text) { // the server's one honest line: confirmed, or sources checked (when)
      line.append(el("span", { class: "verification-text", text: verification.text }));
    } else {
      line.append(el("span", { class: "verification-label", text: verification.label }), " – ",
        el("span", { class: "verified-at", text: verification.verified_at ? texts.verifiedOn + formatDate(verification.verified_at) : texts.neverVerified }));
    }
    article.append(line);

    if (service.sources.length) {
      var sources = el("ul", {});
      service.sources.forEach(function (url) {
        sources.append(el("li", {}, el("a", { href: url, rel: "noopener noreferrer", text: url })));
      });
      article.append(el("details", { class: "sources", lang: state.lang }, el("summary", { text: texts.sources(service.sources.length) }), sources));
    }

    var copy = el("button", { type: "button", class: "copy" }, texts.copy, hidden(" – " + service.name));
    copy.addEventListener("click", function () { copyContact(service); });
    var vcard = el("button", { type: "button", class: "vcard" }, texts.vcard, hidden(" – " + service.name));
    vcard.addEventListener("click", function () { downloadVcard(service); });
    var pickId = "pick-" + service.id;
    var pick = el("input", { type: "checkbox", id: pickId, class: "pick" });
    pick.checked = state.selected.has(service.id);
    pick.addEventListener("change", function () {
      if (pick.checked) state.selected.set(service.id, service);
      else state.selected.delete(service.id);
      selectionChanged();
    });
    article.append(el("div", { class: "card-actions", lang: state.lang },
      copy,
      vcard,
      el("a", { href: publicUrl(service), class: "record" }, texts.record, hidden(" – " + service.name)),
      el("span", { class: "pick-box" }, pick, " ", el("label", { for: pickId }, texts.pick, hidden(" – " + service.name)))));
    return item;
  }

  // -- copy and vCard ----------------------------------------------------------------------------

  function contactText(service) {
    var texts = T();
    var lines = [service.name, service.kind.label];
    service.phones.forEach(function (phone) {
      lines.push(labelled(texts.tel, phone.display + (phone.description ? " – " + phone.description : "")));
    });
    if (service.url) lines.push(labelled(texts.site, service.url));
    if (service.email) lines.push(labelled(texts.email, service.email));
    service.locations.forEach(function (location) {
      var text = addressText(location);
      if (text) lines.push(labelled(texts.address, text));
    });
    var hours = [schedulesText(service), service.hours_notes].filter(Boolean).join(". ");
    if (hours) lines.push(labelled(texts.hours, hours));
    lines.push(labelled(texts.recordLine, publicUrl(service)));
    return lines.join("\n");
  }

  function copyContact(service) {
    var text = contactText(service);
    api.lastCopied = text;
    var done = function () { notify(T().copied(service.name)); };
    var fallback = function () {
      var area = el("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true" });
      area.value = text;
      document.body.append(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      if (ok) done();
      else notify(T().copyFailed);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }

  // Every value goes through one of these two: a line break in a value would start a new
  // vCard property (a forged phone number, say).
  function vcardEscape(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/\r\n|\r|\n/g, "\\n")
      .replace(/[\u0000-\u001f\u007f]/g, "").replace(/([,;])/g, "\\$1");
  }

  function vcardUri(text) { // URI values are not text-escaped, but never carry control characters
    return String(text).replace(/[\u0000-\u0020\u007f]/g, "");
  }

  function fold(line) { // RFC 6350: lines of at most 75 octets, continued with a space
    var out = [];
    var current = "";
    var size = 0;
    Array.from(line).forEach(function (char) {
      var bytes = new TextEncoder().encode(char).length;
      if (size + bytes > 75) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += char;
      size += bytes;
    });
    out.push(current);
    return out.join("\r\n");
  }

  // vCard 3.0, which every address book imports. Confidential addresses are never in the
  // public API; they are left out here too.
  function vcard(service) {
    var lines = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "N:;;;;",
      "FN:" + vcardEscape(service.name),
      "ORG:" + vcardEscape(service.name),
      "X-ABShowAs:COMPANY",
    ];
    service.phones.forEach(function (phone) {
      var type = phone.type === "fax" ? "FAX" : phone.type === "text" ? "MSG" : "VOICE";
      lines.push("TEL;TYPE=WORK," + type + ":" + vcardUri(phone.number));
    });
    if (service.email) lines.push("EMAIL;TYPE=INTERNET:" + vcardEscape(service.email));
    if (service.url) lines.push("URL:" + vcardUri(service.url));
    service.locations.forEach(function (location) {
      if (location.confidential || !addressText(location)) return;
      lines.push("ADR;TYPE=WORK:;;" + [location.address_1, location.city, "", location.postal_code, state.lang === "nl" ? "België" : "Belgique"]
        .map(function (part) { return vcardEscape(part || ""); }).join(";"));
    });
    var note = [service.kind.label, service.hours_notes, labelled(T().recordLine, publicUrl(service))].filter(Boolean).join(". ");
    lines.push("NOTE:" + vcardEscape(note));
    lines.push("SOURCE:" + vcardUri(publicUrl(service)));
    lines.push("END:VCARD");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function downloadVcard(service) {
    var blob = new Blob([vcard(service)], { type: "text/vcard;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: service.id.replace(/[^a-z0-9-]+/gi, "-") + ".vcf", class: "offscreen" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // -- selection and the printable referral sheet ------------------------------------------------

  function selectionChanged() {
    var n = state.selected.size;
    $("selection").hidden = n === 0;
    $("selection-count").textContent = n ? T().selected(n) : "";
    document.body.classList.toggle("with-sheet", n > 0);
    buildSheet();
  }

  function buildSheet() {
    var texts = T();
    var sheet = $("sheet");
    sheet.setAttribute("lang", state.lang);
    sheet.replaceChildren();
    var today = new Intl.DateTimeFormat(texts.locale, { dateStyle: "long" }).format(new Date());
    state.selected.forEach(function (service) {
      var url = publicUrl(service);
      var contacts = el("dl", { class: "contacts" });
      if (service.phones.length) {
        contacts.append.apply(contacts, row(texts.phone, service.phones.map(function (p) {
          return p.display + (p.description ? " – " + p.description : "");
        }).join("\n")));
      }
      if (service.url) contacts.append.apply(contacts, row(texts.website, service.url));
      if (service.email) contacts.append.apply(contacts, row(texts.email, service.email));
      service.locations.forEach(function (location) {
        var text = addressText(location);
        if (text) contacts.append.apply(contacts, row(texts.address, text));
      });
      var hours = [schedulesText(service), service.hours_notes].filter(Boolean).join(". ");
      if (hours) contacts.append.apply(contacts, row(texts.hours, hours));
      var verification = service.verification;
      var qr = window.PasserelleQR.svg(url, labelled(texts.qrLabel, service.name));
      qr.dataset.url = url;
      sheet.append(el("article", { class: "sheet-page", "data-id": service.id },
        el("p", { class: "sheet-head" }, el("span", { text: texts.sheetHeading }), el("span", { text: texts.printedOn + today })),
        el("h2", { text: service.name }),
        el("p", { class: "kind", text: service.kind.label }),
        service.description ? el("p", { class: "description", text: service.description }) : null,
        contacts,
        el("p", { class: "verification", text: verification.text || verification.label + " – " + (verification.verified_at ? texts.verifiedOn + formatDate(verification.verified_at) : texts.neverVerified) }),
        el("figure", { class: "qr-figure" }, qr, el("figcaption", {}, texts.qrCaption, el("span", { class: "url", text: url }))),
        el("p", { class: "sheet-foot", text: texts.sheetFooter })));
    });
  }

  // -- wiring ------------------------------------------------------------------------------------

  function setLanguage(lang) {
    var wanted = readFilters();
    state.lang = lang;
    applyTexts();
    return loadLabels().then(function (labels) {
      buildFilters(labels, wanted);
      selectionChanged();
      refreshSelection();
      if (state.searched) return search();
      setStatus(T().idle);
    });
  }

  function refreshSelection() { // the selected services' labels in the new language
    state.selected.forEach(function (old, id) {
      fetch("/v1/services/" + encodeURIComponent(id) + "?lang=" + state.lang, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (service) {
          if (service && state.selected.has(id)) {
            state.selected.set(id, service);
            buildSheet();
          }
        })
        .catch(function () { /* the sheet keeps the previous language */ });
    });
  }

  function start() {
    var initial = fromUrl();
    state.lang = initial.lang;
    state.page = initial.page;
    $("place").value = initial.place;
    $("q").value = initial.q;
    $("urgent").checked = initial.urgent;
    $("open_now").checked = initial.open_now;
    applyTexts();
    combo.init();

    $("search").addEventListener("submit", function (event) {
      event.preventDefault();
      combo.cancel();
      state.page = 1;
      search();
    });
    $("search").addEventListener("change", function (event) {
      var target = event.target;
      if (target.type !== "checkbox") return;
      var group = target.closest("details");
      if (group) updateCount(group);
      state.page = 1;
      search();
    });
    $("clear").addEventListener("click", function () {
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
    $("prev").addEventListener("click", function () { turn(-1); });
    $("next").addEventListener("click", function () { turn(1); });
    $("print").addEventListener("click", function () {
      buildSheet();
      window.print();
    });
    $("unselect").addEventListener("click", function () {
      state.selected.clear();
      document.querySelectorAll("#cards input.pick").forEach(function (box) { box.checked = false; });
      selectionChanged();
      $("results").focus();
    });
    document.querySelectorAll("[data-lang]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (button.dataset.lang !== state.lang) setLanguage(button.dataset.lang);
      });
    });

    loadLabels().then(function (labels) {
      buildFilters(labels, initial.filters);
      if (initial.any) return search();
      setStatus(T().idle);
    }).catch(function () {
      setStatus(T().offline);
    }).then(function () {
      document.body.dataset.ready = "true";
    });
  }

  function turn(step) {
    state.page = Math.max(1, state.page + step);
    search().then(function () { $("results").focus(); });
  }

  // For the browser tests and the curious: the texts built for a service, the last copy.
  var api = {
    lastCopied: null,
    contactText: contactText,
    vcard: vcard,
    get shown() { return state.shown; },
  };
  window.PasserelleSearch = api;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
