"""Dedup keys of intel briefings: domains, LinkedIn URLs, names (engine/briefings/keys.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.briefings.keys import display_name, key_name, normalize_domain, normalize_linkedin_url
from engine.merge.contact_graph import normalize_linkedin

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LDH = _LETTERS + "0123456789-"

_labels = st.text(alphabet=_LDH, min_size=1, max_size=20).filter(
    lambda label: not label.startswith("-") and not label.endswith("-")
)
_tlds = st.text(alphabet=_LETTERS, min_size=2, max_size=6)
domains = st.builds(
    lambda labels, tld: ".".join([*labels, tld]), st.lists(_labels, min_size=1, max_size=3), _tlds
)
_unicode_labels = st.text(
    alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Lo", "Nd")), min_size=1, max_size=12
)
written_hosts = st.one_of(
    domains,
    st.builds(lambda label, d: f"{label}.{d}", _unicode_labels, domains),
)


@st.composite
def written_domains(draw: st.DrawFn) -> str:
    """A domain as people write it: scheme, userinfo, www., case, port, path, trailing dot."""
    host = draw(written_hosts)
    host = draw(st.sampled_from(["", "www.", "WWW.", "www.www."])) + host
    host = draw(st.sampled_from([host, host.upper(), host.title()]))
    host += draw(st.sampled_from(["", ".", ":8080"]))
    prefix = draw(st.sampled_from(["", "https://", "http://", "//", "mailto:jane@", "u:pw@"]))
    suffix = draw(st.sampled_from(["", "/", "/about?x=1", "#top", "?q"]))
    return f"{prefix}{host}{suffix}"


@pytest.mark.parametrize(
    "value",
    [
        "acme.com",
        "ACME.COM",
        " https://www.acme.com/about?x=1 ",
        "http://acme.com:8080",
        "www.acme.com.",
        "jane.doe@acme.com",
        "mailto:jane@acme.com",
        "//acme.com/x",
        "https://user:pw@www.Acme.com",
        "acme.com/path?x#y",
        "ＡＣＭＥ．ｃｏｍ",
        "www.www.acme.com",
        "mailto:jane@acme.com?subject=hi",
    ],
)
def test_domain_spellings_give_one_key(value: str) -> None:
    assert normalize_domain(value) == "acme.com"


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("sub.acme.co.uk", "sub.acme.co.uk"),
        ("www2.acme.com", "www2.acme.com"),
        ("www.com", "www.com"),
        ("https://Bücher.de/", "xn--bcher-kva.de"),
        ("xn--bcher-kva.de", "xn--bcher-kva.de"),
    ],
)
def test_domain_keeps_what_is_not_decoration(value: str, key: str) -> None:
    assert normalize_domain(value) == key


@pytest.mark.parametrize("value", [None, "", "   "])
def test_absent_domain_is_empty(value: str | None) -> None:
    assert normalize_domain(value) == ""


@pytest.mark.parametrize(
    "value",
    [
        "not a domain",
        "acme",
        "-acme.com",
        "acme-.com",
        "a..com",
        "a" * 300 + ".com",
        "a" * 64 + ".com",
        "http://",
        "jane@",
        "acme_corp.com",
        "acme.com:http",
        "10.0.0.1",
    ],
)
def test_implausible_domains_raise(value: str) -> None:
    with pytest.raises(ValueError, match="is not a domain"):
        normalize_domain(value)


def test_domain_error_quotes_a_long_value_cut() -> None:
    with pytest.raises(ValueError) as raised:
        normalize_domain("a" * 300 + ".com")
    assert "a" * 60 + "…" in str(raised.value)
    assert "a" * 61 not in str(raised.value)


@given(written_domains())
def test_domain_key_is_idempotent(value: str) -> None:
    try:
        key = normalize_domain(value)
    except ValueError:
        return
    assert key.isascii()
    assert normalize_domain(key) == key


@given(domains)
def test_decorated_domain_gives_the_domain_key(domain: str) -> None:
    assert normalize_domain("https://www." + domain.upper() + "/x") == normalize_domain(domain)


PROFILE = "https://www.linkedin.com/in/jane-doe"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane-doe",
        "https://www.linkedin.com/in/jane-doe/",
        "http://linkedin.com/in/Jane-Doe",
        "linkedin.com/in/jane-doe",
        "//www.linkedin.com/in/jane-doe",
        "https://uk.linkedin.com/in/jane-doe?trk=public_profile",
        "https://m.linkedin.com/in/jane-doe#about",
        "HTTPS://WWW.LINKEDIN.COM/IN/JANE-DOE/",
        "https://www.linkedin.com/in/jane-doe/en",
        "https://www.linkedin.com/in/jane-doe/details/experience/",
        "https://www.linkedin.com/in/jane%2Ddoe",
        "  www.linkedin.com/in/jane-doe  ",
    ],
)
def test_linkedin_spellings_give_one_key(url: str) -> None:
    assert normalize_linkedin_url(url) == PROFILE


def test_linkedin_slug_is_percent_decoded_whatever_the_escape_case() -> None:
    keys = {
        normalize_linkedin_url("https://de.linkedin.com/in/j%C3%BCrgen-m%C3%BCller/"),
        normalize_linkedin_url("https://www.linkedin.com/in/J%c3%bcrgen-M%c3%bcller"),
        normalize_linkedin_url("linkedin.com/in/jürgen-müller"),
        normalize_linkedin_url("linkedin.com/in/ju\u0308rgen-mu\u0308ller"),
    }
    assert keys == {"https://www.linkedin.com/in/jürgen-müller"}


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/company/acme",
        "linkedin.com/company/Acme/",
        "https://uk.linkedin.com/company/acme/about/?viewAsMember=true",
    ],
)
def test_linkedin_company_page_keeps_its_kind(url: str) -> None:
    assert normalize_linkedin_url(url) == "https://www.linkedin.com/company/acme"


@pytest.mark.parametrize("value", [None, "", "  "])
def test_absent_linkedin_url_is_none(value: str | None) -> None:
    assert normalize_linkedin_url(value) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/in/jane-doe",
        "https://linkedin.com.evil.example/in/jane-doe",
        "https://notlinkedin.com/in/jane-doe",
        "https://",
        "https://www.linkedin.com/",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/in/jane%20doe",
    ],
)
def test_not_a_linkedin_profile_raises(url: str) -> None:
    with pytest.raises(ValueError, match="is not a LinkedIn URL"):
        normalize_linkedin_url(url)


_slugs = st.text(alphabet=_LDH + "äöüé", min_size=1, max_size=30)


@given(_slugs, st.sampled_from(["", "/", "/en", "?trk=x", "#a"]))
def test_linkedin_key_is_idempotent_and_agrees_with_the_merge(slug: str, tail: str) -> None:
    url = f"https://uk.linkedin.com/in/{slug.upper()}{tail}"
    key = normalize_linkedin_url(url)
    assert key is not None
    assert normalize_linkedin_url(key) == key
    assert normalize_linkedin(key) == normalize_linkedin(f"linkedin.com/in/{slug}")


@pytest.mark.parametrize(
    ("value", "shown", "key"),
    [
        ("Jane Doe", "Jane Doe", "jane doe"),
        ("  Jane \t  Doe ", "Jane Doe", "jane doe"),
        ("ＪＡＮＥ　ＤＯＥ", "JANE DOE", "jane doe"),
        ("Acme\u00a0Widgets", "Acme Widgets", "acme widgets"),
        ("Straße GmbH", "Straße GmbH", "strasse gmbh"),
    ],
)
def test_name_forms(value: str, shown: str, key: str) -> None:
    assert display_name(value) == shown
    assert key_name(value) == key


@pytest.mark.parametrize("value", [None, "", " \n "])
def test_absent_name_is_none_to_show_and_empty_as_key(value: str | None) -> None:
    assert display_name(value) is None
    assert key_name(value) == ""


@given(st.one_of(st.none(), st.text(max_size=60)))
def test_name_key_is_idempotent(value: str | None) -> None:
    key = key_name(value)
    assert key_name(key) == key
    shown = display_name(value)
    assert key_name(shown) == key
