"""Prepared artefacts from both formats: folders named by dataset and catalogue, columnar sequences that load
memory-mapped, and a preparation redone when it is torn or its input changed."""
from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from recommender.config import DataConfig
from recommender.data.prepared import ensure_prepared, is_prepared, load_prepared
from tests.conftest import CATALOG_SIZE
from tests.synthetic import write_synthetic_csv_release

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("settings, name", [
    ({"data_dir": "ml-1m"}, "ml-1m-top1000-v2"),  # the paper's catalogue, as before
    ({"data_dir": "ml-1m", "num_movies": 0}, "ml-1m-all-v2"),  # the standard benchmark's 3,706 movies
    ({"data_dir": "ml-latest-small"}, "ml-latest-small-min10-v2"),  # a CSV release: movies with 10+ ratings
    ({"data_dir": "ml-latest-small", "min_ratings": 0, "num_movies": 0}, "ml-latest-small-all-v2"),
    ({"dataset": "ml-25m"}, "ml-25m-min10-v2"),  # downloaded: named by the release
    ({"dataset": "ml-1m", "num_movies": 500, "min_ratings": 20}, "ml-1m-min20-top500-v2"),
])
def test_prepared_folders_are_named_by_dataset_and_catalogue(tmp_path, settings, name):
    if "data_dir" in settings:
        directory = tmp_path / settings["data_dir"]
        directory.mkdir()
        (directory / ("ratings.dat" if settings["data_dir"] == "ml-1m" else "ratings.csv")).write_text("")
        settings = {**settings, "data_dir": directory}
    assert DataConfig(home=tmp_path, **settings).prepared_dir.name == name


def test_a_csv_release_prepares_the_same_histories_as_the_dat_one(data_cfg, prepared, tmp_path):
    release = write_synthetic_csv_release(tmp_path / "release")
    csv_cfg = DataConfig(home=tmp_path / "home", data_dir=release, num_movies=CATALOG_SIZE, min_ratings=0)
    data = ensure_prepared(csv_cfg)
    assert data.stats["format"] == "csv" and "IMAX" in data.stats["genres"]
    assert data.sequences == prepared.sequences and data.next5 == prepared.next5
    assert [m.movie_id for m in data.catalog.movies] == [m.movie_id for m in prepared.catalog.movies]


def test_sequences_load_memory_mapped(prepared, data_cfg):
    again = load_prepared(data_cfg.prepared_dir)
    assert isinstance(again.sequences.movies, np.memmap)  # read on demand, never parsed
    assert again.sequences == prepared.sequences
    assert not (data_cfg.prepared_dir / "sequences.json").exists()


def test_a_torn_preparation_is_prepared_again(synthetic_dir, tmp_path):
    cfg = DataConfig(home=tmp_path, data_dir=synthetic_dir, num_movies=CATALOG_SIZE)
    first = ensure_prepared(cfg).sequences.to_dict()  # a copy: the file under the mapping is damaged next
    (cfg.prepared_dir / "sequence_movies.npy").write_bytes(b"\x93NUMPY torn")  # a full disk, say
    assert ensure_prepared(cfg).sequences.to_dict() == first
    (cfg.prepared_dir / "stats.json").unlink()  # stopped before the last file
    assert not is_prepared(cfg.prepared_dir)
    assert ensure_prepared(cfg).sequences.to_dict() == first


def test_a_smaller_threshold_is_another_folder(synthetic_dir, tmp_path):
    cfg = DataConfig(home=tmp_path, data_dir=synthetic_dir, num_movies=0)
    everything = ensure_prepared(cfg)
    enough = ensure_prepared(replace(cfg, min_ratings=3))
    assert len(everything.catalog) > len(enough.catalog) == CATALOG_SIZE
    assert cfg.prepared_dir != replace(cfg, min_ratings=3).prepared_dir


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["bot", "recommender", "db"])
def test_the_product_never_imports_the_offline_stages(package):
    """training/ holds command-line stages; the app and the library must run without it (a Space ships neither)."""
    offenders = {str(path.relative_to(ROOT)): sorted(m for m in _imported_modules(path) if m.split(".")[0] == "training")
                 for path in (ROOT / package).rglob("*.py")}
    assert {path: modules for path, modules in offenders.items() if modules} == {}


def test_a_threshold_no_movie_reaches_is_one_line(synthetic_dir, tmp_path):
    from recommender.errors import MovieLensError

    with pytest.raises(MovieLensError, match="has 100000 or more ratings; lower --min-ratings"):
        ensure_prepared(DataConfig(home=tmp_path, data_dir=synthetic_dir, num_movies=0, min_ratings=100_000))


@pytest.mark.parametrize("settings", [{"num_movies": -3}, {"min_ratings": -1}])
def test_a_negative_catalogue_size_is_refused(tmp_path, settings):
    from recommender.errors import ConfigError

    with pytest.raises(ConfigError, match="must be 0"):
        DataConfig(home=tmp_path, **settings)


def test_the_folder_name_and_format_agree_with_the_readers(tmp_path, monkeypatch):
    both = tmp_path / "ml-1m"
    both.mkdir()
    (both / "ratings.dat").write_text("")
    (both / "ratings.csv").write_text("")  # the readers take the .dat files first: so does the catalogue's size
    assert DataConfig(home=tmp_path, data_dir=both).prepared_dir.name == "ml-1m-top1000-v2"
    monkeypatch.chdir(both)
    assert DataConfig(home=tmp_path, data_dir=Path(".")).catalogue_name == "ml-1m-top1000"  # not "-top1000"


def test_unchanged_input_files_are_not_hashed_again(synthetic_dir, tmp_path, monkeypatch):
    """ML-32M's ratings are 0.9 GB: a start whose input files have the size and time they were prepared with
    trusts the recorded checksum; a file touched since is hashed again (and, the same, keeps the preparation)."""
    import os
    import shutil

    from recommender.data import prepared as prepared_module

    data_dir = tmp_path / "ml"
    shutil.copytree(synthetic_dir, data_dir)
    cfg = DataConfig(home=tmp_path / "home", data_dir=data_dir, num_movies=CATALOG_SIZE)
    first = ensure_prepared(cfg)
    hashed = []
    real = prepared_module.input_checksum
    monkeypatch.setattr(prepared_module, "input_checksum", lambda files: hashed.append(files) or real(files))
    assert ensure_prepared(cfg).stats["input_sha256"] == first.stats["input_sha256"] and hashed == []
    ratings = data_dir / "ratings.dat"
    os.utime(ratings, ns=(ratings.stat().st_atime_ns, ratings.stat().st_mtime_ns + 10**9))  # touched, same bytes
    assert ensure_prepared(cfg).stats["input_sha256"] == first.stats["input_sha256"] and len(hashed) == 1
