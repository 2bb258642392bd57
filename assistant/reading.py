"""Every answer one message holds, whatever question was asked.

`extract(text, lang)` returns the codes of `directory.situation`. When a message names one
person and no action ("ma fille", "mon mari"), the most likely role is guessed (a child or an
older person is the one helped; a partner or parent is the one causing harm).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from assistant.behaviours import HAPPENING, NEEDS, RED_FLAGS
from assistant.language import language_of
from assistant.normalizing import compile_any, normalize, variants
from assistant.people import (
    DIRECT,
    ME,
    MINOR_AGE,
    OLDER_AGE,
    K,
    Me,
    Mention,
    clause_bounds,
    find_mentions,
    relationship_between,
    who_does_what,
)
from assistant.recency import recency_in
from assistant.roles import (
    DONT_KNOW,
    FIRST_PERSON_VICTIM,
    KNOWING,
    NEGATION_FR,
    NEGATION_FR_AFTER,
    NEGATION_FR_BEFORE,
    NEGATION_NL,
    OLDER_CONTEXT,
    OWN_BEHAVIOUR,
    PROFESSIONAL,
    RATHER_NOT_SAY,
    RELATIONSHIP_ANSWERS,
    TOKEN,
    UNDOCUMENTED,
    USER_AGE,
    USER_IS_CHILD,
    USER_IS_OLDER,
    WHO_ANSWERS,
)
from directory.situation import Happening, Need, Recency, RedFlag, Relationship, Who
from directory.vocab import Lang

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


_HAPPENING_RE = {code: compile_any(p) for code, p in HAPPENING.items()}
_RED_FLAG_RE = {code: compile_any(p) for code, p in RED_FLAGS.items()}
_NEED_RE = {code: compile_any(p) for code, p in NEEDS.items()}
_WHO_ANSWER_RE = {code: compile_any(p) for code, p in WHO_ANSWERS.items()}
_RELATIONSHIP_ANSWER_RE = {code: compile_any(p) for code, p in RELATIONSHIP_ANSWERS.items()}
_DONT_KNOW_RE = re.compile(DONT_KNOW)
_RATHER_NOT_SAY_RE = compile_any(RATHER_NOT_SAY)
_UNDOCUMENTED_RE = compile_any(UNDOCUMENTED)
_PROFESSIONAL_RE = compile_any(PROFESSIONAL)
_OWN_BEHAVIOUR_RE = compile_any(OWN_BEHAVIOUR)
_FIRST_PERSON_VICTIM_RE = compile_any(FIRST_PERSON_VICTIM)
_USER_IS_CHILD_RE = compile_any(USER_IS_CHILD)
_USER_AGE_RE = [re.compile(p) for p in USER_AGE]
_OLDER_CONTEXT_RE = compile_any(OLDER_CONTEXT)
_USER_IS_OLDER_RE = compile_any(USER_IS_OLDER)
_BY = re.compile(r"\b(?:par|door)\W+$")
# The person the writer worries about or seeks help for: "je m'inquiète pour ma grand-mère".
_FOR_WHOM = re.compile(r"\b(?:pour|voor|om|over)\W+$")
_OWN_FEAR = re.compile(
    r"\bpeur\W+de\W+(?:la\W+|le\W+|les\W+|l\W*|lui\W+|leur\W+)?(?:frapper|taper|blesser|tuer"
    r"|faire\W+du\W+mal)\b|\bbang\W+dat\W+ik\W+[^.!?;]*"
)
_NEVER_NEGATED: frozenset[object] = frozenset({Happening.UNSURE, RedFlag.NONE})
C = TypeVar("C", bound=Enum)


def _negated(text: str, start: int, end: int) -> bool:
    """ "il ne me frappe pas", "hij slaat me niet", "il ne m'a jamais étranglée"."""
    lo, hi = clause_bounds(text, start)
    before = TOKEN.findall(text[max(lo, start - 40) : start])
    after = TOKEN.findall(text[end:hi])[:2]
    if before[-2:-1] and before[-2] in KNOWING and before[-1] in NEGATION_NL:
        before = before[:-2]  # "ik weet niet waar naartoe": not knowing, not denying
    if NEGATION_NL & set(before[-2:]) or NEGATION_NL & set(after):
        return True
    if NEGATION_FR_BEFORE & set(before[-2:]):
        return True
    french_ne = any(NEGATION_FR.fullmatch(t) for t in before[-4:])
    return french_ne and bool(NEGATION_FR_AFTER & set(after))


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


_VICTIM_KINS = frozenset({K.CHILD, K.GRANDCHILD, K.GRANDPARENT, K.OUTSIDE, K.CLIENT})
_HARMING_KINS = frozenset({K.PARTNER, K.PARENT, K.SIBLING, K.RELATIVE, K.FAMILY, K.HOUSEHOLD})


def _who_for(victim: Mention, older_context: bool) -> Who:
    if victim.minor():
        return Who.CHILD
    if victim.older(older_context):
        return Who.OLDER_PERSON
    return Who.ADULT_AROUND_ME


_FAMILY_KINS = frozenset(
    {K.PARENT, K.SIBLING, K.GRANDPARENT, K.RELATIVE, K.FAMILY, K.CHILD, K.GRANDCHILD}
)
_PLURAL_PARENTS = re.compile(r"(?:mes|nos|mijn|m'n|mn|onze|ons)\W+(?:parents|ouders)$")
_OFFSPRING = frozenset({K.CHILD, K.GRANDCHILD})
_ADULT_KINS = _OFFSPRING | {K.PARTNER, K.CLIENT}  # the writer's partner, children or clients


@dataclass(frozen=True)
class _People:
    who: Who | None
    relationship: Relationship | None
    user_is_child: bool


def _victim_and_aggressors(
    normalized: str, s: str, mentions: list[Mention], said_something: bool, older: bool
) -> tuple[Mention | Me | None, list[Mention]]:
    """Who is harmed and who harms, from the verbs, then from what is left."""
    roles = who_does_what(normalized, mentions)
    victim: Mention | Me | None = roles.victim
    aggressors = list(roles.aggressors)
    if not aggressors:
        # "… se fait crier dessus par son petit-fils", "… wordt bestolen door haar zoon"
        aggressors = [m for m in mentions if _BY.search(normalized, max(0, m.start - 8), m.start)]
    if roles.victim is ME or _FIRST_PERSON_VICTIM_RE.search(s):
        victim = ME
    elif victim is None and (roles.other_victim or aggressors):
        # "ma mère, mon frère lui prend son argent": the one not doing it
        victim = next((m for m in mentions if m not in aggressors), None)
    if victim is None:
        victim = next(
            (
                m
                for m in mentions
                if m not in aggressors
                and _FOR_WHOM.search(normalized, max(0, m.start - 30), m.start)
            ),
            None,
        )
    if not aggressors and victim is not None:
        # "il me frappe, c'est mon mari"; not the children in "devant mes enfants"
        others = [m for m in mentions if m is not victim and not m.after_preposition]
        if isinstance(victim, Mention):
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
    mentions = find_mentions(normalized)
    older = bool(_OLDER_CONTEXT_RE.search(normalized))
    age = _user_age(normalized)
    user_is_child = (age is not None and age < MINOR_AGE) or bool(
        _USER_IS_CHILD_RE.search(normalized)
    )
    who = _answer(normalized, _WHO_ANSWER_RE)
    relationship = _answer(normalized, _RELATIONSHIP_ANSWER_RE)
    if who is not None or relationship is not None:
        return _People(who, relationship, user_is_child)  # a button's words: nothing to guess

    if _OWN_BEHAVIOUR_RE.search(s):
        target = next((m for m in mentions if m.mine), None)
        who = Who.PROFESSIONAL if _PROFESSIONAL_RE.search(s) else Who.OWN_BEHAVIOUR
        return _People(who, DIRECT[target.kin] if target else None, user_is_child)

    victim, aggressors = _victim_and_aggressors(normalized, s, mentions, said, older)
    old_me = bool(_USER_IS_OLDER_RE.search(normalized)) or (age is not None and age >= OLDER_AGE)
    if old_me and isinstance(victim, Mention) and victim.kin in _OFFSPRING and not aggressors:
        aggressors = [victim]  # the writer is the older one, not their children
        victim = None
    if old_me and not isinstance(victim, Mention):
        # "je suis vieille, mes enfants ne me parlent que pour mon argent"
        victim = ME
        aggressors = aggressors or [m for m in mentions if m.mine and m.kin in _OFFSPRING][:1]
    if _PROFESSIONAL_RE.search(s):
        who = Who.PROFESSIONAL
    elif isinstance(victim, Me):
        who = Who.OLDER_PERSON if old_me else Who.ME
    elif isinstance(victim, Mention):
        who = _who_for(victim, older)
    elif older and not any(m.kin in _VICTIM_KINS - _OFFSPRING for m in mentions):
        who = Who.OLDER_PERSON  # "le vieux monsieur d'à côté … par son petit-fils"

    seen_from = victim if victim is not None else ME
    found = [r for a in aggressors if (r := relationship_between(seen_from, a)) is not None]
    if len(set(found)) > 1:
        relationship = Relationship.SEVERAL_FAMILY  # "mon père et mes frères"
    elif found:
        relationship = found[0]
    elif who is Who.OLDER_PERSON and any(a.kin in _OFFSPRING for a in aggressors):
        relationship = Relationship.CHILD  # "son petit-fils": the older person's own family
    family = [m for m in mentions if m.kin in _FAMILY_KINS and m.mine]
    if Happening.HONOUR in happening and len(family) > 1:
        relationship = Relationship.SEVERAL_FAMILY

    # "papa frappe maman" is a child's words; "depuis que papa est mort" an adult's too.
    involved = [*aggressors, *([victim] if isinstance(victim, Mention) else [])]
    childish = any(m.childish and (m.age is None or m.age < MINOR_AGE) for m in involved)
    # A parent hitting "me" is most often a child writing: the children's line, unless the
    # writer names a partner or children of their own ("mon père frappe mes enfants et moi").
    grown_up = any(m.mine and m.kin in _ADULT_KINS for m in mentions)
    hit = Happening.PHYSICAL in happening and Happening.HONOUR not in happening
    parents_harm_me = (
        isinstance(victim, Me)
        and not grown_up
        and any(
            a.kin is K.PARENT
            and a.mine
            and (hit or _PLURAL_PARENTS.match(normalized, a.start, a.end) is not None)
            for a in aggressors
        )
    )
    adult = age is not None and age >= MINOR_AGE  # "j'ai 24 ans", "ik ben 20"
    if who is not Who.PROFESSIONAL and not adult and (childish or parents_harm_me):
        user_is_child = True  # "mijn papa slaat mij", "mes parents me frappent" (B.4)
    return _People(who, relationship, user_is_child)


def extract(text: str, lang: Lang | None = None) -> Extraction:
    """The answers a message gives, in either language, whatever question was asked.

    `lang` is the page's language; the text's own language wins when it is clear (someone may
    write Dutch on a French page). It only matters for words the languages share ("hier").
    """
    normalized = normalize(text)
    readings = variants(normalized)
    s = "\n".join(readings)  # stretched letters: every reading counts
    lang = language_of(normalized) or lang
    happening = _codes(_OWN_FEAR.sub(" ", s), _HAPPENING_RE)  # "peur de la frapper": not yet
    red_flags = _codes(s, _RED_FLAG_RE)
    if RedFlag.STRANGULATION in red_flags:
        happening |= {Happening.PHYSICAL}
    needs = _codes(_PROFESSIONAL_RE.sub(" ", s), _NEED_RE)  # "je suis médecin" needs none
    people = _people(normalized, s, happening, bool(needs or happening or red_flags))
    if people.relationship not in (None, Relationship.PARTNER):
        # Leaving is the danger sign of partner violence: « depuis son divorce » said of a son
        # who mistreats his mother is context, not the mother's separation.
        red_flags -= {RedFlag.SEPARATION}
    return Extraction(
        who=people.who,
        relationship=people.relationship,
        happening=happening,
        red_flags=red_flags,
        recency=recency_in(s, lang),
        needs=needs,
        dont_know=bool(_DONT_KNOW_RE.search(normalized)) and Happening.UNSURE not in happening,
        rather_not_say=bool(_RATHER_NOT_SAY_RE.search(s)),
        user_is_child=people.user_is_child,
        undocumented=bool(_UNDOCUMENTED_RE.search(s)),
    )
