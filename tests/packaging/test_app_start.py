"""`finqr-desktop --version` and `--smoke-test`, as the packaged build is checked in CI.

The smoke start runs in a child process: it sets process-wide Qt settings and ends with
the process, as it does in the built app.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSize

from finqr_desktop import __version__
from finqr_desktop.ui import app
from finqr_desktop.ui.app_icon import app_icon


def test_version_prints_and_exits_without_a_window(capsys, qapp):
    assert app.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"finqr-desktop {__version__}"
    assert qapp.topLevelWidgets() == []


def test_the_window_icon_comes_at_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert QSize(16, 16) in icon.availableSizes()
    assert QSize(256, 256) in icon.availableSizes()
    assert icon.pixmap(64, 64).toImage().pixelColor(32, 32).alpha() == 255


@pytest.mark.slow
def test_the_smoke_start_opens_the_window_renders_a_document_and_quits(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    result = subprocess.run(
        [sys.executable, "-m", "finqr_desktop.ui.app", "--smoke-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("smoke test: UI catalogues sv, en; using ")
    assert lines[1] == "smoke test: main window with 8 sections on a new ledger"
    assert lines[2].startswith("smoke test: sample invoice,")
    assert lines[-1] == "smoke test: ok"
    # The throwaway ledger is gone, and no ledger was made in the user's data folder.
    assert not (tmp_path / ".local" / "share").exists()
