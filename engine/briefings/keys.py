"""The dedup keys of intel briefings: pure normalization of domains, LinkedIn URLs and names.

A briefing is upserted on a key built from these forms (seed 001, "Service Layer"): a company
briefing on (org, company domain, client name), a person briefing on (org, person name, current
company name, client name). Each part is stored normalized, an absent part as "" (SQL NULLs never
collide, so a NULL key part would let duplicates in).

- `normalize_domain`: the host of a domain, URL or e-mail address, lower case, without port,
  userinfo, trailing dot or leading `www.` (repeated, but never down to a bare TLD: `www.com`
  stays). Only `www.` is dropped: `www2.` or `ww.` may be real hosts. Unicode hosts are encoded to
  punycode with Python's `idna` codec (IDNA 2003 with nameprep), so a key is always ASCII and one
  spelling: `bücher.de` and `xn--bcher-kva.de` are one key. The registrable domain is not taken
  (`sub.acme.co.uk` stays). A value that is not a plausible host raises `InvalidInput`.
- `normalize_linkedin_url`: the merge's LinkedIn key (`engine.merge.contact_graph`, so the merge
  and the briefings agree on what one profile is), plus schemeless `//` URLs, one profile behind
  its locale and section pages (`/in/jane/en`, `/in/jane/details/experience`), NFC slugs, and a
  canonical `https://www.linkedin.com/...` form. A non-LinkedIn URL raises `InvalidInput`.
- `display_name` / `key_name`: the stored and the key form of a name (`engine.models.names`).
"""

from __future__ import annotations

import re
import unicodedata

from engine.merge.contact_graph import normalize_linkedin
from engine.models.claims import InvalidInput
from engine.models.names import display_form, name_key, shorten

HOST_MAX = 253
LABEL_MAX = 63
LINKEDIN_HOST = "linkedin.com"
LINKEDIN_CANONICAL = "https://www.linkedin.com/"
# LinkedIn pages named by one slug; what follows the slug (locale, section) is the same page.
LINKEDIN_SLUG_PAGES = ("in", "company", "school", "showcase")

_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://")
_AUTHORITY_END = re.compile(r"[/?#\\]")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_WHITESPACE = re.compile(r"\s")


def _not_a_domain(value: str, reason: str) -> InvalidInput:
    return InvalidInput(f"{shorten(value)!r} is not a domain: {reason}")


def _host_part(value: str, text: str) -> str:
    """The host written in `text` (lower case, NFKC): no scheme, path, userinfo or port."""
    text = text.removeprefix("mailto:")
    scheme = _SCHEME.match(text)
    if scheme:
        text = text[scheme.end() :]
    else:
        text = text.removeprefix("//")
    authority = _AUTHORITY_END.split(text, maxsplit=1)[0]
    host, colon, port = authority.rpartition("@")[2].partition(":")
    if colon and port and not port.isdigit():
        raise _not_a_domain(value, f"bad port {shorten(port)!r}")
    return host


def _ascii_host(value: str, host: str) -> str:
    """The host as ASCII: a Unicode host encoded to punycode by the `idna` codec."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise _not_a_domain(value, f"not a valid international host ({error})") from None


def _check_host(value: str, host: str) -> None:
    """InvalidInput unless `host` is a plausible domain name."""
    if not host:
        raise _not_a_domain(value, "no host in it")
    if _WHITESPACE.search(host):
        raise _not_a_domain(value, "it holds a space")
    if len(host) > HOST_MAX:
        raise _not_a_domain(value, f"longer than {HOST_MAX} characters")
    labels = host.split(".")
    if len(labels) < 2:
        raise _not_a_domain(value, "no dot in it")
    for label in labels:
        if not label:
            raise _not_a_domain(value, "an empty label (two dots in a row)")
        if len(label) > LABEL_MAX:
            raise _not_a_domain(value, f"a label longer than {LABEL_MAX} characters")
        if not _LABEL.match(label):
            raise _not_a_domain(
                value, f"label {shorten(label)!r} is not letters, digits and inner hyphens"
            )
    if labels[-1].isdigit():
        raise _not_a_domain(value, "an IP address, not a domain")


def normalize_domain(value: str | None) -> str:
    """The key form of a company domain, URL or e-mail address; "" if absent."""
    if value is None or not value.strip():
        return ""
    text = unicodedata.normalize("NFKC", value).strip().lower()
    host = _ascii_host(value, _host_part(value, text)).rstrip(".")
    while host.startswith("www.") and "." in host[len("www.") :]:
        host = host[len("www.") :]
    _check_host(value, host)
    return host


def _not_linkedin(value: str, reason: str) -> InvalidInput:
    return InvalidInput(f"{shorten(value)!r} is not a LinkedIn URL: {reason}")


def normalize_linkedin_url(value: str | None) -> str | None:
    """The key form of a LinkedIn URL: `https://www.linkedin.com/in/<slug>`; None if absent."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.startswith("//"):
        text = text[2:]
    key = normalize_linkedin(text)
    if key is None:
        raise _not_linkedin(value, "no host in it")
    host, _, path = key.partition("/")
    if host != LINKEDIN_HOST:
        raise _not_linkedin(value, f"host {shorten(host)!r}")
    segments = [unicodedata.normalize("NFC", part) for part in path.split("/") if part]
    if not segments:
        raise _not_linkedin(value, "no page in it")
    if segments[0] in LINKEDIN_SLUG_PAGES:
        if len(segments) < 2:
            raise _not_linkedin(value, f"no name after /{segments[0]}/")
        segments = segments[:2]
    path = "/".join(segments)
    if _WHITESPACE.search(path):
        raise _not_linkedin(value, "a space in its path")
    return LINKEDIN_CANONICAL + path


def display_name(value: str | None) -> str | None:
    """The stored form of a name: NFKC, whitespace collapsed, stripped; None if blank."""
    if value is None:
        return None
    return display_form(value) or None


def key_name(value: str | None) -> str:
    """The key form of a person, company or client name: its `name_key`; "" if absent."""
    return "" if value is None else name_key(value)


def client_domain(value: str | None) -> str:
    """A client's web domain as typed (a URL or an e-mail address will do), in key form."""
    try:
        return normalize_domain(value)
    except InvalidInput as exc:
        raise InvalidInput(f"client domain: {exc}") from None
