"""How people name catalogue movies, and where a sentence names one (pure: no model).

A movie goes by more than its catalogue title. From the catalogue itself we derive:
- the title's own forms: "Seven (Se7en)", "Seven", "Se7en"; "Matrix, The" as "the matrix";
- its parts: "A New Hope" and "Star Wars" for "Star Wars: Episode IV - A New Hope", "The Last Crusade" for
  "Indiana Jones and the Last Crusade", "Terminator 2" for "Terminator 2: Judgment Day";
- short forms: "T2" (initials and the sequel number), "ET" and "E.T." alike (letters with or without dots), the
  words run together ("toystory", "twelvemonkeys");
and add the names that no rule finds, kept as data (data/nicknames.tsv: "Star Wars" for the 1977 film, "bttf"), and
the sequel numbers a series' titles leave out where the catalogue proves them ("star trek 2": The Wrath of Khan).

Each name has a tier: the title itself (0), a well-known or run-together name (1), a part of the title (2), the
series a numbered sequel belongs to ("Toy Story" for "Toy Story 2": 3, used only to rule a whole series out). A
part may belong to several movies ("Star Wars" names four), which is how a franchise is named.

`TitleIndex.spans(text)` finds the word runs of a sentence that are exactly such a name ("Me and my wife watched
Notting Hill yesterday" -> "Notting Hill"), so titles are found inside ordinary sentences, not only after a verb.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from recommender.catalog import Movie, MovieCatalog

TITLE, KNOWN, PART, SERIES = 0, 1, 2, 3  # tiers: lower is a stronger claim to the name
MIN_JOINED_LETTERS = 8  # a name read with its spaces moved ("water world") has at least this many letters
# ... read so only after a word that says the film was seen: "I watched water world"
_VIEWED_BEFORE = re.compile(r"\b(?:watched|saw|seen|caught|finished|rewatched|re-watched|streamed|and then|then)\b", re.I)

# Names people use that nothing in the catalogue's titles gives away ("star wars" for the 1977 film, "bttf", "lotr"),
# kept as data: name <TAB> title <TAB> year. A film outside the catalogue is recognised and declined by name.
NICKNAMES_FILE = Path(__file__).resolve().parent / "data" / "nicknames.tsv"


EVERYDAY_FILE = Path(__file__).resolve().parent / "data" / "everyday_words.txt"
CAPITALISED_FILE = Path(__file__).resolve().parent / "data" / "capitalised_words.txt"
VERSION_PEOPLE_FILE = Path(__file__).resolve().parent / "data" / "version_people.tsv"
# Words a title holds besides its main words ("The Heat", "Up in Smoke"), never capitalised in one as a rule
# a letter held down or typed three times or more: "Pattton", "pleeease" (bot.titles, bot.act_reader)
HELD_LETTER = re.compile(r"([a-z])\1{2,}", re.I)
MINOR_WORDS = frozenset("""a an the of and or nor in on at to for with by from into onto as is are was be am it its i
you me my your we us our he she him his her they them their this that these those what how who not no do so up
out off""".split())


@functools.cache
def word_list(path: Path) -> frozenset[str]:
    """The words of a data file, one a line, "#" lines left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


# From this many titles on, a catalogue holds everyday phrases too ("Last Night", "The Way Home", "Something More"):
# a name of everyday words only is then a title only when written as one, whatever its length.
LARGE_CATALOGUE = 5_000


# words that rank the films of a series, said right before its name
_RANKED_BEFORE = re.compile(r"\b(?:best|worst|greatest|weakest|favou?rite|fave|fav)\s+$", re.I)
# ... but "something like the best Die Hard" starts from the film
_LIKE_THE_RANKED = re.compile(r"\b(?:like|than|as)\s+(?:the\s+|my\s+|your\s+)?\w+\s+$", re.I)
# ... where the ranking ends the phrase: "is still the best star wars, no debate" (not "my favourite alien is the first")
_RANK_ENDS = re.compile(r"\s*(?:[,.!?;]|$|\s+(?:no debate|hands down|ever|of all time|period|imo|tbh|for me|by far)\b)", re.I)
# a capitalised word right after a one-word name: the person's surname ("Michael Mann", "Emma Thompson's")
# (where the surname ends the phrase: "watched Casablanca Tom said it was great" names the film, then Tom)
_SURNAME_AFTER = re.compile(r"\s+(?P<surname>[A-Z][a-z]{2,})(?:'s\b|(?=\s*(?:[.,;:!?]|$)|\s+(?:in|as|from|with|on|at|for)\b))")
# capitalised words that follow a title without naming a person: days, months, "And", "Too"
_NOT_SURNAMES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december and but too also again the then with was is anyway finally tonight today
yesterday tomorrow twice though tho lol last now already recently once""".split())
_COUNT_FIRST = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred)\s")


def everyday_name(bare: str, phrases: bool = False) -> bool:
    """Whether a name is everyday words a sentence holds without meaning a film: at most one main word, and it an
    everyday one ("heat", "her", "the game", "a big"), not "Notting Hill", "Braveheart" or "Toy Story"; with
    `phrases` (a large catalogue), any number of everyday main words ("last night", "toy story")."""
    words = bare.split()
    main = [w for w in words if w not in MINOR_WORDS]
    return (len(main) <= 1 or phrases) and all(w in word_list(EVERYDAY_FILE) or w.isdigit() for w in main)


@functools.cache
def version_people(path: Path = VERSION_PEOPLE_FILE) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """(group, year, names) per line of the version-people file: the people who tell a version of a film apart."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, _title, year, names = (field.strip() for field in line.split("\t"))
            rows.append((group, int(year), tuple(n.strip().lower() for n in names.split(",") if n.strip())))
    return tuple(rows)


@functools.cache
def nicknames(path: Path = NICKNAMES_FILE) -> tuple[tuple[str, str, int], ...]:
    """(name, title, year) per line of the nicknames file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, title, year = (field.strip() for field in line.split("\t"))
            rows.append((name, title, int(year)))
    return tuple(rows)


_ARTICLE_AT_END = re.compile(r"^(?P<body>.+), (?P<article>the|a|an|les|la|le|l'|il|das|der|die|el)$", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)")
_SPELLINGS = [
    (re.compile(r"\s*&\s*"), " and "),
    (re.compile(r"\bvs\.?(?=\s)"), "versus"),
    (re.compile(r"\bdr\.?(?=\s)"), "doctor"),
    (re.compile(r"\bmr\.?(?=\s)"), "mister"),
    (re.compile(r"\bst\.?(?=\s)"), "saint"),
    (re.compile(r"\bpt\.?(?=\s)"), "part"),
]
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6"}
# Number words as digits, anywhere in a title: "Twelve Monkeys" / "12 Monkeys", "Toy Story two" / "Toy Story 2".
# "one" stays a word ("One Flew Over...", "the first one"), as does "seven" (Se7en has its own alias).
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "eight": "8", "nine": "9",
                 "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15",
                 "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20"}
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
# A subtitle that says nothing on its own: "Part II", "The Movie", "Episode I"
_GENERIC_PART = re.compile(r"^(?:the |a )?(?:part|episode|chapter|vol(?:ume)?|book)\b|^(?:the )?(?:movie|sequel|"
                           r"motion picture|film|final chapter|beginning|return|revenge|next generation)$")
_SEQUEL = re.compile(r"^(?P<name>[a-z][a-z ]*?) (?P<number>[2-9])$")


def normalize_title(title: str) -> str:
    """A spelling-insensitive form: lower case, no accents or punctuation, "&"/"and", II/2, article in front,
    letters with or without dots alike ("E.T." and "ET" -> "et")."""
    # a superscript number is a sequel's ("Alien³"): a word of its own, as people type it ("alien 3")
    title = re.sub(r"(?<=\w)([²³¹⁴⁵⁶⁷⁸⁹])", r" \1", title)
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower().strip()
    article = _ARTICLE_AT_END.match(text)
    if article:
        text = f"{article['article']} {article['body']}"
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # "e.t." -> "et."; "l.a." -> "la."
    text = re.sub(r"[^a-z0-9 ]+", " ", text.replace("'", ""))
    words = [_NUMBER_WORDS.get(w, _ROMAN.get(w, w) if i > 0 else w) for i, w in enumerate(text.split())]
    return " ".join(words)


def strip_article(normalized: str) -> str:
    return _LEADING_ARTICLE.sub("", normalized)


def title_aliases(movie: Movie) -> list[str]:
    """The names in a movie's own title: "Seven (Se7en)" -> "Seven (Se7en)", "Seven", "Se7en"."""
    aliases = [movie.display_title]
    base = _PARENTHETICAL.sub("", movie.display_title).strip()
    if base and base != movie.display_title:
        aliases.append(base)
    for inner in _PARENTHETICAL.findall(movie.display_title):
        inner = re.sub(r"^a\.k\.a\.\s*", "", inner.strip(), flags=re.IGNORECASE)
        if inner:
            aliases.append(inner)
    return aliases


# words that make "X's" no owner's name: a pronoun's "is", a phrase's first word
_NOT_AN_OWNER = re.compile(r"^(?:On|In|At|Of|For|To|From|With|Guess|The|A|An)\b|\b(?:She|He|It|That|What|Who|Let|Here|"
                           r"Where|How|Everybody|Everyone|Somebody|Nobody)$")


def title_parts(title: str) -> list[str]:
    """The parts of a title people say alone: main title and subtitle ("Star Wars", "A New Hope"), or the two
    halves of "Indiana Jones and the Last Crusade". Parts that say nothing alone ("Part II") are left out."""
    parts: list[str] = []
    pieces = re.split(r": | - ", title)
    if len(pieces) > 1:
        parts.append(re.sub(r"\s+or$", "", pieces[0]))  # "Dr. Strangelove or: How I Learned ..."
        parts.extend(pieces[1:])
    halves = re.match(r"^(?P<name>(?:[A-Z][\w'.]*\s){1,3}?)and the (?P<rest>\w+(?:\s\w+)+)$", pieces[0])
    if halves:
        parts += [halves["name"].strip(), f"the {halves['rest']}"]
    # "Close Encounters of the Third Kind" -> "Close Encounters": two or three words before "of the" (one word,
    # "Return", "Silence", says nothing alone)
    leading = re.match(r"^(?:(?:The|A|An)\s)?(?P<name>[A-Z][\w'.]*(?:\s[A-Z][\w'.]*){1,2})\sof the\s\w", pieces[0])
    if leading:
        parts.append(leading["name"])
    # "Monty Python's Life of Brian" -> "Life of Brian", "William Shakespeare's Romeo and Juliet" -> "Romeo and
    # Juliet": a film said without the name it is sold under (three words or more: "Bram Stoker's Dracula" is not
    # "Dracula", "Wayne's World 2" not "World 2", "Pee-wee's Big Adventure" not "big adventure"); not a pronoun's "is"
    # ("She's All That"), nor a phrase's ("On Her Majesty's Secret Service", "Guess Who's Coming to Dinner")
    owned = re.match(r"^(?P<owner>(?:[A-Z][\w.&-]*\s){0,2}[A-Z][\w.-]*)'s\s(?P<rest>\S+(?:\s\S+)+)$", pieces[0])
    if owned and not _NOT_AN_OWNER.search(owned["owner"]) and len(re.findall(r"[A-Za-z]+", owned["rest"])) >= 3 \
            and not re.search(r"\d$", owned["rest"]):
        parts.append(owned["rest"])
    kept = []
    for part in parts:
        bare = strip_article(normalize_title(part))
        if bare and not _GENERIC_PART.search(bare) and (len(bare.split()) >= 2 or len(bare) >= 6):
            kept.append(part)
    return kept


def short_forms(normalized: str) -> list[str]:
    """"terminator 2" -> "t2", "toy story 2" -> "ts2": initials and the sequel number."""
    sequel = _SEQUEL.match(strip_article(normalized))
    if not sequel or " part" in sequel["name"]:
        return []
    return ["".join(w[0] for w in sequel["name"].split()) + sequel["number"]]


def run_together(normalized: str) -> str:
    return normalized.replace(" ", "")


def movie_names(movie: Movie) -> list[tuple[str, int]]:
    """(normalized name, tier) for every name of this movie derived from its title, strongest first."""
    names: dict[str, int] = {}

    def add(text: str, tier: int) -> None:
        name = normalize_title(text)
        if name and names.get(name, 9) > tier:
            names[name] = tier

    own = title_aliases(movie)
    for alias in own:
        add(alias, TITLE)
    for alias in own:
        for part in title_parts(alias):
            add(part, PART)
    for name, tier in list(names.items()):
        if len(strip_article(name).split()) >= 2:
            add(run_together(strip_article(name)), max(tier, KNOWN))
        for short in short_forms(name):
            add(short, PART)
        sequel = _SEQUEL.match(strip_article(name))
        if sequel:
            add(sequel["name"], SERIES)
        numbered = re.match(r"^(?P<name>.+) part (?P<number>\d+)$", name)  # "the godfather part 2" -> "the godfather 2"
        if numbered:
            add(f"{numbered['name']} {numbered['number']}", PART)
    spelled = re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", movie.display_title).lower())
    if len(spelled) >= 6:
        add(spelled, KNOWN)  # "twelvemonkeys", with the number word kept
    return sorted(names.items(), key=lambda item: item[1])


def sequel_numbers(normalized: str) -> frozenset[str]:
    """The numbers of a normalized name that are not years: "star trek 2" -> {"2"}; "2001", "the matrix 1999" -> {};
    "seven" and "one", which names keep as words, count as numbers here ("7 Samurai" is Seven Samurai)."""
    words = [_KEPT_NUMBER_WORDS.get(w, w) for w in normalized.split()]
    return frozenset(w for w in words if w.isdigit() and not 1870 <= int(w) <= 2030)


_KEPT_NUMBER_WORDS = {"one": "1", "seven": "7"}


def _numbers_in_series(series: str, names) -> set[int]:
    """The numbers a movie's names give it in a series: "star trek 4" of "Star Trek IV: The Voyage Home" -> {4}."""
    found = set()
    for name in names:
        bare = strip_article(name)
        if bare.startswith(series + " "):
            words = bare[len(series) + 1:].split()
            words = words[1:] if words[:1] == ["part"] else words
            if words and words[0].isdigit() and len(words[0]) <= 2:
                found.add(int(words[0]))
    return found


def _series_numbers(catalog: MovieCatalog, names: list[dict[str, int]]) -> None:
    """Adds the numbers a series' titles leave out, where the catalogue proves them: the films sharing a series name
    ("star trek"), oldest first, whose own numbers ("Star Trek III", "... IV") all stand at their place, number the
    unnumbered ones before the last numbered one ("star trek 2": The Wrath of Khan). A gap (a film the catalogue
    lacks) would move a numbered film off its place, so nothing is added then; past the last numbered film nothing
    is proved, and the chat asks (TitleIndex.sequel)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, movie_names_ in enumerate(names):
        for name in movie_names_:
            bare = strip_article(name)
            if " " in bare or len(bare) >= 4:
                owners[bare].add(i)
    taken = set(owners)
    for series, members in owners.items():
        if len(members) < 2 or sequel_numbers(series):
            continue
        ordered = sorted(members, key=lambda i: (catalog.movies[i].year or 9999, catalog.movies[i].movie_id))
        numbers = [_numbers_in_series(series, names[i]) for i in ordered]
        if not any(numbers) or any(found and place not in found for place, found in enumerate(numbers, start=1)):
            continue
        last = max(place for place, found in enumerate(numbers, start=1) if found)
        for place in range(1, last + 1):
            if not numbers[place - 1] and f"{series} {place}" not in taken:
                names[ordered[place - 1]][f"{series} {place}"] = KNOWN


def _nicknamed(catalog: MovieCatalog) -> dict[tuple[str, int], int]:
    """(normalized title, year) -> catalogue position, for the movies of the nicknames' years only (a large
    catalogue's titles are not all normalized again)."""
    years = {year for _, _, year in nicknames()}
    return {(normalize_title(m.display_title), m.year): i for i, m in enumerate(catalog.movies) if m.year in years}


def catalogue_names(catalog: MovieCatalog) -> list[list[tuple[str, int]]]:
    """Per movie (catalogue order), its names and tiers, the nicknames and the proved sequel numbers included."""
    names = [dict(movie_names(m)) for m in catalog.movies]
    # A part that is another movie's whole title ("Jurassic Park" in "The Lost World: Jurassic Park") names that
    # movie; here it only marks the series, for ruling it out.
    titles = {strip_article(name) for movie_names_ in names for name, tier in movie_names_.items() if tier == TITLE}
    titles |= {run_together(t) for t in titles}
    for movie_names_ in names:
        for name, tier in movie_names_.items():
            if tier == PART and strip_article(name) in titles:
                movie_names_[name] = SERIES
    by_label = _nicknamed(catalog)
    for name, title, year in nicknames():
        index = by_label.get((normalize_title(title), year))
        if index is not None:
            names[index][normalize_title(name)] = KNOWN
    _series_numbers(catalog, names)
    if len(catalog) < LARGE_CATALOGUE:
        _initials(catalog, names)
    return [sorted(n.items(), key=lambda item: item[1]) for n in names]


@functools.cache
def encoder_words() -> frozenset[str]:
    """The whole words of the default SBERT encoder's vocabulary (30,522 wordpieces), empty where the model is not
    installed: a word people type ("pot", "cam", "ham"), never read as a title's initials."""
    from recommender.matching import MatchConfig, MatcherError, sbert_model_path  # matching imports this module

    try:
        vocabulary = sbert_model_path(MatchConfig()) / "vocab.txt"
    except MatcherError:
        return frozenset()
    return frozenset(w for w in vocabulary.read_text(encoding="utf-8").split() if w.isalpha()) \
        if vocabulary.is_file() else frozenset()


def _initials(catalog: MovieCatalog, names: list[dict[str, int]]) -> None:
    """Adds the initials of titles of three words or more ("mib", "bttf") where they name one movie and are no
    everyday or chat word ("lol"), no word of the encoder's vocabulary ("a pot of tea" named The Prince of Tides,
    "shaky cam" Crimes and Misdemeanors) nor another name. Only for a catalogue smaller than LARGE_CATALOGUE: among
    ML-32M's titles, initials hold a chat word in 1% of ReDial's messages ("fav", "umm"); among ML-1M's, 0.1%."""
    owners: dict[str, list[int]] = defaultdict(list)
    for i, movie in enumerate(catalog.movies):
        words = strip_article(normalize_title(_PARENTHETICAL.sub("", movie.display_title))).split()
        if len(words) >= 3:
            owners["".join(w[0] for w in words)].append(i)
    taken = {strip_article(name) for movie_names_ in names for name in movie_names_}
    taken |= {strip_article(normalize_title(name)) for name, _, _ in nicknames()}  # "lotr" is the 2001 film
    for initials, movies in owners.items():
        if (len(movies) == 1 and initials.isalpha() and initials not in taken
                and initials not in word_list(EVERYDAY_FILE) and initials not in encoder_words()):
            names[movies[0]].setdefault(initials, PART)


def outside_names(catalog: MovieCatalog) -> dict[str, str]:
    """Bare nickname -> "Title (year)" for the nicknames of films the catalogue does not hold."""
    held = _nicknamed(catalog)
    return {strip_article(normalize_title(name)): f"{title} ({year})" for name, title, year in nicknames()
            if (normalize_title(title), year) not in held}


@dataclass(frozen=True)
class Sequel:
    """A numbered film of a series the catalogue holds, under a number none of its names has ("alien 4")."""
    series: str  # the series' name, as typed
    number: int
    members: tuple[int, ...]  # the series' movies in the catalogue, oldest first
    candidates: tuple[int, ...]  # those that may be that number, likeliest first; () when none may


@dataclass(frozen=True)
class Span:
    """text[start:stop] names these movies (MovieLens ids, strongest claim first) by a name of this tier."""
    start: int  # character offsets in the text
    stop: int
    text: str
    movies: tuple[int, ...]
    tier: int
    words: int
    everyday: bool = False  # everyday words (`everyday_name`): a title only when written as one, or said watched


_WORD = re.compile(r"[^\W_]+(?:['’.&:/-][^\W_]+)*\.?|&")
MAX_SPAN_WORDS = 12
# a word follows (not a year, not the end of the sentence), a small number (a score: "Die Hard 2, a 6"), or a year
# that says which version ("Little Shop of Horrors, the 1986 one")
_WORD_NEXT = re.compile(r"[ \t]+(?:[^\W\d_]|\d{1,2}(?!\d)|(?:18|19|20)\d{2}[ \t]+(?:one|version|film|movie|remake|"
                        r"original)\b)")


def word_count(text: str) -> int:
    """The words a span search reads in `text`."""
    return len(_WORD.findall(text))


# A sequel number written after a name ("alien 4", "Rocky III", "toy story two", "godfather part 2"): when the name
# and the number together name no movie, the name alone does not name the one the person meant. Not a count or a
# rating ("Heat 2 times", "Rain Man 9/10").
_SEQUEL_AFTER = re.compile(r"(?:[ \t]*:[ \t]*|[ \t]*-(?![ \t])|[ \t]+)(?:(?:part|pt\.?|chapter|episode|vol\.?|volume)[ \t]+)?"
                           r"(?:\d{1,2}|ii|iii|iv|v|vi|vii|viii|ix|" + "|".join(_NUMBER_WORDS) + r")(?![\w/.,]\d|\w)"
                           r"(?![ \t]*(?:/|out of|outta|times?|x\b|(?:[ \t-]*and[ \t-]+a[ \t-]+half)?[ \t-]*stars?|days?|nights?|weeks?|months?|years?|hours?|mins?|"
                           r"minutes?|or\b|to [0-9]|of (?:them|those|these|the|us)|movies?|films?|%))", re.IGNORECASE)
_NUMBER_AT_END = re.compile(r" (?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)$")
_A_COUNT_AFTER = re.compile(r"[ \t]*(?:times?|x)\b", re.I)
_PART_RUN = re.compile(r"\b(?:part|chapter|episode|vol|volume)\.?\s+\w+", re.I)  # where _PART_NUMBER may match
_FIRST_OF = re.compile(r"^(?:first|original|1st) (?P<name>.+)$")
_PART_NUMBER = re.compile(r"^(?P<name>.+) (?:part|chapter|episode|vol|volume) (?P<number>\d{1,2})$")
# Two names with nothing between them but a space, a colon or a dash are one title the catalogue does not hold
# ("Top Gun: Maverick", "top gun maverick"), not two films.
# a subtitle in capitals after a colon: "Tron: Legacy", "Blade Runner: The Final Cut"
_SUBTITLE_AFTER = re.compile(r"[ \t]*:[ \t]*(?P<words>(?-i:(?:The |A |An )?[A-Z][a-z']+)(?:[ \t]+(?-i:[A-Z][a-z']+|of|the|and|in))*)")
_JOINED = re.compile(r"^[ \t]*(?:[:-][ \t]*)?$")
# what stands between the items of a list: "tombstone unforgiven and true grit", "heat, casino"
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+)?|(?:and|&|or)\s+)$", re.I)


def _names_run_together(pair: list, found: list, text: str) -> int:
    """How many whole titles (tier TITLE) run together, with only spaces between, around the two of `pair`."""
    ordered = sorted((s for s in found if s.tier == TITLE), key=lambda s: s.start)
    if not all(s in ordered for s in pair):
        return 0
    first = last = ordered.index(pair[0])
    while first > 0 and _JOINED.match(text[ordered[first - 1].stop:ordered[first].start]):
        first -= 1
    while last + 1 < len(ordered) and _JOINED.match(text[ordered[last].stop:ordered[last + 1].start]):
        last += 1
    return last - first + 1


def _dictated_list(unnamed: "Unnamed", found: list, text: str) -> bool:
    """Whether two one-word names run together ("tombstone unforgiven") are items of a list said without commas, as
    dictation writes one: a title follows or goes before them across a list's gap ("seen tombstone unforgiven and
    true grit"), or a third one-word name runs on ("heat casino fargo"). Alone, such a pair may be a later film's
    name and subtitle the catalogue lacks, and stays unnamed."""
    if unnamed.reason != "joined":
        return False
    pair = [s for s in found if unnamed.start <= s.start and s.stop <= unnamed.stop]
    if len(pair) == 2 and _names_run_together(pair, found, text) >= 3:
        return True  # "seen goodfellas casino donnie brasco carlitos way": four names in a row, each whole
    if len(pair) != 2 or any(s.words != 1 for s in pair):
        return False
    before = [s for s in found if s.stop <= unnamed.start]
    after = [s for s in found if s.start >= unnamed.stop]
    gap_after = text[unnamed.stop:after[0].start] if after else None
    gap_before = text[before[-1].stop:unnamed.start] if before else None
    return any(gap is not None and (_LIST_GAP.match(gap) or _JOINED.match(gap) and side.words == 1)
               for gap, side in ((gap_after, after[0] if after else None), (gap_before, before[-1] if before else None)))
# A score, in digits or words, with a half: "9", "8.5", "four and a half", "4½"
_SCORE_NUMBER = (r"(?:10|[0-9]|one|two|three|four|five|six|seven|eight|nine|ten)"
                 r"(?:\.[0-9]|½|[ \t-]+and[ \t-]+a[ \t-]+half)?")
# A message that rates films, said before the title: a number up to 10 after a title is then its score, not a sequel
# ("rating what we watched: big lebowski 9, fargo 8", "Rear Window five stars. Vertigo three, too slow"; not "we
# watched speed 3. it's rated pg-13"). "Stars" counts only after a number ("Star Wars", "A Star Is Born" are
# titles), "N/10" only where it is no date ("on 3/10", "12/5", "3/10/2024")
_RATING_CUE = re.compile(r"\b(?:rat(?:e|ed|es|ing|ings)|scores?|scoring|grades?|grading|ranking|(?:out of|outta) (?:10|ten|5|five))\b"
                         rf"|\b(?:{_SCORE_NUMBER}|zero|no|half a)[ \t-]*stars?\b"
                         r"|(?<![\d/.])(?<!\bon )(?<!\bsince )(?:10|\d)(?:\.\d)?\s*/\s*(?:10|5)\b(?!\s*/\s*\d)", re.I)
# (talk may follow it: "armageddon 5 too long bro", "waterworld 3 lol")
_SCORE = re.compile(rf"[ \t]+{_SCORE_NUMBER}(?=[ \t]*(?:[,;.!()\-–—]|$|\n|(?:too|lol|lmao|haha|tbh|ngl|imo|bro|tho|though|but|"
                    r"and|honestly|sorry|max|tops|at best)\b))", re.I)
# "Psycho 9. Vertigo 8.", "Godfather 10, Godfather II 9": names, each with a bare number and the item's end, two or
# more, one of them 5 or more (a log of scores; "alien 4, alien 3" may be sequels)
_BARE_SCORE = re.compile(r"(?<=[^\W\d_])[ \t]+(?P<number>10|[1-9])(?:[.,]\d{1,2})?(?=[ \t]*(?:[,;.!]|$|\n))")
# the word before an item's number: one series' word before each ("Police Academy 3, Police Academy 6") numbers films
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\W*$")


def _scored_log(text: str) -> bool:
    """Whether `text` is a log of films with bare scores: two or more "Title N", one N 5 or more, and no word before
    its number said twice (a list of one series' films by number is no log of scores)."""
    items = list(_BARE_SCORE.finditer(text))
    words = [w[1].lower() for m in items if (w := _WORD_BEFORE.search(text, 0, m.start()))]
    return len(items) >= 2 and max(int(m["number"]) for m in items) >= 5 and len(set(words)) == len(words)


# "heat: 9. ronin: 7.": names, each with a colon and a score (two or more: "alien: 4" alone may be a sequel)
_COLON_SCORE = re.compile(rf"(?<=[^\W\d_])[ \t]*:[ \t]*{_SCORE_NUMBER}(?=[ \t]*(?:[,;.!()]|$|\n))", re.I)


@dataclass(frozen=True)
class Unnamed:
    """text[start:stop] looks like a title the catalogue does not hold: why ("sequel", "joined", "outside")."""
    start: int
    stop: int
    reason: str
    movies: tuple[int, ...] = ()  # "joined": the movie each name run together names first


# a sentence's end inside a run of words: ". " after a word of three letters or more (not "Mr. Holland's Opus",
# "Dr. Strangelove", "L.A. Confidential")
_SENTENCE_BREAK = re.compile(r"(?<![^\W\d_])[^\W\d_]{3,}[.!?]+\s+\S")
_ABBREVIATED = frozenset({"mrs", "mme", "sgt", "gen", "col", "rev", "vol", "etc"})


def _crosses_a_sentence(piece: str, titles: list[str]) -> bool:
    """Whether a run of words holds a sentence's end that none of its films' titles holds there ("Hot Shots! Part
    Deux" holds its "!")."""
    for found in _SENTENCE_BREAK.finditer(piece):
        word = re.match(r"[^\W\d_]+", found.group())
        if word.group().lower() in _ABBREVIATED:
            continue
        said = piece[:found.end() - 1].lower()
        if not any(said in title.lower() for title in titles):
            return True
    return False


class TitleIndex:
    """Exact names -> movies, for finding titles inside sentences."""

    def __init__(self, catalog: MovieCatalog, names: list[list[tuple[str, int]]] | None = None):
        self.catalog = catalog
        self._owners: dict[str, dict[int, int]] = defaultdict(dict)  # bare name -> {movie id: tier}
        self._names: dict[int, list[str]] = defaultdict(list)  # movie id -> its bare names (not a series' name)
        for movie, movie_names_ in zip(catalog.movies, names if names is not None else catalogue_names(catalog)):
            for name, tier in movie_names_:
                bare = strip_article(name)
                if bare and self._owners[bare].get(movie.movie_id, 9) > tier:
                    self._owners[bare][movie.movie_id] = tier
                if bare and tier < SERIES:
                    self._names[movie.movie_id].append(bare)
        # a title's name with its spaces taken out, for words typed apart or run together ("water world", "to kill a
        # mocking bird", "diehard"): long enough to be no everyday word, and only where one movie owns it
        joined: dict[str, set[int]] = defaultdict(set)
        for bare, owners in self._owners.items():
            for movie_id, tier in owners.items():
                if tier == TITLE and len(key := bare.replace(" ", "")) >= MIN_JOINED_LETTERS:
                    joined[key].add(movie_id)
        self._joined = {key: next(iter(ids)) for key, ids in joined.items() if len(ids) == 1}
        self._large = len(catalog) >= LARGE_CATALOGUE
        self._number_variants = {} if self._large else self._other_numbers()
        self._outside = outside_names(catalog)
        self._popularity = {m.movie_id: int(c) for m, c in zip(catalog.movies, catalog.rating_counts)}
        self._spans = functools.lru_cache(maxsize=1024)(self._find_spans)

    def lookup(self, text: str, all_tiers: bool = False) -> tuple[tuple[int, ...], int]:
        """(movie ids, tier) named exactly by `text`: those of the strongest tier, most-rated first, or every owner
        of the name with `all_tiers` (a franchise: "Star Wars" -> all four). ((), -1) when it names none."""
        return self._lookup_bare(strip_article(normalize_title(text)), all_tiers)

    def _of_the_series(self, series: Span, film: Span) -> bool:
        """Whether every film a span names has a full title that starts with the series' name said before it."""
        name = strip_article(normalize_title(series.text))
        return bool(name) and all(strip_article(normalize_title(self.catalog.by_id(m).display_title)).startswith(name + " ")
                                  for m in film.movies)

    def _lookup_bare(self, bare: str, all_tiers: bool) -> tuple[tuple[int, ...], int]:
        owners = self._owners.get(bare, {})
        if not owners and (numbered := _PART_NUMBER.match(bare)):  # "orbit quest part 2" as "orbit quest 2"
            owners = self._owners.get(f"{numbered['name']} {numbered['number']}", {})
        if not owners and (first := _FIRST_OF.match(bare)):  # "the first gremlins", "the original alien": the film
            owners = {i: t for i, t in self._owners.get(first["name"], {}).items() if t == TITLE}
        if not all_tiers:
            owners = {i: t for i, t in owners.items() if t < SERIES}
        if not owners:
            return (), -1
        tier = min(owners.values())
        chosen = owners if all_tiers else {i: t for i, t in owners.items() if t == tier}
        return tuple(sorted(chosen, key=lambda i: (owners[i], -self._popularity[i], i))), tier

    def _other_numbers(self) -> dict[str, int]:
        """Each title of two or more words with its last word in the other number ("steel magnolia" -> Steel
        Magnolias, "roman holidays" -> Roman Holiday), where one film owns the title and no name is the variant; a
        plural of a series' name is the series ("the lethal weapons"), read by bot.series, and left out."""
        found: dict[str, set[int]] = defaultdict(set)
        for bare, owners in self._owners.items():
            head, _, last = bare.rpartition(" ")
            titled = [i for i, tier in owners.items() if tier == TITLE]
            if not head or len(last) < 3 or not last.isalpha() or len(titled) != 1:
                continue
            if last.endswith("ves"):
                others = (last[:-3] + "f", last[:-3] + "fe")
            elif last.endswith("ies"):
                others = (last[:-3] + "y",)
            elif last.endswith("es"):
                others = (last[:-2], last[:-1])
            elif last.endswith("s") and not last.endswith("ss"):
                others = (last[:-1],)
            else:  # typed plural for a singular title: not the name of a series ("harbor kid" -> "harbor kids")
                if self.titles_starting(bare):
                    continue
                others = (last + "s", last + "es", *((last[:-1] + "ves",) if last.endswith("f") else ()),
                          *((last[:-1] + "ies",) if last.endswith("y") else ()))
            for other in others:
                found[f"{head} {other}"].add(titled[0])
        return {name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1 and name not in self._owners}

    def names_of(self, movie_id: int) -> list[str]:
        """The movie's bare names (no series' name), as `lookup` reads them."""
        return self._names.get(movie_id, [])

    def outside(self, text: str) -> str:
        """The film ("Title (year)") a nickname names when the catalogue does not hold it ("lotr"); "" otherwise."""
        return self._outside.get(strip_article(normalize_title(text)), "")

    def numbers_agree(self, text: str, movie_id: int) -> bool:
        """Whether a name of the movie carries the sequel numbers `text` carries ("rocky 3": Rocky III, not Rocky);
        "1" agrees with a name without a number ("toy story 1")."""
        typed = sequel_numbers(strip_article(normalize_title(text)))
        names = [sequel_numbers(name) for name in self._names.get(movie_id, [])]
        return typed in names or (typed == {"1"} and frozenset() in names) or not names

    def sequel(self, text: str) -> Sequel | None:
        """`text` as a series' name and a number that no name of the catalogue has ("alien 4", "mad max part 3"):
        the series' movies, and which of them may be that number (oldest first, none that carries another number,
        not the first film for a number past one), the one at that place first. None when `text` is a name, or
        not a series' name and a number."""
        bare = strip_article(normalize_title(text))
        found = re.match(r"^(?P<series>.+?) (?:part |chapter |episode |vol |volume )?(?P<number>\d{1,2})$", bare)
        if not found or bare in self._owners:
            return None
        series, number = found["series"], int(found["number"])
        named = set(self._owners.get(series, {}))
        # films whose title starts with the series' name ("Mad Max Beyond Thunderdome"): may belong to it
        members = named | set(self.titles_starting(series))
        if not members or sequel_numbers(series):
            return None
        ordered = sorted(members, key=lambda i: (self.catalog.by_id(i).year or 9999, i))
        numbers = {i: _numbers_in_series(series, self._names.get(i, [])) for i in ordered}
        candidates = [i for place, i in enumerate(ordered, start=1)
                      if (number in numbers[i] or not numbers[i]) and not (place == 1 and number > 1)]
        candidates.sort(key=lambda i: (abs(ordered.index(i) + 1 - number), i not in named))
        return Sequel(found["series"], number, tuple(ordered), tuple(candidates))

    def titles_starting(self, bare: str) -> list[int]:
        """The movies whose bare normalized title starts with the words `bare` ("mad max" -> Mad Max Beyond
        Thunderdome): one bisect range of the sorted titles."""
        titles, ids = self._bare_titles
        first = bisect.bisect_left(titles, bare + " ")
        return ids[first: bisect.bisect_left(titles, bare + "!", first)]  # "!" sorts after " "

    @functools.cached_property
    def _bare_titles(self) -> tuple[list[str], list[int]]:
        """The catalogue's bare normalized titles, sorted, and their movie ids: the titles that start with a series'
        name are one bisect range (normalized once, not per look-up: ML-32M holds 87,585 titles)."""
        pairs = sorted((strip_article(normalize_title(m.display_title)), m.movie_id) for m in self.catalog.movies)
        return [title for title, _ in pairs], [movie_id for _, movie_id in pairs]

    def spans(self, text: str, all_tiers: bool = False) -> tuple[Span, ...]:
        """Non-overlapping word runs of `text` that are exactly a movie's name, longest first, in text order.
        Remembered for recent texts: reading one message asks about the same clause several times."""
        return self._spans(text, all_tiers)[0]

    def unnamed(self, text: str) -> tuple[Unnamed, ...]:
        """The word runs of `text` that look like titles the catalogue does not hold (`Unnamed`)."""
        return self._spans(text, False)[1]

    @staticmethod
    def span_lookups(text: str) -> int:
        """How many look-ups `spans(text)` makes at most: one per run of 1 to MAX_SPAN_WORDS words, and a second for
        each run that ends in "part 2" (read again as "... 2": `_lookup_bare`)."""
        words = word_count(text)
        longest = min(MAX_SPAN_WORDS, words)
        return longest * words - longest * (longest - 1) // 2 + longest * len(_PART_RUN.findall(text))

    def _find_spans(self, text: str, all_tiers: bool) -> tuple[tuple[Span, ...], tuple[Unnamed, ...]]:
        words = list(_WORD.finditer(text))
        rating = _RATING_CUE.search(text)  # found once: a number after a title is a score only past it
        rated_from = rating.end() if rating is not None else None
        colon_scores = len(_COLON_SCORE.findall(text)) >= 2 or _scored_log(text)
        found: list[Span] = []
        unnamed: list[Unnamed] = []
        for size in range(min(MAX_SPAN_WORDS, len(words)), 0, -1):
            for first in range(len(words) - size + 1):
                start, stop = words[first].start(), words[first + size - 1].end()
                if any(s.start < stop and start < s.stop for s in [*found, *unnamed]):
                    continue
                piece = text[start:stop].rstrip(".")
                if _ARTICLE_AT_END.match(piece.lower()) and _WORD_NEXT.match(text, stop):
                    continue  # "toy story, the lion king": the article starts the next title, not "Toy Story, The"
                bare = strip_article(normalize_title(piece))
                if bare in ("", *_FUNCTION_WORDS):
                    continue
                if bare in self._outside and not (_NUMBER_AT_END.search(bare) and _A_COUNT_AFTER.match(text, stop)):
                    # (not "The Matrix 3 times", "three times": a count of viewings, no sequel)
                    unnamed.append(Unnamed(start, start + len(piece), "outside"))
                    continue
                movies, tier = self._lookup_bare(bare, all_tiers)
                if not movies and (movie := self._joined.get(key := bare.replace(" ", ""))) is not None \
                        and not self._large and re.fullmatch(r"[a-z0-9' ]+", bare) and key not in encoder_words() \
                        and _VIEWED_BEFORE.search(text, 0, start):  # "I love train spotting" is a hobby, not the film
                    # "water world": Waterworld, its words typed apart (not "air plane", one everyday word said apart)
                    movies, tier = (movie,), TITLE
                if movies and (counted := _NUMBER_AT_END.search(bare)) and _A_COUNT_AFTER.match(text, stop) \
                        and self._lookup_bare(bare[:counted.start()], all_tiers)[0]:
                    continue  # "seen the godfather three times", "Die Hard 3 times": a count, the name before it
                number_slip = False
                if not movies and (slipped := self._number_variants.get(bare)) is not None:
                    # "Steel Magnolia", "Roman Holidays", "Dances With Wolf": the last word in the other number, where
                    # one film owns that title (as everyday as any phrase: "a bad boy" is no Bad Boys)
                    movies, tier, number_slip = (slipped,), TITLE, True
                if not movies:
                    continue
                if size > 1 and _crosses_a_sentence(piece, [self.catalog.by_id(m).display_title for m in movies]):
                    continue  # "I watched Alien. part 2 is supposed to be better": two sentences, not "Alien part 2"
                # (checked only for runs that name a film: each looks back over the text)
                if size == 1 and piece[:1].isupper() and text[stop - 1] != "." \
                        and (named := _SURNAME_AFTER.match(text, stop)) is not None \
                        and named["surname"].lower() not in _NOT_SURNAMES:
                    continue  # "both Michael Mann", "I loved Emma Thompson in it": a person's name, not the film
                if _RANKED_BEFORE.search(text, 0, start) and _RANK_ENDS.match(text, stop) \
                        and not _LIKE_THE_RANKED.search(text, 0, start) \
                        and not _VIEWED_BEFORE.search(text, 0, start) and len(self._lookup_bare(bare, True)[0]) > 1:
                    continue  # "the best star wars", "my favourite alien": the series ranked, no one film
                number = _SEQUEL_AFTER.match(text, stop) if text[stop - 1] != "." else None  # "Scream 2. 3 not yet"
                if number and (rated_from is not None and rated_from <= start and _SCORE.match(text, stop)
                               or colon_scores and (_COLON_SCORE.match(text, stop) or _BARE_SCORE.match(text, stop))):
                    number = None  # "fargo 8" in a message that rates films, "heat: 9": a score
                if number and not sequel_numbers(bare) & sequel_numbers(normalize_title(number.group())):
                    unnamed.append(Unnamed(start, number.end(), "sequel"))  # "alien 4" is not Alien
                    continue
                if (subtitle := _SUBTITLE_AFTER.match(text, stop)) and not self._owners.get(
                        strip_article(normalize_title(text[start:subtitle.end()]))) and not self._lookup_bare(
                        strip_article(normalize_title(subtitle["words"])), all_tiers)[0]:
                    # "I was thinking of Tron: Legacy": a film of the series the catalogue lacks, not Tron
                    unnamed.append(Unnamed(start, subtitle.end(), "sequel"))
                    continue
                # "the first thing" names The Thing as "the first" of it only as everyday words do ("out of the way
                # first thing"): as everyday as its name
                # a part of a title that is a count of everyday things ("3 days" of Three Days of the Condor) is as
                # everyday as a phrase: "took me 3 days"
                everyday = everyday_name(bare, self._large or tier >= PART and _COUNT_FIRST.match(bare) is not None) or (
                    bare not in self._owners and (first := _FIRST_OF.match(bare)) is not None
                    and everyday_name(first["name"], self._large))
                found.append(Span(start, start + len(piece), piece, movies, tier, size, everyday or number_slip))
        found.sort(key=lambda s: s.start)
        joined: list[Span] = []
        for span in found:
            left = joined[-1] if joined else None
            # everyday words beside a title are words of the sentence: "Heat last night", "something like Heat"
            # two whole names of two or more words each, side by side, are a list said without commas ("terminator
            # two judgment day die hard two"); a short name after a title is its subtitle ("Top Gun Maverick")
            listed = left is not None and left.words >= 2 and span.words >= 2 and left.tier == span.tier == TITLE
            if (left is None or not _JOINED.match(text[left.stop:span.start]) or left.everyday or span.everyday
                    or listed and not set(left.movies) & set(span.movies)):
                joined.append(span)
            elif shared := tuple(m for m in left.movies if m in span.movies):  # one film's two names: "T2: Judgment Day"
                joined[-1] = Span(left.start, span.stop, text[left.start:span.stop], shared, max(left.tier, span.tier),
                                  left.words + span.words)
            elif self._of_the_series(left, span):  # "Star Wars: Return of the Jedi": the series' name, then the film's
                joined[-1] = Span(left.start, span.stop, text[left.start:span.stop], span.movies, span.tier,
                                  left.words + span.words)
            else:
                unnamed.append(Unnamed(left.start, span.stop, "joined", (left.movies[0], span.movies[0])))
                joined.append(span)
        unnamed = [u for u in unnamed if not _dictated_list(u, found, text)]
        kept = tuple(s for s in joined if not any(u.start <= s.start and s.stop <= u.stop for u in unnamed))
        if not all_tiers and not self._large:
            # a large catalogue holds everyday pairs a typo may fall on ("my frend": My Friend ...), as initials do
            kept = tuple(sorted(kept + self._misspelt_spans(text, words, [*kept, *unnamed]), key=lambda s: s.start))
        return kept, tuple(sorted(unnamed, key=lambda u: u.start))

    def _misspelt_spans(self, text: str, words: list, taken: list) -> tuple[Span, ...]:
        """Names typed with one word misspelt ("jurrasic park on sat", "we watched waterwold", "forest gump made
        me cry"): the word is one edit from the name's (two for a word of eight letters or more), and either it is no
        word of any title nor of the encoder's vocabulary (a name of one word: eight letters or more, one edit, right
        after a viewing verb), or the name's
        other words are none of the vocabulary's ("gump"), so a real word typed for another ("forest") is read only
        beside a word that only a title holds. Only where one movie's name fits, and only in a catalogue smaller than
        LARGE_CATALOGUE."""
        lowered = [w.group().lower().strip(".") for w in words]
        found: list[Span] = []
        for i, word in enumerate(lowered):
            if (len(word) >= 4 and word.isalpha() and not any(s.start <= words[i].start() < s.stop for s in taken)
                    and (span := self._misspelt_name_at(
                        text, words, lowered, i, [*taken, *found],
                        real=word in self._title_words or word in encoder_words())) is not None):
                found.append(span)
        return tuple(found)

    def _misspelt_name_at(self, text: str, words: list, lowered: list[str], i: int, taken: list,
                          real: bool = False) -> Span | None:
        """The longest name of one movie whose words are those around word `i`, that word misspelt; None if none.
        `real`: the word is a word of its own, read as misspelt only beside words no vocabulary holds."""
        from rapidfuzz.distance import DamerauLevenshtein

        for size in (4, 3, 2) if real else (4, 3, 2, 1):
            if size == 1 and (len(lowered[i]) < 8 or not (_WHERE_A_TITLE_GOES.search(text[:words[i].start()]) or re.fullmatch(
                    r"\W*(?:the\s+)?", text[:words[i].start()], re.I) and not text[words[i].end():].strip(" .!?,"))):
                continue  # "rewatch", "Bateman", "a superfan": words and names one edit from a title (a title alone is)
            for first in range(max(0, i - size + 1), min(i, len(words) - size) + 1):
                start, stop = words[first].start(), words[first + size - 1].end()
                if any(s.start < stop and start < s.stop for s in taken):
                    continue
                place = i - first
                others = tuple(w for j, w in enumerate(lowered[first:first + size]) if j != place)
                if real and any(w in encoder_words() or len(w) < 4 for w in others):
                    continue
                owners = {owner for word, owner in self._names_but_one.get((size, place, others), ())
                          if DamerauLevenshtein.distance(word, lowered[i]) <= (2 if len(word) >= 8 and size > 1 else 1)
                          # "twisters": a word, or another film; "watched and treasured": the word inflected
                          and not _inflected(lowered[i], word)}
                if len(owners) == 1:
                    if first and lowered[first - 1] in ("the", "a", "an"):
                        start = words[first - 1].start()  # "watched the wizzard of oz": the article is the name's
                    return Span(start, stop, text[start:stop], (owners.pop(),), TITLE, size)
        return None

    @functools.cached_property
    def _title_words(self) -> frozenset[str]:
        return frozenset(w for bare in self._owners for w in bare.split())

    @functools.cached_property
    def _names_but_one(self) -> dict[tuple, list[tuple[str, int]]]:
        """(words, place, the other words) -> (the word at that place, its movie), for the names of one to four words
        that name one movie by its title or a part of it."""
        table: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
        for bare, owners in self._owners.items():
            named = [m for m, tier in owners.items() if tier <= PART]
            words = bare.split()
            if len(named) != 1 or not 1 <= len(words) <= 4:
                continue
            for place, word in enumerate(words):
                if len(word) >= 4 and word.isalpha():
                    table[(len(words), place, tuple(w for j, w in enumerate(words) if j != place))].append(
                        (word, named[0]))
        return table


def _inflected(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with an English ending ("treasured", "twisters"), not a slip ("ironcladd")."""
    endings = ("s", "es", "ed", "er", "ing") + (("d", "r") if word.endswith("e") else ())
    return typed in {word + end for end in endings}


# Where a misspelt title of one word is read: right after a viewing verb ("we finally watched trainspoting"); opening a
# sentence or after "and", typos of everyday words were read as films ("Manhatten was amazing", "imposible to pick")
_WHERE_A_TITLE_GOES = re.compile(r"\b(?:watched|saw|seen|rewatched|finished|caught|loved|liked|hated|enjoyed)\s+(?:the\s+)?$",
                                 re.I)


# Words that are never a title on their own, whatever the catalogue holds.
_FUNCTION_WORDS = ("i", "it", "me", "you", "we", "us", "he", "she", "they", "them", "a", "an", "the", "and", "or", "of",
                   "to", "in", "on", "is", "was", "be", "do", "so", "no", "not", "yes", "my", "your", "what", "that")
