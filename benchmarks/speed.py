"""Latency on the CPU: one chat turn stage by stage, and NextMoviePredictor.top_k by history length.

    python -m benchmarks.speed --turns 30 [--llm none,local] [--pause-s 3] [--no-prewarm] [--adapter DIR]
    python -m benchmarks.speed --turns 30 --llm local --pause-s 0,3              # first token, with pauses
    python -m benchmarks.speed --calls 200 [--threads 1]                       # the LSTM alone

Needs the prepared data and the next5 checkpoint under DUALREC_HOME (`make run` makes both).

The turn: for each of `--turns` next5 test users, their history (all but the last 5 movies) is saved, then
two real ChatService turns run on a fresh SQLite file: "I watched <a title, lower case, two letters swapped>"
and "what should I watch next?". Every stage's calls are timed where they happen (the service's own matcher,
repository, predictor and LLM objects are wrapped), so the stages add up to the turn. Targets on a 2-core machine: the
turn without an LLM p50 <= 50 ms; with SmolLM2, the first streamed LLM token <= 1 s and the turn p50 <= 3 s.

`--pause-s` is the time between a user's two turns, as a person takes to read a reply and type the next
message; the service prefills the "what next?" prompt in it (bot.prewarm). 0 sends the second turn at once,
so the prefill started after the first turn is cut short; `--no-prewarm` turns it off, the cold case.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from recommender.config import DataConfig, PredictorConfig, TrainConfig
from bot.config import env_data_settings
from recommender.errors import run_script
from recommender.evaluation import evaluate_next5
from recommender.predictor import NextMoviePredictor
from tqdm import tqdm
from recommender.data.prepared import ensure_prepared

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
    checkpoint = TrainConfig().checkpoint_dir(data_cfg)
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


# -- one chat turn, stage by stage ---------------------------------------------------------------------------
STAGES = ("matching", "database", "lstm", "llm", "re-rank")


class StageClock:
    """Wraps methods of the service's own collaborators so each call adds its time to a stage."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.first_token_s: float | None = None
        self.turn_started = 0.0
        self.turn_thread = threading.get_ident()
        self._depth = 0  # only the outermost timed call counts: candidates() calls candidates_many() inside

    def wrap(self, owner: object, method: str, stage: str) -> None:
        original = getattr(owner, method)

        def timed(*args, **kwargs):
            if threading.get_ident() != self.turn_thread:  # the background prefill's calls are not the turn's
                return original(*args, **kwargs)
            started = time.perf_counter()
            self._depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.spent[stage] += time.perf_counter() - started

        object.__setattr__(owner, method, timed)  # object's: LangChain models are pydantic

    def wrap_stream(self, llm: object) -> None:
        """The LLM's stream: time to its first piece (from the turn's start) and the time spent inside it."""
        original = llm.stream

        def timed(*args, **kwargs):
            resumed = time.perf_counter()
            for chunk in original(*args, **kwargs):
                now = time.perf_counter()
                self.spent["llm"] += now - resumed
                if self.first_token_s is None:
                    self.first_token_s = now - self.turn_started
                yield chunk
                resumed = time.perf_counter()
            self.spent["llm"] += time.perf_counter() - resumed

        object.__setattr__(llm, "stream", timed)

    def start_turn(self) -> None:
        self.spent.clear()
        self.first_token_s = None
        self.turn_started = time.perf_counter()
        self.turn_thread = threading.get_ident()


def instrument(service) -> StageClock:
    clock = StageClock()
    for method in ("candidates", "match", "candidates_many"):
        clock.wrap(service.matcher, method, "matching")
    for method in ("match_many", "rerank"):  # grounding the LLM's titles, re-ranking by likeness to the pick
        clock.wrap(service.matcher, method, "re-rank")
    for method in ("user_id", "add_watched", "history", "record_turn", "remove_watched"):
        clock.wrap(service.repo, method, "database")
    clock.wrap(service.chain.predictor, "top_k", "lstm")
    if hasattr(service.chain.predictor, "ranked"):  # a request with constraints ranks through it (issue 21)
        clock.wrap(service.chain.predictor, "ranked", "lstm")
    if service.chain.llm is not None:
        clock.wrap_stream(service.chain.llm)
    return clock


def with_slip(title: str) -> str:
    """The title with two letters of its longest word swapped, as typed in a hurry: an exact name is looked up
    without the matcher (bot.titles), so the turn would not time it."""
    words = title.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) >= 4:
        middle = len(word) // 2
        words[longest] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:]
    return " ".join(words)


def time_turns(service, data, users: list[int], holdout: int, pause_s: float = 0.0) -> dict[str, list[dict]]:
    """Per turn kind ("add", "recommend"): one dict per turn of seconds per stage, total and first token."""
    clock = instrument(service)
    turns: dict[str, list[dict]] = {"add": [], "recommend": []}
    for user in tqdm(users, desc="turns", unit="user"):
        key = f"bench:{user}:{pause_s:g}"  # a new user per row: the stated movie must be new to the history
        known = [m for m in data.sequences[user][:-holdout] if m in data.catalog]
        service.repo.add_watched(service.repo.user_id(key), known[-50:], source="benchmark")  # not timed
        stated = with_slip(data.catalog.by_id(data.sequences[user][-holdout]).display_title.lower())
        for kind, text in (("add", f"I watched {stated}"), ("recommend", "what should I watch next?")):
            if kind == "recommend":
                time.sleep(pause_s)  # the user reads the reply and types
            clock.start_turn()
            first_reply = None
            for _reply in service.reply_stream(key, text):
                first_reply = first_reply or time.perf_counter() - clock.turn_started
            total = time.perf_counter() - clock.turn_started
            turns[kind].append({**{stage: clock.spent.get(stage, 0.0) for stage in STAGES}, "total": total,
                                "first_reply": first_reply, "first_token": clock.first_token_s})
        service.wait_for_prewarm()  # the next user starts on an idle model
    return turns


def turn_rows(base, home_cfg, users: int, backends: list[str], adapter: str, pauses: list[float], prewarm: bool,
              seed: int = 0) -> list[dict]:
    """`base`: the app's configuration (bot.config.load_app_config), whose LLM, chain and service settings the
    turns use."""
    from bot.config import AppConfig
    from bot.startup import build_service
    from db.repository import Repository, make_engine

    data = ensure_prepared(home_cfg)
    rng = np.random.default_rng(seed)
    chosen = [int(u) for u in rng.choice(list(data.next5.test_users), size=users, replace=False)]
    rows = []
    for backend in backends:
        llm_cfg = replace(base.llm, backend=backend, adapter=adapter if backend == "local" else "")
        cfg = AppConfig(data=home_cfg, llm=llm_cfg, chain=base.chain, auto_train=False,
                        service=replace(base.service, prewarm=prewarm))
        with tempfile.TemporaryDirectory() as folder:
            repo = Repository(make_engine(f"sqlite:///{Path(folder) / 'bench.sqlite3'}"))
            service, warning = build_service(cfg, repo=repo)
            if warning:
                raise RuntimeError(warning)
            service.reply("bench:warm-up", "what should I watch next?")  # first calls allocate
            name = "none" if backend == "none" else (service.chain.llm.version or backend)
            for pause in pauses if backend != "none" else pauses[:1]:
                for kind, turns in time_turns(service, data, chosen, home_cfg.holdout, pause).items():
                    rows.append({"llm": name, "mode": cfg.chain.mode, "turn": kind, "turns": turns, "pause": pause,
                                 "prewarm": prewarm and backend != "none"})
    return rows


def _ms(values: list[float | None], q: float) -> str:
    real = [v for v in values if v is not None]
    return f"{np.percentile(real, q) * 1000:.0f}" if real else "-"


def print_turn_table(rows: list[dict], threads: str) -> None:
    print(f"One chat turn by stage (ChatService.reply_stream, fresh SQLite, torch threads: {threads}); "
          "ms p50 / p95 over the users\n")
    print("| LLM | mode | prefill ahead | pause s | turn | matching | database | LSTM | LLM | re-rank | "
          "first LLM token | turn |")
    print("|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        turns = row["turns"]
        cells = [f"{_ms([t[s] for t in turns], 50)} / {_ms([t[s] for t in turns], 95)}" for s in STAGES]
        first = [t["first_token"] for t in turns]
        cells.append(f"{_ms(first, 50)} / {_ms(first, 95)}")
        cells.append(f"{_ms([t['total'] for t in turns], 50)} / {_ms([t['total'] for t in turns], 95)}")
        ahead = "on" if row["prewarm"] else "off"
        print(f"| {row['llm']} | {row['mode']} | {ahead} | {row['pause']:g} | {row['turn']} | " + " | ".join(cells) + " |")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200, help="top_k calls per row (the LSTM table)")
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: 1 for the LSTM "
                        "table, torch's own for turns)")
    parser.add_argument("--turns", type=int, default=0, help="users for the chat-turn table (0: LSTM table)")
    parser.add_argument("--llm", default="none,local", help="backends for the turn table, comma separated")
    parser.add_argument("--adapter", default="", help="a LoRA adapter folder for the local backend")
    parser.add_argument("--pause-s", default="0", help="seconds between a user's turns, comma separated for "
                        "several rows (default 0)")
    parser.add_argument("--no-prewarm", action="store_true", help="no prefill ahead of the next turn (cold)")
    args = parser.parse_args(argv)

    def body() -> int:
        data_cfg = DataConfig(**env_data_settings())
        if args.turns:
            if args.threads:
                torch.set_num_threads(args.threads)
            pauses = [float(p) for p in args.pause_s.split(",")]
            engine_threads = torch.get_num_threads()  # what a local model's engine keeps (LLMConfig.worker_threads)
            from bot.config import load_app_config
            base = load_app_config()
            rows = turn_rows(base, data_cfg, args.turns, args.llm.split(","), args.adapter, pauses,
                             not args.no_prewarm)
            turn_threads = base.service.turn_threads or engine_threads
            print_turn_table(rows, f"{turn_threads} per turn, {engine_threads} for the local LLM")
            return 0
        rows = main(data_cfg, args.calls, args.threads or 1)
        print_table(rows, args.threads or 1, args.calls)
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
