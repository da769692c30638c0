"""Logging is configured once, by the entry point: a rotating file plus stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from ..storage import location

FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def configure_logging(*, verbose: bool = False, log_dir: Path | None = None) -> Path | None:
    """Return the log file's path, or None when the folder cannot be written."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_finqr", False):
            root.removeHandler(handler)

    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console._finqr = True
    root.addHandler(console)

    folder = log_dir or location.log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "finqr.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file in %s: %s", folder, exc)
        return None
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._finqr = True
    root.addHandler(handler)
    return path
