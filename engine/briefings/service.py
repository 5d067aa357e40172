"""Upsert intel briefings (seed 001's service layer, adapted to the Store).

The seed's upserts, with its keyword signatures (the Store comes first):
`upsert_icp_job_titles`, `upsert_company_intel_briefing`, `upsert_person_intel_briefing`, and
`upsert_many` for a batch in one transaction; the three `query_*` are in queries.py. Before a
key is built its parts are normalized (engine.briefings.keys): domains (a URL or an e-mail
address yields its host), LinkedIn URLs (one key per profile), and names (NFKC, whitespace and
case). Display values are stored as given (cleaned of extra
whitespace). A missing key part is '' in the key, so it dedups like any value.

An upsert on an existing key updates the row and `updated_at` and keeps `id` and
`created_at`. Bad input (no domain, a domain that is not one, raw output that is not a JSON
object) raises InvalidInput naming it; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from engine.briefings.keys import display_name, key_name, normalize_domain, normalize_linkedin_url
from engine.models import InvalidInput
from engine.models.briefings import (
    CompanyIntelBriefing,
    IcpJobTitles,
    PersonIntelBriefing,
)
from engine.store import Store
from engine.store.briefings import BriefingKind


def domain_key(value: str | None, what: str) -> str:
    try:
        return normalize_domain(value)
    except ValueError as exc:
        raise InvalidInput(f"{what}: {exc}") from None


def linkedin_key(value: str | None) -> str | None:
    try:
        return normalize_linkedin_url(value)
    except ValueError as exc:
        raise InvalidInput(f"person_linkedin_url: {exc}") from None


def _raw(raw_output: object) -> dict[str, Any]:
    if not isinstance(raw_output, Mapping):
        kind = type(raw_output).__name__
        raise InvalidInput(f"raw_output must be a JSON object (a dict), got {kind}")
    return dict(raw_output)


def _provenance(
    raw_output: object,
    provider_call_id: str | None = None,
    processor: str | None = None,
    source_run_id: str | None = None,
    source_step_id: str | None = None,
) -> dict[str, Any]:
    return {
        "raw_output": _raw(raw_output),
        "provider_call_id": provider_call_id,
        "processor": processor,
        "source_run_id": source_run_id,
        "source_step_id": source_step_id,
    }


def upsert_icp_job_titles(
    store: Store,
    *,
    org_id: str,
    company_domain: str,
    company_name: str | None = None,
    company_description: str | None = None,
    raw_output: dict[str, Any],
    provider_call_id: str | None = None,
    processor: str | None = None,
    source_run_id: str | None = None,
    source_step_id: str | None = None,
) -> IcpJobTitles:
    """Store the ICP job titles of one client company (one row per org and domain)."""
    values = _icp_values(
        company_domain=company_domain,
        company_name=company_name,
        company_description=company_description,
        raw_output=raw_output,
        provider_call_id=provider_call_id,
        processor=processor,
        source_run_id=source_run_id,
        source_step_id=source_step_id,
    )
    return cast(IcpJobTitles, store.upsert_briefing("icp", org_id, values))


def _icp_values(
    *,
    company_domain: str,
    company_name: str | None = None,
    company_description: str | None = None,
    raw_output: object,
    **provenance: str | None,
) -> dict[str, Any]:
    domain = domain_key(company_domain, "company_domain")
    if not domain:
        raise InvalidInput("company_domain is required for ICP job titles")
    return {
        "company_domain": domain,
        "company_name": display_name(company_name),
        "company_description": company_description,
        **_provenance(raw_output, **provenance),
    }


def upsert_company_intel_briefing(
    store: Store,
    *,
    org_id: str,
    company_domain: str,
    company_name: str | None = None,
    client_company_name: str | None = None,
    client_company_description: str | None = None,
    raw_output: dict[str, Any],
    provider_call_id: str | None = None,
    processor: str | None = None,
    source_run_id: str | None = None,
    source_step_id: str | None = None,
) -> CompanyIntelBriefing:
    """Store a target company's briefing through one client's lens (one row per both)."""
    values = _company_values(
        company_domain=company_domain,
        company_name=company_name,
        client_company_name=client_company_name,
        client_company_description=client_company_description,
        raw_output=raw_output,
        provider_call_id=provider_call_id,
        processor=processor,
        source_run_id=source_run_id,
        source_step_id=source_step_id,
    )
    return cast(CompanyIntelBriefing, store.upsert_briefing("company", org_id, values))


def _company_values(
    *,
    company_domain: str,
    company_name: str | None = None,
    client_company_name: str | None = None,
    client_company_description: str | None = None,
    raw_output: object,
    **provenance: str | None,
) -> dict[str, Any]:
    domain = domain_key(company_domain, "company_domain")
    if not domain:
        raise InvalidInput("company_domain is required for a company intel briefing")
    return {
        "company_domain": domain,
        "company_name": display_name(company_name),
        "client_company_name": display_name(client_company_name),
        "client_key": key_name(client_company_name),
        "client_company_description": client_company_description,
        **_provenance(raw_output, **provenance),
    }


def upsert_person_intel_briefing(
    store: Store,
    *,
    org_id: str,
    person_full_name: str,
    person_linkedin_url: str | None = None,
    person_current_company_name: str | None = None,
    person_current_job_title: str | None = None,
    client_company_name: str | None = None,
    client_company_description: str | None = None,
    customer_company_name: str | None = None,
    raw_output: dict[str, Any],
    provider_call_id: str | None = None,
    processor: str | None = None,
    source_run_id: str | None = None,
    source_step_id: str | None = None,
) -> PersonIntelBriefing:
    """Store one person's briefing through one client's lens (one row per name, company, lens)."""
    values = _person_values(
        person_full_name=person_full_name,
        person_linkedin_url=person_linkedin_url,
        person_current_company_name=person_current_company_name,
        person_current_job_title=person_current_job_title,
        client_company_name=client_company_name,
        client_company_description=client_company_description,
        customer_company_name=customer_company_name,
        raw_output=raw_output,
        provider_call_id=provider_call_id,
        processor=processor,
        source_run_id=source_run_id,
        source_step_id=source_step_id,
    )
    return cast(PersonIntelBriefing, store.upsert_briefing("person", org_id, values))


def _person_values(
    *,
    person_full_name: str,
    person_linkedin_url: str | None = None,
    person_current_company_name: str | None = None,
    person_current_job_title: str | None = None,
    client_company_name: str | None = None,
    client_company_description: str | None = None,
    customer_company_name: str | None = None,
    raw_output: object,
    **provenance: str | None,
) -> dict[str, Any]:
    name = display_name(person_full_name)
    if not name:
        raise InvalidInput("person_full_name is required for a person intel briefing")
    return {
        "person_full_name": name,
        "person_key": key_name(name),
        "person_linkedin_url": linkedin_key(person_linkedin_url),
        "person_current_company_name": display_name(person_current_company_name),
        "company_key": key_name(person_current_company_name),
        "person_current_job_title": display_name(person_current_job_title),
        "client_company_name": display_name(client_company_name),
        "client_key": key_name(client_company_name),
        "client_company_description": client_company_description,
        "customer_company_name": display_name(customer_company_name),
        **_provenance(raw_output, **provenance),
    }


_VALUES: dict[str, Callable[..., dict[str, Any]]] = {
    "icp": _icp_values,
    "company": _company_values,
    "person": _person_values,
}


def upsert_many(
    store: Store, kind: BriefingKind, *, org_id: str, briefings: Iterable[Mapping[str, Any]]
) -> tuple[int, int]:
    """Upsert many briefings of one kind in one transaction; return (inserted, updated).

    Each item holds the keyword arguments of that kind's `upsert_*` (without the store and
    org). Every item is checked before anything is written: one bad item writes nothing.
    """
    build = _VALUES[kind]
    batch = []
    for index, item in enumerate(briefings):
        try:
            batch.append(build(**item))
        except InvalidInput as exc:
            raise InvalidInput(f"briefing #{index}: {exc}") from None
        except TypeError as exc:
            raise InvalidInput(f"briefing #{index}: {exc}") from None
    return store.upsert_briefings(kind, org_id, batch)


__all__ = [
    "upsert_many",
    "upsert_company_intel_briefing",
    "upsert_icp_job_titles",
    "upsert_person_intel_briefing",
]
