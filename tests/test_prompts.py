"""The prompt builder: the paper's content, the completion format, and that the parser reads it back."""
from recommender.catalog import Movie
from recommender.parsing import parse_recommendations
from recommender.prompts import completion_text, free_messages, grounded_messages, movie_line, render_prompt

MOVIES = [Movie(i, f"T{i}", title, year, genres) for i, (title, year, genres) in enumerate([
    ("The Copper Canyon", 1991, ("Western",)), ("Harbor Lights 2", 1988, ("Drama", "Romance")),
    ("Galaxy Patrol: Episode II - The Red Nebula", 1997, ("Action", "Sci-Fi")), ("Midnight Orchard", 1979, ()),
    ("Space Rangers", 1995, ("Sci-Fi", "Adventure")), ("Grandma's Garden Party", 1993, ("Comedy",)),
])]


def test_free_prompt_holds_the_recent_movies_the_pick_and_the_request():
    user = free_messages(MOVIES[:5], MOVIES[5])[1]["content"]
    for movie in MOVIES[:5]:
        assert f"- {movie_line(movie)}" in user
    assert "predicts I will watch next: Grandma's Garden Party (1993) | Comedy" in user
    assert "Recommend 3 more full movie titles with release years and genres" in user
    assert "1. Title (Year) | Genre, Genre" in user


def test_grounded_prompt_lists_the_candidates_and_keeps_genres_for_the_pick_alone():
    user = grounded_messages(MOVIES[:2], MOVIES[2], MOVIES[3:], count=2)[1]["content"]
    assert "Choose the 2 movies" in user and all(f"- {m.label}\n" in user for m in MOVIES[3:])
    assert all(f"- {m.label}\n" in user for m in MOVIES[:2]) and "Western" not in user and "Romance" not in user
    assert "predicts I will watch next: Galaxy Patrol: Episode II - The Red Nebula (1997) | Action, Sci-Fi" in user


def test_the_parser_reads_the_completion_format_back():
    parsed = parse_recommendations(completion_text(MOVIES))
    assert [(p.title, p.year) for p in parsed] == [(m.display_title, m.year) for m in MOVIES]
    assert [p.genres for p in parsed] == [m.genres for m in MOVIES]


def test_render_without_a_chat_template_is_a_plain_transcript():
    text = render_prompt(free_messages(MOVIES[:1], MOVIES[1]))
    assert text.startswith("System: You are DUALRec") and text.endswith("\n\nAssistant:")
