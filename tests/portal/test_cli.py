"""`finqr portal`: the FAQ, settings, build, publish and rotate on the command line."""

from __future__ import annotations

import pytest

from finqr_desktop.services.ledger import open_ledger
from tests.cli.conftest import COMPANY_OPTIONS

from .ledger import portal_ledger, tokens


@pytest.fixture
def portal_db(database_url, finqr):
    assert finqr("init", *COMPANY_OPTIONS).code == 0
    database = open_ledger(database_url)
    from finqr_desktop.services import customers
    from tests.conftest import sample_customers

    with database.writing() as session:
        for customer in sample_customers():
            customers.add_customer(session, customer)
    portal_ledger(database)
    yield database
    database.dispose()


def test_faq_add_list_move_remove(finqr, company):
    assert finqr("portal", "faq", "add", "--language", "sv", "--question", "Första?",
                 "--answer", "Ja.").code == 0  # fmt: skip
    added = finqr("portal", "faq", "add", "--language", "sv", "--question", "Andra?",
                  "--answer", "Nej.")  # fmt: skip
    assert added.out.startswith("added FAQ entry 2 (sv, position 2)")

    assert finqr("portal", "faq", "move", "2", "1").code == 0
    listed = finqr("portal", "faq", "list", "--json").json()
    assert [(e["question"], e["position"]) for e in listed] == [("Andra?", 1), ("Första?", 2)]

    assert finqr("portal", "faq", "remove", "2").code == 0
    assert [e["question"] for e in finqr("portal", "faq", "list", "--json").json()] == ["Första?"]


def test_faq_bad_input_says_what_is_wrong(finqr, company):
    wrong = finqr("portal", "faq", "add", "--language", "de", "--question", "Q", "--answer", "A")
    assert wrong.code == 2 and "the portal speaks sv, en" in wrong.err
    empty = finqr("portal", "faq", "add", "--language", "sv", "--question", " ", "--answer", "A")
    assert empty.code == 2 and "the question is empty" in empty.err
    assert (
        finqr("portal", "faq", "move", "9", "1").err.strip() == "error: FAQ: there is no entry 9"
    )


def test_build_writes_the_site_and_rotate_changes_the_folder(finqr, portal_db, tmp_path):
    out = tmp_path / "site"
    built = finqr("portal", "build", "--out", str(out))
    assert built.code == 0, built.err
    assert "built 3 customer pages" in built.out
    old = tokens(portal_db)["1002"]
    assert (out / old / "index.html").is_file() and (out / "robots.txt").is_file()

    assert finqr("portal", "rotate", "1002").code == 0
    assert tokens(portal_db)["1002"] != old
    assert finqr("portal", "rotate", "9999").code == 2


def test_settings_then_publish_to_a_folder(finqr, portal_db, tmp_path):
    folder = tmp_path / "www"
    bad = finqr("portal", "settings", "--base-url", "ftp://x")
    assert bad.code == 2 and "is not a web address" in bad.err
    shown = finqr("portal", "settings", "--base-url", "https://kund.exempel.se",
                  "--folder", str(folder), "--json").json()  # fmt: skip
    assert shown["base_url"] == "https://kund.exempel.se/" and shown["target"] == "folder"

    first = finqr("portal", "publish")
    assert first.code == 0, first.err
    assert first.out.startswith("published: 11 uploaded, 0 removed, 0 unchanged")
    assert finqr("portal", "publish").out.startswith("published: 0 uploaded, 0 removed, 11")


def test_publish_without_a_target_says_so(finqr, company):
    result = finqr("portal", "publish")
    assert result.code == 1 and "set where to publish first" in result.err


def test_sftp_publish_asks_to_trust_the_host_then_publishes(finqr, portal_db, tmp_path):
    from .sftp_server import PASSWORD, USER, SftpServer

    root = tmp_path / "remote"
    root.mkdir()
    server = SftpServer(root)
    try:
        set_up = finqr("portal", "settings", "--sftp", "127.0.0.1", "--port", str(server.port),
                       "--user", USER, "--remote-folder", "/www")  # fmt: skip
        assert set_up.code == 0, set_up.err
        refused = finqr("portal", "publish")
        assert refused.code == 1 and "is not known yet" in refused.err
        assert "finqr portal trust-host --fingerprint SHA256:" in refused.err
        shown = finqr("portal", "trust-host")
        fingerprint = shown.out.split()[4]
        assert fingerprint.startswith("SHA256:")
        wrong = finqr("portal", "trust-host", "--fingerprint", "SHA256:not-it")
        assert wrong.code == 2 and "nothing was stored" in wrong.err
        assert finqr("portal", "trust-host", "--fingerprint", fingerprint).code == 0

        import io
        import sys

        sys.stdin = io.StringIO(PASSWORD + "\n")
        try:
            published = finqr("portal", "publish", "--password-stdin")
        finally:
            sys.stdin = sys.__stdin__
        assert published.code == 0, published.err
        assert published.out.startswith("published: 11 uploaded")
        assert (root / "www" / "robots.txt").is_file()
    finally:
        server.stop()
