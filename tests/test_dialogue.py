"""The conversation remembers and listens (ChatService on real SQLite, real SBERT, the small synthetic LSTM):
open questions answered by "yes" / "the second one", best guesses undone, "more" paging, thumbs that change the
next list, standing tastes, several acts in one message, "forget me" typed."""
import pytest

from dataclasses import replace

from bot.dialogue import DialogueState, Pending, after_adding, after_recommending, choice_for, follow_up, with_tastes
from bot.intents import Recommend
from recommender.constraints import Constraints
from bot.messages import split_titles
from bot.titles import resolve_titles
from tests.conftest import SPEC
from tests.synthetic import chain_movie_ids


@pytest.fixture
def service(make_service):
    return make_service()


def history(service, user):
    return [m.movie_id for m in service.history(user)]


def start(service, prepared, user="u1", chain=0, count=3):
    movies = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[chain][:count]]
    service.reply(user, "I watched " + ", ".join(m.display_title for m in movies))
    return movies


def test_dialogue_state_round_trips_and_tolerates_junk():
    state = DialogueState(Pending("choose", "star", (3, 4)), shown=(1, 2), disliked_genres=("Horror",),
                          last_request={"genres": ["Comedy"], "min_year": 1990})
    assert DialogueState.from_json(state.to_json()) == state
    assert DialogueState.from_json({"pending": {"kind": "evil"}, "shown": ["x", 5], "disliked_genres": 3}) == \
        DialogueState(shown=(5,))
    assert after_recommending(state, [7, 1]).shown == (1, 2, 7) and after_recommending(state, [7]).pending is None
    assert with_tastes(state, ("War",), ("Horror",)).disliked_genres == ("War",)
    assert choice_for(Pending("choose", "x", (3, 4)), 1, None, {}) == 4
    assert choice_for(Pending("choose", "x", (3, 4)), None, 1977, {3: 1980, 4: 1977}) == 4
    assert choice_for(Pending("choose", "x", (3, 4)), 5, None, {}) is None


def test_the_latest_add_is_what_undo_takes_back_and_a_remove_question_is_kept():
    state = after_adding(DialogueState(), [4, 5, 4], guessed=[5, 9])
    assert state.last_added == (4, 5) and state.last_guessed == (5,)  # every movie added, not only best guesses
    assert after_adding(state, []).last_added == () == after_adding(state, []).last_guessed
    asked = replace(state, pending=Pending("remove", "shpere", (4,)))
    assert DialogueState.from_json(asked.to_json()) == asked


def ambiguous_piece(service) -> tuple[str, list[int]]:
    """A name that makes the chat ask (several candidates, none clearly best), found by asking the matcher."""
    for words in ["Star", "Night", "River", "Moon", "Glass", "Secret", "Winter", "Ghost", "Echo", "Road"]:
        [unsure] = resolve_titles(split_titles(words), service.matcher, service.config.sure).unsure or [None]
        if unsure is not None and len(unsure.choices) >= 2 and unsure.likely is None:
            return words, [m.movie_id for m in unsure.choices]
    pytest.fail("no ambiguous name in the synthetic catalogue")


@pytest.mark.parametrize("answer, pick", [("yes", 0), ("the second one", 1), ("2", 1), ("no", None)])
def test_the_bot_remembers_its_question(service, answer, pick):
    words, choices = ambiguous_piece(service)
    asked = service.reply("u1", f"add {words}")
    assert "Which movie" in asked.text and history(service, "u1") == []
    answered = service.reply("u1", answer)
    assert history(service, "u1") == ([] if pick is None else [choices[pick]])
    assert ("left" in answered.text) if pick is None else answered.history_changed
    assert "no open question" in service.reply("u1", "yes").text  # answered once, then closed


def test_a_year_answers_the_question_too(service, prepared):
    words, choices = ambiguous_piece(service)
    years = [prepared.catalog.by_id(m).year for m in choices]
    service.reply("u1", f"add {words}")
    target = next((i for i, y in enumerate(years) if years.count(y) == 1), None)
    if target is None:
        pytest.skip("the candidates share their years")
    service.reply("u1", f"the {years[target]} one")
    assert history(service, "u1") == [choices[target]]


def test_the_question_survives_a_restart(make_service, tmp_path):
    first = make_service(path=tmp_path / "state.sqlite3")
    words, choices = ambiguous_piece(first)
    first.reply("u1", f"add {words}")
    second = make_service(path=tmp_path / "state.sqlite3")  # a new process on the same database
    second.reply("u1", "yes")
    assert history(second, "u1") == [choices[0]]


def test_a_best_guess_is_stored_with_an_undo(service, prepared):
    guessed = None
    for movie in prepared.catalog.movies:  # a one-letter slip that the matcher takes as likely, not sure
        for cut in range(1, len(movie.display_title) - 1):
            typo = movie.display_title[:cut] + movie.display_title[cut + 1:]
            [unsure] = resolve_titles(split_titles(typo), service.matcher, service.config.sure).unsure or [None]
            if unsure is not None and unsure.likely is not None:
                guessed = (typo, unsure.likely)
                break
        if guessed:
            break
    if guessed is None:
        pytest.skip("no slip in the synthetic catalogue lands between likely and sure")
    typo, movie = guessed
    reply = service.reply("u1", f"I watched {typo}")
    assert history(service, "u1") == [movie.movie_id] and "undo" in reply.text
    assert service.reply("u1", "undo").history_changed and history(service, "u1") == []
    assert "nothing to undo" in service.reply("u1", "undo").text


def test_more_pages_on_and_thumbs_down_never_come_back(service, prepared):
    start(service, prepared)
    first = service.reply("u1", "what should I watch next?").recommendations
    more = service.reply("u1", "something else please").recommendations
    assert len(more) == 3 and not {r.movie.movie_id for r in first} & {r.movie.movie_id for r in more}
    for item in more:
        service.rate("u1", item.recommended_id, -1)
    again = service.reply("u1", "what next?").recommendations
    assert len(again) == 3 and not {r.movie.movie_id for r in more} & {r.movie.movie_id for r in again}


def test_seen_those_adds_them_and_recommends_others(service, prepared):
    start(service, prepared)
    shown = [r.movie.movie_id for r in service.reply("u1", "what next?").recommendations]
    reply = service.reply("u1", "I've seen those")
    assert set(shown) <= set(history(service, "u1"))
    assert len(reply.recommendations) == 3 and not set(shown) & {r.movie.movie_id for r in reply.recommendations}
    assert "Added to your history" in reply.preface


def test_a_standing_taste_holds_for_later_requests(service, prepared):
    start(service, prepared)
    genre = service.reply("u1", "what next?").recommendations[0].movie.genres[0]
    said = service.reply("u1", f"I hate {genre.lower()}")  # after a list: noted, and that list again without it
    assert "from now on" in said.preface and all(genre not in r.movie.genres for r in said.recommendations)
    later = service.reply("u1", "what should I watch next?")
    assert later.recommendations and all(genre not in r.movie.genres for r in later.recommendations)
    assert f"Leaving out {genre}" in later.text
    service.reply("u1", f"{genre.lower()} is fine again")
    assert "Leaving out" not in service.reply("u1", "what next?").text


def test_several_acts_in_one_message_through_the_service(service, prepared):
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[1][0])
    reply = service.reply("u1", f"I liked {movie.display_title}, what should I watch next?")
    assert history(service, "u1") == [movie.movie_id]
    assert "Added to your history" in reply.preface and len(reply.recommendations) == 3


def test_small_talk_stores_nothing_and_typed_forget_is_done_at_once(service, prepared):
    for text in ["Hi!", "hello, I'm new here", "thanks", "who are you?"]:
        assert service.reply("new", text).text
    assert service.repo.find_user("new") is None
    start(service, prepared)
    gone = service.reply("u1", "ok cool, forget me now, i'm done")  # the words are the request: no question first
    assert gone.forgotten and "deleted" in gone.text and service.repo.find_user("u1") is None
    for taken_back in ("forget me, I'm joking", "forget me... just kidding", "forget me, keep my history"):
        start(service, prepared)
        assert not service.reply("u1", taken_back).forgotten and history(service, "u1")  # said back in the message
    start(service, prepared)
    assert service.reply("u1", "Please forget everything you know about me. My husband uses it now.").forgotten
    assert service.repo.find_user("u1") is None


def test_requests_it_cannot_honour_are_said(service, prepared):
    start(service, prepared)
    for text, what in [("something short please", "length"), ("a French film", "language")]:
        reply = service.reply("u1", text)  # no list that would pretend to be filtered
        assert what in reply.text and "can't" in reply.text and not reply.recommendations
    genre = most_common_genre(prepared)
    reply = service.reply("u1", f"a short {genre.lower()}")  # the rest of the request is met, and the list says so
    assert reply.text.startswith("I can't filter by length") and reply.recommendations
    assert all(genre in r.movie.genres for r in reply.recommendations)
    empty_year = next(y for y in range(1960, 2000)  # nothing fits: the filter it lacks is still named
                      if not any(m.year == y and genre in m.genres for m in prepared.catalog.movies))
    reply = service.reply("u1", f"a short {genre.lower()} from {empty_year}")
    assert not reply.recommendations and "length" in reply.text and "fits" in reply.text


def most_common_genre(prepared) -> str:
    counts = {}
    for movie in prepared.catalog.movies:
        for genre in movie.genres:
            counts[genre] = counts.get(genre, 0) + 1
    return max(counts, key=counts.get)


def test_a_year_the_catalogue_does_not_reach_is_said_and_no_list_pretends(service, prepared):
    """Issue 20: "any good films from 2015?" got a list of the closest years; a request that cannot be met says so
    instead of returning a list, and says what to ask."""
    start(service, prepared)
    newest = max(m.year for m in prepared.catalog.movies if m.year)
    reply = service.reply("u1", "any good movies from 2024 or 2025?")
    assert f"I only know movies up to {newest}" in reply.text and "2024 to 2025" in reply.text
    assert not reply.recommendations and f"to {newest}" in reply.text.split("nothing")[1]
    oldest = min(m.year for m in prepared.catalog.movies if m.year)
    reply = service.reply("u1", "something from before 1950")
    assert f"I only know movies from {oldest} on" in reply.text and not reply.recommendations
    service.reply("u1", f"a movie from {newest}")
    reply = service.reply("u1", "anything newer than that?")  # past the newest year: nothing newer
    assert f"I only know movies up to {newest}" in reply.text and not reply.recommendations


def test_follow_ups_keep_what_they_do_not_change(service, prepared):
    start(service, prepared)
    genre = most_common_genre(prepared)
    service.reply("u1", f"a {genre.lower()} movie")
    older = service.reply("u1", "older ones please, before 1980").recommendations  # keeps the genre
    assert older and all(genre in r.movie.genres and r.movie.year <= 1979 for r in older)
    newer = service.reply("u1", "something newer").recommendations  # after the last request's years, same genre
    assert newer and all(genre in r.movie.genres and r.movie.year >= 1980 for r in newer)
    service.reply("u1", "from the 90s")
    other = next(g for g in ("Drama", "Comedy", "Action", "Thriller") if g != genre)
    only = service.reply("u1", f"only {other.lower()}").recommendations  # keeps the years, changes the genre
    assert only and all(other in r.movie.genres and 1990 <= r.movie.year <= 1999 for r in only)
    fresh = service.reply("u1", "a horror film").recommendations  # a new request: the 90s are gone
    assert fresh and all("Horror" in r.movie.genres for r in fresh)
    assert service.repo.find_user("u1") and DialogueState.from_json(
        service.repo.dialogue_state(service.repo.find_user("u1"))).last_request["min_year"] is None


def test_older_without_a_year_goes_before_the_last_list(service, prepared):
    start(service, prepared)
    shown = service.reply("u1", "something from the 90s").recommendations
    assert shown and all(r.movie.year >= 1990 for r in shown)
    older = service.reply("u1", "older").recommendations
    assert older and all(r.movie.year < 1990 for r in older)


def test_a_shown_movie_comes_back_only_when_nothing_else_fits_and_the_reply_says_so(service, prepared):
    start(service, prepared)
    first = {r.movie.movie_id for r in service.reply("u1", "what next?").recommendations}
    second = {r.movie.movie_id for r in service.reply("u1", "what should I watch next?").recommendations}
    assert len(second) == 3 and not first & second  # a new request, not the same list again
    history_ids = set(history(service, "u1"))
    only = next(m for m in prepared.catalog.movies  # a request that only one movie meets
                if m.movie_id not in history_ids and m.year and m.genres
                and sum(1 for o in prepared.catalog.movies if o.year == m.year and m.genres[0] in o.genres) == 1)
    ask = f"a {only.genres[0].lower()} movie from {only.year}"
    assert [r.movie.movie_id for r in service.reply("u1", ask).recommendations] == [only.movie_id]
    again = service.reply("u1", ask)
    assert [r.movie.movie_id for r in again.recommendations] == [only.movie_id]
    assert "earlier in our conversation" in again.text


def test_not_that_one_after_a_list_shows_others(service, prepared):
    start(service, prepared)
    first = {r.movie.movie_id for r in service.reply("u1", "what next?").recommendations}
    reply = service.reply("u1", "not that one")
    second = {r.movie.movie_id for r in reply.recommendations}
    assert second and not first & second
    reply = service.reply("u1", "none of those")
    assert reply.recommendations and not (first | second) & {r.movie.movie_id for r in reply.recommendations}


def test_a_genre_dislike_said_in_passing_holds_for_the_rest_of_the_conversation(service, prepared):
    start(service, prepared)
    genre = service.reply("u1", "what next?").recommendations[0].movie.genres[0]
    said = service.reply("u1", f"I'm not really a {genre.lower()} person")
    assert "from now on" in said.preface + said.text
    for text in ["what should I watch next?", "something from the 80s", "more"]:
        later = service.reply("u1", text).recommendations
        assert all(genre not in r.movie.genres for r in later)


def test_follow_up_reads_against_the_last_request():
    last = DialogueState(last_request={"genres": ["Western"], "min_year": 1960, "max_year": 1969})
    western_60s = Constraints(("Western",), (), 1960, 1969)
    assert follow_up(last, Recommend(more=True), []) == western_60s
    assert follow_up(last, Recommend(Constraints(min_year=1990, max_year=1999), follow_up=True), []) == replace(
        western_60s, min_year=1990, max_year=1999)
    assert follow_up(last, Recommend(Constraints(("Comedy",)), follow_up=True), []) == replace(
        western_60s, genres=("Comedy",))
    assert follow_up(last, Recommend(Constraints(("Comedy",)), follow_up=True, also=True), []).genres == (
        "Western", "Comedy")
    assert follow_up(last, Recommend(follow_up=True, relative="older"), [1965]) == replace(
        western_60s, min_year=None, max_year=1959)
    assert follow_up(last, Recommend(follow_up=True, relative="newer"), []) == replace(
        western_60s, min_year=1970, max_year=None)
    unbounded = DialogueState(last_request={"genres": ["Western"]})
    assert follow_up(unbounded, Recommend(follow_up=True, relative="older"), [1972, 1965, 1990]).max_year == 1964
    assert follow_up(last, Recommend(Constraints(("Comedy",))), []) == Constraints(("Comedy",))  # a new request
    assert follow_up(DialogueState(), Recommend(follow_up=True, relative="older"), [1970]) == Constraints()


def test_one_year_bound_beside_the_other_kept_makes_a_window():
    """Issue 20 (dev4): "war movies", "only before 1970", "and after 1950" gave Braveheart (1995)."""
    before_1970 = DialogueState(last_request={"genres": ["War"], "max_year": 1969})
    after = Recommend(Constraints(min_year=1951), follow_up=True)
    assert follow_up(before_1970, after, []) == Constraints(("War",), (), 1951, 1969)
    # a bound that cannot stand with the one kept replaces it
    assert follow_up(before_1970, Recommend(Constraints(min_year=1991), follow_up=True), []) == Constraints(
        ("War",), (), 1991, None)
    from_1980 = DialogueState(last_request={"min_year": 1980})
    assert follow_up(from_1980, Recommend(Constraints(max_year=1989), follow_up=True), []) == Constraints(
        min_year=1980, max_year=1989)
    assert follow_up(from_1980, Recommend(Constraints(max_year=1969), follow_up=True), []) == Constraints(max_year=1969)
    # a bound inside the last window narrows it (dev 10: "80s comedies", then "Nothing before 1985 then")
    eighties = DialogueState(last_request={"genres": ["Comedy"], "min_year": 1980, "max_year": 1989})
    assert follow_up(eighties, Recommend(Constraints(min_year=1985), follow_up=True), []) == Constraints(
        ("Comedy",), (), 1985, 1989)
    assert follow_up(eighties, Recommend(Constraints(max_year=1984), follow_up=True), []) == Constraints(
        ("Comedy",), (), 1980, 1984)
    assert follow_up(eighties, Recommend(Constraints(min_year=1995), follow_up=True), []) == Constraints(
        ("Comedy",), (), 1995, None)  # outside it: replaces it


def test_like_x_anchors_on_x_even_when_x_is_in_the_history(service, prepared):
    movies = start(service, prepared, chain=2, count=4)
    reply = service.reply("u1", f"something like {movies[0].display_title}")
    assert reply.recommendations and movies[0].display_title in reply.recommendations[0].reason


def test_reasons_never_claim_a_history_that_is_not_there(service, prepared):
    anchor = prepared.catalog.by_id(chain_movie_ids(SPEC)[3][0])
    reply = service.reply("fresh", f"something like {anchor.display_title}")
    assert reply.recommendations
    assert all("history like yours" not in r.reason for r in reply.recommendations)


def test_reasons_name_the_history_movies_that_most_raised_the_score(service, prepared):
    movies = start(service, prepared, chain=1, count=4)
    history = [m.movie_id for m in movies]
    reply = service.reply("u1", "what should I watch next?")
    lstm = [r for r in reply.recommendations if r.source == "lstm"]
    assert lstm
    influence = service.chain.predictor.influence(history, [r.movie.movie_id for r in lstm])
    for item in lstm:
        drivers = [prepared.catalog.by_id(m).display_title for m, _ in influence[item.movie.movie_id][:2]]
        named = [m.display_title for m in movies if m.display_title in item.reason]
        # exactly the movies whose removal lowers its score the most, and only movies of the history
        assert drivers and sorted(named) == sorted(drivers), (item.reason, drivers)
    # leaving the first-named movie out really lowers the pick's score
    pick, top = lstm[0].movie.movie_id, influence[lstm[0].movie.movie_id][0][0]
    without = [m for m in history if m != top]
    scores = {s.movie.movie_id: s.score for s in service.chain.predictor.top_k(without, len(prepared.catalog))}
    assert scores[pick] < lstm[0].score


def test_start_over_clears_at_once_and_no_or_undo_puts_it_back(service, prepared):
    movies = start(service, prepared)
    cleared = service.reply("u1", "start over")
    assert "cleared the 3 movie(s)" in cleared.text and cleared.history_changed and history(service, "u1") == []
    assert service.reply("u1", "no").history_changed and len(history(service, "u1")) == 3  # "no" right after
    service.reply("u1", "start over")
    assert service.reply("u1", "undo").history_changed and len(history(service, "u1")) == 3
    service.reply("u1", "start over")
    assert "already clear" in service.reply("u1", "yes").text and history(service, "u1") == []
    # "start over. I watched C": the clear comes first, then the add; "no" puts back only what was cleared
    start(service, prepared, count=2)
    other = prepared.catalog.by_id(chain_movie_ids(SPEC)[3][0])
    service.reply("u1", f"start over. I watched {other.display_title}")
    assert history(service, "u1") == [other.movie_id]
    assert movies[0].movie_id not in history(service, "u1")
    assert "empty" in service.reply("nobody", "start over").text  # nothing to clear


def test_a_turn_that_adds_then_recommends_says_the_history_changed(service, prepared):
    a, b = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[1][:2]]
    replies = list(service.reply_stream("u1", f"I've watched {a.display_title} and {b.display_title}, "
                                              "can you recommend something?"))
    assert replies[-1].recommendations and replies[-1].history_changed  # the page refreshes its history panel
    assert history(service, "u1") == [a.movie_id, b.movie_id]


def test_seen_those_then_more_says_the_history_changed(service, prepared):
    start(service, prepared, chain=1, count=2)
    assert len(service.reply("u1", "what should I watch next?").recommendations) == 3
    seen = service.reply("u1", "I've seen those")  # adds the three, then recommends others
    assert seen.recommendations and seen.history_changed and len(history(service, "u1")) == 5


def test_an_answer_by_age_picks_among_the_choices_by_their_years():
    from bot.dialogue import Pending, choice_for
    from bot.messages import Answer, read_message

    pending = Pending("choose", "sabrina", (10, 20, 30))
    years = {10: 1995, 20: 1954, 30: None}
    assert read_message("the older one") == Answer(age="older") and read_message("the remake") == Answer(age="newer")
    assert read_message("the 54 one") == Answer(year=1954) and read_message("the 05 version") == Answer(year=2005)
    assert choice_for(pending, None, None, years, "older") == 20
    assert choice_for(pending, None, None, years, "newer") == 10
    assert choice_for(Pending("choose", "x", (1, 2)), None, None, {1: 1990, 2: 1990}, "older") is None  # a tie asks again
    assert type(read_message("older")).__name__ == "Recommend"  # alone, after a list, it asks for older movies


def test_an_only_taste_is_replaced_by_the_next_and_left_by_a_dislike():
    state = with_tastes(DialogueState(disliked_genres=("Comedy",)), only=("Comedy", "Drama"))
    assert state.only_genres == ("Comedy", "Drama") and state.disliked_genres == ()  # asked for: allowed again
    assert with_tastes(state, only=("Western",)).only_genres == ("Western",)
    assert with_tastes(state, ("Drama",)).only_genres == ("Comedy",)
    assert DialogueState.from_json(state.to_json()) == state
    assert DialogueState.from_json({"only_genres": [3, "War"]}).only_genres == ("War",)


def test_only_a_genre_holds_for_later_requests_until_another_is_asked(service, prepared):
    start(service, prepared)
    genre = most_common_genre(prepared)
    assert f"only {genre}" in service.reply("u1", f"i only like {genre.lower()}, nothing else").text
    for text in ["what should i watch?", "more"]:
        later = service.reply("u1", text)
        assert later.recommendations and all(genre in r.movie.genres for r in later.recommendations)
        assert f"Only {genre}, as you told me" in later.text
    other = next(g for g in ("Horror", "Western", "Romance", "Thriller") if g != genre)
    asked = service.reply("u1", f"a {other.lower()} movie").recommendations  # asked outright: that genre
    assert asked and all(other in r.movie.genres for r in asked)


def test_a_dislike_said_beside_a_watched_movie_holds(service, prepared):
    movie = start(service, prepared, count=1)[0]
    genre = most_common_genre(prepared)
    service.reply("u1", f"watched {movie.display_title} with friends, i really don't like {genre.lower()} tho")
    later = service.reply("u1", "surprise me")
    assert later.recommendations and all(genre not in r.movie.genres for r in later.recommendations)


def test_both_genres_of_a_crime_thriller_hold_on_a_follow_up_until_the_genres_change():
    from bot.requests import read_request
    state = DialogueState(last_request=Constraints(("Thriller", "Crime"), all_genres=True).__dict__)
    state = DialogueState.from_json(state.to_json())
    kept = follow_up(state, read_request("from the nineties"), [])
    assert kept.all_genres and kept.genres == ("Thriller", "Crime") and (kept.min_year, kept.max_year) == (1990, 1999)
    assert follow_up(state, Recommend(more=True), []).all_genres
    assert not follow_up(state, read_request("only comedies"), []).all_genres


def test_a_taste_said_after_a_list_changes_that_list_and_before_any_list_is_only_noted(service, prepared):
    start(service, prepared)
    genre = most_common_genre(prepared)
    noted = service.reply("u1", f"I'm not really into {genre.lower()}")
    assert "from now on" in noted.text and not noted.recommendations  # no list yet: nothing to change
    service.reply("u1", "something from the 90s")
    again = service.reply("u1", f"i only like {genre.lower()} now")
    assert again.recommendations and all(genre in r.movie.genres and 1990 <= r.movie.year <= 1999
                                         for r in again.recommendations)  # the years of the last request kept


def test_years_said_as_a_habit_hold_for_later_requests_until_dropped(service, prepared):
    start(service, prepared)
    years = sorted(m.year for m in prepared.catalog.movies if m.year)
    edge = years[len(years) // 2]  # about half the catalogue on each side
    noted = service.reply("u1", f"i dont watch anything older than {edge}, just not for me")
    assert not noted.recommendations and str(edge) in noted.text
    for ask in ("what should I watch next?", "more"):
        shown = service.reply("u1", ask).recommendations
        assert shown and all(r.movie.year >= edge for r in shown)
    older = service.reply("u1", f"something from before {edge}").recommendations  # asked outright: as asked
    assert older and all(r.movie.year < edge for r in older)
    state = DialogueState.from_json(service.repo.dialogue_state(service.repo.find_user("u1")))
    assert state.standing_years == (edge, None) and DialogueState.from_json(state.to_json()) == state
    service.reply("u1", "what should I watch next?")
    service.reply("u1", "any year is fine again")
    assert DialogueState.from_json(service.repo.dialogue_state(service.repo.find_user("u1"))).standing_years == (None, None)
    assert any(r.movie.year < edge for r in service.reply("u1", "more").recommendations + service.reply(
        "u1", "more").recommendations)  # the last request was remembered without the standing years
    assert DialogueState.from_json({"standing_years": ["x", 1990]}).standing_years == (None, 1990)


def test_i_saw_it_stores_the_one_movie_the_last_message_named_and_did_not_store(service, prepared):
    start(service, prepared)
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[1][0])
    service.reply("u1", f"is {movie.display_title} on netflix?")
    assert movie.movie_id not in history(service, "u1")
    service.reply("u1", "ok nvm. i saw it years ago anyway")
    assert movie.movie_id in history(service, "u1")
    other = prepared.catalog.by_id(chain_movie_ids(SPEC)[1][1])
    service.reply("u1", f"never seen {other.display_title}")
    service.reply("u1", "i haven't seen it yet")  # still not
    assert other.movie_id not in history(service, "u1")
    before = history(service, "u1")
    asked = service.reply("u2", "i saw it")  # nothing named before: which one?
    assert not history(service, "u2") and "?" in asked.text and history(service, "u1") == before
    service.reply("u3", f"is {movie.display_title} on netflix?")  # a first message: no user row, held in memory
    assert service.repo.find_user("u3") is None
    service.reply("u3", "ok nvm, we just watched it!!")
    assert history(service, "u3") == [movie.movie_id]
    said = service.reply("u3", "yes i saw it")  # the one film just added: said stored already, nothing changes
    assert history(service, "u3") == [movie.movie_id] and "Already" in said.text


def test_a_version_named_in_a_longer_answer_or_beside_the_title():
    from bot.intents import Answer, Correct
    from bot.messages import version_said
    from bot.policy import steps
    from bot.titles import version_chosen
    from recommender.catalog import Movie

    old, new = Movie(1, "Cape Lantern (1962)", "Cape Lantern", 1962, ("Thriller",)), \
        Movie(2, "Cape Lantern (1991)", "Cape Lantern", 1991, ("Thriller",))
    assert version_said("nope not the old one the other one with de niro") == Answer(age="newer")
    assert version_said("I meant the 1962 original, not the remake") == Answer(year=1962)
    assert version_said("the one with my aunt i think?") is None
    assert version_said("the harrison ford one i think?") == Answer(year=1995)  # recommender/data/version_people.tsv
    assert version_said("watched Cape Lantern, the Scorsese remake", strong_only=True) == Answer(age="newer")
    assert version_said("watched Sabrina, new to me", strong_only=True) is None  # "new" beside a title is no version
    assert version_chosen([new, old], Answer(age="older")) == old and version_chosen([new, old], Answer(year=1991)) == new
    assert version_chosen([new, Movie(3, "Harbor (1991)", "Harbor", 1991, ())], Answer(year=1991)) is None  # two names
    asked = DialogueState(pending=Pending("choose", "cape lantern", (2, 1)))
    assert list(steps([Recommend(more=True)], lambda: asked, "nope not the old one the other one")) == [Answer(age="newer")]
    stored = DialogueState(last_added=(2,))
    [correct] = steps([], lambda: stored, "Pardon me, I meant the 1962 original, not the remake")
    assert isinstance(correct, Correct) and correct.version == Answer(year=1962)
    assert list(steps([Recommend()], lambda: stored, "what should I watch from 1962?")) == [Recommend()]  # asks: as read


def test_any_decade_said_beside_a_request_drops_the_last_years():
    from bot.understanding import read_acts

    last = DialogueState(last_request={"genres": ["Action"], "excluded_genres": [], "min_year": 1980,
                                       "max_year": 1989, "like": "", "all_genres": False})
    [asked] = read_acts("any decade is fine actually, just action")
    assert isinstance(asked, Recommend) and asked.any_year
    got = follow_up(last, asked, [])
    assert (got.min_year, got.max_year, got.genres) == (None, None, ("Action",))


def test_a_version_is_read_only_where_it_answers_or_repairs():
    """From the review: negation, a year said not meant, questions and statements that name their own titles."""
    from bot.intents import AddWatched, Answer
    from bot.messages import split_titles, version_said
    from bot.policy import steps

    assert version_said("no the old one") == Answer(age="older") and version_said("not the 1962 one") is None
    assert version_said("the newer one, not the 1962 one") == Answer(age="newer")
    asked = DialogueState(pending=Pending("choose", "cape lantern", (2, 1)))
    heat = AddWatched(split_titles("Heat (1995)"))
    assert list(steps([heat], lambda: asked, "I also watched Heat (1995)")) == [heat]
    stored = DialogueState(last_added=(2,))
    for text in ("wait, is the original any good?", "actually I prefer the original", "sorry, I was born in 1990"):
        assert list(steps([], lambda: stored, text)) == [], text


def test_a_no_that_repairs_the_request_changes_the_genre_rather_than_ruling_it_out():
    """"no actually make it a comedy" after action movies: comedies, the years kept; "no comedy" still rules it out."""
    from bot.requests import read_request
    state = DialogueState(last_request=Constraints(("Action",), min_year=1990, max_year=1999).__dict__)
    changed = follow_up(state, read_request("no actually make it a comedy"), [])
    assert changed.genres == ("Comedy",) and "Comedy" not in changed.excluded_genres
    assert (changed.min_year, changed.max_year) == (1990, 1999)
    assert read_request("no wait, a thriller").constraints.genres == ("Thriller",)
    assert read_request("no comedy please").constraints.excluded_genres == ("Comedy",)


def test_a_film_someone_else_has_seen_is_left_out_of_the_lists_and_not_stored(service, prepared):
    """Choosing for someone ("my niece has already seen X, so not that one"): X is not stored, and it is left out of
    the next lists, even the one a fresh request would have led with; said after a list, it brings another list.
    "she's seen all those" asks for others without storing the list."""
    start(service, prepared, user="twin")
    top = service.reply("twin", "what should I watch next?").recommendations[0].movie  # what "u1" would get first
    start(service, prepared)
    before = [m.movie_id for m in service.history("u1")]
    said = service.reply("u1", f"my niece has already seen {top.display_title} like a million times, so not that one")
    assert [m.movie_id for m in service.history("u1")] == before and top.display_title in said.text
    fresh = service.reply("u1", "what should I watch next?").recommendations
    assert fresh and top.movie_id not in {r.movie.movie_id for r in fresh}
    again = service.reply("u1", f"my nephew has seen {fresh[0].movie.display_title} already")
    assert again.recommendations and fresh[0].movie.movie_id not in {r.movie.movie_id for r in again.recommendations}
    later = service.reply("u1", "she's seen all those lol")
    assert [m.movie_id for m in service.history("u1")] == before and later.recommendations

def test_a_version_taken_back_after_it_was_chosen():
    """Blind dev 53-55: "Ah no sorry, the NEW one!! Not the old one." and "hang on nah it was the 86 one" after the old
    Fly was chosen: the latest add's other version (not a request for newer films, not part 86)."""
    from bot.intents import Answer, Correct
    from bot.messages import version_said
    from bot.policy import steps
    from bot.understanding import read_acts

    stored = DialogueState(last_added=(1,))
    [correct] = steps(read_acts("Ah no sorry, the NEW one!! Not the old one."), lambda: stored,
                      "Ah no sorry, the NEW one!! Not the old one.")
    assert isinstance(correct, Correct) and correct.version == Answer(age="newer")
    assert version_said("it was the 86 one, sorry mate") == Answer(year=1986)
    # blind dev 62: a Nigerian "na" ("it is") before the version
    said = "ah no sorry. na the new one. the one with nick nolte and de niro"
    [correct] = steps(read_acts(said), lambda: stored, said)
    assert isinstance(correct, Correct) and correct.version == Answer(age="newer")


def test_a_version_meant_after_an_apology_set_off_by_a_dash(synthetic_matcher):
    """Dev 5 kept working once a dash could set an apology off: "Pardon me — I meant the 1962 original with Mitchum,
    not the remake" repairs the latest add's version, neither side naming a title."""
    from bot.intents import Answer, Correct
    from bot.understanding import read_acts

    [said] = read_acts("Pardon me — I meant the 1962 original with Mitchum, not the remake.", synthetic_matcher.index)
    assert isinstance(said, Correct) and said.version == Answer(year=1962)
