"""The Dashboard: what is owed, when it should arrive, and who is late, at a glance.

All figures are computed together off the GUI thread (services.dashboard, one snapshot per
refresh) when the page is shown and after any announced change while it is visible; a
change while hidden only marks it stale, so typing invoices never waits for figures
nobody looks at. Clicking a bar or an aging row lists the invoices behind it, read with
the snapshot's own rates and payment delays so the list matches the bar.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.date_text import format_day
from ..services import aging as aging_service
from ..services import forecast as forecast_service
from ..services.dashboard import DashboardFigures, dashboard_figures
from . import dashboard_text as text
from .background_call import BackgroundCall
from .context import LedgerContext
from .dashboard_charts import AgingChart, ForecastChart
from .dashboard_rates import ExchangeRatesDialog
from .dashboard_tables import (
    InvoiceList,
    aging_table,
    late_payers_table,
    reminder_table,
    show_aging,
    show_late_payers,
    show_reminders,
)
from .invoice_view import InvoiceView
from .labels import invoice_count

logger = logging.getLogger(__name__)


class FigureCard(QFrame):
    """One headline figure: a caption, the amount, and a note on how it was made."""

    def __init__(self, caption: str, tip: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tip)
        self.caption = QLabel(caption)
        self.value = QLabel("–")
        self.value.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-size: 8.5pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_figure(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class DashboardPage(QWidget):
    def __init__(self, context: LedgerContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.figures: DashboardFigures | None = None
        self.dialog: QDialog | None = None
        # What the list below shows, ("bucket", key) or ("week", index): listed again from
        # each new snapshot, so it never shows what a payment has since changed.
        self.listed: tuple[str, object] | None = None
        self.stale = True
        self.again = False
        self.worker = BackgroundCall(self)
        self.worker.done.connect(self._computed)

        title = QLabel(self.tr("Dashboard"))
        title.setObjectName("pageTitle")
        self.status = QLabel()
        self.rates_button = QPushButton(self.tr("Exchange rates…"))
        self.rates_button.clicked.connect(self.open_rates)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.rates_button)

        self.empty = QLabel(
            self.tr("Nothing to show yet. Issue your first invoice under Invoices (or open the "
                    "demo company from the File menu): this page then shows what customers "
                    "owe, what is overdue, when the money should arrive and who pays late.")
        )  # fmt: skip
        self.empty.setWordWrap(True)
        self.empty.setMaximumWidth(640)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.content = self._content()
        self.stack.addWidget(self.content)
        # Until the first figures arrive the page says it is computing them, not that the
        # ledger is empty.
        self.waiting = QLabel(self.tr("Computing the figures…"))
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.stack.addWidget(self.waiting)
        self.stack.setCurrentWidget(self.waiting)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        context.changed.connect(self._on_changed)

    def _content(self) -> QWidget:
        self.cards = {
            "outstanding": FigureCard(self.tr("Outstanding"),
                                      self.tr("Still owed on every issued invoice.")),
            "overdue": FigureCard(self.tr("Overdue"),
                                  self.tr("Still owed on invoices past their due date.")),
            "due_soon": FigureCard(self.tr("Due in the next 7 days"),
                                   self.tr("Falling due today or in the six days after.")),
            "dso": FigureCard(self.tr("DSO, last 90 days"),
                              self.tr("Days sales outstanding: what is owed now over what was "
                                      "invoiced in the last 90 days, times 90.")),
            "delivery": FigureCard(self.tr("Delivery to invoice"),
                                   self.tr("Average days from delivery date to invoice date, "
                                           "invoices of the last 90 days. Lower is better: "
                                           "send it at once.")),
        }  # fmt: skip
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        self.forecast_chart = ForecastChart()
        self.forecast_chart.setMinimumHeight(380)
        self.forecast_chart.week_clicked.connect(self.list_week)
        self.aging_chart = AgingChart()
        self.aging_chart.bucket_clicked.connect(self.list_bucket)
        self.aging_table = aging_table()
        self.aging_table.cellClicked.connect(self._aging_row_clicked)
        self.invoices = InvoiceList()
        self.invoices.open_requested.connect(self.open_invoice)
        self.late_payers = late_payers_table()
        self.reminders = reminder_table()

        grid = QGridLayout()
        grid.addWidget(self.aging_chart, 0, 0)
        grid.addWidget(self.aging_table, 0, 1)
        grid.addWidget(self._titled(self.tr("Top 10 late payers"), self.late_payers), 1, 0)
        grid.addWidget(self._titled(self.tr("Reminder effect, last 90 days"), self.reminders),
                       1, 1)  # fmt: skip
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(cards)
        layout.addWidget(self.forecast_chart)
        layout.addLayout(grid)
        layout.addWidget(self.invoices)
        layout.addStretch(1)  # extra height goes below, not into the cards
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: 600;")
        layout.addWidget(heading)
        layout.addWidget(widget)
        return box

    # Refreshing

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _on_changed(self, _what: str) -> None:
        # Payments, issuing, credits, rates and the company all move some figure.
        self.stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Recompute every figure on a worker thread; a request while one runs is kept and
        run once it ends, so the screen always ends on the newest ledger."""
        if self.worker.busy:
            self.again = True
            return
        self.stale = False
        self.status.setText(self.tr("Updating…"))
        database, today = self.context.database, self.context.today()

        def compute() -> DashboardFigures:
            with database.reading() as session:
                return dashboard_figures(session, today)

        self.worker.start(compute)

    def wait(self) -> None:
        self.worker.wait()

    def _computed(self, figures: DashboardFigures | None, error: Exception | None) -> None:
        if self.again:
            self.again = False
            self.refresh()
            return
        if error is not None:
            logger.error("dashboard figures failed: %s", error, exc_info=error)
            self.status.setText(self.tr("The figures could not be computed: {error}").format(
                error=error))  # fmt: skip
            return
        day = format_day(figures.today, self.context.locale)
        self.status.setText(self.tr("As of {day}").format(day=day))
        self.show_figures(figures)

    def show_figures(self, figures: DashboardFigures) -> None:
        self.figures = figures
        if not figures.has_invoices:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        locale = self.context.locale
        top = figures.headline
        for key, figure, count in (("outstanding", top.outstanding, top.open_count),
                                   ("overdue", top.overdue, top.overdue_count),
                                   ("due_soon", top.due_soon, top.due_soon_count)):  # fmt: skip
            note = invoice_count(count)
            converted = text.conversion_note(figure, locale)
            self.cards[key].show_figure(text.money(figure, locale),
                                        f"{note}. {converted}" if converted else note)  # fmt: skip
        self.cards["dso"].show_figure(
            text.plain_days(figures.dso, locale),
            self.tr("Invoiced in 90 days: {amount}").format(
                amount=text.money(figures.sales_90_days, locale)),
        )  # fmt: skip
        wait = figures.delivery_to_invoice
        self.cards["delivery"].show_figure(
            text.days(wait, locale),
            self.tr("over {count} invoices with a delivery date").format(count=wait.count)
            if wait.count else self.tr("No invoice of the last 90 days states a delivery date."),
        )  # fmt: skip
        self.forecast_chart.show_forecast(figures.forecast, locale)
        self.aging_chart.show_aging(figures.aging, locale)
        show_aging(self.aging_table, figures.aging, locale)
        show_late_payers(self.late_payers, figures.late_payers, locale)
        show_reminders(self.reminders, figures.reminder_effect, locale)
        if self.listed is not None:
            kind, key = self.listed
            if kind == "bucket":
                self.list_bucket(key)
            else:
                self.list_week(key)

    # Lists behind a bar or a row

    def list_bucket(self, key: str) -> None:
        if self.figures is None:
            return
        with self.context.reading() as session:
            rows = aging_service.aging_invoices(session, self.figures.today, key,
                                                rates=self.figures.rates)  # fmt: skip
        self.listed = ("bucket", key)
        bucket = self.figures.aging.bucket(key)
        heading = self.tr("{label}: {invoices}, {amount}").format(
            label=text.bucket_label(bucket.key), invoices=invoice_count(len(rows)),
            amount=text.money(bucket.figure, self.context.locale),
        )  # fmt: skip
        self.invoices.show_aging(heading, rows, self.figures.currency, self.context.locale)

    def list_week(self, index: int) -> None:
        if self.figures is None:
            return
        forecast = self.figures.forecast
        with self.context.reading() as session:
            rows = forecast_service.forecast_invoices(session, forecast, index,
                                                      rates=self.figures.rates)  # fmt: skip
        self.listed = ("week", index)
        week = forecast.weeks[index]
        heading = self.tr("Expected in week {week} ({start} – {end}): {invoices}, "
                          "{amount}").format(
            week=week.iso_week, start=format_day(week.start, self.context.locale),
            end=format_day(week.end, self.context.locale),
            invoices=invoice_count(len(rows)),
            amount=text.money(week.expected, self.context.locale),
        )  # fmt: skip
        self.invoices.show_forecast(heading, rows, self.figures.currency, self.context.locale)

    def _aging_row_clicked(self, row: int, _column: int) -> None:
        if self.figures is not None and row < len(self.figures.aging.buckets):
            self.list_bucket(self.figures.aging.buckets[row].key)

    def open_invoice(self, invoice_id: int) -> QDialog:
        return self._show(InvoiceView(self.context, invoice_id, self))

    def open_rates(self) -> QDialog:
        return self._show(ExchangeRatesDialog(self.context, self))

    def _show(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()
        return dialog
