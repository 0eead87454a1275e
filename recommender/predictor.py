"""NextMoviePredictor: the LSTM as the product and the chain call it, `top_k(history_movie_ids, k)`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from recommender.catalog import Movie, MovieCatalog
from recommender.checkpoints import load_checkpoint
from recommender.config import PredictorConfig
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
        lengths = torch.tensor([len(h) for h in clipped])
        logits = self.model.last_logits(torch.from_numpy(pad_batch(clipped, pad)), lengths, self.features)
        return torch.log_softmax(logits, dim=-1).numpy()


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
        checkpoint = load_checkpoint(directory, catalog.fingerprint)
        return cls(checkpoint.model, catalog, config.context_len or checkpoint.meta["context_len"])

    def influence(self, history_movie_ids: list[int], movie_ids: list[int], window: int = 20) -> dict[int, list[tuple[int, float]]]:
        """Per movie, the history movies that raised its score, most first: (history movie id, how much its
        log-probability drops when that movie is left out of the history). Only the last `window` history
        movies are tried, in one batch; a movie that no history movie raised gets []."""
        indices = self.catalog.indices_of(history_movie_ids)
        targets = self.catalog.indices_of(movie_ids)
        if not indices or not targets:
            return {m: [] for m in movie_ids}
        tried = list(range(max(0, len(indices) - window), len(indices)))
        variants = [indices] + [indices[:i] + indices[i + 1:] for i in tried]
        scores = self.scorer.score(variants)[:, targets]  # [1 + len(tried), T]
        drops = scores[0][None, :] - scores[1:]
        out: dict[int, list[tuple[int, float]]] = {}
        for column, target in enumerate(targets):
            ranked = sorted(((self.catalog.movie_at(indices[i]).movie_id, float(drops[row, column]))
                             for row, i in enumerate(tried)), key=lambda pair: -pair[1])
            out[self.catalog.movie_at(target).movie_id] = [(m, d) for m, d in ranked if d > 0]
        return out

    def top_k(self, history_movie_ids: list[int], k: int = 10, exclude_seen: bool = True) -> list[ScoredMovie]:
        """The k most likely next movies. Ids outside the catalogue are skipped for the model only."""
        indices = self.catalog.indices_of(history_movie_ids)
        if indices:
            scores = np.exp(self.scorer.score([indices])[0])
        else:
            scores = self._popularity  # nothing the model knows: fall back to what most people watched
        ranked = top_k(scores, k, exclude=indices if exclude_seen else ())
        return [ScoredMovie(self.catalog.movie_at(i), float(scores[i])) for i in ranked]
