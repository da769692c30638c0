"""The invoice PDF, the invoice e-mail and reminders carry the customer's portal address
once the portal has one, and say nothing of it before."""

from __future__ import annotations

import datetime as dt

from finqr_desktop.domain.reminder_policy import placeholder_errors, render
from finqr_desktop.services import portal_settings
from finqr_desktop.services.scheduler import send_due
from tests.services.test_invoice_mail import issue
from tests.services.test_mail_preview import configure, overdue
from tests.services.test_scheduler import NOW

from .ledger import tokens


def _portal_address(database, base="https://kund.exempel.se") -> None:
    with database.writing() as session:
        portal_settings.save_settings(session, portal_settings.PortalSettings(base_url=base))


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_invoice_e_mail_links_the_customer_page(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    _portal_address(ledger)
    issue(ledger)

    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1
    body = _body(handler.received[0].message)
    address = f"https://kund.exempel.se/{tokens(ledger)['1001']}/"
    assert f"Alla dina fakturor och betalningar finns på din kundsida: {address}" in body
    # The line comes before the signature paragraph.
    assert f"{address}\r\n\r\nExempel Handel AB\r\n\r\n-- " in body


def test_without_a_portal_address_no_line_and_no_token(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    issue(ledger)

    assert send_due(ledger, now=NOW, owner="test", password=None).sent == 1
    assert "kundsida" not in _body(handler.received[0].message)
    assert tokens(ledger)["1001"] is None


def test_a_reminder_carries_the_address(ledger, smtp):
    controller, handler = smtp()
    configure(ledger, controller.port)
    _portal_address(ledger)
    overdue(ledger)

    report = send_due(ledger, now=dt.datetime(2026, 12, 4, 9, tzinfo=dt.UTC), owner="t",
                      password=None)  # fmt: skip
    assert report.sent == 1
    body = _body(handler.received[0].message)
    assert body.count(f"https://kund.exempel.se/{tokens(ledger)['1001']}/") == 1


def test_portal_url_is_a_placeholder_a_policy_text_may_use():
    assert placeholder_errors("Se {portal_url}") == []
    values = {"invoice_number": "1", "amount_due": "", "due_date": "", "pay_by": "",
              "payment_details": "", "company": ""}  # fmt: skip
    assert render("Se {portal_url}.", values) == "Se ."
    assert render("Se {portal_url}.", {**values, "portal_url": "https://x/"}) == "Se https://x/."
