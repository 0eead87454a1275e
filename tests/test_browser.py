"""End to end in headless Chromium (Playwright, Debian's /usr/bin/chromium): a new user states a history, asks
for recommendations, sees 3 titles, clicks thumbs up, and the database holds that rating. Real Gradio server,
real SQLite, real SBERT, real SmolLM2 (grounded in a small LSTM trained on synthetic data).

The screenshot is saved under test-output/browser/ (DUALREC_TEST_OUTPUT to change it)."""
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from bot.render import OUTRO
from tests.app_server import launched
from tests.conftest import SPEC
from tests.synthetic import chain_movie_ids

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
# Headless in a closed sandbox: without the background-networking flags Chromium keeps dialling Google.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUTPUT = Path(os.environ.get("DUALREC_TEST_OUTPUT", Path(__file__).resolve().parents[1] / "test-output")) / "browser"


def ensure_chromium() -> Path:
    """Debian's chromium, installed with apt when missing (CI machines start without it)."""
    if CHROMIUM.exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("Chromium is not installed and apt-get cannot install it here (needs root): "
                    "install Debian's `chromium` package to run the browser test")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, capture_output=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, capture_output=True)
    return CHROMIUM


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = ensure_chromium()
    with playwright_api.sync_playwright() as playwright:
        launched_browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS, headless=True)
        yield launched_browser
        launched_browser.close()


@pytest.fixture
def chat_page(browser, make_service, smollm2, tmp_path):
    service = make_service(smollm2, path=tmp_path / "browser.sqlite3", mode="grounded")
    with launched(service) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url, wait_until="load")
        wait_for_bot_text(page, "Tell me movies you have watched")  # the page has loaded its user
        yield page, service, url
        context.close()


def send(page, text: str) -> None:
    box = page.locator("#message textarea")
    box.fill(text)
    box.press("Enter")


def bot_rows(page):
    return page.locator("#chat .message-row.bot-row")


def wait_for_bot_text(page, text: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if any(text in row for row in bot_rows(page).all_inner_texts()):
            return
        page.wait_for_timeout(200)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "failure.png"), full_page=True)
    raise AssertionError(f"no bot message with {text!r}; saw {bot_rows(page).all_inner_texts()}")


def stored_recommendations(service) -> list[int]:
    """The movie ids of the one recommendation turn in this test's database, by rank."""
    with service.repo.engine.connect() as connection:
        return list(connection.exec_driver_sql("SELECT movie_id FROM recommended_movies ORDER BY rank").scalars())


def test_state_history_get_three_titles_and_like_one(chat_page, prepared):
    page, service, url = chat_page
    catalog = prepared.catalog
    history = [catalog.by_id(m) for m in chain_movie_ids(SPEC)[0][:3]]
    send(page, "I watched " + ", ".join(m.display_title for m in history[:2]) + " and " + history[2].display_title)
    wait_for_bot_text(page, "Added to your history")
    page.locator("#history").get_by_text(history[2].label).wait_for()  # the side panel shows the history

    send(page, "what should I watch next?")
    wait_for_bot_text(page, OUTRO.rstrip("."))
    texts = bot_rows(page).all_inner_texts()
    shown = stored_recommendations(service)
    titles = [f"{catalog.by_id(movie_id).display_title} ({catalog.by_id(movie_id).year})" for movie_id in shown]
    assert len(titles) == 3 and all(title in "\n".join(texts) for title in titles)

    rows = [min(i for i, text in enumerate(texts) if title in text) for title in titles]
    assert rows == sorted(set(rows)) and len(rows) == 3  # three messages, one per movie, in rank order
    # thumbs show on the three movie messages only, not on the welcome or "Added to your history"
    page.wait_for_function("() => [...document.querySelectorAll(\"#chat button[aria-label='Like']\")]"
                           ".filter((b) => b.offsetParent !== null).length === 3")
    assert len(texts) > 3
    # every bot message carries its own thumbs, in message order: the first movie's Like
    page.locator("#chat button[aria-label='Like']").nth(rows[0]).click()
    deadline = time.monotonic() + 20
    while not service.repo.feedback_records() and time.monotonic() < deadline:
        time.sleep(0.2)
    [record] = service.repo.feedback_records()
    assert record["value"] == 1 and record["movie_id"] == shown[0]
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "chat.png"), full_page=True)

    page.reload(wait_until="load")  # the same browser is the same user after a reload
    page.locator("#history").get_by_text(history[0].label).wait_for()
    wait_for_bot_text(page, "Welcome back")


def test_markup_in_a_message_is_shown_as_text_and_never_runs(chat_page):
    page, _, _ = chat_page
    attack = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script> 🎬 Amélie'); DROP TABLE users;--"
    send(page, attack)
    wait_for_bot_text(page, "know")  # "I don't know ...": nothing stored, a plain reply
    assert page.evaluate("window.__pwned") is None
    user_rows = page.locator("#chat .message-row.user-row").all_inner_texts()
    assert any("<img src=x" in row and "🎬" in row for row in user_rows)


def test_the_side_panel_removes_exports_and_forgets(chat_page, prepared):
    page, service, _ = chat_page
    movies = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[2][:2]]
    send(page, "\n".join(m.display_title for m in movies))  # a pasted list, one per line
    wait_for_bot_text(page, "Added to your history")
    panel = page.locator("#history")
    panel.get_by_text(movies[0].label).click()  # tick the first, then remove it
    page.locator("#remove").click()
    panel.get_by_text(movies[0].label).wait_for(state="detached")
    assert panel.get_by_text(movies[1].label).is_visible()

    import tempfile

    before = set(Path(tempfile.gettempdir()).rglob("my-dualrec-data.json"))
    with page.expect_download() as download:
        page.locator("#export").click()  # the browser saves it: no copy on the server's disk
    exported = Path(download.value.path()).read_text()
    assert movies[1].display_title in exported and movies[0].display_title not in exported
    assert '"stated_at"' in exported and '"created_at"' in exported
    assert set(Path(tempfile.gettempdir()).rglob("my-dualrec-data.json")) == before

    page.locator("#forget").click()
    page.locator("#confirm-forget").click()
    wait_for_bot_text(page, "Everything about you is deleted")
    with service.repo.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM watch_events").scalar() == 0
        assert connection.exec_driver_sql("SELECT count(*) FROM users").scalar() == 0  # not made again after
    send(page, "help")  # the page forgot too: the next message brings none of the deleted conversation back
    wait_for_bot_text(page, "Add movies")
    shown = "\n".join(page.locator("#chat .message-row").all_inner_texts())
    assert movies[1].display_title not in shown and "Added to your history" not in shown


def test_a_browser_is_the_same_user_after_the_app_restarts(browser, make_service, prepared, tmp_path):
    """Two launches on one DUALREC_HOME and one port: the browser's encrypted token still opens its history.
    A launch with another secret (what every restart was before) sees a new user."""
    from bot.config import UIConfig
    from bot.identity import browser_secret, identity_secret
    from tests.app_server import free_port

    home, port = tmp_path / "home", free_port()
    kept = UIConfig(browser_secret=browser_secret(home), identity_secret=identity_secret(home))  # what main() reads
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[3][0])
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        with launched(make_service(path=tmp_path / "restart.sqlite3"), kept, port=port) as url:
            page.goto(url, wait_until="load")
            wait_for_bot_text(page, "Tell me movies you have watched")
            send(page, f"I watched {movie.display_title}")
            wait_for_bot_text(page, "Added to your history")
        with launched(make_service(path=tmp_path / "restart.sqlite3"), kept, port=port) as url:
            page.goto(url, wait_until="load")
            wait_for_bot_text(page, "Welcome back")
            page.locator("#history").get_by_text(movie.label).wait_for()
        with launched(make_service(path=tmp_path / "restart.sqlite3"), UIConfig(browser_secret="another-secret-0123456789"),
                      port=port) as url:
            page.goto(url, wait_until="load")
            wait_for_bot_text(page, "Tell me movies you have watched")
            assert not page.locator("#history").get_by_text(movie.label).count()
    finally:
        context.close()


def test_a_page_opened_while_the_app_starts_shows_the_history_once_it_is_ready(browser, make_service, prepared,
                                                                            tmp_path):
    """A Space wakes up with its visitor already waiting: the page opens before the service is ready (the first-time
    welcome meanwhile) and shows the returning user's welcome and history as soon as it is, without a reload."""
    import threading

    from bot.config import UIConfig
    from bot.identity import browser_secret
    from bot.startup import Startup
    from tests.app_server import free_port

    ui, port, database = UIConfig(browser_secret=browser_secret(tmp_path / "home")), free_port(), tmp_path / "wake.sqlite3"
    movie = prepared.catalog.by_id(chain_movie_ids(SPEC)[5][0])
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(60_000)
    release = threading.Event()
    try:
        with launched(make_service(path=database), ui, port=port) as url:  # an earlier visit: the token is stored
            page.goto(url, wait_until="load")
            wait_for_bot_text(page, "Tell me movies you have watched")
            send(page, f"I watched {movie.display_title}")
            wait_for_bot_text(page, "Added to your history")
        service = make_service(path=database)
        startup = Startup(None, build=lambda cfg, report: (release.wait(120), (service, ""))[1]).start()
        with launched(startup, ui, port=port) as url:  # restarted: the service is not ready yet
            page.goto(url, wait_until="load")
            page.locator("#startup-banner").get_by_text("Getting ready").wait_for()
            wait_for_bot_text(page, "Tell me movies you have watched")
            assert not page.locator("#history").get_by_text(movie.label).count()
            release.set()
            page.locator("#history").get_by_text(movie.label).wait_for()
            wait_for_bot_text(page, "Welcome back")
            assert not count_bot_text(page, "Tell me movies you have watched")  # the first-time welcome is replaced
    finally:
        release.set()
        context.close()


def count_bot_text(page, text: str) -> int:
    return sum(text in row for row in bot_rows(page).all_inner_texts())


def wait_for_count(page, text: str, count: int, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while count_bot_text(page, text) < count:
        if time.monotonic() > deadline:
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUTPUT / "failure.png"), full_page=True)
            raise AssertionError(f"{count} bot messages with {text!r} expected; saw {bot_rows(page).all_inner_texts()}")
        page.wait_for_timeout(200)


def test_two_users_a_thumbs_down_that_sticks_and_a_message_sent_mid_stream(browser, make_service, smollm2, prepared,
                                                                          tmp_path):
    service = make_service(smollm2, path=tmp_path / "two.sqlite3", mode="grounded")
    catalog = prepared.catalog
    with launched(service) as url:
        pages = []
        for _ in range(2):
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(url, wait_until="load")
            wait_for_bot_text(page, "Tell me movies you have watched")
            pages.append(page)
        alice, bob = pages
        send(alice, "I watched " + ", ".join(catalog.by_id(m).display_title for m in chain_movie_ids(SPEC)[0][:3]))
        send(bob, "I watched " + catalog.by_id(chain_movie_ids(SPEC)[4][0]).display_title)
        wait_for_bot_text(alice, "Added to your history")
        wait_for_bot_text(bob, "Added to your history")

        send(alice, "what should I watch next?")
        # typed as a person would: once the box has emptied, while the list still streams; answered after it
        alice.wait_for_function("() => document.querySelector('#message textarea').value === ''")
        send(alice, "show my history")
        wait_for_bot_text(alice, "Your history, in the order you told me")
        wait_for_count(alice, OUTRO.rstrip("."), 1)
        texts = bot_rows(alice).all_inner_texts()
        assert max(i for i, t in enumerate(texts) if OUTRO.rstrip(".") in t) < \
            max(i for i, t in enumerate(texts) if "Your history, in the order" in t)

        first_movie_row = next(i for i, t in enumerate(texts) if "Here is what I would watch next" in t)
        alice.locator("#chat button[aria-label='Dislike']").nth(first_movie_row).click()
        deadline = time.monotonic() + 20
        while not service.repo.feedback_records() and time.monotonic() < deadline:
            time.sleep(0.2)
        [record] = service.repo.feedback_records()
        assert record["value"] == -1

        send(alice, "what next?")
        wait_for_count(alice, OUTRO.rstrip("."), 2)
        with service.repo.engine.connect() as connection:
            latest = connection.exec_driver_sql(
                "SELECT movie_id FROM recommended_movies WHERE turn_id = (SELECT max(id) FROM recommendation_turns "
                "WHERE user_id = ?)", (record["user_id"],)).scalars().all()
        assert len(latest) == 3 and record["movie_id"] not in latest  # the 👎 movie does not come back

        bob_rows = bob.locator("#chat .message-row.bot-row").all_inner_texts()
        assert not any("Here is what I would watch next" in t for t in bob_rows)  # bob saw none of alice's turns
        assert len(service.repo.history(record["user_id"])) == 3  # the 👎 is alice's, on alice's turn


VISIBLE_THUMBS = ("() => [...document.querySelectorAll(\"#chat button[aria-label='Like'], "
                  "#chat button[aria-label='Dislike']\")].filter((b) => b.offsetParent !== null).length")


def test_messages_typed_while_the_app_prepares_show_at_once_and_are_answered_in_order(browser, make_service, prepared,
                                                                                     tmp_path):
    """Issue 22: the first start's page. A Startup whose build blocks until released (no real training) and reports
    a training pass: the banner shows the time left in all with its bound; three messages typed meanwhile are each
    on the page before the release, under one held note without thumbs; after the release each gets its answer,
    in order; then a recommendation's three movies, and only they, have thumbs."""
    import threading

    from bot.startup import Startup
    from bot.wait import TrainingReport, planned_steps
    from recommender.fitting import Progress

    service = make_service(path=tmp_path / "held.sqlite3")
    movies = [prepared.catalog.by_id(m) for m in chain_movie_ids(SPEC)[6][:2]]
    release = threading.Event()

    def build(cfg, report):
        report(TrainingReport("Training the sequence model, a one-time step: pass 2 of at most 20",
                              Progress(2, 20, 10, 100, 60.0, best_epoch=1, patience=3)))
        release.wait(120)
        return service, ""

    startup = Startup(None, build=build, timings_path=tmp_path / "times.json",
                      plan=planned_steps(train=True, artefacts=False, llm=False)).start()
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    sent = [f"I watched {movies[0].display_title}", f"I watched {movies[1].display_title}", "show my history"]
    try:
        with launched(startup) as url:
            page.goto(url, wait_until="load")
            banner = page.locator("#startup-banner")
            banner.get_by_text("left").first.wait_for()
            assert "at most" in banner.inner_text() and "20 passes" in banner.inner_text()
            for count, text in enumerate(sent, start=1):
                send(page, text)
                page.wait_for_function("() => document.querySelector('#message textarea').value === ''")
                wait_for_user_rows(page, count)
                wait_for_bot_text(page, "your 3 messages" if count == 3 else "Got it")
            assert page.locator("#chat .message-row.user-row").all_inner_texts() == sent
            assert count_bot_text(page, "Got it") == 1 and count_bot_text(page, "getting ready") == 0
            assert page.evaluate(VISIBLE_THUMBS) == 0  # not on the note, the welcome or anything else
            assert not release.is_set() and startup.service is None  # all of it while the app was not ready
            OUTPUT.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUTPUT / "held-waiting.png"), full_page=True)

            release.set()
            wait_for_bot_text(page, "Your history, in the order you told me")
            rows = page.locator("#chat .message-row")
            texts = rows.all_inner_texts()
            users = [i for i, text in enumerate(texts) if text in sent]
            assert [texts[i] for i in users] == sent and not any("Got it" in text for text in texts)
            assert "Added to your history" in texts[users[0] + 1] and "Added to your history" in texts[users[1] + 1]
            assert movies[1].display_title in texts[users[2] + 1]

            send(page, "what should I watch next?")
            wait_for_bot_text(page, OUTRO.rstrip("."))
            page.wait_for_function(VISIBLE_THUMBS + " === 6")  # 👍 and 👎 on the three movies
            assert len(liked_rows := page.evaluate(ROWS_WITH_THUMBS)) == 3
            assert all("(the sequence model)" in text for text in liked_rows)
            page.screenshot(path=str(OUTPUT / "held.png"), full_page=True)
    finally:
        release.set()
        context.close()


# the text of the message each visible 👍 belongs to
ROWS_WITH_THUMBS = """() => [...document.querySelectorAll("#chat button[aria-label='Like']")]
  .filter((button) => button.offsetParent !== null).map((button) => {
    let row = button.closest(".message-buttons");
    while (row && !row.classList.contains("message-row")) row = row.previousElementSibling;
    return row ? row.innerText : "";
  })"""


def wait_for_user_rows(page, count: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while page.locator("#chat .message-row.user-row").count() < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"{count} user messages expected on the page; saw "
                                 f"{page.locator('#chat .message-row.user-row').all_inner_texts()}")
        page.wait_for_timeout(100)
