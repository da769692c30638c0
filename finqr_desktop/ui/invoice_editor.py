"""The invoice editor: write a draft with live totals, save it, or issue it.

Saving and issuing are one transaction each. The editor keeps plain values only (the
invoice id and the version it loaded) so a save can detect another clerk's change.
Every edit is a step to undo (``invoice_undo``); the keys are in ``invoice_keys``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ..domain.date_text import format_day
from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.number_text import format_amount, format_decimal_plain
from ..services import invoices, ui_queries
from ..services.conflicts import ConflictError
from ..services.issue_order import OutOfDateOrder
from ..services.vat_rates import vat_table
from . import messages
from .context import INVOICES, LedgerContext
from .draft_reader import LineTexts, Reading, read_draft
from .field_errors import FieldErrors, error_label
from .invoice_header import InvoiceHeader
from .invoice_keys import bind_editor_keys, chain_focus
from .invoice_lines import LinesTable
from .invoice_totals import TotalsPanel
from .invoice_undo import InvoiceUndo
from .issue_questions import dating_today_accepted, due_date_accepted
from .labels import vat_rate_name
from .message_text import error_text, localized
from .unsaved_work import Baseline

logger = logging.getLogger(__name__)

_LINE_FIELD = re.compile(r"^lines\[(\d+)\]\.(\w+)$")
# A line's fields as the problem list names them; marked for lupdate, translated when shown.
_FIELD_NAMES = {
    "description": QT_TRANSLATE_NOOP("InvoiceEditor", "description"),
    "quantity": QT_TRANSLATE_NOOP("InvoiceEditor", "quantity"),
    "unit": QT_TRANSLATE_NOOP("InvoiceEditor", "unit"),
    "unit_price": QT_TRANSLATE_NOOP("InvoiceEditor", "unit price"),
    "discount_percent": QT_TRANSLATE_NOOP("InvoiceEditor", "discount"),
    "vat_rate": QT_TRANSLATE_NOOP("InvoiceEditor", "VAT rate"),
}


class InvoiceEditor(QDialog):
    def __init__(self, context: LedgerContext, invoice_id: int | None = None, parent=None):
        super().__init__(parent)
        self.context = context
        self.invoice_id = invoice_id
        self.version: int | None = None
        self.issued_number: str | None = None
        self.issued_ocr: str | None = None
        self._touched: set[str] = set()
        self._show_all = False
        self.setWindowTitle(
            self.tr("New invoice") if invoice_id is None else self.tr("Draft invoice")
        )
        self.resize(1150, 780)

        today = context.today()
        with context.reading() as session:
            customers = ui_queries.customer_choices(session)
            next_bank_day = ui_queries.due_date_next_bank_day(session)
            self.vat_table = vat_table(session)
            detail = ui_queries.invoice_detail(session, invoice_id, today) if invoice_id else None
        if detail is not None:
            self.version = detail.version
            today = detail.draft.issue_date
        rates = [(r.code, vat_rate_name(r, context.locale)) for r in self.vat_table.rates(today)]

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self.header = InvoiceHeader(customers, today, next_bank_day=next_bank_day,
                                    errors=self.errors, locale=context.locale)  # fmt: skip
        self.lines = LinesTable(rates)
        self.add_button = QPushButton(self.tr("Add line"))
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.line_problems = error_label()
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Notes printed on the invoice"))
        self.notes.setMaximumHeight(110)
        self.notes.setTabChangesFocus(True)
        self.notes.setUndoRedoEnabled(False)  # the editor's undo covers every field
        self.totals = TotalsPanel()
        self.status = QLabel()
        self.save_button = QPushButton(self.tr("Save draft"))
        self.issue_button = QPushButton(self.tr("Issue…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.save_button.setDefault(True)  # drawn as the main button; Return moves on
        self.undo = InvoiceUndo(self)
        self._lay_out()

        self.header.edited.connect(self._header_edited)
        self.lines.edited.connect(self._cell_edited)
        self.notes.textChanged.connect(self._notes_edited)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        self.up_button.clicked.connect(lambda: self.move_line(-1))
        self.down_button.clicked.connect(lambda: self.move_line(1))
        self.save_button.clicked.connect(self.save_draft)
        self.issue_button.clicked.connect(self.issue)
        self.close_button.clicked.connect(self.reject)
        if detail is not None:
            self._load(detail.draft)
        else:
            self.lines.add_line()
        bind_editor_keys(self)
        self.undo.reset()
        self.undo.stack.cleanChanged.connect(self._clean_changed)
        self.lines_changed()
        self.header.customer.setFocus()
        self.baseline = Baseline(self)

    def _lay_out(self) -> None:
        line_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            line_buttons.addWidget(button)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.undo.history.undo_button)
        line_buttons.addWidget(self.undo.history.redo_button)
        notes = QVBoxLayout()
        notes.addWidget(QLabel(self.tr("Notes")))
        notes.addWidget(self.notes)
        notes.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addLayout(notes, 3)
        bottom.addWidget(self.totals, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.issue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(self.header)
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        layout.addWidget(self.line_problems)  # the whole width: a message per line
        layout.addLayout(bottom)
        layout.addLayout(buttons)

    def _load(self, draft) -> None:
        locale = self.context.locale
        self.header.set_draft(draft)
        for line in draft.lines:
            self.lines.add_line(
                LineTexts(
                    description=line.description,
                    quantity=format_decimal_plain(line.quantity, locale),
                    unit=line.unit,
                    unit_price=format_decimal_plain(line.unit_price, locale),
                    discount_percent=format_decimal_plain(line.discount_percent, locale)
                    if line.discount_percent
                    else "",
                    vat_code=line.rate.code,
                )
            )
        self.notes.setPlainText(draft.notes)

    def reject(self) -> None:
        """Close (the button, Escape, the window's X): unsaved changes are offered for
        saving as a draft first, never dropped without asking."""
        if self.isVisible() and self.has_unsaved_work():
            answer = messages.ask_save(
                self,
                self.tr("Close the invoice"),
                self.tr("This invoice has changes that are not saved. Save them as a draft?"),
            )
            if answer == messages.CANCEL or (answer == messages.SAVE and not self.save_draft()):
                return
        super().reject()

    def has_unsaved_work(self) -> bool:
        """Whether anything typed differs from the draft as last loaded or saved."""
        return self.baseline.differs()

    def add_line(self) -> int:
        """A new empty line at the end, with the focus in its description."""
        return self.undo.add_line()

    def remove_line(self) -> None:
        """Remove the line that has the focus (else the last one)."""
        self.undo.remove_line(self.lines.current_line())

    def move_line(self, step: int) -> None:
        """Move the line that has the focus up (-1) or down (1)."""
        self.undo.move_line(self.lines.current_line(), step)

    def lines_changed(self) -> None:
        """After a step: Tab follows the lines as they are now, and the totals are new."""
        chain_focus(self)
        self.refresh()

    def renumber_touched(self, new_row: Callable[[int], int | None]) -> None:
        """Lines moved: the touched fields follow their line (None: the line is gone)."""
        touched = set()
        for name in self._touched:
            match = _LINE_FIELD.match(name)
            if not match:
                touched.add(name)
            elif (row := new_row(int(match.group(1)))) is not None:
                touched.add(f"lines[{row}].{match.group(2)}")
        self._touched = touched

    def _header_edited(self, name: str) -> None:
        self.undo.header_edited(name)
        self._touch(name)

    def _cell_edited(self, row: int, name: str) -> None:
        self.undo.cell_edited(row, name)
        self._touch(f"lines[{row}].{name}")

    def _notes_edited(self) -> None:
        self.undo.notes_edited()
        self.refresh()

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self.refresh()

    def _clean_changed(self, clean: bool) -> None:
        # Only a saved draft has a last save to be back at, or away from.
        if self.invoice_id is not None and self.issued_number is None:
            self.status.setText(
                self.tr("Saved as a draft.") if clean else self.tr("Changed since the last save.")
            )

    def read(self, *, for_issue: bool = False) -> Reading:
        header = replace(self.header.draft(), notes=self.notes.toPlainText().strip())
        return read_draft(header, self.header.invoice_discount.text(), self.lines.texts(),
                          self.vat_table, self.context.locale, for_issue=for_issue)  # fmt: skip

    def refresh(self, *, for_issue: bool = False) -> Reading:
        """Recompute totals and messages from what is typed; called on every edit."""
        reading = self.read(for_issue=for_issue)
        shown = [
            p for p in reading.problems
            if self._show_all or p.field in self._touched or p.field in reading.unreadable
        ]  # fmt: skip
        self.show_problems(shown)
        locale = self.context.locale
        if reading.totals is None:
            self.lines.set_amounts(["—"] * self.lines.line_count())
            self.totals.show_totals(
                None, locale, hint=self.tr("Fix the marked fields to see the totals.")
            )
        else:
            currency = reading.totals.currency
            self.lines.set_amounts(
                [format_amount(a, currency, locale) for a in reading.totals.line_amounts]
            )
            self.totals.show_totals(reading.totals, locale)
        return reading

    def show_problems(self, problems: list[Problem]) -> None:
        cells, listed, others = {}, [], []
        for problem in problems:
            match = _LINE_FIELD.match(problem.field)
            if match:
                row, name = int(match.group(1)), match.group(2)
                cells[(row, name)] = localized(problem.message)
                listed.append(
                    self.tr("Line {line}, {field}: {message}").format(
                        line=row + 1,
                        field=self.tr(_FIELD_NAMES.get(name, name)),
                        message=localized(problem.message),
                    )
                )
            elif problem.field == "lines":
                listed.append(localized(problem.message))
            else:
                others.append(problem)
        self.errors.show(others)
        self.lines.show_problems(cells)
        self.line_problems.setText("\n".join(listed))
        self.line_problems.setVisible(bool(listed))

    def _checked(self, *, for_issue: bool) -> Reading | None:
        self._show_all = True
        reading = self.refresh(for_issue=for_issue)
        return None if reading.problems else reading

    def save_draft(self) -> bool:
        reading = self._checked(for_issue=False)
        if reading is None:
            return False
        try:
            with self.context.writing() as session:
                stored = self._store(session, reading)
        except ValidationFailed as exc:
            self.show_problems(exc.problems)
            return False
        except ConflictError as exc:
            self.offer_reload(exc)
            return False
        except RuleViolation as exc:
            messages.warn(self, self.tr("Not saved"), error_text(exc))
            return False
        self.invoice_id, self.version = stored
        self.baseline.take()
        self.undo.stack.setClean()  # undo goes on from here; back here is "saved" again
        self.status.setText(self.tr("Saved as a draft."))
        self.context.announce(INVOICES)
        return True

    def issue(self) -> bool:
        reading = self._checked(for_issue=True)
        if reading is None or not self._due_date_accepted(reading):
            return False
        total = format_amount(reading.totals.total, reading.totals.currency, self.context.locale)
        question = self.tr(
            "Issue this invoice for {total}? It gets its number and OCR reference, and from "
            "then on only a credit note can change it."
        ).format(total=total)
        if not messages.confirm(self, self.tr("Issue invoice"), question):
            return False
        return self._issue(reading)

    def _due_date_accepted(self, reading: Reading) -> bool:
        today, locale = self.context.today(), self.context.locale
        return due_date_accepted(self, reading.draft.due_date, today, locale)

    def _offer_today(self, refusal: OutOfDateOrder) -> bool:
        """Numbers follow the dates: offer to date the invoice today, and issue it so."""
        if not dating_today_accepted(self, refusal, self.context.locale):
            return False
        # Through the field, so the due date follows the terms and the change can be undone.
        today = refusal.today
        self.header.issue_date.setDate(QDate(today.year, today.month, today.day))
        reading = self._checked(for_issue=True)
        if reading is None or not self._due_date_accepted(reading):
            return False
        return self._issue(reading)

    def _issue(self, reading: Reading) -> bool:
        # The editor's day (a test's fixed one) with the clock's time: the day the rules
        # and the refusal above speak of is the one the clerk sees.
        now = dt.datetime.combine(self.context.today(), dt.datetime.now().time())
        try:
            with self.context.writing() as session:
                invoice_id, _version = self._store(session, reading)
                record = invoices.issue_invoice(session, invoice_id, now=now)
                number, ocr, due = record.number, record.ocr, record.due_date
        except OutOfDateOrder as refusal:
            return self._offer_today(refusal)
        except ValidationFailed as exc:
            self.show_problems(exc.problems)
            return False
        except ConflictError as exc:
            self.offer_reload(exc)
            return False
        except RuleViolation as exc:
            messages.warn(self, self.tr("Not issued"), error_text(exc))
            return False
        self.invoice_id, self.issued_number, self.issued_ocr = invoice_id, number, ocr
        logger.info("issued %s from the editor", number)
        self.context.announce(INVOICES)
        messages.inform(
            self,
            self.tr("Invoice issued"),
            self.tr("Invoice {number} is issued.\nOCR reference: {ocr}\nDue date: {due}").format(
                number=number, ocr=ocr, due=format_day(due, self.context.locale)
            ),
        )
        self.accept()
        return True

    def offer_reload(self, conflict: ConflictError) -> bool:
        """Another clerk saved the draft first: say who and when, and offer their version.

        Declining keeps this clerk's text on screen (to copy from); saving it again is
        refused until the draft is reloaded. True when it was reloaded.
        """
        question = self.tr(
            "{conflict}\n\nReload the draft now? What you typed here is replaced by what "
            "is stored."
        ).format(conflict=_sentence(str(conflict)))
        if not messages.confirm(self, self.tr("Saved by someone else"), question):
            self.status.setText(self.tr("Not saved: someone else saved this draft first."))
            return False
        self.reload()
        return True

    def reload(self) -> None:
        """Show the draft as it is stored now, and take its version."""
        try:
            with self.context.reading() as session:
                today = self.context.today()
                detail = ui_queries.invoice_detail(session, self.invoice_id, today)
        except LookupError:
            detail = None
        if detail is None or not detail.is_draft:
            messages.warn(self, self.tr("Not saved"), self.tr("The draft is gone or issued."))
            self.reject()
            return
        while self.lines.line_count():
            self.lines.remove_line(self.lines.line_count() - 1)
        self.version = detail.version
        self._load(detail.draft)
        self._touched.clear()
        self._show_all = False
        self.undo.reset()
        self.status.setText(self.tr("Reloaded: this is the draft as it is stored now."))
        self.lines_changed()
        self.baseline.take()

    def _store(self, session, reading: Reading) -> tuple[int, int]:
        # The id and version are taken over only after the commit: a rolled-back save
        # must leave the editor pointing at what is really stored.
        record = invoices.save_draft(
            session, reading.draft, invoice_id=self.invoice_id, expected_version=self.version
        )
        return record.id, record.version


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
