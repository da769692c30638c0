"""What is published where: a manifest of each file's SHA-256, and the changes between two.

The manifest of the last publish is kept in the ledger, never on the web host: it lists
every customer's token, and a file anyone can fetch must not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

Manifest = dict[str, str]


def manifest_of(site: dict[str, bytes]) -> Manifest:
    return {path: hashlib.sha256(data).hexdigest() for path, data in site.items()}


@dataclass(frozen=True)
class Changes:
    """Files to upload (new or changed) and files to remove (no longer in the site)."""

    uploads: tuple[str, ...]
    removals: tuple[str, ...]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not self.uploads and not self.removals


def changes(published: Manifest, wanted: Manifest) -> Changes:
    """What turns ``published`` into ``wanted``. Documents go before the pages that link to
    them, so a page never points at a file that is not there yet."""
    uploads = [path for path, digest in wanted.items() if published.get(path) != digest]
    uploads.sort(key=lambda path: (path.endswith(".html"), path))
    removals = sorted(path for path in published if path not in wanted)
    return Changes(tuple(uploads), tuple(removals), len(wanted) - len(uploads))
