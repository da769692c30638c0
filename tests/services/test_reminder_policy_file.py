"""The policy document: what export writes, import reads back, and every problem by place."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal

import pytest

from finqr_desktop.domain.errors import ValidationFailed
from finqr_desktop.domain.reminder_defaults import swedish_default_policy
from finqr_desktop.services import reminder_policy_file as policy_file
from finqr_desktop.services import reminder_settings as settings


def fields_of(failed: ValidationFailed) -> list[str]:
    return [problem.field for problem in failed.problems]


def test_export_then_import_gives_the_same_policies(ledger):
    with ledger.writing() as session:
        data = policy_file.policy_data(session)
        data["policies"] = {"Gentle": {"levels": [{"days_after_due": 30}], "fee_cap": "0"}}
        policy_file.save_policy_data(session, data)
        exported = json.loads(json.dumps(policy_file.policy_data(session)))
        book = settings.policy_book(session)

    with ledger.writing() as session:
        session.info.clear()
        policy_file.save_policy_data(session, exported)
    with ledger.reading() as session:
        assert settings.policy_book(session) == book
        gentle = settings.reminder_policy(session, "Gentle")
    assert [(level.level, level.days_after_due, level.fee) for level in gentle.levels] == [
        (1, 30, 0)
    ]


def test_a_short_file_keeps_the_swedish_defaults_for_what_it_leaves_out(ledger):
    with ledger.writing() as session:
        policy_file.save_policy_data(session, {"minimum_remaining": "25"})
    with ledger.reading() as session:
        policy = settings.reminder_policy(session)
    assert policy.minimum_remaining == 25
    assert policy.levels == swedish_default_policy().levels


def test_every_problem_is_named_by_its_place_and_nothing_is_saved(ledger):
    with ledger.reading() as session:
        data = policy_file.policy_data(session)
    before = copy.deepcopy(data)
    data["levels"][1]["fee"] = 0.5
    data["levels"][0]["texts"][1]["body"] = "Pay {amount}"
    data["levels"][0]["colour"] = "red"
    data["window"]["timezone"] = "Mars/Olympus"
    data["reference_rates"][2] = ["2024-13-01", "4"]
    data["policies"] = {"Strict": {"levels": [{"level": 1, "days_after_due": "soon"}],
                                   "window": {"start": "08:00"}}}  # fmt: skip

    with ledger.writing() as session, pytest.raises(ValidationFailed) as raised:
        policy_file.save_policy_data(session, data)

    assert fields_of(raised.value) == [
        "levels[0].colour",
        "levels[1].fee",
        "reference_rates[2].from",
        "window",
        "levels[0].texts[1].body",
        "policies.Strict.window",
        "policies.Strict.levels[0].days_after_due",
    ]
    assert "floats are not exact" in str(raised.value)
    assert "Mars/Olympus" in str(raised.value)
    with ledger.reading() as session:
        assert policy_file.policy_data(session) == before


def test_rules_of_the_planner_are_reported_per_level(ledger):
    first = {"level": 1, "days_after_due": 0}
    second = {"level": 2, "days_after_due": 9, "min_days_since_previous": -2}
    data = {"levels": [first, second]}
    with pytest.raises(ValidationFailed) as raised:
        policy_file.book_from_data(data)
    assert fields_of(raised.value) == [
        "levels[0].days_after_due",
        "levels[1].min_days_since_previous",
    ]


def test_a_fee_above_the_cap_is_saved_with_a_warning(ledger):
    data = {"policies": {"Strict": {"levels": [{"days_after_due": 5, "fee": "95"}]}}}
    with ledger.writing() as session:
        warnings = policy_file.save_policy_data(session, data)
    assert [w.field for w in warnings] == ["policies.Strict.levels[0].fee"]
    assert "above the legal cap" in warnings[0].message
    with ledger.reading() as session:
        assert settings.reminder_policy(session, "Strict").levels[0].fee == 95


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"format": "something-else"}, "format"),
        ({"policies": {"default": {}}}, "policies.default"),
        ({"policies": {" Gentle": {}}}, "policies. Gentle"),
        ({"policies": {"Gentle": {"currency": "EUR"}}}, "policies.Gentle.currency"),
        ({"levels": "all of them"}, "levels"),
        ({"other_currencies": [{"currency": "SEK"}]}, "other_currencies[0].currency"),
        ({"other_currencies": [{"currency": "EUR", "fee": "1.234"}]},
         "other_currencies[0].fee"),
        ({"window": {"start": "9"}}, "window.start"),
        ({"day_count": "30/360"}, "day_count"),
    ],
)  # fmt: skip
def test_refused_documents(data, field):
    with pytest.raises(ValidationFailed) as raised:
        policy_file.book_from_data(data)
    assert field in fields_of(raised.value)


def test_reference_rates_are_added_corrected_and_removed(ledger):
    with ledger.writing() as session:
        assert policy_file.add_reference_rate(session, dt.date(2027, 1, 1), Decimal("1.75"))
        assert not policy_file.add_reference_rate(session, dt.date(2027, 1, 1), Decimal("1.5"))
    with ledger.reading() as session:
        rates = settings.reminder_policy(session).reference_rates
    assert rates.rate_on(dt.date(2027, 3, 1)) == Decimal("1.5")

    with ledger.writing() as session:
        policy_file.remove_reference_rate(session, dt.date(2027, 1, 1))
        with pytest.raises(ValidationFailed, match="no reference rate starts on 2027-01-01"):
            policy_file.remove_reference_rate(session, dt.date(2027, 1, 1))
    with ledger.reading() as session:
        rates = settings.reminder_policy(session).reference_rates
    assert rates.rate_on(dt.date(2027, 3, 1)) == Decimal("2.00")
