"""The editable price table: what a model call costs, in US dollars, from its token counts.

Prices live in `data/llm/prices.yaml` (or the file `WORKBENCH_PRICES` names): per model, USD per
1 million input and output tokens. A model not in the table costs 0.0 (a local server, or a model
nobody priced yet) and `known` says so; a dated snapshot (`gpt-4o-mini-2024-07-18`) falls back to
its model's price. A file that breaks the format is refused naming the file and the entry.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from engine.models import InvalidInput

PRICES_ENV_VAR = "WORKBENCH_PRICES"
DEFAULT_PRICES_PATH = Path(__file__).resolve().parents[2] / "data" / "llm" / "prices.yaml"
TOKENS_PER_PRICE = 1_000_000
SNAPSHOT_SUFFIX = re.compile(r"-\d{4}-\d{2}-\d{2}$")


class _PriceEntry(BaseModel):
    """One model's line of the file: USD per 1M input (prompt) and output (completion) tokens."""

    model_config = ConfigDict(extra="forbid")

    input: float = Field(ge=0.0)
    output: float = Field(ge=0.0)

    @field_validator("input", "output")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value


@dataclass(frozen=True)
class ModelPrice:
    """USD per 1 million input and output tokens for one model."""

    input_per_million: float
    output_per_million: float


class PriceTable:
    """Model prices by model name; `cost` turns a call's tokens into dollars."""

    def __init__(self, prices: Mapping[str, ModelPrice] | None = None) -> None:
        self._prices = dict(prices or {})

    @classmethod
    def load(
        cls, path: Path | str | None = None, *, environ: Mapping[str, str] | None = None
    ) -> PriceTable:
        """The table from `path`, else $WORKBENCH_PRICES, else data/llm/prices.yaml."""
        env = os.environ if environ is None else environ
        chosen = Path(path) if path is not None else None
        if chosen is None and env.get(PRICES_ENV_VAR, "").strip():
            chosen = Path(env[PRICES_ENV_VAR].strip())
        return cls(_read_prices(chosen or DEFAULT_PRICES_PATH))

    @property
    def models(self) -> list[str]:
        """The priced model names, sorted."""
        return sorted(self._prices)

    def price(self, model: str) -> ModelPrice | None:
        """The model's price, its snapshot's base model's price, or None."""
        if model in self._prices:
            return self._prices[model]
        return self._prices.get(SNAPSHOT_SUFFIX.sub("", model))

    def known(self, model: str) -> bool:
        """Whether the table prices this model."""
        return self.price(model) is not None

    def cost(self, model: str, prompt_tokens: int, completion_tokens: int) -> float:
        """USD for the tokens of one call; 0.0 for a model the table does not price."""
        price = self.price(model)
        if price is None:
            return 0.0
        dollars = (
            max(prompt_tokens, 0) * price.input_per_million
            + max(completion_tokens, 0) * price.output_per_million
        ) / TOKENS_PER_PRICE
        return round(dollars, 10)


def _read_prices(path: Path) -> dict[str, ModelPrice]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"prices file {str(path)!r} cannot be read: {exc.strerror}") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidInput(f"prices file {str(path)!r} is not valid YAML: {first_line}") from None
    if not isinstance(document, dict) or not isinstance(document.get("models"), dict):
        raise InvalidInput(
            f"prices file {str(path)!r} must hold a mapping 'models: {{MODEL: ...}}'"
        )
    unknown = sorted(str(key) for key in document if key != "models")
    if unknown:
        raise InvalidInput(f"prices file {str(path)!r}: unknown top-level key {unknown[0]!r}")
    prices: dict[str, ModelPrice] = {}
    for model, entry in document["models"].items():
        if not isinstance(model, str) or not model.strip():
            raise InvalidInput(f"prices file {str(path)!r}: model name {model!r} must be text")
        try:
            checked = _PriceEntry.model_validate(entry)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"]) or "entry"
            raise InvalidInput(
                f"prices file {str(path)!r}: entry {model!r} {where}: {error['msg']}"
                " (expected 'input' and 'output': USD per 1M tokens)"
            ) from None
        prices[model.strip()] = ModelPrice(checked.input, checked.output)
    return prices
