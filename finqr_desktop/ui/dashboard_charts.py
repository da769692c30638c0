"""The dashboard's two charts: expected cash in per week with its band, and aging.

Each is a QChartView that draws a snapshot it is given and says which bar was clicked;
hovering a bar shows its figures as a tooltip. The chart theme follows the palette, so
light and dark windows both read; the bar colours are chosen to stand out on either.
Amounts become floats only as chart coordinates, never for arithmetic.
"""

from __future__ import annotations

import logging
import textwrap

from PySide6.QtCharts import (
    QAreaSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QToolTip

from ..domain.date_text import format_day
from ..services.aging import Aging
from ..services.forecast import Forecast
from . import dashboard_text as text
from .labels import invoice_count

logger = logging.getLogger(__name__)

EXPECTED_COLOUR = QColor("#3f7fd9")
BAND_COLOUR = QColor(240, 160, 40, 90)
BAND_EDGE = QColor("#e0901a")
METHOD_LINE = 120
AGING_COLOURS = ("#4caf7a", "#e5b53a", "#e58a3a", "#d9603b", "#b83a3a")


def _tr(source: str) -> str:
    return QCoreApplication.translate("", source)


def is_dark(widget) -> bool:
    return widget.palette().window().color().lightness() < 128


def _scale(largest: float, currency: str) -> tuple[float, str]:
    """A divisor and axis title so the axis shows short numbers."""
    if largest >= 5_000_000:
        return 1_000_000, _tr("Millions of {currency}").format(currency=currency)
    if largest >= 50_000:
        return 1_000, _tr("Thousands of {currency}").format(currency=currency)
    return 1, currency


class _BarChart(QChartView):
    """A chart view with one category axis and one value axis, themed from the palette."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(300)
        self.locale = "sv_SE"
        self.divisor = 1.0

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if is_dark(self)
                       else QChart.ChartTheme.ChartThemeLight)  # fmt: skip
        chart.setBackgroundBrush(self.palette().base())
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        return chart

    def _axes(self, chart: QChart, categories: list[str], largest: float, title: str):
        x_axis = QBarCategoryAxis()
        x_axis.append(categories)
        y_axis = QValueAxis()
        y_axis.setRange(0, max(largest, 1) * 1.1)
        y_axis.applyNiceNumbers()  # round steps (0, 200, 400…) instead of 15114, 11335…
        y_axis.setLabelFormat("%.0f")
        y_axis.setTitleText(title)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        return x_axis, y_axis


class ForecastChart(_BarChart):
    """Expected cash in per week as bars, the band as a shaded area; the method is written
    under the title, on the chart itself."""

    week_clicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.forecast: Forecast | None = None
        self.series: QBarSeries | None = None

    def show_forecast(self, forecast: Forecast, locale: str) -> None:
        self.forecast, self.locale = forecast, locale
        title = _tr("Expected cash in per week, next {weeks} weeks").format(
            weeks=len(forecast.weeks)
        )
        method = "<br>".join(textwrap.wrap(text.forecast_method(forecast), METHOD_LINE))
        chart = self._new_chart(f"<b>{title}</b><br><small>{method}</small>")
        highest = max([float(w.high.amount) for w in forecast.weeks] + [0.0])
        divisor, axis_title = _scale(highest, forecast.currency)
        self.divisor = divisor

        expected = QBarSet(_tr("Expected"))
        expected.setColor(EXPECTED_COLOUR)
        upper, lower = QLineSeries(), QLineSeries()
        for week in forecast.weeks:
            expected.append(float(week.expected.amount) / divisor)
            upper.append(QPointF(week.index, float(week.high.amount) / divisor))
            lower.append(QPointF(week.index, float(week.low.amount) / divisor))
        self.series = QBarSeries()
        self.series.append(expected)
        self.series.hovered.connect(self._hovered)
        self.series.clicked.connect(lambda index, _set: self.week_clicked.emit(index))
        # The area series only points at its two edge lines: they must live as long as it.
        self.band_edges = (upper, lower)
        band = QAreaSeries(upper, lower)
        band.setName(_tr("Uncertainty band"))
        band.setColor(BAND_COLOUR)
        band.setBorderColor(BAND_EDGE)
        band.setPen(QPen(BAND_EDGE, 1, Qt.PenStyle.DashLine))
        chart.addSeries(band)  # first, so the bars are drawn over it
        chart.addSeries(self.series)

        labels = [_tr("w{week}").format(week=w.iso_week) for w in forecast.weeks]
        x_axis, y_axis = self._axes(chart, labels, highest / divisor, axis_title)
        for series in (self.series, band):
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _hovered(self, status: bool, index: int, _bar_set) -> None:
        if not status or self.forecast is None:
            QToolTip.hideText()
            return
        week = self.forecast.weeks[index]
        locale = self.locale
        tip = _tr(
            "Week {week} ({start} – {end})\nExpected: {expected} from {invoices}\n"
            "Band: {low} to {high}\nClick to list the invoices."
        ).format(
            week=week.iso_week, start=format_day(week.start, locale),
            end=format_day(week.end, locale),
            expected=text.money(week.expected, locale), invoices=invoice_count(week.count),
            low=text.money(week.low, locale), high=text.money(week.high, locale),
        )  # fmt: skip
        QToolTip.showText(QCursor.pos(), tip, self)

    def bar_position(self, index: int) -> QPoint:
        """Where week ``index``'s bar is drawn, in viewport coordinates (for tests)."""
        return _bar_centre(self, self.series, index, self.forecast.weeks[index].expected.amount)


class AgingChart(_BarChart):
    """One bar per aging bucket, coloured from not yet due (green) to over 90 days (red)."""

    bucket_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.aging: Aging | None = None
        self.series: QStackedBarSeries | None = None

    def show_aging(self, aging: Aging, locale: str) -> None:
        self.aging, self.locale = aging, locale
        title = _tr("Still due, by days overdue")
        chart = self._new_chart(f"<b>{title}</b>")
        chart.legend().hide()
        highest = max([float(b.amount) for b in aging.buckets] + [0.0])
        divisor, axis_title = _scale(highest, aging.currency)
        self.divisor = divisor
        # Stacked, one set per bucket with a value only in its own column: every bar then
        # has its bucket's colour and the full width of its column.
        self.series = QStackedBarSeries()
        for position, bucket in enumerate(aging.buckets):
            bar_set = QBarSet(text.bucket_label(bucket.key))
            bar_set.setColor(QColor(AGING_COLOURS[position]))
            for column in range(len(aging.buckets)):
                bar_set.append(float(bucket.amount) / divisor if column == position else 0.0)
            self.series.append(bar_set)
        self.series.setBarWidth(0.6)
        self.series.hovered.connect(self._hovered)
        self.series.clicked.connect(
            lambda index, _set: self.bucket_clicked.emit(aging.buckets[index].key)
        )
        chart.addSeries(self.series)
        labels = [text.bucket_label(b.key) for b in aging.buckets]
        x_axis, y_axis = self._axes(chart, labels, highest / divisor, axis_title)
        self.series.attachAxis(x_axis)
        self.series.attachAxis(y_axis)

    def _hovered(self, status: bool, index: int, _bar_set) -> None:
        if not status or self.aging is None:
            QToolTip.hideText()
            return
        bucket = self.aging.buckets[index]
        tip = _tr("{label}: {amount} in {invoices}\nClick to list them.").format(
            label=text.bucket_label(bucket.key), amount=text.money(bucket.figure, self.locale),
            invoices=invoice_count(bucket.count),
        )  # fmt: skip
        QToolTip.showText(QCursor.pos(), tip, self)

    def bar_position(self, index: int) -> QPoint:
        return _bar_centre(self, self.series, index, self.aging.buckets[index].amount)


def _bar_centre(view: _BarChart, series, index: int, amount) -> QPoint:
    height = max(float(amount), 0.0) / view.divisor
    point = view.chart().mapToPosition(QPointF(index, height / 2), series)
    return view.mapFromScene(point)
