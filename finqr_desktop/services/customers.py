"""Customers: add, change, list, and import from CSV (all rows or none)."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..domain.due_dates import PaymentTerms
from ..domain.errors import Problem, RuleViolation, ValidationFailed
from ..domain.messages import msg
from ..domain.parties import Address, Customer, normalise_customer
from ..storage.models import CustomerRow
from ..storage.search import contains_pattern, folded
from . import audit
from .conflicts import stale
from .inputs import Fields, only_new_fields

logger = logging.getLogger(__name__)

CUSTOMER_FIELDS = {
    "number", "name", "kind", "org_number", "vat_number", "address", "street",
    "postal_code", "city", "country", "emails", "email", "language", "currency",
    "payment_terms", "reminder_fee_agreed", "reminders_paused", "tags",
    "peppol_id", "buyer_reference", "einvoice_format",
}  # fmt: skip
ADDRESS_FIELDS = {"street", "postal_code", "city", "country"}
CSV_COLUMNS = [
    "number", "name", "kind", "org_number", "vat_number", "street", "postal_code", "city",
    "country", "emails", "language", "currency", "payment_terms", "reminder_fee_agreed",
    "reminders_paused", "tags", "peppol_id", "buyer_reference", "einvoice_format",
]  # fmt: skip


def customer_from_data(
    data: object, *, row: int | None = None, from_csv: bool = False
) -> tuple[Customer, list[Problem]]:
    """A Customer from a JSON object or CSV row; the problems say which field is wrong."""
    fields = Fields(data, row=row, text_cells=from_csv)
    fields.reject_unknown(CUSTOMER_FIELDS)
    address_fields = fields.nested("address", ADDRESS_FIELDS) or fields
    address = Address(
        street=address_fields.text("street", max_len=500, multiline=True),
        postal_code=address_fields.text("postal_code", max_len=20),
        city=address_fields.text("city", max_len=100),
        country=address_fields.text("country", "SE", max_len=2).upper(),
    )
    emails = fields.text_list("emails") + fields.text_list("email")
    customer = Customer(
        number=fields.text("number", required=True, max_len=40, whole_number=True),
        name=fields.text("name", required=True),
        kind=fields.text("kind", "company", max_len=10),
        org_number=fields.text("org_number", max_len=20),
        vat_number=fields.text("vat_number", max_len=20),
        address=address,
        emails=emails,
        language=fields.text("language", "sv", max_len=10),
        currency=fields.text("currency", "SEK", max_len=3).upper(),
        payment_terms=fields.terms("payment_terms", PaymentTerms(30)),
        reminder_fee_agreed=fields.flag("reminder_fee_agreed"),
        reminders_paused=fields.flag("reminders_paused"),
        tags=fields.text_list("tags"),
        peppol_id=fields.text("peppol_id", max_len=60),
        buyer_reference=fields.text("buyer_reference", max_len=200),
        einvoice_format=fields.text("einvoice_format", "pdf", max_len=10),
    )
    problems = fields.problems + (address_fields.problems if address_fields is not fields else [])
    checked = [Problem(p.field, p.message, row) for p in normalise_customer(customer)]
    problems += only_new_fields(problems, checked)
    return customer, problems


def add_customer(session: Session, customer: Customer, *, row: int | None = None) -> CustomerRow:
    problems = normalise_customer(customer)
    if problems:
        raise ValidationFailed([Problem(p.field, p.message, row) for p in problems])
    if find_customer(session, customer.number) is not None:
        raise ValidationFailed(
            [
                Problem(
                    "number",
                    msg(
                        "customer number {number} is already taken",
                        number=repr(customer.number),
                    ),
                    row,
                )
            ]
        )
    record = CustomerRow()
    _copy_into(record, customer)
    session.add(record)
    session.flush()
    audit.record(
        session,
        audit.CUSTOMER,
        customer_id=record.id,
        detail=f"added customer {customer.number} {customer.name}",
    )
    logger.info("added customer %s", customer.number)
    return record


def update_customer(
    session: Session,
    customer_id: int,
    customer: Customer,
    *,
    expected_version: int | None = None,
) -> CustomerRow:
    """Change a customer. ``expected_version`` is the version the editor loaded: if another
    clerk saved the customer since, the save is refused (services.conflicts)."""
    # Locked while compared and written, as a draft is (services.invoices.save_draft).
    record = session.get(CustomerRow, customer_id, with_for_update=True)
    if record is None:
        raise RuleViolation(msg("customer {id} does not exist", id=customer_id))
    if expected_version is not None and record.version != expected_version:
        raise stale(
            session, msg("customer {number}", number=record.number), customer_id=customer_id
        )
    problems = normalise_customer(customer)
    if problems:
        raise ValidationFailed(problems)
    other = find_customer(session, customer.number)
    if other is not None and other.id != customer_id:
        raise ValidationFailed(
            [
                Problem(
                    "number",
                    msg(
                        "customer number {number} is already taken",
                        number=repr(customer.number),
                    ),
                )
            ]
        )
    before = customer_json(record)
    _copy_into(record, customer)
    changed = sorted(key for key, value in customer_json(record).items() if before[key] != value)
    session.flush()
    if changed:
        # A save that changes nothing moves no version either, so it leaves no row.
        audit.record(
            session,
            audit.CUSTOMER,
            customer_id=record.id,
            detail=f"customer {record.number}: {', '.join(changed)} changed",
        )
    return record


def customer_version(session: Session, customer_id: int) -> int | None:
    """The version an editor remembers, to hand back to ``update_customer``."""
    return session.scalar(select(CustomerRow.version).where(CustomerRow.id == customer_id))


def find_customer(session: Session, number: str) -> CustomerRow | None:
    return session.scalar(select(CustomerRow).where(CustomerRow.number == number))


def list_customers(session: Session, search: str = "") -> list[CustomerRow]:
    query = select(CustomerRow).order_by(CustomerRow.number)
    if search.strip():
        pattern = contains_pattern(search)
        query = query.where(
            or_(
                folded(CustomerRow.name).like(pattern, escape="\\"),
                folded(CustomerRow.number).like(pattern, escape="\\"),
                folded(CustomerRow.org_number).like(pattern, escape="\\"),
                folded(CustomerRow.city).like(pattern, escape="\\"),
            )
        )
    return list(session.scalars(query))


def next_customer_number(session: Session) -> str:
    """The next free numeric customer number (1001 for the first customer)."""
    numbers = [n for n in session.scalars(select(CustomerRow.number)) if n.isdigit()]
    return str(max((int(n) for n in numbers), default=1000) + 1)


def to_domain(record: CustomerRow) -> Customer:
    return Customer(
        number=record.number,
        name=record.name,
        kind=record.kind,
        org_number=record.org_number,
        vat_number=record.vat_number,
        address=Address(record.street, record.postal_code, record.city, record.country),
        emails=list(record.emails or []),
        language=record.language,
        currency=record.currency,
        payment_terms=PaymentTerms.parse(record.payment_terms),
        reminder_fee_agreed=record.reminder_fee_agreed,
        reminders_paused=record.reminders_paused,
        tags=list(record.tags or []),
        peppol_id=record.peppol_id or "",
        buyer_reference=record.buyer_reference or "",
        einvoice_format=record.einvoice_format or "pdf",
    )


def customer_json(record: CustomerRow) -> dict:
    return {
        "number": record.number,
        "name": record.name,
        "kind": record.kind,
        "org_number": record.org_number,
        "vat_number": record.vat_number,
        "address": {
            "street": record.street,
            "postal_code": record.postal_code,
            "city": record.city,
            "country": record.country,
        },
        "emails": list(record.emails or []),
        "language": record.language,
        "currency": record.currency,
        "payment_terms": record.payment_terms,
        "reminder_fee_agreed": record.reminder_fee_agreed,
        "reminders_paused": record.reminders_paused,
        # Set with `finqr reminders policy assign`; None follows the ledger's own policy.
        "reminder_policy": record.reminder_policy,
        "tags": list(record.tags or []),
        "peppol_id": record.peppol_id or "",
        "buyer_reference": record.buyer_reference or "",
        "einvoice_format": record.einvoice_format or "pdf",
        # What `customer update --if-version` compares.
        "version": record.version,
    }


def import_csv(session: Session, path: Path) -> list[CustomerRow]:
    """Add every customer of a CSV file, or none: all problems are raised together.

    Row numbers count the header as row 1, as a spreadsheet shows them. The delimiter
    (comma or semicolon, as Swedish spreadsheets write) is detected from the header.
    """
    rows, problems = _csv_rows(path)
    customers: list[tuple[int, Customer]] = []
    seen: dict[str, int] = {}
    for line_no, data in rows:
        customer, row_problems = customer_from_data(data, row=line_no, from_csv=True)
        problems.extend(row_problems)
        if customer.number in seen:
            problems.append(
                Problem("number", msg("also on row {row}", row=seen[customer.number]), line_no)
            )
        seen.setdefault(customer.number, line_no)
        customers.append((line_no, customer))
    for line_no, customer in customers:
        if customer.number and find_customer(session, customer.number) is not None:
            problems.append(
                Problem(
                    "number",
                    msg("{number} already exists", number=repr(customer.number)),
                    line_no,
                )
            )
    if problems:
        raise ValidationFailed(sorted(problems, key=lambda p: p.row or 0))
    if not customers:
        raise ValidationFailed(
            [Problem("file", msg("{name} has no customer rows", name=path.name), 2)]
        )
    added = [add_customer(session, customer, row=line_no) for line_no, customer in customers]
    logger.info("imported %d customers from %s", len(added), path)
    return added


def _csv_rows(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The file's rows as (row number, values by column), and the rows of the wrong shape.

    A row with too many or too few values is reported and the rest read on, so the clerk
    sees every problem of the file at once; a file that is no CSV at all raises.
    """
    text = _read_text(path)
    if "\x00" in text:
        raise ValidationFailed.single(
            "file", msg("{name} is not a text file (it has NUL bytes)", name=path.name)
        )
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        columns = [c.strip() for c in next(reader, [])]
        if not any(columns):
            raise ValidationFailed.single("file", msg("{name} is empty", name=path.name), 1)
        _check_columns(columns)
        rows, problems = [], []
        for values in reader:
            line_no = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(columns):
                message = msg(
                    "{values} values for {columns} columns",
                    values=len(values),
                    columns=len(columns),
                )
                problems.append(Problem("row", message, line_no))
                continue
            rows.append((line_no, {c: v.strip() for c, v in zip(columns, values, strict=True)}))
    except csv.Error as exc:
        raise ValidationFailed.single(
            "file", msg("not readable as CSV: {reason}", reason=str(exc)), reader.line_num
        ) from None
    return rows, problems


def _check_columns(columns: list[str]) -> None:
    problems = [
        Problem(c, msg("unknown column (known: {known})", known=", ".join(CSV_COLUMNS)), 1)
        for c in columns
        if c not in CSV_COLUMNS and c != "email"
    ]
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    problems += [Problem(c, msg("the column appears twice"), 1) for c in doubled]
    if problems:
        raise ValidationFailed(problems)


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else str(exc)
        raise ValidationFailed.single("file", f"{path}: {reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets on Swedish Windows still save CSV as Windows-1252.
        try:
            return raw.decode("cp1252", errors="strict")
        except UnicodeDecodeError as exc:
            raise ValidationFailed.single(
                "file",
                msg(
                    "{name} is neither UTF-8 nor Windows-1252 text (byte {byte})",
                    name=path.name,
                    byte=exc.start,
                ),
            ) from None


def _copy_into(record: CustomerRow, customer: Customer) -> None:
    record.number = customer.number
    record.name = customer.name
    record.kind = customer.kind
    record.org_number = customer.org_number
    record.vat_number = customer.vat_number
    record.street = customer.address.street
    record.postal_code = customer.address.postal_code
    record.city = customer.address.city
    record.country = customer.address.country or "SE"
    record.emails = list(customer.emails)
    record.language = customer.language
    record.currency = customer.currency
    record.payment_terms = str(customer.payment_terms)
    record.reminder_fee_agreed = customer.reminder_fee_agreed
    record.reminders_paused = customer.reminders_paused
    record.tags = list(customer.tags)
    record.peppol_id = customer.peppol_id
    record.buyer_reference = customer.buyer_reference
    record.einvoice_format = customer.einvoice_format
