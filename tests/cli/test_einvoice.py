"""`finqr invoice export` and `finqr customer einvoice`, run as the real command."""

from __future__ import annotations

import io

import pikepdf
import pytest

from ..documents.einvoice.schemas import assert_valid_cii, assert_valid_ubl

DRAFT = {
    "customer": "1001", "issue_date": "2026-12-04", "round_to_whole": True,
    "your_reference": "Avd 12 <Eva & Co>",
    "lines": [
        {"description": "Konsulttid", "quantity": "7.5", "unit": "tim",
         "unit_price": "1150.00", "vat_rate": "25"},
        {"description": "Kursbok", "quantity": "3", "unit_price": "199.00",
         "vat_rate": "6", "discount_percent": "10"},
    ],
}  # fmt: skip


@pytest.fixture
def issued(finqr, customers, write_json) -> str:
    result = finqr("invoice", "create", "--json", write_json("draft.json", DRAFT), "--issue",
                   "--print-json")  # fmt: skip
    assert result.code == 0, result.err
    return result.json()["number"]


def test_export_ubl_writes_a_valid_peppol_file(finqr, issued, tmp_path):
    target = tmp_path / "invoice.xml"
    result = finqr("invoice", "export", issued, "--format", "ubl", "-o", str(target))
    assert result.code == 0, result.err
    assert f"Wrote {issued} as ubl" in result.out
    root = assert_valid_ubl(target.read_bytes())
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    assert root.find("cbc:BuyerReference", ns).text == "Avd 12 <Eva & Co>"


def test_export_facturx_writes_a_pdf_with_the_xml_inside(finqr, issued, tmp_path):
    target = tmp_path / "invoice.pdf"
    result = finqr("invoice", "export", issued, "--format", "facturx", "-o", str(target))
    assert result.code == 0, result.err
    with pikepdf.open(io.BytesIO(target.read_bytes())) as document:
        xml = document.attachments["factur-x.xml"].get_file().read_bytes()
    assert_valid_cii(xml)


def test_export_refusals_exit_2_with_the_reason(finqr, customers, write_json, tmp_path):
    draft = {**DRAFT, "your_reference": ""}
    made = finqr("invoice", "create", "--json", write_json("d.json", draft), "--issue",
                 "--print-json")  # fmt: skip
    number = made.json()["number"]
    target = tmp_path / "x.xml"
    result = finqr("invoice", "export", number, "--format", "ubl", "-o", str(target))
    assert result.code == 2
    assert "buyer reference" in result.err and "PEPPOL-EN16931-R003" in result.err
    assert not target.exists()
    unknown = finqr("invoice", "export", "2026-0999", "--format", "facturx", "-o", str(target))
    assert (unknown.code, unknown.err.strip()) == (
        2, "error: there is no issued invoice or credit note '2026-0999'",
    )  # fmt: skip
    wrong = finqr("invoice", "export", number, "--format", "svefaktura", "-o", str(target))
    assert wrong.code == 2


def test_customer_einvoice_sets_and_checks_the_settings(finqr, customers):
    result = finqr("customer", "einvoice", "1001", "--format", "pdf_ubl",
                   "--peppol-id", "0088:7300010000001", "--buyer-reference", "Ref 9")  # fmt: skip
    assert result.code == 0, result.err
    listed = {c["number"]: c for c in finqr("customer", "list", "--json").json()}["1001"]
    settings = (listed["einvoice_format"], listed["peppol_id"], listed["buyer_reference"])
    assert settings == ("pdf_ubl", "0088:7300010000001", "Ref 9")

    bad = finqr("customer", "einvoice", "1001", "--peppol-id", "0007:5560360794")
    assert bad.code == 2
    assert bad.err.startswith("error: peppol_id: Peppol endpoint ID '0007:5560360794'")
    assert finqr("customer", "list", "--json").json()[0]["peppol_id"] == "0088:7300010000001"


def test_issuing_for_an_e_invoice_customer_needs_a_reference(finqr, customers, write_json):
    assert finqr("customer", "einvoice", "1001", "--format", "facturx").code == 0
    draft = {**DRAFT, "your_reference": ""}
    result = finqr("invoice", "create", "--json", write_json("d.json", draft), "--issue")
    assert result.code == 2
    assert "error: your_reference: an e-invoice needs a buyer reference" in result.err


def test_customer_files_take_the_e_invoice_keys(finqr, company, write_json, tmp_path):
    csv = tmp_path / "customers.csv"
    csv.write_text(
        "number;name;org_number;einvoice_format;peppol_id;buyer_reference\n"
        "2001;Region Norr;232100-0016;pdf_ubl;;Ref 4711\n"
        "2002;Kommunen;212000-0142;facturx;0088:7300010000001;\n",
        encoding="utf-8",
    )
    assert finqr("customer", "import", str(csv)).code == 0
    listed = {c["number"]: c for c in finqr("customer", "list", "--json").json()}
    assert (listed["2001"]["einvoice_format"], listed["2001"]["buyer_reference"]) == (
        "pdf_ubl",
        "Ref 4711",
    )
    assert listed["2002"]["peppol_id"] == "0088:7300010000001"

    wrong = {"number": "2003", "name": "X AB", "einvoice_format": "svefaktura"}
    result = finqr("customer", "add", "--json", write_json("c.json", wrong))
    assert result.code == 2
    assert "einvoice_format: must be one of pdf, pdf_ubl, facturx, not 'svefaktura'" in result.err
