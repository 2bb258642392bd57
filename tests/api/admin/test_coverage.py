"""GET /v1/admin/coverage: where an editor's municipalities are thin."""

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from directory.models import Municipality
from tests.api.admin.conftest import Headers


def test_an_editor_sees_only_the_municipalities_of_their_areas(
    client: TestClient, editor_liege: Headers
) -> None:
    body = client.get("/v1/admin/coverage", headers=editor_liege).json()
    codes = {row["nis_code"] for row in body["contents"]}
    assert body["total_items"] == len(codes) == 84  # the province of Liège
    assert "63079" in codes and "92094" not in codes  # Verviers yes, Namur no


def test_a_row_lists_contacts_nearby_and_what_to_fill(
    client: TestClient, editor_liege: Headers
) -> None:
    rows = client.get("/v1/admin/coverage", headers=editor_liege).json()["contents"]
    verviers = next(row for row in rows if row["nis_code"] == "63079")
    assert verviers["police_zone"] == "Zone de police Vesdre"
    assert verviers["judicial_district"] == "Liège"
    listed = {c["service_id"]: c for c in verviers["contact_list"]}
    assert listed["cpvs-liege"]["scope"] == "judicial_district"
    assert listed["cpvs-liege"]["assurance"] == "sourced"
    assert "police" in verviers["to_fill"]  # the Vesdre zone has no sourced phone yet
    assert all(c["kind"] not in ("helpline", "emergency") for c in verviers["contact_list"])


def test_the_csv_opens_in_a_spreadsheet(client: TestClient, admin: Headers) -> None:
    response = client.get("/v1/admin/coverage", params={"format": "csv"}, headers=admin)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 565
    boom = next(row for row in rows if row["nis_code"] == "11005")
    assert boom["police_zone"] == "Zone de police Rupel"
    assert int(boom["contacts_with_phone"]) >= 1


def test_a_formula_in_a_name_is_not_run_by_the_spreadsheet(
    client: TestClient, admin: Headers, session: Session
) -> None:
    municipality = session.get(Municipality, "11005")
    assert municipality is not None
    municipality.name_nl = '=HYPERLINK("http://evil.example","Boom")'
    session.flush()
    text = client.get("/v1/admin/coverage", params={"format": "csv"}, headers=admin).text
    assert "'=HYPERLINK" in text


def test_the_report_needs_a_login(client: TestClient) -> None:
    assert client.get("/v1/admin/coverage").status_code == 401
