"""What happens, the red flags and what would help, in people's words (French and Dutch).

Regular expressions over `normalize`d text, one tuple per code. They describe behaviour in
people's words, never labels: "il me rabaisse", "hij pakt mijn gsm af".
"""

from __future__ import annotations

import re

from assistant.danger import WEAPONS_FR, WEAPONS_NL
from assistant.normalizing import normalize
from directory.situation import Happening, Need, RedFlag
from directory.thesaurus import thesaurus
from directory.vocab import Lang

# -- vocabulary for extraction ------------------------------------------------------------------
# Regular expressions over `normalize`d text, French then Dutch for each code. They describe
# behaviour in people's words (B.0): "il me rabaisse", "hij pakt mijn gsm af".

HAPPENING: dict[Happening, tuple[str, ...]] = {
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
        r"\bm(?:e\b)?\W*(?:a\W+)?(?:bat|blesse\w*)\b",
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
        r"\bcouch\w*\W+avec\W+moi\W+(?:de\W+force|sans\W+(?:mon\W+)?(?:accord|consentement)"
        r"|alors\W+que|(?:\w+\W+){0,6}?(?:je\W+(?:lui\W+)?(?:disais|ai\W+dit)\W+non))",
        r"\bseks\W+(?:met\W+(?:mij|me)\W+)?(?:gehad\W+)?(?:met\W+geweld|tegen\W+mijn\W+wil)\b",
        # « il me force la nuit quand je veux pas », « il me force au lit »
        r"\bm\W*(?:e\W+)?(?:a\W+)?forc\w*\W+(?:\w+\W+)?(?:au\W+lit|la\W+nuit|dans\W+le\W+lit"
        r"|quand\W+je\W+(?:ne\W+)?veux\W+pas)",
        r"\b(?:dwingt|dwong|gedwongen)\W+(?:\w+\W+){0,2}(?:in\W+bed|s\W*nachts)\b",
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

RED_FLAGS: dict[RedFlag, tuple[str, ...]] = {
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
    RedFlag.WEAPON: (*WEAPONS_FR, *WEAPONS_NL, r"\barme\W+a\W+feu\b"),
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

NEEDS: dict[Need, tuple[str, ...]] = {
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


# The names of the kinds of help (« avocat pro deo », « CPAS », « Huis van het Kind ») come from
# the directory's vocabulary (directory/lexicon/thesaurus.yaml), the one the search reads; the
# patterns above keep the behaviours. Short abbreviations stay out: "one" is also English.
_MIN_ABBREVIATION = 4


def _named(need: Need) -> tuple[str, ...]:
    words = thesaurus().need_words
    names = {
        normalize(name)
        for lang in (Lang.FR, Lang.NL)
        for name in words(need, lang, shortest_abbreviation=_MIN_ABBREVIATION)
    }
    words_of = (r"\W+".join(re.escape(w) for w in name.split()) for name in sorted(names))
    return (r"\b(?:" + "|".join(words_of) + r")\b",) if names else ()


for _need in NEEDS:
    NEEDS[_need] += _named(_need)
