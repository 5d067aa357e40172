"""The price table: the shipped file, costs, unknown models, snapshots, and bad files named."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.llm.pricing import DEFAULT_PRICES_PATH, ModelPrice, PriceTable
from engine.models import InvalidInput


def test_the_shipped_table_prices_common_models() -> None:
    table = PriceTable.load(environ={})
    assert {"gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"} <= set(table.models)
    assert table.cost("gpt-4o-mini", 1_000_000, 0) == table.price("gpt-4o-mini").input_per_million  # type: ignore[union-attr]
    assert "meant to be edited" in DEFAULT_PRICES_PATH.read_text(encoding="utf-8")


def test_cost_is_per_million_input_and_output_tokens() -> None:
    table = PriceTable({"m": ModelPrice(input_per_million=2.0, output_per_million=8.0)})
    assert table.cost("m", 1_000, 500) == pytest.approx((1_000 * 2.0 + 500 * 8.0) / 1e6)
    assert table.cost("m", 0, 0) == 0.0
    assert table.cost("m", -10, -10) == 0.0


def test_an_unknown_model_costs_nothing_and_is_not_known() -> None:
    table = PriceTable.load(environ={})
    assert table.cost("llama-3-local", 10_000, 10_000) == 0.0
    assert table.known("llama-3-local") is False and table.known("gpt-4o-mini") is True


def test_a_dated_snapshot_is_priced_as_its_model_unless_listed() -> None:
    table = PriceTable(
        {"gpt-4o": ModelPrice(2.5, 10.0), "gpt-4o-2024-05-13": ModelPrice(5.0, 15.0)}
    )
    assert table.price("gpt-4o-2024-08-06") == ModelPrice(2.5, 10.0)
    assert table.price("gpt-4o-2024-05-13") == ModelPrice(5.0, 15.0)
    assert table.known("gpt-4o-mini") is False


def test_the_file_comes_from_the_argument_or_workbench_prices(tmp_path: Path) -> None:
    file = tmp_path / "prices.yaml"
    file.write_text("models:\n  local:\n    input: 0\n    output: 0.5\n", encoding="utf-8")
    assert PriceTable.load(file).models == ["local"]
    assert PriceTable.load(environ={"WORKBENCH_PRICES": str(file)}).models == ["local"]
    assert PriceTable.load(environ={"WORKBENCH_PRICES": "  "}).known("gpt-4o-mini")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("models: [1, 2", "not valid YAML"),
        ("- a list", "mapping 'models"),
        ("models:\n  gpt-x: {input: -1, output: 1}\n", "'gpt-x' input"),
        ("models:\n  gpt-x: {input: 1}\n", "'gpt-x' output"),
        ("models:\n  gpt-x: {input: 1, output: cheap}\n", "'gpt-x' output"),
        ("models:\n  gpt-x: {input: 1, output: .nan}\n", "'gpt-x' output"),
        ("models:\n  gpt-x: {input: 1, output: 2, cached: 0.5}\n", "'gpt-x' cached"),
        ("models:\n  gpt-x: 3\n", "'gpt-x'"),
        ("models: {}\ncurrency: EUR\n", "'currency'"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_entry(
    tmp_path: Path, text: str, named: str
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput) as refused:
        PriceTable.load(file)
    assert str(file) in str(refused.value) and named in str(refused.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        PriceTable.load(tmp_path / "absent.yaml")


@given(
    st.floats(min_value=0, max_value=1_000),
    st.floats(min_value=0, max_value=1_000),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=10**6),
)
def test_cost_is_never_negative_and_grows_with_tokens(
    input_price: float, output_price: float, prompt: int, completion: int, more: int
) -> None:
    table = PriceTable({"m": ModelPrice(input_price, output_price)})
    cost = table.cost("m", prompt, completion)
    assert cost >= 0.0
    assert table.cost("m", prompt + more, completion) >= cost
    assert table.cost("m", prompt, completion + more) >= cost
