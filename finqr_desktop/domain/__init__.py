"""The ledger's rules in pure Python: no Qt, no SQLAlchemy, no I/O."""
