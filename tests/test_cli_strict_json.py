"""`workbench merge` reads its JSON strictly: repeated keys, huge numbers and far dates exit 2.

Each refusal is one line on stderr naming the file, the claim (index and id) and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from tests.test_cli import claim


def merge(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["merge", "--claims", str(path), *extra])
    err = capsys.readouterr().err
    return code, err


def test_an_integer_of_thousands_of_digits_is_refused_naming_the_claim_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = json.dumps([claim("doc_001"), claim("doc_002")])[:-2]
    path = tmp_path / "claims.json"
    path.write_text(head + ', "value": ' + "7" * 5000 + "}]", encoding="utf-8")
    code, err = merge(path, capsys)
    assert code == 2
    assert err.count("\n") == 1
    assert "claims.json" in err
    assert "claim #1" in err and "'doc_002'" in err and "'value'" in err
    assert "5,000 digits" in err


def test_a_long_float_and_an_overflowing_exponent_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.json"
    for number, fragment in (("0." + "3" * 500, "digits"), ("1e999999", "out of range")):
        text = json.dumps([claim("doc_001", value="x")]).replace('"x"', number)
        path.write_text(text, encoding="utf-8")
        code, err = merge(path, capsys)
        assert code == 2 and fragment in err and "'value'" in err, err


def test_a_key_repeated_in_a_claim_is_refused_naming_the_key_and_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.json"
    text = json.dumps([claim("doc_001"), claim("doc_002")])
    text = text.replace('"statement": "Fact doc_002."', '"statement": "A.", "statement": "B."')
    path.write_text(text, encoding="utf-8")
    code, err = merge(path, capsys)
    assert code == 2 and err.count("\n") == 1
    assert "duplicate key 'statement'" in err
    assert "claim #1" in err and "'doc_002'" in err


def test_a_key_repeated_in_a_nested_object_names_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.json"
    text = json.dumps([claim("doc_001", person={"name": "Ann"})])
    path.write_text(text.replace('"name": "Ann"', '"name": "Ann", "name": "Bo"'), "utf-8")
    code, err = merge(path, capsys)
    assert code == 2
    assert "duplicate key 'name'" in err and "'person'" in err and "'doc_001'" in err


def test_nan_is_not_json_and_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "claims.json"
    path.write_text(json.dumps([claim("doc_001", value="x")]).replace('"x"', "NaN"), "utf-8")
    code, err = merge(path, capsys)
    assert code == 2 and "NaN" in err and "'value'" in err


def test_the_reviews_file_is_read_as_strictly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps([claim("doc_001"), claim("doc_002")]), "utf-8")
    reviews = tmp_path / "reviews.json"
    reviews.write_text(
        '[{"review_id": "rev-1", "decision": "REJECT", "decision": "PICK_VALUE",'
        ' "claim_ids": ["doc_001"]}]',
        "utf-8",
    )
    code, err = merge(claims, capsys, "--reviews", str(reviews))
    assert code == 2
    assert "reviews.json" in err and "duplicate key 'decision'" in err and "'rev-1'" in err


@pytest.mark.parametrize("field", ["date_in_claim", "reported_on"])
@pytest.mark.parametrize("day", ["9999-12-15", "1899-12-31", "2101-01-01"])
def test_a_date_outside_1900_to_2100_is_refused_naming_the_claim_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, day: str
) -> None:
    fields = {"subject": "Acme", "attribute": "construction_start", "value": "December 9999"}
    path = tmp_path / "claims.json"
    path.write_text(json.dumps([claim("doc_001", **fields, **{field: day})]), "utf-8")
    code, err = merge(path, capsys)
    assert code == 2, err
    assert err.count("\n") == 1
    assert "'doc_001'" in err and f"'{field}'" in err and "1900" in err


def test_dates_at_the_edges_of_the_range_merge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = [
        claim("doc_001", subject="Acme", attribute="construction_start", date_in_claim=day)
        | {"value": day, "reported_on": day}
        for day in ("1900-01-01", "2100-12-31")
    ]
    claims[1]["claim_id"] = "doc_002"
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(claims), "utf-8")
    code, err = merge(path, capsys)
    assert code == 0, err
