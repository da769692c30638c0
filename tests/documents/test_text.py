"""Cleaning text for the font and breaking it into lines: nothing printable is ever lost."""

from finqr_desktop.documents.fonts import font_family
from finqr_desktop.documents.text import FALLBACK, clean, fit_lines, wrap

SANS = font_family("sans")


def test_characters_the_font_has_pass_unchanged():
    text = 'Nilsson & Söner "Bygg" <AB> å ä ö æ ø ß Жж Ωω \u2212 € …'
    assert clean(text, SANS.coverage) == text


def test_a_run_of_missing_characters_becomes_one_fallback():
    # A thumbs-up with a skin-tone modifier is two code points; it shows as one square.
    assert clean("ok 👍🏽 ok", SANS.coverage) == f"ok {FALLBACK} ok"
    assert clean("a\x00b", SANS.coverage) == f"a{FALLBACK}b"


def test_decomposed_letters_are_composed_so_the_font_has_them():
    assert clean("A\u030angstr\u006f\u0308m", SANS.coverage) == "Ångström"


def test_line_breaks_only_where_lines_are_allowed():
    assert clean("a\r\nb\tc", SANS.coverage) == "a b c"
    assert clean("a\r\nb", SANS.coverage, multiline=True) == "a\nb"


def test_wrapping_keeps_every_word_and_blank_lines():
    text = "ett två tre fyra fem sex sju åtta nio tio\n\nelva"
    lines = wrap(text, SANS.regular, 9, 60)
    assert len(lines) > 3
    assert " ".join(lines).split() == text.split()
    assert "" in lines


def test_a_word_wider_than_the_line_is_cut_into_pieces():
    lines = wrap("x" * 300, SANS.regular, 9, 50)
    assert len(lines) > 1 and "".join(lines) == "x" * 300


def test_fixed_boxes_end_a_cut_with_an_ellipsis():
    lines = fit_lines(["one", "two", "three"], 2, SANS.regular, 9, 100)
    assert lines == ["one", "two\u2026"]
