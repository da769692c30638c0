"""The one error a bank file reader raises: what is wrong and exactly where."""

from __future__ import annotations


class BankFileError(ValueError):
    """A bank file that cannot be taken: the whole file is refused, nothing of it is used.

    ``line`` is the line of the file (for a BgMax file without line ends, the number of
    the 80-character record), None when the problem is the file as a whole. ``path`` is the
    XML element path of a camt file (``Stmt[1]/Ntry[3]/Amt``), None for BgMax.
    ``reason`` is the clerk-readable sentence; ``str()`` puts the three together.
    """

    def __init__(self, reason: str, *, line: int | None = None, path: str | None = None):
        self.reason = reason
        self.line = line
        self.path = path
        super().__init__(self._text())

    def _text(self) -> str:
        place = [] if self.line is None else [f"line {self.line}"]
        if self.path:
            place.append(self.path)
        return f"{', '.join(place)}: {self.reason}" if place else self.reason
