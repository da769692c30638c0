"""The portal's small rules: WCAG contrast, the manifest's changes, FAQ order, settings."""

from __future__ import annotations

import pytest

from finqr_desktop.domain.errors import RuleViolation
from finqr_desktop.portal.contrast import contrast, readable_on
from finqr_desktop.portal.manifest import changes
from finqr_desktop.portal.publishing import FolderTarget, checked_path
from finqr_desktop.services import portal_faq, portal_settings


def test_contrast_matches_the_wcag_figures():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_a_light_brand_colour_is_darkened_to_aa_and_a_dark_one_kept():
    assert readable_on("#1D3557") == "#1D3557"
    darker = readable_on("#2A9D8F")
    assert darker != "#2A9D8F" and contrast(darker, "#FFFFFF") >= 4.5
    assert contrast(readable_on("#FFFF00"), "#FFFFFF") >= 4.5
    with pytest.raises(ValueError, match="#RRGGBB"):
        readable_on("red")


def test_changes_upload_documents_before_pages_and_remove_the_rest():
    published = {"a/index.html": "1", "a/x.pdf": "2", "old/index.html": "3"}
    wanted = {"a/index.html": "9", "a/x.pdf": "2", "b/index.html": "4", "b/y.pdf": "5"}
    plan = changes(published, wanted)
    assert plan.uploads == ("b/y.pdf", "a/index.html", "b/index.html")
    assert plan.removals == ("old/index.html",)
    assert plan.unchanged == 1


@pytest.mark.parametrize("path", ["../x", "/etc/passwd", "a/../../b", ""])
def test_a_path_outside_the_portal_is_refused(path, tmp_path):
    with pytest.raises(ValueError):
        checked_path(path)
    with pytest.raises(ValueError):
        FolderTarget(tmp_path).write(path, b"x")


def test_faq_order_and_edit(database):
    with database.writing() as session:
        first = portal_faq.add_faq(session, "sv", "Ett?", "1")
        second = portal_faq.add_faq(session, "sv", "Två?", "2")
        third = portal_faq.add_faq(session, "sv", "Tre?", "3")
        english = portal_faq.add_faq(session, "en", "One?", "1")
        portal_faq.move_faq(session, third.id, 1)
        portal_faq.edit_faq(session, second.id, "Två nu?", "2b")
        portal_faq.remove_faq(session, first.id)
    with database.reading() as session:
        swedish = portal_faq.list_faq(session, "sv")
        assert [(i.question, i.position) for i in swedish] == [("Tre?", 1), ("Två nu?", 2)]
        assert [i.id for i in portal_faq.list_faq(session, "en")] == [english.id]
    with database.writing() as session, pytest.raises(RuleViolation, match="between 1 and 2"):
        portal_faq.move_faq(session, third.id, 3)


def test_settings_are_checked_and_kept(database):
    with database.writing() as session:
        with pytest.raises(RuleViolation, match="SFTP publishing needs"):
            portal_settings.save_settings(session, portal_settings.PortalSettings(target="sftp"))
        with pytest.raises(RuleViolation, match="SFTP port"):
            portal_settings.save_settings(
                session, portal_settings.PortalSettings(sftp_host="h", sftp_port=0)
            )
        portal_settings.save_settings(
            session,
            portal_settings.PortalSettings(
                base_url=" https://kund.exempel.se/p ", target="sftp", sftp_host="h",
                sftp_user="u", automatic=True,
            ),
        )  # fmt: skip
    with database.reading() as session:
        kept = portal_settings.load_settings(session)
    assert kept.base_url == "https://kund.exempel.se/p/"
    assert kept.automatic and kept.configured and kept.target == "sftp"


def test_every_portal_string_has_a_swedish_translation_with_the_same_placeholders():
    from string import Formatter

    from finqr_desktop.portal.texts import MESSAGES, _catalogue

    swedish = _catalogue("sv")
    for key, source in MESSAGES.items():
        assert source in swedish, key
        names = {name for _, name, _, _ in Formatter().parse(source) if name}
        assert names == {name for _, name, _, _ in Formatter().parse(swedish[source]) if name}


def test_tokens_are_long_url_safe_and_never_start_like_an_option(monkeypatch):
    from finqr_desktop.services import portal_tokens

    drawn = iter(["-starts-like-an-option-aaaaaaaaaaaaaaaaaaaaa", "A" * 43])
    monkeypatch.setattr(portal_tokens.secrets, "token_urlsafe", lambda _n: next(drawn))
    assert portal_tokens.new_token() == "A" * 43
    monkeypatch.undo()
    tokens = {portal_tokens.new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 43 and not t.startswith("-") for t in tokens)
