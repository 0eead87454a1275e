"""What a clause asks for, read by a trained model: the message acts the rules leave open.

Exact commands stay rules (bot.messages: "undo", "forget me", yes/no, ordinals, "remove X", "I watched X"). What
is left is open language: "surprise me", "I'm bored", "Heat shouldn't be there", "why that one?", "is it on
Netflix?", "the heat today is unbearable". Every title span is replaced by MOVIE_SLOT first, so the reading is
about the sentence, not the film; the encoder is the SBERT model that grounds titles, and the head (a few kB,
bot/models/message-acts) is trained by `python -m training.train_understanding --acts` on the act templates and
the conversation corpus (training/understanding/act_templates.yaml, tests/conversations).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.linear_head import LinearHead
from bot.mention_reader import MOVIE_SLOT, encode

if TYPE_CHECKING:
    from bot.budget import WorkBudget

ACTS = ("state", "request", "more", "remove", "taste", "explain", "history", "small_talk", "cannot_answer", "other")
FEATURES_VERSION = "slotted-clause/1"
SHIPPED_HEAD = Path(__file__).resolve().parent / "models" / "message-acts"


def slotted_clause(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every title span as MOVIE_SLOT."""
    pieces, last = [], 0
    for start, stop in sorted(spans):
        if start < last:
            continue  # overlapping spans: the first holds the words
        pieces += [text[last:start], MOVIE_SLOT]
        last = stop
    return "".join(pieces + [text[last:]])


@dataclass(frozen=True)
class ActReading:
    act: str
    confidence: float


@dataclass(frozen=True)
class ActReaderConfig:
    head_dir: Path = SHIPPED_HEAD
    # below this, the reading is unsure and the rules' reading stands
    min_confidence: float = 0.7
    # ... where the rules read no more than "these words may be a title", an act that asks is taken from this
    fallback_confidence: float = 0.5


class ActReader:
    def __init__(self, encoder, head: LinearHead, config: ActReaderConfig = ActReaderConfig()):
        self.encoder, self.head, self.config = encoder, head, config

    @classmethod
    def load(cls, encoder, config: ActReaderConfig = ActReaderConfig()) -> "ActReader":
        return cls(encoder, LinearHead.load(config.head_dir), config)

    def read(self, text: str, spans: list[tuple[int, int]], budget: WorkBudget | None = None) -> ActReading | None:
        """The clause's likeliest act; None when the message's `budget` cannot afford one more encoder query."""
        texts = [slotted_clause(text, spans)]
        if budget is not None:
            texts = budget.affordable(texts)
            budget.take_queries(texts)
        if not texts:
            return None
        probabilities = self.head.probabilities(encode(self.encoder, texts))[0]
        best = int(probabilities.argmax())
        return ActReading(self.head.labels[best], float(probabilities[best]))

    def sure(self, reading: ActReading | None, fallback: bool = False) -> bool:
        floor = self.config.fallback_confidence if fallback else self.config.min_confidence
        return reading is not None and reading.confidence >= floor


__all__ = ["ACTS", "ActReader", "ActReaderConfig", "ActReading", "slotted_clause"]
