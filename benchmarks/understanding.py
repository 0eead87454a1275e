"""The shipped mention-status reader on the parts it never saw, and what a reading costs.

    python -m benchmarks.understanding [--redial ../shared/data/redial-train] [--timed 300]

Parts: the ReDial hold-out (15% of the dialogues, by conversation id: never trained or tuned on) and the held-out
template families (training/understanding/mention_templates.yaml, `holdout: true`). For each: the accuracy of
the status (liked, disliked, watched, not_watched, wants, reference; ReDial knows only the first four) and of
the decision that writes the history (watched or not). Then the cost of reading one clause, p50 and p95 ms on
this machine's cores, over ReDial hold-out messages read one at a time as the chat does.
"""
from __future__ import annotations

import argparse
import random
import time
from collections import Counter

import numpy as np

from bot.mention_reader import MentionReader, ReaderConfig, WATCHED_STATUSES, features
from recommender.errors import run_script
from training import redial
from training.templates import expand, load_templates
from training.train_understanding import UnderstandingConfig


def held_out_rows(cfg: UnderstandingConfig) -> dict[str, list[tuple[str, str]]]:
    parts = {"ReDial hold-out": [(e.text, e.status) for e in redial.load_examples(cfg.redial_dir) if e.holdout]}
    templates = load_templates(cfg.templates)
    held = [(text, status, family) for text, status, family, out in
            expand(templates, cfg.per_template, random.Random(cfg.seed)) if out]
    parts["held-out templates"] = [(text, status) for text, status, _ in held]
    for family in dict.fromkeys(family for _, _, family in held):  # each family apart: a class of its own
        parts[f"- {family}"] = [(text, status) for text, status, f in held if f == family]
    return parts


def evaluate(reader: MentionReader, rows: list[tuple[str, str]]) -> dict:
    """Status accuracy (the likeliest status), and the watched-or-not decision as the chat takes it (bot.
    mention_reader: liked + disliked + watched >= 0.5; unsure within `min_confidence`)."""
    probabilities = reader.head.probabilities(features(reader.encoder, [text for text, _ in rows]))
    predicted = [reader.head.statuses[i] for i in probabilities.argmax(axis=1)]
    watched = reader.head.watched_probability(probabilities)
    truth = [status for _, status in rows]
    right = (watched >= 0.5) == np.array([t in WATCHED_STATUSES for t in truth])
    sure = reader.sure(watched)
    return {"rows": len(rows),
            "status": float(np.mean([p == t for p, t in zip(predicted, truth)])),
            "stores": float(right.mean()),
            "majority": Counter(truth).most_common(1)[0][1] / len(truth),
            "sure": float(sure.mean()),
            "stores_when_sure": float(right[sure].mean()) if sure.any() else 0.0}


def time_readings(reader: MentionReader, texts: list[str]) -> tuple[float, float]:
    seconds = []
    for text in texts:
        start = time.perf_counter()
        reader.head.probabilities(features(reader.encoder, [text]))
        seconds.append(time.perf_counter() - start)
    return float(np.percentile(seconds, 50) * 1000), float(np.percentile(seconds, 95) * 1000)


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redial", default=str(UnderstandingConfig.redial_dir))
    parser.add_argument("--timed", type=int, default=300, help="clauses read one at a time for the cost")
    args = parser.parse_args(argv)

    def body() -> int:
        import torch

        from pathlib import Path

        from recommender.matching import MatchConfig, load_encoder

        torch.set_num_threads(1)  # as a chat turn runs (ServiceConfig.turn_threads)
        reader = MentionReader.load(load_encoder(MatchConfig()), ReaderConfig())
        parts = held_out_rows(UnderstandingConfig(redial_dir=Path(args.redial)))
        print("Mention status, shipped head (bot/models/mention-status), parts never trained or tuned on\n")
        print("| part | rows | status acc | majority | stores-or-not acc | sure | stores acc when sure |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, rows in parts.items():
            r = evaluate(reader, rows)
            print(f"| {name} | {r['rows']} | {r['status']:.3f} | {r['majority']:.3f} | {r['stores']:.3f} | "
                  f"{r['sure']:.3f} | {r['stores_when_sure']:.3f} |")
        texts = [text for text, _ in parts["ReDial hold-out"][: args.timed]]
        p50, p95 = time_readings(reader, texts)
        print(f"\nOne clause read (encoder + head, 1 torch thread): p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(texts)}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
