"""FINQR Desktop: invoicing, reminders and payments for small businesses."""

__version__ = "0.1.0"
