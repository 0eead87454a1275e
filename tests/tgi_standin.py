"""A small HTTP server that stands in for text-generation-inference in the tests (TGI cannot run here).

It implements the routes DUALRec calls on TGI, vLLM or llama.cpp: POST /v1/chat/completions (JSON and
server-sent-event streaming, OpenAI format) and GET /health. Answers come from a real model (SmolLM2), and
every request body is recorded so tests can check what crossed the wire (e.g. the adapter in `model`).
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StandInTGI:
    def __init__(self, generate, fail_first: int = 0, fail_status: int = 503):
        self.generate = generate  # messages -> text
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []  # each request's headers, lower-cased names
        self.fail_first = fail_first
        self.fail_status = fail_status
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                if self.path == "/health":
                    self._send(200, b"", "text/plain")
                else:
                    self._send(404, b'{"error": "not found"}')

            def do_POST(self):
                if self.path != "/v1/chat/completions":
                    return self._send(404, b'{"error": "not found"}')
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                if len(server.requests) <= server.fail_first:
                    return self._send(server.fail_status, b'{"error": "overloaded", "error_type": "overloaded"}')
                text = server.generate(body["messages"])
                if body.get("stream"):
                    return self._stream(body, text)
                reply = {"id": "1", "object": "chat.completion", "created": int(time.time()),
                         "model": body.get("model", "tgi"), "system_fingerprint": "standin",
                         "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                                      "message": {"role": "assistant", "content": text}}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                self._send(200, json.dumps(reply).encode())

            def _stream(self, body, text):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for piece in [text[i : i + 8] for i in range(0, len(text), 8)] + [None]:
                    delta = {"role": "assistant", "content": piece} if piece is not None else {}
                    event = {"id": "1", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": body.get("model", "tgi"), "system_fingerprint": "standin",
                             "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                          "finish_reason": None if piece is not None else "stop"}]}
                    self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")

            def _send(self, status, payload, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StandInTGI":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
