"""The search-quality suite (bench/search_quality.yaml) holds its floor on both databases.

The figures themselves are reported by bench/search_quality.py; this keeps what the search
issue asked: nine queries in ten find an expected service in the top five, and no query
answers with an empty page.
"""

from __future__ import annotations

from typing import Any

from bench.search_quality import load, run
from tests.api.conftest import ClientWith


def test_workers_queries_find_an_expected_service_and_never_nothing(
    client_with: ClientWith,
) -> None:
    with client_with(PASSERELLE_RATE_LIMIT_SEARCH=0) as client:

        def get(params: dict[str, str], headers: dict[str, str]) -> dict[str, Any]:
            response = client.get("/v1/services", params=params, headers=headers)
            assert response.status_code == 200, (params, response.text)
            return dict(response.json())

        outcomes = run(get, load())
    assert [o.query.id for o in outcomes if o.empty] == []
    found = sum(o.hit_at(5) for o in outcomes) / len(outcomes)
    assert found >= 0.9, f"{found:.1%} of the suite finds an expected service in the top 5"
