"""Prepare a MovieLens release once: catalogue, chronological sequences, both protocol splits, title vocabulary, stats.

    python -m training.prepare_data [--data-dir DIR | --dataset ml-1m|ml-latest-small|ml-25m|ml-32m] [--home DIR]
                                    [--num-movies N (0: all)] [--min-ratings K]

Writes versioned artefacts under DUALREC_HOME/prepared/<dataset>-<catalogue>-v2/ that every later stage reads
(recommender.data.prepared does the work; the app calls it too).
"""
from __future__ import annotations

import logging
import sys

from recommender.config import DataConfig, parse_config_args
from bot.config import env_data_settings
from recommender.data.prepared import PreparedData, prepare_and_write
from recommender.errors import run_script


def main(cfg: DataConfig) -> PreparedData:
    return prepare_and_write(cfg)


def parse_args(argv: list[str] | None = None) -> DataConfig:
    sections = {"data": (DataConfig, "")}
    defaults = {"data": env_data_settings()}
    return parse_config_args(argv, __doc__, sections, defaults)["data"]


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    def body() -> int:
        cfg = parse_args(argv)
        s = main(cfg).stats
        print(f"prepared {cfg.prepared_dir}")
        print(f"{s['catalog_movies']} movies ({s['catalog_first_year']}-{s['catalog_last_year']}), "
              f"{s['catalog_ratings']} ratings, {s['sequence_users']} users; "
              f"next5 {s['next5_train_users']}/{s['next5_valid_users']}/{s['next5_test_users']} users")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
