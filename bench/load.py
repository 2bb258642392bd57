"""Load: 200 simulated chat sessions and 50 frontline workers searching, for 60 s, at once.

    python bench/load.py [--sessions 200] [--searchers 50] [--duration 60] [--api-workers 2]
                         [--rasa-servers 2] [--think 4:12] [--search-think 2:6]
                         [--database-url URL] [--log FILE]

Starts the production processes on free localhost ports (the action server, --rasa-servers Rasa
processes over which the app spreads conversations by sender id, the API under
`passerelle serve --workers N`) against the seeded database of DATABASE_URL (default
passerelle.db: run `make run` once, or `passerelle db upgrade && passerelle seed`), with the
per-client rate limits off (every simulated person comes from 127.0.0.1 here).

A chat session plays one of the assistant's scripted conversations (bot/scenarios.py, FR and NL,
the emergency, language switches, the referral at the end) through POST /v1/chat, pausing
between messages as a person reads and taps ("think time", uniform in --think seconds); when it
ends, the next begins under a new sender id. A searcher sends GET /v1/services from the search
benchmark's query mix (text, place, filters) with --search-think pauses.

An error is any answer other than 200, a timeout, a dropped connection, or a chat answer that
came from the fallback (`degraded`) instead of the assistant. Target (issue 6): zero errors and
chat turn p95 ≤ 300 ms under this load on the 2-core machine; issue 17: the same with
`--sessions 400`. Besides latencies it prints each process's CPU, the load generator's, the
whole machine's (other jobs on the cores make a run incomparable) and Rasa's CPU per turn.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import percentile  # noqa: E402
from bot import stack  # noqa: E402
from bot.scenarios import SCENARIOS  # noqa: E402

SEARCHES = [
    "/v1/services?q=violence%20conjugale&municipality=Li%C3%A8ge",
    "/v1/services?q=partnergeweld&municipality=Gent",
    "/v1/services?municipality=1060&audience=child",
    "/v1/services?q=aide&postcode=5000&language=fr",
    "/v1/services?violence_type=sexual&municipality=Antwerpen",
    "/v1/services?q=hulp&municipality=Genk&open_now=true",
    "/v1/services?kind=helpline&municipality=Boom",
    "/v1/services?q=avocat&municipality=Namur",
    "/v1/services?audience=perpetrator&municipality=Bruxelles",
    "/v1/services?q=ouderenmis&municipality=Brugge",
    "/v1/municipalities?q=St-Gilles",
    "/v1/services?q=geweld&municipality=21013",
]


@dataclass
class Figures:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"chat": [], "search": []})
    errors: Counter[str] = field(default_factory=Counter)
    conversations: int = 0


def span(text: str) -> tuple[float, float]:
    low, _, high = text.partition(":")
    return float(low), float(high or low)


async def chat_session(
    client: httpx.AsyncClient, number: int, think: tuple[float, float], until: float, out: Figures
) -> None:
    rng = random.Random(number)
    await asyncio.sleep(rng.uniform(0, think[1]))  # people do not all arrive in the same second
    run = 0
    while time.monotonic() < until:
        scenario = rng.choice(SCENARIOS)
        run += 1
        sender = f"load-{number:04d}-{run:04d}-{rng.getrandbits(32):08x}"
        lang = scenario.lang
        for turn in scenario.turns:
            if time.monotonic() >= until:
                return
            body: dict[str, str] = {"sender": sender, "message": turn.text, "lang": lang}
            if scenario.page_municipality:
                body["municipality"] = scenario.page_municipality
            started = time.perf_counter()
            try:
                reply = await client.post("/v1/chat", json=body)
            except httpx.HTTPError as error:
                out.errors[f"chat {type(error).__name__}"] += 1
                break
            out.latencies["chat"].append((time.perf_counter() - started) * 1000)
            if reply.status_code != 200:
                out.errors[f"chat HTTP {reply.status_code}"] += 1
                break
            answer = reply.json()
            if answer["degraded"]:
                out.errors["chat fallback instead of the assistant"] += 1
            lang = answer["lang"]
            await asyncio.sleep(rng.uniform(*think))
        else:
            out.conversations += 1


async def searcher(
    client: httpx.AsyncClient, number: int, think: tuple[float, float], until: float, out: Figures
) -> None:
    rng = random.Random(10_000 + number)
    await asyncio.sleep(rng.uniform(0, think[1]))
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            reply = await client.get(rng.choice(SEARCHES))
        except httpx.HTTPError as error:
            out.errors[f"search {type(error).__name__}"] += 1
            continue
        out.latencies["search"].append((time.perf_counter() - started) * 1000)
        if reply.status_code != 200:
            out.errors[f"search HTTP {reply.status_code}"] += 1
        await asyncio.sleep(rng.uniform(*think))


async def drive(url: str, args: argparse.Namespace) -> tuple[Figures, float]:
    figures = Figures()
    limits = httpx.Limits(max_connections=args.sessions + args.searchers)
    async with httpx.AsyncClient(base_url=url, timeout=10, limits=limits) as client:
        until = time.monotonic() + args.duration
        started = time.perf_counter()
        await asyncio.gather(
            *(
                chat_session(client, n, span(args.think), until, figures)
                for n in range(args.sessions)
            ),
            *(
                searcher(client, n, span(args.search_think), until, figures)
                for n in range(args.searchers)
            ),
        )
        return figures, time.perf_counter() - started


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its descendants so far (uvicorn forks workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        pending += [int(c) for c in children]
    return total


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU time of the whole machine so far, from /proc/stat, in ticks."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return float(sum(fields) - idle), float(sum(fields))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--searchers", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--api-workers", type=int, default=2)
    parser.add_argument(
        "--rasa-servers", type=int, default=2, help="Rasa processes sharing the conversations"
    )
    parser.add_argument("--think", default="4:12", help="seconds between chat messages, low:high")
    parser.add_argument("--search-think", default="2:6", help="seconds between searches")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--log", type=Path, help="keep the processes' output in this file")
    args = parser.parse_args()

    model, _ = stack.train()
    actions_port, api_port = stack.free_port(), stack.free_port()
    rasa_ports = [stack.free_port() for _ in range(args.rasa_servers)]
    actions_url, api_url = f"http://127.0.0.1:{actions_port}", f"http://127.0.0.1:{api_port}"
    rasa_urls = [f"http://127.0.0.1:{port}" for port in rasa_ports]
    env = dict(
        os.environ,
        PASSERELLE_RASA_URL=",".join(rasa_urls),
        PASSERELLE_ACTIONS_URL=actions_url,
        PASSERELLE_RATE_LIMIT_CHAT="0",
        PASSERELLE_RATE_LIMIT_SEARCH="0",
        PASSERELLE_LOG_LEVEL="WARNING",
    )
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    # Lives as long as the processes.
    log = args.log.open("wb") if args.log else tempfile.TemporaryFile()  # noqa: SIM115
    actions = stack.start_actions(actions_port, log=log.fileno(), database_url=args.database_url)
    servers = [stack.start_rasa(model, port, actions_url, log=log.fileno()) for port in rasa_ports]
    command = [str(Path(sys.executable).parent / "passerelle"), "serve", "--port", str(api_port)]
    api = subprocess.Popen(
        [*command, "--workers", str(args.api_workers)],
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,  # stopped with its workers
    )
    processes = {"api": api, "action server": actions}
    processes.update({f"rasa {n + 1}": server for n, server in enumerate(servers)})
    try:
        stack.wait_until_up(f"{actions_url}/health", actions, 120)
        for url, server in zip(rasa_urls, servers, strict=True):
            stack.wait_until_up(f"{url}/", server, 300)
        stack.wait_until_up(f"{api_url}/health", api, 120)
        time.sleep(5)  # every API worker up and warm, not only the first
        httpx.post(f"{api_url}/v1/chat", json={"sender": "warm-up-000", "message": "bonjour"})
        print(
            f"{args.sessions} chat sessions (think {args.think} s) + {args.searchers} searchers "
            f"(think {args.search_think} s) for {args.duration:.0f} s; API workers: "
            f"{args.api_workers}; Rasa servers: {args.rasa_servers}; CPUs: {os.cpu_count()}",
            flush=True,
        )
        cpu_before = {name: cpu_seconds(p.pid) for name, p in processes.items()}
        cpu_before["load generator"] = time.process_time()
        machine_before = machine_busy()
        figures, elapsed = asyncio.run(drive(api_url, args))
        cpu = {name: cpu_seconds(p.pid) - cpu_before[name] for name, p in processes.items()}
        cpu["load generator"] = time.process_time() - cpu_before["load generator"]
        machine = [
            after - before for after, before in zip(machine_busy(), machine_before, strict=True)
        ]
    finally:
        stack.stop_processes(list(processes.values()), timeout=30)

    print()
    for kind, values in figures.latencies.items():
        if not values:
            continue
        print(
            f"{kind:<7} n={len(values):>6}  {len(values) / elapsed:6.1f}/s  "
            f"p50 {statistics.median(values):6.1f} ms  p95 {percentile(values, 95):6.1f} ms  "
            f"p99 {percentile(values, 99):6.1f} ms  max {max(values):7.1f} ms"
        )
    print(f"conversations completed: {figures.conversations}")
    print(
        f"errors: {sum(figures.errors.values())}"
        + "".join(f"\n  {what}: {n}" for what, n in figures.errors.most_common())
    )
    busy = "  ".join(f"{name} {seconds / elapsed * 100:.0f}%" for name, seconds in cpu.items())
    print(f"CPU (of one core): {busy}")
    others = machine[0] / os.sysconf("SC_CLK_TCK") - sum(cpu.values())
    print(
        f"machine: {machine[0] / machine[1] * 100:.0f}% of {os.cpu_count()} cores busy; "
        f"other processes {others / elapsed * 100:.0f}% of one core"
    )
    turns = len(figures.latencies["chat"])
    rasa = sum(seconds for name, seconds in cpu.items() if name.startswith("rasa"))
    if turns:
        print(f"Rasa CPU per chat turn: {rasa / turns * 1000:.1f} ms")
    chat_p95 = percentile(figures.latencies["chat"], 95)
    verdict = "met" if chat_p95 <= 300 and not figures.errors else "missed"
    print(f"target: zero errors and chat p95 <= 300 ms: {verdict}")


if __name__ == "__main__":
    main()
