"""NextMoviePredictor: the LSTM as the product and the chain call it, `top_k(history_movie_ids, k)`.

A predictor loaded from a checkpoint has ranked a few histories before it is handed out (`check_ranking`), and
every ranking is checked: scores that are not finite raise RankingError instead of reaching a user or the
database as NaN."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from recommender.catalog import Movie, MovieCatalog
from recommender.checkpoints import load_checkpoint
from recommender.config import PredictorConfig
from recommender.errors import CheckpointError, RankingError
from recommender.lstm import DualRecLSTM
from recommender.metrics import top_k
from recommender.sequences import pad_batch


@dataclass(frozen=True)
class ScoredMovie:
    movie: Movie
    score: float  # the model's probability of being watched next (popularity share for the fallback)


class LSTMScorer:
    """Batch scoring for evaluation: histories of movie indices -> [B, N] log-probabilities."""

    name = "DUALRec LSTM"

    def __init__(self, model: DualRecLSTM, context_len: int):
        self.model = model.eval()
        self.context_len = context_len
        with torch.inference_mode():
            self.features = model.movie_features()  # fixed once trained: computed here, not per call

    @torch.inference_mode()
    def score(self, histories: list[list[int]]) -> np.ndarray:
        pad = self.model.pad_index
        clipped = [h[-self.context_len :] if h else [pad] for h in histories]
        device = self.features.device  # a model validated on the GPU it trains on
        lengths = torch.tensor([len(h) for h in clipped], device=device)
        logits = self.model.last_logits(torch.from_numpy(pad_batch(clipped, pad)).to(device), lengths, self.features)
        return torch.log_softmax(logits.float(), dim=-1).cpu().numpy()

    @torch.inference_mode()
    def leave_one_out(self, history: list[int], tried_from: int) -> np.ndarray:
        """[1 + len(history) - tried_from, N] log-probabilities after the (unclipped) history, then after it without
        each of its movies from `tried_from` on."""
        device = self.features.device
        logits = self.model.leave_one_out_logits(torch.tensor(history, device=device), tried_from, self.features)
        return torch.log_softmax(logits.float(), dim=-1).cpu().numpy()

class NextMoviePredictor:
    """Loads a checkpoint once; ranks catalogue movies for a MovieLens-id history."""

    def __init__(self, model: DualRecLSTM, catalog: MovieCatalog, context_len: int):
        if model.config.num_movies != len(catalog):
            raise ValueError("model and catalogue sizes differ")
        self.catalog = catalog
        self.scorer = LSTMScorer(model, context_len)
        counts = catalog.rating_counts.astype(np.float64)
        self._popularity = counts / counts.sum()

    @classmethod
    def from_checkpoint(
        cls, directory: Path, catalog: MovieCatalog, config: PredictorConfig = PredictorConfig()
    ) -> "NextMoviePredictor":
        """The checkpoint's model, proven on a few histories: CheckpointError when it does not rank."""
        checkpoint = load_checkpoint(directory, catalog.fingerprint)
        predictor = cls(checkpoint.model, catalog, config.context_len or checkpoint.meta["context_len"])
        try:
            predictor.check_ranking()
        except RankingError as exc:
            raise CheckpointError(f"the checkpoint in {directory} fails a test ranking ({exc}); "
                                  "retrain with: python -m training.train_lstm") from None
        return predictor

    def check_ranking(self, k: int = 5) -> None:
        """Rank a few histories (one movie, a few, a full context): every score finite, k new catalogue movies
        each. Raises RankingError saying what was wrong."""
        movies = [m.movie_id for m in self.catalog.movies]
        histories = [movies[:1], movies[1:6], movies[-self.scorer.context_len:]]
        scores = self.scorer.score([self.catalog.indices_of(h) for h in histories])
        if scores.shape != (len(histories), len(self.catalog)):
            raise RankingError(f"the sequence model gave {scores.shape} scores for {len(histories)} histories "
                               f"of a catalogue of {len(self.catalog)}")
        for history in histories:
            picks = [p.movie.movie_id for p in self.top_k(history, k)]
            wanted = min(k, len(self.catalog) - len(set(history)))
            if len(set(picks)) != wanted or any(m not in self.catalog or m in history for m in picks):
                raise RankingError("the sequence model's top picks are not new catalogue movies")

    def influence(self, history_movie_ids: list[int], movie_ids: list[int], window: int = 20) -> dict[int, list[tuple[int, float]]]:
        """Per movie, the history movies that raised its score, most first: (history movie id, how much its
        log-probability drops when that movie is left out of the history). Only the last `window` movies of the
        model's context are tried; each variant reuses the history's states up to the movie it leaves out (a turn's
        reason costs one pass and a short batch, not `window` full passes); a movie that no history movie raised
        gets []."""
        indices = self.catalog.indices_of(history_movie_ids)[-self.scorer.context_len:]
        targets = self.catalog.indices_of(movie_ids)
        if not indices or not targets:
            return {m: [] for m in movie_ids}
        tried = list(range(max(0, len(indices) - window), len(indices)))
        scores = self.scorer.leave_one_out(indices, tried[0])[:, targets]  # [1 + len(tried), T]
        drops = scores[0][None, :] - scores[1:]
        out: dict[int, list[tuple[int, float]]] = {}
        for column, target in enumerate(targets):
            ranked = sorted(((self.catalog.movie_at(indices[i]).movie_id, float(drops[row, column]))
                             for row, i in enumerate(tried)), key=lambda pair: -pair[1])
            out[self.catalog.movie_at(target).movie_id] = [(m, d) for m, d in ranked if d > 0]
        return out

    def _scores(self, history_movie_ids: list[int]) -> tuple[np.ndarray, list[int]]:
        """(the probability of every catalogue movie, the history's catalogue indices)."""
        indices = self.catalog.indices_of(history_movie_ids)
        if indices:
            scores = np.exp(self.scorer.score([indices])[0])
            if not np.isfinite(scores).all():  # NaN would rank at random and be stored as NULL
                raise RankingError("the sequence model gave scores that are not finite")
        else:
            scores = self._popularity  # nothing the model knows: fall back to what most people watched
        return scores, indices

    def top_k(self, history_movie_ids: list[int], k: int = 10, exclude_seen: bool = True) -> list[ScoredMovie]:
        """The k most likely next movies. Ids outside the catalogue are skipped for the model only."""
        scores, indices = self._scores(history_movie_ids)
        ranked = top_k(scores, k, exclude=indices if exclude_seen else ())
        return [ScoredMovie(self.catalog.movie_at(i), float(scores[i])) for i in ranked]

    def ranked(self, history_movie_ids: list[int], k: int | None = None, allowed: np.ndarray | None = None,
               exclude_seen: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(catalogue indices, probabilities) of the k most likely next movies (all with None) among `allowed` (a
        boolean mask over the catalogue; None: every movie), best first, in `top_k`'s order (equal scores by
        index). No Movie objects: a whole catalogue (ML-32M's 87,585 movies) is ranked and filtered in numpy."""
        scores, indices = self._scores(history_movie_ids)
        keep = np.ones(len(scores), dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool).copy()
        if exclude_seen:
            keep[indices] = False
        order = _stable_top(np.where(keep, scores, -np.inf), int(keep.sum()) if k is None else min(k, int(keep.sum())))
        return order, scores[order]


# Below this share of the catalogue, the best k are picked with argpartition before sorting them.
_PARTIAL_SHARE = 0.25


def _stable_top(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first, equal scores in index order: a stable argsort's first k
    (`recommender.metrics.top_k`), without sorting the whole array when k is small."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k >= _PARTIAL_SHARE * len(scores):
        return np.argsort(-scores, kind="stable")[:k]
    kth = -np.partition(-scores, k - 1)[k - 1]  # the k-th highest score
    above = np.flatnonzero(scores > kth)
    chosen = np.concatenate([above, np.flatnonzero(scores == kth)[: k - len(above)]])  # ties: lowest indices
    return chosen[np.argsort(-scores[chosen], kind="stable")]
