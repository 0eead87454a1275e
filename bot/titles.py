"""Which catalogue movies a list of title pieces names, in one batch of matcher queries.

A line such as "Sense and Sensibility, Heat and The Karate Kid, Part II (1986)" is cut at every separator
(bot.messages); each run of up to `MAX_JOINED` neighbouring pieces is one query, all sent to the matcher in a
single batch, and a small dynamic programme picks the reading that names the most pieces surely, preferring
whole titles to fragments. The work is linear in the number of pieces (at most 3 queries each, and bot.messages
reads at most MAX_TITLES pieces), and never more than the message's budget of queries and characters (bot.budget),
where splitting and re-trying both halves at every "and" was exponential.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.budget import MeteredIndex, WorkBudget, WorkLimits
from bot.dialogue import chosen_among, chosen_by_kind
from bot.intents import Answer
from bot.messages import THE_NAMED_ONE, TitleList
from recommender.catalog import Movie
from bot.mentions import sentence_around, sentence_spans
from recommender.matching import TitleMatch, TitleMatcher, split_mention
from recommender.titles import HELD_LETTER, TitleIndex, everyday_name, normalize_title, strip_article

MAX_JOINED = 3  # "Sex, Lies, and Videotape" and "The Good, the Bad and the Ugly" are three pieces
# Matcher queries for one message (bot.budget.WorkLimits, with the characters they may hold). A long list joins
# fewer pieces rather than ask more.
MAX_QUERIES = WorkLimits.queries


@dataclass(frozen=True)
class SureRule:
    """When a match is sure enough to store without asking."""
    confident: float = 0.80  # the best match scores at least this
    margin: float = 0.04  # ... and the next-best movie at least this much lower
    suggest_floor: float = 0.50  # "did you mean" offers movies scoring at least this
    choices: int = 3
    # One clearly best candidate ("teh matrix"): stored at once, with an undo offered, instead of asking
    likely: float = 0.62  # the matcher's own threshold: one slip scores 0.65-0.72, other movies 0.2 lower
    likely_margin: float = 0.15


@dataclass(frozen=True)
class Unsure:
    text: str  # what the user typed for it
    choices: tuple[Movie, ...]  # "did you mean" candidates, best first; empty: unknown
    likely: Movie | None = None  # the one clearly best candidate, when there is one
    # why it names no movie of the catalogue, when that is known: "outside" (a film the catalogue does not hold,
    # `outside` says which), "sequel" (a number none of the series' films in `near` has), "joined" (two names run
    # together, `near`, as one title: "top gun maverick"), "newer" (a year typed beside it after the catalogue's
    # newest: "dune (2021)")
    reason: str = ""
    outside: str = ""
    near: tuple[Movie, ...] = ()


@dataclass(frozen=True)
class Resolution:
    movies: tuple[Movie, ...]  # named surely, in the order typed
    unsure: tuple[Unsure, ...]
    in_order: tuple[Movie | Unsure, ...] = ()  # both, in the order typed
    queries: int = 0  # matcher queries spent


def _clear_leader(ranked: list[TitleMatch], floor: float, margin: float) -> Movie | None:
    """The best movie when it scores at least `floor` and at least `margin` above the next one."""
    if not ranked:
        return None
    runner_up = ranked[1].confidence if len(ranked) > 1 else -1.0
    best = ranked[0]
    return best.movie if best.confidence >= floor and best.confidence - runner_up >= margin else None


def sure_movie(ranked: list[TitleMatch], rule: SureRule) -> Movie | None:
    return _clear_leader(ranked, rule.confident, rule.margin)


def _spelled_alike(typed: str, movie: Movie) -> bool:
    """About as long as the title, as a slip is ("forest gump", "toystory"): not a longer title that holds it
    ("Pan's Labyrinth" for Labyrinth) nor a short word inside a longer one ("Coco" for Cocoon)."""
    letters = lambda text: strip_article(normalize_title(text)).replace(" ", "")  # noqa: E731
    typed_letters = letters(split_mention(typed)[0])
    names = {letters(movie.display_title), re.sub(r"[^a-z0-9]", "", movie.display_title.lower())}
    return any(abs(len(typed_letters) - len(name)) <= max(1, len(name) // 5) for name in names)


def likely_movie(ranked: list[TitleMatch], rule: SureRule) -> Movie | None:
    movie = _clear_leader(ranked, rule.likely, rule.likely_margin)
    return movie if movie is not None and _spelled_alike(ranked[0].mention, movie) else None


MIN_SWAPPED_LENGTH = 5  # letters: a shorter word with two letters swapped is as often another word


def _swapped_letters(typed: str, movie: Movie, index: TitleIndex | MeteredIndex | None) -> Movie | None:
    """The one candidate for a word said watched whose name it spells with two letters swapped ("matirx": The
    Matrix), a slip of typing; None otherwise."""
    if index is None:
        return None
    from rapidfuzz.distance import DamerauLevenshtein, Levenshtein

    spelled = strip_article(normalize_title(split_mention(typed)[0]))
    if " " in spelled or len(spelled) < MIN_SWAPPED_LENGTH:
        return None
    names = index.names_of(movie.movie_id) or [strip_article(normalize_title(movie.display_title))]
    return movie if any(DamerauLevenshtein.distance(spelled, name) == 1 and Levenshtein.distance(spelled, name) == 2
                        for name in names) else None


def _numbered_alike(movie: Movie | None, typed: str, index: TitleIndex | MeteredIndex | None) -> Movie | None:
    """The movie, when its names carry the sequel numbers typed ("rocky 3" is not Rocky): a match that only
    spells alike is never stored for another number of its series."""
    if movie is None or index is None:
        return movie
    return movie if index.numbers_agree(split_mention(typed)[0], movie.movie_id) else None


def _spelled_like_a_name(typed: str, movie: Movie, index: TitleIndex | MeteredIndex | None) -> bool:
    """Whether "did you mean" may offer the movie for `typed`: every word typed is a name's word or a slip of one
    ("Chonatown", "Soxth Sense"), or the letters run together are ("chin atown", "teh matrix"); not a film that
    shares one word ("The Dark Knight": First Knight; "Casino Royale": Casino)."""
    if index is None:
        return True
    from rapidfuzz.distance import DamerauLevenshtein

    spelled = strip_article(normalize_title(split_mention(typed)[0]))
    names = index.names_of(movie.movie_id) or [strip_article(normalize_title(movie.display_title))]
    words = {w for name in names for w in name.split()}
    letters = spelled.replace(" ", "")
    if any(DamerauLevenshtein.normalized_similarity(letters, name.replace(" ", "")) >= 0.85
           or DamerauLevenshtein.normalized_similarity(normalize_title(typed).replace(" ", ""),
                                                      f"the{name}".replace(" ", "")) >= 0.85 for name in names):
        return True
    return all(w.isdigit() or len(w) <= 2 or any(DamerauLevenshtein.distance(w, n) <= (1 if len(w) < 9 else 2)
                                                 for n in words) for w in spelled.split())


def _not_held(text: str, index: TitleIndex | MeteredIndex | None) -> Unsure | None:
    """A piece that names a film the catalogue does not hold, said so rather than matched to another: a nickname
    of one ("lotr"), a number of a series that none of its films has (asked among those that may be it, "alien 4",
    or declined, "toy story 4"), two names run together as one title ("Top Gun: Maverick")."""
    if index is None:
        return None
    name, _ = split_mention(text)
    catalog = index.catalog
    if outside := index.outside(name):
        return Unsure(text, (), reason="outside", outside=outside)
    typed_year = split_mention(text)[1]
    if typed_year is not None and len(catalog) and typed_year > int(catalog.years.max()) + 1:
        # "the new dune (2021)" on a catalogue that ends in 2000 is not Dune (1984), whatever the name says
        return Unsure(text, (), reason="newer")
    if (sequel := index.sequel(name)) is not None:
        return Unsure(text, tuple(catalog.by_id(m) for m in sequel.candidates[:SureRule.choices]), reason="sequel",
                      near=tuple(catalog.by_id(m) for m in sequel.members))
    bare = name.strip(" \t.,!?;\"'“”‘’")
    offset = name.find(bare)
    for unnamed in index.unnamed(name):
        if unnamed.reason == "joined" and unnamed.start <= offset and unnamed.stop >= offset + len(bare):
            return Unsure(text, (), reason="joined", near=tuple(catalog.by_id(m) for m in unnamed.movies))
    return None


def span_queries(titles: TitleList, max_joined: int = MAX_JOINED) -> list[str]:
    """Every text the resolution asks the matcher about, each once."""
    queries = {}
    for line in titles.lines:
        for start in range(len(line.pieces)):
            for stop in range(start + 1, min(start + max_joined, len(line.pieces)) + 1):
                queries[line.span(start, stop)] = None
    return list(queries)


def bounded_queries(titles: TitleList, max_joined: int = MAX_JOINED,
                    budget: WorkBudget | None = None) -> tuple[list[str], int]:
    """(the queries, how many pieces may join) within what is left of the message's budget: fewer joined pieces
    for a long list or long pieces. Past the budget, pieces stay unknown; a piece too long to be a title is
    never asked (bot.budget)."""
    budget = budget if budget is not None else WorkBudget()
    while True:
        queries = span_queries(titles, max_joined)
        if budget.fits(queries) or max_joined == 1:
            return budget.affordable(queries), max_joined
        max_joined -= 1


def _named_by_its_start(typed: str, choices: tuple[Movie, ...]) -> Movie | None:
    """The one film offered whose title starts with the words typed, a name people shorten a title to
    ("shawshank": The Shawshank Redemption, "ferris bueller"); stored with an undo offered, like a slip. None for a short or a
    common start ("the", "star") or when several films are offered."""
    if len(choices) != 1:
        return None
    words = strip_article(normalize_title(split_mention(typed)[0]))
    title = strip_article(normalize_title(choices[0].display_title))
    # ... or its owner's name, the possessive dropped ("ferris bueller": Ferris Bueller's Day Off)
    starts = title.startswith(f"{words} ") or " " in words and title.startswith(f"{words}s ")
    return choices[0] if len(words) >= 6 and starts and not everyday_name(words) else None


_FIRST_OF_SERIES = re.compile(r"^(?P<series>.+?)\s+(?:part\s+)?(?:1|i)$", re.I)


_A_SCORE = re.compile(r"^\s*an?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)\s*$", re.I)


def _exact_movie(text: str, index: TitleIndex | MeteredIndex | None) -> Movie | None:
    """The one movie `text` is exactly a name of ("T2", "A New Hope", "toystory"), its year agreeing if given."""
    if index is None:
        return None
    name, year = split_mention(text)
    if _A_SCORE.match(name):
        return None  # "Unforgiven, a seven": a score, not Se7en
    movies, _ = index.lookup(name)
    if not movies and HELD_LETTER.search(name):
        # "Pattton", "Jawsss": a letter typed three times or more is the name's letter, once or twice
        movies = index.lookup(HELD_LETTER.sub(r"\1\1", name))[0] or index.lookup(HELD_LETTER.sub(r"\1", name))[0]
    if not movies and (first := _FIRST_OF_SERIES.match(name)) is not None and index.lookup(f"{first['series']} 2")[0]:
        # "bttf 1", "rocky 1": the first film of a series with a second, named by the series alone ("the big one" is none)
        movies, _ = index.lookup(first["series"])
    if len(movies) != 1:
        return None
    movie = index.catalog.by_id(movies[0])
    return movie if year is None or movie.year is None or abs(movie.year - year) <= 1 else None


def _titles_inside(unsure: Unsure, index: TitleIndex | MeteredIndex | None, said_watched: bool) -> list[Movie | Unsure]:
    """The titles named inside a piece that is not one ("I think I've seen Braveheart", "Have you seen Jurassic
    Park"): each span naming one movie, or asked about when it names several ("Star Trek")."""
    if index is None or unsure.likely is not None:
        return [unsure]
    spans = sentence_spans(unsure.text, index, said_watched=said_watched)
    if not spans or not sentence_around(unsure.text, spans):
        return [unsure]
    catalog = index.catalog
    return [catalog.by_id(s.movies[0]) if len(s.movies) == 1
            else Unsure(s.text, tuple(catalog.by_id(m) for m in s.movies[:3])) for s in spans]


def resolve_titles(titles: TitleList, matcher: TitleMatcher, rule: SureRule = SureRule(),
                   max_joined: int = MAX_JOINED, budget: WorkBudget | None = None,
                   index: TitleIndex | MeteredIndex | None = None, said_watched: bool = True) -> Resolution:
    """`budget`: what this message has left (several acts of one message share one; None: a fresh one). With
    the catalogue's `index`, a piece that is exactly one movie's name is that movie, and titles are looked for
    inside pieces that are not titles; `said_watched`: the message said it was watched (one everyday word may
    be a title then)."""
    budget = budget if budget is not None else WorkBudget()
    queries, max_joined = bounded_queries(titles, max_joined, budget)
    exact = {q: movie for q in queries if (movie := _exact_movie(q, index)) is not None}
    not_held = {q: unsure for q in queries if q not in exact and (unsure := _not_held(q, index)) is not None}
    # a piece that is exactly one movie's name is that movie whatever the matcher says, one that names a film the
    # catalogue does not hold is none: only the others are matched (SBERT and spelling scores), which spares most
    # of a typed or pasted list's cost
    asked = [q for q in queries if q not in exact and q not in not_held]
    budget.take_queries(asked)
    ranked = dict(zip(asked, matcher.candidates_many(asked, limit=rule.choices))) if asked else {}
    in_order: list[Movie | Unsure] = []
    for line in titles.lines:
        n = len(line.pieces)
        # best[j]: (pieces named surely, pieces named likely, -segments) for pieces 0..j-1, and the segments
        # [(start, stop, sure movie or None)]. A joined span counts when it is sure or likely ("Harokd and Maude").
        best: list[tuple[tuple[int, int, int], list]] = [((0, 0, 0), [])] + [((-1, 0, 0), [])] * n
        for stop in range(1, n + 1):
            for start in range(max(0, stop - max_joined), stop):
                text = line.span(start, stop)
                options = ranked.get(text, [])
                movie = exact.get(text) or _numbered_alike(sure_movie(options, rule), text, index)
                likely = movie is None and _numbered_alike(likely_movie(options, rule), text, index) is not None
                if movie is None and not likely and stop - start > 1:
                    continue  # an unknown piece stands alone
                (named, guessed, segments), path = best[start]
                score = (named + (stop - start if movie else 0), guessed + (stop - start if likely else 0),
                         segments - 1)
                if score > best[stop][0]:
                    best[stop] = (score, path + [(start, stop, movie)])
        for start, stop, movie in best[n][1]:
            if movie is not None:
                in_order.append(movie)
            else:
                text = line.span(start, stop)
                if text in not_held:
                    in_order.append(not_held[text])
                    continue
                options = ranked.get(text, [])
                choices = tuple(m.movie for m in options if m.confidence >= rule.suggest_floor
                                and _numbered_alike(m.movie, text, index) is not None
                                and _spelled_like_a_name(text, m.movie, index))
                likely = (_numbered_alike(likely_movie(options, rule), text, index) or _named_by_its_start(text, choices)
                          or (_swapped_letters(text, choices[0], index) if said_watched and len(choices) == 1 else None))
                in_order.extend(_titles_inside(Unsure(text, choices, likely), index, said_watched))
    in_order = _trimmed(in_order, matcher, rule, budget, index, said_watched)
    return Resolution(tuple(m for m in in_order if isinstance(m, Movie)),
                      tuple(u for u in in_order if isinstance(u, Unsure)), tuple(in_order), len(asked))


# days and times said after a title, short and long ("watched heat sat", "seen jaws yday")
_DAY_WORDS = (r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
              r"yday|tonite|wknd|weekend")
# words that start talk after a title, never the rest of one: "this wekend", "for the first time", "on cable"
# ("Casino Royale" is another film, not Casino and talk; "sand runer 3" is a sequel, not Sand Runner)
_TALK_STARTS = re.compile(r"^(?:this|last|for|on|at|with|yesterday|tonight|today|again|twice|finally|lol|haha+|after|"
                          r"before|when|while|because|cause|and|but|so|which|that|is|was|it|its|it's|i|we|me|my|"
                          rf"from|over|during|straight|earlier|recently|already|too|as|still|probably|prob|{_DAY_WORDS})"
                          r"[\W]*$", re.I)
# a day or time said right after a one-word title that was said watched
_TIME_AFTER = re.compile(rf"^(?:{_DAY_WORDS}|yesterday|tonight|today|last|this)[\W]*$", re.I)
# a piece that still holds its viewing verb, the words before it misspelt ("i finaly watched X", "watchin X")
_VERB_LEAD = re.compile(r"^(?:\w+\s+){0,3}(?:watch(?:ed|in|ing)?|watchd|seen|saw|finished|caught|rewatched)\s+"
                        r"(?P<rest>\S+(?:\s+\S+){0,5})\s*$", re.I)  # one way to split: linear on any input
MAX_LED_PIECE = 80  # characters: a piece longer than a verb, a few words and a title is no slip
# a viewing said anywhere in a sentence that runs on, and the words it may take as a misspelt title
_VIEWING_LEAD = re.compile(r"\b(?:watch(?:ed|in|ing)|watchd|seen|saw|finished|caught|rewatched|got (?:a)?round to|"
                           r"stayed (?:up|awake) (?:for|through)(?: the whole of)?|sat through)\s+(?:the whole of\s+)?", re.I)
MAX_SENTENCE_PIECE = 200  # characters
MAX_TAKEN_WORDS = 5
MAX_TRIMMED_WORDS = 4  # words of talk after a title that a piece may carry ("indepence day this wekend")


def _trimmed(in_order: list, matcher: TitleMatcher, rule: SureRule, budget: WorkBudget,
             index: TitleIndex | MeteredIndex | None, said_watched: bool = False) -> list:
    """Each piece that names no movie, read again without its last words: "jurrasic park" is named, but
    "indepence day this wekend" and "breakfast at tiffanys for the first time" are a misspelt title and talk.
    The longest start that names a movie surely, or likely (stored with an undo), takes the piece's place; its
    queries come out of the message's budget, so a long message asks no more."""
    starts: dict[int, list[str]] = {}
    for i, item in enumerate(in_order):
        if not isinstance(item, Unsure) or item.likely is not None or item.reason:
            continue
        words = split_mention(item.text)[0].split()
        starts[i] = [" ".join(words[:k]) for k in range(len(words) - 1, max(0, len(words) - 1 - MAX_TRIMMED_WORDS), -1)
                     if (k >= 2 or len(words[0]) >= 6 or said_watched and _TIME_AFTER.match(words[1]))
                     and _TALK_STARTS.match(words[k])]
        # "the outlaw josie wales on the western channel this week": the words up to the first that opens talk,
        # however long the talk after it
        first_talk = next((k for k in range(2, len(words)) if _TALK_STARTS.match(words[k])), None)
        if first_talk is not None and " ".join(words[:first_talk]) not in starts[i]:
            starts[i].append(" ".join(words[:first_talk]))
        if len(item.text) <= MAX_LED_PIECE and (led := _VERB_LEAD.match(item.text)) is not None:
            starts[i].insert(0, led["rest"])  # "i finaly watched the shawshenk redemtion": a slip kept the verb in
        elif len(item.text) <= MAX_SENTENCE_PIECE and (lead := _VIEWING_LEAD.search(item.text)) is not None:
            # "finally got around to shaw shank redemption everybody at the yard ...": the words the viewing takes,
            # longest first, in a sentence that runs on
            after = item.text[lead.end():].split()[:MAX_TAKEN_WORDS]
            starts[i][:0] = [" ".join(after[:k]) for k in range(len(after), 1, -1)]
    # an everyday word of one word is a title here only in a message that said it was watched ("watched heat sat")
    queries = budget.affordable(list(dict.fromkeys(q for qs in starts.values() for q in qs
                                                   if not everyday_name(strip_article(normalize_title(q)))
                                                   or said_watched and len(q.split()) == 1)))
    if not queries:
        return in_order
    budget.take_queries(queries)
    ranked = dict(zip(queries, matcher.candidates_many(queries, limit=rule.choices)))
    result = list(in_order)
    for i, texts in starts.items():
        for text in texts:  # longest first
            options = ranked.get(text, [])
            sure = _numbered_alike(sure_movie(options, rule), text, index)
            likely = sure or _numbered_alike(likely_movie(options, rule), text, index)
            if likely is not None:
                result[i] = sure if sure is not None else Unsure(text, (likely,), likely)
                break
    return result


# words said after a title in a remove that are not part of it: "remove part 2 actually"
_TRAILING_FILLER = re.compile(r"(?:\s+(?:actually|please|pls|plz|too|lol|then|now|as well|also|thanks|thx))+\s*$", re.I)


def version_chosen(versions: list[Movie], said: Answer) -> Movie | None:
    """The one of several versions of one name ("Cape Fear" 1962 and 1991) that a year or an age word picks
    ("the remake", "the 1962 original"); None when they are not versions of one name or the words pick none."""
    # "Little Shop of Horrors" (1986) and "The Little Shop of Horrors" (1960): one name, with or without its article
    if len(versions) < 2 or len({strip_article(normalize_title(m.display_title)) for m in versions}) != 1:
        return None
    years = {m.movie_id: m.year for m in versions}
    chosen = chosen_among(tuple(years), None, said.year, years, said.age, said.decade) if said.kind is None else \
        chosen_by_kind(tuple(years), {m.movie_id: m.genres for m in versions}, said.kind)
    return next((m for m in versions if m.movie_id == chosen), None)


def fragment_in_history(typed: str, movies: list[Movie], names_of) -> Movie | None:
    """The one movie of the history whose name ends with the words typed, its subtitle or number ("remove part 2
    actually" with The Godfather and The Godfather: Part II in the history: Part II); None when none or several
    do. A name's start is a series' name and is asked about, not guessed. `names_of`: a movie id -> its bare
    names (TitleIndex.names_of)."""
    words = strip_article(normalize_title(_TRAILING_FILLER.sub("", split_mention(typed)[0])))
    if not words:
        return None
    if re.fullmatch(r"[ivx]{1,4}", words):
        words = normalize_title(f"x {words}")[2:]  # "take IV off": a number said alone, as the names spell it
    found = [m for m in movies if any(name.endswith(f" {words}")
                                      for name in names_of(m.movie_id) or [strip_article(normalize_title(m.display_title))])]
    return found[0] if len(found) == 1 else None


def named_one_in_history(typed: str, movies: list[Movie]) -> Movie | None:
    """"the Empire one": the one movie of the history whose title holds those words; None when none or several do."""
    if (one := THE_NAMED_ONE.match(typed)) is None:
        return None
    # (the words with any marks between: "the lock stock one" is "Lock, Stock & Two Smoking Barrels")
    words = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in one["word"].split()) + r"\b", re.I)
    held = [m for m in movies if words.search(m.display_title)]
    return held[0] if len(held) == 1 else None


def start_in_history(typed: str, movies: list[Movie], titles_starting) -> Movie | None:
    """The movie of the history that the words typed start, when it is the one film of the catalogue whose title
    starts so ("take Dial M off": Dial M for Murder); None for one word, or for a start that several films share (a
    series' name, asked about instead). `titles_starting`: bare words -> the movie ids whose titles start so
    (TitleIndex.titles_starting)."""
    words = strip_article(normalize_title(_TRAILING_FILLER.sub("", split_mention(typed)[0])))
    if len(words.split()) < 2:
        return None
    starting = titles_starting(words)
    return next((m for m in movies if m.movie_id == starting[0]), None) if len(starting) == 1 else None


@dataclass(frozen=True)
class HistoryRule:
    """When a typed title surely names a movie of the user's history (a handful of titles, so a spelling slip
    is told apart safely): `sure` and ahead of the next by `margin`; from `near` it is asked about."""
    sure: float = 0.8
    margin: float = 0.1
    near: float = 0.6


_YEAR_AT_END = re.compile(r"\s+(?:18|19|20)\d{2}$")


def _spelled(text: str) -> str:
    return strip_article(_YEAR_AT_END.sub("", normalize_title(text)))


def series_of(display_title: str) -> str:
    """The name a series' films share, as people number them: "The Godfather: Part III" -> "The Godfather", "Home
    Alone 2: Lost in New York" -> "Home Alone", "Die Hard: With a Vengeance" -> "Die Hard", "Alien³" -> "Alien"."""
    name = re.sub(r"[²³]$", "", display_title.split(":")[0].strip())
    return re.sub(r"\s+(?:part\s+)?(?:\d{1,2}|[ivx]{1,4})$", "", name, flags=re.I)


def same_series(a: str, b: str) -> bool:
    """Whether two display titles are films of one series ("Star Wars: Episode IV - A New Hope", "Star Wars: Episode V
    - The Empire Strikes Back")."""
    return series_of(a).lower() == series_of(b).lower()


def closest_in_history(typed: str, movies: list[Movie], rule: HistoryRule = HistoryRule()) -> tuple[Movie | None, Movie | None]:
    """(the history movie `typed` surely names, or None; the one it may name, to ask about, or None). Spelling
    slips count ("shpere" -> Sphere); numbers never do: "star trek 3" does not surely name Star Trek II, and
    Star Trek II does not stand in the way of "sphre 2" naming Sphere 2."""
    from difflib import SequenceMatcher

    from recommender.titles import title_aliases

    spelled = _spelled(typed)
    if not spelled or not movies:
        return None, None
    numbers = set(re.findall(r"\d+", spelled))
    scored = []
    for movie in movies:
        names = {_spelled(name) for name in [movie.display_title, *title_aliases(movie)]}
        # "shawshenk": the first words of a longer title, as people shorten it, said with a slip
        words = len(spelled.split())
        names |= {" ".join(name.split()[:words]) for name in list(names) if len(name.split()) > words
                  and len(spelled) >= 5 and len(name.split()[0]) >= 5
                  and not re.search(r"\d|\b[ivx]+\b", " ".join(name.split()[words:]))}  # never a sequel's number
        score, agrees = max((SequenceMatcher(None, spelled, name).ratio(), set(re.findall(r"\d+", name)) == numbers)
                            for name in names if name)
        scored.append((score, agrees, movie))
    scored.sort(key=lambda s: -s[0])
    same_numbers = [(score, movie) for score, agrees, movie in scored if agrees]  # the only ones it may surely name
    if same_numbers:
        best, movie = same_numbers[0]
        runner_up = same_numbers[1][0] if len(same_numbers) > 1 else 0.0
        if best >= rule.sure and best - runner_up >= rule.margin:
            return movie, None
    best, _, movie = scored[0]
    return None, (movie if best >= rule.near else None)
