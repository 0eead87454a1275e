"""Pure reading of what a user typed: which request it is, which titles it names, which constraints it sets.

No model, no database: `read_message(text)` returns one of the intents below or a `Rejected` with the reason.
Titles stay raw text here, as a `TitleList`: its lines, each cut into pieces at commas and "and"/"&"/"+". The
service (bot/titles.py) decides which neighbouring pieces form one title ("Sense and Sensibility", "The Karate
Kid, Part II") with one batch of matcher queries, so the work stays linear in the message's length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recommender.titles import TitleIndex

from bot.mentions import sentence_spans, whole_title
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
    liked: bool = False  # "I liked / loved / enjoyed ...": a positive signal too
    guessed: bool = False  # no verb said so: the whole message read as titles (dropped beside other acts)


@dataclass(frozen=True)
class RemoveWatched:
    titles: TitleList


@dataclass(frozen=True)
class Recommend:
    constraints: Constraints = field(default_factory=Constraints)
    more: bool = False  # "more", "something else": page on past what was shown
    unsupported: tuple[str, ...] = ()  # what was asked that the catalogue cannot filter by: UNSUPPORTED's keys
    # genres the user said they dislike ("I hate horror"): excluded now and in later requests
    disliked_genres: tuple[str, ...] = ()
    excluded_movies: tuple[int, ...] = ()  # titles ruled out ("no Star Wars"): every movie the name may mean
    disliked_movies: tuple[int, ...] = ()  # ... and for good ("no more Star Wars", "I'm sick of Star Wars")


@dataclass(frozen=True)
class SetTaste:
    """"I hate horror" or "horror is fine again", with no request: a standing preference."""
    disliked_genres: tuple[str, ...] = ()
    allowed_genres: tuple[str, ...] = ()
    disliked_movies: tuple[int, ...] = ()  # "I didn't like Casino": never suggested, and it steers nothing


@dataclass(frozen=True)
class SmallTalk:
    kind: str  # greeting | thanks | who | bye | how_are_you: render.SMALL_TALK's keys


@dataclass(frozen=True)
class ForgetMe:
    pass


@dataclass(frozen=True)
class Answer:
    """A reply to the bot's last question: yes / no, a choice by position ("the first one", "2") or year."""
    yes: bool | None = None
    index: int | None = None  # 0-based
    year: int | None = None


@dataclass(frozen=True)
class Undo:
    pass


@dataclass(frozen=True)
class SeenThose:
    """"I've seen those": the movies just shown go into the history, and new ones are wanted."""


@dataclass(frozen=True)
class Rejected:
    reason: str


Intent = (Help | ShowHistory | StartOver | AddWatched | RemoveWatched | Recommend | Rejected | SetTaste | SmallTalk
          | ForgetMe | Answer | Undo | SeenThose)

_HELP = re.compile(r"^\s*(help|\?|what can you do\??|how does this work\??|commands)\s*[.!]*\s*$", re.I)
_HISTORY = re.compile(r"\b(show|list|see|view)\b.*\b(history|watched|movies|list)\b|^\s*(my\s+)?history\s*\??\s*$"
                      r"|what have i (watched|seen)|what do you know about me|what did i (watch|tell you)|what'?s (?:in |on )?my "
                      r"(?:list|history)|^\s*my (?:list|movies)\s*\??\s*$", re.I)
_START_OVER = re.compile(r"^\s*(start over|reset|clear( my)? (history|list)|forget (everything|my history)|"
                         r"delete (everything|my history))\s*[.!]*\s*$", re.I)
_FORGET_ME = re.compile(r"^\s*(?:please\s+)?(?:forget (?:about )?me|(?:delete|erase|remove|wipe) (?:all )?(?:of )?(?:me|my "
                        r"(?:data|account|profile|information|info))|delete everything (?:about|on) me)\b[\s.!]*$", re.I)
_REMOVE = re.compile(r"^\s*(?:please\s+)?(?:(?:can|could) you\s+)?(?:i want to\s+)?(?:remove|delete|forget|drop|"
                     r"take out|un-?watch)\s+(?P<rest>.+)$", re.I)
_SUBJECT = r"(?:i|we|me and (?:my )?[a-z]+|my [a-z]+ and i|[a-z]+ and i)"
_ADVERBS = r"(?:\s+(?:also|just|finally|recently|already|really|once|again|totally|absolutely))*"
_HEDGE = r"(?:(?:i think|i guess|maybe|probably|pretty sure|i'm pretty sure|i believe)\s+)?"
_ADD = re.compile(rf"^\s*(?:{_HEDGE}(?:{_SUBJECT})(?:\s+have|'ve|’ve)?{_ADVERBS}\s+(?P<verb>watched|seen|saw|loved|liked|"
                  r"enjoyed|finished|rewatched|re-watched|caught|adored)|(?:i (?:want|would like|'d like) to |please |can you |"
                  r"could you )?add|(?:just\s+)?(?:watched|seen|finished|rewatched|saw)|my (?:all[- ]time )?favou?rites? "
                  r"(?:(?:movies?|films?) )?(?:are|is|include)|(?:have|did) you (?:ever )?(?:seen|see|watched)|"
                  r"(?P<fan>i'?m a (?:big |huge )?fan of))\s*:?\s+(?P<rest>.+)$", re.I | re.S)
# What people say after a title that is not part of it: "Heat and it was great", "Fargo last night"
_TRAILING_NOISE = re.compile(r"(?:\s*[,;]?\s+(?:and\s+|but\s+)?(?:it|that|which|they|this)(?:'s|\s+was|\s+is|\s+were)\b.*"
                             r"|\s+(?:was|is|were)\s+(?:so\s+|really\s+|pretty\s+|very\s+)?(?:great|good|amazing|awesome|"
                             r"fantastic|brilliant|excellent|terrible|awful|bad|ok|okay|fun|boring|the best|a masterpiece)\b.*"
                             r"|\s+(?:last night|yesterday|today|tonight|(?:this|last) (?:morning|afternoon|evening|week(?:end)?|month|"
                             r"year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                             r"recently|the other day|again|twice|too|as well|on (?:netflix|tv|dvd|the plane)|at the (?:cinema|movies)|"
                             r"in (?:the )?(?:cinema|theaters?|theatres?)|with (?:my|the|a|our) (?:wife|husband|friends?|kids?|family|girlfriend|"
                             r"boyfriend|partner|son|daughter|mom|mum|dad|parents|brother|sister|children))\b.*)$", re.I | re.S)
_PRONOUNS = {"it", "them", "those", "these", "that", "this", "both", "all", "one", "all of them", "both of them"}
_SMALL_TALK = [
    ("greeting", re.compile(r"^\s*(?:hi|hello|hey|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening)|hallo)"
                            r"\b(?:\s+there)?(?:[\s,!.]+(?:i'?m new(?: here)?|nice to meet you|how are you)?)*[\s!.?]*$", re.I)),
    ("thanks", re.compile(r"^\s*(?:thanks?(?: you)?(?: so much| a lot)?|thx|ty|cheers|great,? thanks?|perfect|awesome|cool|"
                          r"nice|ok(?:ay)?,? thanks?)[\s!.]*$", re.I)),
    ("who", re.compile(r"^\s*(?:who|what) are you\b|^\s*are you (?:a bot|human|real|an ai)\b|^\s*what is this\b|"
                       r"^\s*what can you do\b|^\s*who (?:made|built|created|wrote) you\b|^\s*how do you work\b",
                       re.I)),
    ("how_are_you", re.compile(r"^\s*(?:how are you(?: doing)?|how'?s it going|what'?s up|sup|wassup|how do you do|"
                               r"how are things)\b[\s!.?]*$", re.I)),
    ("bye", re.compile(r"^\s*(?:bye|goodbye|see you|see ya|good night|later)\b[\s!.]*$", re.I)),
]
_YES = re.compile(r"^\s*(?:yes|yeah|yep|yup|yea|sure|correct|right|exactly|that one|that's it|that's the one|ok(?:ay)?|"
                  r"y|please do|go ahead|do it)\b(?:[\s!.,]+(?:that one|that's it|that's the one|please|thanks|"
                  r"thank you|exactly|correct|it is|the first one))*[\s!.]*$", re.I)
_NO = re.compile(r"^\s*(?:no|nope|nah|neither(?: of them)?|none(?: of (?:them|those))?|n|no thanks?|no,? thank you|"
                 r"don'?t|cancel)[\s!.]*$", re.I)
_ORDINALS = {"first": 0, "1st": 0, "one": 0, "1": 0, "second": 1, "2nd": 1, "two": 1, "2": 1, "third": 2, "3rd": 2,
             "three": 2, "3": 2, "last": -1}
_CHOICE = re.compile(r"^\s*(?:the\s+)?(?:number\s+|#)?(?P<which>first|1st|second|2nd|third|3rd|last|one|two|three|[123])"
                     r"(?:\s+one)?(?:\s+please)?[\s!.]*$", re.I)
_YEAR_CHOICE = re.compile(r"^\s*(?:the\s+)?(?:one from\s+)?(?P<year>(?:19|20)\d{2})(?:\s+one)?(?:\s+version)?[\s!.]*$", re.I)
_UNDO = re.compile(r"^\s*(?:undo|not that one|wrong (?:one|movie|film)|that'?s (?:wrong|not it|not the one)|"
                   r"that is (?:wrong|not it)|no,? not that one)\b[\s!.]*$", re.I)
_MORE = re.compile(r"^\s*(?:(?:show me |give me |any |some )?(?:more|others?|another(?: one)?)(?: please| ones| movies| "
                   r"suggestions| ideas)?|(?:something|anything) else|what else|next|(?:show me |give me )?(?:some )?"
                   r"(?:different|other|new) (?:ones|movies|films|suggestions|picks)|not (?:those|these)|"
                   r"(?:i want |i'd like )?(?:something|anything) different)[\s!.?]*(?:please)?[\s!.?]*$", re.I)
_SEEN_THOSE = re.compile(r"(?:\b(?:i'?ve|i have|already|i)\s+)?(?:already\s+)?\b(?:seen|watched|saw)\s+(?:those|these|them|"
                         r"all(?: of)?(?: them| those| these)?|both|all three|that one|the three)\b", re.I)
_RECOMMEND = re.compile(r"\b(recommend(?:ations?)?|suggest(?:ions?)?|what should i watch|what else|"
                        r"what (?:can|could|should|would|shall|do|might) (?:i|we|they|he|she|my [a-z]+|the [a-z]+) watch|what to watch|watch next|what next|next movie|"
                        r"something|anything|give me|i want|i'd like|in the mood|any ideas|ideas|pick)\b", re.I)
# "something like Alien", "movies similar to Heat", "like The Matrix but funny": not "I'd like a comedy"
_LIKE = re.compile(r"(?:\b(?:something|anything|movies?|films?|more|stuff|ones?|else|similar|one)\s+(?:just\s+|a bit\s+)?"
                   r"like|\bsimilar to|^\s*like|\bin the (?:vein|style|spirit) of|\bakin to)\s+(?P<title>.+?)"
                   r"(?=\s*(?:[,;!?]|\.\s|\.$|\bbut\b|\bthough\b|\bexcept\b|\bwithout\b|\bfrom the\b|$))", re.I)
_DECADE = re.compile(r"\b(?:the\s+)?(?:(?P<century>19|20)?(?P<decade>[0-9])0)'?s\b", re.I)
_BEFORE = re.compile(r"\b(?:before|older than|pre-?)\s*(?P<year>(?:19|20)\d{2})\b", re.I)
_AFTER = re.compile(r"\b(?:after|since|newer than|post-?)\s*(?P<year>(?:19|20)\d{2})\b", re.I)
# Words that turn what follows, to the end of the clause, into something not wanted. The first group also states a
# taste that holds for later requests ("I hate horror"); the second limits this request only ("no horror").
_DISLIKE_CUES = (r"hate[sd]?|dislike[sd]?|detest|loathe|can'?t stand|cannot stand|(?:do|does|did)n'?t (?:like|enjoy|"
                 r"care for|love)|(?:do|does) not (?:like|enjoy|care for)|not (?:a |the )?(?:big |huge )?fan of|not into|"
                 r"sick of|tired of|fed up with|had enough of|no more|enough (?:of )?|never again")
_NOT_NOW_CUES = (r"no|not|without|except|nothing|none|avoid|anything but|other than|skip|less|isn'?t|aren'?t|"
                 r"(?:do|does)n'?t want|"
                 r"do not want|not in the mood for|rather not|don'?t (?:show|give) me|no need for")
_NEGATIVE = re.compile(rf"\b(?:(?P<dislike>{_DISLIKE_CUES})|(?P<not_now>{_NOT_NOW_CUES}))\b", re.I)
_CLAUSE_END = re.compile(r"[,.;!?]|\bbut\b|\bthough\b|\bhowever\b|\binstead\b|\brather\b", re.I)
# Mood and audience words, mapped to the genres the catalogue has (user requests only; LLM answers use
# GENRE_ALIASES alone).
MOOD_GENRES = {
    "funny": "Comedy", "hilarious": "Comedy", "laugh": "Comedy", "comedic": "Comedy", "feel-good": "Comedy",
    "feel good": "Comedy", "lighthearted": "Comedy", "light-hearted": "Comedy", "silly": "Comedy",
    "scary": "Horror", "spooky": "Horror", "creepy": "Horror", "frightening": "Horror", "terrifying": "Horror",
    "gory": "Horror", "slasher": "Horror", "zombie": "Horror",
    "romance": "Romance", "love story": "Romance", "love stories": "Romance", "date night": "Romance",
    "for kids": "Children's", "for the kids": "Children's", "kid-friendly": "Children's", "kid friendly": "Children's",
    "family-friendly": "Children's", "family friendly": "Children's", "for children": "Children's",
    "for my kids": "Children's", "for the family": "Children's",
    "cartoon": "Animation", "cartoons": "Animation", "pixar": "Animation", "disney": "Animation", "anime": "Animation",
    "thrilling": "Thriller", "suspenseful": "Thriller", "tense": "Thriller", "edge of my seat": "Thriller",
    "action-packed": "Action", "action packed": "Action", "explosions": "Action", "fights": "Action",
    "futuristic": "Sci-Fi", "space": "Sci-Fi", "robots": "Sci-Fi", "time travel": "Sci-Fi",
    "magic": "Fantasy", "magical": "Fantasy", "dragons": "Fantasy", "fairy tale": "Fantasy",
    "whodunit": "Mystery", "detective": "Mystery", "mysterious": "Mystery",
    "gangster": "Crime", "gangsters": "Crime", "heist": "Crime", "mafia": "Crime", "mob": "Crime", "cop": "Crime",
    "cowboy": "Western", "cowboys": "Western", "sad": "Drama", "tearjerker": "Drama", "emotional": "Drama",
    "serious": "Drama", "singing": "Musical", "songs": "Musical", "dancing": "Musical", "battle": "War",
    "soldiers": "War", "historical": "War", "true story": "Documentary", "real life": "Documentary",
}
REQUEST_GENRE_WORDS = {**GENRE_ALIASES, **MOOD_GENRES}
# Things people ask for that the catalogue cannot filter by: the service says so instead of ignoring them.
UNSUPPORTED = {
    "length": re.compile(r"\b(?:short|long|length|runtime|running time|under (?:an|one|two|\d+) (?:hours?|minutes?)|"
                         r"\d+ (?:minutes?|mins?|hours?) long|quick watch)\b", re.I),
    "cast": re.compile(r"\b(?:starring|stars?|actors?|actress(?:es)?|directed by|director|with (?:tom|brad|meryl|leonardo|"
                       r"denzel|julia|will|harrison|keanu|al|robert|jack|morgan|scarlett|jennifer) [a-z]+)\b", re.I),
    "language": re.compile(r"\b(?:french|spanish|german|italian|japanese|korean|chinese|hindi|bollywood|foreign|"
                           r"subtitled|subtitles|dubbed|in english|non-english)\b", re.I),
    "rating": re.compile(r"\b(?:rated (?:r|pg|g)|pg-?13|imdb|rotten tomatoes|oscar|oscars|academy award|award-winning|"
                         r"award winning|critically acclaimed|best reviewed)\b", re.I),
    "streaming": re.compile(r"\b(?:on netflix|on hulu|on prime|on disney\+?|streaming|on amazon|to rent)\b", re.I),
}
_FILLER = re.compile(r"^(?:the movies?|the films?|movies?|films?)\s+", re.I)


def _genres_in(text: str, words: dict[str, str] = GENRE_ALIASES) -> list[str]:
    found = []
    lowered = f" {text.lower()} "
    for alias, genre in sorted(words.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"(?<![a-z]){re.escape(alias)}s?(?![a-z])", lowered) and genre not in found:
            found.append(genre)
    return found


_YEAR_BOUNDS = re.compile(r"\b(?P<older>before|older than|earlier than|pre-?|prior to)\s*(?P<year1>(?:19|20)\d{2})\b"
                          r"|\b(?P<newer>after|since|newer than|later than|more recent than|post-?|from after)\s*"
                          r"(?P<year2>(?:19|20)\d{2})\b", re.I)


_FILLER_WORDS = re.compile(r"[\s,]*(?:(?:anything|something|movies?|films?|stuff|ones?|made|released|from|that'?s|"
                           r"that is|which is|is|are|at all)[\s,]*)*", re.I)


def _negative_scopes(text: str) -> list[tuple[int, int, int, bool]]:
    """(cue start, cue end, scope end, states a lasting dislike) for each stretch that says what is not wanted."""
    scopes = []
    for cue in _NEGATIVE.finditer(text):
        end = _CLAUSE_END.search(text, cue.end())
        scopes.append((cue.start(), cue.end(), end.start() if end else len(text), cue["dislike"] is not None))
    return scopes


def _blank(text: str, start: int, stop: int) -> str:
    return text[:start] + " " * (stop - start) + text[stop:]


def read_request(text: str, titles: TitleIndex | None = None) -> Recommend:
    """A request's constraints: genres and moods wanted or not (negation scoped to its clause), a decade or year
    bound (negated too: "nothing older than 1990"), a "like <title>" anchor, titles ruled out ("no more Star
    Wars", with the catalogue's `titles`), and what cannot be filtered by."""
    like = _LIKE.search(text)
    like_title = like["title"].strip().strip("\"'“”") if like else ""
    if re.sub(r"\s+(?:please|too|again)$", "", like_title.lower()) in _PRONOUNS:
        like_title = ""  # "more like those": like what was said, the history
    body = _blank(text, like.start("title"), like.end("title")) if like else text
    scopes = _negative_scopes(body)
    excluded_movies: list[int] = []
    disliked_movies: list[int] = []
    for span in sentence_spans(body, titles, all_tiers=True) if titles is not None else []:
        # a title's words are not genre words ("Star Wars"); inside a negation the title itself is ruled out
        for start, _, end, lasting in scopes:
            if start <= span.start and span.stop <= end:
                excluded_movies += span.movies
                disliked_movies += span.movies if lasting else ()
        body = _blank(body, span.start, span.stop)
    excluded: list[str] = []
    disliked: list[str] = []
    positive = list(body)
    for start, _, end, lasting in scopes:
        for genre in _genres_in(body[start:end], REQUEST_GENRE_WORDS):
            excluded.append(genre) if genre not in excluded else None
            if lasting and genre not in disliked:
                disliked.append(genre)
        positive[start:end] = " " * (end - start)
    wanted = [g for g in _genres_in("".join(positive), REQUEST_GENRE_WORDS) if g not in excluded]
    min_year = max_year = None
    decade = _DECADE.search("".join(positive))
    if decade:
        century = decade["century"] or ("20" if decade["decade"] in "012" else "19")
        min_year = int(f"{century}{decade['decade']}0")
        max_year = min_year + 9
    for bound in _YEAR_BOUNDS.finditer(body):
        # "nothing older than 1990" negates the bound; "no horror after 1990" negates only the horror
        negated = any(cue_end <= bound.start() < end and _FILLER_WORDS.fullmatch(body[cue_end:bound.start()])
                      for _, cue_end, end, _ in scopes)
        if bound["older"]:  # "before 1990": up to 1989; "nothing before 1990": from 1990
            year = int(bound["year1"])
            min_year, max_year = (year, max_year) if negated else (min_year, year - 1)
        else:  # "after 1990": from 1991; "nothing after 1990": up to 1990
            year = int(bound["year2"])
            min_year, max_year = (min_year, year) if negated else (year + 1, max_year)
    unsupported = tuple(key for key, pattern in UNSUPPORTED.items() if pattern.search(body))
    constraints = Constraints(tuple(wanted), tuple(excluded), min_year, max_year, like_title)
    return Recommend(constraints, unsupported=unsupported, disliked_genres=tuple(disliked),
                     excluded_movies=tuple(dict.fromkeys(excluded_movies)),
                     disliked_movies=tuple(dict.fromkeys(disliked_movies)))


# Where a list is cut: commas (", and" too) and "and", "&", "+"; never inside parentheses ("Seven (Se7en)").
_SEPARATOR = re.compile(r",\s*(?:(?:and|or|plus|also)\s+)?|\s+(?:and|&|\+)\s+", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s*")
_LEADING_JOINER = re.compile(r"^(?:and|or|also|plus)\s+", re.I)


_BARE_YEAR = re.compile(r"(?<=[a-z0-9])\s+((?:19[0-9]|200)\d)$", re.I)  # "heat 1995": the year, as "(1995)"


def _clean_piece(piece: str) -> str:
    piece = _LEADING_JOINER.sub("", _TRAILING_NOISE.sub("", piece.strip()))
    piece = _FILLER.sub("", piece.strip("\"'“”").strip().rstrip(".!?")).strip()
    return _BARE_YEAR.sub(r" (\1)", piece)


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
_A_MOVIE = re.compile(r"^\s*(?:a|an|some|any|one)\s+(?:[a-z'-]+\s+){0,3}(?:movies?|films?|flicks?)\b", re.I)


def _small_talk(text: str) -> SmallTalk | None:
    for kind, pattern in _SMALL_TALK:
        if pattern.search(text):
            return SmallTalk(kind)
    return None


LIKED = re.compile(r"\b(?:lov(?:e|ed|es)|lik(?:e|ed|es)|enjoy(?:ed|s)?|ador(?:e|ed|es)|favou?rites?)\b", re.I)
_CONVERSATIONAL = re.compile(r"\?\s*$|^\s*(?:who|what|why|how|where|when|do|does|did|are|is|can|could|would|will|"
                             r"should|i|i'm|im|you|your|we|it|that|this|lol|haha|hmm+|ok|okay|well|so|yeah|no|not|"
                             r"please|tell|let's|lets)\b", re.I)


def looks_conversational(text: str) -> bool:
    """Words that read as talk, not as a title ("who made you?", "I think so"): when no movie matches them,
    say so instead of "I don't know that movie"."""
    return bool(_CONVERSATIONAL.search(text)) or len(text.split()) >= 8


def read_short_reply(text: str) -> Intent | None:
    """Replies that only mean something after a question or a list: yes/no, a choice, undo, more, seen those."""
    if _UNDO.match(text):
        return Undo()
    if _YES.match(text):
        return Answer(yes=True)
    if _NO.match(text):
        return Answer(yes=False)
    if (choice := _CHOICE.match(text)):
        return Answer(index=_ORDINALS[choice["which"].lower()])
    if (year := _YEAR_CHOICE.match(text)):
        return Answer(year=int(year["year"]))
    if _MORE.match(text):
        return Recommend(more=True)
    if _SEEN_THOSE.search(text) and len(text.split()) <= 8:
        return SeenThose()
    return None


def _taste(text: str, titles: TitleIndex | None = None) -> SetTaste | None:
    """A statement of taste with no request: "I hate horror", "not a fan of musicals", "horror is fine again"."""
    allowed = re.search(r"\b(?:is|are) (?:fine|ok(?:ay)?|good) (?:again|now|after all)|\b(?:i )?(?:like|love|don'?t mind) "
                        r"(?P<genre>[a-z' -]+?) (?:again|now|after all|actually)\b", text, re.I)
    if allowed:
        genres = _genres_in(text, REQUEST_GENRE_WORDS)
        return SetTaste(allowed_genres=tuple(genres)) if genres else None
    request = read_request(text, titles)
    if request.disliked_genres and not request.constraints.genres and not request.excluded_movies:
        return SetTaste(disliked_genres=request.disliked_genres)
    if request.disliked_movies and not request.constraints.genres:  # "I didn't like Casino"
        return SetTaste(disliked_genres=request.disliked_genres, disliked_movies=request.disliked_movies)
    return None


def _add(match: re.Match) -> AddWatched | None:
    titles = split_titles(_TRAILING_NOISE.sub("", match["rest"]))
    lines = tuple(line for line in titles.lines if " ".join(line.pieces).lower() not in _PRONOUNS)
    if not lines:
        return None
    liked = bool(match["fan"]) or (match["verb"] or "").lower() in ("loved", "liked", "enjoyed", "adored")
    return AddWatched(TitleList(lines, titles.skipped), liked=liked)


def read_message(text: object, titles: TitleIndex | None = None) -> Intent:
    """What one message (or one clause of it: bot.understanding) asks for. With the catalogue's `titles`, a
    message that is one title is that title, whatever genre words it holds, and titles ruled out are read."""
    if not isinstance(text, str) or not clean_text(text).strip():
        return Rejected("Your message is empty. Tell me a movie you watched, or ask what to watch next.")
    if len(text) > MAX_MESSAGE_CHARS:
        return Rejected(f"That message is {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}. "
                        "Send a shorter one, or your list in parts.")
    text = clean_text(text).strip()
    if _HELP.match(text):
        return Help()
    if (reply := read_short_reply(text)) is not None:
        return reply
    if (talk := _small_talk(text)) is not None:
        return talk
    if _FORGET_ME.match(text):
        return ForgetMe()
    if _START_OVER.match(text):
        return StartOver()
    if (remove := _REMOVE.match(text)):
        return RemoveWatched(split_titles(remove["rest"]))
    if _HISTORY.search(text) and not _RECOMMEND.search(text):
        return ShowHistory()
    if (add := _ADD.match(text)) and (added := _add(add)) is not None:
        return added
    lines = [line for line in text.splitlines() if line.strip()]
    asking_lines = sum(1 for line in lines if _RECOMMEND.search(line))
    if len(lines) > 1 and asking_lines * 3 <= len(lines):
        # a pasted list, one title per line: genre and request words inside titles ("Crimes and Misdemeanors",
        # "Something Wild") are part of the titles
        return AddWatched(split_titles(text))
    if titles is not None and whole_title(text, titles) is not None:
        return AddWatched(split_titles(text), guessed=True)
    if (titles is not None and not asking_lines and not _LIKE.search(text) and not _NEGATIVE.search(text)
            and sentence_spans(text, titles)):
        # "my kids loved Cascadia": a catalogue title in a sentence that asks nothing states it, even beside
        # words that could be moods ("kids")
        return AddWatched(split_titles(_TRAILING_NOISE.sub("", text)), liked=bool(LIKED.search(text)))
    if asking_lines == 0 and (taste := _taste(text, titles)) is not None:
        return taste
    # a bare genre or mood ("comedy", "something funny", "a thriller from the 80s"), "a French film" or "nothing
    # after 1995" asks; a title with its year ("Crimes and Misdemeanors (1989)") names a movie
    short = len(text.split()) <= 10 and not _TITLE_YEAR.search(text)
    if asking_lines or _LIKE.search(text) or short and (_genres_in(text, REQUEST_GENRE_WORDS) or _A_MOVIE.search(text)
                                  or _YEAR_BOUNDS.search(text) or _DECADE.search(text)):
        return read_request(text, titles)
    if titles is not None and _NEGATIVE.search(text) and (ruled_out := read_request(text, titles)).excluded_movies:
        return ruled_out  # "no more Star Wars": a request without them
    return AddWatched(split_titles(text), guessed=True) if len(text) <= 200 else Rejected(
        "I did not understand that. Say \"I watched ...\" with some titles, or \"what should I watch next?\"")


__all__ = ["MAX_MESSAGE_CHARS", "MAX_TITLES", "MOOD_GENRES", "UNSUPPORTED", "Constraints", "TitleLine", "TitleList",
           "clean_text", "Help", "ShowHistory", "StartOver", "AddWatched", "RemoveWatched", "Recommend", "Rejected",
           "SetTaste", "SmallTalk", "ForgetMe", "Answer", "Undo", "SeenThose", "Intent", "read_message",
           "read_request", "read_short_reply", "split_titles", "looks_conversational"]
