"""The catalogue: top-N order, indices, padding, title tokens, genres, fingerprint and JSON round trip."""
from __future__ import annotations

import numpy as np

from recommender.catalog import TITLE_PAD_TOKEN, MovieCatalog, build_catalog, tokenize_title
from recommender.data.readers import load_movielens
from tests.conftest import CATALOG_SIZE, SPEC
from tests.synthetic import write_synthetic_csv_release


def test_top_n_by_rating_count_then_movie_id(synthetic_dir):
    movielens = load_movielens(synthetic_dir)
    catalog = build_catalog(movielens, CATALOG_SIZE, 10)
    counts = catalog.rating_counts.tolist()
    assert len(catalog) == CATALOG_SIZE
    assert counts == sorted(counts, reverse=True)
    for a, b in zip(catalog.movies, catalog.movies[1:]):
        if catalog.rating_counts[catalog.index_of(a.movie_id)] == catalog.rating_counts[catalog.index_of(b.movie_id)]:
            assert a.movie_id < b.movie_id
    assert CATALOG_SIZE + 1 not in catalog  # the rare movies stay out


def test_every_movie_or_those_with_enough_ratings(synthetic_dir):
    """--num-movies 0 keeps every rated movie; --min-ratings K those rated at least K times, most rated first."""
    movielens = load_movielens(synthetic_dir)
    everything = build_catalog(movielens, 0, 10)
    assert len(everything) == CATALOG_SIZE + SPEC.rare_movies  # the rare ones too
    enough = build_catalog(movielens, 0, 10, min_ratings=3)
    assert len(enough) == CATALOG_SIZE and enough.movies == everything.movies[:CATALOG_SIZE]
    assert enough.rating_counts.min() >= 3 and everything.rating_counts.min() < 3
    assert len(build_catalog(movielens, 5, 10, min_ratings=3)) == 5


def test_the_genre_vocabulary_is_the_catalogues(tmp_path):
    """A CSV release's catalogue has IMAX as a genre column, set for the movie that has it."""
    release = build_catalog(load_movielens(write_synthetic_csv_release(tmp_path / "csv")), 0, 10)
    assert "IMAX" in release.genres and release.genre_matrix().shape == (len(release) + 1, len(release.genres))
    imax = release.index_of(2)
    assert release.genre_matrix()[imax, release.genres.index("IMAX")] == 1.0


def test_pad_index_is_not_a_movie(prepared):
    catalog = prepared.catalog
    assert catalog.pad_index == len(catalog)
    assert all(catalog.index_of(m.movie_id) != catalog.pad_index for m in catalog.movies)
    assert not catalog.title_token_matrix()[catalog.pad_index].any()
    assert not catalog.genre_matrix()[catalog.pad_index].any()


def test_title_tokens_and_genres(prepared):
    catalog = prepared.catalog
    tokens = catalog.title_token_matrix()
    genres = catalog.genre_matrix()
    assert tokens.shape == (len(catalog) + 1, 10) and genres.shape == (len(catalog) + 1, len(catalog.genres))
    movie = catalog.movie_at(0)
    words = tokenize_title(movie.display_title, 10)
    assert [catalog.title_vocab[t] for t in tokens[0] if t != TITLE_PAD_TOKEN] == words
    assert [catalog.genres[i] for i in np.flatnonzero(genres[0])] == sorted(movie.genres)


def test_tokenizer_caps_at_max_tokens():
    assert tokenize_title("One Two Three Four Five Six Seven Eight Nine Ten Eleven", 10)[-1] == "ten"
    assert tokenize_title("Bug's Life: Part 2", 10) == ["bug's", "life", "part", "2"]


def test_json_round_trip_keeps_fingerprint(prepared, tmp_path):
    catalog = prepared.catalog
    again = MovieCatalog.from_json(catalog.to_json())
    assert again.fingerprint == catalog.fingerprint
    assert again.movies == catalog.movies
    # ML-1M has no tags or links: its catalogue file keeps the keys it always had
    assert all(set(m) == {"movie_id", "title", "display_title", "year", "genres", "rating_count"}
               for m in catalog.to_json()["movies"])
    tagged = MovieCatalog.from_json(build_catalog(load_movielens(_tagged_release(tmp_path)), 0, 10).to_json())
    assert tagged.by_id(1).tags == ("pixar",) and tagged.by_id(1).imdb_url == "https://www.imdb.com/title/tt0114709/"


def _tagged_release(tmp_path):
    release = write_synthetic_csv_release(tmp_path / "csv")
    (release / "links.csv").write_text("movieId,imdbId,tmdbId\n1,0114709,862\n")
    (release / "tags.csv").write_text("userId,movieId,tag,timestamp\n1,1,pixar,1\n")
    return release


def test_fingerprint_changes_with_the_movies(prepared):
    catalog = prepared.catalog
    data = catalog.to_json()
    data["movies"] = data["movies"][::-1]
    assert MovieCatalog.from_json(data).fingerprint != catalog.fingerprint


def test_indices_skip_unknown_ids(prepared):
    catalog = prepared.catalog
    first, second = catalog.movies[0].movie_id, catalog.movies[1].movie_id
    assert catalog.indices_of([first, 99999, second]) == [0, 1]


def test_index_array_is_indices_of_for_a_prepared_history(prepared):
    import pytest

    catalog, sequences = prepared.catalog, prepared.sequences
    for user in list(sequences)[:20]:
        assert catalog.index_array(sequences.array(user)).tolist() == catalog.indices_of(sequences[user])
    with pytest.raises(KeyError):
        catalog.index_array(np.array([catalog.movies[0].movie_id, 10**9]))  # not a catalogue movie


def test_imax_is_a_format_not_a_kind_of_film():
    from recommender.catalog import Movie

    movie = Movie(1, "Avatar (2009)", "Avatar", 2009, ("Action", "IMAX", "Sci-Fi"))
    assert movie.kinds == ("Action", "Sci-Fi") and "IMAX" in movie.genres  # the model still reads it
