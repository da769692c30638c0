"""A SQLite ledger on a network share is refused at open, with the advice to use PostgreSQL.

The check reads the file system type of the file's folder; these tests hand it a
mountinfo text of their own instead of /proc/self/mountinfo.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from finqr_desktop.services.ledger import open_ledger
from finqr_desktop.storage import network_fs
from finqr_desktop.storage.network_fs import Mount, NetworkShareRefused

LOCAL = "22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n"


def mountinfo(point: Path, fs_type: str, source: str = "fileserver:/office") -> str:
    escaped = str(point).replace(" ", "\\040")
    return LOCAL + f"95 22 0:52 / {escaped} rw,relatime shared:50 - {fs_type} {source} rw\n"


@pytest.mark.parametrize("fs_type", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs"])
def test_a_file_on_a_network_mount_is_refused(tmp_path, fs_type):
    share = tmp_path / "office share"
    share.mkdir()
    with pytest.raises(NetworkShareRefused, match=rf"network share \({fs_type}\).*PostgreSQL"):
        network_fs.refuse_network_share(share / "f.sqlite3", mountinfo=mountinfo(share, fs_type))


def test_a_folder_not_made_yet_under_a_share_counts_as_the_share(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    path = share / "ledgers" / "2026" / "finqr.sqlite3"
    assert network_fs.network_fs_type(path, mountinfo=mountinfo(share, "nfs4")) == "nfs4"


def test_a_local_folder_beside_a_share_is_accepted(tmp_path):
    share, local = tmp_path / "share", tmp_path / "shared-not"
    share.mkdir()
    local.mkdir()
    text = mountinfo(share, "cifs")
    assert network_fs.network_fs_type(local / "finqr.sqlite3", mountinfo=text) is None
    network_fs.refuse_network_share(local / "finqr.sqlite3", mountinfo=text)


def test_a_local_mount_inside_a_share_is_local(tmp_path):
    share = tmp_path / "share"
    (share / "cache").mkdir(parents=True)
    text = mountinfo(share, "nfs") + f"96 95 0:53 / {share / 'cache'} rw - tmpfs tmpfs rw\n"
    assert network_fs.network_fs_type(share / "cache" / "f.sqlite3", mountinfo=text) is None
    assert network_fs.network_fs_type(share / "f.sqlite3", mountinfo=text) == "nfs"


def test_open_refuses_the_file_and_creates_nothing(tmp_path, monkeypatch):
    share = tmp_path / "share"
    share.mkdir()
    info = tmp_path / "mountinfo"
    info.write_text(mountinfo(share, "nfs4"))
    monkeypatch.setattr(network_fs, "MOUNTINFO", info)
    monkeypatch.setattr(network_fs.sys, "platform", "linux")

    with pytest.raises(NetworkShareRefused, match="use it, because its write-ahead log"):
        open_ledger(f"sqlite:///{share / 'finqr.sqlite3'}")

    assert list(share.iterdir()) == []


def test_the_command_line_says_so_and_exits_2(tmp_path, monkeypatch, capsys):
    from finqr_desktop.cli.main import main

    share = tmp_path / "share"
    share.mkdir()
    info = tmp_path / "mountinfo"
    info.write_text(mountinfo(share, "cifs", "//nas/office"))
    monkeypatch.setattr(network_fs, "MOUNTINFO", info)
    monkeypatch.setattr(network_fs.sys, "platform", "linux")

    code = main(["init", "--name", "X AB", "--database", str(share / "finqr.sqlite3")])

    assert code == 2
    assert "network share (cifs)" in capsys.readouterr().err


def test_mount_output_of_macos_is_read():
    text = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//eva@nas.local/Office on /Volumes/Office (smbfs, nodev, nosuid, mounted by eva)\n"
        "nas:/export on /Volumes/nfs share (nfs, asynchronous)\n"
    )
    mounts = network_fs.parse_mount_output(text)
    assert mounts == [
        Mount("/", "apfs"),
        Mount("/Volumes/Office", "smbfs"),
        Mount("/Volumes/nfs share", "nfs"),
    ]
    found = network_fs.mount_of(PurePosixPath("/Volumes/Office/Ekonomi"), mounts)
    assert found == Mount("/Volumes/Office", "smbfs")


def test_windows_unc_paths_are_shares(monkeypatch):
    monkeypatch.setattr(network_fs.sys, "platform", "win32")
    unc = PureWindowsPath("\\\\fileserver\\office\\finqr.sqlite3")
    assert network_fs._windows_remote(unc) == "smb"
    assert network_fs._windows_remote(PureWindowsPath("\\\\?\\UNC\\nas\\x\\f.sqlite3")) == "smb"
