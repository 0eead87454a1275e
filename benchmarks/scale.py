"""How cost grows with the data: prepare, train and serve on synthetic ratings of ML-32M's shape.

    python -m benchmarks.scale [--ratings 1M,10M,32M] [--serve-movies 1000,10000,87585] [--train-batches 30]
                               [--keep DIR]

Ratings are synthetic but shaped like ML-32M: the real list of 87,585 movies (../shared/data/ml-32m-movies, else
made-up titles), Zipf-like popularity over it, 160 ratings per user on average, half-star ratings, timestamps in
each user's order (drawn with replacement, so a user may rate a popular movie twice). Each size is written as a CSV release (ratings.csv, movies.csv) and then, in a fresh process
so that peak memory is its own:
- prepare: `recommender.data.prepared.prepare_and_write` with every movie kept (--num-movies 0);
- train: one LSTM pass cut to `--train-batches` batches of the serve protocol; the epoch's time is extrapolated
  from their rate (the number of batches in the epoch is counted, not guessed);
- serve: NextMoviePredictor.top_k for a 50-movie history with an (untrained) LSTM sized for 1k, 10k and 87k movies.
Prints wall time, peak memory (the process's maximum resident set) and throughput. Targets on 2 cores: prepare 10M
ratings in at most 60 s and 2 GB.
"""
from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ML32M_MOVIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "ml-32m-movies" / "movies.csv"
RATINGS_PER_USER = 160  # ML-32M: 32,000,204 ratings by 200,948 users
ZIPF_EXPONENT = 1.0


def _count(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("KM")) * scale)


def write_release(directory: Path, num_ratings: int, seed: int = 0) -> dict:
    """A CSV release of `num_ratings` synthetic ratings over ML-32M's movies; returns what was written."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pacsv

    directory.mkdir(parents=True, exist_ok=True)
    if ML32M_MOVIES.is_file():
        movies = pd.read_csv(ML32M_MOVIES, dtype={"movieId": "int64", "title": "str", "genres": "str"},
                             keep_default_na=False)
    else:  # same size, made-up titles
        ids = np.arange(1, 87_586)
        movies = pd.DataFrame({"movieId": ids, "title": [f"Movie {i} ({1900 + i % 124})" for i in ids],
                               "genres": "Drama"})
    movies.to_csv(directory / "movies.csv", index=False)
    rng = np.random.default_rng(seed)
    num_users = max(1, num_ratings // RATINGS_PER_USER)
    weights = 1.0 / np.arange(1, len(movies) + 1) ** ZIPF_EXPONENT
    popularity = rng.permutation(len(movies))  # which movie has which popularity rank
    users = np.sort(rng.integers(1, num_users + 1, size=num_ratings))
    movie_rows = popularity[np.searchsorted(np.cumsum(weights / weights.sum()), rng.random(num_ratings))]
    movie_ids = movies["movieId"].to_numpy()[np.minimum(movie_rows, len(movies) - 1)]
    stars = rng.integers(1, 11, size=num_ratings) / 2
    times = 1_000_000_000 + rng.integers(0, 700_000_000, size=num_ratings)
    table = pa.table({"userId": users, "movieId": movie_ids, "rating": stars, "timestamp": times})
    pacsv.write_csv(table, directory / "ratings.csv")
    return {"ratings": num_ratings, "users": num_users, "movies": len(movies)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def stage_prepare(data_dir: Path, home: Path) -> dict:
    from recommender.config import DataConfig
    from recommender.data.prepared import prepare_and_write

    started = time.perf_counter()
    data = prepare_and_write(DataConfig(home=home, data_dir=data_dir, num_movies=0, min_ratings=0))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": _peak_mb(), "ratings_per_s": data.stats["ratings"] / seconds,
            "catalog_movies": data.stats["catalog_movies"], "users": data.stats["sequence_users"]}


def stage_train(data_dir: Path, home: Path, batches: int) -> dict:
    import torch

    from recommender.config import DataConfig, LSTMConfig, TrainConfig
    from recommender.data.prepared import ensure_prepared
    from recommender.fitting import IGNORE, build_model, make_batches, next_movies_loss, training_histories

    torch.set_num_threads(2)
    data = ensure_prepared(DataConfig(home=home, data_dir=data_dir, num_movies=0, min_ratings=0))
    cfg = TrainConfig(protocol="serve")
    model = build_model(data.catalog, LSTMConfig())
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg.learning_rate)
    started = time.perf_counter()
    epoch = make_batches(training_histories(data, "serve"), cfg, model.pad_index, np.random.default_rng(0))
    batching = time.perf_counter() - started
    model.train()
    positions, started = 0, time.perf_counter()
    for inputs, targets in itertools.islice(epoch, batches):
        loss = next_movies_loss(model(inputs), targets)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        positions += int((targets[..., 0] != IGNORE).sum())
    seconds = time.perf_counter() - started
    done = min(batches, len(epoch))
    return {"batching_s": batching, "batches": done, "epoch_batches": len(epoch), "seconds": seconds,
            "epoch_s_extrapolated": batching + seconds / done * len(epoch), "positions_per_s": positions / seconds,
            "peak_mb": _peak_mb()}


def stage_serve(num_movies: int, calls: int = 50) -> dict:
    import torch

    from recommender.catalog import Movie, MovieCatalog
    from recommender.config import LSTMConfig
    from recommender.fitting import build_model
    from recommender.predictor import NextMoviePredictor

    torch.set_num_threads(2)
    movies = [Movie(i + 1, f"Movie {i + 1} (2000)", f"Movie {i + 1}", 2000, ("Drama",)) for i in range(num_movies)]
    catalog = MovieCatalog(movies, np.arange(num_movies, 0, -1), ["<pad>", "<unk>", "movie"], 10)
    predictor = NextMoviePredictor(build_model(catalog, LSTMConfig()).eval(), catalog, 50)
    history = list(range(1, 51))
    predictor.top_k(history, 10)
    timings = []
    for _ in range(calls):
        started = time.perf_counter()
        predictor.top_k(history, 10)
        timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": float(np.percentile(timings, 50)), "p95_ms": float(np.percentile(timings, 95)),
            "calls_per_s": 1000 / float(np.mean(timings)), "peak_mb": _peak_mb()}


def _child(args: list[str]) -> dict:
    """One stage in a fresh Python, so its peak memory is its own."""
    result = subprocess.run([sys.executable, "-m", "benchmarks.scale", "--stage", *args], capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"stage {args[0]} failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(sizes: list[int], serve_sizes: list[int], train_batches: int, keep: Path | None) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        root = keep or Path(scratch)
        for size in sizes:
            release = root / f"synthetic-{size}"
            started = time.perf_counter()
            shape = write_release(release, size)
            written = time.perf_counter() - started
            home = root / f"home-{size}"
            prepared = _child(["prepare", str(release), str(home)])
            trained = _child(["train", str(release), str(home), str(train_batches)])
            rows.append((size, shape, written, prepared, trained))
            print(f"{size:,} ratings done: prepare {prepared['seconds']:.1f} s, {prepared['peak_mb']:.0f} MB",
                  file=sys.stderr)
        served = [(n, _child(["serve", str(n)])) for n in serve_sizes]
    print("| ratings | users | movies rated | write CSV s | prepare s | prepare peak MB | ratings/s prepared | "
          "train: batches in an epoch | epoch s (extrapolated) | positions/s | train peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, shape, written, p, t in rows:
        print(f"| {size:,} | {p['users']:,} | {p['catalog_movies']:,} | {written:.1f} | {p['seconds']:.1f} | "
              f"{p['peak_mb']:.0f} | {p['ratings_per_s']:,.0f} | {t['epoch_batches']:,} | "
              f"{t['epoch_s_extrapolated']:,.0f} | {t['positions_per_s']:,.0f} | {t['peak_mb']:.0f} |")
    print()
    print("| served movies | top-10 p50 ms | p95 ms | calls/s | peak MB |")
    print("|---:|---:|---:|---:|---:|")
    for n, s in served:
        print(f"| {n:,} | {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['calls_per_s']:.0f} | {s['peak_mb']:.0f} |")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)  # internal: one stage in a child process
    parser.add_argument("--ratings", default="1M,10M,32M")
    parser.add_argument("--serve-movies", default="1000,10000,87585")
    parser.add_argument("--train-batches", type=int, default=30)
    parser.add_argument("--keep", type=Path, default=None, help="keep the synthetic releases here")
    args = parser.parse_args(argv)
    if args.stage:
        name, *rest = args.stage
        if name == "prepare":
            result = stage_prepare(Path(rest[0]), Path(rest[1]))
        elif name == "train":
            result = stage_train(Path(rest[0]), Path(rest[1]), int(rest[2]))
        else:
            result = stage_serve(int(rest[0]))
        print(json.dumps(result))
        return 0
    main([_count(s) for s in args.ratings.split(",")], [_count(s) for s in args.serve_movies.split(",")],
         args.train_batches, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(cli())
