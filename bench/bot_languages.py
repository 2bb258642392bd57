"""One bilingual model, or one model per language? The measurement behind bot/README.md's choice.

    python bench/bot_languages.py

Trains a French-only and a Dutch-only model (same pipeline, same rules, each language's NLU
data), evaluates each on its own hold-out file, and starts each model with `rasa run` to time the
start-up and read its resident memory; then does the same for the bilingual model. Work files go
to a temporary folder; nothing is written into the checkout. Takes about 10 minutes.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.chat import rss_mb
from bot import stack
from bot.nlu_eval import examples, macro_f1

BOT = stack.BOT_DIR


def rasa(*args: str, cwd: Path) -> None:
    subprocess.run(
        [*stack.rasa_command(), *args], cwd=cwd, env=stack.quiet_env(), check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def project(work: Path, lang: str | None) -> Path:
    """A copy of the bot with one language's NLU data (or both)."""
    target = work / (lang or "bilingual")
    shutil.copytree(BOT, target, ignore=shutil.ignore_patterns("__pycache__", "tests", "actions"))
    if lang:
        other = {"fr": "nl", "nl": "fr"}[lang]
        (target / "data" / "nlu" / f"{other}.yml").unlink()
        config = (target / "config.yml").read_text()
        (target / "config.yml").write_text(config.replace("language: fr", f"language: {lang}"))
    return target


def hold_out_f1(model: Path, lang: str, work: Path) -> float:
    out = work / f"eval-{model.stem}-{lang}"
    holdout = BOT / "tests" / "nlu" / f"{lang}.yml"
    rasa("test", "nlu", "--nlu", str(holdout), "--model", str(model), "--out", str(out),
         "--successes", "--no-plot", cwd=work)  # fmt: skip
    predicted = {}
    for name in ("intent_successes.json", "intent_errors.json"):
        for item in json.loads((out / name).read_text()):
            predicted[item["text"]] = item["intent_prediction"]["name"]
    gold = examples(holdout)
    return macro_f1([(intent, predicted[text]) for text, intent in gold.items()])


def serve(model: Path, cwd: Path) -> tuple[float, float]:
    """Seconds until `rasa run` answers, and its resident memory then (MB)."""
    port = stack.free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*stack.rasa_command(), "run", "--model", str(model), "--port", str(port),
         "--interface", "127.0.0.1"],
        cwd=cwd, env=stack.quiet_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        stack.wait_until_up(f"http://127.0.0.1:{port}/", process, 300)
        return time.perf_counter() - started, rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = []
        for lang in ("fr", "nl", None):
            folder = project(work, lang)
            model = work / "models" / f"{folder.name}.tar.gz"
            trained: float | None = None
            if lang is None and stack.model_path().exists():
                model = stack.model_path()  # the project's cached bilingual model
            else:
                started = time.perf_counter()
                rasa(
                    "train",
                    "--out",
                    str(model.parent),
                    "--fixed-model-name",
                    folder.name,
                    cwd=folder,
                )
                trained = time.perf_counter() - started
            scores = {
                lg: hold_out_f1(model, lg, work) for lg in ((lang,) if lang else ("fr", "nl"))
            }
            up, memory = serve(model, folder)
            rows.append((folder.name, trained, scores, up, memory, model.stat().st_size / 1e6))
            print(f"{folder.name}: done", flush=True)
    print()
    print(
        f"{'model':<10} {'training':>9} {'macro-F1 (hold-out)':<24} {'start-up':>9} {'RSS':>8} {'size':>7}"
    )
    for name, trained, scores, up, memory, size in rows:
        f1 = ", ".join(f"{lg} {v:.3f}" for lg, v in scores.items())
        took = "cached" if trained is None else f"{trained:.0f}s"
        print(f"{name:<10} {took:>9} {f1:<24} {up:8.1f}s {memory:6.0f}MB {size:5.1f}MB")


if __name__ == "__main__":
    main()
