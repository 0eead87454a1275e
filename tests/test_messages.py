"""Reading what users type: intents, titles and constraints (pure, no model)."""
import typing

import pytest
from hypothesis import given, settings, strategies as st

from bot.messages import (MAX_MESSAGE_CHARS, MAX_TITLES, AddWatched, Intent, Constraints, Help, Recommend, Rejected,
                          RemoveWatched, ShowHistory, StartOver, TitleLine, TitleList, clean_text, read_message,
                          split_titles)


def titles(*lines: tuple[str, ...]) -> TitleList:
    """A list of lines, each pieces joined by ", " unless a joiner is given as ("piece", " and ", "piece")."""
    built = []
    for line in lines:
        pieces, joiners = line[::2], line[1::2]
        built.append(TitleLine(tuple(pieces), tuple(joiners)))
    return TitleList(tuple(built))


@pytest.mark.parametrize("text, intent", [
    # pieces are cut at every "and"; the service decides which ones form one title (bot/titles.py)
    ("I watched Heat and Toy Story", AddWatched(titles(("Heat", " and ", "Toy Story")))),
    ("I've seen Seven, Fargo, and Heat", AddWatched(titles(("Seven", ", ", "Fargo", ", ", "Heat")))),
    ("Toy Story\nHeat\n- The Matrix\n", AddWatched(titles(("Toy Story",), ("Heat",), ("The Matrix",)))),
    ("add The Matrix", AddWatched(titles(("The Matrix",)))),
    ("Sense and Sensibility", AddWatched(titles(("Sense", " and ", "Sensibility")), guessed=True)),
    ("I watched The Karate Kid, Part II (1986)", AddWatched(titles(("The Karate Kid", ", ", "Part II (1986)")))),
    ("add Seven (Se7en), Heat", AddWatched(titles(("Seven (Se7en)", ", ", "Heat")))),  # no cut inside brackets
    # genre and request words inside pasted titles do not make a list a request
    ("Crimes and Misdemeanors (1989)\nShe's All That (1999)",
     AddWatched(titles(("Crimes", " and ", "Misdemeanors (1989)"), ("She's All That (1999)",)))),
    ("Crimes and Misdemeanors (1989)", AddWatched(titles(("Crimes", " and ", "Misdemeanors (1989)")), guessed=True)),
    ("Something Wild\nHeat\nFargo", AddWatched(titles(("Something Wild",), ("Heat",), ("Fargo",)))),
    ("remove Heat", RemoveWatched(titles(("Heat",)))),
    ("show my history", ShowHistory()),
    ("what have I watched?", ShowHistory()),
    ("what have you got on me", ShowHistory()), ("what've u got saved for me so far", ShowHistory()),
    ("what do u have on me", ShowHistory()),
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


def test_a_title_joined_back_reads_as_typed():
    line = read_message("I watched Sex, Lies, and Videotape").titles.lines[0]
    assert line.pieces == ("Sex", "Lies", "Videotape") and line.span(0, 3) == "Sex, Lies, Videotape"
    assert read_message("I watched Heat and Toy Story").titles.lines[0].span(0, 2) == "Heat and Toy Story"


def test_a_long_list_is_read_up_to_the_limit_and_the_rest_counted():
    listed = split_titles("\n".join(f"Movie {i}" for i in range(450)))
    assert len(listed.titles) == MAX_TITLES and listed.skipped == 450 - MAX_TITLES
    one_line = split_titles(", ".join(f"Movie {i}" for i in range(200)))
    assert len(one_line.titles) == MAX_TITLES and one_line.skipped == 200 - MAX_TITLES


def test_markup_sql_and_unicode_stay_plain_text():
    assert read_message("<script>alert(1)</script>") == AddWatched(titles(("<script>alert(1)</script>",)), guessed=True)
    assert read_message("add Amélie 🎬") == AddWatched(titles(("Amélie 🎬",)))
    sql = read_message("I watched Robert'); DROP TABLE users;--")
    assert isinstance(sql, AddWatched) and "DROP TABLE users" in sql.titles.titles


def test_bad_bytes_are_cleaned_at_the_boundary():
    assert clean_text("Heat\x00 \ud800(1995)") == "Heat \ufffd(1995)"
    assert clean_text("line one\nline\ttwo") == "line one\nline\ttwo"  # newlines and tabs stay
    intent = read_message("add He\x00at\udfff")
    assert isinstance(intent, AddWatched) and intent.titles.titles == ("Heat\ufffd",)
    intent.titles.titles[0].encode("utf-8")  # every piece can be stored and sent
    assert isinstance(read_message("\x00\x00"), Rejected)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_intent(text):
    intent = read_message(text)
    assert isinstance(intent, typing.get_args(Intent))
    if isinstance(intent, (AddWatched, RemoveWatched)):
        assert all(title.strip() for title in intent.titles.titles)
        assert len(intent.titles.titles) <= MAX_TITLES
        for line in intent.titles.lines:
            assert len(line.joiners) == len(line.pieces) - 1
            line.span(0, len(line.pieces)).encode("utf-8")


@pytest.mark.parametrize("text, pieces", [("rocky 2, 3 and 4", ("rocky 2", "rocky 3", "rocky 4")),
                                          ("bttf 1 and 2 for a film club thing lol", ("bttf 1", "bttf 2")),
                                          ("toy story 2 and 3", ("toy story 2", "toy story 3")),
                                          ("heat and 2 more", ("heat", "2 more")),
                                          ("se7en and 12 monkeys", ("se7en", "12 monkeys"))])
def test_bare_numbers_after_a_numbered_title_are_the_same_series(text, pieces):
    """Issue 20 (dev4): "bttf 1 and 2" stored nothing; "rocky 2, 3 and 4" was three unknown pieces."""
    from bot.messages import split_titles

    assert split_titles(text).titles == pieces


@pytest.mark.parametrize("text", ["ok cool, forget me now, i'm done", "Please forget me altogether. I shall start afresh.",
                                  "Please forget everything you know about me. My husband will use this now."])
def test_forget_me_said_with_talk_around_it(text):
    from bot.messages import ForgetMe, read_command

    assert read_command(text) == ForgetMe()


@pytest.mark.parametrize("text, year", [
    ("the audrey hepburn one", 1954), ("the jeff goldblum one yeah", 1986), ("Cronenberg's, with Goldblum", 1986),
    ("not the de niro one", 1962),  # "not" turns it to the other version
    ("Audrey Hepburn or Harrison Ford, I forget", None),  # two versions named: none chosen
    ("the one with my aunt", None),
])
def test_a_version_told_apart_by_the_people_in_it(text, year):
    from bot.intents import Answer
    from bot.messages import version_said

    assert version_said(text, strong_only=True) == (Answer(year=year) if year else None)


def test_a_removal_led_by_talk_words_and_a_version_described_beside_a_film():
    from bot.intents import Undo
    from bot.messages import read_command, talk_beside_titles

    assert isinstance(read_command("actually just delete that, i mostly had my eyes covered lol"), Undo)
    assert talk_beside_titles("the glenn close one") and not talk_beside_titles("the fly")


@pytest.mark.parametrize("piece, talk", [("a 6", True), ("a solid 7", True), ("three and a half", False),
                                         ("four stars", True), ("about a 7.5", True), ("8/10", True), ("six", False),
                                         ("a few good men", False), ("2", False)])
def test_a_score_listed_after_its_film_is_talk_not_an_unknown_title(piece, talk):
    """ "Die Hard 2, a 6." answered "I don't know “a 6”"; a bare number or number word may be a series' film."""
    from bot.messages import talk_beside_titles

    assert talk_beside_titles(piece) == talk


def test_what_is_on_my_list_asked_with_anything():
    from bot.intents import ShowHistory
    from bot.messages import read_command

    assert read_command("anything on my list besides those two?") == ShowHistory()
    assert read_command("anything else in my history?") == ShowHistory()


@pytest.mark.parametrize("text", ["ay no, take out Ghost, that one was my sister watching",
                                  "quita el Ghost please, we never saw it complete",
                                  "borra Ghost and Heat, those my son saw alone with the tablet, not me"])
def test_removals_led_or_said_in_spanish(text):
    from bot.intents import RemoveWatched
    from bot.messages import read_command

    removal = read_command(text)
    assert isinstance(removal, RemoveWatched) and "Ghost" in removal.titles.titles


def test_words_said_before_a_command_read_at_once_however_often_repeated():
    from bot.messages import read_command

    from bot.intents import Correct, RemoveWatched

    # lead words listed twice ("silly me", "ok so" beside "ok" and "so") split in 2^n ways when a match failed: the
    # failing match ("... x") took minutes; the one that holds reads the command after them
    for lead in ("silly me ", "i am an idiot ", "oh my god ", "perdón "):
        assert not isinstance(read_command(lead * 30 + "x"), Correct)
        assert isinstance(read_command(lead * 30 + "i meant Heat"), Correct)
    for lead in ("ok so ", "ay no ", "ok "):
        assert not isinstance(read_command(lead * 30 + "x"), RemoveWatched)
        assert isinstance(read_command(lead * 30 + "remove Heat"), RemoveWatched)


@pytest.mark.parametrize("text", ["part 2 comes out in may", "part 1 is free on youtube", "and part 2 is on netflix",
                                  "that guy at work said delete it", "it won't delete", "the button doesnt remove it",
                                  "something on my list reminded me of you"])
def test_talk_about_parts_removals_and_the_list_is_no_command(text):
    from bot.intents import RemoveWatched, ShowHistory
    from bot.messages import read_command

    assert not isinstance(read_command(text), (AddWatched, RemoveWatched, ShowHistory))


def test_spanish_clearing_and_a_title_that_keeps_its_article_and_people_said_not_meant():
    from bot.intents import Answer, RemoveWatched, StartOver, Undo
    from bot.messages import read_command, read_short_reply, version_said

    assert read_command("borra todo") == StartOver() and read_command("quita mi historial") == StartOver()
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    index = TitleIndex(MovieCatalog([Movie(1, "Godfather, The (1972)", "The Godfather", 1972, ("Crime",))],
                                    rating_counts=[1], title_vocab=["<pad>", "<unk>"], max_title_tokens=10))
    assert read_command("quita el padrino", index).titles.titles == ("el padrino",)  # the nickname holds its article
    assert read_command("quita el Ghost please").titles.titles == ("Ghost",)
    assert version_said("it wasn't the de niro one") == Answer(year=1962)
    assert version_said("i want something wilder") is None  # an everyday word is no one's name alone
    assert read_short_reply("the last one, 10") is None  # an ordinal, no version
    assert not isinstance(read_command("delete that one we watched on monday"), Undo)  # which one: not the last add
