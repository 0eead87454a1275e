"""Our per-position objective against the paper's 30 -> 31 sliding windows, on the next5 protocol; or the full
softmax against sampled softmax.

    python -m benchmarks.objectives [--window-epochs 2]
    python -m benchmarks.objectives --losses [--negatives 256,1024] [--num-movies 0] [--epochs 8]

Trains (or reuses) the default next5 checkpoint and a windows checkpoint (`lstm-next5-windows`), then prints
seconds per training epoch and the next5 test metrics of each. The windows run is capped at a few epochs:
each costs about 20 times a per-position epoch. `--losses` trains next5 checkpoints with the full softmax and with
sampled softmax at each number of negatives (logQ-corrected), on the catalogue `--num-movies` chooses.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from recommender.checkpoints import checkpoint_exists, load_checkpoint
from recommender.config import DataConfig, LSTMConfig, TrainConfig
from bot.config import env_data_settings
from recommender.errors import run_script
from recommender.evaluation import evaluate_next5
from recommender.predictor import LSTMScorer
from recommender import fitting
from recommender.data.prepared import ensure_prepared

COLUMNS = ["hr@1/next5", "hr@5/next5", "ndcg@5/next5", "genre_sim/next5"]


def run(data_cfg: DataConfig, model_cfg: LSTMConfig, configs: dict[str, TrainConfig]) -> list[dict]:
    data = ensure_prepared(data_cfg)
    rows = []
    for name, cfg in configs.items():
        directory = cfg.checkpoint_dir(data_cfg)
        if not checkpoint_exists(directory):
            fitting.main(data_cfg, model_cfg, cfg)
        checkpoint = load_checkpoint(directory, data.catalog.fingerprint)
        history = checkpoint.meta["history"]
        epoch_seconds = [h["train_seconds"] for h in history if "train_seconds" in h]
        test = evaluate_next5(LSTMScorer(checkpoint.model, checkpoint.meta["context_len"]), data.catalog,
                              data.sequences, list(data.next5.test_users), data_cfg.holdout)
        rows.append({"objective": name, "epochs_run": len(history), "best_epoch": checkpoint.meta["best_epoch"],
                     "seconds_per_epoch": sum(epoch_seconds) / max(len(epoch_seconds), 1), **test})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--window-epochs", type=int, default=2)
    parser.add_argument("--losses", action="store_true", help="full softmax against sampled softmax")
    parser.add_argument("--negatives", default="256,1024")
    parser.add_argument("--num-movies", type=int, default=None)
    parser.add_argument("--epochs", type=int, default=None)
    args = parser.parse_args(argv)
    base = TrainConfig() if args.epochs is None else TrainConfig(epochs=args.epochs)
    if args.losses:
        configs = {"full softmax": replace(base, loss="full", run_name="full-softmax")}
        for k in map(int, args.negatives.split(",")):
            configs[f"sampled softmax, {k} negatives"] = replace(base, loss="sampled", negatives=k,
                                                                 run_name=f"sampled-{k}")
    else:
        configs = {
            "per-position (ours)": base,
            "30->31 windows (paper)": replace(base, objective="windows", batch_size=128, epochs=args.window_epochs,
                                              patience=args.window_epochs, run_name="windows"),
        }
    data_cfg = replace(DataConfig(**env_data_settings()), num_movies=args.num_movies)
    return run_script(lambda: report(run(data_cfg, LSTMConfig(), configs), data_cfg))


def report(rows: list[dict], data_cfg: DataConfig) -> int:
    print("| objective | epochs run | best epoch | s / epoch | " + " | ".join(COLUMNS) + " |")
    print("|---|---:|---:|---:|" + "---:|" * len(COLUMNS))
    for row in rows:
        print(f"| {row['objective']} | {row['epochs_run']} | {row['best_epoch']} | {row['seconds_per_epoch']:.0f} | "
              + " | ".join(f"{row[c]:.4f}" for c in COLUMNS) + " |")
    (data_cfg.home / "reports").mkdir(parents=True, exist_ok=True)
    (data_cfg.home / "reports" / "objectives.json").write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
