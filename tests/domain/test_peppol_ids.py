"""Peppol endpoint IDs: the schemes a Swedish ledger meets are checked to the check digit."""

import pytest

from finqr_desktop.domain.identifiers import IdentifierError
from finqr_desktop.domain.peppol_ids import endpoint_from_org_number, parse_endpoint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0007:5560360793", "0007:5560360793"),
        (" 0007 : 556036-0793 ", "0007:5560360793"),
        ("0088:7300010000001", "0088:7300010000001"),
        ("9955:SE556036079301", "9955:SE556036079301"),
        ("0192:974760673", "0192:974760673"),
        ("0204:991-12345-06", "0204:991-12345-06"),
        ("0208:0403.170.701", "0208:0403170701"),
    ],
)
def test_valid_endpoints_are_kept_in_compact_form(text, expected):
    assert str(parse_endpoint(text)) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("5560360793", "scheme:identifier"),
        ("0007:", "scheme:identifier"),
        ("1234:5560360793", "not one this ledger knows"),
        ("0007:5560360794", "Swedish organisation number"),
        ("0088:7300010000002", "GLN"),
        ("0088:123", "13 digits"),
        ("9955:SE556036079401", "Swedish VAT number"),
        ("0204:<script>", "letters, digits"),
        ("0208:0403170702", "Belgian enterprise number: .*checksum"),
        ("0208:BE0403170701", "without BE"),
        ("0208:04031707", "Belgian enterprise number"),
    ],
)
def test_invalid_endpoints_say_what_is_wrong(text, words):
    with pytest.raises(IdentifierError, match=words):
        parse_endpoint(text)


def test_a_swedish_org_number_is_the_default_address():
    assert str(endpoint_from_org_number("556036-0793")) == "0007:5560360793"
    assert endpoint_from_org_number("") is None
