"""The two evaluation protocols of DESIGN.md, for any scorer with `score(histories) -> [B, N]` scores.

full: leave-one-out; rank the whole catalogue for each user's last movie, watched movies masked.
next5: for held-out users, the input is all but the last 5 movies, and a hit is any of those 5. Nothing
about the held-out movies is used for ranking.
"""
from __future__ import annotations

from typing import Protocol

import numpy as np
from tqdm import tqdm

from recommender.catalog import MovieCatalog
from recommender.metrics import hit_rate_at_k, max_genre_jaccard, ndcg_at_k, top_k
from recommender.sequences import Sequences, full_protocol_parts, holdout_parts

FULL_KS = (1, 5, 10)
NEXT5_KS = (1, 5)


class Scorer(Protocol):
    def score(self, histories: list[list[int]]) -> np.ndarray: ...


def _batched_rankings(scorer: Scorer, histories: list[list[int]], k: int, batch_size: int, desc: str) -> list[list[int]]:
    """Top-k movie indices for each history, watched movies excluded."""
    # Score histories in length order so a sequence model pads little, then restore the input order.
    order = sorted(range(len(histories)), key=lambda i: len(histories[i]))
    by_position: dict[int, list[int]] = {}
    for start in tqdm(range(0, len(order), batch_size), desc=desc, leave=False, disable=len(order) < 2 * batch_size):
        batch = order[start : start + batch_size]
        scores = scorer.score([histories[i] for i in batch])
        for row, i in enumerate(batch):
            by_position[i] = top_k(scores[row], k, exclude=histories[i])
    return [by_position[i] for i in range(len(histories))]


def evaluate_full(
    scorer: Scorer, catalog: MovieCatalog, sequences: Sequences, users: list[int],
    stage: str = "test", batch_size: int = 256,
) -> dict[str, float]:
    """Leave-one-out: `stage="valid"` predicts the second-to-last movie, `"test"` the last."""
    histories, targets = [], []
    for user in users:
        indices = catalog.indices_of(sequences[user])
        prefix, valid_target, test_target = full_protocol_parts(indices)
        histories.append(prefix if stage == "valid" else prefix + [valid_target])
        targets.append(valid_target if stage == "valid" else test_target)
    rankings = _batched_rankings(scorer, histories, max(FULL_KS), batch_size, f"full/{stage}")
    metrics = {}
    for k in FULL_KS:
        metrics[f"hr@{k}/full"] = float(np.mean([hit_rate_at_k(r, {t}, k) for r, t in zip(rankings, targets)]))
    for k in (5, 10):
        metrics[f"ndcg@{k}/full"] = float(np.mean([ndcg_at_k(r, {t}, k) for r, t in zip(rankings, targets)]))
    metrics["users/full"] = len(users)
    return metrics


def evaluate_next5(
    scorer: Scorer, catalog: MovieCatalog, sequences: Sequences, users: list[int],
    holdout: int = 5, batch_size: int = 256,
) -> dict[str, float]:
    """next5 without the paper's leak: rank from the input history only, then compare to the held-out set."""
    histories, held_out = [], []
    for user in users:
        history, last = holdout_parts(catalog.indices_of(sequences[user]), holdout)
        histories.append(history)
        held_out.append(last)
    rankings = _batched_rankings(scorer, histories, max(NEXT5_KS), batch_size, "next5")
    return next5_metrics(rankings, held_out, catalog)


def next5_metrics(rankings: list[list[int]], held_out: list[list[int]], catalog: MovieCatalog) -> dict[str, float]:
    """HR@1/5, NDCG@1/5 and genre similarity of ranked movie indices against held-out movie indices."""
    metrics = {}
    for k in NEXT5_KS:
        metrics[f"hr@{k}/next5"] = float(np.mean([hit_rate_at_k(r, set(h), k) for r, h in zip(rankings, held_out)]))
        metrics[f"ndcg@{k}/next5"] = float(np.mean([ndcg_at_k(r, set(h), k) for r, h in zip(rankings, held_out)]))
    genres = [
        max_genre_jaccard(catalog.movie_at(r[0]).genres, [catalog.movie_at(i).genres for i in h]) if r else 0.0
        for r, h in zip(rankings, held_out)
    ]
    metrics["genre_sim/next5"] = float(np.mean(genres))
    metrics["users/next5"] = len(rankings)
    return metrics
