"""The one prompt builder: LoRA training data and serving both render prompts here, so they cannot drift.

The paper's prompt: the user's last 5 movies (title, year, genres) and the LSTM's pick, then "recommend 3
more full movie titles with release years and genres". The completion is one movie per line,
`1. Title (Year) | Genre, Genre`. The grounded mode (beyond the paper, as in LlamaRec) lists the LSTM's
top candidates and asks the model to choose among them and say why.
"""
from __future__ import annotations

from typing import Any, Sequence

from recommender.catalog import Movie
# defined with the other settings (torch-free, for bot.config), and still importable from here
from recommender.config import FREE, GROUNDED, MODES, PromptConfig

__all__ = ["FREE", "GROUNDED", "MODES", "PromptConfig", "SYSTEM_PROMPT", "completion_text", "free_messages",
           "grounded_messages", "movie_line", "prompt_token_ids", "render_prompt"]

SYSTEM_PROMPT = (
    "You are DUALRec, a movie recommender. Answer only with a numbered list, one movie per line, no other text."
)


def movie_line(movie: Movie) -> str:
    """`Title (Year) | Genre, Genre`, the format of every movie in prompts and completions."""
    return f"{movie.label} | {', '.join(movie.genres)}"


def _bullets(movies: Sequence[Movie], genres: bool = True) -> str:
    return "\n".join(f"- {movie_line(m) if genres else m.label}" for m in movies)


def _messages(recent: Sequence[Movie], pick: Movie, request: str, genres: bool = True) -> list[dict[str, str]]:
    user = (
        f"I recently watched these movies, oldest first:\n{_bullets(recent, genres)}\n"
        f"A sequence model predicts I will watch next: {movie_line(pick)}\n{request}"
    )
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def free_messages(recent: Sequence[Movie], pick: Movie, count: int = 3) -> list[dict[str, str]]:
    """The paper's prompt as chat messages."""
    return _messages(recent, pick, (
        f"Recommend {count} more full movie titles with release years and genres, not listed above.\n"
        f"Answer with one movie per line, as: 1. Title (Year) | Genre, Genre"))


def grounded_messages(recent: Sequence[Movie], pick: Movie, candidates: Sequence[Movie], count: int = 3) -> list[dict[str, str]]:
    """Choose-and-explain over the LSTM's candidates: every answer can be grounded in the catalogue.

    Only the pick keeps its genres: on a CPU the prompt's length is most of an answer's cost (prefill), and
    SmolLM2 chose as well without the others' (benchmarks.pipeline --rows app, 160 users: titles matched 0.398
    vs 0.412, answers with no usable movie 0.562 in both, 0.92 vs 1.14 s per user; 284 vs 330 prompt tokens)."""
    return _messages(recent, pick, (
        f"Choose the {count} movies I would most enjoy next from these candidates:\n{_bullets(candidates, False)}\n"
        f"Answer with one movie per line, as: 1. Title (Year) | one short reason"), genres=False)


def completion_text(movies: Sequence[Movie]) -> str:
    """The target a LoRA model learns: `1. Title (Year) | Genre, Genre` per line."""
    return "\n".join(f"{rank}. {movie_line(m)}" for rank, m in enumerate(movies, start=1))


def render_prompt(messages: Sequence[dict[str, str]], tokenizer: Any = None) -> str:
    """The exact text the model reads: its chat template when it has one, a plain transcript otherwise."""
    if tokenizer is not None and getattr(tokenizer, "chat_template", None):
        return tokenizer.apply_chat_template(list(messages), tokenize=False, add_generation_prompt=True)
    lines = [f"{m['role'].capitalize()}: {m['content']}" for m in messages]
    return "\n\n".join(lines) + "\n\nAssistant:"


def prompt_token_ids(messages: Sequence[dict[str, str]], tokenizer: Any) -> tuple[int, ...]:
    """The token ids a local model reads for `messages`: the rendered prompt, tokenized without adding special
    tokens (a chat template writes its own)."""
    return tuple(tokenizer(render_prompt(messages, tokenizer), add_special_tokens=False)["input_ids"])
