"""How people name catalogue movies, and where a sentence names one (pure: no model).

A movie goes by more than its catalogue title. From the catalogue itself we derive:
- the title's own forms: "Seven (Se7en)", "Seven", "Se7en"; "Matrix, The" as "the matrix";
- its parts: "A New Hope" and "Star Wars" for "Star Wars: Episode IV - A New Hope", "The Last Crusade" for
  "Indiana Jones and the Last Crusade", "Terminator 2" for "Terminator 2: Judgment Day";
- short forms: "T2" (initials and the sequel number), "ET" and "E.T." alike (letters with or without dots), the
  words run together ("toystory", "twelvemonkeys");
and add the few famous names that no rule finds (WELL_KNOWN), such as "Star Wars" for the 1977 film.

Each name has a tier: the title itself (0), a well-known or run-together name (1), a part of the title (2), the
series a numbered sequel belongs to ("Toy Story" for "Toy Story 2": 3, used only to rule a whole series out). A
part may belong to several movies ("Star Wars" names four), which is how a franchise is named.

`TitleIndex.spans(text)` finds the word runs of a sentence that are exactly such a name ("Me and my wife watched
Notting Hill yesterday" -> "Notting Hill"), so titles are found inside ordinary sentences, not only after a verb.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from recommender.catalog import Movie, MovieCatalog

TITLE, KNOWN, PART, SERIES = 0, 1, 2, 3  # tiers: lower is a stronger claim to the name

# Famous names that nothing in the catalogue's titles gives away: name -> (display title, year).
WELL_KNOWN = {
    "Star Wars": ("Star Wars: Episode IV - A New Hope", 1977),
    "Jedi": ("Star Wars: Episode VI - Return of the Jedi", 1983),
    "Jurassic Park 2": ("The Lost World: Jurassic Park", 1997),
    "Alien 2": ("Aliens", 1986),
    "Godfather 1": ("The Godfather", 1972),
    "Strangelove": ("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb", 1963),
    "Mission Impossible 1": ("Mission: Impossible", 1996),
    "Austin Powers 2": ("Austin Powers: The Spy Who Shagged Me", 1999),
    "Die Hard 3": ("Die Hard: With a Vengeance", 1995),
    "Naked Gun 2": ("The Naked Gun 2 1/2: The Smell of Fear", 1991),
    "Naked Gun 3": ("Naked Gun 33 1/3: The Final Insult", 1994),
    "Indiana Jones 1": ("Raiders of the Lost Ark", 1981),
    "Indiana Jones 2": ("Indiana Jones and the Temple of Doom", 1984),
    "Indiana Jones 3": ("Indiana Jones and the Last Crusade", 1989),
    "Lethal Weapon 1": ("Lethal Weapon", 1987),
    "2001": ("2001: A Space Odyssey", 1968),
    "E.T.": ("E.T. the Extra-Terrestrial", 1982),
}

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
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "2": "2", "3": "3", "4": "4", "5": "5", "6": "6"}
# Number words as digits, anywhere in a title: "Twelve Monkeys" / "12 Monkeys", "Toy Story two" / "Toy Story 2".
# "one" stays a word ("One Flew Over...", "the first one"), as does "seven" (Se7en has its own alias).
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "eight": "8", "nine": "9",
                 "ten": "10", "eleven": "11", "twelve": "12"}
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")
# A subtitle that says nothing on its own: "Part II", "The Movie", "Episode I"
_GENERIC_PART = re.compile(r"^(?:the |a )?(?:part|episode|chapter|vol(?:ume)?|book)\b|^(?:the )?(?:movie|sequel|"
                           r"motion picture|film|final chapter|beginning|return|revenge|next generation)$")
_SEQUEL = re.compile(r"^(?P<name>[a-z][a-z ]*?) (?P<number>[2-9])$")


def normalize_title(title: str) -> str:
    """A spelling-insensitive form: lower case, no accents or punctuation, "&"/"and", II/2, article in front,
    letters with or without dots alike ("E.T." and "ET" -> "et")."""
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


def catalogue_names(catalog: MovieCatalog) -> list[list[tuple[str, int]]]:
    """Per movie (catalogue order), its names and tiers, the WELL_KNOWN ones included."""
    names = [dict(movie_names(m)) for m in catalog.movies]
    # A part that is another movie's whole title ("Jurassic Park" in "The Lost World: Jurassic Park") names that
    # movie; here it only marks the series, for ruling it out.
    titles = {strip_article(name) for movie_names_ in names for name, tier in movie_names_.items() if tier == TITLE}
    titles |= {run_together(t) for t in titles}
    for movie_names_ in names:
        for name, tier in movie_names_.items():
            if tier == PART and strip_article(name) in titles:
                movie_names_[name] = SERIES
    by_label = {(normalize_title(m.display_title), m.year): i for i, m in enumerate(catalog.movies)}
    for name, (title, year) in WELL_KNOWN.items():
        index = by_label.get((normalize_title(title), year))
        if index is not None:
            names[index][normalize_title(name)] = KNOWN
    return [sorted(n.items(), key=lambda item: item[1]) for n in names]


@dataclass(frozen=True)
class Span:
    """text[start:stop] names these movies (MovieLens ids, strongest claim first) by a name of this tier."""
    start: int  # character offsets in the text
    stop: int
    text: str
    movies: tuple[int, ...]
    tier: int
    words: int


_WORD = re.compile(r"[^\W_]+(?:['’.&:/-][^\W_]+)*\.?|&")
MAX_SPAN_WORDS = 12


def word_count(text: str) -> int:
    """The words a span search reads in `text`."""
    return len(_WORD.findall(text))


class TitleIndex:
    """Exact names -> movies, for finding titles inside sentences."""

    def __init__(self, catalog: MovieCatalog, names: list[list[tuple[str, int]]] | None = None):
        self.catalog = catalog
        self._owners: dict[str, dict[int, int]] = defaultdict(dict)  # bare name -> {movie id: tier}
        for movie, movie_names_ in zip(catalog.movies, names if names is not None else catalogue_names(catalog)):
            for name, tier in movie_names_:
                bare = strip_article(name)
                if bare and self._owners[bare].get(movie.movie_id, 9) > tier:
                    self._owners[bare][movie.movie_id] = tier
        self._popularity = {m.movie_id: int(c) for m, c in zip(catalog.movies, catalog.rating_counts)}
        self._spans = functools.lru_cache(maxsize=1024)(self._find_spans)

    def lookup(self, text: str, all_tiers: bool = False) -> tuple[tuple[int, ...], int]:
        """(movie ids, tier) named exactly by `text`: those of the strongest tier, most-rated first, or every owner
        of the name with `all_tiers` (a franchise: "Star Wars" -> all four). ((), -1) when it names none."""
        return self._lookup_bare(strip_article(normalize_title(text)), all_tiers)

    def _lookup_bare(self, bare: str, all_tiers: bool) -> tuple[tuple[int, ...], int]:
        owners = self._owners.get(bare, {})
        if not all_tiers:
            owners = {i: t for i, t in owners.items() if t < SERIES}
        if not owners:
            return (), -1
        tier = min(owners.values())
        chosen = owners if all_tiers else {i: t for i, t in owners.items() if t == tier}
        return tuple(sorted(chosen, key=lambda i: (owners[i], -self._popularity[i], i))), tier

    def spans(self, text: str, all_tiers: bool = False) -> tuple[Span, ...]:
        """Non-overlapping word runs of `text` that are exactly a movie's name, longest first, in text order.
        Remembered for recent texts: reading one message asks about the same clause several times."""
        return self._spans(text, all_tiers)

    @staticmethod
    def span_lookups(text: str) -> int:
        """How many word runs `spans(text)` looks up at most: every run of 1 to MAX_SPAN_WORDS words."""
        words = word_count(text)
        longest = min(MAX_SPAN_WORDS, words)
        return longest * words - longest * (longest - 1) // 2

    def _find_spans(self, text: str, all_tiers: bool) -> tuple[Span, ...]:
        words = list(_WORD.finditer(text))
        found: list[Span] = []
        for size in range(min(MAX_SPAN_WORDS, len(words)), 0, -1):
            for first in range(len(words) - size + 1):
                start, stop = words[first].start(), words[first + size - 1].end()
                if any(s.start < stop and start < s.stop for s in found):
                    continue
                piece = text[start:stop].rstrip(".")
                bare = strip_article(normalize_title(piece))
                if bare in ("", *_FUNCTION_WORDS):
                    continue
                movies, tier = self._lookup_bare(bare, all_tiers)
                if movies:
                    found.append(Span(start, start + len(piece), piece, movies, tier, size))
        return tuple(sorted(found, key=lambda s: s.start))


# Words that are never a title on their own, whatever the catalogue holds.
_FUNCTION_WORDS = ("i", "it", "me", "you", "we", "us", "he", "she", "they", "them", "a", "an", "the", "and", "or", "of",
                   "to", "in", "on", "is", "was", "be", "do", "so", "no", "not", "yes", "my", "your", "what", "that")
