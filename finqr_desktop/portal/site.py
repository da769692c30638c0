"""The whole portal as files: relative path -> bytes, ready to write or upload.

Each customer's page and documents sit in a folder named by the customer's token; the
root holds only a page that says nothing and a robots.txt that turns every crawler away,
so neither a listing nor a search engine leads from one customer to another.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from .model import CustomerPage
from .render import ROBOTS_TXT, render_page, render_root

logger = logging.getLogger(__name__)

# secrets.token_urlsafe's alphabet; 32 characters at least is 192 bits (services).
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.pdf$")

Site = dict[str, bytes]


def page_files(page: CustomerPage) -> Site:
    """One customer's folder: ``<token>/index.html`` and the PDFs it links to."""
    if not _TOKEN.match(page.token):
        raise ValueError(f"customer {page.customer_number}: a portal token is 22 to 64 URL-safe "
                         "characters")  # fmt: skip
    files: Site = {f"{page.token}/index.html": render_page(page).encode("utf-8")}
    for name, pdf in page.files.items():
        if not _FILE_NAME.match(name):
            raise ValueError(f"customer {page.customer_number}: {name!r} is no safe file name")
        files[f"{page.token}/{name}"] = pdf
    return files


def build_site(pages: Iterable[CustomerPage], *, language: str, primary: str) -> Site:
    """Every page, the empty root page and robots.txt."""
    site: Site = {
        "index.html": render_root(language, primary).encode("utf-8"),
        "robots.txt": ROBOTS_TXT.encode("ascii"),
    }
    count = 0
    for page in pages:
        site.update(page_files(page))
        count += 1
    logger.info("built the portal: %d customer pages, %d files", count, len(site))
    return site


def safe_file_name(stem: str) -> str:
    """A document's file name from its kind and number ("Faktura_2026-0001.pdf")."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "document"
    return f"{cleaned[:100]}.pdf"
