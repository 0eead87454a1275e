"""Launch the real Gradio app over a given ChatService on a free loopback port (for gradio_client and Chromium)."""
from __future__ import annotations

import socket
from contextlib import contextmanager
from collections.abc import Iterator
from dataclasses import replace

from bot.app import build_app, launch_options
from bot.config import UIConfig
from bot.identity import Identity
from bot.startup import Startup


# Unless a test gives its own, every launch keys tokens with this secret, so a test can find a token's rows
# (TEST_IDENTITY.user_key(token)) and a relaunch finds the same users, as the app's secret file makes it do.
TEST_IDENTITY = Identity("test-identity-secret-0123456789")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def launched(service_or_startup, ui: UIConfig = UIConfig(), port: int | None = None) -> Iterator[str]:
    """Serve the app until the block ends, with the launch options `make run` uses; yields its URL."""
    ui = ui if ui.identity_secret else replace(ui, identity_secret=TEST_IDENTITY.secret)
    startup = service_or_startup if isinstance(service_or_startup, Startup) else Startup.ready_with(service_or_startup)
    demo = build_app(startup, ui)
    demo.queue(default_concurrency_limit=ui.chat_concurrency)
    port = port or free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, **launch_options(ui))
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()
