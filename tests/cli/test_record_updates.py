"""`customer update` changes only the keys given; wrong JSON types are refused; the JSON that
`customer list` and `invoice show` print can be fed back."""

from __future__ import annotations

import pytest

FULL = {
    "number": "1003", "name": "Berg & Dal AB", "org_number": "556036-0793",
    "street": "Bergsgatan 4", "postal_code": "222 33", "city": "Lund",
    "emails": ["faktura@berg.example", "ekonomi@berg.example"], "reminder_fee_agreed": True,
    "tags": ["bygg"], "payment_terms": "20",
}  # fmt: skip
DRAFT = {
    "customer": "1001",
    "notes": "first",
    "lines": [{"description": "Arbete", "quantity": "2", "unit_price": "500", "vat_rate": "25"}],
}


def customer(finqr, number="1003"):
    (found,) = [c for c in finqr("customer", "list", "--json").json() if c["number"] == number]
    return found


@pytest.fixture
def berg(finqr, customers, write_json):
    result = finqr("customer", "add", "--json", write_json("berg.json", FULL))
    assert result.code == 0, result.err
    return customer(finqr)


def test_a_name_alone_changes_only_the_name(finqr, berg, write_json):
    result = finqr(
        "customer", "update", "1003", "--json", write_json("n.json", {"name": "Dal AB"})
    )
    assert result.code == 0, result.err

    after = customer(finqr)
    assert after["name"] == "Dal AB"
    assert after["version"] == berg["version"] + 1
    unchanged = {k: v for k, v in after.items() if k not in ("name", "version")}
    assert unchanged == {k: v for k, v in berg.items() if k not in ("name", "version")}
    assert after["reminder_fee_agreed"] is True
    assert after["emails"] == FULL["emails"]


def test_part_of_the_address_keeps_the_rest(finqr, berg, write_json):
    for name, data in (
        ("flat.json", {"city": "Malmö"}),
        ("nested.json", {"address": {"street": "Ån 1"}}),
    ):
        result = finqr("customer", "update", "1003", "--json", write_json(name, data))
        assert result.code == 0, result.err
    assert customer(finqr)["address"] == {
        "street": "Ån 1", "postal_code": "222 33", "city": "Malmö", "country": "SE",
    }  # fmt: skip


def test_null_resets_and_email_replaces_the_list(finqr, berg, write_json):
    data = {"org_number": None, "email": "ny@berg.example", "reminder_fee_agreed": ""}
    result = finqr("customer", "update", "1003", "--json", write_json("r.json", data))
    assert result.code == 0, result.err
    after = customer(finqr)
    assert (after["org_number"], after["emails"], after["reminder_fee_agreed"]) == (
        "", ["ny@berg.example"], False,
    )  # fmt: skip


def test_the_listed_json_is_taken_back(finqr, berg, write_json):
    changed = {**berg, "city": "Ystad", "version": 999}
    del changed["address"]
    changed.update(berg["address"], city="Ystad")
    result = finqr("customer", "update", "1003", "--json", write_json("l.json", changed))
    assert result.code == 0, result.err
    assert customer(finqr)["address"]["city"] == "Ystad"

    listed = customer(finqr)
    listed["address"]["city"] = "Visby"
    result = finqr("customer", "update", "1003", "--json", write_json("m.json", listed))
    assert result.code == 0, result.err
    assert customer(finqr)["address"]["city"] == "Visby"


def test_a_changed_reminder_policy_is_refused_not_dropped(finqr, berg, write_json):
    data = {"name": "X AB", "reminder_policy": "gentle"}
    result = finqr("customer", "update", "1003", "--json", write_json("p.json", data))
    assert result.code == 2
    assert "error: reminder_policy: is not changed by `customer update`" in result.err
    assert customer(finqr)["name"] == FULL["name"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": 5}, "name: expected text, got a number"),
        ({"city": 12}, "city: expected text, got a number"),
        ({"address": {"city": 12}}, "address.city: expected text, got a number"),
        ({"name": True}, "name: expected text, got true"),
        ({"name": ["A"]}, "name: expected text, got a list"),
        ({"org_number": {"a": 1}}, "org_number: expected text, got an object"),
        ({"address": "Storgatan 1"}, "address: expected an object, got text"),
        ({"city": "Lund", "address": {"street": "X"}}, "address: give city either in address"),
    ],
)
def test_wrong_types_are_refused_and_nothing_changes(finqr, berg, write_json, data, message):
    result = finqr("customer", "update", "1003", "--json", write_json("w.json", data))
    assert result.code == 2
    assert f"error: {message}" in result.err
    assert customer(finqr) == berg


def test_a_whole_number_is_still_a_customer_number(finqr, customers, write_json):
    result = finqr(
        "customer", "add", "--json", write_json("c.json", {"number": 1010, "name": "B"})
    )
    assert result.code == 0, result.err
    assert customer(finqr, "1010")["name"] == "B"


def test_a_wrong_type_in_a_new_customer_is_refused(finqr, customers, write_json):
    result = finqr("customer", "add", "--json", write_json("c.json", {"name": "B", "city": 12}))
    assert result.code == 2
    assert result.err == "error: city: expected text, got a number\n"


def test_the_shown_draft_is_taken_back(finqr, customers, write_json):
    created = finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--print-json")
    assert created.code == 0, created.err
    shown = created.json()
    shown["notes"] = "second"
    shown["lines"][0]["quantity"] = "3"

    result = finqr("invoice", "update", str(shown["id"]), "--json", write_json("u.json", shown))
    assert result.code == 0, result.err

    after = finqr("invoice", "show", str(shown["id"]), "--json").json()
    assert (after["notes"], after["lines"][0]["quantity"], after["total"]) == (
        "second", "3", "1875.00",
    )  # fmt: skip
    assert after["version"] > shown["version"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"notes": 5}, "notes: expected text, got a number"),
        ({"your_reference": False}, "your_reference: expected text, got false"),
        (
            {"lines": [{**DRAFT["lines"][0], "unit": 3}]},
            "lines[0].unit: expected text, got a number",
        ),
        ({"lines": [{**DRAFT["lines"][0], "quantity": True}]}, "lines[0].quantity: "),
        ({"prices_include_vat": "maybe"}, "prices_include_vat: expected true or false"),
    ],
)
def test_wrong_types_in_a_draft_update_are_refused(finqr, customers, write_json, change, message):
    created = finqr("invoice", "create", "--json", write_json("d.json", DRAFT), "--print-json")
    draft_id = str(created.json()["id"])
    result = finqr(
        "invoice", "update", draft_id, "--json", write_json("u.json", {**DRAFT, **change})
    )
    assert result.code == 2
    assert f"error: {message}" in result.err
    assert finqr("invoice", "show", draft_id, "--json").json()["notes"] == "first"
