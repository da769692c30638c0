"""The Reports menu's dialogs for a customer statement and the aging report.

Each saves a PDF or CSV through ``SavingDialog``: the figures are built in the worker's own
session, from the plain values the dialog read (a customer number, dates).
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from ..domain.errors import RuleViolation
from ..services import ui_queries
from ..services.aging_files import aging_csv, aging_pdf, aging_report
from ..services.customers import find_customer
from ..services.statement import customer_statement
from ..services.statement_files import statement_csv, statement_pdf
from .context import LedgerContext
from .report_saving import SavingDialog, date_edit, picked

logger = logging.getLogger(__name__)

PDF = "PDF (*.pdf)"
CSV = "CSV (*.csv)"


def _statement_of(session, number: str, start: dt.date, end: dt.date):
    customer = find_customer(session, number)
    if customer is None:
        raise RuleViolation(f"no customer {number}")
    return customer_statement(session, customer.id, start, end)


class StatementDialog(SavingDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Customer statement"))
        today = context.today()
        self.customer = QComboBox()
        with context.reading() as session:
            for choice in ui_queries.customer_choices(session):
                self.customer.addItem(f"{choice.number}  {choice.name}", choice.number)
        # The last whole month: what a statement is most often asked for.
        last = today.replace(day=1) - dt.timedelta(days=1)
        self.start = date_edit(last.replace(day=1))
        self.end = date_edit(last)
        self.save_pdf = QPushButton(self.tr("Save PDF…"))
        self.save_csv = QPushButton(self.tr("Save CSV…"))
        self.save_pdf.clicked.connect(lambda: self.save_statement("pdf"))
        self.save_csv.clicked.connect(lambda: self.save_statement("csv"))
        self.save_pdf.setEnabled(self.customer.count() > 0)
        self.save_csv.setEnabled(self.customer.count() > 0)

        form = QFormLayout()
        form.addRow(self.tr("Customer"), self.customer)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        _layout(self, form, self.save_pdf, self.save_csv)

    def save_statement(self, kind: str) -> bool:
        number = self.customer.currentData()
        start, end = picked(self.start), picked(self.end)
        if end < start:
            self.status.setText(self.tr("The period ends before it starts."))
            return False
        name = f"statement-{number}-{start.isoformat()}-{end.isoformat()}.{kind}"

        def build(session) -> bytes:
            statement = _statement_of(session, number, start, end)
            return statement_pdf(session, statement) if kind == "pdf" else statement_csv(statement)

        title = self.tr("Save the statement")
        return self.save(title, PDF if kind == "pdf" else CSV, name, build)


class AgingDialog(SavingDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("Aging report"))
        self.day = date_edit(context.today())
        self.save_pdf = QPushButton(self.tr("Save PDF…"))
        self.save_csv = QPushButton(self.tr("Save CSV…"))
        self.save_pdf.clicked.connect(lambda: self.save_aging("pdf"))
        self.save_csv.clicked.connect(lambda: self.save_aging("csv"))
        form = QFormLayout()
        form.addRow(self.tr("As of"), self.day)
        _layout(self, form, self.save_pdf, self.save_csv)

    def save_aging(self, kind: str) -> bool:
        day = picked(self.day)

        def build(session) -> bytes:
            report = aging_report(session, day)
            return aging_pdf(session, report) if kind == "pdf" else aging_csv(report)

        name = f"aging-{day.isoformat()}.{kind}"
        return self.save(
            self.tr("Save the aging report"), PDF if kind == "pdf" else CSV, name, build
        )


def _layout(dialog: SavingDialog, form: QFormLayout, *buttons: QPushButton) -> None:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addLayout(row)
    layout.addWidget(dialog.status)
    layout.addWidget(close)
