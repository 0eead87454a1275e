"""Quality table on both protocols: MostPop, a first-order Markov chain and the DUALRec LSTM.

    python -m benchmarks.quality [--protocols full next5] [--output quality.json] [--data-dir DIR]
                                 [--num-movies N (0: every movie)] [--min-ratings K] [--epochs E] [--patience P]
                                 [--model-movie-dim 256 --model-hidden2 256 --model-dropout 0.5 ...] [--run-name NAME]

Reads the prepared data and the checkpoints under DUALREC_HOME; a missing LSTM checkpoint is trained first.
Prints markdown tables and writes the figures as JSON (default DUALREC_HOME/reports/quality.json), with the
catalogue they were measured on. `--protocols full --num-movies 0` on ML-1M is the standard benchmark of the
literature: 3,706 movies, leave-one-out, every movie ranked, watched ones masked.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import fields, replace
from pathlib import Path

import torch

from recommender.baselines import MarkovScorer, MostPopScorer
from recommender.checkpoints import checkpoint_exists, load_checkpoint
from recommender.config import DataConfig, LSTMConfig, TrainConfig, add_dataclass_arguments, from_mapping
from bot.config import env_data_settings
from recommender.errors import run_script
from recommender.evaluation import evaluate_full, evaluate_next5
from recommender.predictor import LSTMScorer
from recommender import fitting
from recommender.data.prepared import PreparedData, ensure_prepared

log = logging.getLogger(__name__)
# What the README says a checkpoint took: its network, how it trained, where, for how long
TRAINING_KEYS = ("model_config", "train_config", "best_epoch", "seconds", "device", "mixed_precision", "processes",
                 "validation")
COLUMNS = {
    "full": ["hr@1/full", "hr@5/full", "hr@10/full", "ndcg@5/full", "ndcg@10/full"],
    "next5": ["hr@1/next5", "hr@5/next5", "ndcg@1/next5", "ndcg@5/next5", "genre_sim/next5"],
}


def lstm_scorer(data_cfg: DataConfig, model_cfg: LSTMConfig, train_cfg: TrainConfig,
                data: PreparedData) -> tuple[LSTMScorer, dict]:
    """The protocol's checkpoint, trained first when it is missing, and how it was trained (from its meta.json)."""
    directory = train_cfg.checkpoint_dir(data_cfg)
    if not checkpoint_exists(directory):
        log.info("no %s checkpoint in %s: training one", train_cfg.protocol, directory)
        fitting.main(data_cfg, model_cfg, train_cfg)
    checkpoint = load_checkpoint(directory, data.catalog.fingerprint)
    # Ranked on a GPU where there is one (a large network's 6,040 full-protocol histories take minutes on 2 cores)
    device = "cuda" if torch.cuda.is_available() and train_cfg.device != "cpu" else "cpu"
    training = {key: checkpoint.meta.get(key) for key in TRAINING_KEYS}
    training["epochs_run"] = len(checkpoint.meta.get("history", []))
    return LSTMScorer(checkpoint.model.to(device), checkpoint.meta["context_len"]), training


def evaluate_protocol(protocol: str, data_cfg: DataConfig, model_cfg: LSTMConfig, train_cfg: TrainConfig,
                      data: PreparedData) -> list[dict]:
    histories = fitting.training_histories(data, protocol)
    n = len(data.catalog)
    lstm, training = lstm_scorer(data_cfg, model_cfg, replace(train_cfg, protocol=protocol), data)
    rows = []
    for scorer in (MostPopScorer(histories, n), MarkovScorer(histories, n), lstm):
        started = time.perf_counter()
        if protocol == "full":
            metrics = evaluate_full(scorer, data.catalog, data.sequences, list(data.full_users), stage="test")
        else:
            metrics = evaluate_next5(scorer, data.catalog, data.sequences, list(data.next5.test_users), data_cfg.holdout)
        rows.append({"model": scorer.name, "protocol": protocol, "seconds": time.perf_counter() - started, **metrics,
                     **({"training": training} if scorer is lstm else {})})
    return rows


def markdown_table(protocol: str, rows: list[dict]) -> str:
    columns = COLUMNS[protocol]
    users = rows[0][f"users/{protocol}"]
    lines = [f"**{protocol}** ({users} test users)", "", "| model | " + " | ".join(columns) + " |",
             "|---|" + "---:|" * len(columns)]
    for row in rows:
        lines.append(f"| {row['model']} | " + " | ".join(f"{row[c]:.4f}" for c in columns) + " |")
    return "\n".join(lines)


def main(data_cfg: DataConfig, model_cfg: LSTMConfig, train_cfg: TrainConfig, protocols: list[str], output: Path) -> dict:
    data = ensure_prepared(data_cfg)
    report = {"dataset": data_cfg.dataset_name, "catalogue": data_cfg.catalogue_name, "num_movies": len(data.catalog),
              "catalog_fingerprint": data.catalog.fingerprint, "input_sha256": data.stats["input_sha256"],
              "rows": [row for p in protocols for row in evaluate_protocol(p, data_cfg, model_cfg, train_cfg, data)]}
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2))
    return report


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--protocols", nargs="+", choices=sorted(COLUMNS), default=["full", "next5"])
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--num-movies", type=int, default=None, help="the N most rated; 0: every movie")
    parser.add_argument("--min-ratings", type=int, default=None, help="only movies with at least K ratings")
    parser.add_argument("--epochs", type=int, default=None, help="at most this many epochs for a checkpoint trained here")
    parser.add_argument("--patience", type=int, default=None,
                        help="epochs without a better validation score before that training stops (= --epochs: train them all)")
    # the network's sizes (--model-movie-dim 256, --model-hidden2 256, --model-dropout 0.5) and a run name that keeps
    # such a checkpoint apart from the default one (checkpoints/<catalogue>/lstm-full-<run name>)
    add_dataclass_arguments(parser, LSTMConfig, "model_")
    parser.add_argument("--run-name", default=None,
                        help="a name for this network: its checkpoint is checkpoints/<catalogue>/lstm-<protocol>-NAME")
    args = parser.parse_args(argv)
    model_cfg = from_mapping(LSTMConfig, {f.name: getattr(args, "model_" + f.name) for f in fields(LSTMConfig)
                                          if getattr(args, "model_" + f.name) is not None})
    data_cfg = DataConfig(**env_data_settings())
    if args.data_dir:
        data_cfg = replace(data_cfg, data_dir=args.data_dir)
    data_cfg = replace(data_cfg, num_movies=args.num_movies, min_ratings=args.min_ratings)
    train_cfg = TrainConfig()
    if args.epochs is not None:
        train_cfg = replace(train_cfg, epochs=args.epochs)
    if args.patience is not None:
        train_cfg = replace(train_cfg, patience=args.patience)
    if args.run_name:
        train_cfg = replace(train_cfg, run_name=args.run_name)
    output = args.output or data_cfg.home / "reports" / "quality.json"

    def body() -> int:
        report = main(data_cfg, model_cfg, train_cfg, args.protocols, output)
        print(f"{report['dataset']}: {report['num_movies']:,} movies")
        for protocol in args.protocols:
            print(markdown_table(protocol, [r for r in report["rows"] if r["protocol"] == protocol]))
            print()
        print(f"written {output}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
