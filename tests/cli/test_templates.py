"""`finqr invoice pdf` and `finqr template list | export | import`, on real files."""

from __future__ import annotations

import base64
import json

from tests.documents.reading import all_text, flat

DRAFT = {
    "customer": "1001",
    "issue_date": "2026-12-04",
    "lines": [
        {"description": "Konsulttimmar", "quantity": "10", "unit": "h",
         "unit_price": "950.00", "vat_rate": "25"},
        {"description": "Kaffebröd", "quantity": "3", "unit": "st", "unit_price": "45.50",
         "vat_rate": "12", "discount_percent": "10"},
    ],
}  # fmt: skip


def issue(finqr, write_json) -> dict:
    result = finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--issue",
                   "--print-json")  # fmt: skip
    assert result.code == 0, result.err
    return result.json()


def test_invoice_pdf_writes_what_the_customer_got(finqr, customers, write_json, tmp_path):
    shown = issue(finqr, write_json)
    target = tmp_path / "faktura.pdf"

    result = finqr("invoice", "pdf", shown["number"], "-o", str(target))
    assert result.code == 0, result.err
    assert result.out.startswith(f"Wrote {shown['number']} to {target}")
    text = flat(all_text(target.read_bytes()))
    assert shown["number"] in text and shown["ocr"] in text
    assert "12 012,59 kr" in text

    again = tmp_path / "again.pdf"
    assert finqr("invoice", "pdf", shown["number"], "-o", str(again)).code == 0
    assert again.read_bytes() == target.read_bytes()


def test_a_credit_note_has_its_pdf_too(finqr, customers, write_json, tmp_path):
    shown = issue(finqr, write_json)
    credited = finqr("invoice", "credit", shown["number"])
    assert credited.code == 0, credited.err
    note = credited.out.split()[3]
    target = tmp_path / "kredit.pdf"
    assert finqr("invoice", "pdf", note, "-o", str(target)).code == 0
    text = flat(all_text(target.read_bytes()))
    assert note in text and shown["number"] in text and "−12 012,59 kr" in text


def test_no_pdf_for_a_draft_or_an_unknown_number(finqr, customers, write_json, tmp_path):
    created = finqr("invoice", "create", "--json", write_json("d.json", DRAFT))
    draft_id = created.out.split()[2]
    target = tmp_path / "x.pdf"
    draft = finqr("invoice", "pdf", draft_id, "-o", str(target))
    unknown = finqr("invoice", "pdf", "2099-9999", "-o", str(target))
    assert (draft.code, unknown.code) == (2, 2)
    assert "draft" in draft.err and "2099-9999" in unknown.err
    assert not target.exists()


def test_template_list_export_import(finqr, company, tmp_path):
    listed = finqr("template", "list")
    assert listed.code == 0, listed.err
    assert "Standard" in listed.out and "yes" in listed.out

    exported = tmp_path / "mall.json"
    assert finqr("template", "export", str(exported)).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "finqr-template" and data["name"] == "Standard"

    imported = finqr("template", "import", str(exported), "--name", "Kopia")
    assert imported.code == 0, imported.err
    assert imported.out.strip() == "Imported template 2: Kopia"
    assert "Kopia" in finqr("template", "list").out

    again = tmp_path / "kopia.json"
    assert finqr("template", "export", "--template", "2", str(again)).code == 0
    assert json.loads(again.read_text(encoding="utf-8")) == {**data, "name": "Kopia"}


def test_a_broken_template_file_is_refused_naming_the_field(finqr, company, tmp_path):
    exported = tmp_path / "mall.json"
    assert finqr("template", "export", str(exported)).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    before = finqr("template", "list").out

    cases = {
        "colour": ({**data, "accent": "teal"}, "error: accent: "),
        "slot": ({**data, "blocks": [{"title": "Erbjudande", "body": "x", "slot": "sidebar"}]},
                 "error: blocks[0].slot: "),
        "logo": ({**data, "logo": base64.b64encode(b"%PDF-1.7 no image").decode()},
                 "error: logo: "),
    }  # fmt: skip
    for name, (broken, message) in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(broken), encoding="utf-8")
        result = finqr("template", "import", str(path))
        assert result.code == 2, name
        assert message in result.err, result.err

    path = tmp_path / "broken.json"
    path.write_text('{"format": "finqr-template",', encoding="utf-8")
    result = finqr("template", "import", str(path))
    assert result.code == 2 and "error: file: not valid JSON" in result.err
    assert finqr("template", "import", str(tmp_path / "missing.json")).code == 2
    assert finqr("template", "list").out == before


def test_an_imported_template_becomes_the_default_for_new_invoices(
    finqr, customers, write_json, tmp_path
):
    first = issue(finqr, write_json)
    exported = tmp_path / "t.json"
    assert finqr("template", "export", str(exported)).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["blocks"] = [
        {"title": "Julkampanj", "body": "Fri frakt i december.", "slot": "below_totals"}
    ]
    exported.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = finqr("template", "import", str(exported), "--name", "Jul", "--default")
    assert imported.code == 0, imported.err
    assert "now the default" in imported.out
    listed = finqr("template", "list").out
    assert [line.split()[-1] for line in listed.splitlines() if "Jul" in line] == ["yes"]

    second = issue(finqr, write_json)
    old, new = tmp_path / "old.pdf", tmp_path / "new.pdf"
    finqr("invoice", "pdf", first["number"], "-o", str(old))
    finqr("invoice", "pdf", second["number"], "-o", str(new))
    assert "Julkampanj" not in flat(all_text(old.read_bytes()))
    assert "Julkampanj" in flat(all_text(new.read_bytes()))
    assert finqr("template", "default", "999").code == 2
