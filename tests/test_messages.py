"""Reading what users type: intents, titles and constraints (pure, no model)."""
import pytest
from hypothesis import given, settings, strategies as st

from bot.messages import (MAX_MESSAGE_CHARS, AddWatched, Constraints, Help, Recommend, Rejected, RemoveWatched,
                          ShowHistory, StartOver, read_message)


@pytest.mark.parametrize("text, intent", [
    ("I watched Heat and Toy Story", AddWatched(("Heat and Toy Story",))),  # "and" is resolved by the service
    ("I've seen Seven, Fargo, and Heat", AddWatched(("Seven", "Fargo", "Heat"))),
    ("Toy Story\nHeat\n- The Matrix\n", AddWatched(("Toy Story", "Heat", "The Matrix"))),
    ("add The Matrix", AddWatched(("The Matrix",))),
    ("Sense and Sensibility", AddWatched(("Sense and Sensibility",))),
    ("remove Heat", RemoveWatched(("Heat",))),
    ("show my history", ShowHistory()),
    ("what have I watched?", ShowHistory()),
    ("start over", StartOver()),
    ("help", Help()),
    ("what should I watch next?", Recommend()),
])
def test_intents(text, intent):
    assert read_message(text) == intent


def test_constraints_filter_genres_decades_and_anchor_titles():
    assert read_message("something like Alien").constraints.like == "Alien"
    comedy_90s = read_message("a comedy from the 90s").constraints
    assert comedy_90s == Constraints(genres=("Comedy",), min_year=1990, max_year=1999)
    no_horror = read_message("recommend a sci-fi movie but no horror after 1990").constraints
    assert no_horror.genres == ("Sci-Fi",) and no_horror.excluded_genres == ("Horror",) and no_horror.min_year == 1991
    assert no_horror.allows(("Sci-Fi", "Action"), 1995)
    assert not no_horror.allows(("Sci-Fi", "Horror"), 1995)
    assert not no_horror.allows(("Sci-Fi",), 1979)
    assert not comedy_90s.allows(("Drama",), 1995)


def test_empty_and_oversized_messages_are_rejected_with_the_reason():
    assert isinstance(read_message(""), Rejected) and isinstance(read_message(" \n\t "), Rejected)
    too_long = read_message("x" * 10_000)
    assert isinstance(too_long, Rejected) and f"{MAX_MESSAGE_CHARS:,}" in too_long.reason and "10,000" in too_long.reason


def test_markup_sql_and_unicode_stay_plain_text():
    assert read_message("<script>alert(1)</script>") == AddWatched(("<script>alert(1)</script>",))
    assert read_message("add Amélie 🎬") == AddWatched(("Amélie 🎬",))
    sql = read_message("I watched Robert'); DROP TABLE users;--")
    assert isinstance(sql, AddWatched) and "DROP TABLE users" in sql.titles


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_intent(text):
    intent = read_message(text)
    assert isinstance(intent, (Help, ShowHistory, StartOver, AddWatched, RemoveWatched, Recommend, Rejected))
    if isinstance(intent, (AddWatched, RemoveWatched)):
        assert all(title.strip() for title in intent.titles)
