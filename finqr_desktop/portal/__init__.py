"""The static customer portal: one private page per customer, built as plain files.

This package renders and publishes; it knows nothing of the ledger. ``services.portal_*``
gather each customer's figures into the plain values of ``model`` and hand them here.
"""
