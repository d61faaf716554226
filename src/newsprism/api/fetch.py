"""Opt-in page fetching for `POST /api/fetch`: off unless the server was started with it enabled.

A fetcher on a server is an SSRF risk: it could be pointed at the host's own admin ports or a cloud
metadata address. Every URL, and every redirect target, must resolve to public addresses only
(`guard.check_fetch_url`); redirects are followed by hand so each hop is checked; bodies are capped.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from .guard import check_fetch_url

MAX_REDIRECTS = 3
TIMEOUT_S = 15.0


def refused(urls: list[str]) -> dict[str, str]:
    """URL -> why it may not be fetched, for each refused URL."""
    return {u: why for u in urls if (why := check_fetch_url(u))}


def fetch_to_jsonl(urls: list[str], folder: Path, max_bytes: int) -> int:
    """Fetch each URL into one JSONL line ({"url", "html"} or an error line ingest will record)."""
    import httpx

    lines = []
    with httpx.Client(follow_redirects=False, timeout=TIMEOUT_S, headers={"User-Agent": "newsprism"}) as client:
        for url in urls:
            try:
                lines.append({"url": url, "html": _get(client, url, max_bytes)})
            except (httpx.HTTPError, ValueError) as exc:
                lines.append({"url": url, "fetch_error": str(exc)})
    (folder / "fetched.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    return len(lines)


def _get(client, url: str, max_bytes: int) -> str:
    for _ in range(MAX_REDIRECTS + 1):
        why = check_fetch_url(url)
        if why:
            raise ValueError(f"refused {url}: {why}")
        with client.stream("GET", url) as resp:
            if resp.is_redirect and "location" in resp.headers:
                url = urljoin(url, resp.headers["location"])
                continue
            resp.raise_for_status()
            body = bytearray()
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise ValueError(f"{url}: page larger than {max_bytes} bytes")
            return body.decode(resp.encoding or "utf-8", errors="replace")
    raise ValueError(f"{url}: too many redirects")
