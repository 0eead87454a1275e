"""How users rate the recommendations: the like rate per model and adapter version, and per source.

    python -m benchmarks.feedback_report [--from PATH] [--out PATH.png]

Reads the feedback files (db/feedback_log.py) with the reader the export and the Hub dataset share: by default
every JSONL file under DUALREC_HOME/feedback, i.e. the chat's log (feedback/ratings, what a feedback dataset
receives) and training.export_feedback's output, each rating counted once, in its latest state. --from takes
another folder or file (a downloaded copy of the dataset). Ratings given before the chat kept its log are in the
database only: `python -m training.export_feedback` first adds them. Prints a table per model and adapter
version, split by who chose the movie (the LSTM or the LLM), and saves a bar chart of the like rates with 95%
Wilson intervals (default: DUALREC_HOME/reports/feedback.png).
"""
from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

from bot.config import env_home
from db.feedback_log import read_ratings
from recommender.errors import run_script


def wilson_interval(likes: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval for a like rate; honest for the small counts a new version starts with."""
    if total == 0:
        return 0.0, 0.0
    rate = likes / total
    centre = (rate + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(rate * (1 - rate) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def like_rates(records: list[dict]) -> list[dict]:
    """One row per (model version, adapter version, source), plus "all" sources, sorted by version."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for record in records:
        version = (record["model_version"] or "?", record["adapter_version"] or "-")
        groups[(*version, record["source"])].append(record["value"])
        groups[(*version, "all")].append(record["value"])
    rows = []
    for (model, adapter, source), values in sorted(groups.items()):
        likes = sum(v > 0 for v in values)
        low, high = wilson_interval(likes, len(values))
        rows.append({"model": model, "adapter": adapter, "source": source, "ratings": len(values), "likes": likes,
                     "dislikes": len(values) - likes, "like_rate": likes / len(values), "low": low, "high": high})
    return rows


def save_chart(rows: list[dict], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # no display: write the file only
    import matplotlib.pyplot as plt

    shown = [r for r in rows if r["source"] == "all"]
    labels = [f"{r['model']}\n{r['adapter']}" for r in shown]
    rates = [r["like_rate"] for r in shown]
    errors = [[r["like_rate"] - r["low"] for r in shown], [r["high"] - r["like_rate"] for r in shown]]
    figure, axis = plt.subplots(figsize=(max(4.0, 1.8 * len(shown) + 2), 4))
    axis.bar(range(len(shown)), rates, yerr=errors, capsize=6, color="#4c72b0")
    for i, row in enumerate(shown):
        axis.text(i, 0.02, f"n={row['ratings']}", ha="center", color="white", fontsize=9)
    axis.set_xticks(range(len(shown)), labels, fontsize=8)
    axis.set_ylim(0, 1)
    axis.set_ylabel("like rate (95% Wilson interval)")
    axis.set_title("Thumbs up per model and adapter version")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def print_table(rows: list[dict]) -> None:
    print("| model | adapter | chosen by | ratings | 👍 | 👎 | like rate | 95% interval |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['model']} | {r['adapter']} | {r['source']} | {r['ratings']} | {r['likes']} | {r['dislikes']} | "
              f"{r['like_rate']:.3f} | {r['low']:.3f}-{r['high']:.3f} |")


def main(source: Path, out: Path) -> list[dict]:
    """The table's rows for the feedback files at `source` (a folder or a file); the chart saved to `out`."""
    rows = like_rates(read_ratings(source))
    if rows:
        save_chart(rows, out)
    return rows


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", type=Path, default=None,
                        help="feedback JSONL files: a folder or a file (default: DUALREC_HOME/feedback)")
    parser.add_argument("--out", type=Path, default=None, help="the chart (default: DUALREC_HOME/reports/feedback.png)")
    args = parser.parse_args(argv)

    def body() -> int:
        home = env_home()
        out = args.out or home / "reports" / "feedback.png"
        rows = main(args.source or home / "feedback", out)
        if not rows:
            print("No ratings yet: thumbs up or down in the chat are counted here.")
            return 0
        print_table(rows)
        print(f"\nChart: {out}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
