"""The quality table's baselines: MostPop, and a first-order Markov chain kept sparse at any catalogue size."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from recommender.baselines import MarkovScorer, MostPopScorer


def _histories(num_movies: int, users: int, seed: int = 0) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    return [rng.integers(0, num_movies, size=int(rng.integers(0, 30))).tolist() for _ in range(users)]


def test_markov_counts_what_followed_the_last_movie():
    histories = [[0, 1, 2], [0, 1], [3, 0, 2], [4]]
    scores = MarkovScorer(histories, 5).score([[4, 0], [], [3]])
    # after 0: 1 twice and 2 once; popularity (below one transition) orders the rest
    assert np.argsort(-scores[0])[:3].tolist() == [1, 2, 0]
    assert np.argmax(scores[1]) == 0  # no history: the most popular
    assert np.argsort(-scores[2])[0] == 0  # 3 was followed by 0


def test_markov_equals_the_dense_count_matrix():
    histories = _histories(40, 200)
    dense = np.zeros((40, 40))
    for h in histories:
        if len(h) > 1:
            np.add.at(dense, (h[:-1], h[1:]), 1.0)
    popularity = MostPopScorer(histories, 40).counts
    queries = histories[:25] + [[]]
    expected = np.tile(popularity / (popularity.max() + 1), (len(queries), 1))
    for row, h in enumerate(queries):
        if h:
            expected[row] += dense[h[-1]]
    assert np.allclose(MarkovScorer(histories, 40).score(queries), expected)


def test_markov_at_ml32m_size_holds_only_the_transitions_seen():
    """87,585 movies: a dense matrix would be 28 GB; the sparse one holds one cell per distinct pair."""
    histories = _histories(87_585, 500, seed=1)
    markov = MarkovScorer(histories, 87_585)
    pairs = {(a, b) for h in histories for a, b in zip(h, h[1:])}
    assert sparse.issparse(markov.transitions) and markov.transitions.nnz == len(pairs)
    scores = markov.score(histories[:3])
    assert scores.shape == (3, 87_585)
