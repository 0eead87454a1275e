"""Prepare ML-1M once: catalogue, chronological sequences, both protocol splits, title vocabulary, stats.

    python -m training.prepare_data [--data-dir DIR] [--home DIR] [--num-movies 1000]

Writes versioned artefacts under DUALREC_HOME/prepared/ that every later stage reads.
"""
from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

from recommender.catalog import build_catalog
from recommender.config import PREPARED_FORMAT_VERSION, DataConfig, env_data_settings, parse_config_args
from recommender.errors import PreparedDataError, run_script
from recommender.movielens import REQUIRED_FILES, load_movielens, resolve_data_dir
from recommender.prepared import PreparedData, is_prepared, load_prepared, write_prepared
from recommender.sequences import chronological_sequences, full_split_users, split_next5_users

log = logging.getLogger(__name__)


def input_checksum(data_dir: Path) -> str:
    """sha256 over the three input files, so stats.json says exactly which data it came from."""
    digest = hashlib.sha256()
    for name in REQUIRED_FILES:
        with open(data_dir / name, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def prepare(cfg: DataConfig) -> PreparedData:
    data_dir = resolve_data_dir(cfg.data_dir, cfg.home)
    movielens = load_movielens(data_dir)
    catalog = build_catalog(movielens, cfg.num_movies, cfg.max_title_tokens)
    ratings = movielens.ratings
    catalog_ids = {m.movie_id for m in catalog.movies}
    sequences = chronological_sequences(ratings.user_ids, ratings.movie_ids, ratings.timestamps, catalog_ids)
    full_users = full_split_users(sequences, cfg.min_full_length)
    next5 = split_next5_users(sequences, cfg.split_fractions, cfg.split_seed, cfg.min_next5_length)
    lengths = sorted(len(s) for s in sequences.values())
    stats = {
        "format_version": PREPARED_FORMAT_VERSION,
        "source": str(data_dir.resolve()),
        "input_sha256": input_checksum(data_dir),
        "catalog_fingerprint": catalog.fingerprint,
        "ratings": len(ratings),
        "movies": len(movielens.movies),
        "users": len(movielens.users),
        "catalog_movies": len(catalog),
        "catalog_ratings": sum(lengths),
        "sequence_users": len(sequences),
        "sequence_length_median": lengths[len(lengths) // 2] if lengths else 0,
        "sequence_length_max": lengths[-1] if lengths else 0,
        "title_vocab_size": len(catalog.title_vocab),
        "full_users": len(full_users),
        "next5_train_users": len(next5.train_users),
        "next5_valid_users": len(next5.valid_users),
        "next5_test_users": len(next5.test_users),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(cfg).items()},
    }
    return PreparedData(catalog, sequences, tuple(full_users), next5, stats)


def source_checksum(cfg: DataConfig) -> str | None:
    """The input checksum of the data `cfg` names now; None when it is not on disk (never downloads)."""
    source = Path(cfg.data_dir).expanduser() if cfg.data_dir is not None else Path(cfg.home).expanduser() / "ml-1m"
    if not all((source / name).is_file() for name in REQUIRED_FILES):
        return None
    return input_checksum(source)


def ensure_prepared(cfg: DataConfig) -> PreparedData:
    """Load the prepared data, preparing it first when it is missing, damaged, or was prepared from other input
    (DUALREC_DATA_DIR changed): everything prepared is derived from the input, so rebuilding it is safe."""
    if is_prepared(cfg.prepared_dir):
        try:
            data = load_prepared(cfg.prepared_dir)
        except PreparedDataError as exc:
            log.warning("%s: preparing the data again", exc)
        else:
            current = source_checksum(cfg)
            if current is None or current == data.stats.get("input_sha256"):
                return data
            log.warning("the data in %s differs from what %s was prepared from: preparing it again",
                        cfg.data_dir or cfg.home, cfg.prepared_dir)
    main(cfg)
    return load_prepared(cfg.prepared_dir)


def main(cfg: DataConfig) -> PreparedData:
    data = prepare(cfg)
    write_prepared(cfg.prepared_dir, data)
    log.info("prepared %s: %s", cfg.prepared_dir, {k: v for k, v in data.stats.items() if isinstance(v, int)})
    return data


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
        print(f"{s['catalog_movies']} movies, {s['catalog_ratings']} ratings, {s['sequence_users']} users; "
              f"next5 {s['next5_train_users']}/{s['next5_valid_users']}/{s['next5_test_users']} users")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
