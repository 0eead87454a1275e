"""The chat UI: Gradio Blocks over ChatService. `make run` (or `python -m bot.app`) serves it on 127.0.0.1:7860.

Every callback is a few lines that call the service. Who is asking (bot/identity.py):
- a browser keeps a random token in its localStorage (gr.BrowserState, with a key that survives restarts), so
  its history survives reloads and new deploys; the database holds only the token's keyed hash;
- on a Space with `hf_oauth: true`, a signed-in Hugging Face user is "hf:<username>" on every device;
- API clients (gradio_client, `benchmarks/load.py`) pass their own token to the `chat`, `rate` and `history`
  endpoints. A token is a secret like a session cookie; it can never name an "hf:" user.
"""
import html
import json
import logging
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

import gradio as gr
from starlette.middleware import Middleware

from bot.config import AppConfig, UIConfig, load_app_config
from bot.headers import site_headers_lifespan
from bot.identity import Identity, browser_secret, identity_secret, is_token, new_token, secrets_lost_at_restart
from bot.limits import RequestLimits
from bot.ratelimit import RateLimiter, client_address
from bot.messages import MAX_MESSAGE_CHARS, clean_text
from bot import render
from bot.render import (BAD_TOKEN, EXAMPLES, NO_USER_YET, NOT_A_MOVIE, SLOW_DOWN, WELCOME, as_plain_text,
                        closing_markdown, recommendation_markdown)
from bot.service import ChatService, Reply
from bot.startup import Startup
from db.repository import DatabaseError
from recommender.errors import run_script

log = logging.getLogger(__name__)

MAX_ROW_ID = 2**31 - 1  # the id columns are INTEGER (db/models.py): 32 bits on PostgreSQL
# The export is handed to the browser as text and saved there: no copy is written to the server's disk.
DOWNLOAD_JS = """(text) => {
  if (!text) return;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([text], {type: "application/json"}));
  link.download = "my-dualrec-data.json";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}"""


# Gradio puts thumbs on every bot message; only a movie's message may be rated. Run once on page load, this hides
# them on every message that is not a movie of the `ratable` state (welcome, help, "Added ...", the note under
# messages held while the app prepares, errors), as messages appear; RATABLE_ROWS_JS hands it the rows that are.
# The server checks the title too (on_like).
THUMBS_ONLY_ON_MOVIES_JS = """() => {
  window.dualrecRatable = window.dualrecRatable || new Set();
  const tidy = () => {
    const rows = [...document.querySelectorAll("#chat .message-row")];
    for (const button of document.querySelectorAll(
        "#chat button[aria-label='Like'], #chat button[aria-label='Dislike'], " +
        "#chat button[aria-label='Liked'], #chat button[aria-label='Disliked']")) {
      // the buttons follow their message: the nearest message row before the button panel
      let row = button.closest(".message-buttons");
      while (row && !(row.classList && row.classList.contains("message-row"))) row = row.previousElementSibling;
      button.style.display = row && window.dualrecRatable.has(rows.indexOf(row)) ? "" : "none";
    }
  };
  window.dualrecTidy = tidy;
  new MutationObserver(tidy).observe(document.body, {childList: true, subtree: true});
  tidy();
}"""
# the chat's positions (one message row each) that are movies, as JSON, each time the `ratable` state changes
RATABLE_ROWS_JS = """(rows) => {
  window.dualrecRatable = new Set(JSON.parse(rows || "[]"));
  if (window.dualrecTidy) window.dualrecTidy();
}"""


def ratable_rows(ratable: dict | None) -> str:
    """The chat positions whose thumbs rate a movie (the `ratable` state's keys), for RATABLE_ROWS_JS."""
    return json.dumps(sorted(int(key) for key in (ratable or {}) if str(key).isdigit()))


def parse_liked(value: object) -> bool | None:
    """true/false as JSON booleans or the strings "true"/"false"; anything else is None (not a rating)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def parse_id(value: object) -> int | None:
    """A row id as an API client sends it (a JSON number, or its digits as text); None for anything else and for
    a number no row can have: below 1, or past MAX_ROW_ID (1e308 and 2**80 would overflow the database driver)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if value.is_integer() else None  # NaN, inf and 2.5 are not ids
    elif isinstance(value, str):
        digits = value.strip()
        value = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 10 else None  # "²" is a digit
    return value if isinstance(value, int) and 0 < value <= MAX_ROW_ID else None


def shown_title(reply: Reply, recommended_id: int) -> str:
    return next(r.movie.display_title for r in reply.recommendations if r.recommended_id == recommended_id)


def reply_messages(reply: Reply) -> tuple[list[dict], dict[int, int]]:
    """The assistant messages for a reply and, by position among them, the recommendation each one rates.

    Each recommended movie is its own message, so its thumbs rate that movie; the intro rides on the first
    and the closing line on the last, so every message with thumbs in a recommendation is a movie."""
    before = [{"role": "assistant", "content": reply.preface}] if reply.preface else []
    if reply.partial or not reply.recommendations:
        return before + [{"role": "assistant", "content": reply.text}], {}
    texts = [recommendation_markdown(item.rank, item) for item in reply.recommendations]
    texts[0] = f"{reply.intro}\n\n{texts[0]}"
    texts[-1] = f"{texts[-1]}\n\n{closing_markdown(reply.note)}"
    messages = before + [{"role": "assistant", "content": text} for text in texts]
    return messages, {len(before) + i: item.recommended_id for i, item in enumerate(reply.recommendations)}


@dataclass
class Waiting:
    """A message taken from the page and not yet answered, with what it arrived with."""
    said: dict  # as the chat shows it
    message: str
    allowed: bool  # within the rate limit when it arrived
    token: str | None
    profile: object
    forgets: int


@dataclass
class PageSession:
    """One open page: its messages are answered one at a time, in the order sent, each building on the chat as the
    one before left it, by one answering loop at a time (ChatApp._drain). A message waits in `queued`, shown, while
    an earlier one is answered or while the app prepares; it takes no server worker while it waits."""
    guard: threading.Lock = field(default_factory=threading.Lock)
    answering: bool = False  # a loop is answering this page's messages
    chat: list | None = None  # the chat as the latest reply left it
    ratable: dict | None = None
    queued: list[Waiting] = field(default_factory=list)  # oldest first
    note: str = ""  # the held note last shown while the app prepares
    forgets: int = 0  # "Forget me" clicks: a message sent, or a reply begun, before the latest one is dropped

    def busy(self) -> bool:
        return self.answering or bool(self.queued)

    def forget(self, chat: list) -> None:
        """The user was deleted: nothing said before may come back on screen (a shared computer)."""
        with self.guard:
            self.chat, self.ratable, self.forgets = chat, {}, self.forgets + 1
            self.queued.clear()


class PageSessions:
    """Bounded: the oldest idle pages are forgotten first (their next message simply starts from the page's copy)."""

    def __init__(self, limit: int = 4096):
        self._pages: OrderedDict[str, PageSession] = OrderedDict()
        self._lock = threading.Lock()
        self.limit = limit

    def get(self, session_hash: str | None) -> PageSession:
        if not session_hash:
            return PageSession()
        with self._lock:
            page = self._pages.pop(session_hash, None) or PageSession()
            self._pages[session_hash] = page
            while len(self._pages) > self.limit:
                oldest = next(iter(self._pages))
                if self._pages[oldest].busy():
                    break
                del self._pages[oldest]
            return page


class ChatApp:
    """The callbacks, holding the Startup (the service appears when it is ready)."""

    def __init__(self, startup: Startup, ui: UIConfig = UIConfig(), identity: Identity | None = None):
        self.startup = startup
        self.ui = ui
        self.identity = identity or Identity.from_secret(ui.identity_secret)
        self.pages = PageSessions()
        limits = ui.rate_limits  # messages, and the looser reads and ratings, per user and per client address
        self.messages = RateLimiter({"user": limits.user, "client": limits.client}, limits.max_keys)
        self.reads = RateLimiter({"user": limits.reads_user, "client": limits.reads_client}, limits.max_keys)

    def _allowed(self, limiter: RateLimiter, key: str | None, request: gr.Request | None) -> bool:
        limits = self.ui.rate_limits
        return not limits.enabled or limiter.allow(user=key, client=client_address(request, limits.trusted_proxies))

    @property
    def service(self) -> ChatService | None:
        return self.startup.service

    def _not_ready(self) -> str:
        state = self.startup.state()
        return state.markdown() if state.error else render.still_getting_ready(state.step.lower(), state.left)

    def _settled(self) -> bool:
        """Ready, or failed for good: held messages can be answered."""
        state = self.startup.state()
        return state.ready or bool(state.error)

    def _screen(self, page: PageSession, chat: list) -> list:
        """What the page shows: the chat so far, then the messages waiting their turn and, while the app prepares,
        one note under them that they are kept and when they will be answered (no thumbs: not a movie)."""
        waiting = [w.said for w in page.queued]
        state = self.startup.state()
        if not waiting or state.ready or state.error:
            return chat + waiting
        page.note = render.held_note(len(waiting), state.left)
        return chat + waiting + [{"role": "assistant", "content": page.note}]

    # -- page load and the side panel --------------------------------------------------------------------
    def on_load(self, token: str | None, chat: list, profile: gr.OAuthProfile | None = None):
        """The user's token, welcome and history; `caught_up` (the last output) is False while the service is not
        ready, and the timer's tick (startup_banner) then fills the page in once it is."""
        token = token if is_token(token) else new_token()
        key = self.identity.user_key(token, profile)
        caught_up = self.service is not None
        if chat:  # the user typed before the page finished loading: keep that conversation
            return token, chat, self.history_choices(key), gr.skip(), caught_up
        return token, self._welcome(key), self.history_choices(key), {}, caught_up

    def _welcome(self, key: str | None) -> list[dict]:
        known = 0
        if self.service is not None and key:
            try:
                known = len(self.service.history(key))
                if known:
                    self.service.prewarm(key)  # a returning user's first request is usually "what next?"
            except DatabaseError:
                known = 0
        if not known:
            return [{"role": "assistant", "content": WELCOME}]
        return [{"role": "assistant", "content": render.WELCOME_BACK.format(known=known)}]

    def history_choices(self, key: str | None):
        try:
            movies = self.service.history(key) if self.service is not None and key else []
        except DatabaseError as exc:
            gr.Warning(render.HISTORY_NOT_READ.format(error=exc))
            return gr.skip()
        return gr.CheckboxGroup(choices=[(m.label, m.movie_id) for m in movies], value=[],
                                label=render.history_label(len(movies)))

    def startup_banner(self, token: str | None, chat: list, caught_up: bool, profile: gr.OAuthProfile | None = None,
                       request: gr.Request = None):
        """Each second until the service is ready and this page has caught up: the banner (with the time left),
        the held note's time when it changed, then, once ready, what on_load could not show before (the returning
        user's welcome, unless they typed, and their history). The last output, `settled`, turns True once the
        app is ready or has failed: its change answers the messages held meanwhile (answer_held)."""
        state = self.startup.state()
        settled = state.ready or bool(state.error)
        banner = gr.Markdown(state.markdown(), visible=bool(state.markdown()))
        key = self.identity.user_key(token, profile)
        page = self.pages.get(getattr(request, "session_hash", None))
        if not settled:
            with page.guard:
                shown = page.note
                screen = self._screen(page, list(page.chat or [])) if page.queued else None
                changed = screen is not None and page.note != shown
            return banner, gr.Timer(active=True), screen if changed else gr.skip(), gr.skip(), caught_up, False
        if caught_up or not state.ready or key is None:  # no token yet: on_load has not answered; the next tick
            return banner, gr.Timer(active=not (state.error or (state.ready and caught_up))), gr.skip(), gr.skip(), \
                caught_up, settled
        typed = page.busy() or any(isinstance(m, dict) and m.get("role") == "user" for m in chat or [])
        return (banner, gr.Timer(active=False), gr.skip() if typed else self._welcome(key),
                self.history_choices(key), True, True)

    # -- the conversation ---------------------------------------------------------------------------------
    def respond(self, message: str, chat: list, ratable: dict, token: str | None,
                profile: gr.OAuthProfile | None = None, request: gr.Request = None):
        """One message: shown at once, then answered in its turn, streamed, on the chat as the reply before it left
        it. While an earlier one is answered, or while the app prepares (with a note under it), it waits shown and
        this call ends: the page's answering loop (here, or answer_held once the app is ready) answers it. Nothing
        typed is lost, and a waiting message holds no server worker."""
        page = self.pages.get(getattr(request, "session_hash", None))
        allowed = self._allowed(self.messages, self.identity.user_key(token, profile), request)  # on arrival, before any work
        message = clean_text(message) if isinstance(message, str) else ""
        shown = message if len(message) <= MAX_MESSAGE_CHARS else message[:MAX_MESSAGE_CHARS] + "…"
        said = {"role": "user", "content": as_plain_text(shown)}
        with page.guard:
            if page.chat is None:  # the page's first message: the chat as the browser shows it
                page.chat, page.ratable = list(chat or []), dict(ratable or {})
            page.queued.append(Waiting(said, message, allowed, token, profile, page.forgets))
            answer_now = not page.answering and self._settled()
            page.answering = page.answering or answer_now
            screen = self._screen(page, list(page.chat))
        yield "", screen, gr.skip(), gr.skip()  # the message on the page, the box free for the next one, at once
        if answer_now:
            yield from self._drain(page)

    def answer_held(self, settled: bool, request: gr.Request = None):
        """Once the app is ready (or has failed), the messages this page sent while it prepared, in order."""
        page = self.pages.get(getattr(request, "session_hash", None))
        with page.guard:
            start = bool(settled) and not page.answering and bool(page.queued) and self._settled()
            page.answering = page.answering or start
        if not start:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        yield from self._drain(page)

    def _drain(self, page: PageSession):
        """The page's answering loop: its waiting messages, oldest first, until none is left."""
        try:
            while True:
                with page.guard:
                    if not page.queued:
                        page.answering = False
                        return
                    waiting = page.queued.pop(0)
                    chat, ratable = list(page.chat or []), dict(page.ratable or {})
                if waiting.forgets != page.forgets:  # sent before "Forget me": it went with the rest
                    continue
                answer = self._answer if waiting.allowed else self._slow_down
                for out in answer(waiting.message, chat + [waiting.said], ratable, waiting.token, waiting.profile):
                    if page.forgets != waiting.forgets:  # "Forget me" while this streamed: show none of it
                        break
                    page.chat, page.ratable = out[1], out[2]
                    yield gr.skip(), self._screen(page, out[1]), out[2], out[3]
        finally:  # also when Gradio stops the loop (the page closed): its next message starts another
            with page.guard:
                page.answering = False

    def _slow_down(self, message: str, chat: list, ratable: dict, token: str | None, profile):
        yield "", chat + [{"role": "assistant", "content": SLOW_DOWN}], ratable, gr.skip()

    def _answer(self, message: str, chat: list, ratable: dict, token: str | None, profile):
        key = self.identity.user_key(token, profile)
        if key is None:
            yield "", chat + [{"role": "assistant", "content": NO_USER_YET}], ratable, gr.skip()
            return
        if self.service is None:  # the start failed (messages wait until it is ready or has failed)
            yield "", chat + [{"role": "assistant", "content": self._not_ready()}], ratable, gr.skip()
            return
        for reply in self.service.reply_stream(key, message):
            if reply.forgotten:  # "forget me" typed and confirmed: the conversation goes with the data
                chat, ratable = [], {}
            messages, rates = reply_messages(reply)
            if not reply.partial:  # each thumb knows its movie, and the title its message must show
                ratable = {**ratable, **{len(chat) + i: {"id": rid, "title": shown_title(reply, rid)}
                                         for i, rid in rates.items()}}
            history = self.history_choices(key) if reply.history_changed else gr.skip()
            yield "", chat + messages, ratable, history

    def on_clear(self, request: gr.Request = None) -> dict:
        """The chat's 🗑: nothing cleared can be rated, and the next message starts from the empty chat."""
        page = self.pages.get(getattr(request, "session_hash", None))
        page.chat, page.ratable = [], {}
        return {}

    def on_like(self, ratable: dict, token: str | None, data: gr.LikeData, profile: gr.OAuthProfile | None = None):
        """A thumb on a movie message rates that movie; un-ticking it takes the rating back. A click on any other
        message, or on a message that no longer shows the movie (the chat was cleared), rates nothing."""
        key = self.identity.user_key(token, profile)
        index = data.index if isinstance(data.index, int) else data.index[0]
        target = ratable.get(index, ratable.get(str(index)))  # JSON state may key by string
        shown = " ".join(str(v) for v in data.value) if isinstance(data.value, list) else str(data.value or "")
        if (self.service is None or key is None or not isinstance(target, dict)
                or html.escape(target.get("title", ""), quote=False) not in shown):
            gr.Info(NOT_A_MOVIE)
            return
        if data.liked in (True, False, "Like", "Dislike"):
            gr.Info(self.service.rate(key, int(target["id"]), 1 if data.liked in (True, "Like") else -1))
        elif data.liked in ("", None):
            gr.Info(self.service.unrate(key, int(target["id"])))

    def remove_selected(self, selected: list[int], token: str | None, profile: gr.OAuthProfile | None = None):
        key = self.identity.user_key(token, profile)
        if self.service is not None and key is not None:
            try:
                for movie_id in selected or []:
                    self.service.remove(key, int(movie_id))
            except DatabaseError as exc:
                gr.Warning(render.NOTHING_MORE_REMOVED.format(error=exc))
        return self.history_choices(key)

    def export(self, token: str | None, profile: gr.OAuthProfile | None = None) -> str:
        """The user's data as JSON text, which DOWNLOAD_JS saves in the browser."""
        key = self.identity.user_key(token, profile)
        if self.service is None or key is None:
            return ""
        try:
            return json.dumps(self.service.export(key), indent=2, ensure_ascii=False)
        except DatabaseError as exc:
            gr.Warning(render.DATA_NOT_READ.format(error=exc))
            return ""

    def forget(self, token: str | None, profile: gr.OAuthProfile | None = None, request: gr.Request = None):
        """The confirmed "Forget me": the database, and this page's copy of the conversation."""
        key = self.identity.user_key(token, profile)
        text = self.service.forget(key) if self.service is not None and key else self._not_ready()
        chat = [{"role": "assistant", "content": text}]
        self.pages.get(getattr(request, "session_hash", None)).forget(chat)  # the page shows only `chat` now
        return chat, {}, self.history_choices(key), gr.Row(visible=False)

    # -- the API for scripts (gradio_client) --------------------------------------------------------------
    def api_chat(self, user_token: str, message: str, request: gr.Request = None) -> dict:
        """One chat turn for the user holding `user_token` (16-64 of A-Z a-z 0-9 _ -): the reply's markdown and
        the recommendations, each with the `recommended_id` to rate."""
        key = self.identity.user_key(user_token)
        if not self._allowed(self.messages, key, request):
            return {"text": SLOW_DOWN, "recommendations": []}
        if key is None or self.service is None:
            return {"text": BAD_TOKEN if key is None else self._not_ready(), "recommendations": []}
        if not isinstance(message, str):
            return {"text": render.MESSAGE_NOT_TEXT, "recommendations": []}
        reply = self.service.reply(key, message)
        return {"text": "\n\n".join(filter(None, [reply.preface, reply.text])), "history_changed": reply.history_changed,
                "recommendations": [{"recommended_id": r.recommended_id, "rank": r.rank, "movie_id": r.movie.movie_id,
                                     "title": r.movie.label, "genres": list(r.movie.kinds), "source": r.source,
                                     "reason": r.reason} for r in reply.recommendations]}

    def api_rate(self, user_token: str, recommended_id: int, liked: bool, request: gr.Request = None) -> str:
        """Thumbs up (liked=true) or down (liked=false) on one recommendation shown to this user."""
        key = self.identity.user_key(user_token)
        if not self._allowed(self.reads, key, request):
            return SLOW_DOWN
        if key is None or self.service is None:
            return BAD_TOKEN if key is None else self._not_ready()
        rating, target = parse_liked(liked), parse_id(recommended_id)
        if target is None:
            return render.BAD_RECOMMENDED_ID
        if rating is None:
            return render.BAD_LIKED
        return self.service.rate(key, target, 1 if rating else -1)

    def api_history(self, user_token: str, request: gr.Request = None) -> list[dict]:
        """This user's watch history, oldest first."""
        key = self.identity.user_key(user_token)
        if not self._allowed(self.reads, key, request):
            raise gr.Error(SLOW_DOWN)  # an empty list would say the history is empty
        if key is None or self.service is None:
            return []
        return [{"movie_id": m.movie_id, "title": m.label} for m in self.service.history(key)]


class ChatBlocks(gr.Blocks):
    """Blocks whose events take a call with too few values: the missing ones are None, and the callback answers
    in a sentence. Gradio refuses such a call with an error that prints every value it got, a user's token among
    them, to the server's log; a call with too many values it already takes (the extra ones are ignored)."""

    def __init__(self, *args, analytics_every: int = UIConfig.gradio_analytics_every, **kwargs):
        self.analytics_every = analytics_every  # before Blocks.__init__, which makes a first queue
        super().__init__(*args, **kwargs)

    def queue(self, *args, **kwargs):
        """Gradio's queue, rebuilding its monitoring summary every `analytics_every` events instead of after each:
        Gradio reads GRADIO_ANALYTICS_CACHE_FREQUENCY into every Queue it makes (gradio/queueing.py), and the app
        sets that attribute instead of writing the environment (bot.config reads the operator's setting)."""
        blocks = super().queue(*args, **kwargs)
        self._queue.ANAYLTICS_CACHE_FREQUENCY = self.analytics_every  # sic: Gradio's spelling
        return blocks

    def validate_inputs(self, block_fn, inputs: list) -> None:
        if isinstance(inputs, list):
            inputs.extend([None] * (len(block_fn.inputs) - len(inputs)))
        super().validate_inputs(block_fn, inputs)


def build_app(startup: Startup, ui: UIConfig = UIConfig()) -> gr.Blocks:
    app = ChatApp(startup, ui)
    with ChatBlocks(title="DUALRec Chat", analytics_every=ui.gradio_analytics_every) as demo:
        # the key must outlive restarts, or every browser is a new user after each one; it is public (bot/identity.py)
        token = gr.BrowserState(None, storage_key="dualrec-user", secret=ui.browser_secret or None)
        ratable = gr.State({})
        caught_up = gr.State(False)  # on_load, or a later tick, showed this page the user's data from the service
        settled = gr.State(False)  # the app is ready or has failed: messages held meanwhile are answered
        gr.Markdown(render.PAGE_HEADER)
        banner = gr.Markdown(visible=False, elem_id="startup-banner")
        timer = gr.Timer(1.0)
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(height=520, label="Chat", elem_id="chat", buttons=["copy"],
                                     group_consecutive_messages=False)  # thumbs per movie, not per reply
                with gr.Row():
                    message = gr.Textbox(placeholder=render.MESSAGE_PLACEHOLDER, show_label=False, scale=5,
                                         max_lines=12, elem_id="message", autofocus=True)
                    send = gr.Button("Send", variant="primary", scale=1, elem_id="send")
                gr.Examples(EXAMPLES, inputs=message, label="Try")
            with gr.Column(scale=2):
                if ui.oauth:
                    gr.LoginButton()
                history = gr.CheckboxGroup(label="Your history", choices=[], elem_id="history")
                remove = gr.Button("Remove selected", size="sm", elem_id="remove")
                with gr.Row():
                    export = gr.Button("Export my data", size="sm", elem_id="export")
                    forget = gr.Button("Forget me", size="sm", variant="stop", elem_id="forget")
                exported = gr.Textbox(visible=False, elem_id="export-data")
                with gr.Row(visible=False) as confirm_row:
                    gr.Markdown(render.FORGET_CONFIRM)
                    confirm = gr.Button("Yes, delete everything", variant="stop", size="sm", elem_id="confirm-forget")

        private = {"api_visibility": "private"}
        timer.tick(app.startup_banner, [token, chatbot, caught_up],
                   [banner, timer, chatbot, history, caught_up, settled], **private)
        # a waiting message holds no worker; once the app is ready, one call per page answers what it holds
        settled.change(app.answer_held, [settled], [message, chatbot, ratable, history],
                       concurrency_limit=ui.chat_concurrency, concurrency_id="chat", **private)
        demo.load(app.on_load, [token, chatbot], [token, chatbot, history, ratable, caught_up], **private)
        for trigger in (message.submit, send.click):
            # trigger_mode "multiple": a message sent while a reply streams is taken (the default drops it); it is
            # shown at once and answered after that reply, in order, by the call answering the page (respond)
            trigger(app.respond, [message, chatbot, ratable, token], [message, chatbot, ratable, history],
                    concurrency_limit=ui.chat_concurrency, concurrency_id="chat", trigger_mode="multiple", **private)
        chatbot.clear(app.on_clear, None, ratable, **private)
        ratable_positions = gr.Textbox(visible=False, elem_id="ratable-rows")
        ratable.change(ratable_rows, ratable, ratable_positions, **private).then(
            None, ratable_positions, None, js=RATABLE_ROWS_JS, **private)
        chatbot.like(app.on_like, [ratable, token], None, **private)
        remove.click(app.remove_selected, [history, token], history, **private)
        export.click(app.export, [token], exported, **private).then(
            None, exported, None, js=DOWNLOAD_JS, **private).then(lambda: "", None, exported, **private)
        forget.click(lambda: gr.Row(visible=True), None, confirm_row, **private)
        confirm.click(app.forget, [token], [chatbot, ratable, history, confirm_row], **private)
        gr.api(app.api_chat, api_name="chat", concurrency_limit=ui.chat_concurrency, concurrency_id="chat")
        gr.api(app.api_rate, api_name="rate", concurrency_limit=ui.chat_concurrency)
        gr.api(app.api_history, api_name="history", concurrency_limit=ui.chat_concurrency)
    return demo


def launch_options(ui: UIConfig) -> dict:
    """What `launch` needs besides host and port: request limits, uploads off (bot/limits.py), headers and no
    CORS for other sites (bot/headers.py), no SSR, no monitoring page (Gradio printed its key to the log for
    anyone who asked for /monitoring)."""
    # the worker threads of sync handlers: /chat's limit, and as many again for /rate, /history and the page
    return {"ssr_mode": False, "show_error": False, "enable_monitoring": False, "js": THUMBS_ONLY_ON_MOVIES_JS,
            "max_threads": max(40, 2 * ui.chat_concurrency),
            "app_kwargs": {"middleware": [Middleware(RequestLimits, max_body_bytes=ui.max_body_bytes)],
                           "lifespan": site_headers_lifespan(ui.frame_ancestors)}}


def with_secrets(cfg: AppConfig) -> AppConfig:
    """The configuration with both secrets filled in: the configured ones, else files kept in DUALREC_HOME (the
    database's migrations hash stored tokens with the same identity secret). On a Space, whose disk is wiped at every
    restart, the secrets left to such files are named in the log."""
    if lost := secrets_lost_at_restart(cfg.ui):
        log.warning("this Space's disk is wiped at every restart: set %s as Space secrets, or every browser "
                    "becomes a new user after each restart", " and ".join(lost))
    return replace(cfg, ui=replace(cfg.ui, browser_secret=browser_secret(cfg.data.home, cfg.ui.browser_secret),
                                   identity_secret=identity_secret(cfg.data.home, cfg.ui.identity_secret)))


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")

    def body() -> int:
        cfg = with_secrets(load_app_config())
        ui = cfg.ui
        startup = Startup(cfg).start()
        demo = build_app(startup, ui)
        demo.queue(default_concurrency_limit=ui.chat_concurrency)
        demo.launch(server_name=ui.host, server_port=ui.port, **launch_options(ui))
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(main())
