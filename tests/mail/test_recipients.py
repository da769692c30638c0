"""One recipient from what the clerk typed, and a hint that fits what was typed wrong."""

from __future__ import annotations

import pytest

from finqr_desktop.mail.addresses import parse_recipient

COMMA_HINT = "put a name with a comma in quotes"


@pytest.mark.parametrize(
    "typed, name, address",
    [
        ("asa.berg@example.com", "", "asa.berg@example.com"),
        ('"Berg, Åsa" <asa.berg@example.com>', "Berg, Åsa", "asa.berg@example.com"),
        ("Åsa Berg <asa.berg@åkesson.se>", "Åsa Berg", "asa.berg@xn--kesson-hua.se"),
    ],
)
def test_one_mailbox_is_read_whole(typed, name, address):
    mailbox = parse_recipient(typed)
    assert (mailbox.display_name, mailbox.addr_spec) == (name, address)


@pytest.mark.parametrize(
    "typed, says",
    [
        ("nobody@", "not an e-mail address: 'nobody@' (no valid domain)"),
        ("@example.com", "not an e-mail address: '@example.com' (it needs name@domain)"),
        ("Åsa <nobody@>", "not an e-mail address: 'nobody@' (no valid domain)"),
        ("", "not an e-mail address: '' (it needs name@domain)"),
        ("a@example.com, b@example.com", "holds 2 addresses; give one"),
    ],
)
def test_a_bad_address_says_what_is_wrong_without_the_comma_hint(typed, says):
    with pytest.raises(ValueError) as refused:
        parse_recipient(typed)
    assert says in str(refused.value) and COMMA_HINT not in str(refused.value)


def test_an_unquoted_name_with_a_comma_gets_the_hint():
    with pytest.raises(ValueError) as refused:
        parse_recipient("Berg, Åsa <asa.berg@example.com>")
    assert str(refused.value) == (
        "not one recipient: 'Berg, Åsa <asa.berg@example.com>' "
        '(put a name with a comma in quotes: "Berg, Åsa")'
    )
