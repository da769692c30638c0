"""The invoice editor's lines: one table row of input widgets per line.

Each cell holds a real input widget, so the clerk types straight into the table and every
keystroke can update the totals; a cell with a problem is drawn red with its message as
tooltip (the editor also lists the messages under the table).

The table itself takes no focus (an item view would keep Tab for moving between its own
cells): Tab goes from input to input, in the order the editor sets, and the table scrolls
to the line that has the focus.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from .draft_reader import LineTexts
from .field_errors import INVALID_PROPERTY, mark_invalid

logger = logging.getLogger(__name__)

FIELDS = (
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount_percent",
    "vat_rate",
    "amount",
)
INPUTS = FIELDS[:-1]  # the amount is computed, not typed
_NUMBERS = {"quantity", "unit_price", "discount_percent"}
_WIDTHS = {"quantity": 90, "unit": 70, "unit_price": 120, "discount_percent": 90,
           "vat_rate": 190, "amount": 120}  # fmt: skip


class LinesTable(QTableWidget):
    edited = Signal(int, str)  # row, field: the clerk changed that cell

    def __init__(self, rates: list[tuple[str, str]], parent=None):
        super().__init__(0, len(FIELDS), parent)
        self.rates = rates  # (code, label) offered in the VAT column
        self._rows: list[dict[str, QWidget]] = []
        self._last_focused: dict[str, QWidget] | None = None  # the line's widgets
        self.setHorizontalHeaderLabels(
            [
                self.tr("Description"),
                self.tr("Quantity"),
                self.tr("Unit"),
                self.tr("Unit price"),
                self.tr("Discount %"),
                self.tr("VAT"),
                self.tr("Amount"),
            ]
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, name in enumerate(FIELDS):
            if name in _WIDTHS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                self.setColumnWidth(column, _WIDTHS[name])
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTabKeyNavigation(False)  # else Tab in a cell goes to the view's next cell
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 18)

    def line_count(self) -> int:
        return len(self._rows)

    def widget(self, row: int, name: str) -> QWidget:
        return self._rows[row][name]

    def add_line(self, texts: LineTexts | None = None) -> int:
        return self.insert_line(len(self._rows), texts)

    def insert_line(self, row: int, texts: LineTexts | None = None) -> int:
        """A new line at ``row`` (the lines from there move down one); returns the row."""
        texts = texts or LineTexts()
        row = max(0, min(row, len(self._rows)))
        self.insertRow(row)
        widgets = self._make_widgets(texts)
        self._rows.insert(row, widgets)
        for column, name in enumerate(FIELDS):
            self.setCellWidget(row, column, _cell(widgets[name]))
        for name in INPUTS:
            widgets[name].installEventFilter(self)
        return row

    def inputs(self, row: int) -> list[QWidget]:
        """The line's inputs, left to right."""
        return [self._rows[row][name] for name in INPUTS]

    def line_texts(self, row: int) -> LineTexts:
        return _texts_of(self._rows[row])

    def set_line_texts(self, row: int, texts: LineTexts) -> None:
        """Show ``texts`` on line ``row``, announcing nothing; unchanged cells are left as
        they are, so their cursor stays where it was."""
        widgets = self._rows[row]
        current = self.line_texts(row)
        blockers = [QSignalBlocker(widget) for widget in widgets.values()]
        try:
            if current.description != texts.description:
                widgets["description"].setPlainText(texts.description)
            for name in ("quantity", "unit", "unit_price", "discount_percent"):
                if getattr(current, name) != getattr(texts, name):
                    widgets[name].setText(getattr(texts, name))
            vat = widgets["vat_rate"]
            vat.setCurrentIndex(max(vat.findData(texts.vat_code), 0))
        finally:
            for blocker in blockers:
                blocker.unblock()

    def set_cell(self, row: int, name: str, value: str) -> None:
        """One input of line ``row`` (``name`` as in ``FIELDS``), announcing nothing."""
        field = "vat_code" if name == "vat_rate" else name
        self.set_line_texts(row, replace(self.line_texts(row), **{field: value}))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FocusIn:
            for row, widgets in enumerate(self._rows):
                for column, name in enumerate(FIELDS):
                    if widgets[name] is watched:
                        self._last_focused = widgets
                        self.scrollTo(self.model().index(row, column))
        return False

    def remove_line(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.removeRow(row)
            del self._rows[row]

    def current_line(self) -> int:
        """The line holding the keyboard focus, else the line that held it last (a click
        on "Remove line" takes the focus first), else the last line."""
        focus = self.window().focusWidget()  # also while another window is active
        for row, widgets in enumerate(self._rows):
            if focus in widgets.values():
                return row
        for row, widgets in enumerate(self._rows):
            if widgets is self._last_focused:
                return row
        return len(self._rows) - 1

    def texts(self) -> list[LineTexts]:
        return [_texts_of(widgets) for widgets in self._rows]

    def set_amounts(self, amounts: list[str]) -> None:
        for widgets, text in zip(self._rows, amounts, strict=False):
            widgets["amount"].setText(text)

    def show_problems(self, messages: dict[tuple[int, str], str]) -> None:
        for row, widgets in enumerate(self._rows):
            for name, widget in widgets.items():
                message = messages.get((row, name))
                # Restyling every cell on every keystroke made long invoices type slowly.
                shown = (widget.property(INVALID_PROPERTY), widget.toolTip())
                if name != "amount" and shown != (bool(message), message or ""):
                    mark_invalid(widget, message)

    def set_read_only(self, read_only: bool) -> None:
        for widgets in self._rows:
            for name, widget in widgets.items():
                if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                    widget.setReadOnly(read_only)
                elif name == "vat_rate":
                    widget.setEnabled(not read_only)

    def _make_widgets(self, texts: LineTexts) -> dict[str, QWidget]:
        description = QPlainTextEdit(texts.description)
        description.setTabChangesFocus(True)
        description.setUndoRedoEnabled(False)  # the editor's undo covers every field
        description.setPlaceholderText(self.tr("What was delivered"))
        widgets: dict[str, QWidget] = {"description": description}
        for name in ("quantity", "unit", "unit_price", "discount_percent"):
            edit = QLineEdit(getattr(texts, name))
            if name in _NUMBERS:
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            widgets[name] = edit
        vat = QComboBox()
        for code, label in self.rates:
            vat.addItem(label, code)
        vat.setCurrentIndex(max(vat.findData(texts.vat_code), 0))
        widgets["vat_rate"] = vat
        amount = QLabel()
        amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        widgets["amount"] = amount

        description.textChanged.connect(lambda: self._changed(description, "description"))
        for name in ("quantity", "unit", "unit_price", "discount_percent"):
            edit = widgets[name]
            edit.textEdited.connect(lambda _text, e=edit, n=name: self._changed(e, n))
        vat.activated.connect(lambda _index: self._changed(vat, "vat_rate"))
        return widgets

    def _changed(self, widget: QWidget, name: str) -> None:
        for row, widgets in enumerate(self._rows):
            if widgets.get(name) is widget:
                self.edited.emit(row, name)
                return


def _texts_of(widgets: dict[str, QWidget]) -> LineTexts:
    return LineTexts(
        description=widgets["description"].toPlainText(),
        quantity=widgets["quantity"].text(),
        unit=widgets["unit"].text(),
        unit_price=widgets["unit_price"].text(),
        discount_percent=widgets["discount_percent"].text(),
        vat_code=widgets["vat_rate"].currentData() or "",
    )


def _cell(widget: QWidget) -> QWidget:
    """A cell holding ``widget``; one-line inputs sit vertically centred in the tall row."""
    if isinstance(widget, QPlainTextEdit):
        return widget
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(2, 0, 2, 0)
    layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
    return box
