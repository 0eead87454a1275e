"""What a CSV release's --min-ratings threshold keeps and loses, beside the next5 quality measured at each.

    python -m benchmarks.catalogue_threshold --data-dir DIR [--min-ratings 3 5 10 20 30] [--quality PATTERN]

For each threshold K, from the release itself (prepared as recommender.data.prepared.prepare does):
- the catalogue's size and the share of all ratings it keeps;
- "next5 gap": the next5 test users' real last 5 ratings (every movie, not only the catalogue's) that are in the
  catalogue. The protocol holds out the last 5 *catalogue* movies, so its figures never count a film the catalogue
  lacks; this column says how much of what the test users watched next a catalogue of that size could have named;
- the same over every user.
PATTERN is a benchmarks.quality --protocols next5 report with {k} for K (e.g. /tmp/thresh-{k}.json); where that
file exists, MostPop's and the LSTM's HR@5 / NDCG@5 and the LSTM's lift over MostPop are added. Figures across
thresholds are not directly comparable: a bigger catalogue is harder to rank but covers more of what users watch.
So with --home (the DUALREC_HOME those reports were made in), the next5 checkpoint trained there for each K is also
scored on one yardstick for every K: "real HR@5", whether any of its top 5 (from the test user's catalogue movies
before their real last 5) is among those real last 5 ratings, whatever the catalogue. MostPop gets the same.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recommender.catalog import build_catalog
from recommender.config import DataConfig
from recommender.data.readers import load_movielens
from recommender.errors import run_script
from recommender.sequences import Sequences, chronological_sequences, split_next5_users


@dataclass(frozen=True)
class Coverage:
    min_ratings: int
    movies: int
    ratings_share: float
    test_users: int
    test_last5_share: float
    all_last5_share: float


def last_share(sequences: Sequences, users, keep: np.ndarray, last: int) -> float:
    """Share of the users' last `last` movies (whole histories) that are in `keep`."""
    tails = np.concatenate([sequences.array(u)[-last:] for u in users])
    return float(np.isin(tails, keep).mean())


def coverage(data_dir: Path, thresholds: list[int], cfg: DataConfig = DataConfig()) -> list[Coverage]:
    movielens = load_movielens(data_dir)
    ratings = movielens.ratings
    every_movie = np.unique(ratings.movie_ids)
    whole = chronological_sequences(ratings.user_ids, ratings.movie_ids, ratings.timestamps, every_movie)
    rows = []
    for k in thresholds:
        catalog = build_catalog(movielens, 0, cfg.max_title_tokens, k)
        keep = np.fromiter((m.movie_id for m in catalog.movies), dtype=np.int64, count=len(catalog))
        kept = chronological_sequences(ratings.user_ids, ratings.movie_ids, ratings.timestamps, keep)
        test = split_next5_users(kept, cfg.split_fractions, cfg.split_seed, cfg.min_next5_length).test_users
        rows.append(Coverage(k, len(catalog), float(np.isin(ratings.movie_ids, keep).mean()), len(test),
                             last_share(whole, test, keep, cfg.holdout),
                             last_share(whole, whole.users.tolist(), keep, cfg.holdout)))
    return rows


def real_next5_hr(home: Path, data_dir: Path, k: int, cfg: DataConfig = DataConfig()) -> dict[str, float] | None:
    """HR@5 of the K catalogue's next5 LSTM and MostPop against the test users' real last 5 ratings."""
    from recommender.baselines import MostPopScorer
    from recommender.checkpoints import checkpoint_exists, load_checkpoint
    from recommender.config import TrainConfig
    from recommender.data.prepared import load_prepared
    from recommender.fitting import training_histories
    from recommender.metrics import hit_rate_at_k, top_k
    from recommender.predictor import LSTMScorer

    data_cfg = DataConfig(home=home, data_dir=data_dir, num_movies=0, min_ratings=k)
    directory = TrainConfig(protocol="next5").checkpoint_dir(data_cfg)
    if not checkpoint_exists(directory) or not data_cfg.prepared_dir.is_dir():
        return None
    data = load_prepared(data_cfg.prepared_dir)
    checkpoint = load_checkpoint(directory, data.catalog.fingerprint)
    ratings = load_movielens(data_dir).ratings
    whole = chronological_sequences(ratings.user_ids, ratings.movie_ids, ratings.timestamps,
                                    np.unique(ratings.movie_ids))
    histories, targets = [], []
    for user in data.next5.test_users:
        real = whole.array(user)
        histories.append(data.catalog.indices_of(real[:-cfg.holdout].tolist()))
        targets.append(set(data.catalog.indices_of(real[-cfg.holdout:].tolist())))
    scorers = {"mostpop": MostPopScorer(training_histories(data, "next5"), len(data.catalog)),
               "lstm": LSTMScorer(checkpoint.model, checkpoint.meta["context_len"])}
    result = {}
    for name, scorer in scorers.items():
        scores = scorer.score(histories)
        result[name] = float(np.mean([hit_rate_at_k(top_k(scores[i], 5, exclude=h), t, 5)
                                      for i, (h, t) in enumerate(zip(histories, targets))]))
    return result


def quality(path: Path) -> dict[str, dict] | None:
    if not path.is_file():
        return None
    return {row["model"]: row for row in json.loads(path.read_text())["rows"] if row["protocol"] == "next5"}


def table(rows: list[Coverage], pattern: str | None, home: Path | None = None, data_dir: Path | None = None) -> str:
    lines = ["| --min-ratings | movies | ratings kept | next5 test users | their real last 5 in catalogue "
             "| every user's last 5 in catalogue | MostPop HR@5 / NDCG@5 | Markov HR@5 | LSTM HR@5 / NDCG@5 "
             "| LSTM / MostPop (HR@5, NDCG@5) | real HR@5: MostPop / LSTM |", "|---:|" + "---:|" * 10]
    for row in rows:
        figures = quality(Path(pattern.format(k=row.min_ratings))) if pattern else None
        if figures:
            pop, markov, lstm = (next(v for name, v in figures.items() if p in name.lower())
                                 for p in ("mostpop", "markov", "lstm"))
            scores = (f"{pop['hr@5/next5']:.3f} / {pop['ndcg@5/next5']:.3f} | {markov['hr@5/next5']:.3f} | "
                      f"{lstm['hr@5/next5']:.3f} / {lstm['ndcg@5/next5']:.3f} | "
                      f"{lstm['hr@5/next5'] / pop['hr@5/next5']:.2f}x, "
                      f"{lstm['ndcg@5/next5'] / pop['ndcg@5/next5']:.2f}x")
        else:
            scores = "- | - | - | -"
        real = real_next5_hr(home, data_dir, row.min_ratings) if home else None
        scores += f" | {real['mostpop']:.3f} / {real['lstm']:.3f}" if real else " | -"
        lines.append(f"| {row.min_ratings} | {row.movies:,} | {row.ratings_share:.1%} | {row.test_users} | "
                     f"{row.test_last5_share:.1%} | {row.all_last5_share:.1%} | {scores} |")
    return "\n".join(lines)


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--min-ratings", type=int, nargs="+", default=[1, 3, 5, 10, 20, 30])
    parser.add_argument("--quality", default=None, help="next5 report path with {k}, e.g. /tmp/thresh-{k}.json")
    parser.add_argument("--home", type=Path, default=None, help="the DUALREC_HOME holding those runs' checkpoints")
    args = parser.parse_args(argv)

    def body() -> int:
        print(table(coverage(args.data_dir, args.min_ratings), args.quality, args.home, args.data_dir))
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
