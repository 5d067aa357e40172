"""A tokenizer-free token estimate, used to keep context packs within their budget.

No tokenizer is downloaded: the estimate is `ceil(characters / 4)` over the text, or over the
compact JSON of a structured value (`,` and `:` separators, non-ASCII kept as characters).
Four characters per token is the usual rule of thumb for English prose and JSON with GPT-style
tokenizers; it over-counts for long plain words and under-counts for non-Latin scripts, so a
budget is a soft ceiling with that margin, not an exact count.

A pydantic model is measured as the JSON of `model_dump(mode="json")`, so a model and the plain
dict it dumps to give the same estimate.
"""

from __future__ import annotations

import json
import math
from typing import Any

from pydantic import BaseModel

CHARS_PER_TOKEN = 4


def compact_json(value: Any) -> str:
    """The compact JSON text of a value, as measured by `estimate_tokens`."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def estimate_tokens(obj_or_text: Any) -> int:
    """Estimated tokens: ceil(len / 4) of a string, or of the compact JSON of anything else."""
    text = obj_or_text if isinstance(obj_or_text, str) else compact_json(obj_or_text)
    return math.ceil(len(text) / CHARS_PER_TOKEN)
