"""The shipped fonts: both families complete, able to print what invoices need, licensed."""

from importlib.resources import files

import pytest

from finqr_desktop.documents.fonts import FAMILIES, font_family
from finqr_desktop.documents.text import FALLBACK

FONTS = files("finqr_desktop.resources") / "fonts"
NEEDED = "åäöæøßÅÄÖÆØ АБВЖЯабвжя ΑΒΓΩαβγω € \u2212 \u00a0 \u202f \u2013 \u2026" + FALLBACK


@pytest.mark.parametrize("name", FAMILIES)
def test_every_face_of_each_family_has_the_characters_invoices_use(name):
    coverage = font_family(name).coverage
    missing = [f"U+{ord(c):04X}" for c in NEEDED if ord(c) not in coverage]
    assert missing == []


def test_the_fonts_come_with_their_licence_and_stay_small():
    ttf = [entry for entry in FONTS.iterdir() if entry.name.endswith(".ttf")]
    assert len(ttf) == 8
    assert sum(len(entry.read_bytes()) for entry in ttf) < 5 * 1024 * 1024
    licence = (FONTS / "LICENSE-Liberation.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence
    assert "Liberation" in (FONTS / "README.md").read_text(encoding="utf-8")
