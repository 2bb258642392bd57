"""Human labels of the vocabularies, per language. Used for display and indexed for search."""

from __future__ import annotations

from directory.vocab import Audience, Channel, Kind, Lang, ViolenceType

Labels = dict[str, dict[Lang, str]]


def _l(fr: str, nl: str, en: str, de: str | None = None) -> dict[Lang, str]:
    labels = {Lang.FR: fr, Lang.NL: nl, Lang.EN: en}
    if de:
        labels[Lang.DE] = de
    return labels


KIND: Labels = {
    Kind.EMERGENCY: _l("Numéro d'urgence", "Noodnummer", "Emergency number", "Notruf"),
    Kind.HELPLINE: _l("Ligne d'écoute", "Hulplijn", "Helpline", "Hilfetelefon"),
    Kind.SOCIAL_WORK_CENTRE: _l(
        "Centre d'aide sociale (CAW, CASG)",
        "Centrum Algemeen Welzijnswerk (CAW)",
        "Social work centre",
    ),
    Kind.FAMILY_JUSTICE_CENTRE: _l(
        "Family Justice Centre / Maison de sécurité",
        "Veilig Huis / Family Justice Center",
        "Family justice centre",
    ),
    Kind.SEXUAL_VIOLENCE_CENTRE: _l(
        "Centre de prise en charge des violences sexuelles (CPVS)",
        "Zorgcentrum na seksueel geweld (ZSG)",
        "Sexual violence care centre",
    ),
    Kind.VICTIM_SUPPORT: _l("Aide aux victimes", "Slachtofferhulp", "Victim support", "Opferhilfe"),
    Kind.POLICE: _l("Police", "Politie", "Police", "Polizei"),
    Kind.SHELTER: _l("Hébergement, maison d'accueil", "Opvang, vluchthuis", "Shelter"),
    Kind.LEGAL_AID: _l("Aide juridique", "Juridische bijstand", "Legal aid", "Rechtshilfe"),
    Kind.JUSTICE_HOUSE: _l("Maison de justice", "Justitiehuis", "Justice house"),
    Kind.CHILD_FAMILY_SERVICE: _l(
        "Maison de l'enfant, soutien aux familles", "Huis van het Kind", "Child and family service"
    ),
    Kind.PUBLIC_WELFARE_CENTRE: _l(
        "CPAS (aide sociale de la commune)",
        "OCMW / Sociaal Huis",
        "Public social welfare centre (CPAS/OCMW)",
        "ÖSHZ (Sozialhilfezentrum)",
    ),
    Kind.ELDER_ABUSE_SERVICE: _l(
        "Maltraitance des personnes âgées",
        "Ouderenmis(be)handeling",
        "Elder abuse service",
    ),
    Kind.PERPETRATOR_PROGRAMME: _l(
        "Accompagnement des auteurs", "Hulp voor plegers", "Perpetrator programme"
    ),
    Kind.OTHER: _l("Autre service", "Andere dienst", "Other service"),
}

AUDIENCE: Labels = {
    Audience.VICTIM: _l("Victimes", "Slachtoffers", "Victims"),
    Audience.WITNESS: _l("Témoins, proches", "Getuigen, omstaanders", "Witnesses, relatives"),
    Audience.CHILD: _l("Enfants", "Kinderen", "Children"),
    Audience.YOUNG_PERSON: _l("Jeunes", "Jongeren", "Young people"),
    Audience.ELDERLY: _l("Personnes âgées", "Ouderen", "Older people"),
    Audience.PERPETRATOR: _l(
        "Auteurs de violence", "Plegers van geweld", "People who use violence"
    ),
    Audience.PROFESSIONAL: _l("Professionnels", "Professionals", "Professionals"),
    Audience.PARENT: _l("Parents", "Ouders", "Parents"),
}

VIOLENCE_TYPE: Labels = {
    ViolenceType.ANY: _l(
        "Toute forme de violence intrafamiliale",
        "Elke vorm van intrafamiliaal geweld",
        "Any intrafamily violence",
    ),
    ViolenceType.PARTNER: _l(
        "Violence conjugale, entre partenaires", "Partnergeweld", "Partner violence"
    ),
    ViolenceType.CHILD_ABUSE: _l("Maltraitance d'enfants", "Kindermishandeling", "Child abuse"),
    ViolenceType.ELDER_ABUSE: _l("Maltraitance des aînés", "Ouderenmishandeling", "Elder abuse"),
    ViolenceType.SEXUAL: _l("Violence sexuelle", "Seksueel geweld", "Sexual violence"),
    ViolenceType.SIBLING: _l(
        "Violence entre frères et sœurs", "Geweld tussen broers en zussen", "Sibling violence"
    ),
    ViolenceType.HONOUR_RELATED: _l(
        "Violence liée à l'honneur, mariage forcé",
        "Eergerelateerd geweld, gedwongen huwelijk",
        "Honour-related violence",
    ),
}

CHANNEL: Labels = {
    Channel.PHONE: _l("Téléphone", "Telefoon", "Phone"),
    Channel.CHAT: _l("Chat", "Chat", "Chat"),
    Channel.EMAIL: _l("E-mail", "E-mail", "E-mail"),
    Channel.IN_PERSON: _l("Sur place", "Ter plaatse", "In person"),
    Channel.FORUM: _l("Forum", "Forum", "Forum"),
    Channel.ONLINE_FORM: _l("Formulaire en ligne", "Onlineformulier", "Online form"),
}


def label(labels: Labels, code: str, lang: Lang) -> str:
    texts = labels.get(code, {})
    return texts.get(lang) or texts.get(Lang.FR) or code
