"""Guards around the API: newsprism serves scraped text, the most hostile input there is.

Each guard is small and independent so a test can trip it alone:
- `BodyLimit` refuses bodies over a size (413) before the app buffers them, whether or not the
  client declared a Content-Length;
- `SecurityHeaders` puts a strict Content-Security-Policy on every response: even if some scraped
  string escaped the templates' autoescape, the browser would not run it;
- `RateLimit` is a per-client token bucket for write endpoints (429 with Retry-After);
- `require_token` checks `Authorization: Bearer` in constant time when a token is configured;
- `check_fetch_url` refuses URLs that resolve to private, loopback, link-local or reserved
  addresses, so an enabled fetcher cannot be turned against the host's own network (SSRF).
"""
from __future__ import annotations

import hmac
import ipaddress
import socket
import threading
import time
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: 413 for a body over `max_bytes`, declared or streamed."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await _too_large(send, self.max_bytes)
        seen, started = 0, False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, self.max_bytes)


async def _too_large(send, limit: int) -> None:
    body = b'{"detail":"request body too large (limit %d bytes)"}' % limit
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every response, errors included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


class RateLimit:
    """Token bucket per client address: `burst` requests at once, refilled at `per_minute`."""

    def __init__(self, per_minute: float, burst: int | None = None):
        self.rate = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, int(per_minute)))
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> None:
        client = request.client.host if request.client else "unknown"
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self.buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
                raise HTTPException(429, "too many write requests, slow down",
                                    headers={"Retry-After": str(max(1, round(wait)))})
            self.buckets[client] = (tokens - 1.0, now)
            if len(self.buckets) > 10_000:  # forget idle clients so the table cannot grow forever
                self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < 600}


def require_token(token: str | None):
    """Dependency for write endpoints: a no-op without a token, else a constant-time Bearer check.

    Only the checking variant declares the bearer scheme, so the OpenAPI spec says exactly when
    a write needs a token."""
    if token is None:
        return lambda: None
    bearer = HTTPBearer(auto_error=False, description="the token given to `newsprism serve --token`")

    def check(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
        given = credentials.credentials if credentials else ""
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})

    return check


def is_loopback(host: str) -> bool:
    """Whether binding `host` keeps the server reachable from this machine only."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_fetch_url(url: str) -> str | None:
    """Why `url` must not be fetched, or None when it is a public http(s) address."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "malformed URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "only http and https URLs can be fetched"
    if parts.username or parts.password:
        return "URLs with credentials are refused"
    try:
        infos = socket.getaddrinfo(parts.hostname, port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return "host does not resolve"
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            return f"host resolves to a non-public address ({ip})"
    return None
