"""The aging report and the cash forecast as files: PDF, CSV and JSON.

The figures are services.aging's and services.forecast's; this module only lays them out.
Amounts in the company currency are converted at the rates in force on the report's day
(the latest valid on or before it), as on the dashboard; an invoice in a currency without
a rate keeps its own amount and an empty converted one, and the totals say which
currencies they leave out.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..documents.report_model import AgingDocument, AgingGroup, AgingRow
from .aging import BUCKETS, Aging, AgingInvoice, aging, aging_invoices
from .company import require_company
from .documents import seller_of
from .exchange_rates import rates_on
from .forecast import Forecast
from .report_csv import csv_bytes
from .templates import current_design

logger = logging.getLogger(__name__)

AGING_COLUMNS = (
    "bucket",
    "invoice",
    "customer",
    "customer_name",
    "due_date",
    "days_overdue",
    "currency",
    "remaining",
    "converted",
)
FORECAST_COLUMNS = ("week", "iso_week", "start", "end", "expected", "low", "high", "invoices")


@dataclass(frozen=True)
class AgingReport:
    summary: Aging
    invoices: dict[str, list[AgingInvoice]]


def aging_report(session: Session, today: dt.date, *, customer_id: int | None = None):
    """The buckets and the invoices behind each, read at one set of rates: those in force
    on ``today``."""
    rates = rates_on(session, today)
    summary = aging(session, today, customer_id=customer_id, rates=rates)
    invoices = {
        rule.key: aging_invoices(session, today, rule.key, customer_id=customer_id, rates=rates)
        for rule in BUCKETS
    }
    return AgingReport(summary, invoices)


def aging_json(report: AgingReport) -> dict:
    summary = report.summary
    return {
        "today": summary.today.isoformat(),
        "currency": summary.currency,
        "total": str(summary.total.amount),
        "missing_rates": list(summary.total.missing_rates),
        "buckets": [
            {
                "bucket": bucket.key,
                "label": bucket.label,
                "count": bucket.count,
                "amount": str(bucket.amount),
                "invoices": [_invoice_json(row) for row in report.invoices[bucket.key]],
            }
            for bucket in summary.buckets
        ],
    }


def _invoice_json(row: AgingInvoice) -> dict:
    return {
        "invoice": row.number,
        "customer": row.customer_number,
        "customer_name": row.customer_name,
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "days_overdue": row.days_overdue,
        "currency": row.currency,
        "remaining": str(row.remaining),
        "converted": None if row.converted is None else str(row.converted),
    }


def aging_csv(report: AgingReport) -> bytes:
    rows = [
        {
            "bucket": key,
            "invoice": row.number,
            "customer": row.customer_number,
            "customer_name": row.customer_name,
            "due_date": row.due_date,
            "days_overdue": row.days_overdue,
            "currency": row.currency,
            "remaining": row.remaining,
            "converted": row.converted,
        }
        for key, found in report.invoices.items()
        for row in found
    ]
    return csv_bytes(AGING_COLUMNS, rows)


def aging_pdf(session: Session, report: AgingReport) -> bytes:
    from ..documents.aging_pdf import render_aging

    company = require_company(session)
    summary = report.summary
    groups = tuple(
        AgingGroup(
            bucket.key,
            bucket.amount,
            tuple(
                AgingRow(
                    row.number,
                    f"{row.customer_number} {row.customer_name}",
                    row.due_date,
                    row.days_overdue,
                    row.remaining,
                    row.currency,
                    row.converted,
                )
                for row in report.invoices[bucket.key]
            ),
        )
        for bucket in summary.buckets
    )
    document = AgingDocument(
        seller=seller_of(company, company.language),
        language=company.language,
        today=summary.today,
        currency=summary.currency,
        groups=groups,
        total=summary.total.amount,
        missing_rates=summary.total.missing_rates,
    )
    return render_aging(document, current_design(session)[1])


def forecast_json(forecast: Forecast) -> dict:
    return {
        "today": forecast.today.isoformat(),
        "currency": forecast.currency,
        "method": forecast.method,
        "weeks": [
            {
                "week": week.index,
                "iso_week": week.iso_week,
                "start": week.start.isoformat(),
                "end": week.end.isoformat(),
                "expected": str(week.expected.amount),
                "low": str(week.low.amount),
                "high": str(week.high.amount),
                "invoices": week.count,
            }
            for week in forecast.weeks
        ],
        "later": str(forecast.later.amount),
        "missing_rates": sorted(
            {c for week in forecast.weeks for c in week.expected.missing_rates}
            | set(forecast.later.missing_rates)
        ),
    }


def forecast_csv(forecast: Forecast) -> bytes:
    rows = [
        {
            "week": week.index,
            "iso_week": week.iso_week,
            "start": week.start,
            "end": week.end,
            "expected": week.expected.amount,
            "low": week.low.amount,
            "high": week.high.amount,
            "invoices": week.count,
        }
        for week in forecast.weeks
    ]
    rows.append({"week": "later", "expected": forecast.later.amount})
    return csv_bytes(FORECAST_COLUMNS, rows)
