"""The prepared artefacts that every later stage reads: catalogue, sequences, splits, stats.

`training.prepare_data` writes them once under DataConfig.prepared_dir; training, evaluation, the LoRA data
builder and the app all load them with `load_prepared`.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from recommender.catalog import MovieCatalog
from recommender.config import PREPARED_FORMAT_VERSION
from recommender.errors import PreparedDataError
from recommender.sequences import Next5Split

FILES = ("catalog.json", "sequences.json", "splits.json", "stats.json")


@dataclass(frozen=True)
class PreparedData:
    catalog: MovieCatalog
    sequences: dict[int, list[int]]  # user_id -> catalogue movie_ids, oldest first
    full_users: tuple[int, ...]  # leave-one-out users
    next5: Next5Split
    stats: dict


def _write_json(path: Path, data) -> None:
    """Write atomically so an interrupted run never leaves half a file behind."""
    partial = path.with_suffix(path.suffix + ".part")
    partial.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(partial, path)


def write_prepared(directory: Path, data: PreparedData) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    _write_json(directory / "catalog.json", data.catalog.to_json())
    _write_json(directory / "sequences.json", {str(u): s for u, s in data.sequences.items()})
    _write_json(
        directory / "splits.json",
        {
            "full": {"users": list(data.full_users)},
            "next5": {
                "train": list(data.next5.train_users),
                "valid": list(data.next5.valid_users),
                "test": list(data.next5.test_users),
            },
        },
    )
    _write_json(directory / "stats.json", data.stats)  # last: its presence marks a complete preparation


def is_prepared(directory: Path) -> bool:
    return all((directory / name).is_file() for name in FILES)


def load_prepared(directory: Path) -> PreparedData:
    if not is_prepared(directory):
        raise PreparedDataError(f"no prepared data in {directory}; run: python -m training.prepare_data")
    def read(name: str):
        try:
            return json.loads((directory / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PreparedDataError(f"{directory / name} is damaged ({type(exc).__name__}); "
                                    "run: python -m training.prepare_data") from None

    stats = read("stats.json")
    if not isinstance(stats, dict) or stats.get("format_version") != PREPARED_FORMAT_VERSION:
        found = stats.get("format_version") if isinstance(stats, dict) else None
        raise PreparedDataError(f"{directory} holds format {found}, expected {PREPARED_FORMAT_VERSION}; "
                                "run: python -m training.prepare_data")
    try:
        catalog = MovieCatalog.from_json(read("catalog.json"))
        sequences = {int(u): s for u, s in read("sequences.json").items()}
        splits = read("splits.json")
        next5 = Next5Split(*(tuple(splits["next5"][k]) for k in ("train", "valid", "test")))
        full_users = tuple(splits["full"]["users"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PreparedDataError(f"the prepared data in {directory} is damaged ({type(exc).__name__}: {exc}); "
                                "run: python -m training.prepare_data") from None
    return PreparedData(catalog, sequences, full_users, next5, stats)
