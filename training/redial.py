"""ReDial dialogues -> labelled movie mentions: the real text that the understanding model learns from.

    python -m training.redial [--data ../shared/data/redial-train] [--holdout 0.15]

ReDial (Li et al., NeurIPS 2018; CC BY 4.0) is crowd workers recommending movies to each other. A seeker's
message tags each movie as `@<id>`, and after the dialogue the seeker said, per movie, whether they had seen it
and liked it (`initiatorQuestions`; the recommender's answers about the seeker, `respondentQuestions`, fill in
where the seeker gave none). Each tagged movie in a seeker's message becomes one example: the message with that
movie replaced by MOVIE_SLOT and any other movie by OTHER_SLOT, labelled with its status. The labels are the
dialogue's, not the message's: "have you seen @X?" from a seeker who had seen X is labelled watched, so they are
noisy in the way real data is.

A fixed part of the dialogues (by a hash of the conversation id, so it never depends on file order) is the
hold-out: never trained on and never tuned on; benchmarks report it apart.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from recommender.errors import DualRecError, run_script

MOVIE_SLOT = "[MOVIE]"
OTHER_SLOT = "[OTHER]"
# What a mention says about the seeker, from ReDial's seen/liked answers (0 no, 1 yes, 2 did not say).
LIKED, DISLIKED, WATCHED, NOT_WATCHED = "liked", "disliked", "watched", "not_watched"
STATUSES = (LIKED, DISLIKED, WATCHED, NOT_WATCHED)
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "redial-train"
# The files with the original message format or CFCRS's merged turns; both keep `text` and `senderWorkerId`.
FILES = ("train_data.jsonl", "extra_cfcrs_valid_processed.jsonl", "extra_irreel_valid_unverified.jsonl")
HOLDOUT_FRACTION = 0.15
_TAG = re.compile(r"@(\d+)")


@dataclass(frozen=True)
class MentionExample:
    conversation_id: str
    turn: int  # the seeker's n-th message (0: the opening one)
    text: str  # the message, this movie as MOVIE_SLOT, any other as OTHER_SLOT
    title: str  # ReDial's name for the movie
    status: str  # one of STATUSES
    holdout: bool


def in_holdout(conversation_id: str, fraction: float = HOLDOUT_FRACTION) -> bool:
    digest = hashlib.sha256(f"redial:{conversation_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") < fraction * 2**32


def status_of(seen: int, liked: int) -> str | None:
    """None where the seeker did not say whether they had seen it."""
    if seen == 1:
        return {1: LIKED, 0: DISLIKED}.get(liked, WATCHED)
    return NOT_WATCHED if seen == 0 else None


def seeker_statuses(dialogue: dict) -> dict[str, str]:
    """movie id -> status, from the seeker's own answers, else the recommender's answers about the seeker."""
    statuses: dict[str, str] = {}
    for answers in (dialogue.get("respondentQuestions") or {}, dialogue.get("initiatorQuestions") or {}):
        for movie_id, answer in answers.items():  # the seeker's own answers come last and win
            status = status_of(answer.get("seen", 2), answer.get("liked", 2))
            if status is not None:
                statuses[movie_id] = status
    return statuses


def slotted(text: str, target: str) -> str:
    """The message with `target`'s tag as MOVIE_SLOT and every other tag as OTHER_SLOT, spaces tidied."""
    text = _TAG.sub(lambda m: MOVIE_SLOT if m.group(1) == target else OTHER_SLOT, text)
    return re.sub(r"\s+", " ", text).strip()


def mention_examples(dialogue: dict, holdout_fraction: float = HOLDOUT_FRACTION) -> list[MentionExample]:
    conversation_id = str(dialogue.get("conversationId", ""))
    seeker = dialogue.get("initiatorWorkerId")
    statuses = seeker_statuses(dialogue)
    titles = dialogue.get("movieMentions") or {}
    held = in_holdout(conversation_id, holdout_fraction)
    examples, turn = [], 0
    for message in dialogue.get("messages", []):
        if message.get("senderWorkerId") != seeker:
            continue
        text = message.get("text") or ""
        for movie_id in dict.fromkeys(_TAG.findall(text)):
            if movie_id in statuses:
                examples.append(MentionExample(conversation_id, turn, slotted(text, movie_id),
                                               " ".join(str(titles.get(movie_id, "")).split()),
                                               statuses[movie_id], held))
        turn += 1
    return examples


def read_dialogues(paths: Iterable[Path]) -> Iterator[dict]:
    seen: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                try:
                    dialogue = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DualRecError(f"{path}:{number} is not a JSON line ({exc.msg})") from None
                key = str(dialogue.get("conversationId", ""))
                if key not in seen:  # a dialogue in two files counts once
                    seen.add(key)
                    yield dialogue


def load_examples(folder: Path = DEFAULT_DATA, holdout_fraction: float = HOLDOUT_FRACTION) -> list[MentionExample]:
    paths = [folder / name for name in FILES if (folder / name).is_file()]
    if not paths:
        raise DualRecError(f"no ReDial files ({', '.join(FILES)}) in {folder}")
    return [e for d in read_dialogues(paths) for e in mention_examples(d, holdout_fraction)]


def summary(examples: list[MentionExample]) -> list[tuple[str, int, int]]:
    """(status, train examples, hold-out examples)."""
    counts = Counter((e.status, e.holdout) for e in examples)
    return [(s, counts[(s, False)], counts[(s, True)]) for s in STATUSES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--holdout", type=float, default=HOLDOUT_FRACTION)
    args = parser.parse_args(argv)
    examples = load_examples(args.data, args.holdout)
    print("| status | train | hold-out |\n|---|---:|---:|")
    for status, train, held in summary(examples):
        print(f"| {status} | {train} | {held} |")
    print(f"| all | {sum(not e.holdout for e in examples)} | {sum(e.holdout for e in examples)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_script(lambda: main()))
