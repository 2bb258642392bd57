"""Search quality: frontline workers' queries × places, and the services they expect in the top 5.

`bench/search_quality.yaml` holds 170 queries written apart from the thesaurus (FR, NL, DE, EN;
lay words, abbreviations, typos, mixed languages) at places of every region, each with the
services a worker would be glad to see. Its `holdout` part is never used to tune the vocabulary.

Each query goes to GET /v1/services as a worker's page sends it (the place as typed, the page's
language). Reported per split, language and kind of query:

- success@3, success@5: an expected service among the first 3 / 5 results;
- nDCG@5 (binary relevance);
- shown@5: an expected service in the first five the page shows, counting the labelled
  alternatives offered when the search itself found nothing;
- empty: answers with neither results nor alternatives.

It prints figures and asserts nothing (tests/api/search/test_quality.py holds the floor). Run:

    .venv/bin/python bench/search_quality.py            # a seeded SQLite database, in-process
    .venv/bin/python bench/search_quality.py --url http://127.0.0.1:8000 --failures
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

QUERIES = ROOT / "bench" / "search_quality.yaml"
TOP = 5

Get = Callable[[dict[str, str], dict[str, str]], dict[str, Any]]  # params, headers → JSON


@dataclass(frozen=True)
class Query:
    id: str
    split: str
    q: str
    municipality: str
    expected: tuple[str, ...]
    kind_of_query: str
    lang: str


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: tuple[str, ...]  # the search's own first results
    shown: tuple[str, ...]  # what the page shows first: the results, else the first alternative
    alternatives: tuple[str, ...]  # the reasons offered

    def hit_at(self, k: int) -> bool:
        return any(i in self.query.expected for i in self.found[:k])

    @property
    def shown_hit(self) -> bool:
        return any(i in self.query.expected for i in self.shown[:TOP])

    @property
    def empty(self) -> bool:
        return not self.found and not self.alternatives

    @property
    def ndcg(self) -> float:
        gains = [1.0 if i in self.query.expected else 0.0 for i in self.found[:TOP]]
        dcg = sum(g / math.log2(rank + 2) for rank, g in enumerate(gains))
        ideal = sum(1 / math.log2(rank + 2) for rank in range(min(TOP, len(self.query.expected))))
        return dcg / ideal if ideal else 0.0


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)

    def line(self, name: str) -> str:
        n = len(self.outcomes)

        def share(test: Callable[[Outcome], bool]) -> str:
            return f"{sum(map(test, self.outcomes)) / n:6.1%}"

        ndcg = sum(o.ndcg for o in self.outcomes) / n
        empty = sum(o.empty for o in self.outcomes)
        return (
            f"{name:<22}{n:>5}  {share(lambda o: o.hit_at(3))}  {share(lambda o: o.hit_at(5))}"
            f"  {ndcg:6.3f}  {share(lambda o: o.shown_hit)}  {empty:>5}"
        )


def load(path: Path = QUERIES) -> list[Query]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(**{**item, "expected": tuple(item["expected"])}) for item in raw]


def run(get: Get, queries: Iterable[Query]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        params = {"q": query.q, "municipality": query.municipality, "per_page": str(TOP)}
        lang = query.lang if query.lang in ("fr", "nl", "de", "en") else "fr"
        body = get(params, {"Accept-Language": lang})
        if "contents" not in body:  # a refused place: the worker meets an error
            print(f"{query.id}: {body.get('detail') or body}", file=sys.stderr)
            body = {"contents": []}
        found = tuple(hit["id"] for hit in body["contents"])
        alternatives = body.get("alternatives", [])
        shown = found or tuple(
            h["id"] for h in (alternatives[0]["contents"] if alternatives else [])
        )
        outcomes.append(Outcome(query, found, shown, tuple(a["reason"] for a in alternatives)))
    return outcomes


def report(outcomes: list[Outcome], failures: bool = False) -> str:
    groups: dict[str, Tally] = defaultdict(Tally)
    for outcome in outcomes:
        query = outcome.query
        for name in (
            "all",
            query.split,
            f"{query.split}/{query.lang}",
            f"{query.split}/{query.kind_of_query}",
        ):
            groups[name].outcomes.append(outcome)
    lines = [f"{'':<22}{'n':>5}  {'succ@3':>6}  {'succ@5':>6}  {'nDCG@5':>6}  {'shown5':>6}  empty"]
    order = ["all", "dev", "holdout"]
    order += sorted(k for k in groups if k not in order)
    lines += [groups[name].line(name) for name in order if name in groups]
    if failures:
        lines.append("\nMissed (no expected service in the top 5):")
        for outcome in outcomes:
            if not outcome.hit_at(TOP):
                query = outcome.query
                lines.append(
                    f"  {query.id} [{query.split}] {query.q!r} @ {query.municipality}: "
                    f"got {list(outcome.found)} alt {list(outcome.alternatives)} "
                    f"shown {list(outcome.shown)}; want {list(query.expected)}"
                )
    return "\n".join(lines)


@contextmanager
def in_process() -> Iterator[Get]:
    """The real app over a freshly migrated and seeded SQLite database."""
    from alembic import command
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from api.main import create_app
    from cli.app import alembic_config
    from directory.geography import load_geography
    from directory.paths import DATA_DIR
    from directory.places import PlaceResolver
    from directory.records import load_records
    from directory.service_store import seed_services
    from infra.config import Settings

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/quality.db"
        command.upgrade(alembic_config(url), "head")
        engine = create_engine(url)
        with Session(engine) as session:
            load_geography(session, DATA_DIR / "geo")
            resolver = PlaceResolver.from_session(session)
            seed_services(session, load_records(DATA_DIR / "services.yaml"), resolver)
            session.commit()
        settings = Settings(rate_limit_search=0)  # one worker asking 170 questions in a row
        with TestClient(create_app(settings, engine=engine)) as client:
            yield lambda params, headers: client.get(
                "/v1/services", params=params, headers=headers
            ).json()
        engine.dispose()


@contextmanager
def remote(url: str) -> Iterator[Get]:
    import httpx

    with httpx.Client(base_url=url, timeout=10) as client:
        yield lambda params, headers: client.get(
            "/v1/services", params=params, headers=headers
        ).json()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        help="a running Passerelle, its search rate limit off (default: in-process, seeded SQLite)",
    )
    parser.add_argument("--failures", action="store_true", help="list the missed queries")
    parser.add_argument("--split", choices=["dev", "holdout"], help="only this part")
    args = parser.parse_args(argv)
    queries = [q for q in load() if args.split in (None, q.split)]
    with remote(args.url) if args.url else in_process() as get:
        outcomes = run(get, queries)
    print(report(outcomes, failures=args.failures))


if __name__ == "__main__":
    main()
