"""Texts an e-invoice could not carry are refused where they come in, with field and place."""

from __future__ import annotations

import json

import pytest

from .test_einvoice import DRAFT


def write_escaped(tmp_path, name: str, data: object) -> str:
    # ensure_ascii writes U+FFFE as the escape \ufffe and a lone surrogate as \ud800.
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", "Bygg \ufffe AB", "name: contains a noncharacter (U+FFFE) at position 6"),
        ("buyer_reference", "\uffff", "buyer_reference: contains a noncharacter (U+FFFF)"),
        ("city", "Lund\ud800", "city: contains a lone surrogate, not a character (U+D800)"),
    ],
)
def test_a_customer_with_one_is_refused(finqr, company, tmp_path, field, value, expected):
    data = {"number": "3001", "name": "Region Norr", field: value}
    result = finqr("customer", "add", "--json", write_escaped(tmp_path, "c.json", data))
    assert result.code == 2
    assert expected in result.err
    assert finqr("customer", "list", "--json").json() == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"your_reference": "\ufffe"}, "your_reference: contains a noncharacter (U+FFFE)"),
        ({"lines": [{**DRAFT["lines"][0], "description": "\ud800"}]},
         "lines[0].description: contains a lone surrogate"),
    ],
)  # fmt: skip
def test_a_draft_with_one_is_refused(finqr, customers, tmp_path, change, expected):
    draft = {**DRAFT, **change}
    result = finqr("invoice", "create", "--json", write_escaped(tmp_path, "d.json", draft))
    assert result.code == 2
    assert expected in result.err


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        # Python hands the byte 0xFF of a non-UTF-8 argument over as U+DCFF.
        ("20\udcff26", "error: argument 3 is not valid UTF-8 (byte 0xFF at position 3)"),
        ("\ud800", "error: argument 3 holds a lone surrogate (U+D800) at position 1"),
    ],
)
def test_an_argument_that_is_not_text_exits_2_with_a_clear_line(finqr, company, argument,
                                                                expected):  # fmt: skip
    result = finqr("invoice", "export", argument, "--format", "ubl", "-o", "x.xml")
    assert result.code == 2
    assert result.err.strip().startswith(expected)
    assert "unexpected" not in result.err


def test_a_lone_surrogate_in_a_json_key_field_exits_2(finqr, customers, tmp_path):
    draft = {**DRAFT, "customer": "\ud800"}
    result = finqr("invoice", "create", "--json", write_escaped(tmp_path, "d.json", draft))
    assert result.code == 2
    assert "unexpected" not in result.err
    assert "U+D800" in result.err


def test_exporting_a_draft_says_it_is_a_draft(finqr, customers, write_json, tmp_path):
    made = finqr("invoice", "create", "--json", write_json("d.json", DRAFT))
    assert made.code == 0, made.err
    (draft,) = finqr("invoice", "list", "--json").json()
    draft_id = str(draft["id"])
    target = tmp_path / "x.xml"
    for name in (draft_id, f"draft {draft_id}"):
        result = finqr("invoice", "export", name, "--format", "ubl", "-o", str(target))
        assert result.code == 2
        assert result.err.strip() == (
            f"error: invoice {draft_id} is a draft: an e-invoice is made of an issued "
            f"document; issue it first (finqr invoice issue {draft_id})"
        )
    assert not target.exists()
