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

    def leave_one_out_logits(self, movie_indices: torch.Tensor, tried_from: int,
                             features: torch.Tensor | None = None) -> torch.Tensor:
        """[1 + L - tried_from, N] logits after the history ([L] movie indices), then after it without each of
        movies tried_from.. L-1 in turn (inference only: no dropout).

        Each variant starts from the whole history's states just before the movie it leaves out, and the rows step
        together from there: about window^2 / 2 row-steps instead of (window + 1) full passes, and the first
        layer's input weights run once per movie, shared by every row."""
        features = self.movie_features() if features is None else features
        steps = features[movie_indices]  # [L, D]
        first, second = self.lstm1, self.lstm2
        if tried_from:
            hidden, (h1, c1) = first(steps[:tried_from].unsqueeze(0))
            _, (h2, c2) = second(hidden)
            h1, c1, h2, c2 = h1[0], c1[0], h2[0], c2[0]  # [1, H]: the row of the whole history
        else:
            h1, c1 = (steps.new_zeros(1, first.hidden_size) for _ in range(2))
            h2, c2 = (steps.new_zeros(1, second.hidden_size) for _ in range(2))
        projected = torch.addmm(first.bias_ih_l0, steps[tried_from:], first.weight_ih_l0.t())
        for step in projected:
            left_out = (h1[:1], c1[:1], h2[:1], c2[:1])  # leaves this movie out: the whole history's state before it
            gates = torch.addmm(step + first.bias_hh_l0, h1, first.weight_hh_l0.t())
            in_gate, forget_gate, cell_gate, out_gate = gates.chunk(4, dim=1)
            c1 = torch.sigmoid(forget_gate) * c1 + torch.sigmoid(in_gate) * torch.tanh(cell_gate)
            h1 = torch.sigmoid(out_gate) * torch.tanh(c1)
            h2, c2 = torch.lstm_cell(h1, (h2, c2), second.weight_ih_l0, second.weight_hh_l0, second.bias_ih_l0,
                                     second.bias_hh_l0)
            h1, c1, h2, c2 = (torch.cat([now, then]) for now, then in zip((h1, c1, h2, c2), left_out))
        return self.output(h2)
