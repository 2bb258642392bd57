"""The referral engine: a Situation → the emergency card and at most three services to contact.

`directory.pathways` decides which A.2 rows apply (B.3); this module looks their services up
in the directory, orders them (R10 needs, R11 the person's language first in Brussels) and
dresses them as cards with the fixed texts of data/referral.yaml. It only reads: a Situation
is never stored or logged.

The package: `texts` (the written texts), `results` (what a referral holds), `engine` (`refer`)
and `documents` (a referral as data, and the hand-off summary).
"""

from directory.referral.documents import as_document, handoff_summary, referral_document
from directory.referral.engine import EMERGENCY_IDS, MAX_CARDS, UnknownMunicipality, refer
from directory.referral.results import Referral
from directory.referral.texts import load_texts

__all__ = [
    "EMERGENCY_IDS",
    "MAX_CARDS",
    "Referral",
    "UnknownMunicipality",
    "as_document",
    "handoff_summary",
    "load_texts",
    "refer",
    "referral_document",
]
