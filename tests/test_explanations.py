"""Explanations on request and questions the app cannot answer, through ChatService.reply (real SQLite, the real
SBERT matcher and catalogue index, the small synthetic LSTM, the shipped mention reader): "why that one?" gives
the reason that was shown, "why X?" about a movie not suggested says so and where the sequence model puts it, and
"is it on Netflix?" gets one honest sentence and stores nothing."""
import pytest

from bot import render
from bot.render import as_plain_text
from tests.conftest import SPEC
from tests.synthetic import chain_movie_ids


@pytest.fixture
def service(make_service):
    return make_service()


def listed(service, prepared, user="u1"):
    """A user with three watched movies and a list of three suggestions: (the watched, the list's reply)."""
    watched = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[1][:3]]
    service.reply(user, "I watched " + ", ".join(m.display_title for m in watched))
    reply = service.reply(user, "what should I watch next?")
    assert len(reply.recommendations) == 3
    return watched, reply


def shown_reason(item) -> str:
    return as_plain_text(item.reason.rstrip(" ."))


def stored(service, user):
    """What the database holds for the user: the history and every list shown."""
    user_id = service.repo.find_user(user)
    return service.history(user), service.repo.recommendations(user_id), service.repo.dialogue_state(user_id)


@pytest.mark.parametrize("text", ["why that one?", "why?", "Why this one?", "why did you pick that?", "how come?",
                                  "why did you pick it", "but why that one"])
def test_why_after_a_list_gives_the_first_movies_reason_as_shown(service, prepared, text):
    _, listing = listed(service, prepared)
    before = stored(service, "u1")
    reply = service.reply("u1", text)
    first = listing.recommendations[0]
    assert first.movie.display_title in reply.text and shown_reason(first) in reply.text
    assert "why the second one" in reply.text  # three were shown: how to ask about the others
    assert not reply.recommendations and not reply.history_changed and stored(service, "u1") == before


def test_why_by_position_or_by_title_gives_that_movies_reason(service, prepared):
    _, listing = listed(service, prepared)
    second, third = listing.recommendations[1], listing.recommendations[2]
    reply = service.reply("u1", "why the second one?")
    assert second.movie.display_title in reply.text and shown_reason(second) in reply.text
    for text in [f"why {third.movie.display_title}?", f"why did you pick {third.movie.display_title.lower()}",
                 f"what makes you think I'd like {third.movie.display_title}?",
                 f"why is {third.movie.display_title} on the list?"]:
        reply = service.reply("u1", text)
        assert shown_reason(third) in reply.text and "which movie" not in reply.text.lower(), text
    every = service.reply("u1", "why those?")
    assert all(shown_reason(item) in every.text for item in listing.recommendations)
    assert service.reply("u1", "why number 5?").text == render.EXPLAIN_NO_SUCH.format(count=3)


def test_the_reasons_of_an_earlier_list_are_kept(service, prepared):
    _, first_list = listed(service, prepared)
    service.reply("u1", "more")
    earlier = first_list.recommendations[1]
    reply = service.reply("u1", f"why {earlier.movie.display_title}?")
    assert shown_reason(earlier) in reply.text


def test_why_a_movie_not_suggested_says_so_and_where_the_model_puts_it(service, prepared):
    watched, listing = listed(service, prepared)
    shown = {r.movie.movie_id for r in listing.recommendations} | {m.movie_id for m in watched}
    other = next(m for m in prepared.catalog.movies if m.movie_id not in shown and "," not in m.display_title
                 and "(" not in m.display_title and len(m.display_title) > 6)
    before = stored(service, "u1")
    reply = service.reply("u1", f"why {other.display_title}?")
    assert f"haven't suggested **{as_plain_text(other.display_title)}**" in reply.text
    assert "ranks it" in reply.text and "of the" in reply.text
    assert "which movie" not in reply.text.lower() and "don't know" not in reply.text
    assert stored(service, "u1") == before
    reply = service.reply("u1", f"why {watched[0].display_title}?")
    assert reply.text == render.EXPLAIN_WATCHED.format(label=render.movie_markdown(watched[0]))


def test_why_about_no_list_or_no_movie_is_said_plainly_and_stores_nothing(service):
    assert service.reply("new", "why that one?").text == render.NOTHING_SHOWN
    reply = service.reply("new", "why American Beauty?")  # not in the synthetic catalogue
    assert reply.text == render.EXPLAIN_UNKNOWN.format(typed="American Beauty")
    assert "which movie is" not in reply.text.lower()
    assert service.repo.find_user("new") is None


@pytest.mark.parametrize("text, topic", [
    ("is it on Netflix?", "streaming"), ("where can I stream it?", "streaming"), ("can I rent it anywhere?", "streaming"),
    ("how long is it?", "length"), ("what's the running time?", "length"),
    ("who's in it?", "cast"), ("who directed that one?", "cast"),
    ("is it rated R?", "rating"), ("is it ok for my kids?", "rating"),
    ("what's it about?", "plot"),
])
def test_questions_the_catalogue_cannot_answer_get_one_honest_sentence(service, prepared, text, topic):
    assert service.reply("new", text).text == render.CANNOT_ANSWER[topic]
    assert service.repo.find_user("new") is None  # nothing stored, not even a user
    listed(service, prepared)
    before = stored(service, "u1")
    reply = service.reply("u1", text)
    assert reply.text == render.CANNOT_ANSWER[topic] and not reply.history_changed and stored(service, "u1") == before


def test_a_question_naming_a_title_stores_nothing_and_is_no_unknown_movie(service, prepared):
    title = prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title
    for text in [f"where can I stream {title}", f"who's in {title}?", "how long is The Quantum Accountant?"]:
        reply = service.reply("new", text)
        assert reply.text in render.CANNOT_ANSWER.values() and "don't know “" not in reply.text, text
    assert service.repo.find_user("new") is None


def test_a_request_that_names_a_service_is_still_a_request(service, prepared):
    listed(service, prepared)
    reply = service.reply("u1", "any movies on Netflix?")
    assert reply.text != render.CANNOT_ANSWER["streaming"]
    assert render.UNSUPPORTED["streaming"] in reply.text
