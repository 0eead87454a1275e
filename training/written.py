"""Messages written by people who never saw the code -> labelled clauses: the third part of the understanding
models' training data, beside ReDial's real seekers and the templates.

Each author's file lies in training/understanding/written/ (mentions/AUTHOR.txt, acts/AUTHOR.txt) and was written
from a description of the product alone (the brief is kept beside them, in written/BRIEF.md). Lines are data:
- a mention line is one whole chat message with every film marked, Rasa-style, as `[title as typed](status)`:
  "put [titanic](not_watched) on with the wife and was asleep before the ship left";
- an act line is one clause and its act, `act | clause`, its films marked `[title]`: "remove | take [rocky 3] off".
Lines starting with `#` and blank lines are skipped. Whole authors are held out (never trained or tuned on):
their style, not only their sentences, is new to the model, as a stranger's is.

A mention line is read the way the chat reads a message: every film slotted (this one MOVIE_SLOT, the others
OTHER_SLOT), the message cut into clauses (bot.understanding.clauses), and the clause that holds this film kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from recommender.errors import DualRecError

WRITTEN_DIR = Path(__file__).resolve().parent / "understanding" / "written"
HOLDOUT_AUTHORS = ("everyone",)  # a mix of every kind of writer, never trained or tuned on
_MENTION = re.compile(r"\[([^\[\]]+)\]\((\w+)\)")
_FILM = re.compile(r"\[([^\[\]]+)\]")


@dataclass(frozen=True)
class WrittenExample:
    text: str  # the clause, slotted: for a mention this film is MOVIE_SLOT; for an act every film is MOVIE_SLOT
    label: str  # a mention status, or an act
    author: str
    holdout: bool


def author_files(folder: Path) -> list[Path]:
    """The authors' files in a folder, by name (the order never depends on the file system)."""
    return sorted(folder.glob("*.txt"), key=lambda p: p.name) if folder.is_dir() else []


def _author_lines(folder: Path):
    """(file, author, line number, line) for every data line of every author's file in `folder`."""
    for path in author_files(folder):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield path, path.stem, number, line.strip()


def parse_mentions(line: str) -> tuple[str, list[tuple[int, int]], list[str]]:
    """A marked message -> (plain text, each film's character span, each film's status)."""
    text, spans, labels, last = [], [], [], 0
    length = 0
    for match in _MENTION.finditer(line):
        before = line[last:match.start()]
        text.append(before)
        length += len(before)
        spans.append((length, length + len(match.group(1))))
        labels.append(match.group(2))
        text.append(match.group(1))
        length += len(match.group(1))
        last = match.end()
    text.append(line[last:])
    return "".join(text), spans, labels


def mention_clauses(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Per film, the clause that holds it, slotted as the chat slots it (bot.mention_reader.slotted)."""
    from bot.mention_reader import MOVIE_SLOT, slotted
    from bot.understanding import clauses

    out = []
    for i in range(len(spans)):
        whole = slotted(text, spans, i)
        out.append(next((c for c in clauses(whole) if MOVIE_SLOT in c), whole))
    return out


def mention_examples(folder: Path, statuses: tuple[str, ...],
                     holdout_authors: tuple[str, ...] = HOLDOUT_AUTHORS) -> list[WrittenExample]:
    examples = []
    for path, author, number, line in _author_lines(folder):
        text, spans, labels = parse_mentions(line)
        unknown = set(labels) - set(statuses)
        if unknown:
            raise DualRecError(f"{path.name}:{number}: unknown status(es) {sorted(unknown)}")
        for clause, label in zip(mention_clauses(text, spans), labels):
            examples.append(WrittenExample(clause, label, author, author in holdout_authors))
    return examples


def act_examples(folder: Path, acts: tuple[str, ...],
                 holdout_authors: tuple[str, ...] = HOLDOUT_AUTHORS) -> list[WrittenExample]:
    from bot.mention_reader import MOVIE_SLOT

    examples = []
    for path, author, number, line in _author_lines(folder):
        act, bar, clause = line.partition("|")
        act = act.strip()
        if not bar or act not in acts:
            raise DualRecError(f"{path.name}:{number}: expected 'act | clause' with an act of {', '.join(acts)}")
        examples.append(WrittenExample(_FILM.sub(MOVIE_SLOT, clause.strip()), act, author, author in holdout_authors))
    return examples


__all__ = ["HOLDOUT_AUTHORS", "WRITTEN_DIR", "WrittenExample", "act_examples", "author_files", "mention_clauses",
           "mention_examples", "parse_mentions"]
