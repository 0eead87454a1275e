"""The standard ML-1M benchmark's sweep: several LSTM sizes trained side by side under one time budget, each then
ranked by benchmarks.quality on the full protocol (every movie, leave-one-out, watched ones masked).

    python -m benchmarks.sweep --output DIR [--minutes 6.5] [--runs NAME ...] [--smoke]

Meant for one GPU, where the networks share the card (each in bf16 autocast, as `--mixed-precision auto` trains
there); on a CPU give fewer runs. Each run's log and quality JSON go
to DIR; the table printed last (and DIR/sweep.json) marks the network with the best *validation* NDCG@10, which is
the one the README reports: the test figures of the others are shown too, never used to choose. `--smoke` runs
tiny networks for a few seconds each (SMOKE_MINUTES), to try the machinery before a long run.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from recommender.errors import run_script

# Every run: the standard benchmark's catalogue (all 3,706 movies), the full protocol, early stopping on validation
COMMON = ["--protocol", "full", "--num-movies", "0", "--epochs", "200", "--patience", "10", "--min-delta", "0.0005",
          "--num-threads", "2"]
RUNS = {
    # the CPU's best (README), trained for longer
    "d256-h256": "--model-movie-dim 256 --model-hidden2 256 --model-dropout 0.5 --batch-size 16 --learning-rate 4e-3",
    "d256-h512": "--model-movie-dim 256 --model-hidden1 512 --model-hidden2 256 --model-dropout 0.5 "
                 "--model-input-dropout 0.2 --batch-size 32 --learning-rate 2e-3",
    "d384-h768": "--model-movie-dim 384 --model-hidden1 768 --model-hidden2 384 --model-dropout 0.55 "
                 "--model-input-dropout 0.25 --batch-size 32 --learning-rate 1.5e-3",
    "d512-h1024": "--model-movie-dim 512 --model-hidden1 1024 --model-hidden2 512 --model-dropout 0.5 "
                  "--model-input-dropout 0.2 --batch-size 32 --learning-rate 1e-3",
    "d512-h1024-do6": "--model-movie-dim 512 --model-hidden1 1024 --model-hidden2 512 --model-dropout 0.6 "
                      "--model-input-dropout 0.3 --batch-size 64 --learning-rate 2e-3",
    # more dropout helped most from d512-h1024 to -do6: more of it, on the same and on a wider network
    "d512-h1024-do7": "--model-movie-dim 512 --model-hidden1 1024 --model-hidden2 512 --model-dropout 0.7 "
                      "--model-input-dropout 0.4 --batch-size 64 --learning-rate 2e-3",
    "d768-h1536-do7": "--model-movie-dim 768 --model-hidden1 1536 --model-hidden2 768 --model-dropout 0.7 "
                      "--model-input-dropout 0.4 --batch-size 64 --learning-rate 1.5e-3",
}
# the two best above, the rate halved after 5 epochs in a row without a better validation score
RUNS.update({f"{name}-decay": f"{RUNS[name]} --lr-decay-patience 4" for name in ("d512-h1024-do6", "d768-h1536-do7")})
SMOKE = "--model-movie-dim 8 --model-title-dim 4 --model-hidden1 8 --model-hidden2 8 --batch-size 256"
SMOKE_MINUTES = 0.2  # --smoke's own budget: an epoch or two, whatever --minutes says


def run_one(name: str, args: list[str], output: Path) -> subprocess.Popen:
    """Train, then rank the test users, in one background shell; both write to DIR/NAME.log."""
    train = [sys.executable, "-m", "training.train_lstm", *COMMON, *args, "--run-name", name]
    quality = [sys.executable, "-m", "benchmarks.quality", "--protocols", "full", "--num-movies", "0",
               "--run-name", name, "--output", str(output / f"{name}.json")]
    script = f"{subprocess.list2cmdline(train)} && {subprocess.list2cmdline(quality)}"
    with open(output / f"{name}.log", "w") as log:  # the child keeps its own copy of the handle
        return subprocess.Popen(["bash", "-c", script], stdout=log, stderr=subprocess.STDOUT)


def summary(name: str, output: Path) -> dict:
    """One run's row: its test figures and how it trained (from the quality JSON), or why there is none."""
    report = output / f"{name}.json"
    if not report.exists():
        tail = (output / f"{name}.log").read_text(errors="replace").strip().splitlines()[-3:]
        return {"run": name, "failed": " / ".join(tail)}
    row = next(r for r in json.loads(report.read_text())["rows"] if r["model"] == "DUALRec LSTM")
    training = row["training"]
    return {"run": name, "test_hr@10": row["hr@10/full"], "test_ndcg@10": row["ndcg@10/full"],
            "valid_hr@10": training["validation"]["hr@10/full"], "valid_ndcg@10": training["validation"]["ndcg@10/full"],
            "best_epoch": training["best_epoch"], "epochs_run": training["epochs_run"],
            "minutes": training["seconds"] / 60, "device": training["device"],
            "mixed_precision": training["mixed_precision"], "model_config": training["model_config"],
            "train_config": training["train_config"]}


def markdown(rows: list[dict]) -> str:
    done = [r for r in rows if "failed" not in r]
    chosen = max(done, key=lambda r: r["valid_ndcg@10"])["run"] if done else None
    lines = ["| run | epochs (best) | minutes | valid HR@10 | valid NDCG@10 | test HR@10 | test NDCG@10 |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if "failed" in r:
            lines.append(f"| {r['run']} | failed: {r['failed'][:120]} | | | | | |")
            continue
        mark = " (chosen by validation)" if r["run"] == chosen else ""
        lines.append(f"| {r['run']}{mark} | {r['epochs_run']} ({r['best_epoch']}) | {r['minutes']:.1f} | "
                     f"{r['valid_hr@10']:.4f} | {r['valid_ndcg@10']:.4f} | {r['test_hr@10']:.4f} | "
                     f"{r['test_ndcg@10']:.4f} |")
    return "\n".join(lines)


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=6.5, help="each run's training budget (max_minutes)")
    parser.add_argument("--runs", nargs="+", choices=sorted(RUNS), default=list(RUNS))
    parser.add_argument("--smoke", action="store_true", help="tiny networks, to try the machinery")
    args = parser.parse_args(argv)

    def body() -> int:
        args.output.mkdir(parents=True, exist_ok=True)
        # Prepared once here, so the runs do not wait on each other's lock
        subprocess.run([sys.executable, "-m", "training.prepare_data", "--num-movies", "0"], check=True)
        started = time.perf_counter()
        budget = ["--max-minutes", str(SMOKE_MINUTES if args.smoke else args.minutes)]
        running = {name: run_one(name, (SMOKE if args.smoke else RUNS[name]).split() + budget, args.output)
                   for name in args.runs}
        for name, process in running.items():
            process.wait()
            print(f"{name}: exit {process.returncode} after {(time.perf_counter() - started) / 60:.1f} min", flush=True)
        rows = [summary(name, args.output) for name in args.runs]
        (args.output / "sweep.json").write_text(json.dumps(rows, indent=2))
        print(markdown(rows))
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
