"""Building the portal from the ledger and publishing it, as one job.

``build`` gathers every page in one writing transaction (archiving a PDF not yet
archived) and returns the finished files. ``publish_steps`` then uploads only what
changed since the last publish to the same place and removes what is gone: a rotated
token's old page, a customer no longer shown. The ledger transaction is closed while the
files travel, so a slow web host never holds the database. The manifest of what reached
the target is stored afterwards, failures left out so the next publish tries them again.
A publish stopped on request (``cancel``) stores its manifest the same way: it holds only the
files that were finished, so the next publish sends the rest and nothing twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from ..domain.messages import msg
from ..mail.passwords import NoKeyring, load_password, store_password
from ..portal.manifest import changes, manifest_of
from ..portal.publishing import (
    FolderTarget,
    Outcome,
    PublishError,
    Target,
    publish,
    shown_path,
)
from ..portal.site import Site, build_site
from ..storage.database import Database
from .cancelling import CancelToken, Step, StepReport
from .company import require_company
from .portal_pages import customer_page, customers_with_documents
from .portal_settings import (
    KEYRING_SERVICE,
    PortalSettings,
    load_settings,
    published_manifest,
    save_settings,
    store_manifest,
)
from .templates import current_design

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuiltSite:
    files: Site
    pages: int


def build(database: Database, today: dt.date) -> BuiltSite:
    with database.writing() as session:
        company = require_company(session)
        _, design = current_design(session)
        customers = customers_with_documents(session)
        pages = [customer_page(session, customer, today, design) for customer in customers]
        files = build_site(pages, language=company.language, primary=design.primary)
    return BuiltSite(files, len(pages))


def write_folder(site: BuiltSite, folder: str | Path) -> Outcome:
    """The whole site into ``folder`` (``finqr portal build --out``), every file anew."""
    steps = publish(site.files, {}, FolderTarget(folder))
    return _finish(steps, None)


def secret_for(settings: PortalSettings) -> str | None:
    """The SFTP password or key passphrase from the keyring; None when none is kept."""
    try:
        return load_password(settings.sftp_host, settings.sftp_user, service=KEYRING_SERVICE)
    except NoKeyring:
        return None


def open_target(settings: PortalSettings, secret: str | None) -> Target:
    if not settings.configured:
        raise PublishError(msg("set where to publish first (a folder, or an SFTP server)"))
    if settings.target == "sftp":
        from ..portal.sftp import SftpTarget

        return SftpTarget(
            settings.account(), secret if secret is not None else secret_for(settings)
        )
    return FolderTarget(settings.folder)


def trust_host_key(database: Database, entry: str) -> PortalSettings:
    """Store the SFTP server's key the clerk confirmed (``UnknownHostKey.entry``)."""
    with database.writing() as session:
        settings = load_settings(session)
        return save_settings(session, dataclasses.replace(settings, sftp_host_key=entry))


def store_secret(settings: PortalSettings, secret: str) -> None:
    """Keep the SFTP password (or key passphrase) in the keyring; ``NoKeyring`` when none."""
    store_password(settings.sftp_host, settings.sftp_user, secret, service=KEYRING_SERVICE)


def publish_steps(
    database: Database,
    today: dt.date,
    *,
    secret: str | None = None,
    cancel: CancelToken | None = None,
) -> Generator[tuple[int, int, str], None, Outcome]:
    """Build, then publish to the configured place; yields (0, 0, "") before building and
    (done, total, path) per file. ``cancel``: Cancelled before the first file, else a stop
    between files (``Outcome.stopped``)."""
    with database.reading() as session:
        settings = load_settings(session)
    target = open_target(settings, secret)
    try:
        yield 0, 0, ""
        site = build(database, today)
        if cancel is not None:
            cancel.check()
        with database.reading() as session:
            published = published_manifest(session, settings)
        stop = (lambda: cancel.requested) if cancel is not None else (lambda: False)
        outcome = yield from publish(site.files, published, target, stop=stop)
    finally:
        target.close()
    with database.writing() as session:
        store_manifest(session, settings, outcome.manifest)
    return outcome


def publish_now(
    database: Database,
    today: dt.date,
    *,
    secret: str | None = None,
    progress: StepReport | None = None,
    cancel: CancelToken | None = None,
) -> Outcome:
    """Build and publish, telling ``progress`` a Step per file (the path without the
    customer's token; total 0 while the pages are built)."""
    return _finish(publish_steps(database, today, secret=secret, cancel=cancel), progress)


def publish_if_changed(database: Database, today: dt.date) -> Outcome | None:
    """For a headless daemon: publish when publishing is automatic and the site differs from
    what was last published; None when there was nothing to do. The site is built first,
    so an unchanged site costs no connection to the server."""
    with database.reading() as session:
        settings = load_settings(session)
        if not (settings.automatic and settings.configured):
            return None
        published = published_manifest(session, settings)
    site = build(database, today)
    plan = changes(published, manifest_of(site.files))
    if not plan.uploads and not plan.removals:
        return None
    target = open_target(settings, None)
    try:
        outcome = _finish(publish(site.files, published, target), None)
    finally:
        target.close()
    with database.writing() as session:
        store_manifest(session, settings, outcome.manifest)
    return outcome


def publish_safely(database: Database, today: dt.date) -> Outcome | None:
    """``publish_if_changed`` for the scheduler daemon: a server that is away or a folder
    that is gone is logged, and the daemon goes on."""
    try:
        outcome = publish_if_changed(database, today)
    except Exception as error:
        logger.warning("the portal could not be published: %s", error, exc_info=True)
        return None
    if outcome is not None and not outcome.ok:
        for path, reason in outcome.failures:
            logger.warning("portal file %s not published: %s", path, reason)
    return outcome


def _finish(steps, progress) -> Outcome:
    while True:
        try:
            done, total, path = next(steps)
        except StopIteration as stop:
            return stop.value
        if progress is not None:
            progress(Step(done, total, shown_path(path) if path else ""))
