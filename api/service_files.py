"""A service as files people keep: a vCard for an address book (vobject) and a QR code that leads
to its up-to-date record (segno), both made here rather than in the browser.

vobject escapes every value and folds long lines as RFC 2426/6350 require, so a line break in a
name or an address can never start a property of its own (a forged phone number). segno follows
ISO/IEC 18004 (byte mode, level M, the mask with the lowest penalty). Confidential addresses are
never in a card (`api.presenters` hides them before anything else sees them).
"""

from __future__ import annotations

import io

import segno
import vobject

from directory import labels
from directory.cards import ServiceCard
from directory.geography import NATIONAL
from directory.vocab import Lang
from directory.vocab import pick_text as pick

_RECORD_LINE = {
    Lang.FR: "Fiche à jour : {}",
    Lang.NL: "Actuele fiche: {}",
    Lang.DE: "Aktuelle Angaben: {}",
    Lang.EN: "Up-to-date record: {}",
}
_PHONE_TYPES = {"fax": "FAX", "text": "MSG"}


def record_url(base: str, service_id: str) -> str:
    """The public address of a service's record (GET /v1/services/{id})."""
    return f"{base.rstrip('/')}/v1/services/{service_id}"


def vcard(card: ServiceCard, lang: Lang, url: str) -> str:
    """vCard 3.0, which every address book imports."""
    name = pick(card.names, lang)[0] or card.id
    contact = vobject.vCard()
    contact.add("n").value = vobject.vcard.Name()
    contact.add("fn").value = name
    contact.add("org").value = [name]
    contact.add("x-abshowas").value = "COMPANY"
    for phone in card.phones:
        line = contact.add("tel")
        line.value = phone.number
        line.type_param = ["WORK", _PHONE_TYPES.get(phone.type, "VOICE")]
    if card.email:
        email = contact.add("email")
        email.value = card.email
        email.type_param = "INTERNET"
    if card.url:
        contact.add("url").value = card.url
    for location in card.locations:
        if location.confidential or not (location.address_1 or location.postal_code):
            continue
        address = contact.add("adr")
        address.value = vobject.vcard.Address(
            street=location.address_1 or "",
            city=location.city or "",
            code=location.postal_code or "",
            country=NATIONAL[lang],
        )
        address.type_param = "WORK"
    kind = labels.label(labels.KIND, card.kind, lang)
    hours = pick(card.hours_notes, lang)[0]
    note = ". ".join(part for part in (kind, hours, _RECORD_LINE[lang].format(url)) if part)
    contact.add("note").value = note
    contact.add("source").value = url
    text: str = contact.serialize()
    return text


def qr_svg(text: str, title: str) -> bytes:
    """An SVG QR code of `text`, one unit a module with the four-module quiet zone, sized by
    whoever shows it (no width or height)."""
    code = segno.make(text, error="m", micro=False, boost_error=False, encoding="utf-8")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=1, border=4, omitsize=True, title=title, xmldecl=False)
    return out.getvalue()
