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
