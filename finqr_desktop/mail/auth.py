"""SMTP login that also works for a password with å, ä or ö in it.

smtplib encodes the AUTH exchange as ASCII, so ``SMTP.login`` raises UnicodeEncodeError for
a non-ASCII user name or password (CPython issue 73936, bpo-29750). For those, PLAIN or LOGIN
is done here with UTF-8, which is what servers expect (RFC 4616); ASCII credentials go
through ``login`` unchanged so that CRAM-MD5 stays available.
"""

from __future__ import annotations

import base64
import logging
import smtplib

from ..domain.messages import msg

logger = logging.getLogger(__name__)


def login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """Log in over ``smtp`` (after EHLO); raises what ``SMTP.login`` raises."""
    if username.isascii() and password.isascii():
        smtp.login(username, password)
        return
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError(msg("login (AUTH)"))
    mechanisms = smtp.esmtp_features["auth"].upper().split()
    if "PLAIN" in mechanisms:
        token = _b64(f"\0{username}\0{password}")
        code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    elif "LOGIN" in mechanisms:
        code, reply = smtp.docmd("AUTH", "LOGIN")
        if code == 334:
            code, reply = smtp.docmd(_b64(username))
        if code == 334:
            code, reply = smtp.docmd(_b64(password))
    else:
        raise smtplib.SMTPNotSupportedError(msg("a login for a password with non-ASCII letters"))
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, reply)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")
