"""Non-neural baselines for the quality table. Each scores movie indices from a history of movie indices."""
from __future__ import annotations

import numpy as np


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

    Popularity, scaled below one transition, breaks ties and covers a last movie never seen before.
    """

    name = "Markov-1"

    def __init__(self, training_histories: list[list[int]], num_movies: int):
        transitions = np.zeros((num_movies, num_movies), dtype=np.float32)
        popularity = np.zeros(num_movies, dtype=np.float64)
        for history in training_histories:
            if len(history) > 1:
                np.add.at(transitions, (history[:-1], history[1:]), 1.0)
            np.add.at(popularity, history, 1.0)
        self.transitions = transitions
        self.popularity = popularity / (popularity.max() + 1.0)

    def score(self, histories: list[list[int]]) -> np.ndarray:
        scores = np.tile(self.popularity, (len(histories), 1))
        for row, history in enumerate(histories):
            if history:
                scores[row] += self.transitions[history[-1]]
        return scores
