"""Pure reading of what a user typed: which request it is, which titles it names, which constraints it sets.

No model, no database: `read_message(text)` returns one of the intents below or a `Rejected` with the reason.
Titles stay raw text here; the service resolves them with the SBERT matcher.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from recommender.constraints import Constraints
from recommender.parsing import GENRE_ALIASES  # one genre vocabulary for LLM answers and user requests

MAX_MESSAGE_CHARS = 2_000


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class ShowHistory:
    pass


@dataclass(frozen=True)
class StartOver:
    pass


@dataclass(frozen=True)
class AddWatched:
    titles: tuple[str, ...]


@dataclass(frozen=True)
class RemoveWatched:
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Recommend:
    constraints: Constraints = field(default_factory=Constraints)


@dataclass(frozen=True)
class Rejected:
    reason: str


Intent = Help | ShowHistory | StartOver | AddWatched | RemoveWatched | Recommend | Rejected

_HELP = re.compile(r"^\s*(help|\?|what can you do\??|how does this work\??|commands)\s*[.!]*\s*$", re.I)
_HISTORY = re.compile(r"\b(show|list|see|view)\b.*\b(history|watched|movies|list)\b|^\s*(my\s+)?history\s*\??\s*$"
                      r"|what have i (watched|seen)", re.I)
_START_OVER = re.compile(r"^\s*(start over|reset|clear( my)? (history|list)|forget (everything|my history)|"
                         r"delete (everything|my history))\s*[.!]*\s*$", re.I)
_REMOVE = re.compile(r"^\s*(?:please\s+)?(?:remove|delete|forget|drop|take out|un-?watch)\s+(?P<rest>.+)$", re.I)
_ADD = re.compile(r"^\s*(?:(?:i|we)(?:\s+have|'ve|’ve)?\s+(?:also\s+|just\s+|recently\s+|already\s+|really\s+)*"
                  r"(?:watched|seen|saw|loved|liked|enjoyed)|(?:please\s+)?add|watched|seen)\s*:?\s+(?P<rest>.+)$",
                  re.I | re.S)
_RECOMMEND = re.compile(r"\b(recommend|suggest|what should i watch|what to watch|watch next|what next|next movie|"
                        r"something|anything|give me|i want|i'd like|in the mood|any ideas|ideas|pick)\b", re.I)
_LIKE = re.compile(r"\b(?:like|similar to)\s+(?P<title>[^,.;!?]+)", re.I)
_DECADE = re.compile(r"\b(?:the\s+)?(?:(?P<century>19|20)?(?P<decade>[0-9])0)'?s\b", re.I)
_BEFORE = re.compile(r"\b(?:before|older than|pre-?)\s*(?P<year>(?:19|20)\d{2})\b", re.I)
_AFTER = re.compile(r"\b(?:after|since|newer than|post-?)\s*(?P<year>(?:19|20)\d{2})\b", re.I)
_EXCLUDE = re.compile(r"\b(?:no|not|without|except|nothing|avoid|anything but)\s+(?:a\s+|an\s+|any\s+|more\s+)?"
                      r"(?P<words>[a-z'-]+(?:\s+(?:or|and|nor)\s+[a-z'-]+)*)", re.I)
_FILLER = re.compile(r"^(?:the movies?|the films?|movies?|films?)\s+", re.I)


def _genres_in(text: str) -> list[str]:
    found = []
    lowered = f" {text.lower()} "
    for alias, genre in sorted(GENRE_ALIASES.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![a-z]){re.escape(alias)}s?(?![a-z])", lowered) and genre not in found:
            found.append(genre)
    return found


def read_constraints(text: str) -> Constraints:
    """Genres wanted or excluded, a decade or year bound, and a "like <title>" anchor."""
    excluded: list[str] = []
    for match in _EXCLUDE.finditer(text):
        excluded.extend(g for g in _genres_in(match["words"]) if g not in excluded)
    remaining = _EXCLUDE.sub(" ", text)
    like = _LIKE.search(remaining)
    like_title = like["title"].strip() if like else ""
    wanted = [g for g in _genres_in(remaining.replace(like_title, " ") if like_title else remaining) if g not in excluded]
    min_year = max_year = None
    decade = _DECADE.search(text)
    if decade:
        century = decade["century"] or ("20" if decade["decade"] in "012" else "19")
        min_year = int(f"{century}{decade['decade']}0")
        max_year = min_year + 9
    if (before := _BEFORE.search(text)):
        max_year = int(before["year"]) - 1
    if (after := _AFTER.search(text)):
        min_year = int(after["year"]) + 1
    return Constraints(tuple(wanted), tuple(excluded), min_year, max_year, like_title)


def split_titles(text: str) -> tuple[str, ...]:
    """Title-sized pieces of a list: lines, commas, semicolons, bullets. "and" is left for the service to
    try, since it is inside real titles ("Sense and Sensibility")."""
    pieces = []
    for line in re.split(r"[\n;]+", text):
        line = re.sub(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s*", "", line)
        for piece in re.split(r",\s+(?![^()]*\))", line):
            piece = re.sub(r"^(?:and|or|also|plus)\s+", "", piece.strip(), flags=re.I)
            piece = _FILLER.sub("", piece.strip("\"'“”").strip().rstrip(".!?"))
            if piece:
                pieces.append(piece)
    return tuple(dict.fromkeys(pieces))


def read_message(text: object) -> Intent:
    """What the user asked for."""
    if not isinstance(text, str) or not text.strip():
        return Rejected("Your message is empty. Tell me a movie you watched, or ask what to watch next.")
    if len(text) > MAX_MESSAGE_CHARS:
        return Rejected(f"That message is {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}. "
                        "Send a shorter one, or your list in parts.")
    text = text.strip()
    if _HELP.match(text):
        return Help()
    if _START_OVER.match(text):
        return StartOver()
    if (remove := _REMOVE.match(text)):
        return RemoveWatched(split_titles(remove["rest"]))
    if _HISTORY.search(text) and not _RECOMMEND.search(text):
        return ShowHistory()
    if (add := _ADD.match(text)):
        return AddWatched(split_titles(add["rest"]))
    if _RECOMMEND.search(text) or _genres_in(text) and len(text.split()) <= 8:
        return Recommend(read_constraints(text))
    if "\n" in text:
        return AddWatched(split_titles(text))  # a pasted list, one title per line
    return AddWatched(split_titles(text)) if len(text) <= 200 else Rejected(
        "I did not understand that. Say \"I watched ...\" with some titles, or \"what should I watch next?\"")


__all__ = ["MAX_MESSAGE_CHARS", "Constraints", "Help", "ShowHistory", "StartOver", "AddWatched",
           "RemoveWatched", "Recommend", "Rejected", "Intent", "read_message", "read_constraints", "split_titles"]
