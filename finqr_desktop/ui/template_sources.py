"""What the preview shows the design on: the sample invoice, or one of the issued ones.

The chosen document is read once into plain ``DocumentData`` (the worker never sees an
ORM object), and read again only when the choice or the ledger's invoices change.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ..documents.model import DocumentData
from ..documents.sample import sample_document
from ..services import documents, invoice_list
from ..storage.models import InvoiceRow
from .context import INVOICES, LedgerContext

logger = logging.getLogger(__name__)

RECENT = 40  # issued documents offered, newest first
SAMPLES = (
    ("sample:sv", QT_TRANSLATE_NOOP("PreviewSources", "Sample invoice (Swedish)")),
    ("sample:en", QT_TRANSLATE_NOOP("PreviewSources", "Sample invoice (English)")),
)


class PreviewSources(QWidget):
    changed = Signal()

    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self._document: DocumentData | None = None
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(24)
        self.combo.currentIndexChanged.connect(self._on_choice)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Preview with")))
        layout.addWidget(self.combo, 1)
        context.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        keep = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for key, text in SAMPLES:
            self.combo.addItem(self.tr(text), key)
        today = self.context.today()
        with self.context.reading() as session:
            ids = invoice_list.invoice_ids(session, invoice_list.ListQuery(), today)
            rows = invoice_list.list_rows(session, ids[: RECENT * 2], today)
        issued = [row for row in rows if row.number][:RECENT]
        for row in issued:
            kind = self.tr("Credit note") if row.kind == "credit_note" else self.tr("Invoice")
            self.combo.addItem(f"{kind} {row.number} — {row.customer_name}", row.id)
        index = self.combo.findData(keep)
        self.combo.setCurrentIndex(max(0, index))
        self.combo.blockSignals(False)
        self._document = None

    def choose(self, key: str | int) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(key)))

    def document(self) -> DocumentData | None:
        """The chosen document as plain values; None if it cannot be read."""
        if self._document is None:
            self._document = self._read(self.combo.currentData())
        return self._document

    def _read(self, key: str | int | None) -> DocumentData | None:
        if key is None or isinstance(key, str):
            return sample(self.context.today(), (key or "sample:sv").split(":")[1])
        try:
            with self.context.reading() as session:
                # The record stays inside this session; only the plain data leaves it.
                record = session.get(InvoiceRow, key)
                return documents.document_data(session, record) if record else None
        except Exception:  # noqa: BLE001 - a document that fails to load is not previewed
            logger.exception("document %s could not be read for the preview", key)
            return None

    def _on_choice(self) -> None:
        self._document = None
        self.changed.emit()

    def _on_changed(self, what: str) -> None:
        if what == INVOICES:
            self.reload()
            self.changed.emit()


def sample(today: dt.date, language: str) -> DocumentData:
    """The sample invoice issued today, so campaign dates apply as they would now."""
    return sample_document(
        10,
        language=language,
        issue_date=today,
        delivery_date=today - dt.timedelta(days=3),
        due_date=today + dt.timedelta(days=30),
    )
