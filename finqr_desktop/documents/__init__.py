"""Invoice and credit note PDFs, rendered with ReportLab from plain data.

``invoice_pdf.render_invoice(DocumentData, Style) -> bytes`` is the entry point; ``model``
holds its input, ``sample`` a realistic invoice for previews. The package imports only the
domain: services map issued invoices and templates onto ``DocumentData`` and ``Style``.
"""
