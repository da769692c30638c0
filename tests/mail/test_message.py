"""The message as a mail client will parse it: names, subject, parts, attachment."""

from email import policy
from email.parser import BytesParser

import pytest

from finqr_desktop.mail.html_body import html_body, text_body
from finqr_desktop.mail.message import build_message

from .samples import FILENAME, PDF, RECIPIENT, SUBJECT, reminder


def parsed(message):
    return BytesParser(policy=policy.default).parsebytes(message.as_bytes())


def test_headers_decode_to_exactly_what_was_given():
    message = parsed(reminder())

    assert message["Subject"] == SUBJECT
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Berg, Åsa", "asa.berg@example.com")
    (reply_to,) = message["Reply-To"].addresses
    assert (reply_to.display_name, reply_to.addr_spec) == (
        "Eva Ek, ekonomi",
        "eva.ek@akesson.example",
    )
    assert message["From"].addresses[0].display_name == "Åkesson & Söner's AB"
    assert message["Message-ID"].endswith("@akesson.example>")
    assert message["Date"].datetime is not None


def test_the_wire_form_is_seven_bit_and_the_file_name_uses_rfc_2231():
    raw = reminder().as_bytes()

    raw.decode("ascii")
    assert b"filename*=utf-8''P%C3%A5minnelse_1001.pdf" in raw
    assert b"\r\n" in raw


def test_text_html_and_pdf_parts():
    message = parsed(reminder())

    assert message.get_content_type() == "multipart/mixed"
    assert "fått betalt" in message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "fått betalt" in html and "&lt;snarast&gt;" in html
    (attachment,) = message.iter_attachments()
    assert attachment.get_filename() == FILENAME
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF


def test_recipients_as_pairs_and_several_of_them():
    message = parsed(reminder(to=[("Berg, Åsa", "asa.berg@example.com"), "per@åkesson.se"]))

    assert [a.addr_spec for a in message["To"].addresses] == [
        "asa.berg@example.com",
        "per@xn--kesson-hua.se",
    ]


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"to": []}, "to:"),
        ({"to": ["asa@example.com, per@example.com"]}, "not one recipient"),
        ({"to": ["Berg, Åsa <asa.berg@example.com>"]}, "not one recipient"),
        ({"to": ["nobody"]}, "not an e-mail address"),
        ({"subject": "two\nlines"}, "subject:"),
        ({"attachments": [(FILENAME, PDF, "pdf")]}, "attachments:"),
        ({"attachments": [(FILENAME, PDF, "application/pdf\r\nBcc: x@y.se")]}, "MIME type"),
        ({"attachments": [("a.pdf\r\nBcc: x@y.se", PDF, "application/pdf")]}, "file name"),
        ({"sender_name": "Eva\nBcc: x@y.se"}, "line breaks"),
        # An encoded word the recipient's program would decode into "Bcc: evil@x.se".
        ({"sender_name": "=?utf-8?b?QmNjOiBldmlsQHguc2U=?="}, "encoded e-mail word"),
        ({"to": [("=?utf-8?q?Bcc:_evil@x.se?=", "asa@example.com")]}, "encoded e-mail word"),
    ],
)
def test_bad_input_is_a_value_error(changes, why):
    with pytest.raises(ValueError, match=why):
        reminder(**changes)


def test_the_message_id_defaults_to_the_sender_domain():
    message = build_message(
        sender_name="",
        sender_address="faktura@exempel.se",
        to=[RECIPIENT],
        subject="Hej",
        text="Hej",
    )

    assert message["Message-ID"].endswith("@exempel.se>")
    assert message.get_content_type() == "text/plain"


def test_the_html_body_is_escaped_self_contained_and_in_the_brand_colours():
    html = html_body(
        ['<script>alert("x")</script>', "rad ett\nrad två"],
        heading="Faktura & påminnelse",
        footer=["Exempel Handel AB", "Bankgiro 5402-9681"],
        primary="#123456",
        accent="#ABCDEF",
        language="sv",
    )

    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "rad ett<br>rad två" in html
    assert "color:#123456" in html and "#ABCDEF" in html
    assert '<html lang="sv">' in html and 'role="presentation"' in html
    assert "http" not in html and "<img" not in html and "src=" not in html


def test_a_colour_that_is_not_rrggbb_is_refused():
    with pytest.raises(ValueError, match="primary"):
        html_body(["x"], primary="red;background:url(http://x)")


def test_the_text_body_has_the_same_words():
    text = text_body(["Hej,", "betala."], heading="Påminnelse", footer=["Exempel AB"])

    assert text == "Påminnelse\n\nHej,\n\nbetala.\n\n-- \nExempel AB\n"
