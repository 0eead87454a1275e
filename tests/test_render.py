"""What the reply says about movies and the catalogue comes from the data, never from a fixed catalogue."""
from __future__ import annotations

from bot import render
from recommender.catalog import Movie


def test_imax_is_not_shown_as_a_genre():
    inception = Movie(79132, "Inception (2010)", "Inception", 2010, ("Action", "Sci-Fi", "IMAX"))
    assert render.movie_markdown(inception) == "**Inception** (2010) · Action, Sci-Fi"
    only_imax = Movie(1, "Everest (2015)", "Everest", 2015, ("IMAX",))
    assert render.movie_markdown(only_imax).endswith("· no genre listed")


def test_the_catalogue_is_described_by_its_size_and_reach():
    assert render.known_movies(2269, 2018) == "the 2,269 movies I know (the most-rated of MovieLens, up to 2018)"
    assert "1,000 popular movies up to 2000" in render.who_i_am(1000, 2000, 747_869)
    assert "87,585 popular movies up to 2023" in render.who_i_am(87_585, 2023, 32_000_204)
    assert render.UNKNOWN_TITLE.format(typed="Barbie", known=render.known_movies(1000, 2000)).startswith(
        "I don't know “Barbie”: it is not among the 1,000 movies I know (the most-rated of MovieLens, up to 2000).")


def test_films_left_out_are_listed_as_a_list_and_called_them():
    from bot.render import not_added

    assert "“A”, “B” and “C”" in not_added(["A", "B", "C"], wanted=False) and "them" in not_added(["A", "B"], False)
    assert "“A”:" in not_added(["A"], wanted=False) and "watched it" in not_added(["A"], wanted=False)


def test_a_card_quotes_its_tags_and_links_to_imdb_where_the_release_has_them():
    from recommender.chain import Recommendation

    inception = Movie(79132, "Inception (2010)", "Inception", 2010, ("Action", "Sci-Fi"),
                      ("thought-provoking", "dreamlike", "<b>mind</b> bending"), 1375666)
    card = render.recommendation_markdown(1, Recommendation(inception, "lstm", 0.1, "Often watched next"))
    assert "[IMDb](https://www.imdb.com/title/tt1375666/)" in card
    assert "tagged “thought-provoking”, “dreamlike” and “&lt;b&gt;mind&lt;/b&gt; bending” on MovieLens" in card
    plain = Movie(2, "Jumanji (1995)", "Jumanji", 1995, ("Adventure",))
    assert render.recommendation_markdown(2, Recommendation(plain, "lstm", 0.1, "Often watched next")) == (
        "2. **Jumanji** (1995) · Adventure  \n   _Often watched next_ (the sequence model)")
    odd = Movie(3, "X (2000)", "X", 2000, ("Drama",), ("dark_humor", "[x](http://a)"))
    assert "“dark\\_humor” and “\\[x\\]\\(http://a\\)”" in render.tagged_words(odd)  # a tag is text, not markup
    assert "tagged “thought-provoking”" in render.explain_shown("Inception", "Often watched next", "lstm",
                                                                render.tagged_words(inception))
