"""ChatService on a real SQLite file, the real SBERT matcher and a small LSTM trained on synthetic data."""
import json

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from recommender.llm import EndpointChatModel
from tests.conftest import SPEC
from tests.synthetic import chain_movie_ids


@pytest.fixture
def service(make_service):
    return make_service()


def titles(catalog, ids):
    return [catalog.by_id(i).display_title for i in ids]


def test_stating_history_then_getting_three_recommendations(service, prepared):
    catalog = prepared.catalog
    chain = chain_movie_ids(SPEC)[1]
    names = titles(catalog, chain[:4])
    reply = service.reply("u1", f"I watched {names[0]}, {names[1]} and {names[2]}")
    assert reply.history_changed and all(name in reply.text for name in names[:3])
    service.reply("u1", f"add {names[3].lower()}")  # lower case still resolves
    assert [m.movie_id for m in service.history("u1")] == chain[:4]
    answer = service.reply("u1", "what should I watch next?")
    assert len(answer.recommendations) == 3
    assert not {r.movie.movie_id for r in answer.recommendations} & set(chain[:4])
    for item in answer.recommendations:
        assert item.movie.display_title in answer.text and item.reason
    assert "Rate them" in answer.text


def test_unknown_titles_are_not_stored(service):
    reply = service.reply("u1", "I watched The Quantum Accountant")
    assert "don't know" in reply.text and not reply.history_changed
    assert service.history("u1") == []


def test_feedback_is_saved_and_only_by_its_owner(service, prepared):
    catalog = prepared.catalog
    service.reply("u1", "add " + catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    first = service.reply("u1", "recommend something").recommendations[0]
    assert "Thanks" in service.rate("u1", first.recommended_id, 1)
    assert "not yours" in service.rate("u2", first.recommended_id, -1)
    [record] = service.repo.feedback_records()
    assert record["value"] == 1 and record["movie_id"] == first.movie.movie_id


def test_history_commands_and_isolation(service, prepared):
    catalog = prepared.catalog
    a, b = chain_movie_ids(SPEC)[2][:2]
    service.reply("alice", f"add {catalog.by_id(a).display_title}\n{catalog.by_id(b).display_title}")
    assert "Your history" in service.reply("alice", "show my history").text
    assert service.reply("bob", "show my history").text.startswith("Your history is empty")
    service.reply("bob", f"remove {catalog.by_id(a).display_title}")  # bob cannot touch alice's history
    assert [m.movie_id for m in service.history("alice")] == [a, b]
    assert service.reply("alice", f"remove {catalog.by_id(a).display_title}").history_changed
    assert [m.movie_id for m in service.history("alice")] == [b]
    assert service.reply("alice", "start over").history_changed and service.history("alice") == []


def test_export_and_forget(service, prepared):
    catalog = prepared.catalog
    service.reply("u1", "add " + catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    service.reply("u1", "what next?")
    exported = service.export("u1")
    assert len(exported["history"]) == 1 and len(exported["recommendations"][0]["movies"]) == 3
    json.dumps(exported)  # plain data, downloadable
    assert "deleted" in service.forget("u1")
    assert service.export("u1")["history"] == [] and service.export("u1")["recommendations"] == []


@pytest.mark.parametrize("message", ["", "   \n ", "x" * 10_000])
def test_empty_and_oversized_messages_get_a_clear_reply(service, prepared, message):
    service.reply("u1", "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    reply = service.reply("u1", message)
    assert reply.text and not reply.recommendations and len(service.history("u1")) == 1
    assert ("2,000" in reply.text and "10,000" in reply.text) if len(message) > 100 else "empty" in reply.text


def test_markup_sql_and_unicode_are_echoed_as_text(service):
    for message in ["<script>alert('x')</script>", "Robert'); DROP TABLE users;--", "add 🎬🍿 Amélie"]:
        reply = service.reply("u1", message)
        assert "<script>" not in reply.text and reply.text
    assert service.repo.user_id("u1")  # the users table is still there


def test_llm_down_answers_from_the_lstm_with_a_note(make_service, prepared):
    down = EndpointChatModel(endpoint_url="http://127.0.0.1:9", retries=0, timeout_s=1)
    service = make_service(down)
    service.reply("u1", "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    reply = service.reply("u1", "what should I watch next?")
    assert len(reply.recommendations) == 3 and "unavailable" in reply.text


def test_a_locked_database_keeps_what_was_saved(make_service, prepared, tmp_path):
    import sqlite3

    path = tmp_path / "locked.sqlite3"
    service = make_service(path=path)
    service.repo.retries, service.repo.retry_wait_s = 1, 0.01
    first = prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0])
    service.reply("u1", "add " + first.display_title)
    blocker = sqlite3.connect(path)
    blocker.execute("PRAGMA busy_timeout=10")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with service.repo.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout=10")
        reply = service.reply("u1", "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[0][1]).display_title)
        assert "could not save" in reply.text or "busy" in reply.text
    finally:
        blocker.rollback()
        blocker.close()
    assert [m.movie_id for m in service.history("u1")] == [first.movie_id]


def test_llm_titles_reach_the_reply(make_service, prepared):
    catalog = prepared.catalog
    other = catalog.by_id(chain_movie_ids(SPEC)[5][3])
    service = make_service(FakeListChatModel(responses=[f"1. {other.label} | Drama"]))  # scripted LLM
    service.reply("u1", "add " + catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    reply = service.reply("u1", "what should I watch next?")
    assert other.movie_id in [r.movie.movie_id for r in reply.recommendations if r.source == "llm"]
    assert "the language model" in reply.text


def test_recommendation_replies_stream_the_pick_before_the_llm_finishes(make_service, prepared):
    catalog = prepared.catalog
    other = catalog.by_id(chain_movie_ids(SPEC)[5][3])
    service = make_service(FakeListChatModel(responses=[f"1. {other.label} | Drama"]))  # scripted LLM
    service.reply("u1", "add " + catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    replies = list(service.reply_stream("u1", "what should I watch next?"))
    drafts, final = replies[:-1], replies[-1]
    assert drafts and all(d.partial and not d.recommendations for d in drafts)
    pick = final.recommendations[0].movie
    assert pick.display_title in drafts[0].text  # the LSTM's pick is shown before the LLM has said anything
    assert not final.partial and len(final.recommendations) == 3
    assert len(service.repo.recommendations(service.repo.user_id("u1"))) == 1  # drafts are never stored


def test_a_title_with_a_comma_is_not_split_into_two_unknown_movies(service, prepared):
    comma_titles = [m for m in prepared.catalog.movies if ", " in m.display_title]
    assert comma_titles, "the synthetic catalogue has titles with commas"
    movie = comma_titles[0]
    reply = service.reply("u1", f"I watched {movie.display_title}")
    assert [m.movie_id for m in service.history("u1")] == [movie.movie_id], reply.text


def test_an_unreachable_database_gets_a_clear_reply(make_service, prepared):
    from sqlalchemy import create_engine

    from db.repository import Repository

    service = make_service()
    # A PostgreSQL URL where nothing listens (port 9): the server is down, not merely locked.
    service.repo = Repository(create_engine("postgresql+psycopg://nobody@127.0.0.1:9/dualrec"), retries=0)
    reply = service.reply("u1", "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    assert "could not save" in reply.text and "unavailable" in reply.text
    assert "nothing was deleted" in service.forget("u1")
