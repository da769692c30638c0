"""A titled block of free text (the clerk's message) that may flow over pages."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from .layout import LEADING, SIZE_BODY, SIZE_LABEL, Pen, Theme, draw

LINE = SIZE_BODY * LEADING
TITLE = 5 * mm


class TextBlock(Flowable):
    """Lines already wrapped to the frame width; a split cuts between two lines."""

    def __init__(self, theme: Theme, title: str, lines: list[str]):
        super().__init__()
        self.theme, self.title, self.lines = theme, title, lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = (TITLE if self.title else 0) + len(self.lines) * LINE + 1 * mm
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int((available_height - (TITLE if self.title else 0) - 1 * mm) // LINE)
        if fit < 1 or fit >= len(self.lines):
            return []
        # The title goes with the first part only; the rest continues untitled.
        return [
            TextBlock(self.theme, self.title, self.lines[:fit]),
            TextBlock(self.theme, "", self.lines[fit:]),
        ]

    def draw(self) -> None:
        theme, pen = self.theme, Pen(self.canv)
        y = self.height
        if self.title:
            y -= SIZE_LABEL + 1 * mm
            draw(pen, 0, y, self.title.upper(), theme.bold, SIZE_LABEL, theme.primary)
            y = self.height - TITLE
        y -= SIZE_BODY
        for line in self.lines:
            draw(pen, 0, y, line, theme.regular, SIZE_BODY)
            y -= LINE
        pen.close()
