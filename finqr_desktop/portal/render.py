"""Customer pages as HTML, through Jinja2 with autoescaping on every template.

Templates are package data (``resources/portal``), read through importlib.resources.
Autoescaping is what keeps a customer name like ``<script>`` as text: no value reaches the
page unescaped, and the templates mark nothing safe but the QR code's own SVG.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.resources import files

from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .contrast import WHITE, readable_on
from .model import STATUSES, CustomerPage
from .qr_svg import qr_svg
from .texts import Texts

logger = logging.getLogger(__name__)

ROBOTS_TXT = "User-agent: *\nDisallow: /\n"
# The contact box's background in portal.css.
BOX_BACKGROUND = "#F4F6F8"


def _template_source(name: str) -> str:
    return (files("finqr_desktop.resources") / "portal" / name).read_text(encoding="utf-8")


@cache
def environment() -> Environment:
    return Environment(
        loader=FunctionLoader(_template_source),
        # Every template, whatever its name: .html, .css and .txt alike are escaped.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def colours(page: CustomerPage) -> dict[str, str]:
    """The brand colours made readable: the header's white text on the primary colour,
    links and headings in the accent and primary colours on white, all at WCAG AA."""
    primary = readable_on(page.brand.primary, WHITE)
    # Links also sit in the contact box, whose grey is the darker of the two backgrounds.
    return {"primary": primary, "accent": readable_on(page.brand.accent, BOX_BACKGROUND)}


def _style(shades: dict[str, str]) -> Markup:
    # The style sheet is our own text and its only values are colours that readable_on
    # wrote as #RRGGBB, so it is safe to place inside <style> as it is.
    return Markup(environment().get_template("portal.css").render(colours=shades))


def render_page(page: CustomerPage) -> str:
    """The customer's ``index.html``."""
    texts = Texts(page.language)
    status_text = {status: texts.get(f"status_{status}") for status in STATUSES}
    open_currencies: dict[str, object] = {}
    for invoice in page.invoices:
        if invoice.remaining > 0:
            open_currencies[invoice.currency] = (
                open_currencies.get(invoice.currency, 0) + invoice.remaining
            )
    template = environment().get_template("customer.html")
    html = template.render(
        page=page,
        t=texts.get,
        money=texts.money,
        date=texts.date,
        lang=texts.language,
        status_text=lambda status: status_text.get(status, status_text["unpaid"]),
        to_pay=sorted(open_currencies.items()),
        payable=[invoice for invoice in page.invoices if invoice.payment is not None],
        qr=lambda invoice: qr_svg(
            invoice.payment.qr_modules, texts.get("qr_label", number=invoice.number)
        ),
        style=_style(colours(page)),
    )
    logger.debug("rendered the portal page of customer %s", page.customer_number)
    return html


def render_root(language: str, brand_primary: str) -> str:
    """The site's own ``index.html``: says nothing, so that a web host listing folders
    never shows the customers' tokens."""
    texts = Texts(language)
    colours_ = {"primary": readable_on(brand_primary, WHITE), "accent": "#000000"}
    return (
        environment()
        .get_template("root.html")
        .render(
            t=texts.get,
            lang=texts.language,
            style=_style(colours_),
        )
    )
