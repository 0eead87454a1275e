"""`make run` until the chat UI exists: prepare the data, train the LSTM if needed, print a recommendation.

    python -m bot.demo [Title ...]

With no titles it uses a sample history of well-known movies.
"""
from __future__ import annotations

import logging
import sys

from bot.config import AppConfig, load_app_config
from recommender.catalog import MovieCatalog
from recommender.checkpoints import checkpoint_exists
from recommender.errors import run_script
from recommender.predictor import NextMoviePredictor
from recommender import fitting
from recommender.data.prepared import ensure_prepared

SAMPLE_HISTORY = ("Toy Story", "Heat", "The Matrix", "Alien", "Fargo")


def find_by_title(catalog: MovieCatalog, titles: list[str]) -> list[int]:
    """Exact, case-insensitive display-title lookup (the SBERT matcher replaces this in the chat)."""
    by_title = {m.display_title.lower(): m.movie_id for m in catalog.movies}
    return [by_title[t.lower()] for t in titles if t.lower() in by_title]


def run(cfg: AppConfig, titles: list[str]) -> str:
    data = ensure_prepared(cfg.data)
    checkpoint = cfg.train.checkpoint_dir(cfg.data)
    if not checkpoint_exists(checkpoint):
        print(f"No LSTM checkpoint in {checkpoint}: training one now (about 10 minutes on 2 cores).", flush=True)
        fitting.main(cfg.data, cfg.model, cfg.train)
    predictor = NextMoviePredictor.from_checkpoint(checkpoint, data.catalog, cfg.predictor)
    history = find_by_title(data.catalog, titles) or [m.movie_id for m in data.catalog.movies[:3]]
    lines = ["You watched: " + ", ".join(data.catalog.by_id(i).label for i in history), "DUALRec LSTM suggests:"]
    for rank, pick in enumerate(predictor.top_k(history, k=3), start=1):
        lines.append(f"  {rank}. {pick.movie.label} | {', '.join(pick.movie.kinds)}  (p={pick.score:.3f})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    titles = list(argv if argv is not None else sys.argv[1:]) or list(SAMPLE_HISTORY)

    def body() -> int:
        print(run(load_app_config(), titles))
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(main())
