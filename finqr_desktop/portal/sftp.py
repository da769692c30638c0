"""Publishing by SFTP (paramiko), with the server's host key checked before anything else.

The clerk confirms the key on the first connection: ``UnknownHostKey`` carries the
server's key and fingerprint for the question, and the confirmed key is stored with the
publish settings as one known-hosts entry ("ssh-ed25519 AAAA…"). A different key later is
refused (``HostKeyMismatch``): it is a server pretending to be the company's web host, or
a reinstalled one, and only the clerk can tell which. Nothing is sent before the key is
checked, the password included.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import posixpath
import socket
import stat
from dataclasses import dataclass

import paramiko

from ..domain.messages import msg
from .publishing import PublishError, checked_path, temporary_name

logger = logging.getLogger(__name__)

TIMEOUT = 20


@dataclass(frozen=True)
class SftpAccount:
    host: str
    port: int
    username: str
    folder: str
    # A known-hosts entry, "type base64"; empty until the clerk confirms one.
    host_key: str = ""
    key_file: str = ""


class UnknownHostKey(PublishError):
    """The server's key is not yet confirmed; ``entry`` is what to store once it is."""

    def __init__(self, host: str, entry: str, fingerprint: str):
        super().__init__(
            msg(
                "the SFTP server {host} is not known yet; its key is {fingerprint}. Confirm it "
                "is your web host's key to publish there.",
                host=host,
                fingerprint=fingerprint,
            )
        )
        self.entry, self.fingerprint = entry, fingerprint


class HostKeyMismatch(PublishError):
    def __init__(self, host: str, fingerprint: str):
        super().__init__(
            msg(
                "the SFTP server {host} answered with a different key ({fingerprint}) from the "
                "one confirmed before; nothing was sent. If the host really changed its key, "
                "forget the old one in the publish settings and confirm the new one.",
                host=host,
                fingerprint=fingerprint,
            )
        )
        self.fingerprint = fingerprint


def fingerprint(entry: str) -> str:
    """OpenSSH's form: "SHA256:" and the unpadded base64 of the key blob's SHA-256."""
    blob = base64.b64decode(entry.split()[1])
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


# The network library's own words for a failure (``problem``) stay in English.
def _unreachable(host: str, port: int, error: Exception) -> str:
    return msg(
        "cannot reach the SFTP server {host}:{port}: {problem}",
        host=host,
        port=port,
        problem=str(error),
    )


def _failed(host: str, error: Exception) -> str:
    return msg("SFTP to {host} failed: {problem}", host=host, problem=str(error))


def _needs_passphrase(path: str) -> str:
    return msg("the key file {path} needs its passphrase", path=path)


def _entry(key: paramiko.PKey) -> str:
    return f"{key.get_name()} {key.get_base64()}"


def _same_key(entry: str, stored: str) -> bool:
    return entry.split()[:2] == stored.split()[:2]


def fetch_host_key(host: str, port: int) -> str:
    """The server's key as a known-hosts entry, for the clerk to confirm; no login."""
    try:
        sock = socket.create_connection((host, port), timeout=TIMEOUT)
    except OSError as error:
        raise PublishError(_unreachable(host, port, error)) from error
    transport = paramiko.Transport(sock)
    try:
        transport.start_client(timeout=TIMEOUT)
        return _entry(transport.get_remote_server_key())
    except (paramiko.SSHException, OSError, EOFError) as error:
        raise PublishError(_failed(host, error)) from error
    finally:
        transport.close()


class SftpTarget:
    """An SFTP folder; ``secret`` is the password, or the key file's passphrase."""

    def __init__(self, account: SftpAccount, secret: str | None):
        self.account = account
        try:
            sock = socket.create_connection((account.host, account.port), timeout=TIMEOUT)
        except OSError as error:
            raise PublishError(_unreachable(account.host, account.port, error)) from error
        self.transport = paramiko.Transport(sock)
        try:
            self.transport.start_client(timeout=TIMEOUT)
            self._check_host_key()
            self._log_in(secret)
            self.sftp = paramiko.SFTPClient.from_transport(self.transport)
            self.sftp.get_channel().settimeout(TIMEOUT)
        except PublishError:
            self.transport.close()
            raise
        except (paramiko.SSHException, OSError, EOFError) as error:
            self.transport.close()
            raise PublishError(_failed(account.host, error)) from error
        self.root = account.folder.rstrip("/") or "."
        self._known_folders: set[str] = set()

    def _check_host_key(self) -> None:
        entry = _entry(self.transport.get_remote_server_key())
        if not self.account.host_key.strip():
            raise UnknownHostKey(self.account.host, entry, fingerprint(entry))
        if not _same_key(entry, self.account.host_key):
            raise HostKeyMismatch(self.account.host, fingerprint(entry))

    def _log_in(self, secret: str | None) -> None:
        user = self.account.username
        try:
            if self.account.key_file:
                self.transport.auth_publickey(user, self._key(secret))
            else:
                if not secret:
                    raise PublishError(
                        msg("no password for {user}@{host}", user=user, host=self.account.host)
                    )
                self.transport.auth_password(user, secret)
        except paramiko.AuthenticationException as error:
            raise PublishError(
                msg(
                    "the SFTP server {host} refused the login of {user}",
                    host=self.account.host,
                    user=user,
                )
            ) from error

    def _key(self, passphrase: str | None) -> paramiko.PKey:
        path = self.account.key_file
        try:
            # paramiko 5 passes the passphrase on to cryptography, which takes bytes only.
            return paramiko.PKey.from_path(path, passphrase.encode() if passphrase else None)
        except paramiko.PasswordRequiredException as error:
            raise PublishError(_needs_passphrase(path)) from error
        except TypeError as error:
            # paramiko 5 hands OpenSSH keys to cryptography, which says a missing passphrase
            # with a TypeError ("Key is password-protected, but password was not provided").
            if "password-protected" not in str(error):
                raise
            raise PublishError(_needs_passphrase(path)) from error
        except (OSError, paramiko.SSHException, ValueError) as error:
            raise PublishError(
                msg("cannot read the key file {path}: {problem}", path=path, problem=str(error))
            ) from error

    def _remote(self, path: str) -> str:
        return posixpath.join(self.root, *checked_path(path).parts)

    def _ensure_folder(self, folder: str) -> None:
        if folder in self._known_folders or folder in ("", ".", "/"):
            return
        try:
            if not stat.S_ISDIR(self.sftp.stat(folder).st_mode or 0):
                raise PublishError(
                    msg("{folder} on the SFTP server is not a folder", folder=folder)
                )
        except FileNotFoundError:
            self._ensure_folder(posixpath.dirname(folder))
            self.sftp.mkdir(folder)
        self._known_folders.add(folder)

    def write(self, path: str, data: bytes) -> None:
        final = self._remote(path)
        self._ensure_folder(posixpath.dirname(final))
        part = posixpath.join(posixpath.dirname(final), temporary_name(posixpath.basename(final)))
        try:
            with self.sftp.open(part, "wb") as handle:
                handle.write(data)
            self._replace(part, final)
        except BaseException:
            try:
                self.sftp.remove(part)
            except OSError:
                pass
            raise

    def _replace(self, part: str, final: str) -> None:
        try:
            self.sftp.posix_rename(part, final)
        except OSError as error:
            if "unsupported" not in str(error).lower():
                raise
            # A server without OpenSSH's posix-rename: plain SFTP rename will not overwrite,
            # so the old file goes first. For that moment the file is missing, never half
            # written. The tests' server has posix-rename, so this path is untested.
            try:
                self.sftp.remove(final)
            except FileNotFoundError:
                pass
            self.sftp.rename(part, final)

    def remove(self, path: str) -> None:
        final = self._remote(path)
        self.sftp.remove(final)
        folder = posixpath.dirname(final)
        # A rotated token's folder goes with its last file; a folder with files stays.
        while folder not in (self.root, "", "/", "."):
            if self.sftp.listdir(folder):
                break
            self.sftp.rmdir(folder)
            self._known_folders.discard(folder)
            folder = posixpath.dirname(folder)

    def close(self) -> None:
        self.transport.close()
