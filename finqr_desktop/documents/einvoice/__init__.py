"""E-invoice files from an issued document: Peppol BIS 3 UBL, Factur-X CII and its PDF/A-3.

The builders take the plain ``domain.einvoice.EInvoice`` and check its sums before writing
anything (``domain.einvoice_rules``); the services layer makes the model from the ledger.
"""
