"""The paper's network: shapes, padding that is never a movie, causality."""
from __future__ import annotations

import torch

from tests.conftest import TEST_MODEL
from recommender.fitting import build_model


def test_shapes_and_layers(prepared):
    model = build_model(prepared.catalog, TEST_MODEL)
    n = len(prepared.catalog)
    logits = model(torch.tensor([[0, 1, 2], [3, model.pad_index, model.pad_index]]))
    assert logits.shape == (2, 3, n)
    assert model.lstm1.hidden_size == TEST_MODEL.hidden1 and model.lstm2.hidden_size == TEST_MODEL.hidden2
    assert model.lstm1.input_size == TEST_MODEL.movie_dim + TEST_MODEL.title_dim + len(prepared.catalog.genres)


def test_paper_sizes(prepared):
    from recommender.config import LSTMConfig

    model = build_model(prepared.catalog, LSTMConfig())
    assert (model.movie_embedding.embedding_dim, model.title_embedding.embedding_dim) == (128, 64)
    assert (model.lstm1.hidden_size, model.lstm2.hidden_size, model.dropout.p) == (256, 128, 0.3)


def test_padding_row_has_no_features(prepared):
    model = build_model(prepared.catalog, TEST_MODEL)
    features = model.movie_features()
    assert torch.count_nonzero(features[model.pad_index]) == 0
    assert torch.count_nonzero(features[0]) > 0


def test_later_movies_do_not_change_earlier_predictions(prepared):
    model = build_model(prepared.catalog, TEST_MODEL).eval()
    a = model(torch.tensor([[0, 1, 2, 3]]))
    b = model(torch.tensor([[0, 1, 7, model.pad_index]]))
    assert torch.allclose(a[0, :2], b[0, :2])
    assert not torch.allclose(a[0, 2], b[0, 2])


def test_last_logits_picks_each_rows_last_real_step(prepared):
    model = build_model(prepared.catalog, TEST_MODEL).eval()
    batch = torch.tensor([[0, 1, 2], [4, 5, model.pad_index]])
    full = model(batch)
    last = model.last_logits(batch, torch.tensor([3, 2]))
    assert torch.allclose(last[0], full[0, 2], atol=1e-5) and torch.allclose(last[1], full[1, 1], atol=1e-5)
