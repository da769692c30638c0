"""A customer's account statement as PDF, in the company's design and the customer's language.

Per currency: the movements of the period between the opening and the closing balance,
then the items still open at the end of it with their total, which is the closing balance.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..domain.templates import Design
from .design import style_for
from .formatting import Formatter
from .layout import theme_for
from .report_model import Movement, OpenEntry, StatementDocument, StatementSection
from .report_pdf import build_pdf, page_context
from .report_table import Column, ReportTable, Row
from .strings import Strings, strings_for
from .text_block import TextBlock

logger = logging.getLogger(__name__)

GAP = 6 * mm


def render_statement(data: StatementDocument, design: Design | None = None) -> bytes:
    """The statement PDF; the box at the top shows the first currency's closing balance
    (a customer billed in several currencies reads the others in their own sections)."""
    style = style_for(design or Design())
    theme = theme_for(style)
    strings = strings_for(data.language)
    first = Formatter(strings, data.currency)
    facts = (
        (strings.get("customer_number"), theme.clean(data.buyer.customer_number)),
        (strings.get("statement_period"), f"{first.date(data.start)} – {first.date(data.end)}"),
    )
    highlights = ()
    if data.sections:
        highlights = (
            (strings.get("closing_balance"), first.money(data.sections[0].closing)),
            (strings.get("as_of"), first.date(data.end)),
        )
    page = page_context(data, style, theme, strings, strings.get("statement"), facts, highlights)

    flowables: list[Flowable] = []
    for section in data.sections:
        formatter = Formatter(strings, section.currency)
        if len(data.sections) > 1:
            flowables.append(_heading(theme, section.currency))
        flowables += [
            ReportTable(
                theme,
                _movement_columns(strings),
                _movement_rows(section, strings, formatter, data),
            ),
            Spacer(1, GAP),
        ]
        if section.open_items:
            title = strings.get("open_items", date=formatter.date(data.end))
            flowables += [
                _heading(theme, title),
                ReportTable(
                    theme, _open_columns(strings), _open_rows(section, strings, formatter)
                ),
                Spacer(1, GAP),
            ]
    if not data.sections:
        flowables.append(_heading(theme, strings.get("no_movements")))
    return build_pdf(page, flowables, letterhead=True)


def _heading(theme, text: str) -> Flowable:
    heading = TextBlock(theme, theme.clean(text), [])
    heading.keepWithNext = True
    return heading


def _movement_columns(strings: Strings) -> tuple[Column, ...]:
    return (
        Column(strings.get("statement_date"), 24),
        Column(strings.get("description")),
        Column(strings.get("amount"), 30, "right"),
        Column(strings.get("balance"), 30, "right"),
    )


def _movement_rows(section: StatementSection, strings, fmt: Formatter, data) -> tuple[Row, ...]:
    rows = [
        Row(
            (
                fmt.date(data.start),
                strings.get("opening_balance"),
                "",
                fmt.number(section.opening),
            ),
            emphasis=True,
        )
    ]
    for movement in section.movements:
        amount = "" if movement.info is not None else fmt.number(movement.amount)
        rows.append(
            Row(
                (
                    fmt.date(movement.date),
                    describe(movement, strings, fmt),
                    amount,
                    fmt.number(movement.balance),
                )
            )
        )
    if not section.movements:
        rows.append(Row(("", strings.get("no_movements"), "", "")))
    rows.append(
        Row(
            (fmt.date(data.end), strings.get("closing_balance"), "", fmt.number(section.closing)),
            emphasis=True,
        )
    )
    return tuple(rows)


def describe(movement: Movement, strings: Strings, fmt: Formatter) -> str:
    """A movement in the reader's words: "Faktura 2026-0002", "Inbetalning, tack (…)"."""
    number = movement.reference
    if movement.kind == "payment":
        text = strings.get("movement_payment")
        return f"{text} ({number})" if number else text
    if movement.kind == "credit_used":
        text = strings.get("movement_credit_used", amount=fmt.money(movement.info or 0))
        return f"{text} ({number})" if number else text
    if movement.kind == "refund":
        # A refund's reference is the clerk's note on it (the transfer's reference).
        text = strings.get("movement_refund")
        return f"{text} ({number})" if number else text
    return strings.get(f"movement_{movement.kind}", number=number)


def _open_columns(strings: Strings) -> tuple[Column, ...]:
    return (
        Column(strings.get("statement_date"), 21),
        Column(strings.get("description")),
        Column(strings.get("due_on"), 21),
        Column(strings.get("days_overdue"), 17, "right"),
        Column(strings.get("amount"), 24, "right"),
        Column(strings.get("open_amount"), 24, "right"),
    )


def _open_rows(section: StatementSection, strings: Strings, fmt: Formatter) -> tuple[Row, ...]:
    rows = [
        Row(
            (
                fmt.date(item.date),
                _open_text(item, strings),
                fmt.date(item.due_date),
                str(item.days_overdue) if item.days_overdue else "",
                fmt.number(item.amount),
                fmt.number(item.open),
            )
        )
        for item in section.open_items
    ]
    total = sum((item.open for item in section.open_items), Decimal(0))
    rows.append(Row(("", strings.get("open_total"), "", "", "", fmt.number(total)), emphasis=True))
    return tuple(rows)


def _open_text(item: OpenEntry, strings: Strings) -> str:
    if item.kind == "customer_credit":
        return strings.get("customer_credit")
    return strings.get(f"movement_{item.kind}", number=item.reference)
