"""Bytes to text, and what kind of text it is.

Scraped files carry every charset the web ever used, often mislabelled. Order of trust:
a byte-order mark, then "is this valid UTF-8?" (legacy single-byte text almost never is, while
UTF-8 pages labelled latin-1 are common), then the charset the page declares, then
charset-normalizer's guess. Declared names are mapped the way browsers map them (latin-1 means
windows-1252, shift_jis means cp932, gb2312 means gb18030). Binary input (NUL bytes, PDF or image
magic numbers) is refused here with a reason, before any parser sees it.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub?)"),
    (b"\x1f\x8b", "gzip data that was not decompressed"),
    (b"RIFF", "RIFF media (webp/wav/avi)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "executable"),
)

# What browsers actually use for the labels pages declare (WHATWG encoding standard).
_BROWSER_ALIASES = {
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.I,
)


@dataclass
class Decoded:
    text: str = ""
    encoding: str | None = None
    error: str | None = None


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _BROWSER_ALIASES.get(name, name)


def declared_charset(head: bytes) -> str | None:
    """Charset named by a <meta> tag or an XML declaration in the first bytes, as a codec name."""
    match = _DECLARED.search(head)
    if not match:
        return None
    return _codec((match.group(1) or match.group(2)).decode("ascii", "ignore"))


def _utf16_without_bom(head: bytes) -> str | None:
    """Mostly-ASCII UTF-16 has a NUL in every other byte; tell which half to call it text."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 16:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text (magic number or NUL bytes), or None when it looks like text."""
    start = data.lstrip()[:16]
    for magic, what in _MAGIC:
        if start.startswith(magic):
            return f"binary input: {what}"
    head = data[:4096]
    if b"\x00" in head and not _utf16_without_bom(head) and not any(data.startswith(b) for b, _ in _BOMS):
        return "binary input: NUL bytes"
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    # A sample is enough to name the charset and keeps huge pages fast.
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    codec = _codec(best.encoding) or best.encoding
    text = _strict(data, codec)
    return (text, codec) if text is not None else None


def decode(content: bytes | str, max_bytes: int) -> Decoded:
    """Text of `content` with the charset used, or an error reason (empty, binary, too large)."""
    size = len(content)
    if size > max_bytes:
        return Decoded(error=f"too large: {size:,} bytes > limit {max_bytes:,}")
    if isinstance(content, str):
        text = content.lstrip("\ufeff")
        if "\x00" in text[:4096]:
            return Decoded(error="binary input: NUL characters")
        return Decoded(text=text, encoding="str") if text.strip() else Decoded(error="empty document")
    if not content.strip():
        return Decoded(error="empty document" if not content else "whitespace-only document")
    reason = binary_reason(content)
    if reason:
        return Decoded(error=reason)
    for bom, codec in _BOMS:
        if content.startswith(bom):
            return _checked(content.decode(codec, "replace"), codec)
    utf16 = _utf16_without_bom(content[:4096])
    if utf16:
        return _checked(content.decode(utf16, "replace"), utf16)
    text = _strict(content, "utf-8")
    if text is not None:
        return _checked(text, "utf-8")
    declared = declared_charset(content[:4096])
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        text = _strict(content, declared)
        if text is not None:
            return _checked(text, declared)
    guessed = _guess(content)
    if guessed:
        return _checked(*guessed)
    return _checked(content.decode("utf-8", "replace"), "utf-8 (with replacement characters)")


def _checked(text: str, encoding: str) -> Decoded:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return Decoded(error="whitespace-only document")
    return Decoded(text=text, encoding=encoding)


_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|span|a\s|br|table|section)\b", re.I
)


def looks_like_html(text: str) -> bool:
    """True when the start of `text` is markup rather than prose with a stray angle bracket."""
    head = text[:8192]
    stripped = head.lstrip()
    if stripped[:15].lower().startswith(("<!doctype html", "<html", "<?xml")):
        return True
    return len(_HTML_HINT.findall(head)) >= 3
