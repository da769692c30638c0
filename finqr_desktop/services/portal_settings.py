"""The portal's settings, kept in the ledger (``setting`` key "portal"), declared once.

``base_url`` is where the web host serves the published folder; with it set, every
document and e-mail carries the customer's portal address. ``target`` is "folder" or
"sftp"; ``automatic`` republishes after issuing, payments and reminders. The SFTP password
(or the key file's passphrase) is never stored here: it lives in the system keyring.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from ..domain.errors import RuleViolation
from ..domain.messages import msg
from . import settings_store

if TYPE_CHECKING:
    from ..portal.sftp import SftpAccount

KEY = "portal"
MANIFEST_KEY = "portal.manifest"
TARGETS = ("folder", "sftp")
KEYRING_SERVICE = "FINQR Desktop portal SFTP"
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$|^\[?[0-9A-Fa-f:.]+\]?$")


@dataclass(frozen=True)
class PortalSettings:
    base_url: str = ""
    target: str = "folder"
    folder: str = ""
    sftp_host: str = ""
    sftp_port: int = 22
    sftp_user: str = ""
    sftp_folder: str = ""
    sftp_key_file: str = ""
    # The confirmed known-hosts entry of the SFTP server ("ssh-ed25519 AAAA…").
    sftp_host_key: str = ""
    automatic: bool = False

    @property
    def configured(self) -> bool:
        """Whether there is anywhere to publish to."""
        if self.target == "sftp":
            return bool(self.sftp_host and self.sftp_user)
        return bool(self.folder)

    def account(self) -> SftpAccount:
        # Imported here: paramiko takes a while to load, and most commands never publish.
        from ..portal.sftp import SftpAccount

        return SftpAccount(
            host=self.sftp_host,
            port=self.sftp_port,
            username=self.sftp_user,
            folder=self.sftp_folder,
            host_key=self.sftp_host_key,
            key_file=self.sftp_key_file,
        )

    def target_name(self) -> str:
        """Which place the published manifest belongs to: another place starts afresh."""
        if self.target == "sftp":
            return f"sftp://{self.sftp_user}@{self.sftp_host}:{self.sftp_port}/{self.sftp_folder}"
        return f"folder:{self.folder}"


def load_settings(session: Session) -> PortalSettings:
    stored = settings_store.load(session, KEY) or {}
    known = {f.name for f in dataclasses.fields(PortalSettings)}
    return PortalSettings(**{k: v for k, v in dict(stored).items() if k in known})


def save_settings(session: Session, settings: PortalSettings) -> PortalSettings:
    """Check and store; ``RuleViolation`` names the field that is wrong."""
    checked = check_settings(settings)
    settings_store.store(session, KEY, dataclasses.asdict(checked))
    return checked


def check_settings(settings: PortalSettings) -> PortalSettings:
    base = settings.base_url.strip()
    if base:
        parts = urlsplit(base)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise RuleViolation(
                msg(
                    "portal address: {address} is not a web address (https://…)",
                    address=repr(base),
                )
            )
        if parts.query or parts.fragment:
            raise RuleViolation(msg("portal address: leave out the ? and # parts"))
        base = base.rstrip("/") + "/"
    if settings.target not in TARGETS:
        raise RuleViolation(
            msg(
                "publish target: {target} is not one of folder, sftp",
                target=repr(settings.target),
            )
        )
    host = settings.sftp_host.strip()
    if host and not _HOST.match(host):
        raise RuleViolation(
            msg("SFTP server: {host} is not a host name or address", host=repr(host))
        )
    if not 0 < int(settings.sftp_port) < 65536:
        raise RuleViolation(
            msg("SFTP port: {port} is not between 1 and 65535", port=settings.sftp_port)
        )
    if settings.target == "sftp" and (not host or not settings.sftp_user.strip()):
        raise RuleViolation(msg("SFTP publishing needs the server and the user name"))
    return dataclasses.replace(
        settings,
        base_url=base,
        folder=settings.folder.strip(),
        sftp_host=host,
        sftp_port=int(settings.sftp_port),
        sftp_user=settings.sftp_user.strip(),
        sftp_folder=settings.sftp_folder.strip(),
        sftp_key_file=settings.sftp_key_file.strip(),
        sftp_host_key=" ".join(settings.sftp_host_key.split()[:2]),
    )


def published_manifest(session: Session, settings: PortalSettings) -> dict[str, str]:
    stored = settings_store.load(session, MANIFEST_KEY) or {}
    if stored.get("target") != settings.target_name():
        return {}
    return dict(stored.get("files") or {})


def store_manifest(session: Session, settings: PortalSettings, files: dict[str, str]) -> None:
    settings_store.store(
        session, MANIFEST_KEY, {"target": settings.target_name(), "files": dict(files)}
    )
