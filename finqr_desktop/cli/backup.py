"""`finqr backup` and `finqr restore`: copies of the ledger, and putting one back.

finqr backup [--to DIR]                    # now, into DIR or the backup folder
finqr backup list [--json]                 # this ledger's backups in the backup folder
finqr backup settings [--keep N] [--folder DIR | --default-folder] [--automatic on|off]
finqr restore FILE [--force]               # --force: replace a ledger that holds data
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from ..services import backups, restore
from ..services.backups import BackupSettings
from ..storage import migrate
from .errors import EXIT_OK

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="back up the ledger now (SQLite online backup, or pg_dump)",
        description="Without an action: take a backup now.",
    )
    backup.add_argument(
        "--to",
        metavar="DIR",
        type=Path,
        help="folder to write the backup to (default: the backup folder)",
    )
    backup.set_defaults(handler=run_backup)
    actions = backup.add_subparsers(dest="action", metavar="[ACTION]")
    listing = actions.add_parser("list", parents=[common], help="this ledger's backups")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)
    settings = actions.add_parser(
        "settings", parents=[common], help="show or change the automatic daily backups"
    )
    settings.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help=f"automatic backups to keep (default {backups.DEFAULT_KEEP})",
    )
    where = settings.add_mutually_exclusive_group()
    where.add_argument("--folder", metavar="DIR", type=Path, help="where backups are written")
    where.add_argument(
        "--default-folder",
        action="store_true",
        help="back to the default folder (backups/ beside a SQLite file)",
    )
    settings.add_argument(
        "--automatic",
        choices=("on", "off"),
        help="a backup a day at start-up and from the scheduler",
    )
    settings.set_defaults(handler=run_settings)

    restoring = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the ledger with a backup (checked first; the ledger is backed up)",
        description="The file must be a FINQR ledger of a known schema revision; an older one "
        "is brought to the current schema. Stop the scheduler and other instances first.",
    )
    restoring.add_argument("file", type=Path, metavar="FILE", help="a FINQR backup")
    restoring.add_argument("--force", action="store_true", help="replace a ledger that holds data")
    restoring.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, database) -> int:
    folder = args.to.expanduser().resolve() if args.to else None
    path = backups.back_up(database, folder=folder)
    print(f"Backed up to {path}")
    return EXIT_OK


def run_list(args: argparse.Namespace, database) -> int:
    folder = backups.backup_folder(database)
    found = backups.backups_in(folder, backups.ledger_name(database), older_names=True)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "path": str(b.path),
                        "taken_at": b.taken_at.isoformat(),
                        "revision": b.revision,
                        "automatic": b.automatic,
                    }
                    for b in found
                ],
                indent=2,
            )
        )
        return EXIT_OK
    if not found:
        print(f"No backups in {folder}.")
    for b in found:
        kind = "automatic" if b.automatic else "manual"
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {b.revision}  {kind:9}  {b.path}")
    return EXIT_OK


def run_settings(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        current = backups.load_settings(session)
        changed = BackupSettings(
            keep=current.keep if args.keep is None else args.keep,
            automatic=current.automatic if args.automatic is None else args.automatic == "on",
            folder=(
                None
                if args.default_folder
                else str(args.folder.expanduser().resolve())
                if args.folder
                else current.folder
            ),
        )
        if changed != current:
            backups.save_settings(session, changed)
    print(f"automatic daily backups: {'on' if changed.automatic else 'off'}")
    print(f"automatic backups kept:  {changed.keep}")
    print(f"backup folder:           {backups.backup_folder(database, changed)}")
    return EXIT_OK


def run_restore(args: argparse.Namespace, database) -> int:
    result = restore.restore(database, args.file, force=args.force)
    line = f"Restored {args.file} (schema {result.revision}"
    line += f", migrated to {migrate.SCHEMA_HEAD})" if result.migrated else ")"
    print(line)
    if result.wal_read is not None:
        print(f"Read with it the write-ahead log {result.wal_read} beside it (the file was "
              "copied while its ledger was open)")  # fmt: skip
    if result.safety_backup is not None:
        print(f"The ledger as it was before is in {result.safety_backup}")
    return EXIT_OK
