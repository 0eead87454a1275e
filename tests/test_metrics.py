"""Metrics against hand-computed values, with ties and k larger than the catalogue."""
from __future__ import annotations

import math

import numpy as np
import pytest

from recommender.metrics import genre_jaccard, hit_rate_at_k, max_genre_jaccard, ndcg_at_k, top_k


def test_top_k_orders_by_score_and_excludes():
    scores = np.array([0.1, 0.9, 0.5, 0.7])
    assert top_k(scores, 2) == [1, 3]
    assert top_k(scores, 2, exclude=[1]) == [3, 2]


def test_top_k_breaks_ties_by_lower_index():
    assert top_k(np.array([0.5, 0.9, 0.5, 0.5]), 3) == [1, 0, 2]


def test_top_k_larger_than_catalogue_returns_what_is_left():
    assert top_k(np.array([0.1, 0.3, 0.2]), 10) == [1, 2, 0]
    assert top_k(np.array([0.1, 0.3, 0.2]), 10, exclude=[1, 1]) == [2, 0]


def test_hit_rate():
    assert hit_rate_at_k([4, 2, 9], {9}, 3) == 1.0
    assert hit_rate_at_k([4, 2, 9], {9}, 2) == 0.0
    assert hit_rate_at_k([4], {4}, 100) == 1.0  # k beyond the list


def test_ndcg_single_target():
    assert ndcg_at_k([4, 2, 9], {9}, 5) == pytest.approx(1 / math.log2(4))  # rank 3 -> 0.5
    assert ndcg_at_k([9, 2], {9}, 1) == 1.0
    assert ndcg_at_k([2, 9], {9}, 1) == 0.0


def test_ndcg_set_of_five():
    # hits at ranks 1 and 3; ideal: 5 hits fill ranks 1..5 of a 5-long list
    dcg = 1 + 1 / math.log2(4)
    ideal = sum(1 / math.log2(r + 2) for r in range(5))
    assert ndcg_at_k([1, 7, 2, 8, 9], {1, 2, 3, 4, 5}, 5) == pytest.approx(dcg / ideal)


def test_ndcg_ideal_is_capped_by_relevant_count():
    assert ndcg_at_k([3, 1], {1}, 5) == pytest.approx(1 / math.log2(3))
    assert ndcg_at_k([1], set(), 5) == 0.0


def test_genre_similarity():
    assert genre_jaccard(["Comedy", "Drama"], ["Drama"]) == 0.5
    assert genre_jaccard([], []) == 0.0
    assert max_genre_jaccard(["Comedy"], [["Drama"], ["Comedy", "Romance"], ["Comedy"]]) == 1.0
    assert max_genre_jaccard(["Comedy"], []) == 0.0
