"""What a clause says about each movie it names: watched (liked, disliked, no opinion), not watched, wants to
watch or asks about it, or names it only as a reference ("something like X"). A trained reading, not a pattern.

Each title span is replaced by [MOVIE] (and the clause's other titles by [OTHER]) before anything is read, so the
reading is about the sentence, not the film: "I haven't seen [MOVIE] yet". The encoder is the SBERT model that
already grounds titles, with a LoRA adapter fine-tuned for this reading (bot.reading_encoder); the head is shipped
in bot/models/mention-status (a few kB, trained by `python -m training.train_understanding` on ReDial, the
templates and the written messages; its meta.json holds the data's fingerprint and its accuracy on the parts it
never saw).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.linear_head import HEAD_FILE, META_FILE, LinearHead  # noqa: F401  (HEAD_FILE re-exported)
from bot.reading_encoder import SHIPPED_ADAPTER, adapter_digest, reading_encoder
from recommender.errors import DualRecError

if TYPE_CHECKING:
    from bot.budget import WorkBudget


STATUSES = ("liked", "disliked", "watched", "not_watched", "wants", "reference")
WATCHED_STATUSES = frozenset({"liked", "disliked", "watched"})  # the ones that put a movie in the history
FEATURES_VERSION = "clause+around-movie/3"  # what `features` computes: a head is trained for one version
SHIPPED_HEAD = Path(__file__).resolve().parent / "models" / "mention-status"
MOVIE_SLOT, OTHER_SLOT = "[MOVIE]", "[OTHER]"


# Where a sentence turns from one movie to another: "loved [OTHER] but I never saw [MOVIE]". A mean-pooled
# sentence embedding barely tells which slot is which, so the reading also sees the part of the clause around
# its movie (a feature beside the whole clause, not a decision: the head weighs both).
# A comma before a negated clause turns too: "watched [OTHER] yesterday, haven't seen [MOVIE] though", ", and i
# still havent seen [MOVIE]".
_TURN = re.compile(r"\s*(?:;|\bbut\b|\balthough\b|\bthough\b|\bwhereas\b|\bwhile\b|\bhowever\b|\byet\b(?=\s+i\b)|"
                   r",(?=\s*(?:and\s+)?(?:i\s+|i'?ve\s+|we\s+)?(?:still\s+)?(?:haven'?t|havent|have not|never|didn'?t|did not|"
                   r"not|only|just)\b))\s*", re.I)


def around_movie(slotted_text: str) -> str:
    """The part of a slotted clause, between turns, that holds MOVIE_SLOT (the whole clause if it has none)."""
    for part in _TURN.split(slotted_text):
        if MOVIE_SLOT in part:
            return part.strip()
    return slotted_text


def encode(encoder, texts: list[str], batch_size: int = 128) -> np.ndarray:
    return np.asarray(encoder.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                     show_progress_bar=len(texts) > 2000, convert_to_numpy=True), dtype=np.float32)


def features(encoder, slotted_texts: list[str]) -> np.ndarray:
    """[the whole clause's embedding, the embedding of the part around its movie] per slotted clause; each
    distinct text is encoded once (most clauses are one part)."""
    locals_ = [around_movie(t) for t in slotted_texts]
    distinct = list(dict.fromkeys(slotted_texts + locals_))
    vectors = dict(zip(distinct, encode(encoder, distinct)))
    return np.stack([np.concatenate([vectors[t], vectors[part]]) for t, part in zip(slotted_texts, locals_)])


@dataclass(frozen=True)
class MentionHead(LinearHead):
    """The trained head over `features`; its labels are STATUSES."""

    @property
    def statuses(self) -> tuple[str, ...]:
        return self.labels

    def watched_probability(self, probabilities: np.ndarray) -> np.ndarray:
        """Per row, liked + disliked + watched: the decision that writes the history is taken on the sum."""
        return probabilities[:, [i for i, status in enumerate(self.statuses) if status in WATCHED_STATUSES]].sum(axis=1)


@dataclass(frozen=True)
class MentionReading:
    status: str  # liked | disliked | watched | not_watched | wants | reference: the likeliest
    confidence: float  # the status's probability
    # liked + disliked + watched: the decision that writes the history is taken on the sum, not on one status
    watched_probability: float = 0.0

    @property
    def watched(self) -> bool:
        return self.watched_probability >= 0.5


@dataclass(frozen=True)
class ReaderConfig:
    head_dir: Path = SHIPPED_HEAD
    adapter_dir: Path = SHIPPED_ADAPTER  # the encoder's adapter the head was fitted on (none there: the plain encoder)
    # a watched-or-not decision nearer even than this is unsure: the caller keeps the rules' reading, or asks
    min_confidence: float = 0.6


# what stands between the items of a list: "A, B and C", "A; B & C"
_LIST_GAP = re.compile(r"^\s*(?:[,;&/]|\band\b|\bor\b)?\s*(?:(?:and|or)\s+)?$", re.I)


def slotted(text: str, spans: list[tuple[int, int]], target: int) -> str:
    """`text` with span `target` as MOVIE_SLOT and every other span as OTHER_SLOT; a run of other titles listed
    side by side is one OTHER_SLOT ("I watched A, B, ..., T": the lists of the training data are short, and the
    head read the 20th item of a 20-title list as wished for)."""
    pieces, last, other_run = [], 0, False
    for start, stop in sorted(spans):
        is_target = (start, stop) == spans[target]
        gap = text[last:start]
        if not is_target and other_run and _LIST_GAP.match(gap):
            last = stop
            continue
        pieces += [gap, MOVIE_SLOT if is_target else OTHER_SLOT]
        last, other_run = stop, not is_target
    return "".join(pieces + [text[last:]])


def listed_runs(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """The spans' indices grouped into lists, in text order: titles with nothing but a list's gap between them
    ("we saw Jumanji and Hook, both with Robin Williams", "seen tombstone unforgiven and true grit") are one list,
    whose items never part ways on a reading that the talk around one of them swings."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    runs: list[list[int]] = []
    for i in order:
        # a title that opens a clause of its own ends the list: "saw Heat, Casino is still on my list"
        if runs and _LIST_GAP.match(text[spans[runs[-1][-1]][1]:spans[i][0]]) and not _OPENS_A_CLAUSE.match(text, spans[i][1]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


# words after a title that make it the subject of a clause of its own ("Casino is next", "Casino I haven't seen yet")
_OPENS_A_CLAUSE = re.compile(r"\s+(?:is|are|was|were|'s|'re|has|have|had|will|would|i|i'm|i've|im|ive|we|we're|we've|"
                             r"next|still|comes?|tonight|tomorrow)\b"
                             # "Saw Heat, Casino, Fargo (haven't seen that one actually)"
                             r"|\s*\(\s*(?:i\s+)?(?:haven'?t|havent|have not|didn'?t|didnt|never|not)\b", re.I)


class MentionReader:
    def __init__(self, encoder, head: MentionHead, config: ReaderConfig = ReaderConfig()):
        self.encoder, self.head, self.config = encoder, head, config

    @classmethod
    def load(cls, encoder, config: ReaderConfig = ReaderConfig()) -> "MentionReader":
        fitted_on = json.loads((config.head_dir / META_FILE).read_text()).get("adapter")
        if fitted_on != adapter_digest(config.adapter_dir):
            raise DualRecError(f"the mention-status head in {config.head_dir} was fitted on another encoder adapter than "
                               f"the one in {config.adapter_dir}: retrain with python -m training.train_understanding")
        return cls(reading_encoder(encoder, config.adapter_dir), MentionHead.load(config.head_dir), config)

    def read(self, text: str, spans: list[tuple[int, int]], budget: WorkBudget | None = None) -> list[MentionReading]:
        """One reading per span (character ranges of `text`), in the order given; the titles of one list share the
        surest of theirs (`listed_runs`); with a message's `budget`, only the spans whose reading it can still afford
        (each is one encoder query), so fewer readings may return."""
        texts = [slotted(text, spans, i) for i in range(len(spans))]
        if budget is not None:
            texts = budget.affordable_reads(texts)
            budget.take_reads(texts)
        if not texts:
            return []
        probabilities = self.head.probabilities(features(self.encoder, texts))
        watched = self.head.watched_probability(probabilities)
        for run in listed_runs(text, spans):
            read = [i for i in run if i < len(texts)]
            if len(read) > 1:  # the list's surest reading speaks for all of its items
                surest = max(read, key=lambda i: abs(watched[i] - 0.5))
                probabilities[read], watched[read] = probabilities[surest], watched[surest]
        best = probabilities.argmax(axis=1)
        return [MentionReading(self.head.statuses[b], float(p[b]), float(w))
                for b, p, w in zip(best, probabilities, watched)]

    def sure(self, watched_probability):
        """Whether a watched-or-not decision (a probability, or an array of them) is clear enough to act on."""
        return np.maximum(watched_probability, 1 - watched_probability) >= self.config.min_confidence

    def unsure(self, reading: MentionReading) -> bool:
        return not self.sure(reading.watched_probability)


__all__ = ["MentionHead", "MentionReader", "MentionReading", "ReaderConfig", "around_movie", "features", "listed_runs",
           "slotted"]
