"""The launched Gradio app driven with gradio_client, plus its identity rules and first-start behaviour.

The app runs for real (Gradio server on loopback, real SQLite, real SBERT, a small LSTM trained on synthetic
data); the LLM is left out here (None: the LSTM answers) and is exercised with SmolLM2 in the browser test.
"""
import threading
import time
from dataclasses import replace

import gradio as gr
import pytest
from gradio_client import Client

from bot.app import reply_messages
from bot.config import AppConfig
from bot.render import INTRO, OUTRO
from bot.startup import Startup, build_service
from recommender.errors import CheckpointError
from tests.app_server import TEST_IDENTITY, launched
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


def test_the_database_holds_only_a_keyed_hash_of_each_token(client_and_service, prepared):
    """A copy of the database (its file and write-ahead log) names no token that could be replayed."""
    client, service = client_and_service
    token = "leak-me-not-0123456789"
    client.predict(token, "add " + prepared.catalog.by_id(chain_movie_ids(SPEC)[2][0]).display_title, api_name="/chat")
    assert client.predict(token, api_name="/history")  # the same token finds its history again
    with service.repo.engine.connect() as connection:
        stored = [row[0] for row in connection.exec_driver_sql("SELECT external_id FROM users")]
    assert TEST_IDENTITY.user_key(token) in stored and not any(token in s or s.startswith("token:") for s in stored)
    path = service.repo.engine.url.database
    assert token.encode() not in b"".join(open(f, "rb").read() for f in (path, path + "-wal"))


def test_a_token_with_a_trailing_newline_is_refused_not_another_user(client_and_service):
    client, service = client_and_service
    answer = client.predict(ALICE + "\n", "I watched Heat", api_name="/chat")
    assert "user_token" in answer["text"]
    with service.repo.engine.connect() as connection:
        assert not [row for row in connection.exec_driver_sql("SELECT external_id FROM users") if "\n" in row[0]]
    assert client.predict(ALICE + "\n", api_name="/history") == []


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
    assert service.repo.find_user(TEST_IDENTITY.user_key(token)) is None


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


@pytest.mark.parametrize("recommended_id", [2**80, 1e308, float("nan"), float("inf"), -1, 0, 2**31, "2147483648",
                                            "abc", "²", "", True, None, [1], {"id": 1}, 2.5])
def test_an_absurd_recommended_id_gets_a_sentence_not_an_error(client_and_service, recommended_id):
    """Through the real server's HTTP API (gradio_client cannot send NaN): 2**80 and 1e308 overflowed the
    database driver and ended as an error event with a traceback in the log."""
    client, _ = client_and_service
    lines = raw_call(client.src.rstrip("/"), "rate", "absurd-id-token-0123456789", recommended_id, True)
    assert "event: complete" in lines and "event: error" not in lines, lines
    assert "whole number" in next(line for line in lines if line.startswith("data:"))


@pytest.mark.parametrize("token", [12345678901234567890, 1e308, float("nan"), True, None, ["a" * 20], {"t": "a" * 20}])
def test_a_token_of_the_wrong_type_gets_a_sentence_not_an_error(client_and_service, token):
    client, _ = client_and_service
    url = client.src.rstrip("/")
    for api, data, answer in [("chat", [token, "I watched Heat"], "user_token"), ("rate", [token, 1, True], "user_token"),
                              ("history", [token], "[[]]")]:
        lines = raw_call(url, api, *data)
        assert "event: complete" in lines and "event: error" not in lines, (api, lines)
        assert answer in next(line for line in lines if line.startswith("data:")), (api, lines)


def test_a_call_with_too_few_values_gets_a_sentence_and_its_token_stays_out_of_the_log(client_and_service, capfd):
    """Gradio refused it with an error event and printed every value it got, the token too, to the server's log."""
    client, _ = client_and_service
    url, token = client.src.rstrip("/"), "arity-secret-token-0123456789"
    for api, data, answer in [("chat", [token], "as text"), ("rate", [token, 1], "true"), ("history", [], "[[]]")]:
        lines = raw_call(url, api, *data)
        assert "event: complete" in lines and "event: error" not in lines, (api, lines)
        assert answer in next(line for line in lines if line.startswith("data:")), (api, lines)
    out, err = capfd.readouterr()
    assert token not in out + err


def test_the_monitoring_page_is_off_and_its_key_never_logged(client_and_service, capfd):
    import httpx

    client, _ = client_and_service
    url = client.src.rstrip("/")
    for path in ("/monitoring", "/monitoring/", "/monitoring/summary", "/gradio_api/monitoring"):
        assert httpx.get(url + path, timeout=30, follow_redirects=True).status_code in (403, 404), path
    out, err = capfd.readouterr()
    assert "onitoring URL" not in out + err and "/monitoring/" not in out + err


def test_every_response_carries_the_site_headers(client_and_service):
    import httpx

    client, _ = client_and_service
    url = client.src.rstrip("/")
    responses = [httpx.get(url + path, timeout=30) for path in ("/", "/config", "/gradio_api/info", "/no-such-page")]
    responses.append(httpx.post(f"{url}/gradio_api/call/history", json={"data": ["headers-token-0123456789"]}, timeout=30))
    responses.append(httpx.options(f"{url}/gradio_api/queue/join", timeout=30, headers={
        "origin": "http://localhost:9", "access-control-request-method": "POST"}))
    for response in responses:
        assert response.headers["x-content-type-options"] == "nosniff", response.url
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "frame-ancestors 'self' https://huggingface.co https://*.hf.space" in response.headers.get_list(
            "content-security-policy"), response.url


@pytest.mark.parametrize("host", [None, "dualrec-chat.hf.space"])
@pytest.mark.parametrize("origin", ["http://localhost:9", "http://127.0.0.1:1", "https://evil.example", "null"])
def test_no_other_site_gets_credentialed_cors(client_and_service, host, origin):
    """Gradio allowed any localhost origin on localhost, and any origin at all on a public host name."""
    import httpx

    client, _ = client_and_service
    url = client.src.rstrip("/")
    headers = {"origin": origin, **({"host": host} if host else {})}
    answers = [httpx.get(f"{url}/config", headers=headers, timeout=30),
               httpx.options(f"{url}/gradio_api/queue/join", timeout=30,
                             headers={**headers, "access-control-request-method": "POST"})]
    for answer in answers:
        assert not [name for name in answer.headers if name.lower().startswith("access-control-")], answer.headers


def test_the_apps_own_origin_still_works(client_and_service):
    import httpx

    client, _ = client_and_service
    url = client.src.rstrip("/")
    answer = httpx.post(f"{url}/gradio_api/call/history", json={"data": ["own-origin-token-0123456789"]}, timeout=30,
                        headers={"origin": url})
    assert answer.status_code == 200 and answer.headers.get("access-control-allow-origin") in (None, url)


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
    user_key = TEST_IDENTITY.user_key
    assert user_key(ALICE).startswith("token-hmac:") and ALICE not in user_key(ALICE)
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
    # a list that is not quite what was asked keeps the line that says so on the page too
    closest = ("I only know movies up to 2000, so I have nothing from 2024 to 2025. The closest I have are from "
               "1991 to 2000:")
    messages, _ = reply_messages(Reply("text", recommendations=shown, intro=closest))
    assert messages[0]["content"].startswith(closest)


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
    assert service.history(app.identity.user_key(ALICE)) == []  # the browser token is not used once signed in


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

    rated = prepared.catalog.by_id(service.repo.recommendations(service.repo.find_user(app.identity.user_key(ALICE)))[0][1][0].movie_id)
    assert target["title"] == rated.display_title
    assert click(True) == {rated.movie_id: 1}
    assert click("") == {}  # un-ticked: the rating is gone, not left in the database
    assert click(False, value="Added to your history: something else") == {}  # the chat was cleared meanwhile
    assert click(True, at=0) == {}  # the user's own message: not a movie


def last_outputs(app, message, chat, ratable, token=ALICE, request=None):
    *_, outputs = app.respond(message, chat, ratable, token, None, request)
    return outputs


def history_count(update) -> int | None:
    """The count in the side panel's label ("Your history (5, oldest first)"); None when the panel was skipped."""
    return int(update.label.split("(")[1].split(",")[0]) if isinstance(update, gr.CheckboxGroup) else None


def test_the_side_panel_follows_every_turn_that_changed_the_history(make_service, prepared):
    from bot.app import ChatApp

    app = ChatApp(Startup.ready_with(make_service()))
    a, b = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[2][:2]]
    _, chat, ratable, panel = last_outputs(app, f"I've watched {a.display_title} and {b.display_title}, can you "
                                                "recommend something?", [], {})
    assert INTRO in chat[-3]["content"] and history_count(panel) == 2
    _, chat, ratable, panel = last_outputs(app, "I've seen those", chat, ratable)  # adds the three, shows others
    assert INTRO in chat[-3]["content"] and history_count(panel) == 5


def test_forget_me_takes_the_conversation_off_the_page_too(make_service, prepared):
    from types import SimpleNamespace

    from bot.app import ChatApp

    from bot.config import UIConfig
    from bot.ratelimit import RateLimits

    # six messages in a row, faster than a person types: the rate limit is not what is tested here
    app = ChatApp(Startup.ready_with(make_service()), UIConfig(rate_limits=RateLimits(enabled=False)))
    page = SimpleNamespace(session_hash="a-shared-computer")  # what Gradio's request gives respond and forget
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[3][0])
    _, chat, ratable, _ = last_outputs(app, f"I watched {movie.display_title}", [], {}, request=page)
    _, chat, ratable, _ = last_outputs(app, "what next?", chat, ratable, request=page)
    chat, ratable, panel, _ = app.forget(ALICE, None, page)  # the button, confirmed
    assert len(chat) == 1 and "deleted" in chat[0]["content"] and history_count(panel) == 0
    _, chat, _, _ = last_outputs(app, "help", chat, ratable, request=page)
    shown = " ".join(m["content"] for m in chat)
    assert movie.display_title not in shown and INTRO not in shown and "help" in shown  # only what came after

    _, chat, ratable, _ = last_outputs(app, f"I watched {movie.display_title}", chat, {}, request=page)
    _, chat, _, _ = last_outputs(app, "forget me", chat, ratable, request=page)  # typed: done at once, the same
    assert len(chat) == 1 and "Everything about you is deleted" in chat[0]["content"]


def test_a_page_opened_while_the_app_starts_catches_up_once_it_is_ready(make_service, prepared):
    from bot.app import WELCOME, ChatApp

    service = make_service()
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[4][0])
    earlier = ChatApp(Startup.ready_with(service), identity=TEST_IDENTITY)
    last_outputs(earlier, f"I watched {movie.display_title}", [], {})  # an earlier visit
    release = threading.Event()
    startup = Startup(None, build=lambda cfg, report: (release.wait(30), (service, ""))[1]).start()
    app = ChatApp(startup, identity=TEST_IDENTITY)  # the same server secret across the restart
    token, chat, panel, _, caught_up = app.on_load(ALICE, [])  # the browser arrives before the service is ready
    assert chat[0]["content"] == WELCOME and history_count(panel) == 0 and not caught_up
    assert app.startup_banner(token, chat, caught_up)[2:] == (gr.skip(), gr.skip(), False, False)  # still getting ready
    release.set()
    startup.wait(30)
    _, timer, chat, panel, caught_up, settled = app.startup_banner(token, chat, caught_up)
    assert "Welcome back" in chat[0]["content"] and history_count(panel) == 1 and caught_up and not timer.active
    assert settled
    said = [{"role": "user", "content": "hi"}]  # a user who typed meanwhile keeps their conversation
    assert app.startup_banner(token, said, False)[2] == gr.skip()


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
    assert [m.movie_id for m in service.history(TEST_IDENTITY.user_key(ALICE))] == [m.movie_id for m in movies[:3]]


def test_the_page_past_its_burst_says_slow_down_and_keeps_the_chat(make_service, prepared):
    from bot.app import ChatApp
    from bot.config import UIConfig
    from bot.ratelimit import Rate, RateLimits
    from bot.render import SLOW_DOWN

    service = make_service()
    app = ChatApp(Startup.ready_with(service), UIConfig(rate_limits=RateLimits(user=Rate(burst=1, per_second=0.001))),
                  identity=TEST_IDENTITY)
    first, second = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[6][:2])
    *_, (_, chat, ratable, _) = app.respond(f"add {first.display_title}", [], {}, ALICE)
    *_, (_, chat, ratable, _) = app.respond(f"add {second.display_title}", chat, ratable, ALICE)
    assert chat[-1]["content"] == SLOW_DOWN and "add " + first.display_title in chat[0]["content"]
    assert [m.movie_id for m in service.history(TEST_IDENTITY.user_key(ALICE))] == [first.movie_id]


def held_startup(service, release: threading.Event, tmp_path) -> Startup:
    """A Startup whose build blocks until the test releases it: no real training. It reports the training step
    with a fitting.Progress, as load_predictor does, so the page has a measured pass to estimate from."""
    from bot.wait import TrainingReport, planned_steps
    from recommender.fitting import Progress

    def build(cfg, report):
        report("Reading MovieLens-1M")
        report(TrainingReport("Training the sequence model, a one-time step: pass 2 of at most 20",
                              Progress(epoch=2, max_epochs=20, batch=10, batches=100, epoch_seconds=60.0,
                                       best_epoch=1, patience=3)))
        release.wait(60)
        report("Loading Sentence-BERT for title matching")
        return service, ""

    plan = planned_steps(train=True, artefacts=False, llm=False)
    return Startup(None, build=build, timings_path=tmp_path / "startup-times.json", plan=plan).start()


def test_messages_sent_while_the_app_prepares_are_shown_at_once_and_answered_in_order(make_service, prepared,
                                                                                     tmp_path):
    """Issue 22: a message typed during the first start got "I'm still getting ready" with thumbs, and the next two
    got nothing until it was ready. Now each is on the page at once under one held note (no thumbs), the call ends
    (no server worker waits), and once ready every one is answered, in order."""
    from types import SimpleNamespace

    from bot.app import ChatApp, ratable_rows

    service = make_service()
    first, second = (prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[7][:2])
    release = threading.Event()
    startup = held_startup(service, release, tmp_path)
    app = ChatApp(startup, identity=TEST_IDENTITY)
    page = SimpleNamespace(session_hash="a-page-opened-while-the-app-starts")
    deadline = time.monotonic() + 30
    while "Training" not in startup.state().step and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        banner = app.startup_banner(ALICE, [], False, None, page)[0]
        assert "left" in banner.value and "at most" in banner.value and "20 passes" in banner.value

        chat = [{"role": "assistant", "content": "Hi!"}]
        sent = [f"I watched {first.display_title}", f"I watched {second.display_title}", "show my history"]
        for count, text in enumerate(sent, start=1):
            outputs = list(app.respond(text, chat, {}, ALICE, None, page))
            assert len(outputs) == 1  # shown at once; nothing is kept waiting on the server
            box, chat, ratable, _ = outputs[0]
            assert box == "" and ratable == gr.skip()
            assert [m["content"] for m in chat if m["role"] == "user"] == sent[:count]
            notes = [m for m in chat if m["role"] == "assistant" and "Got it" in m["content"]]
            assert len(notes) == 1 and chat[-1] is notes[0] and "left" in notes[0]["content"]
            assert (f"your {count} messages" in notes[0]["content"]) == (count > 1)
            assert "getting ready" not in " ".join(m["content"] for m in chat).lower()
        assert list(app.answer_held(False, page)) == [(gr.skip(),) * 4]  # not ready: nothing answered yet
        assert ratable_rows({}) == "[]"  # no message of this page has thumbs yet: the note has none

        release.set()
        startup.wait(30)
        *_, (_, chat, ratable, panel) = app.answer_held(True, page)
    finally:
        release.set()
    texts = [(m["role"], m["content"]) for m in chat]
    assert not any("Got it" in text for _, text in texts)  # the note is gone with the answers
    users = [i for i, (role, _) in enumerate(texts) if role == "user"]
    assert [texts[i][1] for i in users] == sent
    for before, after in zip(users, users[1:] + [len(texts)]):  # each message answered, before the next one
        assert after - before >= 2 and all(role == "assistant" for role, _ in texts[before + 1:after])
    assert "Added to your history" in texts[users[0] + 1][1] and "Added to your history" in texts[users[1] + 1][1]
    assert first.display_title in texts[users[2] + 1][1] and second.display_title in texts[users[2] + 1][1]
    assert [m.movie_id for m in service.history(TEST_IDENTITY.user_key(ALICE))] == [first.movie_id, second.movie_id]
    assert ratable == {}  # nothing on this page is a movie to rate
    assert list(app.answer_held(True, page)) == [(gr.skip(),) * 4]  # answered once, not twice


def test_a_start_that_fails_answers_the_held_messages_with_why(make_service, tmp_path):
    from types import SimpleNamespace

    from bot.app import ChatApp

    release = threading.Event()

    def failing(cfg, report):
        report("Training the sequence model, a one-time step")
        release.wait(30)
        raise CheckpointError("stopped by the test")

    startup = Startup(None, build=failing, timings_path=tmp_path / "times.json").start()
    app = ChatApp(startup, identity=TEST_IDENTITY)
    page = SimpleNamespace(session_hash="a-page-of-a-failed-start")
    [(_, chat, _, _)] = app.respond("what next?", [], {}, ALICE, None, page)
    assert "Got it" in chat[-1]["content"]
    release.set()
    startup.wait(30)
    *_, (_, chat, _, _) = app.answer_held(True, page)
    assert chat[0]["content"] == "what next?" and "could not start" in chat[-1]["content"]
    assert "stopped by the test" in chat[-1]["content"]


def test_liking_a_message_that_is_not_a_movie_rates_nothing(make_service, prepared):
    from bot.app import ChatApp, ratable_rows

    service = make_service()
    app = ChatApp(Startup.ready_with(service), identity=TEST_IDENTITY)
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[5][0])
    *_, (_, chat, ratable, _) = app.respond(f"add {movie.display_title}", [], {}, ALICE)
    *_, (_, chat, ratable, _) = app.respond("help", chat, ratable, ALICE)
    *_, (_, chat, ratable, _) = app.respond("what next?", chat, ratable, ALICE)
    movies = [i for i, m in enumerate(chat) if m["role"] == "assistant" and "sequence model" in m["content"]]
    assert sorted(int(i) for i in ratable) == movies and ratable_rows(ratable) == str(movies)
    for index, message in enumerate(chat):
        if index not in movies:  # the welcome-less chat: "Added ...", help, the user's own messages
            app.on_like(ratable, ALICE, gr.LikeData(None, {"index": index, "value": message["content"], "liked": True}))
    assert service.repo.feedback_records() == []
