"""Headers on every response, and no credentialed CORS for other sites, as an ASGI middleware in front of Gradio.

- `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`, and CSP
  `frame-ancestors` (who may show the page in a frame: by default the app itself and Hugging Face, whose Space
  page is an iframe; UIConfig.frame_ancestors, DUALREC_FRAME_ANCESTORS).
- Gradio's own CORS middleware sends `Access-Control-Allow-Origin: <origin>` with `-Allow-Credentials: true` to
  any origin when the app is reached by a public host name, and to any http://localhost:* origin when it is
  reached on localhost (gradio/route_utils.py, CustomCORSMiddleware), and has no option to turn that off. Here
  every `Access-Control-*` header is dropped from the answer to a request whose Origin is not the app's own host,
  so a page on another site cannot read what the app answers with a visitor's cookies. The app's own page
  needs no CORS, so a proxy that rewrites the Host header costs nothing but those headers.

Gradio adds its middleware outside the ones an app passes, so this one cannot be passed like bot/limits.py's:
`lifespan` (a FastAPI option Gradio forwards) puts it in front of the whole stack when the server starts.
"""
from __future__ import annotations

from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from recommender.errors import ConfigError

REFERRER_POLICY = "strict-origin-when-cross-origin"  # other sites see the origin alone, never a path


def frame_ancestors_policy(sources: str) -> str:
    """The CSP header's value; `sources` are CSP source expressions separated by spaces."""
    if not sources.strip() or any(c in sources for c in ";,\r\n\x00") or not sources.isascii():
        raise ConfigError(f"DUALREC_FRAME_ANCESTORS must be CSP sources separated by spaces, not {sources!r}")
    return f"frame-ancestors {' '.join(sources.split())}"


def same_origin(origin: str, host: str) -> bool:
    """Whether a request's Origin names the host it was sent to (scheme aside: a proxy may end TLS)."""
    return bool(host) and urlsplit(origin).netloc.lower() == host.lower()


class SiteHeaders:
    def __init__(self, app, frame_ancestors: str):
        self.app = app
        self.added = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", REFERRER_POLICY.encode()),
                      (b"content-security-policy", frame_ancestors_policy(frame_ancestors).encode())]
        self.replaced = {b"x-content-type-options", b"referrer-policy"}  # a second CSP header only narrows: kept

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = {name.lower(): value for name, value in scope.get("headers") or []}
        origin = request.get(b"origin")
        foreign = origin is not None and not same_origin(origin.decode("latin-1"),
                                                         request.get(b"host", b"").decode("latin-1"))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(name, value) for name, value in message.get("headers") or []
                        if name.lower() not in self.replaced
                        and not (foreign and name.lower().startswith(b"access-control-"))]
                message = {**message, "headers": kept + self.added}
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def site_headers_lifespan(frame_ancestors: str):
    """FastAPI's `lifespan`: at start, SiteHeaders goes in front of the app's built middleware stack."""
    frame_ancestors_policy(frame_ancestors)  # a bad setting stops the launch, not the first request

    @asynccontextmanager
    async def lifespan(app):
        # Starlette builds the stack on the first event it gets, the lifespan's own, before this runs
        app.middleware_stack = SiteHeaders(app.middleware_stack or app.build_middleware_stack(), frame_ancestors)
        yield

    return lifespan
