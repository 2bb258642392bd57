"""Words that say who is writing: for whom, a professional, one's own behaviour, a child, and the
answers that are about the question ("je ne sais pas", "zeg ik liever niet").
"""

from __future__ import annotations

import re

from directory.situation import Relationship, Who

DONT_KNOW = (
    r"(?:^|[.,;:!?]\W*|\b(?:euh|bah|ben|pff|non|nee|neen|ok|oh|hmm|ah|eh|bof)\W+)"
    r"(?:je\W+(?:ne\W+)?sais\W+(?:pas|plus)|j\W*sais\W+pas|jsp|chais\W+pas|sais\W+pas"
    r"|aucune\W+idee|pas\W+d\W*idee|je\W+ne\W+suis\W+pas\W+sure?|pas\W+sure?|je\W+sais\W+plus"
    r"|(?:ik\W+)?weet\W+(?:ik\W+)?(?:het\W+)?(?:niet|nie|ni)|k\W+weet\W+(?:het\W+)?(?:niet|nie)"
    r"|weetnie|geen\W+(?:flauw\W+)?(?:idee|gedacht)|idk|dunno|no\W+idea|onbekend)"
    r"\W*(?:(?:trop|vraiment|du\W+tout|exactement|echt|eigenlijk|zo\W+goed|precies)\W*)?"
    r"(?:$|[.,;:!?])"
)
RATHER_NOT_SAY = (
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
UNDOCUMENTED = (
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
WHO_ANSWERS: dict[Who, tuple[str, ...]] = {
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
RELATIONSHIP_ANSWERS: dict[Relationship, tuple[str, ...]] = {
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

_JOBS = (
    r"assistante?\W+sociale?|as|travailleu(?:r|se)\W+sociale?|infirmi\w*|medecin\w*|docteur"
    r"|generaliste|pediatre|sage\W*femme|psychologue|psy|therapeute|enseignante?|professeure?"
    r"|institutrice|instituteur|educat\w*|puericult\w*|policier\w*|policiere|inspect\w*"
    r"|avocate?|juriste|directeur(?:\W+d\W*ecole)?|directrice(?:\W+d\W*ecole)?|kine\w*|logopede"
    r"|pharmacien\w*|aide\W*soignante?|maatschappelijk\W+(?:werker|werkster|assistent\w*)"
    r"|sociaal\W+(?:werker|assistent\w*)|verpleeg\w*|thuisverpleeg\w*|huisarts|dokter|arts"
    r"|vroedvrouw|psycholoog|psychologe|therapeut|hulpverlener|begeleider|opvoeder|jeugdwerker"
    r"|politie\w*|wijkagent|inspecteur|advocaat|leerkracht|leraar|lerares|juf|schooldirecteur"
    r"|directeur\W+van\W+een\W+school|clb(?:\W*(?:medewerker|er))?|zorgkundige|kinesist\w*"
    r"|onthaalmedewerker|leerlingbegeleider"
)
PROFESSIONAL = (
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
    # A message or an answer that starts with the job: "huisarts.", "kiné indépendant, un patient…"
    rf"^\W*(?:{_JOBS})\b(?:\W+(?:\w+\W+){{0,3}}?)?(?=\W*(?:$|[.,:;!-]|ici\b|hier\b|au\b|a\b|bij\b"
    r"|in\b|en\b|dans\b|op\b|de\W+l))",
    r"\b(?:une?|een|mijn|ma|mon)\W+(?:patiente?s?|cliente?s?|eleves?|leerlinge?n?|patient\w*"
    r"|client\w*)\b",
)
OWN_BEHAVIOUR = (
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
FIRST_PERSON_VICTIM = (
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
    r"\b(?:me|mij|my)\W+(?:\w+\W+){0,5}?(?:geslagen|geschopt|geduwd|gewurgd|geklopt|gemept"
    r"|gegrepen|vastgepakt|vastgegrepen|bestolen|buitengezet"
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
USER_IS_CHILD = (
    r"\b(?:je\W+suis|jsuis|chui)\W+(?:un\W+|une\W+|encore\W+)?(?:enfant|mineure?|ado"
    r"|adolescente?|petite?\W+(?:fille|garcon)|collegien\w*|lyceen\w*)\b",
    r"\b(?:ik\W+ben|k\W+ben)\W+(?:een\W+|nog\W+)?(?:kind|minderjarig\w*|tiener|puber|meisje|jongen"
    r"|scholier)\b",
    r"\b(?:je\W+suis|jsuis|chui|j\W+suis)\W+en\W+\w+\W*(?:e\W+)?(?:primaire|secondaire|annee)\b",
    r"\ben\W+[1-6]\W*(?:e|eme|ieme|ere|er)?\W+(?:primaire|secondaire|secondaires|humanites)\b",
    r"\bik\W+zit\W+in\W+het\W+(?:\w+\W+){0,2}(?:leerjaar|middelbaar|secundair)\b",
    r"\b(?:[1-6]\W*(?:e|de|ste)|eerste|tweede|derde|vierde|vijfde|zesde)\W+(?:jaar\W+)?"
    r"(?:middelbaar|secundair|leerjaar)\b",
    r"\b(?:ma|mon)\W+(?:maitresse|instit|institutrice)\b",
    r"\bmijn\W+(?:juf|meester)\b",
)
USER_AGE = (
    r"\b(?:j\W*ai|g|jai)\W+(\d{1,3})\W*ans\b",
    r"\b(?:ik\W+ben|k\W+ben|ik\W+zen|ben)\W+(?:pas\W+|nog\W+maar\W+|maar\W+|nog\W+)?(\d{1,3})\b"
    r"(?!\W*(?:kg|kilo|euro|keer|min|minuten|uur|weken|maanden|dagen|jaar\W+(?:getrouwd|samen"
    r"|bij|weg|gescheiden|met)))",
    r"\bje\W+suis\W+agee?\W+de\W+(\d{1,3})\b",
    r"\b(?:jsuis|chui|je\W+suis|j\W*ai|jai)\W+(\d{1,2})(?=\W*$|\W*[,.;!?]|\W+(?:et|mais|ans)\b)",
)
# The writer says they are old: "je suis vieille", "ik ben bejaard".
USER_IS_OLDER = (
    r"\b(?:je\W+suis|jsuis|chui|ik\W+ben|k\W+ben)\W+(?:une?\W+|een\W+|nu\W+|deja\W+|al\W+)?"
    r"(?:vieille|vieux|agee?|personne\W+agee|pensionnee?|retraitee?|senior|bejaard\w*|oud"
    r"|gepensioneerd|oudere)\b",
)
OLDER_CONTEXT = (
    r"\b(?:vieux\W+(?:monsieur|messieurs)|vieilles?\W+dames?|oude?\W+(?:man|vrouw|dame|meneer"
    r"|mevrouw|mensen|buurman|buurvrouw)|personnes?\W+agees?)\b",
    r"\b(?:agee?s?|vieille|senior\w*|dement\w*|alzheimer|bejaard\w*|hoogbejaard\w*|oudere"
    r"|rusthuis|woonzorgcentrum|wzc|dementie|pensionn\w*|gepensioneerd)\b",
    r"\bmaison\W+de\W+repos\b",
    # Someone else's age: "ze is 80", "elle a 82 ans", "hij is al 91", "une octogénaire".
    r"\b(?:elle|il|ze|zij|hij)\W+(?:a|is|heeft)\W+(?:deja\W+|al\W+|bijna\W+|presque\W+|ruim\W+)?"
    r"(?:6[5-9]|[7-9]\d|10\d)\b(?!\W*(?:kg|kilo|euro|keer|min|uur|weken|maanden|dagen|%))",
    r"\b(?:6[5-9]|[7-9]\d)\W*jarige\b|\b(?:octo|nona)genaire\b",
)
NEGATION_FR = re.compile(r"\b(?:ne|n)\b")
NEGATION_FR_AFTER = frozenset({"pas", "jamais", "plus", "point"})
NEGATION_NL = frozenset({"niet", "nooit", "geen", "nie", "ni"})
NEGATION_FR_BEFORE = frozenset({"jamais"})
KNOWING = frozenset({"weet", "weten", "wist", "snap", "begrijp"})
CLAUSE_END = re.compile(r"[.;:!?,\n]")
TOKEN = re.compile(r"[^\W_]+")
