"""The shipped mention-status reader on the parts it never saw, and what a reading costs.

    python -m benchmarks.understanding [--redial ../shared/data/redial-train] [--timed 300] [--end-to-end]

Parts: the ReDial hold-out (15% of the dialogues, by conversation id: never trained or tuned on), the held-out
template families (training/understanding/mention_templates.yaml, `holdout: true`) and the held-out authors of the
written messages (training.written.HOLDOUT_AUTHORS: people who never saw the code). For each: the accuracy of
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

from bot.mention_reader import STATUSES, MentionReader, ReaderConfig, WATCHED_STATUSES, features
from recommender.errors import run_script
from training import redial, written
from training.templates import expand, load_templates
from training.train_understanding import UnderstandingConfig


def held_out_rows(cfg: UnderstandingConfig) -> dict[str, list[tuple[str, str]]]:
    parts = {"ReDial hold-out": [(e.text, e.status) for e in redial.load_examples(cfg.redial_dir) if e.holdout]}
    authors = [e for e in written.mention_examples(cfg.written_dir, STATUSES) if e.holdout]
    if authors:
        parts["held-out written authors"] = [(e.text, e.label) for e in authors]
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


def act_parts() -> dict[str, list[tuple[str, str]]]:
    """The message-act model's parts never trained on: held-out act template families and ReDial's hold-out
    clauses (training.train_acts labels them where a closed rule is exact)."""
    from training.train_acts import ActConfig, training_rows

    rows = [r for r in training_rows(ActConfig()) if r.holdout]
    return {"ReDial hold-out clauses": [(r.text, r.act) for r in rows if r.source == "redial"],
            "held-out act templates": [(r.text, r.act) for r in rows if r.source not in ("redial", "written",
                                                                                          "written states")],
            "held-out written authors' clauses": [(r.text, r.act) for r in rows if r.source == "written"],
            "held-out written authors' messages about films (state)": [(r.text, r.act) for r in rows
                                                                        if r.source == "written states"]}


def print_acts(encoder) -> None:
    from bot.act_reader import ActReader
    from bot.mention_reader import encode

    reader = ActReader.load(encoder)
    print("\nMessage acts, shipped head (bot/models/message-acts), parts never trained or tuned on\n")
    print("| part | rows | act acc | majority | sure (>= 0.7) | acc when sure |\n|---|---:|---:|---:|---:|---:|")
    for name, rows in act_parts().items():
        if not rows:
            continue
        probabilities = reader.head.probabilities(encode(reader.encoder, [text for text, _ in rows]))
        predicted = np.array([reader.head.labels[i] for i in probabilities.argmax(axis=1)])
        truth = np.array([act for _, act in rows])
        sure = probabilities.max(axis=1) >= reader.config.min_confidence
        right = predicted == truth
        print(f"| {name} | {len(rows)} | {right.mean():.3f} | {Counter(truth).most_common(1)[0][1] / len(rows):.3f} | "
              f"{sure.mean():.3f} | {right[sure].mean() if sure.any() else 0:.3f} |")


def print_end_to_end() -> None:
    """The chat itself through ChatService on the real catalogue (DUALREC_DATA_DIR, DUALREC_HOME): the blind
    conversations by category (benchmarks/dev to dev7: read and tuned on; benchmarks/heldout: never) and the ReDial
    chat hold-out's halves (benchmarks.redial_chat.in_part). Pass rates only: no failure is shown."""
    import tempfile
    from pathlib import Path

    from benchmarks import blind, redial_chat
    from benchmarks.conversation import benchmark_service

    with tempfile.TemporaryDirectory() as folder:
        service = benchmark_service("none", Path(folder))
        print("\nEnd to end, LLM off: blind everyday conversations\n")
        reports = {name: blind.run_sets(service, blind.load_sets(path), users=f"blind-{i}") for i, (name, path) in
                   enumerate([*((f"{name} (tuned on)", path) for name, path in blind.DEV_SETS),
                              ("held out (never read)", blind.HELDOUT)])}
        categories = sorted({c for r in reports.values() for c in r["by_category"]})
        print("| category | " + " | ".join(reports) + " |\n|---|" + "---:|" * len(reports))
        for category in categories + ["all"]:
            cells = []
            for report in reports.values():
                passed, total = report["by_category"].get(category, (0, 0)) if category != "all" else (
                    report["passed"], report["total"])
                cells.append(f"{passed}/{total} ({passed / max(1, total):.0%})")
            print(f"| {category} | " + " | ".join(cells) + " |")
        paths = [redial.DEFAULT_DATA / name for name in redial.FILES if (redial.DEFAULT_DATA / name).is_file()]
        keys = redial_chat.catalogue_keys(service.catalog)
        print("\nEnd to end, LLM off: ReDial hold-out, seekers' first message naming a catalogue movie\n")
        print("| half | messages | pass |\n|---|---:|---:|")
        for part in ("dev", "final"):
            report = redial_chat.run_cases(service, redial_chat.opening_cases(redial.read_dialogues(paths), keys, part),
                                           users=f"redial-{part}")
            print(f"| {part} | {report['cases']} | {report['passed'] / max(1, report['cases']):.1%} |")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redial", default=str(UnderstandingConfig.redial_dir))
    parser.add_argument("--timed", type=int, default=300, help="clauses read one at a time for the cost")
    parser.add_argument("--end-to-end", action="store_true",
                        help="also run the chat on the blind sets and the ReDial hold-out (real ML-1M home needed)")
    args = parser.parse_args(argv)

    def body() -> int:
        import torch

        from pathlib import Path

        from recommender.matching import MatchConfig, load_encoder

        torch.set_num_threads(1)  # as a chat turn runs (ServiceConfig.turn_threads)
        plain = load_encoder(MatchConfig())  # the matcher's and the act reader's; the mention reader adapts a copy
        reader = MentionReader.load(plain, ReaderConfig())
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
        print_acts(plain)
        if args.end_to_end:
            print_end_to_end()
        return 0

    return run_script(body)


if __name__ == "__main__":
    raise SystemExit(cli())
