"""Messages for the clerk that a screen can still translate.

Errors and notes are written in English where they arise (the command line and the logs
read them as they are), but the window speaks the clerk's language. ``msg`` keeps both:
the result *is* the English text, a ``str`` like any other, and it also remembers its
template and values, so the UI can look the template up in its catalogue and fill in the
same values (``ui/message_text.py``). ``pyside6-lupdate`` finds every ``msg("...")`` call
in the packages below the UI and files the template under the empty context, beside the
window's own texts.

Only whole templates translate: text glued onto a Message with ``+`` or an f-string is a
plain ``str`` again and stays English, so sentences are built with placeholders.
"""

from __future__ import annotations


class Message(str):
    """English text with its ``template`` and ``values`` kept for translation."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        # Without values the template is the text as it stands: braces in it are not
        # placeholders then (and a pickled copy is rebuilt from its text this way).
        text = template.format(**values) if values else template
        made = super().__new__(cls, text)
        made.template = template
        made.values = dict(values)
        return made

    def __reduce__(self):
        return (_rebuild, (self.template, self.values))


def _rebuild(template: str, values: dict[str, object]) -> Message:
    return Message(template, **values)


def msg(template: str, /, **values: object) -> Message:
    """The message ``template`` with ``values`` filled in: ``msg("row {row} is empty",
    row=3)`` reads "row 3 is empty" and translates as its template."""
    return Message(template, **values)


def error_message(error: BaseException) -> str:
    """What ``error`` says, still a Message where it was raised with one: ``str(error)``
    copies the text into a plain ``str``, and a message built from it would stay English.
    A ValidationFailed's text is rebuilt from its problems, each still translatable."""
    from .errors import ValidationFailed  # errors.py builds on this module's Message

    if isinstance(error, ValidationFailed) and error.problems:
        return joined([_problem_message(problem) for problem in error.problems])
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)


def _problem_message(problem) -> Message:
    # The same templates as the window's own problem_text (ui/message_text.py).
    if problem.row is None:
        return msg("{field}: {problem}", field=problem.field, problem=problem.message)
    return msg(
        "row {row}, {field}: {problem}",
        row=problem.row,
        field=problem.field,
        problem=problem.message,
    )


def joined(parts: list[str]) -> str:
    """``parts`` separated by "; " with each part still translatable (``"; ".join`` would
    make one plain ``str`` of them): nested ``{earlier}; {later}`` messages."""
    text = parts[0]
    for part in parts[1:]:
        text = msg("{earlier}; {later}", earlier=text, later=part)
    return text
