"""The prepared artefacts that every later stage reads: catalogue, sequences, splits, stats; and preparing them.

`ensure_prepared` loads them from DataConfig.prepared_dir, preparing them first when they are missing, damaged or
were prepared from other input. Sequences are three `.npy` arrays (memory-mapped on load); the rest is JSON.
Training, evaluation, the LoRA data builder and the app all go through here.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from filelock import FileLock

from recommender.catalog import MovieCatalog, build_catalog
from recommender.config import PREPARED_FORMAT_VERSION, DataConfig
from recommender.data.download import local_data_dir, resolve_data_dir
from recommender.data.readers import input_checksum, input_files, load_movielens
from recommender.errors import MovieLensError, PreparedDataError
from recommender.files import replace_atomically
from recommender.sequences import Next5Split, Sequences, chronological_sequences, full_split_users, split_next5_users

log = logging.getLogger(__name__)

SEQUENCE_ARRAYS = ("users", "offsets", "movies")
FILES = ("catalog.json", *(f"sequence_{name}.npy" for name in SEQUENCE_ARRAYS), "splits.json", "stats.json")


@dataclass(frozen=True)
class PreparedData:
    catalog: MovieCatalog
    sequences: Sequences  # each user's catalogue movie_ids, oldest first (columnar; reads like a mapping)
    full_users: tuple[int, ...]  # leave-one-out users
    next5: Next5Split
    stats: dict


def _write_json(path: Path, data) -> None:
    replace_atomically(path, lambda p: p.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                                     encoding="utf-8"))


def write_prepared(directory: Path, data: PreparedData) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "stats.json").unlink(missing_ok=True)  # its absence marks an unfinished preparation
    _write_json(directory / "catalog.json", data.catalog.to_json())
    for name in SEQUENCE_ARRAYS:
        array = getattr(data.sequences, name)

        def save(path: Path, array=array) -> None:
            with open(path, "wb") as f:
                np.save(f, np.ascontiguousarray(array, dtype=np.int64))

        replace_atomically(directory / f"sequence_{name}.npy", save)
    _write_json(directory / "splits.json", {
        "full": {"users": list(data.full_users)},
        "next5": {"train": list(data.next5.train_users), "valid": list(data.next5.valid_users),
                  "test": list(data.next5.test_users)},
    })
    _write_json(directory / "stats.json", data.stats)  # last: its presence marks a complete preparation


def is_prepared(directory: Path) -> bool:
    return all((directory / name).is_file() for name in FILES)


def load_prepared(directory: Path) -> PreparedData:
    if not is_prepared(directory):
        raise PreparedDataError(f"no prepared data in {directory}; run: python -m training.prepare_data")

    def damaged(name: str, exc: Exception) -> PreparedDataError:
        return PreparedDataError(f"{directory / name} is damaged ({type(exc).__name__}); "
                                 "run: python -m training.prepare_data")

    def read(name: str):
        try:
            return json.loads((directory / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise damaged(name, exc) from None

    stats = read("stats.json")
    if not isinstance(stats, dict) or stats.get("format_version") != PREPARED_FORMAT_VERSION:
        found = stats.get("format_version") if isinstance(stats, dict) else None
        raise PreparedDataError(f"{directory} holds format {found}, expected {PREPARED_FORMAT_VERSION}; "
                                "run: python -m training.prepare_data")
    arrays = {}
    for name in SEQUENCE_ARRAYS:
        try:
            arrays[name] = np.load(directory / f"sequence_{name}.npy", mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise damaged(f"sequence_{name}.npy", exc) from None
    try:
        catalog = MovieCatalog.from_json(read("catalog.json"))
        sequences = Sequences(arrays["users"], arrays["offsets"], arrays["movies"])
        splits = read("splits.json")
        next5 = Next5Split(*(tuple(splits["next5"][k]) for k in ("train", "valid", "test")))
        full_users = tuple(splits["full"]["users"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PreparedDataError(f"the prepared data in {directory} is damaged ({type(exc).__name__}: {exc}); "
                                "run: python -m training.prepare_data") from None
    return PreparedData(catalog, sequences, full_users, next5, stats)


def prepare(cfg: DataConfig) -> PreparedData:
    """Read the release, keep the catalogue, build every user's chronological history and both protocol splits."""
    data_dir = resolve_data_dir(cfg.data_dir, cfg.home, cfg.dataset)
    movielens = load_movielens(data_dir)
    num_movies, min_ratings = cfg.catalogue_size()
    catalog = build_catalog(movielens, num_movies, cfg.max_title_tokens, min_ratings)
    if not len(catalog):
        raise MovieLensError(f"no movie in {data_dir} has {min_ratings} or more ratings; lower --min-ratings")
    ratings = movielens.ratings
    catalog_ids = np.fromiter((m.movie_id for m in catalog.movies), dtype=np.int64, count=len(catalog))
    sequences = chronological_sequences(ratings.user_ids, ratings.movie_ids, ratings.timestamps, catalog_ids)
    full_users = full_split_users(sequences, cfg.min_full_length)
    next5 = split_next5_users(sequences, cfg.split_fractions, cfg.split_seed, cfg.min_next5_length)
    lengths = np.sort(sequences.lengths)
    years = [m.year for m in catalog.movies if m.year is not None]
    stats = {
        "format_version": PREPARED_FORMAT_VERSION,
        "source": str(data_dir.resolve()),
        "format": movielens.format,
        "input_sha256": input_checksum(movielens.files),
        "input_stamp": input_stamp(movielens.files),
        "catalog_fingerprint": catalog.fingerprint,
        "ratings": len(ratings),
        "movies": len(movielens.movies),
        "users": len(movielens.users) or int(len(np.unique(ratings.user_ids))),
        "catalog_movies": len(catalog),
        "catalog_ratings": int(lengths.sum()),
        "catalog_first_year": min(years, default=None),
        "catalog_last_year": max(years, default=None),
        "genres": list(catalog.genres),
        "sequence_users": len(sequences),
        "sequence_length_median": int(lengths[len(lengths) // 2]) if len(lengths) else 0,
        "sequence_length_max": int(lengths[-1]) if len(lengths) else 0,
        "title_vocab_size": len(catalog.title_vocab),
        "full_users": len(full_users),
        "next5_train_users": len(next5.train_users),
        "next5_valid_users": len(next5.valid_users),
        "next5_test_users": len(next5.test_users),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in vars(cfg).items()},
    }
    return PreparedData(catalog, sequences, tuple(full_users), next5, stats)


def prepare_and_write(cfg: DataConfig) -> PreparedData:
    data = prepare(cfg)
    write_prepared(cfg.prepared_dir, data)
    log.info("prepared %s: %s", cfg.prepared_dir, {k: v for k, v in data.stats.items() if isinstance(v, int)})
    return data


def input_stamp(files) -> list:
    """Name, size and modification time of each input file: what `make` trusts, and far cheaper than hashing
    ML-32M's 0.9 GB of ratings at every start."""
    return [[path.name, path.stat().st_size, path.stat().st_mtime_ns] for path in files]


def source_checksum(cfg: DataConfig, stats: dict | None = None) -> str | None:
    """The input checksum of the data `cfg` names now; None when it is not on disk (never downloads). Files whose
    size and time match what `stats` recorded keep its checksum without being read again."""
    source = local_data_dir(cfg.data_dir, cfg.home, cfg.dataset)
    if source is None:
        return None
    files = input_files(source)
    if stats is not None and stats.get("input_stamp") == input_stamp(files):
        return stats.get("input_sha256")
    return input_checksum(files)


def ensure_prepared(cfg: DataConfig) -> PreparedData:
    """Load the prepared data, preparing it first when it is missing, damaged, or was prepared from other input
    (DUALREC_DATA_DIR changed): everything prepared is derived from the input, so rebuilding it is safe. One process
    at a time (a file lock beside the folder): the app and a training run started together do not both write."""
    cfg.prepared_dir.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cfg.prepared_dir) + ".lock"):
        return _ensure_prepared(cfg)


def _ensure_prepared(cfg: DataConfig) -> PreparedData:
    if is_prepared(cfg.prepared_dir):
        try:
            data = load_prepared(cfg.prepared_dir)
        except PreparedDataError as exc:
            log.warning("%s: preparing the data again", exc)
        else:
            current = source_checksum(cfg, data.stats)
            if current is None or current == data.stats.get("input_sha256"):
                return data
            log.warning("the data in %s differs from what %s was prepared from: preparing it again",
                        cfg.data_dir or cfg.home, cfg.prepared_dir)
    prepare_and_write(cfg)
    return load_prepared(cfg.prepared_dir)
