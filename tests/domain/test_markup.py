"""The message-block markup: three marks, safe links, and everything else literal."""

import re

from hypothesis import given
from hypothesis import strategies as st

from finqr_desktop.domain.markup import Run, parse_markup


def runs(body: str) -> list[tuple[str, bool, bool, str]]:
    return [(r.text, r.bold, r.italic, r.href) for p in parse_markup(body) for r in p.runs]


def test_bold_italic_and_a_link():
    assert runs("Hej **du** och *dig*, se [butiken](https://exempel.se).") == [
        ("Hej ", False, False, ""),
        ("du", True, False, ""),
        (" och ", False, False, ""),
        ("dig", False, True, ""),
        (", se ", False, False, ""),
        ("butiken", False, False, "https://exempel.se"),
        (".", False, False, ""),
    ]


def test_mailto_links_and_emphasis_inside_a_link():
    assert runs("[**Skriv**](mailto:a@b.se)") == [("Skriv", True, False, "mailto:a@b.se")]


def test_other_schemes_stay_plain_text():
    for body in ("[klicka](javascript:alert(1))", "[fil](file:///etc/passwd)", "[x](ftp://a.se)"):
        assert runs(body) == [(body, False, False, "")]


def test_html_and_entities_print_as_typed():
    body = "<b>fet</b> &amp; 5 < 10 & 10 > 5 <a href='x'>"
    assert runs(body) == [(body, False, False, "")]


def test_unbalanced_markers_print_literally():
    for body in ("**bara början", "*ensam", "a * b * c", "2*3 = 6", "**a*"):
        assert "".join(text for text, *_ in runs(body)) == body


def test_blank_lines_start_paragraphs_and_single_breaks_stay():
    paragraphs = parse_markup("Ett\nTvå\n\n\nTre")
    assert [p.text for p in paragraphs] == ["Ett\nTvå", "Tre"]


def test_empty_text_has_no_paragraphs():
    assert parse_markup("") == () and parse_markup(" \n\n ") == ()


MARKUP_TEXT = st.lists(
    st.sampled_from([*"ab <&>*[]()\n", "https://x.se", "mailto:q@r.se", "**", "\n\n"]),
    max_size=30,
).map("".join)


def _without_marks(text: str) -> str:
    """The text with safe links reduced to their labels, stars and whitespace dropped."""
    text = re.sub(
        r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^()\s]+)\)",
        lambda m: m.group(1) if len(m.group(2)) > len("http://") else m.group(0),
        text,
    )
    return re.sub(r"[\s*]", "", text)


@given(MARKUP_TEXT | st.text(max_size=80))
def test_any_text_parses_and_only_markup_is_consumed(body):
    paragraphs = parse_markup(body)
    shown = "".join(p.text for p in paragraphs)
    assert all(isinstance(run, Run) and run.text for p in paragraphs for run in p.runs)
    assert re.sub(r"[\s*]", "", shown) == _without_marks(body)
    # Nothing is invented: every character shown was typed, in the same order.
    typed = iter(body)
    assert all(char in typed for char in shown if char != "\n")
