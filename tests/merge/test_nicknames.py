"""The given-name nickname table (engine/merge/nicknames.py)."""

from __future__ import annotations

import pytest

from engine.merge.nicknames import (
    FORMAL_NICKNAMES,
    formal_forms,
    is_known_given_name,
    is_nickname,
    nickname_count,
    nickname_equivalent,
)


def test_table_is_a_real_table() -> None:
    assert len(FORMAL_NICKNAMES) >= 100
    assert nickname_count() >= 250
    for formal, nicknames in FORMAL_NICKNAMES.items():
        assert formal.isalpha() and formal.islower(), formal
        assert all(nick.isalpha() and nick.islower() for nick in nicknames), formal


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("jim", "james"),
        ("jimmy", "jim"),
        ("bob", "robert"),
        ("rob", "bobby"),
        ("bill", "william"),
        ("will", "bill"),
        ("liz", "elizabeth"),
        ("beth", "liz"),
        ("kate", "catherine"),
        ("katie", "katherine"),
        ("kathryn", "catherine"),
        ("mike", "michael"),
        ("dave", "david"),
        ("tom", "thomas"),
        ("dick", "richard"),
        ("rick", "dick"),
        ("peg", "margaret"),
        ("peggy", "peg"),
        ("sasha", "alexander"),
        ("sasha", "alexandra"),
        ("steven", "stephen"),
    ],
)
def test_equivalent_names(first: str, second: str) -> None:
    assert nickname_equivalent(first, second)
    assert nickname_equivalent(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [("alexander", "alexandra"), ("christopher", "christine"), ("john", "james"), ("bob", "bill")],
)
def test_distinct_names(first: str, second: str) -> None:
    assert not nickname_equivalent(first, second)


def test_unknown_names_stand_for_themselves() -> None:
    assert formal_forms("sylvain") == {"sylvain"}
    assert not is_known_given_name("sylvain")
    assert is_known_given_name("peggy") and is_nickname("peggy")
    assert not is_nickname("margaret")
