"""An SFTP server on 127.0.0.1 for publishing tests (asyncssh, in a thread of its own).

It serves one folder as its root to one user with a password, and can be told to refuse
writing files whose name contains a given text, to test a failing file.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

USER = "portal"
PASSWORD = "s3cret-for-tests"
# The public keys (their wire form) the server lets in; a test adds its own.
AUTHORISED_KEYS: set[bytes] = set()


@dataclass
class Rules:
    refuse: set[str] = field(default_factory=set)


class _Server(asyncssh.SSHServer):
    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        return username == USER and password == PASSWORD

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return username == USER and key.public_data in AUTHORISED_KEYS


def _sftp_factory(root: Path, rules: Rules):
    class RefusingSftp(asyncssh.SFTPServer):
        def __init__(self, channel):
            super().__init__(channel, chroot=str(root).encode())

        def open(self, path, pflags, attrs):
            name = path.decode(errors="replace")
            if any(text in name for text in rules.refuse):
                raise asyncssh.SFTPPermissionDenied(f"refused by the test: {name}")
            return super().open(path, pflags, attrs)

    return RefusingSftp


class SftpServer:
    def __init__(self, root: Path, host_key: asyncssh.SSHKey | None = None):
        self.root = root
        self.rules = Rules()
        self.host_key = host_key or asyncssh.generate_private_key("ssh-ed25519")
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.acceptor = self._run(self._start())
        self.port = self.acceptor.sockets[0].getsockname()[1]

    async def _start(self):
        return await asyncssh.create_server(
            _Server,
            "127.0.0.1",
            0,
            server_host_keys=[self.host_key],
            sftp_factory=_sftp_factory(self.root, self.rules),
        )

    @property
    def known_host_entry(self) -> str:
        return " ".join(self.host_key.export_public_key("openssh").decode().split()[:2])

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    async def _shutdown(self) -> None:
        self.acceptor.close()
        await self.acceptor.wait_closed()
        # A connection's tasks may still wait for the client's goodbye: ended here, so that
        # none is left pending for the garbage collector to complain about at a random
        # moment later (CPython 3.11 then breaks pytest's assertion rewriting).
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def stop(self) -> None:
        self._run(self._shutdown())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()
