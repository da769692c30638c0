"""The aging report as PDF: the buckets' totals, then the invoices behind each bucket.

An office document, in the company's language and design: every page has the running
head of an invoice's later pages and its footer, but no address window.
"""

from __future__ import annotations

import logging

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..domain.templates import Design
from .design import style_for
from .formatting import Formatter
from .layout import theme_for
from .report_model import AgingDocument, AgingGroup
from .report_pdf import build_pdf, page_context
from .report_table import Column, ReportTable, Row
from .strings import Strings, strings_for
from .text_block import TextBlock

logger = logging.getLogger(__name__)

GAP = 6 * mm


def render_aging(data: AgingDocument, design: Design | None = None) -> bytes:
    style = style_for(design or Design())
    theme = theme_for(style)
    strings = strings_for(data.language)
    fmt = Formatter(strings, data.currency)
    title = strings.get("aging_report")
    page = page_context(data, style, theme, strings, title)

    heading = f"{title}, {strings.get('as_of').lower()} {fmt.date(data.today)}"
    flowables: list[Flowable] = [_heading(theme, heading), _summary(theme, strings, fmt, data)]
    if data.missing_rates:
        note = strings.get("no_rate", currencies=", ".join(data.missing_rates))
        flowables.append(TextBlock(theme, "", [theme.clean(note)]))
    for group in data.groups:
        if not group.rows:
            continue
        flowables += [
            Spacer(1, GAP),
            _heading(theme, _bucket_label(strings, group.key)),
            _invoices(theme, strings, fmt, group),
        ]
    return build_pdf(page, flowables, letterhead=False)


def _bucket_label(strings: Strings, key: str) -> str:
    return strings.get(f"bucket_{key.replace('-', '_')}")


def _heading(theme, text: str) -> Flowable:
    heading = TextBlock(theme, theme.clean(text), [])
    heading.keepWithNext = True
    return heading


def _summary(theme, strings: Strings, fmt: Formatter, data: AgingDocument) -> Flowable:
    columns = (
        Column(""),
        Column(strings.get("invoices"), 30, "right"),
        Column(strings.get("converted_at", currency=data.currency), 60, "right"),
    )
    rows = [
        Row((_bucket_label(strings, group.key), str(len(group.rows)), fmt.number(group.total)))
        for group in data.groups
    ]
    count = sum(len(group.rows) for group in data.groups)
    rows.append(Row((strings.get("total"), str(count), fmt.number(data.total)), emphasis=True))
    return ReportTable(theme, columns, tuple(rows))


def _invoices(theme, strings: Strings, fmt: Formatter, group: AgingGroup) -> Flowable:
    columns = (
        Column(strings.get("invoice_number"), 26),
        Column(strings.get("customer")),
        Column(strings.get("due_on"), 21),
        Column(strings.get("days_overdue"), 17, "right"),
        Column(strings.get("open_amount"), 30, "right"),
        Column(fmt.currency, 24, "right"),
    )
    rows = []
    for row in group.rows:
        own = Formatter(strings, row.currency)
        converted = "" if row.converted is None else fmt.number(row.converted)
        rows.append(
            Row(
                (
                    row.number,
                    row.customer,
                    fmt.date(row.due_date),
                    str(row.days_overdue) if row.days_overdue else "",
                    own.money(row.remaining),
                    converted,
                )
            )
        )
    rows.append(
        Row((strings.get("total"), "", "", "", "", fmt.number(group.total)), emphasis=True)
    )
    return ReportTable(theme, columns, tuple(rows))
