"""Person-name parsing, matching and blocking keys (engine/merge/names.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.merge.names import (
    blocking_keys,
    compare_names,
    match_names,
    name_specificity,
    parse_person_name,
)


@pytest.mark.parametrize(
    ("raw", "given", "middles", "surname"),
    [
        ("James Carver", "james", (), "carver"),
        ("  JAMES   carver ", "james", (), "carver"),
        ("Dr. James Robert Carver, PhD", "james", ("robert",), "carver"),
        ("Prof Jane Doe MBA", "jane", (), "doe"),
        ("Mrs. Ms. Jane Doe", "jane", (), "doe"),
        ("Sylvain Goyette, P.Eng.", "sylvain", (), "goyette"),
        ("Sylvain Goyette P.Eng", "sylvain", (), "goyette"),
        ("Robert Smith Jr.", "robert", (), "smith"),
        ("Robert Smith III", "robert", (), "smith"),
        ("Carver, James R.", "james", ("r",), "carver"),
        ("Carver, Dr. James", "james", (), "carver"),
        ("J.R. Carver", "j", ("r",), "carver"),
        ("José Núñez", "jose", (), "nunez"),
        ("Mary Smith-Jones", "mary", (), "smithjones"),
        ("Seán O'Brien", "sean", (), "obrien"),
        ("Ludwig van Beethoven", "ludwig", (), "vanbeethoven"),
        ("Maria de la Cruz", "maria", (), "delacruz"),
        ("Van Morrison", "van", (), "morrison"),
        ("Carver", "", (), "carver"),
    ],
)
def test_parse_person_name(raw: str, given: str, middles: tuple[str, ...], surname: str) -> None:
    name = parse_person_name(raw)
    assert (name.given, name.middles, name.surname) == (given, middles, surname)


def test_names_without_latin_letters_stay_distinct_single_words() -> None:
    assert parse_person_name("王伟").key == "王伟"
    assert compare_names("王伟", "李娜") is None
    assert compare_names("王伟", " 王伟 ") == "exact"


def test_key_joins_the_parts_and_ignores_decoration() -> None:
    assert parse_person_name("Dr. James Carver, Jr.").key == "james carver"
    assert parse_person_name("JAMES CARVER").key == parse_person_name("james carver").key
    assert parse_person_name("Carver").is_single_word


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("James Carver", "JAMES CARVER", "exact"),
        ("Dr. Zoë Ng", "Zoe Ng PhD", "exact"),
        ("James Carver", "James Robert Carver", "middle"),
        ("Jim Carver", "James Carver", "nickname"),
        ("Jimmy Carver", "Jim Carver", "nickname"),
        ("Bob Carver", "Robert Carver", "nickname"),
        ("Rob Carver", "Bobby Carver", "nickname"),
        ("Bill Gates", "William Gates", "nickname"),
        ("Will Gates", "Bill Gates", "nickname"),
        ("Liz Taylor", "Elizabeth Taylor", "nickname"),
        ("Beth Taylor", "Liz Taylor", "nickname"),
        ("Kate Ryan", "Catherine Ryan", "nickname"),
        ("Katie Ryan", "Katherine Ryan", "nickname"),
        ("Catherine Ryan", "Katherine Ryan", "nickname"),
        ("Mike Byrne", "Michael Byrne", "nickname"),
        ("Dave Byrne", "David Byrne", "nickname"),
        ("Tom Byrne", "Thomas Byrne", "nickname"),
        ("Dick Byrne", "Richard Byrne", "nickname"),
        ("Rick Byrne", "Dick Byrne", "nickname"),
        ("Peg Byrne", "Margaret Byrne", "nickname"),
        ("Peggy Byrne", "Peg Byrne", "nickname"),
        ("Sasha Petrov", "Alexander Petrov", "nickname"),
        ("Sasha Petrov", "Alexandra Petrov", "nickname"),
        ("J. Carver", "James Robert Carver", "initial"),
        ("J.R. Carver", "James Robert Carver", "initial"),
        ("J. Carver", "Jim Carver", "initial"),
        ("R. Carver", "Bob Carver", "initial"),
        ("Micheal Laverty", "Michael Laverty", "typo"),
        ("James Carvre", "James Carver", "typo"),
        ("Christopher Smith", "Christopher Smiht", "typo"),
        ("Maximilian Hartmann", "Maximilian Hartman", "typo"),
        ("Jim Carvre", "James Carver", "typo"),
        ("Carver James", "James Carver", "swapped"),
    ],
)
def test_names_that_match(first: str, second: str, kind: str) -> None:
    assert compare_names(first, second) == kind
    assert compare_names(second, first) == kind


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("James Carver", "Mary Carver"),  # same surname only
        ("John Smith", "Jane Smith"),
        ("James Carver", "James Walker"),
        ("J. Carver", "Mike Carver"),  # an initial matches only names starting with it
        ("J. Carver", "M. Carver"),
        ("Alexander Smith", "Alexandra Smith"),  # two known names, not a typo
        ("Christopher Smith", "Christine Smith"),
        ("Jame Carver", "James Carver"),  # typo in a name shorter than 5 letters
        ("James Cavr", "James Carv"),
        ("Jonathan Smith", "Jonathan Smithers"),  # 3 edits
        ("Mikhaela Hannagan", "Mikhayla Hannigan"),  # typo on given AND surname
        ("J. Carvre", "James Carver"),  # initial plus surname typo
        ("J. Hannigan", "J. Hannagan"),
        ("Maximilian Hartmann", "Maximilian Hartmxnnxx"),  # 3 edits
        ("James Robert Carver", "James Richard Carver"),  # middle names disagree
        ("Carver", "James Carver"),  # a one-word name matches only itself
        ("Carver James", "James Karver"),  # swapped only with both words exact
    ],
)
def test_names_that_do_not_match(first: str, second: str) -> None:
    assert compare_names(first, second) is None
    assert compare_names(second, first) is None


def test_two_edits_allowed_from_nine_letters_only() -> None:
    assert compare_names("Anna Bartholomew", "Anna Bartholmeww") == "typo"  # 9+ letters, 2 edits
    assert compare_names("Anna Hartmann", "Anna Hratmnan") is None  # 8 letters, 2 edits


def test_loose_matching_tolerates_a_typo_on_both_names() -> None:
    first = parse_person_name("Mikhaela Hannagan")
    second = parse_person_name("Mikhayla Hannigan")
    assert match_names(first, second) is None
    assert match_names(first, second, strict=False) == "typo"
    assert (
        match_names(parse_person_name("John Smith"), parse_person_name("Jane Smith"), strict=False)
        is None
    )


def test_specificity_orders_full_names_above_nicknames_initials_and_one_word() -> None:
    ranks = [
        name_specificity(parse_person_name(raw))
        for raw in ("Carver", "J. Carver", "Jim Carver", "James Carver", "James Robert Carver")
    ]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)


def test_one_word_names_have_no_blocking_keys() -> None:
    assert blocking_keys(parse_person_name("Carver")) == ()


def _shares_key(first: str, second: str) -> bool:
    one, other = parse_person_name(first), parse_person_name(second)
    return one.key == other.key or bool(set(blocking_keys(one)) & set(blocking_keys(other)))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sophie Butlock", "Sophie Bullock"),
        ("Karver James", "James Karver"),
        ("Bob Smith", "Robert Smith"),
        ("R. Smith", "Bob Smith"),
        ("Jonathan Smith", "Ojnathan Smith"),
        ("Jim Carvre", "James Carver"),
    ],
)
def test_matching_names_share_a_blocking_key(first: str, second: str) -> None:
    assert compare_names(first, second) is not None
    assert _shares_key(first, second)


_LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=11)


@st.composite
def _typo(draw: st.DrawFn, word: str) -> str:
    position = draw(st.integers(min_value=0, max_value=len(word) - 1))
    edit = draw(st.sampled_from(["delete", "insert", "replace", "swap"]))
    letter = draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz"))
    if edit == "delete":
        return word[:position] + word[position + 1 :]
    if edit == "insert":
        return word[:position] + letter + word[position:]
    if edit == "replace":
        return word[:position] + letter + word[position + 1 :]
    if position + 1 < len(word):
        return word[:position] + word[position + 1] + word[position] + word[position + 2 :]
    return word


@settings(max_examples=300, deadline=None)
@given(st.data(), _LETTERS, _LETTERS, st.booleans())
def test_blocking_misses_no_match(
    data: st.DataObject, given_name: str, surname: str, on_surname: bool
) -> None:
    """Every pair of names within the rules meets under some blocking key."""
    changed = data.draw(_typo(surname if on_surname else given_name))
    other = f"{given_name} {changed}" if on_surname else f"{changed} {surname}"
    original = f"{given_name} {surname}"
    if compare_names(original, other) is not None:
        assert _shares_key(original, other)


@settings(max_examples=200, deadline=None)
@given(_LETTERS, _LETTERS, _LETTERS, _LETTERS)
def test_matching_is_symmetric(a: str, b: str, c: str, d: str) -> None:
    assert compare_names(f"{a} {b}", f"{c} {d}") == compare_names(f"{c} {d}", f"{a} {b}")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Maria", "Mario"),
        ("Christian", "Christina"),
        ("Roberto", "Roberta"),
        ("Daniel", "Daniela"),
        ("Francesca", "Francesco"),
        ("Antonio", "Antonia"),
        ("Simon", "Simone"),
        ("Denis", "Denise"),
        ("Andrea", "Andreas"),
        ("Karen", "Karin"),
        ("Nicole", "Nicola"),
        ("Adrian", "Adriana"),
        ("Kevin", "Kelvin"),
    ],
)
def test_a_typo_between_two_real_given_names_is_only_possible(first: str, second: str) -> None:
    assert compare_names(f"{first} Rossi", f"{second} Rossi") == "possible"
    loose = match_names(
        parse_person_name(f"{first} Rossi"), parse_person_name(f"{second} Rossi"), strict=False
    )
    assert loose == "possible"
    assert _shares_key(f"{first} Rossi", f"{second} Rossi")


def test_a_misspelt_known_given_name_is_still_a_typo() -> None:
    assert compare_names("Micheal Laverty", "Michael Laverty") == "typo"
    assert compare_names("Stehpen Smith", "Stephen Smith") == "typo"
    assert compare_names("Margeret Smith", "Margaret Smith") == "typo"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anne-Marie Dubois", "Anne Marie Dubois"),
        ("Mary Smith-Jones", "Mary Smith Jones"),
        ("Jean\u2013Luc Picard", "Jean Luc Picard"),
        ("Jean\u2013Luc Picard", "Jean-Luc Picard"),
        ("Sean McDonald", "Sean Mc Donald"),
    ],
)
def test_hyphen_or_space_in_a_name_is_the_same_name(first: str, second: str) -> None:
    assert compare_names(first, second) == "exact"
    assert _shares_key(first, second)
