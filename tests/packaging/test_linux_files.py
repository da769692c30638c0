"""The Linux desktop files: valid by the freedesktop tools, and the icons they name exist."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "se.finqr.desktop.desktop"
METAINFO = LINUX / "se.finqr.desktop.metainfo.xml"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (.ci/setup installs it)")
    return path


def test_the_desktop_file_is_valid():
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == b""  # not even a hint


def test_the_metainfo_is_valid_and_launches_the_desktop_file():
    validator = _tool("appstreamcli")
    command = [validator, "validate", "--no-net", str(METAINFO)]
    result = subprocess.run(command, capture_output=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in METAINFO.read_text()


def test_every_icon_size_is_rendered_at_its_size():
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(DESKTOP, encoding="utf-8")
    name = entry["Desktop Entry"]["Icon"]
    for size in (16, 32, 48, 64, 128, 256, 512):
        folder = LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        image = QImage(str(folder / f"{name}.png"))
        assert (image.width(), image.height()) == (size, size)
        # Drawn, not blank: the corner is transparent and the middle is not.
        assert image.pixelColor(0, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255
    assert (ROOT / "resources" / "icons" / f"{name}.svg").is_file()
