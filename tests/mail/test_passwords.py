"""The SMTP password lives only in the keyring; without one the app is told so plainly.

No test touches a desktop keyring: each sets a backend of its own with keyring.set_keyring.
"""

import logging

import keyring
import keyring.errors
import pytest
from keyring.backends import fail, null

from finqr_desktop.mail import passwords
from finqr_desktop.mail.passwords import NoKeyring

from .keyrings import MemoryKeyring

SECRET = "hemligt-åäö-123"


class LockedKeyring(MemoryKeyring):
    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("the user did not unlock the keyring")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("the user did not unlock the keyring")


@pytest.fixture
def use_keyring():
    previous = keyring.get_keyring()

    def use(backend):
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(previous)


def test_the_password_is_stored_under_the_service_and_user_at_host(use_keyring, caplog):
    backend = use_keyring(MemoryKeyring())
    caplog.set_level(logging.DEBUG)

    passwords.store_password("smtp.example.se", "eva", SECRET)

    assert backend.items == {("FINQR Desktop SMTP", "eva@smtp.example.se"): SECRET}
    assert passwords.load_password("smtp.example.se", "eva") == SECRET
    assert SECRET not in caplog.text


def test_a_password_never_stored_loads_as_none(use_keyring):
    use_keyring(MemoryKeyring())

    assert passwords.load_password("smtp.example.se", "eva") is None


def test_delete_forgets_and_says_whether_there_was_one(use_keyring):
    backend = use_keyring(MemoryKeyring())
    passwords.store_password("smtp.example.se", "eva", SECRET)

    assert passwords.delete_password("smtp.example.se", "eva") is True
    assert backend.items == {}
    assert passwords.delete_password("smtp.example.se", "eva") is False


def test_the_suite_runs_on_the_null_backend_and_that_is_no_keyring():
    # tests/conftest.py sets PYTHON_KEYRING_BACKEND to the null backend for every test.
    with pytest.raises(NoKeyring, match="No system keyring is available"):
        passwords.store_password("smtp.example.se", "eva", SECRET)


@pytest.mark.parametrize("backend", [null.Keyring, fail.Keyring])
def test_keyring_backends_that_keep_nothing_raise_no_keyring(use_keyring, backend):
    use_keyring(backend())

    for call in (
        lambda: passwords.store_password("smtp.example.se", "eva", SECRET),
        lambda: passwords.load_password("smtp.example.se", "eva"),
        lambda: passwords.delete_password("smtp.example.se", "eva"),
    ):
        with pytest.raises(NoKeyring, match="enter it once each session"):
            call()


def test_a_failing_keyring_is_no_keyring_too(use_keyring):
    use_keyring(LockedKeyring())

    with pytest.raises(NoKeyring, match="could not be used") as raised:
        passwords.store_password("smtp.example.se", "eva", SECRET)

    assert SECRET not in str(raised.value)


def test_without_a_user_name_there_is_no_password_to_keep(use_keyring):
    use_keyring(MemoryKeyring())

    with pytest.raises(ValueError, match="user name"):
        passwords.store_password("smtp.example.se", "", SECRET)
