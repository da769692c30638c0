"""The message written as bytes reads back as what was given, in any text, within limits."""

from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser

from hypothesis import given, settings
from hypothesis import strategies as st

from finqr_desktop.mail.message import compose

# Names and subjects as clerks type them: letters of any script, digits, punctuation and
# spaces, but no line breaks or control characters (those are refused before writing).
TEXT = (
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\t"),
        min_size=1,
        max_size=120,
    )
    .map(lambda value: " ".join(value.split()))
    .filter(lambda value: "=?" not in value and value)
)


def written(**changes) -> bytes:
    values = {
        "sender_name": "Exempel Handel AB",
        "sender_address": "faktura@exempel.se",
        "to": [("Berg, Åsa", "asa.berg@example.com")],
        "subject": "Påminnelse",
        "text": "Hej",
        "html": "<p>Hej</p>",
        "attachments": [("Påminnelse_1001.pdf", b"%PDF-1.4 " * 400, "application/pdf")],
    }
    return compose(**(values | changes)).data


def read(data: bytes):
    return BytesParser(policy=policy.default).parsebytes(data)


def assert_wire_form(data: bytes) -> None:
    data.decode("ascii")  # 7-bit: no server needs 8BITMIME
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert max(len(line) for line in data.split(b"\r\n")) <= 78


@settings(max_examples=60, deadline=None)
@given(subject=TEXT, text=st.text(max_size=400))
def test_any_subject_and_text_read_back_exactly(subject, text):
    data = written(subject=subject, text=text)

    assert_wire_form(data)
    message = read(data)
    assert str(message["Subject"]) == subject
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.rstrip("\n") == normalised.rstrip("\n")


@settings(max_examples=60, deadline=None)
@given(name=TEXT)
def test_any_display_name_reads_back_as_rfc_2047_says(name):
    data = written(to=[(name, "kund@example.com")], sender_name=name)

    assert_wire_form(data)
    message = read(data)
    (to,) = message["To"].addresses
    assert to.addr_spec == "kund@example.com"
    # The email package's address parser keeps the space between two adjacent encoded
    # words, which RFC 2047 says a reader drops; decode_header follows the RFC.
    header = data.split(b"\r\nTo: ", 1)[1].split(b"\r\nReply-To", 1)[0].split(b"\r\nSubject")[0]
    phrase = header.decode().replace("\r\n", "").rsplit(" <", 1)[0]
    decoded = str(make_header(decode_header(phrase)))
    if name.isascii() and decoded.startswith('"'):  # quoted, not encoded
        decoded = decoded[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    assert decoded == name


def test_words_longer_than_a_line_are_encoded_and_split():
    word = "Bokföringsbyrå" + "x" * 90
    data = written(subject=f"Faktura {word}", to=[("A" * 100, "kund@example.com")])

    assert_wire_form(data)
    message = read(data)
    assert str(message["Subject"]) == f"Faktura {word}"
    header = data.split(b"\r\nTo: ", 1)[1].split(b"\r\nReply-To", 1)[0].split(b"\r\nSubject")[0]
    phrase = header.decode().replace("\r\n", "").rsplit(" <", 1)[0]
    assert str(make_header(decode_header(phrase))) == "A" * 100


def test_a_long_name_and_several_recipients_fold_within_the_line_limit():
    long_name = "Ett mycket långt namn på en kund som har många ord i namnet Aktiebolag"
    data = written(
        to=[(long_name, "x@åkesson.se"), ("Berg, Åsa", "asa@example.com"), ("", "per@b.se")],
    )

    assert_wire_form(data)
    addresses = read(data)["To"].addresses
    assert [a.display_name for a in addresses] == [long_name, "Berg, Åsa", ""]
    assert [a.addr_spec for a in addresses] == [
        "x@xn--kesson-hua.se",
        "asa@example.com",
        "per@b.se",
    ]


def test_a_long_file_name_is_continued_per_rfc_2231():
    name = "Påminnelse för faktura 2026-000123 till Ett mycket långt kundnamn AB.pdf"
    data = written(attachments=[(name, b"%PDF-1.4", "application/pdf")])

    assert_wire_form(data)
    assert b"filename*0*=utf-8''" in data and b"filename*1*=" in data
    (attachment,) = read(data).iter_attachments()
    assert attachment.get_filename() == name
    assert attachment.get_content() == b"%PDF-1.4"


def test_a_plain_ascii_file_name_is_quoted():
    data = written(attachments=[('Invoice "1001".pdf', b"%PDF", "application/pdf")])

    assert b'filename="Invoice \\"1001\\".pdf"' in data
    (attachment,) = read(data).iter_attachments()
    assert attachment.get_filename() == 'Invoice "1001".pdf'


def test_without_html_or_attachments_the_message_is_one_text_part():
    data = written(html="", attachments=[])

    message = read(data)
    assert message.get_content_type() == "text/plain"
    assert message.get_content().strip() == "Hej"
    assert_wire_form(data)
