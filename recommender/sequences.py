"""Pure functions from ratings to chronological histories, protocol splits and training chunks.

Histories hold MovieLens movie ids, stored columnar (`Sequences`). Equal timestamps keep the order of the ratings
file (a stable sort), so the order never depends on the movie id.
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


class Sequences:
    """Every user's catalogue movies, oldest first, as three flat arrays: columnar, so 32M ratings cost 8 bytes each
    and the prepared copy is memory-mapped instead of parsed. Reads like a mapping of user -> list of movie ids."""

    def __init__(self, users: np.ndarray, offsets: np.ndarray, movies: np.ndarray):
        self.users = users  # [U] ascending user ids
        self.offsets = offsets  # [U + 1]: user i's movies are movies[offsets[i]:offsets[i + 1]]
        self.movies = movies  # [R] MovieLens movie ids
        if len(offsets) != len(users) + 1 or (len(users) and offsets[-1] != len(movies)):
            raise ValueError("sequence offsets disagree with the users or the movies")

    @classmethod
    def from_dict(cls, histories: dict[int, list[int]]) -> "Sequences":
        users = sorted(histories)
        lengths = [len(histories[u]) for u in users]
        movies = [m for u in users for m in histories[u]]
        return cls(np.asarray(users, dtype=np.int64), np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]),
                   np.asarray(movies, dtype=np.int64))

    def to_dict(self) -> dict[int, list[int]]:
        return dict(self.items())

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def __len__(self) -> int:
        return len(self.users)

    def __iter__(self):
        return iter(self.users.tolist())

    def _row(self, user: int) -> int:
        row = int(np.searchsorted(self.users, user))
        if row == len(self.users) or self.users[row] != user:
            raise KeyError(user)
        return row

    def __contains__(self, user) -> bool:
        try:
            self._row(user)
        except (KeyError, TypeError):
            return False
        return True

    def array(self, user: int) -> np.ndarray:
        """One user's movie ids as a read-only view."""
        row = self._row(user)
        return self.movies[self.offsets[row] : self.offsets[row + 1]]

    def __getitem__(self, user: int) -> list[int]:
        return self.array(user).tolist()

    def items(self):
        for row, user in enumerate(self.users.tolist()):
            yield user, self.movies[self.offsets[row] : self.offsets[row + 1]].tolist()

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequences):
            return all(np.array_equal(a, b) for a, b in
                       ((self.users, other.users), (self.offsets, other.offsets), (self.movies, other.movies)))
        return NotImplemented


def chronological_sequences(
    user_ids: np.ndarray, movie_ids: np.ndarray, timestamps: np.ndarray, keep_movie_ids: np.ndarray | set[int]
) -> Sequences:
    """Each user's movies in `keep_movie_ids`, oldest first; ties keep their input order."""
    keep_ids = np.fromiter(keep_movie_ids, dtype=np.int64) if isinstance(keep_movie_ids, set) else keep_movie_ids
    keep = np.isin(movie_ids, keep_ids)
    users, movies, times = user_ids[keep], movie_ids[keep], timestamps[keep]
    order = np.lexsort((times, users))  # lexsort is stable: equal (user, time) keep file order
    users, movies = users[order], movies[order].astype(np.int64, copy=False)
    starts = np.flatnonzero(np.r_[True, np.diff(users) != 0]) if len(users) else np.zeros(0, dtype=np.int64)
    return Sequences(users[starts].astype(np.int64), np.r_[starts, len(users)].astype(np.int64), movies)


def full_split_users(sequences: Sequences, min_length: int) -> list[int]:
    """Users evaluated under leave-one-out: the last movie is test, the one before it validation."""
    return sequences.users[sequences.lengths >= min_length].tolist()


def full_protocol_parts(sequence: list[int]) -> tuple[list[int], int, int]:
    """(training prefix, validation target, test target) of one leave-one-out history."""
    return sequence[:-2], sequence[-2], sequence[-1]


def split_next5_users(
    sequences: Sequences, fractions: tuple[float, float, float], seed: int, min_length: int
) -> Next5Split:
    """Shuffle eligible users with a seeded generator and cut them into train / valid / test."""
    if abs(sum(fractions) - 1.0) > 1e-6:
        raise ValueError(f"split fractions {fractions} do not sum to 1")
    users = sequences.users[sequences.lengths >= min_length].copy()
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
