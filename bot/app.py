"""The chat UI: Gradio Blocks over ChatService. `make run` (or `python -m bot.app`) serves it on 127.0.0.1:7860.

Every callback is a few lines that call the service. Who is asking:
- a browser keeps a random token in its localStorage (gr.BrowserState), so its history survives reloads;
- on a Space with `hf_oauth: true`, a signed-in Hugging Face user is "hf:<username>" on every device;
- API clients (gradio_client, `benchmarks/load.py`) pass their own token to the `chat`, `rate` and `history`
  endpoints. A token is a secret like a session cookie; it can never name an "hf:" user.
"""
import html
import json
import logging
import re
import secrets
import sys
import tempfile
from pathlib import Path

import gradio as gr

from bot.config import UIConfig, load_app_config
from bot.service import INTRO, ChatService, Reply, closing_markdown, recommendation_markdown
from bot.startup import Startup
from db.repository import DatabaseError
from recommender.errors import run_script

log = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
EXAMPLES = ["I watched Heat, Toy Story and The Matrix", "What should I watch next?", "A comedy from the 90s",
            "Something like Alien", "Show my history", "Help"]
WELCOME = ("Hi! Tell me movies you have watched (\"I watched Heat and Toy Story\") and ask "
           "\"what should I watch next?\". Say \"help\" for everything I understand.")
NOT_A_MOVIE = "Thumbs go on a suggested movie's own message."


def new_token() -> str:
    return secrets.token_urlsafe(16)


def user_key(token: str | None, profile: gr.OAuthProfile | None = None) -> str | None:
    """The repository's external id for this caller; None for a missing or malformed token."""
    if profile is not None and getattr(profile, "username", None):
        return f"hf:{profile.username}"
    if token and TOKEN_PATTERN.match(token):
        return f"token:{token}"
    return None


def reply_messages(reply: Reply) -> tuple[list[dict], dict[int, int]]:
    """The assistant messages for a reply and, by position among them, the recommendation each one rates.

    Each recommended movie is its own message, so its thumbs rate that movie; the intro rides on the first
    and the closing line on the last, so every message with thumbs in a recommendation is a movie."""
    if reply.partial or not reply.recommendations:
        return [{"role": "assistant", "content": reply.text}], {}
    texts = [recommendation_markdown(item.rank, item) for item in reply.recommendations]
    texts[0] = f"{INTRO}\n\n{texts[0]}"
    texts[-1] = f"{texts[-1]}\n\n{closing_markdown(reply.note)}"
    messages = [{"role": "assistant", "content": text} for text in texts]
    return messages, {i: item.recommended_id for i, item in enumerate(reply.recommendations)}


class ChatApp:
    """The callbacks, holding the Startup (the service appears when it is ready)."""

    def __init__(self, startup: Startup, ui: UIConfig = UIConfig()):
        self.startup = startup
        self.ui = ui

    @property
    def service(self) -> ChatService | None:
        return self.startup.service

    def _not_ready(self) -> str:
        state = self.startup.state()
        return state.markdown() if state.error else f"I'm still getting ready: {state.step.lower()}. Try again in a moment."

    # -- page load and the side panel --------------------------------------------------------------------
    def on_load(self, token: str | None, chat: list, profile: gr.OAuthProfile | None = None):
        token = token if user_key(token) else new_token()
        key = user_key(token, profile)
        if chat:  # the user typed before the page finished loading: keep that conversation
            return token, chat, self.history_choices(key), gr.skip()
        chat = [{"role": "assistant", "content": WELCOME}]
        if self.service is not None:
            try:
                known = len(self.service.history(key))
                if known:
                    self.service.prewarm(key)  # a returning user's first request is usually "what next?"
            except DatabaseError:
                known = 0
            if known:
                chat = [{"role": "assistant", "content": f"Welcome back! You have {known} movie(s) in your history "
                                                         "(on the right). Ask \"what should I watch next?\"."}]
        return token, chat, self.history_choices(key), {}

    def history_choices(self, key: str | None):
        try:
            movies = self.service.history(key) if self.service is not None and key else []
        except DatabaseError as exc:
            gr.Warning(f"Your history could not be read: {exc}")
            return gr.skip()
        return gr.CheckboxGroup(choices=[(m.label, m.movie_id) for m in movies], value=[],
                                label=f"Your history ({len(movies)}, oldest first)")

    def startup_banner(self):
        state = self.startup.state()
        return gr.Markdown(state.markdown(), visible=bool(state.markdown())), gr.Timer(active=not (state.ready or state.error))

    # -- the conversation ---------------------------------------------------------------------------------
    def respond(self, message: str, chat: list, ratable: dict, token: str | None,
                profile: gr.OAuthProfile | None = None):
        key = user_key(token, profile)
        chat = list(chat or []) + [{"role": "user", "content": html.escape(message or "", quote=False)}]
        if self.service is None or key is None:
            text = self._not_ready() if key else "Please reload the page: this browser has no user id yet."
            yield "", chat + [{"role": "assistant", "content": text}], ratable, gr.skip()
            return
        for reply in self.service.reply_stream(key, message or ""):
            messages, rates = reply_messages(reply)
            if not reply.partial:
                ratable = {**ratable, **{len(chat) + i: rid for i, rid in rates.items()}}
            history = self.history_choices(key) if reply.history_changed else gr.skip()
            yield "", chat + messages, ratable, history

    def on_like(self, ratable: dict, token: str | None, data: gr.LikeData, profile: gr.OAuthProfile | None = None):
        key = user_key(token, profile)
        index = data.index if isinstance(data.index, int) else data.index[0]
        recommended_id = ratable.get(index, ratable.get(str(index)))  # JSON state may key by string
        if self.service is None or key is None or recommended_id is None:
            gr.Info(NOT_A_MOVIE)
            return
        if data.liked in (True, False, "Like", "Dislike"):
            value = 1 if data.liked in (True, "Like") else -1
            gr.Info(self.service.rate(key, int(recommended_id), value))

    def remove_selected(self, selected: list[int], token: str | None, profile: gr.OAuthProfile | None = None):
        key = user_key(token, profile)
        if self.service is not None and key is not None:
            try:
                for movie_id in selected or []:
                    self.service.remove(key, int(movie_id))
            except DatabaseError as exc:
                gr.Warning(f"Nothing more was removed: {exc}")
        return self.history_choices(key)

    def export(self, token: str | None, profile: gr.OAuthProfile | None = None):
        key = user_key(token, profile)
        if self.service is None or key is None:
            return gr.File(visible=False)
        try:
            data = self.service.export(key)
        except DatabaseError as exc:
            gr.Warning(f"Your data could not be read: {exc}")
            return gr.File(visible=False)
        path = Path(tempfile.mkdtemp(prefix="dualrec-export-")) / "my-dualrec-data.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        return gr.File(value=str(path), visible=True)

    def forget(self, token: str | None, profile: gr.OAuthProfile | None = None):
        key = user_key(token, profile)
        text = self.service.forget(key) if self.service is not None and key else self._not_ready()
        return [{"role": "assistant", "content": text}], {}, self.history_choices(key), gr.Row(visible=False)

    # -- the API for scripts (gradio_client) --------------------------------------------------------------
    def api_chat(self, user_token: str, message: str) -> dict:
        """One chat turn for the user holding `user_token` (16-64 of A-Z a-z 0-9 _ -): the reply's markdown and
        the recommendations, each with the `recommended_id` to rate."""
        key = user_key(user_token)
        if key is None or self.service is None:
            return {"text": "Give a user_token of 16-64 letters, digits, _ or -." if key is None else self._not_ready(),
                    "recommendations": []}
        reply = self.service.reply(key, message)
        return {"text": reply.text, "history_changed": reply.history_changed,
                "recommendations": [{"recommended_id": r.recommended_id, "rank": r.rank, "movie_id": r.movie.movie_id,
                                     "title": r.movie.label, "genres": list(r.movie.genres), "source": r.source,
                                     "reason": r.reason} for r in reply.recommendations]}

    def api_rate(self, user_token: str, recommended_id: int, liked: bool) -> str:
        """Thumbs up (liked=true) or down on one recommendation shown to this user."""
        key = user_key(user_token)
        if key is None or self.service is None:
            return "Give a valid user_token." if key is None else self._not_ready()
        return self.service.rate(key, int(recommended_id), 1 if liked else -1)

    def api_history(self, user_token: str) -> list[dict]:
        """This user's watch history, oldest first."""
        key = user_key(user_token)
        if key is None or self.service is None:
            return []
        return [{"movie_id": m.movie_id, "title": m.label} for m in self.service.history(key)]


def build_app(startup: Startup, ui: UIConfig = UIConfig()) -> gr.Blocks:
    app = ChatApp(startup, ui)
    with gr.Blocks(title="DUALRec Chat") as demo:
        token = gr.BrowserState(None, storage_key="dualrec-user")
        ratable = gr.State({})
        gr.Markdown("# 🎬 DUALRec Chat\nTell me what you watched; I suggest what to watch next. "
                    "A sequence model trained on MovieLens picks first, a language model adds more.")
        banner = gr.Markdown(visible=False, elem_id="startup-banner")
        timer = gr.Timer(1.0)
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(height=520, label="Chat", elem_id="chat", buttons=["copy"],
                                     group_consecutive_messages=False)  # thumbs per movie, not per reply
                with gr.Row():
                    message = gr.Textbox(placeholder="I watched Heat and Toy Story…", show_label=False, scale=5,
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
                exported = gr.File(label="Your data", visible=False, elem_id="export-file")
                with gr.Row(visible=False) as confirm_row:
                    gr.Markdown("Delete your history, suggestions and ratings?")
                    confirm = gr.Button("Yes, delete everything", variant="stop", size="sm", elem_id="confirm-forget")

        private = {"api_visibility": "private"}
        timer.tick(app.startup_banner, None, [banner, timer], **private)
        demo.load(app.on_load, [token, chatbot], [token, chatbot, history, ratable], **private)
        for trigger in (message.submit, send.click):
            trigger(app.respond, [message, chatbot, ratable, token], [message, chatbot, ratable, history],
                    concurrency_limit=ui.chat_concurrency, concurrency_id="chat", **private)
        chatbot.like(app.on_like, [ratable, token], None, **private)
        remove.click(app.remove_selected, [history, token], history, **private)
        export.click(app.export, [token], exported, **private)
        forget.click(lambda: gr.Row(visible=True), None, confirm_row, **private)
        confirm.click(app.forget, [token], [chatbot, ratable, history, confirm_row], **private)
        gr.api(app.api_chat, api_name="chat", concurrency_limit=ui.chat_concurrency, concurrency_id="chat")
        gr.api(app.api_rate, api_name="rate", concurrency_limit=ui.chat_concurrency)
        gr.api(app.api_history, api_name="history", concurrency_limit=ui.chat_concurrency)
    return demo


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")

    def body() -> int:
        cfg = load_app_config()
        startup = Startup(cfg).start()
        demo = build_app(startup, cfg.ui)
        demo.queue(default_concurrency_limit=cfg.ui.chat_concurrency)
        demo.launch(server_name=cfg.ui.host, server_port=cfg.ui.port, ssr_mode=False, show_error=False)
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(main())
