"""The Factur-X hybrid: PDF/A-3B with factur-x.xml attached, the XMP saying so, an sRGB
output intent, fonts embedded, and pages that look exactly like the plain PDF's."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pikepdf
import pypdfium2
import pytest
from lxml import etree

from finqr_desktop.documents.einvoice.cii import build_cii
from finqr_desktop.documents.einvoice.pdfa import HybridInfo, make_facturx_pdf, srgb_profile
from finqr_desktop.documents.invoice_pdf import render_document
from finqr_desktop.documents.sample import sample_document
from finqr_desktop.domain.templates import Design

from ..reading import font_descriptors, page_texts
from .samples import HOSTILE, full
from .schemas import SAFE, assert_valid_cii

XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "fx": "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "dc": "http://purl.org/dc/elements/1.1/",
}
INFO = HybridInfo("Invoice 2026-0042", "Exempel Handel AB", dt.date(2026, 12, 4))


@pytest.fixture(scope="module")
def plain() -> bytes:
    return render_document(sample_document(line_count=4), Design())


@pytest.fixture(scope="module")
def xml() -> bytes:
    return build_cii(full(discount="100", whole=True))


@pytest.fixture(scope="module")
def hybrid(plain, xml) -> bytes:
    return make_facturx_pdf(plain, xml, INFO)


def metadata(pdf: bytes) -> etree._Element:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        packet = document.Root.Metadata.read_bytes()
        assert document.Root.Metadata.Subtype == "/XML"
        # PDF/A: the metadata stays readable without decoding (no /Filter).
        assert "/Filter" not in document.Root.Metadata.stream_dict
    assert packet.startswith(b"<?xpacket begin=") and packet.endswith(b'<?xpacket end="w"?>')
    body = packet[packet.index(b"?>") + 2 : packet.rindex(b"<?xpacket")]
    return etree.fromstring(body.strip(), SAFE)


def one(root, path: str) -> str:
    (found,) = root.findall(path, XMP)
    return found.text


def test_the_xml_is_attached_as_the_alternative_of_the_pages(hybrid, xml):
    with pikepdf.open(io.BytesIO(hybrid)) as document:
        assert list(document.attachments) == ["factur-x.xml"]
        (spec,) = document.Root.AF
        assert spec.AFRelationship == "/Alternative"
        assert spec.UF == "factur-x.xml"
        stream = spec.EF.F
        assert stream.Subtype == "/text/xml"
        assert stream.Params.ModDate == "D:20261204000000+00'00'"
        assert stream.read_bytes() == xml
        assert "/Info" not in document.trailer
        assert "/ID" in document.trailer
    assert_valid_cii(xml)


def test_the_factur_x_package_reads_it_back_and_its_schema_accepts_it(hybrid, xml):
    facturx = pytest.importorskip("facturx")
    name, read = facturx.get_xml_from_pdf(hybrid, check_xsd=True)
    assert (name, read) == ("factur-x.xml", xml)
    assert facturx.get_flavor(etree.fromstring(read, SAFE)) == "factur-x"
    assert facturx.get_level(etree.fromstring(read, SAFE)) == "en16931"


def test_the_xmp_declares_pdf_a_3b_and_the_factur_x_profile(hybrid):
    root = metadata(hybrid)
    assert one(root, ".//pdfaid:part") == "3"
    assert one(root, ".//pdfaid:conformance") == "B"
    assert one(root, ".//fx:DocumentType") == "INVOICE"
    assert one(root, ".//fx:DocumentFileName") == "factur-x.xml"
    assert one(root, ".//fx:Version") == "1.0"
    assert one(root, ".//fx:ConformanceLevel") == "EN 16931"
    assert one(root, ".//dc:title/rdf:Alt/rdf:li") == "Invoice 2026-0042"
    # PDF/A accepts the fx properties only because an extension schema describes them.
    assert one(root, ".//pdfaSchema:namespaceURI") == XMP["fx"]
    assert one(root, ".//pdfaSchema:prefix") == "fx"
    described = [e.text for e in root.findall(".//pdfaProperty:name", XMP)]
    assert sorted(described) == ["ConformanceLevel", "DocumentFileName", "DocumentType", "Version"]


def test_an_srgb_output_intent_with_a_sound_icc_profile(hybrid):
    with pikepdf.open(io.BytesIO(hybrid)) as document:
        (intent,) = document.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile.read_bytes()
        assert intent.DestOutputProfile.N == 3
    assert profile == srgb_profile()
    assert int.from_bytes(profile[:4], "big") == len(profile)
    assert profile[36:40] == b"acsp" and profile[12:20] == b"mntrRGB "
    assert profile[8:10] == bytes((4, 0x20))
    hashed = bytearray(profile)
    hashed[44:48], hashed[64:68], hashed[84:100] = bytes(4), bytes(4), bytes(16)
    assert hashlib.md5(bytes(hashed), usedforsecurity=False).digest() == profile[84:100]


def test_every_font_is_embedded_and_links_are_printable(hybrid):
    fonts = font_descriptors(hybrid)
    assert fonts
    for name, descriptor in fonts:
        assert descriptor is not None and "/FontFile2" in descriptor, name
    with pikepdf.open(io.BytesIO(hybrid)) as document:
        for page in document.pages:
            for annotation in page.get("/Annots") or ():
                assert annotation.F == 4


def test_the_pages_look_exactly_like_the_plain_pdf(plain, hybrid, tmp_path):
    assert page_texts(hybrid) == page_texts(plain)
    for index, pdf in enumerate((plain, hybrid)):
        document = pypdfium2.PdfDocument(pdf)
        image = document[0].render(scale=60 / 72).to_pil()
        image.save(tmp_path / f"page-{index}.png")
        document.close()
    first, second = (tmp_path / "page-0.png").read_bytes(), (tmp_path / "page-1.png").read_bytes()
    assert first == second


def test_the_same_invoice_gives_the_same_bytes(plain, xml, hybrid):
    assert make_facturx_pdf(plain, xml, INFO) == hybrid


def test_hostile_metadata_text_still_makes_well_formed_xmp(plain, xml):
    info = HybridInfo(HOSTILE, HOSTILE, dt.date(2026, 12, 4), subject=HOSTILE)
    root = metadata(make_facturx_pdf(plain, xml, info))
    assert "<b>" in one(root, ".//dc:title/rdf:Alt/rdf:li")
