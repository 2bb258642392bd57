"""Danger now, in what people type: the emergency net (docs/conversation.md, "Danger").

False positives are acceptable, misses are not. `EMERGENCY_PATTERNS` are plain Python regular
expressions over `normalize`d text, without inline flags or variable-width look-behind, so that
they can be exported to Rasa's RegexFeaturizer (bot/data/regex/emergency.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.normalizing import compile_any, normalize, variants

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
WEAPONS_FR = (
    r"\bc(?:ou|o|u)t(?:eau|eaux|o|au|aux)\b",
    r"\barmes?\b",
    r"\b(?:pistolets?|flingues?|revolvers?|fusils?|carabines?|machettes?|haches?|poignards?"
    r"|cutters?|guns?|calibres?|kalach\w*|kalash\w*|couteau\W+suisse)\b",
)
WEAPONS_NL = (
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
    *WEAPONS_FR,
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
    *WEAPONS_NL,
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

# Always danger now, whatever the tense (B.4a.5): strangulation is the strongest lethality sign,
# and a threat to kill with a time ("ce soir", "als hij thuiskomt") is imminent.
STRANGULATION_PATTERNS: tuple[str, ...] = (
    r"\b(?:etrangl\w*|strangul\w*)",
    r"\b(?:serr\w*|pris\w*|tenu\w*|attrap\w*|tient|prend|empoign\w*|agripp\w*)\W+(?:\w+\W+){0,2}?"
    r"(?:le\W+|mon\W+|ma\W+|la\W+)(?:cou|gorge)\b",
    r"\bpar\W+la\W+gorge\b",
    r"\bmains?\W+(?:autour\W+(?:du|de\W+mon)|sur\W+mon)\W+cou\b",
    r"\b(?:wurg\w*|gewurgd)",
    r"\bkeel\W+(?:\w+\W+)?(?:dicht|toe)\w*",
    r"\b(?:knijp\w*|kneep|geknepen|dichtgeknepen|dichtknijpen|dichtkneep)\W+(?:\w+\W+){0,2}?keel\b",
    r"\bnaar\W+(?:de|mijn|m\W*n|mn)\W+keel\b",
    r"\bhand\w*\W+(?:rond|om)\W+(?:mijn|m\W*n|mn|haar|zijn|de)\W+(?:keel|nek|hals)\b",
)
_KILL_WORDS = (
    r"(?:tuer|tuerai\w*|tuera\w*|buter|butera\w*|egorger|crever|faire\W+la\W+peau|vermoorden|vermoord"
    r"|vermoordt|doden|afmaken|dood\W*(?:te\W+)?maken|kapot\W*maken)"
)
_WHEN = (
    r"(?:ce\W+soir|cette\W+nuit|demain|tout\W+a\W+l\W*heure|tantot|des\W+qu\W*il|quand\W+(?:il|elle)"
    r"\W+(?:rentre|revient|rentrera|reviendra|sort|sortira|arrive|arrivera)|en\W+rentrant|vanavond"
    r"|vannacht|morgen|straks|zodra\W+(?:hij|ze|zij)|als\W+(?:hij|ze|zij)\W+(?:thuiskomt|thuis\W+komt"
    r"|terugkomt|binnenkomt|vrijkomt))"
)
TIMED_KILL_PATTERNS: tuple[str, ...] = (
    rf"\b{_KILL_WORDS}\b(?:\W+\w+){{0,6}}?\W+{_WHEN}\b",
    rf"\b{_WHEN}\b(?:\W+\w+){{0,6}}?\W+{_KILL_WORDS}\b",
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

EMERGENCY_PATTERNS: tuple[str, ...] = (
    DANGER_PATTERNS + STRANGULATION_PATTERNS + TIMED_KILL_PATTERNS + SUICIDE_PATTERNS
)
"""Every emergency pattern, for lower-cased, accent-folded text (see `normalize`)."""


# German and English (B.4a.6): the essentials only. Not exported to Rasa, which reads French and
# Dutch; the app answers these languages itself.
OTHER_LANGUAGE_PATTERNS: tuple[str, ...] = (
    r"\b(?:er|sie)\W+(?:schlaegt|schlagt|schlägt|wuergt|wurgt|wurgt|bedroht)\W+mich\W+(?:jetzt|gerade)\b",
    r"\b(?:bringt|bringen)\W+mich\W+um\b",
    r"\b(?:will|wird|droht)\W+(?:\w+\W+){0,2}mich\W+(?:\w+\W+){0,2}(?:umbringen|toeten|tóten|toten"
    r"|erwuergen|schlagen)\b",
    r"\b(?:gewuergt|gewurgt|erwuergt|wuergt|wurgt|messer|waffe|pistole)\b",
    r"\bin\W+gefahr\b",
    r"\b(?:hilfe|notfall)\b",
    r"\b(?:is|s)\W+(?:hitting|beating|choking|strangling)\W+me\b",
    r"\b(?:going\W+to|gonna|will|wants\W+to|threatens\W+to)\W+kill\W+me\b",
    r"\b(?:choked|strangled|knife|gun|weapon)\b",
    r"\b(?:i\W+am|i\W*m|im)\W+in\W+danger\b",
    r"\bhelp\W+(?:me|us)\b",
)

# Present danger told as a scene: someone just came home drunk, blows heard now, "he is still
# here". Kept out of Rasa's features (the app's net runs before and inside the dialogue).
SCENE_PATTERNS: tuple[str, ...] = (
    rf"\b{_NL_HIM}\W+(?:staat|staan)\W+(?:\w+\W+){{1,4}}?(?:aan|voor)\W+(?:de|{_NL_MY})\W+"
    r"(?:deur|huis|raam)\b",  # « hij staat al een half uur aan mijn deur »
    r"\b(?:va|vont|veut|menace\W+de)\W+(?:tout\W+)?(?:defoncer|casser|enfoncer)\W+(?:\w+\W+)?"
    r"(?:porte|tout)?\b(?=.*\b(?:peur|ouvre|porte)\b)",
    r"\b(?:vient\W+de\W+(?:rentrer|revenir|arriver)|est\W+(?:rentre|revenu)\w*)\b.*\b(?:peur|gueule"
    r"|crie|hurle|menace|frappe|bourre|saoul|ivre)\b",
    r"\b(?:ik\W+hoor|j\W*entends)\W+(?:nu|net|maintenant|la)\b",
    r"\b(?:slaat|slaan|schopt|schoppen|wurgt|duwt|frappe|frappent|tape|cogne|bat|pousse|bouscule"
    r"|secoue)\W+(?:\w+\W+){0,2}(?:nu|net|op\W+dit\W+moment|maintenant|en\W+ce\W+moment)\b",
    # « mon fils est là maintenant … il me pousse … j'ai peur », « hij is nu thuis en ik ben bang »
    r"\b(?:est|sont)\W+(?:la|ici|a\W+la\W+maison)\W+(?:\w+\W+){0,2}(?:maintenant|en\W+ce\W+moment)\b"
    r".*\b(?:peur|pousse|frappe|tape|crie|hurle|menace|bouscule|secoue|cogne)\b",
    r"\b(?:is|zijn)\W+(?:(?:nu|op\W+dit\W+moment)\W+(?:hier|thuis)|(?:hier|thuis)\W+(?:nu"
    r"|op\W+dit\W+moment))\b.*\b(?:bang|duwt|slaat|schreeuwt|dreigt|roept)\b",
    r"\b(?:hij|ze|zij)\W+is\W+(?:er\W+)?(?:nog\W+)?(?:altijd\W+)?hier\b",
    r"\b(?:staat|zit)\W+hier\W+(?:\w+\W+){0,2}(?:te\W+)?(?:roepen|schreeuwen|dreigen|slaan)\b",
    r"\bbij\W+(?:de|mijn|m\W*n|mn)\W+(?:keel|nek)\W+(?:gegrepen|gepakt|genomen|vastgepakt)\b",
    r"\bpeur\W+de\W+(?:la|le|les|l|lui)\W*(?:frapper|tuer|etrangler|blesser|faire\W+du\W+mal)\b"
    r"(?=.*\b(?:a\W+cote|maintenant|tout\W+de\W+suite|dans\W+la\W+piece|la\W+maintenant)\b)",
)
OTHER_LANGUAGE_SUICIDE: tuple[str, ...] = (
    r"\bich\W+(?:will|moechte|mochte)\W+(?:nicht\W+mehr\W+leben|sterben)\b",
    r"\b(?:want\W+to\W+die|kill\W+myself|end\W+my\W+life|suicidal)\b",
)

# "Il me frappe" / "hij slaat me" in the present may describe what happens in general rather than
# now. Such a sentence counts as danger now unless it also says it is habitual or gives the
# context a person writes when they are not under attack ("depuis des mois", "j'habite à Liège"),
# and says nothing like "now" or "help".
_HITTING = (
    *(p for p in DANGER_PATTERNS if _FR_HIT_NOW in p or _NL_HIT_NOW in p),
    *_BEING_HURT,
)
_DANGER = compile_any(
    tuple(p for p in DANGER_PATTERNS if p not in _HITTING)
    + STRANGULATION_PATTERNS
    + TIMED_KILL_PATTERNS
    + OTHER_LANGUAGE_PATTERNS
    + SCENE_PATTERNS
)
# Said to be safe now (B.4a.4): "pas en danger", "plus en danger maintenant", "nu geen gevaar".
# The phrase is blanked before the net runs, so that its "danger" or "nu" counts for nothing.
_NOT_IN_DANGER = re.compile(
    r"\b(?:ne\W+|n\W*)?(?:suis|sommes|est|sont|sens|sent)?\W*(?:pas|plus|point|jamais)\W+(?:\w+\W+)?"
    r"(?:en\W+danger|menacee?)(?:\W+(?:immediat\w*|maintenant|pour\W+l\W*instant|en\W+ce\W+moment"
    r"|la|now))*"
    r"|\b(?:(?:nu|momenteel|op\W+dit\W+moment|nu\W+even|voorlopig)\W+)?(?:geen|niet\W+in|nie\W+in"
    r"|niet\W+meer\W+in|nie\W+meer\W+in|geen\W+direct)\W+(?:direct\W+|acuut\W+|onmiddellijk\W+)?"
    r"gevaar(?:\W+(?:nu|meer|op\W+dit\W+moment|momenteel))*"
    r"|\b(?:nu|momenteel)\W+(?:is\W+(?:er\W+)?)?(?:geen|niet\W+in)\W+gevaar"
    r"|\bnot\W+in\W+(?:immediate\W+)?danger(?:\W+(?:now|right\W+now))?"
    r"|\bnicht\W+in\W+gefahr(?:\W+jetzt)?"
)
_HIT = compile_any(_HITTING)
_HABITUAL = re.compile(
    r"\b(?:depuis|souvent|parfois|des\W+fois|tout\W+le\W+temps|quand|lorsqu\w*|chaque|tous\W+les"
    r"|toutes\W+les|habite|j\W*habite|vis\W+a|regulierement|soms|vaak|altijd|sinds|al\W+jaren"
    r"|maanden|jaren|elke|iedere|als\W+(?:hij|ze|ik)|wanneer|woon|ik\W+woon|regelmatig"
    r"|nog\W+steeds|nog\W+altijd)\b"
)
_NOW = re.compile(
    r"\b(?:maintenant|tout\W+de\W+suite|en\W+ce\W+moment|vite|secours|aide\W*moi|aidez|urgent"
    r"|nu|net|op\W+dit\W+moment|help|snel|dringend|hier\W+is)\b"
)
_SUICIDE = compile_any(SUICIDE_PATTERNS + OTHER_LANGUAGE_SUICIDE)

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
    # Only "il me frappe" in the present, without "now" nor a habit: danger the first time, but
    # once the person has said they are not in danger now it describes what happens. Not part
    # of equality: the card shown is the same.
    ambiguous: bool = field(default=False, compare=False)


def emergency(text: str) -> Alarm | None:
    """The emergency rule's keyword net: None when nothing in the text calls for it."""
    readings = tuple(_NOT_IN_DANGER.sub(" ", v) for v in variants(normalize(text)))
    certain = any(_DANGER.search(v) for v in readings)
    hit = [v for v in readings if _HIT.search(v)]
    now = any(_NOW.search(v) for v in hit)
    present = any(not _HABITUAL.search(v) for v in hit)
    suicidal = any(_SUICIDE.search(v) for v in readings)
    if certain or now or present:
        return Alarm("danger", suicidal, ambiguous=not (certain or now))
    if suicidal:
        return Alarm("suicide", True)
    return None


# The answer to the emergency card's check, "are you in danger right now?" (docs/conversation.md).
_CHECK_YES = re.compile(
    r"^\W*(?:oui|ouais|ouai|yes|ja|jawel|jaja|toujours|encore|maintenant|nu|nog|si)\b"
    r"|\b(?:je\W+suis\W+(?:toujours|encore)\W+en\W+danger|ik\W+ben\W+(?:nog|nu)\W+in\W+gevaar"
    r"|il\W+est\W+(?:encore|toujours)\W+la|hij\W+is\W+(?:er\W+)?nog)\b"
)
_CHECK_NO = re.compile(
    r"^\W*(?:non|nan|nee|neen|nein|no|nope|pas\W+maintenant|pas\W+en\W+ce\W+moment|nu\W+niet"
    r"|niet\W+nu|ca\W+va|cava|c\W*est\W+bon|ok|oke|okay|goed|het\W+gaat|t\W*gaat|bon)\b"
    r"|\b(?:plus\W+en\W+danger|pas\W+en\W+danger|niet\W+(?:meer\W+)?in\W+gevaar|geen\W+gevaar"
    r"|(?:il|elle)\W+est\W+parti\w*|(?:hij|ze|zij)\W+is\W+(?:weg|vertrokken)|en\W+securite"
    r"|veilig|pas\W+maintenant|nu\W+niet|not\W+now)\b"
)


def check_answer(text: str) -> str | None:
    """ "yes", "no" or None for words answering "are you in danger right now?"."""
    folded = normalize(text)
    if not folded:
        return None
    if _CHECK_NO.search(folded):
        return "no"
    if _CHECK_YES.search(folded):
        return "yes"
    return None
