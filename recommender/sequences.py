"""Pure functions from ratings to chronological histories, protocol splits and training chunks.

Histories hold MovieLens movie ids. Equal timestamps keep the order of ratings.dat (a stable sort), so the
order never depends on the movie id.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Next5Split:
    """Users split by user, 70/15/15 by default; the last `holdout` movies of valid/test users are held out."""

    train_users: tuple[int, ...]
    valid_users: tuple[int, ...]
    test_users: tuple[int, ...]


def chronological_sequences(
    user_ids: np.ndarray, movie_ids: np.ndarray, timestamps: np.ndarray, keep_movie_ids: set[int]
) -> dict[int, list[int]]:
    """Each user's movies in `keep_movie_ids`, oldest first; ties keep their input order."""
    keep = np.isin(movie_ids, np.fromiter(keep_movie_ids, dtype=np.int64))
    users, movies, times = user_ids[keep], movie_ids[keep], timestamps[keep]
    order = np.lexsort((times, users))  # lexsort is stable: equal (user, time) keep file order
    users, movies = users[order], movies[order]
    boundaries = np.flatnonzero(np.diff(users)) + 1
    return {
        int(chunk_users[0]): chunk_movies.tolist()
        for chunk_users, chunk_movies in zip(np.split(users, boundaries), np.split(movies, boundaries))
        if len(chunk_users)
    }


def full_split_users(sequences: dict[int, list[int]], min_length: int) -> list[int]:
    """Users evaluated under leave-one-out: the last movie is test, the one before it validation."""
    return sorted(u for u, s in sequences.items() if len(s) >= min_length)


def full_protocol_parts(sequence: list[int]) -> tuple[list[int], int, int]:
    """(training prefix, validation target, test target) of one leave-one-out history."""
    return sequence[:-2], sequence[-2], sequence[-1]


def split_next5_users(
    sequences: dict[int, list[int]], fractions: tuple[float, float, float], seed: int, min_length: int
) -> Next5Split:
    """Shuffle eligible users with a seeded generator and cut them into train / valid / test."""
    if abs(sum(fractions) - 1.0) > 1e-6:
        raise ValueError(f"split fractions {fractions} do not sum to 1")
    users = np.array(sorted(u for u, s in sequences.items() if len(s) >= min_length), dtype=np.int64)
    np.random.default_rng(seed).shuffle(users)
    n_train = int(round(fractions[0] * len(users)))
    n_valid = int(round(fractions[1] * len(users)))
    parts = np.split(users, [n_train, n_train + n_valid])
    return Next5Split(*(tuple(sorted(p.tolist())) for p in parts))


def holdout_parts(sequence: list[int], holdout: int) -> tuple[list[int], list[int]]:
    """(input history, held-out last `holdout` movies) of one next5 user."""
    return sequence[:-holdout], sequence[-holdout:]


def training_spans(length: int, max_len: int, warmup: int) -> list[tuple[int, int, int]]:
    """(begin, end, first_scored) spans covering a history of `length` movies in one pass each.

    The span's inputs are movies begin..end-1 and each predicts what follows it. A history longer than
    `max_len` continues in a new span that re-reads `warmup` movies as context and scores only new positions,
    so every position is scored exactly once and the last movie (which has no successor) is never an input.
    """
    if warmup >= max_len:
        raise ValueError("warmup must be shorter than max_len")
    spans, start = [], 0
    while start < length - 1:
        begin = max(0, start - warmup)
        end = min(begin + max_len, length - 1)
        spans.append((begin, end, start - begin))
        start = end
    return spans


def window_spans(length: int, window: int) -> list[tuple[int, int, int]]:
    """The paper's sliding windows as spans: `window` movies in, only the one after the last is scored."""
    return [(begin, begin + window, window - 1) for begin in range(length - window)]


def future_targets(sequence: list[int], begin: int, end: int, horizon: int, first_scored: int, ignore: int) -> np.ndarray:
    """[end - begin, horizon]: row j holds the `horizon` movies after input position begin + j.

    Rows before `first_scored` and slots past the end of the history hold `ignore`.
    """
    targets = np.full((end - begin, horizon), ignore, dtype=np.int64)
    for row in range(first_scored, end - begin):
        following = sequence[begin + row + 1 : begin + row + 1 + horizon]
        targets[row, : len(following)] = following
    return targets


def pad_batch(chunks: list, pad_value: int) -> np.ndarray:
    """Right-pad lists (or [len, k] arrays) of movie indices into a [batch, longest, ...] array."""
    chunks = [np.asarray(c, dtype=np.int64) for c in chunks]
    longest = max(len(c) for c in chunks)
    batch = np.full((len(chunks), longest, *chunks[0].shape[1:]), pad_value, dtype=np.int64)
    for row, chunk in enumerate(chunks):
        batch[row, : len(chunk)] = chunk
    return batch
