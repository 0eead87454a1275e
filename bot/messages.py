"""Pure reading of what a user typed: which request it is, which titles it names, which constraints it sets.

No model, no database: `read_message(text)` returns one of the intents below or a `Rejected` with the reason.
Titles stay raw text here, as a `TitleList`: its lines, each cut into pieces at commas and "and"/"&"/"+". The
service (bot/titles.py) decides which neighbouring pieces form one title ("Sense and Sensibility", "The Karate
Kid, Part II") with one batch of matcher queries, so the work stays linear in the message's length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from recommender.constraints import Constraints
from recommender.parsing import GENRE_ALIASES  # one genre vocabulary for LLM answers and user requests

MAX_MESSAGE_CHARS = 2_000
MAX_TITLES = 80  # pieces read from one message; the rest are counted and the user is told to send them again
_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # NUL and other control characters, not \t \n \r
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that every store and page can hold: control characters dropped, lone surrogates (which no UTF-8
    encoder accepts) replaced by U+FFFD. Applied wherever text comes in."""
    return _SURROGATE.sub("\ufffd", _DROPPED.sub("", text))


@dataclass(frozen=True)
class TitleLine:
    """One line of a list: pieces between separators, and the separator after each piece but the last."""
    pieces: tuple[str, ...]
    joiners: tuple[str, ...] = ()

    def span(self, start: int, stop: int) -> str:
        """Pieces start..stop-1 as one title, joined by the separators between them."""
        parts = [self.pieces[start]]
        for i in range(start + 1, stop):
            parts += [self.joiners[i - 1], self.pieces[i]]
        return "".join(parts)


@dataclass(frozen=True)
class TitleList:
    lines: tuple[TitleLine, ...]
    skipped: int = 0  # pieces past MAX_TITLES, not read

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(piece for line in self.lines for piece in line.pieces)


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
    titles: TitleList


@dataclass(frozen=True)
class RemoveWatched:
    titles: TitleList


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


# Where a list is cut: commas (", and" too) and "and", "&", "+"; never inside parentheses ("Seven (Se7en)").
_SEPARATOR = re.compile(r",\s*(?:(?:and|or|plus|also)\s+)?|\s+(?:and|&|\+)\s+", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s*")
_LEADING_JOINER = re.compile(r"^(?:and|or|also|plus)\s+", re.I)


def _clean_piece(piece: str) -> str:
    piece = _LEADING_JOINER.sub("", piece.strip())
    return _FILLER.sub("", piece.strip("\"'“”").strip().rstrip(".!?")).strip()


def _split_line(line: str) -> TitleLine | None:
    depth, depths = 0, []
    for char in line:
        depths.append(depth)
        depth += (char == "(") - (char == ")")
    pieces: list[str] = []
    joiners: list[str] = []
    start = 0
    for found in _SEPARATOR.finditer(line):
        if depths[found.start()] > 0:
            continue
        piece = _clean_piece(line[start:found.start()])
        if piece:
            pieces.append(piece)
            joiners.append(", " if found.group().startswith(",") else found.group())
        start = found.end()
    last = _clean_piece(line[start:])
    if last:
        pieces.append(last)
    elif joiners:
        joiners.pop()
    return TitleLine(tuple(pieces), tuple(joiners[: max(len(pieces) - 1, 0)])) if pieces else None


def split_titles(text: str, limit: int = MAX_TITLES) -> TitleList:
    """A list's lines (newlines, semicolons, bullets) cut into title-sized pieces; at most `limit` pieces."""
    lines: list[TitleLine] = []
    seen, read, skipped = set(), 0, 0
    for raw in re.split(r"[\n;]+", text):
        line = _split_line(_BULLET.sub("", raw))
        if line is None or line.pieces in seen:
            continue
        seen.add(line.pieces)
        room = limit - read
        if room <= 0:
            skipped += len(line.pieces)
            continue
        if len(line.pieces) > room:
            skipped += len(line.pieces) - room
            line = TitleLine(line.pieces[:room], line.joiners[: room - 1])
        lines.append(line)
        read += len(line.pieces)
    return TitleList(tuple(lines), skipped)


_TITLE_YEAR = re.compile(r"\((?:18|19|20)\d{2}\)")


def read_message(text: object) -> Intent:
    """What the user asked for."""
    if not isinstance(text, str) or not clean_text(text).strip():
        return Rejected("Your message is empty. Tell me a movie you watched, or ask what to watch next.")
    if len(text) > MAX_MESSAGE_CHARS:
        return Rejected(f"That message is {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}. "
                        "Send a shorter one, or your list in parts.")
    text = clean_text(text).strip()
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
    lines = [line for line in text.splitlines() if line.strip()]
    asking_lines = sum(1 for line in lines if _RECOMMEND.search(line))
    if len(lines) > 1 and asking_lines * 3 <= len(lines):
        # a pasted list, one title per line: genre and request words inside titles ("Crimes and Misdemeanors",
        # "Something Wild") are part of the titles
        return AddWatched(split_titles(text))
    asks = asking_lines > 0
    # a bare genre ("comedy", "a thriller from the 80s") asks; a title with its year ("Crimes and Misdemeanors
    # (1989)") names a movie
    if asks or _genres_in(text) and len(text.split()) <= 8 and not _TITLE_YEAR.search(text):
        return Recommend(read_constraints(text))
    return AddWatched(split_titles(text)) if len(text) <= 200 else Rejected(
        "I did not understand that. Say \"I watched ...\" with some titles, or \"what should I watch next?\"")


__all__ = ["MAX_MESSAGE_CHARS", "MAX_TITLES", "Constraints", "TitleLine", "TitleList", "clean_text", "Help", "ShowHistory", "StartOver", "AddWatched",
           "RemoveWatched", "Recommend", "Rejected", "Intent", "read_message", "read_constraints", "split_titles"]
