"""What a message can ask for: the intents bot.messages reads, and the title lists they carry (pure data).

Titles stay raw text here, as a `TitleList`: its lines, each cut into pieces at commas and "and"/"&"/"+". The
service (bot/titles.py) decides which neighbouring pieces form one title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from rapidfuzz.distance import Indel

from recommender.constraints import Constraints

MAX_MESSAGE_CHARS = 2_000
MAX_TITLES = 80  # pieces read from one message; the rest are counted and the user is told to send them again
_DROPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # NUL and other control characters, not \t \n \r
_SURROGATE = re.compile(r"[\ud800-\udfff]")


_SPACES = re.compile(r"[^\S\n]{2,}|[^\S\n \t]")  # a run of spaces (em spaces too) or an odd space: one space
_BREAKS = re.compile(r"[^\S\n]*\r?\n\s*")  # blank lines and the spaces around a line break: one break


def clean_text(text: str) -> str:
    """Text that every store and page can hold: control characters dropped, lone surrogates (which no UTF-8
    encoder accepts) replaced by U+FFFD, a run of spaces one space and of blank lines one break (the patterns that
    read a message took seconds over a thousand spaces: no input may make the app slow for others). Applied
    wherever text comes in."""
    return _SPACES.sub(" ", _BREAKS.sub("\n", _SURROGATE.sub("\ufffd", _DROPPED.sub("", text))))


# markdown's inline marks (bold, italics, code, links, struck text); a line's blocks are read by the rules below, not
# by its block parser, which would take a year that opens a line ("1986. Loved it") for a list's number
_INLINE_MARKDOWN = MarkdownIt("commonmark").enable("strikethrough")
_MARKED = re.compile(r"\*\*|__|~~|`|(?<![\w*])\*(?=\w)|(?<![\w_])_(?=\w)|\]\(|^\s*#{1,6}\s|^\s*\|", re.M)
_HEADING_MARK = re.compile(r"^(\s*)#{1,6}\s+")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|?\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def unmarked(text: str) -> str:
    """A message typed in markdown as its words: "**Heat** — 10/10" as "Heat — 10/10", a heading's "#" and a
    table's bars and rule left out (a row "| Blade Runner | 9.5 |" as "Blade Runner 9.5/10", its header row dropped),
    and struck text ("~~Heat~~ Ronin") left out, since the writer took it back. Text with no mark is returned as it is."""
    text = _STARRED_FIX.sub(_starred_fix, text) if "*" in text else text
    if not _MARKED.search(text):
        return text
    lines, rows = [], text.split("\n")
    for i, line in enumerate(rows):
        if _TABLE_RULE.fullmatch(line) and "-" in line:
            continue
        row = _TABLE_ROW.match(line)
        if row:
            if i + 1 < len(rows) and _TABLE_RULE.fullmatch(rows[i + 1]) and "-" in rows[i + 1]:
                continue  # the header row: "| movie | score |"
            line = _table_row_said(cell.strip() for cell in row[1].split("|") if cell.strip())
        lines.append(_inline_words(_HEADING_MARK.sub(r"\1", line)))
    return "\n".join(lines)


# a word put right after it, as a chat writes it: "The Elephent *Elephant Man", "Vertigo *Vertigo" (not italics, whose
# star closes after the word)
_STARRED_FIX = re.compile(r"\b(?P<wrong>[^\W\d_]{3,})[ \t]+\*(?P<right>[^\W\d_]{3,})\b(?![^\s*]*\*)")
_ALIKE_ENOUGH = 0.6  # how alike the two spellings must be (their letters in common) for the starred one to replace it


def _starred_fix(found: re.Match) -> str:
    alike = Indel.normalized_similarity(found["wrong"].lower(), found["right"].lower())
    # (the same word again is no slip put right: "I watched Speed *Speed 2 was awful")
    return found["right"] if _ALIKE_ENOUGH <= alike < 1 else found.group()


def _table_row_said(cells) -> str:
    """A table's row as a list's line: its first cell (the film), a year's cell in brackets and a bare number up to
    10 as a score ("| Dark City | 1998 | 8 |" -> "Dark City (1998) 8/10"), other cells after a comma."""
    first, *rest = list(cells) or [""]
    said = [first]
    for cell in rest:
        if re.fullmatch(r"(?:18|19|20)\d\d", cell):
            said.append(f"({cell})")
        elif number := re.match(r"(?:10|\d)(?:\.\d)?(?=\s|$)", cell):
            said.append(f"{number[0]}/10{cell[number.end():]}")
        else:
            said.append(f", {cell}")
    return " ".join(said).replace(" ,", ",")


def _inline_words(line: str) -> str:
    """One line's words without its inline marks; struck text left out."""
    words, struck = [], 0
    for block in _INLINE_MARKDOWN.parseInline(line):
        for token in block.children or ():
            if token.type == "s_open":
                struck += 1
            elif token.type == "s_close":
                struck -= 1
            elif not struck and token.type in ("text", "code_inline", "html_inline"):
                words.append(token.content)
            elif not struck and token.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return re.sub(r"[^\S\n]{2,}", " ", "".join(words)).strip() if words else line.strip() if not struck else ""


MIN_SHOUTED_LETTERS = 6
SHOUTED_SHARE = 0.85


def unshouted(text: str) -> str:
    """A message typed in capitals ("I SAW THE GREAT ESCAPE. THE HEAT IS TERRIBLE TODAY") in lower case: capitals
    there say nothing of which words are titles, and read as written they would make "The Heat" and "Go" films."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_SHOUTED_LETTERS or sum(c.isupper() for c in letters) < SHOUTED_SHARE * len(letters):
        return text
    return text.lower()


@dataclass(frozen=True)
class TitleLine:
    """One line of a list: pieces between separators, and the separator after each piece but the last."""
    pieces: tuple[str, ...]
    joiners: tuple[str, ...] = ()

    @classmethod
    def listed(cls, names) -> "TitleLine":
        """The names as one line, a comma between each two."""
        names = tuple(names)
        return cls(names, (", ",) * (len(names) - 1))

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

    @classmethod
    def listed(cls, names) -> "TitleList":
        """The names as a list of one line."""
        return cls((TitleLine.listed(names),))


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
    liked: bool = False  # "I liked / loved / enjoyed ...": a positive signal too
    guessed: bool = False  # no verb said so: the whole message read as titles (dropped beside other acts)


@dataclass(frozen=True)
class NotWatched:
    """Movies a message names without having watched them ("I haven't seen Scream", "is Heat any good?", "put
    Rear Window on my watchlist"): read by the mention-status model, never stored."""
    titles: tuple[str, ...]  # as typed
    wanted: bool = False  # wants to watch it, or asks about it
    # of `titles`, those the clause says were not watched ("actually I didn't watch X"): one in the history leaves it
    unseen: tuple[str, ...] = ()
    # of `titles`, those the model could not read either way ("my mom watched Titanic while I did homework"): the
    # reply asks whether the user watched it, and "yes" stores it
    ask: tuple[str, ...] = ()
    # of `titles`, those someone else has seen ("she's seen Toy Story a million times"): said while choosing for
    # them, they are left out of the suggestions for the rest of the conversation
    seen_by_others: tuple[str, ...] = ()
    # of `titles`, those said as a recent film of a name whose catalogue film is long past ("the new Dune")
    newer: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemoveWatched:
    titles: TitleList
    # every film but those these words name goes ("keep ronin, remove the rest"): of the latest add that holds them,
    # or, with `of_all` ("remove everything except ronin"), of the whole history
    all_but: str = ""
    of_all: bool = False


@dataclass(frozen=True)
class Recommend:
    constraints: Constraints = field(default_factory=Constraints)
    more: bool = False  # "more", "something else": page on past what was shown
    unsupported: tuple[str, ...] = ()  # what was asked that the catalogue cannot filter by: UNSUPPORTED's keys
    # genres the user said they dislike ("I hate horror"): excluded now and in later requests
    disliked_genres: tuple[str, ...] = ()
    excluded_movies: tuple[int, ...] = ()  # titles ruled out ("no Star Wars"): every movie the name may mean
    disliked_movies: tuple[int, ...] = ()  # ... and for good ("no more Star Wars", "I'm sick of Star Wars")
    # Adjusts the last request instead of replacing it ("only comedies", "before 1970", "older"): what it does not
    # change is kept (bot.dialogue.follow_up)
    follow_up: bool = False
    relative: str = ""  # "older" | "newer" than the last list, when no year was said
    also: bool = False  # "comedies too": genres added to the last request's, not put in their place
    only_genres: tuple[str, ...] = ()  # a standing "only comedies" said beside the request (bot.understanding)
    any_year: bool = False  # "any decade is fine, just action": no years, the last request's and standing ones dropped


@dataclass(frozen=True)
class SetTaste:
    """"I hate horror" or "horror is fine again", with no request: a standing preference."""
    disliked_genres: tuple[str, ...] = ()
    allowed_genres: tuple[str, ...] = ()
    disliked_movies: tuple[int, ...] = ()  # "I didn't like Casino": never suggested, and it steers nothing
    only_genres: tuple[str, ...] = ()  # "I only watch comedies": what a request that names no genre asks for
    # "nothing older than 1990 for me", "the 90s are my era": the years a request that names none keeps to
    min_year: int | None = None
    max_year: int | None = None
    any_year: bool = False  # "any year is fine again": the standing years are dropped


@dataclass(frozen=True)
class SmallTalk:
    kind: str  # greeting | thanks | who | bye | how_are_you: render.SMALL_TALK's keys, and "who" (render.who_i_am)


@dataclass(frozen=True)
class ForgetMe:
    pass


@dataclass(frozen=True)
class Answer:
    """A reply to the bot's last question: yes / no, a choice by position ("the first one", "2"), by year, or by
    age among the choices ("the older one": "older" or "newer")."""
    yes: bool | None = None
    index: int | None = None  # 0-based
    year: int | None = None
    age: str | None = None
    kind: str | None = None  # a genre the version has ("Animation": "the cartoon one"), or lacks ("-Animation")
    decade: int | None = None  # its first year: "the 80s one" is 1980
    every: bool = False  # "both of them": every choice


@dataclass(frozen=True)
class Undo:
    """"undo", "delete the last one", "scratch that": the latest add is taken back. `only_guess`: "wrong one",
    "not that one", said of a best guess: only the movies added on a guess go."""
    only_guess: bool = False
    last_only: bool = False  # "remove the last one": the last movie of the latest add, not all it added
    restore: bool = False  # "put it back": what the latest removal or undo took out goes back in
    takes_out: bool = False  # said with a removal verb ("delete that"): never puts back what a removal took out
    unseen: bool = False  # "actually I never saw it": the latest add, only right after it (bot.policy)
    one_of: bool = False  # "one of those was my flatmate's, remove it": which one is asked, nothing removed yet
    both: bool = False  # "remove both of them": the two films added last, said in one add or in two


@dataclass(frozen=True)
class Correct:
    """"I meant Aliens not Alien", "not Alien, Aliens": `old` leaves the history and `new` goes in; with no `old`
    ("I meant Aliens") the latest add is the one replaced."""
    new: TitleList
    old: TitleList | None = None
    # "no wait it was part 2", "I meant part 3, not part 2": films said by their number alone, in the series of the
    # latest add (`new` and `old` empty then), or "next" ("that was the sequel": the film after it, by year);
    # `old_sequel` "" replaces the latest add
    sequel: str = ""
    old_sequel: str = ""
    # "I meant the 1962 original, not the remake": another version of the latest add's film, by year or age
    version: Answer | None = None


@dataclass(frozen=True)
class SeenThose:
    """"I've seen those": the movies just shown go into the history, and new ones are wanted. `it`: "ok I saw it
    years ago anyway", "we just watched it!": the one movie the last message named and did not store. `index`: "I've
    seen the first one": that one of the movies just shown."""
    it: bool = False
    index: int | None = None


@dataclass(frozen=True)
class Explain:
    """"why that one?", "why Heat?", "what makes you think I'd like Heat?": the reason for a recommendation.
    `title`: the movie as typed ("" when none was named); `index`: a position in the last list ("why the second
    one?", 0-based, -1 the last); `every`: each movie of the last list ("why those?"); none of them: the last
    list's first movie ("why?", "why that one?")."""
    title: str = ""
    index: int | None = None
    every: bool = False


@dataclass(frozen=True)
class CannotAnswer:
    """A question about a movie that the catalogue cannot answer ("is it on Netflix?", "how long is it?", "who's
    in it?"): said in one sentence, nothing stored. `topic`: render.CANNOT_ANSWER's keys."""
    topic: str


@dataclass(frozen=True)
class Rejected:
    reason: str


Intent = (Help | ShowHistory | StartOver | AddWatched | RemoveWatched | Recommend | Rejected | SetTaste | SmallTalk
          | ForgetMe | Answer | Undo | Correct | SeenThose | NotWatched | Explain | CannotAnswer)
