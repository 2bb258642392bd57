"""Which language a message is written in."""

from __future__ import annotations

import re

from assistant.normalizing import normalize, split_words
from directory.vocab import Lang

# -- language -----------------------------------------------------------------------------------
# Function words and words people type in this conversation; 2 = says the language on its own,
# 1 = a hint. Words both languages use ("de", "en", "me", "te", "je") count for neither.

FR_WORDS: dict[str, float] = {
    **dict.fromkeys(
        split_words(
            "je j suis est c ai il elle ils elles nous vous mon ma mes ton ta tes son sa ses le les "
            "des du un une et qui que qu quoi pas ne n avec pour dans sur chez mais tres oui non "
            "bonjour bonsoir salut merci aide aidez aider mari femme frappe frapper peur besoin "
            "parler enfants enfant fils fille mere pere maman frere soeur moi lui ca cela sais veux "
            "peux fait sont etre avoir quand comment pourquoi plus tout rien aussi toujours jamais "
            "maintenant ici beaucoup trop habite au aux cette ce y deja mal violence argent "
            "maison travail jsp svp stp bjr mdr ptn putain merde ouais nan mec meuf copain copine "
            "homme crie insulte menace battue tape coups viol veut va vais ont avait etait sais "
            "pourrait personne quelqu famille parents ecole jour jours semaine mois aujourd "
            "cest jai chui jsuis sont leur leurs notre nos votre vos encore depuis apres avant "
            "contre vers sans sous entre ou donc alors parce car comme si bien tt pcq pk jpp "
            "chuis koi bcp rien personne toujours"
        ),
        2.0,
    ),
    **dict.fromkeys(split_words("la a l d s m t"), 1.0),
}
NL_WORDS: dict[str, float] = {
    **dict.fromkeys(
        split_words(
            "ik k mijn mn mij niet nie ni het een is ben bent zijn heeft heb hebben hij zij wij we "
            "jij jou jullie ons onze wat wie waar hoe wanneer waarom van voor met op aan bij naar "
            "uit dat die deze dit maar want ook nog al wel geen nooit altijd nu daar er ja nee neen "
            "hallo goeiedag goedendag goeiemorgen dank bedankt man vrouw kind kinderen zoon dochter "
            "moeder vader broer zus slaat slaan geslagen sloeg bang hulp helpen praten weet wil kan "
            "moet mag gaat doet zeg liever woon wonen geld politie huis werk jaar keer zo heel echt "
            "veel wordt word werd was had da wa ge gij om tegen door over als toen dan zelf mezelf in "
            "iemand niemand iets niets allemaal vent lief moeke godverdomme amai scheldt roept "
            "dreigt vermoorden gezin familie ouders school dag dagen week maand gisteren vandaag "
            "zonder tussen omdat dus of hem haar mijne blijft nen zen zijt kben kzit kwil kheb "
            "efkes wreed thuis weg goed slecht eten slapen nodig gebeurd gedaan geweest zou "
            "kunnen willen moeten waarom"
        ),
        2.0,
    ),
}
# German (Ostbelgien) and English: only to recognise them (B.4a.6); words Dutch or French also use
# ("is", "in", "was", "help", "hallo") are left out.
DE_WORDS: dict[str, float] = dict.fromkeys(
    split_words(
        "ich mich mir mein meine meinen meinem meiner du dich dein deine er sie es wir ihr und "
        "nicht kein keine ist bin sind hat habe haben wird werden mit auf fur fuer von zu zum "
        "zur das der die den dem ein eine einen was wie wo wer warum hilfe bitte freund freundin "
        "mann frau kind kinder vater mutter schlaegt schlagt bedroht angst gefahr wohne "
        "polizei kann konnen koennen soll muss guten tag danke jetzt immer auch oder aber "
        "sehr schon noch gibt umbringen weiss weiß spreche deutsch"
    ),
    2.0,
)
EN_WORDS: dict[str, float] = dict.fromkeys(
    split_words(
        "i my me mine you your he she him her they we our the a an and or but not no is am are "
        "was were been has have had do does did can could will would should what where who why "
        "how please hello hi thanks thank boyfriend girlfriend husband wife child children kids "
        "father mother hits hitting beats threatens afraid scared danger live living police "
        "because with from this that there here now always english speak someone abuse abusive"
    ),
    1.0,
)
_LANG_TOKEN = re.compile(r"[^\W\d_]+")
_MIN_EVIDENCE = 2.0
_MIN_MARGIN = 1.0


def detect_language(text: str) -> Lang | None:
    """French or Dutch from the words used; None when unsure (a place name, "ok", a tie)."""
    return language_of(normalize(text))


def detect_any_language(text: str) -> Lang | None:
    """French, Dutch, German or English; None when unsure. German and English win only when
    they clearly outweigh French and Dutch, so a Brussels "sorry" or a Dutch "help" does not
    switch languages."""
    normalized = normalize(text)
    tokens = _LANG_TOKEN.findall(normalized)
    national = language_of(normalized)
    scores = {
        Lang.DE: sum(DE_WORDS.get(t, 0.0) for t in tokens),
        Lang.EN: sum(EN_WORDS.get(t, 0.0) for t in tokens),
    }
    best = max(scores, key=scores.__getitem__)
    rivals = max(
        sum(FR_WORDS.get(t, 0.0) for t in tokens), sum(NL_WORDS.get(t, 0.0) for t in tokens)
    )
    if scores[best] >= 3.0 and scores[best] > 1.5 * rivals + 1.0:
        return best
    return national


def language_of(normalized: str) -> Lang | None:
    scores = {Lang.FR: 0.0, Lang.NL: 0.0}
    for token in _LANG_TOKEN.findall(normalized):
        scores[Lang.FR] += FR_WORDS.get(token, 0.0)
        scores[Lang.NL] += NL_WORDS.get(token, 0.0)
    best, other = sorted(scores, key=scores.__getitem__, reverse=True)
    if scores[best] < _MIN_EVIDENCE or scores[best] - scores[other] < _MIN_MARGIN:
        return None
    return best
