"""`finqr invoice audit`, and `invoice update` / `customer update` refusing a stale save
with who saved first."""

from __future__ import annotations

import pytest

from finqr_desktop.services import audit

DRAFT = {
    "customer": "1001",
    "issue_date": "2026-03-02",
    "lines": [{"description": "Konsulttid", "quantity": "2", "unit_price": "100.00",
               "vat_rate": "25"}],
}  # fmt: skip


@pytest.fixture
def clerk(monkeypatch):
    """``clerk("anna", "reception")``: the commands after it act as that clerk."""

    def become(user: str, workstation: str) -> None:
        monkeypatch.setattr(audit, "actor", lambda: audit.Actor(user, workstation))

    return become


def test_audit_lists_who_drafted_issued_and_credited(finqr, customers, write_json, clerk):
    clerk("anna", "reception")
    created = finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--issue")
    assert created.code == 0, created.err
    number = finqr("invoice", "list", "--json").json()[0]["number"]
    clerk("bo", "back-office")
    assert finqr("invoice", "credit", number, "--reason", "wrong hours").code == 0

    trail = finqr("invoice", "audit", number, "--json")
    assert trail.code == 0, trail.err
    rows = trail.json()
    assert [(r["user"], r["workstation"], r["action"]) for r in rows] == [
        ("anna", "reception", "draft"),
        ("anna", "reception", "issue"),
        ("bo", "back-office", "credit"),
        ("bo", "back-office", "issue"),
    ]
    assert "wrong hours" in rows[2]["detail"] and rows[3]["invoice"] != number
    assert rows[0]["at"].endswith("+00:00")

    text = finqr("invoice", "audit", number)
    assert text.code == 0
    assert "Workstation" in text.out and "back-office" in text.out and "credit note" in text.out


def test_audit_of_an_unknown_invoice_says_so(finqr, customers):
    result = finqr("invoice", "audit", "2026-9999")
    assert (result.code, result.err.strip()) == (2, "error: no invoice with number '2026-9999'")


def test_a_stale_draft_update_is_refused_with_the_first_clerk(finqr, customers, write_json, clerk):
    created = finqr("invoice", "create", "--json", write_json("d.json", DRAFT))
    draft_id = created.out.split()[2]
    version = finqr("invoice", "show", draft_id, "--json").json()["version"]

    clerk("anna", "reception")
    first = {**DRAFT, "notes": "Anna's change"}
    saved = finqr("invoice", "update", draft_id, "--json", write_json("a.json", first),
                  "--if-version", str(version))  # fmt: skip
    assert saved.code == 0, saved.err
    saved_as = int(saved.out.strip().removeprefix(f"Saved draft {draft_id} (version ")[:-2])
    assert saved_as > version

    clerk("bo", "back-office")
    second = {**DRAFT, "notes": "Bo's change"}
    refused = finqr("invoice", "update", draft_id, "--json", write_json("b.json", second),
                    "--if-version", str(version))  # fmt: skip
    assert refused.code == 2
    assert refused.err.startswith("error: anna on reception saved this draft at ")
    assert "while you were editing; reload it" in refused.err
    assert finqr("invoice", "show", draft_id, "--json").json()["notes"] == "Anna's change"


def test_a_stale_customer_update_is_refused(finqr, customers, write_json, clerk):
    (listed,) = [c for c in finqr("customer", "list", "--json").json() if c["number"] == "1002"]
    changed = {"name": "Anna Andersson", "kind": "person", "city": "Umeå", "language": "en"}
    clerk("anna", "reception")
    first = finqr("customer", "update", "1002", "--json", write_json("a.json", changed),
                  "--if-version", str(listed["version"]))  # fmt: skip
    assert first.code == 0, first.err

    clerk("bo", "back-office")
    again = {**changed, "city": "Kiruna"}
    refused = finqr("customer", "update", "1002", "--json", write_json("b.json", again),
                    "--if-version", str(listed["version"]))  # fmt: skip
    assert refused.code == 2
    assert refused.err.startswith("error: anna on reception saved customer 1002 at ")
    (after,) = [c for c in finqr("customer", "list", "--json").json() if c["number"] == "1002"]
    assert after["address"]["city"] == "Umeå"


def test_an_issued_invoice_cannot_be_updated(finqr, customers, write_json):
    finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--issue")
    (issued,) = finqr("invoice", "list", "--json").json()
    result = finqr("invoice", "update", str(issued["id"]), "--json", write_json("x.json", DRAFT))
    assert result.code == 2
    assert "cannot change" in result.err
