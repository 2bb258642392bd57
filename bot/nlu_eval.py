"""Reading Rasa NLU files and scoring intent predictions: shared by the tests and the benchmarks."""

from __future__ import annotations

from pathlib import Path

import yaml


def examples(path: Path) -> dict[str, str]:
    """Every example of an NLU file: text → intent."""
    found = {}
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block.get("examples", "").splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                found[text] = block["intent"]
    return found


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Macro-averaged F1 over the gold labels of (gold, predicted) pairs."""
    labels = {gold for gold, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)
