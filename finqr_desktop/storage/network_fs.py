"""Refuse a SQLite file on a network share: WAL needs one machine's shared memory.

SQLite's write-ahead log coordinates readers and writers through a memory-mapped ``-shm``
file and POSIX or Windows file locks. Over NFS or SMB/CIFS neither is reliable between two
machines, and a ledger shared that way gets corrupted; a shared office uses PostgreSQL.

What each platform checks, for the folder that holds the file (the file may not exist yet):

- Linux: the mount in ``/proc/self/mountinfo`` with the longest mount point that contains
  the folder, and its file system type (``nfs``, ``nfs4``, ``cifs``, ``smb3``, ...).
- macOS and the BSDs: the same from the output of ``mount`` ("... on /Volumes/x (smbfs,
  ..."), which lists what ``statfs`` calls ``f_fstypename``.
- Windows: a UNC path (``\\\\server\\share``) is a share; otherwise ``GetDriveTypeW`` of the
  drive letter says ``DRIVE_REMOTE`` for a mapped network drive.

A platform or a folder none of this can read counts as local: the check refuses only what
it can name.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

from ..domain.errors import RuleViolation
from ..domain.messages import msg

logger = logging.getLogger(__name__)

MOUNTINFO = Path("/proc/self/mountinfo")
# File system types that live on another machine. FUSE types carry a "fuse." prefix.
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afpfs", "webdav", "davfs",
        "ncpfs", "afs", "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "fuse.sshfs",
        "fuse.glusterfs", "fuse.rclone", "fuse.s3fs", "fuse.davfs2", "fuse.smbnetfs",
    }
)  # fmt: skip
DRIVE_REMOTE = 4


class NetworkShareRefused(RuleViolation):
    """The ledger file lies on a network share."""


@dataclass(frozen=True)
class Mount:
    mount_point: str
    fs_type: str


def refuse_network_share(path: Path, *, mountinfo: str | None = None) -> None:
    """Raise NetworkShareRefused when ``path``'s folder is on a network file system.

    ``mountinfo`` stands in for /proc/self/mountinfo (tests write their own).
    """
    fs_type = network_fs_type(path, mountinfo=mountinfo)
    if fs_type is None:
        return
    raise NetworkShareRefused(
        msg(
            "{path} is on a network share ({fs_type}); a SQLite ledger there gets corrupted "
            "when two machines use it, because its write-ahead log needs one machine's shared "
            "memory and locks: keep the file on a local disk, or share the ledger through a "
            "PostgreSQL server (--database postgresql+psycopg://...)",
            path=path,
            fs_type=fs_type,
        )
    )


def network_fs_type(path: Path, *, mountinfo: str | None = None) -> str | None:
    """The network file system type under ``path``'s folder, or None when it is local."""
    if sys.platform == "win32" and mountinfo is None:
        return _windows_remote(path)
    folder = _existing_folder(path)
    if mountinfo is not None or sys.platform.startswith("linux"):
        text = mountinfo if mountinfo is not None else _read(MOUNTINFO)
        mounts = parse_mountinfo(text) if text else []
    else:
        mounts = parse_mount_output(_mount_output())
    mount = mount_of(folder, mounts)
    if mount is None:
        return None
    fs_type = mount.fs_type.lower()
    return fs_type if fs_type in NETWORK_TYPES else None


def parse_mountinfo(text: str) -> list[Mount]:
    """Mounts from the Linux mountinfo format (man 5 proc): the mount point is field 5, the
    file system type the first field after the lone ``-`` separator."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        separator = fields.index("-")
        if len(fields) <= max(4, separator + 1):
            continue
        mounts.append(Mount(_unescape(fields[4]), fields[separator + 1]))
    return mounts


def parse_mount_output(text: str) -> list[Mount]:
    """Mounts from BSD/macOS ``mount`` lines: ``SOURCE on POINT (TYPE, options...)``."""
    mounts = []
    for line in text.splitlines():
        source, on, rest = line.partition(" on ")
        if not on or " (" not in rest:
            continue
        point, _, options = rest.rpartition(" (")
        mounts.append(Mount(point, options.split(",")[0].strip(" )")))
    return mounts


def mount_of(folder: PurePath, mounts: list[Mount]) -> Mount | None:
    """The mount with the longest mount point containing ``folder``; a later mount on the
    same point hides an earlier one, as the kernel lists them."""
    best: Mount | None = None
    for mount in mounts:
        point = PurePath(mount.mount_point)
        if folder == point or point in folder.parents:
            if best is None or len(point.parts) >= len(PurePath(best.mount_point).parts):
                best = mount
    return best


def _existing_folder(path: Path) -> Path:
    """The file's folder with symbolic links resolved as far as it exists (a new ledger's
    folder is made only when the file is)."""
    folder = path.expanduser().absolute().parent
    existing, missing = folder, []
    while not existing.exists() and existing != existing.parent:
        missing.insert(0, existing.name)
        existing = existing.parent
    try:
        existing = existing.resolve()
    except OSError:
        pass
    return existing.joinpath(*missing)


def _windows_remote(path: PurePath) -> str | None:
    text = str(path)
    if not text.startswith("\\\\"):
        text = str(Path(text).expanduser().absolute())
    if text.upper().startswith("\\\\?\\UNC\\") or (
        text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))
    ):
        return "smb"  # \\server\share, or the same in the long-path form
    drive = PureWindowsPath(text).drive
    if not drive:
        return None
    try:
        import ctypes

        kind = ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\")
    except (AttributeError, OSError):
        return None
    return "network drive" if kind == DRIVE_REMOTE else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _mount_output() -> str:
    try:
        done = subprocess.run(["mount"], capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        logger.debug("cannot list mounts: %s", error)
        return ""
    return done.stdout


def _unescape(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash in a path as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field
