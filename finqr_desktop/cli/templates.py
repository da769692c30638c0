"""`finqr template list | export | import`: move a document template between ledgers."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..services import templates as template_service
from .errors import EXIT_OK
from .files import require_file, write_file
from .output import print_table

logger = logging.getLogger(__name__)


def register(commands, common: argparse.ArgumentParser) -> None:
    group = commands.add_parser(
        "template", parents=[common], help="list, export and import document templates"
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="list the templates")
    listing.set_defaults(handler=run_list)

    export = actions.add_parser(
        "export",
        parents=[common],
        help="write a template to one file",
        description="Write a template's current design, logo included, to one JSON file.",
    )
    export.add_argument("file", metavar="FILE", help="where to write it (- standard output)")
    export.add_argument("--template", metavar="ID", type=_template_id,
                        help="the template's id (default: the default template)")  # fmt: skip
    export.set_defaults(handler=run_export)

    imported = actions.add_parser(
        "import",
        parents=[common],
        help="add a template from an exported file",
        description="Add the template in FILE as a new template. A file with any problem "
        "is refused whole, each problem naming its field.",
    )
    imported.add_argument("file", metavar="FILE", help="the exported file (- standard input)")
    imported.add_argument("--name", help="the new template's name (default: the file's)")
    imported.add_argument("--default", action="store_true",
                          help="print new documents with it from now on")  # fmt: skip
    imported.set_defaults(handler=run_import)

    default = actions.add_parser(
        "default",
        parents=[common],
        help="print new documents with this template",
        description="Make a template the default. Documents issued before keep the version "
        "they were printed with.",
    )
    default.add_argument("template_id", metavar="ID", type=_template_id, help="the template's id")
    default.set_defaults(handler=run_default)


def run_list(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        template_service.ensure_default_template(session)
        summaries = template_service.list_templates(session)
    print_table(
        ["Id", "Name", "Version", "Default"],
        [(s.id, s.name, s.version, "yes" if s.is_default else "") for s in summaries],
        right=(0, 2),
    )
    return EXIT_OK


def run_export(args: argparse.Namespace, database) -> int:
    # Writing: a new ledger gets its default template on first use, which may be this.
    with database.writing() as session:
        data = template_service.export_template(session, args.template)
    write_file(args.file, data)
    if args.file != "-":
        print(f"Wrote the template to {args.file}")
    return EXIT_OK


def run_import(args: argparse.Namespace, database) -> int:
    if args.file == "-":
        data = sys.stdin.buffer.read()
    else:
        data = require_file(Path(args.file)).read_bytes()
    with database.writing() as session:
        template_id = template_service.import_template(session, data, name=args.name)
        if args.default:
            template_service.set_default_template(session, template_id)
        name = next(
            s.name for s in template_service.list_templates(session) if s.id == template_id
        )
    print(
        f"Imported template {template_id}: {name}" + (" (now the default)" if args.default else "")
    )
    return EXIT_OK


def run_default(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        template_service.ensure_default_template(session)
        template_service.set_default_template(session, args.template_id)
    print(f"New documents are now printed with template {args.template_id}.")
    return EXIT_OK


def _template_id(text: str) -> int:
    digits = text.strip()
    if not (digits.isascii() and digits.isdecimal()) or len(digits) > 18:
        raise argparse.ArgumentTypeError(f"not a template id: {text!r}")
    return int(digits)
