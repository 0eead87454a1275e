"""Checkpoint round trip (identical logits) and refusal of another catalogue."""
from __future__ import annotations

import json

import pytest
import torch

from recommender.checkpoints import load_checkpoint, save_checkpoint
from recommender.errors import CheckpointError
from tests.conftest import TEST_MODEL
from recommender.fitting import build_model


def test_round_trip_gives_identical_logits(prepared, tmp_path):
    torch.manual_seed(1)
    model = build_model(prepared.catalog, TEST_MODEL).eval()
    save_checkpoint(tmp_path / "ckpt", model, prepared.catalog.fingerprint, validation={"hr@5/next5": 0.5})
    loaded = load_checkpoint(tmp_path / "ckpt", prepared.catalog.fingerprint)
    batch = torch.tensor([[0, 3, 5, 7], [2, 9, model.pad_index, model.pad_index]])
    with torch.no_grad():
        assert torch.equal(model(batch), loaded.model(batch))
    assert loaded.meta["validation"] == {"hr@5/next5": 0.5}
    assert json.loads((tmp_path / "ckpt" / "meta.json").read_text())["model_config"]["hidden1"] == TEST_MODEL.hidden1


def test_other_catalogue_is_refused(prepared, tmp_path):
    save_checkpoint(tmp_path / "ckpt", build_model(prepared.catalog, TEST_MODEL), prepared.catalog.fingerprint)
    with pytest.raises(CheckpointError, match="built for catalogue .* retrain"):
        load_checkpoint(tmp_path / "ckpt", "0123456789abcdef")


def test_missing_checkpoint_says_how_to_train(tmp_path):
    with pytest.raises(CheckpointError, match="python -m training.train_lstm"):
        load_checkpoint(tmp_path / "none", "x")


@pytest.mark.parametrize("value, refusal", [(float("nan"), "not finite"), (3e38, "fails a test ranking")])
def test_a_checkpoint_that_cannot_rank_is_refused(prepared, tmp_path, value, refusal):
    """NaN weights are refused as they load; finite ones so large (near float32's limit) that
    the scores overflow, by the test ranking."""
    from recommender.predictor import NextMoviePredictor

    model = build_model(prepared.catalog, TEST_MODEL)
    with torch.no_grad():
        for weight in model.parameters():
            weight.fill_(value)
    save_checkpoint(tmp_path / "ckpt", model, prepared.catalog.fingerprint, context_len=20)
    with pytest.raises(CheckpointError, match=f"{tmp_path / 'ckpt'}.*{refusal}.*python -m training.train_lstm"):
        NextMoviePredictor.from_checkpoint(tmp_path / "ckpt", prepared.catalog)
