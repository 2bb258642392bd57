"""A municipality mentioned inside a sentence: "j'habite à Liège", "ik woon in 9000"."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.language import FR_WORDS, NL_WORDS
from assistant.normalizing import normalize, split_words
from assistant.roles import CLAUSE_END
from directory.places import STRONG, Match, PlaceResolver, Resolution, Status
from directory.text import stopwords
from directory.vocab import Lang

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
    split_words(
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
    split_words(
        "la le les l de den der ten ter het t sint saint st ste sainte sankt s sur sous lez en aan "
        "op d au"
    )
)
_COMMON_WORDS = frozenset(
    split_words(
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
        "lieu plaats abri refuge opvang logement woning appartement appart kot studio "
        # after "te" ("te laat" is not Aat): adjectives and adverbs, never fuzzy places
        "laat vroeg lang kort snel traag moe oud jong klein groot druk zwaar erg slecht goed "
        "weinig duur dicht boos ziek alleen tard tot"
    )
)
# Place names that are also everyday words: read only after a preposition or capitalised.
_PLACE_LIKE_WORDS = frozenset(
    split_words(
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
    return all(not CLAUSE_END.search(text, a.end, b.start) for a, b in itertools.pairwise(words))


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
        FR_WORDS.keys()
        | NL_WORDS.keys()
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
