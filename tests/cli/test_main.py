"""Global options, exit codes, unexpected errors, and the installed `finqr` script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from finqr_desktop import __version__
from finqr_desktop.cli import invoices as invoice_commands
from finqr_desktop.cli.main import main
from finqr_desktop.storage import location


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"finqr {__version__}"
    assert main(["invoice", "list", "--version"]) == 0


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "usage: finqr" in capsys.readouterr().err


def test_database_from_environment(monkeypatch, tmp_path, capsys):
    path = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("FINQR_DATABASE_URL", str(path))
    assert main(["init", "--name", "Miljö AB"]) == 0
    assert path.exists()
    # --database before the command wins over the environment.
    other = tmp_path / "other.sqlite3"
    assert main(["--database", str(other), "init", "--name", "Annan AB"]) == 0
    assert other.exists()


def test_unexpected_error_is_one_line_with_the_traceback_in_the_log(finqr, database, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk fell off\nsecond line")

    monkeypatch.setattr(invoice_commands, "invoice_ids", broken)
    result = finqr("invoice", "list")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert result.err.startswith("error: unexpected RuntimeError: the disk fell off (details in ")
    assert "Traceback" not in result.err
    log = (location.log_dir() / "finqr.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "the disk fell off" in log


def finqr_script() -> str:
    script = Path(sys.executable).with_name("finqr")
    return str(script) if script.exists() else shutil.which("finqr")


def test_installed_console_script(tmp_path):
    script = finqr_script()
    assert script, "the finqr console script is not installed (pip install -e .)"
    env = dict(os.environ, FINQR_DATABASE_URL=f"sqlite:///{tmp_path / 'script.sqlite3'}")

    def run(*args):
        return subprocess.run(
            [script, *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    init = run("init", "--name", "Skript AB", "--bankgiro", "5402-9681")
    assert init.returncode == 0, init.stderr
    draft = tmp_path / "draft.json"
    customer = tmp_path / "customer.json"
    customer.write_text(json.dumps({"number": "1", "name": "Kund AB"}), encoding="utf-8")
    draft.write_text(
        json.dumps({"customer": "1", "lines": [
            {"description": "Tid", "quantity": "2", "unit_price": "500", "vat_rate": "25"}
        ]}),
        encoding="utf-8",
    )  # fmt: skip
    assert run("customer", "add", "--json", str(customer)).returncode == 0
    created = run("invoice", "create", "--json", str(draft), "--issue")
    assert created.returncode == 0, created.stderr
    listed = run("invoice", "list", "--json")
    assert [(row["total"], row["status"]) for row in json.loads(listed.stdout)] == [
        ("1250.00", "unpaid")
    ]
    bad = run("invoice", "show", "nope")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: no invoice with number 'nope'"


@pytest.mark.parametrize(
    "command",
    [
        ("customer", "list"),
        ("invoice", "list"),
        ("invoice", "show", "1"),
        ("vat", "list"),
        ("series", "show"),
        ("customer", "import", "kunder.csv"),
    ],
)
def test_a_missing_ledger_is_not_made_by_other_commands(tmp_path, capsys, command):
    path = tmp_path / "nodir" / "x.sqlite3"
    assert main(["--database", str(path), *command]) == 2
    err = capsys.readouterr().err
    assert err == f"error: no ledger at {path}: create one with `finqr init` (or `finqr demo`)\n"
    assert not path.parent.exists()


def test_a_missing_default_ledger_is_refused_too(tmp_path, capsys):
    path = location.data_dir() / "finqr.sqlite3"
    assert main(["customer", "list"]) == 2
    assert f"error: no ledger at {path}: create one with `finqr init`" in capsys.readouterr().err
    assert not path.exists()


def test_init_creates_the_ledger_and_its_folder(tmp_path, capsys):
    path = tmp_path / "nodir" / "x.sqlite3"
    assert main(["--database", f"sqlite:///{path}", "init", "--name", "Ny AB"]) == 0
    assert path.is_file()
    assert main(["--database", str(path), "customer", "list"]) == 0
    assert capsys.readouterr().out.endswith("No customers.\n")


def test_a_text_file_is_not_a_database(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("not a ledger\n", encoding="utf-8")
    assert main(["--database", str(path), "customer", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot open the database {path}: DatabaseError: ")
    assert err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == "not a ledger\n"


@pytest.mark.parametrize("command", [("invoice", "list"), ("init", "--name", "A AB")])
def test_a_folder_is_not_a_database(tmp_path, capsys, command):
    assert main(["--database", str(tmp_path), *command]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot open the database {tmp_path}: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("url", ["bogus://x", "://nothing"])
def test_a_url_no_database_understands(capsys, url):
    assert main(["--database", url, "customer", "list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot open the database {url}: ")
    assert err.count("\n") == 1


def test_a_url_password_is_not_shown(capsys):
    assert main(["--database", "bogus://user:secret@host/db", "customer", "list"]) == 2
    err = capsys.readouterr().err
    assert "secret" not in err
    assert err.startswith("error: cannot open the database bogus://user:***@host/db: ")
