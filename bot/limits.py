"""Limits on what the web server accepts, as an ASGI middleware in front of Gradio's routes.

- A request body over `max_body_bytes` is refused with 413 (Gradio took 100 MB, and its send event echoed it).
- Uploads are off: the app has no file input, and Gradio's /gradio_api/upload kept whatever it was sent.
"""
from __future__ import annotations

import json

UPLOAD_SUFFIX = "/upload"
# The chat sends the message and the conversation so far (a few hundred bytes a turn): 2 MB is thousands of
# turns, and the message itself is capped at 2,000 characters by bot.messages.
MAX_BODY_BYTES = 2 * 1024 * 1024


class RequestLimits:
    def __init__(self, app, max_body_bytes: int = MAX_BODY_BYTES):
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"].rstrip("/").endswith(UPLOAD_SUFFIX):
            return await _refuse(send, 403, "File uploads are turned off in this app.")
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body_bytes):
            return await _refuse(send, 413, f"Requests are limited to {self.max_body_bytes:,} bytes.")
        received = 0

        async def counted_receive():  # a body sent in chunks, with no length declared, is counted as it comes
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    return {"type": "http.disconnect"}
            return message

        return await self.app(scope, counted_receive, send)


async def _refuse(send, status: int, text: str) -> None:
    body = json.dumps({"error": text}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
