"""An error's text passed on without losing its translation.

``str(error)`` turns a ``Message`` back into a plain ``str`` (an exception's ``__str__``
copies its argument), so a service that puts a lower layer's error into its own message
would hand the clerk English. ``error_message`` keeps the Message where there is one, and
rebuilds a ValidationFailed's text from its problems so that each of them still translates.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.errors import Problem, ValidationFailed
from ..domain.messages import Message, msg


def error_message(error: BaseException) -> str:
    """What ``error`` says, reading as ``str(error)`` does: a Message where it can be."""
    if isinstance(error, ValidationFailed) and error.problems:
        return problems_message(error.problems)
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


def problems_message(problems: Sequence[Problem]) -> str:
    """The problems as ValidationFailed writes them ("field: message; ..."), as a Message."""
    texts = [_problem_message(problem) for problem in problems]
    joined = texts[-1]
    for text in reversed(texts[:-1]):
        joined = msg("{first}; {rest}", first=text, rest=joined)
    return joined


def _problem_message(problem: Problem) -> str:
    # The same templates as the window's own problem_text (ui/message_text.py).
    if problem.row is None:
        return msg("{field}: {problem}", field=problem.field, problem=problem.message)
    return msg(
        "row {row}, {field}: {problem}",
        row=problem.row,
        field=problem.field,
        problem=problem.message,
    )
