"""Sentence splitting survives abbreviations, initials and decimals; long pieces are bounded."""

from __future__ import annotations

from engine.claims.sentences import (
    MAX_SENTENCE_CHARS,
    MAX_STATEMENT_CHARS,
    split_sentences,
    truncate_statement,
)


def test_plain_sentences_split() -> None:
    assert split_sentences("One fact here. Another fact! A question? Yes.") == [
        "One fact here.",
        "Another fact!",
        "A question?",
        "Yes.",
    ]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = (
        "Dr. Jane Doe met J. R. Carver of Northline Engineering Ltd. in the U.S. on Monday. "
        "The cost rose 1.2 percent to approx. 40 units in Sept. 2025. Mr. O'Neil agreed."
    )
    assert split_sentences(text) == [
        "Dr. Jane Doe met J. R. Carver of Northline Engineering Ltd. in the U.S. on Monday.",
        "The cost rose 1.2 percent to approx. 40 units in Sept. 2025.",
        "Mr. O'Neil agreed.",
    ]


def test_company_suffix_at_the_end_of_a_sentence_splits_before_a_new_sentence() -> None:
    text = "Borealis Nickel is a subsidiary of Tamarack Resources Ltd. The company employs 450."
    assert split_sentences(text) == [
        "Borealis Nickel is a subsidiary of Tamarack Resources Ltd.",
        "The company employs 450.",
    ]


def test_company_suffix_inside_a_sentence_does_not_split() -> None:
    text = "Carver Logistics Inc. Chief Executive Sam Lee spoke."
    assert split_sentences(text) == [text]


def test_quotes_close_sentences() -> None:
    text = '"We are on track." The company said so.'
    assert split_sentences(text) == ['"We are on track."', "The company said so."]


def test_lowercase_continuation_does_not_split() -> None:
    assert split_sentences("See p. 4 of the report. Done.") == ["See p. 4 of the report.", "Done."]
    assert split_sentences("It uses e.g. flotation.") == ["It uses e.g. flotation."]


def test_every_line_is_a_hard_boundary_and_blank_lines_vanish() -> None:
    assert split_sentences("Heading\n\n  Body   text  here.\nNext") == [
        "Heading",
        "Body text here.",
        "Next",
    ]


def test_run_on_text_is_cut_into_bounded_pieces() -> None:
    text = " ".join(["word"] * 1000)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert " ".join(pieces) == text
    assert all(len(p) <= MAX_SENTENCE_CHARS for p in split_sentences("x" * 5000))


def test_truncate_statement_cuts_at_a_word_with_an_ellipsis() -> None:
    long = "alpha " * 200
    cut = truncate_statement(long)
    assert len(cut) <= MAX_STATEMENT_CHARS
    assert cut.endswith("alpha…")
    assert truncate_statement("  short   text ") == "short text"


def _best_seconds(text: str) -> float:
    import time

    from engine.claims.extract import extract_from_text

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        extract_from_text(text, target="Borealis Nickel")
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_runs_without_white_space_are_capped() -> None:
    from engine.claims.sentences import MAX_TOKEN_CHARS

    [sentence] = split_sentences("Aa" * 20_000)
    assert len(sentence) == MAX_TOKEN_CHARS + 1 and sentence.endswith("…")


def test_extraction_time_grows_linearly_with_hostile_input() -> None:
    """Four times the text takes about four times as long (quadratic would be sixteen)."""
    import random

    rng = random.Random(1)
    words = "Borealis Nickel Ltd. Kestrel Lake Project said James Carver, VP of at the Inc".split()
    words += ["$1.2", "billion", "March", "2026", "O'Neil", "Jean-Luc", "A.", "J.", "AaAaAaAa"]
    line = " ".join(rng.choice(words) for _ in range(16_000))
    quarter = line[: len(line) // 4]
    ratio = _best_seconds(line) / max(_best_seconds(quarter), 1e-3)
    assert ratio < 9, f"4x input took {ratio:.1f}x as long"


def test_sentence_groups_keep_the_whole_sentence_with_its_pieces() -> None:
    from engine.claims.sentences import MAX_SENTENCE_CHARS, split_sentence_groups

    long = "Ignore this, " + "and also " * 120 + "the end."
    groups = split_sentence_groups(f"Short one. {long}")
    assert [whole for whole, _ in groups] == ["Short one.", long]
    assert len(groups[1][1]) > 1 and all(len(p) <= MAX_SENTENCE_CHARS for p in groups[1][1])
    assert split_sentences(f"Short one. {long}") == ["Short one.", *groups[1][1]]
