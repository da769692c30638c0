"""Importing a bank file from the GUI: the preview first (nothing written), then one
commit; a broken file shows its line and writes nothing; a shared sample previews whole."""

from __future__ import annotations

from decimal import Decimal

import pytest

from finqr_desktop.banking import read_bank_file
from finqr_desktop.services.reminder_queue import queue
from finqr_desktop.ui.payments_page import PaymentsPage

from ..banking.bgmax_builder import Payment, bgmax_file, name
from ..banking.samples import sample_params
from .payments_helpers import Announcements, invoice_row, overdue_invoice, payment_count


@pytest.fixture
def page(qtbot, context):
    widget = PaymentsPage(context)
    qtbot.addWidget(widget)
    yield widget
    widget.wait()


def previewed(qtbot, page, path):
    dialog = page.import_file(path)
    qtbot.waitUntil(lambda: not dialog.worker.busy)
    return dialog


def test_the_preview_writes_nothing_and_import_commits_it(qtbot, page, ledger, today, tmp_path):
    paid = overdue_invoice(ledger)
    other = overdue_invoice(ledger, customer="1002")
    path = tmp_path / "bgmax.txt"
    path.write_bytes(
        bgmax_file(
            [
                Payment(int(paid.total * 100), reference=paid.ocr),
                Payment(
                    12345,
                    reference="no such ref",
                    reference_code="3",
                    details=[name("Okänd Betalare AB")],
                ),
            ]  # fmt: skip
        )
    )
    heard = Announcements(page.context)

    dialog = previewed(qtbot, page, path)
    assert dialog.preview is not None and dialog.progress.value() == dialog.progress.maximum()
    assert [line.outcome for line in dialog.preview.lines][0] == "matched"
    assert dialog.preview.lines[1].outcome == "unmatched"  # nothing to match or suggest
    assert dialog.model.rowCount() == 2
    assert "2 payments: 1 matched" in dialog.summary.text()
    assert "Sums:" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    assert payment_count(ledger) == 0 and invoice_row(ledger, paid.id).paid_minor == 0

    dialog.commit()
    qtbot.waitUntil(lambda: not dialog.worker.busy)
    assert dialog.imported is not None and dialog.imported.import_id is not None
    assert payment_count(ledger) == 2
    assert invoice_row(ledger, paid.id).paid_minor == invoice_row(ledger, paid.id).total_minor
    assert invoice_row(ledger, other.id).paid_minor == 0
    assert {"invoices", "reminders"} <= set(heard.seen)
    assert page.model.rowCount() == 2
    with ledger.reading() as session:
        assert paid.id not in {item.invoice_id for item in queue(session, today)}

    page.unmatched_only.setChecked(True)
    assert page.model.rowCount() == 1
    assert page.model.row_at(0).amount == Decimal("123.45")


def test_a_broken_file_shows_its_line_and_writes_nothing(qtbot, page, ledger, tmp_path):
    invoice = overdue_invoice(ledger)
    lines = bgmax_file([Payment(int(invoice.total * 100), reference=invoice.ocr)]).split(b"\r\n")
    # The deposit record (TK15) claims another sum than its payments add up to.
    deposit = next(i for i, line in enumerate(lines) if line.startswith(b"15"))
    lines[deposit] = lines[deposit][:50] + b"000000000000000001" + lines[deposit][68:]
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\r\n".join(lines))

    dialog = previewed(qtbot, page, path)
    assert dialog.preview is None
    assert dialog.status.text().startswith(f"Line {deposit + 1}: ")
    assert dialog.status.text().endswith("Nothing was imported.")
    assert not dialog.import_button.isEnabled()
    dialog.commit()
    assert not dialog.worker.busy
    assert payment_count(ledger) == 0 and invoice_row(ledger, invoice.id).paid_minor == 0


def test_the_same_file_twice_offers_nothing_to_import(qtbot, page, ledger, tmp_path):
    invoice = overdue_invoice(ledger)
    path = tmp_path / "once.txt"
    path.write_bytes(bgmax_file([Payment(1000, reference=invoice.ocr)]))
    first = previewed(qtbot, page, path)
    first.commit()
    qtbot.waitUntil(lambda: not first.worker.busy)
    assert payment_count(ledger) == 1

    again = previewed(qtbot, page, path)
    assert again.preview.already_imported is not None
    assert not again.import_button.isEnabled()
    assert "imported on" in again.notes.text()
    assert payment_count(ledger) == 1


@pytest.mark.parametrize("sample", sample_params("bgmax")[:1] + sample_params("camt")[:1])
def test_a_shared_sample_previews_every_payment(qtbot, page, ledger, sample):
    bank_file = read_bank_file(sample.read_bytes())
    dialog = previewed(qtbot, page, sample)
    assert dialog.preview is not None, dialog.status.text()
    assert dialog.model.rowCount() == len(bank_file.payments)
    assert dialog.preview.sums == {c: str(t) for c, t in bank_file.sums().items()}
    assert payment_count(ledger) == 0
