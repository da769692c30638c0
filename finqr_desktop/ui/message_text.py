"""Messages from the layers below the window, in the clerk's language.

Services and the domain raise errors whose text is a ``domain.messages.Message`` where it
was written for translation: the template is looked up in the window's catalogue (context
"", where lupdate files ``msg`` calls) and the same values are filled in, each translated
in turn when it is a Message itself. Anything else, or a translation whose placeholders do
not fit, is shown as the English text it already is, never as an error of its own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ..banking.errors import BankFileError
from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import Message

logger = logging.getLogger(__name__)


def localized(text: object) -> str:
    """``text`` in the clerk's language where it is a Message, else as it is."""
    if not isinstance(text, Message):
        return "" if text is None else str(text)
    translated = QCoreApplication.translate("", text.template)
    if not text.values:
        return translated
    values = {name: localized(value) for name, value in text.values.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        logger.warning("the translation of %r does not fit its values", text.template)
        return str(text)


def problem_text(problem: Problem) -> str:
    """A problem with its place, as ``Problem.__str__`` gives it, translated."""
    message = localized(problem.message)
    if problem.row is None:
        return QCoreApplication.translate("", "{field}: {problem}").format(
            field=problem.field, problem=message
        )
    return QCoreApplication.translate("", "row {row}, {field}: {problem}").format(
        row=problem.row, field=problem.field, problem=message
    )


def error_text(error: BaseException) -> str:
    """What an exception says, translated as far as it was written for translation."""
    if isinstance(error, ValidationFailed):
        return "; ".join(problem_text(problem) for problem in error.problems)
    if isinstance(error, BankFileError):
        return _bank_file_text(error)
    if error.args and isinstance(error.args[0], Message):
        return localized(error.args[0])
    return str(error)


def _bank_file_text(error: BankFileError) -> str:
    reason = localized(error.reason)
    place = []
    if error.line is not None:
        place.append(QCoreApplication.translate("", "line {line}").format(line=error.line))
    if error.path:
        place.append(error.path)
    return f"{', '.join(place)}: {reason}" if place else reason
