"""Building the portal from a ledger: one page per customer with documents, each holding
that customer's figures and nothing of anyone else's."""

from __future__ import annotations

import re

from sqlalchemy import select

from finqr_desktop.services import portal_publish, portal_settings, portal_tokens
from finqr_desktop.services.documents import archived_pdf
from finqr_desktop.storage.models import InvoiceRow
from tests.documents.reading import all_text

from .ledger import HOSTILE, TODAY, portal_ledger, tokens


def _page(site, token: str) -> str:
    return site.files[f"{token}/index.html"].decode("utf-8")


def test_one_page_per_customer_with_documents_and_none_for_the_others(ledger):
    built = portal_ledger(ledger)
    site = portal_publish.build(ledger, TODAY)
    given = tokens(ledger)

    assert site.pages == 3
    assert given["1004"] is None
    folders = {path.split("/")[0] for path in site.files if "/" in path}
    assert folders == {given["1001"], given["1002"], given["1003"]}
    assert all(len(token) >= 32 for token in folders)
    robots = site.files["robots.txt"].decode()
    assert "Disallow: /" in robots
    assert given["1001"] not in site.files["index.html"].decode()
    for number, documents in built.numbers.items():
        page = _page(site, given[number])
        for other, theirs in built.numbers.items():
            for document in theirs:
                if other != number and document not in documents:
                    assert document not in page, (number, document)


def test_a_page_shows_the_figures_pdfs_payments_reminders_and_faq(ledger):
    built = portal_ledger(ledger)
    site = portal_publish.build(ledger, TODAY)
    token = tokens(ledger)["1001"]
    page = _page(site, token)

    assert '<html lang="sv">' in page
    assert 'content="noindex' in page
    assert "<script" not in page
    # 12 012,59 kr issued, 5 000 paid on the second invoice.
    assert "7\u00a0012,59\u00a0kr" in page
    assert "5\u00a0000,00\u00a0kr" in page
    assert "Förfallen" in page  # due on 2 December, partly paid
    assert "Påminnelse 1" in page and "2026-11-15" in page
    assert page.index("Hur betalar jag?") < page.index("Vem svarar?")
    assert "How do I pay?" not in page
    assert "<svg" in page and "QR-kod för betalning av faktura" in page
    assert "faktura@exempel.se" in page
    with ledger.reading() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == built.paid_invoice))
        archived = archived_pdf(session, record.id)
    assert site.files[f"{token}/Faktura_{built.paid_invoice}.pdf"] == archived


def test_english_customer_gets_english_and_sees_the_credit_note(ledger):
    built = portal_ledger(ledger)
    site = portal_publish.build(ledger, TODAY)
    token = tokens(ledger)["1002"]
    page = _page(site, token)

    assert '<html lang="en">' in page
    assert "Credit notes" in page and built.credit_note in page
    assert "Credited" in page
    assert "How do I pay?" in page and "Hur betalar jag?" not in page
    assert f"{token}/Credit_note_{built.credit_note}.pdf" in site.files
    assert "SEK\u00a012,012.59" in page


def test_hostile_text_is_escaped_everywhere(ledger):
    portal_ledger(ledger)
    site = portal_publish.build(ledger, TODAY)
    page = _page(site, tokens(ledger)["1003"])

    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") >= 3  # name, address, FAQ
    assert HOSTILE not in page


def test_rotating_gives_a_new_token_and_the_site_drops_the_old_folder(ledger):
    portal_ledger(ledger)
    portal_publish.build(ledger, TODAY)
    old = tokens(ledger)["1001"]
    with ledger.writing() as session:
        new = portal_tokens.rotate_token(session, "1001")
    site = portal_publish.build(ledger, TODAY)

    assert new != old and len(new) >= 32
    assert not any(path.startswith(old) for path in site.files)
    assert f"{new}/index.html" in site.files


def test_documents_and_mails_carry_the_portal_address_once_it_is_set(ledger):
    from tests.services.helpers import issue_new

    with ledger.writing() as session:
        portal_settings.save_settings(
            session, portal_settings.PortalSettings(base_url="https://kund.exempel.se/portal")
        )
    number = issue_new(ledger)
    token = tokens(ledger)["1001"]
    with ledger.reading() as session:
        record = session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        text = all_text(archived_pdf(session, record.id))
    address = f"https://kund.exempel.se/portal/{token}/"
    assert "Din kundsida" in text
    assert re.sub(r"\s+", "", text).count(address) == 1
