"""Typed configuration: TOML tables, flags that override them, and clear errors for bad values."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from recommender.config import DataConfig, LSTMConfig, TrainConfig, from_mapping, parse_config_args
from recommender.errors import ConfigError

SECTIONS = {"data": (DataConfig, ""), "model": (LSTMConfig, "model_"), "train": (TrainConfig, "")}


def test_flags_override_toml_which_overrides_defaults(tmp_path):
    config = tmp_path / "run.toml"
    config.write_text('[train]\nepochs = 3\nbatch_size = 8\n[model]\nhidden1 = 64\n[data]\nsplit_fractions = [0.8, 0.1, 0.1]\n')
    configs = parse_config_args(["--config", str(config), "--epochs", "5", "--model-dropout", "0.1"], "", SECTIONS,
                                {"data": {"home": tmp_path}})
    assert configs["train"].epochs == 5 and configs["train"].batch_size == 8
    assert configs["model"].hidden1 == 64 and configs["model"].dropout == 0.1
    assert configs["data"].split_fractions == (0.8, 0.1, 0.1) and configs["data"].home == tmp_path


def test_types_are_converted():
    cfg = from_mapping(DataConfig, {"home": "~/x", "data_dir": None, "split_fractions": "0.6,0.2,0.2", "num_movies": "50"})
    assert cfg.home == Path("~/x").expanduser() and cfg.data_dir is None
    assert cfg.split_fractions == (0.6, 0.2, 0.2) and cfg.num_movies == 50


def test_unknown_and_invalid_settings_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="unknown TrainConfig settings: epoch"):
        from_mapping(TrainConfig, {"epoch": 3})
    with pytest.raises(ConfigError, match="TrainConfig.epochs: 'many' is not a valid"):
        from_mapping(TrainConfig, {"epochs": "many"})
    bad = tmp_path / "bad.toml"
    bad.write_text("[train\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_config_args(["--config", str(bad)], "", SECTIONS, {})
    with pytest.raises(ConfigError, match="cannot read config"):
        parse_config_args(["--config", str(tmp_path / "none.toml")], "", SECTIONS, {})


def test_train_cli_bad_value_is_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "training.train_lstm", "--epochs", "many", "--home", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "error: TrainConfig.epochs: 'many' is not a valid int"
