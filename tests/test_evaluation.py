"""The protocols: an oracle scores perfectly, and next5 rankings never see the held-out movies."""
from __future__ import annotations

import numpy as np

from recommender.evaluation import evaluate_full, evaluate_next5
from recommender.sequences import holdout_parts


class OracleNextScorer:
    """Knows each user's true next movie from the full sequences: an upper bound that checks the plumbing."""

    def __init__(self, prepared):
        self.next_of = {}
        for user in prepared.full_users:
            indices = prepared.catalog.indices_of(prepared.sequences[user])
            for i in range(1, len(indices)):
                self.next_of.setdefault(tuple(indices[:i]), set()).add(indices[i])
        self.n = len(prepared.catalog)

    def unambiguous(self, prepared, users, cut):
        """Users whose evaluated prefix (all but `cut` movies) has one known continuation."""
        return [u for u in users if len(self.next_of[tuple(prepared.catalog.indices_of(prepared.sequences[u])[:-cut])]) == 1]

    def score(self, histories):
        scores = np.zeros((len(histories), self.n))
        for row, history in enumerate(histories):
            scores[row, list(self.next_of[tuple(history)])] = 1.0
        return scores


class RecordingScorer:
    def __init__(self, n):
        self.n, self.seen = n, []

    def score(self, histories):
        self.seen.extend(histories)
        return np.random.default_rng(0).random((len(histories), self.n))


def test_full_protocol_oracle_is_perfect(prepared):
    oracle = OracleNextScorer(prepared)
    for stage, cut in (("valid", 2), ("test", 1)):
        users = oracle.unambiguous(prepared, prepared.full_users, cut)
        assert len(users) > 100
        metrics = evaluate_full(oracle, prepared.catalog, prepared.sequences, users, stage=stage)
        assert metrics["hr@1/full"] == 1.0 and metrics["ndcg@10/full"] == 1.0
        assert metrics["users/full"] == len(users)


def test_next5_rankings_never_see_the_held_out_movies(prepared):
    scorer = RecordingScorer(len(prepared.catalog))
    users = list(prepared.next5.test_users)
    metrics = evaluate_next5(scorer, prepared.catalog, prepared.sequences, users)
    expected = {tuple(holdout_parts(prepared.catalog.indices_of(prepared.sequences[u]), 5)[0]) for u in users}
    assert {tuple(h) for h in scorer.seen} == expected
    assert 0.0 <= metrics["hr@1/next5"] <= metrics["hr@5/next5"] <= 1.0
    assert metrics["users/next5"] == len(users)


def test_next5_oracle_hits_at_one(prepared):
    oracle = OracleNextScorer(prepared)
    users = oracle.unambiguous(prepared, prepared.next5.test_users, 5)
    metrics = evaluate_next5(oracle, prepared.catalog, prepared.sequences, users)
    assert metrics["hr@1/next5"] == 1.0 and metrics["ndcg@1/next5"] == 1.0
    assert metrics["genre_sim/next5"] == 1.0
