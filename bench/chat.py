"""The assistant's figures: training, start-up, memory, and the latency of a conversational turn.

    python bench/chat.py [--skip-training] [--conversations 40] [--typed 60]

Starts the whole stack on free localhost ports (the action server, Rasa, the API under uvicorn)
against the seeded database of DATABASE_URL (default: passerelle.db; run `make run` once, or
`passerelle db upgrade && passerelle seed`). Rasa gets `--enable-api` here, and only here, so that
its own /model/parse can be timed beside the chat path: never run production that way.

A "turn" is one POST /v1/chat: the API's emergency net and language check, the relay to Rasa,
Rasa's NLU and policies, the action server round trips (extraction, validation, the question or
the referral with its database queries) and the answer back. Button conversations come from
bot/scenarios.py; typed ones (free text, as people write) from tests/bot/typed/dev.yaml. Targets (issue 3): turn p95 ≤ 80 ms,
training ≤ 4 min, start-up ≤ 45 s, all processes together ≤ 2 GB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import percentile
from bot import stack
from bot.scenarios import SCENARIOS
from tests.bot import typed


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (sanic and uvicorn fork workers)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))
            )
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        pending += [int(c) for c in children]
    return total / 1024


def kind_of(number: int, text: str, messages: list[dict[str, object]]) -> str:
    """Which kind of turn: the opening (two actions), one with cards (the referral's database
    work), a tapped answer (no NLU) or a typed one."""
    if any(m.get("type") == "referral" for m in messages):
        return "with cards"
    if number == 0:
        return "opening"
    return "tapped" if text.startswith("/") else "typed"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-training", action="store_true", help="use the cached model")
    parser.add_argument("--conversations", type=int, default=40)
    parser.add_argument("--typed", type=int, default=60, help="typed conversations to play")
    args = parser.parse_args()

    print("Training...", flush=True)
    model, seconds = stack.train(force=not args.skip_training)
    training = "cached (skipped)" if seconds is None else f"{seconds:.0f} s"

    rasa_port, actions_port, api_port = stack.free_port(), stack.free_port(), stack.free_port()
    actions_url, rasa_url = f"http://127.0.0.1:{actions_port}", f"http://127.0.0.1:{rasa_port}"
    api_url = f"http://127.0.0.1:{api_port}"
    log = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the processes)
    started = time.perf_counter()
    actions = stack.start_actions(actions_port, log=log.fileno())
    rasa = stack.start_rasa(model, rasa_port, actions_url, log=log.fileno(), enable_api=True)
    api = subprocess.Popen(
        [str(Path(sys.executable).parent / "passerelle"), "serve", "--port", str(api_port)],
        # One client sends hundreds of turns a minute here: the per-client limit (60) is off.
        env=dict(os.environ, PASSERELLE_RASA_URL=rasa_url, PASSERELLE_RATE_LIMIT_CHAT="0"),
        stdout=log,
        stderr=log,
    )
    processes = {"action server": actions, "rasa": rasa, "api": api}
    try:
        stack.wait_until_up(f"{actions_url}/health", actions, 120)
        stack.wait_until_up(f"{api_url}/health", api, 120)
        stack.wait_until_up(f"{rasa_url}/", rasa, 300)
        startup = time.perf_counter() - started
        print(f"Stack up in {startup:.1f} s", flush=True)

        turns: list[float] = []
        kinds: dict[str, list[float]] = {}
        texts: list[str] = []
        with httpx.Client(timeout=30) as client:
            runs = 0
            while runs < args.conversations:
                for scenario in SCENARIOS:
                    if runs >= args.conversations:
                        break
                    runs += 1
                    sender = f"bench-{runs:06d}-{time.monotonic_ns():x}"[:60]
                    lang = scenario.lang
                    for number, turn in enumerate(scenario.turns):
                        body = {"sender": sender, "message": turn.text, "lang": lang}
                        if scenario.page_municipality:
                            body["municipality"] = scenario.page_municipality
                        t0 = time.perf_counter()
                        reply = client.post(f"{api_url}/v1/chat", json=body)
                        turns.append((time.perf_counter() - t0) * 1000)
                        reply.raise_for_status()
                        answer = reply.json()
                        assert not answer["degraded"], "the assistant did not answer"
                        lang = answer["lang"]
                        kind = kind_of(number, turn.text, answer["messages"])
                        kinds.setdefault(kind, []).append(turns[-1])
                        if not turn.text.startswith("/"):
                            texts.append(turn.text)
            typed_turns: list[float] = []

            def post(body: dict[str, object]) -> dict[str, object]:
                t0 = time.perf_counter()
                reply = client.post(f"{api_url}/v1/chat", json=body)
                typed_turns.append((time.perf_counter() - t0) * 1000)
                reply.raise_for_status()
                answer: dict[str, object] = reply.json()
                return answer

            for number, conversation in enumerate(typed.load("dev")[: args.typed]):
                typed.play(conversation, post, f"bench-typed-{number:04d}-{time.monotonic_ns():x}")
            parse: list[float] = []
            for _ in range(5):
                for text in texts:
                    t0 = time.perf_counter()
                    client.post(f"{rasa_url}/model/parse", json={"text": text}).raise_for_status()
                    parse.append((time.perf_counter() - t0) * 1000)
        memory = {name: rss_mb(p.pid) for name, p in processes.items()}
    finally:
        stack.stop_processes(list(processes.values()), timeout=30)

    print()
    print(f"training             {training}")
    print(f"start-up (3 procs)   {startup:.1f} s")
    for name, mb in memory.items():
        print(f"RSS {name:<17}{mb:7.0f} MB")
    print(f"RSS all together     {sum(memory.values()):7.0f} MB")
    print(
        f"chat turn            n={len(turns)}  p50 {statistics.median(turns):.1f} ms"
        f"  p95 {percentile(turns, 95):.1f} ms  max {max(turns):.1f} ms"
    )
    for kind, values in sorted(kinds.items()):
        print(
            f"  {kind:<19}n={len(values)}  p50 {statistics.median(values):.1f} ms"
            f"  p95 {percentile(values, 95):.1f} ms"
        )
    if typed_turns:
        print(
            f"typed turn           n={len(typed_turns)}  p50 {statistics.median(typed_turns):.1f} ms"
            f"  p95 {percentile(typed_turns, 95):.1f} ms  max {max(typed_turns):.1f} ms"
        )
    print(
        f"rasa /model/parse    n={len(parse)}  p50 {statistics.median(parse):.1f} ms"
        f"  p95 {percentile(parse, 95):.1f} ms"
    )


if __name__ == "__main__":
    main()
