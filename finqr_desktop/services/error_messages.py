"""An error's text passed on without losing its translation.

``str(error)`` turns a ``Message`` back into a plain ``str`` (an exception's ``__str__``
copies its argument), so a service that puts a lower layer's error into its own message
would hand the clerk English. ``error_message`` keeps the Message where there is one.
"""

from __future__ import annotations

from ..domain.messages import Message


def error_message(error: BaseException) -> str:
    """What ``error`` says: its Message when it was raised with one, else its text."""
    if len(error.args) == 1 and isinstance(error.args[0], Message):
        return error.args[0]
    return str(error)
