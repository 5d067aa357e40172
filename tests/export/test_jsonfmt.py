"""Tests for engine.export.jsonfmt: the record as stable, pretty, round-trippable JSON."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from engine.export.jsonfmt import dossier_json
from engine.models.dossier import DossierRecord
from tests.export.test_export import hostile_record, make_record


def test_json_round_trips_to_the_same_record() -> None:
    for record in (make_record(), hostile_record()):
        assert DossierRecord.model_validate(json.loads(dossier_json(record))) == record


def test_json_uses_stored_key_names() -> None:
    data = json.loads(dossier_json(make_record()))
    assert "copy" in data and "copy_" not in data
    assert data["copy"]["contacts"][0]["name"] == "Sylvain Goyette"
    assert data["created_at"] == "2026-11-20T09:30:00Z"
    assert data["sources"][0]["tier"] == "NEWS"


def test_json_is_indented_in_record_order_and_ends_with_a_newline() -> None:
    out = dossier_json(make_record())
    assert out.startswith('{\n  "dossier_id": ')
    assert out.endswith("}\n")
    fields = DossierRecord.model_fields.items()
    assert list(json.loads(out)) == [f.alias or name for name, f in fields]
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"


def test_json_keeps_non_ascii_text_readable() -> None:
    out = dossier_json(make_record(target_entity="Société Générale — Zürich 東京"))
    assert "Société Générale — Zürich 東京" in out


def test_two_exports_of_the_same_record_are_identical() -> None:
    record = make_record(enrich_lead={"b": 1, "a": {"y": 2, "x": 3}})
    again = DossierRecord.model_validate(json.loads(dossier_json(record)))
    assert dossier_json(record) == dossier_json(again)


@given(
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=80),
    st.integers(min_value=0, max_value=100),
)
def test_any_text_and_score_round_trip(text: str, score: int) -> None:
    data = make_record().model_dump(mode="json")
    data["sections"]["INTRO"]["sentences"][0]["text"] = text
    data["find_lead"]["the_angle"] = text
    data["lead_score"] = score
    record = DossierRecord.model_validate(data)
    assert DossierRecord.model_validate_json(dossier_json(record)) == record
