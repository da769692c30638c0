"""Use cases: each takes a session from the caller, who owns the transaction."""
