"""`finqr reminders policy ...` and `finqr reminders rates ...` in-process on a real ledger."""

from __future__ import annotations

import json

import pytest

from .test_reminders import overdue, queue_json  # noqa: F401 (overdue is a fixture)

GENTLE = {"levels": [{"level": 1, "days_after_due": 30, "fee": "0", "charge_interest": False}],
          "claim_compensation": False}  # fmt: skip


def exported(finqr, tmp_path) -> dict:
    path = tmp_path / "policies.json"
    result = finqr("reminders", "policy", "export", str(path))
    assert result.code == 0, result.err
    return json.loads(path.read_text(encoding="utf-8"))


def test_export_edit_import_and_show(finqr, customers, tmp_path, write_json):
    data = exported(finqr, tmp_path)
    assert data["format"] == "finqr-reminder-policies"
    assert [level["fee"] for level in data["levels"]] == ["60", "0"]
    data["policies"] = {"Gentle": GENTLE}
    data["levels"][0]["fee"] = "80"

    result = finqr("reminders", "policy", "import", write_json("p.json", data))

    assert result.code == 0, result.err
    assert "warning: levels[0].fee: fee 80 is above the legal cap of 60" in result.out
    assert "1 named policy" in result.out
    again = exported(finqr, tmp_path)
    assert {k: v for k, v in again.items() if k != "policies"} == {
        k: v for k, v in data.items() if k != "policies"
    }
    gentle = again["policies"]["Gentle"]  # written out in full, the ledger's values filled in
    assert (gentle["levels"][0]["days_after_due"], gentle["minimum_remaining"]) == (30, "10")
    shown = finqr("reminders", "policy", "show")
    assert "Policy 'Gentle' (0 customers)" in shown.out
    assert finqr("reminders", "policy", "show", "--json").json() == again


def test_a_bad_file_is_refused_whole_with_every_place(finqr, customers, tmp_path, write_json):
    before = exported(finqr, tmp_path)
    bad = {**before, "policies": {"Gentle": GENTLE}, "minimum_remaining": "-5"}
    bad["levels"] = [*before["levels"], {"level": 3, "days_after_due": 10, "fee": "x"}]

    result = finqr("reminders", "policy", "import", write_json("bad.json", bad))

    assert result.code == 2
    assert result.err.splitlines() == [
        "error: levels[2].fee: not a decimal number: 'x'",
        "error: levels: each level must come later than the one before",
        "error: minimum_remaining: cannot be negative",
    ]
    assert exported(finqr, tmp_path) == before


@pytest.mark.usefixtures("overdue")
def test_assign_moves_a_customer_to_a_named_policy_and_back(finqr, write_json):
    assert finqr("reminders", "policy", "import", write_json("p.json", {"policies": {
        "Gentle": GENTLE}})).code == 0  # fmt: skip
    assert queue_json(finqr)[0]["compensation"] == "450.00"

    result = finqr("reminders", "policy", "assign", "1001", "Gentle")
    assert result.code == 0, result.err
    assert queue_json(finqr, "--days", "60")[0]["compensation"] == "0.00"
    listed = finqr("customer", "list", "--json").json()
    assert [c["reminder_policy"] for c in listed] == ["Gentle", None]

    assert finqr("reminders", "policy", "assign", "1001", "--default").code == 0
    assert queue_json(finqr)[0]["compensation"] == "450.00"
    unknown = finqr("reminders", "policy", "assign", "1001", "Strict")
    assert unknown.code == 2 and "no policy 'Strict'" in unknown.err


@pytest.mark.usefixtures("overdue")
def test_window_and_threshold(finqr):
    result = finqr("reminders", "policy", "window", "--from", "13:15", "--country", "NO")
    assert result.code == 0, result.err
    assert queue_json(finqr)[0]["send_at"] == "2026-12-09T13:15:00+01:00"
    refused = finqr("reminders", "policy", "window", "--timezone", "Europe/Atlantis")
    assert refused.code == 2 and "Europe/Atlantis" in refused.err

    assert finqr("reminders", "policy", "threshold", "700").code == 0
    assert queue_json(finqr) == []  # 653.00 is left: below the threshold
    assert finqr("reminders", "policy", "threshold", "nothing").code == 2


def test_reference_rates_list_add_and_remove(finqr, company):
    added = finqr("reminders", "rates", "add", "--from", "2027-01-01", "--rate", "1,75")
    assert added.code == 0, added.err
    listed = finqr("reminders", "rates", "list")
    assert listed.out.splitlines()[-1].split() == ["2027-01-01", "1.75"]
    assert finqr("reminders", "rates", "remove", "2027-01-01").code == 0
    assert "2027-01-01" not in finqr("reminders", "rates", "list").out
    missing = finqr("reminders", "rates", "remove", "2027-01-01")
    assert missing.code == 2 and "no reference rate starts on 2027-01-01" in missing.err
    assert finqr("reminders", "rates", "add", "--from", "2027-01-01", "--rate", "200").code == 2
