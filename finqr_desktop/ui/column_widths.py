"""Starting column widths that never cut off a column's own heading.

A table's widths are chosen for typical content, but headings are translated and Swedish
words run longer than English ones ("Avgift eller förseningsersättning"), so each column is
at least as wide as its heading needs. The clerk's own widths, restored by
``layout_memory``, win over these.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

logger = logging.getLogger(__name__)

# Room for the sort arrow and the header's own margins beside the text.
HEADING_PADDING = 28


def heading_width(view: QTableView, column: int) -> int:
    header = view.horizontalHeader()
    text = view.model().headerData(column, Qt.Orientation.Horizontal)
    return header.fontMetrics().horizontalAdvance(str(text or "")) + HEADING_PADDING


def set_widths(view: QTableView, widths: dict[int, int]) -> None:
    """Give each listed column its width, widened to fit its heading."""
    for column, width in widths.items():
        view.setColumnWidth(column, max(width, heading_width(view, column)))
