"""`finqr invoice export NUMBER --format ubl|facturx -o FILE`: an issued document as an
e-invoice file, and `finqr customer einvoice NUMBER`: a customer's e-invoice settings."""

from __future__ import annotations

import argparse
import logging

from ..domain.einvoice import FORMATS
from ..services import customers as customer_service
from ..services import invoices as invoice_service
from ..services.einvoice import EXPORT_FORMATS, export_file
from .errors import EXIT_OK, CliError
from .files import write_file
from .output_files import refuse_ledger_target

logger = logging.getLogger(__name__)


def register_export(actions, common: argparse.ArgumentParser) -> None:
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write an issued invoice or credit note as an e-invoice",
        description="Write an e-invoice: ubl is Peppol BIS Billing 3.0 (UBL 2.1) with the "
        "PDF embedded; facturx is the PDF as PDF/A-3 with the Factur-X EN 16931 XML inside. "
        "The figures are the issued ones; a file whose sums break EN 16931 is refused.",
    )
    export.add_argument("number", metavar="NUMBER", help="the invoice or credit note number")
    export.add_argument("--format", dest="file_format", required=True, choices=EXPORT_FORMATS,
                        help="ubl or facturx")  # fmt: skip
    export.add_argument("-o", "--output", metavar="FILE", required=True,
                        help="where to write the file (- writes to standard output)")  # fmt: skip
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, database) -> int:
    refuse_ledger_target(args.output, database.sqlite_path)
    # Writing: a document issued in a batch archives its PDF on first use, which may be this.
    with database.writing() as session:
        _refuse_a_draft(session, args.number)
        made = export_file(session, args.number, args.file_format)
    write_file(args.output, made.content)
    if args.output != "-":
        print(f"Wrote {args.number} as {args.file_format} to {args.output} "
              f"({len(made.content)} bytes)")  # fmt: skip
    return EXIT_OK


def _refuse_a_draft(session, number: str) -> None:
    """A draft, named by its id as the invoice list shows it, gets a message saying so
    rather than "no such invoice"."""
    from .invoices import draft_id_of  # cli.invoices imports this module

    if invoice_service.get_by_number(session, number.strip()) is not None:
        return
    draft_id = draft_id_of(number)
    if draft_id is not None and invoice_service.get_draft(session, draft_id) is not None:
        raise CliError(
            f"invoice {draft_id} is a draft: an e-invoice is made of an issued document; "
            f"issue it first (finqr invoice issue {draft_id})"
        )


def register_customer(actions, common: argparse.ArgumentParser) -> None:
    settings = actions.add_parser(
        "einvoice",
        parents=[common],
        help="show or set a customer's e-invoice address, reference and format",
        description="Without options, print the customer's e-invoice settings. --format "
        "chooses what the invoice e-mail carries: pdf (the PDF only), pdf_ubl (the PDF and "
        "the Peppol UBL file) or facturx (the Factur-X PDF instead of the plain one).",
    )
    settings.add_argument("number", metavar="NUMBER", help="the customer number")
    settings.add_argument("--peppol-id", metavar="SCHEME:ID",
                          help="Peppol endpoint, e.g. 0007:5560360793 ('' clears it)")  # fmt: skip
    settings.add_argument("--buyer-reference", metavar="TEXT",
                          help="the reference the buyer wants on every invoice")  # fmt: skip
    settings.add_argument("--format", dest="file_format", choices=FORMATS)
    settings.set_defaults(handler=run_customer)


def run_customer(args: argparse.Namespace, database) -> int:
    with database.writing() as session:
        record = customer_service.find_customer(session, args.number)
        if record is None:
            raise CliError(f"there is no customer {args.number!r}")
        customer = customer_service.to_domain(record)
        if args.peppol_id is not None:
            customer.peppol_id = args.peppol_id
        if args.buyer_reference is not None:
            customer.buyer_reference = args.buyer_reference
        if args.file_format is not None:
            customer.einvoice_format = args.file_format
        changing = (args.peppol_id, args.buyer_reference, args.file_format) != (None,) * 3
        if changing:
            record = customer_service.update_customer(session, record.id, customer)
        print(f"Customer {record.number}: format {record.einvoice_format}, "
              f"Peppol ID {record.peppol_id or '(org. number, 0007)'}, "
              f"buyer reference {record.buyer_reference or '(none)'}")  # fmt: skip
    return EXIT_OK
