"""Custom actions of the Rasa assistant, served by rasa-sdk 3.21 in the main app's environment.

Run with `python -m rasa_sdk --actions bot.actions` (the launcher does it). The actions only glue
Rasa's dialogue state to the app: texts, understanding, flow and referrals live in `assistant/` and `directory/`.
"""

from bot.actions.answers import ValidateReferralForm
from bot.actions.replies import (
    ActionBotChallenge,
    ActionGoodbye,
    ActionNotUnderstood,
    ActionRestart,
    ActionStart,
)

__all__ = [
    "ActionBotChallenge",
    "ActionGoodbye",
    "ActionNotUnderstood",
    "ActionRestart",
    "ActionStart",
    "ValidateReferralForm",
]
