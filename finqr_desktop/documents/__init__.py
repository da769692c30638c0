"""Invoice, credit note and reminder PDFs, rendered with ReportLab from plain data.

``invoice_pdf.render_document(DocumentData, Design, blocks) -> bytes`` is the entry point
(``render_invoice(DocumentData, Style, blocks)`` below it); ``model`` holds the input,
``sample`` a realistic invoice and reminder for previews. The package imports only the
domain: services map issued documents and templates onto ``DocumentData`` and ``Design``.
"""
