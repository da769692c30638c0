"""Running the real `finqr` command in-process against a fresh database per test."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from finqr_desktop.cli.main import main

COMPANY_OPTIONS = [
    "--name", "Exempel Handel AB", "--org-number", "556677-8899",
    "--vat-number", "SE556677889901", "--bankgiro", "5402-9681", "--f-tax",
    "--street", "Storgatan 1", "--postal-code", "111 22", "--city", "Stockholm",
]  # fmt: skip


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def finqr(database_url, capsys):
    """``finqr("invoice", "list")`` runs the command on this test's database."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main([*args, "--database", database_url])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def write_json(tmp_path):
    """Write ``data`` to a JSON file in the test's folder and return its path as text."""

    def write(name: str, data: object) -> str:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def company(finqr):
    result = finqr("init", *COMPANY_OPTIONS)
    assert result.code == 0, result.err
    return result


@pytest.fixture
def customers(finqr, company, write_json):
    for data in (
        {"number": "1001", "name": "Nilsson & Söner Bygg AB", "org_number": "556036-0793",
         "city": "Lund", "emails": ["ekonomi@nilsson.example"], "payment_terms": "30"},
        {"number": "1002", "name": "Anna Andersson", "kind": "person", "city": "Växjö",
         "payment_terms": "10", "language": "en"},
    ):  # fmt: skip
        result = finqr("customer", "add", "--json", write_json(f"c{data['number']}.json", data))
        assert result.code == 0, result.err


def write_text(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)
