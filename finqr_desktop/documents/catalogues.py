"""The gettext catalogues of the document strings: finding, compiling and loading them.

The ``.po`` files under ``translations/documents/`` are the source a translator edits;
the ``.mo`` files beside them are compiled from them with Babel and committed, so an
installed copy needs no build step. A test recompiles them and compares the bytes, so the
two can never drift. Compile after editing a ``.po``::

    .venv/bin/python -m finqr_desktop.documents.catalogues compile
"""

from __future__ import annotations

import argparse
import gettext
import io
import logging
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser

logger = logging.getLogger(__name__)

DOMAIN = "finqr_documents"
LANGUAGES = ("sv", "en")


def catalogue_folder(language: str) -> Traversable:
    return files("finqr_desktop.translations") / "documents" / language / "LC_MESSAGES"


class _StableCatalog(Catalog):
    """Babel writes its own version into every header ("Generated-By"); left out here, so
    that upgrading Babel does not change the committed files."""

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return [item for item in self._get_mime_headers() if item[0] != "Generated-By"]

    @mime_headers.setter
    def mime_headers(self, headers: list[tuple[str, str]]) -> None:
        self._set_mime_headers(headers)


def compiled(po_text: bytes, language: str) -> bytes:
    """The ``.mo`` bytes for a ``.po`` file's content; the same input gives the same bytes."""
    catalog = _StableCatalog(locale=language, domain=DOMAIN)
    PoFileParser(catalog).parse(io.BytesIO(po_text))
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compile_all() -> list[str]:
    """Compile every language's ``.po`` next to it; returns the files written."""
    written = []
    for language in LANGUAGES:
        folder = catalogue_folder(language)
        mo = compiled((folder / f"{DOMAIN}.po").read_bytes(), language)
        target = folder / f"{DOMAIN}.mo"
        with open(str(target), "wb") as handle:  # a checkout: the folder is a real one
            handle.write(mo)
        written.append(str(target))
    return written


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; a missing one falls back to the source text."""
    source = catalogue_folder(language) / f"{DOMAIN}.mo"
    try:
        with source.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except (FileNotFoundError, OSError) as error:
        logger.warning("no document catalogue for %s: %s", language, error)
        return gettext.NullTranslations()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Compile the document catalogues.")
    parser.add_argument("command", choices=["compile"])
    parser.parse_args(argv)
    for path in compile_all():
        print(path)


if __name__ == "__main__":
    main()
