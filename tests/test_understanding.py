"""Reading what people say (pure): several acts in one message, negation scope, moods, small talk, answers to
the bot's questions, follow-ups. Each case is one the chat used to get wrong."""
import pytest
from hypothesis import given, settings, strategies as st

from bot.messages import (AddWatched, Answer, ForgetMe, Recommend, RemoveWatched, SeenThose, SetTaste, SmallTalk,
                          StartOver, Undo, read_message)
from bot.intents import CannotAnswer, Correct, ShowHistory
from bot.messages import Constraints, split_titles
from bot.budget import MeteredIndex, WorkBudget
from bot.understanding import read_acts


def kinds(text: str) -> list[str]:
    return [type(act).__name__ for act in read_acts(text)]


def titles(act) -> tuple[str, ...]:
    return act.titles.titles


@pytest.mark.parametrize("text, excluded, disliked", [
    ("I hate horror movies, what should I watch?", ("Horror",), ("Horror",)),
    ("not a fan of musicals, suggest something", ("Musical",), ("Musical",)),
    ("don't want anything scary", ("Horror",), ()),
    ("recommend something, but no westerns or war movies", ("Western", "War"), ()),
    ("I can't stand romantic comedies. What should I watch?", ("Romance", "Comedy"), ("Romance", "Comedy")),
])
def test_negatives_are_never_read_as_wishes(text, excluded, disliked):
    [request] = read_acts(text)
    assert isinstance(request, Recommend)
    assert set(request.constraints.excluded_genres) == set(excluded) and not request.constraints.genres
    assert set(request.disliked_genres) == set(disliked)


@pytest.mark.parametrize("text, min_year, max_year", [
    ("what should I watch next? nothing older than 1990", 1990, None),
    ("a comedy from the 80s", 1980, 1989),
    ("something from before 1975", None, 1974),
    ("don't want anything before 1980", 1980, None),
    ("no horror after 1990", 1991, None),  # the negation takes the horror, not the year
    ("nothing made after 1995 please", None, 1995),
])
def test_year_bounds_and_their_negation(text, min_year, max_year):
    [request] = read_acts(text)
    assert (request.constraints.min_year, request.constraints.max_year) == (min_year, max_year)


@pytest.mark.parametrize("text, min_year, max_year", [
    ("hmm older, like before the nineties", None, 1989),
    ("pre-90s action please", None, 1989),
    ("something after the 80s", 1990, None),
    ("a comedy since the seventies", 1970, None),
    ("what should I watch? nothing before the 90s", 1990, None),
    ("recommend something but no 80s stuff", None, None),  # a decade ruled out sets no window
    ("something we'd both like? not too old tho, like 1985 and up", 1985, None),
    ("comedies, 1970 or earlier", None, 1970),
])
def test_a_bound_said_of_a_decade(text, min_year, max_year):
    """And a year with a direction and no preposition ("like 1985 and up")."""
    from bot.messages import read_request
    asked = read_request(text).constraints
    assert (asked.min_year, asked.max_year) == (min_year, max_year)


@pytest.mark.parametrize("text, min_year, max_year", [
    ("i dont watch anything older than 1990 its just not for me", 1990, None),
    ("honestly i only really like 90s movies thats my era", 1990, 1999),
    ("nothing after 1960 for us, we love the old stuff", None, 1960),
    ("we only watch 80s movies", 1980, 1989),
])
def test_years_said_as_a_habit_are_a_standing_taste(text, min_year, max_year):
    [taste] = read_acts(text)
    assert isinstance(taste, SetTaste) and (taste.min_year, taste.max_year) == (min_year, max_year)


@pytest.mark.parametrize("text", ["nothing before 1990 please", "a comedy from the 80s", "I love 80s movies",
                                  "only 90s ones", "anything from the 70s?"])
def test_years_asked_for_once_are_no_standing_taste(text):
    assert not any(isinstance(act, SetTaste) for act in read_acts(text))


@pytest.mark.parametrize("text, genre", [
    ("something funny", "Comedy"), ("I want something scary tonight", "Horror"),
    ("a romantic movie for date night", "Romance"), ("anything for kids?", "Children's"),
    ("recommend a cartoon", "Animation"), ("a tense thriller", "Thriller"), ("a heist movie", "Crime"),
])
def test_mood_and_audience_words_map_to_genres(text, genre):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and genre in request.constraints.genres


@pytest.mark.parametrize("text, key", [
    ("a short comedy", "length"), ("something under two hours", "length"), ("a movie starring Tom Hanks", "cast"),
    ("a French film", "language"), ("an Oscar winning drama", "rating"),
])
def test_requests_that_cannot_be_filtered_are_named(text, key):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and key in request.unsupported


@pytest.mark.parametrize("text, expected, named", [
    ("I liked Heat, what should I watch next?", ["AddWatched", "Recommend"], ("Heat",)),
    ("Can you recommend something? I've watched Schindler's List and Saving Private Ryan", ["AddWatched", "Recommend"],
     ("Schindler's List", "Saving Private Ryan")),
    ("Just finished Fargo. Loved it!", ["AddWatched"], ("Fargo",)),
    ("Hi! I watched Fargo", ["AddWatched"], ("Fargo",)),
    ("remove Heat and add Fargo", ["RemoveWatched", "AddWatched"], ("Fargo",)),
    ("I hate horror. Something funny please", ["Recommend"], ()),
    ("remove Mad Max 2 (a.k.a. The Road Warrior). What next?", ["RemoveWatched", "Recommend"], ()),
])
def test_several_acts_in_one_message(text, expected, named):
    acts = read_acts(text)
    assert kinds(text) == expected
    adds = [a for a in acts if isinstance(a, AddWatched)]
    assert (titles(adds[0]) if adds else ()) == named


@pytest.mark.parametrize("text, named", [
    ("Just finished Fargo. Loved it!", ("Fargo",)),
    ("Me and my wife watched Notting Hill", ("Notting Hill",)),
    ("I watched Heat and it was great", ("Heat",)),
    ("I watched American Beauty last night", ("American Beauty",)),
    ("My favourites are Pulp Fiction, Reservoir Dogs and Jackie Brown", ("Pulp Fiction", "Reservoir Dogs", "Jackie Brown")),
    ("I want to add Heat", ("Heat",)),
    ("we just saw Toy Story with the kids", ("Toy Story",)),
    # a period inside a title's parentheses or after an abbreviation does not end the sentence
    ("I watched Mad Max 2 (a.k.a. The Road Warrior) (1981)", ("Mad Max 2 (a.k.a. The Road Warrior) (1981)",)),
    ("I watched Mr. Smith Goes to Washington", ("Mr. Smith Goes to Washington",)),
])
def test_titles_inside_ordinary_sentences(text, named):
    [add] = [a for a in read_acts(text) if isinstance(a, AddWatched)]
    assert titles(add) == named


def test_liking_is_a_positive_signal_and_a_statement_of_taste_holds():
    assert read_message("I loved Heat").liked and not read_message("I watched Heat").liked
    assert read_message("I hate horror") == SetTaste(disliked_genres=("Horror",))
    assert read_message("horror is fine again") == SetTaste(allowed_genres=("Horror",))


@pytest.mark.parametrize("text, act", [
    ("yes", Answer(yes=True)), ("yeah, that one", Answer(yes=True)), ("no", Answer(yes=False)),
    ("the first one", Answer(index=0)), ("2", Answer(index=1)), ("the second one", Answer(index=1)),
    ("the 1977 one", Answer(year=1977)), ("undo", Undo()), ("not that one", Undo(only_guess=True)),
    ("forget me", ForgetMe()), ("delete my data", ForgetMe()), ("delete everything about me pls", ForgetMe()),
    ("Please forget everything about me, I'm handing this tablet over to my grandson.", ForgetMe()),
    ("I've seen those", SeenThose()),
    ("seen all of them", SeenThose()), ("Hi!", SmallTalk("greeting")), ("hello, I'm new here", SmallTalk("greeting")),
    ("thanks", SmallTalk("thanks")), ("who are you?", SmallTalk("who")),
])
def test_short_replies_small_talk_and_typed_forget(text, act):
    assert read_acts(text) == (act,)


@pytest.mark.parametrize("text", ["more", "something else please", "give me different ones", "what else?", "more please"])
def test_follow_ups_ask_for_more(text):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and request.more


@pytest.mark.parametrize("text, follow_up, relative, years", [
    ("older", True, "older", (None, None)),
    ("older ones please, before 1970", True, "older", (None, 1969)),
    ("something newer, like from the 90s", True, "newer", (1990, 1999)),  # "like" before years is no anchor
    ("newer ones", True, "newer", (None, None)),
    ("nothing older", True, "newer", (None, None)),
    ("before 1970", True, "", (None, 1969)),
    ("from the 90s", True, "", (1990, 1999)),
    ("only comedies", True, "", (None, None)),
    ("comedies instead", True, "", (None, None)),
    ("from 1985", True, "", (1985, 1985)),
    ("any good movies from 2024 or 2025?", True, "", (2024, 2025)),
    ("between 1980 and 1990", True, "", (1980, 1990)),
    ("a western", False, "", (None, None)),  # a new request
    ("a comedy from the 90s", False, "", (1990, 1999)),
    ("something like Heat", False, "", (None, None)),
    ("what should I watch next?", False, "", (None, None)),
])
def test_follow_ups_that_change_the_last_request_are_told_from_new_requests(text, follow_up, relative, years):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and not request.constraints.like.startswith("from")
    assert (request.follow_up, request.relative) == (follow_up, relative)
    assert (request.constraints.min_year, request.constraints.max_year) == years


@pytest.mark.parametrize("text", ["I'm not really a horror person", "not a horror fan", "horror isn't my thing",
                                  "horror is not for me", "I don't do horror", "I'm not much of a horror guy"])
def test_a_stated_dislike_of_a_genre_is_a_standing_taste(text):
    assert read_acts(text) == (SetTaste(disliked_genres=("Horror",)),)


def test_forget_me_is_not_removing_a_movie_called_me():
    assert not isinstance(read_message("forget me"), RemoveWatched)
    assert isinstance(read_message("forget Heat"), RemoveWatched)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_message_gives_acts_and_at_most_one_request_last(text):
    acts = read_acts(text)
    requests = [i for i, a in enumerate(acts) if isinstance(a, Recommend)]
    assert acts and len(requests) <= 1 and (not requests or requests[0] == len(acts) - 1)


def history_after(service, cast, turns, user):
    """The movie ids a conversation of `turns` ({A}, {B}, ... filled from the cast) leaves in `user`'s history."""
    from benchmarks.conversation import fill

    for turn in turns:
        service.reply(user, fill(turn, cast))
    return sorted(m.movie_id for m in service.history(user))


# -- the mention-status model over the rules' adds (bot.mention_reader, the shipped head, real SBERT) ---------------
@pytest.fixture(scope="module")
def cast(prepared):
    from benchmarks.conversation import pick_cast

    return pick_cast(prepared.catalog)


@pytest.mark.parametrize("template, unseen, wanted", [
    ("I haven't seen {A}, but I should check it out", ["A"], False),
    ("I've never seen {A} or {B}", ["A", "B"], False),
    ("my wife watched {A}, I went to bed", ["A"], False),
    ("put {A} on my watchlist", ["A"], True),
    ("I've been meaning to watch {A}", ["A"], True),
])
def test_a_movie_not_watched_is_kept_out_of_an_add(synthetic_matcher, mention_reader, cast, template, unseen, wanted):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    text = fill(template, cast)
    assert any(isinstance(a, AddWatched) for a in read_acts(text, synthetic_matcher.index))  # the rules alone add
    [noted] = read_acts(text, synthetic_matcher.index, mention_reader)
    assert isinstance(noted, NotWatched) and noted.wanted == wanted
    assert {t.lower() for t in noted.titles} == {cast[r].display_title.lower() for r in unseen}


def test_two_stories_in_one_sentence_add_one_and_keep_the_other_out(synthetic_matcher, mention_reader, cast, make_service):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("two-stories", fill("loved {A} but I never saw {B}", cast))
    assert [m.movie_id for m in service.history("two-stories")] == [cast["A"].movie_id]
    assert cast["B"].display_title in reply.text and "haven't watched" in reply.text


# -- repairs: closed command forms, titles left to the matcher --------------------------------------------------
@pytest.mark.parametrize("text", ["undo", "scratch that", "oops, undo that", "take that back", "take it off my list",
                                  "that shouldn't be on my list", "remove both of them"])
def test_taking_back_the_latest_add(text):
    [undo] = read_acts(text)
    assert isinstance(undo, Undo) and not undo.last_only and not undo.only_guess and not undo.restore
    # said as a removal, it never puts a removal back
    assert undo.takes_out == text.startswith(("remove", "take it off", "that shouldn't"))


@pytest.mark.parametrize("text", ["take it off", "take it off now", "take that one out please"])
def test_take_it_off_after_a_removal_does_not_put_the_film_back(make_service, cast, text):
    """"take it off" says remove: after "remove X" it must not read as "undo the removal" and restore X."""
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("takeoff", fill("I watched {A} and {B}", cast))
    service.reply("takeoff", fill("remove {A}", cast))
    assert [m.movie_id for m in service.history("takeoff")] == [cast["B"].movie_id]
    service.reply("takeoff", text)
    assert [m.movie_id for m in service.history("takeoff")] == [cast["B"].movie_id]


def test_i_didnt_mean_that_after_a_removal_puts_the_film_back(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("unmeant", fill("I watched {A} and {B}", cast))
    service.reply("unmeant", fill("remove {A}", cast))
    service.reply("unmeant", "oops I didn't mean that")
    assert sorted(m.movie_id for m in service.history("unmeant")) == sorted([cast["A"].movie_id, cast["B"].movie_id])


@pytest.mark.parametrize("text", ["delete the last one", "remove the last one please", "remove the last movie I added"])
def test_taking_back_the_last_movie_added(text):
    assert read_acts(text) == (Undo(last_only=True, takes_out=True),)
    assert read_acts("the last one") == (Answer(index=-1),)  # a choice, after "which one?"


def test_undo_beside_other_acts_runs_first_or_not_at_all(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    acts = read_acts(fill("undo that. I watched {A}", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(acts[0], Undo) and isinstance(acts[1], AddWatched)  # the add is not what gets undone
    acts = read_acts(fill("actually I didn't watch {A}, remove it", cast), synthetic_matcher.index, mention_reader)
    assert [type(a) for a in acts] == [NotWatched]  # "it" is A, taken out by the first clause


@pytest.mark.parametrize("text, removed", [
    ("could you please remove Heat from my watched list?", "Heat"), ("oops, I didn't mean Heat", "Heat"),
    ("take Heat off my list", "Heat"), ("get rid of Heat", "Heat"), ("Heat shouldn't be on my list", "Heat"),
    ("remove Heat from my history", "Heat"), ("can you take Toy Story out of my list", "Toy Story"),
    ("I don't want Heat on my list", "Heat"),
])
def test_removing_in_other_words(text, removed):
    assert read_acts(text) == (RemoveWatched(split_titles(removed)),)


@pytest.mark.parametrize("text, new, old", [
    ("I meant Aliens not Alien", "Aliens", "Alien"), ("oops I meant Aliens, not Alien", "Aliens", "Alien"),
    ("Oops! I meant Aliens instead of Alien.", "Aliens", "Alien"), ("I meant not Alien but Aliens", "Aliens", "Alien"),
    ("sorry, I meant Aliens", "Aliens", None),
])
def test_i_meant_x_not_y_is_a_correction(text, new, old):
    assert read_acts(text) == (Correct(split_titles(new), split_titles(old) if old else None),)


@pytest.mark.parametrize("text", ["I meant to watch Heat but never did", "I meant what I said", "I meant it"])
def test_meant_without_a_title_corrects_nothing(text):
    assert not any(isinstance(a, Correct) for a in read_acts(text))


def test_not_y_x_is_a_correction_only_when_x_is_a_title(synthetic_matcher, cast):
    from benchmarks.conversation import fill

    index = synthetic_matcher.index
    assert read_acts(fill("not {B}, {A}", cast), index) == (Correct(split_titles(cast["A"].display_title),
                                                                    split_titles(cast["B"].display_title)),)
    assert read_acts(fill("{A}, not {B}", cast), index)[0].old == split_titles(cast["B"].display_title)
    assert isinstance(read_acts("not horror, comedy please", index)[0], Recommend)  # a request, not a correction


@pytest.mark.parametrize("template, retracted", [
    ("actually I didn't watch {A}", True), ("I haven't actually seen {A}", True), ("I never saw {A}", True),
    ("I've been meaning to watch {A}", False), ("put {A} on my watchlist", False),
])
def test_a_movie_said_not_watched_is_marked_to_leave_the_history(synthetic_matcher, mention_reader, cast, template,
                                                                  retracted):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    [noted] = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader)
    assert isinstance(noted, NotWatched) and bool(noted.unseen) == retracted


@pytest.mark.parametrize("template, stored", [
    ("caught {A} on cable last night", ["A"]),
    ("finally got round to {A}", ["A"]),
    ("He was great in {A}", ["A"]),
    ("{A} 9/10, {B} 7/10", ["A", "B"]),
    ("I watched {A} and {B.typo}", ["A", "B"]),  # a misspelt list item is still matched
])
def test_a_statement_of_watching_stores_the_titles_it_names_not_the_sentence(make_service, cast, template, stored):
    """The pieces the rules cut are sentences ("caught X on cable"); the titles the clause names, read as watched,
    are what is stored (issue 20: these stored nothing)."""
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("statement", fill(template, cast))
    assert [m.movie_id for m in service.history("statement")] == [cast[r].movie_id for r in stored]


def test_a_bare_title_is_added_with_no_opinion(synthetic_matcher, mention_reader, cast):
    """The head reads a lone title as "liked" (0.83 on ML-1M): with no words around it, no like is recorded."""
    from benchmarks.conversation import fill

    [add] = read_acts(fill("{A}", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(add, AddWatched) and not add.liked
    [add] = read_acts(fill("{A.lower}", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(add, AddWatched)


def test_answers_by_age_are_read_whatever_their_case():
    from bot.messages import Answer

    assert read_message("Original") == Answer(age="older") and read_message("Remake") == Answer(age="newer")
    assert read_message("the 21 one") == Answer(year=2021) and read_message("the 31 one") == Answer(year=1931)


@pytest.mark.parametrize("template, stored, asks", [
    ("something like {A}", ["A"], True),
    ("I love movies like {A}, any ideas?", ["A"], True),
    # read as references: neither stored, the suggestions start from both and suggest neither
    ("any movies similar to {A} or {B}?", [], True),
    # the film not seen is not stored; the one it is compared with, read as watched, is (ReDial's seeker who wrote
    # "No I have not, is it like A Time to Kill?" had seen A Time to Kill); a question, not a request
    ("I haven't seen {A} yet, is it like {B}?", ["B"], False),
    # a reference for someone else, read as one: the suggestions start from it, the history stays as it was
    ("I'm after something like {A} for my mother", [], True),
])
def test_a_request_that_starts_from_a_movie_stores_it_as_seen(make_service, cast, template, stored, asks):
    """ReDial seekers had seen 97.9% of the 902 films they named as references ("something like X"): the movies a
    request starts from that the model reads as watched go into the history, liked, and the reply says so before
    the suggestions; one it reads as a reference only is not stored. (Storing only where the speaker says so, "I love
    movies like X", as three blind authors expected, took ReDial's dev half from 93.2% to 71.6%: kept.)"""
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("reference", fill(template, cast))
    assert [m.movie_id for m in service.history("reference")] == [cast[r].movie_id for r in stored]
    if asks and stored:
        assert reply.recommendations and cast[stored[0]].display_title in reply.preface
        assert "when you are ready" not in reply.preface
    elif asks:
        named = {cast[role].movie_id for role in ("A", "B") if "{" + role + "}" in template}
        assert reply.recommendations and not named & {r.movie.movie_id for r in reply.recommendations}


@pytest.mark.parametrize("turns, stored", [
    (["I watched {A}, {B} and {C}", "remove the last one"], ["A", "B"]),  # the last movie, not the whole add
    (["I watched {A}", "I watched {B} and {C}", "remove both of them"], ["A"]),
    (["I watched {A}", "I watched {B}", "oops undo that, wrong chat, that was my sister"], ["A"]),
    (["I watched {A} and {B}", "remove the last one, I walked out halfway"], ["A"]),
    (["I watched {A} and {B}", "scratch {A}, i only saw the trailer"], ["B"]),
    (["I watched {A}", "show my list", "remove {A} from that"], []),
    (["I watched {B}", "wait no it was {A} sorry"], ["A"]),
    (["I watched {B}", "hmm no it was {A}, not {B}"], ["A"]),
    (["I watched {B}", "correction: it was {A}, the original one, not {B}"], ["A"]),
    (["I watched {B}", "no wait, i meant {A}, not the other one"], ["A"]),
    (["I watched {A} and {B}", "remove {C}", "oh wait i meant {B} lol"], ["A"]),  # the removal meant, not a swap
    (["I watched {A} and {B}", "i meant {C}"], ["C"]),  # after an add, the add is replaced
    (["I watched {A} on Saturday and {B} on Sunday", "Correction: Saturday was {C}, not {A}. I mixed them up."],
     ["B", "C"]),
])
def test_repairs_people_type(make_service, cast, turns, stored):
    """Repairs from a blind-written dev set (benchmarks/dev): each stored the wrong history before."""
    from benchmarks.conversation import fill

    service = make_service()
    for turn in turns:
        service.reply("repairs", fill(turn, cast))
    assert [m.movie_id for m in service.history("repairs")] == [cast[r].movie_id for r in stored]


def test_it_was_is_a_correction_only_when_it_names_a_title(synthetic_matcher):
    assert not any(isinstance(a, Correct) for a in read_acts("no it was great", synthetic_matcher.index))
    assert not any(isinstance(a, Correct) for a in read_acts("it was a long day", synthetic_matcher.index))


@pytest.mark.parametrize("clause, word, item", [
    ("quick ratings: heat 9/10, the insider 7/10", "heat", True), ("heat, ronin and casino", "heat", True),
    ("ronin 8/10 and heat (4 stars)", "heat", True), ("the heat today is unbearable", "heat", False),
    ("done by friday, then heat", "friday", False),
])
def test_a_list_item_with_its_score_is_named_as_a_title(clause, word, item):
    """"quick ratings: heat 9/10, the insider 7/10" names Heat; "the heat today" does not (a one-word everyday title
    among several counts only when typed as a title: `_named_as_title`, or as a whole list item)."""
    from types import SimpleNamespace

    from bot.understanding import _list_item

    start = clause.index(word)
    assert _list_item(clause, SimpleNamespace(start=start, stop=start + len(word))) == item


def test_seen_em_is_seen_those():
    assert read_acts("seen em") == (SeenThose(),)


def test_big_of_a_big_fan_is_not_a_movie(mention_reader):
    """"I'm a big fan of the Avenger movies" stored Big (1988): a title before "fan" is the phrase's adjective."""
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    index = TitleIndex(MovieCatalog([Movie(1, "Big (1988)", "Big", 1988, ("Comedy",)),
                                     Movie(2, "Heat (1995)", "Heat", 1995, ("Action",))], rating_counts=[5, 5],
                                    title_vocab=["<pad>", "<unk>"], max_title_tokens=4))
    acts = read_acts("I'm a big fan of the Avenger movies", index, mention_reader)
    assert not any(isinstance(a, AddWatched) and any(t.lower() == "big" for t in a.titles.titles) for a in acts)
    [add] = read_acts("I'm a big fan of Heat", index, mention_reader)
    assert add.titles.titles == ("Heat",)


def test_a_movie_to_start_from_that_it_does_not_know_is_said_and_the_rest_met(make_service):
    service = make_service()
    reply = service.reply("anchor", "I'm looking for a drama. Something like The Quantum Accountant")
    assert "don't know" in reply.text and "Quantum Accountant" in reply.text
    assert reply.recommendations and all("Drama" in r.movie.genres for r in reply.recommendations)


@pytest.mark.parametrize("text, like", [
    ("I am looking for movies along the lines of Mrs. Doubtfire", "Mrs. Doubtfire"),
    ("something reminiscent of Dr. Strangelove. thanks", "Dr. Strangelove"), ("something like Heat. Thanks", "Heat"),
])
def test_a_movie_to_start_from_in_other_words(text, like):
    [request] = read_acts(text)
    assert request.constraints.like == like


@pytest.mark.parametrize("text, cast_asked", [
    ("Hi, I'm looking for some Tom Hanks movies", True), ("a comedy with Jim Carrey", True),
    ("some good action movies", False), ("any good Action Movies", False),
])
def test_an_actor_named_is_a_filter_it_lacks(text, cast_asked):
    from bot.requests import read_request

    assert ("cast" in read_request(text).unsupported) == cast_asked


def test_a_request_for_an_actor_says_what_it_cannot_filter(make_service):
    reply = make_service().reply("actor", "Hi, I'm looking for some Tom Hanks movies")
    assert "actor" in reply.text.lower() or "cast" in reply.text.lower(), reply.text


@pytest.mark.parametrize("text", ["clear my whole history please, i want to start over", "wipe my watched list",
                                  "reset the list!", "start again", "please clear the entire history",
                                  # said with a word before it, "pls" after it, or what the user means to do next
                                  "ok clear all of it, i wanna start fresh", "eh wipe my whole history pls, starting over",
                                  "Actually, forget everything I've told you; my wife wants to use this now",
                                  "so please forget everything and let's start afresh.",
                                  # no comma before the next plan, a plan after "I'm", the whole lot, what was watched
                                  "clear my history pls i want to start over", "ok clear it all, im gonna start fresh next semester",
                                  "Actually scrap the lot, I'd rather begin afresh tomorrow when I've got my glasses.",
                                  "Forget everything I've told you about what I've watched. Jean says I've muddled them.",
                                  "You know what, wipe it. All of it. Fresh start, clean slate, blank VHS.",
                                  "Forget all what I told you, please. We start new."])
def test_clearing_the_history_in_other_words(text):
    from bot.messages import StartOver

    assert read_acts(text) == (StartOver(),)


def test_clearing_beside_a_title_clears_and_adds(synthetic_matcher, cast):
    from benchmarks.conversation import fill
    from bot.messages import StartOver

    acts = read_acts(fill("clear my history, I watched {A}", cast), synthetic_matcher.index)
    assert not any(isinstance(a, StartOver) for a in acts) or any(isinstance(a, AddWatched) for a in acts)


@pytest.mark.parametrize("text, heat", [
    ("the heat today is unbearable and my boss wants everything done by Friday", False),
    ("I can't stand the heat", False),
    ("caught heat on cable", True),  # a viewing verb takes it
    ("finally got round to heat", True),
    ("I loved Heat", True),  # written as a title
])
def test_everyday_words_are_stored_only_as_titles(mention_reader, text, heat):
    """A clause read as titles for want of a verb holds everyday words ("the heat"): a title only where it is
    written as one or a viewing verb takes it (issue 20: the first stored Heat and Friday)."""
    from recommender.catalog import MovieCatalog
    from recommender.titles import TitleIndex
    from tests.test_title_names import SERIES

    index = TitleIndex(MovieCatalog(SERIES, [1] * len(SERIES), ["<pad>", "<unk>"], 10))
    named = {m for act in read_acts(text, index, mention_reader) if isinstance(act, AddWatched)
             for piece in act.titles.titles for m in index.lookup(piece)[0]}
    assert (33 in named) == heat and 34 not in named  # Heat; never Friday


def test_a_movie_to_start_from_said_unseen_is_not_stored(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("unseen-anchor", fill("looking for something like {A}, but i haven't seen that one", cast))
    assert reply.recommendations and not service.history("unseen-anchor")


# -- issue 20, second round: classes of not-watching and of watching that were misread --------------------------
@pytest.mark.parametrize("template, stored, kept_out", [
    ("Seen {A}. Not {B} though.", ["A"], ["B"]),  # an elliptic negation takes its verb from the sentence before
    ("I watched {A}. But not {B} yet.", ["A"], ["B"]),
    ("if I ever had four hours free I'd watch {A}", [], ["A"]),
    ("We were going to watch {A} last night but ended up not watching it, the kids wouldn't sleep", [], ["A"]),
    ("the trailer for {A} looked sick, havent seen the actual movie tho", [], ["A"]),
    ("my kids watched {A}, i was in the kitchen the whole time", [], ["A"]),
    ("would you say {A} is too violent for a 12 year old?", [], ["A"]),
    ("Still need to watch {A} and {B}.", [], ["A", "B"]),
    # a title taken back in the same sentence
    ("we sat up last night with {A}, sorry, I tell a lie, it was {B}, the one I like", ["B"], ["A"]),
    ("We had a lovely evening with {A} — no, it was {B}, I always get them confused.", ["B"], ["A"]),
])
def test_what_a_message_says_was_not_watched_is_never_stored(make_service, cast, template, stored, kept_out):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("classes", fill(template, cast))
    assert [m.movie_id for m in service.history("classes")] == [cast[r].movie_id for r in stored]
    assert not reply.recommendations  # "Not {B} though." is no request to leave B out of a list
    for role in kept_out:
        assert cast[role].display_title.lower() in reply.text.lower()  # said apart, not silently dropped


@pytest.mark.parametrize("text, piece", [
    ("watchd jurrasic park again last nite", "jurrasic park"), ("i wached the shawshank redemtion", "the shawshank redemtion"),
    ("I whatched gladiater", "gladiater"), ("finsihed titanc yesterday", "titanc"),
    ("saw gladiater at the weekend", "gladiater"), ("watched alein over the holidays", "alein"),
    ("I watched jurrasic park a few weeks ago", "jurrasic park"), ("I caught tombstone on cable", "tombstone"),
    ("I saw braveheart when it came out", "braveheart"), ("rewatched grease last nite", "grease"),
])
def test_a_statement_with_a_slip_in_its_verb_or_after_its_title_names_only_the_title(text, piece):
    """A watching verb typed with one slip still states ("watchd"), and the time or place said after a title
    ("at the weekend", "on cable") is not part of it: a misspelt title is then matched alone."""
    assert read_message(text) == AddWatched(split_titles(piece))


@pytest.mark.parametrize("text", ["I lived in fargo", "my son watches heat", "it matched my mood"])
def test_a_real_word_near_a_watching_verb_is_not_mended(text):
    assert read_message(text) != AddWatched(split_titles(text.split()[-1]))


def test_a_statement_with_a_slip_in_its_verb_stores_the_movie(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("slips", fill("watchd {A} again last nite", cast))
    assert [m.movie_id for m in service.history("slips")] == [cast["A"].movie_id]


def test_a_movie_said_unseen_never_takes_out_another_spelt_like_it(make_service, prepared):
    """"Watched Alien. Haven't seen Aliens yet": Aliens is a catalogue title of its own, so Alien stays (the
    synthetic catalogue's pair is Lantern / Lanterns)."""
    service = make_service()
    service.reply("plural", "Watched Lantern last night. Haven't seen Lanterns yet, should I?")
    assert [m.display_title for m in service.history("plural")] == ["Lantern"]
    service.reply("plural", "actually i never saw lanterns")
    assert [m.display_title for m in service.history("plural")] == ["Lantern"]


def test_a_movie_said_unseen_beside_a_request_leaves_the_history(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("unsaid", fill("I've watched {A} and {B}", cast))
    service.reply("unsaid", fill("actually I never saw {B}, mixed it up with something else", cast))
    assert [m.movie_id for m in service.history("unsaid")] == [cast["A"].movie_id]


@pytest.mark.parametrize("text", ["helo, i watched heat", "heya! i watched heat", "hallo, i wached heat"])
def test_a_greeting_typed_loosely_adds_nothing(text):
    assert read_acts(text) == (AddWatched(split_titles("heat")),)


@pytest.mark.parametrize("text, years", [
    ("from the nineties", (1990, 1999)), ("the sixties", (1960, 1969)), ("fifties movies", (1950, 1959)),
    ("a comedy from the eighties", (1980, 1989)), ("early 90s", (1990, 1994)), ("late seventies thriller", (1976, 1979)),
    ("hmm newer, like second half of the 90s", (1995, 1999)), ("a comedy from the first half of the eighties", (1980, 1984)),
    ("mid-80s action", (1983, 1987)), ("the late 1980s", (1986, 1989)), ("something from the '70s", (1970, 1979)),
])
def test_decades_said_in_words_or_in_part_bound_the_years(text, years):
    """Issue 20: "from the nineties" read as nothing; "early 90s" as the whole decade."""
    [request] = read_acts(text)
    assert isinstance(request, Recommend)
    assert (request.constraints.min_year, request.constraints.max_year) == years


def test_only_in_a_follow_up_replaces_the_genres_even_beside_too():
    """ "something the kids can watch too, children's films only" after an adventure: children's films, not
    adventures or children's films."""
    [request] = read_acts("something the kids can watch too, children's films only")
    assert request.constraints.genres == ("Children's",) and request.follow_up and not request.also


@pytest.mark.parametrize("text, genre", [
    ("I'm not really into sci-fi", "Sci-Fi"), ("romance bores me to death lol", "Romance"),
    ("crime stuff is too dark for me", "Crime"), ("children's films bore me", "Children's"),
    ("fantasy's not for me, dragons and wizards", "Fantasy"), ("i get scared really easily so no horror ok", "Horror"),
    ("war films depress me, I avoid them", "War"), ("honestly thrillers stress me out too much", "Thriller"),
])
def test_a_dislike_said_in_passing_is_a_standing_taste(synthetic_matcher, act_reader, text, genre):
    """Issue 20: these were read as a request for the very genre, or as a one-off exclusion."""
    [taste] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and taste.disliked_genres == (genre,) and not taste.only_genres


@pytest.mark.parametrize("text, genre", [
    ("i only like comedies, nothing else", "Comedy"), ("sci-fi is the only genre i watch", "Sci-Fi"),
    ("Musicals are my absolute favourite, only musicals please!", "Musical"),
])
def test_only_liking_a_genre_is_a_standing_taste(synthetic_matcher, act_reader, text, genre):
    [taste] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and taste.only_genres == (genre,) and not taste.disliked_genres


@pytest.mark.parametrize("text, genres", [("drama", ("Drama",)), ("only comedies", ("Comedy",)),
                                          ("but no horror", ()), ("I love comedies", ("Comedy",))])
def test_a_genre_asked_for_or_liked_is_still_a_request(synthetic_matcher, act_reader, text, genres):
    [request] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == genres


def test_a_taste_beside_a_watched_movie_holds_too(synthetic_matcher, act_reader, mention_reader, prepared):
    title = prepared.catalog.movies[0].display_title
    acts = read_acts(f"watched {title} with friends, i really don't like horror tho", synthetic_matcher.index,
                     mention_reader, act_reader)
    assert [type(a).__name__ for a in acts] == ["AddWatched", "SetTaste"]
    assert acts[0].titles.titles == (title,) and acts[1].disliked_genres == ("Horror",)


@pytest.mark.parametrize("text, both", [("recommend me a crime thriller", True), ("a romantic comedy", True),
                                        ("sci-fi horror please", True), ("comedy or drama", False),
                                        ("comedies, dramas", False), ("a scary thriller", True),
                                        ("ok give me a funny western", True), ("funny or scary", False),
                                        ("something for us for saturday, romance but funny", True)])
def test_two_genre_names_side_by_side_ask_for_both(text, both):
    """ "a crime thriller" is a thriller that is a crime film, not any thriller (Terminator 2) or crime film; "a
    funny western" is a western that is funny (a third blind set: it gave Forrest Gump)."""
    [request] = read_acts(text)
    assert len(request.constraints.genres) == 2 and request.constraints.all_genres == both
    assert request.constraints.allows(("Crime", "Thriller", "Romance", "Comedy", "Sci-Fi", "Horror", "Drama", "Western"),
                                      1990)
    assert request.constraints.allows((request.constraints.genres[0],), 1990) != both


def test_a_long_clause_is_still_read_by_the_models(synthetic_matcher, act_reader, mention_reader, prepared):
    """A clause over 150 characters (a title query's limit) got no mention reading at all: "so this weekend was
    basically a movie marathon bc the kids were sick, we did A, B, C and then ... put on D" stored nothing."""
    a, b, c, d = (m.display_title for m in prepared.catalog.movies[:4])
    text = (f"so this weekend was basically a movie marathon bc the kids were sick, we did {a}, {b}, {c} and then "
            f"once they went to bed me and my husband put on {d}")
    assert len(text) > 150
    [add] = read_acts(text, MeteredIndex(synthetic_matcher.index, WorkBudget()), mention_reader, act_reader)
    assert isinstance(add, AddWatched) and set(add.titles.titles) == {a, b, c, d}


@pytest.mark.parametrize("text, last_only", [("scratch that last one", True), ("oh wait remove that, it was my sister "
                                             "who watched it not me lol", False), ("hmm delete the previous one", True)])
def test_taking_back_the_latest_add_in_other_words(text, last_only):
    """Issue 20 (a third blind set): these read as titles ("that last one") or as nothing."""
    [undo] = read_acts(text)
    assert isinstance(undo, Undo) and undo.last_only == last_only and undo.takes_out == ("scratch" not in text)


def test_wiping_everything_clears_the_history():
    assert [type(a).__name__ for a in read_acts("can you wipe everything please, want to start fresh")] == ["StartOver"]


@pytest.mark.parametrize("text, years", [("anything b4 1980?", (None, 1979)), ("sci-fi b4 1975", (None, 1974))])
def test_b4_is_before(text, years):
    [request] = read_acts(text)
    assert (request.constraints.min_year, request.constraints.max_year) == years


def test_newer_than_that_is_newer_than_the_last_list_and_a_score_is_no_film_to_start_from():
    [request] = read_acts("anything newer than that?")
    assert request.relative == "newer" and request.constraints.max_year is None
    assert read_acts("something newer than 1990")[0].constraints.min_year == 1991
    assert read_acts("something like 2/5 stars")[0].constraints.like == ""


def test_saying_for_good_makes_a_request_a_standing_taste():
    [request] = read_acts("only sci-fi for me from now on please")
    assert request.only_genres == ("Sci-Fi",) and request.constraints.genres == ("Sci-Fi",)
    [request] = read_acts("a comedy, and no horror going forward")
    assert request.disliked_genres == ("Horror",)


def test_a_title_said_not_seen_after_it_or_right_before_it_is_never_stored(synthetic_matcher, mention_reader,
                                                                            act_reader, prepared):
    """Issue 20 (a third blind set): "Schindlers List I did not watch, it was The Pianist" kept it in the history;
    "actually i didnt watch goodfellas, it was casino i watched" stored GoodFellas where the model was near even."""
    a, b = (m.display_title for m in prepared.catalog.movies[:2])
    index = synthetic_matcher.index
    acts = read_acts(f"Sorry, mistake. {a} I did not watch, it was {b}", index, mention_reader, act_reader)
    assert any(type(x).__name__ == "NotWatched" and a in x.unseen for x in acts)
    acts = read_acts(f"actually i didnt watch {a.lower()}, it was {b.lower()} i watched, sorry", index,
                     mention_reader, act_reader)
    assert not any(isinstance(x, AddWatched) and a.lower() in x.titles.titles for x in acts)
    assert any(type(x).__name__ == "NotWatched" and a.lower() in x.unseen for x in acts)


def test_pictures_carry_no_act_the_words_do_not(synthetic_matcher, act_reader):
    """ "surprise me 🎲" was called an unknown movie; a lone "👍" too."""
    assert isinstance(read_acts("surprise me 🎲", synthetic_matcher.index, acts=act_reader)[0], Recommend)
    assert read_acts("👍") == (SmallTalk("chat"),)
    assert read_acts("🚫👻 no horror stuff pls")[0].constraints.excluded_genres == ("Horror",)


def test_i_meant_another_decade_changes_the_years_not_a_title():
    """ "sorry i meant 80s not 70s" after a 70s request was read as a title swap ("70s" not in your history)."""
    [request] = read_acts("sorry i meant 80s not 70s")
    assert isinstance(request, Recommend) and (request.constraints.min_year, request.constraints.max_year) == (1980, 1989)


def test_a_year_choice_with_talk_after_it_still_answers():
    assert read_acts("the 1986 one, the cronenberg one with jeff goldblum") == (Answer(year=1986),)


def test_a_long_message_no_rule_reads_is_read_clause_by_clause(synthetic_matcher, mention_reader, act_reader,
                                                              prepared):
    """A rambling message over 200 characters got "I did not understand that" whatever it said."""
    a, b = (m.display_title.lower() for m in prepared.catalog.movies[:2])
    text = (f"ok so catching up: me and jess saw {a} at the weekend (8/10), shes been on at me to watch the notebook "
            f"but no chance, and i still havent seen {b} which everyone at work keeps telling me i really should")
    assert len(text) > 200
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    added = [t for x in acts if isinstance(x, AddWatched) for t in x.titles.titles]
    assert added == [a]


@pytest.mark.parametrize("text", ["what about comedies", "how about a comedy", "a comedy then"])
def test_what_about_and_then_change_the_last_request(text):
    """ "action movies from the 90s", then "what about comedies": comedies from the 90s (it dropped the years)."""
    [request] = read_acts(text)
    assert request.follow_up and request.constraints.genres == ("Comedy",) and not request.also


def test_a_request_that_names_films_it_starts_from_stores_them(synthetic_matcher, mention_reader, act_reader, prepared):
    """ReDial: "hello I like comedies, like Animal House and Porky's have any recommendations?" stored neither:
    the films a request names as what the user likes are seen (ReDial: 97.9% of such references)."""
    a, b = (m.display_title for m in prepared.catalog.movies[:2])
    acts = read_acts(f"hello I like dramas, like {a} and {b} have any recommendations?", synthetic_matcher.index,
                     mention_reader, act_reader)
    assert isinstance(acts[0], AddWatched) and set(acts[0].titles.titles) == {a, b} and isinstance(acts[-1], Recommend)


@pytest.mark.parametrize("template", ["what should I watch, I loved {a}", "{a} is the best haha, thank you for the "
                                      "recommendations!", "I love {a} , have not seen {b} yet. Is it a good one?"])
def test_a_statement_beside_a_request_thanks_or_a_question_is_stored(synthetic_matcher, mention_reader, act_reader,
                                                                     prepared, template):
    """ReDial: the request after a comma ate the statement; "thank you for the recommendations" made the whole
    message a request; "have not seen X" was read as "not X", a film to leave out of a list."""
    a, b = (m.display_title for m in prepared.catalog.movies[:2])
    acts = read_acts(template.format(a=a, b=b), synthetic_matcher.index, mention_reader, act_reader)
    added = [t for x in acts if isinstance(x, AddWatched) for t in x.titles.titles]
    assert added == [a]
    assert any(isinstance(x, Recommend) for x in acts) == template.startswith("what")


def test_not_seen_right_before_a_title_is_not_watched_unless_for_years(synthetic_matcher, mention_reader, act_reader,
                                                                      prepared):
    a = prepared.catalog.movies[0].display_title
    acts = read_acts(f"I have not seen {a} yet", synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(x, AddWatched) for x in acts)
    acts = read_acts(f"I haven't seen {a} in years, loved it back then", synthetic_matcher.index, mention_reader,
                     act_reader)
    assert not any(type(x).__name__ == "NotWatched" and a in x.unseen for x in acts)


def test_corrections_said_with_talk_around_them(synthetic_matcher, mention_reader, act_reader, prepared):
    """A fourth blind set: "Sorry, not X, I meant Y. Both are about ..." excluded X from a list; "I meant Y, the
    third one, sorry" stored the whole phrase; "X is wrong, she watched it alone. Please remove." kept X;
    "hmm, wipe everything, I want to start again" asked for a list beside the clearing."""
    a, b = (m.display_title for m in prepared.catalog.movies[:2])
    index = synthetic_matcher.index
    [correct, *_] = read_acts(f"Sorry, not {a}, I meant {b}. Both are about the same thing, I got confused.", index,
                              mention_reader, act_reader)
    assert isinstance(correct, Correct) and correct.new.titles == (b,) and correct.old.titles == (a,)
    [correct] = read_acts(f"I meant {b}, the third one, sorry", index, mention_reader, act_reader)
    assert isinstance(correct, Correct) and correct.new.titles == (b,)
    acts = read_acts(f"Sorry, {a} is wrong, she watched it alone, I was cooking. Please remove.", index,
                     mention_reader, act_reader)
    assert any(type(x).__name__ == "NotWatched" and x.unseen == (a,) for x in acts)
    assert [type(x).__name__ for x in read_acts("hmm, wipe everything, I want to start again from scratch", index,
                                                mention_reader, act_reader)] == ["StartOver"]


def test_lines_with_headings_are_read_one_by_one(synthetic_matcher, mention_reader, act_reader, prepared):
    """A fourth blind set: "Films I have NOT seen: A, B.\nFilms I HAVE seen: C, D." was read as one pasted list,
    storing all four."""
    a, b, c, d = (m.display_title for m in prepared.catalog.movies[:4])
    acts = read_acts(f"Films I have NOT seen: {a}, {b}.\nFilms I HAVE seen: {c}, {d}.", synthetic_matcher.index,
                     mention_reader, act_reader)
    added = [t for x in acts if isinstance(x, AddWatched) for t in x.titles.titles]
    assert added == [c, d] and any(type(x).__name__ == "NotWatched" and set(x.titles) == {a, b} for x in acts)
    [pasted] = read_acts(f"{a}\n{b}\n{c}", synthetic_matcher.index, mention_reader, act_reader)
    assert pasted.titles.titles == (a, b, c)


# -- a fourth blind set (benchmarks/dev4, two authors) --------------------------------------------------------------
@pytest.mark.parametrize("text", ["i fancy a musical", "im a comedy guy", "watched {title} last night, proper tense",
                                  "just watched {title} with the kids"])
def test_a_kind_of_film_named_in_passing_is_no_dislike_and_no_only(synthetic_matcher, act_reader, mention_reader,
                                                                   prepared, text):
    """Issue 20 (dev4): "i fancy a musical" was "no Musical from now on", "with the kids" was "only Children's"."""
    acts = read_acts(text.format(title=prepared.catalog.movies[0].display_title), synthetic_matcher.index,
                     mention_reader, act_reader)
    tastes = [a for a in acts if isinstance(a, (SetTaste, Recommend))]
    assert not any(a.disliked_genres or a.only_genres for a in tastes)


@pytest.mark.parametrize("text, removed", [
    ("remvoe {a} pls", ("{a}",)), ("pls remove {a}, my bad that was my brother who watched it lol", ("{a}",)),
    ("hmm remove {a} and {b}, I only ever saw {c}", ("{a}", "{b}")), ("hmm remove {a} actually", ("{a}",)),
])
def test_a_removal_with_a_slip_a_lead_word_or_talk_after_it_removes_what_it_names(prepared, text, removed):
    """Issue 20 (dev4): "remvoe X" was read as a liked X; the talk after a removal had its titles removed too."""
    a, b, c = (m.display_title for m in prepared.catalog.movies[:3])
    [act] = read_acts(text.format(a=a, b=b, c=c))
    assert isinstance(act, RemoveWatched) and act.titles.titles == tuple(t.format(a=a, b=b) for t in removed)


@pytest.mark.parametrize("text, new, old", [("ugh sorry I meant die hard 2 not 3", "die hard 2", "die hard 3"),
                                            ("I meant rocky 3, not part 2", "rocky 3", "rocky 2"),
                                            ("oh and I meant speed 2 not speed", "speed 2", "speed"),
                                            ("i meant alien 3 not the first one", "alien 3", "alien")])
def test_a_correction_naming_the_other_sequel_by_its_number_alone(text, new, old):
    [act] = read_acts(text)
    assert isinstance(act, Correct) and act.new.titles == (new,) and act.old.titles == (old,)


def test_a_clear_beside_a_genre_named_in_passing_asks_first(synthetic_matcher, act_reader, mention_reader):
    acts = read_acts("Actually those are all really my kids' films, not mine. Clear my history please.",
                     synthetic_matcher.index, mention_reader, act_reader)
    assert [type(a).__name__ for a in acts] == ["StartOver"]


@pytest.mark.parametrize("text, day", [("Friday night I watched Big with my son", False), ("on Friday we did Hook", False),
                                       ("see you friday", False), ("watched friday with ice cube, so funny", True),
                                       ("friday was hilarious", True)])
def test_a_day_said_as_a_time_is_no_title(text, day):
    _check_day(text, day, "friday")


@pytest.mark.parametrize("text, day", [("we watched it at the film society's Halloween night", False),
                                       ("on Halloween we did Hook", False), ("we watched Halloween last night", True),
                                       ("the theme from Halloween gives me chills", True),
                                       ("I watched Halloween day after day as a kid", True)])
def test_a_holiday_said_as_a_time_is_no_title(text, day):
    _check_day(text, day, "halloween")


def _check_day(text: str, day: bool, name: str):
    """Issue 20 (dev4): "Friday night I watched Big" stored Friday (1995); a closed list, so a rule."""
    from types import SimpleNamespace

    from bot.mentions import names_a_day

    start = text.lower().index(name)
    stop = start + len(name)
    assert names_a_day(SimpleNamespace(text=text[start:stop], start=start, stop=stop), text) is not day


@pytest.mark.parametrize("text", ["ok weekend recap: {a} - loved it. {b} - absolute garbage.",
                                  "{a} ⭐⭐⭐⭐⭐ {b} ⭐⭐⭐", "not gonna lie {a} makes me cry every single time. same with {b}"])
def test_titles_the_clause_rules_lose_are_read_in_the_whole_message(synthetic_matcher, act_reader, mention_reader,
                                                                    prepared, text):
    """Issue 20 (dev4): the mention-status model read these right in the whole message, but the clause rules had
    made a request of them (stars, "not gonna lie") or dropped the first of two dashed items."""
    a, b = (m.display_title for m in prepared.catalog.movies[:2])
    acts = read_acts(text.format(a=a, b=b), synthetic_matcher.index, mention_reader, act_reader)
    stated = {t for act in acts if isinstance(act, AddWatched) and not act.guessed for t in act.titles.titles}
    assert {a, b} <= stated
    assert not any(isinstance(act, Recommend) and act.excluded_movies for act in acts)


@pytest.mark.parametrize("text, disliked, only", [
    ("fair warning I only really watch animated movies, live action just doesn't hit for me idk why", (), ("Animation",)),
    ("westerns are literally my whole personality. I only watch westerns lol, nothing else does it for me", (),
     ("Western",)),
    ("not really into romance stuff tbh, it's all kinda the same", ("Romance",), ()),
])
def test_standing_tastes_in_everyday_words(synthetic_matcher, act_reader, mention_reader, text, disliked, only):
    """Issue 20 (dev4): "live action" was a dislike of Action; "my whole personality" a dislike of westerns beside
    "I only watch westerns"; "not really into romance stuff tbh" was read as a title."""
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    tastes = [a for a in acts if isinstance(a, (SetTaste, Recommend))]
    assert tastes and all(a.disliked_genres == disliked for a in tastes)
    assert any(a.only_genres == only for a in tastes)


@pytest.mark.parametrize("text", ["another couple", "a few more please", "couple more"])
def test_more_in_other_words(text):
    assert read_acts(text) == (Recommend(more=True),)


@pytest.mark.parametrize("text", ["nah not that one", "not that one, something else", "nope, not that one"])
def test_turning_down_a_suggestion_in_other_words(text):
    """Issue 20 (dev4): "nah not that one" was "an unknown movie"; "not that one, something else" said "there is
    nothing to undo" (bot.policy turns the rejection into "more" after a list)."""
    from bot.requests import REJECTS_SUGGESTION

    assert REJECTS_SUGGESTION.match(text)
    assert any(isinstance(a, Undo) for a in read_acts(text)) or read_acts(text) == (Recommend(more=True),)


@pytest.mark.parametrize("text", ["ugh my flatmate was typing on my account. clear all of that please, none of it was me",
                                  "delete all of those please"])
def test_clearing_everything_said_back_of_what_was_told(text):
    assert any(isinstance(a, StartOver) for a in read_acts(text))


def test_put_it_back_restores():
    assert read_acts("no sorry, i did watch it. put it back")[-1] == Undo(restore=True)


@pytest.mark.parametrize("text", ["need something for tonight after a long day of spreadsheets",
                                  "long story short, i want a comedy", "anything, as long as it's funny"])
def test_a_long_day_asks_for_no_length(text):
    """Issue 20 (dev4): "after a long day" was answered "I can't filter by length" with no list."""
    assert all("length" not in getattr(a, "unsupported", ()) for a in read_acts(text))


def test_a_comparative_mood_asks_for_its_genre():
    """Issue 20 (dev4): "what's another classic, but funnier? before 1960" gave dramas."""
    [request] = read_acts("what's another classic, but funnier? before 1960")
    assert request.constraints.genres == ("Comedy",) and request.constraints.max_year == 1959


@pytest.mark.parametrize("text, sequel, old", [("no wait it was part 2 lol, the one with the de niro flashbacks.", "2", ""),
                                               ("I meant part 3, not part 2", "3", "2"),
                                               ("oh hang on it was the second one", "2", ""),
                                               ("sorry, I meant the first one", "1", "")])
def test_a_correction_by_the_number_alone_is_relative_to_the_latest_add(text, sequel, old):
    """Issue 20 (dev3, dev4): "I meant part 3, not part 2" and "no wait it was part 2" changed nothing."""
    [act] = read_acts(text)
    assert isinstance(act, Correct) and (act.sequel, act.old_sequel) == (sequel, old)


def test_talk_beside_a_repair_is_no_request():
    assert [type(a).__name__ for a in read_acts("ugh sorry I meant die hard 2 not 3. the airport one")] == ["Correct"]


@pytest.mark.parametrize("text, count", [("me and my dad watched airplane! and the naked gun, we laughed", 1),
                                         ("I loved Airplane! What should I watch next?", 2),
                                         ("Seen Alien. And Aliens.", 2)])
def test_a_bang_that_the_sentence_carries_on_past_ends_no_clause(text, count):
    """Issue 20 (dev2): "watched airplane! and the naked gun" was cut after the title's "!", and its second film
    read apart from the verb."""
    from bot.understanding import clauses

    assert len(clauses(text)) == count


def test_review_findings_in_the_readings():
    """Review of this session's change: "remote" is no slip of "remove"; a number alone in words is a sequel's;
    "i" after "Toy Story 2" is no numeral; runs of spaces and blank lines, on which the reading's patterns took
    seconds to a minute, come in as one space or one break (bot.intents.clean_text)."""
    from bot.intents import clean_text

    assert not any(isinstance(a, RemoveWatched) for a in read_acts("remote died so we just rewatched heat"))
    assert read_acts("no it was part one")[0].sequel == "1" and read_acts("I meant part two")[0].sequel == "2"
    from bot.messages import split_titles

    assert split_titles("Toy Story 2, i in particular loved it").titles[1] != "Toy Story i"
    assert clean_text("remove heat" + " " * 1000 + "x") == "remove heat x"
    assert clean_text("remove heat" + " \n" * 900 + "x") == "remove heat\nx"
    assert read_acts("no wait it was part 2" + " " * 1900 + "lol")[0].sequel == "2"


def test_talk_after_a_removal_is_cut_off(synthetic_matcher, prepared):
    """What a removal names ends where talk starts ("..., I only ever saw the other two"); a catalogue title after
    the comma is kept (`removal_named` checks the catalogue there: "remove heat, my cousin vinny")."""
    from bot.messages import removal_named

    a, b = (m.display_title for m in prepared.catalog.movies[:2])
    assert removal_named(f"{a}, I only ever saw the other two", synthetic_matcher.index) == a
    assert removal_named(f"{a}, {b}", synthetic_matcher.index) == f"{a}, {b}"


# -- a few real-looking titles, everyday words among them ("Heat", "Go"), on the real SBERT and the shipped heads --
@pytest.fixture(scope="module")
def everyday_titles(synthetic_matcher, tmp_path_factory):
    from recommender.catalog import Movie, MovieCatalog
    from recommender.matching import MatchConfig, TitleMatcher

    movies = [Movie(1, "Heat (1995)", "Heat", 1995, ("Action", "Crime")),
              Movie(2, "Graduate, The (1967)", "The Graduate", 1967, ("Drama",)),
              Movie(3, "Go (1999)", "Go", 1999, ("Crime",)),
              Movie(4, "Big (1988)", "Big", 1988, ("Comedy",)),
              Movie(5, "Shawshank Redemption, The (1994)", "The Shawshank Redemption", 1994, ("Drama",))]
    catalog = MovieCatalog(movies, rating_counts=[40, 30, 20, 10, 50], title_vocab=["<pad>", "<unk>"], max_title_tokens=10)
    return TitleMatcher(catalog, synthetic_matcher.encoder, MatchConfig(), cache_dir=tmp_path_factory.mktemp("everyday"))


def stored(text, matcher, mention_reader, act_reader) -> list[str]:
    from bot.titles import resolve_titles

    adds = [a for a in read_acts(text, matcher.index, mention_reader, act_reader) if isinstance(a, AddWatched)]
    resolved = [resolve_titles(a.titles, matcher, index=matcher.index) for a in adds]
    # stored surely, or on a best guess with an undo offered (as the service does)
    return [m.display_title for r in resolved for m in [*r.movies, *(u.likely for u in r.unsure if u.likely)]]


@pytest.mark.parametrize("text, titles_stored", [
    ("lunch break. quick one. watched heat sat", ["Heat"]),  # a day after a one-word title is talk
    ("but tonight i seen the graduate with my wife kind of ironic", ["The Graduate"]),  # a verb takes the title
    ("the heat today is unreal, see you sat", []),
    ("just finished watchin the shawshenk redemtion with the wife", ["The Shawshank Redemption"]),  # verb kept in
])
def test_a_title_said_watched_among_talk(everyday_titles, mention_reader, act_reader, text, titles_stored):
    assert stored(text, everyday_titles, mention_reader, act_reader) == titles_stored


@pytest.mark.parametrize("text", ["rec me smth", "recs?", "1990 or later please", "smth funny"])
def test_short_forms_of_asking(text):
    assert isinstance(read_acts(text)[-1], Recommend)


def test_a_number_said_instead_of_another_after_talk():
    [correct] = read_acts("no no the voice thing messed up i said part two not three")
    assert isinstance(correct, Correct) and (correct.sequel, correct.old_sequel) == ("2", "3")


def test_nor_carries_the_negation_of_the_sentence_before(synthetic_matcher, mention_reader, cast, make_service):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("nor", fill("Confession: I have never seen {A}. Nor, for that matter, {B}, a gap I intend to "
                              "remedy this winter.", cast))
    assert service.history("nor") == []


def test_a_command_word_with_its_please_and_colon(synthetic_matcher, mention_reader, cast, make_service):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("add", fill("Add, please: {A}, {B}, and {C}, it was a long week.", cast))
    assert {m.movie_id for m in service.history("add")} == {cast[r].movie_id for r in "ABC"}


@pytest.mark.parametrize("text", ["rewatched harbor kid 1 and 2 for a film club thing"])  # "1": the first film
def test_numbers_of_a_series_said_after_a_numbered_title(make_service, prepared, text):
    service = make_service()
    service.reply("series", text)
    kids = {m.movie_id for m in prepared.catalog.movies if m.display_title.startswith("The Harbor Kid")}
    assert len(kids) == 2 and {m.movie_id for m in service.history("series")} == kids


@pytest.mark.parametrize("text, min_year, max_year", [
    ("not the 80s, the 90s please", 1990, 1999),  # a decade ruled out, then the one asked
    ("nothing from the 70s, maybe the 80s", 1980, 1989),
    ("no horror before the 90s", None, 1989),  # the negation takes the horror, as with a year
])
def test_the_decade_asked_is_the_one_not_ruled_out(text, min_year, max_year):
    from bot.messages import read_request
    asked = read_request(text).constraints
    assert (asked.min_year, asked.max_year) == (min_year, max_year)


@pytest.mark.parametrize("text", ["have i seen it?", "i don't think i've seen it", "i saw it was on netflix",
                                  "we almost watched it", "i saw it coming"])
def test_it_said_without_watching_is_no_statement(text):
    assert not any(isinstance(act, SeenThose) for act in read_acts(text))


def test_a_score_or_a_count_after_a_title_is_no_other_film_and_a_score_is_no_correction():
    assert not any(isinstance(act, Correct) for act in read_acts("i rated heat, it was 8 not 10"))
    from bot.understanding import _MORE_NUMBERS
    assert _MORE_NUMBERS.match(", 4 out of 5") is None and _MORE_NUMBERS.match(", 3 times now") is None
    assert _MORE_NUMBERS.match(", 3 and 4").group() == ", 3 and 4"


def test_a_long_piece_after_a_viewing_verb_is_read_in_one_pass():
    """The verb-lead pattern once backtracked exponentially (seconds at 135 characters): now one way to split."""
    from bot.titles import _VERB_LEAD
    assert _VERB_LEAD.match("finished watchin " + "ha" * 300 + " i cant even")["rest"] == "ha" * 300 + " i cant even"
    assert _VERB_LEAD.match("i finaly watched the shawshenk redemption")["rest"] == "the shawshenk redemption"


@pytest.mark.parametrize("template, stored", [
    ("walked out of {A} after 15 min, but i watched all of {B}", ["B"]),  # left early: not watched
    ("gave up on {A} after an hour, loved {B} though", ["B"]),
    ("i watched {A}, then turned off the tv", ["A"]),  # what follows the film is not about it
    ("i watched {A} for ten minutes and turned it off", []),
    ("my wife watched {A}, i went to bed", []),
    ("watched {A} at a sleepover and did not sleep", ["A"]),  # the verb opening the sentence is the speaker's
])
def test_a_film_left_early_and_one_watched_before_other_talk(make_service, cast, template, stored):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("left", fill(template, cast))
    assert [m.movie_id for m in service.history("left")] == [cast[r].movie_id for r in stored]


def test_a_clause_that_asks_nothing_beside_a_follow_up_leaves_it_a_follow_up(synthetic_matcher, mention_reader):
    """"Lovely. Something from the fifties as well?" after a list changes that list's years: "lovely" asks nothing
    and decides nothing about it."""
    [alone] = read_acts("Something from the fifties as well?", synthetic_matcher.index, mention_reader)
    [beside] = read_acts("Lovely. Something from the fifties as well?", synthetic_matcher.index, mention_reader)
    assert alone.follow_up and beside.follow_up and (beside.constraints.min_year, beside.constraints.max_year) == (1950, 1959)


@pytest.mark.parametrize("text", ["Any more like that?", "got any more of those?"])
def test_a_bare_request_the_act_model_reads_as_more_pages_on(synthetic_matcher, mention_reader, act_reader, text):
    """"Any more like that?" after a list is more of that list (its genres and years kept), not a new request with
    none: the rules read only a bare request in it, and the act model, sure, reads "more"."""
    [more] = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert more == Recommend(more=True)


@pytest.mark.parametrize("text, years, disliked", [
    ("only 80s movies for me this month, doing an 80s month for my letterboxd", (1980, 1989), ()),
    ("i only watch stuff from before 1960, modern movies are too loud", (None, 1959), ()),
    ("nothing made for kids pls, i get enough of that babysitting", (None, None), ("Children's",)),
])
def test_a_taste_of_years_or_of_childrens_films_said_with_a_reason_holds(synthetic_matcher, mention_reader, act_reader,
                                                                          text, years, disliked):
    """The act model reads a taste; where the taste words name no genre, the request's words say which years or
    kinds of film hold from now on (blind dev 6: these were "I'm not sure what you mean")."""
    [taste] = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(taste, SetTaste) and (taste.min_year, taste.max_year) == years
    assert taste.disliked_genres == disliked


def test_a_decade_corrected_in_the_same_message_is_the_one_asked_for(synthetic_matcher, mention_reader, act_reader):
    """"a crime film from the sixties - sorry, I mean the seventies" asked for 1970 to 1969, and found nothing."""
    [request] = read_acts("Could you suggest a crime film from the sixties — sorry, I mean the seventies, I'm getting "
                          "muddled.", synthetic_matcher.index, mention_reader, act_reader)
    assert request.constraints.genres == ("Crime",)
    assert (request.constraints.min_year, request.constraints.max_year) == (1970, 1979)
    [asked] = read_acts("and a drama from the seventies for me once he's gone home", synthetic_matcher.index,
                        mention_reader, act_reader)
    assert isinstance(asked, Recommend) and asked.constraints.genres == ("Drama",)


@pytest.mark.parametrize("text", ["recs", "recs pls"])
def test_a_request_word_alone_asks_for_films(synthetic_matcher, mention_reader, act_reader, text):
    """"recs" was read as small talk by the act model ("👍 Tell me a movie you watched")."""
    [request] = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(request, Recommend)


@pytest.mark.parametrize("template", [
    "I'm embarrassed to admit I have never seen {A} or {B}. My whole family is horrified.",
    "haven't seen {A}, {B} or {C} yet",
])
def test_a_negation_reaches_every_title_of_its_list(make_service, cast, template):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("list", fill(template, cast))
    assert service.history("list") == []
    assert "them" in reply.text  # several films left out are "them", not "it"


@pytest.mark.parametrize("template", ["saw the {A} trailer on youtube and it looks kinda sick",
                                      "watched the {A} soundtrack video, the music slaps"])
def test_something_about_a_film_seen_is_no_viewing_of_it(make_service, cast, template):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("trailer", fill(template, cast))
    assert service.history("trailer") == []


@pytest.mark.parametrize("text, genres", [("My whole family is horrified.", ()), ("my family loved it", ()),
                                          ("a movie to watch with my family tonight", ("Children's",)),
                                          ("fun for the whole family", ("Children's",)),
                                          ("a movie the whole family can watch", ("Children's",)),
                                          ("something for my family", ("Children's",))])
def test_my_family_is_people_and_a_family_film_a_genre(text, genres):
    from bot.messages import read_request

    assert tuple(read_request(text).constraints.genres) == genres


def told(make_service, cast, template: str, user: str):
    """A new service told `template` with the cast's titles: (its reply, the user's history as movie ids)."""
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply(user, fill(template, cast))
    return reply, [m.movie_id for m in service.history(user)]


@pytest.mark.parametrize("template, stored", [
    ("My son took the twins to see {A} while I stayed home with the baby, and my husband watched {B} on the plane.", []),
    ("this week I watched {A} with my grandchildren, and my daughter took them to see {B} on Saturday", ["A"]),
    ("my son took me to see {A} last night", ["A"]),
    ("my husband and I watched {A}", ["A"]),
    ("our son came round with his girlfriend and they watched {A}, which I refused to watch", []),
    ("my roommate showed me {A} because he says it is a classic", ["A"]),
])
def test_a_viewing_verb_whose_subject_is_someone_else(make_service, cast, template, stored):
    reply, history = told(make_service, cast, template, "others")
    assert history == [cast[r].movie_id for r in stored]
    assert "history" not in reply.text.lower() or stored  # a story is not a request to show the history


@pytest.mark.parametrize("text, shows", [("can I see what I've watched?", True), ("show me my list", True),
                                         ("I want to see movies like Heat", False),
                                         ("let me see what movies are on netflix", False),
                                         ("I'd love to see all movies by Spielberg", False),
                                         ("took the kids to see a film and later watched the news", False)])
def test_a_request_for_the_history_is_asked_in_so_many_words(text, shows):
    from bot.intents import ShowHistory
    from bot.messages import read_message

    assert isinstance(read_message(text), ShowHistory) == shows


@pytest.mark.parametrize("repair", ["wait no, {B}. the one I meant, not the first", "sorry {B}", "no wait, {B}!"])
def test_a_title_said_after_a_word_that_takes_the_last_one_back_replaces_it(make_service, cast, repair):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("oops", fill("watched {A} last night on a streaming app", cast))
    service.reply("oops", fill(repair, cast))
    assert [m.movie_id for m in service.history("oops")] == [cast["B"].movie_id]


@pytest.mark.parametrize("template, stored", [
    ("she's seen {A} like a million times, what else is there for her?", []),
    ("He's seen {A} already, he played basketball in college", []),
    ("I saw {A} with my grandson last month. He hasn't seen {B} but I have, back in the eighties.", ["A", "B"]),
    ("so tonight we tried {A}. What a disappointment, far too dark for little ones.", ["A"]),
    ("tried {A} but the disc was scratched so only got like 10 min in", []),
    ("I haven't seen {A} but I have seen {B}", ["B"]),
    # the speaker's answer as a sentence of its own, and how often as talk, never a title
    ("my cohost has never seen {A}. i have. like 40 times", ["A"]),
    ("my wife hasn't seen {A}. We did, twice", ["A"]),
    ("my wife hasn't seen {A}. Neither have I.", []),
])
def test_who_saw_it_says_whether_it_is_stored(make_service, cast, template, stored):
    reply, history = told(make_service, cast, template, "who")
    assert history == [cast[r].movie_id for r in stored]
    assert "I don't know" not in reply.text  # no talk ("back in the eighties") taken for a title


@pytest.mark.parametrize("template, stored", [
    ("{A} on the other hand?? 10/10 no notes", ["A"]),  # the score after a sentence end rates the title before it
    ("i did watch {A} yesterday tho, that bank shootout", ["A"]),
])
def test_a_score_after_a_question_mark_and_an_emphatic_did(make_service, cast, template, stored):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("did", fill(template, cast).lower())
    assert [m.movie_id for m in service.history("did")] == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("text, named", [("the thing (82) is peak cinema", True), ("the thing (1982) is peak cinema", True),
                                         ("the thing is, i'm tired", False)])
def test_an_everyday_title_given_its_year_is_a_title(text, named):
    from bot.mentions import names_a_title
    from recommender.titles import Span

    span = Span(0, len("the thing"), "the thing", (0,), tier=0, words=2, everyday=True)
    assert names_a_title(span, text) == named


@pytest.mark.parametrize("text, named", [("alien also. ripley my queen", True), ("oh and stand by me too", True),
                                         ("us too", False), ("i think so too", False)])
def test_an_everyday_title_added_on_with_too_or_also_opens_the_message(text, named):
    from bot.mentions import stands_out
    from recommender.titles import Span

    name = text.split(" also")[0].split(" too")[0].removeprefix("oh and ")
    start = text.index(name)
    span = Span(start, start + len(name), name, (0,), tier=0, words=len(name.split()), everyday=True)

    class Index:  # the catalogue's size is all stands_out reads of it
        catalog = range(1000)

    assert stands_out(span, text, Index()) == named


@pytest.mark.parametrize("template, stored", [
    ("My husband and I went to see {A} at the cinema back in 98, on our second date I think.", ["A"]),
])
def test_went_to_see_is_no_negation(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "went")
    assert history == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("template, stored", [
    ("I took my daughter to see {A} on Saturday", ["A"]),  # the person taken along is no subject
    ("me, my wife and kids watched {A}", ["A"]),
    ("didn't see {A}, {B} was great though", ["B"]),  # a comma alone joins no list here
    ("I havent tried {A} yet", []),
    ("I've watched {A} ad nauseam", ["A"]),
])
def test_the_review_findings_on_whose_viewing(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "review")
    assert history == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("text, relative", [("which I refused to watch", True), ("which was amazing", True),
                                            ("which is better heat or ronin", False),
                                            ("which was the one with the marines", False)])
def test_a_relative_clause_is_told_from_a_question_without_its_mark(text, relative):
    from bot.understanding import _RELATIVE

    assert bool(_RELATIVE.match(text)) == relative


# -- dev set 7's classes (benchmarks/dev7): requests the rules took for titles, tastes after a list, short replies
@pytest.mark.parametrize("text, genres, years", [
    # a removal or an add whose words name no title but kinds of film or years: the request it is
    ("forget the romance bit, just anything from the 50s", None, (1950, 1959)),  # (the romance dropped: not yet)
    ("I have just finished a long shift at the charity shop and would like a comedy tonight.", ("Comedy",), (None, None)),
    # a young child's age asks for children's films
    ("my nephews are 6 and 8 and staying over, need a film for them", ("Children's",), (None, None)),
    ("something for my 7 yr old", ("Children's",), (None, None)),
    # no verb and no title: a kind of film with years, or asked, is a request
    ("so a musical none of the three of us have seen?", ("Musical",), (None, None)),
    ("Then I shall settle for an action film from the late nineties.", ("Action",), (1996, 1999)),
])
def test_requests_the_rules_took_for_titles_are_requests(synthetic_matcher, act_reader, text, genres, years):
    [act] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(act, Recommend) and genres in (None, act.constraints.genres)
    assert (act.constraints.min_year, act.constraints.max_year) == years


@pytest.mark.parametrize("text, asks", [("heads up, none of us are horror people 😬 what's good for saturday?", True),
                                        ("what's good, bro", False), ("what is good to watch tonight", True)])
def test_whats_good_for_asks_for_films(text, asks):
    from bot.messages import asks_for_films

    assert asks_for_films(text) == asks  # so "none of us are horror people, what's good?" gets a list, not a note


@pytest.mark.parametrize("text", ["my 15 year old wants a film", "a 40 year old man walks into a bar"])
def test_an_older_age_asks_for_no_childrens_film(text):
    from bot.requests import genres_in, REQUEST_GENRE_WORDS

    assert "Children's" not in genres_in(text, REQUEST_GENRE_WORDS)


def test_a_negation_after_and_is_its_own_part_of_a_taste(synthetic_matcher, act_reader):
    [taste] = read_acts("watching with my 7 yr old all week, so kids films only and nothing scary",
                        synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and taste.only_genres == ("Children's",) and taste.disliked_genres == ("Horror",)


def test_seen_all_of_those_with_talk_after_it_is_the_list_seen(make_service):
    service = make_service()
    first = service.reply("nerd", "recommend a horror film")
    assert first.recommendations
    again = service.reply("nerd", "seen all of those lol, i'm a horror nerd")
    assert {m.movie_id for m in service.history("nerd")} == {r.movie.movie_id for r in first.recommendations}
    assert again.recommendations and all("Horror" in r.movie.genres for r in again.recommendations)


def test_years_held_after_a_list_bring_that_list_within_them(make_service):
    service = make_service()
    assert service.reply("kick", "recommend an action film").recommendations
    again = service.reply("kick", "ok but 80s ones only, my housemate is on an 80s kick")
    assert again.recommendations and all(1980 <= r.movie.year <= 1989 and "Action" in r.movie.genres
                                         for r in again.recommendations)


@pytest.mark.parametrize("text, follow_up", [
    ("Splendid. Could you also recommend a comedy for the family afterwards?", False),  # another request
    ("comedies too", True),  # the last request, with comedies added
])
def test_also_recommend_a_genre_is_another_request(synthetic_matcher, act_reader, text, follow_up):
    request = read_acts(text, synthetic_matcher.index, acts=act_reader)[-1]
    assert isinstance(request, Recommend) and "Comedy" in request.constraints.genres
    assert request.follow_up == follow_up and request.also == follow_up


def test_a_taste_keeps_the_years_held_beside_it(synthetic_matcher, act_reader):
    [taste] = read_acts("our rules are strict: nothing made after 1980 and no horror films, we have elderly members.",
                        synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and taste.disliked_genres == ("Horror",) and taste.max_year == 1980


def test_a_childs_age_beside_a_kind_of_film_asks_for_that_kind():
    from bot.requests import genres_in, REQUEST_GENRE_WORDS

    assert genres_in("need a cartoon for a 6 yr olds birthday", REQUEST_GENRE_WORDS) == ["Animation"]


def test_pictures_that_mark_off_a_list_read_as_commas(synthetic_matcher):
    [add] = read_acts("🎬 watched: alpha ✅ beta ✅ gamma ✅", synthetic_matcher.index)
    assert isinstance(add, AddWatched) and add.titles.lines[0].pieces == ("alpha", "beta", "gamma")
    [one] = read_acts("i loved 😍 alpha", synthetic_matcher.index)  # one picture in a sentence marks off nothing
    assert isinstance(one, AddWatched) and one.titles.lines[0].pieces == ("alpha",)


def test_me_and_a_friend_both_watched_is_the_speakers_viewing_and_the_pronouns_are_no_titles(
        everyday_titles, mention_reader, act_reader):
    text = "oh and me and tom both watched heat at his place last month"  # "heat", an everyday word, taken by the verb
    assert stored(text, everyday_titles, mention_reader, act_reader) == ["Heat"]
    [add] = [a for a in read_acts(text, everyday_titles.index, mention_reader, act_reader) if isinstance(a, AddWatched)]
    assert [p for line in add.titles.lines for p in line.pieces] == ["heat"]  # not "oh", "me": no "I don't know"


def test_what_have_you_got_down_for_me_shows_the_history():
    from bot.intents import ShowHistory
    from bot.messages import read_command

    assert read_command("What have you got down for me so far?") == ShowHistory()


@pytest.mark.parametrize("template, stored", [
    ("My wife insisted on {A} last night. Three hours of my life I shall never get back. One star out of five.", ["A"]),
    ("My wife watched {A} last night. She would give it five stars.", []),  # her score, her viewing
    ("I haven't seen {A}, people say it's 9/10", []),
])
def test_the_speakers_score_says_the_one_film_named_was_seen(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "score")
    assert history == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("text, pieces", [
    ("the harbor kid is perfect, part 2 not so much", ["the harbor kid 2"]),  # the series named before it
    ("Part 2 was worse, rather muddled, I would say a 6. Part 3 with the cowboys was a pleasant surprise, 8.",
     ["Part 2", "Part 3"]),  # the number alone: the service reads it in the series of the latest add
    ("The first one I would give a nine. Part III was a terrible letdown.", ["The first one", "Part III"]),
    ("haven't done part 2 yet, is it closer to the first?", []),  # not seen, and a question
    ("is part 2 any good?", []),
])
def test_films_of_a_series_said_by_number_with_an_opinion_are_stated(synthetic_matcher, text, pieces):
    from bot.understanding import _films_of_the_series

    acts = _films_of_the_series(text, (), synthetic_matcher.index)
    said = [p for a in acts if isinstance(a, AddWatched) for line in a.titles.lines for p in line.pieces]
    assert said == pieces
    assert not any(isinstance(a, Recommend) for a in acts)  # "with the cowboys" asks for no western


def test_a_film_of_the_series_by_number_is_stored_in_its_series(make_service, prepared):
    first, sequel = prepared.catalog.by_id(6), prepared.catalog.by_id(7)  # The Harbor Kid; The Harbor Kid, Part II
    service = make_service()
    service.reply("series", f"I watched {first.display_title}")
    service.reply("series", "Part 2 was worse, rather muddled, I would say a 6.")  # the latest add's series
    assert [m.movie_id for m in service.history("series")] == [first.movie_id, sequel.movie_id]
    service.reply("same", "the harbor kid is perfect, part 2 not so much")  # the series named before it
    assert [m.movie_id for m in service.history("same")] == [first.movie_id, sequel.movie_id]


@pytest.mark.parametrize("text, genres, excluded", [
    ("any animated ones that aren't pixar you think i'd like?", ("Animation",), ()),  # a studio is narrower
    ("no pixar please", (), ("Animation",)),
    ("Those all sound rather serious. Only comedies, please.", ("Comedy",), ("Drama",)),  # said of the list
    ("these look a bit scary, something else", (), ("Horror",)),
    ("comedies too please", ("Comedy",), ()),
])
def test_kinds_of_film_ruled_out_by_narrower_words_or_by_judging_a_list(synthetic_matcher, text, genres, excluded):
    request = read_acts(text, synthetic_matcher.index)[-1]
    assert isinstance(request, Recommend)
    assert request.constraints.genres == genres and request.constraints.excluded_genres == excluded


def test_an_age_in_decades_is_no_decade_of_films():
    from bot.requests import read_request

    asked = read_request("We are both in our seventies and prefer older films. Nothing after 1975.").constraints
    assert (asked.min_year, asked.max_year) == (None, 1975)
    assert read_request("something from the seventies").constraints.min_year == 1970


@pytest.mark.parametrize("template, stored, years", [
    ("need an 80s comedy, we've done {A} and {B} already", ["A", "B"], (1980, 1989)),  # the verb reaches its list
    ("I watched {A} and I want something from the 90s", ["A"], (1990, 1999)),  # stated, and asked beside it
    ("he's already seen {A} and {B}, i have too", ["A", "B"], None),  # the speaker's too
])
def test_what_was_watched_beside_a_request_or_another_viewer(make_service, cast, template, stored, years):
    reply, history = told(make_service, cast, template, "beside")
    assert history == [cast[r].movie_id for r in stored]
    if years:
        assert reply.recommendations and all(years[0] <= r.movie.year <= years[1] for r in reply.recommendations)


def test_nobody_up_for_a_kind_of_film_rules_it_out():
    from bot.requests import read_request

    asked = read_request("nobody's up for anything scary. something fun from the 90s?").constraints
    assert "Horror" in asked.excluded_genres and "Horror" not in asked.genres


def test_a_word_that_only_asks_is_a_request_whatever_the_talk_around_it(synthetic_matcher, act_reader):
    [asked] = read_acts("recs in that vibe", synthetic_matcher.index, acts=act_reader)
    assert isinstance(asked, Recommend)


@pytest.mark.parametrize("text, answer", [
    ("oh wait no it was the black and white one, my grandpa had it on vhs", Answer(age="older")),
    ("Oh, my mistake, it was the 1954 original, not the remake.", Answer(year=1954)),
])
def test_a_version_said_by_its_look_or_year(text, answer):
    from bot.messages import version_said

    assert version_said(text) == answer


def test_a_repair_of_the_version_asked_as_a_question_is_a_repair():
    from bot.dialogue import DialogueState
    from bot.policy import _version_meant

    text = "Oh, my mistake, it was the 1954 original, not the remake. Would you correct that for me?"
    [repair] = _version_meant((SmallTalk("other"),), DialogueState(last_added=(7,)), text)
    assert isinstance(repair, Correct) and repair.version == Answer(year=1954)
    assert _version_meant((SmallTalk("other"),), DialogueState(last_added=(7,)), "is the 1954 original any good?") is None


@pytest.mark.parametrize("template, stored", [
    ("saw {A}, wait no, {B}. {A} is still on my list", ["B"]),
    ("loved {A}, no wait i'm thinking of {B}", ["B"]),
    ("saw {A}, actually {B} too", ["A", "B"]),  # "actually" alone takes nothing back
])
def test_a_title_taken_back_in_the_same_message_gives_way_to_the_one_said_in_its_place(make_service, cast, template,
                                                                                       stored):
    _, history = told(make_service, cast, template, "repair")
    assert history == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("text, years", [
    ("I only care for films from the 1930s and 1940s", (1930, 1949)), ("something from the 70s or 80s", (1970, 1989)),
    ("not the 80s, the 90s please", (1990, 1999)),  # a decade ruled out joins none
])
def test_decades_joined_make_one_window(text, years):
    from bot.requests import read_request

    asked = read_request(text).constraints
    assert (asked.min_year, asked.max_year) == years


# -- the review of this session's rules: what they must not take ---------------------------------------------------
@pytest.mark.parametrize("text, genres, excluded", [
    ("nobody's seen a western in ages so a western please", ("Western",), ()),
    ("that sounds so good another comedy please", ("Comedy",), ()),
    ("I'd love something romantic too maybe a musical", ("Romance", "Musical"), ()),
    ("these look all great give me more action", ("Action",), ()),
])
def test_words_of_judgement_and_nobody_rule_out_nothing_asked_for(text, genres, excluded):
    from bot.requests import read_request

    asked = read_request(text).constraints
    assert asked.genres == genres and asked.excluded_genres == excluded


@pytest.mark.parametrize("template, stored", [
    ("I loved {A}. The second one is on TV tonight", ["A"]),
    ("{A} is a classic; part 2 is supposed to be even better", ["A"]),
    ("My wife insisted on {A} last night. I went to the pub instead. The pub gets 5 stars.", []),
    ("my son has seen {A}, I have too much work to watch it", []),
])
def test_the_new_rules_store_no_film_that_was_not_watched(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "review")
    assert history == [cast[r].movie_id for r in stored]


def test_a_series_number_with_an_opinion_is_stated_through_read_acts(synthetic_matcher, mention_reader, act_reader):
    acts = read_acts("the harbor kid is perfect, part 2 not so much", synthetic_matcher.index, mention_reader,
                     act_reader)
    [add] = [a for a in acts if isinstance(a, AddWatched)]
    pieces = [p for line in add.titles.lines for p in line.pieces]
    assert (7,) in [synthetic_matcher.index.lookup(p)[0] for p in pieces]  # The Harbor Kid, Part II, however written


def test_a_title_unknown_to_the_catalogue_beside_a_known_one_is_still_said_unknown(make_service, prepared):
    service = make_service()
    reply = service.reply("unknown", f"I watched {prepared.catalog.movies[0].display_title} and In Bruges")
    assert "“In Bruges”" in reply.text


def test_undo_after_a_word_of_regret():
    assert read_acts("ugh nvm undo that") == (Undo(),)


def test_a_kind_of_film_asked_for_with_years_said_as_a_habit_is_asked_for_now(synthetic_matcher, mention_reader,
                                                                              act_reader):
    # "crime movie pls" asks; the years said beside it, with the reason why, bound this request
    [request] = read_acts("crime movie pls, nothing newer than 1990 bc my husband says everything after that is trash",
                          synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(request, Recommend)
    assert request.constraints.genres == ("Crime",) and request.constraints.max_year == 1990


@pytest.mark.parametrize("text, all_genres", [
    ("kids movie for saturday morning? animated, theyre 5 and 8", True),  # animated is how the kids' film is made
    ("an animated comedy please", True),
    ("cartoons or comedies", False),  # either kind
])
def test_animated_is_how_the_other_kind_is_made(text, all_genres):
    [request] = read_acts(text)
    assert "Animation" in request.constraints.genres and request.constraints.all_genres == all_genres


@pytest.mark.parametrize("template, stored", [
    ("and then on Sunday the grandchildren insisted on {A}, which I sat through with them on the sofa.", ["A"]),
    ("my son put on {A}, which he tells me is a Christmas film now", []),  # a relative clause about someone else
])
def test_a_viewing_said_in_a_relative_clause_after_the_title(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "relative")
    assert history == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("template, stored", [
    ("we went to see {A} at the pictures that summer", ["A"]), ("I went to see {A}", ["A"]),
    ("I never went to see {A}", []), ("we are going to see {A} tonight", []),
])
def test_went_to_see_is_a_viewing(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "relative")
    assert history == [cast[r].movie_id for r in stored]


def test_a_film_someone_else_suggests_that_the_speaker_has_seen(make_service, cast):
    _, history = told(make_service, cast, "jen at work says {A} but ive seen it already", "jen")
    assert history == [cast["A"].movie_id]


@pytest.mark.parametrize("text, removed", [("Oh, and take {A} off; it was my daughter who watched it", "A"),
                                           ("take {A} off, please", "A")])
def test_take_a_title_off_without_naming_the_list(cast, text, removed):
    from benchmarks.conversation import fill

    [remove, *_] = read_acts(fill(text, cast).split(";")[0])
    assert isinstance(remove, RemoveWatched) and remove.titles.titles == (cast[removed].display_title,)


def test_what_a_list_ends_with_about_its_titles_is_not_another_title(make_service, cast):
    reply, history = told(make_service, cast, "I've seen {A} and {B} and hated both of them; never have been a fan", "both")
    assert history == [cast["A"].movie_id, cast["B"].movie_id]
    assert "I don't know" not in reply.text, reply.text


@pytest.mark.parametrize("template, stored", [
    ("{A} was way better than {B} imo", ["A", "B"]),  # a film compared with one watched was watched
    ("{A} is better than {B}, my brother says the opposite", ["A", "B"]),
    ("is {A} better than {B}?", "A"),  # a question compares nothing the speaker saw
    ("{A} is better than {B}, I hear, never seen either", "B"),  # hearsay
])
def test_a_film_compared_with_one_watched(make_service, cast, template, stored):
    _, history = told(make_service, cast, template, "compared")
    if isinstance(stored, list):
        assert history == [cast[r].movie_id for r in stored]
    else:  # the role named is not stored
        assert cast[stored].movie_id not in history


@pytest.mark.parametrize("text, genre, years", [
    ("film noir, 1940s, just me on the couch with a beer", "Film-Noir", (1940, 1949)),  # not a standing taste
    ("crime movie for me and the wife, she likes a good heist", "Crime", (None, None)),
    ("adventure movie for my 9 year old", "Adventure", (None, None)),
])
def test_a_kind_of_film_said_for_someone_or_some_years_asks_for_it(text, genre, years):
    requests = [a for a in read_acts(text) if isinstance(a, Recommend)]
    assert requests and genre in requests[0].constraints.genres
    assert (requests[0].constraints.min_year, requests[0].constraints.max_year) == years


def test_a_kind_of_film_said_with_a_dislike_asks_for_nothing(synthetic_matcher, mention_reader, act_reader):
    acts = read_acts("horror for me is a hard no", synthetic_matcher.index, mention_reader, act_reader)
    assert not [a for a in acts if isinstance(a, Recommend)] and isinstance(acts[0], SetTaste)


@pytest.mark.parametrize("text, year", [("the 91 remake", 1991), ("the 86 one obvs", 1986)])
def test_a_version_chosen_by_two_digits_of_its_year(text, year):
    assert read_acts(text) == (Answer(year=year),)


@pytest.mark.parametrize("text, decade", [("the 80s one", 1980), ("the one from the fifties", 1950), ("the 1990s version", 1990)])
def test_a_version_chosen_by_its_decade(text, decade):
    assert read_acts(text) == (Answer(decade=decade),)
    assert not isinstance(read_acts("the 80s")[0], Answer) and not isinstance(read_acts("80s please")[0], Answer)


def test_a_decade_one_with_no_question_open_asks_for_that_decade(make_service):
    service = make_service()
    reply = service.reply("dec", "one from the 80s please")
    assert reply.recommendations and all(1980 <= r.movie.year <= 1989 for r in reply.recommendations)


def test_the_decade_answer_picks_the_version_of_that_decade():
    from bot.dialogue import chosen_among

    years = {1: 1958, 2: 1986}
    assert chosen_among((1, 2), None, None, years, decade=1980) == 2
    assert chosen_among((1, 2), None, None, years, decade=1970) is None  # neither: asked again


def test_a_score_said_after_a_film_asks_for_nothing(make_service, cast):
    reply, history = told(make_service, cast, "Finally saw {A}. Solid 8", "score")
    assert history == [cast["A"].movie_id] and not reply.recommendations


@pytest.mark.parametrize("text", ["take your shoes off", "take the kids off", "nvm forget everything, i meant comedies",
                                  "ok forget everything i told you, im a horror fan now"])
def test_words_that_look_like_a_removal_or_a_clear_but_ask_for_neither(text):
    assert not isinstance(read_message(text), StartOver)
    assert not (isinstance(read_message(text), RemoveWatched) and text.startswith("take"))


@pytest.mark.parametrize("template, kept", [
    ("take {a} off actually, i only saw the first half at a sleepover", ["B"]),  # a title as typed, then talk
    ("take off {a} and {b}, i only caught like 10 min of each on tv", []),
    ("Oh, and take {A} off, I've just realised... no, sorry, ignore me. Leave it on.", ["A", "B"]),  # taken back
    ("take your shoes off, stay a while", ["A", "B"]),
])
def test_taking_a_film_off_in_everyday_words(make_service, cast, template, kept):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("off", fill("I watched {A} and {B}", cast))
    lower = {"a": cast["A"].display_title.lower(), "b": cast["B"].display_title.lower()}
    service.reply("off", fill(template, cast).format(**lower) if "{a}" in template else fill(template, cast))
    assert [m.movie_id for m in service.history("off")] == [cast[r].movie_id for r in kept]


@pytest.mark.parametrize("template, stored", [
    ("add {a} and {b} pls, saw both", ["A", "B"]),  # "both" are the titles said before it, not the last list
    ("then i put on {a} alone when i got back bc i needed to reset", ["A"]),  # a viewing, not a removal
])
def test_words_about_titles_just_said_store_them(make_service, cast, template, stored):
    service = make_service()
    service.reply("both", template.format(a=cast["A"].display_title.lower(), b=cast["B"].display_title.lower()))
    assert [m.movie_id for m in service.history("both")] == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("first, repair, stored", [
    ("I watched The Harbor Kid", "no wait, that was the sequel. we did the first one ages ago", [7]),
    ("I watched The Harbor Kid, Part II", "ugh no it was the FIRST harbor kid, they wanted the original", [6]),
    ("I watched The Harbor Kid, Part II", "no wait it was 1 not 2 my bad", [6]),
])
def test_a_film_of_the_series_said_in_place_of_the_latest_add_replaces_it(make_service, first, repair, stored):
    service = make_service()
    service.reply("series", first)
    service.reply("series", repair)
    assert [m.movie_id for m in service.history("series")] == stored


def test_a_version_said_black_and_white_beside_a_repair_is_the_older_one():
    from bot.messages import version_said

    assert version_said("no wait, it was the black and white one", strong_only=True) == Answer(age="older")
    assert version_said("it was a black and white day", strong_only=True) is None  # no version said


def test_the_new_film_of_a_long_past_name_is_left_out_as_newer(make_service, prepared):
    service = make_service()
    lantern, kid = prepared.catalog.by_id(9), prepared.catalog.by_id(6)
    reply = service.reply("new", f"saw the new {lantern.display_title} in imax, and {kid.display_title} at home")
    assert [m.movie_id for m in service.history("new")] == [kid.movie_id]
    assert "newer than" in reply.text


@pytest.mark.parametrize("second, stored", [("or {b} obviously", []), ("{b} either", []), ("and {b} last night", ["B"])])
def test_a_message_that_goes_on_with_the_last_ones_negation(make_service, cast, second, stored):
    service = make_service()
    service.reply("goes-on", f"never seen {cast['A'].display_title}. i know i know")
    service.reply("goes-on", second.format(b=cast["B"].display_title))
    assert [m.movie_id for m in service.history("goes-on")] == [cast[r].movie_id for r in stored]


def test_a_request_that_starts_from_a_film_said_not_seen_in_the_next_sentence_stores_none(make_service, cast):
    service = make_service()
    reply = service.reply("anchor", f"Please can you recommend me something like {cast['A'].display_title}? I did not "
                                    "see it yet, but my colleague says it is super.")
    assert service.history("anchor") == [] and reply.recommendations
    service.reply("anchor2", f"I watched {cast['A'].display_title}. I never saw it before, loved it")
    assert [m.movie_id for m in service.history("anchor2")] == [cast["A"].movie_id]


def test_taking_off_a_list_with_talk_after_it_and_a_number_alone(make_service):
    service = make_service()
    service.reply("off2", "I watched The Harbor Kid")
    service.reply("off2", "and The Harbor Kid, Part II")
    service.reply("off2", "take II off. I've decided it never happened.")  # the one film of the history numbered so
    assert [m.movie_id for m in service.history("off2")] == [6]
    service.reply("off2", "Actually take The Harbor Kid off my list, that was her viewing, I was on my phone")
    assert service.history("off2") == []


def test_a_title_taken_back_in_its_own_clause_is_what_the_correction_replaces(make_service, cast):
    service = make_service()
    service.reply("apart", f"Logging a couple: {cast['A'].display_title} and {cast['B'].display_title}.")
    service.reply("apart", f"wait, no, not {cast['B'].display_title}. I meant {cast['C'].display_title}.")
    assert [m.movie_id for m in service.history("apart")] == [cast["A"].movie_id, cast["C"].movie_id]


@pytest.mark.parametrize("text", ["can u find me smth like {A}", "got sth like {A}?"])
def test_a_shortened_something_like_starts_from_the_film(cast, text):
    from benchmarks.conversation import fill

    assert read_message(fill(text, cast)).constraints.like == cast["A"].display_title


def test_a_genre_kick_is_a_liking_not_a_dislike(make_service, cast):
    service = make_service()
    reply = service.reply("kick", f"Watched {cast['A'].display_title} last month, western kick.")
    assert "Western" not in reply.text and [m.movie_id for m in service.history("kick")] == [cast["A"].movie_id]


def test_a_long_message_that_starts_by_ruling_out_kinds_is_no_title_list():
    from bot.messages import read_open

    act = read_open("no horror and no war stuff pls, had a rough week")
    assert isinstance(act, Recommend) and set(act.constraints.excluded_genres) == {"Horror", "War"}


@pytest.mark.parametrize("text, standing", [("Only comedies for me this month please, I need to laugh.", True),
                                            ("only westerns for now", True), ("just westerns for now", False),
                                            ("only comedies please", False)])
def test_nothing_but_a_kind_said_for_a_while_stands_for_later_requests(synthetic_matcher, act_reader, text, standing):
    from bot.understanding import read_clause

    act = read_clause(text, synthetic_matcher.index, act_reader)
    assert isinstance(act, Recommend) and (act.only_genres == act.constraints.genres) == standing


@pytest.mark.parametrize("text, both", [("more sci-fi with action, like these ones", True),
                                        ("a comedy with some romance", True), ("a comedy or a drama", False)])
def test_a_kind_with_another_asks_for_both(text, both):
    assert read_message(text).constraints.all_genres == both


def test_too_before_a_mood_is_a_degree_not_also(synthetic_matcher, mention_reader, act_reader):
    acts = read_acts("Hmm, too heavy for a monday. Rather a comedy, same decade.", synthetic_matcher.index,
                     mention_reader, act_reader)
    request = [a for a in acts if isinstance(a, Recommend)]
    assert request and not request[0].also and read_message("comedies too").also


def test_a_question_that_goes_on_with_the_last_one_stores_nothing(make_service, cast):
    service = make_service()
    service.reply("q-on", f"Is {cast['A'].display_title} any good? Asking for a friend.")
    service.reply("q-on", f"And {cast['B'].display_title}? Same friend.")
    assert service.history("q-on") == []
    service.reply("q-on", f"I watched {cast['C'].display_title}")
    service.reply("q-on", f"and {cast['B'].display_title}?")  # after a statement, it goes on with the statement
    assert [m.movie_id for m in service.history("q-on")] == [cast["C"].movie_id, cast["B"].movie_id]


def test_a_year_said_as_when_something_happened_bounds_no_request(synthetic_matcher, mention_reader, act_reader):
    acts = read_acts("Something romantic from the 1950s, if you have one. My late husband proposed in 1958 so I'm "
                     "feeling sentimental.", synthetic_matcher.index, mention_reader, act_reader)
    request = [a for a in acts if isinstance(a, Recommend)][0].constraints
    assert (request.min_year, request.max_year) == (1950, 1959)


@pytest.mark.parametrize("text, kids", [("he wants another one like it, hes 7 so nothing scary", True),
                                        ("whats good for a movie night", False)])
def test_asking_words_and_a_childs_age_said_of_him(text, kids):
    from bot.messages import asks_for_films

    assert asks_for_films(text) and ("Children's" in read_message(text).constraints.genres) == kids


@pytest.mark.parametrize("template, stored", [
    ("I may have seen {A} years ago, I honestly can't remember. Don't put it down for now.", []),
    ("saw {A}, don't add it though", []),
    ("saw {A} twice, don't count it twice", ["A"]),
    ("walked out of {A} halfway so don't count that one. i DID sit through all of {B} tho", ["B"]),  # its clause
])
def test_a_film_the_message_asks_not_to_store_is_not_stored(make_service, cast, template, stored):
    reply, history = told(make_service, cast, template, "dont")
    assert history == [cast[r].movie_id for r in stored] and "don't add" not in reply.text


@pytest.mark.parametrize("first, second, stored", [
    ("never seen {A}", "or {B} obviously", False),
    ("I haven't seen {A} yet", "Watched {B} last night, didn't love it either", True),  # a viewing of its own
    ("never seen {A}", "not gonna lie, I watched {B} yesterday and loved it", True),
    ("Is {A} any good?", "Also I watched {B} last night, got anything like it?", True),
])
def test_only_a_short_message_without_a_viewing_goes_on_with_the_last_negation(make_service, cast, first, second,
                                                                               stored):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("on", fill(first, cast))
    service.reply("on", fill(second, cast))
    assert (cast["B"].movie_id in [m.movie_id for m in service.history("on")]) == stored


def test_a_new_copy_of_a_film_is_the_film(make_service, cast):
    service = make_service()
    service.reply("copy", f"Watched my new {cast['A'].display_title} blu-ray last night, still holds up")
    assert [m.movie_id for m in service.history("copy")] == [cast["A"].movie_id]


def test_a_clear_with_many_hyphens_after_it_reads_at_once():
    from bot.messages import read_command

    # each "-" was both a piece's start and a word of it: the talk split in 2^n ways when the match failed
    assert read_command("clear my history, " + "well-known " * 60 + ", i'm into comedies now") != StartOver()
    assert read_command("wipe it all" + " -" * 500) == StartOver()


@pytest.mark.parametrize("template", ["take {a} off, ignore what I said earlier, I never saw it",
                                      "take {a} off my list, great recs tho, keep them coming"])
def test_talk_after_a_removal_that_takes_nothing_back(make_service, cast, template):
    service = make_service()
    service.reply("back", f"I watched {cast['A'].display_title}")
    service.reply("back", template.format(a=cast["A"].display_title.lower()))
    assert service.history("back") == []


def test_like_once_upon_a_time_is_a_film_to_start_from():
    assert read_message("something like Once Upon a Time in the West").constraints.like == "Once Upon a Time in the West"


def test_a_sisters_months_are_no_childs_age():
    assert "Children's" not in read_message("my sister is coming over, she's seven months pregnant, what should we "
                                            "watch?").constraints.genres


@pytest.mark.parametrize("template, stored", [
    ("a tiktok edit sent me down a rabbit hole and now {a} is done ✅", ["A"]),  # the title, then "is done"
    ("today morning only completed {a}. dad had the dvd from long back", ["A"]),
    ("we did {a} with the roommates", ["A"]),  # "did" with the speaker: watched
    ("anyway i've seen {a} if that helps", ["A"]),  # talk after the title, an opener without a comma
    ("{a} is not done yet", []),
])
def test_done_completed_and_did_say_the_speaker_watched_it(make_service, cast, template, stored):
    service = make_service()
    service.reply("done", template.format(a=cast["A"].display_title.lower()))
    assert [m.movie_id for m in service.history("done")] == [cast[r].movie_id for r in stored]


@pytest.mark.parametrize("text, lists", [
    ("the jeff goldblum one, 86", False),  # a version described, with no question open: no list
    ("the one w sofia coppola 💀", False),
    ("anyway the songs were long if that helps", False),
    ("surprise me", True),
    ("i'm bored", True),
])
def test_words_that_ask_for_nothing_give_no_list(make_service, text, lists):
    service = make_service()
    assert bool(service.reply("asks", text).recommendations) == lists


def test_short_replies_with_talk_around_them():
    from bot.messages import Undo, read_command, read_short_reply

    assert read_short_reply("the jeff goldblum one, 86") == Answer(year=1986)  # a version by its year, described
    assert read_short_reply("the de niro one from 1991") == Answer(year=1991)
    assert isinstance(read_command("undo that last one actually i refuse to acknowledge it exists"), Undo)
    assert read_command("I have seen all of those already only yaar") == SeenThose()
    assert read_command("any others from then?") == Recommend(more=True)
    meant = read_command("omg no i meant scream 2 not 3.")  # a number alone is the same series' film
    assert isinstance(meant, Correct) and meant.old.lines[0].pieces == ("scream 3",)
    assert isinstance(read_command("wait i'm dumb that was part 3."), Correct)


def test_like_these_only_is_the_last_list_with_other_years():
    from bot.requests import read_request

    request = read_request("like these only but 80s")
    assert request.constraints.like == "" and (request.constraints.min_year, request.constraints.max_year) == (1980, 1989)


@pytest.mark.parametrize("text, name, phrase", [
    ("we did alien with the roommates", "alien", False),  # "did" with the speaker takes a title
    ("anyway i've seen scream if that helps", "scream", False),  # talk after it opens with "if"
    ("the scream of the crowd", "scream", True),
])
def test_an_everyday_title_taken_by_did_or_followed_by_talk(text, name, phrase):
    from bot.mentions import in_a_phrase, taken_by_a_viewing_verb
    from recommender.titles import Span

    start = text.index(name)
    span = Span(start, start + len(name), name, (0,), tier=0, words=1, everyday=True)
    assert in_a_phrase(span, text) == phrase
    assert taken_by_a_viewing_verb(span, text) == (not phrase)


def test_a_version_said_after_the_film_dates_it():
    from bot.understanding import _version_said_after

    added = AddWatched(split_titles("the thing"))
    found = _version_said_after((Answer(year=1982), added))
    assert found == (AddWatched(split_titles("the thing (1982)")),)
    assert _version_said_after((Answer(year=1982),)) == (Answer(year=1982),)  # alone: an answer, as before


def test_a_title_part_that_starts_with_a_is_no_indefinite_noun_phrase():
    from types import SimpleNamespace

    from bot.mentions import _indefinite
    from recommender.titles import Span

    films = {1: SimpleNamespace(display_title="Star Wars: Episode IV - A New Hope"),
             2: SimpleNamespace(display_title="Scary Movie")}
    index = SimpleNamespace(catalog=SimpleNamespace(by_id=films.__getitem__))
    hope = "so we're doing a new hope tonight"
    assert not _indefinite(Span(hope.index("a new"), hope.index(" tonight"), "a new hope", (1,), tier=0, words=3), hope, index)
    scary = "a scary movie from before 1970"
    assert _indefinite(Span(0, len("a scary movie"), "a scary movie", (2,), tier=0, words=3), scary, index)


@pytest.mark.parametrize("template, stored", [
    ("wait no it was mean girls we rewatched, not {a} 💀 brain is fried", []),  # the film it knows leaves
    ("{a} also remove pls, I mixed it up", []),  # the title first, then the removal
    ("bas, clear everything. my son was playing with my phone", []),
])
def test_repairs_said_the_way_people_type_them(make_service, cast, template, stored):
    service = make_service()
    service.reply("fix", f"we watched {cast['A'].display_title.lower()} last night")
    reply = service.reply("fix", template.format(a=cast["A"].display_title.lower()))
    assert [m.movie_id for m in service.history("fix")] == [cast[r].movie_id for r in stored]
    assert not reply.recommendations


def test_wanting_to_see_a_film_asks_for_no_list_and_stores_nothing(make_service, cast):
    service = make_service()
    reply = service.reply("want", f"also I want to see {cast['A'].display_title.lower()} some day. what all is in my "
                                  "list now?")
    assert not reply.recommendations and service.history("want") == []


def test_standing_words_said_the_way_people_type_them(make_service, cast):
    taste = [a for a in read_acts("they like old films only, before 1970.") if isinstance(a, SetTaste)]
    assert taste and taste[0].max_year == 1969  # what the people one watches with like holds
    ruled_out = read_acts("and no musicals, he keeps singing the whole day yaar, neighbours are complaining")
    assert isinstance(ruled_out[0], Recommend) and ruled_out[0].constraints.excluded_genres == ("Musical",)
    service = make_service()
    reply = service.reply("never", f"seen {cast['A'].display_title.lower()} and honestly never again, i don't do horror")
    assert [m.movie_id for m in service.history("never")] == [cast["A"].movie_id]
    assert "I don't know" not in reply.text  # the aside is talk, no title


@pytest.mark.parametrize("said, stored", [("and part 2 once", True), ("part 2 also done, last week itself", True),
                                          ("part 2 next week", False), ("part 2 we haven't seen", False),
                                          ("part 2 tmrw probably if i finish my lab report", False),
                                          # blind dev 64: a number after "also" or "and"
                                          ("also 2. unfortunately", True), ("and number 2 few yrs later", True),
                                          ("and 2 more please", False),
                                          # second reviewer: a count of days or people after "and" / "also"
                                          ("and 2 days later we watched it again", False),
                                          ("also 2 of my nephews watched it too", False)])
def test_a_part_said_alone_after_an_add_is_that_film_of_its_series(make_service, said, stored):
    service = make_service()
    service.reply("part", "I watched The Harbor Kid")
    service.reply("part", said)
    assert (7 in [m.movie_id for m in service.history("part")]) == stored  # 7: The Harbor Kid, Part II


def test_a_person_listed_beside_films_is_no_unknown_title(make_service, cast):
    service = make_service()
    reply = service.reply("person", f"wife and me did {cast['A'].display_title.lower()} on saturday")
    assert [m.movie_id for m in service.history("person")] == [cast["A"].movie_id]
    assert "I don't know" not in reply.text


def test_films_offered_as_choices_are_not_watched_and_the_old_one_repairs_a_version(make_service, cast):
    service = make_service()
    a, b = cast["A"].display_title.lower(), cast["B"].display_title.lower()
    service.reply("pick", f"if i had to pick between {a} and {b} for my first crime movie which one")
    assert service.history("pick") == []
    from bot.messages import version_said

    assert version_said("sorry sorry, it was the old one. black and white", strong_only=True) == \
        Answer(age="older")


def test_a_time_word_before_the_speaker_and_the_next_night_as_past(make_service):
    from bot.messages import read_command

    assert isinstance(read_command("finaly we saw The Harbor Kid, my husband was insisting for years"), AddWatched)
    service = make_service()
    service.reply("next", "we saw The Harbor Kid")
    service.reply("next", "and part 2 the next night. is very long but we liked")
    assert 7 in [m.movie_id for m in service.history("next")]  # The Harbor Kid, Part II


@pytest.mark.parametrize("repair", ["no no, perdón, it was {b} not {a}, the one of the chinese girl",
                                    "no wait, not {a}, was {b}, the one of the smart sharks"])
def test_corrections_with_a_spanish_word_or_no_it(make_service, cast, repair):
    service = make_service()
    service.reply("perdon", f"we watched {cast['A'].display_title}")
    service.reply("perdon", repair.format(a=cast["A"].display_title, b=cast["B"].display_title))
    assert [m.movie_id for m in service.history("perdon")] == [cast["B"].movie_id]


def test_i_meant_a_version_described_swaps_the_latest_add(make_service):
    from bot.messages import read_command

    meant = read_command("Wait, no, I meant the Cronenberg (1986).", make_service().matcher.index)
    assert isinstance(meant, Correct) and meant.version == Answer(year=1986)


def test_someone_named_who_watched_is_not_the_speaker(make_service, cast):
    service = make_service()
    a, b = cast["A"].display_title, cast["B"].display_title
    service.reply("named", f"Linda watched {a} with her sister last night. I was down at the VFW.")
    assert service.history("named") == []
    service.reply("named", f"Finally watched {b}")  # a word that opens a sentence is no name
    assert [m.movie_id for m in service.history("named")] == [cast["B"].movie_id]


@pytest.mark.parametrize("opening", ["Lol", "Omg", "Yeah", "Saturday", "Sadly", "Luckily", "Nah", "Oops", "Bruh"])
def test_a_word_that_opens_a_sentence_is_no_one_who_watched(make_service, cast, opening):
    """"Lol watched X", "Saturday watched X": the speaker's viewing, not someone named Lol's."""
    service = make_service()
    service.reply("opening", f"{opening} watched {cast['A'].display_title} last night")
    assert [m.movie_id for m in service.history("opening")] == [cast["A"].movie_id]


@pytest.mark.parametrize("removal, left", [
    ("wait take {a_lower} off pala, i slept thru the whole thing lol", ["B"]),
    ("Actually I bailed on {a} after an hour and went to mow. Take it off.", ["B"]),
    ("take {a_lower} off that was my brother who watched it not me", ["B"]),  # voice typing: no comma before the talk
])
def test_a_removal_with_a_particle_after_it_or_take_it_off_after_a_film_left_early(make_service, cast, removal, left):
    service = make_service()
    a, b = cast["A"].display_title, cast["B"].display_title
    service.reply("off", f"we watched {a} and {b}")
    service.reply("off", removal.format(a=a, a_lower=a.lower()))
    assert [m.movie_id for m in service.history("off")] == [cast[k].movie_id for k in left]


def test_take_it_off_with_talk_after_undoes_the_latest_add(make_service, cast):
    service = make_service()
    service.reply("undo-off", f"watched {cast['A'].display_title} on cable last night")
    reply = service.reply("undo-off", "take it off actually, i realized i only caught the last 10 mins")
    assert service.history("undo-off") == [] and "Undone" in reply.text


@pytest.mark.parametrize("pieces, joiners, watched", [
    (("the king", "i"), (" and ",), ["the king and i"]),
    (("batman", "robin"), (" & ",), ["batman & robin"]),
    (("sense", "sensibility", "heat"), (" and ", " and "), ["sense and sensibility", "heat"]),
])
def test_a_title_the_rules_cut_at_its_and_is_added_whole_and_its_halves_not_asked(synthetic_matcher, pieces, joiners,
                                                                                     watched):
    """ "we watched the king and i" added The King and I, then asked which film "the king" was."""
    from bot.intents import TitleLine, TitleList
    from bot.understanding import _regrounded

    regrounded = _regrounded(TitleList((TitleLine(pieces, joiners),)), [], watched, synthetic_matcher.index)
    assert sorted(p for line in regrounded.lines for p in line.pieces) == sorted(watched)


@pytest.mark.parametrize("text, genre", [("thank u! what about sci fi for me naman haha", "Sci-Fi"),
                                         ("and for me any film noir? saw that word on a list haha", "Film-Noir"),
                                         ("and for me film noir?", "Film-Noir"), ("is there horror for me?", "Horror"),
                                         ("for me westerns?", "Western")])
def test_a_kind_asked_about_for_me_is_a_request_not_a_dislike(synthetic_matcher, mention_reader, act_reader, text, genre):
    """ "what about sci fi for me" was read as a standing dislike ("Noted: no Sci-Fi from now on"): the act model
    reads "for me" as a taste, but a kind asked about asks for films."""
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, SetTaste) for a in acts)
    [request] = [a for a in acts if isinstance(a, Recommend)]
    assert request.constraints.genres == (genre,)
    [taste] = [a for a in read_acts("no horror for me", synthetic_matcher.index, mention_reader, act_reader)]
    assert isinstance(taste, SetTaste) and taste.disliked_genres == ("Horror",)  # a taste said is still one
    for refusal, genre in [("no westerns for me, is that weird?", "Western"), ("no horror for me, ok?", "Horror")]:
        [taste] = read_acts(refusal, synthetic_matcher.index, mention_reader, act_reader)
        assert isinstance(taste, SetTaste) and taste.disliked_genres == (genre,)  # a refusal, then a question about it


def test_any_decade_then_asks_again_and_kid_movies_are_childrens(synthetic_matcher, mention_reader, act_reader):
    def read(text):
        return read_acts(text, synthetic_matcher.index, mention_reader, act_reader)

    assert read("any decade then") == (Recommend(follow_up=True, any_year=True),)  # the last request, any year
    assert read("any year is fine") == (SetTaste(any_year=True),)  # said alone: noted
    [request] = read("any kid movies from the 90s?")
    assert request.constraints.genres == ("Children's",) and request.constraints.min_year == 1990


def test_any_decade_then_after_a_list_keeps_its_kind_and_drops_its_years(make_service):
    service = make_service()
    first = service.reply("decade", "comedies from the 1990s please")
    assert first.recommendations
    again = service.reply("decade", "any decade then")
    assert again.recommendations  # a list, not only a note
    assert all("Comedy" in r.movie.genres for r in again.recommendations)  # the kind kept
    assert all(1990 <= r.movie.year <= 1999 for r in first.recommendations)
    from bot.dialogue import DialogueState

    asked = DialogueState.from_json(service.repo.dialogue_state(service.repo.find_user("decade"))).last_request
    assert asked["min_year"] is None and asked["max_year"] is None and asked["genres"] == ["Comedy"]  # years dropped


def test_more_keeps_out_a_film_the_request_it_repeats_left_out(make_service):
    """ "more sci fi like these? no phantom menace pls", then "more" brought The Phantom Menace."""
    from bot.dialogue import DialogueState

    service = make_service()
    service.reply("plain", "comedies please")
    service.reply("plain", "more comedies")
    unwanted = service.reply("plain", "more").recommendations[0].movie  # what "more" brings without the "no"
    service = make_service()
    service.reply("kept", "comedies please")
    service.reply("kept", f"more comedies, no {unwanted.display_title} pls haha my dad hates it")
    assert unwanted.movie_id not in [r.movie.movie_id for r in service.reply("kept", "more").recommendations]
    state = DialogueState(last_excluded=(3, 5))
    assert DialogueState.from_json(state.to_json()) == state  # kept between turns


@pytest.mark.parametrize("said, digits", [
    ("a thriller from before nineteen seventy", "a thriller from before 1970"),
    ("from like nineteen ninety-five on", "from like 1995 on"), ("in nineteen oh five", "in 1905"),
    ("after two thousand and one", "after 2001"), ("war, pre-70", "war, pre-1970"), ("only pre-95", "only pre-1995"),
    ("post 05", "post-2005"), ("sci-fi, before 75", "sci-fi, before 1975"), ("anything after '85?", "anything after 1985?"),
    ("make it before like 95", "make it before 1995"), ("since 50 I mostly watch westerns", "since 50 I mostly watch westerns"),
    # a time, a count or a clock: left as said
    ("i watched it after 10", "i watched it after 10"), ("after 45 minutes of ads", "after 45 minutes of ads"),
    ("before 9:30", "before 9:30"), ("after 85 degrees", "after 85 degrees"),
    # no year's word before, a count or a title: left as said
    ("pre-70s", "pre-70s"), ("i was nineteen", "i was nineteen"), ("two thousand times", "two thousand times"),
    ("loved two thousand maniacs", "loved two thousand maniacs"), ("i've seen nineteen eighty four", "i've seen "
     "nineteen eighty four"), ("from nineteen ninety five minutes", "from nineteen ninety five minutes"),
    ("a comedy post 10 pm", "a comedy post 10 pm"), ("for pre 12 year olds", "for pre 12 year olds"),
    # blind dev 64: "only 95 onwards" after a list; an age stays ("ages 40 and up")
    ("only 95 onwards", "only 1995 onwards"), ("95 onwards", "1995 onwards"), ("ages 40 and up", "ages 40 and up"),
])
def test_years_said_in_words_or_two_digits_are_read_as_years(said, digits):
    from bot.requests import years_as_digits

    assert years_as_digits(said) == digits


@pytest.mark.parametrize("text, low, high", [("a comedy from before nineteen seventy", None, 1969),
                                             ("comedy, pre-70", None, 1969), ("comedies from like 1995 on", 1995, None),
                                             ("a comedy from before like nineteen sixty five", None, 1964),
                                             ("comedies but nothing before like 1980", 1980, None)])
def test_a_request_with_a_year_in_words_or_shorthand_keeps_its_years(text, low, high):
    [request] = read_acts(text)
    assert (request.constraints.min_year, request.constraints.max_year) == (low, high)
    assert request.constraints.genres == ("Comedy",)


def test_um_undo_that_takes_back_the_latest_add():
    assert read_acts("um undo that") == (Undo(),)



def test_a_film_ruled_out_of_a_follow_up_as_seen_is_stored(make_service, cast):
    """"not predator, seen it" after a list asked again without Predator but never stored it as watched."""
    service = make_service()
    service.reply("ruled", "something to watch please")
    reply = service.reply("ruled", f"not {cast['A'].display_title.lower()}, seen it")
    assert [m.movie_id for m in service.history("ruled")] == [cast["A"].movie_id]
    assert reply.recommendations and cast["A"].movie_id not in [r.movie.movie_id for r in reply.recommendations]
    service.reply("unseen", "something to watch please")
    service.reply("unseen", f"not {cast['A'].display_title.lower()}, haven't seen it but it looks dull")
    assert service.history("unseen") == []



def test_a_count_with_like_before_it_is_no_year():
    [request] = read_acts("my watchlist has a backlog of like 2000 movies, just give me a comedy")
    assert request.constraints.min_year is None and request.constraints.max_year is None


@pytest.mark.parametrize("text", ["well forget it, i'll pick one myself", "take the edge off it with a comedy"])
def test_brush_offs_and_idioms_are_no_removals(text):
    assert not any(isinstance(a, (Undo, RemoveWatched)) for a in read_acts(text))


def test_a_negation_about_something_else_before_a_title_leaves_it_watched(make_service, cast):
    """"didn't expect much from B but watched it too": B was watched (a second pattern of the same name once
    made any "n't" before a title a negation)."""
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("expect", fill("i watched {A}, didn't expect much from {B} but watched it too", cast))
    assert sorted(m.movie_id for m in service.history("expect")) == sorted([cast["A"].movie_id, cast["B"].movie_id])


@pytest.mark.parametrize("said", ["my wife saw it", "have you seen it?", "seen it advertised everywhere"])
def test_a_film_ruled_out_for_someone_elses_viewing_is_not_stored(make_service, cast, said):
    service = make_service()
    service.reply("others", "something to watch please")
    service.reply("others", f"not {cast['A'].display_title.lower()}, {said}")
    assert service.history("others") == []




def test_rm_is_remove_as_shorthand_writes_it():
    [removal] = read_acts("rm heat")
    assert isinstance(removal, RemoveWatched) and [p for line in removal.titles.lines for p in line.pieces] == ["heat"]
    assert read_acts("rm it") == (Undo(takes_out=True),)


# -- dev 16 (an Australian tradie; an excitable twenty-something with caps, emoji and stretched words) -------------
@pytest.mark.parametrize("text, min_year", [
    ("thrillers but newer ones pls, like 95 and after, nothing that looks old and grainy", 1995),
    ("ok now something good from like 95 onwards", 1995),
    ("comedies from 85 on", 1985),
    ("a western, 1995 and after", 1995),
])
def test_two_digits_and_after_are_a_year_from_then_on(synthetic_matcher, act_reader, text, min_year):
    request = [a for a in read_acts(text, synthetic_matcher.index, acts=act_reader) if isinstance(a, Recommend)][-1]
    assert request.constraints.min_year == min_year


@pytest.mark.parametrize("text", ["comedy for 18 and up", "ages 40 and up, any comedy", "80 on the list, a comedy",
                                  "recommend a comedy, i'm 45 and after work i'm tired", "a comedy rated 80 and up",
                                  "any comedy from 90 on imdb"])
def test_an_age_or_a_count_before_and_up_is_no_year(text):
    request = [a for a in read_acts(text) if isinstance(a, Recommend)][-1]
    assert request.constraints.min_year is None


def test_two_describing_words_joined_ask_for_both_at_once():
    [request] = read_acts("more like that pls!!! funny AND romantic, that's the combo")
    assert set(request.constraints.genres) == {"Comedy", "Romance"} and request.constraints.all_genres
    assert request.constraints.like == ""  # "like that pls": the pronoun, not a title
    [either] = read_acts("comedies and dramas please")
    assert not either.constraints.all_genres


@pytest.mark.parametrize("text, expected", [
    ("dont give me any more of it", (SmallTalk("chat"),)),
    ("please don't give us any more of those", (SmallTalk("chat"),)),
])
def test_asking_for_no_more_of_it_asks_for_nothing(text, expected):
    assert read_acts(text) == expected


@pytest.mark.parametrize("text, excluded", [("dont give me horror", ("Horror",)),
                                            ("why don't you suggest something funny", ())])
def test_a_request_with_a_kind_ruled_out_or_a_suggestion_asked_stays_a_request(text, excluded):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and request.constraints.excluded_genres == excluded


@pytest.mark.parametrize("text, genre", [
    ("i need a ROMCOM immediately", "Romance"),
    ("omg i'm in a MYSTERY mood, nothing too old", "Mystery"),
    ("craving some whodunnit tonight", "Mystery"),
    ("give us a few westerns", "Western"),
])
def test_needing_or_being_in_the_mood_for_a_kind_asks_for_it(text, genre):
    request = [a for a in read_acts(text) if isinstance(a, Recommend)][-1]
    assert genre in request.constraints.genres


@pytest.mark.parametrize("text", [
    "actually wipe the lot mate, that was the missus on my account. none of thats mine",
    "omg ok my roommate is reading over my shoulder 😳 delete everything lol",
    "ok this is actually my sister's phone lol. can u clear EVERYTHING and start fresh",
])
def test_clearing_everything_said_casually_starts_over(text):
    assert read_acts(text) == (StartOver(),)


def test_a_picture_after_a_sentence_ends_it(synthetic_matcher, act_reader):
    [taste] = read_acts("sci fi is SO boring to me sorry not sorry 🙅‍♀️ my bf loves it but ew", synthetic_matcher.index,
                        acts=act_reader)
    assert isinstance(taste, SetTaste) and taste.disliked_genres == ("Sci-Fi",)


@pytest.mark.parametrize("text, sequel", [
    ("nah i meant the third one. with a vengeance", "3"),
    ("my mistake, the first one", "1"),
])
def test_a_taking_back_then_a_number_corrects_the_series(text, sequel):
    correction = read_acts(text)[0]
    assert isinstance(correction, Correct) and correction.sequel == sequel


def test_bin_removes_and_trailing_chatter_leaves_a_title():
    [removal] = read_acts("bin alien 3. pretend it never happened")
    assert isinstance(removal, RemoveWatched) and titles(removal) == ("alien 3",)
    [add] = read_acts("seen ferris bueller obviously lol")
    assert isinstance(add, AddWatched) and titles(add) == ("ferris bueller",)


def test_the_second_one_on_a_day_is_the_next_film_of_the_series():
    [add] = read_acts("and the second one sunday. send help")
    assert isinstance(add, AddWatched) and titles(add) == ("part 2",)


def test_seen_literally_all_of_those_is_seen_those():
    assert read_acts("i've seen literally all of those lol") == (SeenThose(),)


def test_a_childs_age_beside_a_viewing_asks_for_nothing():
    acts = read_acts("watched heat with my niece today 🐶 she's 5 and was SCREAMING at the end")
    assert not any(isinstance(a, Recommend) for a in acts)


def test_more_asked_after_a_list_of_films_is_a_request(synthetic_matcher, cast):
    from benchmarks.conversation import fill

    acts = read_acts(fill("seen {A.lower} and {B.lower} already lol, more?", cast), synthetic_matcher.index)
    assert isinstance(acts[0], AddWatched) and len(titles(acts[0])) == 2 and acts[-1].more


def test_a_word_stretched_for_emphasis_is_a_word_the_act_model_reads(synthetic_matcher, act_reader):
    assert isinstance(read_acts("moreeee omg i'm insatiable", synthetic_matcher.index, acts=act_reader)[0], Recommend)


def test_a_viewing_said_with_an_everyday_verb_adds_the_films_listed(synthetic_matcher, cast):
    from benchmarks.conversation import fill

    [add] = read_acts(fill("had {A.lower}, {B.lower} and {C.lower} on this arvo", cast), synthetic_matcher.index)
    assert isinstance(add, AddWatched) and len(titles(add)) == 3
    assert not any(isinstance(a, AddWatched) and not a.guessed for a in read_acts("had a long day",
                                                                                  synthetic_matcher.index))


@pytest.mark.parametrize("first, then", [
    ("watched {A.lower}", "undo that, it was {B.lower} 🐜 i ALWAYS mix them up"),
    ("My daughter and me watched {A}.", "I meant {B}, not the one with the giant baby. Always I mix them."),
])
def test_the_film_meant_instead_replaces_the_latest_add(make_service, cast, first, then):
    """"undo that, it was X"; "I meant X, not the one with ..." (a film described, not named)."""
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("meant", fill(first, cast))
    service.reply("meant", fill(then, cast))
    assert [m.movie_id for m in service.history("meant")] == [cast["B"].movie_id]


def test_not_x_it_was_y_with_talk_after_replaces_only_x(make_service, cast):
    service = make_service()
    service.reply("swap", f"watched {cast['A'].display_title.lower()} and {cast['B'].display_title.lower()}")
    service.reply("swap", f"wait no not {cast['B'].display_title.lower()}, it was {cast['C'].display_title.lower()}, "
                          "i'm getting my films mixed up")
    assert {m.movie_id for m in service.history("swap")} == {cast["A"].movie_id, cast["C"].movie_id}


# -- dev 17 (a software engineer's terse structured notes; a Nigerian man's polite formal English) ----------------
@pytest.mark.parametrize("text, genres, excluded, years", [
    ("tl;dr need a western. any era, I'm not picky re: westerns.", ("Western",), (), (None, None)),
    ("film-noir recs pls - the real thing, 1940-1959 only", ("Film-Noir",), (), (1940, 1959)),
    ("war film. not from the 90s - older than that (so nothing 1990+)", ("War",), (), (None, 1989)),
    ("same but w/o any sci-fi - want grounded stuff", (), ("Sci-Fi",), (None, None)),
    ("Please any newer ones, from 1995 upward?", (), (), (1995, None)),
])
def test_shorthand_spans_and_negations_in_a_request(text, genres, excluded, years):
    from bot.requests import read_request

    c = read_request(text).constraints
    assert (c.genres, c.excluded_genres, (c.min_year, c.max_year)) == (genres, excluded, years)


def test_take_off_then_talk_after_a_dash(synthetic_matcher, cast):
    [removal] = read_acts(f"take {cast['A'].display_title} off - mixed it up w/ something else", synthetic_matcher.index)
    assert isinstance(removal, RemoveWatched) and titles(removal) == (cast["A"].display_title,)


def test_an_arrow_between_sentences_ends_the_first():
    acts = read_acts("seen all of those -> still horror, but pre-1980")
    assert isinstance(acts[0], SeenThose) and acts[-1].constraints.max_year == 1979


def test_an_arrow_correction_of_a_number_is_the_series_other_film():
    [correction] = read_acts("correction: III -> V (The Final Frontier). never did III.")
    assert (correction.sequel, correction.old_sequel) == ("5", "3")


@pytest.mark.parametrize("text, expected", [
    ("undo (wrong chat, sorry - that was for my sister's list)", Undo),
    ("correction: remove all three. I was on my laptop the whole time, didn't actually watch any of them.", Undo),
    ("Abeg forget that one, I was mistaken.", Undo),
])
def test_structured_and_polite_removals(text, expected):
    assert isinstance(read_acts(text)[0], expected)


def test_a_short_year_in_parentheses_and_after_the_is_a_year():
    from bot.messages import version_said
    from bot.requests import years_as_digits

    assert years_as_digits("watched Cape Fear ('91)") == "watched Cape Fear (1991)"
    assert version_said("the '86 one w/ Goldblum, NOT the '58 original").year == 1986


def test_asked_for_by_others_and_others_after_a_rule_out():
    from bot.messages import asks_for_films

    assert asks_for_films("My children are disturbing me for a cartoon this evening.")
    [request] = read_acts("Please sir, nothing with horror inside. My wife saw the list. Give me others.")
    assert request.follow_up and request.constraints.excluded_genres == ("Horror",)


def test_an_apology_then_it_was_x_not_y_replaces_y(make_service, cast):
    service = make_service()
    a, b, c = (cast[k].display_title for k in "ABC")
    service.reply("sorry", f"Please record {a} and {b}.")
    service.reply("sorry", f"Please forgive me, I made an error. It was {c}, the one I told you about, not {b}.")
    assert {m.movie_id for m in service.history("sorry")} == {cast["A"].movie_id, cast["C"].movie_id}


def test_please_add_adds_however_much_it_sounds_like_a_wish(make_service, cast):
    service = make_service()
    service.reply("polite", f"Please add {cast['A'].display_title}, {cast['B'].display_title} and "
                            f"{cast['C'].display_title}.")
    assert {m.movie_id for m in service.history("polite")} == {cast[k].movie_id for k in "ABC"}


def test_undo_beside_the_film_said_unfinished_removes_it(make_service, cast):
    service = make_service()
    service.reply("nepa", f"I watched {cast['A'].display_title}.")
    service.reply("nepa", f"And {cast['B'].display_title}.")
    service.reply("nepa", f"Undo that last one please. I never finished {cast['B'].display_title}, the power went "
                          "off halfway.")
    assert [m.movie_id for m in service.history("nepa")] == [cast["A"].movie_id]


def test_watched_it_and_add_it_store_the_film_named_before(make_service, cast):
    service = make_service()
    service.reply("later", f"Please I want to watch {cast['A'].display_title} with my children next Saturday. Is it "
                           "suitable for a boy of nine?")
    service.reply("later", "Good evening sir. We have watched it now, everybody enjoyed it, even my wife. Please add it.")
    assert [m.movie_id for m in service.history("later")] == [cast["A"].movie_id]



@pytest.mark.parametrize("text, genre", [("nah i meant a comedy", "Comedy"), ("noooo i meant a western", "Western")])
def test_a_kind_of_film_meant_changes_the_request_not_a_title(text, genre):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and request.constraints.genres == (genre,)


@pytest.mark.parametrize("text", ["my wife is asking for a divorce lol", "give us a sec"])
def test_asking_words_about_anything_but_films_ask_for_none(text):
    assert not any(isinstance(a, Recommend) for a in read_acts(text))


def test_not_sure_still_rules_a_kind_out():
    [request] = read_acts("recommend something, not sure horror is for me")
    assert request.constraints.excluded_genres == ("Horror",) and not request.constraints.genres


def test_please_add_with_a_film_said_unseen_adds_nothing_unseen(make_service, cast):
    service = make_service()
    service.reply("unseen", f"please add {cast['A'].display_title} and {cast['B'].display_title}, haven't seen them yet")
    assert service.history("unseen") == []


def test_had_films_in_a_cart_is_no_viewing(synthetic_matcher, cast):
    from bot.understanding import _viewing_verb_mended

    a, b = cast["A"].display_title.lower(), cast["B"].display_title.lower()
    for text in (f"had {a} and {b} in my cart but didn't buy", f"had {a} and {b} on my list for ages but never watched"):
        assert _viewing_verb_mended(text, synthetic_matcher.index) == text  # "had" stays "had", not "watched"
    assert _viewing_verb_mended(f"had {a} and {b} on this arvo", synthetic_matcher.index).startswith("watched ")


def test_a_picture_before_a_word_or_two_ends_no_sentence():
    from bot.understanding import _without_pictures

    assert _without_pictures("chinatown and vertigo have been sitting in my queue for like 3 years 😭 someday") \
        == "chinatown and vertigo have been sitting in my queue for like 3 years   someday"


def test_one_more_kind_with_anything_is_a_request_of_its_own():
    request = read_acts("one documentary also pls, anything")[-1]
    assert request.constraints.genres == ("Documentary",) and not request.follow_up




def test_a_topic_set_out_with_re_is_no_film(synthetic_matcher, mention_reader):
    from bot.understanding import _REGARDING

    assert _REGARDING.search("re: the ") and _REGARDING.search("RE:") and not _REGARDING.search("we are ")


def test_kin_words_the_model_never_learnt_are_read_as_the_ones_it_did(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched
    from bot.understanding import _kin_as_learnt

    assert _kin_as_learnt("missus watched it, the hubby slept") == "my wife watched it, my husband slept"
    acts = read_acts(fill("missus watched {A.lower} last night, i was on my phone", cast), synthetic_matcher.index,
                     mention_reader)
    assert not any(isinstance(a, AddWatched) and not a.guessed for a in acts)
    assert any(isinstance(a, NotWatched) for a in acts)


def test_a_dislike_before_no_more_of_it_holds(synthetic_matcher, act_reader):
    acts = read_acts("horrors not for me, dont give me any more of it", synthetic_matcher.index, acts=act_reader)
    assert acts == (SetTaste(disliked_genres=("Horror",)),)


def test_ended_up_watching_it_is_the_film_named_before():
    assert read_acts("actually nah i did end up watching it, the pottery bit got me") == (SeenThose(it=True),)


def test_a_removal_with_i_watched_it_after_removes():
    [removal] = read_acts("actually scratch the fly, i watched it through my fingers so it barely counts")
    assert isinstance(removal, RemoveWatched) and titles(removal) == ("the fly",)


def test_a_kind_the_taste_head_reads_as_disliked_is_a_taste_however_unsure_the_act_model(synthetic_matcher, act_reader):
    """The act model reads "taste" below its bar and the rules read the genre word as asked for; the taste head
    reads which way it points."""
    [taste] = read_acts("Oh, and I can't do horror, should've said.", synthetic_matcher.index, acts=act_reader)
    assert taste == SetTaste(disliked_genres=("Horror",))
    [asked] = read_acts("so a crime film none of us has seen", synthetic_matcher.index, acts=act_reader)
    assert isinstance(asked, Recommend) and asked.constraints.genres == ("Crime",)  # a film of the kind, asked for


def test_more_funny_ones_asks_for_comedies(synthetic_matcher, act_reader):
    [request] = read_acts("more funny ones", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Comedy",)


def test_a_bare_sentence_beside_a_follow_up_keeps_it_one(synthetic_matcher, act_reader):
    """"I want the proper gritty stuff" asks nothing of its own: the follow-up's "older" and years still change the
    last request."""
    [request] = read_acts("Older, ideally. Anything before 1990? I want the proper gritty stuff.",
                          synthetic_matcher.index, acts=act_reader)
    assert request.follow_up and request.relative == "older" and request.constraints.max_year == 1989


@pytest.mark.parametrize("text", ["so what else have you got", "Right, one more list and then I'll go and pretend to revise.",
                                  "anything else?"])
def test_asking_for_another_list_is_more(text):
    assert read_acts(text) == (Recommend(more=True),)


def test_like_that_with_years_keeps_the_years():
    [request] = read_acts("can you find me something like that from 1995 or later")
    assert request.constraints.like == "" and request.constraints.min_year == 1995 and request.follow_up


def test_the_same_decade_keeps_the_last_years():
    [request] = read_acts("Go on then, action from the same decade.")
    assert request.constraints.genres == ("Action",) and request.follow_up


def test_years_beside_talk_with_a_never_word_are_asked_not_held():
    from bot.messages import read_request, standing_years_in

    text = "Adventure films from between 1980 and 1990, basically the stuff my dad says made his childhood and won't " \
           "shut up about."
    assert standing_years_in(text, read_request(text)) is None
    held = "they like old films only, before 1970."
    assert standing_years_in(held, read_request(held)) == SetTaste(max_year=1969)


def test_kissing_words_rule_out_romance():
    [request] = read_acts("Comedy? Something to cheer me up without any snogging.")
    assert request.constraints.genres == ("Comedy",) and request.constraints.excluded_genres == ("Romance",)


def test_a_title_cut_at_its_and_with_talk_beside_is_the_title():
    from bot.understanding import _cut_at_its_and

    title = "Butch Cassidy and the Sundance Kid"
    assert _cut_at_its_and("the Sundance Kid though", title) and _cut_at_its_and("so Butch Cassidy", title)
    assert not _cut_at_its_and("the Sundance Kids", title) and not _cut_at_its_and("Cassidy", title)


def test_a_clause_that_describes_the_film_before_asks_for_nothing(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("which", fill("Watched {A} though, which, fine, is technically a {GA}, but it got a "
                                        "pass", cast))
    assert not reply.recommendations and [m.movie_id for m in service.history("which")] == [cast["A"].movie_id]


def test_two_films_taken_off_with_talk_after(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("off", fill("I watched {A}, {B} and {C}", cast))
    service.reply("off", fill("take {A.lower} and {B.lower} off, i only saw bits of those while i was on the phone", cast))
    assert [m.movie_id for m in service.history("off")] == [cast["C"].movie_id]


def test_take_it_off_after_a_film_said_not_watched_removes_that_film(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("it", fill("I watched {A} and {B}", cast))
    service.reply("it", fill("well actually i fell asleep like 10 min into {B.lower}, my husband watched it not me, so "
                             "take it off", cast))
    assert [m.movie_id for m in service.history("it")] == [cast["A"].movie_id]


def test_a_film_named_then_get_rid_of_it_is_removed_not_meant(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("rid", fill("Seen {A}, {B} and {C}", cast))
    service.reply("rid", fill("Wait, no, {C}, I'm thinking of a different film entirely. Get rid of it.", cast))
    assert [m.movie_id for m in service.history("rid")] == [cast["A"].movie_id, cast["B"].movie_id]


def test_forget_all_that_and_start_again_starts_over():
    from bot.messages import StartOver

    assert read_acts("Forget all that, actually, start again from nothing.") == (StartOver(),)


@pytest.mark.parametrize("template", [
    "Right, me and the flat have seen {A} and {B} this week",
    "i dont want {A}, ive seen it a million times. and {B} too, seen it",
])
def test_the_speaker_saw_these(make_service, cast, template):
    _, history = told(make_service, cast, template, "saw")
    assert cast["A"].movie_id in history


def test_watched_it_after_talk_is_the_film_a_new_users_question_named(make_service, cast):
    """A new user's first message asks about a film (its row is written for the question's state); talk between
    keeps that film for "watched it"."""
    from benchmarks.conversation import fill

    service = make_service()
    for text in ("Is {A} any good? The one from the seventies.", "Fine, I'll give it a go tonight.", "Done. Watched it."):
        service.reply("asked", fill(text, cast))
    assert [m.movie_id for m in service.history("asked")] == [cast["A"].movie_id]


def test_a_day_asked_about_as_only_a_film_is_the_film():
    from bot.mentions import _asked_about_as_a_film
    from recommender.titles import Span

    friday = Span(3, 9, "Friday", (1,), 0, 1, everyday=True)
    assert _asked_about_as_a_film(friday, "Is Friday any good? The Ice Cube one.")
    assert not _asked_about_as_a_film(friday, "Is Friday the day you're off?")


def test_none_of_them_seen_after_films_said_keeps_them_out(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    acts = read_acts(fill("{A}, {B}, {C}. Haven't seen a single one of them, I'm a disgrace.", cast),
                     synthetic_matcher.index, mention_reader)
    assert [type(a) for a in acts] == [NotWatched] and len(acts[0].unseen) == 3
    kept = read_acts(fill("I watched {A} and {B}. My wife has not seen any of them", cast), synthetic_matcher.index,
                     mention_reader)
    assert any(isinstance(a, AddWatched) for a in kept)  # another person's viewing, not the speaker's


def test_a_clause_that_qualifies_the_kind_asked_makes_both_hold():
    [request] = read_acts("Got any crime films? Ideally ones where I get to laugh a bit.")
    assert set(request.constraints.genres) == {"Crime", "Comedy"} and request.constraints.all_genres
    [either] = read_acts("a comedy. or a horror")
    assert not either.constraints.all_genres


def test_a_kind_for_the_family_is_both_kinds():
    [request] = read_acts("Kindly recommend some adventure films for the family.")
    assert set(request.constraints.genres) == {"Adventure", "Children's"} and request.constraints.all_genres
    [either] = read_acts("adventure films or something for the kids")
    assert not either.constraints.all_genres


def test_others_after_a_statement_asks_for_more(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill

    acts = read_acts(fill("watched {A} + {B} already; others?", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(acts[0], AddWatched) and acts[-1] == Recommend(more=True)


def test_a_film_disliked_in_the_past_tense_was_seen(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("cared", fill("I did not care for {A} at all. Too much cursing.", cast))
    assert [m.movie_id for m in service.history("cared")] == [cast["A"].movie_id]
    assert cast["A"].display_title in reply.text  # the dislike said back beside the add


def test_i_saw_it_after_a_film_ruled_out_is_that_film(synthetic_matcher, mention_reader, act_reader, cast):
    from benchmarks.conversation import fill

    acts = read_acts(fill("Not {A}, if you don't mind. I saw it in 1960 and didn't sleep for a month. Give me a list "
                          "without it.", cast), synthetic_matcher.index, mention_reader, act_reader)
    assert any(isinstance(a, AddWatched) and titles(a) == (cast["A"].display_title,) for a in acts)
    assert isinstance(acts[-1], Recommend)


@pytest.mark.parametrize("template, not_read", [
    ("a comedy where two guys find a body and get rid of it", (Undo, RemoveWatched)),  # a plot, no removal
    ("Finally watched {A} and {B}. Never seen either of them before!", ()),  # stays an add (checked below)
    ("not {A}, I saw that trailer and it looked dull", (AddWatched,)),  # the trailer was seen, not the film
    ("I didn't like the sound of {A}", (AddWatched,)),
])
def test_a_reviewers_sentences_are_not_misread(synthetic_matcher, mention_reader, act_reader, cast, template, not_read):
    """A reviewer's messages for the patterns this change added: each must not be read as the act listed."""
    from benchmarks.conversation import fill

    acts = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, not_read) for a in acts) if not_read else isinstance(acts[0], AddWatched)


@pytest.mark.parametrize("text, follow_up, both", [
    ("Something funny or scary. Preferably scary.", False, False),  # "or" first: either kind
    ("a thriller for me and something for the kids", False, False),  # two audiences, not a children's thriller
    ("something funny and scary at the same time", False, True),  # "the same time" keeps no earlier years
    ("I hate horror. Recommend me something.", False, False),  # a request in so many words beside the taste
])
def test_requests_the_change_must_leave_as_they_were(text, follow_up, both):
    request = read_acts(text)[-1]
    assert request.follow_up == follow_up and request.constraints.all_genres == both


@pytest.mark.parametrize("template, expected", [
    ("I have seen {A}, though, and found it very moving.", ("A",)),  # talk pieces of the list are no titles
    ("I saw {A}, {B}, and thought both were too long", ("A", "B")),
])
def test_talk_beside_a_listed_film_is_no_title(synthetic_matcher, mention_reader, cast, template, expected):
    from benchmarks.conversation import fill

    [add] = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader)
    assert isinstance(add, AddWatched) and titles(add) == tuple(cast[r].display_title for r in expected)


def test_someone_who_wants_to_watch_a_film_has_not_seen_it(synthetic_matcher, mention_reader, cast):
    """ "My grandson wants to watch Psycho with me" was said back as "seen already" (someone else's viewing)."""
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    acts = read_acts(fill("My grandson wants to watch {A} with me next weekend, but I've never seen it myself.", cast),
                     synthetic_matcher.index, mention_reader)
    assert [type(a) for a in acts] == [NotWatched] and not acts[0].seen_by_others
    [seen] = read_acts(fill("my grandson watched {A} twice", cast), synthetic_matcher.index, mention_reader)
    assert seen.seen_by_others  # a viewing by someone else still is one
    [often] = read_acts(fill("he would watch {A} over and over", cast), synthetic_matcher.index, mention_reader)
    assert often.seen_by_others  # a habit, no wish


def test_undo_with_a_film_named_removes_that_film():
    [removal] = read_acts("Undo the second one, I think I only saw half of it.")
    assert isinstance(removal, RemoveWatched) and titles(removal) == ("the second one",)
    assert isinstance(read_acts("undo that")[0], Undo)


def test_others_beside_a_removal_asks_for_more(synthetic_matcher, mention_reader, act_reader, cast):
    from benchmarks.conversation import fill

    acts = read_acts(fill("Remove {A}, we'll be watching that one together anyway. Others?", cast),
                     synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(acts[0], RemoveWatched) and acts[-1] == Recommend(more=True)


def test_an_everyday_title_said_seen_right_after_is_no_word_of_a_phrase():
    """ "Heat I have seen, and The Rock.": the "I" after "Heat" made it a word of a phrase, and the reply called
    "Heat I have seen" an unknown film."""
    from bot.mentions import in_a_phrase
    from recommender.titles import Span

    heat = Span(0, 4, "Heat", (1,), 0, 1, everyday=True)
    assert not in_a_phrase(heat, "Heat I have seen, and The Rock.")
    assert in_a_phrase(heat, "Heat I cannot stand, it is so hot today.")


def test_a_year_said_with_only_is_that_year():
    [request] = read_acts("Suggest some other films from 1999 only.")
    assert (request.constraints.min_year, request.constraints.max_year) == (1999, 1999)  # not "on" of "only"
    [onwards] = read_acts("movies from 1990 on")
    assert (onwards.constraints.min_year, onwards.constraints.max_year) == (1990, None)


@pytest.mark.parametrize("text", ["On second thought, forget everything, please; I'd rather start over.",
                                  "Wait, my flatmate was using my laptop and entered these. Kindly clear all."])
def test_clearing_everything_said_politely_or_after_a_reason_starts_over(text):
    assert any(isinstance(a, StartOver) for a in read_acts(text))


def test_more_said_with_kindly_is_more():
    assert read_acts("More kindly.") == (Recommend(more=True),)


def test_a_repair_after_when_it_was_watched_takes_the_first_title_back(synthetic_matcher, mention_reader, cast):
    """ "watched scream last night, wait no it was scream 2": the time said between did not let the repair reach."""
    from benchmarks.conversation import fill

    acts = read_acts(fill("watched {A} last night, wait no it was {B}, the one with the long opening", cast),
                     synthetic_matcher.index, mention_reader)
    added = [a for a in acts if isinstance(a, AddWatched)]
    assert [titles(a) for a in added] == [(cast["B"].display_title,)]  # the film taken back is not added


def test_wait_no_then_a_title_and_an_apology_corrects_the_last_add(synthetic_matcher, cast):
    from benchmarks.conversation import fill

    [correct] = read_acts(fill("wait no {B} my bad", cast), synthetic_matcher.index)
    assert isinstance(correct, Correct) and correct.new.titles == (cast["B"].display_title,)


def test_a_day_before_i_watched_is_a_time_not_a_title():
    from bot.mentions import in_a_phrase
    from recommender.titles import Span

    friday = Span(0, 6, "Friday", (1,), 0, 1, everyday=True)
    assert in_a_phrase(friday, "Friday I watched Heat")


@pytest.mark.parametrize("text", ["nah, dump all. others please", "nah, bin all. something funnier", "ditch all, too old"])
def test_throwing_out_all_the_suggestions_clears_no_history(text):
    assert not any(isinstance(a, StartOver) for a in read_acts(text))


def test_someone_who_got_the_speaker_to_watch_a_film_means_it_was_watched(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    [add] = read_acts(fill("my sister finally got me to watch {A}, we had it on while folding laundry", cast),
                      synthetic_matcher.index, mention_reader)
    assert isinstance(add, AddWatched) and titles(add) == (cast["A"].display_title,)
    [wish] = read_acts(fill("my wife wants to get me to watch {A}", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(wish, NotWatched)


def test_a_kind_vetoed_is_left_out():
    [request] = read_acts("only comedies pls, the 14yo vetoed anything serious")
    assert request.constraints.genres == ("Comedy",) and request.constraints.excluded_genres == ("Drama",)


def test_numbered_points_are_read_one_by_one():
    """ "1) First one not interested 2) Others are okay 3) Give two-three more of same type" was one unknown title."""
    from bot.understanding import clauses

    text = "1) First one not interested 2) Others are okay 3) Give two-three more of same type"
    assert clauses(text) == ["First one not interested", "Others are okay", "Give two-three more of same type"]
    assert read_acts(text)[-1].more


def test_lowercase_run_on_repairs(synthetic_matcher, mention_reader, cast):
    """A reviewer-free class from dev 15's lowercase run-ons: no comma before the reason or the apology."""
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    assert read_acts("actually can you clear all of that i was listing my wifes movies not mine") == (StartOver(),)
    [unseen] = read_acts(fill("actually i never finished {A} i turned it off halfway take it off", cast),
                         synthetic_matcher.index, mention_reader)
    assert isinstance(unseen, NotWatched) and unseen.unseen == (cast["A"].display_title,)
    [meant] = read_acts(fill("oh wait no i meant {A} the first one not {B} sorry", cast), synthetic_matcher.index)
    assert isinstance(meant, Correct) and meant.new.titles == (cast["A"].display_title,)
    assert meant.old.titles == (cast["B"].display_title,)
    [part] = read_acts("oops no i meant part two the one with young de niro")
    assert isinstance(part, Correct) and part.sequel == "2"


def test_an_everyday_title_before_i_in_a_run_on_is_a_title():
    from bot.mentions import in_a_phrase
    from recommender.titles import Span

    ghost = Span(21, 26, "ghost", (1,), 0, 1, everyday=True)
    assert not in_a_phrase(ghost, "actually i never saw ghost i was asleep")


def test_never_saw_it_beside_a_film_asked_about_takes_nothing_back():
    """ "Is the latest Bond with Daniel Craig any good? We have not seen it." took back the add before it."""
    from bot.dialogue import DialogueState
    from bot.policy import actions

    text = "Is the latest Bond with Daniel Craig any good? We have not seen it."
    state = DialogueState(last_added=(5,), just_added=True)
    assert not any(isinstance(a, Undo) for act in read_acts(text) for a in actions(act, state, text))
    assert actions(Undo(takes_out=True, unseen=True), state, "we have not seen it") == (
        Undo(takes_out=True, unseen=True),)


@pytest.mark.parametrize("text", ["Grand, a few more of those for her.", "Different batch; same constraints.",
                                  "Give me a few more of them there, sure they'll be here all weekend"])
def test_more_said_in_other_words_is_more(text):
    assert read_acts(text) == (Recommend(more=True),)


def test_more_with_talk_naming_a_kind_is_no_plain_more():
    assert read_acts("more, they want comedies")[-1].constraints.genres == ("Comedy",)


def test_a_span_of_years_ending_in_two_digits():
    [request] = read_acts("Drama, 1970-79, no war films. Need 3 for the flight.")
    assert (request.constraints.min_year, request.constraints.max_year) == (1970, 1979)


def test_strike_removes_and_clear_it_all_out_and_start_again_starts_over():
    [strike] = read_acts("Strike The Client; never saw it, confused it w/ sth else.")
    assert isinstance(strike, RemoveWatched) and strike.titles.titles[0] == "The Client"
    assert read_acts("Forget all of that now, clear it all out and start again, I'm after giving the tablet to my "
                     "grandson") == (StartOver(),)


@pytest.mark.parametrize("text, genre", [("Only the romantic ones, my mother is here next to me.", "Romance"),
                                         ("Only the cartoon ones, now, she's only four.", "Animation")])
def test_only_the_kind_with_talk_after_a_comma_narrows_the_list(text, genre):
    request = read_acts(text)[0]
    assert isinstance(request, Recommend) and genre in request.constraints.genres


@pytest.mark.parametrize("template", ["Naw, sorry, I meant {B}. Same star in both, my brain's mince. No {A}.",
                                      "Sorry, not {A}, I confused the names, all these ladies with bonnets. Was {B}.",
                                      "Ops, I meant {B}, not {A}. I always confuse them."])
def test_a_film_ruled_out_in_a_message_that_takes_back_is_the_one_replaced(synthetic_matcher, mention_reader,
                                                                          act_reader, cast, template):
    from benchmarks.conversation import fill

    acts = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader, act_reader)
    corrections = [a for a in acts if isinstance(a, Correct)]
    assert len(corrections) == 1 and not any(isinstance(a, Recommend) for a in acts)
    assert corrections[0].new.titles == (cast["B"].display_title,)
    assert [t.lower() for t in corrections[0].old.titles] == [cast["A"].display_title.lower()]


def test_a_learners_assisted_is_watched_and_scots_words_are_read_as_english():
    [add] = read_acts("I assisted The Sixth Sense last year and I did not sleep")
    assert isinstance(add, AddWatched) and titles(add) == ("The Sixth Sense",)
    assert not isinstance(read_acts("I assisted my mother with the shopping")[0], Recommend)
    [taste] = read_acts("Cannae be doing wi' crime films, I get enough of that on the news.")
    assert isinstance(taste, SetTaste) and taste.disliked_genres == ("Crime",)
    [request] = read_acts("Nae musicals. Ever. Now, gie us something fae the 50s.")
    assert request.constraints.excluded_genres == ("Musical",) and request.constraints.min_year == 1950


@pytest.mark.parametrize("template", ["Wife watched {A} + {B} on the trip. Me: quarterly decks. Nothing to log for me.",
                                      "FYI team watched {A} and {B} at the offsite; I was on a call."])
def test_a_relation_said_bare_is_someone_elses_viewing(synthetic_matcher, mention_reader, cast, template):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    acts = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader)
    assert not any(isinstance(a, AddWatched) for a in acts)
    assert any(isinstance(a, NotWatched) and len(a.seen_by_others) == 2 for a in acts)
    [ours] = read_acts(fill("The wife and I watched {A}", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(ours, AddWatched)


def test_would_you_take_that_off_now_takes_back_the_latest_add():
    [undo] = read_acts("Would you take that off now, I was thinking about it and it was my granddaughter watched it "
                       "in the back room, I only heard it through the wall.")
    assert isinstance(undo, Undo) and undo.takes_out


def test_i_havent_seen_it_beside_a_film_liked_is_no_take_back(synthetic_matcher, mention_reader, cast):
    """ReDial's final half fell by one message: "I haven't seen it, but I loved X" took the latest add back."""
    from benchmarks.conversation import fill

    acts = read_acts(fill("I haven't seen it, but I loved {A}", cast), synthetic_matcher.index, mention_reader)
    assert not any(isinstance(a, Undo) for a in acts) and any(isinstance(a, AddWatched) for a in acts)
    [undo] = read_acts(fill("Actually, I never saw it; I was mixing it up with {A}, which I haven't seen either.", cast),
                       synthetic_matcher.index, mention_reader)
    assert isinstance(undo, Undo) and undo.unseen


@pytest.mark.parametrize("text, read_as", [
    ("I haven't seen it, can you recommend something similar?", Recommend),  # asks: no take-back
    ("Russell Crowe won Best Actor for Gladiator, loved that film.", AddWatched),
    ("Any controversial banned horror films from the 70s?", Recommend),
])
def test_a_second_reviewers_sentences_read_as_before(text, read_as):
    assert isinstance(read_acts(text)[-1], read_as)


def test_dinner_not_finished_is_no_film_not_finished(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill

    [add] = read_acts(fill("I hadn't finished my dinner when we watched {A}", cast), synthetic_matcher.index,
                      mention_reader)
    assert isinstance(add, AddWatched)
    acts = read_acts(fill("I watched 1) {A} 2) {B}", cast), synthetic_matcher.index, mention_reader)
    assert not any(isinstance(a, Recommend) for a in acts)  # points only when the message opens with "1)"


# --- dev 24 and dev 25 (a folksy pastor, a Frenchwoman writing English, a tired father, a forum trivia buff) ---

@pytest.mark.parametrize("template", [
    "We were going to put on {A} last night but the football went to extra time and that was the night done.",
    "I was supposed to see {A} with my sister but I got sick",
    "The young ones are mad to see {A}, the two of them",
    "And Cian watched {A} with his mother the same weekend, I wasn't there at all",
    "Kids (7, 9) in the suite watched {A} this aft; I was on calls. Not for my log.",
    "I put on {A} on Good Friday, like you do, but I was asleep before the end. So I wouldn't say I've seen it really.",
])
def test_plans_wishes_others_and_films_taken_back_later_store_nothing(synthetic_matcher, mention_reader, act_reader, cast,
                                                                      template):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    acts = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, AddWatched) and not a.guessed for a in acts)
    assert [a.titles for a in acts if isinstance(a, NotWatched)] == [(cast["A"].display_title,)]


@pytest.mark.parametrize("template, stored", [
    ("Deacon Harold has been on me for months about {A}, and I finally sat down and watched it last night.", True),
    ("My sister says {A} is boring. Me, I have watched it and I found it superbe.", True),
    ("Everybody says {A} is a masterpiece. I have finally watched it and I agree.", True),
    ("my wife loves {A}, I never watched it", False),
    ("My brother keeps on about {A}. Will I watch it tonight?", False),
])
def test_a_film_named_in_talk_then_watched_as_it_is_stored(synthetic_matcher, mention_reader, act_reader, cast, template,
                                                           stored):
    from benchmarks.conversation import fill

    acts = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader, act_reader)
    added = [t for a in acts if isinstance(a, AddWatched) and not a.guessed for t in titles(a)]
    assert added == ([cast["A"].display_title] if stored else [])


@pytest.mark.parametrize("text, genres, excluded, follow_up", [
    ("Now only the romances from those same years, for my mother.", ("Romance",), (), True),
    ("Only romance from those old ones.", ("Romance",), (), True),
    ("Animation for me and my nephew tonight, nossa, he is crazy for cartoons.", ("Animation",), (), False),
    ("Re-run the comedy list w/ that in mind.", ("Comedy",), (), True),
    ("More, but no action-thrillers. I want tension, not car chases.", (), ("Action",), True),
    ("Comedy that isn't romantic comedy. I'm allergic to meet-cutes.", ("Comedy",), ("Romance",), False),
    ("ok back. crime movie. something with cops or robbers for me tonight, the kids are finally out", ("Crime",), (), False),
    ("Give me film noir, pre-1960. The real stuff, none of this neo-noir business.", ("Film-Noir",), (), False),
    ("Comédies musicales, please.", ("Musical",), (), False),
    ("Films de guerre, please.", ("War",), (), False),
])
def test_requests_in_everyday_and_mixed_language(synthetic_matcher, act_reader, mention_reader, text, genres, excluded,
                                                 follow_up):
    [request] = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == genres
    assert request.constraints.excluded_genres == excluded and request.follow_up == follow_up
    assert request.relative == ""


@pytest.mark.parametrize("text", ["Alternatives pls.", "Plus d'autres, encore.", "More please, these she already watched all."])
def test_more_in_other_words_and_others_viewings_ask_for_more(text):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and request.more


@pytest.mark.parametrize("text, disliked, only", [
    ("Spaceships and robots and all that carry on, sci-fi they call it, it's not for me at all.", ("Sci-Fi",), ()),
    ("My mother is with me and she only likes romance, nothing else.", (), ("Romance",)),
    ("nothing w war pls, too heavy after a day w 3 kids", ("War",), ()),
    ("no kids movies after bedtime obviously. childrens stuff is for daytime only", ("Children's",), ()),
])
def test_tastes_said_of_a_kind_hold(synthetic_matcher, act_reader, mention_reader, text, disliked, only):
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert any(a.disliked_genres == disliked and a.only_genres == only for a in acts if isinstance(a, (SetTaste, Recommend)))
    assert not any(isinstance(a, Recommend) and "Children's" in a.constraints.genres for a in acts)


@pytest.mark.parametrize("text", ["Oublie tout, I give the tablet to my sister.",
                                  "Tell you what, let's wipe the slate clean. Forget everything you've got on me, I'm "
                                  "starting over.", "Forget all of it now, I'm handing this over to my associate pastor.",
                                  "Oublie tout, forget all, I want to restart from zero."])
def test_starting_over_in_other_words(text):
    from bot.intents import StartOver

    assert read_acts(text) == (StartOver(),)


def test_school_grades_are_scores_and_a_log_is_a_viewing(synthetic_matcher, mention_reader, cast):
    from benchmarks.conversation import fill
    from bot.understanding import _grades_as_scores

    assert _grades_as_scores("Logged: Alien A, Aliens A+, Alien³ C.") == "Watched: Alien 9/10, Aliens 10/10, Alien 3 5/10."
    assert _grades_as_scores("I watched A Bug's Life") == "I watched A Bug's Life"
    [add] = read_acts(fill("Logged: {A} A-, {B} B+.", cast), synthetic_matcher.index, mention_reader)
    assert isinstance(add, AddWatched) and titles(add) == (cast["A"].display_title, cast["B"].display_title)


@pytest.mark.parametrize("template, stored", [
    # a reviewer's sentences: seeing that, or a plan, is no viewing of "it" ...
    ("{A} is on TV tonight, I saw it in the TV guide.", False),
    ("Got tickets for {A}, we see it tomorrow night.", False),
    # ... and a film watched stays watched beside words about another or about how it was seen
    ("Watched {A} last night, what an ending. I didn't see it coming at all.", True),
    ("Watched {A} on TV last night. I never saw it at the cinema back in the day.", True),
    ("Watched {A} last night. Don't add {B} though, I haven't seen that one.", True),
    ("We had been planning on watching {A} for months and finally sat down with it last night, loved it.", True),
    ("Oh God watched {A} again, cried my eyes out", True),
])
def test_a_reviewers_sentences_about_it_read_right(synthetic_matcher, mention_reader, act_reader, cast, template, stored):
    from benchmarks.conversation import fill

    acts = read_acts(fill(template, cast), synthetic_matcher.index, mention_reader, act_reader)
    added = [t for a in acts if isinstance(a, AddWatched) and not a.guessed for t in titles(a)]
    assert (cast["A"].display_title in added) == stored and cast["B"].display_title not in added


@pytest.mark.parametrize("text, genres, excluded, disliked", [
    ("Any film ideas for a rainy day with the kids?", ("Children's",), (), ()),
    ("My kids are down with a cold, need a film to keep them quiet", ("Children's",), (), ()),
    ("no horror war or westerns tonight please", (), ("Horror", "War", "Western"), ()),
    ("My son is a little terror tonight, recommend something to calm him down", (), (), ()),
    ("Restart, with comedies this time", ("Comedy",), (), ()),
])
def test_a_reviewers_requests_read_right(synthetic_matcher, mention_reader, act_reader, text, genres, excluded, disliked):
    [request] = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(request, Recommend) and set(request.constraints.genres) == set(genres)
    assert set(request.constraints.excluded_genres) == set(excluded) and request.disliked_genres == disliked


def test_a_reviewers_tastes_read_right(synthetic_matcher, mention_reader, act_reader):
    from bot.understanding import _grades_as_scores

    for text in ("I love westerns, they don't make them like they used to", "My daughter only watches cartoons, I prefer thrillers"):
        acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
        assert not any(getattr(a, "disliked_genres", ()) or getattr(a, "only_genres", ()) for a in acts), text
    assert _grades_as_scores("Watched Titan A.E. yesterday") == "Watched Titan A.E. yesterday"
    assert _grades_as_scores("Just saw Cecil B. Demented") == "Just saw Cecil B. Demented"


def test_films_someone_else_saw_are_added_when_asked_and_kinds_only_for_others_stay_only(synthetic_matcher, mention_reader,
                                                                                         act_reader, cast):
    """dev 11 and dev 4 fell by one each in the first full run: "put those on" after the wife's films, and "cartoons
    only, they won't sit still for real actors" read as a dislike of cartoons."""
    from benchmarks.conversation import fill

    [add] = read_acts(fill("She's seen {A} and {B}, put those on.", cast), synthetic_matcher.index, mention_reader,
                      act_reader)
    assert isinstance(add, AddWatched) and titles(add) == (cast["A"].display_title, cast["B"].display_title)
    [taste] = read_acts("cartoons only, they won't sit still for real actors", synthetic_matcher.index, mention_reader,
                        act_reader)
    assert isinstance(taste, SetTaste) and taste.only_genres == ("Animation",) and not taste.disliked_genres
    [request] = read_acts("My kids are watching always with me, so nothing with war and nothing with horror, please keep "
                          "this in mind.", synthetic_matcher.index, mention_reader, act_reader)
    assert set(request.disliked_genres) == {"War", "Horror"}


def test_a_remake_said_not_meant_past_a_name_is_the_original():
    """dev 25: "Sabrina — the Billy Wilder one ..., NOT the Pollack remake" took the remake (the "not" before the name
    did not reach "remake")."""
    from bot.messages import version_said

    assert version_said("Watched Sabrina — the Billy Wilder one with Bogart, NOT the Pollack remake.").age == "older"
    assert version_said("Watched Sabrina, not the Pollack remake").age == "older"
    assert version_said("watched cape fear, the scorsese remake").age == "newer"


@pytest.mark.parametrize("text, kind, numbers", [
    ("Take 3 and 4 off, I was snoring in the recliner for both of those", RemoveWatched, ("3", "4")),
    ("Correction: I never finished III. Bailed at the Klingon part. Remove it.", RemoveWatched, ("3",)),
    ("Hold the phone, it was 5.", Correct, ()),
])
def test_films_of_the_latest_add_told_by_their_numbers(text, kind, numbers):
    """dev 26: a hockey dad's "Take 3 and 4 off" (Lethal Weapon) and "it was 5" (Star Trek) changed nothing; "I never
    finished III ... Remove it" took back all three films of the add."""
    acts = read_acts(text)
    assert isinstance(acts[0], kind)
    if numbers:
        assert acts[0].titles.titles == numbers
    else:
        assert acts[0].sequel == "5"


@pytest.mark.parametrize("text", ["Start me over, clean slate eh. The kids were messing with my list."])
def test_start_me_over(text):
    assert read_acts(text) == (StartOver(),)


def test_shoot_i_meant_corrects(synthetic_matcher, mention_reader, act_reader, cast):
    from benchmarks.conversation import fill

    [correct] = read_acts(fill("Shoot, I meant {A}, the giant toddler in Vegas one", cast), synthetic_matcher.index,
                          mention_reader, act_reader)
    assert isinstance(correct, Correct) and correct.new.titles == (cast["A"].display_title,)


def test_a_film_corrected_later_in_its_own_message_and_a_mix_up_named(synthetic_matcher, mention_reader, act_reader, cast):
    """dev 26: "Watched Rocky 3 ... No wait, it was Rocky 4" stored both (the correction reached the add before);
    "take Dirty Dancing off, I mixed it up with Footloose, that's the one we saw" stored no Footloose."""
    from benchmarks.conversation import fill

    acts = read_acts(fill("Watched {A} with my boy last night. No wait, it was {B}, the one with the boxing.", cast),
                     synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, AddWatched) and cast["A"].display_title in titles(a) for a in acts)
    [correct] = [a for a in acts if isinstance(a, Correct)]
    assert correct.new.titles == (cast["B"].display_title,) and correct.old.titles == (cast["A"].display_title,)
    acts = read_acts(fill("hang on take {A} off, I mixed it up with {B}, that's the one we saw", cast),
                     synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(acts[0], RemoveWatched) and titles(acts[-1]) == (cast["B"].display_title,)


def test_a_film_ruled_out_as_seen_where_and_by_whom(synthetic_matcher, mention_reader, act_reader, cast):
    """dev 26: "Not Rudy, we watched it in the dressing room last week. Others?" stored nothing; the mend must keep
    dev 10's "Not Toy Story 2, they've already watched it at their other gran's." someone else's."""
    from benchmarks.conversation import fill

    ours = read_acts(fill("Not {A}, we watched it in the dressing room last week. Others?", cast),
                     synthetic_matcher.index, mention_reader, act_reader)
    assert any(isinstance(a, AddWatched) and titles(a) == (cast["A"].display_title,) for a in ours)
    theirs = read_acts(fill("Not {A}, they've already watched it at their other gran's.", cast),
                       synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, AddWatched) for a in theirs)


def test_a_film_not_watched_yet_then_asked_about_then_watched_as_it(make_service, cast):
    """dev 24: "Rented X ... Haven't watched it yet." asked whether the speaker watched it; "What's the story on it?"
    then lost the film, so "Well, we watched it last night ... put it down now" found nothing to store; "Ain't
    watched it yet" and "Haven't put it in the machine" stored the film."""
    service = make_service()
    a = cast["A"]
    service.reply("apollo", f"Rented {a.display_title} from the kiosk for tomorrow night. Haven't watched it yet.")
    assert service.history("apollo") == []
    service.reply("apollo", "What's the story on it, roughly? I don't want to be surprised in front of the grandkids.")
    service.reply("apollo", "Well, we watched it last night, the whole family, and it was mighty fine work. You can put it "
                            "down now.")
    assert [m.movie_id for m in service.history("apollo")] == [a.movie_id]
    service.reply("tapes", f"Got {cast['B'].display_title} off the same table, same deal. Haven't put it in the machine.")
    service.reply("tapes", f"Found a VHS of {cast['C'].display_title} at the rummage sale. Ain't watched it yet.")
    assert service.history("tapes") == []


def test_a_third_reviewers_sentences(make_service, cast, synthetic_matcher, mention_reader, act_reader):
    """A reviewer's sentences: a question naming a film kept an older film for "I watched it"; "Did not put it on my
    watchlist" unstored the film; the correction replaced the add's last film whatever it named; "which I see you
    recommended" added the other film; "didn't watch A or B" took out only A."""
    from benchmarks.conversation import fill

    a, b, c = cast["A"], cast["B"], cast["C"]
    service = make_service()
    service.reply("q", f"I watched {a.display_title}")
    service.reply("q", f"Is {b.display_title} on Netflix?")
    service.reply("q", f"How long is {a.display_title}?")
    service.reply("q", "I watched it")
    assert [m.movie_id for m in service.history("q")] == [a.movie_id]
    acts = read_acts(fill("Watched {A} finally! Loved it. Did not put it on my watchlist though.", cast),
                     synthetic_matcher.index, mention_reader, act_reader)
    assert any(isinstance(x, AddWatched) and titles(x) == (a.display_title,) for x in acts)
    service.reply("mix", f"I watched {c.display_title}")
    service.reply("mix", f"Remove {c.display_title}, I confused it with {b.display_title}, which I see you recommended too.")
    assert service.history("mix") == []
    service.reply("both", f"I watched {a.display_title} and {b.display_title}")
    service.reply("both", f"Scratch that, I didn't watch {a.display_title} or {b.display_title}")
    assert service.history("both") == []


@pytest.mark.parametrize("text", ["Please undo that last addition; I was remembering last Christmas, when I fell asleep "
                                  "before the opening credits had finished.",
                                  "Take that off again, please; I have just realised that I dozed through nearly all of it.",
                                  "Kindly remove it again; I was thinking of a different picture entirely, and I have "
                                  "never in fact seen it."])
def test_a_removal_that_points_back_takes_the_latest_add(synthetic_matcher, mention_reader, act_reader, text):
    """dev 27: a removal that names no film but points back ("that last addition", "it again") was "I'm not sure
    what you mean", or looked for a film called "it"; the act model reads a removal, and with no title it is the
    latest add."""
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert [type(a) for a in acts] == [Undo] and acts[0].takes_out


def test_asking_how_to_remove_is_no_removal(synthetic_matcher, mention_reader, act_reader):
    acts = read_acts("how do I delete that?", synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, (Undo, RemoveWatched)) for a in acts)


@pytest.mark.parametrize("text, genre", [("I should be grateful for a comedy to watch this evening.", "Comedy"),
                                         ("I'd welcome a thriller for Sunday afternoon", "Thriller")])
def test_a_formal_request_asks_for_films(synthetic_matcher, mention_reader, act_reader, text, genre):
    """dev 27: "I should be grateful for a comedy" was not understood."""
    [request] = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == (genre,)


def test_more_before_a_semicolon_asks_for_more(synthetic_matcher, mention_reader, act_reader):
    """dev 27: "More still; they are quite insatiable" was read as one clause of talk."""
    acts = read_acts("More still; they are quite insatiable, and they claim to have seen everything.",
                     synthetic_matcher.index, mention_reader, act_reader)
    assert [a.more for a in acts if isinstance(a, Recommend)] == [True]


def test_a_kind_ruled_out_beside_the_list_again_changes_the_last_list(synthetic_matcher, mention_reader, act_reader):
    """dev 27: "I cannot bear horror. Could you give me the list again without it?" after a thriller list lost the
    thriller: the dislike's genre words were read as asked for, and the request was a new one."""
    [request] = read_acts("I ought to have mentioned that I cannot bear horror of any kind. Could you give me the list "
                          "again without it?", synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(request, Recommend) and request.follow_up
    assert request.constraints.genres == () and request.constraints.excluded_genres == ("Horror",)
    [anew] = read_acts("I hate horror. Recommend me something.", synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(anew, Recommend) and not anew.follow_up


def test_a_kind_asked_with_the_kids_is_both_kinds(synthetic_matcher, mention_reader, act_reader):
    """dev 27: "una de aventura pa' el domingo con los niños" asked for adventure OR children's films."""
    [request] = read_acts("an adventure for sunday with the kids", synthetic_matcher.index, mention_reader, act_reader)
    assert set(request.constraints.genres) == {"Adventure", "Children's"} and request.constraints.all_genres


def test_a_kind_that_upsets_the_speaker_is_a_dislike(synthetic_matcher, mention_reader, act_reader):
    """dev 27: "War films have upset me terribly ...; I should be grateful if you would spare me them" read as a
    liking by the taste model, and the message as not understood."""
    acts = read_acts("War films have upset me terribly since my brother was lost at sea; I should be grateful if you "
                     "would spare me them altogether.", synthetic_matcher.index, mention_reader, act_reader)
    assert [a.disliked_genres for a in acts if isinstance(a, SetTaste)] == [("War",)]


def test_a_message_in_capitals_reads_as_one_in_lower_case(make_service, cast, synthetic_matcher):
    """dev 29 (a man typing in capitals): every word looked capitalised, so everyday words read as titles ("FIRST
    THING. NO HORROR FOR ME" stored The Thing); in lower case they read as words, and titles as titles."""
    from bot.intents import unshouted

    assert unshouted("FIRST THING. NO HORROR FOR ME, EVER") == "first thing. no horror for me, ever"
    assert unshouted("I watched HEAT") == "I watched HEAT"  # one word in capitals is emphasis
    assert unshouted("ET") == "ET"
    a = cast["A"]
    service = make_service()
    service.reply("caps", f"I WATCHED {a.display_title.upper()} YESTERDAY WITH MY GRANDSON")
    assert [m.movie_id for m in service.history("caps")] == [a.movie_id]


def test_a_message_that_breaks_off_before_its_film_goes_on_in_the_next(make_service, cast):
    """dev 29: "I HAVE NOT SEEN" then "GLADIATOR. IS IT ANY GOOD" stored Gladiator: the first message was not
    understood and the second, read alone, named the film bare. The first now asks to go on, and the next message
    is read after it; a request instead starts anew."""
    a, b = cast["A"], cast["B"]
    service = make_service()
    first = service.reply("split", "I have not seen")
    assert "?" in first.text and service.history("split") == []
    service.reply("split", f"{a.display_title}. is it any good")
    assert service.history("split") == []
    service.reply("split", "we watched the")
    service.reply("split", f"{b.display_title} last night")
    assert [m.movie_id for m in service.history("split")] == [b.movie_id]
    service.reply("anew", "I watched")
    assert service.reply("anew", "what should I watch next?").recommendations


def test_a_film_named_alone_then_asked_about_is_not_stored(synthetic_matcher, mention_reader, act_reader, cast):
    a = cast["A"]
    acts = read_acts(f"{a.display_title}. Is it any good?", synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(x, AddWatched) and not x.guessed for x in acts)


@pytest.mark.parametrize("said", ["I beg your pardon: not {B}, but {C}; the one I meant, naturally.",
                                  "I must correct myself: it was not {B} but {C}. I am forever confusing them."])
def test_a_correction_said_formally_replaces_the_film(make_service, cast, said):
    """dev 27: "I beg your pardon: not X, but Y" was read as a request starting from Y; "it was not X but Y"
    replaced the add's films with X."""
    from benchmarks.conversation import fill

    a, b, c = cast["A"], cast["B"], cast["C"]
    service = make_service()
    service.reply("fix", f"I have seen {a.display_title} and {b.display_title}.")
    service.reply("fix", fill(said, cast))
    assert sorted(m.movie_id for m in service.history("fix")) == sorted([a.movie_id, c.movie_id])


def test_a_year_said_of_the_speakers_past_bounds_no_films(synthetic_matcher, mention_reader, act_reader):
    """dev 27: "I cannot abide horror; I was frightened witless at the pictures in 1957" held films to 1957."""
    acts = read_acts("I cannot abide horror; I was frightened witless at the pictures in 1957 and have never quite "
                     "recovered.", synthetic_matcher.index, mention_reader, act_reader)
    assert all(getattr(a, "min_year", None) is None and getattr(a, "max_year", None) is None for a in acts)
    assert all(getattr(getattr(a, "constraints", None), "min_year", None) is None for a in acts)
    [request] = read_acts("nothing after 1960 for me, I was born in 1940", synthetic_matcher.index, mention_reader,
                          act_reader)
    assert request.constraints.min_year is None and request.constraints.max_year == 1960


def test_something_for_the_grandchildren_asks_for_childrens_films(synthetic_matcher, mention_reader, act_reader):
    [request] = read_acts("something for the grandchildren to watch", synthetic_matcher.index, mention_reader, act_reader)
    assert request.constraints.genres == ("Children's",)
    for said in ["Comedies for the whole family, nothing scary", "Funny movies for family night?"]:
        [request] = read_acts(said, synthetic_matcher.index, mention_reader, act_reader)
        assert set(request.constraints.genres) == {"Comedy", "Children's"} and request.constraints.all_genres


def test_a_hedged_never_and_a_correction_without_its_comma(make_service, cast):
    """dev 28 (dictated messages): "I don't think I ever saw X all the way through" stored X; "no I didn't see X that
    was Y" ruled X and Y out of a request instead of putting Y in X's place."""
    a, b, c = cast["A"], cast["B"], cast["C"]
    service = make_service()
    service.reply("hedge", f"I don't think I ever saw {a.display_title} all the way through comma maybe the first hour")
    assert service.history("hedge") == []
    service.reply("fix", f"watched {b.display_title}")
    service.reply("fix", f"no I didn't see {b.display_title} that was {c.display_title}")
    assert [m.movie_id for m in service.history("fix")] == [c.movie_id]


def test_a_reviewers_sentences_of_this_change(make_service, cast, synthetic_matcher, mention_reader, act_reader):
    """A reviewer's sentences against the readings above: "I see" broke off; "ok" and "remove X" after a message that
    broke off were read after it; "I don't want to see that again" and "no need to remove it" undid the latest add;
    "Undo that; I was remembering another film" showed a list nobody asked for; "we were looking for comedies in
    1985" lost its year; "a scary movie to watch with the kids" asked for films both scary and for children."""
    a, b = cast["A"], cast["B"]
    service = make_service()
    assert "which film" not in service.reply("talk", "I see").text.lower()
    service.reply("talk", "I watched the")
    service.reply("talk", f"remove {a.display_title}")
    assert service.history("talk") == []
    for said in ["I don't want to see that again", "no need to remove it", "should I remove it?"]:
        service.reply(said, f"I watched {b.display_title}")
        service.reply(said, said)
        assert [m.movie_id for m in service.history(said)] == [b.movie_id], said
    service.reply("undo", f"I watched {b.display_title}")
    undone = service.reply("undo", "Please undo that last addition; I was remembering a different film")
    assert service.history("undo") == [] and not undone.recommendations
    [request] = read_acts("we were looking for comedies in 1985", synthetic_matcher.index, mention_reader, act_reader)
    assert request.constraints.min_year == request.constraints.max_year == 1985
    [request] = read_acts("we want a scary movie to watch with the kids tonight", synthetic_matcher.index, mention_reader,
                          act_reader)
    assert not request.constraints.all_genres


def test_readings_the_first_full_run_of_this_change_dropped(synthetic_matcher, mention_reader, act_reader, cast):
    """A full run of the earlier sets after today's changes: "so whats next" was not understood; "Take X off it" added
    nothing; "Drama, 1970-79, no war films." was a taste; "nothing with horror inside ... Give me others" lost the
    last list's kind; "Not Dr. X; I'd rather see it at a screening" read "Dr" as a film taken back."""
    from benchmarks.conversation import fill

    index = synthetic_matcher.index
    [asked] = read_acts("so whats next", index, mention_reader, act_reader)
    assert isinstance(asked, Recommend)
    [taken] = read_acts(fill("Take {A} off it, she'd rather not have it there.", cast), index, mention_reader, act_reader)
    assert isinstance(taken, RemoveWatched) and titles(taken) == (cast["A"].display_title,)
    [request] = read_acts("Drama, 1970-79, no war films.", index, mention_reader, act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Drama",)
    [others] = read_acts("Please sir, nothing with horror inside. My wife saw the list. Give me others.", index,
                         mention_reader, act_reader)
    assert others.follow_up and others.constraints.excluded_genres == ("Horror",)


@pytest.mark.parametrize("text, name, phrase", [
    ("Saw Heat last night. A. The diner scene alone.", "The diner", True),  # a place in a film (blind dev 25)
    ("the airplane bit made me laugh", "the airplane", True),
    ("I loved the Jaws scene", "the Jaws", False),  # written as a title: the film's scene
    ("we watched the diner with my dad", "the diner", False),
    ("i rewatched ronin chase scenes are the best ever", "ronin", False),  # no "the": the film (a reviewer's)
])
def test_a_name_followed_by_scene_is_a_place_in_a_film_not_the_film(text, name, phrase):
    from bot.mentions import in_a_phrase
    from recommender.titles import Span

    start = text.index(name)
    span = Span(start, start + len(name), name, (0,), tier=0, words=1, everyday=False)
    assert in_a_phrase(span, text) == phrase


def test_scratch_that_with_the_film_meant_instead_replaces_the_one_said_not_meant(make_service):
    """Blind dev 31: "Scratch that, that was Alien not Aliens." removed Aliens and added nothing (the synthetic
    catalogue's pair is Lantern / Lanterns)."""
    service = make_service()
    service.reply("log", "Log: Lanterns, rewatch, 5 stars.")
    service.reply("log", "Scratch that, that was Lantern not Lanterns. Too much coffee, not enough sleep.")
    assert [m.display_title for m in service.history("log")] == ["Lantern"]


def test_a_correction_to_the_version_of_another_year(synthetic_matcher):
    [correct] = read_acts("Oh dear, no, I am mixing them up. It was the 1962 original, with Robert Mitchum.",
                          synthetic_matcher.index)
    assert isinstance(correct, Correct) and correct.version is not None and not correct.new.titles


def test_a_dislike_said_as_off_the_table_with_an_aside_after_it():
    from bot.messages import taste_pieces

    assert taste_pieces("horror is off the table btw") == [("[GENRE] is off the table", ("Horror",))]
    assert taste_pieces("i love westerns lol") == [("i love [GENRE]", ("Western",))]


@pytest.mark.parametrize("text, year", [("2000 releases, then.", 2000), ("any good 1994 movies?", 1994),
                                        ("1999 movies please", 1999), ("i've seen over 2000 movies", None),
                                        # a count, not a year (a reviewer's)
                                        ("I've got 2000 movies on Plex, what should I watch?", None),
                                        ("My dad has 1950 movies on VHS lol. What's a good one?", None)])
def test_a_year_said_of_the_films_is_that_year(text, year):
    """Blind dev 31: "2000 releases, then." was an unknown film; "1999 movies please" listed any year."""
    from bot.requests import read_request

    constraints = read_request(text).constraints
    assert (constraints.min_year, constraints.max_year) == (year, year)


def test_a_life_said_to_be_a_drama_asks_for_no_drama():
    from bot.requests import read_request

    assert read_request("My life is already a drama with the thesis. Ideas?").constraints.genres == ()
    assert read_request("a drama please, my week has been a total horror show").constraints.genres == ("Drama",)


def test_a_kind_wished_for_in_a_sentence_of_talk_goes_to_the_request_after_it(synthetic_matcher, act_reader):
    """Blind dev 31: "..., so for her birthday we want to watch a musical. Ideas?" listed films of any kind."""
    [request] = read_acts("My flatmate sings in the shower all the morning, so for her birthday we want to watch a "
                          "musical. Ideas?", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Musical",)


def test_a_title_followed_by_a_capitalised_word_starts_a_longer_name_it_does_not_know(make_service, cast):
    """Blind dev 31: "Yesterday I watched Big Fish, ..." stored Big. A day, "I", another title of a list, or a
    message in title case keep the title."""
    from benchmarks.conversation import fill

    service = make_service()
    name = "Lantern"  # a synthetic title of words only
    service.reply("longer", f"Yesterday I watched {name} Fishbowl, with the father who tells stories.")
    assert service.history("longer") == []
    service.reply("day", f"I watched {name} Tuesday with Mark")
    assert [m.display_title for m in service.history("day")] == [name]
    service.reply("list", fill("I watched {A} {B} and {C}", cast))
    assert len(service.history("list")) == 3
    service.reply("caps", f"I Watched {name} Last Night And Loved It")
    assert [m.display_title for m in service.history("caps")] == [name]


@pytest.mark.parametrize("text, wanted, excluded", [
    ("Science fiction, the thoughtful kind (Bradbury rather than explosions). Before 1980, please.", ("Sci-Fi",),
     ("Action",)),
    ("a comedy rather than a drama", ("Comedy",), ("Drama",)),
    ("comedies instead of horror please", ("Comedy",), ("Horror",)),
])
def test_a_kind_said_after_rather_than_is_ruled_out(text, wanted, excluded):
    from bot.requests import read_request

    constraints = read_request(text).constraints
    assert (constraints.genres, constraints.excluded_genres) == (wanted, excluded)


def test_children_who_tease_are_people_not_a_kind():
    from bot.requests import read_request

    assert read_request("others? our children still tease us about it").constraints.genres == ()


def test_seen_every_one_of_those_and_a_kind_of_the_speakers_past(synthetic_matcher, act_reader):
    """Blind dev 30: "I've seen every one of those, I'm afraid. Harold and I went through a musicals phase in the
    seventies ... Others?" listed 70s films of any kind and called "every one of those" an unknown film."""
    acts = read_acts("I've seen every one of those, I'm afraid. Harold and I went through a musicals phase in the "
                     "seventies that our children still tease us about. Others?", synthetic_matcher.index,
                     acts=act_reader)
    assert isinstance(acts[0], SeenThose)
    [request] = [a for a in acts if isinstance(a, Recommend)]
    assert request.constraints.genres == ("Musical",) and request.constraints.min_year is None and request.more


def test_a_follow_up_that_narrows_and_says_the_kind_again_keeps_the_years(make_service, prepared):
    """Blind dev 30: "Only dramas, please. No musicals, no comedies, just drama." after a 1950s list lost the years."""
    from collections import Counter

    decade = Counter(m.year // 10 * 10 for m in prepared.catalog.movies if "Drama" in m.genres).most_common(1)[0][0]
    service = make_service()
    first = service.reply("decade", f"Something from the {decade}s, please; that was when I fell in love with films.")
    assert first.recommendations
    reply = service.reply("decade", "Only dramas, please. No musicals, no comedies, just drama.")
    assert reply.recommendations and all(decade <= r.movie.year <= decade + 9 and "Drama" in r.movie.genres
                                         for r in reply.recommendations)


@pytest.mark.parametrize("text", ["Sharon from ward 6 watched {A} last night and cried her eyes out.",
                                  "one of the HCAs watched {A} on nights and wont stop going on about it",
                                  "I slept right through {A}, didnt see a thing"])
def test_someone_else_named_or_sleeping_through_stores_nothing(make_service, cast, text):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("others", fill(text, cast))
    assert service.history("others") == []


def test_a_bound_before_a_year_said_of_the_films_stays_a_bound():
    """A reviewer's: "horror before 1980 movies only" read as 1980 alone."""
    from bot.requests import read_request

    assert read_request("horror before 1980 movies only").constraints.max_year == 1979
    assert read_request("comedies, but only after 1995 ones").constraints.min_year == 1996


def test_a_capitalised_word_that_starts_a_sentence_of_its_own_keeps_the_title(make_service):
    """A reviewer's: "watched Casablanca Tom said it was great" lost Casablanca."""
    service = make_service()
    service.reply("tom", "watched Lantern Tom said it was great")
    assert [m.display_title for m in service.history("tom")] == ["Lantern"]


@pytest.mark.parametrize("turns, kept", [
    # said of one of the films, not chosen to go (a reviewer's)
    (["I watched {A}, {B} and {C}", "one of those was my flatmate's, remove it", "{A} was mine"], ["A", "B", "C"]),
    (["I watched {A}", "Oops, undo. One of those days."], []),  # an undo, no question
    (["I watched {A} and {B}", "Remove them both, one of them was my wife's and the other my son's"], []),
    (["I watched {A}", "I watched {B}", "Sorry, I confused it with {A}. Remove it."], ["A"]),
    (["I watched {A}", "Now forget the horror thing, I'm fine with it"], ["A"]),
    (["I watched {A}", "No. It was fine, nothing special"], ["A"]),
])
def test_removals_a_reviewer_found_read_wrong(make_service, cast, turns, kept):
    from benchmarks.conversation import fill

    service = make_service()
    for turn in turns:
        service.reply("rev", fill(turn, cast))
    assert [m.movie_id for m in service.history("rev")] == [cast[k].movie_id for k in kept]


@pytest.mark.parametrize("text, excluded", [("Westerns no", ("Western",)), ("horror? nope", ("Horror",)),
                                            ("comedy no thanks", ("Comedy",))])
def test_a_kind_then_no_is_not_wanted(text, excluded):
    """Blind dev 31: "Westerns no, please." asked for westerns."""
    from bot.requests import read_request

    request = read_request(text)
    assert request.constraints.genres == () and request.constraints.excluded_genres == excluded


@pytest.mark.parametrize("text, genres, excluded", [
    # a second reviewer's: the kind wanted after "instead of" is not ruled out with it; "or no" asks
    ("Instead of horror let's watch a comedy tonight", ("Comedy",), ("Horror",)),
    ("rather than a western I'd prefer a comedy", ("Comedy",), ("Western",)),
    ("a comedy rather than science fiction", ("Comedy",), ("Sci-Fi",)),
    ("Got any more comedies or no", ("Comedy",), ()),
    ("only 1990 movies and newer please", (), ()),
])
def test_what_a_second_reviewer_found_in_requests(text, genres, excluded):
    from bot.requests import read_request

    constraints = read_request(text).constraints
    assert (constraints.genres, constraints.excluded_genres) == (genres, excluded)
    if "1990" in text:
        assert constraints.min_year in (None, 1990) and constraints.max_year is None


def test_children_who_say_they_are_bored_still_ask_for_childrens_films():
    from bot.requests import read_request

    assert read_request("My kids say they're bored, any ideas?").constraints.genres == ("Children's",)


@pytest.mark.parametrize("text, stored", [
    ("Stayed in tonight watched {A}", True), ("Home from work watched {A} with a glass of wine", True),
    ("I slept through the night and watched {A} in the morning", True),
    ("The baby slept right through {A} so we finally got to watch it", True),
    ("Just finished {A} Sarah and I both cried", True),
])
def test_what_a_second_reviewer_found_in_statements(make_service, cast, text, stored):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("said", fill(text, cast))
    assert bool(service.history("said")) == stored


# -- blind dev sets 32 (Singlish; a Yorkshireman spelling by ear) and 33 (a lawyer; a mother typing one-handed) ------
@pytest.mark.parametrize("text, min_year, max_year", [
    ("summat from the seventys", 1970, 1979),  # dialect and spelling by ear
    ("recomend summat from the eightys", 1980, 1989),
    ("Additional westerns, provided they predate 1970.", None, 1969),
    ("alright then what about the year 2000 itself", 2000, 2000),
])
def test_words_spelt_by_ear_and_years_said_formally_are_read(text, min_year, max_year):
    [request] = read_acts(text)
    assert isinstance(request, Recommend)
    assert (request.constraints.min_year, request.constraints.max_year) == (min_year, max_year)


@pytest.mark.parametrize("text, disliked", [
    ("im done w sci fi forever. mike made me watch 3 in a row", ("Sci-Fi",)),
    ("Kindly exclude musicals from everything you suggest to me, without exception.", ("Musical",)),
])
def test_a_kind_ruled_out_for_good_in_other_words_is_a_standing_taste(text, disliked):
    """"exclude musicals ..." and "done w sci fi" asked FOR the genre."""
    acts = read_acts(text)
    assert not any(isinstance(a, Recommend) and a.constraints.genres for a in acts)
    assert any(set(disliked) <= set(getattr(a, "disliked_genres", ()) or getattr(a, "constraints", Constraints()).excluded_genres)
               for a in acts)


def test_years_preferred_as_a_general_rule_stand_for_later_requests():
    [taste] = read_acts("I prefer films made before 1970. Please treat that as a general rule unless I tell you otherwise.")
    assert isinstance(taste, SetTaste) and taste.max_year == 1969


@pytest.mark.parametrize("text", ["clear everything from my list, i want start over",
                                  "Please remove everything on my list. I would like to start over with a clean record."])
def test_clearing_everything_from_the_list_starts_over(text):
    assert read_acts(text) == (StartOver(),)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A} and {B}", "undo {B}, actually my nephew watched it alone that day"], ["A"]),
    (["I watched {A}", "i mean {B} not {A}"], ["B"]),
    (["I watched {A}", "no wait, is {B}, not {A}. both jim carrey i mix up"], ["B"]),
    (["I watched {A}", "wait is {B} good? haven't seen it"], ["A"]),  # a question, no correction
    (["I watched {A} and {B}", "Remove {B}; I was thinking of {C}, which is what I actually saw."], ["A", "C"]),
    (["I watched {A} and {B}", "can you take {B} off, it were {C} i saw, i get them muddled"], ["A", "C"]),
    (["Remove {A}", "Please put {B} in its place."], ["B"]),
    (["I suppose {A} should go in too. I caught it on cable late last night, start to finish."], ["A"]),
    (["we did {A} and {B} — wait no, not {B}, that was at my sisters. just {A}"], ["A"]),
    (["I watched {C}. My wife watched {C} too."], ["C"]),  # others seeing it too takes nothing back
    (["our tom watched {A}, i watched {B}"], ["B"]),
    (["watched {A} and {B} already"], ["A", "B"]),
    (["I haven't seen {A} yet", "ok i watched already. damn good"], ["A"]),
])
def test_repairs_and_statements_of_dev_32_and_33(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "d32") == sorted(cast[k].movie_id for k in kept)


def test_a_request_beside_a_dislike_asks_for_films_before_any_list(make_service, cast):
    """"whats another good holiday movie thats not scary" with no list yet was kept as a taste alone."""
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("d33", fill("seen {A}, loved it. whats another good movie thats not scary", cast))
    assert reply.recommendations
    reply = service.reply("d33", "more pls and no cartoons this time")
    assert reply.recommendations and not any("Animation" in r.movie.genres for r in reply.recommendations)


@pytest.mark.parametrize("turns, kept", [
    # a reviewer's, on the dev 32/33 rules: none of these is a correction, an undo of a film or a viewing
    (["I watched {A}", "i mean a film like {B}, not a comedy"], ["A"]),
    (["I watched {A} and {B}", "hmm is {C} not scary"], ["A", "B"]),
    (["I watched {A} and {B}", "oh was {A} not by michael mann"], ["A", "B"]),
    (["I watched {A} and {B}", "undo latest"], []),  # the undo command, no film named
    (["our whole family watched {A} last night"], ["A"]),
    (["My brother recommended {A} and {B}. I saw it"], []),  # which one is not said
    (["Mi see {A} an {B} last week"], ["A", "B"]),  # patois: "an" is "and"
])
def test_what_a_reviewer_found_in_the_dev_32_and_33_rules(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, genres, excluded", [
    ("I'm done with the sci-fi you suggested, loved it. more sci-fi pls", ("Sci-Fi",), ()),
    ("recommend something, and don't leave out comedies", ("Comedy",), ()),
])
def test_done_with_and_leave_out_said_otherwise_rule_nothing_out(text, genres, excluded):
    request = next(a for a in read_acts(text) if isinstance(a, Recommend))
    assert (request.constraints.genres, request.constraints.excluded_genres) == (genres, excluded)


@pytest.mark.parametrize("text, kind", [
    # a second reviewer's, on the dev 34/35 rules
    ("watched MI 2 last week", AddWatched),  # "mi" is "I" only before a verb
    ("borra mi historial", StartOver),  # ... and Spanish keeps its "mi"
    ("show me kids movies please", Recommend),  # "me" is "my" only before a person
    ("is there an x-men film for kids?", Recommend),  # "an" before a hyphened word stays an article
    ("undo latest", Undo),
])
def test_dialect_rules_leave_english_and_spanish_alone(text, kind):
    assert isinstance(read_acts(text)[0], kind)
    if kind is Recommend:
        assert read_acts(text)[0].constraints.genres == ("Children's",)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "I watched {B}", "i mean {C} not that one"], ["A", "C"]),  # "that one": the latest add
    (["I watched {A}", "remove {A}, it was {B} my brother watched"], []),  # his viewing, not the speaker's
    (["{A} and {B}, going to watch them tonight"], []),  # a plan for both, no viewing
    (["I watched {A}", "I didn't see that they remade it"], ["A"]),  # seeing that, no take-back
])
def test_what_a_second_reviewer_found_in_the_dev_34_and_35_rules(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv2") == sorted(cast[k].movie_id for k in kept)


# ---- blind dev 36 and 37 (an Indian-English tester, a Texan trucker dictating, a Nigerian nurse, a Finnish statistician)

@pytest.mark.parametrize("text, kind", [
    ("what do you have for me", Recommend),  # films asked for, not the history ("what do you have on me")
    ("what do you have on me", ShowHistory),
    ("you know what wipe the whole list clean i wanna start over from scratch", StartOver),
    ("show me wetin you don save for me", ShowHistory),  # Nigerian Pidgin: "wetin" is what, "don save" has saved
    ("Political-ish films; pls advise 4.", Recommend),  # "please advise" asks
])
def test_blind_dev_36_and_37_commands(text, kind):
    assert isinstance(read_acts(text)[-1], kind), read_acts(text)


def test_a_request_dictated_without_a_stop_after_a_statement_is_its_own_clause(synthetic_matcher, cast):
    from benchmarks.conversation import fill
    from bot.understanding import clauses

    index = synthetic_matcher.index
    said = fill("i watched {A} last night recommend me something", cast)
    assert clauses(said, index) == [fill("i watched {A} last night", cast), "recommend me something"]
    for asked in ("can you recommend me something", "Could you also recommend a comedy for the family afterwards?",
                  "please recommend me something"):
        assert clauses(asked, index) == [asked]  # the verb that asks stays with what asks it


def test_ok_beside_a_request_answers_no_question():
    from bot.dialogue import DialogueState
    from bot.policy import actions

    assert actions(Answer(yes=True), DialogueState(), "ok so what should i watch tonight", asks=True) == ()
    assert actions(Answer(yes=True), DialogueState(), "ok", asks=False) == (Answer(yes=True),)


def test_nothing_but_a_kind_said_to_be_kept_in_mind_holds(synthetic_matcher, act_reader):
    [request] = read_acts("Westerns only. Please keep this in mind.", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.only_genres == ("Western",) and not request.follow_up
    [request] = read_acts("westerns please", synthetic_matcher.index, acts=act_reader)
    assert not request.only_genres  # asked once, kept for nothing after


def test_kinds_joined_and_love_films_are_read(synthetic_matcher, act_reader):
    [taste] = read_acts("I'm done with horror and thrillers", synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and set(taste.disliked_genres) == {"Horror", "Thriller"}
    [request] = read_acts("show me more love films", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Romance",)
    [request] = read_acts("show me family films", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Children's",)  # asked, not excluded


def test_bare_numbers_in_a_terse_log_are_scores(synthetic_matcher, prepared):
    import re

    index = synthetic_matcher.index
    a, b, c = [m for m in prepared.catalog.movies if not re.search(r"\d$", m.display_title)][:3]
    found = {m for s in index.spans(f"{a.display_title} 9. {b.display_title} 8. {c.display_title} 6.") for m in s.movies}
    assert {a.movie_id, b.movie_id, c.movie_id} <= found
    # small numbers alone may be sequels the catalogue lacks: not read as scores, so not as the first films
    found = {m for s in index.spans(f"{a.display_title} 2, {b.display_title} 3") for m in s.movies}
    assert not {a.movie_id, b.movie_id} & found


def test_a_heading_of_films_not_seen_keeps_them_out(synthetic_matcher, mention_reader, act_reader, cast):
    from benchmarks.conversation import fill
    from bot.intents import NotWatched

    acts = read_acts(fill("Not seen: {A}, {B}. Seen: {C}.", cast), synthetic_matcher.index, mention_reader, act_reader)
    [kept_out] = [a for a in acts if isinstance(a, NotWatched)]
    [added] = [a for a in acts if isinstance(a, AddWatched)]
    assert set(kept_out.titles) == {cast["A"].display_title, cast["B"].display_title}
    assert added.titles.titles == (cast["C"].display_title,)


@pytest.mark.parametrize("turns, kept", [
    (["add {A}", "and {B}", "remove both of them, I got confused"], []),  # two adds, both taken back
    (["add {A}", "add {B} and {C}", "remove both of them"], ["A"]),
    (["put down {A}", "no wait i said that wrong i meant {B}"], ["B"]),
    (["I watched {A} and {B}", "Sorry, not {A}, it was {C}"], ["B", "C"]),
])
def test_repairs_blind_dev_36_and_37_said(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "dev36") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, genres, excluded", [
    ("I love movies, recommend something", (), ()),  # the verb, not "love films" (Romance)
    ("I love movies about space", ("Sci-Fi",), ()),
    ("any good love movies from the 90s", ("Romance",), ()),
    ("please don't recommend me horror", (), ("Horror",)),
    ("had my fill of comedies, something else please", (), ("Comedy",)),
])
def test_what_the_dev_36_and_37_reviewer_found_in_requests(text, genres, excluded):
    request = read_acts(text)[-1]
    assert isinstance(request, Recommend) and set(request.constraints.genres) == set(genres)
    assert set(request.constraints.excluded_genres) | set(request.disliked_genres) >= set(excluded)


def test_a_list_of_kinds_then_a_verdict_on_them_all_is_a_dislike(synthetic_matcher, act_reader):
    [taste] = read_acts("westerns, musicals, war films: can't stand them", synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and set(taste.disliked_genres) == {"Western", "Musical", "War"}
    [request] = read_acts("Animated, but not the kids' stuff.", synthetic_matcher.index, acts=act_reader)
    assert request.constraints.genres == ("Animation",) and "Children's" in request.constraints.excluded_genres


def test_kept_in_mind_for_tonight_is_for_tonight(synthetic_matcher, act_reader):
    [request] = read_acts("Westerns only tonight. Keep that in mind.", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and not request.only_genres


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "not {A}, it was {B}"], ["B"]),  # no word first that takes it back: read as before
    (["add {A}", "add {B}", "delete both"], []),
    (["add {A}", "add {B}", "take both of them off"], []),
    (["add {A}", "add {B}", "remove the last two"], []),
    (["add {A}, {B} and {C}", "remove the last two please"], ["A"]),
    (["add {A}", "add {B}", "i got the name wrong i meant {C}"], ["A", "C"]),
])
def test_repairs_the_dev_36_and_37_reviewer_tried(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv36") == sorted(cast[k].movie_id for k in kept)


def test_what_you_have_for_me_so_far_is_the_history():
    assert isinstance(read_acts("what have you got for me so far")[-1], ShowHistory)


@pytest.mark.parametrize("text", ["i don watch titanic", "Em and I watched Fargo"])
def test_a_slip_for_dont_and_a_name_are_not_dialect(text):
    from bot.understanding import in_english

    assert in_english(text) == text  # "don" may be "don't", "Em" a name: neither is rewritten


@pytest.mark.parametrize("text", ["I watched {A}, would definitely recommend a rewatch",
                                  "I watched {A} last night highly recommend it", "I watched {A} I'd recommend it"])
def test_a_recommendation_given_is_no_ask(synthetic_matcher, cast, text):
    from benchmarks.conversation import fill
    from bot.understanding import clauses

    assert clauses(fill(text, cast), synthetic_matcher.index) == [fill(text, cast)]  # one statement, no ask split off


def test_numbered_films_of_one_series_are_no_log_of_scores():
    from recommender.titles import _scored_log

    assert _scored_log("Psycho 9. Vertigo 8. The Birds 6.")
    assert _scored_log("Godfather 10, Godfather II 9, Godfather III 6")
    assert not _scored_log("seen Police Academy 3, Police Academy 6")  # one series' word before each number
    assert not _scored_log("alien 4, alien 3")


@pytest.mark.parametrize("text, romance", [
    ("my kids love films with dinosaurs", False), ("We both love films about space", False),
    ("show me more love films", True), ("love movies from the 90s please", True),
])
def test_love_films_is_a_kind_only_where_no_one_loves(text, romance):
    from bot.requests import REQUEST_GENRE_WORDS, genres_in

    assert ("Romance" in genres_in(text, REQUEST_GENRE_WORDS)) == romance


@pytest.mark.parametrize("text, standing", [
    ("Westerns only. Please keep this in mind.", True),
    ("Keep in mind I only have 90 minutes. Comedies only.", False),  # a fact kept in mind, not a rule
    ("Only comedies please, keep in mind the kids are here", False),
])
def test_keep_in_mind_makes_a_rule_only_when_said_of_it(synthetic_matcher, act_reader, text, standing):
    request = read_acts(text, synthetic_matcher.index, acts=act_reader)[-1]
    assert isinstance(request, Recommend) and bool(request.only_genres) == standing


def test_do_not_suggest_the_same_ones_again_is_no_dislike():
    request = read_acts("don't suggest the same comedies again, I want new comedies")[-1]
    assert isinstance(request, Recommend) and "Comedy" not in request.constraints.excluded_genres


def test_a_title_that_ends_in_no_is_no_kind_said_no_to():
    """"I watched Casino" stored Casino and said "you didn't like Casino": "Casi-no" read as "Westerns no"."""
    from bot.requests import _negative_scopes

    assert _negative_scopes("I watched Casino") == [] and _negative_scopes("watched casino")  == []
    assert _negative_scopes("Westerns no, please")


@pytest.mark.parametrize("text, disliked, allowed", [
    ("lol i used to hate horror as a kid", (), ()),  # a taste one had: none now
    ("growing up I hated westerns", (), ()),
    ("I used to love horror, now I can't stand it", ("Horror",), ()),
    ("used to hate westerns but now i love them", (), ("Western",)),
    ("i hate horror, used to love it as a kid", ("Horror",), ()),
])
def test_a_taste_of_the_past_holds_only_where_now_says_so(synthetic_matcher, mention_reader, act_reader, text,
                                                          disliked, allowed):
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    tastes = [a for a in acts if isinstance(a, SetTaste)]
    assert tuple(g for t in tastes for g in t.disliked_genres) == disliked
    assert tuple(g for t in tastes for g in t.allowed_genres) == allowed
    assert not any(isinstance(a, Recommend) for a in acts)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "sorry i mean {B} not {A}, i always confuse those two"], ["B"]),
    (["add {A}", "and {B}", "undo that, was {C} not {B}"], ["A", "C"]),
    (["add {A} and {B}", "no wait, {B} no, that was my sister. just {A}"], ["A"]),
    (["I watched {A}", "No, I'm havering. It was {B}, the one with the boat. Swap it over, please."], ["B"]),
    (["watched {A}", "hmm no sorry, was {B}. change pls"], ["B"]),
    (["I watched {A}", "No wait, {B} was great too"], ["A", "B"]),  # nothing taken back
])
def test_repairs_blind_dev_38_said(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "dev38") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, genres, excluded, like", [
    ("keen for a rom com tonight", ("Romance",), (), ""),
    ("recs but no rom coms", (), ("Romance",), ""),
    ("more like animated ones pls", ("Animation",), (), ""),  # a kind after "like", no film to start from
    ("more like the funny ones", ("Comedy",), (), ""),
])
def test_kinds_said_as_people_say_them_blind_dev_39(text, genres, excluded, like):
    request = read_message(text)
    assert isinstance(request, Recommend)
    assert request.constraints.genres == genres and request.constraints.excluded_genres == excluded
    assert request.constraints.like == like


def test_make_it_a_kind_changes_the_last_request():
    assert read_message("make it comedies").follow_up and read_message("make them westerns").follow_up


@pytest.mark.parametrize("text", ["kids insisted.", "kids now sleeping in our bed", "the kids loved it"])
def test_children_talked_of_ask_for_no_childrens_film(text):
    from bot.requests import REQUEST_GENRE_WORDS, genres_in

    assert genres_in(text, REQUEST_GENRE_WORDS) == []
    assert genres_in("something for the kids", REQUEST_GENRE_WORDS) == ["Children's"]


@pytest.mark.parametrize("turns, kept", [
    (["watched {A} and {B}", "+ {C}. kids insisted. kids now sleeping in our bed"], ["A", "B", "C"]),
    (["my housemate keeps saying i need to see {A}", "ok update: watched it. he was right 😂"], ["A"]),
    (["{A}, cracking. Zorblax Returns, even better apparently but I've only seen the trailer"], ["A"]),
])
def test_statements_blind_dev_39_said(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "dev39") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text", ["we saw all of those already kkkk, give other", "Where should I go next, do you think?",
                                  "what more i can watch similar of {A}?"])
def test_a_learners_asks_ask_for_films_blind_dev_38(synthetic_matcher, mention_reader, act_reader, cast, text):
    from benchmarks.conversation import fill

    acts = read_acts(fill(text, cast), synthetic_matcher.index, mention_reader, act_reader)
    assert any(isinstance(a, Recommend) for a in acts), acts


def test_from_the_same_year_is_the_year_of_the_film_it_starts_from(make_service, cast):
    """Blind dev 38: "recommend me drama from the same year pls" after a film said watched."""
    service = make_service()
    service.reply("same", f"watched {cast['A'].display_title} yesterday")
    reply = service.reply("same", "recommend me something from the same year pls")
    assert reply.recommendations and {r.movie.year for r in reply.recommendations} == {cast["A"].year}
    assert read_message("something from the same year").relative == "same"


def test_her_pick_is_no_ask():
    """Blind dev 39: "then notting hill the next night, her pick again" asked for a list."""
    from bot.messages import asks_for_films

    assert not asks_for_films("then notting hill the next night, her pick again")
    assert asks_for_films("your pick") and asks_for_films("pick me something")


@pytest.mark.parametrize("turns, kept", [
    (["watched {A}", "hmm, just watched {B}, needed to switch off after work"], ["A", "B"]),  # no take-back
    (["watched {A}", "wait was {B} any good"], ["A"]),  # a question, nothing put right
    (["I watched {A}. Wait, I haven't actually seen it, just the trailer."], []),
    (["saw {A}, {B} is still on my list"], ["A"]),  # the second title opens a clause of its own
    (["I loved {A}, {B} I haven't seen yet"], ["A"]),
])
def test_the_new_repair_and_list_rules_misread_nothing_a_reviewer_found(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv38") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, genre", [
    ("I could get used to westerns, they're great", "Western"),  # "used to": accustomed, not the past
    ("My dad used to watch westerns with me, I love them", "Western"),
])
def test_used_to_and_a_taste_said_now_ask_for_the_kind(synthetic_matcher, mention_reader, act_reader, text, genre):
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert any(isinstance(a, Recommend) and genre in a.constraints.genres for a in acts), acts


def test_kids_in_a_request_still_ask_for_childrens_films():
    from bot.requests import REQUEST_GENRE_WORDS, genres_in

    assert "Children's" in genres_in("movies that kids loved in the 80s?", REQUEST_GENRE_WORDS)
    assert "Children's" in genres_in("films the kids loved in the 90s", REQUEST_GENRE_WORDS)


def test_any_ideas_about_a_film_asks_for_no_list(synthetic_matcher, mention_reader, act_reader, cast):
    from benchmarks.conversation import fill

    acts = read_acts(fill("watched {A} any ideas what the ending meant", cast), synthetic_matcher.index, mention_reader,
                     act_reader)
    assert not any(isinstance(a, Recommend) for a in acts), acts


@pytest.mark.parametrize("turns, kept", [
    (["weekend at my parents': {A}, {B}, {C} (dad's picks)"], ["A", "B", "C"]),  # one list, one reading
    (["I watched {A}", "No wait, I confused the names. Was {B}, the first one, with the old cop."], ["B"]),
    (["I watched {A}", "No wait, I confused the names. Was {B}, with the cop who is too old for this."], ["B"]),
])
def test_a_list_and_a_sentence_that_opens_on_was(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv38b") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["fell asleep like 5 mins into {A} lmao, mia was not impressed"], []),  # blind dev 39
    (["i dozed off in the first ten minutes of {A}"], []),
    (["watched {A} and fell asleep near the end"], ["A"]),
])
def test_asleep_minutes_into_a_film_is_no_viewing(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "asleep") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    # "but not X" beside films said seen is not seen; "Nor Y" after it goes on with it (blind dev 40)
    (["Of the following I have seen {A} and {B}, but not {C}.", "Nor {D}, come to think of it."], ["A", "B"]),
])
def test_not_seen_beside_seen_and_nor_after_it(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "nor") == sorted(cast[k].movie_id for k in kept)


def test_a_title_with_a_slash_stands_out_though_its_words_are_everyday():
    from bot.mentions import sentence_spans
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    index = TitleIndex(MovieCatalog([Movie(1, "Face/Off (1997)", "Face/Off", 1997, ("Action",)),
                                     Movie(2, "Heat (1995)", "Heat", 1995, ("Crime",))],
                                    rating_counts=[2, 1], title_vocab=["<pad>", "<unk>"], max_title_tokens=10))
    assert [s.movies for s in sentence_spans("not face/off, i saw it in like 8th grade", index)] == [(1,)]


@pytest.mark.parametrize("turns, kept", [
    (["the baby fell asleep 10 minutes into {A} so we finished it in peace"], ["A"]),  # not the speaker asleep
    (["I was asleep in the first ten minutes of {A} but caught the rest and loved it"], ["A"]),
    (["Saw {A}, {B}, {C} (haven't seen that one actually)"], ["A", "B"]),
    (["I watched {A} and {B}.", "Sorry, I can't remember more. Was {C}, maybe, too."], ["A", "B", "C"]),
])
def test_the_dev_40_rules_misread_nothing_a_second_reviewer_found(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv40") == sorted(cast[k].movie_id for k in kept)


def test_not_that_one_ive_seen_it_after_a_list_still_asks_for_more(make_service, cast):
    """Blind dev 7: "not 🦖 jurassic park, i've seen it" after a list is no 'but not' beside an add."""
    service = make_service()
    service.reply("notthat", "recommend something")
    shown = service.reply("notthat", "more").recommendations
    assert shown
    reply = service.reply("notthat", f"not {shown[0].movie.display_title}, i've seen it")
    assert reply.recommendations and shown[0].movie.movie_id in [m.movie_id for m in service.history("notthat")]


# -- blind dev 41-43: classes found by their first runs ------------------------------------------------------------
@pytest.mark.parametrize("turns, kept", [
    (["i liked {A} give me more like that"], ["A"]),  # a request run on after a viewing, no stop (dictation)
    (["seen {A} and {B} whats something else for a guy like me"], ["A", "B"]),
    (["no horror for me ever and i seen {A} and {B} so whats next"], ["A", "B"]),
    (["watched {A} and {B} this week, got anything similar?"], ["A", "B"]),
])
def test_a_viewing_and_a_request_in_one_unpunctuated_message(make_service, cast, turns, kept):
    from benchmarks.conversation import fill

    service = make_service()
    *before, last = turns
    for turn in before:
        service.reply("runon", fill(turn, cast))
    reply = service.reply("runon", fill(last, cast))
    assert reply.recommendations, reply.text
    assert sorted(m.movie_id for m in service.history("runon")) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["Please put down {A}, {B} and {C} as watched."], ["A", "B", "C"]),  # not a watchlist: "as watched"
    (["my list: {A}, {B}, {C}"], ["A", "B", "C"]),
    (["My list should have {A} and {B} on it."], ["A", "B"]),
    (["Kindly note {A} as well; that one I watched alone on Monday."], ["A"]),
    (["seen {A} and {B}", "remove {B}", "ok just put {B} back on there"], ["A", "B"]),  # not a removal
    (["mark {A} as one to watch later"], []),
    (["my watch list: {A}, {B}"], []),
])
def test_the_speakers_own_list_said_as_a_command_is_stored(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "mylist") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["me and mia watched {A} and {B}", "wait nah we didn't do {B}, that was her and her mum lol take it off"], ["A"]),
    (["seen {A}, {B}, {C}", "{C} shouldn't be on there, i mixed it up with something else"], ["A", "B"]),
    (["seen {A} and {B}", "wait scratch {B}, i'm thinking of {C}"], ["A", "C"]),
    (["seen {A}, {B} and {C}", "actually skip {C}, never saw it. what should i watch next"], ["A", "B"]),
    (["seen {A} and {B}", "scratch that undo the last thing"], []),
    (["seen {A} and {B}", "clear out the whole list i wanna start over fresh"], []),
    (["I watched {B}", "Oh là là, I wrote wrong, I wanted to say {A}, not {B}!"], ["A"]),
    (["watched {A}", "{B} tho? perfect movie. 10/10"], ["A", "B"]),  # asked only for effect, a verdict after it
    (["watched {A}", "{B} on the other hand?? still peak"], ["A", "B"]),
])
def test_repairs_and_statements_people_type(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "repair41") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("said", ["rec", "chuck me a rec", "more twist movies pls", "What do you advise me now?",
                                  "alright whats next on the menu"])
def test_short_asks_get_a_list(make_service, cast, said):
    service = make_service()
    service.reply("ask41", fill_one("I watched {A}", cast))
    assert service.reply("ask41", said).recommendations


def fill_one(turn, cast):
    from benchmarks.conversation import fill

    return fill(turn, cast)


def test_whats_left_after_a_removal_shows_the_history(make_service, cast):
    service = make_service()
    service.reply("left", fill_one("seen {A} and {B}", cast))
    service.reply("left", fill_one("remove {B}", cast))
    reply = service.reply("left", "what's left")
    assert not reply.recommendations and cast["A"].display_title in reply.text


@pytest.mark.parametrize("turns", [
    ["{A}, seen on the 2nd, was long. Worth every minute of it, however."],
    ["just finished {A} on my lunch breaks, took me 3 days lol"],
    ["saw {A} and {B}, both epic"],
    ["{A}, the one with the penguin."],
    ["Add {A}, please."],
])
def test_talk_beside_a_title_is_not_called_an_unknown_movie(make_service, cast, turns):
    service = make_service()
    for turn in turns:
        reply = service.reply("talk41", fill_one(turn, cast))
    assert "I don't know" not in reply.text, reply.text
    assert cast["A"].movie_id in [m.movie_id for m in service.history("talk41")]


def test_a_standing_dislike_then_an_ask_without_a_stop(make_service, cast):
    service = make_service()
    service.reply("sick", fill_one("I watched {A}", cast))
    reply = service.reply("sick", "alright im sick of horror for a while now give me a comedy")
    assert reply.recommendations and all("Comedy" in r.movie.genres and "Horror" not in r.movie.genres
                                         for r in reply.recommendations)
    reply = service.reply("sick", "im done with sci fi from here on out give me something else")
    assert reply.recommendations and not any("Sci-Fi" in r.movie.genres for r in reply.recommendations)


def test_a_count_of_days_and_a_persons_name_are_no_titles():
    from bot.mentions import sentence_spans
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    index = TitleIndex(MovieCatalog([Movie(1, "Three Days of the Condor (1975)", "Three Days of the Condor", 1975, ("Thriller",)),
                                     Movie(2, "Michael (1996)", "Michael", 1996, ("Comedy",)),
                                     Movie(3, "Casablanca (1942)", "Casablanca", 1942, ("Drama",))],
                                    rating_counts=[3, 2, 1], title_vocab=["<pad>", "<unk>"], max_title_tokens=10))
    assert sentence_spans("finished it on my lunch breaks, took me 3 days lol", index) == []
    assert [s.movies for s in sentence_spans("i saw 3 days of the condor", index)] == [(1,)]
    assert sentence_spans("I saw it twice, both Michael Mann.", index) == []
    assert [s.movies for s in sentence_spans("I watched Michael yesterday", index)] == [(2,)]
    assert [s.movies for s in sentence_spans("watched Casablanca Tom said it was great", index)] == [(3,)]


@pytest.mark.parametrize("turns, kept", [
    (["Mark says {A} is great"], []),  # a name, not the verb "mark"
    (["all i want to watch is {A}, i love it"], ["A"]),  # a taste said of one film, no wish list
    (["i watched {A}", "i wanted to say thanks, {A} was great"], ["A"]),  # no correction: nothing said "not"
])
def test_near_misses_of_the_dev_41_to_43_rules_a_reviewer_found(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv41") == sorted(cast[k].movie_id for k in kept)


def test_whats_left_after_a_list_is_the_rest_of_it(make_service):
    service = make_service()
    service.reply("left2", "recommend comedies")
    assert service.reply("left2", "so what's left?").recommendations


def test_a_capital_after_a_title_in_title_case_writing_is_no_surname():
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    index = TitleIndex(MovieCatalog([Movie(1, "Fargo (1996)", "Fargo", 1996, ("Crime",))], rating_counts=[1],
                                    title_vocab=["<pad>", "<unk>"], max_title_tokens=10))
    assert [s.movies for s in index.spans("I loved Fargo Anyway.")] == [(1,)]
    assert [s.movies for s in index.spans("Just Watched Fargo Finally!")] == [(1,)]
    assert index.spans("it was shot by Fargo Jones in the snow") == ()


@pytest.mark.parametrize("turns, kept", [
    # a plan after a time word is its own clause: the wish does not reach the viewings before it (blind dev 43)
    (["Yesterday {A} with the grandchildren, today alone {B}, and tomorrow I want to see {C}."], ["A", "B"]),
    (["These days I only want comedies. Life is serious enough.", "I watched {A}"], ["A"]),
])
def test_the_dev_43_second_round(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "d43") == sorted(cast[k].movie_id for k in kept)


def test_a_habit_of_only_one_kind_holds_for_later_lists(make_service):
    service = make_service()
    service.reply("habit", "These days I only want comedies. Life is serious enough.")
    reply = service.reply("habit", "what should i watch next")
    assert reply.recommendations and all("Comedy" in r.movie.genres for r in reply.recommendations)


def test_a_series_ranked_names_no_one_film():
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    index = TitleIndex(MovieCatalog([Movie(1, "Rocky (1976)", "Rocky", 1976, ("Drama",)),
                                     Movie(2, "Rocky III (1982)", "Rocky III", 1982, ("Drama",))],
                                    rating_counts=[2, 1], title_vocab=["<pad>", "<unk>"], max_title_tokens=10))
    assert [s.movies for s in index.spans("rocky 3 is still the best rocky, no debate")] == [(2,)]
    assert [s.movies for s in index.spans("seen the best rocky again")] == [(1,)]  # a viewing names the film
    assert [s.movies for s in index.spans("i watched rocky")] == [(1,)]


@pytest.mark.parametrize("turns, kept", [
    (["I watched {B}", "sorry, I wanted to say {A}"], ["A"]),  # a second reviewer: no "not" needed, a title after it
    (["I watched {B}", "I wanted to write {A} instead"], ["A"]),
    (["mark {A} as seen please"], ["A"]),
    (["Mark {A} as watched"], ["A"]),
])
def test_the_second_reviewers_near_misses(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv42") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("said, years", [
    ("a thriller for my dad, he's older than sixty five", (None, None)),  # an age, not a year
    ("a comedy for someone born in sixty eight", (None, None)),
    ("something from ninety eight", (1998, 1998)),
])
def test_two_number_words_are_a_year_only_after_a_years_word(said, years):
    [request] = [a for a in read_acts(said) if isinstance(a, Recommend)]
    assert (request.constraints.min_year, request.constraints.max_year) == years


def test_only_for_a_weekend_is_no_habit(make_service):
    service = make_service()
    service.reply("weekend", "only comedies for me this weekend")
    reply = service.reply("weekend", "now something scary")
    assert reply.recommendations and not all("Comedy" in r.movie.genres for r in reply.recommendations)


@pytest.mark.parametrize("turns, kept", [
    (["Please add {A} and {B}.", "Remove both for now, I will add them again after my rewatch this weekend."], []),
    (["{A}, the one with the long ending and the twins: seen it."], ["A"]),  # the sentence ends saying so
])
def test_the_last_round_of_dev_42(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "d42") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "I made an error. It was not {A}; I meant {B}."], ["B"]),  # a semicolon before "I meant"
    (["watched {A}", "wait, make that {B}"], ["B"]),  # the idiom that swaps the last thing said
    (["watched {A}", "ugh fat thumbs, meant {B}"], ["B"]),  # a slip of the thumbs, "meant" without "I"
    (["watched {A} and {B}", "Please delete {A}. I saw it long ago, not this month."], ["B"]),  # the reason re-adds nothing
    (["watched {A}", "ya know what, undo that, I'm pretendin that one don't exist"], []),
    (["me n the boy watched {A}"], ["A"]),  # "n" is "and"
    (["niamh watched {A} in her room while i watched {B} in the sitting room"], ["B"]),  # her film, then mine
    (["Yesterday I put on {A}, but I was asleep already during the opening credits. "
      "I cannot honestly say I have watched it."], []),
])
def test_the_dev_44_to_46_round(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "d44") == sorted(cast[k].movie_id for k in kept)


def test_a_film_spared_by_a_dislike_and_said_seen_is_stored(make_service, cast):
    """"I hate westerns. Except X, that one I saw and loved.": X is stated, liked, and lists leave westerns out."""
    genre = cast["A"].genres[0]
    service = make_service()
    service.reply("spared", f"I hate {genre.lower()} films. Except {cast['A'].display_title}, that one I saw and loved.")
    assert [m.movie_id for m in service.history("spared")] == [cast["A"].movie_id]
    reply = service.reply("spared", "what should I watch next?")
    assert reply.recommendations and all(genre not in r.movie.genres for r in reply.recommendations)


@pytest.mark.parametrize("said", ["I seen {A} and {B}, gimme somethin", "lemme have more comedies",
                                  "alright, go, whaddya got for me", "After {A}, what could I see?",
                                  "what should we put on sunday"])
def test_asks_typed_as_spoken_ask_for_a_list(make_service, cast, said):
    from benchmarks.conversation import fill

    assert make_service().reply("spoken", fill(said, cast)).recommendations


def test_a_time_phrase_before_an_ask_stores_no_film(make_service, cast):
    service = make_service()
    service.reply("after", f"tomorrow I want to see {cast['A'].display_title}")
    reply = service.reply("after", f"After {cast['A'].display_title}, what could I see?")
    assert reply.recommendations and service.history("after") == []


def test_any_of_those_narrows_the_last_list(make_service):
    service = make_service()
    first = service.reply("narrow", "Could you suggest some films from the 1980s?")
    assert first.recommendations
    reply = service.reply("narrow", "Any of those a drama? That would fit best.")
    assert reply.recommendations and all("Drama" in r.movie.genres and 1980 <= r.movie.year <= 1989
                                         for r in reply.recommendations)


def test_ideally_a_kind_keeps_the_last_requests_years(make_service):
    service = make_service()
    assert service.reply("ideally", "my dad wants something from the 80s").recommendations
    reply = service.reply("ideally", "ideally a drama one, he's mad into those")
    assert reply.recommendations and all("Drama" in r.movie.genres and 1980 <= r.movie.year <= 1989
                                         for r in reply.recommendations)


def test_a_no_that_takes_back_an_unseen_film_then_says_it_seen(make_service, cast):
    turns = ["my watchlist: {A}, {B}. havent seen a single one", "oh wait no i HAVE seen {B}, years back. forgot"]
    assert history_after(make_service(), cast, turns, "nohave") == [cast["B"].movie_id]


def test_make_it_after_a_request_changes_the_request_not_the_history(make_service, cast):
    """A reviewer's find: "make it X" takes back the last add only right after an add."""
    service = make_service()
    service.reply("makeit", f"I watched {cast['A'].display_title}")
    service.reply("makeit", f"recommend something like {cast['B'].display_title}")
    reply = service.reply("makeit", f"no wait, make it {cast['C'].display_title}")
    assert reply.recommendations and [m.movie_id for m in service.history("makeit")] == [cast["A"].movie_id]


@pytest.mark.parametrize("turns, asks, kept", [
    (["recommend something", "more please, but not {A}, which I watched last week"], True, ["A"]),
    (["After {A}, what should I watch?"], True, []),  # the film the list starts from, not stored on its own
    (["I can't honestly say I've seen {A}"], False, []),
    (["watched {A}", "the wife says it was {B}, the second one"], False, ["B"]),  # put right by who was there
    (["watched {A}", "my wife says it was great"], False, ["A"]),  # her verdict, no film named
])
def test_the_reviewers_dev_44_finds(make_service, cast, turns, asks, kept):
    from benchmarks.conversation import fill

    service = make_service()
    for turn in turns:
        reply = service.reply("rv44", fill(turn, cast))
    assert bool(reply.recommendations) == asks
    assert sorted(m.movie_id for m in service.history("rv44")) == sorted(cast[k].movie_id for k in kept)


def test_a_lone_n_is_still_no(make_service):
    service = make_service()
    service.reply("lone", "what should I watch next?")
    assert not isinstance(read_acts("n")[0], Recommend)


@pytest.mark.parametrize("turns, asks, disliked_kept", [
    (["I hate horror", "I don't like horror now either"], False, True),  # a dislike, not a lift
    (["I hate horror", "horror is ok now for me alone. give me a horror movie"], True, False),
    (["I hate horror", "ok forget what I said about horror, I'm in the mood for a scare, gimme one"], True, False),
])
def test_a_dislike_is_lifted_only_by_words_that_lift_it(make_service, turns, asks, disliked_kept):
    """A second reviewer's find: the lift read before the taste model took "I don't like horror now" as one."""
    service = make_service()
    for turn in turns:
        reply = service.reply("lift", turn)
    assert bool(reply.recommendations) == asks
    later = service.reply("lift", "what should I watch next?")
    assert later.recommendations and ("no Horror" in " ".join(r.reason for r in later.recommendations)) == disliked_kept


@pytest.mark.parametrize("said", ["After {A}, I never want to see another one like it", "what should we watch after the game?"])
def test_after_a_film_said_in_a_sentence_of_its_own_starts_no_list_from_it(make_service, cast, said):
    from benchmarks.conversation import fill

    reply = make_service().reply("after2", fill(said, cast))
    assert not any(f"watched {cast['A'].display_title}" in r.reason for r in reply.recommendations)


@pytest.mark.parametrize("text, genres", [
    ("forget what I said about drama, give me a comedy", ("Comedy",)),  # the kind let back in is not asked for
    ("horror is ok now for me alone. give me a horror movie", ("Horror",)),
    ("horror is fine again, what have you got?", ("Horror",)),  # no other kind asked: the lifted one is the ask
])
def test_a_kind_let_back_in_beside_another_kind_asked_is_not_asked_for(text, genres):
    request = next(a for a in read_acts(text) if isinstance(a, Recommend))
    assert request.constraints.genres == genres


@pytest.mark.parametrize("text, both", [
    ("Manny wants action, I want drama. Is there anything that's both?", True),
    ("I like comedy, my wife wants romance. Got something that ticks both boxes?", True),
    ("I like comedy, she likes horror, something for both of us?", False),  # two people, not one film of two kinds
])
def test_two_kinds_asked_in_one_film_when_both_is_said_after_them(text, both):
    request = next(a for a in read_acts(text) if isinstance(a, Recommend))
    assert len(request.constraints.genres) == 2 and request.constraints.all_genres == both


@pytest.mark.parametrize("said", ["add {A} please, i watched it yesterday", "please add {A}, we saw it last week"])
def test_an_add_that_says_the_viewing_again_stores_its_film(make_service, cast, said):
    from benchmarks.conversation import fill

    service = make_service()
    service.reply("again", fill(said, cast))
    assert [m.movie_id for m in service.history("again")] == [cast["A"].movie_id]


@pytest.mark.parametrize("turns, kept", [
    # blind dev 47: a Welsh organist quotes her titles; the quotes stood between the other person's verb and the film
    (["My granddaughter Ceri watched '{A}' three times at the Cinema in Cardiff."], []),
    (["My friend Mrs. Hughes watched '{A}' and '{B}' with her great-grandchildren."], []),
    (["The Minister told me after the service that he had watched '{A}' and thought it very fine."], []),
    (["I watched '{A}' with my husband"], ["A"]),
])
def test_another_persons_viewing_of_a_quoted_title_is_not_stored(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "quoted") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["watched {A}, {B} and {C}", "take 2 and 3 off"], ["A"]),  # the films of the latest add by their numbers
    (["watched {A}, {B} and {C}", "remove 2 and 3, those were my husband's not mine"], ["A"]),
    (["watched {A}, {B} and {C}", "Oops, that was my sister typing on my phone. Clear all three pls, none are mine"], []),
    (["watched {A}, {B} and {C}", "cher take all tree of dem off. dat was my brother typin on my phone, not me"], []),
    (["watched {A} and {B}", "{B} can go, that was my brother not me"], ["A"]),
    (["watched {A} and {B}", "take {B} back off. only the kids watched it"], ["A"]),
    (["watched {A} and {B}", "remove {A} and {B}, got them mixed up with other movies"], []),
])
def test_removals_said_as_people_say_them(make_service, cast, turns, kept):
    """Blind dev 47-49: positions, "all three", "X can go", "take X back off" and a slip said after the titles."""
    assert history_after(make_service(), cast, turns, "rm47") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, act", [
    ("watched {A}, whats next", "add and ask"),  # "whats" opens the request as "what's" does
    ("add {A} please, i watched it yesterday", "add"),
])
def test_whats_without_an_apostrophe_opens_a_request(synthetic_matcher, cast, text, act):
    from benchmarks.conversation import fill

    acts = read_acts(fill(text, cast), synthetic_matcher.index)
    assert isinstance(acts[0], AddWatched) and (isinstance(acts[-1], Recommend) == (act == "add and ask"))


@pytest.mark.parametrize("text, genres, excluded", [
    ("Horror recs. Not too gory pls", ("Horror",), ()),  # a degree of the kind asked
    ("something for the kids, nothing too scary", ("Children's",), ("Horror",)),
    ("ag shame ok. then whatever romance u do have", ("Romance",), ()),
])
def test_kinds_asked_and_ruled_out_as_people_say_them(text, genres, excluded):
    request = next(a for a in read_acts(text) if isinstance(a, Recommend))
    assert request.constraints.genres == genres and request.constraints.excluded_genres == excluded
    assert not request.constraints.like


@pytest.mark.parametrize("turns, genre, years", [
    (["sci-fi recs pls", "nah not the first one, I'm not in the mood for that today"], "Sci-Fi", None),
    (["I like thriller. Give me some", "no, not the first one. i don't like that actor"], "Thriller", None),
    (["recommend a comedy", "more like this"], "Comedy", None),
    (["what should I watch?", "hmm those feel too action-y for my mood, something more chill? like a drama"], "Drama", None),
    (["Anything good from 1997? Year I moved to London", "And 1984 pls, year I was born"], None, (1984, 1984)),
    (["Only dramas for now", "Recs", "Ok, lift the drama-only thing. Comedy now"], "Comedy", None),
])
def test_follow_ups_keep_what_they_do_not_change(make_service, turns, genre, years):
    service = make_service()
    for turn in turns:
        reply = service.reply("fu47", turn)
    assert reply.recommendations
    if genre:
        assert all(genre in r.movie.genres for r in reply.recommendations)
    if years:
        assert all(years[0] <= r.movie.year <= years[1] for r in reply.recommendations)


def test_same_year_changes_the_last_request():
    request = read_acts("same year but horror")[-1]
    assert request.follow_up and request.relative == "same" and request.constraints.genres == ("Horror",)


@pytest.mark.parametrize("text, request_read", [
    ("Rec pls", True), ("ok rec", True), ("what you have", True), ("ok now try again", True),
    ("find me some like Dances with Wolves then", True), ("what you got on my list", False),
])
def test_short_asks(text, request_read):
    assert isinstance(read_acts(text)[-1], Recommend) == request_read


@pytest.mark.parametrize("turns, kept", [
    (["add {A}, {B} and {C}", "I must correct myself. I have only seen {A}; please remove the other two."], ["A"]),
    (["watched {A}", "and {B}", "wait no i havent seen {B} yet, delete pls"], ["A"]),
    (["watched {A}", "and {B}", "undo", "sorry my mistake, {B} i did watch. put it back"], ["A", "B"]),
    (["{A} = 9/10\n{B} = 8\n{C} = saw the twist coming, 6"], ["A", "B", "C"]),  # a pasted list of scores
    (["weekend:\n{A} ★★★★★\n{B} ★★★ (overrated)"], ["A", "B"]),
    (["I watch {A}, the jungle one with Arnold, and {B}"], ["A", "B"]),  # a description guesses no film
])
def test_repairs_and_pasted_reviews_blind_dev_47_49(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv47") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, genre", [
    (["comedies are my favourite. always give me comedy", "what you have"], "Comedy"),  # "always give me": for good
    (["got my little cousins over, need a cartoon asap", "one we havent seen, we already did {A} today"], "Animation"),
    (["Something funny, please, and the older the better."], "Comedy"),
    (["Please do not recommend any dramas.", "I have changed my mind. I think I should like to see a drama after all"],
     "Drama"),
])
def test_kinds_kept_and_asked_blind_dev_47_49(make_service, cast, turns, genre):
    from benchmarks.conversation import fill

    service = make_service()
    for turn in turns:
        reply = service.reply("k47", fill(turn, cast))
    assert reply.recommendations and all(genre in r.movie.genres for r in reply.recommendations)


@pytest.mark.parametrize("turns, kept", [
    (["me and my grandkids watched {A} saturday"], ["A"]),  # "kids" inside "grandkids" named no one else
    (["Grandkids watched {A}, I went to bed"], []),
    # a film asked about earlier is a request's start later, not a viewing (blind dev 49)
    (["Is {A} worth it? 160 min is a big commitment", "For the record I've seen {B}", "Something similar to {A} then"],
     ["B"]),
    (["is {A} any good?", "ok I watched {A} last night, loved it"], ["A"]),
    (["is {A} any good?", "I loved {A}, something like it?"], ["A"]),  # a viewing said now is stored
])
def test_whose_viewing_and_films_asked_about_before(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "gk49") == sorted(cast[k].movie_id for k in kept)


def test_films_said_unseen_survive_the_state_round_trip():
    from bot.dialogue import DialogueState

    state = DialogueState(said_unseen=(3, 5))
    assert DialogueState.from_json(state.to_json()).said_unseen == (3, 5)
    assert DialogueState.from_json({"said_unseen": ["x", 4]}).said_unseen == (4,)


@pytest.mark.parametrize("turns, kept", [
    # the reviewer's finds: names that are dialect words elsewhere, "the other one", "both of them" with a verb after
    (["Den watched {A} last night"], []),
    (["Cher watched {A} with her mum"], []),
    (["I watched {A} and {B}", "I only saw the first. remove the other one"], ["A", "B"]),
    (["We watched {A}, both of them fell asleep"], ["A"]),
    (["I watched {A}, it was amusing enough"], ["A"]),
    (["we watched {A}, the best"], ["A"]),  # a verdict beside the film asks about no other
])
def test_reviewer_finds_on_names_and_removals(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rvw") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, genre_kept", [
    (["recommend something", "you always give me dramas, something else please", "recommend something"], False),
    (["recommend a comedy", "I watched {A}, it was amusing enough", "recommend something"], False),
    (["my kids always give me grief about old films. A comedy please", "recommend something"], False),
    (["recommend something", "always show me at least one comedy", "recommend something"], False),
])
def test_a_complaint_or_a_word_about_a_film_is_no_standing_taste(make_service, cast, turns, genre_kept):
    from benchmarks.conversation import fill

    service = make_service()
    for turn in turns:
        reply = service.reply("cmpl", fill(turn, cast))
    assert reply.recommendations
    reasons = " ".join(r.reason for r in reply.recommendations)
    assert ("as you asked" in reasons and ("Drama" in reasons or "Comedy" in reasons)) == genre_kept


@pytest.mark.parametrize("text, both", [
    ("Comedy or romance, something both my wife and I would enjoy", False),
    ("Manny wants action, I want drama. Is there anything that's both?", True),
])
def test_both_of_two_people_is_not_both_kinds(text, both):
    request = next(a for a in read_acts(text) if isinstance(a, Recommend))
    assert request.constraints.all_genres == both


def test_not_the_same_year_is_no_same_year():
    request = read_acts("not the same year though, something older")[-1]
    assert request.relative == "older"


@pytest.mark.parametrize("turns, kept", [
    # the second reviewer's finds
    (["Is {A} any good?", "Watched {A} last night and loved it. Something similar to {A} please"], ["A"]),
    (["I watched {A}, {B} and {C}", "I only saw the first one, remove the others"], ["A"]),
    (["The kids watched '{A}' while I watched '{B}'"], ["B"]),
])
def test_second_reviewer_finds(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv2") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, disliked", [
    ("It's horror I can't stand", True),  # a kind, not a word about a film
    ("I didn't find it amusing", False),
])
def test_a_kind_said_of_a_film_or_as_a_taste(make_service, text, disliked):
    reply = make_service().reply("kind", text)
    assert ("no Horror from now on" in reply.text) == disliked and "no Comedy" not in reply.text


def test_also_rewatched_is_the_speakers_viewing_beside_someone_who_never_saw_it(make_service, cast):
    """dev 40, once "ferris bueller" named its film: "she'd never seen it" was read as the speaker's not seeing it."""
    turns = ["watched {A}", "also rewatched {B} w my roommate bc she'd never seen it. she loved it"]
    assert history_after(make_service(), cast, turns, "also") == sorted(cast[k].movie_id for k in ("A", "B"))


@pytest.mark.parametrize("turns, kept", [
    # the film meant, quoted and said seen after a removal, goes in
    (["I watched {A}", "Please remove '{A}'; I was confusing it with '{B}', which I did see."], ["B"]),
])
def test_a_removal_with_the_film_meant_in_quotes(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rmq") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text", ["I didn't find {A} funny at all", "I watched {A}, it wasn't funny"])
def test_finding_a_film_not_funny_is_no_dislike_of_comedy(make_service, cast, text):
    from benchmarks.conversation import fill

    reply = make_service().reply("fnf", fill(text, cast))
    assert reply.history_changed and "from now on" not in reply.preface + reply.text


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}, {B} and {C}", "keep {B}, remove the rest"], ["B"]),
    (["I watched {A}", "and {B}", "and {C}", "remove everything except {B}"], ["B"]),  # of the whole history
    (["I watched {A}", "I watched {B} and {C}", "keep {A}, delete the others"], ["A"]),
    (["I watched {A}, {B} and {C}", "only keep {A} and {C} please"], ["A", "C"]),
    (["I watched {A}, {B} and {C}", "keep {D}, remove the rest"], ["A", "B", "C"]),  # names none of the history
])
def test_keep_one_remove_the_rest(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "kp") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, disliked", [
    ("sci-fi puts me to sleep, dont give me that space stuff", {"Sci-Fi"}),  # an ask said never to be made
    ("sci fi bores me stupid fyi", {"Sci-Fi"}),  # read unsurely as a request, a word of aversion
    ("I do not enjoy horror, and I find musicals tiresome.", {"Horror", "Musical"}),  # "and" joins, says no way
])
def test_tastes_said_with_a_forbidden_ask_or_a_joining_word(synthetic_matcher, act_reader, text, disliked):
    [taste] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and set(taste.disliked_genres) == disliked


def test_the_film_it_was_confused_with_asks_for_nothing(synthetic_matcher, act_reader):
    acts = read_acts("I was confusing it with something else.", synthetic_matcher.index, acts=act_reader)
    assert not any(isinstance(a, Recommend) for a in acts)
    [request] = read_acts("can you come up with something", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend)


@pytest.mark.parametrize("turns, genre, years", [
    (["what's good from the 90s", "crime ones"], "Crime", (1990, 1999)),  # the kind changed, the decade kept
    (["Please recommend some dramas from the 1980s.", "Kindly give me others from that decade."], "Drama", (1980, 1989)),
    (["a drama pls, somethin sappy", "older. like proper old, 60s or 70s"], "Drama", (1960, 1979)),  # "like": filler
])
def test_follow_ups_keep_what_they_do_not_change(make_service, turns, genre, years):
    service = make_service()
    for turn in turns:
        reply = service.reply("fk", turn)
    assert reply.recommendations and all(genre in r.movie.genres and years[0] <= r.movie.year <= years[1]
                                         for r in reply.recommendations)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "{B}, less so."], ["A", "B"]),  # a verdict weighed against the film before: a viewing
    (["I watched {A}", "{B}, the first one, was more fun, I will admit."], ["A", "B"]),  # "the first one": which {B}
])
def test_a_verdict_weighed_against_the_film_before(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "wv") == sorted(cast[k].movie_id for k in kept)



@pytest.mark.parametrize("turns, kept", [
    (["{A} is one I have genuinely watched."], ["A"]),
    (["Having watched {A}, I can say it is a film every teacher ought to see."], ["A"]),  # no one else named
    (["my husband is watching {A} again in the other room"], []),  # someone else, watching it now
    (["hubbys watchin {A} again in the other room"], []),
    (["watched {A}", "wait nvm that was {B} my bad"], ["B"]),  # put right: the latest add replaced
    (["I watched {A}, {B} and {C}", "ok wipe all that my little sis was on my phone lol"], []),
])
def test_viewings_said_after_the_name_others_watching_and_repairs(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "vw") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, years", [
    ("thriller from 99 or 2000 pls", (1999, 2000)),
    ("a comedy from '99", (1999, 1999)),
    ("something from 97 to 99", (1997, 1999)),
])
def test_two_digit_years_after_from(text, years):
    request = read_acts(text)[-1]
    assert (request.constraints.min_year, request.constraints.max_year) == years


def test_a_word_inflected_from_a_title_word_is_no_misspelt_title():
    from recommender.catalog import Movie
    from tests.test_title_names import _index_of

    index = _index_of([Movie(1, "The Treasure of the Sierra Madre (1948)", "The Treasure of the Sierra Madre", 1948,
                             ("Adventure",)), Movie(2, "Trainspotting (1996)", "Trainspotting", 1996, ("Drama",))])
    assert index.spans("two films I have watched and treasured") == ()
    assert [s.movies for s in index.spans("I watched trainspoting")] == [(2,)]  # a slip is still read


def test_talk_right_after_a_removed_number_is_cut_off():
    [removal] = read_acts("actually scratch 3 and 4 i only saw the first two")
    assert isinstance(removal, RemoveWatched) and removal.titles.titles == ("3", "4")


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}, {B} and {C}", "wrong, {B} was somethin else. scrap that one"], ["A", "C"]),  # the one named
    (["watched {A}", "oops {B} i mean"], ["B"]),
])
def test_the_one_named_is_scrapped_and_a_slip_put_right(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "sc") == sorted(cast[k].movie_id for k in kept)


def test_a_request_with_years_is_no_history_however_sure_the_model(synthetic_matcher, act_reader):
    [request] = read_acts("What do you have from the year 1994 exactly?", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.min_year == request.constraints.max_year == 1994


@pytest.mark.parametrize("text, third_person", [("shes seen those, i havent tho", True), ("seen those", False)])
def test_those_seen_by_someone_else_are_not_the_speakers(text, third_person):
    [act] = read_acts(text)
    assert isinstance(act, Recommend if third_person else SeenThose)


def test_an_aside_not_to_laugh_asks_for_no_comedy():
    [request] = read_acts("musical. dont laugh")
    assert request.constraints.genres == ("Musical",)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "wait {B} also lol"], ["A", "B"]),  # one more remembered: the "wait" takes nothing back
    (["I watched {A}", "wait {B} too"], ["A", "B"]),
    (["I watched {A}", "wait no, not {A} too"], ["A"]),  # a "wait" that takes back is read as before
])
def test_a_film_remembered_late_is_added(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "late") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "{B} on the other hand?? crying like a baby at the end"], ["A", "B"]),
    (["I watched {A}", "{B} on the other hand, i havent seen yet"], ["A"]),
    (["I watched {A}", "remove {A}", "Hm, undo that. I was wrong; I did see it after all."], ["A"]),  # "hm", put back
])
def test_films_weighed_against_the_one_before_and_an_undo_after_a_removal(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "oh") == sorted(cast[k].movie_id for k in kept)


def test_got_any_asks_for_films():
    assert isinstance(read_acts("got any other fight movies for me")[-1], Recommend)


@pytest.mark.parametrize("turns, kept", [
    # the reviewers' finds: keeping words that name no film, a negation, the films kept named in the keep clause only
    (["I watched {A}, {B} and {C}", "just keep them coming"], ["A", "B", "C"]),
    (["I watched {A}, {B} and {C}", "I didn't say remove everything except {A}"], ["A", "B", "C"]),
    (["I watched {A}, {B} and {C}", "keep {B}, remove the rest, then recommend something like {C}"], ["B"]),
    (["I watched {A}", "I watched {B} and {C}", "remove everything except {B}"], ["B"]),  # "everything": the history
    (["Spent the night with my kids watching {A}"], ["A"]),  # the speaker there, the kids not the subject
    (["the kids watching {A} made me cry"], ["A"]),
    (["I watched {A}", "nvm it was {B} as well"], ["A", "B"]),  # "as well": no correction
])
def test_reviewer_finds_on_keeping_watching_and_never_mind(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv50") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text", ["a comedy that runs from 80 to 95 minutes", "I have from 45 to 60 minutes, a comedy please",
                                  "I watched it in 96 or 97"])
def test_two_digit_numbers_of_an_amount_or_a_time_told_are_no_years(text):
    request = read_acts(text)[-1]
    assert not isinstance(request, Recommend) or request.constraints.min_year is None


def test_a_word_about_the_film_just_named_sets_no_taste_and_asks_nothing(make_service, cast):
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("nf", fill("I watched {A}. I didn't find it funny", cast))
    assert reply.history_changed and not reply.recommendations and "from now on" not in reply.preface + reply.text



def test_keeping_a_film_with_no_history_says_it_is_not_there(make_service, cast):
    from benchmarks.conversation import fill

    reply = make_service().reply("kp0", fill("keep {A}, remove the rest", cast))
    assert "not in your history" in reply.text and cast["A"].display_title in reply.text


@pytest.mark.parametrize("text", ["any good kenyan movies?", "Can you recommend a Mandarin-language film for my mom?",
                                  "got any films made here in nz? keen to support the locals", "something in swahili",
                                  "a few Soviet films please"])
def test_a_country_or_a_language_asked_is_said_unsupported(text):
    request = read_acts(text)[-1]
    assert isinstance(request, Recommend) and "language" in request.unsupported


@pytest.mark.parametrize("text", ["my russian neighbour wants a comedy", "I am from kenya, give me a thriller"])
def test_the_speakers_country_is_no_filter_asked(text):
    request = read_acts(text)[-1]
    assert isinstance(request, Recommend) and not request.unsupported and request.constraints.genres


def test_a_year_then_on_is_a_lower_bound():
    request = read_acts("newer, like 2015 on")[-1]
    assert isinstance(request, Recommend) and request.constraints.min_year == 2015


@pytest.mark.parametrize("turns, kept", [
    (["Gie's a comedy", "Aulder"], []),  # Scots: older, more, another (blind dev 53)
    (["{A} 10 outta 10 mate"], ["A"]),
    (["dunno about {A}. fell asleep halfway, finished it over brekkie. meh"], ["A"]),
    (["missus had {A} on, i watched {B} in the other room"], ["B"]),
    (["kids had {A} and {B} on while i was out"], []),
    (["Short reviews:\n- {A}: masterpiece\n- {B}: also\nmarathon done."], ["A", "B"]),
])
def test_blind_53_to_55_classes(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "b53") == sorted(cast[k].movie_id for k in kept)


def test_scots_follow_ups_change_the_last_request(make_service):
    service = make_service()
    service.reply("sc", "Gie's a comedy")
    for word in ("ony mair?", "mair"):
        reply = service.reply("sc", word)
        assert reply.recommendations and all("Comedy" in r.movie.genres for r in reply.recommendations), word


def test_kids_who_had_films_on_set_no_dislike():
    assert not any(isinstance(a, SetTaste) for a in read_acts("kids had Heat on while i was out docking"))


@pytest.mark.parametrize("turns, kept", [
    (["My grandson watched {A} with me. Daft, but fun."], ["A"]),  # the speaker there
    (["my wife watched {A} with her sister"], []),
    (["Don't think I ever saw {A}. Is that daft?"], []),  # the subject dropped before a doubt
    (["I watched {A}", "I watched {B}", "Delete last entry. Mistake, that was my brother's list."], ["A"]),
    (["The wife watched {A} last night. I was at the pub.", "Came home and put on {B} myself. Watched it to the end."],
     ["B"]),  # "it": the film the message just named, not the wife's
    (["I've nae seen {A} itsel, mind."], []),
])
def test_blind_53_to_55_classes_second(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "b53b") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text", ["Give 5 like {A}.", "give me 5 like {A}", "Want film in style of {A}. Fast, young, energy."])
def test_a_count_or_a_dropped_article_before_like_keeps_the_film_to_start_from(cast, text):
    from benchmarks.conversation import fill

    request = read_acts(fill(text, cast))[-1]
    assert isinstance(request, Recommend) and request.constraints.like == cast["A"].display_title


@pytest.mark.parametrize("text", ["Now I don't want horror anymore, BASTA, one Halloween per year is enough",
                                  "I no longer fancy horror"])
def test_a_want_said_to_have_ended_is_a_dislike(make_service, text):
    reply = make_service().reply("nw", text)
    assert "no Horror from now on" in reply.preface + reply.text


def test_a_question_asked_above_a_list_stays_open_only_where_the_list_was_not_asked_for(make_service, cast):
    """"Which movie is X?" asked in the same reply as a list: where the list came unasked ("... more like that"), "yes"
    answers the question; where the message asked for films, the next words go to the list ("seen the second one
    already" adds its second film). The synthetic catalogue has no title of two years: the question is one of a guessed
    title."""
    service = make_service()
    reply = service.reply("qa", f"I watched {cast['A'].display_title[:-1]}. more like that")
    assert reply.recommendations and "?" in reply.preface + reply.text
    service.reply("qa", "yes")
    assert cast["A"].movie_id in [m.movie_id for m in service.history("qa")]
    reply = service.reply("qb", f"I watched {cast['A'].display_title[:-1]}, what should I watch next?")
    assert reply.recommendations and "?" in reply.preface + reply.text
    service.reply("qb", "seen the second one already")
    assert reply.recommendations[1].movie.movie_id in [m.movie_id for m in service.history("qb")]


@pytest.mark.parametrize("turns, kept", [
    # the reviewers' finds on this session's rules: "with me" of another verb, a repair word as talk, a count after
    # it, a run planned, a heading over items not seen, a viewing of the trailer
    (["My wife saw {A} last week and keeps begging to rewatch it with me"], []),
    (["My son watched {A} and now wants to watch {B} with me"], []),
    (["watched {A} on Saturday, sorry I mean {B}. {A} was the week before"], ["A", "B"]),
    (["me and the missus had {A} on last night, still holds up"], ["A"]),
    (["Hubby had {A} on again, ended up watching the whole thing with him"], ["A"]),
    (["The trailer for {A} is epic, watched it like 10 times"], []),
])
def test_reviewer_finds_on_this_sessions_rules(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv53") == sorted(cast[k].movie_id for k in kept)


def test_a_repair_word_as_talk_or_a_heading_over_films_not_seen_stores_none_of_those(make_service, cast):
    service = make_service()
    assert cast["A"].movie_id in history_after(service, cast, ["Saw {A} last night, sorry {B} fans but it's better"], "t1")
    stored = history_after(service, cast, ["Short reviews:\n- {A}: 9/10\n- {B}: on my list\n- {C}: want to see it"], "t2")
    assert cast["B"].movie_id not in stored and cast["C"].movie_id not in stored


@pytest.mark.parametrize("text", ["a thriller without bad-language please", "I'm in Dutch with the wife, need a romance",
                                  "my Irish wife wants a comedy tonight"])
def test_words_of_language_or_country_not_said_of_films_filter_nothing(text):
    request = read_acts(text)[-1]
    assert isinstance(request, Recommend) and not request.unsupported


def test_no_longer_avoiding_a_kind_is_no_dislike():
    from bot.messages import _NO_LONGER_WANTED

    assert _NO_LONGER_WANTED.search("Now I don't want horror anymore")
    assert not _NO_LONGER_WANTED.search("I don't want to avoid horror anymore, it's fine")


@pytest.mark.parametrize("after", [", that was my brother", ""])
def test_take_a_misspelt_film_off_with_or_without_talk(make_service, cast, after):
    """Blind dev 55: "take robocp off, that was my brother" changed nothing (a name typed wrong, talk after it)."""
    one_word = next(m for m in cast.values() if len(m.display_title.split()) == 1 and len(m.display_title) >= 5)
    typo = one_word.display_title[:2] + one_word.display_title[3:]  # a letter dropped
    service = make_service()
    service.reply("tk", f"I watched {one_word.display_title}")
    service.reply("tk", f"take {typo.lower()} off{after}")
    assert service.history("tk") == []


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "Sorry – I meant {B}, not {A}."], ["B"]),  # a dash sets the apology off
    (["I watched {A} and {C}", "Scratch {A} – I watched {B} that night, not {A}."], ["B", "C"]),
    (["I watched {A} and {C}", "remove {A}, i watched {B} instead"], ["B", "C"]),
    (["I watched {A} and {C}", "remove {A}, i watched it twice but hated it"], ["C"]),
])
def test_a_removal_or_an_apology_then_the_film_meant(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rm53") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A} and {C}. Oh wait, I meant {B} not {A}"], ["B", "C"]),
    (["{A}. Sorry, no, not {A}, {B}"], ["B"]),
    (["Watched {A} last night. Wait no, not {A} - {B}."], ["B"]),
    (["I watched {A}", "Now I meant {B}, not {A}, lord I'm getting old"], ["B"]),
    (["I watched {A}", "Oh my goodness I meant {B} not {A}, I get them two confused every time"], ["B"]),
    (["Also I watched {A}. No, wait, I did not. My brother told me about it, that is all."], []),
    (["I watched {A}", "I watched {B} also.", "Oh, I am very sorry, please undo. {B} was my wife, not me."], ["A"]),
    (["I watched {A} this week", "Well now, I did not watch it after all, I'm thinking of my cousin, they watched it"],
     []),
])
def test_a_film_taken_back_later_in_the_message_or_with_talk_around_it(make_service, cast, turns, kept):
    """Blind dev 56-58: a correction said in a later sentence of the same message, or with talk before or after it,
    and a viewing denied at once or said to be someone else's."""
    assert history_after(make_service(), cast, turns, "tb56") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, min_year, max_year", [
    ("Please recommend horror film from 1980s.", 1980, 1989),  # a decade, not the year 1980
    ("From 1960s, please.", 1960, 1969),
    ("newer, from 1980", 1980, None),  # after "newer", the first year of them
    ("a comedy from 1980", 1980, 1980),
])
def test_years_said_with_from(text, min_year, max_year):
    request = read_acts(text)[-1]
    assert (request.constraints.min_year, request.constraints.max_year) == (min_year, max_year)


@pytest.mark.parametrize("text", ["need smth under 90 min i got a session at 10",
                                  "need somethin under 90 mins, got an airport pick up at 10",
                                  "anything less than 2 hours?", "something 90 min or less", "any comedy below 2 hours?",
                                  "nothing over 2 hours please, a comedy", "a comedy less than 1.5 hours please"])
def test_a_running_time_asked_is_a_filter_it_does_not_have(text):
    assert "length" in read_acts(text)[-1].unsupported


def test_a_mood_complained_of_asks_for_no_kind_and_more_of_a_kind_keeps_the_years():
    from bot.messages import read_request

    assert read_request("not that one, too sad").constraints.genres == ()
    request = read_request("more action pls, husband like")
    assert request.constraints.genres == ("Action",) and request.follow_up


def test_similar_please_after_a_film_asks_for_films(make_service, cast):
    service = make_service()
    service.reply("sim", "no horror for me")
    service.reply("sim", f"I watched {cast['A'].display_title}")
    assert service.reply("sim", "similar please, not horror").recommendations


def test_an_age_word_said_of_films_scored_asks_for_none(synthetic_matcher, cast):
    acts = read_acts(f"Please let me give my score for recent film. {cast['A'].display_title} 9/10.",
                     synthetic_matcher.index)
    assert any(isinstance(a, AddWatched) for a in acts) and not any(isinstance(a, Recommend) for a in acts)


@pytest.mark.parametrize("turns, kept", [
    (["chồng watch {A} and {B} last night, me no, I do book for salon"], []),
    (["I watched {A} and {B}", "take {B} off la, that was our kid who watched it not me"], ["A"]),
    (["Can you find me something like {A}, I ain't seen it myself but my sister says it's the best"], []),
    (["I watched {A}", "wallahi sorry, I meant {B}, not {A}"], ["B"]),
])
def test_words_of_scouse_vietnamese_arabic_and_aave(make_service, cast, turns, kept):
    """Blind dev 56-58: the dialect file's "la", "our kid", "chồng" (husband), "wallahi", "ain't seen"."""
    assert history_after(make_service(), cast, turns, "dl58") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["They showed {A} at the church hall, I hadn't seen it since 1982"], ["A"]),  # seen before: a viewing
    (["I haven't seen {A} in years, loved it back then"], ["A"]),
    (["I haven't seen {A}"], []),
    (["ok forget it. I watched already {A}, give me something like it"], ["A"]),  # "never mind", then more
    (["forget it, I watched {A}"], ["A"]), (["nvm - I watched {A} last week"], ["A"]),  # with a comma or a dash
    (["I watched {A}", "forget it"], []),  # "forget it" alone takes the last one back
])
def test_not_seen_for_a_while_is_seen_and_never_mind_lets_the_rest_be_read(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "ns57") == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text", ["Could you show me more, please?", "more, please"])
def test_more_asked_politely(text):
    [request] = read_acts(text)
    assert isinstance(request, Recommend) and request.more


def test_find_me_something_like_it_after_a_film_asks_for_films(synthetic_matcher, cast):
    acts = read_acts(f"I've seen {cast['A'].display_title}, find me something like it", synthetic_matcher.index)
    assert [type(a).__name__ for a in acts] == ["AddWatched", "Recommend"]


def test_a_kind_of_a_country_and_a_kind_with_its_audience(synthetic_matcher):
    from bot.messages import read_request

    request = read_request("have Korean movie? customer ask me, she love Korean drama")
    assert request.unsupported and request.constraints.genres == ()  # not every drama, "for the rest of what you asked"
    [request] = read_acts("only cartoon, he is 5", synthetic_matcher.index)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Animation",)


def test_seen_all_said_in_learner_english(make_service):
    service = make_service()
    shown = service.reply("wa58", "comedy please").recommendations
    service.reply("wa58", "I watch all already haha")
    assert {m.movie_id for m in service.history("wa58")} == {r.movie.movie_id for r in shown}


def test_an_answer_said_first_then_a_request(synthetic_matcher):
    """Blind dev 58: "the 58 one, black n white. whats good from the 50s then?" answers "which one?" and asks (the
    synthetic catalogue has no title of two years: the reading the service takes with the question open)."""
    from bot.intents import Answer
    from bot.understanding import answer_said_first

    text = "the 58 one, black n white. whats good from the 50s then?"
    acts = answer_said_first(text, read_acts(text, synthetic_matcher.index), synthetic_matcher.index)
    assert acts[0] == Answer(year=1958) and isinstance(acts[-1], Recommend)
    assert acts[-1].constraints.min_year == 1950
    plain = read_acts("whats good from the 50s then?", synthetic_matcher.index)
    assert answer_said_first("whats good from the 50s then?", plain, synthetic_matcher.index) == plain


@pytest.mark.parametrize("text", ["and the first one also, same night before it", "and the original one too"])
def test_the_first_one_of_the_latest_adds_series_said_after_it(text):
    """Blind dev 57: "I rewatched the Godfather part 2", then "and the first one also" added nothing (the service
    names "part 1" by the latest add's series)."""
    [said] = read_acts(text)
    assert isinstance(said, AddWatched) and said.titles.titles == ("part 1",)


@pytest.mark.parametrize("turns, kept", [
    (["I bought {A} on DVD last year but I haven't watched it since"], []),  # "since" then, not since long ago
    (["I haven't watched {A} since you suggested it"], []),  # "since": because
    (["my habibi watched {A}"], []),
    (["Seen {A} and {C}. Sorry, {B}, not {A}, my memory is shot"], ["B", "C"]),
])
def test_reviewers_cases_of_since_partners_and_repairs_with_talk(make_service, cast, turns, kept):
    assert history_after(make_service(), cast, turns, "rv58") == sorted(cast[k].movie_id for k in kept)


def test_a_mood_complained_of_rules_its_kind_out_and_a_kind_of_a_country_asks_nothing():
    from bot.messages import read_request

    for text in ("nothing too sad please", "not that one, too sad", "I want a romance, nothing too sad"):
        assert read_request(text).constraints.excluded_genres == ("Drama",)
    for text in ("Mexican horror", "recommend a French romance from the 90s"):
        request = read_request(text)
        assert request.unsupported == ("language",) and request.constraints == Constraints()


def test_newer_films_asked_after_a_film_stated_are_asked(synthetic_matcher, cast):
    acts = read_acts(f"saw {cast['A'].display_title} last night. what about newer films?", synthetic_matcher.index)
    assert isinstance(acts[-1], Recommend)


def test_a_film_said_not_seen_right_after_it_in_a_list_of_words_is_not_stored(make_service, cast):
    """Blind dev 61: "and Back to the Future, I haven't seen that either, is it worth the bother" stored the film."""
    turns = ["and {A}, I haven't seen that either, is it worth the bother"]
    assert history_after(make_service(), cast, turns, "ns61") == []
    assert history_after(make_service(), cast, ["{A}, I haven't seen {B} though"], "ns61b") == [cast["A"].movie_id]


def test_a_film_turned_down_as_seen_with_a_count_is_stored(synthetic_matcher, cast):
    """Blind dev 60: "Not The Matrix, I've seen it like five times" beside a request left The Matrix out of the history."""
    from benchmarks.conversation import fill

    acts = read_acts(fill("Could you suggest some sci-fi from after 1995? Not {A}, I've seen it like five times", cast),
                     synthetic_matcher.index)
    assert sorted(type(a).__name__ for a in acts) == ["AddWatched", "Recommend"]


def test_not_that_one_with_a_name_that_has_seen_it_asks_for_others(make_service):
    """Blind dev 61: "not that one, becky's seen it and says it's a dud" after a list was "I'm not sure what you mean"."""
    service = make_service()
    assert service.reply("nt61", "recommend me something").recommendations
    reply = service.reply("nt61", "not that one, becky's seen it and says it's a dud")
    assert reply.recommendations


@pytest.mark.parametrize("text, genres", [
    ("what's a good thriller from the 90s? kids are at camp", ("Thriller",)),
    ("the kids want a comedy", ("Comedy", "Children's")),
])
def test_children_said_away_or_wanting_are_people_not_a_kind(text, genres):
    """Blind dev 61: "kids are at camp" asked for children's films; "the kids want to watch it again" for a list."""
    from bot.messages import read_request

    assert read_request(text).constraints.genres == genres
    assert not any(isinstance(a, Recommend) for a in read_acts("is Heat on netflix? the kids want to watch it again"))


@pytest.mark.parametrize("text, decade", [
    ("ah hang on it was the old 50s one sorry, dads dvd", 1950), ("the one from the fifties", 1950),
    ("it was the 80s version", 1980), ("not the 80s one", None),
    ("Right, films from the 80s then.", None),  # a request, not a version (dev 22)
])
def test_a_version_said_by_its_decade(text, decade):
    """Blind dev 60: "ah hang on it was the old 50s one" after The Fly (1986) was stored gave a 1950s list."""
    from bot.messages import version_said

    said = version_said(text, strong_only=True)
    assert (said.decade if said is not None else None) == decade


def test_a_decade_set_off_after_a_kind_answers_which_one():
    """Blind dev 59: "The musical, from the eighties." answers "Which movie is Little Shop of Horrors?"; "films from
    the 80s" stays a request."""
    from bot.messages import version_said

    assert version_said("The musical, from the eighties. I didn't know there was another.").decade == 1980
    assert version_said("Right, films from the 80s then.") is None


def test_n_opening_a_message_is_and():
    """Blind dev 60: "n the second one straight after" was not read as "and the second one"."""
    from bot.understanding import in_english

    assert in_english("n the second one straight after").lstrip().startswith("and the second one")
    assert in_english("n").strip() == "n"  # a lone "n" stays a "no"


@pytest.mark.parametrize("text, unsupported, this_year", [
    ("What would you recommend from this year's releases?", (), True), ("whats good thats come out this year", (), True),
    ("any good movies under a hour n half? got a early start", ("length",), False),
    ("I'd like a comedy from the 1980s that isn't American", ("language",), False),
    ("I watched it this year", (), False),
])
def test_requests_the_catalogue_cannot_meet_are_read_as_asked(text, unsupported, this_year):
    """Blind dev 59, 60: "this year's releases", "under a hour n half" and "a comedy that isn't American" got the usual
    list; this year is a year the catalogue (up to 2000) cannot reach, the others filters it does not have."""
    import datetime

    from bot.messages import read_request

    request = read_request(text)
    assert request.unsupported == unsupported
    assert (request.constraints.min_year == datetime.date.today().year) == this_year


def test_a_count_of_children_is_people_not_a_kind_of_film():
    """Blind dev 61: "seen all of those, every last one. the joys of having three kids" after animated children's
    films lost "animated" from the next list: "kids" read as a kind asked for."""
    from bot.messages import read_request

    assert read_request("seen all of those, every last one. the joys of having three kids").constraints.genres == ()
    assert read_request("three kids movies please").constraints.genres == ("Children's",)


@pytest.mark.parametrize("template", ["Just watched {A}, I never saw it coming!", "rewatched {A}, I haven't seen it in like 15 years"])
def test_not_seen_said_after_a_viewing_of_something_else_keeps_the_film(make_service, cast, template):
    """Reviewer: "Just watched The Sixth Sense, I never saw it coming!" was read as not seen."""
    assert history_after(make_service(), cast, [template], "ns61c") == [cast["A"].movie_id]


def test_words_that_sound_like_a_request_or_a_never_mind_but_are_not():
    """Reviewer: "More his type of movie than mine", "kids want to watch a movie tonight" (a request for children's
    films) and "forget it, titanic is too long" (no viewing said)."""
    from bot.messages import asks_for_films, read_request
    from bot.understanding import _after_waved_off

    assert not asks_for_films("More his type of movie than mine tbh")
    assert read_request("my kids want to watch a movie tonight, any ideas?").constraints.genres == ("Children's",)
    assert _after_waved_off("forget it, titanic is too long", None) == "forget it, titanic is too long"


@pytest.mark.parametrize("text, disliked", [
    ("Horror? never again.", ("Horror",)), ("westerns? nope", ("Western",)), ("musicals? hard pass", ("Musical",)),
    ("80s horror? nah", None), ("Heat? never again", None),
])
def test_a_kind_turned_down_at_once_is_a_dislike(text, disliked):
    """Reviewer: "Horror? never again." and "westerns? nope" gave lists of horror and westerns. A kind named alone,
    then a refusal from a closed list, is a dislike from now on; with years, or a film, it is read as before."""
    acts = read_acts(text)
    taste = acts[0] if len(acts) == 1 and isinstance(acts[0], SetTaste) else None
    assert (taste.disliked_genres if taste else None) == disliked


@pytest.mark.parametrize("text, liked, disliked", [
    ("I love sci-fi and hate romance", ("Sci-Fi",), ("Romance",)),
    ("I like comedies and can't stand horror", ("Comedy",), ("Horror",)),
    ("I hate horror and westerns", (), ("Horror", "Western")),
])
def test_two_tastes_joined_by_and_keep_their_own_ways(act_reader, text, liked, disliked):
    """Reviewer: "I love sci-fi and hate romance" ruled both out: the part after "and" with a taste verb of its own is
    read apart."""
    from bot.messages import taste_in

    taste = taste_in(text, None, act_reader.polarities)
    assert taste.disliked_genres == disliked
    assert (taste.constraints.genres if isinstance(taste, Recommend) else ()) == liked


@pytest.mark.parametrize("text, disliked, allowed", [
    ("I get bored by westerns", ("Western",), ()),
    ("I find war films a bit much", ("War",), ()),
    ("I'm done with horror after that tho, I mean it", ("Horror",), ()),
    ("I'm kind of over war movies?", ("War",), ()),
    ("crime films, no, too violent", ("Crime",), ()),
    ("My wife hates horror but I love it", (), ("Horror",)),
    ("Horror's fine but nothing too gory", (), ("Horror",)),
    ("Westerns are fine but nothing too long", (), ("Western",)),  # reviewer: "[GENRE] are fine" read as a dislike
    # dev notes: cut at the ";" the second part named no kind, and the first asked for musicals
    ("The wife adores musicals; I never could abide them.", ("Musical",), ()),
    ("My husband loves westerns. I can't stand them though.", ("Western",), ()),
])
def test_weariness_and_the_speakers_own_taste(synthetic_matcher, act_reader, text, disliked, allowed):
    """Dev notes: weariness of a kind ("bored by", "a bit much", "done with", "kind of over ... ?") was read as liked or
    asked for; "crime films, no" asked for crime; "My wife hates horror but I love it" and "Horror's fine but nothing
    too gory" ruled horror out. Weariness is a closed list over the taste model; the speaker's own liking said of the
    kind by "it" holds over someone else's; "too gory" beside horror allowed is a degree, not a dislike."""
    [taste] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste)
    assert (taste.disliked_genres, taste.allowed_genres) == (disliked, allowed)


def test_weariness_said_never_to_come_is_no_dislike(act_reader):
    from bot.messages import taste_in

    assert taste_in("I never get bored of westerns", None, act_reader.polarities) is None
    assert taste_in("I get bored of westerns", None, act_reader.polarities).disliked_genres == ("Western",)


@pytest.mark.parametrize("template, kept", [
    ("Went to a rep screening of {A} last night", True),
    ("caught a midnight showing of {A} at the Odeon", True),
    ("I had {A} watched before you asked", True),
    ("I have {A} seen, it was good", True),
    ("my brother went to a screening of {A}", False),
    ("I want to go to a screening of {A}", False),
    ("I have {A} not seen", False),
])
def test_a_screening_attended_and_the_perfect_with_the_film_between(make_service, cast, template, kept):
    """Dev notes: "Went to a rep screening of X" was read as not seen, and so were "I had X watched" (Irish) and
    "I have X seen" (a German word order). The speaker's own screening, and a participle right after the film, say
    it was seen; someone else's screening, or one wanted, do not."""
    assert history_after(make_service(), cast, [template], f"scr{hash(template) % 1000}") == (
        [cast["A"].movie_id] if kept else [])


def test_a_film_judged_after_i_reckon_was_seen(make_service, cast):
    """Dev notes: "reckon office space is the funniest thing ever made" was read as not seen ("reckon" is "think"
    in the dialect file); "I don't reckon I've seen X" stays not seen."""
    service = make_service()
    assert history_after(service, cast, ["reckon {A} is the funniest thing ever made"], "rk1") == [cast["A"].movie_id]
    assert history_after(service, cast, ["I don't reckon I've seen {A}"], "rk2") == []


@pytest.mark.parametrize("follow, listed", [
    ("Only British ones, please. I developed a taste for them overseas.", False),
    ("any of those under 90 minutes?", False),
    ("only comedies, and French if you can", True),  # a kind asked beside it: the list for the rest
    ("similar ones? and are they on prime", True),  # blind dev 62: films like the last, asked beside it
    ("only American ones please", False),  # dev notes: told "I don't know 'only American ones'"
    ("American movies only", False),
    ("something from the US?", False),
])
def test_a_follow_up_that_asks_only_for_a_filter_it_lacks_gets_no_list(make_service, follow, listed):
    """Blind dev 62: after a thriller list, "Only British ones, please." was told "I can't filter by language or
    country" above another thriller list. A message whose one new ask is a filter the catalogue lacks is said, with
    no list that would pretend; one that asks something else too keeps the list for the rest."""
    service = make_service()
    assert service.reply("brit", "Could you recommend a drama for this evening?").recommendations
    reply = service.reply("brit", follow)
    assert ("filter" in reply.text or "streaming" in reply.text) and bool(reply.recommendations) == listed


@pytest.mark.parametrize("text, named", [
    ("And Kelly's Heroes the night before, which I would give a Seven.", ["Kelly's Heroes"]),
    ("rated Heat a Seven", ["Heat"]),
    ("watched Heat, Seven out of ten", ["Heat"]),
    ("I would give Seven a nine", ["Seven"]),
    ("I watched Seven yesterday", ["Seven"]),
    ("Kelly's Heroes gets a Seven from me", ["Kelly's Heroes"]),  # reviewer: a film said to get a score
])
def test_a_number_given_as_a_score_is_no_title(text, named):
    """Blind dev 62: "Kelly's Heroes ..., which I would give a Seven" stored Seven (Se7en). A number word given as a
    score ("give it a seven", "seven out of ten") names no film; the film given a score still does."""
    from bot.mentions import sentence_spans
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    movies = [Movie(1, "Seven (Se7en) (1995)", "Seven (Se7en)", 1995, ("Thriller",)),
              Movie(2, "Heat (1995)", "Heat", 1995, ("Action",)),
              Movie(3, "Kelly's Heroes (1970)", "Kelly's Heroes", 1970, ("War",))]
    index = TitleIndex(MovieCatalog(movies, [1, 2, 3], ["<pad>", "<unk>"], 10))
    assert [s.text.removeprefix("a ") for s in sentence_spans(text, index, said_watched=True)] == named


def test_a_third_persons_also_seen_is_theirs(make_service, cast):
    """Blind dev 62: "She has also seen You've Got Mail several times over, but I have so far been spared that one"
    stored the film ("also" read as the speaker's)."""
    service = make_service()
    assert history_after(service, cast, ["She has also seen {A} several times over, but I have been spared that one."],
                         "also1") == []
    assert history_after(service, cast, ["I have also seen {A}"], "also2") == [cast["A"].movie_id]


def test_a_third_persons_viewing_beside_a_request_is_theirs(make_service, cast):
    """Dev notes: "She's also seen Toy Story so pick something else" stored the film (the request's films and the
    whole-message model read it as the speaker's); "I've seen X so pick something else" gave no list."""
    service = make_service()
    reply = service.reply("also3", "She's also seen {A} so pick something else".format(A=cast["A"].display_title))
    assert reply.recommendations and service.history("also3") == []
    assert cast["A"].movie_id not in {r.movie.movie_id for r in reply.recommendations}
    for k, text in enumerate(["I've seen {A} so pick something else", "seen {A}, pick something else"]):
        reply = service.reply(f"also4{k}", text.format(A=cast["A"].display_title))
        assert reply.recommendations and [m.movie_id for m in service.history(f"also4{k}")] == [cast["A"].movie_id]


def test_a_viewing_someone_insisted_on_is_the_speakers(make_service, cast):
    """Blind dev 62: "My Wife insisted that we watch Sabrina on Sunday evening, and I went along with it" was read
    as not seen."""
    assert history_after(make_service(), cast, ["My Wife insisted that we watch {A} on Sunday evening, and I went along"],
                         "ins1") == [cast["A"].movie_id]


def test_a_letter_typed_three_times_is_the_names_letter(make_service, cast):
    """Blind dev 62: "I watched ... Pattton again this week" asked "Which movie is Pattton: Patton?". A letter held
    down ("Pattton", "Jawsss") is the name's own letter: the film is stored as exactly named."""
    import re

    title = cast["A"].display_title
    held = re.sub(r"([a-z])", r"\1\1\1", title, count=1)  # the name's first small letter, typed three times
    service = make_service()
    reply = service.reply("held", f"I watched {held} again this week")
    assert [m.movie_id for m in service.history("held")] == [cast["A"].movie_id]
    assert "Which movie" not in reply.text and "I took" not in reply.text  # named, neither asked nor guessed


@pytest.mark.parametrize("template, kept", [
    ("{B} 9/10. {A} 4/10 abeg, too much noise, everyone shouting everywhere", True),
    ("haven't seen {A}, it has 8/10 on imdb", False),
])
def test_a_score_given_right_after_the_film_is_a_viewing(make_service, cast, template, kept):
    """Blind dev 62: "braveheart 9/10. armageddon 4/10 abeg, too much noise" left Armageddon out (a word the model
    does not know after the score). The speaker's score right after a title says it was seen; a site's does not."""
    assert (cast["A"].movie_id in history_after(make_service(), cast, [template], f"sc{int(kept)}")) == kept


def test_what_is_asked_instead_ends_what_is_turned_down(make_service):
    """Blind dev 63: "actually nvm no horror make it funny" after a horror list ruled out horror and comedy."""
    service = make_service()
    service.reply("instead", "scary movies rn")
    shown = service.reply("instead", "actually nvm no horror make it funny").recommendations
    assert shown and all("Comedy" in r.movie.genres and "Horror" not in r.movie.genres for r in shown)


@pytest.mark.parametrize("text, window", [
    ("Only until 1984, please.", (None, 1984)), ("a comedy from 1980 till 1985", (1980, 1985)),
])
def test_until_a_year_keeps_that_year(text, window):
    """Blind dev 63: "Only until 1984, please." after a list was read as a title, "Only until (1984)"."""
    from bot.messages import read_request

    c = read_request(text).constraints
    assert (c.min_year, c.max_year) == window


@pytest.mark.parametrize("turns, kept", [
    (["watched {A} last night", "wait no undo that was my brother not me lol"], []),
    (["watched {A}", "lol delete that my friends cant know"], []),
    (["watched {A}", "wait also {B} forgot that one"], ["A", "B"]),
])
def test_undo_with_talk_and_a_film_forgotten_before(make_service, cast, turns, kept):
    """Blind dev 63: "wait no undo that was my brother not me lol" and "lol delete that my friends cant know" undid
    nothing; "wait also rush hour forgot that one" was read as not seen."""
    user = f"u{abs(hash(turns[1])) % 10000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_a_repair_after_i_mixed_it_up(make_service, cast):
    """Blind dev 63: "Last night I saw Heat - no, sorry, I mix it up, it was Ronin." stored both."""
    assert history_after(make_service(), cast, ["Last night I saw {A} - no, sorry, I mix it up, it was {B}."],
                         "mix1") == [cast["B"].movie_id]


@pytest.mark.parametrize("template", [
    "I want war films from the 1990s, but no {A}, this I have seen 2 times already.",
    "Film-Noir from the 1940s, please. Not {A}, this one I know already by heart.",
])
def test_a_film_turned_down_as_seen_object_first_is_stored(synthetic_matcher, cast, template):
    """Blind dev 63: "no Saving Private Ryan, this I have seen 2 times already" and "Not The Maltese Falcon, this one
    I know already by heart" beside a request left the film out of the history."""
    from benchmarks.conversation import fill

    acts = read_acts(fill(template, cast), synthetic_matcher.index)
    assert sorted(type(a).__name__ for a in acts) == ["AddWatched", "Recommend"]


def test_the_other_one_seen_goes_in_for_the_one_taken_out(make_service, cast):
    """Blind dev 63: "remove gremlins i got it mixed up the other one i saw was ghostbusters 2" also tried to remove
    the film meant ("... is not in your history")."""
    service = make_service()
    history_after(service, cast, ["watched {A} and {B} this weekend"], "other1")
    reply = service.reply("other1", f"remove {cast['B'].display_title} i got it mixed up the other one i saw was "
                                     f"{cast['C'].display_title}")
    assert sorted(m.movie_id for m in service.history("other1")) == sorted([cast["A"].movie_id, cast["C"].movie_id])
    assert "not in your history" not in reply.text


def test_texting_r_is_are_and_baby_stuff_is_childrens(synthetic_matcher, act_reader):
    """Blind dev 63: "romance movies r so cringe ngl" asked for romance; "any anime movies like cartoon but not baby
    stuff" kept children's films."""
    [taste] = read_acts("romance movies r so cringe ngl", synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and taste.disliked_genres == ("Romance",)
    [request] = read_acts("any anime movies like cartoon but not baby stuff")
    assert request.constraints.excluded_genres == ("Children's",)


def test_afrikaans_nee_then_the_film_meant_replaces_the_latest_add(make_service, cast):
    """Blind dev 64: "nee wait. just first blood. the 1st one" after Rambo II kept Rambo II and answered "I have no
    open question" ("nee" is "no" in the dialect file; "no wait." then the film is one repair; the place said beside
    it describes the film)."""
    service = make_service()
    history_after(service, cast, ["watched {A}"], "nee1")
    reply = service.reply("nee1", f"nee wait. just {cast['B'].display_title}. the 1st one")
    assert [m.movie_id for m in service.history("nee1")] == [cast["B"].movie_id]
    assert "open question" not in reply.text


def test_a_viewing_taken_back_with_the_subject_left_out(make_service, cast):
    """Blind dev 64: "actually didnt watch it. fell asleep in the first 5 min. remove" was not understood."""
    service = make_service()
    history_after(service, cast, ["watched {A}"], "drop1")
    service.reply("drop1", "actually didnt watch it. fell asleep in the first 5 min. remove")
    assert service.history("drop1") == []


def test_a_one_word_name_after_a_relation_is_that_person(make_service, cast):
    """Blind dev 63: "My colleague Dave recommended me Office Space. I have watched it yesterday ..." read Dave
    (1993) as a film and stored nothing. A one-word name right after "my colleague", "my friend" is the person; the
    film the "it" points back to is stored once."""
    from bot.mentions import sentence_spans

    service = make_service()
    one_word = next(m for m in service.catalog.movies if " " not in m.display_title)
    text = f"My colleague {one_word.display_title} recommended me {cast['A'].display_title}."
    assert [s.text for s in sentence_spans(text, service.matcher.index)] == [cast["A"].display_title]
    reply = service.reply("rel1", f"{text} I have watched it yesterday and it was great. 10/10.")
    assert [m.movie_id for m in service.history("rel1")] == [cast["A"].movie_id]
    assert "Already" not in reply.text


@pytest.mark.parametrize("text, window", [
    ("newer, like 2018", (2018, 2018)), ("then the newest you get, 2000", (2000, 2000)),
    ("something from 1985, 1990 was a good year", (1985, 1985)),
])
def test_years_given_as_examples_of_newer(text, window):
    """Blind dev 62: "newer ones? like 2018, 2019. these ones are old" got a list from 1999 on (the years past the
    catalogue never said); "then the newest you get, 2000" was not understood."""
    from bot.messages import read_request

    c = read_request(text).constraints
    assert (c.min_year, c.max_year) == window


def test_newer_with_years_past_the_catalogue_says_so(make_service):
    service = make_service()
    assert service.reply("new18", "romance. something for me and my fiance").recommendations
    reply = service.reply("new18", "newer ones? like 2018, 2019. these ones are old")
    assert not reply.recommendations and "2018" in reply.text


def test_more_asked_beside_a_long_winter_keeps_the_list(make_service):
    """Review of dev 35 after the change above: "And a few more still. I have a long winter ahead of me" after a list
    was told "I can't filter by length" with no list ("long winter" is no length, and "more" asks for the list)."""
    service = make_service()
    assert service.reply("winter", "Have you got dramas?").recommendations
    reply = service.reply("winter", "And a few more still. I have a long winter ahead of me and nothing but the cat.")
    assert reply.recommendations and "length" not in reply.text


@pytest.mark.parametrize("template, kept", [
    ("I would like something with the spirit of {A}, a comedy, though I confess I have never actually seen it.", []),
    ("I watched {A}. {B}, I have never seen it.", ["A"]),
    ("I watched {A}, never seen it before", ["A"]),
])
def test_never_seen_it_said_in_a_later_clause_of_the_film_just_named(make_service, cast, template, kept):
    """Blind dev 62: "something with the spirit of Mister Roberts, a Navy comedy, though I confess I have never
    actually seen it" stored Mister Roberts."""
    user = f"nsl{abs(hash(template)) % 10000}"
    assert history_after(make_service(), cast, [template], user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("template, kept", [
    ("Finally watched {A}. Can't believe I had never seen it.", ["A"]),
    ("I showed my son {A} last night, he loved it", ["A"]),
    ("My wife rates {A} 10/10, I refuse to watch it", []),
    ("{A} 8/10 apparently, should I watch it?", []),
    ("My wife insisted we watch {A} but I went to bed", []),
    ("Went to a screening of {A} but it was sold out", []),
])
def test_reviewer_found_misreadings_of_the_dev_62_64_rules(make_service, cast, template, kept):
    """Reviewer of the dev 62-64 change: "Can't believe I had never seen it" took the film out with an empty reply;
    "showed my son Jaws" read Jaws as the son; a score someone else gives stored the film; "insisted we watch X but I
    went to bed" stored it; a sold-out screening stored it."""
    user = f"rv62{abs(hash(template)) % 10000}"
    assert history_after(make_service(), cast, [template], user) == sorted(cast[k].movie_id for k in kept)


def test_reviewer_found_misreadings_of_requests_and_tastes(make_service, synthetic_matcher, act_reader):
    """Reviewer of the dev 62-64 change: "I nee a good thriller" (a slip of "need") set a dislike; "You left out the
    romances, why?" ruled romance out; "more please, in English only" got no list; "My kids are bored of Frozen, any
    other cartoons?" ruled children's films out."""
    [request] = read_acts("I nee a good thriller for tonight", synthetic_matcher.index, acts=act_reader)
    assert isinstance(request, Recommend) and request.constraints.genres == ("Thriller",)
    [request] = read_acts("You left out the romances, why?")
    assert "Romance" not in request.constraints.excluded_genres
    service = make_service()
    assert service.reply("rv62m", "recommend me a drama").recommendations
    assert service.reply("rv62m", "more please, in English only").recommendations
    from bot.messages import taste_in

    assert taste_in("My kids are bored of Frozen, any other cartoons?", synthetic_matcher.index,
                    act_reader.polarities) is None or "Children's" not in taste_in(
        "My kids are bored of Frozen, any other cartoons?", synthetic_matcher.index, act_reader.polarities).disliked_genres


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}. I hear the sequel is even better but I haven't watched it yet"], ["A"]),
    (["I reckon {A} is overrated, haven't seen it though"], []),
    (["I made my girlfriend {A} watch with me lol"], ["A"]),
    (["watched {A}", "haven't watched them. the sequels I mean"], ["A"]),
    (["watched {A}, {B} and {C}", "lol undo the last one"], ["A", "B"]),
])
def test_second_reviewer_found_misreadings_of_the_dev_62_64_rules(make_service, cast, turns, kept):
    """Second reviewer of the dev 62-64 change: "never seen it" about the sequel took the film said before out; a
    film shown to a relative ("made my girlfriend Heat watch") was read as a person; "and 2 days later", "also 3 of my
    friends" added a sequel (above, with a series); "haven't watched them. the sequels I mean" took the film out; "lol undo the last one"
    took the whole add back."""
    user = f"rv2{abs(hash(tuple(turns))) % 10000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_second_reviewer_found_misreadings_of_requests(make_service):
    """A life told with "until 1992" set no year limit; "no, something else" after a list answered "no open
    question"; "no X, this I have seen a hundred times" after a list became a correction with no list."""
    from bot.messages import read_request

    assert read_request("I lived abroad until 1992 so I missed a lot of comedies, recommend some").constraints.max_year is None
    service = make_service()
    assert service.reply("rv2r", "recommend a drama").recommendations
    reply = service.reply("rv2r", "no, something else")
    assert reply.recommendations and "open question" not in reply.text


@pytest.mark.parametrize("text, genre", [
    ("I never get sick of westerns", "Western"), ("I'm not done with westerns yet, more please", "Western"),
    ("I could never get tired of sci-fi, what do you have?", "Sci-Fi"),
])
def test_weariness_denied_asks_for_the_kind(synthetic_matcher, mention_reader, act_reader, text, genre):
    """Reviewers of the dev 62-64 change: "I never get sick of westerns" and "I'm not done with westerns yet" set a
    standing dislike (the rules read "sick of" and "not" as negations)."""
    acts = read_acts(text, synthetic_matcher.index, mention_reader, act_reader)
    assert not any(isinstance(a, SetTaste) for a in acts)
    assert any(isinstance(a, Recommend) and genre in a.constraints.genres and genre not in a.constraints.excluded_genres
               for a in acts)


def test_a_kind_allowed_is_not_ruled_out_by_the_request_beside_it(synthetic_matcher, mention_reader, act_reader):
    """Reviewer of the dev 62-64 change: "My wife hates westerns but I love them, any recommendations?" ruled westerns
    out of the list (the rules read "hates westerns" into the request)."""
    acts = read_acts("My wife hates westerns but I love them, any recommendations?", synthetic_matcher.index,
                     mention_reader, act_reader)
    requests = [a for a in acts if isinstance(a, Recommend)]
    assert requests and all("Western" not in r.disliked_genres + r.constraints.excluded_genres for r in requests)


def test_done_with_a_kind_after_the_last_one_beside_a_request():
    """Reviewer of the dev 62-64 change: "I'm done with horror after that last one tho, anything else?" gave horror."""
    [request] = read_acts("I'm done with horror after that last one tho, anything else?")
    assert "Horror" in request.disliked_genres and "Horror" not in request.constraints.genres


@pytest.mark.parametrize("turns, kept", [
    (["Finally got through {A}. Threw on {B} the week after. Yojimbo is next, haven't seen that one yet."], ["A", "B"]),
    (["is {A} ok for my nephew?? we havent watched it yet", "update lol we watched it. also did {B} the day after"],
     ["A", "B"]),
])
def test_it_said_before_a_film_of_the_message_is_the_one_asked_about(make_service, cast, turns, kept):
    """The final batch of the dev 62-64 change: "we watched it. ... also did mulan the day after" lost the film asked
    about the turn before (the "it" was taken for Mulan); "Yojimbo is next, haven't seen that one yet" took the film
    of the sentence before out."""
    user = f"itb{abs(hash(tuple(turns))) % 10000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_a_version_by_its_people_beside_a_remake_turned_down():
    """Final batch of the dev 62-64 change: "It was the one with Audrey Hepburn and Humphrey Bogart, naturally. I
    would not sit still for a remake." stored the 1995 Sabrina (the age word said farther off won over the people);
    "I would appreciate it if You left out the Romances" no longer ruled romance out (a complaint, "You left out
    ...", is not a request)."""
    from bot.intents import Answer
    from bot.messages import version_said

    said = "It was the one with Audrey Hepburn and Humphrey Bogart, naturally. I would not sit still for a remake."
    assert version_said(said) == Answer(age="older")
    [request] = read_acts("I would appreciate it if You left out the Romances.")
    assert "Romance" in request.constraints.excluded_genres


# -- blind dev 65-67 (a Bangalore engineer, a Glasgow pensioner, a mother dictating by voice, a film student, a
# Londoner in slang, a French speaker): classes found on their first run, read by closed lists ------------------------
def _series_index():
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    movies = [Movie(1, "Toy Story (1995)", "Toy Story", 1995, ("Animation",)),
              Movie(2, "Toy Story 2 (1999)", "Toy Story 2", 1999, ("Animation",)),
              Movie(3, "Jaws (1975)", "Jaws", 1975, ("Horror",)),
              Movie(4, "Jaws 2 (1978)", "Jaws 2", 1978, ("Horror",)),
              Movie(5, "Saving Private Ryan (1998)", "Saving Private Ryan", 1998, ("War",)),
              Movie(6, "Star Wars: Episode V - The Empire Strikes Back (1980)",
                    "Star Wars: Episode V - The Empire Strikes Back", 1980, ("Sci-Fi",)),
              Movie(7, "Star Wars: Episode IV - A New Hope (1977)", "Star Wars: Episode IV - A New Hope", 1977,
                    ("Sci-Fi",))]
    return TitleIndex(MovieCatalog(movies, [7, 6, 5, 4, 3, 2, 1], ["<pad>", "<unk>"], 10)), movies


@pytest.mark.parametrize("said, meant", [
    ("sorry i meant toy story to not the first one", "sorry i meant toy story 2 not the first one"),  # "two"
    ("we did jaws and jaws to then bed", "we did jaws and jaws 2 then bed"),
    ("we watched toy story part to no wait", "we watched toy story part 2 no wait"),
    ("the wedding part too long though", "the wedding part too long though"),  # no title before "part"
    ("I showed Jaws to my son", "I showed Jaws to my son"),  # a preposition: the next word shows it
    ("we watched jaws too", "we watched jaws too"),  # "also"
])
def test_a_sequels_number_dictated_as_a_word_is_the_number(said, meant):
    """Blind dev 66 (a mother dictating by voice): "toy story to", "the godfather part to" stored the first film."""
    from bot.understanding import _numbers_dictated

    index, _ = _series_index()
    assert _numbers_dictated(said, index) == meant


@pytest.mark.parametrize("said, scored", [
    ("and saving private ryan 8, the beginning on the beach", "and saving private ryan 8/10, the beginning on the beach"),
    ("I watched jaws 2", "I watched jaws 2"),  # a film of the series
    ("seen saving private ryan 2 times", "seen saving private ryan 2 times"),  # how often
])
def test_a_bare_number_after_a_film_of_no_series_is_its_score(said, scored):
    """Blind dev 67: "and saving private ryan 8, the beginning ..." was told "none of that series is that number"."""
    from bot.understanding import _numbers_as_scores

    index, _ = _series_index()
    assert _numbers_as_scores(said, index) == scored


def test_the_word_one_names_a_film_of_the_history():
    """Blind dev 65: "Take the Empire one off, son." named no film; "the Empire one" is the one film of the history
    whose title holds the word (none or two: no guess)."""
    from bot.messages import read_command
    from bot.titles import named_one_in_history

    _, movies = _series_index()
    assert named_one_in_history("the Empire one", movies).movie_id == 6
    assert named_one_in_history("the Star one", movies) is None  # two Star Wars films
    assert isinstance(read_command("Take the Empire one off, son."), RemoveWatched)


@pytest.mark.parametrize("said, old", [
    ("Wait, I meant Full Metal Jacket, no Platoon. Sorry son.", "Platoon"),  # "no" for "not": not every film replaced
    ("oh I meant home alone 2 not 1, the new york one with pigeon lady", "home alone"),  # the series' first
    ("I meant Alien, no, Aliens", None),  # taken back again: the latest add is replaced
])
def test_corrections_people_type(said, old):
    """Blind dev 65-67: "I meant X, no Y" replaced the whole latest add; "I said X but I meant Y", "not X i meant Y"
    (no comma) and "X 2 not 1, the new york one" were read as no correction or the wrong one."""
    from bot.messages import read_command

    corrected = read_command(said)
    assert isinstance(corrected, Correct)
    assert (corrected.old.titles[0].split(".")[0] if corrected.old else None) == old


@pytest.mark.parametrize("turns, kept", [
    (["Watched {A} last night. Naw wait, I'm gettin ma films mixed up, it was {B}."], ["B"]),
    (["I watched {A} and {B}", "Och, take off {A} and {B}, I'm mixin them up wi somethin else entirely"], []),
    (["I watched {A} and {B}", "Scrub {A}. I was thinkin o {B} twice."], ["B"]),
    (["I watched {A} and {B}", "non, cancel the last one, it was my son who watched it, not me"], ["A"]),
    (["I watched {A}", "Eh no, delete, it was {B} I think"], ["B"]),
    (["Last week: {A} and {B}", "Ah no, in fact it was not {A}, it was {C}, I confound always the films"], ["B", "C"]),
    (["For my list: {A}, {B} and {C}, all seen with my wife this winter"], ["A", "B", "C"]),
    (["I watched {A}", "take {A} off i only caught the last five minutes"], []),
    (["I watched {A}, {B} and {C}", "sorry not {B} i meant {D}"], ["A", "C", "D"]),  # no comma before "i meant"
    (["I watched {A} and {B}", "I said {A} but I meant {C}, the one with the kidnapping"], ["B", "C"]),
])
def test_repairs_in_dialect_and_in_learners_english(make_service, cast, turns, kept):
    """Blind dev 65-67: a Scots or London dropped g ("gettin", "mixin"), "wi", "o", "scrub", a French "non" and "in
    fact", "delete, it was Y", "For my list:" and a removal with "i only caught ..." after it were misread."""
    user = f"rp{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["Wee Isla watched {A} four times on Saturday while I was at the bowls."], []),
    (["Then hame for cake and they put on {A} while I did the dishes."], []),
    (["they put on {A} and I loved it"], ["A"]),  # nowhere else: the speaker watched too
    (["My advisor insists I haven't lived until I've seen {A}. I did, however, finally watch {B}."], ["B"]),
    (["Been meanin tae watch that {A} for years. I did see {B} mind."], ["B"]),
    (["recommend something in the style of {A} but not {A} itself, I've already seen that one twice"], ["A"]),
])
def test_viewings_that_are_someone_elses_or_not_yet(make_service, cast, turns, kept):
    """Blind dev 65-67: a named child ("Wee Isla") or "they put on X" while the speaker was elsewhere stored the film;
    "I haven't lived until I've seen X" and "meanin tae watch" stored it; "seen that one" after "not X itself" is X."""
    user = f"vw{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, disliked", [
    ("Science fiction, I confess, is not my thing; I can admire Tarkovsky, but that's roughly where it ends.",
     ("Sci-Fi",)),
    ("War films, on the other hand, I avoid on principle.", ("War",)),
    ("I'm allergic to romance as a genre: the meet-cute, the airport dash.", ("Romance",)),
    ("im not a horror person and not a war person either just saying before we start", ("Horror", "War")),
    ("I'm done wi horror films for good.", ("Horror",)),
])
def test_tastes_said_with_an_aside_or_an_idiom(synthetic_matcher, act_reader, text, disliked):
    """Blind dev 65-66: an aside between commas ("I confess", "on the other hand") hid the taste; "allergic to", "not
    a war person either just saying ..." and Scots "wi" were read as asking for the kind."""
    [taste] = read_acts(text, synthetic_matcher.index, acts=act_reader)
    assert isinstance(taste, SetTaste) and set(taste.disliked_genres) == set(disliked)


@pytest.mark.parametrize("text, genres, years", [
    ("something with action for date night then", ("Action",), (None, None)),  # the occasion yields to the kind
    ("something for date night", ("Romance",), (None, None)),
    ("a thriller from the nineties please but not horror i dont want gore just suspense", ("Thriller",), (1990, 1999)),
    ("Propose me a film of the years 50, I like the old ones", (), (1950, 1959)),
    ("I'm after something in the register of Blue Velvet", (), (None, None)),
])
def test_requests_people_type(synthetic_matcher, act_reader, text, genres, years):
    """Blind dev 66-67: "date night" beside a kind asked for romance too; "just suspense" after a dislike was ruled out
    with it; "the years 50" (French) and "in the register of X" were not read."""
    [request] = [a for a in read_acts(text, synthetic_matcher.index, acts=act_reader) if isinstance(a, Recommend)]
    assert request.constraints.genres == genres
    assert (request.constraints.min_year, request.constraints.max_year) == years


@pytest.mark.parametrize("follow, listed", [
    ("Anythin like that fae last year?", False),
    ("any new releases worth watching?", False),
    ("i need something under ninety minutes the baby wakes up at ten", False),
    ("you got any jamaican films?", False),
])
def test_what_the_catalogue_cannot_give_is_said_without_a_list(make_service, follow, listed):
    """Blind dev 65-67: last year's films, new releases, "under ninety minutes" and Jamaican films got a list."""
    service = make_service()
    assert service.reply("cant", "recommend something").recommendations
    assert bool(service.reply("cant", follow).recommendations) == listed


def test_an_actors_news_is_said_once_without_a_list(make_service):
    """Blind dev 65: "what is Tom Hanks doing these days? any new movie he is shooting?" got a list."""
    from bot import render

    reply = make_service().reply("news", "what is Tom Hanks doing these days? any new movie he is shooting?")
    assert not reply.recommendations and reply.text.count(render.CANNOT_ANSWER["news"]) == 1


@pytest.mark.parametrize("turns, kept", [
    (["ok ratings for my list {A} nine out of ten {B} eight"], ["A", "B"]),
    (["Quick log, Letterboxd-style: {A} ★★★★★; {B} ★★★★½; {C} ★★★ (carries it, barely)."], ["A", "B", "C"]),
    (["{A}: 4/10, and the least of its problems. I give {B} five stars"], ["A", "B"]),
    (["recommend something", "jake stop hitting your sister sorry more please"], []),
])
def test_scores_in_words_and_a_log(make_service, cast, turns, kept):
    """Blind dev 66: scores said in words ("nine out of ten", "five stars"), a log headed "Quick log, ...:" and stars
    with a half were misread; an apology to the listener after words to a child ("sorry more please") asked for
    nothing."""
    user = f"sc{abs(hash(tuple(turns))) % 100000}"
    service = make_service()
    assert history_after(service, cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("turns, kept", [
    (["something like {A} for tonight"], []),  # "for" is no dictated 4
    (["my mans already watched {A} so pick something else"], []),  # "my mans" is a partner
    (["the kids put on {A} while I did the dishes, then I sat down and watched the rest with them"], ["A"]),
    (["I haven't lived until I've seen {A}, apparently. I did watch it last year though."], ["A"]),
    (["Watched {A}, honestly, {B} is better"], ["A", "B"]),  # an aside after a title keeps its commas
    (["i dun remember if i watched {A}"], []),  # Singlish "dun" is "don't"
    (["watched {A}", "In fact it was {A} that made me love films like it, more like it?"], ["A"]),
    (["watched {A}", "no I meant {A}, no sequels please, something like it"], ["A"]),
    # the final batch: "I've seen it" felt, then denied, beside another film's viewing
    (["A friend described {A} so well that I feel I've seen it, though I haven't. I did see {B}, years ago."], ["B"]),
])
def test_what_the_reviewers_of_the_dev_65_67_change_found(make_service, cast, turns, kept):
    """Two reviewers compared the first version of the dev 65-67 change with the code before it: "for" read as a
    dictated 4, "my mans" as "I", "put on ... while I did the dishes" over the speaker's own viewing after it, "haven't
    lived until" over "I did watch it", an aside dropped after a title, "dun" as "done", "in fact it was X that ..." and
    "no sequels" read as corrections."""
    user = f"rv{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, genres, excluded, years", [
    ("I need a movie to make her laugh, she's had a rough week", ("Comedy",), (), (None, None)),
    ("I don't want anything that's just mindless action", (), ("Action",), (None, None)),
    ("films from the years 1950 to 1965", (), (), (1950, 1965)),
])
def test_requests_the_reviewers_of_the_dev_65_67_change_typed(synthetic_matcher, act_reader, text, genres, excluded,
                                                               years):
    """Reviewers: "make her laugh" lost its comedy (a noun only after "that", "this", "its"); "that's just mindless
    action" let action in ("just" ends a negation only where it opens what is wanted); "the years 1950 to 1965" read
    as the fifties."""
    [request] = [a for a in read_acts(text, synthetic_matcher.index, acts=act_reader) if isinstance(a, Recommend)]
    assert request.constraints.genres == genres and request.constraints.excluded_genres == excluded
    assert (request.constraints.min_year, request.constraints.max_year) == years


def test_a_later_sequel_and_a_plot_question_are_not_read_as_scores_or_news():
    """Reviewers: "I saw Men in Black 2" stored the 1997 film (2 read as a score); "is he dead at the end of
    Braveheart?" got the actors' news sentence."""
    from bot.intents import CannotAnswer
    from bot.messages import read_question
    from bot.understanding import _numbers_as_scores

    index, _ = _series_index()
    assert _numbers_as_scores("I saw saving private ryan 2.", index) == "I saw saving private ryan 2."
    assert read_question("is he dead at the end of Braveheart?") != CannotAnswer("news")
    assert read_question("is Sean Connery still alive?") == CannotAnswer("news")


@pytest.mark.parametrize("letter, body", [
    ("Hello dear,\n\nIt has been a gloomy week. I could use some comedies please.\n\nBernice\n",
     "It has been a gloomy week. I could use some comedies please."),
    ("Good evening dear,\nI'd like something romantic from the 1950s. Could you give me a few?\nLove,\nBernice",
     "I'd like something romantic from the 1950s. Could you give me a few?"),
    ("Heat\nRonin\nCasino", "Heat\nRonin\nCasino"),  # a pasted list of titles, one a line, stays one
    ("I watched Heat", "I watched Heat"),
])
def test_a_letters_greeting_and_sign_off_are_left_out(letter, body):
    """Blind dev 68 (a Florida widow writing emails): "Hello dear,\\n\\n...\\n\\nLove,\\nBernice" was read as a pasted list
    of titles, one a line ("I don't know 'dear'", no list); first run 109 / 160, 132 after this."""
    from bot.understanding import letter_body

    assert letter_body(letter, None) == body


def test_a_letter_asks_and_states_as_its_sentences_do(make_service, cast):
    service = make_service()
    reply = service.reply("letter", f"Good morning,\n\nI watched {cast['A'].display_title} again yesterday. More like "
                                    "that, please, something gentle.\n\nBernice\n")
    assert reply.recommendations and [m.movie_id for m in service.history("letter")] == [cast["A"].movie_id]


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A}", "undo pls i got it mixed up 😅"], []),
    (["I watched {A}", "oops i meant {B} not {A} lmao"], ["B"]),
])
def test_repairs_with_a_laugh_or_a_reason_after(make_service, cast, turns, kept):
    """Blind dev 69: "undo pls i got it mixed up" was not an undo; "oops i meant X not Y lmao" kept Y (the laugh was
    read as part of its name)."""
    user = f"lm{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_an_age_said_after_a_list_with_no_question_open_asks_older_films(make_service):
    """Blind dev 70: "older one leh" after a thriller list was told "I have no open question"."""
    service = make_service()
    first = service.reply("older", "recommend something")
    again = service.reply("older", "older one leh")
    assert again.recommendations
    assert max(r.movie.year for r in again.recommendations) <= max(r.movie.year for r in first.recommendations)


def test_a_viewing_someone_talked_the_speaker_into_is_the_speakers(make_service, cast):
    """Blind dev 68, final batch: "My grandson Tyler talked me into watching X with him" was read as not seen once the
    letter's lines were read as one text (the dialect file reads it as "made me watch")."""
    assert history_after(make_service(), cast, ["My grandson Tyler talked me into watching {A} with him on his visit."],
                         "talked") == [cast["A"].movie_id]


@pytest.mark.parametrize("answer, year, decade", [("86", 1986, None), ("'86", 1986, None),
                                                ("uhh the 80s one i think? jeff goldblum", None, 1980)])
def test_a_years_two_digits_or_a_hedged_decade_answers_which_one(answer, year, decade):
    """Blind dev 69: "86" answering "which one?" was "I don't know '86'"; "the 80s one i think?" asked for 80s films (the
    rising "?" of a doubt read as a question)."""
    from bot import policy
    from bot.dialogue import DialogueState, Pending

    state = DialogueState(pending=Pending("choose", "the fly", (1, 2)))
    acts = policy._version_meant(read_acts(answer), state, answer) or read_acts(answer)
    [said] = [a for a in acts if isinstance(a, Answer)]
    assert (said.year, said.decade) == (year, decade)


# -- blind dev 71-73 (a Midwestern mother, a London commuter, a retired history teacher, an Arabic-speaking student,
# an anxious over-explainer, a Reddit film nerd writing markdown) -------------------------------------------------
@pytest.mark.parametrize("typed, read", [
    ("**Watched:** GoodFellas, Casino\n**Want:** more crime", "Watched: GoodFellas, Casino\nWant: more crime"),
    ("Finally did **2001**. Gonna be *honest*: 6/10.", "Finally did 2001. Gonna be honest: 6/10."),
    ("~~Heat~~ Ronin last night", "Ronin last night"),  # struck out: taken back
    ("# Weekend recap\n- **Heat** — 10/10", "Weekend recap\n- Heat — 10/10"),
    ("scores:\n| movie | score |\n|---|---|\n| Blade Runner | 9.5 |\n| Dark City | 1998 | 8 |",
     "scores:\nBlade Runner 9.5/10\nDark City (1998) 8/10"),
    ("1986. Loved it", "1986. Loved it"),  # a year opening a line is no list's number
    ("plain text with 3 * 4", "plain text with 3 * 4"),
])
def test_a_message_typed_in_markdown_is_read_as_its_words(typed, read):
    """Blind dev 73 (a Reddit film nerd): "**Heat**", "~~X~~", tables and headings were read as titles ("I don't know
    '*Watched:** GoodFellas'"); first run 136 / 160."""
    from bot.intents import unmarked

    assert unmarked(typed) == read


@pytest.mark.parametrize("turns, kept", [
    (["**Watched:** {A}, {B}\n**Want:** more like those please"], ["A", "B"]),
    (['Friend: "you HAVE to watch **{A}**"\nMe: no thank you. Never seen it, never will.\n\nGive me a thriller instead.'],
     []),
    (["I can't stand musicals, sorry to all the {A} fans lol. I did love {B} though, watched it with the kids"], ["B"]),
    (["The grandchildren watched {A} and {B} at our house all weekend long. I was in the den with the ball game, so I "
      "still haven't seen either of them."], []),
    (["My wife watched {A} last night. I saw it years ago, when it first came out, so I read in the other room."], ["A"]),
    (["I saw {A} when it came out. And {B} is still sitting on my list of things to get to, I'm embarrassed to say."],
     ["A"]),
    (["Is {A} any good? And what about {B}, is that similar? Sorry, I haven't seen either of them, I'm just trying to "
      "decide."], []),
    (["Q for the hivemind: do I need {A} before {B}? Haven't seen either. Only slasher I've done is {C}."], ["C"]),
    (["On Sunday I watched {A}, no, I'm wrong, it was {B}; and those enormous guns up on the cliff."], ["B"]),
    (["I watched {A}", "I watched {B}", "undo — sorry! I was only there for the first ten minutes. That one shouldn't "
      "be on there."], ["A"]),
    (["I watched {A} and {B}", "take off {A} actually, fell asleep ten mins in"], ["B"]),
])
def test_blind_dev_71_to_73_classes_leave_the_history_expected(make_service, cast, turns, kept):
    """Each a class the blind dev sets 71-73 found: lines of a list beside sentences, fans of a film, a relation
    watching without the speaker, "I saw it years ago" after someone else's viewing, a list of films to get to, "I
    haven't seen either of them" after questions, "Only slasher I've done is X", "no, I'm wrong, it was Y", an undo
    set off by a dash, a removal's reason after it."""
    user = f"b71{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def _names_index():
    """A catalogue of one-word names that are also first names or everyday words, and two films beside them."""
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    rows = [("Dave", 1993, "Comedy"), ("Meet the Parents", 2000, "Comedy"), ("Shine", 1996, "Drama"),
            ("Stand by Me", 1986, "Drama"), ("Misery", 1990, "Horror"), ("Rocky", 1976, "Drama"), ("Heat", 1995, "Action")]
    movies = [Movie(i, f"{name} ({year})", name, year, (genre,)) for i, (name, year, genre) in enumerate(rows, start=1)]
    return TitleIndex(MovieCatalog(movies, [m.movie_id for m in reversed(movies)], ["<pad>", "<unk>"], 10))


@pytest.mark.parametrize("text, named", [
    ("Dave and I had a date night and saw Meet the Parents", ["Meet the Parents"]),
    ("ok so Dave wants an action movie but an old one", []),
    ("ok so Dave made me watch Misery last night", ["Misery"]),
    ("and me and Dave rewatched Misery last night", ["Misery"]),
    ("I did watch Shine and I thought it was marvellous", ["Shine"]),  # a film, then the speaker's own clause
    ("I watched Stand by Me and Misery this month", ["Stand by Me", "Misery"]),  # "Me" of a title
    ("I loved Dave, such a sweet film", ["Dave"]),
    # a plain verdict said of a name written as one, a film of its series beside it
    ("Rocky was great!! Rocky 4 was SO cheesy", ["Rocky"]),
    ("Heat was great, we went to the beach", []),  # no film talked of: a day, the weather
    ("the heat was awful today, give me a comedy", []),
])
def test_a_first_name_that_is_a_title_is_the_person_where_a_person_acts(text, named):
    """Blind dev 71 (a mother whose husband is Dave): "Dave and I had a date night", "Dave wants an action movie" and
    "Dave made me watch The Fly" stored Dave (1993), five conversations; "Rocky was great!!" stored nothing."""
    from bot.mentions import sentence_spans

    assert [(s.text, s.start) for s in sentence_spans(text, _names_index())] == [(n, text.index(n)) for n in named]


@pytest.mark.parametrize("text, topic", [
    ("are any of these on Disney+?", "streaming"),
    ("unrelated but is Pacino doing anything new lately?", "news"),
    ("Is Harrison Ford working on anything new these days?", "news"),
    ("I watched Heat. Anything new in the 90s?", None),  # films asked for
])
def test_questions_of_streaming_and_news_with_request_words_are_questions(text, topic):
    """Blind dev 71-73: "is Pacino doing anything new lately?" and "are any of these on Disney+?" gave lists
    ("anything" read as a request; "Disney+?" missed by a word boundary after "+")."""
    from bot.intents import CannotAnswer
    from bot.messages import read_question

    assert read_question(text) == (CannotAnswer(topic) if topic else None)


def test_talk_beside_a_question_it_cannot_answer_asks_for_no_list(make_service, cast):
    service = make_service()
    service.reply("net", f"I watched {cast['A'].display_title}")
    reply = service.reply("net", f"is {cast['A'].display_title} on Netflix? want to show my sister")
    assert not reply.recommendations and "stream" in reply.text


@pytest.mark.parametrize("text, negative", [
    ("scream 2 was fine, not as good as the first tho", False),  # a film weighed, none ruled out
    ("heat isn't as good as ronin", False),
    ("not too scary please", True),
    ("a thriller please, but not as long as Heat", True),  # a wish for less, no comparison of worth (a reviewer's)
    ("no more scream please", True),
])
def test_a_comparison_rules_nothing_out(text, negative):
    """Blind dev 71: "and scream 2 was fine, not as good as the first tho" asked for films without the Scream series."""
    from bot.requests import NEGATIVE

    assert bool(NEGATIVE.search(text)) == negative


@pytest.mark.parametrize("text, genres, relative, unsupported", [
    ("Could you suggest some horror from before 1980? my partner Chris laughs at me.", ("Horror",), "", ()),
    ("I've seen all of those, every one; I'm older than I sound.", (), "", ()),
    ("Have you anything else in that vein? I don't mind subtitles in the least.", (), "", ()),
    ("something with subtitles please", (), "", ("language",)),
])
def test_words_about_people_ask_for_no_kind_age_or_language(text, genres, relative, unsupported):
    """Blind dev 72-73: "my partner Chris laughs at me" asked for comedies, "I'm older than I sound" for older films,
    "I don't mind subtitles" was told it cannot filter by language."""
    requests = [a for a in read_acts(text) if isinstance(a, Recommend)]
    assert all(r.constraints.genres == genres and r.relative == relative and r.unsupported == unsupported
               for r in requests)


@pytest.mark.parametrize("text, answer, asks", [
    ("Oh gosh, sorry, the one with Jeff Goldblum. It was in colour, from the 80s I'm fairly sure", Answer(year=1986), False),
    ("the older one, I think? 1958?", Answer(age="older"), False),
    ("the 58 one, black n white. whats good from the 50s then?", Answer(year=1958), True),
])
def test_an_answer_to_which_one_among_other_words(text, answer, asks):
    """Blind dev 71 and 73: an answer with talk around it ("Oh gosh, sorry, the one with Jeff Goldblum. It was in
    colour ...") was told "I can't search by cast"; "the older one, I think? 1958?" gave a list of older films."""
    from bot.messages import version_said
    from bot.understanding import answer_said_first

    acts = answer_said_first(text, read_acts(text), None)
    assert acts[0] == answer and any(isinstance(a, Recommend) for a in acts) == asks
    assert version_said("ford one") == Answer(year=1995)  # Sabrina: Harrison Ford's (blind dev 71)


@pytest.mark.parametrize("text, sequel, version", [
    ("sorry 4 not 3. the one with jet li", ("4", "3"), None),
    ("oops, part 2 not 3", ("2", "3"), None),
    ("Oh gosh I'm so sorry, it was the 1986 one. It was definitely in colour. Can you swap it?", ("", ""), 1986),
])
def test_a_number_or_version_put_right_after_an_apology(text, sequel, version):
    """Blind dev 71 and 73: "sorry 4 not 3" and "Oh gosh I'm so sorry, it was the 1986 one" were not understood."""
    index, _ = _series_index()
    [said] = read_acts(text, index)
    assert isinstance(said, Correct) and (said.sequel, said.old_sequel) == sequel
    assert (said.version.year if said.version else None) == version


def test_a_taste_said_among_talk_of_a_film_holds(make_service, cast):
    """Blind dev 72: "Wonderful craftsmanship, ..., but I'll tell you plainly, I'm really not a horror man, and ..."
    (one comma-cut clause, read as a guessed list of names) set no taste."""
    service = make_service()
    said = service.reply("man", f"I watched {cast['A'].display_title} again last week. Wonderful craftsmanship, never "
                                "wasted a shot, but I'll tell you plainly, I'm really not a horror man, and I'd rather not "
                                "be sent more.")
    assert "Noted: no Horror" in said.text
    reply = service.reply("man", "recommend something")
    assert reply.recommendations and not any("Horror" in r.movie.genres for r in reply.recommendations)


def test_a_part_said_better_after_its_series_is_watched():
    """Blind dev 72: "the godfather is good but too slow for me, 7/10. part 2 is better" stored only the first."""
    index, _ = _series_index()
    adds = [a for a in read_acts("jaws is good but too slow for me, 7/10. part 2 is better, the beach is amazing", index)
            if isinstance(a, AddWatched)]
    assert {"jaws", "jaws 2"} <= {t.lower() for a in adds for t in a.titles.titles}


def test_arrows_between_films_with_a_nickname_among_them_are_a_list():
    """Blind dev 73: "A New Hope → Empire → Jedi" (nicknames the index does not find) was read as a correction."""
    from bot.lists import as_one_sentence

    index, _ = _series_index()
    assert as_one_sentence("Toy Story -> Jaws -> Empire -> Jaws 2", index) == "Toy Story, Jaws, Empire, Jaws 2"
    assert as_one_sentence("heat -> loved it -> casino", index) == "heat -> loved it -> casino"
    # a piece of talk among them leaves the arrows as typed (a reviewer's: "skipped part 3" made the list unseen)
    said = "Jaws -> Jaws 2 -> skipped part 3 -> Toy Story"
    assert as_one_sentence(said, index) == said


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A} and {B}", "take the second one off, sorry, I left halfway through for a phone call"], ["A"]),
    (["Watched {A} with the boys Saturday, no wait, {B}, the one with the big fight."], ["B"]),
    (["I watched {A}, no, I am sorry, {B}, the one in New York"], ["B"]),
    (["Watched: {A}, {B}\nWant: more like those"], ["A", "B"]),
    (["Mam watched {A} again on Sunday, I was on shift so I missed it, and the kids watched {B} with her after"], []),
    (["Our Rhys keeps quoting {A} at me, the funny one I think. I've never seen any of them"], []),
    (["I watched {A} and {B}", "take {B} off mind, I was fast asleep by then"], ["A"]),
])
def test_blind_dev_74_to_76_classes_leave_the_history_expected(make_service, cast, turns, kept):
    """Blind dev 73-76: a film of the latest add by its place with a reason after it, a repair after words of when and
    with whom or after "no, I am sorry", a labelled line of notes ("Want: ..."), "and the kids watched X with her",
    "I've never seen any of them", a Welsh "mind" after a removal's film."""
    user = f"b74{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_a_labelled_line_of_notes_asks_for_films(make_service, cast):
    reply = make_service().reply("label", f"**Watched:** {cast['A'].display_title}, {cast['B'].display_title}\n"
                                          "**Want:** more like those")
    assert reply.recommendations


def test_talk_of_who_a_film_is_for_beside_a_streaming_question_asks_for_no_list(make_service, cast):
    """Blind dev 76: "Is Field of Dreams on Netflix? Want to show the kids" gave a list of children's films."""
    reply = make_service().reply("kids", f"Is {cast['A'].display_title} on Netflix? Want to show the kids")
    assert not reply.recommendations


@pytest.mark.parametrize("text, both", [
    ("Did a double feature of both versions of The Fly tonight", True),
    ("Cape Fear - watched both versions this month. remake > original", True),
    ("which of both versions of The Fly is better?", False),  # asked
    ("I haven't seen both versions", False),
    ("Watched Sabrina with my parents, both of them loved it", False),  # people (a reviewer's)
    ("I watched The Fly and Jaws, loved both movies", False),  # the films listed
])
def test_every_version_said_watched(text, both):
    """Blind dev 72, 73 and 76: "watched both versions" of The Fly or Cape Fear asked which one, and stored neither (the
    service then stores every version; the synthetic catalogue has no name of two films, so the blind sets on
    MovieLens-1M measure that step: benchmarks/blind.py)."""
    from bot.messages import both_versions_said

    assert both_versions_said(text) == both


def test_a_correction_of_a_title_with_an_abbreviation_and_a_removal_by_two_words_of_it():
    """Blind dev 74: "I meant It's a Wonderful Life, not Mr. Smith. Jimmy Stewart is in both" took "Mr" for the film
    taken back (the first sentence cut at "Mr."); "remove the lock stock one" found no film (its title has a comma)."""
    from recommender.catalog import Movie
    from bot.titles import named_one_in_history

    [said] = [a for a in read_acts("I meant It's a Wonderful Life, not Mr. Smith. Jimmy Stewart is in both, you see.")
              if isinstance(a, Correct)]
    assert said.old.titles == ("Mr. Smith",)
    lock = Movie(1, "Lock, Stock & Two Smoking Barrels (1998)", "Lock, Stock & Two Smoking Barrels", 1998, ("Comedy",))
    other = Movie(2, "Trainspotting (1996)", "Trainspotting", 1996, ("Drama",))
    assert named_one_in_history("the lock stock one", [lock, other]) == lock


@pytest.mark.parametrize("turns, kept", [
    (["{A} made us all cry when we watched it on Sunday"], ["A"]),  # a film does that too, not only a person
    (["I'm one of the few {A} fans left I guess, saw it three times in the cinema"], ["A"]),
    (["I liked:\n{A}\n{B}\n\nGive me something from the 70s"], ["A", "B"]),
    (["I watched {A}", "recommend something", "That one shouldn't be on there, I said no gore"], ["A"]),
])
def test_the_review_findings_of_blind_dev_71_to_76_changes(make_service, cast, turns, kept):
    """Two reviewers' findings on this change: "X made me/us" read as a person, a fan of a film left out, a list's
    heading line kept a pasted list from reading as one, "That one shouldn't be on there" after a list took the latest
    add back."""
    user = f"rv{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_a_score_put_right_is_no_series_number():
    """A reviewer's: "Watched Lethal Weapon 2 last night, I'd give it a 3" then "oops, 4 not 3" added Lethal Weapon 4."""
    assert not isinstance(read_acts("oops, 4 not 3")[0], Correct)


@pytest.mark.parametrize("said", ["I just watched {A} and want more like it", "I watched {A} and I want something similar",
                                  "watched {A}, want more like it"])
def test_a_wish_for_more_after_a_viewing_asks_for_films(make_service, cast, said):
    """A reviewer's: "Is Pacino doing anything new? I just watched Heat and want more like it" gave no list once the
    news question was read as one: "and want more like it" was no clause of its own, so it asked for nothing."""
    from benchmarks.conversation import fill

    service = make_service()
    reply = service.reply("more", fill(said, cast))
    assert reply.recommendations and [m.movie_id for m in service.history("more")] == [cast["A"].movie_id]


# -- blind dev 77-79 (a Dutch student, a Georgia preacher, a Brazilian nurse, a teenage girl, a Bradford dispatcher,
# a Vermont librarian): classes of language their first run missed -------------------------------------------------
@pytest.mark.parametrize("turns, kept", [
    # repairs: a lie told and taken back, "I said X but I meant Y", the last one "there if you would", "undo" with why
    (["I watched {A}", "And while I'm at it, I said {A} but I meant {B}. {A} we haven't gotten to yet."], ["B"]),
    (["I have seen {A} and {B}", "Delete the last one there if you would, I've got it confused with another picture."],
     ["A"]),
    (["watched {A}!!", "wait no undo im thinking of a diff movie"], []),
    (["Rating time: {A} 8, {B} 7... no wait {B} I did not finish, forget that one. {C} 7"], ["A", "C"]),
    (["watched {A} and {B}", "Oh, and delete that last one, it was {C} we watched, not {B}."], ["A", "C"]),
    # a viewing intended, not had; one not got through
    (["I meant to watch {A} last week but could not bring myself to; perhaps next week."], []),
    (["This weekend I pretend to watch {A}, finally"], []),
    (["I've seen {A} more times than I could count, and I don't believe I ever made it all the way through {B} either."],
     ["A"]),
    # the speaker's own viewing said in other words
    (["Martha's been after me to see {A}, which I haven't, and {B}, which I have."], ["B"]),
    (["we wanted to watch {A} but the file was broken so we ended up watching {B} instead"], ["B"]),
    (["what I did see is {A}, about the piano guy. loved it"], ["A"]),
    (["Our film group screened {A} on Friday; I stayed for all of it."], ["A"]),
    (["Yesterday finally I see {A}!! everybody told me for years"], ["A"]),
    (["I want to watch {A} but my husband says it's very confused", "ok we watched! very good. And {B} also"],
     ["A", "B"]),
    # "that one" is the film just named, not the list shown before
    (["recommend something", "He was good in {A} too. We saw that one years back."], ["A"]),
])
def test_the_classes_of_blind_dev_77_to_79(make_service, cast, turns, kept):
    """Blind dev 77-79, first run 422/480: "I tell a lie", "I said X but I meant Y" and "delete that last one" left
    the wrong film; "I meant to watch X", "I pretend to watch X" (a learner's "intend") and "never made it through X"
    stored X; "which I have", "ended up watching X", "what I did see is X" stored nothing; "We saw that one years back"
    after a list stored the list."""
    user = f"d77{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, check", [
    ("My list, please.", lambda a: a == (ShowHistory(),)),
    ("I would like a comedy, but nothing later than 1960", lambda a: isinstance(a[0], Recommend)
     and a[0].constraints.genres == ("Comedy",) and a[0].constraints.max_year == 1960),
    ("recommend comedies with a bit of sci-fi in it", lambda a: a[0].constraints.all_genres),
    ("I find westerns tedious; all that riding about.", lambda a: a == (SetTaste(disliked_genres=("Western",)),)),
    ("Well, I'll be. I've seen every last one of those, some of them twice.", lambda a: a == (SeenThose(),)),
    ("I've seen all of those, believe it or not. Martha keeps a list in a spiral notebook.", lambda a: a == (SeenThose(),)),
    ("not that one, the first one. I dont like the actor", lambda a: not any(getattr(x, "unsupported", ()) for x in a)),
    ("newer, after 1990. the old ones are not scary for my friends",
     lambda a: isinstance(a[0], Recommend) and "Horror" not in a[0].constraints.excluded_genres),
    ("Nothing longer than an hour and a half, please. I fall asleep in my chair",
     lambda a: any("length" in getattr(x, "unsupported", ()) for x in a)),
    ("give me smth cute to recover pls", lambda a: a[0].constraints.genres == ("Comedy",)),
    ("Comedy that isn't romantic comedy. I'm allergic to meet-cutes.", lambda a: a[0].constraints.genres == ("Comedy",)),
    ("Might you have another picture along those lines for me?", lambda a: isinstance(a[0], Recommend)),
    ("we'd like more of that Humphrey Bogart sort of thing, from the forties",
     lambda a: isinstance(a[0], Recommend) and a[0].constraints.min_year == 1940),
    ("kids want it for the weekend. what else is good for kids?",
     lambda a: any(isinstance(x, Recommend) and x.constraints.genres == ("Children's",) for x in a)),
    ("acha undo, it were pt 2 i watched. 3 were our lass", lambda a: len(a) == 1 and a[0].sequel == "2"),
    ("everybody told me for years", lambda a: not any(isinstance(x, ShowHistory) for x in a)),
])
def test_the_requests_and_replies_of_blind_dev_77_to_79(act_reader, mention_reader, synthetic_matcher, text, check):
    """Blind dev 77-79: "My list, please." gave a list of films, "I would like a comedy, but nothing later than 1960"
    only a standing year, "comedies with a bit of sci-fi" either kind; "I find westerns tedious" asked for westerns;
    "every last one of those" and "... believe it or not" were no "seen those"; "I dont like the actor" asked to search
    by cast, "not scary for my friends" ruled horror out, and "undo, it were pt 2" (a Yorkshire "were") put nothing
    right."""
    assert check(read_acts(text, synthetic_matcher.index, mention_reader, act_reader))


def test_the_newest_films_held_are_asked_by_the_catalogues_last_years(synthetic_matcher, mention_reader, act_reader):
    """Blind dev 78: "ok, then the most new you have" after "from 2019" was read as a title it does not know."""
    newest = max(m.year for m in synthetic_matcher.index.catalog.movies if m.year)
    [asked] = read_acts("ok, then the most new you have", synthetic_matcher.index, mention_reader, act_reader)
    assert isinstance(asked, Recommend) and asked.constraints.min_year == newest - 1


@pytest.mark.parametrize("text, named", [
    ("Heat was great", "Heat"), ("heat was great", "heat"), ("Rocky was so good!", "Rocky"), ("Heat was great too", "Heat"),
    ("the heat today is unbearable", None), ("Heat was great, we went to the beach", None), ("Shine", None),
])
def test_a_verdict_on_an_everyday_name_alone_is_asked_about(text, named):
    """"Heat was great" alone answered "I don't know 'Heat was great'": a verdict on an everyday word that is a
    film's name is asked about ("Do you mean the movie Heat?"), never guessed either way."""
    from bot.mentions import verdict_on_a_name

    span = verdict_on_a_name(text, _names_index())
    assert (span.text if span is not None else None) == named


@pytest.mark.parametrize("text, spans", [
    ("I watched Jaws. part 2 is supposed to be better", ["Jaws"]),  # two sentences, not "Jaws part 2"
    ("I watched Jaws. part 2 too", ["Jaws", "Jaws 2"]),  # the part added on to the viewing before it
    ("High Noon, a ten. Jaws, a seven, it's a dark one.", ["Jaws"]),
])
def test_a_sentence_end_and_a_score_are_no_part_of_a_title(text, spans):
    """Blind dev 77-79: "I watched Alien. part 2 is supposed to be better" stored Aliens and not Alien; "Unforgiven,
    a seven" stored Se7en."""
    from bot.series import written_out

    index, _ = _series_index()
    assert [s.text for s in index.spans(written_out(text, index)) if s.movies] == spans


@pytest.mark.parametrize("typed, plain", [
    ("Please take off The Elephent *Elephant Man; I had confused it", "Please take off The Elephant Man; I had confused it"),
    ("I watched Vertgio *Vertigo (1958)", "I watched Vertigo (1958)"),
    ("I loved *Vertigo* and Heat", "I loved Vertigo and Heat"),  # italics, not a spelling put right
    ("Heat *Ronin", "Heat *Ronin"),  # two names, not one spelt again
    ("I watched Speed *Speed 2 was awful", "I watched Speed *Speed 2 was awful"),  # the same word again
    ("watched these:\n*Alien\n*Aliens", "watched these:\n*Alien\n*Aliens"),  # a bulleted list, not a slip
])
def test_a_word_put_right_with_a_star_replaces_the_slip(typed, plain):
    """Blind dev 79 (a librarian): "The Elephent *Elephant Man" was not found in the history to remove."""
    from bot.intents import unmarked

    assert unmarked(typed) == plain


def test_a_year_said_before_a_name_picks_that_version():
    """Blind dev 78: "the 96 romeo and juliet" stored the 1968 film; "the 78 jaws" is Jaws 2 by its year."""
    index, _ = _series_index()
    [said] = read_acts("I watched the 78 jaws", index)
    assert said.titles.titles == ("jaws (1978)",)


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A} and {B}. No wait, {B} was great, don't skip it if you haven't seen it"], ["A", "B"]),
    (["Never thought I'd say it but I got through {A} in one sitting"], ["A"]),
    (["I couldn't get through {A}"], []),
    (["Yesterday we watched {A} and I see the sequel is on Netflix now"], ["A"]),
    (["Our local cinema screened {A} last week but I couldn't go"], []),
    (["Our seminar screened {A} on Tuesday, but I fell asleep twenty minutes in, so it doesn't count."], []),
    (["if we end up watching {A} tonight I'll let you know"], []),
    (["We plan to see {A} again this weekend, loved it the first time"], ["A"]),
    (["I watched {A}", "one more thing, I meant to say thanks"], ["A"]),
    (["{A}, which I haven't seen. {B}, which I have."], ["B"]),  # the relative clause said of the film before it
    (["{A}, which I haven't. {B}, which I have."], ["B"]),
])
def test_the_review_findings_of_blind_dev_77_to_79_changes(make_service, cast, turns, kept):
    """Two reviewers' findings on this change: "don't skip it" dropped a film, "got through" after a negation in
    another clause read as unfinished, "I see the sequel is on" read as a viewing, a showing the speaker missed or
    slept through was stored, "plan to see X again" took a viewing back, "I meant to say thanks" took the latest add
    back."""
    user = f"r77{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, newest", [
    ("ok, then the most new you have", True), ("the newest movies please", True),
    ("I just saw it, the newest one", False), ("have you seen the latest? it is brilliant", False),
])
def test_the_newest_held_is_asked_only_as_films(text, newest):
    """A reviewer's: "Toy Story 2, the newest one" and "have you seen the latest?" asked for the newest films."""
    from bot.requests import NEWEST_HELD

    assert bool(NEWEST_HELD.search(text)) == newest


@pytest.mark.parametrize("text, check", [
    ("Science fiction, spaceships, robots, feh. Not for me.", lambda a: a == (SetTaste(disliked_genres=("Sci-Fi",)),)),
    ("War pictures, I've had enough. I was in Korea, I don't need to see it again.",
     lambda a: a == (SetTaste(disliked_genres=("War",)),)),
    ("war movies make me sad fr, skip em", lambda a: a == (SetTaste(disliked_genres=("War",)),)),
    ("a comedy please, I've had enough of sad stuff", lambda a: a[0].constraints.genres == ("Comedy",)),
    ("horror! skip em if they're cheesy", lambda a: isinstance(a[0], Recommend)),  # asked, the cheesy ones left out
    ("comedies. nothing else, dramas make me sad", lambda a: a[0].constraints.genres == ("Comedy",)),
    ("just comedys for me from now on, ive had enough of misery", lambda a: "Comedy" not in a[0].disliked_genres),
    ("These I have all seen. Every one.", lambda a: a == (SeenThose(),)),
    ("My daughter and I have seen all of those", lambda a: a == (SeenThose(),)),
])
def test_the_first_run_of_blind_dev_80_to_82(act_reader, mention_reader, synthetic_matcher, text, check):
    """Blind dev 80-82, written after this session's changes, first run 419/480: a kind named then turned down in
    words of its own ("feh. Not for me.", "I've had enough") asked for it; "These I have all seen" and "My daughter
    and I have seen all of those" were no "seen those"."""
    assert check(read_acts(text, synthetic_matcher.index, mention_reader, act_reader))


@pytest.mark.parametrize("turns, kept", [
    (["{A} 9/10. {B} 7. {C} 5 too long bro"], ["A", "B", "C"]),  # a score with talk after it
    (["{A} 9/10, {B} 7/10, {C} 6 - sorry phone going"], ["A", "B", "C"]),
])
def test_a_bare_score_with_talk_after_it_is_a_score(make_service, cast, turns, kept):
    """Blind dev 79-81: "armageddon 5 too long bro", "the negotiator 6 - sorry phone going" in a list of scores were
    read as sequels the catalogue lacks, and dropped."""
    user = f"s80{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, named", [
    ("Heat was good but the ending dragged", "Heat"), ("heat was fun tho way too long", "heat"),
    ("Rocky was great but the sequel is better", "Rocky"),
    ("Heat was great", None),  # no word that only a film has: asked about, not stored
    ("Heat was great but the beach was better", None), ("the heat today is unbearable but the plot of my day", None),
])
def test_a_verdict_then_what_only_a_film_has_names_the_film(text, named):
    """"speed was fun but way too long" and "Heat was good but the ending dragged" stored nothing ("I don't know ..."):
    an ending, a plot or a running time after the verdict says the everyday name is the film."""
    from bot.mentions import described_as_a_film

    span = described_as_a_film(text, _names_index())
    assert (span.text if span is not None else None) == named


@pytest.mark.parametrize("text, pieces", [
    ("fargo was ok but heat was amazing", ["fargo", "heat"]),
    ("aliens was good but alien was way better", ["aliens", "alien"]),
    ("fargo was great but the heat was awful", ["fargo"]),  # the weather
    ("fargo was great, heat 8/10", ["fargo", "heat"]),
    ("fargo was great but the ending was weak", ["fargo"]),
])
def test_a_second_verdict_keeps_its_title(text, pieces):
    """"aliens was good but alien was way better" stored Aliens only: the first verdict's tail took the second clause
    with it, title and all."""
    from bot.messages import read_open

    assert list(read_open(text, _names_index_with(("Fargo", 1996, "Crime"), ("Aliens", 1986, "Action"),
                                                  ("Alien", 1979, "Horror"))).titles.titles) == pieces


def _names_index_with(*rows):
    """_names_index with more films."""
    from recommender.catalog import Movie, MovieCatalog
    from recommender.titles import TitleIndex

    base = [(m.display_title, m.year, m.genres[0]) for m in _names_index().catalog.movies]
    movies = [Movie(i, f"{name} ({year})", name, year, (genre,)) for i, (name, year, genre) in
              enumerate([*base, *rows], start=1)]
    return TitleIndex(MovieCatalog(movies, [m.movie_id for m in reversed(movies)], ["<pad>", "<unk>"], 10))


@pytest.mark.parametrize("turns, kept", [
    (["{A} was good but {B} was way better"], ["A", "B"]),
    (["watched {A}, pretty good but long"], ["A"]),
])
def test_verdicts_said_of_two_films_store_both(make_service, cast, turns, kept):
    """The second film after "but" with its own verdict was dropped; a verdict with a "but" after a film was called an
    unknown title."""
    user = f"v83{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text", ["Heat was fun but the ending was silly", "heat was good but the ending was weak"])
def test_a_verdict_with_a_films_flaw_states_the_film_and_no_taste(act_reader, mention_reader, text):
    """"big was fun but the ending was silly" asked for comedies, then stored Big with comedy turned down: a word on
    that film's ending is no kind of film refused."""
    acts = read_acts(text, _names_index(), mention_reader, act_reader)
    assert [type(a).__name__ for a in acts] == ["AddWatched"] and [t.lower() for t in acts[0].titles.titles] == ["heat"]


@pytest.mark.parametrize("turns, kept", [
    (["I don't think I ever seen {A}. {B} though, aye, mony a time"], ["B"]),  # the participle as a past, negated
    (["dinna think i ever seen {A}"], []),
    (["I watched {A}", "it was {B}, not {A}"], ["B"]),  # put right without a word of apology first
    (["I watched {A} and {C}", "mixed up there, it wis {B} i seen, nae {A}"], ["B", "C"]),
    (["I watched {A} and {C}", "oops not {A}, meant {B}"], ["B", "C"]),
    (["I watched {A} and {C}", "Take off {A}, it was in fact {B}, the first film of them."], ["B", "C"]),
    (["I watched {A} and {C}", "remove {A}, it was boring and my wife watched {B}"], ["C"]),  # hers, not meant
    (["I watched {A} and {C}", "take {A} off, was the other one i seen, {B}"], ["B", "C"]),
    (["Is {A} on Netflix?", "never mind we watched it last week dave loved it"], ["A"]),
    (["Is {A} on Netflix?", "eh watched it anyway on dvd years back"], ["A"]),
    (["I would like to see {A} one day, it is a classic and I am ashamed."], []),  # a wish
    (["we saw {A} last weekend and then dave watched {B} by himself after i went to bed"], ["A"]),
    (["has anyone seen {A} is it ok for a six year old or will she have nightmares"], []),  # a question, no mark
    (["me and my husband watched {A} friday for are date night harrison ford has still got it"], ["A"]),
    (["I watched {A} and {B}", "oh no, not {B}, i have not seen that one"], ["A"]),
    (["I watched {A} and {B}", "Oh no, not {B}, of this one I have seen only the trailer"], ["A"]),
    (["I watched {A}", "Ah no, sorry, finally I didn't watch it, I have changed the channel after five minutes."], []),
    (["watched {A} n {B} tho"], ["A", "B"]),  # "tho" after the last of a list
])
def test_the_first_run_of_blind_dev_83_to_85_conversations(make_service, cast, turns, kept):
    """Blind dev 83-85 (Doric, Indian English, Australian, a French learner, a mother dictating, a professor), first
    run 407/480 on the session's start code: a negated hedge with "ever seen", "it was X, not Y" without an apology,
    the film meant after a removal, "never mind we watched it", a wish with a verdict after it, someone else's
    viewing "by himself", a question typed without its mark, "me and my husband watched", "of this one I have seen
    only the trailer" and a French "finally" (in the end) were misread."""
    user = f"d83{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, check", [
    ("gie's a list o guid films", lambda a: isinstance(a[0], Recommend)),
    ("fit wid ye pit on fir the nicht then", lambda a: isinstance(a[0], Recommend)),
    ("i'm no a horror man at aw, the wife neither", lambda a: a == (SetTaste(disliked_genres=("Horror",)),)),
    ("och undo that", lambda a: isinstance(a[0], Undo)),
    ("The action films, generally I find them stupid.", lambda a: a == (SetTaste(disliked_genres=("Action",)),)),
    ("Please bear in mind that I do not care for anything made after 1980; the decline has been steep.",
     lambda a: isinstance(a[0], SetTaste) and a[0].max_year == 1980),
    ("a horror movie for me and dave on halloween night once the kids are done trick or treating",
     lambda a: a[0].constraints.genres == ("Horror",)),
    ("need a comedy from the 80s tonight, something we can laugh at once the kids go down",
     lambda a: a[0].constraints.genres == ("Comedy",)),
    ("what is tom hanks doing these days", lambda a: isinstance(a[0], CannotAnswer) and a[0].topic == "news"),
    ("what are you doing these days", lambda a: not isinstance(a[0], CannotAnswer)),
    ("war films please, seen the lot", lambda a: any(isinstance(x, SeenThose) for x in a)),
    ("Correction: it was part 4 only, not 3. Jet Li was villain",
     lambda a: isinstance(a[0], Correct) and (a[0].sequel, a[0].old_sequel) == ("4", "3")),
    ("foo lang's the first een, i dinna want tae be up past ten", lambda a: isinstance(a[0], CannotAnswer)),
])
def test_the_first_run_of_blind_dev_83_to_85_sentences(act_reader, mention_reader, synthetic_matcher, text, check):
    """Blind dev 83-85: Doric ("o" for "of", "guid", "fit wid", "pit on", "at aw", "och"), a kind turned down as "I
    find them stupid", a standing year window said as "bear in mind", children named as people in a time clause
    ("once the kids go down") read as a children's film, a person's news asked in lower case, "seen the lot"."""
    assert check(read_acts(text, synthetic_matcher.index, mention_reader, act_reader))


def test_an_before_a_title_is_and():
    """Doric "an" before a title that opens with a vowel ("an aliens the nicht efter", "crimson tide an u571") was an
    article, and the title went unread; a title's own "An" stays."""
    from bot.understanding import in_english

    index = _names_index_with(("Aliens", 1986, "Action"), ("U-571", 2000, "Action"), ("Crimson Tide", 1995, "Drama"),
                              ("An American Tail", 1986, "Animation"))
    assert in_english("an aliens the nicht efter", index) == "and aliens the night after"
    assert in_english("then crimson tide an u571 the next twa nichts", index) == "then crimson tide and u571 the next two nights"
    assert in_english("an american tail", index) == "an american tail"
    assert in_english("an alien film please", index) == "an alien film please"


def test_a_misspelt_title_alone_after_the_viewing_verb_is_kept(make_service, cast):
    """"watched 101 dalmations with my daughter and Lion King also" stored Lion King and dropped the other silently:
    a lone misspelt piece right after the speaker's viewing verb (a word in it no word) is a title to match."""
    from recommender.titles import encoder_words

    a = cast["A"].display_title
    word = max(a.split(), key=len)
    swapped = (word[:at] + word[at + 1] + word[at] + word[at + 2:] for at in range(len(word) - 1))
    typo = a.replace(word, next(w for w in swapped if w.lower() not in encoder_words()))  # two letters swapped: no word
    assert history_after(make_service(), cast, [f"watched {typo} with my daughter and {{B}} also"], "typo83") == \
        sorted([cast["A"].movie_id, cast["B"].movie_id])


def test_a_version_named_by_its_kind_beside_its_title():
    """"watched little shop of horrors, the musical one with the plant" asked which version: the kind said beside it
    names the one version of that kind."""
    from bot.messages import version_kind

    assert version_kind("little shop of horrors, the musical one with the plant. heaps good") == "Musical"
    assert version_kind("101 dalmatians, the live action one") == "-Animation"
    assert version_kind("the musical one or the cartoon one") is None
    assert version_kind("a musical please") is None


@pytest.mark.parametrize("text, every", [
    ("both", True), ("both of them actually, the old one and the new one", True), ("all three", True),
    ("both of them loved it", False), ("both versions are on my list", False), ("all good", False),
])
def test_both_answers_a_which_one_with_every_choice(text, every):
    """Blind dev 83: "baith o them actually, the auld een an the new een" after "which Cape Fear?" stored only the first
    (the service stores every choice of the open question; the synthetic catalogue has no name of two films, so the
    blind sets on MovieLens-1M measure that step)."""
    from bot.messages import read_short_reply

    assert (read_short_reply(text) == Answer(every=True)) == every


def test_a_long_description_of_a_version_answers_the_open_which_one():
    """Blind dev 83: "the auld een fae the sixties in black an white" after "which Cape Fear?" asked for films of the
    sixties; with "which one?" open, one sentence that describes a version is its answer."""
    from bot.dialogue import DialogueState, Pending
    from bot.policy import _version_meant

    asking = DialogueState(Pending("choose", "cape fear", (1, 2)))
    request = Recommend(Constraints(min_year=1960, max_year=1969), follow_up=True)
    assert _version_meant((request,), asking, "the auld een fae the sixties in black an white") == (Answer(decade=1960),)
    assert _version_meant((request,), DialogueState(), "the auld een fae the sixties in black an white") is None


@pytest.mark.parametrize("text, spans", [
    ("I watched Jaws and its first sequel back to back", ["Jaws", "Jaws 2"]),
    ("I watched Saving Private Ryan and its sequel", ["Saving Private Ryan"]),  # no series: nothing written out
    ("I have watched Toy Story, the two films, one each night", ["Toy Story", "Toy Story", "Toy Story 2"]),
])
def test_a_sequel_said_by_its_relation_or_a_count_beside_the_name(text, spans):
    """Blind dev 84-85: "The Godfather and its first sequel" and "the Godfather, the three parts" stored the first film
    and called the rest unknown titles."""
    from bot.series import written_out

    index, _ = _series_index()
    assert [s.text for s in index.spans(written_out(text, index)) if s.movies] == spans


@pytest.mark.parametrize("piece, talk", [("one each night", True), ("mony a time", True), ("many a time", True),
                                         ("One Night Stand", False), ("pretty good but long", True)])
def test_how_often_and_a_verdict_beside_the_films_are_talk(piece, talk):
    """Blind dev 83-85: "the sting though, aye, mony a time", "one each night" and "pretty good but long" beside the
    films named were called unknown titles."""
    from bot.messages import talk_beside_titles

    assert talk_beside_titles(piece) == talk


@pytest.mark.parametrize("text, said", [
    ("i hated the blair witch project period dave talked me into it", "i hated the blair witch project. dave talked me into it"),
    ("a period drama please", "a period drama please"),
])
def test_a_full_stop_dictated_as_a_word(text, said):
    """Blind dev 85 (dictated into a phone): "... period dave talked me into it" ran two sentences into one."""
    from bot.understanding import in_english

    assert in_english(text) == said


@pytest.mark.parametrize("turns, kept", [
    (["watched {A}, {B} and i think {C} too"], ["A", "B", "C"]),  # "and i" goes on with the list
    (["I love to watch {A} every Christmas"], ["A"]),  # a habit, not a wish
    (["i really want to watch {A} with my son, i loved it as a kid"], ["A"]),  # a wish, and a viewing before
    (["did you watch {A} yet, i saw it on sunday, brilliant"], ["A"]),  # the question is the first clause only
    (["I watched {A} and {B}", "the better one? it was {A}, not {B}"], ["A", "B"]),  # an opinion after a question
    (["I watched {A}", "remove {A}, it is a terrible film, {B} is much better"], []),  # no viewing of B said
    (["watched {A} with my nephews, the two of them loved it"], ["A"]),  # people, not two films of a series
])
def test_the_review_findings_of_blind_dev_83_to_85_changes(make_service, cast, turns, kept):
    """Two reviewers' findings on this change: a lower-case name before "and i" read as a person; "love to watch" read
    as a wish; a question's mark put after the speaker's own viewing; "it was X, not Y" after a question corrected the
    history; a removal's "it is" taking a film named later; ", the two of them" read as two films of a series."""
    user = f"r83{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, check", [
    ("something for when the kids get home from school", lambda a: "Children's" in a[0].constraints.genres),
    ("bear in mind i've seen most of the 80s classics, recommend a sci fi", lambda a: isinstance(a[-1], Recommend)),
    ("what is everyone doing nowadays for movie night? i need a comedy", lambda a: not any(
        isinstance(x, CannotAnswer) for x in a)),
    ("i only like one genre period and it's horror", lambda a: isinstance(a[0], SetTaste)),
    ("i dont think i ever seen anything as scary as {A}", lambda a: isinstance(a[0], AddWatched)),
])
def test_the_review_findings_of_blind_dev_83_to_85_sentences(act_reader, mention_reader, synthetic_matcher, cast, text,
                                                             check):
    """The reviewers' sentences: children who are home asked for no children's film; "bear in mind I've seen ..."
    set a standing decade; "what is everyone doing nowadays" was a person's news; an emphatic "period" ended a
    sentence; "I don't think I ever seen anything as scary as X" said X unseen."""
    from benchmarks.conversation import fill

    assert check(read_acts(fill(text, cast), synthetic_matcher.index, mention_reader, act_reader))


@pytest.mark.parametrize("text, named", [
    ("the game was great but the second half dragged", None), ("the conversation was fine but way too long", None),
    ("heat was good but too long, and honestly i'm done with action films", None),  # a taste of its own
])
def test_a_flaw_of_anything_is_no_film(text, named):
    """A reviewer's: "the game was great but the second half dragged" stored The Game; a length said of an everyday
    phrase with its article names no film, nor does a verdict with a taste of its own after it."""
    from bot.mentions import described_as_a_film

    index = _names_index_with(("The Game", 1997, "Thriller"), ("The Conversation", 1974, "Drama"))
    span = described_as_a_film(text, index)
    assert (span.text if span is not None else None) == named


@pytest.mark.parametrize("turns, kept", [
    (["the weather was awful, the boat never left the harbour so i put on {A} and then {B} after it"], ["A", "B"]),
    (["we put on {A} and then {B}"], ["A", "B"]),
    (["my son put on {A} while i was out"], []),  # his, the speaker away
    (["Having at last seen {A} (my grandson would not be refused), I can report that it is wooden; the pod race "
      "excepted, which is pure {B}."], ["A"]),  # seen, said first; the other only what something is like
    (["I watched {A} and {B}", "actually I've seen neither of them"], []),  # both taken back
])
def test_put_on_by_the_speaker_is_a_viewing_and_reaches_its_list(make_service, cast, turns, kept):
    """Blind dev 83: "so i pit on jaws an then jaws 2 efter it" after "ma boat never left the harbour" stored neither
    (the film asked about, the sequel not added): "put on" said by the speaker is a viewing, and the verb reaches every
    title of its list, "and then" too."""
    user = f"p83{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


def test_a_name_near_one_movie_asks_whether_it_is_meant(cast):
    """Blind dev 83: "MI 2" asked "Which movie is 'MI 2': Mission: Impossible 2? Say "2" for another" with nothing
    else to choose: a name near one movie asks whether that movie is meant."""
    from bot import render

    asked = render.which_movie("mi 2", [cast["A"]])
    assert cast["A"].display_title in asked and "another" not in asked and "yes" in asked
    assert "another" in render.which_movie("x", [cast["A"], cast["B"]])


@pytest.mark.parametrize("turns, kept", [
    (["I don watch {A}, {B} and {C}. sword film na my thing"], ["A", "B", "C"]),  # Pidgin's perfect
    (["I neva watch {A} at all, I fear shark too much"], []),
    (["I watched {A} and {B}", "actually I no watch {B}, na only the trailer I see. take am off"], ["A"]),
    (["dave watched {A} without me AGAIN, rude"], []),
    (["I watched {A} and {B}", "correction — i meant {C}, not {B} (nobody watches that one voluntarily)"], ["A", "C"]),
    (["Watched {A} last night, no hang on, {B} it was, with Mr T"], ["B"]),
    (["I watched {A}", "and {B}", "oh undo that bach, I'm muddled"], ["A"]),
    (["I watched {A} and {B}", "take {B.typo} off, I'm thinking of a different one"], ["A"]),  # a misspelt name, a reason
    (["I watched {A} and {B}", "take {B.typo} off pls, I dozed off before the good bit"], ["A"]),
])
def test_the_first_run_of_blind_dev_86_to_88_conversations(make_service, cast, turns, kept):
    """Blind dev 86-88 (Nigerian Pidgin, a Winnipeg hockey mom, a Welsh miner, a Korean-American student, a Dublin cabbie,
    a Texas rancher's wife), first run 412/480 on this session's code: "I don watch X" (have watched), "neva",
    "I no watch X", "take am off", a viewing "without me"."""
    user = f"d86{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, check", [
    ("I don watch horror", lambda a: not any(isinstance(x, AddWatched) and not x.guessed for x in a)),  # a slip of "don't"
    ("Have you got anything in Welsh at all? I do love to hear it", lambda a: "language" in a[0].unsupported),
    ("have ya any films in the Irish language?", lambda a: "language" in a[0].unsupported),
    ("newer abeg, like 2020 films", lambda a: a[0].constraints.min_year == 2020),
    ("how long is it? like how many hours", lambda a: all(isinstance(x, CannotAnswer) for x in a)),
    ("no war films for me, had enough of that with me granda's stories about the {A}",
     lambda a: a == (SetTaste(disliked_genres=("War",)),)),  # what the stories were about, no film disliked
])
def test_the_first_run_of_blind_dev_86_to_88_sentences(act_reader, mention_reader, synthetic_matcher, cast, text, check):
    """Blind dev 86-88: a language the filters did not list (Welsh, Irish), years said after "newer please, like", a
    filler "like" before a question said again, a film's name as what stories were about."""
    from benchmarks.conversation import fill

    assert check(read_acts(fill(text, cast), synthetic_matcher.index, mention_reader, act_reader))


def test_a_capitalised_name_spoken_to_is_the_person():
    """Blind dev 86-87: "I'm not into westerns, sorry Dave" stored Dave (1993); "that Dick van Dyke's cockney" stored
    Dick (1999); "I'm not a complete dinosaur" stored Dinosaur (2000)."""
    from bot.mentions import sentence_spans

    index = _names_index_with(("Dick", 1999, "Comedy"), ("Dinosaur", 2000, "Animation"))
    assert sentence_spans("I'm not into westerns, sorry Dave", index) == []
    assert sentence_spans("Mary Poppins I'd give a four, that Dick van Dyke's cockney", index) == []
    assert sentence_spans("I have seen it, so I'm not a complete dinosaur", index) == []
    assert [s.text for s in sentence_spans("we watched dinosaur", index, said_watched=True)] == ["dinosaur"]
    assert [s.text for s in sentence_spans("I loved Dave, such a sweet film", _names_index())] == ["Dave"]


@pytest.mark.parametrize("turns, kept", [
    (["I watched {A} and {B}", "oh no, not {B}, I've not seen that one"], ["A"]),  # "I've", not only "I have"
    (["I want to see {A}", "and {B}, though I've heard it's sad"], []),  # hearsay, said with "I've"
    (["I watched {A} and {C}", "take off {A}, it was in fact {B}, my bad"], ["B", "C"]),  # "my bad": no one else's
    (["I watched {A}", "I've seen neither o them. Gie's a comedy like that."], []),  # taken back, and a list asked
])
def test_the_review_of_the_code_of_blind_dev_83_to_88(make_service, cast, turns, kept):
    """A review of this change's code: "'ve" never matched where the rules spelt it after a space, and "my" alone read
    as someone else's."""
    user = f"c86{abs(hash(tuple(turns))) % 100000}"
    assert history_after(make_service(), cast, turns, user) == sorted(cast[k].movie_id for k in kept)


@pytest.mark.parametrize("text, check", [
    ("a horror movie for tonight (roommate is brave, i am not)", lambda a: a[0].constraints.genres == ("Horror",)),
    ("a period heist film please", lambda a: isinstance(a[0], Recommend)),  # no dictated full stop
    ("war films please, seen the lot of them except {A}", lambda a: not any(isinstance(x, SeenThose) for x in a)),
    # a bracketed remark that says a kind, years or a taste is read (dev 5, 29 in the batch run)
    ("proper film noir, studio-era if possible (the forties or fifties)", lambda a: a[0].constraints.max_year == 1959),
    ("Seen:\n• {A}\n• {B}\n(hated both - no more horror, period)",
     lambda a: any(isinstance(x, SetTaste) and "Horror" in x.disliked_genres for x in a)),
])
def test_the_review_of_the_code_of_blind_dev_83_to_88_sentences(act_reader, mention_reader, synthetic_matcher, cast,
                                                                text, check):
    """A bracketed remark after a request lost the request; "period" before any word starting "i", "he" or "my" was a
    full stop; "the lot of them except X" read as every film seen."""
    from benchmarks.conversation import fill

    assert check(read_acts(fill(text, cast), synthetic_matcher.index, mention_reader, act_reader))


@pytest.mark.parametrize("text, named", [
    ("she has watched all of those with her mummy", []), ("we watched the mummy", ["the mummy"]),
    ("I watched Alien de Ridley Scott", ["Alien"]), ("watched one last night, Heat.", ["Heat"]),
    ("went to their akira night the week before too", ["akira"]),  # a film night, not someone's thing (dev 40)
])
def test_someones_thing_and_a_learners_by_are_read_right(text, named):
    """Blind dev 86: "with her mummy" stored The Mummy; the review: "Alien de Ridley Scott" (a learner's "by") and
    "last night, Heat." must stay titles."""
    from bot.mentions import sentence_spans

    index = _names_index_with(("The Mummy", 1999, "Horror"), ("Alien", 1979, "Horror"), ("Akira", 1988, "Animation"))
    assert [s.text for s in sentence_spans(text, index, said_watched=True)] == named
