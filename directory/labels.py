"""Human labels of the vocabularies, per language. Used for display and indexed for search.

They are the labels of the thesaurus's concepts (`directory/lexicon/thesaurus.yaml`), so the
filters, the cards, the index and the published taxonomy say the same thing.
"""

from __future__ import annotations

from directory.thesaurus import thesaurus
from directory.vocab import Lang

Labels = dict[str, dict[Lang, str]]

KIND: Labels = thesaurus().labels("service")
AUDIENCE: Labels = thesaurus().labels("audience")
VIOLENCE_TYPE: Labels = thesaurus().labels("violence")
CHANNEL: Labels = thesaurus().labels("channel")


def label(labels: Labels, code: str, lang: Lang) -> str:
    texts = labels.get(code, {})
    return texts.get(lang) or texts.get(Lang.FR) or code
