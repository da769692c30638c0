"""A window closed while the template preview renders goes away; it never freezes.

Run in a child process with a time limit: the freeze this guards against (a worker pool
destroyed with the window, waiting for its Python job while holding Python's lock) would
otherwise hang the whole test run instead of failing one test.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import datetime as dt, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from finqr_desktop.services.demo import build_demo
    from finqr_desktop.services.ledger import open_ledger
    from finqr_desktop.ui.context import LedgerContext
    from finqr_desktop.ui.main_window import MainWindow

    app = QApplication([])
    database = open_ledger("sqlite:///" + sys.argv[1])
    with database.writing() as session:
        build_demo(session, today=dt.date(2026, 12, 4))
    window = MainWindow(LedgerContext(database, today=lambda: dt.date(2026, 12, 4)))
    window.show()
    window.show_section("Templates")
    preview = window.templates.preview
    for _ in range(200):  # until the first render is under way
        QTest.qWait(10)
        if preview._running:
            break
    print("rendering", preview._running, flush=True)
    window.close()
    window.deleteLater()
    QTest.qWait(1500)
    print("closed", flush=True)
    """
)


def test_closing_the_window_during_a_preview_render_does_not_freeze(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "ledger.sqlite3")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
             "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state"),
             "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert "rendering True" in done.stdout, done.stderr
    assert "closed" in done.stdout and done.returncode == 0, done.stderr
