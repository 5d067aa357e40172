"""Query intel briefings (seed 001): filters as the seed lists them, newest first, paged.

Company briefings by target domain and/or client lens; person briefings by LinkedIn URL,
current company and/or client; ICP job titles by the client company's domain. Filters are
normalized like the keys (a URL or an e-mail address as a domain, any spelling of a LinkedIn
profile, a name in any case or width). A filter given as None is no filter; a blank client or
company name finds the rows without one. `limit` is 1-1,000 (default 100) and `offset` >= 0;
anything else raises InvalidInput. A query never returns another org's rows.
"""

from __future__ import annotations

from typing import cast

from engine.briefings.keys import key_name
from engine.briefings.service import domain_key, linkedin_key
from engine.models import InvalidInput
from engine.models.briefings import (
    QUERY_LIMIT_DEFAULT,
    QUERY_LIMIT_MAX,
    CompanyIntelBriefing,
    IcpJobTitles,
    PersonIntelBriefing,
)
from engine.store import Store


def _page(limit: object, offset: object) -> tuple[int, int]:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= QUERY_LIMIT_MAX:
        raise InvalidInput(
            f"limit must be a whole number from 1 to {QUERY_LIMIT_MAX}, got {limit!r}"
        )
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise InvalidInput(f"offset must be a whole number of 0 or more, got {offset!r}")
    return limit, offset


def _name_filter(value: str | None) -> str | None:
    return None if value is None else key_name(value)


def _filters(**given: str | None) -> dict[str, str]:
    return {column: value for column, value in given.items() if value is not None}


def query_icp_job_titles(
    store: Store,
    *,
    org_id: str,
    company_domain: str | None = None,
    limit: int = QUERY_LIMIT_DEFAULT,
    offset: int = 0,
) -> list[IcpJobTitles]:
    """The org's ICP job titles, for one client domain if given, newest first."""
    limit, offset = _page(limit, offset)
    domain = None if company_domain is None else domain_key(company_domain, "company_domain")
    rows = store.query_briefings(
        "icp", org_id, _filters(company_domain=domain), limit=limit, offset=offset
    )
    return cast(list[IcpJobTitles], rows)


def query_company_intel_briefings(
    store: Store,
    *,
    org_id: str,
    company_domain: str | None = None,
    client_company_name: str | None = None,
    limit: int = QUERY_LIMIT_DEFAULT,
    offset: int = 0,
) -> list[CompanyIntelBriefing]:
    """The org's company briefings, by target domain and/or client lens, newest first."""
    limit, offset = _page(limit, offset)
    domain = None if company_domain is None else domain_key(company_domain, "company_domain")
    filters = _filters(company_domain=domain, client_key=_name_filter(client_company_name))
    rows = store.query_briefings("company", org_id, filters, limit=limit, offset=offset)
    return cast(list[CompanyIntelBriefing], rows)


def query_person_intel_briefings(
    store: Store,
    *,
    org_id: str,
    person_linkedin_url: str | None = None,
    person_current_company_name: str | None = None,
    client_company_name: str | None = None,
    limit: int = QUERY_LIMIT_DEFAULT,
    offset: int = 0,
) -> list[PersonIntelBriefing]:
    """The org's person briefings, by LinkedIn URL, current company and/or client, newest first."""
    limit, offset = _page(limit, offset)
    linkedin = None if person_linkedin_url is None else linkedin_key(person_linkedin_url)
    if person_linkedin_url is not None and linkedin is None:
        raise InvalidInput("person_linkedin_url filter is blank; leave it out to list everyone")
    filters = _filters(
        person_linkedin_url=linkedin,
        company_key=_name_filter(person_current_company_name),
        client_key=_name_filter(client_company_name),
    )
    rows = store.query_briefings("person", org_id, filters, limit=limit, offset=offset)
    return cast(list[PersonIntelBriefing], rows)
