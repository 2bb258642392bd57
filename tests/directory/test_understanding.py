"""Table-driven tests for the assistant's free-text understanding (directory/understanding.py).

The emergency net must catch what people type when they are in danger, in French and Dutch,
with typos, slang and no accents; it may over-fire but must not miss. Ordinary answers to the
questions of the conversation design (B.2) must not fire it. Timing is measured in the report,
not asserted here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from _pytest.mark.structures import ParameterSet

from directory.places import PlaceResolver, Status
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Who
from directory.understanding import (
    DANGER_PATTERNS,
    EMERGENCY_PATTERNS,
    SUICIDE_PATTERNS,
    Alarm,
    Extraction,
    detect_language,
    emergency,
    extract,
    find_place,
    normalize,
)
from directory.vocab import Lang


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode() or "<empty>"


# -- emergency ----------------------------------------------------------------------------------

DANGER = "danger"
SUICIDE = "suicide"

EMERGENCY_POSITIVES = [
    # French, from the design (B.4) and around it
    ("il est là", DANGER),
    ("Il est la !", DANGER),
    ("il est là, j'ai peur", DANGER),
    ("il est ici", DANGER),
    ("il est devant la porte", DANGER),
    ("il essaie d'entrer", DANGER),
    ("il défonce la porte", DANGER),
    ("il me frappe", DANGER),
    ("IL ME FRAPPE", DANGER),
    ("il me frape", DANGER),
    ("il me tappe", DANGER),
    ("ils me battent", DANGER),
    ("il me frappe", DANGER),
    ("mijn man slaat mij", DANGER),
    ("il me frappe, vite", DANGER),
    ("hij slaat me soms maar nu is het erger, help", DANGER),
    ("mon homme me cogne", DANGER),
    ("il est en train de me frapper", DANGER),
    ("il frappe mes enfants", DANGER),
    ("couteau", DANGER),
    ("il a un couteau", DANGER),
    ("il a un couto", DANGER),
    ("il me menace avec un couteau", DANGER),
    ("il a un flingue", DANGER),
    ("il va me tuer", DANGER),
    ("il veut me tuer", DANGER),
    ("il va nous tuer", DANGER),
    ("il va me buter", DANGER),
    ("j'ai peur qu'il me tue", DANGER),
    ("il m'étrangle", DANGER),
    ("il metrangle", DANGER),
    ("aidez moi vite", DANGER),
    ("aidez-moi !", DANGER),
    ("au secours", DANGER),
    ("ausecour", DANGER),
    ("secouuuurs", DANGER),
    ("à l'aide", DANGER),
    ("SOS", DANGER),
    ("appelez la police", DANGER),
    ("c'est urgent", DANGER),
    ("je suis en danger", DANGER),
    ("Je suis en danger maintenant", DANGER),
    ("je saigne", DANGER),
    ("il m'a enfermée", DANGER),
    ("je me fais frapper", DANGER),
    # Dutch, from the design and around it
    ("hij slaat me nu", DANGER),
    ("hij slaat me", DANGER),
    ("Hij slaat mij", DANGER),
    ("hy slaat mij", DANGER),
    ("ze slaan me", DANGER),
    ("mn man slaat me", DANGER),
    ("godverdomme hij slaat me", DANGER),
    ("mijne vent klopt mij", DANGER),
    ("hij slaat de kinderen", DANGER),
    ("hij is me aan het slaan", DANGER),
    ("ik word geslagen", DANGER),
    ("hij doet me pijn", DANGER),
    ("mes", DANGER),
    ("Mes", DANGER),
    ("hij heeft een mes", DANGER),
    ("met een mes", DANGER),
    ("mes op mijn keel", DANGER),
    ("hij heeft een pistool", DANGER),
    ("hij gaat me vermoorden", DANGER),
    ("hij gaat mij vermoorden", DANGER),
    ("hij wil me dood", DANGER),
    ("ik ben bang dat hij me vermoordt", DANGER),
    ("hij vermoordt me", DANGER),
    ("hij wurgt me", DANGER),
    ("hij staat aan de deur", DANGER),
    ("hij komt eraan", DANGER),
    ("hij is hier", DANGER),
    ("help snel", DANGER),
    ("heeeelp", DANGER),
    ("bel de politie", DANGER),
    ("Ik ben nu in gevaar", DANGER),
    ("ik bloed", DANGER),
    ("ik ben opgesloten", DANGER),
    # code-switching
    ("mon mari slaat me", DANGER),
    ("mama doet raar en slaat ons", DANGER),
    ("il me poursuit", DANGER),
    ("il me serre le cou", DANGER),
    ("jsuis en danger", DANGER),
    ("kzit in gevaar", DANGER),
    ("il casse tout", DANGER),
    ("hij gaat de kinderen iets aandoen", DANGER),
    ("hij heeft un couteau", DANGER),
    # suicide, both languages
    ("je veux mourir", SUICIDE),
    ("je vais me suicider", SUICIDE),
    ("jveux mourir", SUICIDE),
    ("j'ai envie de mourir", SUICIDE),
    ("je veux en finir", SUICIDE),
    ("je ne veux plus vivre", SUICIDE),
    ("ik wil dood", SUICIDE),
    ("ik wil niet meer leven", SUICIDE),
    ("ik wil er niet meer zijn", SUICIDE),
    ("ik zie het niet meer zitten", SUICIDE),
    ("zelfmoord", SUICIDE),
    ("ik wil mezelf van kant maken", SUICIDE),
    ("kwil dood", SUICIDE),
    ("envie d'en finir", SUICIDE),
]

EMERGENCY_NEGATIVES = [
    # past or ordinary descriptions
    "mon mari me criait dessus l'an dernier",
    "il m'insulte",
    "il me rabaisse tout le temps",
    "il m'a frappée il y a deux ans",
    "il a menacé de me tuer",
    "il me tape sur les nerfs",
    "je me bats pour mes enfants",
    "il est la cause de tout",
    "elle est la mère de mes enfants",
    "ça me fait mal au coeur",
    "hij scheldt me uit",
    "hij sloeg me vroeger",
    "hij heeft me vorig jaar verkracht",
    "hij heeft gedreigd me te vermoorden",
    "mijn vent is jaloers",
    "hij pakt mijn gsm af",
    "er klopt iets niet",
    "het doet me pijn dat te zeggen",
    "godverdomme",
    "non il n'est pas là",
    "nee hij is er niet",
    "il me manque",
    "ik ben veilig",
    "je suis en sécurité",
    "ma mère me frappait quand j'étais petite",
    # answers to Q1–Q6 (B.2)
    "Oui, je peux continuer",
    "non je ne suis pas en danger",
    "mes enfants ne sont pas en danger",
    "Quelqu'un pourrait voir mon écran",
    "Ja, ik kan verder",
    "ik ben niet in gevaar",
    "Iemand kan op mijn scherm meekijken",
    "Pour moi",
    "Pour un enfant",
    "Pour une personne âgée",
    "Je m'inquiète de mon propre comportement",
    "Je suis professionnel·le",
    "je suis assistante sociale",
    "Voor mezelf",
    "Voor een kind",
    "Ik maak me zorgen over mijn eigen gedrag",
    "Ik ben een professional",
    "ik ben leerkracht",
    "mon mari",
    "ma meuf",
    "mes parents",
    "ma mère de 82 ans, mon frère lui prend son argent",
    "On crie, on insulte ou on rabaisse",
    "On pousse, on frappe ou on fait mal",
    "Roepen, uitschelden of kleineren",
    "Duwen, slaan of pijn doen",
    "Je ne sais pas bien, quelque chose ne va pas",
    "Ik weet het niet goed, er klopt iets niet",
    "Il y a plus d'un mois",
    "Tussen 3 dagen en 1 maand geleden",
    "Rien de tout cela",
    "Niets van dit alles",
    "Séparation récente ou prévue",
    "C'est plus fréquent ou plus grave ces derniers temps",
    "Je denkt dat hij/zij je zou kunnen doden",
    "Connaître mes droits ou porter plainte",
    "mes droits",
    "Un endroit sûr pour dormir",
    "hébergement d'urgence",
    "Parler à quelqu'un, de façon anonyme",
    "De l'aide pour arrêter la violence (la mienne)",
    "Du soutien pour l'éducation de mes enfants",
    "SOS Enfants",
    "aidez-moi à trouver un service",
    "j'ai besoin d'aide",
    "Mijn rechten kennen of klacht indienen",
    "Een veilige plek om te slapen",
    "Hulp om met (mijn) geweld te stoppen",
    "ik wil stoppen met slaan",
    "Steun bij de opvoeding van mijn kinderen",
    "kan je me helpen een dienst te vinden",
    "ik heb hulp nodig",
    "je ne sais pas",
    "ik weet het niet",
    "je préfère ne pas répondre",
    "zeg ik liever niet",
    "ik ben 14",
    "zonder papieren",
    "we gaan scheiden",
    "j'habite à Liège",
    # Hitting described as habitual or with the context of a referral is a situation for the
    # questions (the issue's own example), not danger now.
    "mon mari me frappe, j'habite à Liège",
    "mon mari me frappe depuis des mois",
    "mijn man slaat me soms als hij gedronken heeft",
    "ik woon in Borgerhout",
    "4000",
    "bonjour",
    "merci",
    "ok",
]


@pytest.mark.parametrize(("text", "kind"), EMERGENCY_POSITIVES, ids=lambda v: _ascii(str(v)))
def test_emergency_fires(text: str, kind: str) -> None:
    alarm = emergency(text)
    assert alarm is not None, text
    assert alarm.kind == kind, text


@pytest.mark.parametrize("text", EMERGENCY_NEGATIVES, ids=_ascii)
def test_emergency_stays_quiet_on_ordinary_answers(text: str) -> None:
    assert emergency(text) is None


def test_emergency_tables_are_large_enough() -> None:
    assert len(EMERGENCY_POSITIVES) >= 60
    assert len(EMERGENCY_NEGATIVES) >= 40


def test_danger_and_suicide_together_keep_both() -> None:
    assert emergency("il va me tuer, je veux mourir") == Alarm("danger", suicidal=True)
    assert emergency("je veux mourir") == Alarm("suicide", suicidal=True)
    assert emergency("il me frappe") == Alarm("danger", suicidal=False)


@pytest.mark.parametrize("pattern", EMERGENCY_PATTERNS)
def test_patterns_work_with_plain_python_re(pattern: str) -> None:
    """Exportable to Rasa's RegexFeaturizer: compiles alone, no inline flags."""
    re.compile(pattern)
    assert not re.search(r"\(\?[aiLmsux-]+[:)]", pattern), pattern
    assert "\n" not in pattern


def test_exported_patterns_catch_the_positives_on_folded_text() -> None:
    """What Rasa sees (lower case, accents folded) is matched by the exported strings."""
    compiled = [re.compile(p) for p in EMERGENCY_PATTERNS]
    for text, _kind in EMERGENCY_POSITIVES:
        folded = normalize(text)
        if folded in ("secouuuurs", "heeeelp"):
            continue  # stretched letters are squeezed by emergency() itself
        assert any(p.search(folded) for p in compiled), text
    assert set(EMERGENCY_PATTERNS) == set(DANGER_PATTERNS) | set(SUICIDE_PATTERNS)


# -- language -----------------------------------------------------------------------------------

LANGUAGES = [
    ("mijn man slaat mij", Lang.NL),
    ("bonjour", Lang.FR),
    ("hallo", Lang.NL),
    ("Liège", None),
    ("ok", None),
    ("4000", None),
    ("Sint-Niklaas", None),
    ("La Louvière", None),
    ("De Panne", None),
    ("hier", None),
    ("Pour moi", Lang.FR),
    ("Voor mezelf", Lang.NL),
    ("j'habite à Liège", Lang.FR),
    ("ik woon in Gent", Lang.NL),
    ("je sais pas", Lang.FR),
    ("geen idee", Lang.NL),
    ("liever niet", Lang.NL),
    ("oui", Lang.FR),
    ("nee", Lang.NL),
    ("Ik ben nu in gevaar", Lang.NL),
    ("Je suis en danger maintenant", Lang.FR),
    ("mn man slaat me", Lang.NL),
    ("Ik heb schrik van mijne vent", Lang.NL),
    ("godverdomme", Lang.NL),
    ("jsp", Lang.FR),
    ("mijne ex blijft me stalken", Lang.NL),
    # code-switching: the sentence's frame decides
    ("mon mari slaat me", Lang.FR),
    ("ik heb peur van hem", Lang.NL),
    ("mon mari est trop jaloers", Lang.FR),
    ("mijn man me frappe tout le temps", Lang.FR),
    ("hij zegt que je suis nulle", Lang.FR),
    ("ok merci", Lang.FR),
    ("ik woon in Liège", Lang.NL),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGES, ids=lambda v: _ascii(str(v)))
def test_detect_language(text: str, expected: Lang | None) -> None:
    assert detect_language(text) is expected


# -- extract ------------------------------------------------------------------------------------

ME, CHILD, OLDER, ADULT = Who.ME, Who.CHILD, Who.OLDER_PERSON, Who.ADULT_AROUND_ME
OWN, PRO = Who.OWN_BEHAVIOUR, Who.PROFESSIONAL
PARTNER, PARENT, KID, SIBLING = (
    Relationship.PARTNER,
    Relationship.PARENT,
    Relationship.CHILD,
    Relationship.SIBLING,
)
SEVERAL, HOUSEHOLD = Relationship.SEVERAL_FAMILY, Relationship.HOUSEHOLD_OTHER
SHOUTING, THREATS, CONTROL, PHYSICAL = (
    Happening.SHOUTING,
    Happening.THREATS,
    Happening.CONTROL,
    Happening.PHYSICAL,
)
SEXUAL, NEGLECT, HONOUR, UNSURE = (
    Happening.SEXUAL,
    Happening.NEGLECT,
    Happening.HONOUR,
    Happening.UNSURE,
)


def x(text: str, **expected: Any) -> ParameterSet:
    """One row: every field not named must keep its empty default."""
    sets = {
        k: frozenset(v) for k, v in expected.items() if k in ("happening", "red_flags", "needs")
    }
    return pytest.param(text, Extraction(**{**expected, **sets}), id=_ascii(text))


EXTRACTIONS = [
    # the examples of the brief
    x("mon mari me frappe, j'habite à Liège", who=ME, relationship=PARTNER, happening={PHYSICAL}),
    x(
        "mon fils de 8 ans est frappé par son père",
        who=CHILD,
        relationship=PARENT,
        happening={PHYSICAL},
    ),
    x(
        "ma mère de 82 ans, mon frère lui prend son argent",
        who=OLDER,
        relationship=KID,
        happening={CONTROL},
    ),
    x(
        "je crie sur ma femme et j'ai peur de la frapper",
        who=OWN,
        relationship=PARTNER,
        happening={SHOUTING},
    ),
    x("je suis assistante sociale", who=PRO),
    x("ik ben leerkracht", who=PRO),
    x("ma voisine se fait battre", who=ADULT, happening={PHYSICAL}),
    x("il m'a violée il y a deux jours", who=ME, happening={SEXUAL}, recency=Recency.UNDER_3_DAYS),
    x(
        "hij heeft me vorig jaar verkracht",
        who=ME,
        happening={SEXUAL},
        recency=Recency.OVER_1_MONTH,
    ),
    x("il a menacé de me tuer", who=ME, happening={THREATS}, red_flags={RedFlag.THREAT_TO_KILL}),
    x("hij kneep mijn keel dicht", who=ME, happening={PHYSICAL}, red_flags={RedFlag.STRANGULATION}),
    x("il a un fusil", red_flags={RedFlag.WEAPON}),
    x("we gaan scheiden", red_flags={RedFlag.SEPARATION}),
    x("un endroit pour dormir", needs={Need.SAFE_PLACE}),
    x("ik wil een klacht indienen", needs={Need.RIGHTS}),
    x("ik wil stoppen met slaan", who=OWN, happening={PHYSICAL}, needs={Need.STOP_VIOLENCE}),
    x("je sais pas", dont_know=True),
    x("geen idee", dont_know=True),
    x("je préfère ne pas répondre", rather_not_say=True),
    x("zeg ik liever niet", rather_not_say=True),
    x("liever niet", rather_not_say=True),
    x("ik ben 14", user_is_child=True),
    x("j'ai 13 ans", user_is_child=True),
    x("mijn papa slaat mij", who=ME, relationship=PARENT, happening={PHYSICAL}, user_is_child=True),
    x("je n'ai pas de papiers", undocumented=True),
    x("zonder papieren", undocumented=True),
    x("mariage forcé", happening={HONOUR}),
    x("ze willen me uithuwelijken", who=ME, happening={HONOUR}),
    x("l'honneur de la famille", happening={HONOUR}),
    x(
        "mes parents et mon oncle veulent me marier de force",
        who=ME,
        relationship=SEVERAL,
        happening={HONOUR},
        user_is_child=True,
    ),
    x(
        "mijn vader en mijn broers willen dat ik trouw met mijn neef",
        who=ME,
        relationship=SEVERAL,
        happening={HONOUR},
    ),
    # button answers (B.2)
    x("Pour moi", who=ME),
    x("Voor mezelf", who=ME),
    x("Pour un enfant", who=CHILD),
    x("Voor een kind", who=CHILD),
    x("Pour une personne âgée", who=OLDER),
    x("Voor een oudere persoon", who=OLDER),
    x("Pour un·e adulte de mon entourage", who=ADULT),
    x("Voor een volwassene in mijn omgeving", who=ADULT),
    x("Je m'inquiète de mon propre comportement", who=OWN),
    x("Ik maak me zorgen over mijn eigen gedrag", who=OWN),
    x("Je suis professionnel·le", who=PRO),
    x("Ik ben een professional", who=PRO),
    x("Partenaire ou ex-partenaire", relationship=PARTNER),
    x("(Ex-)partner", relationship=PARTNER),
    x("Un parent ou beau-parent", relationship=PARENT),
    x("Ouder of plusouder", relationship=PARENT),
    x("Un enfant ou petit-enfant", relationship=KID),
    x("(Klein)kind", relationship=KID),
    x("Un frère ou une sœur", relationship=SIBLING),
    x("Broer of zus", relationship=SIBLING),
    x("Plusieurs membres de la famille", relationship=SEVERAL),
    x("Meerdere familieleden", relationship=SEVERAL),
    x("Une autre personne de la maison", relationship=HOUSEHOLD),
    x("Iemand anders in huis", relationship=HOUSEHOLD),
    x("Je ne sais pas", dont_know=True),
    x("Weet ik niet", dont_know=True),
    x("On crie, on insulte ou on rabaisse", happening={SHOUTING}),
    x("Il y a des menaces, j'ai peur", happening={THREATS}),
    x("On contrôle l'argent, le téléphone ou les sorties", happening={CONTROL}),
    x("On pousse, on frappe ou on fait mal", happening={PHYSICAL}),
    x("On oblige à des gestes sexuels", happening={SEXUAL}),
    x("On néglige les soins ou la nourriture", happening={NEGLECT}),
    x("On parle de mariage forcé ou d'« honneur » de la famille", happening={HONOUR}),
    x("Je ne sais pas bien, quelque chose ne va pas", happening={UNSURE}),
    x("Roepen, uitschelden of kleineren", happening={SHOUTING}),
    x("Dreigen, ik ben bang", happening={THREATS}),
    x("Controle over geld, gsm of wie je ziet", happening={CONTROL}),
    x("Duwen, slaan of pijn doen", happening={PHYSICAL}),
    x("Dwingen tot seksuele handelingen", happening={SEXUAL}),
    x("Verwaarlozen (zorg, eten)", happening={NEGLECT}),
    x("Er is sprake van een gedwongen huwelijk of 'familie-eer'", happening={HONOUR}),
    x("Ik weet het niet goed, er klopt iets niet", happening={UNSURE}),
    x("Il y a moins de 3 jours", recency=Recency.UNDER_3_DAYS),
    x("Entre 3 jours et 1 mois", recency=Recency.UNDER_1_MONTH),
    x("Il y a plus d'un mois", recency=Recency.OVER_1_MONTH),
    x("Minder dan 3 dagen geleden", recency=Recency.UNDER_3_DAYS),
    x("Tussen 3 dagen en 1 maand geleden", recency=Recency.UNDER_1_MONTH),
    x("Meer dan een maand geleden", recency=Recency.OVER_1_MONTH),
    x(
        "Menaces de tuer (vous, les enfants ou lui/elle-même)",
        happening={THREATS},
        red_flags={RedFlag.THREAT_TO_KILL},
    ),
    x("Serrer le cou, étrangler", happening={PHYSICAL}, red_flags={RedFlag.STRANGULATION}),
    x("Une arme a été utilisée ou montrée", red_flags={RedFlag.WEAPON}),
    x("C'est plus fréquent ou plus grave ces derniers temps", red_flags={RedFlag.ESCALATION}),
    x("Séparation récente ou prévue", red_flags={RedFlag.SEPARATION}),
    x("Vous pensez qu'il/elle pourrait vous tuer", red_flags={RedFlag.FEAR_OF_DEATH}),
    x("Rien de tout cela", red_flags={RedFlag.NONE}),
    x(
        "Dreigen te doden (jou, de kinderen of zichzelf)",
        happening={THREATS},
        red_flags={RedFlag.THREAT_TO_KILL},
    ),
    x("Keel dichtknijpen, wurgen", happening={PHYSICAL}, red_flags={RedFlag.STRANGULATION}),
    x("Er werd een wapen gebruikt of getoond", red_flags={RedFlag.WEAPON}),
    x("Het gebeurt de laatste tijd vaker of erger", red_flags={RedFlag.ESCALATION}),
    x("Recente of geplande scheiding", red_flags={RedFlag.SEPARATION}),
    x("Je denkt dat hij/zij je zou kunnen doden", red_flags={RedFlag.FEAR_OF_DEATH}),
    x("Niets van dit alles", red_flags={RedFlag.NONE}),
    x("Parler à quelqu'un, de façon anonyme", needs={Need.TALK}),
    x("Connaître mes droits ou porter plainte", needs={Need.RIGHTS}),
    x("Un endroit sûr pour dormir", needs={Need.SAFE_PLACE}),
    x("Des soins médicaux", needs={Need.MEDICAL}),
    x("De l'aide pour arrêter la violence (la mienne)", who=OWN, needs={Need.STOP_VIOLENCE}),
    x("Du soutien pour l'éducation de mes enfants", needs={Need.PARENTING}),
    x("Anoniem met iemand praten", needs={Need.TALK}),
    x("Mijn rechten kennen of klacht indienen", needs={Need.RIGHTS}),
    x("Een veilige plek om te slapen", needs={Need.SAFE_PLACE}),
    x("Medische zorg", needs={Need.MEDICAL}),
    x("Hulp om met (mijn) geweld te stoppen", who=OWN, needs={Need.STOP_VIOLENCE}),
    x("Steun bij de opvoeding van mijn kinderen", needs={Need.PARENTING}),
    # what people type: slang, Brussels and Flemish words, SMS, typos, code-switching
    x("mn man slaat me", who=ME, relationship=PARTNER, happening={PHYSICAL}),
    x("ze slaan me", who=ME, happening={PHYSICAL}),
    x(
        "ma meuf me rabaisse devant tout le monde",
        who=ME,
        relationship=PARTNER,
        happening={SHOUTING},
    ),
    x("mijn vent pakt mijn gsm af", who=ME, relationship=PARTNER, happening={CONTROL}),
    x(
        "ons moeke wordt verwaarloosd door mijn broer",
        who=ADULT,
        relationship=KID,
        happening={NEGLECT},
    ),
    x(
        "mijn bejaarde moeder wordt verwaarloosd door mijn broer",
        who=OLDER,
        relationship=KID,
        happening={NEGLECT},
    ),
    x("papa slaat mama", who=ADULT, relationship=PARTNER, happening={PHYSICAL}, user_is_child=True),
    x("mon mari frappe les enfants", who=CHILD, relationship=PARENT, happening={PHYSICAL}),
    x("il me frappe, c'est mon mari", who=ME, relationship=PARTNER, happening={PHYSICAL}),
    x("il me frappe devant mes enfants", who=ME, happening={PHYSICAL}),
    x("ma soeur est frappée par son mari", who=ADULT, relationship=PARTNER, happening={PHYSICAL}),
    x("j'ai peur de mon mari", who=ME, relationship=PARTNER, happening={THREATS}),
    x(
        "mon ex me harcèle et il est jaloux",
        who=ME,
        relationship=PARTNER,
        happening={SHOUTING, CONTROL},
    ),
    x("mon homme me frape tt le temps", who=ME, relationship=PARTNER, happening={PHYSICAL}),
    x("mon fils de 16 ans me frappe", who=ME, relationship=KID, happening={PHYSICAL}),
    x(
        "ma fille de 25 ans est battue par son copain",
        who=ADULT,
        relationship=PARTNER,
        happening={PHYSICAL},
    ),
    x("mon mari controle tout mon argent", who=ME, relationship=PARTNER, happening={CONTROL}),
    x("il ne me frappe pas mais il m'insulte", who=ME, happening={SHOUTING}),
    x("hij slaat me niet, hij scheldt me uit", who=ME, happening={SHOUTING}),
    x("mijn man roept altijd tegen mij", who=ME, relationship=PARTNER, happening={SHOUTING}),
    x("Ik heb schrik van mijne vent", who=ME, relationship=PARTNER, happening={THREATS}),
    x(
        "mijn ex volgt me overal en stuurt berichten",
        who=ME,
        relationship=PARTNER,
        happening={CONTROL},
    ),
    x("mon mari slaat me", who=ME, relationship=PARTNER, happening={PHYSICAL}),
    x("mijn man me frappe", who=ME, relationship=PARTNER, happening={PHYSICAL}),
    x("hij heeft me gisteren verkracht", who=ME, happening={SEXUAL}, recency=Recency.UNDER_3_DAYS),
    x("c'était la semaine dernière", recency=Recency.UNDER_1_MONTH),
    x("hier soir", recency=Recency.UNDER_3_DAYS),
    x("quand j'étais petite", recency=Recency.OVER_1_MONTH),
    x(
        "il m'a étranglée et il a un couteau",
        who=ME,
        happening={PHYSICAL},
        red_flags={RedFlag.STRANGULATION, RedFlag.WEAPON},
    ),
    x(
        "c'est de pire en pire depuis qu'on s'est séparés",
        red_flags={RedFlag.ESCALATION, RedFlag.SEPARATION},
    ),
    x(
        "het wordt steeds erger sinds de scheiding",
        red_flags={RedFlag.ESCALATION, RedFlag.SEPARATION},
    ),
    x("ik denk dat hij me kan vermoorden", who=ME, red_flags={RedFlag.FEAR_OF_DEATH}),
    x("il va me tuer", who=ME, red_flags={RedFlag.FEAR_OF_DEATH}),
    x("je voudrais parler à quelqu'un", needs={Need.TALK}),
    x("ik wil met iemand praten", needs={Need.TALK}),
    x("je veux porter plainte", needs={Need.RIGHTS}),
    x("waar kan ik slapen vannacht", needs={Need.SAFE_PLACE}, recency=Recency.UNDER_3_DAYS),
    x("j'ai besoin d'un médecin", needs={Need.MEDICAL}),
    x("je n'ai plus d'argent pour le loyer", needs={Need.SOCIAL_SUPPORT}),
    x("ik ben huisarts", who=PRO),
    x(
        "une de mes élèves est frappée par son père",
        who=PRO,
        relationship=PARENT,
        happening={PHYSICAL},
    ),
    x("je suis infirmière", who=PRO),
    x("ik werk bij het OCMW", who=PRO),
    x(
        "je suis mineure et mon beau-père me touche",
        who=ME,
        relationship=PARENT,
        happening={SEXUAL},
        user_is_child=True,
    ),
    x(
        "ik ben 15 en mijn moeder slaat mij",
        who=ME,
        relationship=PARENT,
        happening={PHYSICAL},
        user_is_child=True,
    ),
    x("j'ai 80 ans et mon petit-fils me vole", who=OLDER, relationship=KID, happening={CONTROL}),
    x(
        "ons vake is 85 en mijn broer pakt zijn geld af",
        who=OLDER,
        relationship=KID,
        happening={CONTROL},
    ),
    x("mijn oma wordt bestolen door mijn neef", who=OLDER, relationship=KID, happening={CONTROL}),
    x("mon mari est jaloux", relationship=PARTNER, happening={CONTROL}),
    x("il menace de partir avec les enfants", happening={THREATS}),
    x("hij dreigt de kinderen mee te nemen", happening={THREATS}),
    x("est-ce normal qu'il regarde mes messages ?", happening={CONTROL, UNSURE}),
    x("is het normaal dat hij mijn berichten leest?", happening={CONTROL, UNSURE}),
    x("je dors chez ma soeur"),
    x("ma fille de 15 ans a un copain violent", who=CHILD, happening={PHYSICAL}),
    x("je m'énerve et je frappe mon fils", who=OWN, relationship=KID, happening={PHYSICAL}),
    x("ik sla soms mijn vrouw", who=OWN, relationship=PARTNER, happening={PHYSICAL}),
    x(
        "il menace de me renvoyer au pays, je suis sans papiers",
        who=ME,
        happening={THREATS},
        undocumented=True,
    ),
    x(
        "mijn man dreigt dat ik mijn verblijfsvergunning kwijtraak",
        relationship=PARTNER,
        happening={THREATS},
        undocumented=True,
    ),
    x("g peur de mon mari", who=ME, relationship=PARTNER, happening={THREATS}),
    x("mn vrouw scheld me de hele tijd uit", who=ME, relationship=PARTNER, happening={SHOUTING}),
    x("mijne ex blijft me stalken", who=ME, relationship=PARTNER, happening={CONTROL}),
    x("mijn man drinkt en wordt agressief", relationship=PARTNER, happening={PHYSICAL}),
    x(
        "mama doet raar en slaat ons",
        who=ME,
        relationship=PARENT,
        happening={PHYSICAL},
        user_is_child=True,
    ),
    x("ma grand-mère est négligée par ma tante", who=OLDER, relationship=KID, happening={NEGLECT}),
    x("ik wil weg maar ik weet niet waar naartoe", needs={Need.SAFE_PLACE}),
    x(
        "mes beaux-parents veulent me marier de force",
        who=ME,
        relationship=HOUSEHOLD,
        happening={HONOUR},
    ),
    x(
        "je suis aide-soignante et une résidente est maltraitée par son fils",
        who=PRO,
        relationship=KID,
        happening={PHYSICAL},
    ),
    x(
        "ik ben maatschappelijk werker, een cliënte wordt bedreigd door haar ex",
        who=PRO,
        relationship=PARTNER,
        happening={THREATS},
    ),
    x("ma fille", who=CHILD),
    x("mon mari", relationship=PARTNER),
    x("ma grand-mère", who=OLDER),
    x("mijn zus", relationship=SIBLING),
    x(
        "bonjour",
    ),
    x("ok"),
    x("godverdomme"),
]


@pytest.mark.parametrize(("text", "expected"), EXTRACTIONS)
def test_extract(text: str, expected: Extraction) -> None:
    assert extract(text) == expected


def test_extraction_table_is_large_enough() -> None:
    assert len(EXTRACTIONS) >= 60


def test_language_decides_shared_words() -> None:
    """French "hier" is yesterday; Dutch "hier" is here."""
    assert extract("hier", Lang.FR).recency is Recency.UNDER_3_DAYS
    assert extract("hij was hier", Lang.FR).recency is None


# -- places -------------------------------------------------------------------------------------

LUIK = "62063"
ANTWERPEN = "11002"
SINT_GILLIS = "21013"
SINT_GILLIS_WAAS = "46020"
NAMEN = "92094"
GENT = "44021"
SCHAARBEEK = "21015"
BRUSSEL = "21004"
JETTE = "21010"
ANS = "62003"
LA_LOUVIERE = "58001"
SINT_NIKLAAS = "46021"
ELSENE = "21009"
EIGENBRAKEL = "25014"
MOLENBEEK = "21012"
LIER = "12021"
MOL = "13025"
VORST = "21007"


def place(text: str, status: Status, *nis_codes: str) -> ParameterSet:
    return pytest.param(text, status, frozenset(nis_codes), id=f"{_ascii(text)}->{status.value}")


def nowhere(text: str) -> ParameterSet:
    return pytest.param(text, None, frozenset(), id=f"{_ascii(text)}->none")


PLACES = [
    place("j'habite à Liège", Status.EXACT, LUIK),
    place("mon mari me frappe, j'habite à Liège", Status.EXACT, LUIK),
    place("j'habite a liege avec mes enfants", Status.EXACT, LUIK),
    place("ik woon in Borgerhout", Status.EXACT, ANTWERPEN),
    place("à St-Gilles", Status.EXACT, SINT_GILLIS),
    place("ik woon in Sint-Gillis", Status.AMBIGUOUS, SINT_GILLIS, SINT_GILLIS_WAAS),
    place("4000", Status.EXACT, LUIK),
    place("B-4000", Status.EXACT, LUIK),
    place("1030", Status.AMBIGUOUS, SCHAARBEEK, BRUSSEL),
    place("j'habite 1030 Schaerbeek avec mes enfants", Status.EXACT, SCHAARBEEK),
    place("près de Namur", Status.EXACT, NAMEN),
    place("in de buurt van Gent", Status.EXACT, GENT),
    place("ik woon te Gent", Status.EXACT, GENT),
    place("Jupille", Status.EXACT, LUIK),
    place("je suis de Jupille", Status.EXACT, LUIK),
    place("Liège", Status.EXACT, LUIK),
    place("liege", Status.EXACT, LUIK),
    place("à Jette", Status.EXACT, JETTE),
    place("à Ans", Status.EXACT, ANS),
    place("à La Louvière", Status.EXACT, LA_LOUVIERE),
    place("Ik woon in Sint-Niklaas", Status.EXACT, SINT_NIKLAAS),
    place("Moi j'habite Ixelles", Status.EXACT, ELSENE),
    place("Braine l'Alleud", Status.EXACT, EIGENBRAKEL),
    place("on habite à Molenbeek", Status.EXACT, MOLENBEEK),
    place("je suis à bxl", Status.EXACT, BRUSSEL),
    place("ik woon in Anwerpen", Status.FUZZY, ANTWERPEN),
    place("je vis à Bruxelle", Status.AMBIGUOUS, BRUSSEL),
    place("1000 Bruxelles", Status.EXACT, BRUSSEL),
    place("1000 Schaerbeek", Status.AMBIGUOUS, BRUSSEL, SCHAARBEEK),
    place("j'habite rue de la Loi 16, 1000 Bruxelles", Status.EXACT, BRUSSEL),
    place("ik woon in 9000", Status.EXACT, GENT),
    place("ik woon in Schaarbeek bij mijn moeder", Status.EXACT, SCHAARBEEK),
    place("ik woon in Lier", Status.EXACT, LIER),
    place("mijn moeder woont in Mol", Status.EXACT, MOL),
    place("je vis à Forest", Status.EXACT, VORST),
    place("Ans", Status.EXACT, ANS),
    place("Jette", Status.EXACT, JETTE),
    # no place
    nowhere("je ne sais pas"),
    nowhere("mon mari"),
    nowhere("ma mère"),
    nowhere("Ma mère"),
    nowhere("j'ai 13 ans"),
    nowhere("on me frappe"),
    nowhere("il me fait mal"),
    nowhere("ça ne marche pas"),
    nowhere("ok"),
    nowhere("Bonjour"),
    nowhere("Help"),
    nowhere("je suis en danger"),
    nowhere("à la maison"),
    nowhere("in het ziekenhuis"),
    nowhere("in de war"),
    nowhere("ik woon bij mijn moeder"),
    nowhere("il me frappe depuis 2019"),
    nowhere("depuis 2020 il me frappe"),
    nowhere("il me prend 1200 euros"),
    nowhere("j'ai appelé le 1712"),
    nowhere("Meer dan een maand geleden"),
    nowhere("Il y a moins de 3 jours"),
    nowhere("Geen idee"),
    nowhere("ans"),
    nowhere("meer"),
    nowhere("Quelqu'un pourrait voir mon écran"),
    nowhere("Ma Mère"),
]


@pytest.mark.parametrize(("text", "status", "nis_codes"), PLACES)
def test_find_place(
    resolver: PlaceResolver, text: str, status: Status | None, nis_codes: frozenset[str]
) -> None:
    found = find_place(text, resolver)
    if status is None:
        assert found is None, found
        return
    assert found is not None, text
    assert found.status is status, found
    if status in (Status.EXACT, Status.FUZZY):
        assert found.best is not None and found.best.nis_code in nis_codes, found
    else:
        assert nis_codes <= {c.nis_code for c in found.candidates}, found


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("ik ga van de brug springen", True),
        ("je vais sauter du pont", True),
        ("mijn zoon wordt geslagen, ik heb hulp nodig", True),
        ("ma fille se fait battre", True),
        ("mijn zoon wordt soms geslagen door zijn vader", False),
        ("ma fille se fait battre depuis des années par son copain", False),
        ("ma fille se fait battre là maintenant", True),
    ],
)
def test_jumping_and_someone_else_being_hurt_now(text: str, fires: bool) -> None:
    assert (emergency(text) is not None) is fires
