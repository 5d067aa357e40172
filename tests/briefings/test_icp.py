"""ICP job titles from the client's own words: listed buyers, ranked, nothing invented."""

from __future__ import annotations

import pytest

from engine.briefings.icp import icp_job_titles
from engine.demo import demo_clients
from engine.models import Client


def client(**fields: str) -> Client:
    values = {"name": "Voltline", "description": "Electrical contractor.", **fields}
    return Client.model_validate(values)


def test_the_demo_clients_buyers_are_read_in_order_and_ranked() -> None:
    northway = next(c for c in demo_clients() if c.name.startswith("Northway"))
    out = icp_job_titles(northway, domain="northway.example")
    assert [t.title for t in out.job_titles] == [
        "VP Projects",
        "Construction Manager",
        "Director of Procurement",
        "Site Services Manager",
    ]
    assert {t.source_field for t in out.job_titles} == {"icp"}
    assert out.job_titles[2].why.startswith("Runs procurement")
    assert out.company_name == northway.name and out.company_domain == "northway.example"
    assert out.notes == []


@pytest.mark.parametrize(
    ("icp", "titles"),
    [
        (
            "Utilities. Buyers: VP Health, Safety and Environment; Director of Research and "
            "Development and the CFO. Other text.",
            ["VP Health, Safety and Environment", "Director of Research and Development", "CFO"],
        ),
        (
            "Decision makers: Plant Manager or Maintenance Lead.",
            ["Plant Manager", "Maintenance Lead"],
        ),
        (
            "Buyers: the general contractor's project manager.",
            ["General contractor's project manager"],
        ),
        ("Job titles: Site Superintendent / Estimator", ["Site Superintendent", "Estimator"]),
    ],
)
def test_listed_titles_are_split_where_a_new_role_starts(icp: str, titles: list[str]) -> None:
    assert [t.title for t in icp_job_titles(client(icp=icp)).job_titles] == titles


def test_titles_are_deduplicated_across_fields_and_ranked_by_title() -> None:
    out = icp_job_titles(
        client(
            icp="Buyers: Director of Procurement, Office Coordinator.",
            services="Sold to: nobody. Buyers: director of procurement, CEO.",
        )
    )
    assert [(t.title, t.priority, t.source_field) for t in out.job_titles] == [
        ("Director of Procurement", "HIGH", "icp"),
        ("Office Coordinator", "LOW", "icp"),
        ("CEO", "HIGH", "services"),
    ]


def test_a_client_that_names_no_buyer_gets_no_titles_and_a_note() -> None:
    out = icp_job_titles(client(icp="Mid-size utilities in Alberta building substations."))
    assert out.job_titles == []
    assert out.notes and "name no buyer titles" in out.notes[0]
