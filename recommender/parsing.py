"""Pure parsing of an LLM's answer into movie mentions. Never raises, whatever the string.

Small models number, bullet, bold, repeat, wrap in prose, run lines together or stop mid-line; this keeps
every line that looks like a movie and drops the rest. Matching to the catalogue happens elsewhere.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from recommender.data.readers import ML1M_GENRES

MAX_ANSWER_CHARS = 20_000  # longer answers are degenerate; parsing them would only waste time
MAX_TITLE_CHARS = 120

GENRE_ALIASES = {g.lower(): g for g in ML1M_GENRES} | {
    "sci fi": "Sci-Fi", "scifi": "Sci-Fi", "science fiction": "Sci-Fi", "science-fiction": "Sci-Fi",
    "children": "Children's", "childrens": "Children's", "kids": "Children's", "family": "Children's",
    "animated": "Animation", "romantic": "Romance", "film noir": "Film-Noir", "noir": "Film-Noir",
    "music": "Musical", "documentaries": "Documentary", "thrillers": "Thriller", "comedies": "Comedy",
    "dramas": "Drama", "mysteries": "Mystery", "romcom": "Romance", "suspense": "Thriller", "western": "Western",
}
_ITEM_MARKER = re.compile(r"(?:^|\s)(?=(?:#\s*)?\d{1,2}[.)]\s+\S)")  # "1. A 2. B" on one line
_SEMICOLON_ITEM = re.compile(r";\s+(?=[^;]*[(\[]\s*(?:18|19|20)\d{2}\s*[)\]])")  # "A (1995) | G; B (1996) | G"
_LEADING_MARKER = re.compile(r"^\s*(?:[-*•+>]+|#+|(?:#\s*)?\d{1,2}\s*[.):\]]|\(\d{1,2}\))\s*")
_MARKUP = re.compile(r"\*\*|__|`|~~|\[|\]")
_YEAR_IN_PARENS = re.compile(r"[(\[]\s*((?:18|19|20)\d{2})\s*[)\]]")
_BARE_YEAR = re.compile(r"(?:^|[\s,\-–—])((?:18|19|20)\d{2})\s*$")
_LABEL_PREFIX = re.compile(r"^(?:movie|title|film|recommendation)\s*\d*\s*[:\-]\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’«»"


@dataclass(frozen=True)
class ParsedMovie:
    title: str
    year: int | None = None
    genres: tuple[str, ...] = ()
    reason: str = ""


def normalize_key(title: str) -> str:
    """Lower-case letters and digits only: the key for spotting repeated titles."""
    return "".join(ch for ch in title.lower() if ch.isalnum())


def _genres_of(text: str) -> tuple[str, ...] | None:
    """Canonical genres when every comma/slash-separated word is a genre; None when it reads as prose."""
    words = [w.strip(" .;") for w in re.split(r"[,/;&]|\band\b", text.lower()) if w.strip(" .;")]
    if not words:
        return None
    genres = [GENRE_ALIASES.get(w) for w in words]
    if any(g is None for g in genres):
        return None
    return tuple(dict.fromkeys(genres))  # type: ignore[arg-type]


def _split_items(text: str) -> list[str]:
    items: list[str] = []
    for line in text.splitlines():
        for part in _ITEM_MARKER.split(line):
            items.extend(piece for piece in _SEMICOLON_ITEM.split(part) if piece.strip())
    return items


def _split_title_rest(text: str) -> tuple[str, str]:
    """Without a year to anchor on: split at '|', else at a spaced dash, keeping dashes inside titles."""
    if "|" in text:
        title, rest = text.split("|", 1)
        return title, rest
    for dash in (" — ", " – ", " - "):
        if dash in text:
            title, rest = text.rsplit(dash, 1)
            if dash != " - " or _genres_of(rest) or len(rest.split()) > 3:
                return title, rest
    return text, ""


def parse_line(line: str) -> ParsedMovie | None:
    """One movie from one line, or None when the line is prose, a heading or empty."""
    has_marker = bool(_LEADING_MARKER.match(line))
    text = _MARKUP.sub("", _LEADING_MARKER.sub("", line, count=1)).strip()
    text = _LABEL_PREFIX.sub("", text).strip()
    if not text:
        return None
    year = None
    rest = ""
    found = _YEAR_IN_PARENS.search(text)
    if found:
        year = int(found.group(1))
        title, rest = text[: found.start()], text[found.end():]
    else:
        title, rest = _split_title_rest(text)
        bare = _BARE_YEAR.search(title)
        if bare and bare.start(1) > 0:
            year = int(bare.group(1))
            title = title[: bare.start(1)]
        if not has_marker and year is None:
            return None  # an unnumbered line without a year is prose, not a list item
    title = title.strip().strip(_QUOTES).strip(" -–—:,;|.").strip().strip(_QUOTES).strip()
    if not title or len(title) > MAX_TITLE_CHARS or not any(ch.isalnum() for ch in title):
        return None
    if title.endswith(":") or (not has_marker and len(title.split()) > 12):
        return None
    genres: tuple[str, ...] = ()
    reason_parts: list[str] = []
    for field in re.split(r"\s*\|\s*", rest.strip(" -–—:,;|")):
        field = field.strip().strip(_QUOTES).strip()
        if not field:
            continue
        found_genres = _genres_of(field.strip("()[]"))
        if found_genres and not genres:
            genres = found_genres
        else:
            reason_parts.append(field)
    reason = " ".join(reason_parts).strip(" -–—:")[:200]
    return ParsedMovie(title=title, year=year, genres=genres, reason=reason)


def parse_recommendations(text: object, limit: int = 10) -> list[ParsedMovie]:
    """Movie mentions in an LLM answer, in order, repeats dropped, at most `limit`."""
    if not isinstance(text, str) or limit <= 0:
        return []
    movies: list[ParsedMovie] = []
    seen: set[str] = set()
    for item in _split_items(text[:MAX_ANSWER_CHARS]):
        parsed = parse_line(item)
        if parsed is None:
            continue
        key = normalize_key(parsed.title)
        if not key or key in seen:
            continue
        seen.add(key)
        movies.append(parsed)
        if len(movies) >= limit:
            break
    return movies
