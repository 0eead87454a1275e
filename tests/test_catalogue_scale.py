"""Issue 21: title grounding at MovieLens-32M's size (87,585 movies). The vectorised matcher gives the answers the
per-alias loops gave on the 1,000-movie synthetic catalogue; the real ML-32M list builds and answers (slow, skipped
where ../shared/data is absent). No test here measures time."""
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.process import cdist

from recommender.catalog import Movie, MovieCatalog
from recommender.matching import MatchConfig, TitleMatcher, _best, _numbers, semantic_scores
from recommender.titles import TitleIndex, normalize_title, strip_article

ML32M_MOVIES = Path(__file__).resolve().parents[2] / "shared/data/ml-32m-movies/movies.csv"


def _lexical_as_before(matcher, queries):
    """TitleMatcher._lexical as written for 1,000 movies: every scorer over every alias, Python loops per alias."""
    bare_queries = [strip_article(q) for q in queries]
    exact = cdist(queries, matcher._alias_list, scorer=fuzz.ratio, workers=-1) / 100
    slips = cdist(bare_queries, matcher._alias_bare, scorer=DamerauLevenshtein.normalized_similarity, workers=-1)
    words = cdist(bare_queries, matcher._alias_bare, scorer=fuzz.token_sort_ratio, workers=-1) / 100
    joined = cdist([q.replace(" ", "") for q in bare_queries], matcher._alias_joined, scorer=fuzz.ratio, workers=-1,
                   score_cutoff=90) / 100
    by_alias = np.maximum(np.maximum(exact, 0.97 * joined), np.maximum(0.96 * slips, 0.9 * words))
    by_alias *= matcher._alias_weight[None, :]
    for row, query in enumerate(bare_queries):
        if len(query) >= 4:
            prefixed = [j for j, alias in enumerate(matcher._alias_bare) if alias.startswith(query + " ")]
            by_alias[row, prefixed] = np.maximum(by_alias[row, prefixed], 0.85)
        numbers = _numbers(query)
        differ = [j for j, alias_numbers in enumerate(matcher._alias_numbers) if alias_numbers != numbers]
        by_alias[row, differ] -= matcher.config.number_penalty
    return np.maximum.reduceat(by_alias, matcher._alias_starts, axis=1)


def typed_queries(catalog, count=80, seed=3):
    """Titles as people type them: whole, a letter dropped, two letters swapped, words reversed, the first word,
    a sequel number added; and a few made-up ones."""
    rng = np.random.default_rng(seed)
    queries = ["space rnagers", "rocky 4", "halloween 2", "toystory", "chin atown", "t2", "se7en", "the matrix",
               "star wars", "godfather part 2", "a", "x", "the quantum accountant 3"]
    for i in rng.choice(len(catalog), size=min(count, len(catalog)), replace=False):
        title = normalize_title(catalog.movie_at(int(i)).display_title)
        cut = int(rng.integers(0, max(1, len(title) - 1)))
        queries += [title, title[:cut] + title[cut + 1:], title[:cut] + title[cut + 1: cut + 2] + title[cut: cut + 1]
                    + title[cut + 2:], " ".join(reversed(title.split())), title.split()[0], f"{title} 2"]
    return [q for q in dict.fromkeys(normalize_title(q) for q in queries) if strip_article(q)]


def test_the_vectorised_lexical_scores_are_the_old_ones_bit_for_bit(synthetic_matcher, prepared):
    """Prefixes by bisect, sequel numbers as ids, token_sort_ratio on pre-sorted aliases and Damerau-Levenshtein
    only where it can raise an alias's score: the same float32 scores as every scorer over every alias."""
    queries = typed_queries(prepared.catalog)
    np.testing.assert_array_equal(synthetic_matcher._lexical(queries), _lexical_as_before(synthetic_matcher, queries))


def test_candidates_rank_as_before(synthetic_matcher, prepared):
    """The whole ranking (semantic + lexical + popularity + year), as the old full argsort ranked it."""
    queries = typed_queries(prepared.catalog, count=15, seed=5)
    years = [None, 1990, None, 1975] * (len(queries) // 4 + 1)
    found = synthetic_matcher.candidates_many(queries, years[: len(queries)], limit=5)
    semantic = semantic_scores(synthetic_matcher._encode(queries), synthetic_matcher.title_embeddings)
    config = synthetic_matcher.config
    scores = config.semantic_weight * semantic + config.lexical_weight * _lexical_as_before(synthetic_matcher, queries)
    scores += config.popularity_weight * synthetic_matcher._popularity[None, :]  # in place: float32, as before
    scores += synthetic_matcher._year_scores(years[: len(queries)])
    for row, ranked in enumerate(found):
        expected = np.argsort(-scores[row])[:5]
        assert [m.movie.movie_id for m in ranked] == [prepared.catalog.movie_at(int(j)).movie_id for j in expected]
        assert [m.confidence for m in ranked] == [float(scores[row, j]) for j in expected]


def test_best_picks_the_top_of_a_large_row_in_order():
    rng = np.random.default_rng(0)
    row = rng.normal(size=50_000)
    for count in (1, 3, 10):
        np.testing.assert_array_equal(_best(row, count), np.argsort(-row)[:count])
    row[[7, 70, 700]] = -np.inf
    assert len(_best(row, 5)) == 5 and not np.isinf(row[_best(row, 5)]).any()


class ConstantEncoder:
    """Every text the same unit vector: the semantic score is equal for all movies, so a match is lexical."""

    calls = 0

    def encode(self, texts, **kwargs):
        ConstantEncoder.calls += len(texts)
        return np.ones((len(texts), 8), dtype=np.float32) / np.sqrt(8)


def test_a_large_catalogue_encodes_profiles_only_when_asked(tmp_path):
    """Past eager_profiles_below movies, the title+genre profiles (likeness only) are encoded per movie when first
    compared, and the disk cache keeps the titles; a small catalogue encodes and caches both, as before."""
    movies = [Movie(i, f"Film {i} (1990)", f"Film {i}", 1990, ("Drama",)) for i in range(1, 41)]
    catalog = MovieCatalog(movies, [40 - i for i in range(40)], ["<pad>", "<unk>"], 10)
    ConstantEncoder.calls = 0
    lazy = TitleMatcher(catalog, ConstantEncoder(), MatchConfig(eager_profiles_below=10), cache_dir=tmp_path)
    assert ConstantEncoder.calls == 40  # the titles only
    assert lazy.similarity([3, 4], 5).shape == (2,) and ConstantEncoder.calls == 43
    lazy.rerank([3, 5], 4)
    assert ConstantEncoder.calls == 43  # encoded once
    again = TitleMatcher(catalog, ConstantEncoder(), MatchConfig(eager_profiles_below=10), cache_dir=tmp_path)
    assert ConstantEncoder.calls == 43 and np.array_equal(again.title_embeddings, lazy.title_embeddings)
    ConstantEncoder.calls = 0
    TitleMatcher(catalog, ConstantEncoder(), MatchConfig(), cache_dir=tmp_path / "eager")
    assert ConstantEncoder.calls == 80  # titles and profiles, at construction


@pytest.fixture(scope="module")
def ml32m():
    if not ML32M_MOVIES.is_file():
        pytest.skip(f"ML-32M's movies.csv is absent ({ML32M_MOVIES})")
    from benchmarks.catalogue_scale import ml32m_catalog

    return ml32m_catalog(10**6, ML32M_MOVIES)


@pytest.mark.slow
def test_ml32m_titles_are_grounded_and_found_in_sentences(ml32m):
    """All 87,585 movies: the matcher builds (with a stand-in encoder: the real one takes minutes here), scores as
    the per-alias code did, and grounds typed titles; the sentence index finds them and a series' later films."""
    matcher = TitleMatcher(ml32m, ConstantEncoder(), MatchConfig())
    assert len(ml32m) == 87_585
    queries = ["inception", "the dark knight", "toy story 3", "star wars 5", "whiplash", "parasite", "toy story 5"]
    np.testing.assert_array_equal(matcher._lexical(queries), _lexical_as_before(matcher, queries))
    for typed, title in [("inception", "Inception"), ("toy story 3", "Toy Story 3"), ("whiplash", "Whiplash"),
                         ("star wars 5", "Star Wars: Episode V - The Empire Strikes Back")]:
        match = matcher.match(typed)
        assert match is not None and match.movie.display_title == title, (typed, match)
    spans = matcher.index.spans("we watched toy story 3 twice")
    assert "Toy Story 3" in {ml32m.by_id(s.movies[0]).display_title for s in spans}
    sequel = matcher.index.sequel("toy story 7")
    assert sequel is not None and {ml32m.by_id(m).display_title for m in sequel.members} >= {"Toy Story", "Toy Story 4"}


def test_the_films_that_start_with_a_series_name_are_found_by_bisect():
    """TitleIndex.sequel finds the titles that start with the series' name in a sorted list, not by normalizing
    every title per look-up: the same members, "The ..." and "Part ..." included, a longer word not."""
    from tests.test_title_names import SERIES

    extra = [Movie(41, "Sand Runners (1990)", "Sand Runners", 1990, ("Action",)),
             Movie(42, "Sand Runner Returns, The (1999)", "The Sand Runner Returns", 1999, ("Action",)),
             Movie(43, "Sand Runner: Origins (2003)", "Sand Runner: Origins", 2003, ("Action",))]
    catalog = MovieCatalog(SERIES + extra, list(range(len(SERIES) + 3, 0, -1)), ["<pad>", "<unk>"], 10)
    index = TitleIndex(catalog)
    sequel = index.sequel("sand runner 3")
    assert sequel.members == (26, 27, 28, 42, 43)
    assert index.sequel("xenoform 4").members == (29, 30)
    assert index.sequel("back to the future 4").members == (37, 38)
