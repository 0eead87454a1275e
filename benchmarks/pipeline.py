"""The whole DUALRec pipeline on the next5 protocol, without the paper's leak.

    python -m benchmarks.pipeline [--users 300] [--seed 0] [--rows lstm free-base free-lora grounded-base grounded-lora app]

For `--users` test users drawn with a fixed seed, the chain ranks movies from the user's history before the
held-out last 5 (nothing held out reaches the prompt, the matcher or the re-ranking), and a hit is any of
those 5. The list scored is the LSTM's pick, then the LLM's movies, then the LSTM's top-up: 5 movies.
Rows: the LSTM alone; SmolLM2 base and SmolLM2+LoRA, each in free and grounded mode; the chat app's own
settings (grounded, 8 candidates, the answer read up to its first title). Columns: HR@1/5,
NDCG@1/5, genre similarity of the first movie, the share of generated titles that matched the catalogue,
the share of answers that added no usable movie, and seconds per user. Needs the next5 checkpoint
(`make run` or `python -m training.train_lstm`) and, for the LoRA rows, the adapter of train_lora.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch
from tqdm import tqdm

from bot.config import APP_LLM, APP_PROMPT, APP_STOP_AFTER, env_data_settings
from recommender.chain import ChainConfig, ChainResult, DualRecChain
from recommender.config import DataConfig, PredictorConfig, TrainConfig
from recommender.errors import DualRecError, run_script
from recommender.evaluation import next5_metrics
from recommender.llm import LLMConfig, LocalChatModel
from recommender.matching import MatchConfig, TitleMatcher
from recommender.predictor import NextMoviePredictor
from recommender.prompts import FREE, GROUNDED, PromptConfig
from recommender.sequences import holdout_parts
from recommender.data.prepared import ensure_prepared

ROWS = {  # name: (mode, llm) with llm None, "base" or "lora"
    "lstm": (FREE, None),
    "free-base": (FREE, "base"),
    "free-lora": (FREE, "lora"),
    "grounded-base": (GROUNDED, "base"),
    "grounded-lora": (GROUNDED, "lora"),
    "app": (GROUNDED, "app"),  # what `make run` serves: bot.config's prompt and LLM settings
}
LABELS = {"lstm": "LSTM alone", "free-base": "LSTM + SmolLM2 base, free", "free-lora": "LSTM + SmolLM2+LoRA, free",
          "grounded-base": "LSTM + SmolLM2 base, grounded", "grounded-lora": "LSTM + SmolLM2+LoRA, grounded",
          "app": "LSTM + SmolLM2, the app's settings (grounded, 8 candidates, first title read)"}
PAPER = [("Paper: DUALRec, LoRA Mistral-7B (leaky re-ranking)", 0.1847, 0.2214),
         ("Paper: NARM", 0.1692, 0.5230)]
LIST_LENGTH = 5


def sample_users(test_users: tuple[int, ...], count: int, seed: int) -> list[int]:
    users = sorted(test_users)
    return sorted(random.Random(seed).sample(users, min(count, len(users))))


def run_row(chain: DualRecChain, histories: list[list[int]], batch_size: int, desc: str) -> tuple[list[ChainResult], float]:
    results: list[ChainResult] = []
    started = time.perf_counter()
    for start in tqdm(range(0, len(histories), batch_size), desc=desc):
        results.extend(chain.batch([{"history": h} for h in histories[start : start + batch_size]]))
    return results, time.perf_counter() - started


def main(data_cfg: DataConfig, users: int, seed: int, rows: list[str], adapter: Path, batch_size: int,
         output: Path, dtype: str = "") -> list[dict]:
    torch.set_num_threads(2)
    data = ensure_prepared(data_cfg)
    catalog = data.catalog
    predictor = NextMoviePredictor.from_checkpoint(TrainConfig().checkpoint_dir(data_cfg), catalog, PredictorConfig())
    matcher = TitleMatcher.load(catalog, MatchConfig(), cache_dir=data_cfg.home / "cache")
    chosen = sample_users(data.next5.test_users, users, seed)
    histories, held_out = [], []
    for user in chosen:
        history, last = holdout_parts(data.sequences[user], data_cfg.holdout)
        histories.append(history)
        held_out.append(catalog.indices_of(last))
    models: dict[str, LocalChatModel] = {}
    report = []
    for name in rows:
        mode, which = ROWS[name]
        if which and which not in models:
            if which == "lora" and not (adapter / "adapter_config.json").exists():
                raise DualRecError(f"no LoRA adapter at {adapter}: run python -m training.train_lora first")
            settings = {**(APP_LLM if which == "app" else {}), **({"dtype": dtype} if dtype else {}),
                        "batch_size": batch_size}  # the rows of chain.batch below
            llm_cfg = LLMConfig(adapter=str(adapter) if which == "lora" else "", **settings)
            models[which] = LocalChatModel.from_config(llm_cfg, data_cfg.home)
        prompt = APP_PROMPT if which == "app" else PromptConfig()
        chain = DualRecChain(predictor, matcher, models.get(which) if which else None,
                             ChainConfig(mode=mode, count=LIST_LENGTH, prompt=prompt,
                                         stop_after=APP_STOP_AFTER if which == "app" else 0))
        results, seconds = run_row(chain, histories, batch_size, name)
        rankings = [catalog.indices_of([r.movie.movie_id for r in result.recommendations]) for result in results]
        metrics = next5_metrics(rankings, held_out, catalog)
        mentions = sum(r.mentions for r in results)
        row = {"row": name, "label": LABELS[name], **metrics, "seconds_per_user": seconds / len(results),
               "matched_share": sum(r.matched for r in results) / mentions if mentions else None,
               "unusable_share": sum(r.usable == 0 for r in results) / len(results) if which else None,
               "llm_movies_per_user": sum(r.usable for r in results) / len(results) if which else None,
               "example_answer": results[0].answer}
        report.append(row)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps({"users": len(chosen), "seed": seed, "rows": report}, indent=2))
    return report


def _cell(value: float | None, digits: int = 4) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def markdown_table(report: list[dict], users: int) -> str:
    lines = [f"next5, {users} test users, lists of {LIST_LENGTH} (LSTM pick, LLM movies, LSTM top-up)", "",
             "| pipeline | HR@1 | HR@5 | NDCG@1 | NDCG@5 | genre sim | titles matched | unusable answers | s/user |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in report:
        lines.append(f"| {row['label']} | {row['hr@1/next5']:.4f} | {row['hr@5/next5']:.4f} | {row['ndcg@1/next5']:.4f} | "
                     f"{row['ndcg@5/next5']:.4f} | {row['genre_sim/next5']:.4f} | {_cell(row['matched_share'], 3)} | "
                     f"{_cell(row['unusable_share'], 3)} | {row['seconds_per_user']:.3f} |")
    for label, hr1, hr5 in PAPER:
        lines.append(f"| {label} | {hr1:.4f} | {hr5:.4f} | | | | | | |")
    return "\n".join(lines)


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rows", nargs="+", choices=list(ROWS), default=list(ROWS))
    parser.add_argument("--adapter", type=Path, default=None, help="default: DUALREC_HOME/adapters/dualrec-smollm2")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--dtype", default="", help="the local model's weights: float32, bfloat16 or auto "
                        "(default: the row's own, auto for the app row)")
    args = parser.parse_args(argv)
    data_cfg = DataConfig(**env_data_settings())
    adapter = args.adapter or data_cfg.home / "adapters" / "dualrec-smollm2"
    output = args.output or data_cfg.home / "reports" / "pipeline.json"

    def body() -> int:
        report = main(data_cfg, args.users, args.seed, args.rows, adapter, args.batch_size, output, args.dtype)
        print(markdown_table(report, min(args.users, len(report) and args.users)))
        print(f"\nwritten {output}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
