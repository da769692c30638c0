"""PostgreSQL's own client programs (pg_dump, pg_restore, psql), called for backups.

A dump in pg_dump's custom format is what a PostgreSQL administrator expects to find and
can restore by hand. The programs come with the server's client package (Debian:
``postgresql-client``); when one is not on PATH the caller gets ``ToolMissing`` with that
advice, never a silent skip. The password goes to the programs in ``PGPASSWORD``, not on
the command line, where any user of the machine could read it in the process list.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from ..domain.errors import RuleViolation
from ..domain.messages import msg

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3600


class ToolMissing(RuleViolation):
    """A PostgreSQL client program is not installed (not on PATH)."""


class ToolFailed(RuleViolation):
    """A PostgreSQL client program ran and reported an error."""


def find(program: str) -> str | None:
    return shutil.which(program)


def require(program: str, purpose: str) -> str:
    found = find(program)
    if found is None:
        raise ToolMissing(
            msg(
                "{program} is not on PATH, so {purpose} is not possible: install PostgreSQL's "
                "client programs (Debian and Ubuntu: postgresql-client) of the server's version "
                "or newer",
                program=program,
                purpose=purpose,
            )
        )
    return found


def libpq_target(url: str | URL) -> tuple[str, dict[str, str]]:
    """(a libpq connection URI without the password, the environment that carries it)."""
    parsed = make_url(url) if isinstance(url, str) else url
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = str(parsed.password)
    # Built anew rather than with URL.set(password=None): set() skips arguments that are
    # None, so the password would stay in the URI and show in the process list.
    plain = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return plain.render_as_string(hide_password=False), environment


def dump(url: str | URL, target: Path) -> Path:
    """Write the whole database to ``target`` in the custom format (``pg_dump -Fc``).

    The dump goes to a temporary name first, so a dump that fails halfway never looks like a
    finished backup.
    """
    program = require("pg_dump", msg("a PostgreSQL backup"))
    uri, environment = libpq_target(url)
    partial = target.with_name(target.name + ".partial")
    try:
        _run([program, "--format=custom", "--no-owner", "--file", str(partial), "--dbname", uri],
             environment, "pg_dump")  # fmt: skip
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)  # half a dump is no backup
        raise
    return target


def table_of_contents(file: Path) -> str:
    """``pg_restore --list``: one line per object in the dump; fails on a file that is not
    a dump in pg_dump's custom or tar format."""
    program = require("pg_restore", msg("reading a PostgreSQL backup"))
    return _run([program, "--list", str(file)], dict(os.environ), "pg_restore")


def table_data(file: Path, table: str) -> str:
    """The rows of one table in the dump, as the COPY text pg_restore writes."""
    program = require("pg_restore", msg("reading a PostgreSQL backup"))
    return _run([program, "--data-only", "--table", table, "--file", "-", str(file)],
                dict(os.environ), "pg_restore")  # fmt: skip


def restore_script(file: Path) -> str:
    """The dump as one SQL script, without owners and grants (they belong to the old server)."""
    program = require("pg_restore", msg("restoring a PostgreSQL backup"))
    return _run([program, "--no-owner", "--no-privileges", "--file", "-", str(file)],
                dict(os.environ), "pg_restore")  # fmt: skip


def run_script(url: str | URL, script: Path) -> None:
    """Run ``script`` with psql as one transaction that stops at the first error."""
    program = require("psql", msg("restoring a PostgreSQL backup"))
    uri, environment = libpq_target(url)
    _run([program, "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction",
          "--file", str(script), "--dbname", uri], environment, "psql")  # fmt: skip


def _run(command: list[str], environment: dict[str, str], name: str) -> str:
    logger.debug("running %s", name)
    try:
        done = subprocess.run(
            command, env=environment, capture_output=True, text=True,
            timeout=TIMEOUT_SECONDS, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise ToolFailed(
            msg(
                "{program} did not finish within {seconds} s",
                program=name,
                seconds=TIMEOUT_SECONDS,
            )
        ) from None
    if done.returncode != 0:
        # The program's own last line of output stays as it wrote it.
        detail = (done.stderr or done.stdout).strip().splitlines()
        problem = detail[-1] if detail else msg("exit {code}", code=done.returncode)
        raise ToolFailed(msg("{program} failed: {problem}", program=name, problem=problem))
    return done.stdout
