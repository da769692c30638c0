"""The exchange-rate table behind the dashboard's conversions: add a rate from a day,
remove one. Each change is one transaction, announced so the dashboard recomputes."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..domain.date_text import format_day
from ..domain.errors import ValidationFailed
from ..domain.number_text import format_decimal_plain, parse_decimal_input
from ..services import exchange_rates
from . import theme
from .context import LedgerContext
from .dashboard_tables import fill, new_table
from .locale_text import qt_date_format
from .message_text import error_text

logger = logging.getLogger(__name__)

RATES = "exchange_rates"


class ExchangeRatesDialog(QDialog):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Exchange rates"))
        self.resize(520, 420)
        self.rates: list[exchange_rates.EnteredRate] = []
        with context.reading() as session:
            home = exchange_rates.company_currency(session)
        explanation = QLabel(
            self.tr("Amounts in other currencies are shown in {home} at the rate in force on "
                    "the figures' day: the newest of these rows and of the rates payments in "
                    "another currency were booked at, from that day or earlier. A row from a "
                    "later day is used from that day on.").format(home=home)
        )  # fmt: skip
        explanation.setWordWrap(True)
        self.table = new_table([self.tr("Currency"), self.tr("From"), self.tr("Rate")])
        self.currency = QLineEdit()
        self.currency.setPlaceholderText("EUR")
        self.currency.setMaxLength(3)
        self.currency.setFixedWidth(60)
        today = context.today()
        self.valid_from = QDateEdit(QDate(today.year, today.month, today.day))
        self.valid_from.setCalendarPopup(True)
        self.valid_from.setDisplayFormat(qt_date_format(context.locale))
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(self.tr("{home} per unit").format(home=home))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.problem = QLabel()
        theme.tint(self.problem, theme.ERROR)
        self.problem.setWordWrap(True)

        entry = QHBoxLayout()
        for widget in (self.currency, self.valid_from, self.rate, self.add_button):
            entry.addWidget(widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(self.remove_button)
        layout.addLayout(entry)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        with self.context.reading() as session:
            self.rates = exchange_rates.entered_rates(session)
        locale = self.context.locale
        fill(self.table, [[r.currency, format_day(r.valid_from, locale),
                           format_decimal_plain(r.rate, locale)] for r in self.rates],
             right=(2,))  # fmt: skip

    def add(self) -> bool:
        self.problem.clear()
        chosen = self.valid_from.date()
        day = dt.date(chosen.year(), chosen.month(), chosen.day())
        try:
            rate = parse_decimal_input(self.rate.text(), self.context.locale)
        except ValueError as error:
            self.problem.setText(self.tr("Rate: {reason}").format(reason=error_text(error)))
            return False
        try:
            with self.context.writing() as session:
                exchange_rates.add_rate(session, self.currency.text(), day, rate)
        except ValidationFailed as failure:
            self.problem.setText(error_text(failure))
            return False
        self.rate.clear()
        self._changed()
        return True

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rates):
            return
        chosen = self.rates[row]
        with self.context.writing() as session:
            exchange_rates.remove_rate(session, chosen.currency, chosen.valid_from)
        self._changed()

    def _changed(self) -> None:
        self.reload()
        self.context.announce(RATES)
