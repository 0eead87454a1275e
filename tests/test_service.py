"""ChatService on a real SQLite file, the real SBERT matcher and a small LSTM trained on synthetic data."""
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from bot.messages import MAX_MESSAGE_CHARS
from bot.titles import MAX_QUERIES

from pathlib import Path

from recommender.llm import LLMConfig, build_chat_model
from tests.tgi_standin import StandInTGI
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
    cleared = service.reply("alice", "start over")  # done at once, as said; "undo" or "no" puts it back
    assert cleared.history_changed and service.history("alice") == [] and '"undo"' in cleared.text
    assert service.reply("alice", "undo").history_changed and [m.movie_id for m in service.history("alice")] == [b]
    service.reply("alice", "clear my history")
    assert service.reply("alice", "no").history_changed and [m.movie_id for m in service.history("alice")] == [b]
    service.reply("alice", "clear my history")
    assert not service.reply("alice", "yes").history_changed and service.history("alice") == []


def test_export_holds_everything_stored_and_forget_removes_it_all(make_service, prepared, tmp_path):
    from db.feedback_log import FeedbackLog, user_pseudonym
    from training.export_feedback import main as export_feedback

    service = make_service()
    service.feedback = FeedbackLog(tmp_path / "feedback", "an-identity-secret-for-tests")  # no Hub dataset
    catalog = prepared.catalog
    service.reply("u1", "add " + catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    shown = service.reply("u1", "what next?").recommendations
    service.rate("u1", shown[0].recommended_id, 1)
    service.reply("u2", "add " + catalog.by_id(chain_movie_ids(SPEC)[1][0]).display_title)
    service.rate("u2", service.reply("u2", "what next?").recommendations[0].recommended_id, -1)
    exported = service.export("u1")
    [event] = exported["history"]
    assert event["title"] and event["stated_at"] and event["source"] == "chat"
    [turn] = exported["turns"]
    assert turn["request"] == "what next?" and turn["created_at"] and "mode" in turn and "prompt" in turn
    assert len(turn["movies"]) == 3 and turn["movies"][0]["feedback"]["value"] == 1
    assert turn["movies"][0]["feedback"]["rated_at"] and exported["created_at"]
    json.dumps(exported)  # plain data, downloadable
    # a derived file holding u1's rating, beside the chat's own log of both ratings
    export_feedback(service.repo, tmp_path / "feedback" / "feedback.jsonl", "an-identity-secret-for-tests")
    assert "deleted" in service.forget("u1")
    assert service.export("u1") == {"user": "u1"} and service.repo.find_user("u1") is None
    u2 = user_pseudonym("an-identity-secret-for-tests", "u2")
    for path in (tmp_path / "feedback" / "feedback.jsonl", service.feedback.path):
        lines = path.read_text().splitlines()
        assert len(lines) == 1 and json.loads(lines[0])["user"] == u2
    assert "nothing stored" in service.forget("never-seen") and service.repo.find_user("never-seen") is None


def test_a_request_before_any_history_gets_popular_movies_that_say_so(service, prepared):
    reply = service.reply("newcomer", "recommend a comedy")
    assert len(reply.recommendations) == 3
    assert all("Comedy" in r.movie.genres for r in reply.recommendations)
    # true to what it was given: no history, so no claim about one
    assert all("most watched" in r.reason and "history" not in r.reason for r in reply.recommendations)
    assert "haven't told me any movies" in reply.note and service.history("newcomer") == []


def test_reads_create_no_user(service):
    for message in ["show my history", "help", "remove Heat", "start over", "", "why is the sky blue?"]:
        service.reply("reader", message)
    service.history("reader"), service.export("reader"), service.rate("reader", 1, 1), service.remove("reader", 1)
    with service.repo.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM users").scalar() == 0


def test_remove_takes_only_the_movie_named_never_a_near_one(service, prepared):
    catalog = prepared.catalog
    lantern, lanterns = catalog.by_id(9), catalog.by_id(10)
    service.reply("u1", f"add {lantern.label}")
    reply = service.reply("u1", "remove Lanterns")  # another movie: "remove Aliens" once removed Alien
    assert not reply.history_changed and "not in your history" in reply.text
    assert [m.movie_id for m in service.history("u1")] == [lantern.movie_id]
    near = catalog.by_id(chain_movie_ids(SPEC)[2][1])
    service.reply("u1", f"add {near.label}")
    typo = near.display_title[:-1]  # not the title, and not sure enough to be it
    reply = service.reply("u1", f"remove {typo}")
    assert near.movie_id in [m.movie_id for m in service.history("u1")]
    assert service.reply("u1", f"remove {lantern.display_title.lower()}").history_changed  # exact, any case
    assert [m.movie_id for m in service.history("u1")] == [near.movie_id]
    assert lanterns.movie_id not in [m.movie_id for m in service.history("u1")]


def test_removing_a_films_subtitle_removes_the_one_film_of_the_history_it_ends(service, prepared):
    """ "remove part 2 actually, that was my dad not me" with The Godfather and Part II in the history removed
    nothing and called both pieces unknown."""
    kid, sequel = prepared.catalog.by_id(6), prepared.catalog.by_id(7)
    service.reply("u1", f"I watched {kid.display_title}")
    service.reply("u1", f"I watched {sequel.display_title}")
    assert {m.movie_id for m in service.history("u1")} == {kid.movie_id, sequel.movie_id}
    reply = service.reply("u1", "remove part 2 actually, that was my dad not me")
    assert reply.history_changed and [m.movie_id for m in service.history("u1")] == [kid.movie_id]
    assert "not in your history" not in reply.text


def test_a_sequel_with_a_comma_is_stored_as_itself(service, prepared):
    kid, sequel = prepared.catalog.by_id(6), prepared.catalog.by_id(7)
    service.reply("u1", f"I watched The Harbor Kid, Part II ({sequel.year})")
    assert [m.movie_id for m in service.history("u1")] == [sequel.movie_id]
    service.reply("u2", f"I watched The Harbor Kid, Part II and {prepared.catalog.by_id(4).display_title}")
    assert [m.movie_id for m in service.history("u2")] == [sequel.movie_id, 4]
    service.reply("u3", "I watched The Harbor Kid and Lantern")
    assert [m.movie_id for m in service.history("u3")] == [kid.movie_id, 9]


def test_a_sequel_number_is_never_stored_as_another_film_of_its_series(service, prepared):
    reply = service.reply("u1", "I watched harbor kid 3")  # the catalogue holds The Harbor Kid and its Part II
    assert service.history("u1") == [] and "none of them is that number" in reply.text and "Part II" in reply.text
    for typed in ("harbor kid two", "The Harbor Kid part 2", "harbor kid II"):
        service.reply(f"u-{typed}", f"I watched {typed}")
        assert [m.movie_id for m in service.history(f"u-{typed}")] == [7], typed


def test_a_film_the_catalogue_does_not_hold_is_declined_by_its_name(service, prepared):
    reply = service.reply("u1", "I watched LOTR")  # a nickname of recommender/data/nicknames.tsv
    assert service.history("u1") == []
    assert "The Lord of the Rings: The Fellowship of the Ring (2001)" in reply.text and "left it out" in reply.text
    kid, lantern = prepared.catalog.by_id(6).display_title, prepared.catalog.by_id(9).display_title
    reply = service.reply("u2", f"I watched {kid}: {lantern}")  # two titles run together: one film it lacks
    assert service.history("u2") == [] and "did not take it for" in reply.text


def test_a_removal_that_names_no_title_says_so_and_keeps_the_history(service, prepared):
    lantern = prepared.catalog.by_id(9)
    service.reply("u1", f"I watched {lantern.display_title}")
    reply = service.reply("u1", "remove everything I've told you about what I've watched")
    assert "removed nothing" in reply.text and [m.movie_id for m in service.history("u1")] == [lantern.movie_id]


def test_a_year_after_the_catalogues_newest_names_no_film_of_it(service, prepared):
    lantern = prepared.catalog.by_id(9)
    newest = int(prepared.catalog.years.max())
    reply = service.reply("u1", f"saw {lantern.display_title} ({newest + 20}) at the cinema")  # a remake it lacks
    assert service.history("u1") == [] and f"({newest + 20})”: it is newer than" in reply.text
    service.reply("u2", f"saw {lantern.display_title} ({lantern.year + 1}) at the cinema")  # a year off by one is it
    assert [m.movie_id for m in service.history("u2")] == [lantern.movie_id]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["qzx", "Lantern", " and ", " & ", " + ", ", ", "\n", "the", "Harbor Kid", "Part II",
                                 "remove ", "like ", "I watched ", "x" * 40, " (", ") ", "! ", "? ", ". ", "; ", '"',
                                 "Star River Night Garden", "what next", " no more "]), max_size=400))
def test_no_message_asks_the_matcher_more_than_its_bound(service, words):
    """The work per message is bounded, whatever the message: at most WorkLimits' matcher queries and characters
    and name look-ups (benchmarks/matching.py --bound). "qzx and qzx & qzx ..." once took exponential time."""
    from bot.budget import WorkLimits

    limits, index = WorkLimits(), service.matcher.index
    asked: list[str] = []
    real, owners = service.matcher.candidates_many, index._owners
    service.matcher.candidates_many = lambda mentions, *a, **k: asked.extend(mentions) or real(mentions, *a, **k)
    index._owners = names = _CountingNames(owners)
    try:
        for text in ("".join(words)[:MAX_MESSAGE_CHARS], "remove " + "".join(words)[:MAX_MESSAGE_CHARS - 7]):
            asked.clear()
            names.lookups = 0
            index._spans.cache_clear()
            service.reply("fuzz", text)
            assert len(asked) <= MAX_QUERIES  # every act of the message shares one budget
            assert sum(map(len, asked)) <= limits.query_chars and names.lookups <= limits.lookups
    finally:
        service.matcher.candidates_many, index._owners = real, owners


def test_the_exponential_message_is_cheap(service):
    asked = []
    real = service.matcher.candidates_many
    service.matcher.candidates_many = lambda mentions, *a, **k: asked.append(len(mentions)) or real(mentions, *a, **k)
    try:
        service.reply("u1", "add " + " and ".join(["qzx"] * 13) + " & qzx" * 12)
        service.reply("u1", "remove " + " & ".join(["qzx"] * 24))
        service.reply("u1", "something like " + " and ".join(["qzx"] * 24))
    finally:
        service.matcher.candidates_many = real
    assert all(n <= 10 for n in asked)  # distinct spans only: "qzx", "qzx and qzx", ...


class _CountingNames(dict):
    """The catalogue's name table, counting each look-up (every span search and exact lookup goes through it)."""
    lookups = 0

    def get(self, key, default=None):
        self.lookups += 1
        return super().get(key, default)


def title_word_message(catalog, seed: int, separators: tuple[str, ...]) -> str:
    """The probe's message: "I watched " and runs of 8-12 of the catalogue's title words, each run ended by a
    separator (commas, parentheses, "!", "?", ...), up to the message limit."""
    import random
    import re

    words = sorted({w for m in catalog.movies for w in re.findall(r"\w+", m.display_title)})
    rng, text = random.Random(seed), "I watched "
    while True:
        run = " ".join(rng.choice(words) for _ in range(rng.randint(8, 12))) + rng.choice(separators)
        if len(text) + len(run) > MAX_MESSAGE_CHARS:
            return text.rstrip(" ,")
        text += run


@pytest.mark.parametrize("separators", [(", ",), (", ", " (", "! ", "? ", ". ", "; ", " and ", ' "')])
def test_a_message_of_title_words_stays_within_one_fixed_budget(service, prepared, monkeypatch, separators):
    """Finding 1 of issue 19: 2,000 characters of real title words cost 2-8 s of CPU, most of it matcher queries
    three long pieces wide (SBERT and rapidfuzz cost grows with the characters asked) and name searches over
    every clause and piece. Whatever the text, one message now spends at most WorkLimits of both. Counted, not
    timed: every name look-up goes through the index's table, every query through candidates_many."""
    from bot.budget import WorkLimits

    limits = WorkLimits()
    index = service.matcher.index
    names = _CountingNames(index._owners)
    monkeypatch.setattr(index, "_owners", names)
    asked: list[str] = []
    real = service.matcher.candidates_many
    monkeypatch.setattr(service.matcher, "candidates_many",
                        lambda mentions, *a, **k: asked.extend(mentions) or real(mentions, *a, **k))
    for seed in range(3):
        text = title_word_message(prepared.catalog, seed, separators)
        index._spans.cache_clear()  # a remembered search would hide its cost
        names.lookups, asked[:] = 0, []
        reply = service.reply(f"probe{seed}", text)
        assert reply.text
        assert len(asked) <= limits.queries and sum(map(len, asked)) <= limits.query_chars, (len(asked), sum(map(len, asked)))
        assert names.lookups <= limits.lookups, names.lookups
        assert all(len(q) <= limits.query_max_chars for q in asked)


def test_a_list_of_real_titles_still_reads_within_the_budget(service, prepared):
    """The budget leaves an everyday list whole: every title of a comma-separated list is stored."""
    movies = prepared.catalog.movies[:20]
    reply = service.reply("lister", "I watched " + ", ".join(m.display_title for m in movies))
    assert reply.history_changed
    assert {m.movie_id for m in service.history("lister")} == {m.movie_id for m in movies}


def test_bad_bytes_get_a_reply_and_store_cleanly(service, prepared):
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0])
    for message in ["\ud800", "add \x00" + movie.display_title, "what next?\udfff\x00"]:
        reply = service.reply("u1", message)
        reply.text.encode("utf-8")
    assert [m.movie_id for m in service.history("u1")] == [movie.movie_id]
    [turn] = service.export("u1")["turns"]
    assert "\x00" not in turn["request"] and "\ufffd" in turn["request"]


def test_images_in_typed_or_written_text_never_render(service):
    from bot.render import as_plain_text

    reply = service.reply("u1", "add ![x](http://tracker.example/pixel.png) <img src=http://tracker.example/a.png>")
    assert "![" not in reply.text and "<img" not in reply.text
    assert "![" not in as_plain_text("1. ![a](http://h/x.png) Heat") and "&lt;img" in as_plain_text("<img src=x>")


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
    with StandInTGI(lambda messages: "") as server:  # up at startup ...
        down = build_chat_model(LLMConfig(backend="tgi", endpoint_url=server.url, retries=0, timeout_s=1), Path("."))
    service = make_service(down)  # ... and gone now
    service.reply("u1", "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    reply = service.reply("u1", "what should I watch next?")
    assert len(reply.recommendations) == 3 and "unavailable" in reply.text and server.url not in reply.text


def test_a_locked_database_keeps_what_was_saved(make_service, prepared, tmp_path):
    import sqlite3

    path = tmp_path / "locked.sqlite3"
    service = make_service(path=path)
    service.repo.deadline_s, service.repo.retry_wait_s = 0.3, 0.01
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
    service.repo = Repository(create_engine("postgresql+psycopg://nobody@127.0.0.1:9/dualrec"), deadline_s=0)
    reply = service.reply("u1", "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0]).display_title)
    assert "could not save" in reply.text and "unavailable" in reply.text
    assert "nothing was deleted" in service.forget("u1")


def test_nul_bytes_and_surrogates_store_cleanly_on_postgresql(make_service, prepared):
    """A NUL byte once broke the turn on PostgreSQL, which refuses NUL in text columns."""
    from db.repository import Repository, make_engine
    from tests.test_repository import clean_postgres

    service = make_service()
    service.repo = Repository(make_engine(clean_postgres()))
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[0][0])
    assert "Added" in service.reply("u1", "add " + movie.display_title + "\x00").text
    reply = service.reply("u1", "what next?\x00\ud800")
    assert len(reply.recommendations) == 3
    [turn] = service.export("u1")["turns"]
    assert turn["request"] == "what next?\ufffd"
    service.repo.engine.dispose()


def test_drafts_show_cards_never_raw_llm_text_or_watched_movies(make_service, prepared):
    catalog = prepared.catalog
    watched = catalog.by_id(chain_movie_ids(SPEC)[0][0])
    other = catalog.by_id(chain_movie_ids(SPEC)[5][3])
    answer = (f"Title: 1. Title (Year) | 1. Year The answer is:\n1. {watched.label} | you saw it\n"
              f"2. {other.label} | a fine pick\nblah blah rambling")
    service = make_service(FakeListChatModel(responses=[answer]))  # scripted LLM, streamed piece by piece
    service.reply("u1", "add " + watched.display_title)
    replies = list(service.reply_stream("u1", "what should I watch next?"))
    drafts = [r for r in replies if r.partial]
    assert drafts and not any("The answer is" in d.text or "blah" in d.text or "Title (Year)" in d.text
                              for d in drafts)
    assert not any(f"**{watched.display_title}**" in d.text for d in drafts)  # no card for a watched movie
    carded = [i for i, d in enumerate(drafts) if f"**{other.display_title}**" in d.text]
    assert carded and carded[0] < len(drafts) - 1  # its card shows while the LLM is still writing
    final = replies[-1]
    assert other.movie_id in [r.movie.movie_id for r in final.recommendations]


def test_a_turn_runs_its_torch_work_on_its_own_threads_and_exact_names_skip_the_matcher(
        make_service, prepared, synthetic_matcher, synthetic_predictor, monkeypatch):
    import threading
    from dataclasses import replace

    import torch

    service = make_service()
    service.config = replace(service.config, turn_threads=1)
    asked, threads = [], []
    candidates_many, top_k = synthetic_matcher.candidates_many, synthetic_predictor.top_k

    def recording_candidates(mentions, *args, **kwargs):
        asked.extend(mentions)
        threads.append(torch.get_num_threads())
        return candidates_many(mentions, *args, **kwargs)

    def recording_top_k(*args, **kwargs):
        threads.append(torch.get_num_threads())
        return top_k(*args, **kwargs)

    monkeypatch.setattr(synthetic_matcher, "candidates_many", recording_candidates)
    monkeypatch.setattr(synthetic_predictor, "top_k", recording_top_k)
    names = titles(prepared.catalog, chain_movie_ids(SPEC)[1][:2])
    typo = names[1][:3] + names[1][4:]
    before = torch.get_num_threads()
    replies = []
    turn = threading.Thread(target=lambda: replies.extend(
        [service.reply("u1", f"I watched {names[0]}\n{typo}"), service.reply("u1", "what next?")]))
    turn.start()
    turn.join(timeout=120)
    torch.set_num_threads(before)  # a turn's setting is also torch's default for later threads
    assert len(replies) == 2 and names[0] in replies[0].text
    assert typo in asked and names[0] not in asked  # an exact name is that movie without matching
    assert threads and set(threads) == {1}


def test_every_step_of_a_streamed_turn_runs_on_turn_threads_whichever_thread_resumes_it(
        make_service, prepared, synthetic_matcher, monkeypatch):
    """Gradio resumes a streaming reply on whichever of its worker threads is free. A fresh thread takes torch's
    latest default, which the LLM's worker sets to its own count; a turn's later steps (matching the titles the
    LLM writes) must still run on turn_threads, or that thread keeps a second OpenMP team and slows the LLM."""
    import threading
    from dataclasses import replace

    import torch

    catalog = prepared.catalog
    watched, other = catalog.by_id(chain_movie_ids(SPEC)[0][0]), catalog.by_id(chain_movie_ids(SPEC)[5][3])
    service = make_service(FakeListChatModel(responses=[f"1. {other.label} | a fine pick\n2. {watched.label} | again"]))
    service.config = replace(service.config, turn_threads=1)
    service.reply("u1", "add " + watched.display_title)
    seen: list[int] = []
    encode = synthetic_matcher.encoder.encode

    def recording_encode(*args, **kwargs):
        seen.append(torch.get_num_threads())
        return encode(*args, **kwargs)

    monkeypatch.setattr(synthetic_matcher.encoder, "encode", recording_encode)
    before = torch.get_num_threads()
    stream, replies = service.reply_stream("u1", "what should I watch next?"), []
    try:
        while True:
            torch.set_num_threads(2)  # the default a fresh thread takes, as the LLM's worker leaves it
            step = threading.Thread(target=lambda: replies.append(next(stream, None)))
            step.start()
            step.join(timeout=60)
            if replies[-1] is None:
                break
    finally:
        torch.set_num_threads(before)
    assert len(replies) > 3 and other.movie_id in [r.movie.movie_id for r in replies[-2].recommendations]
    assert seen and set(seen) == {1}


def test_a_sequence_model_gone_bad_is_named_never_blamed_on_the_database(prepared, synthetic_matcher, trained,
                                                                          tmp_path, caplog):
    """A real predictor whose weights turn NaN after it was loaded (the start-up checks passed): the ranking
    fails, the reply says so (not "the database refused"), the log has the traceback, and nothing is stored."""
    import logging
    import math

    import torch

    from bot.service import ChatService
    from db.repository import Repository, make_engine
    from recommender.chain import DualRecChain
    from recommender.predictor import NextMoviePredictor

    predictor = NextMoviePredictor.from_checkpoint(trained.checkpoint_dir, prepared.catalog)
    with torch.no_grad():
        for weight in predictor.scorer.model.parameters():
            weight.fill_(math.nan)
    repo = Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}"))
    service = ChatService(prepared.catalog, synthetic_matcher, DualRecChain(predictor, synthetic_matcher, None), repo)
    first, second = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[0][:2])
    service.reply("u1", "add " + first.display_title)
    with caplog.at_level(logging.ERROR):
        reply = service.reply("u1", "what should I watch next?")
    assert "couldn't rank" in reply.text and "sequence model" in reply.text, reply.text
    assert "database" not in reply.text and not reply.recommendations
    assert any(r.exc_info and "RankingError" in r.exc_text for r in caplog.records if r.exc_text)
    # a message that adds and asks: the add is saved and said, the ranking's failure named after it
    reply = service.reply("u1", f"I watched {second.display_title}, what should I watch next?")
    assert "Added" in reply.text and "couldn't rank" in reply.text, reply.text
    user = repo.find_user("u1")
    assert repo.history(user) == [first.movie_id, second.movie_id] and repo.recommendations(user) == []


# -- repairs: undo, removing by another name or with a slip, corrections, "I didn't watch X" ----------------------
def test_undo_takes_back_the_latest_add_even_when_it_was_typed_exactly(service, prepared):
    first, second, third = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[3][:3])
    service.reply("u1", f"I watched {first.display_title}")
    service.reply("u1", f"I watched {second.display_title} and {third.display_title}")
    reply = service.reply("u1", "undo")  # once changed nothing: only best guesses could be undone
    assert reply.history_changed and [m.movie_id for m in service.history("u1")] == [first.movie_id]
    assert "nothing to undo" in service.reply("u1", "undo").text.lower()
    service.reply("u1", f"I watched {second.display_title}")
    service.reply("u1", "delete the last one")
    assert [m.movie_id for m in service.history("u1")] == [first.movie_id]
    service.reply("u1", f"I watched {second.display_title}")
    service.reply("u1", f"remove {first.display_title}")
    assert [m.movie_id for m in service.history("u1")] == [second.movie_id]
    # a remove since: "undo" puts back what it took out ("wait undo that, my thumb slipped"), not the add before it
    reply = service.reply("u1", "wait undo that, my thumb slipped")
    assert reply.history_changed and "put" in reply.text
    assert [m.movie_id for m in service.history("u1")] == [second.movie_id, first.movie_id]
    service.reply("u1", f"remove {first.display_title}")
    service.reply("u1", "no sorry, i did watch it. put it back")
    assert [m.movie_id for m in service.history("u1")] == [second.movie_id, first.movie_id]


def test_remove_reads_a_slip_against_the_history_and_asks_when_unsure(service, prepared):
    catalog = prepared.catalog
    movie = catalog.by_id(chain_movie_ids(SPEC)[2][1])
    other = catalog.by_id(chain_movie_ids(SPEC)[4][1])
    service.reply("u1", f"I watched {movie.display_title} and {other.display_title}")
    words = other.display_title.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = words[longest][0] + words[longest][2:]  # one letter dropped, as "shpere" for Sphere
    reply = service.reply("u1", f"remove {' '.join(words)}")
    assert reply.history_changed and [m.movie_id for m in service.history("u1")] == [movie.movie_id]
    unsure = " ".join(movie.display_title.split()[:-1])  # no number: which film of the series? asked, not removed
    reply = service.reply("u1", f"take {unsure} off my list")
    assert not reply.history_changed and "Did you mean" in reply.text and movie.display_title in reply.text
    assert "removed nothing" in service.reply("u1", "no").text
    service.reply("u1", f"remove {unsure}")
    assert service.reply("u1", "yes").history_changed and service.history("u1") == []


def test_i_meant_x_not_y_replaces_y_and_i_meant_x_replaces_the_latest_add(service, prepared):
    a, b, c, d = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[5][:4])
    service.reply("u1", f"I watched {a.display_title} and {b.display_title}")
    reply = service.reply("u1", f"oops I meant {c.display_title} not {b.display_title}")
    assert reply.history_changed and [m.movie_id for m in service.history("u1")] == [a.movie_id, c.movie_id]
    service.reply("u1", f"sorry, I meant {d.display_title}")  # the latest add was C
    assert [m.movie_id for m in service.history("u1")] == [a.movie_id, d.movie_id]


def test_a_movie_in_the_history_said_not_watched_leaves_it(service, prepared):
    a, b = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[6][:2])
    service.reply("u1", f"I watched {a.display_title} and {b.display_title}")
    reply = service.reply("u1", f"actually I didn't watch {a.display_title}")
    assert reply.history_changed and "haven't watched" in reply.text
    assert [m.movie_id for m in service.history("u1")] == [b.movie_id]
    service.reply("u1", f"I've been meaning to watch {b.display_title}")  # a wish, not a retraction
    assert [m.movie_id for m in service.history("u1")] == [b.movie_id]


def test_a_reading_that_leans_against_the_rules_asks_and_yes_stores(prepared, synthetic_predictor, synthetic_matcher,
                                                                   mention_reader, act_reader, tmp_path):
    """Issue 20: "a reading that is unsure asks the user; it does not guess silently". The shipped reader with a
    stricter bar (a real config of the real model, not a stand-in) makes "half watched X on the plane" (read as not
    watched, 0.93) unsure against the rules' "watched": nothing is stored, the reply asks, and "yes" stores it."""
    from dataclasses import replace as replaced

    from bot.mention_reader import MentionReader
    from bot.service import ChatService
    from db.repository import Repository, make_engine
    from recommender.chain import ChainConfig, DualRecChain

    strict = MentionReader(mention_reader.encoder, mention_reader.head, replaced(mention_reader.config, min_confidence=0.99))
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, None, ChainConfig())
    service = ChatService(prepared.catalog, synthetic_matcher, chain, Repository(make_engine(
        f"sqlite:///{tmp_path / 'chat.sqlite3'}")), reader=strict, acts=act_reader)
    movie = prepared.catalog.movies[0]
    for answer, stored in (("yes", True), ("no", False)):
        user = f"asked-{answer}"
        reply = service.reply(user, f"half watched {movie.display_title} on the plane")
        assert service.history(user) == [] and "yourself?" in reply.text
        service.reply(user, answer)
        assert [m.movie_id for m in service.history(user)] == ([movie.movie_id] if stored else [])


def test_a_standing_only_and_a_genre_asked_for_meet_where_the_catalogue_has_both(make_service, prepared):
    """Issue 20 (dev4): "I only watch animated movies", then "something funny", gave live-action comedies."""
    from collections import Counter

    pairs = Counter((a, b) for m in prepared.catalog.movies for a in m.genres for b in m.genres if a < b)
    (first, second), count = pairs.most_common(1)[0]
    assert count >= 5  # the synthetic catalogue has such a pair
    service = make_service()
    service.reply("u1", f"I only watch {first.lower()} movies")
    reply = service.reply("u1", f"a {second.lower()} please")
    assert reply.recommendations
    assert all({first, second} <= set(r.movie.genres) for r in reply.recommendations)


def test_put_it_back_restores_what_an_undo_took_back(service, prepared):
    """Issue 20 (dev4): "undo", then "no sorry, i did watch it. put it back" said there was nothing to undo."""
    movie = prepared.catalog.movies[0]
    service.reply("u1", f"I watched {movie.display_title}")
    service.reply("u1", "undo")
    assert service.history("u1") == []
    assert service.reply("u1", "no sorry, i did watch it. put it back").history_changed
    assert [m.movie_id for m in service.history("u1")] == [movie.movie_id]
    service.reply("u1", "undo")
    assert "nothing to undo" in service.reply("u1", "undo").text.lower()  # a second "undo" is no "put it back"


def two_of_a_series(prepared):
    """Two films of one series of the synthetic catalogue ("Moon Echo 3", "Moon Echo 8"), and the second's number."""
    from collections import defaultdict

    from bot.titles import series_of

    series = defaultdict(list)
    for m in prepared.catalog.movies:
        series[series_of(m.display_title)].append(m)
    first, second = next(films for films in series.values() if len(films) >= 2)[:2]
    return first, second, second.display_title.rsplit(" ", 1)[1]


def test_it_was_part_2_replaces_the_latest_add_by_its_number(make_service, prepared):
    """Issue 20 (dev4): "watched godfather part 3", then "no wait it was part 2 lol" changed nothing. The synthetic
    catalogue numbers its films ("Moon Echo 8"): the series' film of the number said replaces the latest add."""
    first, second, number = two_of_a_series(prepared)
    service = make_service()
    service.reply("u1", f"I watched {first.display_title}")
    service.reply("u1", f"no wait it was part {number} lol, the one with the flashbacks.")
    assert [m.movie_id for m in service.history("u1")] == [second.movie_id]


def test_repairs_after_a_removal_never_put_back_by_a_removal_verb_nor_after_a_clear(service, prepared):
    """Review: "delete that" / "remove the last one" right after a removal put the movie back; a confirmed clear
    left the removal for "undo" to restore."""
    a, b = prepared.catalog.movies[:2]
    service.reply("u1", f"I watched {a.display_title} and {b.display_title}")
    service.reply("u1", f"remove {a.display_title}")
    for said in ("delete that", "remove the last one"):
        service.reply("u1", said)
        assert a.movie_id not in [m.movie_id for m in service.history("u1")]
    service.reply("u2", f"I watched {a.display_title} and {b.display_title}")
    service.reply("u2", f"remove {a.display_title}")
    service.reply("u2", "clear my history")
    service.reply("u2", "yes")
    service.reply("u2", "undo")
    assert service.history("u2") == []


def test_an_unsure_film_also_said_not_watched_leaves_the_history_without_an_error(prepared, synthetic_predictor,
                                                                                 synthetic_matcher, mention_reader,
                                                                                 act_reader, tmp_path):
    """Review: a title both asked about and said not watched raised ValueError in the service."""
    from dataclasses import replace as replaced

    from bot.mention_reader import MentionReader
    from bot.service import ChatService
    from db.repository import Repository, make_engine
    from recommender.chain import ChainConfig, DualRecChain

    strict = MentionReader(mention_reader.encoder, mention_reader.head, replaced(mention_reader.config, min_confidence=0.99))
    service = ChatService(prepared.catalog, synthetic_matcher, DualRecChain(synthetic_predictor, synthetic_matcher, None,
                                                                           ChainConfig()),
                          Repository(make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}")), reader=strict, acts=act_reader)
    a, b = prepared.catalog.movies[:2]
    service.reply("u1", f"I watched {a.display_title}")
    reply = service.reply("u1", f"didn't watch {b.display_title} but half watched {a.display_title} on the plane")
    assert reply.text and b.movie_id not in [m.movie_id for m in service.history("u1")]


def test_a_sequel_number_alone_after_an_add_names_that_film_of_its_series(make_service, prepared):
    """Dev 6: "watched back to the future", then "and part 2 yesterday" was "I don't know part 2": the number names
    the film of the latest add's series; with no add before it, it stores nothing."""
    first, second, number = two_of_a_series(prepared)
    service = make_service()
    service.reply("u1", f"I watched {first.display_title}")
    service.reply("u1", f"and part {number} yesterday")
    assert [m.movie_id for m in service.history("u1")] == [first.movie_id, second.movie_id]
    service.reply("u2", f"and part {number} yesterday")
    assert service.history("u2") == []


def test_what_it_says_about_its_catalogue_comes_from_the_data(make_service, prepared):
    """Issue 21: the synthetic catalogue's size and last year, not ML-1M's "1,000 movies up to 2000"."""
    service = make_service()
    newest = max(m.year for m in prepared.catalog.movies if m.year)
    who = service.reply("u1", "who are you?").text
    assert f"I know {len(prepared.catalog):,} popular movies up to {newest}." in who
    assert f"{int(prepared.catalog.rating_counts.sum()):,} MovieLens ratings" in who
    unknown = service.reply("u1", "I watched Zorblax Returns")
    assert f"the {len(prepared.catalog):,} movies I know" in unknown.text and "1,000" not in unknown.text


def test_drop_the_second_one_names_that_film_of_the_latest_add(service, prepared):
    a, b, c = prepared.catalog.movies[:3]
    service.reply("ord", f"watched {a.display_title}, {b.display_title} and {c.display_title} over christmas")
    reply = service.reply("ord", "drop the second one, that was my dad's pick and i slept through all of it")
    assert reply.history_changed and [m.movie_id for m in service.history("ord")] == [a.movie_id, c.movie_id]


def test_talk_beside_the_films_found_is_not_called_an_unknown_title(service, prepared):
    movie = prepared.catalog.movies[0]
    reply = service.reply("talk", f"{movie.display_title} is the finest film ever made, in my humble opinion. 9/10.")
    assert [m.movie_id for m in service.history("talk")] == [movie.movie_id]
    assert "humble" not in reply.text
    reply = service.reply("talk", f"I watched {prepared.catalog.movies[1].display_title} and Qzxvb")
    assert "“Qzxvb”" in reply.text  # a word that may be a misspelt title is still said unknown


def test_the_second_one_after_a_list_removes_no_film_of_an_earlier_add(service, prepared):
    a, b, c = prepared.catalog.movies[:3]
    service.reply("ord2", f"I watched {a.display_title}, {b.display_title} and {c.display_title}")
    assert service.reply("ord2", "recommend something").recommendations
    service.reply("ord2", "drop the second one, not in the mood")
    assert [m.movie_id for m in service.history("ord2")] == [a.movie_id, b.movie_id, c.movie_id]


def test_only_a_bare_no_puts_a_cleared_history_back(service, prepared):
    a = prepared.catalog.movies[0]
    service.reply("clear", f"I watched {a.display_title}")
    service.reply("clear", "clear my history")
    service.reply("clear", "no thanks")
    assert service.history("clear") == []


def test_a_title_said_by_its_start_removes_the_one_film_that_starts_so(service, prepared):
    """ "Take Dial M off my list" asked "did you mean Dial M for Murder?" though no other film starts so."""
    river = prepared.catalog.by_id(4)  # "Crouching Moon, Hidden River"
    service.reply("u1", f"I watched {river.display_title}")
    reply = service.reply("u1", "Take Crouching Moon off my list, would you?")
    assert reply.history_changed and service.history("u1") == []


def test_a_film_taken_off_that_was_never_watched_stays_out_of_the_next_list(service, prepared):
    """ "Leave out Chariots of Fire, we'll watch it together anyway. Others?": not in the history, so nothing is
    removed, and the list that follows leaves it out."""
    first = service.reply("u1", "recommend me something")
    shown = first.recommendations[0].movie
    service.reply("u1", f"Leave out {shown.display_title}, we'll watch that one together anyway.")
    later = [r.movie.movie_id for r in service.reply("u1", "what should I watch next?").recommendations]
    assert later and shown.movie_id not in later


def test_newer_than_the_film_a_request_starts_from(service, prepared):
    """ "something like Die Hard but newer": newer than Die Hard, not than a list never shown."""
    ordered = sorted((m for m in prepared.catalog.movies if m.year), key=lambda m: m.year)
    anchor = ordered[len(ordered) // 2]
    reply = service.reply("u1", f"something like {anchor.display_title} but newer")
    assert reply.recommendations and all(r.movie.year > anchor.year for r in reply.recommendations)


def test_the_second_one_after_two_adds_of_one_series_is_the_sequel(service, prepared):
    kid, sequel = prepared.catalog.by_id(6), prepared.catalog.by_id(7)
    service.reply("u1", f"watched {kid.display_title}")
    service.reply("u1", f"and {sequel.display_title}")
    reply = service.reply("u1", "nah remove the second one, didnt even finish it")
    assert [m.movie_id for m in service.history("u1")] == [kid.movie_id]
    assert "not in your history" not in reply.text  # the reason beside it is no title


def test_remove_point_two_after_a_numbered_add_removes_its_second_film(service, prepared):
    films = [prepared.catalog.by_id(i) for i in (1, 2, 3)]
    service.reply("u1", "All seen: " + " ".join(f"{n}) {m.display_title}" for n, m in enumerate(films, start=1)))
    assert [m.movie_id for m in service.history("u1")] == [1, 2, 3]
    service.reply("u1", "Kindly remove point 2, I confused it with some other film.")
    assert [m.movie_id for m in service.history("u1")] == [1, 3]


def test_an_unknown_title_beside_a_removal_is_still_said(service, prepared):
    first = prepared.catalog.by_id(1)
    service.reply("u1", f"I watched {first.display_title}")
    reply = service.reply("u1", f"remove {first.display_title}, and Zorblax Returns too")
    assert service.history("u1") == [] and "Zorblax Returns" in reply.text


def test_newer_than_a_film_keeps_to_the_years_held(service, prepared):
    years = sorted({m.year for m in prepared.catalog.movies if m.year})
    held = years[len(years) * 3 // 4]
    oldest = min((m for m in prepared.catalog.movies if m.year), key=lambda m: m.year)
    service.reply("u1", f"nothing before {held}")
    reply = service.reply("u1", f"something like {oldest.display_title} but newer")
    assert reply.recommendations and all(r.movie.year >= held for r in reply.recommendations)


def test_older_with_no_list_and_no_film_named_is_no_bound_of_the_last_add(service, prepared):
    """ "any other musicals i can show her? older ones" after adds asked for films older than the last one added;
    "something like that but older", or "any older ones?" with no kind, is older than it."""
    newest = max((m for m in prepared.catalog.movies if m.year), key=lambda m: m.year)
    oldest = min((m for m in prepared.catalog.movies if m.year), key=lambda m: m.year)
    service.reply("u1", f"I watched {oldest.display_title}")
    kind = oldest.genres[0].lower()
    reply = service.reply("u1", f"any other {kind} films i can show her? older ones")
    assert reply.recommendations  # not "nothing before <the oldest film>": a kind asked, with old ones
    service.reply("u2", f"I watched {newest.display_title}")
    later = service.reply("u2", "something like that but older")
    assert later.recommendations and all(r.movie.year < newest.year for r in later.recommendations)
    service.reply("u3", f"I watched {newest.display_title}")
    plain = service.reply("u3", "any older ones?")
    assert plain.recommendations and all(r.movie.year < newest.year for r in plain.recommendations)


def test_i_never_saw_it_right_after_an_add_takes_it_back(service, prepared):
    """ "actually I didn't watch it" answered "I don't know 'actually I didn't watch it'"; said with no add right
    before it, nothing of the history goes."""
    film = prepared.catalog.by_id(1)
    service.reply("u1", f"I watched {film.display_title}")
    reply = service.reply("u1", "Actually, I never saw it; I was mixing it up with another one.")
    assert reply.history_changed and service.history("u1") == []
    service.reply("u2", f"I watched {film.display_title}")
    service.reply("u2", "recommend me something")
    kept = service.reply("u2", "I never saw it")
    assert not kept.history_changed and [m.movie_id for m in service.history("u2")] == [1]
    assert "don't know" not in kept.text



def test_a_film_in_the_history_said_unseen_later_in_its_sentence_leaves_it(service, prepared):
    """ "Oh, no; X is on my list to watch, I haven't actually seen it. I was thinking of the soundtrack": X leaves
    the history, and the talk after it asks for no list."""
    film = prepared.catalog.by_id(1)
    service.reply("u1", f"I also watched {film.display_title}; enjoyed it enormously.")
    reply = service.reply("u1", f"Oh, no; {film.display_title} is on my list to watch, I haven't actually seen it. "
                                "I was thinking of the soundtrack.")
    assert service.history("u1") == [] and not reply.recommendations


def test_no_the_first_one_after_adding_a_sequel_swaps_in_the_first(service, prepared):
    kid, sequel = prepared.catalog.by_id(6), prepared.catalog.by_id(7)
    service.reply("u1", f"I watched The Harbor Kid, Part II ({sequel.year})")
    assert [m.movie_id for m in service.history("u1")] == [sequel.movie_id]
    service.reply("u1", "ugh no the first one. the other is the later one and we havent done that yet")
    assert [m.movie_id for m in service.history("u1")] == [kid.movie_id]


def test_one_of_those_removed_asks_which_and_removes_only_the_one_chosen(service, prepared):
    """Blind dev 31: "one of these was my flatmate who watched, not me. Remove it please." removed all three."""
    first, second, third = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[3][:3])
    added = f"I watched {first.display_title}, {second.display_title} and {third.display_title}"
    service.reply("u1", added)
    reply = service.reply("u1", "Hmm, wait, one of these was my flatmate who watched, not me. Remove it please.")
    assert not reply.history_changed and len(service.history("u1")) == 3
    assert first.display_title in reply.text and third.display_title in reply.text
    service.reply("u1", f"Is {third.display_title}, sorry.")  # named alone, as the answer
    assert [m.movie_id for m in service.history("u1")] == [first.movie_id, second.movie_id]
    service.reply("u2", added)
    service.reply("u2", "one of those wasn't me, remove it")
    service.reply("u2", "the second one")
    assert [m.movie_id for m in service.history("u2")] == [first.movie_id, third.movie_id]
    service.reply("u3", added)
    service.reply("u3", "one of those wasn't me, remove it")
    assert "removed nothing" in service.reply("u3", "no").text and len(service.history("u3")) == 3


def test_a_last_sentence_that_removes_both_takes_the_films_named_before_it(service, prepared):
    """Blind dev 30: "I did not actually watch A (...), and B was merely on in the background. Please remove both."
    kept B."""
    movies = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[3][:4]]
    service.reply("u1", "This month I watched " + ", ".join(m.display_title for m in movies))
    service.reply("u1", f"On reflection I must strike two of those. I did not actually watch {movies[1].display_title}, "
                        f"and {movies[3].display_title} was merely on in the background. Please remove both.")
    assert [m.movie_id for m in service.history("u1")] == [movies[0].movie_id, movies[2].movie_id]


def test_a_correction_said_after_a_sentence_that_only_takes_back(service, prepared):
    """Blind dev 30/31: "Wait, wrong numeral. It was X." added X beside the film it replaces; "Would you kindly
    forget everything I've told you?" showed the history; "Ops, undo please." was an unknown film."""
    first, second = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[3][:2])
    service.reply("u1", f"I watched {first.display_title}")
    service.reply("u1", f"Wait, wrong numeral. It was {second.display_title}.")
    assert [m.movie_id for m in service.history("u1")] == [second.movie_id]
    service.reply("u1", "Ops, undo please. I wrote wrong, was only the trailer.")
    assert service.history("u1") == []
    service.reply("u1", f"I watched {first.display_title}")
    assert service.reply("u1", "Would you kindly forget everything I've told you? My granddaughter will use this "
                               "tablet.").history_changed and service.history("u1") == []
    service.reply("u1", f"I watched {first.display_title}")
    service.reply("u1", "Thank you. Now forget everything, please.")
    assert service.history("u1") == []


def test_a_version_said_as_a_correction_answers_the_open_which_question(synthetic_matcher):
    """A reviewer's: "no it was the 1995 one" to "Which movie is X: A or B?" stopped choosing once such words read
    as a correction of the latest add's version (the synthetic catalogue has no title of two years: the reading and
    the step the service takes with a question open)."""
    from bot.intents import Answer, Correct
    from bot.understanding import read_acts, version_answers

    acts = read_acts("no it was the 1995 one", synthetic_matcher.index)
    assert isinstance(acts[0], Correct) and version_answers(acts) == (Answer(year=1995),)
    said = read_acts("Oh dear, no, I am mixing them up. It was the 1962 original.", synthetic_matcher.index)
    assert version_answers(said) == (Answer(year=1962),)


def test_a_year_said_as_a_version_is_no_part_number(synthetic_matcher):
    """"hang on nah it was the 86 one": the latest add's version of 1986, not its part 86 (blind dev 55)."""
    from bot.intents import Answer, Correct
    from bot.understanding import read_acts

    [said] = read_acts("hang on nah it was the 86 one, sorry mate", synthetic_matcher.index)
    assert isinstance(said, Correct) and not said.sequel and said.version == Answer(year=1986)
