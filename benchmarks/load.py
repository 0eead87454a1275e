"""Load on the real app: concurrent users chatting through gradio_client, then a database audit.

    python -m benchmarks.load [--users 20] [--turns 50] [--llm none|local] [--url http://127.0.0.1:7860/]

Without --url it starts `python -m bot.app` on a free port with a fresh SQLite database and the chosen LLM
backend (needs the prepared data and the LSTM checkpoint under DUALREC_HOME; `make run` makes both).

Each user has its own client and token, and runs turns in cycles of eight: "I watched <title>", a pasted list
of three titles (one per line), "I watched <title>", "what should I watch next?", a thumbs up or down on one of
the movies just recommended, "remove <title>" (the oldest movie still in the history), "I watched <title>", and
a race: four "I watched <title>" messages from the same user sent at once. Afterwards the audit reads the
database with its own SQL: each user's history must be what they stated, in order (a race's four in any order
among themselves), with unique positions and no movie twice; every rating must be on a movie shown to the user
who gave it; and there is no row for anyone else. Prints turns per second and p50 / p95 latency by kind of turn.
"""
from __future__ import annotations

import argparse
import html
import os
import secrets
import ssl
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

from sqlalchemy import text

from bot.identity import Identity, identity_secret
from db.repository import Repository, make_engine
from recommender.catalog import Movie
from recommender.config import DataConfig
from bot.config import env_data_settings, env_identity_secret
from recommender.errors import DualRecError, run_script
from recommender.data.prepared import ensure_prepared

CYCLE = ("add", "paste", "add", "recommend", "rate", "remove", "add", "race")
RACERS = 4  # concurrent requests of one user in a "race" turn
PASTED = 3  # titles in a pasted list


@dataclass
class UserRun:
    token: str
    # what the history should be: groups in order; a group is one movie, or a race's movies in any order
    stated: list[set[int]] = field(default_factory=list)
    ratings: dict[int, int] = field(default_factory=dict)  # recommended_id -> +1 / -1
    recommendation_turns: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in CYCLE})
    errors: list[str] = field(default_factory=list)


def _added(run: UserRun, movies: list[Movie], answer: dict) -> bool:
    if "Added to your history" in answer["text"] and all(html.escape(m.display_title, quote=False) in answer["text"]
                                                         for m in movies):
        return True
    run.errors.append(f"not added: {', '.join(m.label for m in movies)}: {answer['text'][:120]}")
    return False


def drive_user(url: str, movies: list[Movie], turns: int, seed: int) -> UserRun:
    from gradio_client import Client

    # gradio_client opens a few httpx clients per call, and each builds a TLS context from the CA bundle (~35 ms
    # of CPU) unless told not to verify. Over plain HTTP there is nothing to verify, and on the 2-core machine
    # that the app shares with this script those contexts took ~25 of a run's ~70 CPU-seconds.
    verify = ssl.create_default_context() if url.startswith("https:") else False  # one per user

    def new_client():
        return Client(url, verbose=False, download_files=False, analytics_enabled=False, ssl_verify=verify)

    client = new_client()
    racers = [new_client() for _ in range(RACERS)]  # one user, several tabs
    run = UserRun(token=secrets.token_urlsafe(16))
    rng = np.random.default_rng(seed)
    queue = [movies[i] for i in rng.permutation(len(movies))]
    last: list[dict] = []
    for turn in range(turns):
        kind = CYCLE[turn % len(CYCLE)]
        started = time.perf_counter()
        if kind == "add":
            movie = queue.pop()
            if _added(run, [movie], client.predict(run.token, f"I watched {movie.label}", api_name="/chat")):
                run.stated.append({movie.movie_id})
        elif kind == "paste":
            listed = [queue.pop() for _ in range(PASTED)]
            answer = client.predict(run.token, "\n".join(m.label for m in listed), api_name="/chat")
            if _added(run, listed, answer):
                run.stated.extend({m.movie_id} for m in listed)
        elif kind == "remove":
            oldest = next((group for group in run.stated if group), None)
            if oldest:
                movie = next(m for m in movies if m.movie_id == min(oldest))
                answer = client.predict(run.token, f"remove {movie.label}", api_name="/chat")
                if "Removed" in answer["text"]:
                    oldest.discard(movie.movie_id)
                else:
                    run.errors.append(f"not removed: {movie.label}: {answer['text'][:120]}")
        elif kind == "race":
            raced = [queue.pop() for _ in range(RACERS)]
            with ThreadPoolExecutor(max_workers=RACERS) as pool:
                answers = list(pool.map(lambda pair: pair[0].predict(run.token, f"I watched {pair[1].label}",
                                                                     api_name="/chat"), zip(racers, raced)))
            run.stated.append({m.movie_id for m, answer in zip(raced, answers) if _added(run, [m], answer)})
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


# The audit's own queries: it trusts nothing of the repository's code.
HISTORY_SQL = text("SELECT u.external_id, w.movie_id, w.position FROM watch_events w JOIN users u ON u.id = w.user_id "
                   "ORDER BY u.external_id, w.position, w.id")
RATINGS_SQL = text("SELECT u.external_id, r.id, f.value FROM feedback f JOIN recommended_movies r ON r.id = f.recommended_id "
                   "JOIN recommendation_turns t ON t.id = r.turn_id JOIN users u ON u.id = t.user_id")
TURNS_SQL = text("SELECT u.external_id, COUNT(*) FROM recommendation_turns t JOIN users u ON u.id = t.user_id "
                 "GROUP BY u.external_id")
USERS_SQL = text("SELECT external_id FROM users")


def history_matches(history: list[int], stated: list[set[int]]) -> bool:
    """The stored order against the stated groups: each group's movies next, in any order among themselves."""
    at = 0
    for group in stated:
        if set(history[at:at + len(group)]) != group:
            return False
        at += len(group)
    return at == len(history)


def audit(repo: Repository, runs: list[UserRun], identity: Identity) -> list[str]:
    """What the database holds against what each user did; [] when every row is there exactly once."""
    with repo.engine.connect() as connection:
        history_rows = connection.execute(HISTORY_SQL).all()
        rating_rows = connection.execute(RATINGS_SQL).all()
        turn_counts = dict(connection.execute(TURNS_SQL).all())
        users = {row[0] for row in connection.execute(USERS_SQL)}
    histories: dict[str, list[tuple[int, int]]] = {}
    for owner, movie_id, position in history_rows:
        histories.setdefault(owner, []).append((movie_id, position))
    ratings: dict[str, dict[int, int]] = {}
    for owner, recommended_id, value in rating_rows:
        ratings.setdefault(owner, {})[recommended_id] = value
    problems = []
    expected_users = {identity.user_key(run.token) for run in runs if any(run.stated) or run.recommendation_turns}
    if users - expected_users:
        problems.append(f"{len(users - expected_users)} user rows nobody made")
    for run in runs:
        key, name = identity.user_key(run.token), run.token[:6]
        rows = histories.get(key, [])
        movies, positions = [m for m, _ in rows], [p for _, p in rows]
        if len(set(positions)) != len(positions):
            problems.append(f"{name}: history positions repeat ({positions})")
        if len(set(movies)) != len(movies):
            problems.append(f"{name}: a movie is in the history twice")
        if not history_matches(movies, [g for g in run.stated if g]):
            problems.append(f"{name}: history {len(movies)} rows, not the {sum(map(len, run.stated))} stated in order")
        if ratings.get(key, {}) != run.ratings:
            problems.append(f"{name}: {len(ratings.get(key, {}))} ratings stored on its own movies, "
                            f"{len(run.ratings)} clicked")
        if turn_counts.get(key, 0) != run.recommendation_turns:
            problems.append(f"{name}: {turn_counts.get(key, 0)} recommendation turns stored, "
                            f"{run.recommendation_turns} shown")
    return problems


def run_load(url: str, repo: Repository, movies: list[Movie], users: int, turns: int, identity: Identity) -> dict:
    """Drive `users` concurrent clients against `url`; the audit reads `repo`, the app's own database, where a
    token is stored as its hash under the app's `identity` secret."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        futures = [pool.submit(drive_user, url, movies, turns, seed) for seed in range(users)]
        runs = [f.result() for f in tqdm(futures, desc="users", unit="user")]
    elapsed = time.perf_counter() - started
    latencies = {kind: [s for r in runs for s in r.latencies[kind]] for kind in set(CYCLE)}
    latencies["all"] = [s for values in latencies.values() for s in values]
    return {"users": users, "turns": users * turns, "seconds": elapsed, "turns_per_s": users * turns / elapsed,
            "latencies": latencies, "errors": [e for r in runs for e in r.errors], "problems": audit(repo, runs, identity),
            "stated": sum(len(g) for r in runs for g in r.stated), "ratings": sum(len(r.ratings) for r in runs)}


def start_server(home: Path, db_url: str, llm: str) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DUALREC_HOME": str(home), "DUALREC_DB_URL": db_url, "DUALREC_LLM_BACKEND": llm,
           "DUALREC_AUTO_TRAIN": "0", "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
           "GRADIO_ANALYTICS_ENABLED": "False",
           "DUALREC_RATE_LIMIT": "0"}  # every simulated user sends from this one address
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
    for kind in (*dict.fromkeys(CYCLE), "all"):
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
    parser.add_argument("--url", default="", help="an app already running; then --db-url must be its database, and DUALREC_HOME "
                        "(or DUALREC_IDENTITY_SECRET) its own, to find its users")
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
                identity = Identity(identity_secret(data_cfg.home, env_identity_secret()))  # the app's
                result = run_load(url, Repository(make_engine(db_url)), movies, args.users, args.turns, identity)
            finally:
                if server is not None:
                    server.terminate()
                    server.wait(30)
        print_table(result, args.llm)
        return 0 if not result["problems"] else 1

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
