"""SMTP settings refuse what cannot work and name the field that is wrong."""

import dataclasses

import pytest

from finqr_desktop.mail.settings import SmtpSettings

GOOD = {
    "host": "smtp.example.se",
    "port": 587,
    "security": "starttls",
    "sender_address": "faktura@exempel.se",
    "sender_name": "Exempel Handel AB",
}


def test_good_settings_keep_their_values_and_defaults():
    settings = SmtpSettings(**GOOD, username="faktura@exempel.se")

    assert settings.timeout == 30
    assert settings.reply_to == ""
    assert settings.password_key == "faktura@exempel.se@smtp.example.se"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.port = 25


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"port": 0}, "port"),
        ({"port": 70000}, "port"),
        ({"port": True}, "port"),
        ({"port": "587"}, "port"),
        ({"security": "ssl"}, "security"),
        ({"host": ""}, "host"),
        ({"host": "smtp example.se"}, "host"),
        ({"sender_address": "faktura"}, "sender_address"),
        ({"sender_address": "a b@exempel.se"}, "sender_address"),
        ({"reply_to": "eva@"}, "reply_to"),
        ({"sender_name": "Eva\r\nBcc: x@y.se"}, "sender_name"),
        ({"sender_name": "=?utf-8?b?QmFuayA8eEBiYW5rLnNlPg==?="}, "sender_name"),
        ({"username": "eva ek"}, "username"),
        ({"timeout": 0}, "timeout"),
    ],
)
def test_a_bad_value_is_a_value_error_naming_the_field(change, field):
    with pytest.raises(ValueError, match=rf"^{field}: "):
        SmtpSettings(**(GOOD | change))


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValueError) as raised:
        SmtpSettings(**(GOOD | {"port": -1, "security": "ssl"}))

    assert [p.field for p in raised.value.problems] == ["port", "security"]


def test_an_internationalised_domain_is_accepted():
    settings = SmtpSettings(**(GOOD | {"sender_address": "faktura@åkesson.se"}))

    assert settings.sender_address == "faktura@åkesson.se"
