"""A real SMTP server on loopback (aiosmtpd) that keeps what it received, for the tests."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "faktura@exempel.se"
PASSWORD = "hemligt lösenord"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    message: EmailMessage
    peer: tuple


@dataclass
class RecordingHandler:
    """Stores every message; ``refuse`` maps a stage ("RCPT", "DATA") to a reply to give."""

    refuse: dict[str, str] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    peers: list[tuple] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def connections(self) -> int:
        """Connections that greeted with EHLO; the controller's own readiness probe does not."""
        return len(set(self.peers))

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self.lock:
            self.peers.append(session.peer)
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "RCPT" in self.refuse:
            return self.refuse["RCPT"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if "DATA" in self.refuse:
            return self.refuse["DATA"]
        raw = envelope.original_content or envelope.content
        parsed = BytesParser(policy=policy.default).parsebytes(raw)
        with self.lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), raw, parsed, session.peer)
            )
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
    )
    # handled=False: aiosmtpd then sends the 535 itself (its default assumes we replied).
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(handler: RecordingHandler, port: int | None = None, **options) -> Controller:
    """A server for ``handler`` on 127.0.0.1, on ``port`` or a free one."""
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port or free_port(),
        server_hostname="localhost",
        **options,
    )
    controller.start()
    return controller


def self_signed_certificate(folder: Path) -> tuple[Path, Path] | None:
    """(certificate, key) for localhost and 127.0.0.1, or None when nothing can make one."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        _with_cryptography(cert, key)
        return cert, key
    except ImportError:
        pass
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return cert, key


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def _with_cryptography(cert_path: Path, key_path: Path) -> None:
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    alt_names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
