"""The emergency net (assistant/danger.py) must catch what people type when they are in danger, in
French and Dutch, with typos, slang and no accents; it may over-fire but must not miss. Ordinary
answers to the questions must not fire it. Timing is measured in the report, not asserted here.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from assistant.danger import (
    DANGER_PATTERNS,
    EMERGENCY_PATTERNS,
    STRANGULATION_PATTERNS,
    SUICIDE_PATTERNS,
    TIMED_KILL_PATTERNS,
    Alarm,
    emergency,
)
from assistant.normalizing import normalize


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
    "hij staat al jaren in de weg",
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
    assert set(EMERGENCY_PATTERNS) == set(DANGER_PATTERNS) | set(SUICIDE_PATTERNS) | set(
        STRANGULATION_PATTERNS
    ) | set(TIMED_KILL_PATTERNS)


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


# B.4a.4 and B.4a.5 (docs/conversation.md, "Danger"): negation and habit are not danger now;
# strangulation at any time, a timed threat to kill and a weapon always are.
@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("mon ex m'envoie des menaces mais je ne suis pas en danger maintenant", False),
        ("je suis plus en danger, il est parti", False),
        ("ik woon in Lier, mijn vrouw duwt en kleineert me al jaren, nu geen gevaar", False),
        ("nu geen gevaar maar hij slaat me al jaren", False),
        ("ik ben niet in gevaar", False),
        ("il me frappe tous les soirs depuis des mois", False),
        ("hij slaat me elke dag", False),
        ("il m'a serré le cou hier soir", True),
        ("il m a etranglee la semaine passee", True),
        ("hij heeft me vorige week gewurgd", True),
        ("hij greep me naar de keel", True),
        ("hij kneep mijn keel dicht", True),
        ("il a dit qu'il me tuerait ce soir", True),
        ("quand il rentre il va me tuer", True),
        ("hij zei dat hij me vanavond gaat vermoorden", True),
        ("il a un couteau", True),
        ("je suis pas en danger mais la il me frappe maintenant", True),
        ("I'm not in danger right now", False),
        ("he is hitting me", True),
        ("Er will mich umbringen", True),
        ("nicht in Gefahr", False),
        # found by the blind hold-out of the free-text suite (moved to dev since); scenes, read
        # by the app's net only
        ("hij staat al een half uur aan mijn deur te bellen en te kloppen", True),
        ("il crie qu il va tout defoncer si j ouvre pas", True),
    ],
)
def test_negation_habit_and_always_danger(text: str, fires: bool) -> None:
    assert (emergency(text) is not None) is fires, text


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # Someone is there now and pushes, shouts, frightens (app scene patterns, not Rasa's).
        ("mon fils est la maintenant, hij is zat en il me pousse. j'ai peur, ik ben 76", True),
        ("hij is nu thuis en ik ben bang", True),
        ("il me bouscule en ce moment", True),
        ("mon fils est là le week-end, il me pousse parfois", False),
        ("mijn man is nu thuis, hij werkt niet meer", False),
    ],
)
def test_someone_there_now_who_pushes_or_frightens(text: str, fires: bool) -> None:
    assert (emergency(text) is not None) is fires
