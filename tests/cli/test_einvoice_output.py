"""Where `finqr invoice export` may write: never over the open ledger, never half a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from finqr_desktop.services import file_output

from ..conftest import on_postgres
from .test_einvoice import DRAFT

needs_sqlite = pytest.mark.skipif(on_postgres(), reason="a server ledger has no local file")


@pytest.fixture
def issued(finqr, customers, write_json) -> str:
    result = finqr("invoice", "create", "--json", write_json("draft.json", DRAFT), "--issue",
                   "--print-json")  # fmt: skip
    assert result.code == 0, result.err
    return result.json()["number"]


@needs_sqlite
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_ledger_and_its_journal_files_are_refused(finqr, issued, tmp_path, suffix):
    ledger = tmp_path / "ledger.sqlite3"
    before = ledger.read_bytes()
    target = Path(f"{ledger}{suffix}")
    existed = target.exists()
    result = finqr("invoice", "export", issued, "--format", "ubl", "-o", str(target))
    assert result.code == 2
    assert "the ledger's own database file" in result.err
    assert ledger.read_bytes() == before
    assert target.exists() == existed
    # The ledger still opens and holds the invoice.
    assert finqr("invoice", "list", "--json").code == 0


@needs_sqlite
def test_a_symlink_to_the_ledger_is_refused(finqr, issued, tmp_path):
    ledger = tmp_path / "ledger.sqlite3"
    before = ledger.read_bytes()
    link = tmp_path / "sub" / "innocent.xml"
    link.parent.mkdir()
    link.symlink_to(ledger)
    relative = os.path.relpath(tmp_path / "sub" / ".." / "ledger.sqlite3")
    for target in (str(link), relative):
        result = finqr("invoice", "export", issued, "--format", "facturx", "-o", target)
        assert result.code == 2, target
        assert "the ledger's own database file" in result.err
    assert ledger.read_bytes() == before


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial_one(
    finqr, issued, tmp_path, monkeypatch
):
    target = tmp_path / "invoice.xml"
    target.write_bytes(b"the old export")

    def broken_fsync(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(file_output.os, "fsync", broken_fsync)
    result = finqr("invoice", "export", issued, "--format", "ubl", "-o", str(target))
    assert result.code == 2
    assert "No space left on device" in result.err
    assert target.read_bytes() == b"the old export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_export_replaces_the_old_file_whole_and_keeps_its_permissions(finqr, issued, tmp_path):
    target = tmp_path / "invoice.xml"
    target.write_bytes(b"x" * 1_000_000)
    target.chmod(0o640)
    result = finqr("invoice", "export", issued, "--format", "ubl", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_bytes().startswith(b"<?xml") and target.read_bytes().rstrip().endswith(
        b"</Invoice>"
    )
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_file_name_too_long_is_a_clear_error(finqr, issued, tmp_path):
    target = tmp_path / ("x" * 300 + ".xml")
    result = finqr("invoice", "export", issued, "--format", "ubl", "-o", str(target))
    assert result.code == 2
    assert "the file name is too long" in result.err
    assert "unexpected" not in result.err


@needs_sqlite
def test_no_command_writes_its_output_over_the_ledger(finqr, issued, tmp_path):
    ledger = tmp_path / "ledger.sqlite3"
    before = ledger.read_bytes()
    result = finqr("invoice", "pdf", issued, "-o", str(ledger))
    assert result.code == 2
    assert "the ledger's own database file" in result.err
    assert ledger.read_bytes() == before
    # Another file is written as before.
    assert finqr("invoice", "pdf", issued, "-o", str(tmp_path / "x.pdf")).code == 0
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
