"""The document strings' gettext catalogues: complete, compiled, and never out of date."""

import re

import pytest
from babel.messages.pofile import read_po

from finqr_desktop.documents.catalogues import DOMAIN, LANGUAGES, catalogue_folder, compiled
from finqr_desktop.documents.strings import MESSAGES, strings_for


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_is_the_compiled_po(language):
    folder = catalogue_folder(language)
    po = (folder / f"{DOMAIN}.po").read_bytes()
    assert compiled(po, language) == (folder / f"{DOMAIN}.mo").read_bytes(), (
        "run: python -m finqr_desktop.documents.catalogues compile"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_the_layout_uses_is_translated(language):
    with (catalogue_folder(language) / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(set(MESSAGES.values()) - set(translated))
    assert not missing
    unused = sorted(set(translated) - set(MESSAGES.values()))
    assert not unused
    for msgid, text in translated.items():
        # A translation keeps exactly the source's named placeholders.
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", msgid)), msgid


def test_placeholders_are_named_and_filled():
    assert strings_for("sv").get("page", page=1, pages=3) == "Sida 1 av 3"
    assert strings_for("en_GB").get("page", page=2, pages=3) == "Page 2 of 3"
    assert strings_for("fi").get("invoice") == "Invoice"
