"""GET /v1/services/{id}.vcf and /v1/services/{id}/qr.svg (api/service_files.py): a vCard that
escapes, folds and never holds a confidential address, and QR codes that read back."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.service_files import qr_svg, vcard
from directory.cards import load_cards
from directory.models import Location, ServiceAtLocation
from directory.vocab import Lang
from tests.factories import create_service
from tests.qr_reader import REFERENCES, read_qr, svg_matrix

LONG_NAME = "Refuge; test, avec un nom très long pour plier la ligne à 75 octets — 24 h/24 éà"


def _refuge(session: Session, name: str = LONG_NAME) -> str:
    service = create_service(session, name_fr=name, kind="shelter", phones=["+3225550000"])
    service.email = "contact@example.org"
    for n, (street, confidential) in enumerate([("Rue Secrète 9", True), ("Rue X 1", False)]):
        location = Location(
            id=f"{service.id}-{n}",
            location_type="physical",
            address_1=street,
            postal_code="1000",
            city="Bruxelles",
            confidential=confidential,
        )
        session.add_all([location, ServiceAtLocation(service_id=service.id, location=location)])
    session.flush()
    return service.id


def test_the_vcard_escapes_folds_and_leaves_confidential_addresses_out(session: Session) -> None:
    service_id = _refuge(session)
    card = load_cards(session, [service_id])[service_id]
    text = vcard(card, Lang.FR, "https://passerelle.be/v1/services/x")
    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCARD", "VERSION:3.0"] and lines[-2:] == ["END:VCARD", ""]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "").split("\r\n")
    assert (
        "FN:Refuge\\; test\\, avec un nom très long pour plier la ligne à 75 octets — 24 h/24 éà"
        in unfolded
    )
    assert "EMAIL;TYPE=INTERNET:contact@example.org" in unfolded
    assert "TEL;TYPE=WORK,VOICE:+3225550000" in unfolded
    assert [line for line in unfolded if line.startswith("ADR")] == [
        "ADR;TYPE=WORK:;;Rue X 1;Bruxelles;;1000;Belgique"
    ]
    assert "Secrète" not in text
    [note] = [line for line in unfolded if line.startswith("NOTE:")]
    assert note.endswith(". Fiche à jour : https://passerelle.be/v1/services/x")


def test_a_line_break_in_a_value_never_starts_a_property(session: Session) -> None:
    # Issue 14 (6): a forged name or website must not add a phone number to the card.
    service_id = _refuge(session, name="Abri\r\nTEL:+3290000000")
    card = load_cards(session, [service_id])[service_id]
    forged = vcard(card, Lang.FR, "https://x.example/\r\nTEL:+3291111111")
    lines = forged.replace("\r\n ", "").split("\r\n")
    assert not any(line.startswith("TEL:") for line in lines)
    assert "FN:Abri\\nTEL:+3290000000" in lines


def test_the_vcard_route_names_the_file_and_speaks_the_language(client: TestClient) -> None:
    answer = client.get("/v1/services/baj-liege.vcf", params={"lang": "nl"})
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/vcard; charset=utf-8"
    assert answer.headers["content-disposition"] == 'attachment; filename="baj-liege.vcf"'
    unfolded = answer.text.replace("\r\n ", "")
    assert "Actuele fiche: http://testserver/v1/services/baj-liege" in unfolded
    assert "SOURCE:http://testserver/v1/services/baj-liege" in unfolded
    assert client.get("/v1/services/nothing-here.vcf").status_code == 404


def test_the_qr_route_leads_to_the_record(client: TestClient) -> None:
    answer = client.get("/v1/services/cvfe-liege/qr.svg")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/svg+xml"
    assert read_qr(svg_matrix(answer.text)) == b"http://testserver/v1/services/cvfe-liege"
    assert client.get("/v1/services/nothing-here/qr.svg").status_code == 404


@pytest.mark.parametrize("text", list(REFERENCES))
def test_segno_needs_the_reference_encoders_version_and_reads_back(text: str) -> None:
    # The masks may differ: segno pads the data with one more zero codeword, which changes the
    # penalty scores. What a phone reads is the same.
    version, _, _ = REFERENCES[text]
    matrix = svg_matrix(qr_svg(text, "t").decode())
    assert len(matrix) == version * 4 + 17
    assert read_qr(matrix) == text.encode()


def test_qr_codes_read_back_at_every_version() -> None:
    capacities = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213]  # bytes at level M
    lengths = sorted({1, 2, 213, *capacities, *(c + 1 for c in capacities[:-1]), 60, 99, 170})
    for length in lengths:
        text = "é" + "x" * (length - 2) if length >= 2 else "x"  # é is two bytes in UTF-8
        assert len(text.encode()) == length
        matrix = svg_matrix(qr_svg(text, "t").decode())
        assert read_qr(matrix) == text.encode(), length
        version = (len(matrix) - 17) // 4
        assert version == next(v for v, c in enumerate(capacities, 1) if c >= length)
