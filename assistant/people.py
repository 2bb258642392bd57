"""People named in a message and who does what to whom: "mon beau-père frappe ma mère"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from assistant.normalizing import split_words
from assistant.roles import CLAUSE_END, TOKEN
from directory.situation import Relationship

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


K = _Kin
# (pattern, kin with "mon/mijn/son/zijn…", kin without a possessive or None when the word alone
# does not name a relative: "une femme", "een man", "la mère"). Longer entries first.
_NOUNS: tuple[tuple[str, _Kin, _Kin | None], ...] = (
    (
        r"(?:pere|papa|mere|maman|vader|moeder|mama)\W+(?:de|van|des)\W+(?:mes|mon|ma|nos|mijn"
        r"|m\W?n|mn|onze|ons)\W+(?:enfants?|fils|filles?|kinderen|kind|zoon|dochter|bebe|baby"
        r"|kids|gosses)",
        K.PARTNER,
        K.PARTNER,
    ),
    (r"plusieurs\W+membres\W+de\W+(?:la|ma)\W+famille", K.FAMILY, K.FAMILY),
    (r"meerdere\W+familieleden|familieleden|toute\W+la\W+famille", K.FAMILY, K.FAMILY),
    (r"autre\W+personne\W+de\W+la\W+maison", K.HOUSEHOLD, K.HOUSEHOLD),
    (r"iemand\W+(?:anders\W+)?(?:in|uit)\W+(?:het\W+)?huis", K.HOUSEHOLD, K.HOUSEHOLD),
    (
        r"quelqu\W*un\W+(?:qui\W+(?:vit|habite)\W+(?:chez\W+moi|avec\W+moi)|de\W+la\W+maison)",
        K.HOUSEHOLD,
        K.HOUSEHOLD,
    ),
    (
        r"petite?s?\W*(?:ami|amie|copain|copine)|ex\W*(?:mari|epou\w+|femme|conjointe?|compagnon"
        r"|compagne|copain|copine|partenaire|man|vrouw|echtgeno\w+|partner|vriend|vriendin|lief)",
        K.PARTNER,
        K.PARTNER,
    ),
    (
        r"petits?\W*enfants?|petit\W*fils|petite\W*fille|petites?\W*filles|klein\W*zoon"
        r"|klein\W*dochter|klein\W*kind(?:eren)?|\(\W*klein\W*\)\W*kind",
        K.GRANDCHILD,
        K.GRANDCHILD,
    ),
    (
        r"(?:petit|grand|demi)\W*frere|(?:petite|grande|demi)\W*soeur|half\W*(?:broer|zus)"
        r"|stief\W*(?:broer|zus)",
        K.SIBLING,
        K.SIBLING,
    ),
    (
        r"grand\W*(?:mere|pere|maman|papa)|grands\W*parents|bonne\W*maman|bon\W*papa"
        r"|groot\W*(?:moeder|vader|ouders)",
        K.GRANDPARENT,
        K.GRANDPARENT,
    ),
    (
        r"beau\W*(?:pere|parent)|belle\W*mere|stief\W*(?:vader|moeder|ouders?)"
        r"|plus\W*(?:vader|moeder|ouders?|papa|mama)|pleeg\W*(?:vader|moeder|ouders?)",
        K.PARENT,
        K.PARENT,
    ),
    (
        r"beau\W*fils|belle\W*fille|stief\W*(?:zoon|dochter|kind)|plus\W*kind|pleeg\W*kind",
        K.CHILD,
        K.CHILD,
    ),
    (
        r"beau\W*frere|belle\W*soeur|beaux\W*parents|schoon\W*(?:vader|moeder|broer|zus|zuster|zoon|dochter"
        r"|ouders)",
        K.RELATIVE,
        K.RELATIVE,
    ),
    (r"belle\W*famille|schoon\W*familie", K.FAMILY, K.FAMILY),
    (
        r"mari|epoux|epouse|conjointe?|compagnon|compagne|copain|copine|cheri|cherie|concubine?"
        r"|fiancee?|amoureux|amoureuse|echtgenoot|echtgenote|verloofde|gade|ega",
        K.PARTNER,
        None,
    ),
    (r"partenaire|partner", K.PARTNER, K.PARTNER),
    (
        r"ex|femme|homme|mec|meuf|keum|jules|man|vrouw|vent|ventje|lief|liefje|madam|wijf|schat"
        r"|lieverd",
        K.PARTNER,
        None,
    ),
    (r"vriend|vriendje|vriendin|vriendinnetje", K.PARTNER, K.OUTSIDE),
    (r"papa|maman|mama|pappie|mammie|paps|mams|daddy|mummy|moeke|vake", K.PARENT, K.PARENT),
    (r"pere|mere|daron|daronne|reum|vader|moeder|pa|ma|moe|va|ouwe|vieux", K.PARENT, None),
    (r"parents|parent|ouders|ouder", K.PARENT, K.PARENT),
    (r"fils|fille|petit|petite|petits|kleine|gamin|gamine", K.CHILD, None),
    (
        r"enfants?|filles|gosses?|bebes?|ados?|adolescente?s?|mome|zoon|dochter|kind|kinderen"
        r"|kindje|kids|baby|zoontje|dochtertje|tiener|puber",
        K.CHILD,
        K.CHILD,
    ),
    (r"mamie|mamy|papy|papi|oma|opa|bomma|bompa|moemoe|grootje", K.GRANDPARENT, K.GRANDPARENT),
    (r"meme|pepe", K.GRANDPARENT, None),
    (
        r"freres?|soeurs?|frangine?s?|broers?|zus|zussen|zuster|zusje|broertje",
        K.SIBLING,
        K.SIBLING,
    ),
    (r"oncle|tante|cousine?s?|neveu|niece|oom|nonkel|neef|nicht", K.RELATIVE, K.RELATIVE),
    (r"famille|familie", K.FAMILY, None),
    (r"colocataires?|coloc|huisgenote?|kotgenote?|medebewoners?", K.HOUSEHOLD, K.HOUSEHOLD),
    (
        r"voisine?s?|amie?s?|collegues?|buurman|buurvrouw|buren|buurmeisje|collega",
        K.OUTSIDE,
        K.OUTSIDE,
    ),
    (
        r"eleves?|patiente?s?|cliente?s?|beneficiaires?|usagers?|residente?s?|leerlingen?"
        r"|patienten|client\w*|bewoners?",
        K.CLIENT,
        K.CLIENT,
    ),
)
_CHILDISH = re.compile(r"(?:papa|maman|pappie|mammie|paps|mams|daddy|mummy|mama)$")
_MY = frozenset(split_words("mon ma mes mijn mijne myn mn ons onze notre nos m'n"))
_THEIR = frozenset(split_words("son sa ses leur leurs zijn zijne zyn zn haar hun der z'n"))
_ARTICLES = frozenset(
    split_words("le la les l un une des du de het een ce cette ces deze die dat ne nen d the")
)
# Words that may stand between "ma" and "mère": "mijn bejaarde moeder", "ma pauvre mère".
_ADJECTIVES = frozenset(
    split_words(
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
    r"(?P<age>\d{1,3})(?!\W*(?:kg|kilo|euro|eur|keer|fois|cm|%))\W*"
    r"(?P<unit>ans|an|jaar|jr|j)?\b"
)
_BRACKETED_AGE = re.compile(r"\s*\((\d{1,3})\)")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:devant|avec|pour|chez|a\W+cause\W+de|voor|met|bij|naast|sur|contre|envers|tegen"
    r"|tegenover)\W*$"
)
MINOR_AGE = 18
OLDER_AGE = 65


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kin: _Kin
    mine: bool  # "mon"/"mijn" or no possessive: seen from the writer
    age: int | None
    childish: bool  # "papa", "mama": a child's words
    after_preposition: bool

    def older(self, context: bool) -> bool:
        if self.age is not None:
            return self.age >= OLDER_AGE
        return self.kin is _Kin.GRANDPARENT or (
            context and self.kin in (_Kin.PARENT, _Kin.RELATIVE, _Kin.OUTSIDE, _Kin.HOUSEHOLD)
        )

    def minor(self) -> bool:
        if self.age is not None:
            return self.age < MINOR_AGE
        return self.kin in (_Kin.CHILD, _Kin.GRANDCHILD)


def find_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
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
        elif in_brackets := _BRACKETED_AGE.match(text, m.end()):
            age = int(in_brackets.group(1))  # "mijn moeder (84)"
        found.append(
            Mention(
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
    split_words(
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


class Me:
    """The writer, when they are the one harmed."""


ME = Me()
_OBJECT_DISTANCE = 24  # characters between a verb and the person it acts on
_TAKEN_AWAY = re.compile(r"\W*(?:(?:mee|weg)\W+te\W+(?:nemen|halen)|meenemen|weghalen|ontvoeren)\b")


def _object(text: str, verb_end: int, mention: Mention, clause_end: int) -> bool:
    """Is this person the one the verb is done to? Not in "il menace de partir avec les enfants"
    nor in "hij dreigt de kinderen mee te nemen" (the threat is to the writer)."""
    if mention.after_preposition or mention.start - verb_end >= _OBJECT_DISTANCE:
        return False
    return not _TAKEN_AWAY.match(text, mention.end, clause_end)


@dataclass
class _Roles:
    victim: Mention | Me | None = None
    aggressors: tuple[Mention, ...] = ()
    other_victim: bool = False  # "mon frère lui prend son argent": someone else, named earlier


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for m in CLAUSE_END.finditer(text, 0, position):
        start = m.end()
    end_match = CLAUSE_END.search(text, position)
    return start, end_match.start() if end_match else len(text)


_HAVING = re.compile(r"\b(?:j\W*ai|jai|on\W+a|ik\W+heb|we\W+hebben|wij\W+hebben)\W+(?:\w+\W+)?$")


def _group(text: str, mentions: Sequence[Mention], index: int) -> tuple[Mention, ...]:
    """A mention with the ones joined to it by "et"/"en" before it: "mon père et mes frères"."""
    members = [mentions[index]]
    while index > 0 and _AND.match(text, mentions[index - 1].end, mentions[index].start):
        index -= 1
        if mentions[index].after_preposition or _HAVING.search(
            text, max(0, mentions[index].start - 12), mentions[index].start
        ):
            # "j'ai 2 enfants et mon mari me frappe", "pour ma grand-mère, mon oncle la laisse…"
            break
        members.insert(0, mentions[index])
    return tuple(members)


def who_does_what(text: str, mentions: list[Mention]) -> _Roles:
    roles = _Roles()
    aggressors: list[Mention] = []
    victims: list[Mention | Me] = []
    for verb in _ROLE_VERB.finditer(text):
        lo, hi = clause_bounds(text, verb.start())
        before_text = text[lo : verb.start()]
        before = TOKEN.findall(before_text)[-3:]
        after = TOKEN.findall(text[verb.end() : hi])[:2]
        left = [i for i, m in enumerate(mentions) if lo <= m.start and m.end <= verb.start()]
        right = [i for i, m in enumerate(mentions) if verb.end() <= m.start < hi]
        if any(t in _PASSIVE for t in before) and not _OBJECT_ME_BEFORE & set(before[-1:]):
            if _FIRST_PERSON_PASSIVE.search(before_text):
                victims.append(ME)
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
            # The auxiliary of this clause, not of "ik heb twee kinderen en mijn man slaat me".
            since = mentions[left[-2]].end if len(left) > 1 else lo
            if _AUXILIARY_NL.search(text, since, mentions[candidate].start):
                victims.append(mentions[candidate])  # "hij heeft mijn zoon geslagen"
                subject = left[-2] if len(left) > 1 else None
            elif not mentions[candidate].after_preposition:
                subject = candidate
        if subject is not None:
            aggressors.extend(_group(text, mentions, subject))
        object_follows = bool(right) and mentions[right[0]].start - verb.end() < 2
        us = after[:1] == ["ons"] and not object_follows  # "slaat ons", not "slaat ons moeke"
        if _OBJECT_ME_BEFORE & set(before[-2:]) or _OBJECT_ME_AFTER & set(after) or us:
            victims.append(ME)
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


DIRECT: dict[_Kin, Relationship | None] = {
    K.PARTNER: Relationship.PARTNER,
    K.PARENT: Relationship.PARENT,
    K.CHILD: Relationship.CHILD,
    K.GRANDCHILD: Relationship.CHILD,
    K.SIBLING: Relationship.SIBLING,
    K.GRANDPARENT: Relationship.HOUSEHOLD_OTHER,
    K.RELATIVE: Relationship.HOUSEHOLD_OTHER,
    K.FAMILY: Relationship.SEVERAL_FAMILY,
    K.HOUSEHOLD: Relationship.HOUSEHOLD_OTHER,
    K.OUTSIDE: None,
    K.CLIENT: None,
}
# Both people named from the writer's side ("ma mère", "mon frère"): who the second is for the
# first. Pairs not listed are another person of the household.
_SEEN_FROM: dict[tuple[_Kin, _Kin], Relationship] = {
    (K.CHILD, K.PARTNER): Relationship.PARENT,  # my husband hits our son: his father
    (K.CHILD, K.CHILD): Relationship.SIBLING,
    (K.GRANDCHILD, K.CHILD): Relationship.PARENT,
    (K.GRANDCHILD, K.GRANDCHILD): Relationship.SIBLING,
    (K.PARENT, K.PARENT): Relationship.PARTNER,  # my father hits my mother
    (K.PARENT, K.SIBLING): Relationship.CHILD,  # my brother takes my mother's money
    (K.PARENT, K.CHILD): Relationship.CHILD,  # a grandchild
    (K.PARENT, K.GRANDPARENT): Relationship.PARENT,
    (K.GRANDPARENT, K.PARENT): Relationship.CHILD,
    (K.GRANDPARENT, K.SIBLING): Relationship.CHILD,
    (K.GRANDPARENT, K.CHILD): Relationship.CHILD,
    (K.GRANDPARENT, K.RELATIVE): Relationship.CHILD,
    (K.GRANDPARENT, K.GRANDPARENT): Relationship.PARTNER,
    (K.SIBLING, K.PARENT): Relationship.PARENT,
    (K.SIBLING, K.SIBLING): Relationship.SIBLING,
    (K.PARTNER, K.CHILD): Relationship.CHILD,
}
_FAMILY_VICTIMS = frozenset({K.CHILD, K.GRANDCHILD, K.PARENT, K.GRANDPARENT, K.SIBLING, K.PARTNER})


def relationship_between(victim: Mention | Me, aggressor: Mention) -> Relationship | None:
    if aggressor.kin is K.FAMILY:
        return Relationship.SEVERAL_FAMILY
    if isinstance(victim, Me) or not aggressor.mine:
        return DIRECT[aggressor.kin]
    if victim.kin not in _FAMILY_VICTIMS or aggressor.kin in (K.OUTSIDE, K.CLIENT):
        return None
    return _SEEN_FROM.get((victim.kin, aggressor.kin), Relationship.HOUSEHOLD_OTHER)
