"""Non-neural baselines for the quality table. Each scores movie indices from a history of movie indices."""
from __future__ import annotations

import numpy as np
from scipy import sparse


class MostPopScorer:
    """Scores every movie by how often it appears in the training histories."""

    name = "MostPop"

    def __init__(self, training_histories: list[list[int]], num_movies: int):
        counts = np.zeros(num_movies, dtype=np.float64)
        for history in training_histories:
            np.add.at(counts, history, 1.0)
        self.counts = counts

    def score(self, histories: list[list[int]]) -> np.ndarray:
        return np.tile(self.counts, (len(histories), 1))


class MarkovScorer:
    """First-order Markov chain: how often each movie followed the history's last movie in training.

    Popularity, scaled below one transition, breaks ties and covers a last movie never seen before. The transitions
    are a sparse matrix: a dense one is 400 MB at 10,000 movies and 28 GB at ML-32M's 87,585.
    """

    name = "Markov-1"

    def __init__(self, training_histories: list[list[int]], num_movies: int):
        pairs = [np.asarray(h, dtype=np.int64) for h in training_histories if len(h) > 1]
        before = np.concatenate([h[:-1] for h in pairs]) if pairs else np.zeros(0, dtype=np.int64)
        after = np.concatenate([h[1:] for h in pairs]) if pairs else np.zeros(0, dtype=np.int64)
        # duplicates are summed on conversion: each cell counts its transitions
        self.transitions = sparse.coo_matrix((np.ones(len(before), dtype=np.float32), (before, after)),
                                             shape=(num_movies, num_movies)).tocsr()
        popularity = np.bincount(np.concatenate([np.asarray(h, dtype=np.int64) for h in training_histories] or
                                                [np.zeros(0, dtype=np.int64)]), minlength=num_movies).astype(np.float64)
        self.popularity = popularity / (popularity.max() + 1.0)

    def score(self, histories: list[list[int]]) -> np.ndarray:
        scores = np.tile(self.popularity, (len(histories), 1))
        rows = [row for row, history in enumerate(histories) if len(history)]
        if rows:
            scores[rows] += self.transitions[[histories[row][-1] for row in rows]].toarray()
        return scores
