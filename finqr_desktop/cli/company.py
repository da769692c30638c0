"""`finqr init`: create the ledger's company from a JSON file or from options."""

from __future__ import annotations

import argparse
import logging

from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.identifiers import format_bankgiro
from ..services import company as company_service
from .errors import EXIT_OK, CliError
from .files import read_object
from .output import print_fields

logger = logging.getLogger(__name__)

# option -> (company field, i.e. the JSON key; help). The address keys may also sit in an
# "address" object in the file.
TEXT_OPTIONS = {
    "--name": ("legal_name", "the company's legal name (required)"),
    "--org-number": ("org_number", "organisation number, e.g. 556677-8899"),
    "--vat-number": ("vat_number", "VAT number, e.g. SE556677889901"),
    "--bankgiro": ("bankgiro", "bankgiro number, e.g. 5402-9681"),
    "--plusgiro": ("plusgiro", "plusgiro number"),
    "--iban": ("iban", "IBAN of the account customers abroad pay to"),
    "--bic": ("bic", "BIC of that account's bank"),
    "--email": ("email", "invoice e-mail address"),
    "--phone": ("phone", "phone number"),
    "--street": ("street", "street address"),
    "--postal-code": ("postal_code", "postal code"),
    "--city": ("city", "city"),
    "--country": ("country", "country code (default SE)"),
    "--contact-person": ("contact_person", "name printed as the contact"),
    "--website": ("website", "web address"),
}
FIELD_OPTIONS = {field: option for option, (field, _) in TEXT_OPTIONS.items()} | {
    "f_tax": "--f-tax"
}
ADDRESS_KEYS = {"street", "postal_code", "city", "country"}


def register(commands, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "init",
        parents=[common],
        help="create the company of a new ledger",
        description="Create the company the ledger invoices for. Give it as a JSON file "
        "(keys as in the README), as options, or both (options win). Refused when the "
        "database already has a company.",
    )
    parser.add_argument("--json", metavar="FILE", dest="json_file", help="company as JSON")
    for option, (field, text) in TEXT_OPTIONS.items():
        parser.add_argument(option, dest=field, metavar="TEXT", help=text)
    parser.add_argument(
        "--f-tax", dest="f_tax", action="store_true", default=None,
        help="the company is approved for F-tax (godkänd för F-skatt)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, database) -> int:
    data, from_options = _company_data(args)
    with database.writing() as session:
        # Checked first: whatever the input, a second company is never the answer.
        existing = company_service.get_company(session)
        if existing is not None:
            raise RuleViolation(
                f"this database already has a company ({existing.legal_name}); "
                "init only sets up a new ledger"
            )
        try:
            company = company_service.company_from_data(data)
        except ValidationFailed as exc:
            json_given = bool(args.json_file)
            problems = [_as_option(p, from_options, json_given) for p in exc.problems]
            raise ValidationFailed(problems) from None
        record = company_service.save_company(session, company)
    print(f"Created {record.legal_name}.")
    print_fields(
        [
            ("Org number", record.org_number),
            ("VAT number", record.vat_number),
            ("Bankgiro", format_bankgiro(record.bankgiro) if record.bankgiro else ""),
            ("F-tax", "yes" if record.f_tax else "no"),
        ],
        indent="  ",
    )
    print("Next: add customers (finqr customer add --json FILE) and invoices.")
    return EXIT_OK


def _company_data(args: argparse.Namespace) -> tuple[dict, set[str]]:
    """The JSON file's object with the options laid over it, and the fields options set."""
    data = read_object(args.json_file, "company") if args.json_file else {}
    from_options = set()
    for field in FIELD_OPTIONS:
        value = getattr(args, field)
        if value is None:
            continue
        from_options.add(field)
        if field in ADDRESS_KEYS and isinstance(data.get("address"), dict):
            data["address"][field] = value
        else:
            data[field] = value
    if not data:
        raise CliError(
            "give the company as --json FILE or as options, at least --name "
            "(see finqr init --help)"
        )
    return data, from_options


def _as_option(problem: Problem, from_options: set[str], json_given: bool) -> Problem:
    # Name the option the user typed (or should have typed), not a JSON key they never saw.
    field = problem.field.removeprefix("address.")
    if field in from_options or (not json_given and field in FIELD_OPTIONS):
        return Problem(FIELD_OPTIONS[field], problem.message, problem.row)
    return problem
