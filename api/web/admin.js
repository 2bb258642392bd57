// Passerelle admin pages: a build-free single-page front end over the admin API (/v1/admin).
// Routes (location.hash): #/services?filters, #/services/new, #/services/<id>[?suggestion=n],
// #/services/<id>/history, #/suggestions?status, #/coverage, #/exchange.
// The bearer token lives in sessionStorage only and is dropped on logout or when the API says
// it expired. The API decides who may do what; the page only shows it. Strict CSP: no inline
// code or style, nothing from other origins. See tests/web/test_admin_pages.py.

import { fill, formatDate as formatDay, h as element } from "./common.js";

const TOKEN_KEY = "passerelle.admin.token";
const LANG_KEY = "passerelle.admin.lang";

// --- Texts (FR/NL) ------------------------------------------------------------------------

// Every text as [French, Dutch].
const TEXTS = {
  app: ["Passerelle – administration", "Passerelle – beheer"],
  skip: ["Aller au contenu", "Naar de inhoud"],
  nav: ["Menu principal", "Hoofdmenu"],
  navServices: ["Services", "Diensten"],
  navExchange: ["Import et export", "Import en export"],
  signedIn: ["Connecté·e : {email} ({role})", "Aangemeld: {email} ({role})"],
  role_admin: ["administration", "beheer"],
  role_editor: ["édition", "redactie"],
  logout: ["Se déconnecter", "Afmelden"],
  otherLang: ["Nederlands", "Français"],
  loading: ["Chargement…", "Bezig met laden…"],
  loginTitle: ["Connexion", "Aanmelden"],
  email: ["Adresse e-mail", "E-mailadres"],
  password: ["Mot de passe", "Wachtwoord"],
  login: ["Se connecter", "Aanmelden"],
  loginFailed: [
    "Adresse e-mail ou mot de passe incorrect.",
    "E-mailadres of wachtwoord onjuist.",
  ],
  loginThrottled: [
    "Trop de tentatives échouées. Réessayez dans {minutes} minute(s).",
    "Te veel mislukte pogingen. Probeer opnieuw over {minutes} minuut/minuten.",
  ],
  loginMissing: [
    "Indiquez votre adresse e-mail et votre mot de passe.",
    "Vul uw e-mailadres en wachtwoord in.",
  ],
  expired: [
    "Votre session a expiré. Reconnectez-vous.",
    "Uw sessie is verlopen. Meld u opnieuw aan.",
  ],
  loggedOut: ["Vous êtes déconnecté·e.", "U bent afgemeld."],
  network: [
    "Le serveur ne répond pas. Réessayez dans un instant.",
    "De server antwoordt niet. Probeer zo meteen opnieuw.",
  ],
  unexpected: [
    "Erreur inattendue ({status}). Réessayez plus tard.",
    "Onverwachte fout ({status}). Probeer later opnieuw.",
  ],
  notFound: ["Service introuvable", "Dienst niet gevonden"],
  notFoundText: [
    "Aucun service ne porte l’identifiant « {id} ».",
    "Geen dienst met de identificatie ‘{id}’.",
  ],
  backToList: ["Retour à la liste des services", "Terug naar de lijst van diensten"],
  filters: ["Filtres", "Filters"],
  verification: ["Vérification", "Verificatie"],
  v_all: ["Tous", "Alle"],
  v_never: ["Jamais vérifiés", "Nooit geverifieerd"],
  v_stale: [
    "À revérifier (jamais, ou il y a plus de 12 mois)",
    "Opnieuw te verifiëren (nooit, of meer dan 12 maanden geleden)",
  ],
  status: ["Statut", "Status"],
  s_all: ["Tous", "Alle"],
  s_active: ["Actif", "Actief"],
  s_archived: ["Archivé", "Gearchiveerd"],
  place: ["Commune couverte", "Gemeente in het werkgebied"],
  placeHint: [
    "Nom ou code postal. Seuls les services actifs qui couvrent la commune.",
    "Naam of postcode. Alleen actieve diensten die de gemeente bedienen.",
  ],
  mine: ["Seulement les services que je peux modifier", "Alleen de diensten die ik mag bewerken"],
  text: ["Nom ou identifiant contient", "Naam of identificatie bevat"],
  filter: ["Filtrer", "Filteren"],
  count: ["{n} service(s)", "{n} dienst(en)"],
  placeUsed: ["Services qui couvrent {name}.", "Diensten die {name} bedienen."],
  placeNotFound: [
    "Aucune commune ne correspond à « {q} ».",
    "Geen gemeente gevonden voor ‘{q}’.",
  ],
  colName: ["Nom", "Naam"],
  colKind: ["Type", "Soort"],
  colStatus: ["Statut", "Status"],
  colVerified: ["Vérification", "Verificatie"],
  colAccess: ["Droits", "Rechten"],
  listCaption: ["Services de l’annuaire", "Diensten in de gids"],
  never: ["jamais vérifié", "nooit geverifieerd"],
  verifiedOn: ["vérifié le {date}", "geverifieerd op {date}"],
  editable: ["Modifiable", "Bewerkbaar"],
  readOnly: ["Lecture seule", "Alleen lezen"],
  editTitle: ["Modifier : {name}", "Bewerken: {name}"],
  viewTitle: ["Consulter : {name}", "Bekijken: {name}"],
  revision: ["Révision {n}", "Revisie {n}"],
  readOnlyNotice: [
    "Lecture seule : ce service couvre des zones en dehors de celles que vous pouvez modifier.",
    "Alleen lezen: deze dienst bedient gebieden buiten de gebieden die u mag bewerken.",
  ],
  history: ["Historique des modifications", "Geschiedenis van de wijzigingen"],
  save: ["Enregistrer", "Opslaan"],
  saved: ["Modifications enregistrées (révision {n}).", "Wijzigingen opgeslagen (revisie {n})."],
  unchanged: ["Aucune modification à enregistrer.", "Er is niets gewijzigd."],
  notSaved: [
    "Le service n’a pas été enregistré : {n} problème(s) à corriger",
    "De dienst is niet opgeslagen: {n} probleem/problemen op te lossen",
  ],
  required: ["(obligatoire)", "(verplicht)"],
  g_names: ["Noms et descriptions", "Namen en beschrijvingen"],
  g_kind: ["Type et publics", "Soort en doelgroepen"],
  g_contact: ["Contact", "Contact"],
  g_address: ["Adresse", "Adres"],
  g_hours: ["Horaires", "Openingsuren"],
  g_area: ["Zone et langues", "Werkgebied en talen"],
  g_traits: ["Caractéristiques", "Kenmerken"],
  g_sources: ["Sources et notes", "Bronnen en notities"],
  phone: ["Téléphone {n}", "Telefoon {n}"],
  phoneNumber: ["Numéro", "Nummer"],
  phoneLabel: ["Libellé", "Omschrijving"],
  phoneHint: [
    "Par exemple 04 223 45 67 : il sera enregistré au format +32…",
    "Bijvoorbeeld 09 223 45 67: het wordt opgeslagen als +32…",
  ],
  addPhone: ["Ajouter un numéro", "Nummer toevoegen"],
  removePhone: ["Supprimer le numéro {n}", "Nummer {n} verwijderen"],
  schedule: ["Plage horaire {n}", "Tijdvak {n}"],
  scheduleChannel: ["Canal", "Kanaal"],
  allChannels: ["Tous les canaux", "Alle kanalen"],
  days: ["Jours", "Dagen"],
  opens: ["Ouvre à (HH:MM)", "Opent om (UU:MM)"],
  closes: ["Ferme à (HH:MM)", "Sluit om (UU:MM)"],
  addSchedule: ["Ajouter une plage horaire", "Tijdvak toevoegen"],
  removeSchedule: ["Supprimer la plage horaire {n}", "Tijdvak {n} verwijderen"],
  languagesHint: [
    "Codes ISO séparés par des virgules, par exemple : fr, nl, ar",
    "ISO-codes gescheiden door komma’s, bijvoorbeeld: nl, fr, ar",
  ],
  coverageHint: [
    "Une zone par ligne : commune (nom ou code NIS), national, region:WAL, province:Liège…",
    "Eén gebied per regel: gemeente (naam of NIS-code), national, region:VLG, province:Antwerpen…",
  ],
  sourcesHint: [
    "Une adresse web par ligne (au moins une).",
    "Eén webadres per regel (minstens één).",
  ],
  unknown: ["Inconnu", "Onbekend"],
  yes: ["Oui", "Ja"],
  no: ["Non", "Nee"],
  verifyTitle: ["Vérification", "Verificatie"],
  notVerified: ["Pas encore vérifié.", "Nog niet geverifieerd."],
  verifiedBy: [
    "Vérifié le {date} par {who} ({method}).",
    "Geverifieerd op {date} door {who} ({method}).",
  ],
  method: ["Comment avez-vous vérifié ?", "Hoe hebt u het geverifieerd?"],
  note: ["Note (facultative)", "Notitie (niet verplicht)"],
  verifyHint: [
    "La date et votre nom sont enregistrés avec la vérification.",
    "De datum en uw naam worden bij de verificatie bewaard.",
  ],
  verify: ["Marquer comme vérifié", "Als geverifieerd markeren"],
  verifiedNow: ["Service marqué comme vérifié.", "Dienst gemarkeerd als geverifieerd."],
  archiveTitle: ["Archivage", "Archiveren"],
  archivedNotice: [
    "Ce service est archivé : il n’apparaît nulle part au public.",
    "Deze dienst is gearchiveerd: het publiek ziet hem nergens.",
  ],
  activeNotice: [
    "Ce service est actif. L’archiver le retire de la recherche publique.",
    "Deze dienst is actief. Archiveren haalt hem uit de openbare zoekfunctie.",
  ],
  archive: ["Archiver ce service", "Deze dienst archiveren"],
  restore: ["Restaurer ce service", "Deze dienst terugzetten"],
  confirmArchive: [
    "Archiver ce service ? Il disparaîtra de la recherche publique.",
    "Deze dienst archiveren? Hij verdwijnt uit de openbare zoekfunctie.",
  ],
  archivedNow: ["Service archivé.", "Dienst gearchiveerd."],
  restoredNow: ["Service restauré.", "Dienst teruggezet."],
  conflictTitle: ["Modifié par quelqu’un d’autre", "Gewijzigd door iemand anders"],
  conflictText: [
    "Ce service a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert (il est maintenant à la révision {n}). Rien n’a été enregistré.",
    "Iemand anders heeft deze dienst gewijzigd sinds u hem opende (hij staat nu op revisie {n}). Er is niets opgeslagen.",
  ],
  conflictCaption: [
    "Différences entre votre version et la version actuelle",
    "Verschillen tussen uw versie en de huidige versie",
  ],
  colField: ["Champ", "Veld"],
  colMine: ["Votre version", "Uw versie"],
  colCurrent: ["Version actuelle (révision {n})", "Huidige versie (revisie {n})"],
  takeCurrent: [
    "Charger la version actuelle (abandonner mes modifications)",
    "De huidige versie laden (mijn wijzigingen weggooien)",
  ],
  keepMine: [
    "Garder mes modifications pour les appliquer à la version actuelle",
    "Mijn wijzigingen houden om ze op de huidige versie toe te passen",
  ],
  keptMine: [
    "Vos modifications sont gardées dans le formulaire. Relisez-les puis enregistrez : elles remplaceront la version actuelle (révision {n}).",
    "Uw wijzigingen staan nog in het formulier. Lees ze na en sla op: ze vervangen de huidige versie (revisie {n}).",
  ],
  leave: [
    "Vos modifications ne sont pas enregistrées. Quitter quand même ?",
    "Uw wijzigingen zijn niet opgeslagen. Toch weggaan?",
  ],
  tookCurrent: [
    "La version actuelle (révision {n}) est chargée.",
    "De huidige versie (revisie {n}) is geladen.",
  ],
  forbidden: [
    "Ce service est en dehors des zones que vous pouvez modifier.",
    "Deze dienst ligt buiten de gebieden die u mag bewerken.",
  ],
  historyTitle: ["Historique : {name}", "Geschiedenis: {name}"],
  historyEmpty: ["Aucune modification enregistrée.", "Geen wijzigingen bewaard."],
  changeTitle: ["Révision {n} : {action}", "Revisie {n}: {action}"],
  changeMeta: ["{date}, par {actor}", "{date}, door {actor}"],
  changedFields: ["Champs modifiés : {fields}", "Gewijzigde velden: {fields}"],
  valuesCaption: ["Valeurs avant et après la révision {n}", "Waarden voor en na revisie {n}"],
  colBefore: ["Avant", "Voor"],
  colAfter: ["Après", "Na"],
  revert: ["Revenir à la version de la révision {n}", "Terug naar de versie van revisie {n}"],
  confirmRevert: [
    "Rétablir la version de la révision {n} ? Cela crée une nouvelle révision.",
    "De versie van revisie {n} terugzetten? Dat maakt een nieuwe revisie.",
  ],
  reverted: [
    "La version de la révision {old} est rétablie (nouvelle révision {n}).",
    "De versie van revisie {old} is teruggezet (nieuwe revisie {n}).",
  ],
  staleHistory: [
    "Le service a changé entre-temps : l’historique est rechargé.",
    "De dienst is intussen gewijzigd: de geschiedenis is opnieuw geladen.",
  ],
  backToService: ["Retour au service", "Terug naar de dienst"],
  a_create: ["création", "aangemaakt"],
  a_update: ["modification", "gewijzigd"],
  a_archive: ["archivage", "gearchiveerd"],
  a_restore: ["restauration", "teruggezet"],
  a_verify: ["vérification", "geverifieerd"],
  a_revert: ["retour à une version antérieure", "terug naar een vroegere versie"],
  a_import: ["import", "import"],
  importTitle: ["Importer", "Importeren"],
  importIntro: [
    "Un import commence toujours par un essai : rien n’est modifié avant que vous l’appliquiez. Appliquer est tout ou rien.",
    "Een import begint altijd met een proef: er verandert niets tot u hem toepast. Toepassen is alles of niets.",
  ],
  file: ["Fichier (10 Mo au plus)", "Bestand (hoogstens 10 MB)"],
  format: ["Format", "Formaat"],
  f_csv: ["CSV (tableur, séparateur ;)", "CSV (rekenblad, scheidingsteken ;)"],
  f_ndjson: ["NDJSON (un service par ligne)", "NDJSON (één dienst per regel)"],
  f_hsds: ["HSDS 3.0 (JSON)", "HSDS 3.0 (JSON)"],
  dryRun: ["Essayer (rien n’est modifié)", "Proberen (er verandert niets)"],
  chooseFile: ["Choisissez un fichier.", "Kies een bestand."],
  dryRunTitle: ["Résultat de l’essai", "Resultaat van de proef"],
  appliedTitle: ["Import appliqué", "Import toegepast"],
  rows: [
    "{rows} ligne(s) lue(s), {valid} valide(s).",
    "{rows} regel(s) gelezen, {valid} geldig.",
  ],
  problems: [
    "{n} problème(s) : rien ne peut être importé tant qu’ils ne sont pas corrigés.",
    "{n} probleem/problemen: er kan niets geïmporteerd worden tot ze opgelost zijn.",
  ],
  problemsCaption: ["Problèmes, ligne par ligne", "Problemen, regel per regel"],
  colRow: ["Ligne", "Regel"],
  colId: ["Identifiant", "Identificatie"],
  colColumn: ["Colonne", "Kolom"],
  colProblem: ["Problème", "Probleem"],
  toCreate: ["À créer : {n}", "Aan te maken: {n}"],
  toUpdate: ["À mettre à jour : {n}", "Bij te werken: {n}"],
  created: ["Créés : {n}", "Aangemaakt: {n}"],
  updated: ["Mis à jour : {n}", "Bijgewerkt: {n}"],
  unchangedCount: ["Inchangés : {n}", "Ongewijzigd: {n}"],
  nothingToDo: ["Rien à changer.", "Niets te wijzigen."],
  apply: ["Appliquer l’import", "Import toepassen"],
  appliedText: ["Import appliqué (lot {batch}).", "Import toegepast (reeks {batch})."],
  undoImport: ["Annuler cet import", "Deze import ongedaan maken"],
  undone: [
    "Import annulé : {n} service(s) remis dans leur état d’avant.",
    "Import ongedaan gemaakt: {n} dienst(en) terug in hun vorige staat.",
  ],
  tooLarge: ["Le fichier dépasse 10 Mo.", "Het bestand is groter dan 10 MB."],
  exportTitle: ["Exporter", "Exporteren"],
  exportIntro: [
    "Tous les services, archivés compris. Les adresses confidentielles ne sont jamais exportées.",
    "Alle diensten, ook de gearchiveerde. Vertrouwelijke adressen worden nooit geëxporteerd.",
  ],
  exportAs: ["Télécharger : {format}", "Downloaden: {format}"],
  exported: ["Fichier {name} téléchargé.", "Bestand {name} gedownload."],
  confidential: ["confidentielle", "vertrouwelijk"],
  street: ["Rue et numéro", "Straat en nummer"],
  postal_code: ["Code postal", "Postcode"],
  municipality: ["Commune", "Gemeente"],
  addressConfidential: [
    "Adresse confidentielle (jamais publiée)",
    "Vertrouwelijk adres (nooit gepubliceerd)",
  ],
  empty: ["—", "—"],
  sep: [" : ", ": "],
  navSuggestions: ["Signalements", "Meldingen"],
  navCoverage: ["Couverture", "Dekking"],
  newService: ["Nouveau service", "Nieuwe dienst"],
  createTitle: ["Créer un service", "Een dienst aanmaken"],
  idHint: [
    "Identifiant stable : minuscules, chiffres et tirets (ex. ocmw-boom). Il ne changera plus.",
    "Vaste identificatie: kleine letters, cijfers en koppeltekens (bv. ocmw-boom). Die verandert niet meer.",
  ],
  create: ["Créer le service", "Dienst aanmaken"],
  createdNow: ["Service créé.", "Dienst aangemaakt."],
  exists: ["Un service porte déjà cet identifiant.", "Er bestaat al een dienst met deze identificatie."],
  suggestionsTitle: ["Signalements du public", "Meldingen van het publiek"],
  suggestionsIntro: [
    "Corrections proposées par des citoyen·nes et des professionnel·les pour les services que vous pouvez modifier.",
    "Verbeteringen die burgers en hulpverleners voorstellen voor de diensten die u mag wijzigen.",
  ],
  st_open: ["À traiter", "Te behandelen"],
  st_accepted: ["Acceptés", "Aanvaard"],
  st_rejected: ["Refusés", "Afgewezen"],
  noSuggestions: ["Aucun signalement.", "Geen meldingen."],
  suggestionAbout: ["À propos de : ", "Over: "],
  suggestionGeneral: ["Signalement général (aucun service)", "Algemene melding (geen dienst)"],
  suggestionFrom: ["Contact : {email}", "Contact: {email}"],
  suggestionOn: ["Reçu le {date}", "Ontvangen op {date}"],
  suggestionDecided: ["{status} le {date} par {who}", "{status} op {date} door {who}"],
  correct: ["Corriger la fiche", "De fiche verbeteren"],
  reject: ["Refuser", "Afwijzen"],
  rejectNote: ["Motif (facultatif)", "Reden (niet verplicht)"],
  rejectedNow: ["Signalement refusé.", "Melding afgewezen."],
  alreadyDecided: ["Ce signalement a déjà été traité.", "Deze melding is al behandeld."],
  suggestionBanner: ["Signalement n° {n} : ", "Melding nr. {n}: "],
  acceptSave: ["Enregistrer et clore le signalement", "Opslaan en de melding afsluiten"],
  acceptedNow: ["Fiche corrigée, signalement clos.", "Fiche verbeterd, melding afgesloten."],
  coverageTitle: ["Couverture de vos communes", "Dekking van uw gemeenten"],
  coverageIntro: [
    "Par commune : les contacts proches (commune, zone de police, arrondissement, province) et ce qu’il faut compléter d’abord. Un contact est « à revoir » s’il n’a jamais été vérifié ou plus depuis 12 mois.",
    "Per gemeente: de contacten dichtbij (gemeente, politiezone, arrondissement, provincie) en wat eerst aangevuld moet worden. Een contact is ‘na te kijken’ als het nooit of niet meer in 12 maanden nagekeken is.",
  ],
  coverageCsv: ["Télécharger (tableur)", "Downloaden (rekenblad)"],
  coverageCaption: ["Communes, les moins couvertes d’abord", "Gemeenten, de minst gedekte eerst"],
  colMunicipality: ["Commune", "Gemeente"],
  colZone: ["Zone de police", "Politiezone"],
  colContacts: ["Contacts proches", "Contacten dichtbij"],
  colPhone: ["Avec téléphone", "Met telefoon"],
  colStale: ["À revoir", "Na te kijken"],
  colToFill: ["À compléter", "Aan te vullen"],
  fillHere: ["Ajouter : {kind}", "Toevoegen: {kind}"],
  nothingToFill: ["rien", "niets"],
};

// Field names, then the codes of the vocabularies (directory/vocab.py, directory/labels.py).
const FIELDS = {
  id: ["Identifiant", "Identificatie"],
  status: ["Statut", "Status"],
  kind: ["Type de service", "Soort dienst"],
  name_fr: ["Nom en français", "Naam in het Frans"],
  name_nl: ["Nom en néerlandais", "Naam in het Nederlands"],
  name_de: ["Nom en allemand", "Naam in het Duits"],
  name_en: ["Nom en anglais", "Naam in het Engels"],
  description_fr: ["Description en français", "Beschrijving in het Frans"],
  description_nl: ["Description en néerlandais", "Beschrijving in het Nederlands"],
  description_de: ["Description en allemand", "Beschrijving in het Duits"],
  description_en: ["Description en anglais", "Beschrijving in het Engels"],
  phones: ["Téléphones", "Telefoonnummers"],
  email: ["E-mail", "E-mail"],
  website: ["Site web", "Website"],
  address: ["Adresse", "Adres"],
  channels: ["Canaux de contact", "Contactkanalen"],
  hours_text: ["Horaires (texte libre)", "Openingsuren (vrije tekst)"],
  schedules: ["Plages horaires", "Tijdvakken"],
  languages: ["Langues parlées", "Gesproken talen"],
  audiences: ["Publics", "Doelgroepen"],
  violence_types: ["Formes de violence", "Vormen van geweld"],
  coverage: ["Zone couverte", "Werkgebied"],
  urgent: ["Urgences", "Dringende hulp"],
  anonymous: ["Anonyme", "Anoniem"],
  free: ["Gratuit", "Gratis"],
  source_urls: ["Sources", "Bronnen"],
  checked_on: ["Sources vérifiées le", "Bronnen nagekeken op"],
  source_date: ["Date des pages sources (AAAA ou AAAA-MM)", "Datum van de bronpagina’s (JJJJ of JJJJ-MM)"],
  notes: ["Notes internes", "Interne notities"],
  verification_status: ["Statut de vérification", "Verificatiestatus"],
  verified_at: ["Vérifié le", "Geverifieerd op"],
  verified_by: ["Vérifié par", "Geverifieerd door"],
  verification_method: ["Méthode de vérification", "Verificatiemethode"],
};

const CODES = {
  kind: {
    emergency: ["Numéro d’urgence", "Noodnummer"],
    helpline: ["Ligne d’écoute", "Hulplijn"],
    social_work_centre: ["Centre d’aide sociale (CAW, CASG)", "Centrum Algemeen Welzijnswerk (CAW)"],
    family_justice_centre: ["Family Justice Centre / Maison de sécurité", "Veilig Huis / Family Justice Center"],
    sexual_violence_centre: ["Centre de prise en charge des violences sexuelles (CPVS)", "Zorgcentrum na seksueel geweld (ZSG)"],
    victim_support: ["Aide aux victimes", "Slachtofferhulp"],
    police: ["Police", "Politie"],
    shelter: ["Hébergement, maison d’accueil", "Opvang, vluchthuis"],
    legal_aid: ["Aide juridique", "Juridische bijstand"],
    justice_house: ["Maison de justice", "Justitiehuis"],
    child_family_service: ["Maison de l’enfant, soutien aux familles", "Huis van het Kind"],
    public_welfare_centre: ["CPAS (aide sociale de la commune)", "OCMW / Sociaal Huis"],
    elder_abuse_service: ["Maltraitance des personnes âgées", "Ouderenmis(be)handeling"],
    perpetrator_programme: ["Accompagnement des auteurs", "Hulp voor plegers"],
    other: ["Autre service", "Andere dienst"],
  },
  audiences: {
    victim: ["Victimes", "Slachtoffers"],
    witness: ["Témoins, proches", "Getuigen, omstaanders"],
    child: ["Enfants", "Kinderen"],
    young_person: ["Jeunes", "Jongeren"],
    elderly: ["Personnes âgées", "Ouderen"],
    perpetrator: ["Auteurs de violence", "Plegers van geweld"],
    professional: ["Professionnels", "Professionals"],
    parent: ["Parents", "Ouders"],
  },
  violence_types: {
    any: ["Toute forme de violence intrafamiliale", "Elke vorm van intrafamiliaal geweld"],
    partner: ["Violence conjugale, entre partenaires", "Partnergeweld"],
    child_abuse: ["Maltraitance d’enfants", "Kindermishandeling"],
    elder_abuse: ["Maltraitance des aînés", "Ouderenmishandeling"],
    sexual: ["Violence sexuelle", "Seksueel geweld"],
    sibling: ["Violence entre frères et sœurs", "Geweld tussen broers en zussen"],
    honour_related: ["Violence liée à l’honneur, mariage forcé", "Eergerelateerd geweld, gedwongen huwelijk"],
  },
  channels: {
    phone: ["Téléphone", "Telefoon"],
    chat: ["Chat", "Chat"],
    email: ["E-mail", "E-mail"],
    in_person: ["Sur place", "Ter plaatse"],
    forum: ["Forum", "Forum"],
    online_form: ["Formulaire en ligne", "Onlineformulier"],
  },
  days: {
    MO: ["lundi", "maandag"], TU: ["mardi", "dinsdag"], WE: ["mercredi", "woensdag"],
    TH: ["jeudi", "donderdag"], FR: ["vendredi", "vrijdag"], SA: ["samedi", "zaterdag"],
    SU: ["dimanche", "zondag"],
  },
  verification_method: {
    phone: ["par téléphone", "telefonisch"],
    website: ["sur le site web", "via de website"],
    email: ["par e-mail", "per e-mail"],
    visit: ["sur place", "ter plaatse"],
  },
  verification_status: {
    unverified: ["non vérifié", "niet geverifieerd"],
    verified: ["vérifié", "geverifieerd"],
  },
};

// What a 422 means, for the fields whose API message is too technical.
const ERRORS = {
  phone: [
    "Numéro belge attendu, par exemple 04 223 45 67 ou +32 4 223 45 67, ou un numéro court (101, 1712).",
    "Geef een Belgisch nummer, bijvoorbeeld 09 223 45 67 of +32 9 223 45 67, of een kort nummer (101, 1712).",
  ],
  email: [
    "Adresse e-mail invalide, par exemple info@exemple.be.",
    "Ongeldig e-mailadres, bijvoorbeeld info@voorbeeld.be.",
  ],
  url: [
    "Adresse web invalide : elle commence par https:// (ou http://).",
    "Ongeldig webadres: het begint met https:// (of http://).",
  ],
  postal: ["Code postal belge de 4 chiffres.", "Belgische postcode van 4 cijfers."],
  time: [
    "Heure au format HH:MM, entre 00:00 et 24:00.",
    "Uur in de vorm UU:MM, tussen 00:00 en 24:00.",
  ],
  days: ["Choisissez au moins un jour.", "Kies minstens één dag."],
  required: ["Ce champ est obligatoire.", "Dit veld is verplicht."],
  atLeastOne: ["Indiquez au moins une valeur.", "Geef minstens één waarde."],
  name: [
    "Donnez un nom en français ou en néerlandais.",
    "Geef een naam in het Frans of in het Nederlands.",
  ],
};

// --- State, texts, small helpers -----------------------------------------------------------

const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  lang: localStorage.getItem(LANG_KEY) || (/^nl\b/i.test(navigator.language) ? "nl" : "fr"),
  me: null,
  editable: new Map(), // service id → may this account edit it (from the list endpoint)
  notice: null, // a message for the next view (e.g. "session expired")
  dirty: false, // the service form has changes not saved yet
  shown: null, // the route on screen
};
if (!["fr", "nl"].includes(state.lang)) state.lang = "fr";

const main = document.getElementById("main");
const top = document.getElementById("top");
const live = document.getElementById("live");
const enc = encodeURIComponent;
const ix = () => (state.lang === "nl" ? 1 : 0);

function t(key, vars = {}) {
  const text = TEXTS[key] ? TEXTS[key][ix()] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ""));
}
const fieldName = (name) => (FIELDS[name] ? FIELDS[name][ix()] : name);
const code = (table, value) => (CODES[table][value] || [value, value])[ix()];
const options = (table) => Object.keys(CODES[table]).map((value) => [value, code(table, value)]);

function formatDate(iso) {
  return formatDay(iso, state.lang, { time: true });
}

function announce(message) {
  live.textContent = "";
  window.setTimeout(() => { live.textContent = message; }, 50);
}

// Fetch a file with the bearer token and hand it to the browser as a download.
async function download(button, path, fallbackName) {
  busy(button, true);
  try {
    const res = await api(path, { download: true });
    if (res.status !== 200) return announce(t("unexpected", { status: res.status }));
    const disposition = res.response.headers.get("Content-Disposition") || "";
    const filename = (/filename="([^"]+)"/.exec(disposition) || [])[1] || fallbackName;
    const url = URL.createObjectURL(await res.response.blob());
    const link = h("a", { href: url, download: filename, class: "visually-hidden" }, filename);
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    announce(t("exported", { name: filename }));
  } finally {
    busy(button, false);
  }
}

// h('p', {class: 'x', onclick: f}, 'text', child…): elements without innerHTML. Children may
// be nested lists; null, undefined and false are left out.
// Elements whose handlers report a failed request or an expired session (see `safely`).
function h(tag, attrs, ...children) {
  const guarded = Object.fromEntries(Object.entries(attrs || {}).map(([key, value]) =>
    [key, key.startsWith("on") && value ? safely(value) : value]));
  return element(tag, guarded, ...children);
}

// Event handlers: an expired session leads to the login page; a failed request says so.
function safely(handler) {
  return async (event) => {
    try {
      await handler(event);
    } catch (error) {
      if (error instanceof Expired) return loginView();
      main.querySelector(".network-error")?.remove();
      main.prepend(h("p", { class: "error network-error", role: "alert" }, t("network")));
    }
  };
}

// Replace an element's children (same rules as h).
const serviceName = (record) =>
  (state.lang === "nl" ? record.name_nl || record.name_fr : record.name_fr || record.name_nl) ||
  record.id;

// --- The API --------------------------------------------------------------------------------

class Expired extends Error {}

async function api(path, { method = "GET", json, file, etag, type, download } = {}) {
  const headers = { Accept: "application/json" };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  if (etag) headers["If-Match"] = etag;
  let body;
  if (json !== undefined) {
    body = JSON.stringify(json);
    headers["Content-Type"] = "application/json";
  } else if (file !== undefined) {
    body = file;
    headers["Content-Type"] = type || "application/octet-stream";
  }
  const response = await fetch(path, { method, headers, body, cache: "no-store" });
  if (response.status === 401 && state.token) {
    expire();
    throw new Expired();
  }
  const isJson = (response.headers.get("Content-Type") || "").includes("json");
  const data = isJson && !download ? await response.json() : null;
  return { status: response.status, data, etag: response.headers.get("ETag"), response };
}

function expire() {
  state.dirty = false;
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  state.me = null;
  state.editable.clear();
  state.notice = t("expired");
}

async function mayEdit(id) {
  if (state.me.role === "admin") return true;
  if (!state.editable.has(id)) {
    const { data } = await api("/v1/admin/services");
    for (const row of data.contents) state.editable.set(row.id, row.editable);
  }
  return state.editable.get(id) === true;
}

// --- Page frame -----------------------------------------------------------------------------

function renderTop() {
  document.documentElement.lang = state.lang;
  const skip = document.getElementById("skip");
  skip.textContent = t("skip");
  const other = state.lang === "fr" ? "nl" : "fr";
  const switcher = h("button", { type: "button", class: "link-button", lang: other,
    onclick: () => {
      if (!mayLeave()) return;
      state.lang = other;
      localStorage.setItem(LANG_KEY, other);
      route();
    } }, t("otherLang"));
  const account = state.me
    ? [
        h("nav", { "aria-label": t("nav") }, h("ul", {},
          h("li", {}, h("a", { href: "#/services" }, t("navServices"))),
          h("li", {}, h("a", { href: "#/suggestions" }, t("navSuggestions"))),
          h("li", {}, h("a", { href: "#/coverage" }, t("navCoverage"))),
          h("li", {}, h("a", { href: "#/exchange" }, t("navExchange"))))),
        h("p", { class: "account" },
          t("signedIn", { email: state.me.email, role: t(`role_${state.me.role}`) })),
        h("button", { type: "button", class: "link-button", onclick: logout }, t("logout")),
      ]
    : [];
  fill(top, h("p", { class: "brand" }, t("app")), ...account, switcher);
}

// Replace the main content; focus the heading so screen readers start at the new view.
function render(title, ...content) {
  document.title = `${title} – ${t("app")}`;
  renderTop();
  const heading = h("h1", { tabindex: "-1" }, title);
  const notice = state.notice ? h("p", { class: "notice", role: "status" }, state.notice) : null;
  state.notice = null;
  fill(main, heading, notice, ...content);
  main.removeAttribute("aria-busy");
  heading.focus();
}

function failure(status) {
  return h("p", { class: "error", role: "alert" },
    status === 0 ? t("network") : t("unexpected", { status }));
}

function busy(button, on) {
  button.disabled = on;
  button.setAttribute("aria-busy", on ? "true" : "false");
}

document.getElementById("skip").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

// --- Log in and out -------------------------------------------------------------------------

function loginView() {
  const email = h("input", { id: "login-email", type: "email", autocomplete: "username",
    required: true, "aria-required": "true" });
  const password = h("input", { id: "login-password", type: "password",
    autocomplete: "current-password", required: true, "aria-required": "true" });
  const message = h("div", { id: "login-message", class: "error-area", role: "alert" });
  const submit = h("button", { type: "submit" }, t("login"));
  const fail = (text) => {
    fill(message, h("p", { class: "error" }, text));
    for (const input of [email, password]) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "login-message");
    }
  };
  const form = h("form", { class: "login", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    fill(message);
    if (!email.value.trim() || !password.value) return fail(t("loginMissing"));
    busy(submit, true);
    try {
      const res = await api("/v1/admin/login", { method: "POST",
        json: { email: email.value.trim(), password: password.value } });
      if (res.status === 200) {
        state.token = res.data.token;
        sessionStorage.setItem(TOKEN_KEY, state.token);
        if (!location.hash.startsWith("#/") || location.hash === "#/login") {
          location.hash = "#/services";
        } else {
          await route();
        }
        return;
      }
      if (res.status === 401) fail(t("loginFailed"));
      else if (res.status === 429) {
        const wait = Number(res.response.headers.get("Retry-After") || 60);
        fail(t("loginThrottled", { minutes: Math.max(1, Math.ceil(wait / 60)) }));
      } else fail(t("unexpected", { status: res.status }));
    } catch {
      fail(t("network"));
    } finally {
      busy(submit, false);
    }
    password.value = "";
  } },
  message,
  h("div", { class: "field" }, h("label", { for: "login-email" }, t("email")), email),
  h("div", { class: "field" }, h("label", { for: "login-password" }, t("password")), password),
  submit);
  render(t("loginTitle"), form);
}

async function logout() {
  if (!mayLeave()) return;
  try {
    await api("/v1/admin/logout", { method: "POST" });
  } catch {
    // The token is dropped here whatever the server answered.
  }
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  state.me = null;
  state.editable.clear();
  state.notice = t("loggedOut");
  if (location.hash === "#/services") route();
  else location.hash = "#/services";
}

// --- The list of services -------------------------------------------------------------------

async function listView(params) {
  const query = new URLSearchParams();
  for (const name of ["verification", "status"]) if (params.get(name)) query.set(name, params.get(name));
  if (params.get("mine")) query.set("editable", "true");
  const [res, covering] = await Promise.all([
    api(`/v1/admin/services?${query}`),
    params.get("place") ? coveringPlace(params.get("place")) : null,
  ]);
  if (res.status !== 200) return render(t("navServices"), failure(res.status));
  for (const row of res.data.contents) state.editable.set(row.id, row.editable);

  const text = (params.get("q") || "").trim().toLowerCase();
  const rows = res.data.contents.filter((row) =>
    (!covering || !covering.ids || covering.ids.has(row.id)) &&
    (!text || [row.id, row.name_fr, row.name_nl].some((v) => (v || "").toLowerCase().includes(text))));

  const select = (name, values) => h("select", { id: `filter-${name}`, name },
    values.map(([value, label]) => h("option", { value, selected: params.get(name) === value || null }, label)));
  const filters = h("form", { class: "filters", role: "search", "aria-labelledby": "filters-title",
    onsubmit: (event) => {
      event.preventDefault();
      const chosen = new URLSearchParams();
      for (const [name, value] of new FormData(event.target)) {
        if (String(value).trim()) chosen.set(name, String(value).trim());
      }
      const hash = `#/services${chosen.toString() ? `?${chosen}` : ""}`;
      if (location.hash === hash) route();
      else location.hash = hash;
    } },
  h("h2", { id: "filters-title" }, t("filters")),
  h("div", { class: "filter-grid" },
    h("div", { class: "field" }, h("label", { for: "filter-verification" }, t("verification")),
      select("verification", [["", t("v_all")], ["never", t("v_never")], ["stale", t("v_stale")]])),
    h("div", { class: "field" }, h("label", { for: "filter-status" }, t("status")),
      select("status", [["", t("s_all")], ["active", t("s_active")], ["archived", t("s_archived")]])),
    h("div", { class: "field" }, h("label", { for: "filter-place" }, t("place")),
      h("p", { class: "hint", id: "filter-place-hint" }, t("placeHint")),
      h("input", { id: "filter-place", name: "place", value: params.get("place") || "",
        "aria-describedby": "filter-place-hint" })),
    h("div", { class: "field" }, h("label", { for: "filter-q" }, t("text")),
      h("input", { id: "filter-q", name: "q", type: "search", value: params.get("q") || "" }))),
  h("div", { class: "check" },
    h("input", { type: "checkbox", id: "filter-mine", name: "mine", value: "1",
      checked: Boolean(params.get("mine")) }),
    h("label", { for: "filter-mine" }, t("mine"))),
  h("button", { type: "submit" }, t("filter")));

  const placeLine = covering
    ? h("p", { class: covering.ids ? "info" : "error" },
        covering.ids ? t("placeUsed", { name: covering.name }) : t("placeNotFound", { q: params.get("place") }))
    : null;
  const table = h("table", { class: "services" },
    h("caption", { class: "visually-hidden" }, t("listCaption")),
    h("thead", {}, h("tr", {}, [t("colName"), t("colKind"), t("colStatus"), t("colVerified"), t("colAccess")]
      .map((label) => h("th", { scope: "col" }, label)))),
    h("tbody", {}, rows.map((row) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `#/services/${enc(row.id)}` }, serviceName(row)),
        h("span", { class: "id" }, row.id)),
      h("td", {}, code("kind", row.kind)),
      h("td", {}, t(`s_${row.status}`)),
      h("td", {}, row.verified_at ? t("verifiedOn", { date: formatDate(row.verified_at) }) : t("never")),
      h("td", {}, row.editable ? t("editable") : t("readOnly"))))));
  const unknownPlace = covering && !covering.ids;
  render(t("navServices"), h("p", { class: "actions" }, h("a", { class: "button", href: "#/services/new" }, t("newService"))),
    filters, placeLine,
    unknownPlace ? null : [h("p", { class: "count", role: "status" }, t("count", { n: rows.length })), table]);
}

// The services covering a municipality, from the public place endpoints (active ones only).
async function coveringPlace(query) {
  const found = await api(`/v1/municipalities?q=${enc(query)}&limit=1&lang=${state.lang}`);
  const candidate = found.status === 200 && found.data.candidates[0];
  if (!candidate) return { ids: null };
  const place = await api(`/v1/municipalities/${candidate.nis_code}?lang=${state.lang}`);
  const ids = new Set(place.data.services_by_kind.flatMap((group) => group.services.map((s) => s.id)));
  return { ids, name: place.data.name };
}

// --- Editing one service --------------------------------------------------------------------

const fid = (path) => `f-${path.replace(/\./g, "-")}`;

function labelled(path, label, control, { hint, required } = {}) {
  const hintId = hint ? `${fid(path)}-hint` : null;
  if (hintId) {
    control.setAttribute("aria-describedby", hintId);
    control.dataset.hint = hintId;
  }
  if (required) control.setAttribute("aria-required", "true");
  return h("div", { class: "field" },
    h("label", { for: control.id }, label, required ? h("span", { class: "required" }, ` ${t("required")}`) : null),
    hint ? h("p", { class: "hint", id: hintId }, hint) : null,
    control);
}

const input = (path, value, attrs = {}) =>
  h("input", { id: fid(path), "data-path": path, value: value ?? "", ...attrs });
const textarea = (path, value, rows = 3) =>
  h("textarea", { id: fid(path), "data-path": path, rows }, value ?? "");
const choice = (path, pairs, current) => h("select", { id: fid(path), "data-path": path },
  pairs.map(([value, label]) => h("option", { value, selected: (current ?? "") === value || null }, label)));

function checkboxes(path, legend, pairs, chosen, { required } = {}) {
  return h("fieldset", { class: "checks", id: fid(path), "data-path": path },
    h("legend", {}, legend, required ? h("span", { class: "required" }, ` ${t("required")}`) : null),
    pairs.map(([value, label]) => h("div", { class: "check" },
      h("input", { type: "checkbox", id: `${fid(path)}-${value}`, value,
        checked: (chosen || []).includes(value) || null }),
      h("label", { for: `${fid(path)}-${value}` }, label))));
}

// A list of rows (phones, schedules) that can grow and shrink when editable; rows are rebuilt
// from the values in the form so ids and labels stay numbered 1, 2, 3…
function repeatable({ name, items, buildRow, readRows, blank, addLabel, first, editable }) {
  const rows = h("div", { class: "rows", id: `${name}-rows` });
  const draw = (list, focusPath) => {
    fill(rows, list.map((item, i) => buildRow(item, i, editable && (() => {
      const now = readRows(rows);
      now.splice(i, 1);
      state.dirty = true;
      draw(now, null);
      add.focus();
    }))));
    if (focusPath) document.getElementById(fid(focusPath))?.focus();
  };
  const add = editable && h("button", { type: "button", class: "secondary", onclick: () => {
    const now = readRows(rows);
    now.push(blank());
    state.dirty = true;
    draw(now, `${name}.${now.length - 1}.${first}`);
  } }, addLabel);
  draw(items, null);
  return h("div", { class: "repeatable" }, rows, add);
}

function phoneRow(phone, i, remove) {
  const n = i + 1;
  return h("fieldset", { class: "row", id: fid(`phones.${i}`), "data-path": `phones.${i}` },
    h("legend", {}, t("phone", { n })),
    labelled(`phones.${i}.number`, t("phoneNumber"),
      input(`phones.${i}.number`, phone.number, { type: "tel", autocomplete: "off" }), { hint: t("phoneHint") }),
    labelled(`phones.${i}.label`, t("phoneLabel"), input(`phones.${i}.label`, phone.label)),
    remove && h("button", { type: "button", class: "secondary", onclick: remove }, t("removePhone", { n })));
}

function readPhones(scope) {
  return [...scope.querySelectorAll('[data-path$=".number"][data-path^="phones."]')].map((el) => ({
    number: el.value,
    label: document.getElementById(el.id.replace(/-number$/, "-label")).value,
  }));
}

function scheduleRow(schedule, i, remove) {
  const n = i + 1;
  const path = `schedules.${i}`;
  return h("fieldset", { class: "row", id: fid(path), "data-path": path },
    h("legend", {}, t("schedule", { n })),
    labelled(`${path}.channel`, t("scheduleChannel"),
      choice(`${path}.channel`, [["", t("allChannels")], ...options("channels")], schedule.channel)),
    checkboxes(`${path}.days`, t("days"), options("days"), schedule.days),
    h("div", { class: "inline" },
      labelled(`${path}.opens`, t("opens"), input(`${path}.opens`, schedule.opens, { size: 5 })),
      labelled(`${path}.closes`, t("closes"), input(`${path}.closes`, schedule.closes, { size: 5 }))),
    remove && h("button", { type: "button", class: "secondary", onclick: remove }, t("removeSchedule", { n })));
}

function readSchedules(scope) {
  return [...scope.querySelectorAll('fieldset[data-path^="schedules."].row')].map((row) => {
    const path = row.dataset.path;
    const get = (name) => document.getElementById(fid(`${path}.${name}`));
    return {
      channel: get("channel").value || null,
      days: [...get("days").querySelectorAll("input:checked")].map((box) => box.value),
      opens: get("opens").value,
      closes: get("closes").value,
    };
  });
}

const tri = (value) => (value === true ? "yes" : value === false ? "no" : "");

// A write the API refused: field by field for a 422, else one message above the form.
function refused(form, result, messages = {}) {
  if (result.status === 422 && Array.isArray(result.data.detail)) return showErrors(form, result.data.detail);
  const text = messages[result.status]
    || (result.status === 403 ? t("forbidden") : t("unexpected", { status: result.status }));
  const summary = h("div", { class: "error-summary", tabindex: "-1", role: "alert" }, h("p", {}, text));
  fill(form.querySelector("#form-errors"), summary);
  summary.focus();
}

function serviceForm(record, editable, onSubmit) {
  const text = (name, attrs) => labelled(name, fieldName(name), input(name, record[name], attrs));
  const long = (name, rows, lang) => {
    const area = textarea(name, record[name], rows);
    if (lang) area.lang = lang;
    return labelled(name, fieldName(name), area);
  };
  const address = record.address || {};
  const yesNo = [["", t("unknown")], ["yes", t("yes")], ["no", t("no")]];
  const changed = () => { state.dirty = true; };
  const form = h("form", { class: "service", novalidate: true, "aria-labelledby": "edit-title",
    onsubmit: onSubmit, oninput: changed, onchange: changed },
    h("div", { id: "form-errors" }),
    h("fieldset", { class: "all", disabled: !editable || null },
      record.isNew ? labelled("id", fieldName("id"), input("id", record.id, { autocomplete: "off",
        pattern: "[a-z0-9]+(-[a-z0-9]+)*" }), { hint: t("idHint"), required: true }) : null,
      h("fieldset", { class: "group" }, h("legend", {}, t("g_names")),
        ["fr", "nl", "de", "en"].map((lang) => text(`name_${lang}`, { lang, autocomplete: "off" })),
        ["fr", "nl", "de", "en"].map((lang) => long(`description_${lang}`, 4, lang))),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_kind")),
        labelled("kind", fieldName("kind"), choice("kind", options("kind"), record.kind), { required: true }),
        checkboxes("audiences", fieldName("audiences"), options("audiences"), record.audiences, { required: true }),
        checkboxes("violence_types", fieldName("violence_types"), options("violence_types"), record.violence_types)),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_contact")),
        h("p", { class: "subhead" }, fieldName("phones")),
        repeatable({ name: "phones", items: record.phones || [], buildRow: phoneRow, readRows: readPhones,
          blank: () => ({ number: "", label: "" }), addLabel: t("addPhone"), first: "number", editable }),
        text("email", { type: "email", autocomplete: "off" }),
        text("website", { type: "url", autocomplete: "off" }),
        checkboxes("channels", fieldName("channels"), options("channels"), record.channels)),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_address")),
        labelled("address.street", t("street"), input("address.street", address.street)),
        labelled("address.postal_code", t("postal_code"),
          input("address.postal_code", address.postal_code, { inputmode: "numeric", size: 4 })),
        labelled("address.municipality", t("municipality"), input("address.municipality", address.municipality)),
        h("div", { class: "check" },
          h("input", { type: "checkbox", id: fid("address.confidential"), "data-path": "address.confidential",
            checked: address.confidential || null }),
          h("label", { for: fid("address.confidential") }, t("addressConfidential")))),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_hours")),
        long("hours_text", 3),
        h("p", { class: "subhead" }, fieldName("schedules")),
        repeatable({ name: "schedules", items: record.schedules || [], buildRow: scheduleRow,
          readRows: readSchedules, blank: () => ({ channel: null, days: [], opens: "", closes: "" }),
          addLabel: t("addSchedule"), first: "opens", editable })),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_area")),
        labelled("coverage", fieldName("coverage"), textarea("coverage", (record.coverage || []).join("\n"), 3),
          { hint: t("coverageHint") }),
        labelled("languages", fieldName("languages"), input("languages", (record.languages || []).join(", ")),
          { hint: t("languagesHint") })),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_traits")),
        ["urgent", "anonymous", "free"].map((name) =>
          labelled(name, fieldName(name), choice(name, yesNo, tri(record[name]))))),
      h("fieldset", { class: "group" }, h("legend", {}, t("g_sources")),
        labelled("source_urls", fieldName("source_urls"),
          textarea("source_urls", (record.source_urls || []).join("\n"), 3),
          { hint: t("sourcesHint"), required: true }),
        text("checked_on", { type: "date" }),
        text("source_date", { inputmode: "numeric", size: 10, autocomplete: "off" }),
        long("notes", 3)),
      editable ? h("div", { class: "save-bar" }, h("button", { type: "submit", id: "save" }, t("save"))) : null));
  return form;
}

// The record as the form says, on top of `base` (which keeps what the form does not show).
function collect(form, base) {
  const el = (path) => form.querySelector(`[data-path="${path}"]`);
  const value = (path) => el(path).value.trim() || null;
  const checked = (path) => [...el(path).querySelectorAll("input:checked")].map((box) => box.value);
  const lines = (path) => el(path).value.split("\n").map((line) => line.trim()).filter(Boolean);
  const record = { ...base };
  for (const lang of ["fr", "nl", "de", "en"]) {
    record[`name_${lang}`] = value(`name_${lang}`);
    record[`description_${lang}`] = value(`description_${lang}`);
  }
  for (const name of ["kind", "email", "website", "hours_text", "notes"]) record[name] = value(name);
  record.audiences = checked("audiences");
  record.violence_types = checked("violence_types");
  if (!record.violence_types.length) record.violence_types = null;
  record.channels = checked("channels");
  // Every row is sent, blank ones too, so that the API's `phones.1.number` is the second row.
  record.phones = readPhones(form).map((p) => ({ number: p.number.trim(), label: p.label.trim() || null }));
  record.schedules = readSchedules(form).map((s) => ({ ...s, opens: s.opens.trim(), closes: s.closes.trim() }));
  const address = {
    street: value("address.street"),
    postal_code: value("address.postal_code"),
    municipality: value("address.municipality"),
    confidential: el("address.confidential").checked,
  };
  record.address = address.street || address.postal_code || address.municipality || address.confidential
    ? address : null;
  record.coverage = lines("coverage");
  if (!record.coverage.length) record.coverage = null;
  const languages = el("languages").value.split(/[\s,;]+/).filter(Boolean).map((s) => s.toLowerCase());
  record.languages = languages.length ? languages : null;
  for (const name of ["urgent", "anonymous", "free"]) {
    record[name] = { yes: true, no: false }[el(name).value] ?? null;
  }
  record.source_urls = lines("source_urls");
  record.checked_on = value("checked_on");
  record.source_date = value("source_date");
  if (record.isNew) record.id = value("id") || "";
  delete record.isNew;
  return record;
}

// The API's 422 `detail` → a message next to each field, and a summary that links to them.
function errorMessage(path, detail) {
  const E = Object.fromEntries(Object.entries(ERRORS).map(([key, texts]) => [key, texts[ix()]]));
  const field = path.split(".").filter((part) => !/^\d+$/.test(part)).join(".");
  if (!path && /name_fr or name_nl/.test(detail.msg)) return [E.name, "name_fr"];
  if (detail.type === "missing") return [E.required, path];
  if (field === "phones.number") return [E.phone, path];
  if (field === "email") return [E.email, path];
  if ((field === "website" || field === "source_urls") && detail.type !== "too_short") return [E.url, path];
  if (field === "address.postal_code") return [E.postal, path];
  if (field === "schedules.opens" || field === "schedules.closes") return [E.time, path];
  if (field === "schedules.days") return [E.days, path];
  if (detail.type === "too_short") return [E.atLeastOne, path];
  return [null, path]; // the API's own message (in English)
}

function findControl(form, path) {
  const parts = path ? path.split(".") : [];
  while (parts.length) {
    const found = form.querySelector(`[data-path="${CSS.escape(parts.join("."))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

function clearErrors(form) {
  fill(form.querySelector("#form-errors"));
  for (const el of form.querySelectorAll(".field-error")) el.remove();
  for (const el of form.querySelectorAll("[data-errored]")) {
    el.removeAttribute("data-errored");
    el.removeAttribute("aria-invalid");
    if (el.dataset.hint) el.setAttribute("aria-describedby", el.dataset.hint);
    else el.removeAttribute("aria-describedby");
  }
}

function markInvalid(control, messageId) {
  const group = control.matches("fieldset");
  const targets = group ? [control, ...control.querySelectorAll("input, select, textarea")] : [control];
  for (const target of targets) {
    target.dataset.errored = "";
    if (target !== control || !group) target.setAttribute("aria-invalid", "true");
    const described = (target.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    target.setAttribute("aria-describedby", [...described, messageId].join(" "));
  }
}

// A control's name as the page shows it: "Téléphone 1, Numéro", "Publics"…
function controlName(form, control) {
  const own = control.matches("fieldset")
    ? control.querySelector("legend")
    : form.querySelector(`label[for="${control.id}"]`);
  let name = (own?.textContent || "").replace(` ${t("required")}`, "");
  const row = control.parentElement.closest("fieldset.row");
  if (row && row !== control) name = `${row.querySelector("legend").textContent}, ${name}`;
  return name;
}

function showErrors(form, details) {
  clearErrors(form);
  const items = details.map((detail, n) => {
    const loc = detail.loc || [];
    const [translated, path] = errorMessage(loc[0] === "body" ? loc.slice(1).join(".") : "", detail);
    const control = findControl(form, path);
    const text = translated || detail.msg;
    const lang = translated ? null : "en"; // the API speaks English
    if (!control) return h("li", {}, h("span", { lang }, text));
    const id = `err-${n}`;
    const message = h("p", { class: "field-error", id, lang }, text);
    if (control.matches("fieldset")) control.querySelector("legend").after(message);
    else control.before(message);
    markInvalid(control, id);
    const focusable = control.matches("fieldset") ? control.querySelector("input, select") : control;
    return h("li", {}, h("a", { href: `#${control.id}`, onclick: (event) => {
      event.preventDefault();
      focusable.focus();
    } }, controlName(form, control), t("sep"), h("span", { lang }, text)));
  });
  const summary = h("div", { class: "error-summary", tabindex: "-1" },
    h("h2", {}, t("notSaved", { n: details.length })), h("ul", {}, items));
  fill(form.querySelector("#form-errors"), summary);
  summary.focus();
}

function formatValue(field, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) {
    return t("empty");
  }
  switch (field) {
    case "phones":
      return value.map((p) => (p.label ? `${p.number} (${p.label})` : p.number)).join(" ; ");
    case "schedules":
      return value.map((s) => `${s.channel ? `${code("channels", s.channel)} : ` : ""}` +
        `${s.days.map((d) => code("days", d)).join(", ")} ${s.opens}–${s.closes}`).join(" ; ");
    case "address":
      return [value.street, [value.postal_code, value.municipality].filter(Boolean).join(" ")]
        .filter(Boolean).join(", ") + (value.confidential ? ` (${t("confidential")})` : "");
    case "kind":
      return code("kind", value);
    case "audiences": case "violence_types": case "channels":
      return value.map((v) => code(field, v)).join(", ");
    case "urgent": case "anonymous": case "free":
      return value ? t("yes") : t("no");
    case "status":
      return t(`s_${value}`);
    case "verified_at":
      return formatDate(value);
    case "verification_method": case "verification_status":
      return code(field, value);
    default:
      return Array.isArray(value) ? value.join(", ") : String(value);
  }
}

const differing = (a, b) => Object.keys({ ...a, ...b })
  .filter((key) => JSON.stringify(a?.[key] ?? null) !== JSON.stringify(b?.[key] ?? null));

function changesTable(caption, fields, left, right, headers) {
  return h("table", { class: "changes" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("colField")),
      headers.map((header) => h("th", { scope: "col" }, header)))),
    h("tbody", {}, fields.map((field) => h("tr", {},
      h("th", { scope: "row" }, fieldName(field)),
      h("td", {}, formatValue(field, left?.[field])),
      h("td", {}, formatValue(field, right?.[field]))))));
}

async function editView(id, suggestionId = null) {
  const [res, suggestion] = await Promise.all([
    api(`/v1/admin/services/${enc(id)}`),
    suggestionId ? findSuggestion(Number(suggestionId)) : null,
  ]);
  if (res.status === 404) {
    return render(t("notFound"), h("p", {}, t("notFoundText", { id })),
      h("p", {}, h("a", { href: "#/services" }, t("backToList"))));
  }
  if (res.status !== 200) return render(t("notFound"), failure(res.status));
  const editable = await mayEdit(id);
  let record = res.data.record;
  let etag = res.etag;

  const statusLine = h("p", { class: "meta", id: "service-meta" });
  const messages = h("div", { id: "edit-messages" });
  const verifyPanel = h("section", { class: "panel", "aria-labelledby": "verify-title" });
  const archivePanel = h("section", { class: "panel", "aria-labelledby": "archive-title" });
  const message = (text) => {
    const note = h("p", { class: "notice", role: "status", tabindex: "-1" }, text);
    fill(messages, note);
    note.focus();
  };
  const drawMeta = () => {
    fill(statusLine, `${record.id} · ${t("revision", { n: etag.replace(/\D/g, "") })} · ` +
      `${t(`s_${record.status}`)} · ${formatValue("verification_status", record.verification_status)}`);
  };

  // Apply a write's answer; a stale write shows the current version and overwrites nothing.
  const handle = async (result, form, onSaved) => {
    if (result.status === 200) {
      record = result.data.record;
      etag = result.etag;
      drawMeta();
      drawVerify();
      drawArchive();
      return onSaved();
    }
    if (result.status === 412) {
      return showConflict(collect(form, record), result.data.current, result.data.revision);
    }
    refused(form, result);
  };

  const showConflict = (mine, current, revision) => {
    const fields = differing(mine, current);
    const panel = h("div", { class: "conflict", tabindex: "-1", role: "alert" },
      h("h2", {}, t("conflictTitle")),
      h("p", {}, t("conflictText", { n: revision })),
      fields.length ? changesTable(t("conflictCaption"), fields, mine, current,
        [t("colMine"), t("colCurrent", { n: revision })]) : null,
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: () => {
          record = current;
          etag = `"${revision}"`;
          drawAll();
          message(t("tookCurrent", { n: revision }));
        } }, t("takeCurrent")),
        h("button", { type: "button", class: "secondary", onclick: () => {
          record = current;
          etag = `"${revision}"`;
          drawMeta();
          drawVerify();
          drawArchive();
          message(t("keptMine", { n: revision }));
        } }, t("keepMine"))));
    fill(messages, panel);
    panel.focus();
  };

  let form;
  const save = async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector("#save");
    busy(button, true);
    try {
      const draft = collect(form, record);
      const before = etag;
      if (suggestion && suggestion.status === "open") {
        // Saving closes the suggestion in the same transaction (POST …/accept).
        const result = await api(`/v1/admin/suggestions/${suggestion.id}/accept`,
          { method: "POST", json: draft, etag });
        if (result.status === 409) return message(t("alreadyDecided"));
        return await handle(result, form, () => {
          suggestion.status = "accepted";
          state.dirty = false;
          state.notice = t("acceptedNow");
          location.hash = "#/suggestions";
        });
      }
      const result = await api(`/v1/admin/services/${enc(id)}`, { method: "PUT", json: draft, etag });
      await handle(result, form, () => {
        drawAll();
        message(etag === before ? t("unchanged") : t("saved", { n: etag.replace(/\D/g, "") }));
      });
    } finally {
      busy(button, false);
    }
  };

  const drawVerify = () => {
    const status = record.verified_at
      ? t("verifiedBy", { date: formatDate(record.verified_at), who: record.verified_by || "?",
        method: record.verification_method ? code("verification_method", record.verification_method) : "?" })
      : t("notVerified");
    const methodSelect = h("select", { id: "verify-method" }, options("verification_method")
      .map(([value, label]) => h("option", { value }, label)));
    const note = h("textarea", { id: "verify-note", rows: 2 });
    const button = h("button", { type: "submit" }, t("verify"));
    fill(verifyPanel, h("h2", { id: "verify-title" }, t("verifyTitle")),
      h("p", { id: "verify-status" }, status),
      editable ? h("form", { class: "verify", onsubmit: async (event) => {
        event.preventDefault();
        busy(button, true);
        try {
          const result = await api(`/v1/admin/services/${enc(id)}/verify`, { method: "POST", etag,
            json: { method: methodSelect.value, note: note.value.trim() || null } });
          await handle(result, form, () => {
            verifyPanel.querySelector("#verify-status").focus();
            announce(t("verifiedNow"));
          });
        } finally {
          busy(button, false);
        }
      } },
      h("p", { class: "hint", id: "verify-hint" }, t("verifyHint")),
      h("div", { class: "field" }, h("label", { for: "verify-method" }, t("method")), methodSelect),
      h("div", { class: "field" }, h("label", { for: "verify-note" }, t("note")), note),
      button) : null);
    verifyPanel.querySelector("#verify-status").setAttribute("tabindex", "-1");
  };

  const drawArchive = () => {
    if (!editable) return fill(archivePanel);
    const archived = record.status === "archived";
    const button = h("button", { type: "button", class: archived ? null : "danger", onclick: async () => {
      if (!archived && !window.confirm(t("confirmArchive"))) return;
      busy(button, true);
      try {
        const result = await api(`/v1/admin/services/${enc(id)}/${archived ? "restore" : "archive"}`,
          { method: "POST", etag });
        await handle(result, form, () => message(archived ? t("restoredNow") : t("archivedNow")));
      } finally {
        busy(button, false);
      }
    } }, archived ? t("restore") : t("archive"));
    fill(archivePanel, h("h2", { id: "archive-title" }, t("archiveTitle")),
      h("p", {}, archived ? t("archivedNotice") : t("activeNotice")), button);
  };

  const drawAll = () => {
    const fresh = serviceForm(record, editable, save);
    if (suggestion && suggestion.status === "open" && editable) {
      fresh.querySelector("#save").textContent = t("acceptSave");
    }
    if (form) form.replaceWith(fresh);
    form = fresh;
    state.dirty = false;
    fill(messages);
    drawMeta();
    drawVerify();
    drawArchive();
  };

  drawAll();
  const title = t(editable ? "editTitle" : "viewTitle", { name: serviceName(record) });
  render(title,
    statusLine,
    editable ? null : h("p", { class: "notice readonly", id: "read-only" }, t("readOnlyNotice")),
    h("p", { class: "links" }, h("a", { href: `#/services/${enc(id)}/history` }, t("history")),
      h("a", { href: "#/services" }, t("backToList"))),
    suggestion ? suggestionBanner(suggestion) : null,
    messages, form, verifyPanel, archivePanel);
  main.querySelector("h1").id = "edit-title";
}

// --- Creating a service ---------------------------------------------------------------------

function createView(params) {
  // A coverage report's "add" link may name the place and the kind to fill.
  const record = { isNew: true, id: "", kind: params.get("kind") || "other", audiences: ["victim"],
    coverage: params.get("coverage") ? [params.get("coverage")] : null, phones: [], schedules: [],
    channels: [], source_urls: [] };
  const save = async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector("#save");
    busy(button, true);
    try {
      const draft = collect(form, { ...record });
      const result = await api("/v1/admin/services", { method: "POST", json: draft });
      if (result.status === 201) {
        state.dirty = false;
        state.editable.set(draft.id, true);
        state.notice = t("createdNow");
        location.hash = `#/services/${enc(draft.id)}`;
        return;
      }
      refused(form, result, { 409: t("exists") });
    } finally {
      busy(button, false);
    }
  };
  const form = serviceForm(record, true, save);
  form.querySelector("#save").textContent = t("create");
  render(t("createTitle"), h("p", { class: "links" }, h("a", { href: "#/services" }, t("backToList"))), form);
  main.querySelector("h1").id = "edit-title";
}

// --- Suggestions from the public ------------------------------------------------------------

async function findSuggestion(id) {
  const res = await api("/v1/admin/suggestions");
  return res.status === 200 ? res.data.contents.find((item) => item.id === id) || null : null;
}

function suggestionBanner(suggestion) {
  return h("section", { class: "panel suggestion", "aria-label": t("suggestionBanner", { n: suggestion.id }) },
    h("p", {}, h("strong", {}, t("suggestionBanner", { n: suggestion.id })), suggestion.message),
    suggestion.contact_email ? h("p", { class: "meta" }, t("suggestionFrom", { email: suggestion.contact_email })) : null);
}

async function suggestionsView(status) {
  const res = await api(`/v1/admin/suggestions?status=${enc(status)}`);
  if (res.status !== 200) return render(t("suggestionsTitle"), failure(res.status));
  const tabs = h("ul", { class: "tabs" }, ["open", "accepted", "rejected"].map((name) =>
    h("li", {}, name === status
      ? h("strong", { "aria-current": "page" }, t(`st_${name}`))
      : h("a", { href: `#/suggestions?status=${name}` }, t(`st_${name}`)))));
  const item = (s) => {
    const note = h("textarea", { id: `reject-${s.id}`, rows: 2 });
    const rejectButton = h("button", { type: "submit", class: "secondary" }, t("reject"));
    const decided = s.status !== "open"
      ? h("p", { class: "meta" }, t("suggestionDecided", { status: t(`st_${s.status}`),
        date: formatDate(s.decided_at), who: s.decided_by || "?" }), s.decision_note ? ` – ${s.decision_note}` : null)
      : null;
    return h("li", { class: "suggestion" },
      h("p", { class: "meta" }, t("suggestionOn", { date: formatDate(s.created_at) })),
      h("p", {}, s.service_id
        ? [t("suggestionAbout"), h("a", { href: `#/services/${enc(s.service_id)}` }, s.service_id)]
        : t("suggestionGeneral")),
      h("blockquote", {}, s.message),
      s.contact_email ? h("p", { class: "meta" }, t("suggestionFrom", { email: s.contact_email })) : null,
      decided,
      s.status === "open" ? h("div", { class: "actions" },
        s.service_id ? h("a", { class: "button", href: `#/services/${enc(s.service_id)}?suggestion=${s.id}` },
          t("correct")) : null,
        h("form", { class: "reject", onsubmit: async (event) => {
          event.preventDefault();
          busy(rejectButton, true);
          try {
            const result = await api(`/v1/admin/suggestions/${s.id}/reject`,
              { method: "POST", json: { note: note.value.trim() || null } });
            if (result.status === 200) {
              state.notice = t("rejectedNow");
              return route();
            }
            announce(result.status === 409 ? t("alreadyDecided") : t("unexpected", { status: result.status }));
          } finally {
            busy(rejectButton, false);
          }
        } },
        h("div", { class: "field" }, h("label", { for: `reject-${s.id}` }, t("rejectNote")), note),
        rejectButton)) : null);
  };
  render(t("suggestionsTitle"), h("p", {}, t("suggestionsIntro")), tabs,
    res.data.contents.length ? h("ul", { class: "suggestions" }, res.data.contents.map(item))
      : h("p", { role: "status" }, t("noSuggestions")));
}

// --- Coverage: where the editor's municipalities are thin -----------------------------------

async function coverageView() {
  const res = await api("/v1/admin/coverage");
  if (res.status !== 200) return render(t("coverageTitle"), failure(res.status));
  const rows = [...res.data.contents].sort((a, b) =>
    b.to_fill.length - a.to_fill.length || a.contacts_with_phone - b.contacts_with_phone);
  const name = (row) => (state.lang === "nl" ? row.municipality_nl : row.municipality_fr);
  const csvButton = h("button", { type: "button", class: "secondary", onclick: (event) =>
    download(event.currentTarget, "/v1/admin/coverage?format=csv", "passerelle-coverage.csv") }, t("coverageCsv"));
  const table = h("table", { class: "coverage" },
    h("caption", {}, t("coverageCaption")),
    h("thead", {}, h("tr", {}, ["colMunicipality", "colZone", "colContacts", "colPhone", "colStale", "colToFill"]
      .map((key) => h("th", { scope: "col" }, t(key))))),
    h("tbody", {}, rows.map((row) => h("tr", {},
      h("th", { scope: "row" }, h("a", { href: `#/services?place=${enc(name(row))}` }, name(row))),
      h("td", {}, row.police_zone || t("empty")),
      h("td", {}, String(row.contacts)),
      h("td", {}, String(row.contacts_with_phone)),
      h("td", {}, String(row.stale)),
      h("td", {}, row.to_fill.length
        ? h("ul", { class: "plain" }, row.to_fill.map((kind) => h("li", {},
          h("a", { href: `#/services/new?kind=${enc(kind)}&coverage=${enc(name(row))}` },
            t("fillHere", { kind: code("kind", kind) })))))
        : t("nothingToFill"))))));
  render(t("coverageTitle"), h("p", {}, t("coverageIntro")), h("div", { class: "actions" }, csvButton), table);
}

// --- History and revert ---------------------------------------------------------------------

async function historyView(id) {
  const [current, history] = await Promise.all([
    api(`/v1/admin/services/${enc(id)}`),
    api(`/v1/admin/services/${enc(id)}/history`),
  ]);
  if (current.status === 404) return editView(id);
  if (current.status !== 200 || history.status !== 200) return render(t("notFound"), failure(current.status));
  const editable = await mayEdit(id);
  const changes = history.data.contents;
  // A version comes back as a new change: the API's revert for a version a change produced, or
  // a plain save of the oldest change's `before` (seeded services have no "create" change).
  const restore = (target, request) => h("button", { type: "button", class: "secondary",
    onclick: async (event) => {
      if (!window.confirm(t("confirmRevert", { n: target }))) return;
      busy(event.currentTarget, true);
      const result = await request();
      state.notice = result.status === 200
        ? t("reverted", { old: target, n: result.data.revision })
        : result.status === 412 ? t("staleHistory") : t("unexpected", { status: result.status });
      await historyView(id);
    } }, t("revert", { n: target }));
  const items = changes.map((change, i) => {
    const fields = change.changed_fields;
    const action = TEXTS[`a_${change.action}`] ? t(`a_${change.action}`) : change.action;
    const oldest = i === changes.length - 1;
    const revert = !editable ? [] : [
      i > 0 && change.after && restore(change.revision, () => api(`/v1/admin/services/${enc(id)}/revert`,
        { method: "POST", json: { change_id: change.id }, etag: current.etag })),
      oldest && change.before && change.revision > 1 && restore(change.revision - 1, () =>
        api(`/v1/admin/services/${enc(id)}`, { method: "PUT", json: change.before, etag: current.etag })),
    ].filter(Boolean);
    return h("li", { class: "change" },
      h("h2", {}, t("changeTitle", { n: change.revision, action })),
      h("p", { class: "meta" }, t("changeMeta", { date: formatDate(change.at), actor: change.actor }),
        change.note ? ` · ${change.note}` : ""),
      change.before ? h("p", {}, t("changedFields", { fields: fields.map(fieldName).join(", ") })) : null,
      change.before && change.after
        ? changesTable(t("valuesCaption", { n: change.revision }), fields, change.before, change.after,
          [t("colBefore"), t("colAfter")])
        : null,
      revert.length ? h("div", { class: "actions" }, revert) : null);
  });
  render(t("historyTitle", { name: serviceName(current.data.record) }),
    h("p", { class: "links" }, h("a", { href: `#/services/${enc(id)}` }, t("backToService"))),
    changes.length ? h("ol", { class: "history", reversed: true }, items) : h("p", {}, t("historyEmpty")));
}

// --- Import and export ----------------------------------------------------------------------

const FORMAT_TYPES = { csv: "text/csv", ndjson: "application/x-ndjson", hsds: "application/json" };

// Where a problem is: a CSV column ("phones"), with the record's field when it says more.
function column(format, field) {
  if (format !== "csv" || !field.includes(".")) return field;
  const [first, second] = field.split(".");
  const name = first === "address" ? (second === "confidential" ? "address_confidential" : second) : first;
  return [name, h("span", { class: "id" }, field)];
}

function exchangeView() {
  const fileInput = h("input", { type: "file", id: "import-file", accept: ".csv,.json,.ndjson,.jsonl" });
  const format = h("select", { id: "import-format" },
    ["csv", "ndjson", "hsds"].map((name) => h("option", { value: name }, t(`f_${name}`))));
  const report = h("div", { id: "import-report" });
  const run = h("button", { type: "submit" }, t("dryRun"));
  fileInput.addEventListener("change", () => {
    fill(report);
    const name = fileInput.files[0]?.name.toLowerCase() || "";
    if (name.endsWith(".csv")) format.value = "csv";
    else if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) format.value = "ndjson";
    else if (name.endsWith(".json")) format.value = "hsds";
  });
  format.addEventListener("change", () => fill(report));

  const send = async (apply) => {
    const file = fileInput.files[0];
    const res = await api(`/v1/admin/import?format=${format.value}&apply=${apply}`,
      { method: "POST", file, type: FORMAT_TYPES[format.value] });
    if (res.status === 413) return showReport(null, t("tooLarge"));
    if (res.status !== 200 && !(res.status === 422 && res.data?.problems)) {
      return showReport(null, t("unexpected", { status: res.status }));
    }
    showReport(res.data);
  };

  const showReport = (data, error) => {
    if (!data) {
      fill(report, h("p", { class: "error", role: "alert", tabindex: "-1" }, error));
      return report.firstChild.focus();
    }
    const problems = data.problems;
    const heading = h("h3", { tabindex: "-1" }, data.applied ? t("appliedTitle") : t("dryRunTitle"));
    const ids = (key, label) => data[key].length
      ? h("li", {}, t(label, { n: data[key].length }), h("span", { class: "id" }, ` (${data[key].join(", ")})`))
      : h("li", {}, t(label, { n: 0 }));
    const applyButton = h("button", { type: "button", onclick: async () => {
      busy(applyButton, true);
      await send(true);
    } }, t("apply"));
    const undoButton = h("button", { type: "button", class: "secondary", onclick: async () => {
      busy(undoButton, true);
      const res = await api(`/v1/admin/import/${enc(data.batch_id)}/revert`, { method: "POST" });
      undoButton.replaceWith(h("p", { class: "notice", role: "status" },
        res.status === 200
          ? t("undone", { n: res.data.reverted.length })
          : t("unexpected", { status: res.status })));
    } }, t("undoImport"));
    const toChange = data.created.length + data.updated.length;
    fill(report, heading,
      h("p", {}, t("rows", { rows: data.rows, valid: data.valid })),
      problems.length ? [
        h("p", { class: "error" }, t("problems", { n: problems.length })),
        h("table", { class: "problems" },
          h("caption", {}, t("problemsCaption")),
          h("thead", {}, h("tr", {}, [t("colRow"), t("colId"), t("colColumn"), t("colProblem")]
            .map((label) => h("th", { scope: "col" }, label)))),
          h("tbody", {}, problems.map((p) => h("tr", {},
            h("td", {}, p.row), h("td", {}, p.id || t("empty")), h("td", {}, column(data.format, p.field)),
            h("td", { lang: "en" }, p.reason))))),
      ] : null,
      h("ul", {}, data.applied
        ? [ids("created", "created"), ids("updated", "updated"), ids("unchanged", "unchangedCount")]
        : [ids("created", "toCreate"), ids("updated", "toUpdate"), ids("unchanged", "unchangedCount")]),
      data.applied ? [h("p", { class: "notice" }, t("appliedText", { batch: data.batch_id })), undoButton]
        : !problems.length ? (toChange ? applyButton : h("p", {}, t("nothingToDo"))) : null);
    heading.focus();
  };

  const importForm = h("form", { class: "import", novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    if (!fileInput.files.length) {
      fileInput.setAttribute("aria-invalid", "true");
      return showReport(null, t("chooseFile"));
    }
    fileInput.removeAttribute("aria-invalid");
    busy(run, true);
    try {
      await send(false);
    } finally {
      busy(run, false);
    }
  } },
  h("div", { class: "field" }, h("label", { for: "import-file" }, t("file")), fileInput),
  h("div", { class: "field" }, h("label", { for: "import-format" }, t("format")), format),
  run);

  const exportButtons = ["csv", "ndjson", "hsds"].map((name) => h("button", { type: "button", class: "secondary",
    onclick: (event) => download(event.currentTarget, `/v1/admin/export?format=${name}`,
      `passerelle-services.${name}`) }, t("exportAs", { format: t(`f_${name}`) })));

  render(t("navExchange"),
    h("section", { "aria-labelledby": "import-title" }, h("h2", { id: "import-title" }, t("importTitle")),
      h("p", {}, t("importIntro")), importForm, report),
    h("section", { "aria-labelledby": "export-title" }, h("h2", { id: "export-title" }, t("exportTitle")),
      h("p", {}, t("exportIntro")), h("div", { class: "actions" }, exportButtons)));
}

// --- Routing --------------------------------------------------------------------------------

async function route() {
  const raw = location.hash.replace(/^#/, "");
  if (raw && !raw.startsWith("/")) return; // an in-page anchor, not a view
  state.shown = location.hash || "#/services";
  main.setAttribute("aria-busy", "true");
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (!state.token) return loginView();
    if (!state.me) {
      const me = await api("/v1/admin/me");
      if (me.status !== 200) return render(t("app"), failure(me.status));
      state.me = me.data;
    }
    const params = new URLSearchParams(query || "");
    if (parts[0] === "services" && parts.length === 1) return await listView(params);
    if (parts[0] === "services" && parts[1] === "new") return createView(params);
    if (parts[0] === "services" && parts[2] === "history") return await historyView(parts[1]);
    if (parts[0] === "services" && parts[1]) return await editView(parts[1], params.get("suggestion"));
    if (parts[0] === "suggestions") return await suggestionsView(params.get("status") || "open");
    if (parts[0] === "coverage") return await coverageView();
    if (parts[0] === "exchange") return exchangeView();
    location.replace("#/services");
  } catch (error) {
    if (error instanceof Expired) return loginView();
    render(t("app"), failure(0));
  }
}

// Leaving a form with unsaved changes asks first (the browser itself asks on reload or close).
function mayLeave() {
  if (!state.dirty) return true;
  if (!window.confirm(t("leave"))) return false;
  state.dirty = false;
  return true;
}

window.addEventListener("hashchange", () => {
  if (location.hash && !location.hash.startsWith("#/")) return;
  if (!mayLeave()) return history.replaceState(null, "", state.shown);
  route();
});
window.addEventListener("beforeunload", (event) => {
  if (state.dirty) event.preventDefault();
});
fill(main, h("p", { role: "status" }, t("loading")));
route();
