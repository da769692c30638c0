"""The invoice PDF as a Factur-X hybrid: PDF/A-3B with the CII XML embedded.

ReportLab writes the visual invoice (its TrueType fonts are embedded as subsets). This
module adds what PDF/A-3 and Factur-X ask of the file around it: an sRGB output intent
for the colours, the XML as an associated file (``/AF``, ``AFRelationship`` Alternative:
the XML is an equivalent of what the pages show), and XMP metadata with the PDF/A
identification and the Factur-X extension schema (namespace ``fx``) that names the
profile. No network is involved: the factur-x package's Schematron check, which posts to a
server, is not used anywhere.

The output is deterministic: the dates in the metadata are the issue date, and the file
ID is derived from the content, so the same invoice gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass
from functools import cache

import pikepdf
from lxml import etree

from .xml_text import clean

logger = logging.getLogger(__name__)

XML_FILE_NAME = "factur-x.xml"
FX_NAMESPACE = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#"
FX_VERSION = "1.0"
CONFORMANCE_LEVEL = "EN 16931"
SRGB = "sRGB IEC61966-2.1"
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "fx": FX_NAMESPACE,
}
FX_PROPERTIES = (
    ("DocumentFileName", "The name of the embedded XML invoice file"),
    ("DocumentType", "INVOICE"),
    ("Version", "The version of the Factur-X XML schema"),
    ("ConformanceLevel", "The Factur-X profile of the embedded XML"),
)


@dataclass(frozen=True)
class HybridInfo:
    """What the metadata says about the document."""

    title: str
    author: str
    issue_date: dt.date
    subject: str = ""


def make_facturx_pdf(pdf: bytes, xml: bytes, info: HybridInfo) -> bytes:
    """``pdf`` as PDF/A-3B with ``xml`` embedded as factur-x.xml."""
    moment = dt.datetime.combine(info.issue_date, dt.time(), tzinfo=dt.UTC)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _output_intent(document)
        _attach(document, xml, moment)
        _printable_annotations(document)
        if "/Info" in document.trailer:
            del document.trailer["/Info"]
        document.Root.Metadata = document.make_stream(
            _xmp(info, moment), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )
        out = io.BytesIO()
        document.save(out, deterministic_id=True, min_version="1.7", fix_metadata_version=False)
    logger.debug("made Factur-X PDF %s (%d bytes)", info.title, out.tell())
    return out.getvalue()


def _output_intent(document: pikepdf.Pdf) -> None:
    profile = document.make_stream(srgb_profile(), N=3)
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB),
        Info=pikepdf.String(SRGB),
        DestOutputProfile=profile,
    )
    document.Root.OutputIntents = pikepdf.Array([document.make_indirect(intent)])


def _attach(document: pikepdf.Pdf, xml: bytes, moment: dt.datetime) -> None:
    stamp = moment.strftime("D:%Y%m%d%H%M%S+00'00'")
    stream = document.make_stream(xml)
    stream.Type = pikepdf.Name.EmbeddedFile
    stream.Subtype = pikepdf.Name("/text/xml")
    stream.Params = pikepdf.Dictionary(ModDate=pikepdf.String(stamp), Size=len(xml))
    spec = document.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Filespec,
            F=pikepdf.String(XML_FILE_NAME),
            UF=pikepdf.String(XML_FILE_NAME),
            Desc=pikepdf.String("Factur-X invoice (EN 16931)"),
            AFRelationship=pikepdf.Name.Alternative,
            EF=pikepdf.Dictionary(F=stream, UF=stream),
        )
    )
    names = document.Root.get("/Names") or pikepdf.Dictionary()
    names.EmbeddedFiles = pikepdf.Dictionary(
        Names=pikepdf.Array([pikepdf.String(XML_FILE_NAME), spec])
    )
    document.Root.Names = names
    document.Root.AF = pikepdf.Array([spec])


def _printable_annotations(document: pikepdf.Pdf) -> None:
    """PDF/A wants every annotation printed (flag 4) and none hidden."""
    for page in document.pages:
        for annotation in page.get("/Annots") or ():
            annotation.F = 4


def _xmp(info: HybridInfo, moment: dt.datetime) -> bytes:
    def q(prefix: str, name: str) -> str:
        return f"{{{NS[prefix]}}}{name}"

    meta = etree.Element(q("x", "xmpmeta"), nsmap={"x": NS["x"]})
    rdf = etree.SubElement(meta, q("rdf", "RDF"), nsmap={"rdf": NS["rdf"]})

    def description(*prefixes: str) -> etree._Element:
        element = etree.SubElement(
            rdf, q("rdf", "Description"), nsmap={p: NS[p] for p in prefixes}
        )
        element.set(q("rdf", "about"), "")
        return element

    def text(parent, prefix: str, name: str, value: str) -> None:
        etree.SubElement(parent, q(prefix, name)).text = clean(value)

    identification = description("pdfaid")
    text(identification, "pdfaid", "part", "3")
    text(identification, "pdfaid", "conformance", "B")

    dublin = description("dc")
    _alternative(dublin, q("dc", "title"), info.title, q)
    creator = etree.SubElement(etree.SubElement(dublin, q("dc", "creator")), q("rdf", "Seq"))
    etree.SubElement(creator, q("rdf", "li")).text = clean(info.author)
    if clean(info.subject):
        _alternative(dublin, q("dc", "description"), info.subject, q)

    stamp = moment.isoformat()
    basic = description("pdf", "xmp")
    text(basic, "pdf", "Producer", "FINQR Desktop")
    text(basic, "xmp", "CreatorTool", "FINQR Desktop")
    text(basic, "xmp", "CreateDate", stamp)
    text(basic, "xmp", "ModifyDate", stamp)

    facturx = description("fx")
    text(facturx, "fx", "DocumentType", "INVOICE")
    text(facturx, "fx", "DocumentFileName", XML_FILE_NAME)
    text(facturx, "fx", "Version", FX_VERSION)
    text(facturx, "fx", "ConformanceLevel", CONFORMANCE_LEVEL)

    _extension_schema(description("pdfaExtension", "pdfaSchema", "pdfaProperty"), q)
    packet = etree.tostring(meta, encoding="UTF-8")
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        + packet
        + b'\n<?xpacket end="w"?>'
    )


def _alternative(parent, tag: str, value: str, q) -> None:
    alt = etree.SubElement(etree.SubElement(parent, tag), q("rdf", "Alt"))
    item = etree.SubElement(alt, q("rdf", "li"))
    item.set("{http://www.w3.org/XML/1998/namespace}lang", "x-default")
    item.text = clean(value)


def _extension_schema(parent, q) -> None:
    """PDF/A accepts metadata outside its predefined schemas only when it is described."""
    bag = etree.SubElement(
        etree.SubElement(parent, q("pdfaExtension", "schemas")), q("rdf", "Bag")
    )
    schema = etree.SubElement(bag, q("rdf", "li"))
    schema.set(q("rdf", "parseType"), "Resource")
    etree.SubElement(schema, q("pdfaSchema", "schema")).text = "Factur-X PDFA Extension Schema"
    etree.SubElement(schema, q("pdfaSchema", "namespaceURI")).text = FX_NAMESPACE
    etree.SubElement(schema, q("pdfaSchema", "prefix")).text = "fx"
    properties = etree.SubElement(
        etree.SubElement(schema, q("pdfaSchema", "property")), q("rdf", "Seq")
    )
    for name, meaning in FX_PROPERTIES:
        item = etree.SubElement(properties, q("rdf", "li"))
        item.set(q("rdf", "parseType"), "Resource")
        etree.SubElement(item, q("pdfaProperty", "name")).text = name
        etree.SubElement(item, q("pdfaProperty", "valueType")).text = "Text"
        etree.SubElement(item, q("pdfaProperty", "category")).text = "external"
        etree.SubElement(item, q("pdfaProperty", "description")).text = meaning


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile from LittleCMS (through Pillow), marked as version 4.2.

    LittleCMS writes version 4.4 headers, newer than the ICC.1:2004-10 (4.2) that PDF 1.7,
    and so PDF/A-3, refers to; the tags it writes are the same in both. The header says 4.2
    and the profile ID (an MD5 over the profile, header fields zeroed) is computed again.
    """
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[8:12] = bytes((4, 0x20, 0, 0))
    hashed = bytearray(data)
    hashed[44:48] = bytes(4)
    hashed[64:68] = bytes(4)
    hashed[84:100] = bytes(16)
    data[84:100] = hashlib.md5(bytes(hashed), usedforsecurity=False).digest()
    return bytes(data)
