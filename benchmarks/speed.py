"""Latency of NextMoviePredictor.top_k on the CPU, by history length and context length, with next5 quality.

    python -m benchmarks.speed [--calls 200] [--threads 1]

Loads the next5 checkpoint under DUALREC_HOME (run `make run` or `python -m training.train_lstm` first) and
times top-k calls on histories of real test users. Prints a markdown table of p50 / p95 milliseconds and the
next5 test HR@1 / HR@5 when the LSTM reads only the last `context` movies.
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import torch

from recommender.config import DataConfig, PredictorConfig, TrainConfig, env_data_settings
from recommender.errors import run_script
from recommender.evaluation import evaluate_next5
from recommender.predictor import NextMoviePredictor
from training.prepare_data import ensure_prepared

HISTORY_LENGTHS = (0, 5, 30, 100, 200)
CONTEXT_LENS = (None, 50, 30)  # None: the checkpoint's own (200 for the default training)


def time_calls(predictor: NextMoviePredictor, histories: list[list[int]], k: int) -> np.ndarray:
    """Milliseconds per call, one call per history, after a warm-up call."""
    predictor.top_k(histories[0], k)
    timings = []
    for history in histories:
        started = time.perf_counter()
        predictor.top_k(history, k)
        timings.append((time.perf_counter() - started) * 1000)
    return np.asarray(timings)


def main(data_cfg: DataConfig, calls: int, threads: int, k: int = 10) -> list[dict]:
    torch.set_num_threads(threads)
    data = ensure_prepared(data_cfg)
    checkpoint = TrainConfig().checkpoint_dir(data_cfg.home)
    rows = []
    for context_len in CONTEXT_LENS:
        predictor = NextMoviePredictor.from_checkpoint(checkpoint, data.catalog, PredictorConfig(context_len))
        quality = evaluate_next5(predictor.scorer, data.catalog, data.sequences, list(data.next5.test_users),
                                 data_cfg.holdout)
        long_users = [data.sequences[u] for u in data.next5.test_users if len(data.sequences[u]) >= max(HISTORY_LENGTHS)]
        for length in HISTORY_LENGTHS:
            histories = [long_users[i % len(long_users)][-length:] if length else [] for i in range(calls)]
            ms = time_calls(predictor, histories, k)
            rows.append({"context": predictor.scorer.context_len, "history": length,
                         "p50_ms": float(np.percentile(ms, 50)), "p95_ms": float(np.percentile(ms, 95)),
                         "hr@1/next5": quality["hr@1/next5"], "hr@5/next5": quality["hr@5/next5"]})
    return rows


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)

    def body() -> int:
        rows = main(DataConfig(**env_data_settings()), args.calls, args.threads)
        print_table(rows, args.threads, args.calls)
        return 0

    return run_script(body)


def print_table(rows: list[dict], threads: int, calls: int) -> None:
    print(f"NextMoviePredictor.top_k(k=10), {threads} thread(s), {calls} calls per row\n")
    print("| context (movies read) | history length | p50 ms | p95 ms | hr@1/next5 | hr@5/next5 |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['context']} | {row['history']} | {row['p50_ms']:.2f} | {row['p95_ms']:.2f} | "
              f"{row['hr@1/next5']:.4f} | {row['hr@5/next5']:.4f} |")


if __name__ == "__main__":
    sys.exit(cli())
