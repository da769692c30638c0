"""Fixtures for the mail tests: SMTP servers on loopback, a certificate, sample settings."""

from __future__ import annotations

import pytest

from finqr_desktop.mail.settings import SmtpSettings

from . import server


@pytest.fixture
def smtp_server(smtp):
    """The suite's ``smtp`` factory under the name these tests were written with."""
    return smtp


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    made = server.self_signed_certificate(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("no self-signed certificate: neither cryptography nor openssl is available")
    return made


@pytest.fixture
def tls_context(certificate):
    return server.server_context(*certificate)


def settings_for(controller, security: str = "none", **changes) -> SmtpSettings:
    values = {
        "host": "127.0.0.1",
        "port": controller.port,
        "security": security,
        "sender_address": "faktura@akesson.example",
        "sender_name": "Åkesson & Söner's AB",
        "timeout": 10,
    }
    return SmtpSettings(**(values | changes))
