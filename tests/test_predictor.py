"""NextMoviePredictor: top-k with scores, seen movies excluded, unknown ids, popularity fallback, refusal."""
from __future__ import annotations

import pytest

from recommender.catalog import MovieCatalog
from recommender.errors import CheckpointError
from recommender.predictor import NextMoviePredictor
from tests.synthetic import chain_movie_ids
from tests.conftest import SPEC


@pytest.fixture(scope="module")
def predictor(trained, prepared):
    return NextMoviePredictor.from_checkpoint(trained.checkpoint_dir, prepared.catalog)


def test_top_k_returns_scored_unseen_catalogue_movies(predictor, prepared):
    history = chain_movie_ids(SPEC)[2][:4]
    picks = predictor.top_k(history, k=5)
    assert len(picks) == 5
    assert all(p.movie.movie_id in prepared.catalog and p.movie.movie_id not in history for p in picks)
    assert [p.score for p in picks] == sorted((p.score for p in picks), reverse=True)
    assert 0 < picks[0].score <= 1


def test_top_pick_continues_the_chain(predictor):
    chain = chain_movie_ids(SPEC)[2]
    assert predictor.top_k(chain[:4], k=1)[0].movie.movie_id == chain[4]


def test_exclude_seen_false_may_return_watched(predictor):
    chain = chain_movie_ids(SPEC)[1]
    ids = {p.movie.movie_id for p in predictor.top_k(chain[:6], k=80, exclude_seen=False)}
    assert set(chain[:6]) <= ids


def test_ids_outside_the_catalogue_are_skipped_for_the_model(predictor):
    chain = chain_movie_ids(SPEC)[3]
    with_unknown = predictor.top_k([chain[0], 99_999, chain[1], 85], k=3)
    plain = predictor.top_k(chain[:2], k=3)
    assert [p.movie.movie_id for p in with_unknown] == [p.movie.movie_id for p in plain]


def test_empty_history_falls_back_to_popularity(predictor, prepared):
    picks = predictor.top_k([], k=3)
    assert [p.movie for p in picks] == list(prepared.catalog.movies[:3])  # the catalogue is most-rated first
    assert predictor.top_k([99_999], k=3)[0].movie == prepared.catalog.movies[0]


def test_refuses_a_checkpoint_of_another_catalogue(trained, prepared):
    data = prepared.catalog.to_json()
    data["movies"] = data["movies"][1:] + data["movies"][:1]
    with pytest.raises(CheckpointError, match="built for catalogue"):
        NextMoviePredictor.from_checkpoint(trained.checkpoint_dir, MovieCatalog.from_json(data))


def test_k_larger_than_catalogue(predictor, prepared):
    history = chain_movie_ids(SPEC)[0][:3]
    assert len(predictor.top_k(history, k=10_000)) == len(prepared.catalog) - 3


@pytest.mark.parametrize("length", [1, 3, 25, 60])
def test_influence_is_each_movie_left_out_in_turn(predictor, prepared, length):
    """The shared-states computation gives what scoring each history without one movie gives (the reason a
    recommendation shows), for a history shorter and longer than the window."""
    import numpy as np

    history = [m.movie_id for m in prepared.catalog.movies][:length]
    targets = [p.movie.movie_id for p in predictor.top_k(history, 4)]
    got = predictor.influence(history, targets, window=20)
    indices = predictor.catalog.indices_of(history)
    tried = list(range(max(0, len(indices) - 20), len(indices)))
    variants = [indices] + [indices[:i] + indices[i + 1:] for i in tried]
    scores = predictor.scorer.score([v for v in variants if v])  # the empty variant of a one-movie history: none
    if len(scores) < len(variants):
        scores = np.vstack([scores, predictor.scorer.leave_one_out(indices, 0)[1:]])
    drops = scores[0][None, :] - scores[1:]
    for column, target in enumerate(predictor.catalog.indices_of(targets)):
        expected = {predictor.catalog.movie_at(indices[i]).movie_id: float(drops[row, target])
                    for row, i in enumerate(tried) if drops[row, target] > 0}
        said = dict(got[predictor.catalog.movie_at(target).movie_id])
        everyone = said.keys() | expected.keys()  # a drop within rounding of 0 may land on either side
        assert all(abs(said.get(m, 0.0) - expected.get(m, 0.0)) < 1e-4 for m in everyone), (said, expected)
