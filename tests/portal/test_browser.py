"""The built pages in a real headless Chromium: the right figures, nothing of another
customer, hostile text shown as text, readable on a phone, and axe-core's WCAG 2 A/AA
rules without a serious or critical violation, even with a too-light brand colour."""

from __future__ import annotations

import dataclasses

import pytest

from finqr_desktop.services import portal_publish
from finqr_desktop.services.templates import current_design, save_design

from .browser import SiteServer, chromium, require_browser
from .ledger import HOSTILE, TODAY, portal_ledger, tokens

pytestmark = pytest.mark.slow


@pytest.fixture
def site(ledger, tmp_path):
    require_browser()
    built = portal_ledger(ledger)
    with ledger.writing() as session:
        template_id, design = current_design(session)
        # Too light for text on white: the portal must darken them to pass AA.
        light = dataclasses.replace(design, primary="#A8DADC", accent="#F4A261")
        save_design(session, template_id, light)
    portal_publish.write_folder(portal_publish.build(ledger, TODAY), tmp_path / "www")
    server = SiteServer(tmp_path / "www")
    yield built, tokens(ledger), server.base
    server.stop()


@pytest.fixture
def page():
    require_browser()
    with chromium() as opened:
        yield opened


def test_each_page_shows_its_own_documents_and_no_one_elses(site, page):
    built, given, base = site
    for number, documents in built.numbers.items():
        page.goto(f"{base}{given[number]}/")
        text = page.inner_text("body")
        for document in documents:
            assert document in text, (number, document)
        others = {d for n, ds in built.numbers.items() if n != number for d in ds}
        for document in others - set(documents):
            assert document not in text, (number, document)


def test_the_figures_are_the_ledgers(site, page):
    built, given, base = site
    page.goto(f"{base}{given['1001']}/")
    row = page.locator(
        "section table tbody tr", has=page.locator(f"th:text-is('{built.paid_invoice}')")
    )
    # The figures keep their no-break spaces, so "12 012,59 kr" never breaks apart.
    cells = [cell.replace("\xa0", " ") for cell in row.locator("td").all_inner_texts()]
    assert cells[2:6] == ["12 012,59 kr", "5 000,00 kr", "7 012,59 kr", "Förfallen"]
    summary = page.inner_text("p.summary").replace("\xa0", " ")
    assert summary == "Att betala nu: 19 025,18 kr"
    assert page.locator("svg.qr[role=img]").count() == 2
    with page.expect_response(lambda response: response.url.endswith(".pdf")) as answer:
        page.get_by_role("link", name=f"PDF {built.paid_invoice}").click()
    assert answer.value.ok
    assert answer.value.url.endswith(f"/{given['1001']}/Faktura_{built.paid_invoice}.pdf")


def test_hostile_text_shows_as_text_and_runs_nothing(site, page):
    _, given, base = site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{base}{given['1003']}/")

    assert HOSTILE in page.inner_text("header p")
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.querySelectorAll('[onerror]').length") == 0
    assert dialogs == []


def test_the_root_page_and_robots_txt_reveal_no_customer(site, page):
    _, given, base = site
    page.goto(base)
    assert all(token not in page.content() for token in given.values() if token)
    robots = page.goto(f"{base}robots.txt")
    assert "Disallow: /" in robots.text()


def test_a_phone_reads_the_page_without_sideways_scrolling(site):
    _, given, base = site
    with chromium(390, 844) as phone:
        phone.goto(f"{base}{given['1002']}/")
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_axe_finds_no_serious_violation(site, page):
    from axe_playwright_python.sync_playwright import Axe

    _, given, base = site
    axe = Axe()
    for number in ("1001", "1002", "1003"):
        page.goto(f"{base}{given[number]}/")
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
        )
        serious = [
            v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
        ]
        assert serious == [], results.generate_report()
        assert any(rule["id"] == "color-contrast" for rule in results.response["passes"])
