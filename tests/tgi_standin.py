"""A small OpenAI-compatible HTTP server for what no real server does on demand (the real one in the tests is
`transformers serve`, tests/test_real_server.py).

Routes: POST /v1/chat/completions (JSON and server-sent events), GET /v1/models, GET /info, GET /health. Answers
come from `generate(messages)` (often the real SmolLM2). Every request body and its headers are recorded.

- `flavour="vllm"`: /v1/models lists the base model and its LoRA adapters, and an unknown `model` gets 404, as
  vLLM answers; `flavour="tgi"`: /v1/models lists only the base model, /info names TGI's router, and an unknown
  `model` silently gets the base model, as TGI does (the routing is recorded in `routed`).
- `fault`: "status" (every answer `fail_status`), "die" (the connection closes mid-stream), "invalid_json",
  "binary" (bytes that are not text), "empty" (a stream with no content), "never" (no answer at all), "trickle"
  (keep-alive comments forever, never a token). `fail_first` fails only the first requests with `fail_status`.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BASE_MODEL = "HuggingFaceTB/SmolLM2-135M-Instruct"


class StandInTGI:
    def __init__(self, generate, fail_first: int = 0, fail_status: int = 503, fault: str | None = None,
                 flavour: str = "vllm", adapters: tuple[str, ...] = ("dualrec",)):
        self.generate = generate  # messages -> text
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []  # each request's headers, lower-cased names
        self.routed: list[str] = []  # the model each chat request was answered with
        self.fail_first, self.fail_status, self.fault = fail_first, fail_status, fault
        self.flavour, self.adapters = flavour, adapters
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path == "/health":
                    return self._send(200, b"", "text/plain")
                if self.path == "/v1/models":
                    # vLLM lists each LoRA module with its base model as `parent`
                    listed = [(BASE_MODEL, None)] + ([(a, BASE_MODEL) for a in server.adapters]
                                                     if server.flavour == "vllm" else [])
                    data = [{"id": m, "object": "model", "created": 0, "owned_by": "standin", "parent": parent}
                            for m, parent in listed]
                    return self._send(200, json.dumps({"object": "list", "data": data}).encode())
                if self.path == "/info" and server.flavour == "tgi":
                    return self._send(200, json.dumps({"model_id": BASE_MODEL, "router": "text-generation-router"}).encode())
                self._send(404, b'{"error": "not found"}')

            def do_POST(self):
                if self.path != "/v1/chat/completions":
                    return self._send(404, b'{"error": "not found"}')
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                server.headers.append({k.lower(): v for k, v in self.headers.items()})
                model = body.get("model", "")
                if model not in (BASE_MODEL, *server.adapters):
                    if server.flavour == "vllm":
                        return self._send(404, json.dumps({"error": {"message": f"The model `{model}` does not exist.",
                                                                     "type": "NotFoundError", "code": 404}}).encode())
                    model = BASE_MODEL  # TGI: an unknown adapter name is the base model, silently
                server.routed.append(model)
                if len(server.requests) <= server.fail_first or server.fault == "status":
                    return self._send(server.fail_status, b'{"error": "overloaded", "error_type": "overloaded"}')
                if server.fault == "never":
                    server._closing.wait(120)
                    return None
                text = server.generate(body["messages"])
                if body.get("stream"):
                    return self._stream(body, text)
                reply = {"id": "1", "object": "chat.completion", "created": int(time.time()), "model": model,
                         "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                                      "message": {"role": "assistant", "content": text}}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
                payload = json.dumps(reply).encode()
                if server.fault in ("die", "trickle"):  # a body that stops half-way, or comes a byte at a time
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if server.fault == "die":
                        self.wfile.write(payload[: len(payload) // 2])
                        self.wfile.flush()
                        self.connection.shutdown(2)
                        return None
                    for byte in payload[:-1]:
                        if server._closing.wait(0.2):
                            return None
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    return None
                if server.fault == "invalid_json":
                    payload = payload[:-20]
                elif server.fault == "binary":
                    payload = b"\xff\xfe\x00\x9c\x80garbage"
                elif server.fault == "empty":
                    payload = json.dumps({**reply, "choices": []}).encode()
                self._send(200, payload)

            def _event(self, body, piece):
                delta = {"role": "assistant", "content": piece} if piece is not None else {}
                event = {"id": "1", "object": "chat.completion.chunk", "created": int(time.time()),
                         "model": body.get("model", BASE_MODEL),
                         "choices": [{"index": 0, "delta": delta, "logprobs": None,
                                      "finish_reason": None if piece is not None else "stop"}]}
                return f"data: {json.dumps(event)}\n\n".encode()

            def _stream(self, body, text):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                pieces = [text[i : i + 8] for i in range(0, len(text), 8)]
                fault = server.fault
                if fault == "trickle":
                    while not server._closing.is_set():
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                        server._closing.wait(0.2)
                    return
                if fault == "empty":
                    self.wfile.write(self._event(body, None) + b"data: [DONE]\n\n")
                    return
                for i, piece in enumerate(pieces + [None]):
                    if fault == "die" and i == 2:
                        self.wfile.flush()
                        self.connection.shutdown(2)  # the server dies mid-answer
                        return
                    if fault == "invalid_json" and i == 1:
                        self.wfile.write(b'data: {"choices": [{"delta": {"content": \n\n')
                        continue
                    if fault == "binary" and i == 1:
                        self.wfile.write(b"data: \xff\xfe\x00\x9c\x80garbage\n\n")
                        continue
                    self.wfile.write(self._event(body, piece))
                self.wfile.write(b"data: [DONE]\n\n")

            def _send(self, status, payload, content_type="application/json"):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StandInTGI":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()
