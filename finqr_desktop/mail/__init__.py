"""Outgoing e-mail over SMTP; imports only the domain.

``settings.SmtpSettings`` says where and how to connect, ``passwords`` keeps the password
in the system keyring (or raises ``NoKeyring``), ``message.build_message`` builds the
message (``html_body`` its HTML and text bodies), ``sender.SmtpSender`` sends a batch over
one connection and raises ``failures.TemporaryFailure`` or ``PermanentFailure``, and
``check.send_test_message`` is the settings page's test e-mail.
"""
