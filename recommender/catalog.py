"""The movie catalogue: the most-rated movies of a release, their model indices, title tokens and genre vectors.

`movie_id` is always the MovieLens id and `movie_index` the model's 0..N-1 index. The padding index is
`MovieCatalog.pad_index` (== N): an extra embedding row that is never a real movie. (The paper's code padded
with index 0, a real movie.)
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

import numpy as np

from recommender.data.readers import MovieLens

# MovieLens's CSV releases list IMAX among the genres: how a film was shown, not a kind of film. The model reads it
# (the data's vocabulary); what people see and what "alike" means leave it out.
FORMATS = frozenset({"IMAX"})
NO_YEAR = -99_999  # `MovieCatalog.years` of a movie whose title gives none
TITLE_PAD_TOKEN = 0
TITLE_UNKNOWN_TOKEN = 1
_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class Movie:
    movie_id: int
    title: str  # MovieLens form, "Matrix, The (1999)"
    display_title: str  # "The Matrix"
    year: int | None
    genres: tuple[str, ...]
    tags: tuple[str, ...] = ()  # what its raters tagged it with most (a CSV release's tags.csv)
    imdb_id: int | None = None  # a CSV release's links.csv

    @property
    def imdb_url(self) -> str | None:
        return f"https://www.imdb.com/title/tt{self.imdb_id:07d}/" if self.imdb_id else None

    @property
    def kinds(self) -> tuple[str, ...]:
        """The genres that say what kind of film it is (not FORMATS such as IMAX)."""
        return tuple(g for g in self.genres if g not in FORMATS)

    @property
    def label(self) -> str:
        """"The Matrix (1999)", how the product shows a movie."""
        return f"{self.display_title} ({self.year})" if self.year else self.display_title


def tokenize_title(display_title: str, max_tokens: int) -> list[str]:
    """Lower-cased word tokens of a title, at most `max_tokens` (the paper's limit is 10)."""
    return _TOKEN_RE.findall(display_title.lower())[:max_tokens]


class MovieCatalog:
    """An ordered, immutable set of movies; position in `movies` is the movie_index."""

    def __init__(self, movies: Iterable[Movie], rating_counts: Iterable[int], title_vocab: Iterable[str], max_title_tokens: int):
        self.movies: tuple[Movie, ...] = tuple(movies)
        self.rating_counts = np.asarray(list(rating_counts), dtype=np.int64)
        self.title_vocab: tuple[str, ...] = tuple(title_vocab)  # index 0 pad, 1 unknown
        self.max_title_tokens = max_title_tokens
        self._index_of = {m.movie_id: i for i, m in enumerate(self.movies)}
        self._token_of = {t: i for i, t in enumerate(self.title_vocab)}
        if len(self.rating_counts) != len(self.movies) or len(self._index_of) != len(self.movies):
            raise ValueError("catalogue movies and counts disagree or hold duplicate movie ids")

    def __len__(self) -> int:
        return len(self.movies)

    def __contains__(self, movie_id: int) -> bool:
        return movie_id in self._index_of

    @property
    def pad_index(self) -> int:
        return len(self.movies)

    def index_of(self, movie_id: int) -> int | None:
        return self._index_of.get(movie_id)

    def movie_at(self, movie_index: int) -> Movie:
        return self.movies[movie_index]

    def by_id(self, movie_id: int) -> Movie:
        return self.movies[self._index_of[movie_id]]

    def indices_of(self, movie_ids: Iterable[int]) -> list[int]:
        """Model indices of the catalogue movies among `movie_ids`, in order; others are skipped."""
        return [i for i in map(self._index_of.get, movie_ids) if i is not None]

    @cached_property
    def _ids_sorted(self) -> tuple[np.ndarray, np.ndarray]:
        ids = np.fromiter((m.movie_id for m in self.movies), dtype=np.int64, count=len(self.movies))
        order = np.argsort(ids, kind="stable")
        return ids[order], order

    def index_array(self, movie_ids: np.ndarray) -> np.ndarray:
        """Model indices of `movie_ids`, all of which must be catalogue movies (a prepared history): indices_of
        without a Python step per movie."""
        ids, order = self._ids_sorted
        positions = np.searchsorted(ids, movie_ids)
        if len(movie_ids) and (positions.max() >= len(ids) or not np.array_equal(ids[positions], movie_ids)):
            raise KeyError("a movie id that is not in the catalogue")
        return order[positions]

    def title_token_matrix(self) -> np.ndarray:
        """[N + 1, max_title_tokens] token ids; the padding row is all TITLE_PAD_TOKEN."""
        matrix = np.full((len(self) + 1, self.max_title_tokens), TITLE_PAD_TOKEN, dtype=np.int64)
        for row, movie in enumerate(self.movies):
            tokens = tokenize_title(movie.display_title, self.max_title_tokens)
            matrix[row, : len(tokens)] = [self._token_of.get(t, TITLE_UNKNOWN_TOKEN) for t in tokens]
        return matrix

    @cached_property
    def years(self) -> np.ndarray:
        """[N] each movie's year, NO_YEAR where unknown: the catalogue's years as one array for masks and scores."""
        return np.array([m.year if m.year is not None else NO_YEAR for m in self.movies], dtype=np.int64)

    @cached_property
    def genres(self) -> tuple[str, ...]:
        """The catalogue's genre vocabulary, sorted: ML-1M's 18 in their usual order, the CSV releases' 19."""
        return tuple(sorted({g for m in self.movies for g in m.genres}))

    def genre_matrix(self) -> np.ndarray:
        """[N + 1, len(genres)] multi-hot genres in `genres` order; the padding row is zero."""
        matrix = np.zeros((len(self) + 1, len(self.genres)), dtype=np.float32)
        column = {g: i for i, g in enumerate(self.genres)}
        for row, movie in enumerate(self.movies):
            matrix[row, [column[g] for g in movie.genres]] = 1.0
        return matrix

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever anything a trained model depends on changes: ids, order, titles, genres, vocabulary."""
        payload = json.dumps(
            [[(m.movie_id, m.title, m.genres) for m in self.movies], self.title_vocab, self.max_title_tokens]
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def to_json(self) -> dict:
        return {
            "max_title_tokens": self.max_title_tokens,
            "title_vocab": list(self.title_vocab),
            "movies": [
                {"movie_id": m.movie_id, "title": m.title, "display_title": m.display_title, "year": m.year,
                 "genres": list(m.genres), "rating_count": int(c),
                 # only where the release has them, so ML-1M's catalogue file stays as it was
                 **({"tags": list(m.tags)} if m.tags else {}), **({"imdb_id": m.imdb_id} if m.imdb_id else {})}
                for m, c in zip(self.movies, self.rating_counts)
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "MovieCatalog":
        movies = [
            Movie(m["movie_id"], m["title"], m["display_title"], m["year"], tuple(m["genres"]), tuple(m.get("tags", ())),
                  m.get("imdb_id"))
            for m in data["movies"]
        ]
        counts = [m["rating_count"] for m in data["movies"]]
        return cls(movies, counts, data["title_vocab"], data["max_title_tokens"])


def build_catalog(movielens: MovieLens, num_movies: int, max_title_tokens: int, min_ratings: int = 0) -> MovieCatalog:
    """The most-rated movies, most-rated first (equal counts by movie_id): the `num_movies` first (0: all of them)
    among those with at least `min_ratings` ratings."""
    movie_ids, counts = np.unique(movielens.ratings.movie_ids, return_counts=True)
    order = np.lexsort((movie_ids, -counts))
    order = order[counts[order] >= min_ratings]
    if num_movies > 0:
        order = order[:num_movies]
    movies = []
    for movie_id in movie_ids[order].tolist():
        record = movielens.movies[movie_id]
        movies.append(Movie(movie_id, record.title, record.display_title, record.year, record.genres, record.tags,
                            record.imdb_id))
    vocab = sorted({t for m in movies for t in tokenize_title(m.display_title, max_title_tokens)})
    return MovieCatalog(movies, counts[order], ["<pad>", "<unk>", *vocab], max_title_tokens)
