"""First start and restarts: what is derived and damaged is rebuilt, or named with the command that rebuilds it.

Real files on disk (synthetic ML-1M), real training of a tiny LSTM for two epochs."""
import shutil
from dataclasses import replace

import pytest

from bot.config import AppConfig
from bot.startup import load_predictor
from recommender.errors import CheckpointError
from tests.conftest import CATALOG_SIZE, TEST_MODEL, TEST_TRAIN
from recommender.data.prepared import ensure_prepared
from recommender.config import DataConfig

QUICK = replace(TEST_TRAIN, epochs=2, protocol="serve")


@pytest.fixture
def home_cfg(synthetic_dir, tmp_path) -> AppConfig:
    data = DataConfig(home=tmp_path / "home", data_dir=synthetic_dir, num_movies=CATALOG_SIZE)
    return AppConfig(data=data, model=TEST_MODEL, train=QUICK, auto_train=False)


def trained_home(cfg: AppConfig):
    data = ensure_prepared(cfg.data)
    load_predictor(replace(cfg, auto_train=True), data, lambda step: None)
    return data


def test_damaged_prepared_data_is_prepared_again(home_cfg):
    first = ensure_prepared(home_cfg.data)
    (home_cfg.data.prepared_dir / "catalog.json").write_text('{"movies": [')  # torn by a full disk, say
    again = ensure_prepared(home_cfg.data)
    assert again.catalog.fingerprint == first.catalog.fingerprint and len(again.catalog) == CATALOG_SIZE


def test_a_changed_data_dir_is_prepared_again(home_cfg, synthetic_dir, tmp_path):
    first = ensure_prepared(home_cfg.data)
    other = tmp_path / "other-ml-1m"
    shutil.copytree(synthetic_dir, other)
    lines = (other / "ratings.dat").read_text(encoding="latin-1").splitlines()
    (other / "ratings.dat").write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="latin-1")
    moved = ensure_prepared(replace(home_cfg.data, data_dir=other))
    assert moved.stats["input_sha256"] != first.stats["input_sha256"]
    assert moved.stats["catalog_ratings"] < first.stats["catalog_ratings"]
    assert ensure_prepared(home_cfg.data).stats["input_sha256"] == first.stats["input_sha256"]  # and back


def test_a_truncated_checkpoint_names_its_file_and_command_or_is_retrained(home_cfg):
    data = trained_home(home_cfg)
    weights = home_cfg.train.checkpoint_dir(home_cfg.data) / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(CheckpointError) as refused:
        load_predictor(home_cfg, data, lambda step: None)
    message = str(refused.value)
    assert "damaged" in message and str(weights.parent) in message
    assert "python -m training.train_lstm --protocol serve" in message and "SafetensorError:" not in message
    steps = []
    predictor = load_predictor(replace(home_cfg, auto_train=True), data, steps.append)
    assert predictor.top_k([data.catalog.movies[0].movie_id], 3)
    assert any("damaged" in step for step in steps)  # the page says why it trains again
    assert not weights.parent.with_name(weights.parent.name + ".replaced").exists()


def test_a_checkpoint_trained_on_other_data_is_not_served(home_cfg, synthetic_dir, tmp_path):
    import json

    data = trained_home(home_cfg)
    meta_path = home_cfg.train.checkpoint_dir(home_cfg.data) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["prepared_input_sha256"] = "0" * 64  # trained before DUALREC_DATA_DIR pointed at this data
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(CheckpointError, match="trained on other data"):
        load_predictor(home_cfg, data, lambda step: None)
    steps = []
    load_predictor(replace(home_cfg, auto_train=True), data, steps.append)
    assert any("other data" in step for step in steps)
    load_predictor(home_cfg, data, lambda step: None)  # now it is the right one
    other = tmp_path / "other-ml-1m"  # other data with another catalogue: refused the same way, with the command
    shutil.copytree(synthetic_dir, other)
    lines = (other / "ratings.dat").read_text(encoding="latin-1").splitlines()
    (other / "ratings.dat").write_text("\n".join(lines[::2]) + "\n", encoding="latin-1")
    moved = replace(home_cfg, data=replace(home_cfg.data, data_dir=other))
    with pytest.raises(CheckpointError, match="--protocol serve"):
        load_predictor(moved, ensure_prepared(moved.data), lambda step: None)


def test_training_progress_is_reported_in_plain_words(home_cfg):
    from recommender import fitting

    seen = []
    fitting.main(home_cfg.data, home_cfg.model, replace(QUICK, epochs=2), progress=seen.append)
    assert seen and {p.epoch for p in seen} == {1, 2}
    assert any(0 < p.batch < p.batches for p in seen)  # within an epoch, not only between them
    text = seen[-1].plain()
    assert "pass 2 of at most 2" in text and "a pass here" in text
    assert {p.patience for p in seen} == {QUICK.patience}  # what the page's estimate needs to bound early stopping
    assert all(p.best_epoch == 0 for p in seen if p.epoch == 1) and all(p.best_epoch >= 1 for p in seen if p.epoch == 2)
    assert "ndcg" not in text.lower() and "valid" not in text.lower()


def test_a_checkpoint_of_nan_weights_is_not_served(home_cfg):
    """A valid safetensors file whose float tensors are NaN (a diverged run, a bad copy): it loads, so only its
    values tell. It is named with the command, or retrained with auto-train, like a damaged file."""
    import math

    from safetensors.torch import load_file, save_file

    data = trained_home(home_cfg)
    weights = home_cfg.train.checkpoint_dir(home_cfg.data) / "model.safetensors"
    state = load_file(str(weights))
    save_file({k: v.fill_(math.nan) if v.is_floating_point() else v for k, v in state.items()}, str(weights))
    with pytest.raises(CheckpointError) as refused:
        load_predictor(home_cfg, data, lambda step: None)
    message = str(refused.value)
    assert str(weights.parent) in message and "finite" in message
    assert "python -m training.train_lstm --protocol serve" in message
    steps = []
    predictor = load_predictor(replace(home_cfg, auto_train=True), data, steps.append)
    assert any("finite" in step for step in steps)  # the page says why it trains again
    picks = predictor.top_k([data.catalog.movies[0].movie_id], 3)
    assert len(picks) == 3 and all(math.isfinite(p.score) for p in picks)


def test_a_model_trained_before_checkpoints_were_kept_per_catalogue_is_served_without_training(home_cfg):
    """An upgraded install: checkpoints/lstm-serve moves to checkpoints/<catalogue>/lstm-serve, not retrained."""
    data = trained_home(home_cfg)
    checkpoint = home_cfg.train.checkpoint_dir(home_cfg.data)
    legacy = home_cfg.data.home / "checkpoints" / checkpoint.name
    checkpoint.rename(legacy)  # where an install before issue 21 kept it
    weights = (legacy / "model.safetensors").read_bytes()
    steps = []
    load_predictor(home_cfg, data, steps.append)  # auto_train is off: it would refuse if it had to train
    assert (checkpoint / "model.safetensors").read_bytes() == weights and not legacy.exists()
    assert not any("Training" in step for step in steps)
