"""The PostgreSQL password reaches pg_dump and psql only in their environment, never on
their command line, where every user of the machine can read it in the process list."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest

from finqr_desktop.storage import pg_tools

PASSWORD = "s3cret-Pw"
URL = f"postgresql+psycopg://clerk:{PASSWORD}@127.0.0.1:5432/finqr?sslmode=disable"

# A stand-in for the PostgreSQL client programs: it records how it was called and, like
# pg_dump, writes the file named after --file.
FAKE_PROGRAM = f"""#!{sys.executable}
import json, os, sys
from pathlib import Path
record = Path(__file__).with_name("calls.json")
calls = json.loads(record.read_text()) if record.exists() else []
calls.append({{"argv": sys.argv, "password": os.environ.get("PGPASSWORD")}})
record.write_text(json.dumps(calls))
if "--file" in sys.argv and Path(__file__).name == "pg_dump":
    Path(sys.argv[sys.argv.index("--file") + 1]).write_bytes(b"PGDMP")
"""


@pytest.fixture
def recorded_calls(tmp_path, monkeypatch) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("pg_dump", "psql"):
        program = bin_dir / name
        program.write_text(FAKE_PROGRAM, encoding="utf-8")
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir / "calls.json"


def test_pg_dump_gets_the_password_only_in_its_environment(recorded_calls, tmp_path):
    target = pg_tools.dump(URL, tmp_path / "finqr.dump")

    assert target.read_bytes() == b"PGDMP"
    (call,) = json.loads(recorded_calls.read_text())
    assert call["password"] == PASSWORD
    assert not any(PASSWORD in argument for argument in call["argv"])
    uri = call["argv"][call["argv"].index("--dbname") + 1]
    assert uri == "postgresql://clerk@127.0.0.1:5432/finqr?sslmode=disable"


def test_psql_gets_the_password_only_in_its_environment(recorded_calls, tmp_path):
    script = tmp_path / "restore.sql"
    script.write_text("SELECT 1;\n", encoding="utf-8")

    pg_tools.run_script(URL, script)

    (call,) = json.loads(recorded_calls.read_text())
    assert call["password"] == PASSWORD
    assert not any(PASSWORD in argument for argument in call["argv"])
