"""The DUALRec sequential model: per-step movie, title and genre features -> LSTM 256 -> LSTM 128 -> logits.

Per step the input is a 128-d movie-id embedding, the average of the title's 64-d token embeddings (at most 10
tokens) and the 18-genre multi-hot vector. The model returns next-movie logits at every position, so one pass
over a history trains every next-movie target at once (see the README for how this relates to 30->31 windows).
"""
from __future__ import annotations

import torch
from torch import nn

from recommender.catalog import TITLE_PAD_TOKEN
from recommender.config import LSTMConfig


class DualRecLSTM(nn.Module):
    def __init__(self, config: LSTMConfig, title_tokens: torch.Tensor, genres: torch.Tensor):
        """`title_tokens` [N+1, T] and `genres` [N+1, 18] come from the catalogue; row N is padding."""
        super().__init__()
        self.config = config
        n = config.num_movies
        if title_tokens.shape != (n + 1, config.max_title_tokens) or genres.shape != (n + 1, config.num_genres):
            raise ValueError("title_tokens / genres do not match the catalogue size in the config")
        self.pad_index = n
        self.movie_embedding = nn.Embedding(n + 1, config.movie_dim, padding_idx=n)
        self.title_embedding = nn.Embedding(config.title_vocab_size, config.title_dim, padding_idx=TITLE_PAD_TOKEN)
        # Catalogue features travel with the weights, so a checkpoint is self-contained.
        self.register_buffer("title_tokens", title_tokens.long().clone())
        self.register_buffer("genres", genres.float().clone())
        input_dim = config.movie_dim + config.title_dim + config.num_genres
        self.lstm1 = nn.LSTM(input_dim, config.hidden1, batch_first=True)
        self.lstm2 = nn.LSTM(config.hidden1, config.hidden2, batch_first=True)
        self.dropout = nn.Dropout(config.dropout)
        self.input_dropout = nn.Dropout(config.input_dropout)
        self.output = nn.Linear(config.hidden2, n)

    def movie_features(self) -> torch.Tensor:
        """[N+1, input_dim] step features of every movie; the padding row is all zeros."""
        tokens = self.title_tokens
        mask = (tokens != TITLE_PAD_TOKEN).unsqueeze(-1).float()
        title = (self.title_embedding(tokens) * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return torch.cat([self.movie_embedding.weight, title, self.genres], dim=-1)

    def encode(self, movie_indices: torch.Tensor, features: torch.Tensor | None = None) -> torch.Tensor:
        """[B, T] movie indices (right-padded with pad_index) -> [B, T, hidden2] states after each movie.

        `features` lets inference pass movie_features() computed once instead of on every call.
        """
        steps = (self.movie_features() if features is None else features)[movie_indices]
        # Dropout after each recurrent layer, as in the paper's Keras model; on the input features only when asked.
        hidden, _ = self.lstm1(self.input_dropout(steps))
        hidden, _ = self.lstm2(self.dropout(hidden))
        return self.dropout(hidden)

    def forward(self, movie_indices: torch.Tensor, hidden_only: bool = False) -> torch.Tensor:
        """[B, T] movie indices -> [B, T, N] logits for the next movie at every position; with `hidden_only`, the
        [B, T, hidden2] states (sampled softmax scores a few movies itself, through DDP's forward)."""
        hidden = self.encode(movie_indices)
        return hidden if hidden_only else self.output(hidden)

    def last_logits(
        self, movie_indices: torch.Tensor, lengths: torch.Tensor, features: torch.Tensor | None = None
    ) -> torch.Tensor:
        """[B, N] logits after each row's last real movie (the output layer runs only there)."""
        hidden = self.encode(movie_indices, features)
        return self.output(hidden[torch.arange(len(lengths), device=lengths.device), lengths - 1])
