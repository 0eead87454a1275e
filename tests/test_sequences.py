"""Chronological histories, both protocol splits, training chunks and padding."""
from __future__ import annotations

import numpy as np
import pytest

from recommender.sequences import (
    Sequences,
    chronological_sequences,
    full_protocol_parts,
    holdout_parts,
    pad_batch,
    split_next5_users,
    future_targets,
    training_spans,
    window_spans,
)


def test_chronological_with_stable_ties():
    users = np.array([2, 1, 1, 1, 2, 1])
    movies = np.array([50, 30, 10, 20, 40, 99])
    times = np.array([5, 7, 3, 7, 1, 9])
    # user 1: 10@3, then 30@7 and 20@7 tie (file order: 30 first), 99 is outside the kept set
    sequences = chronological_sequences(users, movies, times, {10, 20, 30, 40, 50})
    assert sequences.to_dict() == {1: [10, 30, 20], 2: [40, 50]}


def test_sequences_are_three_flat_arrays_read_like_a_mapping():
    sequences = Sequences.from_dict({7: [3, 1], 2: [5], 9: []})
    assert sequences.users.tolist() == [2, 7, 9] and sequences.offsets.tolist() == [0, 1, 3, 3]
    assert sequences.movies.tolist() == [5, 3, 1] and sequences.lengths.tolist() == [1, 2, 0]
    assert sequences[7] == [3, 1] and list(sequences) == [2, 7, 9] and 9 in sequences and 8 not in sequences
    with pytest.raises(KeyError):
        sequences[8]
    assert Sequences.from_dict(sequences.to_dict()) == sequences


def test_full_protocol_parts():
    assert full_protocol_parts([1, 2, 3, 4]) == ([1, 2], 3, 4)


def test_holdout_parts():
    assert holdout_parts(list(range(8)), 5) == ([0, 1, 2], [3, 4, 5, 6, 7])


def test_next5_split_is_seeded_disjoint_and_filtered():
    sequences = Sequences.from_dict({u: list(range(12 if u % 10 else 4)) for u in range(1, 201)})
    split = split_next5_users(sequences, (0.7, 0.15, 0.15), seed=3, min_length=10)
    train, valid, test = map(set, (split.train_users, split.valid_users, split.test_users))
    assert not (train & valid or train & test or valid & test)
    assert train | valid | test == {u for u in sequences if u % 10}  # short histories are left out
    assert (len(train), len(valid), len(test)) == (126, 27, 27)
    assert split_next5_users(sequences, (0.7, 0.15, 0.15), seed=3, min_length=10) == split
    assert split_next5_users(sequences, (0.7, 0.15, 0.15), seed=4, min_length=10) != split


def test_split_fractions_must_sum_to_one():
    with pytest.raises(ValueError):
        split_next5_users(Sequences.from_dict({1: list(range(20))}), (0.5, 0.2, 0.2), seed=0, min_length=10)


@pytest.mark.parametrize("length", [2, 5, 11, 12, 30, 47])
def test_spans_score_every_position_exactly_once(length):
    scored = []
    for begin, end, first in training_spans(length, max_len=10, warmup=3):
        assert end - begin <= 10
        assert first == 0 or first == 3  # a continuation re-reads exactly the warm-up movies
        scored += list(range(begin + first, end))
    assert scored == list(range(length - 1))  # the last movie has no successor, so it is never an input


def test_a_single_movie_has_no_span():
    assert training_spans(1, max_len=10, warmup=3) == []


def test_window_spans_are_the_papers_30_to_31_windows():
    assert window_spans(33, 30) == [(0, 30, 29), (1, 31, 29), (2, 32, 29)]
    assert window_spans(30, 30) == []  # the paper drops users with 30 movies or fewer


def test_future_targets():
    sequence = [10, 11, 12, 13, 14]
    assert future_targets(sequence, 1, 4, horizon=2, first_scored=1, ignore=-1).tolist() == [
        [-1, -1], [13, 14], [14, -1]
    ]
    assert future_targets(sequence, 0, 4, horizon=1, first_scored=0, ignore=-1)[:, 0].tolist() == [11, 12, 13, 14]


def test_pad_batch():
    assert pad_batch([[1, 2, 3], [4]], pad_value=9).tolist() == [[1, 2, 3], [4, 9, 9]]
    assert pad_batch([[[1, 2]], [[3, 4], [5, 6]]], pad_value=0).tolist() == [[[1, 2], [0, 0]], [[3, 4], [5, 6]]]
