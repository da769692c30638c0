"""The reminder the issue names, with every non-ASCII trap in it."""

from finqr_desktop.mail.html_body import html_body, text_body
from finqr_desktop.mail.message import build_message

SUBJECT = "Påminnelse: faktura 1001 från Åkesson & Söner's AB"
RECIPIENT = '"Berg, Åsa" <asa.berg@example.com>'
SENDER_NAME = "Åkesson & Söner's AB"
SENDER_ADDRESS = "faktura@akesson.example"
REPLY_TO = ("Eva Ek, ekonomi", "eva.ek@akesson.example")
FILENAME = "Påminnelse_1001.pdf"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PARAGRAPHS = [
    "Hej Åsa,",
    "Vi har ännu inte fått betalt för faktura 1001 (1 250,00 kr).\nVänligen betala <snarast>.",
]


def reminder(**changes):
    values = {
        "sender_name": SENDER_NAME,
        "sender_address": SENDER_ADDRESS,
        "to": [RECIPIENT],
        "reply_to": REPLY_TO,
        "subject": SUBJECT,
        "text": text_body(PARAGRAPHS, heading="Påminnelse"),
        "html": html_body(PARAGRAPHS, heading="Påminnelse"),
        "attachments": [(FILENAME, PDF, "application/pdf")],
        "message_id_domain": "akesson.example",
    }
    return build_message(**(values | changes))
