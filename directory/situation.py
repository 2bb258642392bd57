"""What a person told the assistant, as codes: the input of the referral engine.

The answers mirror the questions of the conversation design (docs/conversation.md, B.2).
Every question can be answered "don't know" or "rather not say"; those are values, not gaps, so the
engine can tell "not asked yet" (None / empty) from "chose not to answer".
Nothing here is ever stored: a Situation lives for one request or one conversation turn.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from directory.vocab import Lang

# Every question may be answered with these instead of a value (B.0: the user keeps control).
SKIP_CODES = ("dont_know", "rather_not_say")
# Questions that take several answers at once (B.2 Q4, Q5, Q6).
MULTI_ANSWER = frozenset({"happening", "red_flags", "needs"})


class Who(StrEnum):
    """Q2: for whom the person looks for help."""

    ME = "me"
    CHILD = "child"
    OLDER_PERSON = "older_person"
    ADULT_AROUND_ME = "adult_around_me"
    OWN_BEHAVIOUR = "own_behaviour"
    PROFESSIONAL = "professional"
    DONT_KNOW = "dont_know"
    RATHER_NOT_SAY = "rather_not_say"


class Relationship(StrEnum):
    """Q3: who the person causing harm (or causing worry) is, seen from the person helped."""

    PARTNER = "partner"  # partner or ex-partner
    PARENT = "parent"  # parent or step-parent
    CHILD = "child"  # child or grandchild
    SIBLING = "sibling"
    SEVERAL_FAMILY = "several_family"  # a soft signal for honour-related violence
    HOUSEHOLD_OTHER = "household_other"
    DONT_KNOW = "dont_know"
    RATHER_NOT_SAY = "rather_not_say"


class Happening(StrEnum):
    """Q4 (several): behaviours, never labels, never scored."""

    SHOUTING = "shouting"  # shouting, insults, belittling
    THREATS = "threats"  # threats, fear
    CONTROL = "control"  # money, phone, going out
    PHYSICAL = "physical"  # pushing, hitting, hurting
    SEXUAL = "sexual"  # forced sexual acts
    NEGLECT = "neglect"  # care or food neglected
    HONOUR = "honour"  # forced marriage, family "honour"
    UNSURE = "unsure"  # something is not right
    DONT_KNOW = "dont_know"
    RATHER_NOT_SAY = "rather_not_say"


class Recency(StrEnum):
    """Q4b: when sexual violence last happened (only asked when Q4 includes it)."""

    UNDER_3_DAYS = "under_3_days"
    UNDER_1_MONTH = "under_1_month"  # between 3 days and 1 month
    OVER_1_MONTH = "over_1_month"
    DONT_KNOW = "dont_know"
    RATHER_NOT_SAY = "rather_not_say"


class RedFlag(StrEnum):
    """Q5 (several): routing only, never shown as a score."""

    THREAT_TO_KILL = "threat_to_kill"
    STRANGULATION = "strangulation"
    WEAPON = "weapon"
    ESCALATION = "escalation"  # more often or worse lately
    SEPARATION = "separation"  # recent or planned
    FEAR_OF_DEATH = "fear_of_death"  # "he/she could kill me"
    NONE = "none"
    DONT_KNOW = "dont_know"
    RATHER_NOT_SAY = "rather_not_say"


class Need(StrEnum):
    """Q6 (several): what would help now; it orders the suggestions."""

    TALK = "talk"  # talk to someone, anonymously
    RIGHTS = "rights"  # know my rights or file a complaint
    SAFE_PLACE = "safe_place"
    MEDICAL = "medical"
    STOP_VIOLENCE = "stop_violence"  # help to stop (my own) violence
    PARENTING = "parenting"
    SOCIAL_SUPPORT = "social_support"  # housing, income, debts
    DONT_KNOW = "dont_know"
    RATHER_NOT_SAY = "rather_not_say"


class Situation(BaseModel):
    """One person's answers. Unanswered questions are None or empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: Lang = Lang.FR
    municipality: str | None = Field(
        default=None, description="NIS code of the municipality where the person lives"
    )
    danger_now: bool = Field(default=False, description="immediate danger (Q1 or any moment)")
    who: Who | None = None
    relationship: Relationship | None = None
    happening: frozenset[Happening] = frozenset()
    sexual_recency: Recency | None = None
    red_flags: frozenset[RedFlag] = frozenset()
    needs: frozenset[Need] = frozenset()
    user_is_child: bool = Field(
        default=False, description="the person writing appears to be a child or teenager"
    )
    undocumented: bool = Field(
        default=False, description="the person mentioned a residence-status worry (A.2 row 18)"
    )
    suicidal: bool = Field(default=False, description="suicidal wording was detected")
