"""The answer parser: the formats small models really produce, and a property test that it never raises."""
from hypothesis import given, settings, strategies as st

from recommender.parsing import ParsedMovie, parse_line, parse_recommendations


def titles(text: str) -> list[str]:
    return [m.title for m in parse_recommendations(text)]


def test_the_prompted_format_parses_fully():
    answer = "1. The Matrix (1999) | Action, Sci-Fi\n2. Heat (1995) | Action, Crime, Thriller\n3. Fargo (1996) | Crime, Drama"
    assert parse_recommendations(answer) == [
        ParsedMovie("The Matrix", 1999, ("Action", "Sci-Fi")),
        ParsedMovie("Heat", 1995, ("Action", "Crime", "Thriller")),
        ParsedMovie("Fargo", 1996, ("Crime", "Drama")),
    ]


def test_prose_markdown_bullets_and_repeats_are_tolerated():
    answer = (
        "Sure! Here are three movies you might like:\n\n"
        "* **Alien** (1979) - Horror, Sci-Fi\n"
        "- Heat (1995)\n"
        "2) Heat (1995) | Crime\n"
        "### 3. `Toy Story` (1995) | animated, kids\n"
        "I hope you enjoy them!"
    )
    parsed = parse_recommendations(answer)
    assert [m.title for m in parsed] == ["Alien", "Heat", "Toy Story"]
    assert parsed[0].genres == ("Horror", "Sci-Fi")
    assert parsed[2].genres == ("Animation", "Children's")


def test_missing_years_and_genres_and_dashes_inside_titles():
    parsed = parse_recommendations("1. Star Wars: Episode IV - A New Hope | sci-fi\n2. Spider-Man\n3. Fargo 1996")
    assert parsed[0] == ParsedMovie("Star Wars: Episode IV - A New Hope", None, ("Sci-Fi",))
    assert parsed[1] == ParsedMovie("Spider-Man")
    assert parsed[2] == ParsedMovie("Fargo", 1996)


def test_run_on_lines_are_split_into_items():
    answer = "1. Toy Story (1995) | Animation; Heat (1995) | Crime 2. Fargo (1996) | Crime 3. Alien (1979) | Horror"
    assert titles(answer) == ["Toy Story", "Heat", "Fargo", "Alien"]


def test_a_reason_after_the_title_is_kept_apart_from_genres():
    movie = parse_line("1. Alien (1979) | a tense classic for fans of Sci-Fi")
    assert movie == ParsedMovie("Alien", 1979, (), "a tense classic for fans of Sci-Fi")
    with_both = parse_line("2. Heat (1995) | Crime, Thriller | the same director's best")
    assert with_both.genres == ("Crime", "Thriller") and with_both.reason == "the same director's best"


def test_degenerate_answers_give_nothing_or_little():
    assert parse_recommendations("") == []
    assert parse_recommendations("   \n\n ") == []
    assert parse_recommendations("I cannot help with that.") == []
    assert parse_recommendations(None) == []  # type: ignore[arg-type]
    assert len(parse_recommendations("1. Heat (1995)\n" * 500)) == 1
    assert parse_recommendations("1. " + "a" * 5000) == []  # a runaway "title" is not a movie
    assert len(parse_recommendations("\n".join(f"{i}. Movie {i} (1990)" for i in range(1, 40)), limit=5)) == 5


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_string(text):
    parsed = parse_recommendations(text)
    assert isinstance(parsed, list)
    for movie in parsed:
        assert movie.title and len(movie.title) <= 120
        assert movie.year is None or 1800 <= movie.year <= 2099


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1.", "-", "|", "(", ")", "1999", "**", "\n", " ", "Heat", ";", "—", ":", "2)"]), max_size=60))
def test_never_raises_on_list_like_noise(tokens):
    assert isinstance(parse_recommendations("".join(tokens)), list)
