"""Pure ranking metrics. Each reported key names its protocol: `hr@10/full`, `ndcg@5/next5`.

Rankings break score ties by the lower movie index, so every figure is deterministic.
"""
from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence

import numpy as np


def top_k(scores: np.ndarray, k: int, exclude: Iterable[int] = ()) -> list[int]:
    """Indices of the k highest scores, best first, skipping `exclude`; fewer when fewer remain."""
    masked = np.asarray(scores, dtype=np.float64).copy()
    excluded = np.fromiter(exclude, dtype=np.int64)
    masked[excluded] = -np.inf
    available = len(masked) - len(np.unique(excluded))
    order = np.argsort(-masked, kind="stable")  # stable: equal scores keep index order
    return order[: max(0, min(k, available))].tolist()


def hit_rate_at_k(ranked: Sequence[int], relevant: Collection[int], k: int) -> float:
    """1.0 if any of the first k ranked items is relevant."""
    return float(any(item in relevant for item in ranked[:k]))


def ndcg_at_k(ranked: Sequence[int], relevant: Collection[int], k: int) -> float:
    """Binary-relevance NDCG@k; the ideal list puts min(k, |relevant|) hits first."""
    if not relevant:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(k, len(relevant))))
    return dcg / ideal


def genre_jaccard(a: Collection[str], b: Collection[str]) -> float:
    a, b = set(a), set(b)
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def max_genre_jaccard(genres: Collection[str], others: Iterable[Collection[str]]) -> float:
    """The paper's genre similarity: the best Jaccard of one movie's genres against any of `others`."""
    return max((genre_jaccard(genres, other) for other in others), default=0.0)
