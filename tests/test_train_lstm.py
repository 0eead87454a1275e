"""train_lstm.main on synthetic data: it saves the best checkpoint and learns what MostPop cannot."""
from __future__ import annotations

import json
import math
from dataclasses import replace

import pytest
import torch

from recommender.baselines import MarkovScorer, MostPopScorer
from recommender.checkpoints import load_checkpoint
from recommender.evaluation import evaluate_next5
from recommender.predictor import LSTMScorer
from recommender.config import LSTMConfig, TrainConfig
from tests.conftest import TEST_MODEL, TEST_TRAIN
from recommender.fitting import main, training_histories


def test_main_saves_best_checkpoint_with_meta(trained, prepared):
    meta = json.loads((trained.checkpoint_dir / "meta.json").read_text())
    assert meta["catalog_fingerprint"] == prepared.catalog.fingerprint
    assert meta["best_epoch"] == trained.best_epoch
    assert meta["validation"]["ndcg@5/next5"] == trained.validation["ndcg@5/next5"]
    assert meta["train_config"]["protocol"] == "next5"
    assert len(meta["history"]) == TEST_TRAIN.epochs or len(meta["history"]) == trained.best_epoch + TEST_TRAIN.patience


def test_lstm_learns_the_planted_sequences_that_mostpop_cannot(trained, prepared):
    model = load_checkpoint(trained.checkpoint_dir, prepared.catalog.fingerprint).model
    test_users = list(prepared.next5.test_users)
    histories = training_histories(prepared, "next5")
    num = len(prepared.catalog)
    lstm = evaluate_next5(LSTMScorer(model, 50), prepared.catalog, prepared.sequences, test_users)
    mostpop = evaluate_next5(MostPopScorer(histories, num), prepared.catalog, prepared.sequences, test_users)
    markov = evaluate_next5(MarkovScorer(histories, num), prepared.catalog, prepared.sequences, test_users)
    assert lstm["hr@1/next5"] >= 0.6
    assert lstm["hr@1/next5"] >= mostpop["hr@1/next5"] + 0.3
    assert markov["hr@1/next5"] >= mostpop["hr@1/next5"] + 0.3  # the chains are first-order


def test_training_is_reproducible(data_cfg, prepared, tmp_path):
    short = replace(TEST_TRAIN, epochs=1, patience=1)
    first = main(replace(data_cfg, home=tmp_path / "a"), TEST_MODEL, short)
    weights_a = load_checkpoint(first.checkpoint_dir, prepared.catalog.fingerprint).model.state_dict()
    second = main(replace(data_cfg, home=tmp_path / "b"), TEST_MODEL, short)
    weights_b = load_checkpoint(second.checkpoint_dir, prepared.catalog.fingerprint).model.state_dict()
    assert first.checkpoint_dir != second.checkpoint_dir
    assert all(torch.equal(weights_a[k], weights_b[k]) for k in weights_a)


def test_full_protocol_never_trains_on_the_last_two(prepared):
    for history, user in zip(training_histories(prepared, "full"), prepared.full_users):
        assert history.tolist() == prepared.catalog.indices_of(prepared.sequences[user])[:-2]


def test_batches_for_both_objectives(prepared):
    import numpy as np

    from recommender.fitting import IGNORE, make_batches

    histories = training_histories(prepared, "next5")
    pad = len(prepared.catalog)
    windows = make_batches(histories, replace(TEST_TRAIN, objective="windows", window=6), pad, np.random.default_rng(0))
    for inputs, targets in windows:
        assert inputs.shape[1] == 6 and (inputs != pad).all()  # every window is full: 6 movies in
        assert (targets[:, :5] == IGNORE).all() and (targets[:, 5] != IGNORE).all()  # only the 7th is scored
    assert sum(len(i) for i, _ in windows) == sum(max(0, len(h) - 6) for h in histories)
    positions = make_batches(histories, replace(TEST_TRAIN, horizon=3), pad, np.random.default_rng(0))
    assert all(t.shape[-1] == 3 for _, t in positions)
    scored_next = sum(int((t[..., 0] != IGNORE).sum()) for _, t in positions)
    assert scored_next == sum(len(h) - 1 for h in histories)  # every next-movie target once


def test_window_objective_trains_and_records_its_context(data_cfg, prepared, tmp_path):
    cfg = replace(TEST_TRAIN, objective="windows", window=8, epochs=1, patience=1)
    result = main(replace(data_cfg, home=tmp_path), TEST_MODEL, cfg)
    meta = json.loads((result.checkpoint_dir / "meta.json").read_text())
    assert meta["context_len"] == 8 and meta["train_config"]["objective"] == "windows"


def test_early_stopping_needs_min_delta(data_cfg, prepared, tmp_path):
    cfg = replace(TEST_TRAIN, epochs=10, patience=2, min_delta=1.0)  # nothing can improve by 1.0 after epoch 1
    result = main(replace(data_cfg, home=tmp_path), TEST_MODEL, cfg)
    meta = json.loads((result.checkpoint_dir / "meta.json").read_text())
    assert result.best_epoch == 1 and meta["best_epoch"] == 1
    assert len(meta["history"]) == 3  # epoch 1, then 2 epochs of patience


def test_a_time_budget_stops_after_the_epoch_that_spends_it_and_keeps_the_best(data_cfg, prepared, tmp_path):
    cfg = replace(TEST_TRAIN, epochs=10, patience=10, max_minutes=1e-6)  # spent within the first epoch
    result = main(replace(data_cfg, home=tmp_path), TEST_MODEL, cfg)
    meta = json.loads((result.checkpoint_dir / "meta.json").read_text())
    assert len(meta["history"]) == 1 and result.best_epoch == 1 and meta["train_config"]["max_minutes"] == 1e-6
    assert meta["device"] == "cpu" and meta["mixed_precision"] == "no"  # where and how it trained, for the README


def test_the_learning_rate_decays_after_epochs_without_a_better_score(data_cfg, prepared, tmp_path):
    """lr_decay_patience 1: two epochs short of the best by min_delta halve the rate for the next one."""
    assert TrainConfig().lr_decay_patience == 0  # the paper's constant rate unless asked
    cfg = replace(TEST_TRAIN, epochs=4, patience=10, min_delta=1.0, lr_decay_patience=1, lr_decay_factor=0.5)
    result = main(replace(data_cfg, home=tmp_path), TEST_MODEL, cfg)
    rates = [e["learning_rate"] for e in json.loads((result.checkpoint_dir / "meta.json").read_text())["history"]]
    assert rates == pytest.approx([cfg.learning_rate] * 3 + [cfg.learning_rate / 2])


def test_input_dropout_is_off_by_default_and_only_acts_in_training(prepared):
    from recommender.fitting import build_model

    assert LSTMConfig().input_dropout == 0  # the paper's network unless asked
    torch.manual_seed(0)
    plain = build_model(prepared.catalog, TEST_MODEL)
    torch.manual_seed(0)
    dropped = build_model(prepared.catalog, replace(TEST_MODEL, input_dropout=0.5))
    movies = torch.tensor([[0, 1, 2, 3]])
    plain.eval(), dropped.eval()
    assert torch.equal(plain(movies), dropped(movies))  # the same weights: no dropout at inference
    dropped.train()
    torch.manual_seed(1)
    first = dropped(movies)
    plain.train()
    torch.manual_seed(1)
    assert not torch.equal(first, plain(movies))  # in training the step features are dropped too


def test_the_served_model_learns_from_every_user(prepared):
    """The app's model reads every user's history; only the validation users' held-out movies stay out."""
    from recommender.fitting import training_histories

    histories = training_histories(prepared, "serve")
    assert len(histories) == len(prepared.sequences)
    next5_only = training_histories(prepared, "next5")
    assert len(next5_only) == len(prepared.next5.train_users) < len(histories)
    holdout = prepared.stats["config"]["holdout"]
    by_length = sorted(len(h) for h in histories)
    valid_lengths = sorted(len(prepared.sequences[u]) - holdout for u in prepared.next5.valid_users)
    others = sorted(len(prepared.sequences[u]) for u in prepared.sequences if u not in set(prepared.next5.valid_users))
    assert by_length == sorted(valid_lengths + others)


def test_sampled_softmax_learns_the_chains_too(data_cfg, prepared, tmp_path):
    """The sampled softmax (a catalogue too large for the full one) still learns what MostPop cannot."""
    from recommender.baselines import MostPopScorer
    from recommender.checkpoints import load_checkpoint
    from recommender.evaluation import evaluate_next5
    from recommender.predictor import LSTMScorer

    cfg = replace(TEST_TRAIN, loss="sampled", negatives=16)
    result = main(replace(data_cfg, home=tmp_path), TEST_MODEL, cfg)
    assert json.loads((result.checkpoint_dir / "meta.json").read_text())["train_config"]["loss"] == "sampled"
    model = load_checkpoint(result.checkpoint_dir, prepared.catalog.fingerprint).model
    test_users = list(prepared.next5.test_users)
    lstm = evaluate_next5(LSTMScorer(model, 50), prepared.catalog, prepared.sequences, test_users)
    popular = evaluate_next5(MostPopScorer(training_histories(prepared, "next5"), len(prepared.catalog)),
                             prepared.catalog, prepared.sequences, test_users)
    assert lstm["hr@1/next5"] > popular["hr@1/next5"] + 0.2


def test_the_sampled_loss_matches_the_full_one_when_every_movie_is_drawn(monkeypatch):
    """With Q uniform and the draws covering the catalogue, the corrected sampled loss is the full softmax's."""
    from recommender.fitting import IGNORE, next_movies_loss, sampled_softmax_loss

    torch.manual_seed(0)
    output = torch.nn.Linear(8, 5)
    hidden = torch.randn(2, 3, 8)
    targets = torch.tensor([[[1], [4], [IGNORE]], [[0], [2], [3]]])
    log_q = torch.full((5,), -math.log(5))
    monkeypatch.setattr(torch, "multinomial", lambda *args, **kwargs: torch.arange(5))  # the draw: every movie once
    sampled = sampled_softmax_loss(hidden, targets, output, log_q, 5, torch.Generator())
    assert torch.allclose(next_movies_loss(output(hidden), targets), sampled, atol=1e-5)


def test_auto_chooses_the_full_softmax_only_for_a_small_catalogue():
    from recommender.fitting import uses_full_softmax

    assert uses_full_softmax(TrainConfig(), 3_706) and not uses_full_softmax(TrainConfig(), 87_585)
    assert uses_full_softmax(TrainConfig(loss="full"), 87_585) and not uses_full_softmax(TrainConfig(loss="sampled"), 10)


@pytest.mark.slow
def test_the_same_command_trains_with_ddp_over_two_processes(synthetic_dir, tmp_path):
    """torchrun with 2 CPU processes (gloo): each trains on its share of the batches and one saves the model."""
    import subprocess
    import sys

    home = tmp_path / "home"
    command = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "-m", "training.train_lstm",
               "--data-dir", str(synthetic_dir), "--home", str(home), "--num-movies", "80", "--epochs", "3",
               "--model-movie-dim", "32", "--model-title-dim", "16", "--model-hidden1", "64", "--model-hidden2", "32",
               "--max-len", "20", "--chunk-warmup", "5", "--num-threads", "1", "--learning-rate", "0.01"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("saved ") == 1  # the main process alone
    meta = json.loads(next((home / "checkpoints").glob("*/lstm-next5/meta.json")).read_text())
    assert meta["best_epoch"] >= 2 and meta["validation"]["hr@5/next5"] > 0.5  # it learnt the chains


@pytest.mark.parametrize("settings, message", [
    ({"negatives": 0}, "negatives must be 1 or more"),
    ({"mixed_precision": "fp8"}, "mixed_precision must be one of auto, no, fp16, bf16"),
    ({"device": "gpu"}, "device must be one of auto, cpu"),
    ({"loss": "softmax"}, "loss must be one of auto, full, sampled"),
    ({"max_minutes": -1}, "max_minutes must be 0"),
    ({"lr_decay_factor": 1.0}, "lr_decay_factor must be between 0 and 1, not 1.0"),
    ({"lr_decay_patience": 2, "patience": 3}, "halves the rate no sooner than early stopping"),
])
def test_a_bad_training_setting_is_one_line(settings, message):
    from recommender.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        TrainConfig(**settings)
