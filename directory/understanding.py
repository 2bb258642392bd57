"""Deterministic free-text understanding for the assistant, in French and Dutch.

The Rasa model says what a turn is *about*; this module pulls the answers out of what people
actually type: informal speech, Brussels and Flemish vocabulary ("mon homme", "ma meuf",
"mijn vent", "ons moeke"), missing accents, typos ("frape", "mn man"), SMS style and sentences
that mix both languages. Everything here is plain Python and regular expressions: no model, no
network, nothing stored (the conversation design, B.0 and B.5, wants free text matched in memory
and discarded).

Four entry points:

- `emergency(text)`: the emergency net of B.4. False positives are acceptable, misses are not.
- `detect_language(text)`: French or Dutch, or None when the text does not say.
- `extract(text, lang)`: the answers to the questions of B.2, as the codes of
  `directory.situation`. It reads one message without knowing which question was asked; when a
  message names one person and no action ("ma fille", "mon mari"), the most likely role is
  guessed (a child or an older person is the one helped; a partner or parent is the one causing
  harm), and the caller, which knows the question, may re-read it.
- `find_place(text, resolver)`: a municipality mentioned inside a sentence.

All matching works on `normalize(text)`: lower case, accents removed, apostrophes unified.
`EMERGENCY_PATTERNS` are plain Python regular expressions for that form of the text, without
inline flags or variable-width look-behind, so they can be exported to Rasa's RegexFeaturizer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Literal, TypeVar

from directory.places import STRONG, Match, PlaceResolver, Resolution, Status
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Who
from directory.text import fold, stopwords
from directory.vocab import Lang


def _split(words: str) -> list[str]:
    """A word list written as one string, to keep the tables below readable."""
    return words.split()


# -- normalisation ------------------------------------------------------------------------------

_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"}
)
_SPACES = re.compile(r"\s+")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")  # "heeeelp", "secouuuurs"


def normalize(text: str) -> str:
    """The form every pattern here is written for: "Il m’étrangle !" → "il m'etrangle !"."""
    text = text.translate(_LIGATURES)
    return _SPACES.sub(" ", text.casefold() if text.isascii() else fold(text)).strip()


def _variants(normalized: str) -> tuple[str, ...]:
    """The text, plus stretched letters squeezed to one and to two ("heeeelp", "vermooorden")."""
    if not _REPEATS.search(normalized):
        return (normalized,)
    return (normalized, _REPEATS.sub(r"\1", normalized), _REPEATS.sub(r"\1\1", normalized))


# -- emergency (B.4) ----------------------------------------------------------------------------
# Present danger only: "il me frappe", not "il m'a frappée l'an dernier"; "il va me tuer", not
# "il a menacé de me tuer" (a red flag for Q5, asked in the flow). When in doubt, fire.

_FR_HIT_NOW = (
    r"frapp?(?:e|es|ent)|tap+(?:e|es|ent)|cogn(?:e|ent)|tabass(?:e|ent)|gifl(?:e|ent)"
    r"|bat(?:tent)?|etrangl(?:e|ent)|etouff(?:e|ent)|vio(?:le|lent)|tu(?:e|ent)"
    r"|poignard(?:e|ent)|massacr(?:e|ent)|brul(?:e|ent)|defonc(?:e|ent)|maltrait(?:e|ent)"
)
_FR_HURT_INF = (
    r"frapper|taper|battre|cogner|tabasser|etrangler|tuer|buter|crever|egorger|poignarder"
    r"|violer|bruler|defoncer|massacrer|achever|descendre|trucider"
)
_NL_HIT_NOW = (
    r"sla(?:at|an|agt|ad|dt|t)?|klop(?:t|pen)|mep(?:t|pen)|schop(?:t|pen)|stamp(?:t|en)"
    r"|trap(?:t|pen)|wurg(?:t|d|en)?|verkracht(?:en)?|vermoord(?:t|en)?|steekt|steken"
    r"|knijp(?:t|en)|duw(?:t|en)"
)
_NL_KILL = (
    r"vermoorden|vermoorde|vermoord|doodmaken|dood\W+maken|afmaken|af\W+te\W+maken|doden"
    r"|kapotmaken|kapot\W+maken|killen|neersteken|neerschieten|om\W+zeep\W+helpen|wurgen"
    r"|doodslaan|dood\W+slaan|om\W+het\W+leven\W+brengen"
)
_NL_HIM = r"(?:hij|ie|ze|zij|hy|die)"
_NL_ME = r"(?:me|mij|my)"
_NL_MY = r"(?:mijn|mijne|m\W*n|mn|myn|ons|onze)"
_WEAPONS_FR = (
    r"\bc(?:ou|o|u)t(?:eau|eaux|o|au|aux)\b",
    r"\barmes?\b",
    r"\b(?:pistolets?|flingues?|revolvers?|fusils?|carabines?|machettes?|haches?|poignards?"
    r"|cutters?|guns?|calibres?|kalach\w*|kalash\w*|couteau\W+suisse)\b",
)
_WEAPONS_NL = (
    r"\b(?:een|het|zijn|haar|n|zo\W*n|groot|grote|keuken|met|zn|z\W*n|dat|die)\W+mes\b",
    r"^\W*mes\W*$",
    r"\bmes\W*(?:$|[.!?,;])",
    r"\bmes\W+(?:op|tegen|in|bij|aan)\W+(?:mijn|m\W*n|mn|me|mij|de|zijn|haar|mijne)\b",
    r"\b(?:keuken|brood|zak|vlees|slagers|stanley|jacht|vlinder|hak|stiletto)mes(?:sen)?\b",
    r"\bmessen\b",
    r"\b(?:wapens?|vuurwapens?|pistool|pistolen|geweer|geweren|revolver|bijl|hakbijl|machete"
    r"|jachtgeweer|gewapend)\b",
)

# Someone being hurt, said in the passive: "mijn zoon wordt geslagen", "ma fille se fait battre".
_BEING_HURT = (
    r"\bwordt\W+(?:\w+\W+){0,2}(?:geslagen|gewurgd|geschopt|verkracht|mishandeld|gestoken"
    r"|in\W+elkaar\W+geslagen|bedreigd\W+met\W+een\W+mes)\b",
    r"\bse\W+fait\W+(?:\w+\W+)?(?:frapper|battre|tabasser|etrangler|violer|taper|cogner)\b",
    r"\best\W+(?:en\W+train\W+de\W+se\W+faire|entrain\W+de\W+se\W+faire)\W+(?:frapper|battre"
    r"|tabasser|etrangler|violer|taper)\b",
)
DANGER_PATTERNS: tuple[str, ...] = (
    # -- French: being hurt now
    rf"\b(?<!\bje )m(?:e\b)?\W*(?:{_FR_HIT_NOW})\b(?!\W+sur\W+les\W+nerfs|\W+sur\W+le\W+systeme)",
    rf"\b(?<!\ba )(?:va|vont|veut|veulent|vient|viennent|essaie|essaye|essayent|train\W+de"
    rf"|commence\W+a|recommence\W+a|menace|menacent)\W+(?:\w+\W+)?(?:de\W+|d\W*)?(?:me|m|nous)"
    rf"\W*(?:{_FR_HURT_INF})\b",
    r"\bme\W+menac(?:e|ent)\W+de\W+mort\b",
    r"\bva\W+(?:me|nous|leur|lui)\W+faire\W+du\W+mal\b",
    r"\bva\W+faire\W+du\W+mal\W+(?:aux|a)\b",
    r"\bm\W*(?:e\W+)?(?:tien|tient|serre|serrent|prend|prennent|attrape)\w*\W+(?:a\W+|par\W+)?"
    r"(?:le|la)\W+(?:cou|gorge)\b",
    r"\bme\W+forc(?:e|ent)\W+a\W+(?:coucher|faire\W+l\W*amour|des\W+rapports|le\W+sucer)\b",
    r"\bm\W*a\W+(?:\w+\W+)?(?:frappee?|tapee?|battue?|etranglee?|violee?|poignardee?|blessee?"
    r"|cognee?)\b(?=.*\b(?:maintenant|instant|tout\W+de\W+suite|ce\W+soir|cette\W+nuit"
    r"|tout\W+a\W+l\W*heure|aujourd\W*hui|la\W+maintenant)\b)",
    r"\bm(?:e\b)?\W*(?:poursui\w*|traque\w*)\b",
    r"\bme\W+sui(?:t|vent)\W+(?:en\W+voiture|dans\W+la\W+rue|jusqu)",
    r"\b(?:casse|cassent|detruit|brise|defonce)\W+tout\b",
    r"\b(?:bourre|saoul|soul|ivre|dronken|zat|stomdronken)\b.*\b(?:violent|violente|agressif"
    r"|agressive|gewelddadig|agressief)\b",
    r"\b(?:violent|violente|agressif|agressive|gewelddadig|agressief)\b.*\b(?:bourre|saoul|soul"
    r"|ivre|dronken|zat|stomdronken)\b",
    r"\b(?:vite\W+venez|venez\W+vite)\b",
    rf"\ben\W+train\W+de\W+(?:\w+\W+)?(?:{_FR_HURT_INF})\b",
    r"\b(?:va|vont|veut|veulent|vais|veux)\W+(?:la|le|les|l)\W*(?:tuer|buter|egorger|etrangler)\b",
    r"\b(?<!\ba )(?:va|vont|veut|veulent|menace\W+de|menacent\W+de)\W+tuer\b",
    r"\b(?<!\ba )(?<!\bai )(?<!\bont )(?:frapp?(?:e|ent)|tap+(?:e|ent)|bat(?:tent)?|cogn(?:e|ent)"
    r"|etrangl(?:e|ent)|tabass(?:e|ent))\W+(?:les|mes|nos|mon|ma|notre|sa|son|ses)\W+"
    r"(?:enfants?|fils|filles?|bebes?|petits?|petite|gosses|mere|maman|soeur|frere)\b",
    r"\b(?:je\W+suis|jsuis|chui|on\W+me|je\W+me\W+fais)\W+(?!pas\b|plus\b|jamais\b)(?:\w+\W+)?"
    r"(?:frappee?|frapper|battue?|battre|tabassee?|tabasser|etranglee?|etrangler)\b",
    # -- French: fear for one's life
    r"\bpeur\W+(?:qu\W*(?:il|elle|ils|on)\W+(?:ne\W+)?(?:me|nous|les|la)\W*tu"
    r"|pour\W+(?:ma|nos|notre|leur|mes)\W+(?:vie|vies|enfants|peau)|de\W+mourir|d\W*etre\W+tue)",
    r"\b(?:pourrait|peut|capable\W+de|pourraient|peuvent|risque\W+de)\W+(?:me|m|nous)\W*tuer\b",
    r"\bje\W+vais\W+mourir\b",
    r"\bdanger\W+de\W+mort\b",
    r"\bva\W+me\W+faire\W+la\W+peau\b",
    # -- French: he is here / coming in
    r"\b(?:il|elle|ils|elles)\W+(?:est|sont)\W+la\b(?=\W*$|\W*[.,;:!?]|\W+(?:et|maintenant|mtn"
    r"|encore|deja|dehors|devant|derriere|en\W+bas|a\W+la\W+porte|avec|je|j|il|elle|aide|aidez"
    r"|au|svp|stp|vite|de\W+nouveau|chez|dans|en\W+bas)\b)",
    r"\b(?:il|elle|ils|elles)\W+(?:est|sont)\W+(?:ici|dehors|devant\W+(?:la|ma|chez|notre|l)"
    r"|derriere\W+la\W+porte|a\W+la\W+porte|en\W+bas\W+de\W+chez|chez\W+moi"
    r"|dans\W+(?:la|ma|notre)\W+(?:maison|chambre|appart|cuisine))\b",
    r"\b(?:il|elle|ils|elles)\W+(?:arrive|arrivent|revient|reviennent|rentre|rentrent)\b"
    r"(?=\W*$|\W*[.,;:!?]|\W+(?:maintenant|bientot|tout\W+de\W+suite|dans\W+\w+\W+min|et\W+j))",
    r"\b(?:est|sont)\W+(?:devant\W+(?:ma|la|notre|chez)|derriere\W+la\W+porte|a\W+la\W+porte"
    r"|chez\W+moi)\b",
    r"\b(?:essaie|essaye|essayent|tente|tentent|veut|veulent)\W+d\W*(?:entrer|rentrer)\b",
    r"\b(?:defonc|forc|cass|tap|frapp?|cogn|tambourin)\w*\W+(?:a\W+|contre\W+|sur\W+)?"
    r"(?:la|ma|notre)\W+porte\b",
    r"\bm\W*attend\W+(?:dehors|devant|en\W+bas|a\W+la\W+sortie)\b",
    # -- French: weapons
    *_WEAPONS_FR,
    r"\barme\W+a\W+feu\b",
    # -- French: calls for help, danger, injury, being locked in
    r"\bau\W*secou?rs?\b",
    r"^\W*secou?rs?\W*$",
    r"\ba\W+l\W*aide\b(?!\W+(?:de|d|du|des)\b)",
    r"\baid(?:ez|e|er|es|ee)\W*(?:moi|nous)\b(?!\W+(?:svp\W+|stp\W+|s\W*il\W+vous\W+plait\W+)?"
    r"(?:a|pour|de|d|avec|dans|sur|en)\b)",
    r"\bsos\b(?=\W*$|\W*[!.,]|\W+(?:svp|stp|aide|help|vite|snel|please|pls)\b)",
    r"\bappel(?:ez|le|lez)\W+(?:la\W+police|les\W+secours|le\W+101|le\W+112|les\W+flics"
    r"|une\W+ambulance|les\W+pompiers|101|112)\b",
    r"\b(?:c\W*est|cest|ces|tres|trop|super|vraiment|hyper|ultra)\W+urgent\b",
    r"^\W*(?:urgent|urgence|tres\W+urgent|urgence\W+absolue)\W*$",
    r"\bvenez\W+vite\b",
    r"\b(?:suis|jsuis|jsui|chui|chuis|sommes|est|sont|es|etes|sens|sent|sentons)\W+"
    r"(?!pas\b|plus\b|jamais\b|point\b)"
    r"(?:\w+\W+)?en\W+danger\b",
    r"^\W*(?:en\W+)?danger\W*(?:maintenant|immediat)?\W*$",
    r"\bdanger\W+(?:immediat|maintenant)\b",
    r"\bje\W+saigne\b",
    r"\b(?:je\W+suis|jsuis|chui)\W+(?!pas\b|plus\b)(?:\w+\W+)?bless(?:e|ee)s?\b",
    r"\bm\W*enferm(?:e|ent)\b",
    r"\b(?:m\W*a|m\W*ont|suis|sommes)\W+(?:\w+\W+)?(?:enfermee?s?|sequestree?s?)\b",
    r"\bsequestr\w*",
    # -- Dutch: being hurt now
    rf"\b(?:{_NL_HIT_NOW})\W+(?:{_NL_HIM}\W+)?(?:{_NL_ME}|ons)\b",
    r"\b(?:ik|k)\W+(?:word|wordt)\W+(?:nu\W+|weer\W+|hier\W+|net\W+)?"
    r"(?:geslagen|gewurgd|verkracht|geschopt|geklopt|mishandeld|in\W+elkaar\W+geslagen)\b",
    rf"\b{_NL_HIM}\W+doet\W+{_NL_ME}\W+pijn\b",
    r"\baan\W+het\W+(?:slaan|wurgen|schoppen|stampen|vermoorden|verkrachten|steken|kloppen"
    r"|meppen)\b",
    rf"\b(?:slaat|slaan|klopt|kloppen|schopt|wurgt|mept)\W+(?:de|{_NL_MY}|zijn|haar)\W+"
    rf"(?:kinderen|kind|zoon|dochter|baby|kleine|broer|zus|moeder|mama)\b",
    rf"\bknijpt\W+(?:{_NL_MY}|{_NL_ME})\W+(?:keel|nek)\b",
    # -- Dutch: he will kill me
    rf"\b(?:gaat|gaan|wil|willen|zal|zullen|kan|kunnen|zou|zouden|probeert|proberen|dreigt"
    rf"|dreigen)\W+(?:{_NL_HIM}\W+)?(?:{_NL_ME}|ons|haar|hem|de\W+kinderen|{_NL_MY}\W+kind"
    rf"(?:eren)?)\W+(?:\w+\W+){{0,2}}?(?:{_NL_KILL})\b",
    rf"\bwil(?:len)?\W+(?:{_NL_ME}|ons)\W+dood\b",
    rf"\b(?:{_NL_ME}|ons)\W+(?:\w+\W+)?(?:gaat|kan|wil|zal|zou)\W+(?:\w+\W+)?(?:{_NL_KILL})\b",
    rf"\b(?:bang|schrik|angst)\W+(?:dat\W+{_NL_HIM}\W+(?:{_NL_ME}|ons)\W+(?:\w+\W+)?(?:vermoordt|vermoord|doodt"
    rf"|dood|doodmaakt|iets\W+aandoet)|voor\W+{_NL_MY}\W+leven)",
    r"\blevensgevaar",
    r"\bvrees\W+voor\W+(?:mijn|m\W*n|ons)\W+leven\b",
    rf"\b(?:gaat|gaan|wil|willen|zal|zullen)\W+(?:{_NL_ME}|ons|haar|hem|de\W+kinderen"
    rf"|{_NL_MY}\W+kind(?:eren)?)\W+iets\W+aan\W*(?:doen|te\W+doen)\b",
    r"^(?=.*\b(?:net|zonet|daarnet|juist|vandaag|vanavond|vannacht|nu)\b).*\b(?:geslagen"
    r"|gewurgd|geschopt|verkracht|gestoken|pijn\W+gedaan|in\W+elkaar\W+geslagen)\b",
    rf"\b(?:achtervolgt|achtervolgen)\W+(?:{_NL_ME}|ons)\b",
    r"\b(?:slaat|breekt|smijt)\W+alles\W+kapot\b",
    r"\bdoodsbang\b",
    r"\bik\W+ga\W+(?:eraan|dood)\b",
    # -- Dutch: he is here / coming in
    rf"\b{_NL_HIM}\W+(?:is|staat|zit|zijn|staan)\W+(?:hier|nu\W+hier|binnen"
    rf"|aan\W+(?:de|{_NL_MY})\W+deur|voor\W+(?:de|het|{_NL_MY})\W+(?:deur|huis|raam)|beneden"
    rf"|buiten\W+(?:aan|voor))\b",
    rf"\b{_NL_HIM}\W+(?:komt|komen)\W+(?:er\W*aan|nu|zo|terug\W+naar\W+huis)\b",
    r"\bprobeert\W+(?:binnen\W+te\W+(?:komen|geraken)|de\W+deur)\b",
    rf"\b(?:bonkt|bonst|klopt|slaat|stampt|trapt|ramt|breekt)\W+(?:op\W+|tegen\W+|in\W+)?"
    rf"(?:de|{_NL_MY})\W+deur\b",
    # -- Dutch: weapons
    *_WEAPONS_NL,
    # -- Dutch: calls for help, danger, injury, being locked in
    r"\bhelp\b(?!\W+(?:(?:me|mij|ons)\W+)?(?:een|bij|met|om|te|zoeken|vinden|aan|iets|de|het"
    r"|mee|kiezen|verder|hier|daarmee|hiermee|uit|desk|line|lijn|center|centrum)\b)",
    r"\bbel\W+(?:de\W+)?(?:politie|flikken|ambulance|ziekenwagen|hulpdiensten|112|101)\b",
    r"\b(?:nu|snel|dringend|direct|meteen|onmiddellijk)\W+hulp\b",
    r"\bhulp\W+(?:nu|snel|dringend)\b",
    r"\bkom\W+(?:snel|vlug|nu|alsjeblieft)\b",
    r"\b(?:het\W+is|is\W+het)\W+(?:heel\W+|erg\W+|echt\W+|zeer\W+|super\W+)?dringend\b",
    r"^\W*(?:dringend|spoed|nood|noodgeval|sos)\W*$",
    r"\bnoodgeval\b",
    r"\bin\W+nood\b",
    r"\b(?:ben|kben|zijn|is|zit|kzit|zitten|voel)\W+(?!niet\b|nooit\b|geen\b)(?:\w+\W+)?in\W+"
    r"(?:groot\W+|acuut\W+|levens)?gevaar\b",
    r"^\W*(?:in\W+)?(?:levens)?gevaar\W*$",
    r"\bik\W+bloed\b",
    r"\b(?:ik\W+ben|k\W+ben)\W+(?!niet\b)(?:\w+\W+)?gewond\b",
    r"\bopgesloten\b",
    rf"\bsluit\W+(?:{_NL_ME}|ons)\W+op\b",
    *_BEING_HURT,
)

SUICIDE_PATTERNS: tuple[str, ...] = (
    r"\bsuicid",
    r"\bj\W*(?:e\W+)?(?:ne\W+)?(?:veux|voudrais|veut|ve)\W+(?!pas\b)(?:\w+\W+)?"
    r"(?:mourir|crever|en\W+finir|disparaitre)\b",
    r"\b(?:envie|besoin)\W+(?:de\W+|d\W*)(?:mourir|crever|en\W+finir|disparaitre|me\W+tuer)\b",
    r"\b(?:plus|pas)\W+envie\W+de\W+vivre\b",
    r"\b(?:veux|veut|voudrais|peux|peut)\W+plus\W+vivre\b",
    r"\b(?:vais|veux|voudrais)\W+en\W+finir\b(?!\W+avec\W+(?:lui|elle|cette|ce|ca|mon|ma|eux))",
    r"\ben\W+finir\W+avec\W+(?:la|ma)\W+vie\b",
    r"\bmettre\W+fin\W+a\W+(?:mes\W+jours|ma\W+vie)\b",
    r"\b(?:je|j|jvais|jveux)\W*(?:vais|veux|voudrais|pense\W+a|ai\W+envie\W+de|compte|vai|ve)"
    r"\W+me\W+(?:tuer|foutre\W+en\W+l\W*air|pendre|jeter|ouvrir\W+les\W+veines|flinguer"
    r"|faire\W+du\W+mal)\b",
    r"\bme\W+(?:suicider|foutre\W+en\W+l\W*air|pendre|ouvrir\W+les\W+veines"
    r"|tailler\W+les\W+veines|defenestrer)\b",
    r"\bme\W+(?:scarifie|scarifier|mutile|mutiler|taillade)\b",
    r"\bje\W+me\W+fais\W+du\W+mal\b",
    r"\bzelfmoord",
    r"\bzelfdoding",
    r"\b(?:(?:ik|k)\W+wil|kwil)\W+(?!niet\b)(?:\w+\W+)?(?:dood|sterven|verdwijnen)\b"
    r"(?!\W+(?:hebben|maken))",
    r"\b(?:maak|maken)\W+er\W+een\W+(?:eind|einde)\W+aan\b",
    r"^\W*wil\W+dood\b",
    r"\bwil\W+(?:er\W+)?niet\W+meer\W+(?:leven|verder|bestaan|zijn|wakker\W+worden)\b",
    r"\b(?:geen|niet\W+meer)\W+zin\W+(?:meer\W+)?(?:in\W+(?:het\W+|mijn\W+)?leven|om\W+te\W+leven)",
    r"\bmezelf\W+(?:\w+\W+)?(?:ophangen|doden|van\W+kant\W+maken|iets\W+aan\W*(?:doen|te\W+doen)"
    r"|pijn\W+doen|snijden|kapotmaken|ombrengen|verdrinken)\b",
    r"\bmezelf\W+van\W+kant\b",
    r"\b(?:eind|einde)\W+aan\W+(?:mijn|m\W*n)\W+leven\b",
    r"\ber\W+een\W+(?:eind|einde)\W+aan\W+(?:maken|te\W+maken)\b",
    r"\bmijn\W+leven\W+(?:beeindigen|stoppen|nemen)\b",
    r"\bzie\W+het\W+(?:\w+\W+)?niet\W+meer\W+zitten\b",
    r"\blevensmoe",
    r"\bik\W+snij\W+mezelf\b",
    # Jumping: from a bridge, a building, in front of a train.
    r"\b(?:springen|spring|springt)\W+(?:van|voor|onder|uit)\W+(?:de|een|het|mijn)?\W*"
    r"(?:brug|trein|flat|dak|raam|gebouw|toren|auto)\b",
    r"\b(?:van|voor|onder|uit)\W+(?:de|een|het)\W+(?:brug|trein|flat|dak|raam)\W+(?:springen|spring)\b",
    r"\b(?:sauter|saute|jeter|jette)\W+(?:du|d\W*un|d\W*une|de\W+la|sous|par)\W*(?:le\W+|la\W+|un\W+)?"
    r"(?:pont|train|metro|immeuble|toit|fenetre|balcon|tour)\b",
    r"\b(?:kill|killing)\W+myself\b",
    r"\bwant\W+to\W+die\b",
)

EMERGENCY_PATTERNS: tuple[str, ...] = DANGER_PATTERNS + SUICIDE_PATTERNS
"""Every emergency pattern, for lower-cased, accent-folded text (see `normalize`)."""


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regular expression for a list of them, the leading word boundaries shared.

    Most patterns start with a word boundary; checking it once per position, not once per
    pattern, makes a long message about three times faster to scan.
    """
    bounded = [p[2:] for p in patterns if p.startswith(r"\b")]
    others = [p for p in patterns if not p.startswith(r"\b")]
    parts = [rf"\b(?:{'|'.join(f'(?:{p})' for p in bounded)})"] if bounded else []
    parts += [f"(?:{p})" for p in others]
    return re.compile("|".join(parts))


# "Il me frappe" / "hij slaat me" in the present may describe what happens in general rather than
# now. Such a sentence counts as danger now unless it also says it is habitual or gives the
# context a person writes when they are not under attack ("depuis des mois", "j'habite à Liège"),
# and says nothing like "now" or "help".
_HITTING = (
    *(p for p in DANGER_PATTERNS if _FR_HIT_NOW in p or _NL_HIT_NOW in p),
    *_BEING_HURT,
)
_DANGER = _compile(tuple(p for p in DANGER_PATTERNS if p not in _HITTING))
_HIT = _compile(_HITTING)
_HABITUAL = re.compile(
    r"\b(?:depuis|souvent|parfois|des\W+fois|tout\W+le\W+temps|quand|lorsqu\w*|chaque|tous\W+les"
    r"|toutes\W+les|habite|j\W*habite|vis\W+a|regulierement|soms|vaak|altijd|sinds|al\W+jaren"
    r"|maanden|jaren|elke|iedere|als\W+hij|als\W+ze|wanneer|woon|ik\W+woon|regelmatig)\b"
)
_NOW = re.compile(
    r"\b(?:maintenant|tout\W+de\W+suite|en\W+ce\W+moment|vite|secours|aide\W*moi|aidez|urgent"
    r"|nu|net|op\W+dit\W+moment|help|snel|dringend|hier\W+is)\b"
)
_SUICIDE = _compile(SUICIDE_PATTERNS)

AlarmKind = Literal["danger", "suicide"]


@dataclass(frozen=True)
class Alarm:
    """The text calls for the emergency card (B.4).

    `kind` is "danger" when someone is in danger now (police 101, 112) and "suicide" when only
    suicidal wording was found; `suicidal` is also true for "danger" when both were found, so the
    card can add the suicide prevention line.
    """

    kind: AlarmKind
    suicidal: bool = False


def emergency(text: str) -> Alarm | None:
    """The emergency rule's keyword net: None when nothing in the text calls for it."""
    variants = _variants(normalize(text))
    danger = any(_DANGER.search(v) for v in variants) or any(
        _HIT.search(v) and (_NOW.search(v) or not _HABITUAL.search(v)) for v in variants
    )
    suicidal = any(_SUICIDE.search(v) for v in variants)
    if danger:
        return Alarm("danger", suicidal)
    if suicidal:
        return Alarm("suicide", True)
    return None


# -- language -----------------------------------------------------------------------------------
# Function words and words people type in this conversation; 2 = says the language on its own,
# 1 = a hint. Words both languages use ("de", "en", "me", "te", "je") count for neither.

_FR_WORDS: dict[str, float] = {
    **dict.fromkeys(
        _split(
            "je j suis est c ai il elle ils elles nous vous mon ma mes ton ta tes son sa ses le les "
            "des du un une et qui que qu quoi pas ne n avec pour dans sur chez mais tres oui non "
            "bonjour bonsoir salut merci aide aidez aider mari femme frappe frapper peur besoin "
            "parler enfants enfant fils fille mere pere maman frere soeur moi lui ca cela sais veux "
            "peux fait sont etre avoir quand comment pourquoi plus tout rien aussi toujours jamais "
            "maintenant ici beaucoup trop habite au aux cette ce y deja mal violence argent "
            "maison travail jsp svp stp bjr mdr ptn putain merde ouais nan mec meuf copain copine "
            "homme crie insulte menace battue tape coups viol veut va vais ont avait etait sais "
            "pourrait personne quelqu famille parents ecole jour jours semaine mois aujourd "
            "cest jai chui jsuis sont leur leurs notre nos votre vos encore depuis apres avant "
            "contre vers sans sous entre ou donc alors parce car comme si bien tt pcq pk jpp "
            "chuis koi bcp rien personne toujours"
        ),
        2.0,
    ),
    **dict.fromkeys(_split("la a l d s m t"), 1.0),
}
_NL_WORDS: dict[str, float] = {
    **dict.fromkeys(
        _split(
            "ik k mijn mn mij niet nie ni het een is ben bent zijn heeft heb hebben hij zij wij we "
            "jij jou jullie ons onze wat wie waar hoe wanneer waarom van voor met op aan bij naar "
            "uit dat die deze dit maar want ook nog al wel geen nooit altijd nu daar er ja nee neen "
            "hallo goeiedag goedendag goeiemorgen dank bedankt man vrouw kind kinderen zoon dochter "
            "moeder vader broer zus slaat slaan geslagen sloeg bang hulp helpen praten weet wil kan "
            "moet mag gaat doet zeg liever woon wonen geld politie huis werk jaar keer zo heel echt "
            "veel wordt word werd was had da wa ge gij om tegen door over als toen dan zelf mezelf in "
            "iemand niemand iets niets allemaal vent lief moeke godverdomme amai scheldt roept "
            "dreigt vermoorden gezin familie ouders school dag dagen week maand gisteren vandaag "
            "zonder tussen omdat dus of hem haar mijne blijft nen zen zijt kben kzit kwil kheb "
            "efkes wreed thuis weg goed slecht eten slapen nodig gebeurd gedaan geweest zou "
            "kunnen willen moeten waarom"
        ),
        2.0,
    ),
}
_LANG_TOKEN = re.compile(r"[^\W\d_]+")
_MIN_EVIDENCE = 2.0
_MIN_MARGIN = 1.0


def detect_language(text: str) -> Lang | None:
    """French or Dutch from the words used; None when unsure (a place name, "ok", a tie)."""
    return _language(normalize(text))


def _language(normalized: str) -> Lang | None:
    scores = {Lang.FR: 0.0, Lang.NL: 0.0}
    for token in _LANG_TOKEN.findall(normalized):
        scores[Lang.FR] += _FR_WORDS.get(token, 0.0)
        scores[Lang.NL] += _NL_WORDS.get(token, 0.0)
    best, other = sorted(scores, key=scores.__getitem__, reverse=True)
    if scores[best] < _MIN_EVIDENCE or scores[best] - scores[other] < _MIN_MARGIN:
        return None
    return best


# -- vocabulary for extraction ------------------------------------------------------------------
# Regular expressions over `normalize`d text, French then Dutch for each code. They describe
# behaviour in people's words (B.0): "il me rabaisse", "hij pakt mijn gsm af".

_HAPPENING: dict[Happening, tuple[str, ...]] = {
    Happening.SHOUTING: (
        r"\b(?:cri(?:e|es|ent|er|ait|aient|ais)|hurl\w*|gueul(?:e|es|ent|er|ait|aient)"
        r"|engueul\w*|insult\w*|rabaiss\w*|humili\w*|denigr\w*|mepris\w*|injuri\w*|harcel\w*"
        r"|critiqu\w*|cris)\b",
        r"\b(?:traite|traitait|traitent)\W+de\b",
        r"\b(?:se\W+)?moqu\w*\W+de\W+moi\b",
        r"\b(?:pute|salope|connasse|grosse\W+vache|bonne\W+a\W+rien)\b",
        r"\bviolences?\W+(?:verbale|psychologique|psy|morale|emotionnelle)s?\b",
        r"\b(?:roep(?:t|en)?|riep|riepen|geroepen|(?:ge)?schreeuw\w*|scheld\w*|schold\w*"
        r"|uitgescholden|kleine?er\w*|gekleineerd|verneder\w*|vernederd|tier(?:t|en)|brul(?:t|len)"
        r"|beledig\w*|bekritiseer\w*|kritiek"
        r"|pest(?:t|en)?|gepest)\b",
        r"\b(?:psychisch|verbaal|emotioneel|mentaal|psychologisch)e?\W+geweld\b",
        r"\bzegt\W+dat\W+ik\W+(?:niks|niets)\W+waard\b",
        r"\b(?:hoer|slet|trut|teef)\b",
    ),
    Happening.THREATS: (
        r"\b(?:menac\w*|terroris\w*|intimid\w*|chantage|effray\w*|terrifi\w*|angoiss\w*)\b",
        r"\bpeur\b(?!\W+(?:de|d)\W*(?:la\W+|le\W+|les\W+|l\W*|lui\W+|leur\W+)?(?:frapper|taper"
        r"|blesser|faire\W+du\W+mal|perdre|tuer))",
        r"\bfait\W+peur\b",
        r"\b(?:dreig\w*|bedreig\w*|gedreigd|angst\w*|chanta\w*|intimide\w*|doodsbang)\b",
        r"\b(?:bang|schrik)\b(?!\W+dat\W+ik\b)",
    ),
    Happening.CONTROL: (
        r"\b(?<!\bme )(?<!\bm')(?<!\ble )(?<!\bde )(?:control\w*|controle\w*|controleer\w*"
        r"|gecontroleerd)\b",
        r"\b(?:surveill\w*|jaloux|jalouse|jalousie|isole\w*|jaloers\w*|jaloezie|isoleer\w*"
        r"|geisoleerd)\b",
        r"\bm\W*(?:empeche\w*|interdi\w*)\b",
        r"\b(?:interdit\W+de|pas\W+le\W+droit\W+de)\b",
        r"\b(?:prend|pris|prennent|garde|confisque|vole|volait|prenait|fouill\w*|regarde)\W+"
        r"(?:tout\W+)?(?:mon|ma|mes|son|sa|ses|notre|nos|leur|l)\W*(?:argent|salaire|cartes?"
        r"|telephone|tel|gsm|portable|papiers|passeport|paye|pension|allocations|cles?|voiture"
        r"|affaires|sac|messages)\b",
        r"\b(?:violence|dependance)s?\W+(?:economique|financiere)s?\b",
        r"\benferm\w*",
        r"\bne\W+(?:peux|peut)\W+(?:pas|plus|jamais)\W+sortir\b",
        r"\bsuit\W+partout\b",
        r"\b(?:geolocalis\w*|traceur)\b",
        r"\b(?:pakt|neemt|nam|pakte|houdt|hield|afpakken|afgepakt|afgenomen|steelt|stal|checkt"
        r"|bekijkt|leest)\W+(?:\w+\W+)?(?:mijn|m\W*n|mn|me|zijn|haar|ons|al\W+mijn)\W+(?:geld"
        r"|loon|gsm|telefoon|bankkaart|kaart|papieren|paspoort|sleutels?|auto|uitkering"
        r"|pensioen|berichten)\b",
        r"\b(?:mijn|m\W*n|mn)\W+(?:geld|gsm|telefoon|bankkaart)\W+(?:\w+\W+)?(?:af|weg|afgepakt"
        r"|afgenomen)\b",
        r"\bmag\W+(?:\w+\W+)?(?:niet|nooit|niemand|geen)\W+(?:buiten|weg|zien|naar|alleen)\b",
        r"\blaat\W+(?:me|mij)\W+niet\W+(?:buiten|gaan|weg)\b",
        r"\b(?:financieel|economisch)e?\W+geweld\b",
        r"\bsluit\W+(?:me|mij)\W+op\b",
        r"\bopgesloten\b",
        r"\bvolgt\W+(?:me|mij)\W+overal\b",
        r"\b(?:stalk\w*|gestalkt|achtervolg\w*|traque\w*)\b",
        r"\bm\W*(?:e\W+)?vol(?:e|ent|ait|aient)\b",
        r"\bvol(?:e|ent|ait)\W+(?:mon|ma|mes|son|sa|ses|de\W+l\W*argent)\b",
        r"\b(?:bestolen|besteelt|steelt|gestolen)\b",
        r"\b(?:mijn|m\W*n|mn)\W+(?:gsm|telefoon|berichten|mails|sms\w*)\W+(?:\w+\W+)?(?:leest"
        r"|checkt|controleert|bekijkt|afpakt|afneemt)\b",
    ),
    Happening.PHYSICAL: (
        r"\b(?:frapp?\w*|cogn\w*|gifl\w*|tabass\w*|bouscul\w*|etrangl\w*|etouff\w*|brul\w*"
        r"|maltrait(?:e|ent|ait|ee|er)|battu\w*|battre|battent|battait|battaient|bleus"
        r"|hematomes?|blessures?|mord(?:u|ue|ait|re)?|secou(?:e|ent|ait|ee|er))\b",
        r"\b(?:tap(?:e|es|ent|er|ait|aient|ee|ees|pe|pent|per))\b(?!\W+sur\W+les\W+nerfs)",
        r"\bm\W*(?:a\W+)?(?:bat|blesse\w*)\b",
        r"\bpouss(?:e|ent|ait|ee|er)\b(?!\W+a\W+bout)(?!\W+a\W+\w+er\b)",
        r"\b(?:des|de|les|un|mes|ses|aux)\W+coups?\b(?!\W+de\W+(?:fil|main|pouce|telephone|chance"
        r"|coeur|foudre|blues|stress|gueule)\b)",
        r"\bcoups?\W+de\W+(?:poing|pied|boule|tete|couteau|ceinture)\b",
        r"\b(?:fai[ts]|faisait|a\W+fait)\W+(?:du\W+)?mal\b(?!\W+au\W+coeur)",
        r"\b(?:claques?|gifles?)\b",
        r"\btir\w*\W+les\W+cheveux\b",
        r"\bviolences?\W+physiques?\b",
        r"\bviolente?s?\b",
        r"\b(?:agressi(?:ef|eve|f|ve)|gewelddadige?)\b",
        r"\blev\w*\W+la\W+main\b",
        r"\bjet\w*\W+(?:des\W+)?(?:objets|assiettes|choses)\b",
        r"\b(?:sla(?:at|an|agt|ad|dt)?|sloeg\w*|geslagen|mep\w*|gemept|schop\w*|geschopt"
        r"|stamp(?:t|en|te)|gestampt|trap(?:t|pen|te)|getrapt|duw(?:t|en|de|den)?|geduwd"
        r"|gewelddadig\w*|mishandel\w*|wurg\w*|gewurgd|kneep|geknepen|gebeten|bijt)\b",
        r"\bklop(?:t|pen|te)\W+(?:me|mij|ons|haar|hem|de|mijn|m\W*n|mn)\b",
        r"\b(?:een\W+)?klap\b",
        r"\bklappen\W+(?:gegeven|krijgen|gekregen)\b",
        r"\bpijn\W+(?:gedaan|doen|doet|deed)\b",
        r"\bdoet\W+(?:me|mij)\W+pijn\b",
        r"\bblauwe?\W+(?:plekken|oog|ogen)\b",
        r"\bin\W+elkaar\W+(?:geslagen|slaan|geklopt)\b",
        r"\b(?:fysiek|lichamelijk)e?\W+geweld\b",
        r"\bknijp\w*\W+(?:\w+\W+)?keel\b",
        r"\b(?:een\W+)?pets(?:en)?\b",
    ),
    Happening.SEXUAL: (
        r"\bviol(?:e|ee|es|ees|er|ait|aient|s)?\b",
        r"\b(?:me|nous|la|les)\W+violent\b",
        r"\b(?<!\borientation )(?<!\bidentite )(?<!\beducation )(?<!\bsante )sexuel\w*",
        r"\battouchements?\b",
        r"\btouch\w*\W+(?:mes|ses|les|a\W+mes)\W+(?:parties|seins|fesses)\b",
        r"\b(?:forc|oblig)\w*\W+(?:\w+\W+)?a\W+(?:coucher|faire\W+l\W*amour|avoir\W+des\W+rapports"
        r"|des\W+rapports|des\W+relations|des\W+gestes|des\W+actes)\b",
        r"\b(?:rapports?|relations?)\W+(?:sexuel\w*\W+)?forcee?s?\b",
        r"\bsans\W+(?:mon|son)\W+consentement\b",
        r"\b(?:sodomi\w*|inceste)\b",
        r"\b(?:verkracht\w*|seksu\w*|sexu\w*|aanrand\w*|aangerand|betast\w*|incest)\b",
        r"\b(?:dwingt|dwong|gedwongen|dwingen)\W+(?:\w+\W+){0,2}(?:seks|tot\W+seks|seksuele"
        r"|vrijen)\b",
        r"\bseks\W+(?:tegen\W+mijn\W+wil|zonder\W+(?:mijn\W+)?toestemming)\b",
        r"\bmisbruikt\W+(?:me|mij)\b",
        r"\bm\W*(?:e\W+)?touch(?:e|ent|ait|aient)\b",
        r"\btouch(?:e|ent|ait)\W+(?:ma|sa|la|mon|son|le)\W+(?:fille|petite|niece|soeur|fils|petit"
        r"|neveu|frere)\b",
        r"\bzit\W+(?:\w+\W+)?aan\W+(?:me|mij|haar|hem)\b",
        r"\b(?:me|mij)\W+(?:\w+\W+)?misbruikt\b",
    ),
    Happening.NEGLECT: (
        r"\b(?:neglig\w*|delaiss\w*|affame\w*)\b",
        r"\blaiss\w*\W+(?:seule?s?|tout\W+seule?s?|sans\W+(?:manger|soins|nourriture))\b",
        r"\b(?:pas|plus|rien)\W+(?:assez\W+)?(?:a|de|d)\W*(?:manger|nourriture)\b",
        r"\bne\W+(?:mange|mangent)\W+pas\W+(?:assez|a\W+sa\W+faim)\b",
        r"\bsans\W+(?:soins|nourriture|manger)\b",
        r"\bpas\W+soigne\w*",
        r"\bmal\W+nourri\w*",
        r"\bne\W+s\W*(?:en\W+)?occup\w*\W+pas\b",
        r"\bprive\w*\W+de\W+(?:nourriture|manger|soins|medicaments)\b",
        r"\b(?:verwaarloos\w*|verwaarlozing|verwaarlozen)\b",
        r"\bgeen\W+(?:eten|verzorging|zorg)\b",
        r"\b(?:niet|nooit)\W+genoeg\W+(?:eten|te\W+eten)\b",
        r"\bkrijgt\W+(?:niet|geen)\W+(?:genoeg\W+)?(?:eten|zorg)\b",
        r"\blaat\W+(?:\w+\W+)?alleen\W+(?:thuis|liggen|zitten)\b",
        r"\bniet\W+(?:verzorgd|gewassen)\b",
        r"\bhonger\b",
        r"\bzorgt\W+(?:niet|slecht)\W+(?:meer\W+)?voor\b",
    ),
    Happening.HONOUR: (
        r"\bmariages?\W+(?:force|forcee|arrange|contraint)\w*",
        r"\bmari\w*\W+de\W+force\b",
        r"\b(?:veut|veulent|voulait|voulaient|vont|va)\W+me\W+marier\b",
        r"\bme\W+marier\W+(?:contre|sans|de\W+force)\b",
        r"\b(?:honneur|deshonneur|virginite|excision|excisee)\b",
        r"\bhonte\W+(?:sur|pour)\W+(?:la|ma|notre)\W+famille\b",
        r"\bau\W+pays\W+pour\W+(?:me\W+)?marier\b",
        r"\bmutilations?\W+genitales?\b",
        r"\bgedwongen\W+(?:huwelijk|te\W+trouwen|trouwen)\b",
        r"\b(?:uithuwelijk\w*|uitgehuwelijkt|eerwraak|eergerelateerd\w*|eer\w*gerelateerd"
        r"|maagdelijkheid|besnijd\w*)\b",
        r"\bfamilie\W*eer\b",
        r"\beer\W+van\W+(?:de|mijn|onze)\W+familie\b",
        r"\b(?:moet|moeten)\W+(?:\w+\W+){0,3}trouwen\b",
        r"\bwillen\W+(?:dat\W+ik\W+)?(?:\w+\W+){0,3}trouwen\b",
        r"\b(?:wil|willen)\W+dat\W+ik\W+(?:\w+\W+){0,3}trouw\b",
        r"\bgenitale\W+verminking\b",
        r"\bschande\W+(?:over|voor)\W+(?:de|onze|mijn)\W+familie\b",
        r"\beer\b",
    ),
    Happening.UNSURE: (
        r"\bquelque\W+chose\W+(?:ne\W+va\W+pas|cloche|d\W*anormal|de\W+pas\W+normal"
        r"|qui\W+ne\W+va\W+pas)\b",
        r"\b(?:est\W+ce(?:\W+que\W+c\W*est)?|c\W*est|cest)\W+(?:\w+\W+)?normal\b",
        r"\bpas\W+normal\b",
        r"\bje\W+(?:ne\W+)?sais\W+pas\W+(?:si|bien|trop\W+si)\b",
        r"\b(?:bizarre|malaise|mal\W+a\W+l\W*aise)\b",
        r"\bca\W+ne\W+va\W+pas\b",
        r"\bklopt\W+(?:er\W+)?(?:iets|wat)\W+niet\b",
        r"\bniet\W+pluis\b",
        r"\bvoelt\W+niet\W+(?:goed|juist)\b",
        r"\bis\W+(?:dit|dat|het)\W+(?:\w+\W+)?normaal\b",
        r"\bweet\W+(?:het\W+)?niet\W+(?:of|goed)\b",
    ),
}

_RED_FLAGS: dict[RedFlag, tuple[str, ...]] = {
    RedFlag.THREAT_TO_KILL: (
        r"\bmenac\w*\W+(?:\w+\W+){0,2}?(?:de\W+|d\W*)?(?:me\W+|m\W*|nous\W+|te\W+|t\W*|la\W+|le\W+"
        r"|les\W+|l\W*|vous\W+|se\W+|s\W*)?(?:tuer|buter|suicider|egorger|faire\W+la\W+peau)\b",
        r"\bmenac\w*\W+(?:\w+\W+){0,2}?de\W+mort\b",
        r"\bmenaces?\W+de\W+(?:mort|tuer)\b",
        r"\bdit\W+(?:qu\W*il|qu\W*elle|qu\W*ils)\W+(?:va|allait|irait|pourrait|vont|allaient)\W+"
        r"(?:me|m|nous|les|la|le|l|se|s)\W*(?:tuer|buter|suicider)\b",
        r"\b(?:dreig\w*|gedreigd|bedreig\w*)\W+(?:\w+\W+){0,4}?(?:te\W+)?(?:vermoorden|doden"
        r"|dood\W*(?:te\W+)?maken|af\W*te\W+maken|afmaken|kapot\W*te\W+maken|zelfmoord|dood)\b",
        r"\b(?:dreig\w*|gedreigd)\W+(?:\w+\W+){0,3}?zichzelf\b",
        r"\bdoodsbedreiging\w*",
        r"\bmet\W+de\W+dood\W+bedreigd\b",
        r"\bzegt\W+dat\W+(?:hij|ze|zij|ie)\W+(?:me|mij|ons|de\W+kinderen)\W+(?:gaat|zal)\W+"
        r"(?:vermoorden|doden|afmaken)\b",
    ),
    RedFlag.STRANGULATION: (
        r"\b(?:etrangl\w*|etouff\w*|strangul\w*)",
        r"\b(?:serr\w*|pris\w*|tenu\w*|attrap\w*|tient|prend)\W+(?:\w+\W+){0,2}?(?:le\W+|mon\W+"
        r"|ma\W+|la\W+)?(?:cou|gorge)\b",
        r"\bpar\W+la\W+gorge\b",
        r"\b(?:wurg\w*|gewurgd|verstik\w*)",
        r"\b(?:keel|nek)\W+(?:\w+\W+)?(?:dicht|toe)\w*",
        r"\b(?:knijp\w*|kneep|geknepen|dichtgeknepen|dichtknijpen|dichtkneep)\W+(?:\w+\W+){0,2}?"
        r"(?:keel|nek)\b",
        r"\bnaar\W+de\W+keel\b",
        r"\bhand\w*\W+rond\W+(?:mijn|m\W*n|mn|haar|zijn)\W+(?:keel|nek)\b",
    ),
    RedFlag.WEAPON: (*_WEAPONS_FR, *_WEAPONS_NL, r"\barme\W+a\W+feu\b"),
    RedFlag.ESCALATION: (
        r"\bde\W+plus\W+en\W+plus\b",
        r"\bplus\W+(?:souvent|frequent\w*|grave\w*|violent\w*|fort)\b",
        r"\b(?:pire|empir\w*|aggrav\w*|escalad\w*)\b",
        r"\bs\W*aggrav\w*",
        r"\b(?:ca|il|elle)\W+(?:augmente|s\W*intensifie)\b",
        r"\b(?:steeds|alsmaar|almaar|nog|veel)\W+(?:erger|vaker|meer|heviger|gewelddadiger)\b",
        r"\b(?:vaker|erger|escaleer\w*|escalatie|verergert)\b",
    ),
    RedFlag.SEPARATION: (
        r"\b(?:separ\w*|divorc\w*|rupture)\b",
        r"\b(?:on|nous)\W+(?:a|avons|s\W*est|nous\W+sommes)\W+(?:rompu|separe\w*|quitte\w*)\b",
        r"\bje\W+(?:l\W*ai|vais\W+l\W*|veux\W+l\W*|voudrais\W+l\W*|compte\W+l\W*|vais\W+le\W+"
        r"|veux\W+le\W+|vais\W+la\W+|veux\W+la\W+)\W*quitt\w*",
        r"\b(?:il|elle)\W+m\W*a\W+quitt\w*",
        r"\bquitt\w*\W+(?:mon|ma)\W+(?:mari|femme|copain|copine|compagnon|compagne|conjoint|mec"
        r"|homme|ex)\b",
        r"\bquitt\w*\W+(?:le|la)\W+(?:domicile|maison)\b",
        r"\bpartie?\W+de\W+(?:chez\W+(?:lui|nous|elle)|la\W+maison)\b",
        r"\bje\W+suis\W+partie?\b",
        r"\bon\W+n\W*est\W+plus\W+ensemble\b",
        r"\b(?:ge)?schei(?:den|ding|dt|d|dingen)\b",
        r"\buit\W+elkaar\b",
        r"\b(?:verla(?:ten|at))\W+(?:hem|haar)\b",
        r"\b(?:hem|haar|mijn\W+(?:man|vrouw|vriend|vriendin|partner))\W+(?:\w+\W+)?verlaten\b",
        r"\b(?:heb|ben)\W+(?:het\W+)?(?:uitgemaakt|weggegaan|vertrokken|gevlucht)\b",
        r"\b(?:uitgemaakt|breuk)\b",
        r"\bweg\W+(?:bij|van)\W+(?:hem|haar)\b",
        r"\bniet\W+meer\W+samen\b",
    ),
    RedFlag.FEAR_OF_DEATH: (
        r"\b(?:va|vont|pourrait|pourraient|peut|peuvent|capable\W+de|risque\W+de|finira\W+par"
        r"|finir\W+par)\W+(?:me|m|nous|vous|te)\W*tuer\b",
        r"\bpeur\W+(?:qu\W*(?:il|elle|ils)\W+(?:ne\W+)?(?:me|nous|vous)\W*tu\w*|pour\W+(?:ma|mes"
        r"|nos|notre)\W+vie|de\W+mourir|d\W*etre\W+tue\w*)",
        r"\bje\W+vais\W+mourir\b",
        r"\bva\W+me\W+faire\W+la\W+peau\b",
        r"\b(?:gaat|gaan|kan|kunnen|zou|zouden|zal|zullen|in\W+staat)\W+(?:\w+\W+)?(?:me|mij|ons"
        r"|je|jou)\W+(?:\w+\W+){0,2}?(?:vermoorden|doden|doodmaken|dood\W+maken|afmaken"
        r"|om\W+het\W+leven\W+brengen)\b",
        r"\b(?:je|me|mij|jou)\W+zou\W+kunnen\W+(?:doden|vermoorden)\b",
        r"\b(?:me|mij|ons)\W+(?:\w+\W+)?(?:kan|kunnen|zou|zal|gaat|wil)\W+(?:\w+\W+)?"
        r"(?:vermoorden|doden|doodmaken|afmaken)\b",
        r"\bbang\W+(?:dat\W+(?:hij|ie|ze|zij)\W+(?:me|mij|ons)\W+(?:\w+\W+)?(?:vermoordt|vermoord"
        r"|doodt|dood\W*maakt|iets\W+aandoet)|voor\W+(?:mijn|m\W*n|mn|ons)\W+leven"
        r"|om\W+dood\W+te\W+gaan)",
        r"\bdoodsangst",
    ),
    RedFlag.NONE: (
        r"^\W*(?:rien\W+de\W+(?:tout\W+)?(?:cela|ca|ceci)|rien\W+de\W+ca|aucune?(?:\W+de\W+"
        r"(?:ces|celles|ceux)(?:\W+choses)?)?|rien|niets(?:\W+van\W+(?:dit\W+)?(?:alles|dat|deze"
        r"|die))?|niets\W+daarvan|geen(?:\W+enkele)?(?:\W+van\W+(?:deze|die|allen|alle))?"
        r"|non\W+rien|nee\W+niets|neen\W+niets)\W*$",
        r"\brien\W+de\W+tout\W+(?:cela|ca)\b",
        r"\bniets\W+van\W+dit\W+alles\b",
    ),
}

_NEEDS: dict[Need, tuple[str, ...]] = {
    Need.TALK: (
        r"\bparler\W+a\W+(?:quelqu\W*un|qqn|une\W+personne|un\W+professionnel\w*|un\W+psy"
        r"|une\W+psy)\b",
        r"\b(?:besoin|envie)\W+(?:de\W+|d\W*)(?:parler|en\W+parler|me\W+confier|ecoute)\b",
        r"\b(?:veux|voudrais|aimerais|peux|pouvoir)\W+(?!pas\b|plus\b|jamais\b)(?:\w+\W+)?"
        r"(?:en\W+)?parler\b",
        r"\b(?:me\W+confier|etre\W+ecoutee?|une\W+ecoute|ligne\W+d\W*ecoute|anonyme\w*"
        r"|tchat\w*|chatter|chat)\b",
        r"\bquelqu\W*un\W+a\W+qui\W+parler\b",
        r"\b(?:wil|willen|zou|graag|kan|kunnen|moet|even|iemand\W+om\W+mee\W+te)\W+(?:\w+\W+){0,3}?"
        r"(?:praten|klappen|babbelen)\b",
        r"\bmet\W+iemand\W+(?:\w+\W+)?(?:praten|spreken|klappen)\b",
        r"\b(?:anoniem\w*|luisterend\W+oor|chatten|erover\W+praten)\b",
        r"\bmijn\W+verhaal\W+(?:kwijt|vertellen|doen)\b",
    ),
    Need.RIGHTS: (
        r"\b(?:mes\W+droits|plainte|avocat\w*|juridique\w*|justice|tribunal|juge|commissariat"
        r"|ordonnance|pro\W+deo)\b",
        r"\b(?:porter|deposer)\W+(?:une\W+)?plainte\b",
        r"\b(?:aller|aille|vais|voudrais|veux)\W+(?:a\W+la|au|chez\W+la|voir\W+la)\W+"
        r"(?:police|commissariat)\b",
        r"\bgarde\W+des\W+enfants\b",
        r"\binterdiction\W+de\W+residence\b",
        r"\b(?:mijn\W+rechten|rechten\W+kennen|klacht\w*|aangifte|advocaat|advocate"
        r"|juridisch\w*|justitie\w*|rechtbank|rechter|politiekantoor|huisverbod|straatverbod"
        r"|rechtsbijstand|voogdij|omgangsregeling)\b",
        r"\bnaar\W+de\W+politie\b",
    ),
    Need.SAFE_PLACE: (
        r"\b(?:pour|ou|de|a)\W+dormir\b",
        r"\b(?:endroit|lieu)\W+(?:sur|securise)\b",
        r"\b(?:heberg\w*|refuge|abri)\b",
        r"\bfoyer\W+(?:d\W*accueil|pour\W+femmes)\b",
        r"\b(?:maison|centre)\W+d\W*(?:accueil|hebergement)\b",
        r"\b(?:me\W+)?mettre\W+a\W+l\W*abri\b",
        r"\b(?:partir|quitter|fuir|sortir)\W+de\W+(?:chez\W+moi|chez\W+nous|la\W+maison)\b",
        r"\b(?:ou|nulle\W+part\W+ou)\W+aller\b",
        r"\b(?:a|dans)\W+la\W+rue\b",
        r"\blogement\W+d\W*urgence\b",
        r"\bun\W+toit\b",
        r"\bme\W+cacher\b",
        r"\bveilige\W+(?:plek|plaats|opvang|woning)\b",
        r"\b(?:plek|plaats|ergens)\W+(?:\w+\W+)?(?:om\W+te\W+)?(?:slapen|verblijven|logeren"
        r"|onderduiken)\b",
        r"\b(?:opvang\w*|vluchthuis|vrouwenopvang|blijfhuis|onderdak|slaapplaats|crisisopvang"
        r"|dakloos|onderduiken)\b",
        r"\bweg\W+van\W+(?:huis|thuis)\b",
        r"\b(?:waar|wa)\W+(?:kan|moet)\W+ik\W+(?:\w+\W+)?(?:naartoe|heen|slapen|blijven)\b",
        r"\bop\W+straat\b",
        r"\b(?:waar|ergens)\W+naartoe\b",
        r"\bniet\W+meer\W+naar\W+huis\b",
    ),
    Need.MEDICAL: (
        r"\bsoins?\W+medicaux\b",
        r"\b(?<!\bsuis )(?<!\bcomme )(?:medecin|docteur|toubib|hopital|hosto|urgences|cpvs"
        r"|gynecologue)\b",
        r"\b(?:besoin\W+de\W+|me\W+faire\W+)soign\w*",
        r"\b(?<!\bles )soins\b",
        r"\b(?:certificat|examen|constat)\W+medical\b",
        r"\bconstat\W+de\W+(?:coups|lesions)\b",
        r"\b(?:blessee?s?|blessures?)\b",
        r"\bpilule\W+du\W+lendemain\b",
        r"\bmedische?\W+(?:zorg|hulp|onderzoek|attest|verzorging)\b",
        r"\b(?<!\bben )(?<!\bals )(?:dokter|huisarts|arts)\b",
        r"\b(?:ziekenhuis|spoedafdeling|spoedgevallen|spoed|gewond|verwond\w*|letsels?|zsg)\b",
        r"\bverzorgd\W+worden\b",
        r"\bmorning\W*after\W*pil\b",
    ),
    Need.STOP_VIOLENCE: (
        r"\barreter\W+(?:la\W+|ma\W+|de\W+|d\W*)?(?:violence|frapper|taper|crier|etre\W+violente?"
        r"|m\W*enerver|battre)\b",
        r"\b(?:gerer|controler|maitriser)\W+(?:ma\W+)?(?:colere|violence|agressivite"
        r"|impulsivite)\b",
        r"\bgestion\W+de\W+(?:la\W+|ma\W+)?colere\b",
        r"\bme\W+(?:controler|calmer|maitriser)\b",
        r"\b(?:la\W+mienne|ma\W+(?:propre\W+)?violence)\b",
        r"\bne\W+plus\W+(?:frapper|etre\W+violente?|crier)\b",
        r"\b(?:changer|soigner)\W+mon\W+comportement\b",
        r"\bstoppen\W+met\W+(?:mijn\W+)?(?:slaan|roepen|schreeuwen|geweld|schelden|agressie"
        r"|duwen)\b",
        r"\bmet\W+(?:mijn\W+)?geweld\W+(?:te\W+)?stoppen\b",
        r"\b(?:woede|agressie|kwaadheid)\W+(?:onder\W+controle|beheersen|de\W+baas)\b",
        r"\b(?:agressiebeheersing|agressietraining|daderhulp|plegerhulp)\b",
        r"\bomgaan\W+met\W+(?:mijn\W+)?(?:woede|agressie|kwaadheid)\b",
        r"\bniet\W+meer\W+(?:slaan|roepen)\b",
        r"\bhulp\W+voor\W+(?:daders|plegers)\b",
    ),
    Need.PARENTING: (
        r"\beducation\W+de\W+(?:mes|mon|ma|nos)\b",
        r"\b(?:eduquer|parentalite)\b",
        r"\belever\W+(?:mes|mon|ma)\b",
        r"\bsoutien\W+(?:a\W+la\W+|pour\W+la\W+|aux\W+)?parent\w*",
        r"\b(?:n\W*y\W+arrive|m\W*en\W+sors)\W+plus\W+avec\W+(?:mes|mon|ma)\W+(?:enfants?|fils"
        r"|fille|ado)\b",
        r"\becole\W+des\W+parents\b",
        r"\b(?:aide|soutien)\W+pour\W+mes\W+enfants\b",
        r"\bl\W*one\b",
        r"\b(?:opvoed\w*|ouderschap)\b",
        r"\bhuis\W+van\W+het\W+kind\b",
        r"\bkind\W+en\W+gezin\b",
        r"\b(?:kan|kunnen)\W+(?:mijn|m\W*n|mn|onze)\W+(?:kinderen|kind|zoon|dochter)\W+niet\W+"
        r"(?:meer\W+)?aan\b",
        r"\bsteun\W+als\W+ouder\b",
    ),
    Need.SOCIAL_SUPPORT: (
        r"\b(?:logement|loyer|cpas|revenus?|dettes?|endett\w*|chomage|allocations?|mutuelle"
        r"|factures?)\b",
        r"\baide\W+sociale\b",
        r"\b(?:pas|plus|sans)\W+(?:d\W*|de\W+)?(?:argent|revenus?)\b",
        r"\btrouver\W+un\W+(?:logement|appart\w*|travail|emploi)\b",
        r"\b(?:woning|huisvesting|huur|ocmw|inkomen|leefloon|schulden|schuld\w*bemiddeling"
        r"|uitkering|werkloos\w*|rekeningen|budgetbeheer)\b",
        r"\bsociale\W+(?:hulp|dienst|woning)\b",
        r"\b(?:geen|te\W+weinig)\W+geld\b",
        r"\bfinanciele\W+hulp\b",
    ),
}

_DONT_KNOW = (
    r"(?:^|[.,;:!?]\W*|\b(?:euh|bah|ben|pff|non|nee|neen|ok|oh|hmm|ah|eh|bof)\W+)"
    r"(?:je\W+(?:ne\W+)?sais\W+(?:pas|plus)|j\W*sais\W+pas|jsp|chais\W+pas|sais\W+pas"
    r"|aucune\W+idee|pas\W+d\W*idee|je\W+ne\W+suis\W+pas\W+sure?|pas\W+sure?|je\W+sais\W+plus"
    r"|(?:ik\W+)?weet\W+(?:ik\W+)?(?:het\W+)?(?:niet|nie|ni)|k\W+weet\W+(?:het\W+)?(?:niet|nie)"
    r"|weetnie|geen\W+(?:flauw\W+)?(?:idee|gedacht)|idk|dunno|no\W+idea|onbekend)"
    r"\W*(?:(?:trop|vraiment|du\W+tout|exactement|echt|eigenlijk|zo\W+goed|precies)\W*)?"
    r"(?:$|[.,;:!?])"
)
_RATHER_NOT_SAY = (
    r"\b(?:je\W+)?(?:prefere|preferes|prefererais)\W+(?:ne\W+)?(?:pas|rien)\W*"
    r"(?:(?:le\W+|en\W+)?(?:repondre|dire|parler|preciser)\b|$|[.,!?])",
    r"\b(?:ne\W+)?veux\W+pas\W+(?:le\W+|en\W+|vous\W+le\W+)?(?:dire|repondre|parler"
    r"|preciser)\b",
    r"\bpas\W+envie\W+d\W*(?:en\W+parler|repondre|le\W+dire)\b",
    r"\bsans\W+reponse\b",
    r"\bca\W+ne\W+vous\W+regarde\W+pas\b",
    r"\b(?:zeg|vertel)\W+ik\W+liever\W+niet\b",
    r"\bliever\W+niet\b",
    r"\b(?:zeg|vertel)\W+(?:het|dat)\W+liever\W+niet\b",
    r"\b(?:wil|ga)\W+ik\W+niet\W+zeggen\b",
    r"\bik\W+wil\W+(?:het\W+|dat\W+|daar\W+)?niet\W+(?:zeggen|over\W+praten|vertellen)\b",
    r"\bdaar\W+wil\W+ik\W+niet\W+over\W+praten\b",
    r"\bgeen\W+antwoord\b",
    r"\bgaat\W+(?:je|jou|u)\W+niet\W+aan\b",
)
_UNDOCUMENTED = (
    r"\bsans\W*papiers?\b",
    r"\b(?:pas|plus)\W+de\W+papiers\b",
    r"\b(?:titre|carte|permis|droit)\W+de\W+sejour\b",
    r"\b(?:mon|ma|mes)\W+sejour\b",
    r"\bsejour\W+(?:illegal|irregulier)\b",
    r"\b(?:situation|sejour)\W+irreguliere?\b",
    r"\b(?:suis|sommes|en\W+situation)\W+illegale?s?\b",
    r"\bexpuls\w*",
    r"\brenvoy\w*\W+(?:au|dans\W+mon)\W+pays\b",
    r"\bregroupement\W+familial\b",
    r"\bannexe\W+\d+\b",
    r"\b(?:demande\w*|demandeu\w*)\W+d\W*asile\b",
    r"\b(?:asile|fedasil)\b",
    r"\boffice\W+des\W+etrangers\b",
    r"\bcarte\W+orange\b",
    r"\bzonder\W+(?:geldige\W+)?(?:papieren|verblijfs\w*)\b",
    r"\bgeen\W+(?:geldige\W+)?(?:papieren|verblijfsvergunning|verblijfsrecht|verblijfskaart)\b",
    r"\bpapieren\W+(?:zijn\W+)?niet\W+in\W+orde\b",
    r"\bverblijfs\w*",
    r"\b(?:ben|zijn)\W+illegaal\b",
    r"\billegaal\W+in\W+belgie\b",
    r"\b(?:uitgewezen|uitzetting|uitgezet|gezinshereniging|asiel\w*|dvz)\b",
    r"\bdienst\W+vreemdelingenzaken\b",
    r"\bhet\W+land\W+uit\b",
    r"\boranje\W+kaart\b",
)

# Q2 and Q3 answered with the button's words (B.2), or close to them: they win over guesses.
_WHO_ANSWERS: dict[Who, tuple[str, ...]] = {
    Who.ME: (
        r"^\W*(?:(?:c\W*est\W+)?pour\W+moi(?:\W*meme)?|moi(?:\W*meme)?|(?:het\W+is\W+)?voor\W+"
        r"(?:mezelf|mijzelf|mij|me)|mezelf|mijzelf|ikzelf|ik\W+zelf|ik)\W*$",
    ),
    Who.CHILD: (
        r"^\W*pour\W+(?:un|une|mon|ma|mes|des|l)\W*(?:enfants?|fils|filles?|bebes?|petits?\W*"
        r"enfants?|ados?|adolescente?s?)\W*$",
        r"^\W*voor\W+(?:een|mijn|m\W*n|mn|ons|onze)\W+(?:kind|kinderen|zoon|dochter|baby"
        r"|kleinkind|tiener)\W*$",
    ),
    Who.OLDER_PERSON: (
        r"\bpour\W+(?:une|un|ma|mon)\W+(?:personne\W+agee|senior|aine|personne\W+de\W+plus\W+de)",
        r"\bvoor\W+(?:een|mijn)\W+(?:oudere|bejaarde|senior)",
    ),
    Who.ADULT_AROUND_ME: (
        r"\badulte\W+de\W+mon\W+entourage\b",
        r"\bvolwassene\W+in\W+mijn\W+omgeving\b",
        r"^\W*pour\W+(?:une|un|mon|ma)\W+(?:amie?|voisine?|proche|collegue|connaissance)\W*$",
        r"^\W*voor\W+(?:een|mijn)\W+(?:vriend\w*|buurvrouw|buurman|collega|kennis)\W*$",
    ),
}
_RELATIONSHIP_ANSWERS: dict[Relationship, tuple[str, ...]] = {
    Relationship.PARTNER: (
        r"^\W*partenaire\W+ou\W+ex\W*partenaire\W*$",
        r"^\W*\(?\W*ex\W*\)?\W*partner\W*$",
    ),
    Relationship.PARENT: (
        r"^\W*un\W+parent\W+ou\W+(?:un\W+)?beau\W*parent\W*$",
        r"^\W*ouder\W+of\W+plusouder\W*$",
    ),
    Relationship.CHILD: (
        r"^\W*un\W+enfant\W+ou\W+(?:un\W+)?petit\W*enfant\W*$",
        r"^\W*\(?\W*klein\W*\)?\W*kind\W*$",
    ),
    Relationship.SIBLING: (
        r"^\W*un\W+frere\W+ou\W+une\W+soeur\W*$",
        r"^\W*broer\W+of\W+zus\W*$",
    ),
    Relationship.SEVERAL_FAMILY: (
        r"\bplusieurs\W+membres\W+de\W+(?:la|ma)\W+famille\b",
        r"\bmeerdere\W+familieleden\b",
    ),
    Relationship.HOUSEHOLD_OTHER: (
        r"\bune\W+autre\W+personne\W+de\W+la\W+maison\b",
        r"\biemand\W+anders\W+in\W+(?:het\W+)?huis\b",
    ),
}

_PROFESSIONAL = (
    r"\b(?:je\W+suis|jsuis|chui|en\W+tant\W+qu\W*(?:e\W+)?|comme)\W*(?:un\W+|une\W+)?"
    r"(?:assistante?\W+sociale?|as\b|travailleu(?:r|se)\W+sociale?|infirmi\w*|medecin\w*"
    r"|docteur\w*|generaliste|pediatre|gynecologue|sage\W*femme|psychologue|psy\b|therapeute"
    r"|enseignante?|professeure?|prof\b|institut\w*|instit\b|educat\w*|puericult\w*"
    r"|policier\w*|agente?\W+de\W+(?:police|quartier)|inspect\w*|avocate?|juriste|magistrat\w*"
    r"|animat\w*|directeur\w*|directrice|coordinat\w*|intervenant\w*|accompagnat\w*"
    r"|aide\W*soignante?|kine\w*|logopede|pharmacien\w*|professionnel\w*|pro\b|benevole\w*"
    r"|mediat\w*|conseill\w*|assistante?\W+en\W+psychologie)",
    r"\bje\W+travaille\W+(?:au|a\W+la|dans\W+(?:un|une|le|la)|pour\W+(?:un|une|le|la)|a\W+l"
    r"|en|chez)\W*(?:cpas|ecole|hopital|creche|service|police|one|asbl|maison\W+medicale|centre"
    r"|cpms|pms|planning|sos\W+enfants|saj|spj|aide\W+a\W+la\W+jeunesse|commune|home"
    r"|maison\W+de\W+repos)\b",
    r"\b(?:un\W+de\W+mes|une\W+de\W+mes|mon|ma|mes)\W+(?:eleves?|patiente?s?|cliente?s?"
    r"|beneficiaires?|usagers?|residente?s?)\b",
    r"\b(?:ik\W+ben|k\W+ben|ik\W+werk\W+als|als)\W+(?:een\W+|de\W+)?(?:leerkracht\w*|leraar"
    r"|lerares|juf|juffrouw|meester|docent\w*|maatschappelijk\W+(?:werker|werkster|assistent\w*)"
    r"|sociaal\W+(?:werker|assistent\w*)|verpleeg\w*|verpleger|huisarts|dokter|arts|kinderarts"
    r"|gynaecoloog|vroedvrouw|psycholoog|psychologe|therapeut\w*|hulpverlener\w*|begeleider\w*"
    r"|opvoeder\w*|kinderverzorg\w*|zorgverlener|zorgkundige|politie\w*|agent\w*|wijkagent"
    r"|inspecteur|advocaat|advocate|jurist\w*|directeur|directrice|zorgcoordinator|coordinator"
    r"|professional|prof\b|clb\W*(?:medewerker|er)|vrijwilliger|onthaalmedewerker"
    r"|thuisverpleeg\w*|kinesist\w*|apotheker|leerlingbegeleider|consulent\w*|bemiddelaar"
    r"|schoolmaatschappelijk\W+werker)\b",
    r"\bik\W+werk\W+(?:bij|in|op|voor)\W+(?:een\W+|het\W+|de\W+)?(?:ocmw|caw|school|ziekenhuis"
    r"|kinderopvang|creche|politie|clb|kind\W+en\W+gezin|huis\W+van\W+het\W+kind|jac|vk"
    r"|vertrouwenscentrum|woonzorgcentrum|rusthuis|dienst|organisatie|vzw|opvang|thuiszorg"
    r"|huisartsenpraktijk|wijkgezondheidscentrum|gemeente)\b",
    r"\b(?:een\W+van\W+mijn|mijn)\W+(?:leerlingen?|patient\w*|client\w*|bewoners?)\b",
    r"\b(?:leerling|patient\w*|client\w*)\W+van\W+(?:mij|me)\b",
)
_OWN_BEHAVIOUR = (
    r"\bje\W+(?:lui\W+|leur\W+|la\W+|le\W+|les\W+|l\W*)?(?:\w+\W+)?(?:crie|hurle|gueule|frappe"
    r"|tape|bats|cogne|insulte|menace|pousse|gifle|rabaisse|controle|secoue|bouscule|humilie"
    r"|engueule)\b(?!\W+(?:a\W+la\W+porte|pas|jamais|plus))",
    r"\bj\W*ai\W+(?:deja\W+|encore\W+|souvent\W+)?(?:frappe|tape|battu|gifle|pousse|insulte"
    r"|menace|bouscule|secoue|cogne|leve\W+la\W+main)\W+(?:sur\W+)?(?:ma|mon|mes|la|le|les|l"
    r"|lui|leur)\b",
    r"\bpeur\W+de\W+(?:la\W+|le\W+|les\W+|l\W*|lui\W+|leur\W+)?(?:frapper|taper|blesser|tuer"
    r"|faire\W+du\W+mal|perdre\W+le\W+controle)\b",
    r"\b(?:mon|ma)\W+(?:propre\W+)?(?:comportement|violence|colere|agressivite)\b",
    r"\bje\W+(?:suis|deviens)\W+(?:\w+\W+)?(?:violente?|agressi(?:f|ve))\b",
    r"\bje\W+perds?\W+(?:le\W+controle|mon\W+calme|les\W+pedales|patience)\b",
    r"\bje\W+m\W*emporte\b",
    r"\bje\W+n\W*arrive\W+pas\W+a\W+me\W+(?:controler|calmer|retenir|maitriser)\b",
    r"\barreter\W+(?:de\W+)?(?:frapper|taper|crier|etre\W+violente?)\b",
    r"\b(?:la\W+mienne|ma\W+propre\W+violence)\b",
    r"\bje\W+suis\W+(?:un|une|l)\W*(?:auteur|agresseur|agresseuse)\b",
    r"\b(?:ik|k)\W+(?:\w+\W+)?(?:sla|roep|scheld|schreeuw|duw|schop|bedreig|kleineer|controleer"
    r"|knijp|stamp|tier|mep)\b",
    r"\b(?:ik|k)\W+heb\W+(?:\w+\W+){0,3}(?:geslagen|geduwd|bedreigd|geschopt|uitgescholden"
    r"|gemept|pijn\W+gedaan)\b",
    r"\bik\W+(?:word|ben|wordt)\W+(?:soms\W+|snel\W+|vaak\W+|te\W+|heel\W+)?(?:agressief"
    r"|gewelddadig)\b",
    r"\bmijn\W+(?:eigen\W+)?(?:gedrag|geweld|agressie|woede|kwaadheid)\b",
    r"\bstoppen\W+met\W+(?:slaan|roepen|schreeuwen|geweld|schelden|duwen)\b",
    r"\bmet\W+\(?\W*mijn\W*\)?\W+geweld\W+(?:te\W+)?stoppen\b",
    r"\bik\W+verlies\W+(?:de\W+|mijn\W+)?(?:controle|zelfbeheersing)\b",
    r"\bik\W+kan\W+me\W+(?:niet\W+)?(?:meer\W+)?beheersen\b",
    r"\bbang\W+dat\W+ik\W+(?:haar|hem|ze|mijn|m\W*n)\W+(?:\w+\W+)?(?:sla|pijn|iets\W+aandoe)\b",
    r"\bik\W+ben\W+(?:de\W+)?(?:dader|pleger)\b",
)
_FIRST_PERSON_VICTIM = (
    r"\b(?<!\bje )m(?:e)?\b\W*(?:a\W+|ont\W+|avait\W+|as\W+)?(?:\w+\W+)?(?:frapp|bat\b|battu"
    r"|tap|cogn|gifl|tabass|insult|rabaiss|humili|menac|control|surveill|viol|forc|oblig|pouss"
    r"|bouscul|etrangl|etouff|maltrait|neglig|enferm|interdi|empech|harcel|trait|terroris|isol"
    r"|brul|mord|secou|cri|hurl|engueul|tue|tuer|prend|pren|vol|touch|agress|fai[ts]\W+(?:du\W+)?"
    r"mal|fai[ts]\W+peur|marier|manipul|denigr|mepris|abus|prive|sequestr|poursui)",
    r"\b(?:cri\w*|hurl\w*|gueul\w*|tap\w*|frapp?\w*)\W+(?:\w+\W+)?(?:sur|contre|apres)\W+moi\b",
    r"\b(?:je\W+suis|jsuis|chui|j\W*ai\W+ete|je\W+me\W+fais|je\W+me\W+suis\W+fait|je\W+me\W+"
    r"suis\W+faite)\W+(?:\w+\W+)?(?:frapp|battu|tap|cogn|gifl|tabass|insult|rabaiss|humili|menac"
    r"|control|viol|forc|oblig|pouss|etrangl|maltrait|neglig|enferm|harcel|agress|victime|abus"
    r"|sequestr|terroris|isol|mordu|brul)",
    r"\b(?:j\W*ai|g|jai)\W+peur\W+(?:qu\W*il|qu\W*elle)",
    r"\bpeur\W+(?:de\W+lui|d\W*elle|d\W*eux|de\W+(?:mon|ma|mes))\b",
    r"\b(?:prend|pris|prennent|confisque|garde|vole|controle|fouille|regarde|casse|serre"
    r"|serrait)\w*\W+(?:tout\W+)?(?:mon|ma|mes)\W+(?:argent|salaire|telephone|tel|gsm|portable"
    r"|papiers|passeport|carte|cartes|paye|cou|gorge|affaires|cles)\b",
    r"\b(?:sla(?:at|an|agt|ad)?|klop(?:t|pen)|mep(?:t|pen)|schop(?:t|pen)|stamp(?:t|en)|trap(?:t"
    r"|pen)|wurg(?:t|en)|verkracht(?:en)?|vermoord(?:t|en)?|knijp(?:t|en)|duw(?:t|en)|scheld(?:t"
    r"|en)?|schreeuw(?:t|en)?|roep(?:t|en)|bedreig(?:t|en)?|dreig(?:t|en)|controleer(?:t|en)?"
    r"|kleineer(?:t|en)?|verneder(?:t|en)?|misbruik(?:t|en)?|mishandel(?:t|en)?|verwaarloos(?:t)?"
    r"|stalkt|achtervolgt"
    r"|sluit|houdt|volg(?:t|en)|bespioneer(?:t|en)|pest(?:en)?|beledig(?:t|en)|doet|deed|sloeg"
    r"|schopte|duwde|kneep|dwingt|dwong|pakt|neemt)\W+(?:(?:hij|ie|ze|zij|die)\W+)?(?:me|mij"
    r"|my)\b",
    r"\b(?:me|mij|my)\W+(?:\w+\W+){0,3}?(?:geslagen|geschopt|geduwd|gewurgd|geklopt|gemept"
    r"|gestampt|getrapt|geknepen|gebeten|gedwongen|gecontroleerd|gekleineerd|gepest|verkracht"
    r"|bedreigd|vernederd|misbruikt|mishandeld|verwaarloosd|opgesloten|uitgescholden|aangerand"
    r"|betast|bespioneerd|pijn\W+gedaan|uithuwelijken|uit\W+te\W+huwelijken|laten\W+trouwen)\b",
    r"\b(?:ik|k)\W+(?:word|wordt|werd|ben|was)\W+(?:\w+\W+){0,3}?(?:geslagen|geschopt|geduwd"
    r"|gewurgd|verkracht|bedreigd|vernederd|misbruikt|mishandeld|verwaarloosd|opgesloten"
    r"|uitgescholden|aangerand|betast|gecontroleerd|gepest|slachtoffer|gestalkt|geklopt)\b",
    r"\b(?:bang|schrik|angst)\W+(?:van|voor)\W+(?:hem|haar|mijn|m\W*n|mn|mijne|ons|zijn|die)\b",
    r"\b(?:tegen|naar)\W+(?:mij|me)\W+(?:\w+\W+)?(?:roepen|roept|schreeuwt|schreeuwen|tieren"
    r"|tiert)\b",
    r"\b(?:roept|schreeuwt|tiert)\W+(?:\w+\W+)?tegen\W+(?:mij|me)\b",
    r"\b(?:pakt|neemt|nam|pakte|houdt|controleert|checkt|bekijkt|steelt|knijpt|kneep)\W+"
    r"(?:\w+\W+)?(?:mijn|m\W*n|mn)\W+(?:geld|loon|gsm|telefoon|bankkaart|kaart|papieren"
    r"|paspoort|sleutels|keel|nek|uitkering)\b",
    r"\bme\W+(?:uit\W*)?(?:huwelijken|uithuwelijken|marier)\b",
    r"\b(?:me|mij)\W+(?:\w+\W+)?(?:stalken|achtervolgen|lastigvallen|lastig\W+vallen)\b",
    r"\b(?:wil|willen|wilt)\W+dat\W+ik\W+(?:\w+\W+){0,3}trouw\b",
    r"\bik\W+moet\W+(?:\w+\W+){0,3}trouwen\b",
    r"\b(?:veut|veulent)\W+que\W+je\W+(?:me\W+)?marie\b",
    r"\bje\W+dois\W+(?:me\W+)?marier\b",
    r"\b(?:je\W+suis|ik\W+ben)\W+(?:une\W+|la\W+|een\W+|het\W+)?(?:victime|slachtoffer)\b",
)
_USER_IS_CHILD = (
    r"\b(?:je\W+suis|jsuis|chui)\W+(?:un\W+|une\W+|encore\W+)?(?:enfant|mineure?|ado"
    r"|adolescente?|petite?\W+(?:fille|garcon)|collegien\w*|lyceen\w*)\b",
    r"\b(?:ik\W+ben|k\W+ben)\W+(?:een\W+|nog\W+)?(?:kind|minderjarig\w*|tiener|puber|meisje|jongen"
    r"|scholier)\b",
    r"\bje\W+suis\W+en\W+\w+\W*(?:e\W+)?(?:primaire|secondaire|annee)\b",
    r"\bik\W+zit\W+in\W+het\W+(?:\w+\W+){0,2}(?:leerjaar|middelbaar|secundair)\b",
    r"\b(?:ma|mon)\W+(?:maitresse|instit|institutrice)\b",
    r"\bmijn\W+(?:juf|meester)\b",
)
_USER_AGE = (
    r"\b(?:j\W*ai|g|jai)\W+(\d{1,3})\W*ans\b",
    r"\b(?:ik\W+ben|k\W+ben|ik\W+zen|ben)\W+(?:pas\W+|nog\W+maar\W+|maar\W+|nog\W+)?(\d{1,3})\b"
    r"(?!\W*(?:kg|kilo|euro|keer|min|minuten|uur|weken|maanden|dagen|jaar\W+(?:getrouwd|samen"
    r"|bij|weg|gescheiden|met)))",
    r"\bje\W+suis\W+agee?\W+de\W+(\d{1,3})\b",
)
_OLDER_CONTEXT = (
    r"\b(?:agee?s?|vieille|senior\w*|dement\w*|alzheimer|bejaard\w*|hoogbejaard\w*|oudere"
    r"|rusthuis|woonzorgcentrum|wzc|dementie|pensionn\w*|gepensioneerd)\b",
    r"\bmaison\W+de\W+repos\b",
)
_NEGATION_FR = re.compile(r"\b(?:ne|n)\b")
_NEGATION_FR_AFTER = frozenset({"pas", "jamais", "plus", "point"})
_NEGATION_NL = frozenset({"niet", "nooit", "geen", "nie", "ni"})
_NEGATION_FR_BEFORE = frozenset({"jamais"})
_KNOWING = frozenset({"weet", "weten", "wist", "snap", "begrijp"})
_CLAUSE_END = re.compile(r"[.;:!?,\n]")
_TOKEN = re.compile(r"[^\W_]+")


# -- people named in a message ------------------------------------------------------------------


class _Kin(Enum):
    """How a person named in a message relates to the writer ("ma mère" → PARENT)."""

    PARTNER = "partner"
    PARENT = "parent"
    CHILD = "child"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    GRANDPARENT = "grandparent"
    RELATIVE = "relative"  # uncle, cousin, in-laws
    FAMILY = "family"  # "ma famille": several relatives
    HOUSEHOLD = "household"
    OUTSIDE = "outside"  # neighbour, friend, colleague
    CLIENT = "client"  # a professional's pupil, patient, client


_K = _Kin
# (pattern, kin with "mon/mijn/son/zijn…", kin without a possessive or None when the word alone
# does not name a relative: "une femme", "een man", "la mère"). Longer entries first.
_NOUNS: tuple[tuple[str, _Kin, _Kin | None], ...] = (
    (
        r"(?:pere|papa|mere|maman|vader|moeder|mama)\W+(?:de|van|des)\W+(?:mes|mon|ma|nos|mijn"
        r"|m\W?n|mn|onze|ons)\W+(?:enfants?|fils|filles?|kinderen|kind|zoon|dochter|bebe|baby"
        r"|kids|gosses)",
        _K.PARTNER,
        _K.PARTNER,
    ),
    (r"plusieurs\W+membres\W+de\W+(?:la|ma)\W+famille", _K.FAMILY, _K.FAMILY),
    (r"meerdere\W+familieleden|familieleden|toute\W+la\W+famille", _K.FAMILY, _K.FAMILY),
    (r"autre\W+personne\W+de\W+la\W+maison", _K.HOUSEHOLD, _K.HOUSEHOLD),
    (r"iemand\W+(?:anders\W+)?(?:in|uit)\W+(?:het\W+)?huis", _K.HOUSEHOLD, _K.HOUSEHOLD),
    (
        r"quelqu\W*un\W+(?:qui\W+(?:vit|habite)\W+(?:chez\W+moi|avec\W+moi)|de\W+la\W+maison)",
        _K.HOUSEHOLD,
        _K.HOUSEHOLD,
    ),
    (
        r"petite?s?\W*(?:ami|amie|copain|copine)|ex\W*(?:mari|epou\w+|femme|conjointe?|compagnon"
        r"|compagne|copain|copine|partenaire|man|vrouw|echtgeno\w+|partner|vriend|vriendin|lief)",
        _K.PARTNER,
        _K.PARTNER,
    ),
    (
        r"petits?\W*enfants?|petit\W*fils|petite\W*fille|petites?\W*filles|klein\W*zoon"
        r"|klein\W*dochter|klein\W*kind(?:eren)?|\(\W*klein\W*\)\W*kind",
        _K.GRANDCHILD,
        _K.GRANDCHILD,
    ),
    (
        r"(?:petit|grand|demi)\W*frere|(?:petite|grande|demi)\W*soeur|half\W*(?:broer|zus)"
        r"|stief\W*(?:broer|zus)",
        _K.SIBLING,
        _K.SIBLING,
    ),
    (
        r"grand\W*(?:mere|pere|maman|papa)|grands\W*parents|bonne\W*maman|bon\W*papa"
        r"|groot\W*(?:moeder|vader|ouders)",
        _K.GRANDPARENT,
        _K.GRANDPARENT,
    ),
    (
        r"beau\W*(?:pere|parent)|belle\W*mere|stief\W*(?:vader|moeder|ouders?)"
        r"|plus\W*(?:vader|moeder|ouders?|papa|mama)|pleeg\W*(?:vader|moeder|ouders?)",
        _K.PARENT,
        _K.PARENT,
    ),
    (
        r"beau\W*fils|belle\W*fille|stief\W*(?:zoon|dochter|kind)|plus\W*kind|pleeg\W*kind",
        _K.CHILD,
        _K.CHILD,
    ),
    (
        r"beau\W*frere|belle\W*soeur|beaux\W*parents|schoon\W*(?:vader|moeder|broer|zus|zuster|zoon|dochter"
        r"|ouders)",
        _K.RELATIVE,
        _K.RELATIVE,
    ),
    (r"belle\W*famille|schoon\W*familie", _K.FAMILY, _K.FAMILY),
    (
        r"mari|epoux|epouse|conjointe?|compagnon|compagne|copain|copine|cheri|cherie|concubine?"
        r"|fiancee?|amoureux|amoureuse|echtgenoot|echtgenote|verloofde|gade|ega",
        _K.PARTNER,
        None,
    ),
    (r"partenaire|partner", _K.PARTNER, _K.PARTNER),
    (
        r"ex|femme|homme|mec|meuf|keum|jules|man|vrouw|vent|ventje|lief|liefje|madam|wijf|schat"
        r"|lieverd",
        _K.PARTNER,
        None,
    ),
    (r"vriend|vriendje|vriendin|vriendinnetje", _K.PARTNER, _K.OUTSIDE),
    (r"papa|maman|mama|pappie|mammie|paps|mams|daddy|mummy|moeke|vake", _K.PARENT, _K.PARENT),
    (r"pere|mere|daron|daronne|reum|vader|moeder|pa|ma|moe|va|ouwe|vieux", _K.PARENT, None),
    (r"parents|parent|ouders|ouder", _K.PARENT, _K.PARENT),
    (r"fils|fille|petit|petite|petits|kleine|gamin|gamine", _K.CHILD, None),
    (
        r"enfants?|filles|gosses?|bebes?|ados?|adolescente?s?|mome|zoon|dochter|kind|kinderen"
        r"|kindje|kids|baby|zoontje|dochtertje|tiener|puber",
        _K.CHILD,
        _K.CHILD,
    ),
    (r"mamie|mamy|papy|papi|oma|opa|bomma|bompa|moemoe|grootje", _K.GRANDPARENT, _K.GRANDPARENT),
    (r"meme|pepe", _K.GRANDPARENT, None),
    (
        r"freres?|soeurs?|frangine?s?|broers?|zus|zussen|zuster|zusje|broertje",
        _K.SIBLING,
        _K.SIBLING,
    ),
    (r"oncle|tante|cousine?s?|neveu|niece|oom|nonkel|neef|nicht", _K.RELATIVE, _K.RELATIVE),
    (r"famille|familie", _K.FAMILY, None),
    (r"colocataires?|coloc|huisgenote?|kotgenote?|medebewoners?", _K.HOUSEHOLD, _K.HOUSEHOLD),
    (
        r"voisine?s?|amie?s?|collegues?|buurman|buurvrouw|buren|buurmeisje|collega",
        _K.OUTSIDE,
        _K.OUTSIDE,
    ),
    (
        r"eleves?|patiente?s?|cliente?s?|beneficiaires?|usagers?|residente?s?|leerlingen?"
        r"|patienten|client\w*|bewoners?",
        _K.CLIENT,
        _K.CLIENT,
    ),
)
_CHILDISH = re.compile(r"(?:papa|maman|pappie|mammie|paps|mams|daddy|mummy|mama)$")
_MY = frozenset(_split("mon ma mes mijn mijne myn mn ons onze notre nos m'n"))
_THEIR = frozenset(_split("son sa ses leur leurs zijn zijne zyn zn haar hun der z'n"))
_ARTICLES = frozenset(
    _split("le la les l un une des du de het een ce cette ces deze die dat ne nen d the")
)
# Words that may stand between "ma" and "mère": "mijn bejaarde moeder", "ma pauvre mère".
_ADJECTIVES = frozenset(
    _split(
        "vieille vieux vieil pauvre propre jeune nouveau nouvel nouvelle cher chere aine ainee "
        "cadet cadette bejaarde oude zieke dementerende demente jonge eigen lieve arme oudste "
        "jongste"
    )
)
_NOUN = re.compile(rf"\b(?:{'|'.join(f'(?P<n{i}>{p})' for i, (p, _, _) in enumerate(_NOUNS))})\b")
_WORD_BEFORE = re.compile(r"([^\W_]+(?:'[^\W_]+)?)\W*$")


def _determiner(text: str, start: int) -> tuple[frozenset[str] | None, int]:
    """The word set (mine, theirs, articles) of the determiner before a noun, and its start."""
    for _ in range(2):  # the determiner, or an adjective and then the determiner
        word = _WORD_BEFORE.search(text, max(0, start - 16), start)
        if word is None:
            return None, start
        for kind in (_MY, _THEIR, _ARTICLES):
            if word.group(1) in kind:
                return kind, word.start()
        if word.group(1) not in _ADJECTIVES:
            return None, start
        start = word.start()
    return None, start


_MENTION_AGE = re.compile(
    r"\W*(?:(?P<pre>de|van|qui\W+a|die|agee?\W+de|age\W+de|heeft|a|is|est|wordt)\W+)?"
    r"(?P<age>\d{1,3})\W*"
    r"(?P<unit>ans|an|jaar|jr|j)?\b"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:devant|avec|pour|chez|a\W+cause\W+de|voor|met|bij|naast|sur|contre|envers|tegen"
    r"|tegenover)\W*$"
)
_MINOR_AGE = 18
_OLDER_AGE = 65


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    kin: _Kin
    mine: bool  # "mon"/"mijn" or no possessive: seen from the writer
    age: int | None
    childish: bool  # "papa", "mama": a child's words
    after_preposition: bool

    def older(self, context: bool) -> bool:
        if self.age is not None:
            return self.age >= _OLDER_AGE
        return self.kin is _Kin.GRANDPARENT or (
            context and self.kin in (_Kin.PARENT, _Kin.RELATIVE, _Kin.OUTSIDE, _Kin.HOUSEHOLD)
        )

    def minor(self) -> bool:
        if self.age is not None:
            return self.age < _MINOR_AGE
        return self.kin in (_Kin.CHILD, _Kin.GRANDCHILD)


def _mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    for m in _NOUN.finditer(text):
        name = m.lastgroup or ""
        _pattern, kin, bare = _NOUNS[int(name[1:])]
        kind, start = _determiner(text, m.start())
        their = kind is _THEIR
        chosen = kin if kind is _MY or their else bare
        if chosen is None:
            continue
        age_match = _MENTION_AGE.match(text, m.end(), min(len(text), m.end() + 24))
        age = None
        if age_match and (age_match.group("pre") or age_match.group("unit")):
            age = int(age_match.group("age"))
        found.append(
            _Mention(
                start=start,
                end=m.end(),
                kin=chosen,
                mine=not their,
                age=age,
                childish=bool(_CHILDISH.search(m.group())) and kind in (None, _MY),
                after_preposition=bool(_PREPOSITION_BEFORE.search(text, max(0, start - 20), start)),
            )
        )
    return found


# -- who does what to whom ----------------------------------------------------------------------

_ROLE_VERB = re.compile(
    r"\b(?:frapp?\w*|bat|battent|battait|battaient|battue?s?|battre|tap(?:e|es|ent|er|ait|aient"
    r"|ee|ees|pe|pent)|cogn\w*|gifl\w*|tabass\w*|insult\w*|rabaiss\w*|humili\w*|cri(?:e|ent|ait"
    r"|aient)|hurl\w*|engueul\w*|menac\w*|control\w*|surveill\w*|pren(?:d|nent|ait|aient)|pris"
    r"|vol(?:e|ent|ait)|viol(?:e|ee|ait|aient|er)|forc(?:e|ee|ent|ait)|oblig(?:e|ee|ent|ait)"
    r"|pouss(?:e|ee|ent|ait)|bouscul\w*|etrangl\w*|maltrait\w*|neglig\w*|enferm\w*|interdi\w*"
    r"|empech\w*|harcel\w*|trait(?:e|ent|ait)|abus\w*|touch(?:e|ent|ait)|terroris\w*|isol(?:e|ee"
    r"|ent)|brul\w*|mord\w*|secou(?:e|ee|ent)|jett?(?:e|ent)|marier|tuer|tue|fai[ts]\W+(?:du\W+)?"
    r"mal|fait\W+peur|laisse\w*|prive\w*|agress(?:e|ee|ent|ait|er)"
    r"|sla(?:at|an|agt|ad)?|sloeg\w*|geslagen|klop(?:t|pen)|geklopt|mep(?:t|pen)|gemept"
    r"|schop(?:t|pen|te)|geschopt|stamp(?:t|en)|trap(?:t|pen)|duw(?:t|en|de)|geduwd|wurg(?:t|en"
    r"|de)|gewurgd|verkracht\w*|vermoord\w*|knijp(?:t|en)|kneep|scheld(?:t|en)|schold"
    r"|uitgescholden|schreeuw(?:t|en|de)|roep(?:t|en)|riep|bedreig(?:t|en|de|d)|dreig(?:t|en|de)"
    r"|gedreigd|controleer(?:t|en|de|d)|gecontroleerd|kleineer(?:t|en)|gekleineerd|verneder(?:t"
    r"|en|d)|misbruik(?:t|en)|mishandel(?:t|en|d)|verwaarloos(?:t|d)|verwaarlozen|pakt|pakte"
    r"|neemt|nam|houdt|sluit|opgesloten|pest(?:t|en)?|gepest|beledig(?:t|en|d)|dwingt|dwong"
    r"|gedwongen|pijn\W+(?:doet|deed|gedaan)|uithuwelijken|uitgehuwelijkt)\b"
)
_PASSIVE = frozenset(
    _split(
        "est sont etait etaient ete suis es fait font fais faisait wordt worden word werd werden "
        "is zijn ben was waren"
    )
)
_FIRST_PERSON_PASSIVE = re.compile(
    r"\b(?:je\W+suis|jsuis|chui|j\W*ai\W+ete|je\W+me\W+fais|me\W+fais|ik\W+word|ik\W+ben"
    r"|ik\W+werd|k\W+word|k\W+ben)\W+(?:\w+\W+){0,2}$"
)
_OBJECT_ME_BEFORE = frozenset({"me", "m", "mij", "my"})
_OBJECT_ME_AFTER = frozenset({"me", "mij", "my"})
_OBJECT_OTHER_BEFORE = frozenset({"lui", "leur", "la", "le", "les", "l"})
_OBJECT_OTHER_AFTER = frozenset({"haar", "hem", "hen", "hun"})
_AGENT = re.compile(r"\b(?:par|door|de\W+la\W+part\W+(?:de|d))\W*$")
_AUXILIARY_NL = re.compile(r"\b(?:heeft|hebben|had|hadden|heb)\b")
_AND = re.compile(r"\W*(?:(?:et|en|and|ainsi\W+que|ou|of)\W*)?$")
_FEAR_OF = re.compile(r"\b(?:peur|bang|schrik|angst)\W+(?:de|d|du|des|van|voor)\W*$")


class _Me:
    """The writer, when they are the one harmed."""


_ME = _Me()
_OBJECT_DISTANCE = 24  # characters between a verb and the person it acts on
_TAKEN_AWAY = re.compile(r"\W*(?:(?:mee|weg)\W+te\W+(?:nemen|halen)|meenemen|weghalen|ontvoeren)\b")


def _object(text: str, verb_end: int, mention: _Mention, clause_end: int) -> bool:
    """Is this person the one the verb is done to? Not in "il menace de partir avec les enfants"
    nor in "hij dreigt de kinderen mee te nemen" (the threat is to the writer)."""
    if mention.after_preposition or mention.start - verb_end >= _OBJECT_DISTANCE:
        return False
    return not _TAKEN_AWAY.match(text, mention.end, clause_end)


@dataclass
class _Roles:
    victim: _Mention | _Me | None = None
    aggressors: tuple[_Mention, ...] = ()
    other_victim: bool = False  # "mon frère lui prend son argent": someone else, named earlier


def _clause_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, position):
        start = m.end()
    end_match = _CLAUSE_END.search(text, position)
    return start, end_match.start() if end_match else len(text)


def _group(text: str, mentions: Sequence[_Mention], index: int) -> tuple[_Mention, ...]:
    """A mention with the ones joined to it by "et"/"en" before it: "mon père et mes frères"."""
    members = [mentions[index]]
    while index > 0 and _AND.match(text, mentions[index - 1].end, mentions[index].start):
        index -= 1
        members.insert(0, mentions[index])
    return tuple(members)


def _roles(text: str, mentions: list[_Mention]) -> _Roles:
    roles = _Roles()
    aggressors: list[_Mention] = []
    victims: list[_Mention | _Me] = []
    for verb in _ROLE_VERB.finditer(text):
        lo, hi = _clause_bounds(text, verb.start())
        before_text = text[lo : verb.start()]
        before = _TOKEN.findall(before_text)[-3:]
        after = _TOKEN.findall(text[verb.end() : hi])[:2]
        left = [i for i, m in enumerate(mentions) if lo <= m.start and m.end <= verb.start()]
        right = [i for i, m in enumerate(mentions) if verb.end() <= m.start < hi]
        if any(t in _PASSIVE for t in before) and not _OBJECT_ME_BEFORE & set(before[-1:]):
            if _FIRST_PERSON_PASSIVE.search(before_text):
                victims.append(_ME)
            elif left:
                victims.append(mentions[left[-1]])
            else:
                earlier = [m for m in mentions if m.end <= lo]
                if earlier:
                    victims.append(earlier[-1])
            for i in (*left, *right):
                if _AGENT.search(text, lo, mentions[i].start):
                    aggressors.extend(_group(text, mentions, i))
                    break
            continue
        subject: int | None = None
        if left:
            candidate = left[-1]
            if _AUXILIARY_NL.search(text, lo, mentions[candidate].start):
                victims.append(mentions[candidate])  # "hij heeft mijn zoon geslagen"
                subject = left[-2] if len(left) > 1 else None
            elif not mentions[candidate].after_preposition:
                subject = candidate
        if subject is not None:
            aggressors.extend(_group(text, mentions, subject))
        object_follows = bool(right) and mentions[right[0]].start - verb.end() < 2
        us = after[:1] == ["ons"] and not object_follows  # "slaat ons", not "slaat ons moeke"
        if _OBJECT_ME_BEFORE & set(before[-2:]) or _OBJECT_ME_AFTER & set(after) or us:
            victims.append(_ME)
        elif right and _object(text, verb.end(), mentions[right[0]], hi):
            victims.append(mentions[right[0]])
        elif _OBJECT_OTHER_BEFORE & set(before[-2:]) or _OBJECT_OTHER_AFTER & set(after[:1]):
            roles.other_victim = True
    for i, mention in enumerate(mentions):
        if _FEAR_OF.search(text, max(0, mention.start - 16), mention.start):
            aggressors.extend(_group(text, mentions, i))
    roles.aggressors = tuple(dict.fromkeys(aggressors))
    roles.victim = victims[0] if victims else None
    return roles


_DIRECT: dict[_Kin, Relationship | None] = {
    _K.PARTNER: Relationship.PARTNER,
    _K.PARENT: Relationship.PARENT,
    _K.CHILD: Relationship.CHILD,
    _K.GRANDCHILD: Relationship.CHILD,
    _K.SIBLING: Relationship.SIBLING,
    _K.GRANDPARENT: Relationship.HOUSEHOLD_OTHER,
    _K.RELATIVE: Relationship.HOUSEHOLD_OTHER,
    _K.FAMILY: Relationship.SEVERAL_FAMILY,
    _K.HOUSEHOLD: Relationship.HOUSEHOLD_OTHER,
    _K.OUTSIDE: None,
    _K.CLIENT: None,
}
# Both people named from the writer's side ("ma mère", "mon frère"): who the second is for the
# first. Pairs not listed are another person of the household.
_SEEN_FROM: dict[tuple[_Kin, _Kin], Relationship] = {
    (_K.CHILD, _K.PARTNER): Relationship.PARENT,  # my husband hits our son: his father
    (_K.CHILD, _K.CHILD): Relationship.SIBLING,
    (_K.GRANDCHILD, _K.CHILD): Relationship.PARENT,
    (_K.GRANDCHILD, _K.GRANDCHILD): Relationship.SIBLING,
    (_K.PARENT, _K.PARENT): Relationship.PARTNER,  # my father hits my mother
    (_K.PARENT, _K.SIBLING): Relationship.CHILD,  # my brother takes my mother's money
    (_K.PARENT, _K.CHILD): Relationship.CHILD,  # a grandchild
    (_K.PARENT, _K.GRANDPARENT): Relationship.PARENT,
    (_K.GRANDPARENT, _K.PARENT): Relationship.CHILD,
    (_K.GRANDPARENT, _K.SIBLING): Relationship.CHILD,
    (_K.GRANDPARENT, _K.CHILD): Relationship.CHILD,
    (_K.GRANDPARENT, _K.RELATIVE): Relationship.CHILD,
    (_K.GRANDPARENT, _K.GRANDPARENT): Relationship.PARTNER,
    (_K.SIBLING, _K.PARENT): Relationship.PARENT,
    (_K.SIBLING, _K.SIBLING): Relationship.SIBLING,
    (_K.PARTNER, _K.CHILD): Relationship.CHILD,
}
_FAMILY_VICTIMS = frozenset(
    {_K.CHILD, _K.GRANDCHILD, _K.PARENT, _K.GRANDPARENT, _K.SIBLING, _K.PARTNER}
)


def _relationship(victim: _Mention | _Me, aggressor: _Mention) -> Relationship | None:
    if aggressor.kin is _K.FAMILY:
        return Relationship.SEVERAL_FAMILY
    if isinstance(victim, _Me) or not aggressor.mine:
        return _DIRECT[aggressor.kin]
    if victim.kin not in _FAMILY_VICTIMS or aggressor.kin in (_K.OUTSIDE, _K.CLIENT):
        return None
    return _SEEN_FROM.get((victim.kin, aggressor.kin), Relationship.HOUSEHOLD_OTHER)


# -- when (Q4b) ---------------------------------------------------------------------------------

_NUMBERS: dict[str, float] = {
    **{str(n): float(n) for n in range(0, 100)},
    **dict(
        zip(
            _split("un une deux trois quatre cinq six sept huit neuf dix onze douze"),
            (1.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0),
            strict=True,
        )
    ),
    **dict(
        zip(
            _split("een twee drie vier vijf zes zeven acht negen tien elf twaalf"),
            (1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0),
            strict=True,
        )
    ),
    "quinze": 15.0,
    "vingt": 20.0,
    "trente": 30.0,
    "veertien": 14.0,
    "vijftien": 15.0,
    "twintig": 20.0,
    "dertig": 30.0,
    "quelques": 3.0,
    "plusieurs": 3.0,
    "paar": 3.0,
    "enkele": 3.0,
    "des": 3.0,
}
_UNITS: dict[str, float] = {
    **dict.fromkeys(_split("heure heures h uur uren"), 1 / 24),
    **dict.fromkeys(_split("jour jours j dag dagen"), 1.0),
    **dict.fromkeys(_split("semaine semaines sem week weken"), 7.0),
    **dict.fromkeys(_split("mois maand maanden"), 30.0),
    **dict.fromkeys(_split("an ans annee annees jaar jaren"), 365.0),
}
_NUMBER = r"\d{1,2}|" + "|".join(sorted((k for k in _NUMBERS if not k.isdigit()), key=len))
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_AGO = (  # "il y a deux jours", "twee weken geleden"; the cheap test first
    (
        ("il y a", "fait"),
        re.compile(
            rf"\b(?:il\W+y\W+a|ca\W+fait|cela\W+fait)\W+(?P<cmp>(?:moins|plus)\W+(?:de|d)\W*"
            rf"|environ\W+)?(?:(?:de|d)\W*)?(?P<n>{_NUMBER})?\W*(?P<unit>{_UNIT})\b"
        ),
    ),
    (
        ("geleden",),
        re.compile(
            rf"\b(?P<cmp>minder\W+dan\W+|meer\W+dan\W+|ongeveer\W+|een\W+)?(?P<n>{_NUMBER})?\W*"
            rf"(?P<unit>{_UNIT})\W+geleden\b"
        ),
    ),
)
_BETWEEN = re.compile(
    r"\b(?:entre\W+3\W+jours\W+et\W+(?:1|un)\W+mois|tussen\W+3\W+dagen\W+en\W+(?:1|een)\W+maand)"
)
_RECENT_WORDS: dict[Recency, tuple[str, ...]] = {
    Recency.UNDER_3_DAYS: (
        r"\b(?:aujourd\W*hui|auj|ce\W+matin|cette\W+nuit|ce\W+soir|avant\W*hier|tout\W+a\W+l\W*heure"
        r"|a\W+l\W*instant|tantot|cet\W+apres\W*midi)\b",
        r"\b(?:vandaag|gisteren|eergisteren|vannacht|vanochtend|vanmorgen|vanavond|gisteravond"
        r"|gisternacht|daarnet|zonet|deze\W+nacht|vanmiddag)\b",
        r"\bnet\W+(?:gebeurd|gedaan)\b",
    ),
    Recency.UNDER_1_MONTH: (
        r"\b(?:la\W+semaine|le\W+week\W*end|le\W+mois)\W+(?:derniere?|passee?)\b",
        r"\b(?:cette\W+semaine|ce\W+mois(?:\W*ci)?|ce\W+week\W*end|recemment|dernierement)\b",
        r"\b(?:vorige|deze)\W+(?:week|maand)\b",
        r"\b(?:vorig|dit|afgelopen)\W+weekend\b",
        r"\b(?:onlangs|recent|pas\W+geleden|kort\W+geleden)\b",
    ),
    Recency.OVER_1_MONTH: (
        r"\b(?:l\W*an|l\W*annee)\W+(?:derniere?|passee?)\b",
        r"\bvorig\W+jaar\b",
        r"\b(?:il\W+y\W+a|ca\W+fait)\W+(?:longtemps|des\W+annees|des\W+mois|des\W+ans)\b",
        r"\b(?:lang|jaren|maanden|jaaaren)\W+geleden\b",
        r"\bquand\W+j\W*etais\W+(?:petite?|enfant|jeune|ado|adolescente?|gamine?)\b",
        r"\btoen\W+ik\W+(?:\w+\W+)?(?:klein|jong|kind|tiener|een\W+kind)\W+was\b",
        r"\b(?:dans|pendant)\W+mon\W+enfance\b",
        r"\bin\W+mijn\W+(?:jeugd|kindertijd)\b",
    ),
}
_RECENT_WORDS_RE = {code: _compile(p) for code, p in _RECENT_WORDS.items()}
_FRENCH_YESTERDAY = re.compile(r"\bhier\b")
_URGENCY_ORDER = (Recency.UNDER_3_DAYS, Recency.UNDER_1_MONTH, Recency.OVER_1_MONTH)


def _from_days(days: float, comparison: str) -> Recency:
    if comparison.startswith(("moins", "minder")):
        days -= 1e-6  # "moins de 3 jours": under three days
    elif comparison.startswith(("plus", "meer")):
        days += 1e-6
    if days < 3:
        return Recency.UNDER_3_DAYS
    if days <= 30:
        return Recency.UNDER_1_MONTH
    return Recency.OVER_1_MONTH


def _recency(text: str, lang: Lang | None) -> Recency | None:
    found: set[Recency] = set()
    if _BETWEEN.search(text):
        found.add(Recency.UNDER_1_MONTH)
    for needles, pattern in _AGO:
        if not any(n in text for n in needles):
            continue
        for m in pattern.finditer(text):
            unit, number = m.group("unit"), m.group("n")
            count = _NUMBERS.get(number, 1.0) if number else 1.0
            if not number and unit in ("ans", "annees", "jaren", "maanden", "mois"):
                count = 3.0  # "il y a des années" reads as several
            found.add(_from_days(count * _UNITS[unit], m.group("cmp") or ""))
    found.update(r for r, pattern in _RECENT_WORDS_RE.items() if pattern.search(text))
    if lang is not Lang.NL and _FRENCH_YESTERDAY.search(text):
        found.add(Recency.UNDER_3_DAYS)  # Dutch "hier" means here
    return next((r for r in _URGENCY_ORDER if r in found), None)


# -- extract ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Extraction:
    """What one message says, as the codes of `directory.situation`; empty when nothing."""

    who: Who | None = None
    relationship: Relationship | None = None
    happening: frozenset[Happening] = frozenset()
    red_flags: frozenset[RedFlag] = frozenset()
    recency: Recency | None = None
    needs: frozenset[Need] = frozenset()
    dont_know: bool = False
    rather_not_say: bool = False
    user_is_child: bool = False
    undocumented: bool = False


_HAPPENING_RE = {code: _compile(p) for code, p in _HAPPENING.items()}
_RED_FLAG_RE = {code: _compile(p) for code, p in _RED_FLAGS.items()}
_NEED_RE = {code: _compile(p) for code, p in _NEEDS.items()}
_WHO_ANSWER_RE = {code: _compile(p) for code, p in _WHO_ANSWERS.items()}
_RELATIONSHIP_ANSWER_RE = {code: _compile(p) for code, p in _RELATIONSHIP_ANSWERS.items()}
_DONT_KNOW_RE = re.compile(_DONT_KNOW)
_RATHER_NOT_SAY_RE = _compile(_RATHER_NOT_SAY)
_UNDOCUMENTED_RE = _compile(_UNDOCUMENTED)
_PROFESSIONAL_RE = _compile(_PROFESSIONAL)
_OWN_BEHAVIOUR_RE = _compile(_OWN_BEHAVIOUR)
_FIRST_PERSON_VICTIM_RE = _compile(_FIRST_PERSON_VICTIM)
_USER_IS_CHILD_RE = _compile(_USER_IS_CHILD)
_USER_AGE_RE = [re.compile(p) for p in _USER_AGE]
_OLDER_CONTEXT_RE = _compile(_OLDER_CONTEXT)
_OWN_FEAR = re.compile(
    r"\bpeur\W+de\W+(?:la\W+|le\W+|les\W+|l\W*|lui\W+|leur\W+)?(?:frapper|taper|blesser|tuer"
    r"|faire\W+du\W+mal)\b|\bbang\W+dat\W+ik\W+[^.!?;]*"
)
_NEVER_NEGATED: frozenset[object] = frozenset({Happening.UNSURE, RedFlag.NONE})
C = TypeVar("C", bound=Enum)


def _negated(text: str, start: int, end: int) -> bool:
    """ "il ne me frappe pas", "hij slaat me niet", "il ne m'a jamais étranglée"."""
    lo, hi = _clause_bounds(text, start)
    before = _TOKEN.findall(text[max(lo, start - 40) : start])
    after = _TOKEN.findall(text[end:hi])[:2]
    if before[-2:-1] and before[-2] in _KNOWING and before[-1] in _NEGATION_NL:
        before = before[:-2]  # "ik weet niet waar naartoe": not knowing, not denying
    if _NEGATION_NL & set(before[-2:]) or _NEGATION_NL & set(after):
        return True
    if _NEGATION_FR_BEFORE & set(before[-2:]):
        return True
    french_ne = any(_NEGATION_FR.fullmatch(t) for t in before[-4:])
    return french_ne and bool(_NEGATION_FR_AFTER & set(after))


def _codes(text: str, table: dict[C, re.Pattern[str]]) -> frozenset[C]:
    found: set[C] = set()
    for code, pattern in table.items():
        for m in pattern.finditer(text):
            if code in _NEVER_NEGATED or not _negated(text, m.start(), m.end()):
                found.add(code)
                break
    return frozenset(found)


def _answer(text: str, table: dict[C, re.Pattern[str]]) -> C | None:
    return next((code for code, pattern in table.items() if pattern.search(text)), None)


def _user_age(text: str) -> int | None:
    for pattern in _USER_AGE_RE:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


_VICTIM_KINS = frozenset({_K.CHILD, _K.GRANDCHILD, _K.GRANDPARENT, _K.OUTSIDE, _K.CLIENT})
_HARMING_KINS = frozenset({_K.PARTNER, _K.PARENT, _K.SIBLING, _K.RELATIVE, _K.FAMILY, _K.HOUSEHOLD})


def _who_for(victim: _Mention, older_context: bool) -> Who:
    if victim.minor():
        return Who.CHILD
    if victim.older(older_context):
        return Who.OLDER_PERSON
    return Who.ADULT_AROUND_ME


_FAMILY_KINS = frozenset(
    {_K.PARENT, _K.SIBLING, _K.GRANDPARENT, _K.RELATIVE, _K.FAMILY, _K.CHILD, _K.GRANDCHILD}
)
_PLURAL_PARENTS = re.compile(r"(?:mes|nos|mijn|m'n|mn|onze|ons)\W+(?:parents|ouders)$")


@dataclass(frozen=True)
class _People:
    who: Who | None
    relationship: Relationship | None
    user_is_child: bool


def _victim_and_aggressors(
    normalized: str, s: str, mentions: list[_Mention], said_something: bool, older: bool
) -> tuple[_Mention | _Me | None, list[_Mention]]:
    """Who is harmed and who harms, from the verbs, then from what is left."""
    roles = _roles(normalized, mentions)
    victim: _Mention | _Me | None = roles.victim
    aggressors = list(roles.aggressors)
    if roles.victim is _ME or _FIRST_PERSON_VICTIM_RE.search(s):
        victim = _ME
    elif victim is None and (roles.other_victim or aggressors):
        # "ma mère, mon frère lui prend son argent": the one not doing it
        victim = next((m for m in mentions if m not in aggressors), None)
    if not aggressors and victim is not None:
        # "il me frappe, c'est mon mari"; not the children in "devant mes enfants"
        others = [m for m in mentions if m is not victim and not m.after_preposition]
        if isinstance(victim, _Mention):
            others = [m for m in others if m.start > victim.end or m.kin not in _VICTIM_KINS]
        aggressors = others[:1]
    if victim is None and not aggressors:
        # No verb tells: the likely roles (see the module doc). A button's list of people
        # ("Menaces de tuer (vous, les enfants…)") names nobody in particular.
        named = [m for m in mentions if not m.after_preposition]
        victim = next(
            (
                m
                for m in named
                if (m.kin in _VICTIM_KINS or m.older(older))
                and (not said_something or m.start == 0 or m.age is not None)
            ),
            None,
        )
        aggressors = [m for m in named if m is not victim and m.kin in _HARMING_KINS][:1]
    return victim, aggressors


def _people(normalized: str, s: str, happening: frozenset[Happening], said: bool) -> _People:
    """Q2 (for whom), Q3 (who harms, seen from the person helped), and whether a child writes."""
    mentions = _mentions(normalized)
    older = bool(_OLDER_CONTEXT_RE.search(normalized))
    age = _user_age(normalized)
    user_is_child = (age is not None and age < _MINOR_AGE) or bool(
        _USER_IS_CHILD_RE.search(normalized)
    )
    who = _answer(normalized, _WHO_ANSWER_RE)
    relationship = _answer(normalized, _RELATIONSHIP_ANSWER_RE)
    if who is not None or relationship is not None:
        return _People(who, relationship, user_is_child)  # a button's words: nothing to guess

    if _OWN_BEHAVIOUR_RE.search(s):
        target = next((m for m in mentions if m.mine), None)
        who = Who.PROFESSIONAL if _PROFESSIONAL_RE.search(s) else Who.OWN_BEHAVIOUR
        return _People(who, _DIRECT[target.kin] if target else None, user_is_child)

    victim, aggressors = _victim_and_aggressors(normalized, s, mentions, said, older)
    if _PROFESSIONAL_RE.search(s):
        who = Who.PROFESSIONAL
    elif isinstance(victim, _Me):
        who = Who.OLDER_PERSON if age is not None and age >= _OLDER_AGE else Who.ME
    elif isinstance(victim, _Mention):
        who = _who_for(victim, older)
    elif older and not mentions:
        who = Who.OLDER_PERSON

    seen_from = victim if victim is not None else _ME
    found = [r for a in aggressors if (r := _relationship(seen_from, a)) is not None]
    if len(set(found)) > 1:
        relationship = Relationship.SEVERAL_FAMILY  # "mon père et mes frères"
    elif found:
        relationship = found[0]
    family = [m for m in mentions if m.kin in _FAMILY_KINS and m.mine]
    if Happening.HONOUR in happening and len(family) > 1:
        relationship = Relationship.SEVERAL_FAMILY

    childish = any(m.childish and (m.age is None or m.age < _MINOR_AGE) for m in mentions)
    parents_harm_me = isinstance(victim, _Me) and any(
        a.kin is _K.PARENT and a.mine and _PLURAL_PARENTS.match(normalized, a.start, a.end)
        for a in aggressors
    )
    if who is not Who.PROFESSIONAL and (childish or parents_harm_me):
        user_is_child = True  # "mijn papa slaat mij", "mes parents me frappent" (B.4)
    return _People(who, relationship, user_is_child)


def extract(text: str, lang: Lang | None = None) -> Extraction:
    """The answers a message gives, in either language, whatever question was asked.

    `lang` is the page's language; the text's own language wins when it is clear (someone may
    write Dutch on a French page). It only matters for words the languages share ("hier").
    """
    normalized = normalize(text)
    variants = _variants(normalized)
    s = "\n".join(variants)  # stretched letters: every reading counts
    lang = _language(normalized) or lang
    happening = _codes(_OWN_FEAR.sub(" ", s), _HAPPENING_RE)  # "peur de la frapper": not yet
    red_flags = _codes(s, _RED_FLAG_RE)
    if RedFlag.STRANGULATION in red_flags:
        happening |= {Happening.PHYSICAL}
    needs = _codes(_PROFESSIONAL_RE.sub(" ", s), _NEED_RE)  # "je suis médecin" needs none
    people = _people(normalized, s, happening, bool(needs or happening or red_flags))
    return Extraction(
        who=people.who,
        relationship=people.relationship,
        happening=happening,
        red_flags=red_flags,
        recency=_recency(s, lang),
        needs=needs,
        dont_know=bool(_DONT_KNOW_RE.search(normalized)) and Happening.UNSURE not in happening,
        rather_not_say=bool(_RATHER_NOT_SAY_RE.search(s)),
        user_is_child=people.user_is_child,
        undocumented=bool(_UNDOCUMENTED_RE.search(s)),
    )


# -- places -------------------------------------------------------------------------------------
# A place is read after a locative word ("à", "in", "près de", "j'habite"), as a postal code, as
# capitalised words, or as the whole message. Common words are never read as places without a
# preposition: "ma mère" is not Erpe-Mere, "j'ai 13 ans" is not Ans, "on" is not On.

_PLACE_TOKEN = re.compile(r"[^\W_]+(?:[-‐‑.'’][^\W_]+)*")
_ELISION = re.compile(r"^(?:j|l|d|m|t|s|n|qu|c|jusqu|lorsqu|puisqu)['’](?=\w)", re.IGNORECASE)
_POSTAL_IN_TEXT = re.compile(r"\b(?<![\d+])(\d{4})\b(?![.,]?\d)")
_NOT_A_POSTCODE_AFTER = re.compile(
    r"\W*(?:euros?|eur|€|km|m2|m²|kg|g|ml|ans|jaar|fois|keer|h|heures?|uur|personnes|mensen)\b"
)
_YEAR_BEFORE = re.compile(
    r"\b(?:depuis|en|in|sinds|sedert|vanaf|annee|jaar|tot|jusqu\W*en|avant|apres|voor|na|begin"
    r"|eind|fin|debut|since|rond|vers|tussen|entre|et|en)\W*$"
)
_SERVICE_NUMBERS = frozenset({"1712", "1813", "0800"})
_STRONG_PREPOSITIONS = frozenset(
    _split(
        "a au aux en in te bij nabij rond rondom vers sur dans uit habite habites habitons habitent "
        "woon woont wonen vis vit vivons vivent reside resides demeure gemeente commune ville stad "
        "cp postcode richting regio omgeving province provincie"
    )
)
_TWO_WORD_PREPOSITIONS = frozenset(
    tuple(p.split())
    for p in (
        "pres de",
        "pres d",
        "cote de",
        "cote d",
        "loin de",
        "loin d",
        "region de",
        "environs de",
        "environs d",
        "alentours de",
        "alentours d",
        "buurt van",
        "omgeving van",
        "regio van",
        "kant van",
        "suis de",
        "suis d",
        "viens de",
        "viens d",
        "ben van",
        "ben uit",
        "kom uit",
        "kom van",
        "originaire de",
        "originaire d",
        "code postal",
    )
)
_WEAK_PREPOSITIONS = frozenset({"de", "d", "du", "van"})
# Words that start or join place names: "La Louvière", "Braine-le-Comte" typed with spaces.
_CONNECTORS = frozenset(
    _split(
        "la le les l de den der ten ter het t sint saint st ste sainte sankt s sur sous lez en aan "
        "op d au"
    )
)
_COMMON_WORDS = frozenset(
    _split(
        "maison huis thuis danger gevaar ecole school travail werk hopital ziekenhuis police "
        "politie rue straat centre centrum quartier wijk buurt pays land belgique belgie cause "
        "fait train moment vie leven paix colere war orde ordre place plaats ce jour coup tout "
        "bout part fois rien temps mal peur honte secret securite veilig veilige aide hulp "
        "urgence spoed nood famille familie enfants kinderen mari femme homme vrouw man vader "
        "moeder pere mere papa maman mama frere soeur broer zus fils fille zoon dochter ami "
        "amie vriend vriendin voisin voisine buurman buurvrouw chez moi toi lui elle eux nous "
        "vous ik jij hij zij wij jullie hen hun mijn jouw zijn haar onze ok oke okay oui non "
        "ja nee neen merci dank bedankt bonjour hallo salut dag goeiedag jsp sais weet idee "
        "gedacht liever prefere pas niet geen wel plus meer moins minder beaucoup veel trop "
        "heel tres vraiment echt aussi ook encore nog toujours altijd jamais nooit souvent "
        "vaak parfois soms maintenant nu deja al bientot straks hier vandaag gisteren morgen "
        "demain aujourd ici daar la ou waar quand wanneer comment hoe pourquoi waarom quoi wat "
        "qui wie avec met sans zonder pour voor contre tegen dans apres avant na depuis sinds "
        "pendant tijdens entre tussen vers naar par door sur op sous onder peux kan veux wil "
        "dois moet faut besoin nodig vais ga va gaat suis ben est is sont zijn ai heb a heeft "
        "avons hebben ont habite woon vis leef vit travaille werk suis reste blijf loge slaap "
        "dort dormir slapen bang frappe slaat slaan crie roept insulte scheldt menace dreigt "
        "argent geld gsm telephone tel portable enfant kind bebe baby ans jaar mois maand "
        "semaine week jours dag dagen heures uur ville stad commune gemeente region regio "
        "province provincie code postal postcode cp numero nummer service dienst centre asbl "
        "vzw cpas ocmw caw one rue avenue laan straat place plein mon ma mes ton ta tes son "
        "sa ses notre nos votre vos leur leurs un une des du le la les de het een the and or "
        "et ou en of via chez bij pres loin cote buurt omgeving environs alentours dichtbij "
        "ver rond autour rondom partout overal nulle nergens quelque part ergens endroit plek "
        "lieu plaats abri refuge opvang logement woning appartement appart kot studio"
    )
)
# Place names that are also everyday words: read only after a preposition or capitalised.
_PLACE_LIKE_WORDS = frozenset(
    _split(
        "ans as on my mere mal meer hal lot lint peer recht perk reet boom zolder werken landen "
        "halen melden lessen linden wellen appels bande bouge celles cordes forges gages jambes "
        "jette manage nouvelles loyers salles saintes termes tamise vise tailles lessive rance "
        "riviere graven essen herten kapellen proven heer heks heure humain lavoir ligne "
        "lierre membre mater odeur outer arbre bras fosse foret forest havre heron hour houx "
        "lens mark mean mont moen paal pottes putte roux roy spa tertre thon voort weelde "
        "welle zande menen beek berg bergen bever bevel donk doel geel hove lede leest leke "
        "lier naast niel olen ere goe mol schoten sluizen muizen huizingen kluizen klerken "
        "meeuwen wulpen tienen balen alken lummen olmen pelt vorsen wakken bogaarden duras "
        "graux malines nivelles quartes seilles lamine loker munte stene beert bree marche "
        "court cour croix deux trois grand petit petite haut bas basse pont val ville vieux "
        "neuve fontaine chapelle autre arc groot grote klein kleine oud onze queue ham han "
        "heur lives somme franc gros grace forge haine cul ben bon bois eke"
    )
)
_ALIASES = {
    "bxl": "Bruxelles",
    "brux": "Bruxelles",
    "bru": "Bruxelles",
    "lln": "Louvain-la-Neuve",
    "antw": "Antwerpen",
    "a'pen": "Antwerpen",
    "molem": "Molenbeek-Saint-Jean",
    "charlewa": "Charleroi",
}
_MAX_PLACE_WORDS = 5
_BARE_MESSAGE_WORDS = 4
_FUZZY_MIN_LENGTH = 4
_NON_FUZZY = frozenset({Match.NAME, Match.LOCALITY, Match.POSTAL_CODE, Match.WORDS})


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    key: str
    capital: bool
    sentence_start: bool


def _place_words(text: str) -> list[_Word]:
    found: list[_Word] = []
    for m in _PLACE_TOKEN.finditer(text):
        start, token = m.start(), m.group()
        elision = _ELISION.match(token)
        if elision:
            head = token[: elision.end() - 1]
            found.append(_word(text, head, start, start + len(head)))
            start += elision.end()
            token = token[elision.end() :]
        found.append(_word(text, token, start, start + len(token)))
    return found


def _word(text: str, token: str, start: int, end: int) -> _Word:
    before = text[:start].rstrip()
    return _Word(
        text=token,
        start=start,
        end=end,
        key=normalize(token).replace("’", "'"),
        capital=token[:1].isupper(),
        sentence_start=not before or before[-1] in ".!?:;\n",
    )


def _same_clause(text: str, words: Sequence[_Word]) -> bool:
    return all(not _CLAUSE_END.search(text, a.end, b.start) for a, b in itertools.pairwise(words))


def _plausible(word: _Word, after_preposition: bool) -> bool:
    """Could this word be (the start of) a place name in this position?"""
    if word.key in _ALIASES:
        return True
    if word.key.isdigit() or word.key in _CONNECTORS:
        return False
    named = word.capital and not word.sentence_start
    if word.key in _common_words():
        return named and after_preposition
    if word.key in _PLACE_LIKE_WORDS:
        return named or after_preposition
    return True


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(
        _FR_WORDS.keys()
        | _NL_WORDS.keys()
        | _STRONG_PREPOSITIONS
        | _WEAK_PREPOSITIONS
        | stopwords(Lang.FR)
        | stopwords(Lang.NL)
    )


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return _COMMON_WORDS | _function_words()


def _bare(word: _Word) -> bool:
    """May this word be part of a message that is only a place name ("Ans", "Jette")?"""
    if word.key in _CONNECTORS or _plausible(word, True):
        return True
    return word.capital and word.key not in _function_words()


def _query(text: str, words: Sequence[_Word]) -> str:
    if len(words) == 1 and words[0].key in _ALIASES:
        return _ALIASES[words[0].key]
    return text[words[0].start : words[-1].end]


def _accept(resolution: Resolution, fuzzy: bool) -> bool:
    if resolution.status is Status.EXACT:
        return True
    if resolution.status is Status.FUZZY:
        return fuzzy
    if resolution.status is Status.AMBIGUOUS:
        if fuzzy:
            return True
        return any(c.score >= STRONG and c.match is not Match.FUZZY for c in resolution.candidates)
    return False


def _spans(
    text: str, words: Sequence[_Word], start: int, after_preposition: bool
) -> Iterator[tuple[Sequence[_Word], bool]]:
    """Word sequences starting at `start`, longest first, each with "may be a typo"."""
    first = words[start]
    if first.key in _CONNECTORS:
        lengths = range(min(_MAX_PLACE_WORDS, len(words) - start), 1, -1)
    elif _plausible(first, after_preposition):
        lengths = range(min(_MAX_PLACE_WORDS, len(words) - start), 0, -1)
    else:
        return
    for length in lengths:
        span = words[start : start + length]
        if not _same_clause(text, span):
            continue
        inner_ok = all(w.key in _CONNECTORS or _plausible(w, after_preposition) for w in span[1:])
        if not inner_ok or span[-1].key in _CONNECTORS:
            continue
        fuzzy = after_preposition and all(
            len(w.key) >= _FUZZY_MIN_LENGTH
            and w.key not in _PLACE_LIKE_WORDS
            and w.key not in _common_words()
            for w in span
            if w.key not in _CONNECTORS
        )
        yield span, fuzzy


def _preposition_ends(words: Sequence[_Word]) -> Iterator[tuple[int, bool]]:
    """Index of each word right after a locative word, and whether that word is a strong one."""
    for i, word in enumerate(words[:-1]):
        pair = (words[i - 1].key, word.key) if i else None
        if pair in _TWO_WORD_PREPOSITIONS or word.key in _STRONG_PREPOSITIONS:
            yield i + 1, True
        elif word.key in _WEAK_PREPOSITIONS and words[i + 1].capital:
            yield i + 1, False


def _postal_code(text: str, resolver: PlaceResolver, words: Sequence[_Word]) -> Resolution | None:
    for m in _POSTAL_IN_TEXT.finditer(text):
        code = m.group(1)
        if code in _SERVICE_NUMBERS or _NOT_A_POSTCODE_AFTER.match(text, m.end()):
            continue
        year_like = 1900 <= int(code) <= 2099
        if year_like and _YEAR_BEFORE.search(normalize(text[: m.start()])):
            continue
        resolution = resolver.resolve(code)
        if resolution.status is Status.NOT_FOUND:
            continue
        following = [w for w in words if w.start >= m.end()]
        for span, _fuzzy in _spans(text, following, 0, True) if following else ():
            named = resolver.resolve(_query(text, span))
            if named.status is Status.EXACT and named.candidates[0].match in _NON_FUZZY:
                return resolver.resolve(f"{code} {_query(text, span)}")
        return resolution
    return None


def find_place(text: str, resolver: PlaceResolver) -> Resolution | None:
    """The municipality a message mentions, as the resolver reads it; None when there is none.

    Ambiguity stays visible: "à St-Gilles" returns the AMBIGUOUS resolution with both
    Saint-Gilles (Brussels) and Sint-Gillis-Waas.
    """
    words = _place_words(text)
    if not words:
        return None
    found = _postal_code(text, resolver, words)
    if found:
        return found
    for start, strong in _preposition_ends(words):
        for span, fuzzy in _spans(text, words, start, after_preposition=True):
            resolution = resolver.resolve(_query(text, span))
            if _accept(resolution, fuzzy and strong):
                return resolution
    for start, word in enumerate(words):
        if not (word.capital or word.key in _ALIASES) or not _plausible(word, False):
            continue
        for span, _fuzzy in _spans(text, words, start, after_preposition=False):
            resolution = resolver.resolve(_query(text, span))
            if _accept(resolution, fuzzy=False):
                return resolution
    if len(words) <= _BARE_MESSAGE_WORDS and all(_bare(w) for w in words):
        resolution = resolver.resolve(_query(text, words))
        return resolution if resolution.status is not Status.NOT_FOUND else None
    for word in words:
        if len(word.key) >= _FUZZY_MIN_LENGTH and _plausible(word, False):
            resolution = resolver.resolve(word.text)
            best = resolution.best
            if best and best.match in (Match.NAME, Match.LOCALITY) and best.score >= STRONG:
                return resolution
    return None
