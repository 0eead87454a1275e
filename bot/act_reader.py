"""What a clause asks for, read by a trained model: the message acts the rules leave open.

Exact commands stay rules (bot.messages: "undo", "forget me", yes/no, ordinals, "remove X", "I watched X"). What
is left is open language: "surprise me", "I'm bored", "Heat shouldn't be there", "why that one?", "is it on
Netflix?", "the heat today is unbearable". Every title span is replaced by MOVIE_SLOT first, so the reading is
about the sentence, not the film; the encoder is the SBERT model that grounds titles, and the head (a few kB,
bot/models/message-acts) is trained by `python -m training.train_understanding --acts` on the act templates and
the conversation corpus (training/understanding/act_templates.yaml, tests/conversations).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.linear_head import HEAD_FILE, LinearHead
from bot.mention_reader import MOVIE_SLOT, encode
from recommender.titles import HELD_LETTER, MINOR_WORDS

if TYPE_CHECKING:
    from bot.budget import WorkBudget

# Which way a stated taste points (training/train_tastes.py): a kind of film not wanted, nothing but it, liked (or
# only named), or an earlier dislike taken back
POLARITIES = ("dislike", "only", "like", "allow")
GENRE_SLOT = "[GENRE]"
ACTS = ("state", "request", "more", "remove", "taste", "explain", "history", "small_talk", "cannot_answer", "other")
FEATURES_VERSION = "slotted-clause/1"
SHIPPED_HEAD = Path(__file__).resolve().parent / "models" / "message-acts"
SHIPPED_TASTES = Path(__file__).resolve().parent / "models" / "taste-polarity"


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
    taste_dir: Path = SHIPPED_TASTES  # the taste-polarity head; absent: tastes are read by the rules alone
    # below this, the reading is unsure and the rules' reading stands
    min_confidence: float = 0.7
    # ... where the rules read no more than "these words may be a title", an act that asks is taken from this
    fallback_confidence: float = 0.5




class ActReader:
    def __init__(self, encoder, head: LinearHead, config: ActReaderConfig = ActReaderConfig(),
                 tastes: LinearHead | None = None):
        self.encoder, self.head, self.config, self.tastes = encoder, head, config, tastes

    @classmethod
    def load(cls, encoder, config: ActReaderConfig = ActReaderConfig()) -> "ActReader":
        tastes = LinearHead.load(config.taste_dir) if (config.taste_dir / HEAD_FILE).is_file() else None
        return cls(encoder, LinearHead.load(config.head_dir), config, tastes)

    def polarities(self, slotted: list[str], budget: WorkBudget | None = None) -> list[str] | None:
        """Which way each taste clause points (POLARITIES), its kinds of film slotted as GENRE_SLOT; None without
        the taste head or when the message's `budget` cannot afford the queries (the rules read it then)."""
        if self.tastes is None or not slotted:
            return None
        if budget is not None:
            if len(budget.affordable_reads(slotted)) < len(slotted):
                return None
            budget.take_reads(slotted)
        probabilities = self.tastes.probabilities(encode(self.encoder, slotted))
        return [self.tastes.labels[i] for i in probabilities.argmax(axis=1)]

    def read(self, text: str, spans: list[tuple[int, int]], budget: WorkBudget | None = None) -> ActReading | None:
        """The clause's likeliest act; None when the message's `budget` cannot afford one more encoder query."""
        texts = [slotted_clause(text, spans)]
        if budget is not None:
            texts = budget.affordable_reads(texts)
            budget.take_reads(texts)
        if not texts:
            return None
        probabilities = self.head.probabilities(encode(self.encoder, texts))[0]
        best = int(probabilities.argmax())
        return ActReading(self.head.labels[best], float(probabilities[best]))

    def knows_a_word(self, text: str) -> bool:
        """Whether the text holds a word the encoder knows whole, besides the little words that join a list: "qzx
        and qzx & qzx" holds none, and what the model reads of it is noise."""
        vocabulary = getattr(getattr(self.encoder, "tokenizer", None), "vocab", None)
        if vocabulary is None:
            return True
        words = re.findall(r"[a-z']{2,}", text.lower())
        # a word stretched for emphasis ("moreeee", "pleeease") is the word the model reads
        words += [HELD_LETTER.sub(r"\1", w) for w in words if HELD_LETTER.search(w)]
        return any(word in vocabulary and word not in MINOR_WORDS for word in words)

    def sure(self, reading: ActReading | None, fallback: bool = False) -> bool:
        floor = self.config.fallback_confidence if fallback else self.config.min_confidence
        return reading is not None and reading.confidence >= floor


__all__ = ["ACTS", "GENRE_SLOT", "POLARITIES", "SHIPPED_TASTES", "ActReader", "ActReaderConfig", "ActReading", "slotted_clause"]
