"""The launched Gradio app driven with gradio_client, plus its identity rules and first-start behaviour.

The app runs for real (Gradio server on loopback, real SQLite, real SBERT, a small LSTM trained on synthetic
data); the LLM is left out here (None: the LSTM answers) and is exercised with SmolLM2 in the browser test.
"""
import threading
from dataclasses import replace

import gradio as gr
import pytest
from gradio_client import Client

from bot.app import reply_messages, user_key
from bot.config import AppConfig
from bot.render import INTRO, OUTRO
from bot.startup import Startup, build_service
from recommender.errors import CheckpointError
from tests.app_server import launched
from tests.conftest import SPEC, TEST_MODEL, TEST_TRAIN
from tests.synthetic import chain_movie_ids

ALICE, BOB = "alice-token-0123456789", "bob-token-0123456789ab"


@pytest.fixture(scope="module")
def client_and_service(prepared, synthetic_predictor, synthetic_matcher, tmp_path_factory):
    from bot.service import ChatService
    from db.repository import Repository, make_engine
    from recommender.chain import DualRecChain

    repo = Repository(make_engine(f"sqlite:///{tmp_path_factory.mktemp('app') / 'chat.sqlite3'}"))
    service = ChatService(prepared.catalog, synthetic_matcher, DualRecChain(synthetic_predictor, synthetic_matcher, None), repo)
    with launched(service) as url:
        yield Client(url, verbose=False, download_files=False, analytics_enabled=False), service


def test_a_user_states_a_history_gets_three_recommendations_and_rates_one(client_and_service, prepared):
    client, service = client_and_service
    names = [prepared.catalog.by_id(m).display_title for m in chain_movie_ids(SPEC)[3][:3]]
    added = client.predict(ALICE, f"I watched {names[0]}, {names[1]} and {names[2]}", api_name="/chat")
    assert added["history_changed"] and all(name in added["text"] for name in names)
    assert [row["title"].startswith(n) for row, n in zip(client.predict(ALICE, api_name="/history"), names)] == [True] * 3
    answer = client.predict(ALICE, "what should I watch next?", api_name="/chat")
    assert len(answer["recommendations"]) == 3 and answer["text"].startswith(INTRO)
    first = answer["recommendations"][0]
    assert "Thanks" in client.predict(ALICE, first["recommended_id"], True, api_name="/rate")
    [record] = [r for r in service.repo.feedback_records() if r["movie_id"] == first["movie_id"]]
    assert record["value"] == 1


def test_one_user_never_sees_or_changes_another_users_data(client_and_service, prepared):
    client, _ = client_and_service
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[4][0])
    client.predict(ALICE, f"add {movie.display_title}", api_name="/chat")
    alice_rec = client.predict(ALICE, "what next?", api_name="/chat")["recommendations"][0]
    assert client.predict(BOB, api_name="/history") == []
    assert "not yours" in client.predict(BOB, alice_rec["recommended_id"], False, api_name="/rate")
    client.predict(BOB, f"remove {movie.display_title}", api_name="/chat")
    assert movie.movie_id in [row["movie_id"] for row in client.predict(ALICE, api_name="/history")]


def test_a_malformed_token_gets_a_clear_answer_and_creates_nothing(client_and_service):
    client, service = client_and_service
    answer = client.predict("short", "I watched Heat", api_name="/chat")
    assert "user_token" in answer["text"] and answer["recommendations"] == []


def test_api_arguments_are_validated_and_false_is_a_thumbs_down(client_and_service, prepared):
    client, service = client_and_service
    token = "rater-token-0123456789"
    client.predict(token, "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[6][0]).display_title, api_name="/chat")
    shown = client.predict(token, "what next?", api_name="/chat")["recommendations"]
    assert "Thanks" in client.predict(token, shown[0]["recommended_id"], "false", api_name="/rate")
    assert "Thanks" in client.predict(token, str(shown[1]["recommended_id"]), "TRUE", api_name="/rate")
    values = {r["movie_id"]: r["value"] for r in service.repo.feedback_records()}
    assert values[shown[0]["movie_id"]] == -1 and values[shown[1]["movie_id"]] == 1  # "false" once saved a 👍
    assert "liked must be true" in client.predict(token, shown[2]["recommended_id"], "maybe", api_name="/rate")
    assert "liked must be true" in client.predict(token, shown[2]["recommended_id"], 1, api_name="/rate")
    assert "whole number" in client.predict(token, "first", True, api_name="/rate")
    assert "whole number" in client.predict(token, 2.5, True, api_name="/rate")
    assert shown[2]["movie_id"] not in {r["movie_id"] for r in service.repo.feedback_records()}
    assert "as text" in client.predict(token, ["a", "list"], api_name="/chat")["text"]


def test_api_reads_with_a_fresh_token_create_nothing(client_and_service):
    client, service = client_and_service
    token = "reader-token-0123456789"
    assert client.predict(token, api_name="/history") == []
    assert "empty" in client.predict(token, "show my history", api_name="/chat")["text"]
    assert "not sure what you mean" in client.predict(token, "why is the sky blue?", api_name="/chat")["text"]
    assert "not yours" in client.predict(token, 1, True, api_name="/rate")
    assert service.repo.find_user(f"token:{token}") is None


def raw_call(url: str, api: str, *data) -> list[str]:
    """Gradio's HTTP API without gradio_client, which cannot even encode a lone surrogate: the event lines."""
    import json

    import httpx

    body = json.dumps({"data": list(data)}, ensure_ascii=True)  # "\ud800" stays an escape on the wire
    started = httpx.post(f"{url}/gradio_api/call/{api}", content=body, headers={"content-type": "application/json"},
                         timeout=30)
    started.raise_for_status()
    events = httpx.get(f"{url}/gradio_api/call/{api}/{started.json()['event_id']}", timeout=60)
    return events.text.splitlines()


def test_bad_bytes_get_a_sentence_not_a_broken_stream(client_and_service):
    client, _ = client_and_service
    url = client.src.rstrip("/")
    for message in ["\ud800", "add Heat\x00 \udfff", "\x00"]:
        lines = raw_call(url, "chat", "bytes-token-0123456789", message)
        assert "event: complete" in lines and "event: error" not in lines, lines
        [data] = [line for line in lines if line.startswith("data:")]
        assert '"text"' in data


def test_large_bodies_and_uploads_are_refused(client_and_service):
    import httpx

    client, _ = client_and_service
    url = client.src.rstrip("/")
    big = httpx.post(f"{url}/gradio_api/queue/join", content=b"x" * (3 * 1024 * 1024),
                     headers={"content-type": "application/json"}, timeout=30)
    assert big.status_code == 413
    upload = httpx.post(f"{url}/gradio_api/upload", files={"files": ("a.txt", b"hello")}, timeout=30)
    assert upload.status_code == 403 and "turned off" in upload.json()["error"]
    assert httpx.get(url, timeout=30).status_code == 200  # the page itself is served as before


def test_the_browser_secret_is_made_once_private_and_kept(tmp_path):
    import stat

    from bot.identity import browser_secret
    from recommender.errors import ConfigError

    first = browser_secret(tmp_path / "home")
    assert len(first) >= 32 and browser_secret(tmp_path / "home") == first
    mode = stat.S_IMODE((tmp_path / "home" / "browser-secret").stat().st_mode)
    assert mode == 0o600
    assert browser_secret(tmp_path / "other") != first
    assert browser_secret(tmp_path / "home", "a-space-secret-0123456789") == "a-space-secret-0123456789"
    with pytest.raises(ConfigError):
        browser_secret(tmp_path / "home", "short")
    (tmp_path / "torn").mkdir()
    (tmp_path / "torn" / "browser-secret").write_text("")  # a crash while writing it
    assert len(browser_secret(tmp_path / "torn")) >= 32


def test_identity_rules():
    profile = gr.OAuthProfile({"name": "Ada", "preferred_username": "ada", "picture": "", "profile": "", "website": "",
                               "email": "", "email_verified": False, "sub": "1", "orgs": []})
    assert user_key(ALICE) == f"token:{ALICE}"
    assert user_key(ALICE, profile) == "hf:ada"  # a signed-in Hugging Face user is the same on every device
    assert user_key("hf:ada") is None and user_key("") is None and user_key(None) is None
    assert user_key("<script>alert(1)</script>xxxxxx") is None


def test_each_recommended_movie_is_its_own_ratable_message(prepared):
    from bot.service import Reply, ShownRecommendation

    movies = prepared.catalog.movies[:3]
    shown = tuple(ShownRecommendation(100 + i, i + 1, m, "lstm", 0.1, "why") for i, m in enumerate(movies))
    messages, ratable = reply_messages(Reply("text", recommendations=shown, note="LLM down"))
    assert len(messages) == 3 and ratable == {0: 100, 1: 101, 2: 102}
    assert messages[0]["content"].startswith(INTRO) and messages[-1]["content"].endswith(OUTRO)
    assert "LLM down" in messages[-1]["content"]
    assert reply_messages(Reply("Added.")) == ([{"role": "assistant", "content": "Added."}], {})


def test_the_app_answers_while_it_is_still_getting_ready(prepared):
    release = threading.Event()

    def slow_build(cfg, report):
        report("Training the sequence model")
        release.wait(30)
        raise CheckpointError("stopped by the test")

    startup = Startup(None, build=slow_build).start()
    try:
        with launched(startup) as url:
            client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
            answer = client.predict(ALICE, "what next?", api_name="/chat")
            assert "still getting ready" in answer["text"] and "training the sequence model" in answer["text"]
    finally:
        release.set()
    startup.wait(5)
    assert "could not start" in startup.state().markdown() and "stopped by the test" in startup.state().markdown()


def test_a_missing_checkpoint_says_how_to_train(data_cfg, prepared, tmp_path):
    cfg = AppConfig(data=replace(data_cfg, home=tmp_path / "fresh-home"), auto_train=False)
    with pytest.raises(CheckpointError, match="python -m training.train_lstm"):
        build_service(cfg)
    startup = Startup(cfg)
    startup.run()
    assert startup.service is None and "training.train_lstm" in startup.state().markdown()


def test_a_bad_adapter_path_starts_the_app_without_the_llm_and_says_so(data_cfg, trained, tmp_path):
    from recommender.llm import LLMConfig

    from db.repository import Repository, make_engine

    cfg = AppConfig(data=data_cfg, model=TEST_MODEL, train=TEST_TRAIN,
                    llm=LLMConfig(backend="local", adapter=str(tmp_path / "no-such-adapter")))
    service, warning = build_service(cfg, repo=Repository(make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")))
    assert service.chain.llm is None and "no-such-adapter" in warning and "sequence model alone" in warning


def test_with_oauth_enabled_the_page_offers_hf_login_and_a_signed_in_user_is_their_hf_name(
        make_service, prepared, monkeypatch):
    import gradio.oauth

    from bot.app import ChatApp, build_app
    from bot.config import UIConfig

    # Mocked: the Space's OAuth settings (real Hugging Face login cannot run here, and nothing is fetched
    # before a user clicks "Sign in"); Gradio then adds its real /login/huggingface routes.
    monkeypatch.setenv("SPACE_ID", "dualrec/chat")
    monkeypatch.setenv("SYSTEM", "spaces")
    for name in ("OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET", "OAUTH_SCOPES", "OPENID_PROVIDER_URL"):
        monkeypatch.setattr(gradio.oauth, name, "https://huggingface.co" if name == "OPENID_PROVIDER_URL" else "x")
    assert build_app(Startup.ready_with(make_service()), UIConfig(oauth=True)).expects_oauth
    assert not build_app(Startup.ready_with(make_service()), UIConfig()).expects_oauth
    service = make_service()
    app = ChatApp(Startup.ready_with(service))
    ada = gr.OAuthProfile({"name": "Ada", "preferred_username": "ada", "picture": "", "profile": "", "website": "",
                           "email": "", "email_verified": False, "sub": "1", "orgs": []})
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[1][0])
    *_, (_, chat, _, _) = app.respond(f"add {movie.display_title}", [], {}, ALICE, ada)
    assert "Added to your history" in chat[-1]["content"]
    assert [m.movie_id for m in service.history("hf:ada")] == [movie.movie_id]
    assert service.history(f"token:{ALICE}") == []  # the browser token is not used once signed in


def test_thumbs_rate_only_the_movie_their_message_shows_and_untick_takes_it_back(make_service, prepared):
    from bot.app import ChatApp

    service = make_service()
    app = ChatApp(Startup.ready_with(service))
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[5][0])
    *_, (_, chat, ratable, _) = app.respond(f"add {movie.display_title}", [], {}, ALICE)
    *_, (_, chat, ratable, _) = app.respond("what next?", chat, ratable, ALICE)
    index, target = next((int(i), t) for i, t in ratable.items())
    content = chat[index]["content"]

    def click(liked, at=index, value=content):
        app.on_like(ratable, ALICE, gr.LikeData(None, {"index": at, "value": value, "liked": liked}))
        return {r["movie_id"]: r["value"] for r in service.repo.feedback_records()}

    rated = prepared.catalog.by_id(service.repo.recommendations(service.repo.find_user(f"token:{ALICE}"))[0][1][0].movie_id)
    assert target["title"] == rated.display_title
    assert click(True) == {rated.movie_id: 1}
    assert click("") == {}  # un-ticked: the rating is gone, not left in the database
    assert click(False, value="Added to your history: something else") == {}  # the chat was cleared meanwhile
    assert click(True, at=0) == {}  # the user's own message: not a movie


def test_a_burst_on_chat_is_told_to_slow_down_and_loses_nothing(make_service, prepared):
    """Issue 19, finding 1: one client could send 30 messages a second. Past its user's burst a message is answered
    with a sentence before any model or the database sees it; what was stored before is intact, and the limited
    message stored nothing. Through the real server: the limit is keyed by the token and the client's address."""
    from bot.config import UIConfig
    from bot.ratelimit import Rate, RateLimits
    from bot.render import SLOW_DOWN

    service = make_service()
    movies = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[5][:4]]
    tight = RateLimits(user=Rate(burst=3, per_second=0.001), client=Rate(burst=5, per_second=0.001))
    with launched(service, UIConfig(rate_limits=tight)) as url:
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        for movie in movies[:3]:
            assert client.predict(ALICE, f"I watched {movie.display_title}", api_name="/chat")["history_changed"]
        limited = client.predict(ALICE, f"I watched {movies[3].display_title}", api_name="/chat")
        assert limited == {"text": SLOW_DOWN, "recommendations": []}
        assert [row["movie_id"] for row in client.predict(ALICE, api_name="/history")] == [m.movie_id for m in movies[:3]]
        # another user from the same address has the address's last 2 messages, then the address is limited too
        assert client.predict(BOB, "hi", api_name="/chat")["text"] != SLOW_DOWN
        assert client.predict(BOB, "hi", api_name="/chat")["text"] != SLOW_DOWN
        assert client.predict(BOB, "hi", api_name="/chat")["text"] == SLOW_DOWN
    assert [m.movie_id for m in service.history(user_key(ALICE))] == [m.movie_id for m in movies[:3]]


def test_the_page_past_its_burst_says_slow_down_and_keeps_the_chat(make_service, prepared):
    from bot.app import ChatApp
    from bot.config import UIConfig
    from bot.ratelimit import Rate, RateLimits
    from bot.render import SLOW_DOWN

    service = make_service()
    app = ChatApp(Startup.ready_with(service), UIConfig(rate_limits=RateLimits(user=Rate(burst=1, per_second=0.001))))
    first, second = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[6][:2])
    *_, (_, chat, ratable, _) = app.respond(f"add {first.display_title}", [], {}, ALICE)
    *_, (_, chat, ratable, _) = app.respond(f"add {second.display_title}", chat, ratable, ALICE)
    assert chat[-1]["content"] == SLOW_DOWN and "add " + first.display_title in chat[0]["content"]
    assert [m.movie_id for m in service.history(user_key(ALICE))] == [first.movie_id]
