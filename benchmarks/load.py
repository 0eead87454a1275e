"""Load on the real app: concurrent users chatting through gradio_client, then a database audit.

    python -m benchmarks.load [--users 20] [--turns 50] [--llm none|local] [--url http://127.0.0.1:7860/]

Without --url it starts `python -m bot.app` on a free port with a fresh SQLite database and the chosen LLM
backend (needs the prepared data and the LSTM checkpoint under DUALREC_HOME; `make run` makes both).

Each user has its own client and token, and runs turns in cycles of five: three "I watched <title>" messages
(a different catalogue movie each time), "what should I watch next?", and a thumbs up or down on one of the
movies just recommended. Afterwards the database must hold every stated movie and every rating exactly once,
and nothing else, for every user. Prints turns per second and p50 / p95 latency by kind of turn.
"""
from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from db.repository import Repository, make_engine
from recommender.catalog import Movie
from recommender.config import DataConfig, env_data_settings
from recommender.errors import DualRecError, run_script
from training.prepare_data import ensure_prepared

CYCLE = ("add", "add", "add", "recommend", "rate")


@dataclass
class UserRun:
    token: str
    stated: list[int] = field(default_factory=list)  # movie ids, in the order told
    ratings: dict[int, int] = field(default_factory=dict)  # recommended_id -> +1 / -1
    recommendation_turns: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in set(CYCLE)})
    errors: list[str] = field(default_factory=list)


def drive_user(url: str, movies: list[Movie], turns: int, seed: int) -> UserRun:
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
    run = UserRun(token=secrets.token_urlsafe(16))
    rng = np.random.default_rng(seed)
    queue = [movies[i] for i in rng.permutation(len(movies))]
    last: list[dict] = []
    for turn in range(turns):
        kind = CYCLE[turn % len(CYCLE)]
        started = time.perf_counter()
        if kind == "add":
            movie = queue.pop()
            answer = client.predict(run.token, f"I watched {movie.label}", api_name="/chat")
            if "Added to your history" in answer["text"]:
                run.stated.append(movie.movie_id)
            else:
                run.errors.append(f"not added: {movie.label}: {answer['text'][:120]}")
        elif kind == "recommend":
            answer = client.predict(run.token, "what should I watch next?", api_name="/chat")
            last = answer["recommendations"]
            run.recommendation_turns += bool(last)
            if len(last) != 3:
                run.errors.append(f"{len(last)} recommendations: {answer['text'][:120]}")
        elif last:
            chosen = last[int(rng.integers(len(last)))]
            liked = bool(rng.integers(2))
            reply = client.predict(run.token, chosen["recommended_id"], liked, api_name="/rate")
            if reply.startswith("Thanks"):
                run.ratings[chosen["recommended_id"]] = 1 if liked else -1
            else:
                run.errors.append(f"rating not saved: {reply}")
        run.latencies[kind].append(time.perf_counter() - started)
    return run


def audit(repo: Repository, runs: list[UserRun]) -> list[str]:
    """What the database holds against what each user did; [] when every row is there exactly once."""
    problems = []
    for run in runs:
        user = repo.user_id(f"token:{run.token}")
        history = repo.history(user)
        if history != run.stated:
            problems.append(f"{run.token[:6]}: history {len(history)} rows, stated {len(run.stated)}")
        turns = repo.recommendations(user)
        rated = {m.recommended_id: m.feedback for _, movies in turns for m in movies if m.feedback is not None}
        if rated != run.ratings:
            problems.append(f"{run.token[:6]}: {len(rated)} ratings stored, {len(run.ratings)} clicked")
        if len(turns) != run.recommendation_turns:
            problems.append(f"{run.token[:6]}: {len(turns)} recommendation turns stored, {run.recommendation_turns} shown")
    return problems


def run_load(url: str, repo: Repository, movies: list[Movie], users: int, turns: int) -> dict:
    """Drive `users` concurrent clients against `url`; the audit reads `repo`, the app's own database."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        futures = [pool.submit(drive_user, url, movies, turns, seed) for seed in range(users)]
        runs = [f.result() for f in tqdm(futures, desc="users", unit="user")]
    elapsed = time.perf_counter() - started
    latencies = {kind: [s for r in runs for s in r.latencies[kind]] for kind in set(CYCLE)}
    latencies["all"] = [s for values in latencies.values() for s in values]
    return {"users": users, "turns": users * turns, "seconds": elapsed, "turns_per_s": users * turns / elapsed,
            "latencies": latencies, "errors": [e for r in runs for e in r.errors], "problems": audit(repo, runs),
            "stated": sum(len(r.stated) for r in runs), "ratings": sum(len(r.ratings) for r in runs)}


def start_server(home: Path, db_url: str, llm: str) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DUALREC_HOME": str(home), "DUALREC_DB_URL": db_url, "DUALREC_LLM_BACKEND": llm,
           "DUALREC_AUTO_TRAIN": "0", "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
           "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(Path(tempfile.gettempdir()) / f"dualrec-load-{port}.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "bot.app"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    wait_until_ready(url, server, log.name)
    return server, url


def wait_until_ready(url: str, server: subprocess.Popen, log_path: str, timeout_s: float = 300) -> None:
    from gradio_client import Client

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise DualRecError(f"the app exited; see {log_path}")
        try:
            urllib.request.urlopen(url, timeout=2)
            answer = Client(url, verbose=False, download_files=False, analytics_enabled=False).predict(
                "load-benchmark-warm-up", "help", api_name="/chat")
            if "getting ready" not in answer["text"]:
                if "could not start" in answer["text"]:
                    raise DualRecError(answer["text"])
                return
        except OSError:
            pass
        time.sleep(1)
    raise DualRecError(f"the app was not ready after {timeout_s:.0f} s; see {log_path}")


def print_table(result: dict, llm: str) -> None:
    print(f"Load: {result['users']} concurrent users x {result['turns'] // result['users']} turns through "
          f"gradio_client, LLM {llm}: {result['turns_per_s']:.1f} turns/s ({result['turns']} turns in "
          f"{result['seconds']:.1f} s)\n")
    print("| turn | count | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for kind in ("add", "recommend", "rate", "all"):
        values = np.asarray(result["latencies"][kind]) * 1000
        print(f"| {kind} | {len(values)} | {np.percentile(values, 50):.0f} | {np.percentile(values, 95):.0f} |")
    print(f"\nDatabase audit: {result['stated']} stated movies and {result['ratings']} ratings; "
          + ("every one stored exactly once." if not result["problems"] else f"{len(result['problems'])} mismatches: "
             + "; ".join(result["problems"][:5])))
    if result["errors"]:
        print(f"Replies that were not what the script expected: {len(result['errors'])}, e.g. {result['errors'][0]}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--llm", default="none", help="the app's LLM backend: none (the LSTM) or local (SmolLM2)")
    parser.add_argument("--url", default="", help="an app already running; then --db-url must be its database")
    parser.add_argument("--db-url", default="")
    args = parser.parse_args(argv)

    def body() -> int:
        data_cfg = DataConfig(**env_data_settings())
        movies = list(ensure_prepared(data_cfg).catalog.movies)
        with tempfile.TemporaryDirectory() as folder:
            db_url = args.db_url or f"sqlite:///{Path(folder) / 'load.sqlite3'}"
            server = None
            url = args.url
            if not url:
                server, url = start_server(data_cfg.home, db_url, args.llm)
            try:
                result = run_load(url, Repository(make_engine(db_url)), movies, args.users, args.turns)
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(30)
        print_table(result, args.llm)
        return 0 if not result["problems"] else 1

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
